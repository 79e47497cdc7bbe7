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
from aiegis_guard.scanners.phraseindex import AnchorIndex, has_cjk
from aiegis_guard.scanners.phraseslots import find_slot
from aiegis_guard.scanners.phraseterms import (
    AMOUNT_RE,
    Part,
    Term,
    bounded,
    imperative,
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


Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class _Compiled:
    phrase: Phrase
    category: Category
    before: tuple[Part, ...]  # parts before the anchor, nearest first (free: all the others,
    after: tuple[Part, ...]  # slot-only parts first)
    slot_only: tuple[Part, ...]  # parts that are only slots: no match without one in the text
    first: Part | None  # free rules: ``parts[0]`` when it is not the anchor
    gated: bool  # a language other than English: run only on text that may be in it


_MARKERS = {  # frequent words of a language: a long text without one skips its rules
    "es": "el|la|las|los|del|de|que|una|por|con|para|es|su|sus|tu|tus|y|lo|se|mi",
    "pt": "não|nao|que|um|uma|para|em|ao|seu|sua|seus|suas|das|da|dos|de|na|você|voce|é",
    "fr": "le|la|les|des|du|de|est|une|pour|dans|vous|tu|ne|au|et|il|je|ce|qui|que|pas|sur|"
    "avec|ton|ta|tes|votre|vos",
    "de": "der|die|das|und|ist|nicht|mit|den|dem|zu|ein|eine|du|sie|bitte|auf|für|dein|"
    "deine|im|von|wird|wurde|ab|auch|als|oder|diese|dieser|sofort|jetzt",
}
_MARK_LANGS = ("es", "pt", "fr", "de")
_NEG = -1  # the mark of a negation cue; -2 - i: a word of _MARK_LANGS[i]
_NO = -9  # "no": a negation, but Portuguese "in the" ("no memo"): not a cue for pt rules
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_GATED = frozenset(("es", "pt", "fr", "de", "ru", "zh"))
_GATE_MIN = 300  # shorter texts run every language's rules (cheap anyway)


class _Text:
    """The text being matched: lowered, its negation cues, its slot spans (found lazily)."""

    __slots__ = (
        "at",
        "cues",
        "langs",
        "low",
        "marked",
        "shift",
        "slots",
        "src",
        "strong",
    )

    def __init__(self, low: str, src: str = "") -> None:
        self.low = low
        self.src = src or low  # the text as given (line breaks intact), before squeezing
        self.at: list[int] = []  # the squeeze map (see phraseterms.squeeze)
        self.shift: list[int] = []
        self.cues: list[int] = []  # negation cues
        self.strong: list[int] = []  # ... without "no"
        self.slots: dict[str, tuple[list[int], list[Span]]] = {}
        self.langs: dict[str, bool] = {}  # may the text be in this language?
        self.marked: dict[str, bool] = {}  # ... one of its frequent words is there

    def speaks(self, lang: str) -> bool:
        """Could the text hold ``lang`` at all? (English and mixed rules always run.) Short
        texts: yes; Latin-script languages: one of their frequent words was seen (``langs``,
        set from the automaton pass); Russian, Chinese: their script is there."""
        got = self.langs.get(lang)
        if got is None:
            low = self.low
            if len(low) < _GATE_MIN:
                got = True
            elif lang == "ru":
                got = not low.isascii() and _CYRILLIC_RE.search(low) is not None
            elif lang == "zh":
                got = has_cjk(low)
            else:
                got = False
            self.langs[lang] = got
        return got

    def imperative(self, start: int, end: int) -> bool:
        """Is ``low[start:end]`` an imperative verb? (A line start counts as a clause start:
        an instruction glued under a JSON record or a table row begins its own clause.)"""
        low = self.low
        if imperative(low, start, end):
            return True
        i = start - 1
        while i >= 0 and low[i] == " ":
            i -= 1
        if i < 0 or i == start - 1:
            return False
        k = bisect_right(self.at, start) - 1
        p = start + (self.shift[k] if k >= 0 else 0)  # back in the unsqueezed text
        j = p - 1
        while j >= 0 and self.src[j] in " \t\r":
            j -= 1
        return j >= 0 and self.src[j] == "\n" and imperative(low, start, end, line=True)

    def spans(self, name: str) -> tuple[list[int], list[Span]]:
        """(starts, spans) of slot ``name``, sorted."""
        got = self.slots.get(name)
        if got is None:
            spans = find_slot(name, self.low, self.src)
            got = self.slots[name] = ([s for s, _e in spans], spans)
        return got

    def may_match(self, rule: _Compiled) -> bool:
        """Does the text hold every slot-only part of ``rule`` somewhere?"""
        return all(any(self.spans(n)[1] for n in p.indexed) for p in rule.slot_only)


def _accept(low: str, part: Part, m: re.Match[str], hi: int) -> bool:
    """A word term needs its boundaries; a slot must not be cut by the window end ``hi``."""
    term = part.terms.get(m.group())
    if term is not None:
        return bounded(low, m.start(), term)
    return m.end() < hi or hi == len(low) or not low[hi].isalnum()


def _matches(t: _Text, part: Part, lo: int, hi: int) -> list[Span]:
    """Every match of ``part`` that starts in ``[lo, hi)`` (words: that lies in it)."""
    low = t.low
    out: list[Span] = []
    if part.auto is not None and lo < hi:
        for last, term in part.auto.iter(low, lo, hi):
            start = last + 1 - len(term.text)
            if bounded(low, start, term):
                out.append((start, last + 1))
    if part.regex is not None:
        for m in part.regex.finditer(low, lo, hi):
            if _accept(low, part, m, hi):
                out.append(m.span())
    for name in part.indexed:
        starts, spans = t.spans(name)
        i = bisect_left(starts, lo)
        while i < len(spans) and spans[i][0] < hi:
            out.append(spans[i])
            i += 1
    return out


def _window(low: str, lo: int, start: int, end: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` cut at the paragraph breaks around ``low[start:end]``."""
    lo, hi = max(0, lo), min(len(low), hi)
    p = low.rfind("\n", lo, start)
    q = low.find("\n", end, hi)
    return (lo if p < 0 else p + 1), (hi if q < 0 else q)


def _next_part(t: _Text, part: Part, pos: int, gap: int) -> Span:
    """Earliest match of ``part`` starting in ``[pos, pos + gap]``; (-1, -1) if none."""
    _lo, hi = _window(t.low, pos, pos, pos, pos + gap + part.longest)
    found = [m for m in _matches(t, part, pos, hi) if m[0] <= pos + gap]
    return min(found, key=lambda m: (m[0], -m[1])) if found else (-1, -1)


def _prev_part(t: _Text, part: Part, pos: int, gap: int, *, imp: bool = False) -> Span:
    """Nearest match of ``part`` ending in ``[pos - gap, pos]`` (``imp``: an imperative one);
    (-1, -1) if none."""
    low = t.low
    lo, _hi = _window(low, pos - gap - part.longest, pos, pos, pos)
    found = [m for m in _matches(t, part, lo, pos) if pos - gap <= m[1] <= pos]
    if imp:
        found = [m for m in found if t.imperative(*m)]
    return max(found, key=lambda m: (m[1], -m[0])) if found else (-1, -1)


def _near_part(t: _Text, part: Part, taken: list[Span], gap: int, *, imp: bool = False) -> Span:
    """Nearest match of ``part`` within ``gap`` characters of the anchor ``taken[0]``, either
    side, on words no other part has ``taken`` (``imp``: an imperative one)."""
    low = t.low
    start, end = taken[0]
    lo, hi = _window(low, start - gap - part.longest, start, end, end + gap + part.longest)
    best, dist = (-1, -1), gap + 1
    for s, e in _matches(t, part, lo, hi):
        d = start - e if e <= start else s - end if s >= end else -1
        free = 0 <= d < dist and all(e <= a or s >= b for a, b in taken)
        if free and (not imp or t.imperative(s, e)):
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


def _extend(rule: _Compiled, t: _Text, start: int, end: int) -> Hit | None:
    """Check the parts around an anchor match at ``low[start:end]`` (in order)."""
    if rule.slot_only and not t.may_match(rule):
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
        s, e = _prev_part(t, p, start, gap, imp=p is last)
        if s < 0 or low[s:e] == anchor:
            return None
        before.append(low[s:e])
        start, first = s, (s, e)
    for p in rule.after:
        s, end = _next_part(t, p, end, gap)
        if s < 0 or low[s:end] == anchor:
            return None
        after.append(low[s:end])
    return _finish(rule, t, (start, end, first), (*reversed(before), anchor, *after))


def _extend_free(rule: _Compiled, t: _Text, start: int, end: int) -> Hit | None:
    """Check the parts of a ``free`` rule: each within ``gap`` of the anchor, either side."""
    spans = [(start, end)]
    first = (start, end)
    imp = rule.phrase.imp
    for p in rule.before:
        s, e = _near_part(t, p, spans, rule.phrase.gap, imp=imp and p is rule.first)
        if s < 0:
            return None
        spans.append((s, e))
        if p is rule.first:
            first = (s, e)
    spans.sort()
    words = tuple(t.low[s:e] for s, e in spans)
    return _finish(rule, t, (spans[0][0], max(e for _s, e in spans), first), words)


def _finish(
    rule: _Compiled, t: _Text, where: tuple[int, int, Span], words: tuple[str, ...]
) -> Hit | None:
    """The common checks (imperative, negation, ``unless``) on a match ``(start, end, span
    of the first part)``."""
    start, end, first = where
    low, phrase = t.low, rule.phrase
    if phrase.imp and not t.imperative(*first):
        return None
    cues = t.strong if _portuguese(t, phrase) else t.cues
    if phrase.negatable and _negated(low, start, end, cues):
        return None
    if phrase.unless and _cancelled(low, phrase, start, end):
        return None
    while end < len(low) and is_wordy(low[end]):  # a stem match spans its whole word
        end += 1
    return Hit(phrase, rule.category, start, end, words)


def _compiled(phrase: Phrase, category: Category) -> _Compiled:
    parts = [part(p) for p in phrase.parts]
    others = parts[: phrase.anchor] + parts[phrase.anchor + 1 :]
    slot_only = tuple(p for p in others if p.regex is None and p.auto is None)
    gated = phrase.lang in _GATED
    if phrase.free:
        first = parts[0] if phrase.anchor else None
        ordered = sorted(others, key=lambda p: p.regex is not None)  # slots are cheap: first
        return _Compiled(phrase, category, tuple(ordered), (), slot_only, first, gated)
    before = tuple(reversed(parts[: phrase.anchor]))
    after = tuple(parts[phrase.anchor + 1 :])
    return _Compiled(phrase, category, before, after, slot_only, None, gated)


def _portuguese(t: _Text, phrase: Phrase) -> bool:
    """A Portuguese rule on text with Portuguese words: its "no" is "em + o", not a no."""
    return phrase.lang == "pt" and t.marked.get("pt", False)


class _Book:
    """The compiled phrase book: the rules, one :class:`AnchorIndex` over their word anchors,
    and the rules anchored on a slot (``@addr``, ``@url``: checked at each such span)."""

    def __init__(self, tables: Iterable[tuple[Category, Iterable[Phrase]]]) -> None:
        self.rules: list[_Compiled] = []
        self.slot_rules: dict[str, list[int]] = {}
        anchors: list[tuple[int, Term]] = [(_NEG, t) for t in terms(_NEG_CUES)]
        anchors += [(_NO, t) for t in terms("no")]
        for i, lang in enumerate(_MARK_LANGS):
            anchors += [(-2 - i, t) for t in terms(_MARKERS[lang])]
        for category, table in tables:
            for phrase in table:
                index = len(self.rules)
                self.rules.append(_compiled(phrase, category))
                words = terms(phrase.parts[phrase.anchor])
                anchors += [(index, t) for t in words]
                for name in part(phrase.parts[phrase.anchor]).indexed:
                    self.slot_rules.setdefault(name, []).append(index)
        self.index = AnchorIndex(anchors)

    def match(
        self, low: str, src: str = "", squeezed: tuple[list[int], list[int]] = ([], [])
    ) -> list[Hit]:
        found = self.index.matches(low)
        t = _Text(low, src)
        t.at, t.shift = squeezed
        t.strong = sorted(start for start, g in found if _NEG in g[3])
        t.cues = sorted(start for start, g in found if _NEG in g[3] or _NO in g[3])
        for _start, g in found:
            for mark in g[3]:
                if -2 - len(_MARK_LANGS) < mark <= -2:
                    t.langs[_MARK_LANGS[-2 - mark]] = t.marked[_MARK_LANGS[-2 - mark]] = True
        hits: list[Hit] = []
        for start, (term, _offset, rules, _marks) in found:
            self._run(t, rules, start, start + len(term.text), hits)
        for name, slot_rules in self.slot_rules.items():
            for start, end in t.spans(name)[1]:
                self._run(t, slot_rules, start, end, hits)
        return hits

    def _run(self, t: _Text, rules: Iterable[int], start: int, end: int, hits: list[Hit]) -> None:
        """Try ``rules`` on the anchor at ``t.low[start:end]``."""
        negated: dict[bool, bool] = {}  # is the anchor's sentence negated (then so is any match
        for index in rules:  # around it)? keyed by "Portuguese rule": "no" is no cue there
            rule = self.rules[index]
            if rule.gated and not t.speaks(rule.phrase.lang):
                continue
            if rule.phrase.negatable:
                pt = _portuguese(t, rule.phrase)
                if pt not in negated:
                    negated[pt] = _negated(t.low, start, end, t.strong if pt else t.cues)
                if negated[pt]:
                    continue
            hit = _extend(rule, t, start, end)
            if hit is not None:
                hits.append(hit)


@lru_cache(maxsize=1)
def _book() -> _Book:
    from aiegis_guard.scanners.drainer_phrasebook import DRAINER
    from aiegis_guard.scanners.drainer_phrasebook_i18n import DRAINER_I18N
    from aiegis_guard.scanners.phrasebook import INJECTION
    from aiegis_guard.scanners.phrasebook_i18n import INJECTION_I18N
    from aiegis_guard.scanners.wallet_phrasebook import WALLET_DRAINER, WALLET_INJECTION
    from aiegis_guard.scanners.wallet_phrasebook_addr import ADDR_DRAINER, ADDR_INJECTION
    from aiegis_guard.scanners.wallet_phrasebook_de_ru_zh import (
        DE_RU_ZH_DRAINER,
        DE_RU_ZH_INJECTION,
    )
    from aiegis_guard.scanners.wallet_phrasebook_romance import (
        ROMANCE_DRAINER,
        ROMANCE_INJECTION,
    )

    injection = INJECTION + INJECTION_I18N + WALLET_INJECTION + ADDR_INJECTION
    drainer = DRAINER + DRAINER_I18N + WALLET_DRAINER + ADDR_DRAINER
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
        return tuple(_book().match(low, text))
    squeezed, at, shift = squeeze(low)
    hits = _book().match(squeezed, text, (at, shift))
    return tuple(_unsqueezed(h, at, shift) for h in hits)
