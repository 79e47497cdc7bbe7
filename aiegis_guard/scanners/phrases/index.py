"""The anchor index of the phrase rules: one Aho-Corasick pass finds every anchor term.

Latin/Cyrillic anchors are matched on the *mapped* text (punctuation as spaces, each key
behind a space) with leftmost-longest matching (``iter_long``: about the cost of an automaton
that never matches; plain ``iter`` walks every fail chain and costs ~2x). A key carries the
entries of every key that is a prefix of it, and keys of several words are rescanned inside,
so no anchor hides behind a longer one. CJK anchors (no word boundaries) have their own
automaton, run only on text that contains CJK. Every hit is verified on the real text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

from aiegis_guard.scanners.phrases.terms import Term, bounded, is_cjk

__all__ = ["AnchorIndex", "Group", "has_cjk"]

_WIDE_PUNCT = "–—…«»¿¡·•、，。：；！？（）【】《》「」"  # word breaks beyond ASCII
_ASCII_MAP = bytes.maketrans(  # non-alphanumeric ASCII -> space; bytes >= 0x80 kept
    bytes(range(128)), bytes(i if chr(i).isalnum() else 32 for i in range(128))
)
_NOT_CJK_LEAD = bytes(b for b in range(256) if not 0xE3 <= b <= 0xE9)  # UTF-8 U+3000..U+9FFF
_LETTER_ORDER = " etaoinsrhldcumfpgwybvkxjqz0123456789"
_SHORT_KEY = 5  # keys this short keep a trailing space: " inst " must not stop in "install"

_Entry = tuple[int, Term, int]  # (rule index, or < 0 for a mark, anchor term, key start in term)
Group = tuple[Term, int, tuple[int, ...], tuple[int, ...]]  # (term, key start, rules, marks)
_Key = tuple[int, tuple[Group, ...], bool]  # (key length, groups, may hide another key)


def _mapped(low: str) -> str:
    """``low`` with every non-alphanumeric character as a space, behind one leading space."""
    if low.isascii():
        return " " + low.encode("ascii").translate(_ASCII_MAP).decode("ascii")
    # str.translate looks every character up in a dict (~90 ns each); UTF-8 leaves ASCII
    # bytes as they are, so a byte table does the ASCII part and replace() the rest
    out = (
        low.encode("utf-8", "surrogatepass").translate(_ASCII_MAP).decode("utf-8", "surrogatepass")
    )
    for c in _WIDE_PUNCT:
        if c in out:
            out = out.replace(c, " ")
    return " " + out


def has_cjk(low: str) -> bool:
    return not low.isascii() and bool(low.encode("utf-8").translate(None, _NOT_CJK_LEAD))


class AnchorIndex:
    """Every anchor term of every rule in two automata; negative indices are *marks* (words
    whose positions the caller wants: negation cues, language markers)."""

    def __init__(self, anchors: Iterable[tuple[int, Term]]) -> None:
        words: dict[str, list[_Entry]] = {}
        cjk: dict[str, list[_Entry]] = {}
        for index, term in anchors:
            if is_cjk(term.text[0]):
                cjk.setdefault(term.text, []).append((index, term, 0))
            else:
                key, offset = _key(term)
                words.setdefault(key, []).append((index, term, offset))
        starts = {k[:i] for k in words for i in range(2, len(k) + 1)}
        closed = {
            k: (len(k), _grouped(_with_prefixes(k, words)), _hides(k, starts, words)) for k in words
        }
        self._set(closed, {k: _grouped(v) for k, v in cjk.items()})

    def _set(self, words: dict[str, _Key], cjk: dict[str, tuple[Group, ...]]) -> None:
        self.words = _automaton(words)
        self.longest = max(map(len, words), default=0)
        self.cjk = _automaton(cjk)
        self._data = (words, cjk)

    def to_data(self) -> dict[str, Any]:
        """The index as plain JSON data (the automata are rebuilt from it in a few ms)."""
        words, cjk = self._data
        return {
            "words": [[k, n, _groups_data(g), hides] for k, (n, g, hides) in words.items()],
            "cjk": [[k, _groups_data(g)] for k, g in cjk.items()],
        }

    def max_rule(self) -> int:
        """The highest rule index the index refers to (-1: none)."""
        words, cjk = self._data
        groups = [g for _n, gs, _h in words.values() for g in gs]
        groups += [g for gs in cjk.values() for g in gs]
        return max((i for g in groups for i in g[2]), default=-1)

    @classmethod
    def from_data(cls, data: Any) -> AnchorIndex:
        """The index saved by :meth:`to_data`; ``ValueError`` / ``TypeError`` when ``data``
        is not what it wrote."""
        terms: dict[tuple[str, bool, bool], Term] = {}
        words = {
            _str(k): (_int(n), _groups(g, terms), hides is True) for k, n, g, hides in data["words"]
        }
        cjk = {_str(k): _groups(g, terms) for k, g in data["cjk"]}
        index = cls.__new__(cls)
        index._set(words, cjk)
        return index

    def _word_matches(self, mapped: str) -> Iterator[tuple[int, tuple[Group, ...]]]:
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

    def matches(self, low: str) -> list[tuple[int, Group]]:
        """``(start in low, group)`` for every verified anchor term in ``low``: the term
        really stands there (case, punctuation) with its word boundaries."""
        found: list[tuple[int, Group]] = []
        # " " ends the last word; the sentinel settles a walk still open at the end
        for start, groups in self._word_matches(_mapped(low) + " \x01"):
            for g in groups:  # the key's first letter is mapped[start + 1], i.e. low[start]
                s = start - g[1]
                if s >= 0 and low.startswith(g[0].text, s) and bounded(low, s, g[0]):
                    found.append((s, g))
        if has_cjk(low):
            for last, groups in self.cjk.iter(low):
                for g in groups:
                    s = last + 1 - len(g[0].text)
                    if bounded(low, s, g[0]):
                        found.append((s, g))
        return found


def _grouped(entries: Iterable[_Entry]) -> tuple[Group, ...]:
    """Entries by (term, offset): each anchor term is verified once, then its rules run."""
    groups: dict[tuple[str, int], tuple[Term, list[int]]] = {}
    for index, term, offset in entries:
        groups.setdefault((term.text, offset), (term, []))[1].append(index)
    return tuple(
        (term, offset, tuple(i for i in rules if i >= 0), tuple(i for i in rules if i < 0))
        for (_text, offset), (term, rules) in groups.items()
    )


def _groups_data(groups: tuple[Group, ...]) -> list[list[Any]]:
    return [
        [t.text, t.left, t.right, off, list(rules), list(marks)] for t, off, rules, marks in groups
    ]


def _str(x: Any) -> str:
    if not isinstance(x, str):
        raise TypeError("expected a string")
    return x


def _int(x: Any) -> int:
    if not isinstance(x, int):
        raise TypeError("expected an integer")
    return x


def _groups(data: Any, seen: dict[tuple[str, bool, bool], Term]) -> tuple[Group, ...]:
    out = []
    for text, left, right, off, rules, marks in data:
        key = (_str(text), left is True, right is True)
        term = seen.get(key)
        if term is None:
            term = seen[key] = Term(*key)
        out.append((term, _int(off), tuple(map(_int, rules)), tuple(map(_int, marks))))
    return tuple(out)


def _key(term: Term) -> tuple[str, int]:
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
