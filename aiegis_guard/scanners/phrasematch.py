"""Phrase rules: one Aho-Corasick pass over a lower-cased layer, then cheap local checks.

A rule is a :class:`Phrase`: a name (``override.ignore_previous``), a language and a few
*parts* in text order, each a ``|``-separated list of alternatives. One part (``anchor``,
the rarest; default the first) goes into one automaton shared by every rule (built lazily,
once); the other parts must follow (or precede) within ``gap`` characters, checked with
``str.find`` / ``str.rfind`` on a small window. So ``ignore all of the previous
instructions`` and ``ignore previous instructions`` both match ``ignore`` -> ``previous``
-> ``instruction*`` without a regex scan over the whole text.

Term syntax: ``instruction*`` matches a word prefix (no right word boundary); Latin/Cyrillic
terms need word boundaries, CJK terms do not; ``@amount`` is a number with a unit (``5 ETH``);
a tuple part lists literal terms (for ``<|im_start|>``). Terms are matched in lower case and
also in their confusable-folded form, because the normaliser folds all-look-alike Cyrillic
words (``все`` -> ``bce``). Runs of spaces inside a phrase are not collapsed (a known gap).

A ``negatable`` rule is skipped when its sentence says no (``never share your seed phrase``,
``anyone asking you to ...``, ``gib ... niemals``): docs that talk *about* an attack are not
one. ``unless`` words cancel a match (``use the official bridge instead``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from aiegis_guard.findings import Category
from aiegis_guard.normalize import fold_confusables

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
) -> Phrase:
    """Declare a phrase rule (see the module docstring; a tuple part lists literal terms).

    ``unless``: ``|``-separated words that cancel a match when they occur inside it or just
    after it (``use the official bridge instead``). ``anchor``: the part looked up in the
    automaton (pick the rarest); earlier parts are searched backwards from it.
    """
    words = tuple(w for w in unless.split("|") if w)
    return Phrase(name, lang, parts, gap, neg, words, anchor)


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched rule: span in the layer text and the terms that matched, in order."""

    phrase: Phrase
    category: Category
    start: int
    end: int
    terms: tuple[str, ...]


AMOUNT_RE = re.compile(
    r"\d[\d,._]*\s?(?:k\s?|m\s?)?(?:eth|ether|weth|sol|usdc|usdt|dai|btc|wbtc|bnb|matic|pol|"
    r"avax|arb|lamports|gwei|wei|tokens?|coins?|以太|个)(?![a-z])|[$€£]\s?\d"
)
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
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"'})


def _is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def _is_wordy(ch: str) -> bool:
    return ch.isalnum() and not _is_cjk(ch)


@dataclass(frozen=True, slots=True)
class _Term:
    text: str
    left: bool  # needs a word boundary before it
    right: bool  # needs a word boundary after it


def _terms(part: str | tuple[str, ...]) -> tuple[_Term, ...]:
    out: dict[str, _Term] = {}
    for alt in part.split("|") if isinstance(part, str) else part:
        alt = alt.strip().lower()
        stem = alt.endswith("*")
        alt = alt.rstrip("*")
        for form in (alt, fold_confusables(alt)[0].lower()):
            if form and form not in out:
                out[form] = _Term(form, _is_wordy(form[0]), not stem and _is_wordy(form[-1]))
    return tuple(out.values())


@dataclass(frozen=True, slots=True)
class _Part:
    """A non-anchor part: its terms and one regex alternation over them (longest first)."""

    terms: dict[str, _Term]
    regex: re.Pattern[str]
    longest: int


def _part(part: str | tuple[str, ...]) -> _Part | None:
    """``@amount`` is None; anything else one compiled alternation."""
    if part == "@amount":
        return None
    terms = {t.text: t for t in _terms(part)}
    alternation = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return _Part(terms, re.compile(alternation), max(map(len, terms)))


@dataclass(frozen=True, slots=True)
class _Compiled:
    phrase: Phrase
    category: Category
    before: tuple[_Part | None, ...]  # parts before the anchor, nearest first
    after: tuple[_Part | None, ...]


def _bounded(low: str, start: int, term: _Term) -> bool:
    """Word boundaries around ``term`` at ``start`` (CJK characters never need one)."""
    if term.left and start and low[start - 1].isalnum() and low[start - 1] < "\u2e80":
        return False
    end = start + len(term.text)
    return not (term.right and end < len(low) and low[end].isalnum() and low[end] < "\u2e80")


def _next_part(low: str, part: _Part | None, pos: int, gap: int) -> tuple[int, int]:
    """Earliest bounded match of ``part`` starting in ``[pos, pos + gap]``; (-1, -1) if none."""
    if part is None:
        m = AMOUNT_RE.search(low, pos, pos + gap + 24)
        return (m.start(), m.end()) if m and m.start() <= pos + gap else (-1, -1)
    for m in part.regex.finditer(low, pos, pos + gap + part.longest):
        if m.start() > pos + gap:
            break
        if _bounded(low, m.start(), part.terms[m.group()]):
            return m.start(), m.end()
    return -1, -1


def _prev_part(low: str, part: _Part | None, pos: int, gap: int) -> tuple[int, int]:
    """Nearest bounded match of ``part`` ending in ``[pos - gap, pos]``; (-1, -1) if none."""
    regex = AMOUNT_RE if part is None else part.regex
    longest = 24 if part is None else part.longest
    best = (-1, -1)
    for m in regex.finditer(low, max(0, pos - gap - longest), pos):
        if m.end() < pos - gap:
            continue
        if part is None or _bounded(low, m.start(), part.terms[m.group()]):
            best = m.span()
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
    """Check the parts around an anchor match at ``low[start:end]``."""
    gap = rule.phrase.gap
    anchor = low[start:end]
    before: list[str] = []
    after: list[str] = []
    for part in rule.before:
        s, e = _prev_part(low, part, start, gap)
        if s < 0 or low[s:e] == anchor:
            return None
        before.append(low[s:e])
        start = s
    for part in rule.after:
        s, end = _next_part(low, part, end, gap)
        if s < 0 or low[s:end] == anchor:
            return None
        after.append(low[s:end])
    if rule.phrase.negatable and _negated(low, start, end, cues):
        return None
    if rule.phrase.unless and _cancelled(low, rule.phrase, start, end):
        return None
    while end < len(low) and _is_wordy(low[end]):  # a stem match spans its whole word
        end += 1
    terms = (*reversed(before), anchor, *after)
    return Hit(rule.phrase, rule.category, start, end, terms)


_WORD_MAP = {i: " " for i in range(128) if not chr(i).isalnum()}
_WORD_MAP.update({ord(c): " " for c in "–—…«»¿¡·•、，。：；！？（）【】《》「」"})
_ASCII_MAP = bytes.maketrans(
    bytes(range(128)), bytes(32 if i in _WORD_MAP else i for i in range(128))
)
_NOT_CJK_LEAD = bytes(b for b in range(256) if not 0xE3 <= b <= 0xE9)  # UTF-8 U+3000..U+9FFF
_LETTER_ORDER = " etaoinsrhldcumfpgwybvkxjqz0123456789"


def _mapped(low: str) -> str:
    """``low`` with every non-alphanumeric character as a space, behind one leading space."""
    if low.isascii():
        return " " + low.encode("ascii").translate(_ASCII_MAP).decode("ascii")
    return " " + low.translate(_WORD_MAP)


def _has_cjk(low: str) -> bool:
    return not low.isascii() and bool(low.encode("utf-8").translate(None, _NOT_CJK_LEAD))


_Entry = tuple[int, _Term, int]  # (rule index or -1 for a cue, anchor term, key start in term)
_Group = tuple[_Term, int, tuple[int, ...], bool]  # (term, key start in term, rules, is a cue)


def _grouped(entries: Iterable[_Entry]) -> tuple[_Group, ...]:
    """Entries by (term, offset): each anchor term is verified once, then its rules run."""
    groups: dict[tuple[str, int], tuple[_Term, list[int]]] = {}
    for index, term, offset in entries:
        groups.setdefault((term.text, offset), (term, []))[1].append(index)
    return tuple(
        (term, offset, tuple(i for i in rules if i >= 0), -1 in rules)
        for (_text, offset), (term, rules) in groups.items()
    )


class _Book:
    """The compiled phrase book: one automaton over every anchor term.

    Latin/Cyrillic anchors are matched on the *mapped* text (punctuation as spaces, each key
    behind a space) with leftmost-longest matching (``iter_long``: about the cost of an
    automaton that never matches; plain ``iter`` walks every fail chain and costs ~2x). A key
    carries the rules of every key that is a prefix of it, and keys of several words are
    rescanned inside, so no anchor hides behind a longer one. CJK anchors (no word
    boundaries) have their own automaton, run only on text that contains CJK. Every hit is
    verified on the real text.
    """

    def __init__(self, tables: Iterable[tuple[Category, Iterable[Phrase]]]) -> None:
        self.rules: list[_Compiled] = []
        words: dict[str, list[_Entry]] = {}
        cjk: dict[str, list[_Entry]] = {}
        for category, table in tables:
            for phrase in table:
                index = len(self.rules)
                parts = [_part(p) for p in phrase.parts]
                before = tuple(reversed(parts[: phrase.anchor]))
                after = tuple(parts[phrase.anchor + 1 :])
                self.rules.append(_Compiled(phrase, category, before, after))
                _add_anchors(words, cjk, index, _terms(phrase.parts[phrase.anchor]))
        _add_anchors(words, cjk, -1, _terms(_NEG_CUES))
        starts = {k[:i] for k in words for i in range(2, len(k) + 1)}
        closed = {
            k: (len(k), _grouped(_with_prefixes(k, words)), _hides(k, starts, words)) for k in words
        }
        self.words = _automaton(closed)
        self.longest = max(map(len, words), default=0)
        self.cjk = _automaton({k: _grouped(v) for k, v in cjk.items()})

    def _word_matches(self, mapped: str) -> Iterable[tuple[int, tuple[_Group, ...]]]:
        """(key start, entries) for every key found at a word start of ``mapped``."""
        spans = [(0, len(mapped))]
        seen: set[tuple[int, int]] = set()
        while spans:
            lo, hi = spans.pop()
            while lo < hi:
                for last, (n, entries, hides) in self.words.iter_long(mapped, lo, hi):
                    start = last - n + 1
                    if (start, n) not in seen:
                        seen.add((start, n))
                        yield start, entries
                        if hides:  # another key may start at a later word of this one
                            spans.append((start + 1, min(len(mapped), last + 1 + self.longest)))
                    if mapped[last] == " ":  # ... or at its trailing space: go on from there
                        lo = last
                        break
                else:
                    break

    def match(self, low: str) -> list[Hit]:
        found: list[tuple[int, _Group]] = []  # (start in low, group)
        # " " ends the last word; the sentinel settles a walk still open at the end
        for start, groups in self._word_matches(_mapped(low) + " \x01"):
            # the key's first letter is mapped[start + 1], i.e. low[start]
            found.extend((start - g[1], g) for g in groups)
        if _has_cjk(low):
            for last, groups in self.cjk.iter(low):
                found.extend((last + 1 - len(g[0].text), g) for g in groups)
        found = [(start, g) for start, g in found if _verified(low, g[0], start)]
        cues = sorted(start for start, g in found if g[3])
        hits = []
        for start, (term, _offset, rules, _cue) in found:
            end = start + len(term.text)
            for index in rules:
                hit = _extend(self.rules[index], low, start, end, cues)
                if hit is not None:
                    hits.append(hit)
        return hits


def _verified(low: str, term: _Term, start: int) -> bool:
    """Does the anchor term really stand at ``start`` (case, punctuation, word boundaries)?"""
    return start >= 0 and low.startswith(term.text, start) and _bounded(low, start, term)


def _add_anchors(
    words: dict[str, list[_Entry]], cjk: dict[str, list[_Entry]], index: int, terms: Iterable[_Term]
) -> None:
    for term in terms:
        if _is_cjk(term.text[0]):
            cjk.setdefault(term.text, []).append((index, term, 0))
        else:
            key, offset = _key(term)
            words.setdefault(key, []).append((index, term, offset))


_SHORT_KEY = 5  # keys this short keep a trailing space: " inst " must not stop in "install"


def _key(term: _Term) -> tuple[str, int]:
    """The automaton key of an anchor term and where the key's first letter is in the term.

    Punctuation is a space and one space leads; a short term that must end at a word
    boundary keeps one trailing space (``[/inst]`` -> ``" inst "``, 2), so the automaton
    does not stop inside every longer word (``install``); longer keys are checked after.
    """
    body = _mapped(term.text)[1:]
    offset = len(body) - len(body.lstrip())
    short = len(body.strip()) <= _SHORT_KEY
    tail = " " if short and (term.right or body.endswith(" ")) else ""
    return " " + body.strip() + tail, offset


def _with_prefixes(key: str, words: dict[str, list[_Entry]]) -> tuple[_Entry, ...]:
    """The entries of ``key`` and of every shorter key that is a prefix of it."""
    out = list(words[key])
    for i in range(1, len(key)):
        out.extend(words.get(key[:i], ()))
    return tuple(out)


def _hides(key: str, starts: set[str], keys: dict[str, Any]) -> bool:
    """Could another key start at a later word of ``key``? (Then a match is rescanned.)"""
    for j in range(1, len(key) - 1):
        if key[j] == " ":
            tail = key[j:]
            if tail in starts or any(tail[:i] in keys for i in range(2, len(tail))):
                return True
    return False


def _automaton(keys: dict[str, Any]) -> Any:
    """An automaton over ``keys``, inserted most-frequent-letter first (pyahocorasick scans a
    node's children in insertion order)."""
    automaton = ahocorasick.Automaton()
    order = {c: i for i, c in enumerate(_LETTER_ORDER)}
    for key in sorted(keys, key=lambda k: [order.get(c, 99) for c in k[:3]]):
        automaton.add_word(key, keys[key])
    if keys:
        automaton.make_automaton()
    return automaton


def lowered(text: str) -> str:
    """Lower-cased, quotes and line breaks unified; always the same length as ``text``."""
    if text.isascii():
        low = text.lower()
    else:
        low = text.translate(_QUOTES).lower()
        if len(low) != len(text):  # e.g. 'İ'.lower() is two characters
            low = "".join(c.lower()[0] for c in text.translate(_QUOTES))
    if "\n" in low or "\t" in low or "\r" in low:
        low = low.replace("\n", " ").replace("\t", " ").replace("\r", " ")
    return low


@lru_cache(maxsize=1)
def _book() -> _Book:
    from aiegis_guard.scanners.drainer_phrasebook import DRAINER
    from aiegis_guard.scanners.drainer_phrasebook_i18n import DRAINER_I18N
    from aiegis_guard.scanners.phrasebook import INJECTION
    from aiegis_guard.scanners.phrasebook_i18n import INJECTION_I18N

    return _Book(
        (
            (Category.INJECTION, INJECTION + INJECTION_I18N),
            (Category.DRAINER, DRAINER + DRAINER_I18N),
        )
    )


def phrases() -> list[tuple[Category, Phrase]]:
    """Every compiled rule with its category (for tests and reports)."""
    return [(r.category, r.phrase) for r in _book().rules]


@lru_cache(maxsize=2)
def find(text: str) -> tuple[Hit, ...]:
    """Every rule match in ``text``. The injection and drainer stages run back to back on the
    same layer, so a two-entry cache shares one pass (and holds at most two chunks)."""
    return tuple(_book().match(lowered(text)))
