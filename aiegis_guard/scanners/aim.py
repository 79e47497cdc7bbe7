"""Aim: does a text point an instruction anywhere, or only talk about wallets?

The classifier learnt wallet words from wallet attacks, and the drainer phrases name what
explanations name too (approvals, permits, sweeps). On prose about wallets that points nowhere
(:func:`mentions_only`: no address or amount, no agents addressed, no earlier instructions
overridden) their findings need more: the classifier's score is no finding, a drainer phrase
needs its sentence to ask for an act (:func:`asks_at`, the intent stage's parse).
"""

from __future__ import annotations

import bisect
import functools
import re

import ahocorasick

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners import intent_words as w
from aiegis_guard.scanners.intent import has_recipient, judge
from aiegis_guard.textcache import digest_cached

__all__ = ["aimed", "asks_at", "mentions_only", "overlaps", "reported", "unquoted", "wallet_talk"]

_AIMED = (p.ADDRESSEE_RE, p.OVERRIDE_RE)
_SELECTOR = re.compile(r"0x[0-9a-f]{8}", re.IGNORECASE)  # a function selector: no target


def aimed(text: str) -> bool:
    """Does ``text`` point an instruction anywhere: a target (an address, an amount, "all
    funds", a new wallet), a recipient, agents or bots addressed, or earlier instructions
    overridden? Prose that only *talks about* wallets, keys, permits or approvals does none of
    these. A claim of authority is no aim: warnings name the support team too."""
    if has_recipient(text) or any(rx.search(text) for rx in _AIMED):
        return True
    return any(not _SELECTOR.fullmatch(m.group()) for m in p.TARGET_RE.finditer(text))


def mentions_only(text: str) -> bool:
    """Text about wallets that points nowhere (:func:`wallet_talk` without :func:`aimed`):
    an explanation, a warning, docs. The classifier's score is no finding on it: the model
    learnt wallet words from wallet attacks. What a warning quotes (:func:`reported`) is not
    where it points."""
    return wallet_talk(text) and not aimed(unquoted(text))


FRAME_BEFORE = 600
FRAME_AFTER = 300
# quotation marks that open and close reported speech; a Markdown quote block is a run of
# lines that start with ">"
_QUOTE_RE = re.compile(
    r'(?=["“„«»「『‘>])(?:"[^"\n]{20,}"|“[^”]{20,}”|„[^“”]{20,}[“”]|«[^»]{20,}»|»[^«]{20,}«|「[^」]{20,}」|'
    r"『[^』]{20,}』|‘[^’]{20,}’|(?:^>[^\n]*(?:\n|$))+)",
    re.MULTILINE,
)


def reported(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that it quotes as someone else's words: quoted passages (20+
    characters, or a "> " block) in a text framed as a scam warning, incident report or
    security write-up outside its quotes ("Several members received this DM (copied verbatim,
    do NOT follow it): …"). An attacker's lure that quotes its own order is not framed so."""
    if text.lstrip()[:1] in ("{", "["):
        return ()  # a JSON document: its quotes are keys and values, not reported speech
    return _reported(text) if _QUOTE_START_RE.search(text) else ()


@digest_cached(maxsize=8)
def _reported(text: str) -> tuple[tuple[int, int], ...]:
    """The quotes with a frame word (outside every quote) at most ``FRAME_BEFORE`` characters
    before or ``FRAME_AFTER`` after them: a frame far away in a long text (a scam warning 50 KB
    earlier) frames nothing here."""
    spans = [m.span() for m in _QUOTE_RE.finditer(text) if not _json_string(text, *m.span())]
    if not spans:
        return ()
    starts = [start for start, _ in spans]
    frames = [at for at in _frame_starts(text) if not _within(spans, starts, at)]
    if not frames:
        return ()
    return tuple(
        (a, b)
        for a, b in spans
        if _any_in(frames, a - FRAME_BEFORE, a) or _any_in(frames, b, b + FRAME_AFTER)
    )


def _json_string(text: str, a: int, b: int) -> bool:
    """A JSON key or value, not a quotation: ``{"k": "v"}``, ``["v", …]``."""
    if text[a] != '"':
        return False
    before = text[max(0, a - 8) : a].rstrip()
    return before.endswith(("{", "[", ",", '":')) or text[b : b + 8].lstrip().startswith(":")


def _frame_starts(text: str) -> list[int]:
    """Where a frame word (:data:`~.intent_words.SCAM_FRAME_WORDS`) starts in ``text``, from
    one automaton pass (the regex alternation costs ~0.7 s on a megabyte of prose)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters change length when lower-cased
        return [m.start() for m in p.SCAM_FRAME_RE.finditer(text)]
    out = []
    for end, (word, any_end) in _frames().iter(low):
        start = end - len(word) + 1
        if not w.is_unspaced(word[0]) and (
            (start and low[start - 1].isalnum())
            or (not any_end and end + 1 < len(low) and low[end + 1].isalnum())
        ):
            continue
        out.append(start)
    return sorted(out)


@functools.cache
def _frames() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word, any_end in w.frame_words():
        auto.add_word(word, (word, any_end))
    auto.make_automaton()
    return auto


def _within(spans: list[tuple[int, int]], starts: list[int], at: int) -> bool:
    i = bisect.bisect_right(starts, at) - 1
    return i >= 0 and at < spans[i][1]


def _any_in(positions: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(positions, lo)
    return i < len(positions) and positions[i] < hi


_QUOTE_START_RE = re.compile(r'["“„«»「『‘]|^>', re.MULTILINE)


def overlaps(spans: tuple[tuple[int, int], ...], start: int, end: int) -> bool:
    """Does ``[start, end)`` overlap one of ``spans``?"""
    return any(a < end and start < b for a, b in spans)


def unquoted(text: str, spans: tuple[tuple[int, int], ...] | None = None) -> str:
    """``text`` with what it reports (``spans``, default :func:`reported`) blanked, same
    length."""
    spans = reported(text) if spans is None else spans
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for a, b in spans:
        parts += (text[last:a], " " * (b - a))
        last = b
    parts.append(text[last:])
    return "".join(parts)


def asks_at(text: str, start: int, end: int) -> bool:
    """Does the sentence holding ``text[start:end]`` ask anyone to act (a directive of any
    score: "Sign this message to claim…", "call fastSend() instead")? A description ("the
    holder signs an EIP-712 message"), a changelog line, a heading or a question to the reader
    ("Does the pop-up say approve or permit?") does not; a polite request ("Could you sign…?")
    does."""
    lo = max((text.rfind(c, 0, start) for c in ".!?\n。！？"), default=-1) + 1
    ends = [i for c in ".!?\n。！？" if (i := text.find(c, end)) != -1]
    sentence = text[lo : min(ends) + 1 if ends else len(text)]
    if sentence.rstrip().endswith(("?", "？")) and not _REQUEST_RE.match(sentence):
        return False
    return judge(sentence) is not None


_REQUEST_RE = re.compile(r"\W*(?:can|could|would|will)\s+you\b", re.IGNORECASE)


def wallet_talk(text: str) -> bool:
    """Does ``text`` talk about wallets, keys, tokens or transactions (in any covered
    language)? The classifier learnt these words from wallet attacks: on such prose its
    score needs an aim (:func:`aimed`) to be a finding."""
    return p.WALLET_TALK_RE.search(text) is not None
