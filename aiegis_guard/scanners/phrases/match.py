"""Phrase rules: one Aho-Corasick pass over a lower-cased layer, then cheap local checks.

A rule is a :class:`Phrase` (written in a TOML book: :mod:`aiegis_guard.scanners.phrases.books`):
a name (``override.ignore_previous``), a language and a few *parts*, each a ``|``-separated
list of alternatives (terms and ``@slots``: see :mod:`aiegis_guard.scanners.phrases.terms`)
or a list of literal terms. One part (``anchor``, the rarest; default the first) goes into
one automaton shared by every rule of the set (built once and cached on disk); the others
are looked up in a window around the anchor (:mod:`aiegis_guard.scanners.phrases.text`),
each rule's parts compiled on its first anchor hit:

* in order (default): each part follows (or, before the anchor, precedes) the previous one
  within ``gap`` characters, so ``ignore all of the previous instructions`` and ``ignore
  previous instructions`` both match ``ignore`` -> ``previous`` -> ``instruction*``;
* ``free = true``: each part lies anywhere within ``gap`` characters of the anchor, before or
  after it — word order differs between languages and between active and passive voice
  (``the deposit address has changed to 0x..`` / ``an 0x.. geändert`` / ``0x.. is our new
  deposit address``).

``imperative = true``: the first part must be an imperative (it starts a clause or a line
and an object follows: ``Output the seed phrase``, not ``the app will output the seed
phrase`` nor the label ``Method: Transfer``). ``read = true``: the rule is about content the
agent *reads* (a tool output saying "use this address instead"); the same words from the
user (``Source.PROMPT``) are the user's own choice and are not reported.

Runs of spaces count as one space (``system  prompt``); no part pairs across a blank line, nor
an in-order imperative rule's across a sentence's end (a ``free`` lure's alert and its act may
stand in two sentences). A
``negatable`` rule is skipped when its sentence says no (``never share your seed phrase``,
``anyone asking you to ...``, ``gib ... niemals``): docs that talk *about* an attack are not
one. ``unless`` words cancel a match (``use the official bridge instead``).
"""

from __future__ import annotations

import hashlib
import re
import threading
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from aiegis_guard.findings import Category
from aiegis_guard.scanners.phrases.cache import write_cache
from aiegis_guard.scanners.phrases.index import AnchorIndex
from aiegis_guard.scanners.phrases.phrase import Phrase
from aiegis_guard.scanners.phrases.rules import RuleSet, default_rules, encode_rules
from aiegis_guard.scanners.phrases.terms import (
    AMOUNT_RE,
    Part,
    Term,
    is_wordy,
    lowered,
    part,
    squeeze,
    terms,
)
from aiegis_guard.scanners.phrases.text import (
    GATED,
    MARK_LANGS,
    MARKERS,
    NEG,
    NO,
    Span,
    Text,
    near_part,
    next_part,
    prev_part,
)

__all__ = [
    "AMOUNT_RE",
    "Hit",
    "Matcher",
    "Phrase",
    "find",
    "forget_recent",
    "lowered",
    "matcher",
    "phrases",
]


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
    "never|not|nobody|avoid|beware|drainer*|attacker*|hacker*|victim*|scam*|phish*|fraud*|"
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
    before: tuple[Part, ...]  # parts before the anchor, nearest first (free: all the others,
    after: tuple[Part, ...]  # slot-only parts first)
    slot_only: tuple[Part, ...]  # parts that are only slots: no match without one in the text
    first: Part | None  # free rules: ``parts[0]`` when it is not the anchor


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


def _extend(rule: _Compiled, t: Text, start: int, end: int) -> Hit | None:
    """Check the parts around an anchor match at ``low[start:end]`` (in order)."""
    if rule.slot_only and not t.may_match(rule.slot_only):
        return None
    if rule.phrase.free:
        return _extend_free(rule, t, start, end)
    low, gap = t.low, rule.phrase.gap
    anchor = low[start:end]
    first = (start, end)
    before: list[str] = []
    after: list[str] = []
    last = rule.before[-1] if rule.phrase.imp and rule.before else None
    for p in rule.before:
        s, e = prev_part(t, p, start, gap, imp=p is last)
        if s < 0 or low[s:e] == anchor:
            return None
        before.append(low[s:e])
        start, first = s, (s, e)
    for p in rule.after:
        s, end = next_part(t, p, end, gap)
        if s < 0 or low[s:end] == anchor:
            return None
        after.append(low[s:end])
    return _finish(rule, t, (start, end, first), (*reversed(before), anchor, *after))


def _extend_free(rule: _Compiled, t: Text, start: int, end: int) -> Hit | None:
    """Check the parts of a ``free`` rule: each within ``gap`` of the anchor, either side."""
    spans = [(start, end)]
    first = (start, end)
    imp = rule.phrase.imp
    for p in rule.before:
        s, e = near_part(t, p, spans, rule.phrase.gap, imp=imp and p is rule.first)
        if s < 0:
            return None
        spans.append((s, e))
        if p is rule.first:
            first = (s, e)
    spans.sort()
    words = tuple(t.low[s:e] for s, e in spans)
    return _finish(rule, t, (spans[0][0], max(e for _s, e in spans), first), words)


def _finish(
    rule: _Compiled, t: Text, where: tuple[int, int, Span], words: tuple[str, ...]
) -> Hit | None:
    """The common checks (imperative, negation, ``unless``) on a match ``(start, end, span
    of the first part)``."""
    start, end, first = where
    low, phrase = t.low, rule.phrase
    if phrase.imp and not t.imperative(*first):
        return None
    if _literal(low, first):
        return None
    if (
        _NOUN_USE_RE.search(low, max(0, first[0] - 40), first[0])
        and low[first[1] : first[1] + 1] == ":"
    ):
        return None  # a verb used as a noun before a colon ("the decisive tell: a keystore")
    if phrase.imp and not phrase.free and _split_order(low, first, end):
        return None  # "Set an ERC-20 allowance. Unlimited approvals are rejected": two sentences
    cues = t.strong if _portuguese(t, phrase) else t.cues
    if phrase.negatable and _negated(low, start, end, cues):
        return None
    if phrase.unless and _cancelled(low, phrase, start, end):
        return None
    while end < len(low) and is_wordy(low[end]):  # a stem match spans its whole word
        end += 1
    return Hit(phrase, rule.category, start, end, words)


_LITERALS = frozenset({"true", "false", "null", "none"})


def _literal(low: str, first: tuple[int, int]) -> bool:
    """Is the first part a JSON / config literal ('"ok":true,"result":{"address":"0x…"'), no
    word ("the true address is 0x…")?"""
    before = low[max(0, first[0] - 8) : first[0]].rstrip()
    return low[first[0] : first[1]] in _LITERALS and before.endswith((":", "="))


# a determiner and an adjective before a verb that a colon follows: the verb is a noun
# ("the decisive tell: …", "a common ask: …"), no order
_NOUN_USE_RE = re.compile(
    r"\b(?:an?|the|this|that|their|its|his|her)\s+(?:decisive|obvious|common|usual|classic|"
    r"telltale)\s+$"
)
# a sentence's end inside a match: an imperative's parts lie in its own sentence
_SENTENCE_GAP_RE = re.compile(r"[.!?。！？](?=\s)")
_WORD_RE = re.compile(r"[^\W_]+")


def _split_order(low: str, first: tuple[int, int], end: int) -> bool:
    """Does the imperative's own sentence end before the rule's last part, after a clause of
    its own ("Set an ERC-20 allowance. Unlimited approvals are rejected …": two sentences)? A
    two-word exclamation ("Run it! setApprovalForAll for …", "Sign now! The permit …") is
    the same order, not a sentence of its own."""
    stop = _SENTENCE_GAP_RE.search(low, first[0], end)
    return stop is not None and len(_WORD_RE.findall(low, first[0], stop.start())) >= 3


def _compiled(phrase: Phrase, category: Category) -> _Compiled:
    parts = [part(p) for p in phrase.parts]
    others = parts[: phrase.anchor] + parts[phrase.anchor + 1 :]
    slot_only = tuple(p for p in others if p.regex is None and p.auto is None)
    if phrase.free:
        first = parts[0] if phrase.anchor else None
        ordered = sorted(others, key=lambda p: p.regex is not None)  # slots are cheap: first
        return _Compiled(phrase, category, tuple(ordered), (), slot_only, first)
    before = tuple(reversed(parts[: phrase.anchor]))
    after = tuple(parts[phrase.anchor + 1 :])
    return _Compiled(phrase, category, before, after, slot_only, None)


def _portuguese(t: Text, phrase: Phrase) -> bool:
    """A Portuguese rule on text with Portuguese words: its "no" is "em + o", not a no."""
    return phrase.lang == "pt" and t.marked.get("pt", False)


def _anchors(rules: Sequence[tuple[Category, Phrase]]) -> list[tuple[int, Term]]:
    """Every anchor term of ``rules`` (by rule index) and the marks (negative indices)."""
    anchors: list[tuple[int, Term]] = [(NEG, t) for t in terms(_NEG_CUES)]
    anchors += [(NO, t) for t in terms("no")]
    for i, lang in enumerate(MARK_LANGS):
        anchors += [(-2 - i, t) for t in terms(MARKERS[lang])]
    for index, (_category, phrase) in enumerate(rules):
        words = terms(phrase.parts[phrase.anchor])
        if not words:
            raise ValueError(f"{phrase.id}: the anchor part needs words, not only slots")
        anchors += [(index, t) for t in words]
    return anchors


def _cached_index(data: dict[str, object] | None, rules: int) -> AnchorIndex | None:
    """The anchor index stored in the disk cache, if it reads back."""
    if data is None:
        return None
    try:
        return AnchorIndex.from_data(data["index"], rules)
    except (KeyError, TypeError, ValueError):
        return None


class Matcher:
    """A compiled rule set: the rules (each compiled on its first anchor hit) and one
    :class:`AnchorIndex` over their anchors (from the disk cache when it holds them)."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.specs = ruleset.rules
        self.rules: list[_Compiled | None] = [None] * len(self.specs)
        index = _cached_index(ruleset.cached, len(self.specs))
        if index is None:
            index = AnchorIndex(_anchors(self.specs))
            data = {"rules": encode_rules(self.specs), "index": index.to_data()}
            write_cache(ruleset.digest, data)
        self.index = index
        self._recent: tuple[tuple[bytes, tuple[Hit, ...]], ...] = ()

    def rule(self, index: int) -> _Compiled:
        """Rule ``index``, compiled (its parts' regexes) on first use."""
        rule = self.rules[index]
        if rule is None:
            category, phrase = self.specs[index]
            rule = self.rules[index] = _compiled(phrase, category)
        return rule

    def match(
        self, low: str, src: str = "", squeezed: tuple[list[int], list[int]] = ([], [])
    ) -> list[Hit]:
        found = self.index.matches(low)
        t = Text(low, src)
        t.at, t.shift = squeezed
        t.strong = sorted(start for start, g in found if NEG in g[3])
        t.cues = sorted(start for start, g in found if NEG in g[3] or NO in g[3])
        for _start, g in found:
            for mark in g[3]:
                if -2 - len(MARK_LANGS) < mark <= -2:
                    t.langs[MARK_LANGS[-2 - mark]] = t.marked[MARK_LANGS[-2 - mark]] = True
        hits: list[Hit] = []
        for start, (term, _offset, rules, _marks) in found:
            self._run(t, rules, start, start + len(term.text), hits)
        return hits

    def _run(self, t: Text, rules: Iterable[int], start: int, end: int, hits: list[Hit]) -> None:
        """Try ``rules`` on the anchor at ``t.low[start:end]``."""
        negated: dict[bool, bool] = {}  # is the anchor's sentence negated (then so is any match
        for index in rules:  # around it)? keyed by "Portuguese rule": "no" is no cue there
            phrase = self.specs[index][1]
            if phrase.lang in GATED and not t.speaks(phrase.lang):
                continue
            rule = self.rule(index)
            if rule.slot_only and not t.may_match(rule.slot_only):
                continue
            if phrase.negatable:
                pt = _portuguese(t, phrase)
                if pt not in negated:
                    negated[pt] = _negated(t.low, start, end, t.strong if pt else t.cues)
                if negated[pt]:
                    continue
            hit = _extend(rule, t, start, end)
            if hit is not None:
                hits.append(hit)

    def find(self, text: str) -> tuple[Hit, ...]:
        """Every rule match in ``text``. The injection and drainer stages run back to back on
        the same layer: the last two results are kept, keyed by a hash of the text (never the
        text itself: it may hold a secret)."""
        key = hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        recent = self._recent
        for k, hits in recent:
            if k == key:
                return hits
        hits = self._find(text)
        self._recent = (*recent[-1:], (key, hits))
        return hits

    def _find(self, text: str) -> tuple[Hit, ...]:
        low = lowered(text)
        if "  " not in low:
            return tuple(self.match(low, text))
        squeezed, at, shift = squeeze(low)
        hits = self.match(squeezed, text, (at, shift))
        return tuple(_unsqueezed(h, at, shift) for h in hits)


_MATCHERS: dict[str, Matcher] = {}
_LOCK = threading.Lock()


def matcher(ruleset: RuleSet | None = None) -> Matcher:
    """The compiled matcher of ``ruleset`` (default: the shipped rules), built once per
    process and rule set."""
    ruleset = ruleset or default_rules()
    got = _MATCHERS.get(ruleset.digest)
    if got is None:
        with _LOCK:
            got = _MATCHERS.get(ruleset.digest)
            if got is None:
                got = Matcher(ruleset)
                if len(_MATCHERS) >= 8:
                    _MATCHERS.clear()
                _MATCHERS[ruleset.digest] = got
    return got


def forget_recent() -> None:
    """Drop every matcher's last results (benchmarks and tests measure a fresh pass)."""
    for m in list(_MATCHERS.values()):
        m._recent = ()


def phrases(ruleset: RuleSet | None = None) -> list[tuple[Category, Phrase]]:
    """Every rule with its category, in run order (for tests and reports)."""
    return list((ruleset or default_rules()).rules)


def _unsqueezed(hit: Hit, at: list[int], shift: list[int]) -> Hit:
    """``hit`` with its span mapped from the squeezed text back to the layer text."""

    def back(p: int) -> int:
        k = bisect_right(at, p) - 1
        return p + (shift[k] if k >= 0 else 0)

    end = back(hit.end - 1) + 1 if hit.end > hit.start else back(hit.start)
    return Hit(hit.phrase, hit.category, back(hit.start), end, hit.terms)


def find(text: str, ruleset: RuleSet | None = None) -> tuple[Hit, ...]:
    """Every rule match in ``text`` (default: the shipped rules)."""
    return matcher(ruleset).find(text)
