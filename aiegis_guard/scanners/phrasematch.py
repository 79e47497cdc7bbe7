"""Phrase rules: one Aho-Corasick pass over a lower-cased layer, then cheap local checks.

A rule is a :class:`Phrase`: a name (``override.ignore_previous``), a language and a few
*parts*, each a ``|``-separated list of alternatives (terms and ``@slots``: see
:mod:`aiegis_guard.scanners.phraseterms`). One part (``anchor``, the rarest; default the
first) goes into one automaton shared by every rule (built lazily, once); the others are
checked with one small regex each on a window around the anchor:

* in order (default): each part follows (or, before the anchor, precedes) the previous one
  within ``gap`` characters, so ``ignore all of the previous instructions`` and ``ignore
  previous instructions`` both match ``ignore`` -> ``previous`` -> ``instruction*``;
* ``free=True``: each part lies anywhere within ``gap`` characters of the anchor, before or
  after it — word order differs between languages and between active and passive voice
  (``the deposit address has changed to 0x..`` / ``an 0x.. geändert`` / ``0x.. is our new
  deposit address``).

``imp=True``: the first part must start a clause (an imperative: ``Output the seed phrase``,
not ``the app will output the seed phrase``). ``read=True``: the rule is about content the
agent *reads* (a tool output saying "use this address instead"); the same words from the user
(``Source.PROMPT``) are the user's own choice and are not reported.

Runs of spaces count as one space (``system  prompt``). A ``negatable`` rule is skipped when
its sentence says no (``never share your seed phrase``, ``anyone asking you to ...``, ``gib
... niemals``): docs that talk *about* an attack are not one. ``unless`` words cancel a match
(``use the official bridge instead``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from aiegis_guard.findings import Category
from aiegis_guard.scanners.phraseindex import AnchorIndex
from aiegis_guard.scanners.phraseterms import (
    AMOUNT_RE,
    Part,
    Term,
    bounded,
    clause_start,
    is_wordy,
    lowered,
    part,
    squeeze,
    terms,
)

__all__ = ["AMOUNT_RE", "Hit", "P", "Phrase", "find", "lowered", "phrases"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One rule: ``parts[anchor]`` is looked up, the others lie within ``gap`` characters."""

    name: str
    lang: str
    parts: tuple[str | tuple[str, ...], ...]
    gap: int = 40
    negatable: bool = False
    unless: tuple[str, ...] = ()
    anchor: int = 0
    free: bool = False
    imp: bool = False
    read: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}.{self.lang}"

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]


def P(  # noqa: N802
    name: str,
    lang: str,
    *parts: str | tuple[str, ...],
    gap: int = 40,
    neg: bool = False,
    unless: str = "",
    anchor: int = 0,
    free: bool = False,
    imp: bool = False,
    read: bool = False,
) -> Phrase:
    """Declare a phrase rule (see the module docstring; a tuple part lists literal terms).

    ``unless``: ``|``-separated words that cancel a match when they occur inside it or just
    after it (``use the official bridge instead``). ``anchor``: the part looked up in the
    automaton (pick the rarest; never a slot); earlier parts are searched backwards from it.
    """
    words = tuple(w for w in unless.split("|") if w)
    return Phrase(name, lang, parts, gap, neg, words, anchor, free, imp, read)


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched rule: span in the layer text and the terms that matched, in text order."""

    phrase: Phrase
    category: Category
    start: int
    end: int
    terms: tuple[str, ...]


# negation / warning cues, matched by the same automaton pass (rule index -1)
_NEG_CUES = (
    "never|not|no|nobody|avoid|beware|drainer*|attacker*|hacker*|victim*|scam*|phish*|fraud*|"
    "trick*|asking for|will ask|would ask|lets you|allows you to|enables you to|"
    "ask you to|asks you to|asking you to|asked you to|ask users to|asks users to|"
    "ask them to|asks them to|ask people to|don't|doesn't|didn't|can't|won't|isn't|aren't|"
    "shouldn't|wouldn't|mustn't|nunca|jamás|jamas|ni|никогда|не|ни|мошенн*|niemals|nie|nicht|"
    "kein*|ne|pas|n'*|arnaque*|não|nao|golp*|不要|切勿|绝不|永远不|请勿|千万|别|勿|不会|不得|骗"
)
_SENTENCE_END_RE = re.compile("[.!?;\n。！？；]")
_NEG_LOOKBACK = 80
_LOOKAHEAD = 24
_NEG_LOOKAHEAD = 10  # German V2: "gib deinen Schlüssel niemals ..."


@dataclass(frozen=True, slots=True)
class _Compiled:
    phrase: Phrase
    category: Category
    before: tuple[Part, ...]  # parts before the anchor, nearest first (free: all the others)
    after: tuple[Part, ...]


def _accept(low: str, part: Part, m: re.Match[str], hi: int) -> bool:
    """A word term needs its boundaries; a slot must not be cut by the window end ``hi``."""
    term = part.terms.get(m.group())
    if term is not None:
        return bounded(low, m.start(), term)
    return m.end() < hi or hi == len(low) or not low[hi].isalnum()


def _window(low: str, lo: int, start: int, end: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` cut at the paragraph breaks around ``low[start:end]``."""
    lo, hi = max(0, lo), min(len(low), hi)
    p = low.rfind("\n", lo, start)
    q = low.find("\n", end, hi)
    return (lo if p < 0 else p + 1), (hi if q < 0 else q)


def _next_part(low: str, part: Part, pos: int, gap: int) -> tuple[int, int]:
    """Earliest match of ``part`` starting in ``[pos, pos + gap]``; (-1, -1) if none."""
    _lo, hi = _window(low, pos, pos, pos, pos + gap + part.longest)
    for m in part.regex.finditer(low, pos, hi):
        if m.start() > pos + gap:
            break
        if _accept(low, part, m, hi):
            return m.span()
    return -1, -1


def _prev_part(low: str, part: Part, pos: int, gap: int) -> tuple[int, int]:
    """Nearest match of ``part`` ending in ``[pos - gap, pos]``; (-1, -1) if none."""
    best = (-1, -1)
    lo, _hi = _window(low, pos - gap - part.longest, pos, pos, pos)
    for m in part.regex.finditer(low, lo, pos):
        if m.end() >= pos - gap and _accept(low, part, m, pos):
            best = m.span()
    return best


def _near_part(low: str, part: Part, start: int, end: int, gap: int) -> tuple[int, int]:
    """Nearest match of ``part`` within ``gap`` characters of ``low[start:end]``, either side."""
    lo, hi = _window(low, start - gap - part.longest, start, end, end + gap + part.longest)
    best, dist = (-1, -1), gap + 1
    for m in part.regex.finditer(low, lo, hi):
        s, e = m.span()
        if s > end + gap:
            break
        d = start - e if e <= start else s - end if s >= end else -1
        if 0 <= d < dist and _accept(low, part, m, hi):
            best, dist = (s, e), d
    return best


def _sentence_end(low: str, end: int, ahead: int = _LOOKAHEAD) -> int:
    """Where the sentence holding ``end`` stops, looking at most ``ahead`` further."""
    hi = min(len(low), end + ahead)
    m = _SENTENCE_END_RE.search(low, end, hi)
    return m.start() if m else hi


def _negated(low: str, start: int, end: int, cues: list[int]) -> bool:
    """A negation or warning cue (``cues``: their start positions, sorted) in the sentence
    around the match: ``never share your ...``, ``gib deinen Schlüssel niemals ...``."""
    lo = max(0, start - _NEG_LOOKBACK)
    i = bisect_left(cues, lo)
    if i == len(cues) or cues[i] >= end + _NEG_LOOKAHEAD:
        return False
    for m in _SENTENCE_END_RE.finditer(low, lo, start):
        lo = m.end()
    i = bisect_left(cues, lo)
    return i < len(cues) and cues[i] < _sentence_end(low, end, _NEG_LOOKAHEAD)


def _cancelled(low: str, phrase: Phrase, start: int, end: int) -> bool:
    tail = low[start : _sentence_end(low, end)]
    return any(word in tail for word in phrase.unless)


def _extend(rule: _Compiled, low: str, start: int, end: int, cues: list[int]) -> Hit | None:
    """Check the parts around an anchor match at ``low[start:end]`` (in order)."""
    if rule.phrase.free:
        return _extend_free(rule, low, start, end, cues)
    gap = rule.phrase.gap
    anchor = low[start:end]
    before: list[str] = []
    after: list[str] = []
    for p in rule.before:
        s, e = _prev_part(low, p, start, gap)
        if s < 0 or low[s:e] == anchor:
            return None
        before.append(low[s:e])
        start = s
    for p in rule.after:
        s, end = _next_part(low, p, end, gap)
        if s < 0 or low[s:end] == anchor:
            return None
        after.append(low[s:end])
    return _finish(rule, low, (start, end, start), (*reversed(before), anchor, *after), cues)


def _extend_free(rule: _Compiled, low: str, start: int, end: int, cues: list[int]) -> Hit | None:
    """Check the parts of a ``free`` rule: each within ``gap`` of the anchor, either side."""
    spans = []
    for p in rule.before:
        s, e = _near_part(low, p, start, end, rule.phrase.gap)
        if s < 0:
            return None
        spans.append((s, e))
    first = spans[0][0] if rule.phrase.anchor else start
    spans.append((start, end))
    spans.sort()
    if any(s < prev_end for (s, _e), (_s, prev_end) in zip(spans[1:], spans, strict=False)):
        return None  # two parts on the same words
    words = tuple(low[s:e] for s, e in spans)
    return _finish(rule, low, (spans[0][0], max(e for _s, e in spans), first), words, cues)


def _finish(
    rule: _Compiled, low: str, where: tuple[int, int, int], words: tuple[str, ...], cues: list[int]
) -> Hit | None:
    """The common checks (clause start, negation, ``unless``) on a match ``(start, end,
    start of the first part)``."""
    start, end, first = where
    phrase = rule.phrase
    if phrase.imp and not clause_start(low, first):
        return None
    if phrase.negatable and _negated(low, start, end, cues):
        return None
    if phrase.unless and _cancelled(low, phrase, start, end):
        return None
    while end < len(low) and is_wordy(low[end]):  # a stem match spans its whole word
        end += 1
    return Hit(phrase, rule.category, start, end, words)


def _compiled(phrase: Phrase, category: Category) -> _Compiled:
    parts = [part(p) for p in phrase.parts]
    if phrase.free:
        others = tuple(parts[: phrase.anchor] + parts[phrase.anchor + 1 :])
        return _Compiled(phrase, category, others, ())
    before = tuple(reversed(parts[: phrase.anchor]))
    return _Compiled(phrase, category, before, tuple(parts[phrase.anchor + 1 :]))


class _Book:
    """The compiled phrase book: the rules and one :class:`AnchorIndex` over their anchors."""

    def __init__(self, tables: Iterable[tuple[Category, Iterable[Phrase]]]) -> None:
        self.rules: list[_Compiled] = []
        anchors: list[tuple[int, Term]] = [(-1, t) for t in terms(_NEG_CUES)]
        for category, table in tables:
            for phrase in table:
                words = terms(phrase.parts[phrase.anchor])
                if not words:
                    raise ValueError(f"{phrase.id}: the anchor part needs words, not only slots")
                anchors += [(len(self.rules), t) for t in words]
                self.rules.append(_compiled(phrase, category))
        self.index = AnchorIndex(anchors)

    def match(self, low: str) -> list[Hit]:
        found = self.index.matches(low)
        cues = sorted(start for start, g in found if g[3])
        hits = []
        for start, (term, _offset, rules, _cue) in found:
            end = start + len(term.text)
            for index in rules:
                hit = _extend(self.rules[index], low, start, end, cues)
                if hit is not None:
                    hits.append(hit)
        return hits


@lru_cache(maxsize=1)
def _book() -> _Book:
    from aiegis_guard.scanners.drainer_phrasebook import DRAINER
    from aiegis_guard.scanners.drainer_phrasebook_i18n import DRAINER_I18N
    from aiegis_guard.scanners.phrasebook import INJECTION
    from aiegis_guard.scanners.phrasebook_i18n import INJECTION_I18N
    from aiegis_guard.scanners.wallet_phrasebook import WALLET_DRAINER, WALLET_INJECTION
    from aiegis_guard.scanners.wallet_phrasebook_de_ru_zh import (
        DE_RU_ZH_DRAINER,
        DE_RU_ZH_INJECTION,
    )
    from aiegis_guard.scanners.wallet_phrasebook_romance import (
        ROMANCE_DRAINER,
        ROMANCE_INJECTION,
    )

    injection = INJECTION + INJECTION_I18N + WALLET_INJECTION
    drainer = DRAINER + DRAINER_I18N + WALLET_DRAINER
    return _Book(
        (
            (Category.INJECTION, injection + ROMANCE_INJECTION + DE_RU_ZH_INJECTION),
            (Category.DRAINER, drainer + ROMANCE_DRAINER + DE_RU_ZH_DRAINER),
        )
    )


def phrases() -> list[tuple[Category, Phrase]]:
    """Every compiled rule with its category (for tests and reports)."""
    return [(r.category, r.phrase) for r in _book().rules]


def _unsqueezed(hit: Hit, at: list[int], shift: list[int]) -> Hit:
    """``hit`` with its span mapped from the squeezed text back to the layer text."""

    def back(p: int) -> int:
        k = bisect_right(at, p) - 1
        return p + (shift[k] if k >= 0 else 0)

    end = back(hit.end - 1) + 1 if hit.end > hit.start else back(hit.start)
    return Hit(hit.phrase, hit.category, back(hit.start), end, hit.terms)


@lru_cache(maxsize=2)
def find(text: str) -> tuple[Hit, ...]:
    """Every rule match in ``text``. The injection and drainer stages run back to back on the
    same layer, so a two-entry cache shares one pass (and holds at most two chunks)."""
    low = lowered(text)
    if "  " not in low:
        return tuple(_book().match(low))
    squeezed, at, shift = squeeze(low)
    return tuple(_unsqueezed(h, at, shift) for h in _book().match(squeezed))
