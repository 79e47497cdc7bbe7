"""The anchor index of the phrase rules: one Aho-Corasick pass finds every anchor term.

Latin/Cyrillic anchors are matched on the *mapped* text (punctuation as spaces, each key
behind a space) with leftmost-longest matching (``iter_long``: about the cost of an automaton
that never matches; plain ``iter`` walks every fail chain and costs ~2x). A key carries the
entries of every key that is a prefix of it, and keys of several words are rescanned inside,
so no anchor hides behind a longer one. CJK anchors (no word boundaries) have their own
automaton, run only on text that contains CJK, and there only from each run of the characters
a CJK anchor starts with to the longest anchor past it (a 256 KB page with one Chinese
sentence is not walked whole a second time). Every hit is verified on the real text.
"""

from __future__ import annotations

import re
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
_WINDOW = 4096  # characters the automaton is given at a time (see _word_matches)
_SHORT_KEY = 5  # keys this short keep a trailing space: " inst " must not stop in "install"

_Entry = tuple[int, Term, int]  # (rule index, or < 0 for a mark, anchor term, key start in term)
Group = tuple[Term, int, tuple[int, ...], tuple[int, ...]]  # (term, key start, rules, marks)


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
        keys = _ordered(words) + _ordered(cjk)
        self._groups: list[tuple[Group, ...] | None] = [
            _grouped(_with_prefixes(k, words) if k in words else cjk[k]) for k in keys
        ]
        self._raw: list[Any] = []
        self._rules = -1
        table = [(k, len(k), i, _hides(k, starts, words)) for i, k in enumerate(keys) if k in words]
        self._set(table, [(k, i) for i, k in enumerate(keys) if k in cjk])

    def _set(self, words: list[tuple[str, int, int, bool]], cjk: list[tuple[str, int]]) -> None:
        self._table = (words, cjk)
        self.words = _automaton((k, (n, i, hides)) for k, n, i, hides in words)
        self.longest = max((n for _k, n, _i, _h in words), default=0)
        self._cjk: tuple[Any, re.Pattern[str], int] | None = None  # built on the first CJK text

    @property
    def cjk(self) -> tuple[Any, re.Pattern[str], int]:
        """The automaton of the CJK anchors (no word boundaries: matched on the raw text),
        a pattern for runs of their first characters, and the longest anchor's length."""
        if self._cjk is None:
            keys = self._table[1]
            leads = sorted({k[0] for k, _i in keys})
            lead = re.compile("[" + "".join(map(re.escape, leads)) + "]+" if leads else "(?!)")
            self._cjk = (_automaton(keys), lead, max((len(k) for k, _i in keys), default=0))
        return self._cjk

    def _cjk_matches(self, low: str) -> Iterator[tuple[int, Any]]:
        """``(last, key)`` of every CJK anchor in ``low``, as one walk of the whole text
        would give them: an anchor starts with one of the lead characters, so it lies
        between the start of their run and the longest anchor past its last one."""
        auto, lead, longest = self.cjk
        lo = hi = 0
        for m in lead.finditer(low):
            if m.start() >= hi:  # disjoint from the window so far: walk that one
                if hi > lo:
                    yield from _walk(auto, low, lo, hi)
                lo = m.start()
            hi = max(hi, min(len(low), m.end() - 1 + longest))
        if hi > lo:
            yield from _walk(auto, low, lo, hi)

    def groups(self, i: int) -> tuple[Group, ...]:
        """The groups of key ``i`` (decoded on first use when the index came from a cache)."""
        got = self._groups[i]
        if got is None:
            got = self._groups[i] = _groups(_str(self._raw[i]), self._rules)
        return got

    def to_data(self) -> dict[str, Any]:
        """The index as JSON data: the keys in insertion order, joined by NUL (the automata
        are rebuilt from them in a few ms), a 0/1 "hides" flag per word key, and each key's
        groups as a JSON text of its own, decoded when the key is first found in a text."""
        words, cjk = self._table
        return {
            "words": "\0".join(k for k, _n, _i, _h in words),
            "hides": "".join("1" if h else "0" for _k, _n, _i, h in words),
            "cjk": "\0".join(k for k, _i in cjk),
            "groups": [_groups_text(self.groups(i)) for i in range(len(self._groups))],
        }

    @classmethod
    def from_data(cls, data: Any, rules: int) -> AnchorIndex:
        """The index saved by :meth:`to_data`, for ``rules`` rules. ``ValueError`` /
        ``TypeError`` / ``KeyError`` when ``data`` is not what it wrote (a group that is not
        is found when it is first decoded: the stage then fails closed)."""
        raw, hides = data["groups"], _str(data["hides"])
        words = _str(data["words"]).split("\0") if data["words"] else []
        cjk = _str(data["cjk"]).split("\0") if data["cjk"] else []
        if (
            not isinstance(raw, list)
            or len(hides) != len(words)
            or len(raw) != len(words) + len(cjk)
        ):
            raise ValueError("inconsistent anchor index")
        index = cls.__new__(cls)
        index._groups, index._raw, index._rules = [None] * len(raw), raw, rules
        table = [(k, len(k), i, hides[i] == "1") for i, k in enumerate(words)]
        index._set(table, [(k, len(words) + i) for i, k in enumerate(cjk)])
        return index

    def _word_matches(self, mapped: str) -> Iterator[tuple[int, tuple[Group, ...]]]:
        """(key start, entries) for every key found at a word start of ``mapped``.

        The automaton reads ``mapped`` in windows of ``_WINDOW`` characters (and the longest
        key past them): pyahocorasick converts the whole string it is given on every call, and
        a walk restarted at each key that ends in a space ("ab cd ab cd …") cost that
        conversion per key (a 256 KB text: ~5 s). Same keys, same order as one long walk."""
        spans = [(0, len(mapped))]
        seen: set[tuple[int, int]] = set()
        while spans:
            lo, hi = spans.pop()
            while lo < hi:
                stop = min(hi, lo + _WINDOW)  # keys starting before here are this window's
                end = min(hi, stop + self.longest)
                resume, restart = stop, -1
                for rel, (n, key, hides) in self.words.iter_long(mapped[lo:end]):
                    last = lo + rel
                    start = last - n + 1
                    if start >= stop:
                        break  # the next window's (it starts afresh at ``stop``)
                    resume = max(resume, last + 1)  # past a key that runs over ``stop``
                    if (start, n) not in seen:
                        seen.add((start, n))
                        yield start, self.groups(key)
                        if hides:  # another key may start at a later word of this one
                            spans.append((start + 1, min(len(mapped), last + 1 + self.longest)))
                    if mapped[last] == " ":  # ... or at its trailing space: go on from there
                        restart = last
                        break
                lo = restart if restart > lo else resume

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
            for last, key in self._cjk_matches(low):
                for g in self.groups(key):
                    s = last + 1 - len(g[0].text)
                    if bounded(low, s, g[0]):
                        found.append((s, g))
        return found


def _walk(auto: Any, low: str, lo: int, hi: int) -> Iterator[tuple[int, Any]]:
    """``auto.iter(low, lo, hi)`` on the slice alone (pyahocorasick converts the whole string
    it is given on every call: one call per window of a long text would be quadratic)."""
    for rel, key in auto.iter(low[lo:hi]):
        yield lo + rel, key


def _grouped(entries: Iterable[_Entry]) -> tuple[Group, ...]:
    """Entries by (term, offset): each anchor term is verified once, then its rules run."""
    groups: dict[tuple[str, int], tuple[Term, list[int]]] = {}
    for index, term, offset in entries:
        groups.setdefault((term.text, offset), (term, []))[1].append(index)
    return tuple(
        (term, offset, tuple(i for i in rules if i >= 0), tuple(i for i in rules if i < 0))
        for (_text, offset), (term, rules) in groups.items()
    )


def _groups_text(groups: tuple[Group, ...]) -> str:
    """Groups as text: one line per group, its fields by tab (no term holds either)."""
    return "\n".join(
        f"{t.text}\t{t.left:d}\t{t.right:d}\t{off}\t{_ints(rules)}\t{_ints(marks)}"
        for t, off, rules, marks in groups
    )


def _ints(values: Iterable[int]) -> str:
    return ",".join(map(str, values))


def _str(x: Any) -> str:
    if not isinstance(x, str):
        raise TypeError("expected a string")
    return x


def _int(x: Any) -> int:
    if not isinstance(x, int) or isinstance(x, bool):
        raise TypeError("expected an integer")
    return x


def _below(x: Any, n: int) -> int:
    if not 0 <= _int(x) < n:
        raise ValueError("index out of range")
    return int(x)


def _groups(text: str, rules: int) -> tuple[Group, ...]:
    """The groups written by :func:`_groups_text` (``ValueError`` if they are not)."""
    out = []
    for line in text.split("\n"):
        word, left, right, off, indices, marks = line.split("\t")
        found = tuple(_below(int(i), rules) for i in indices.split(",") if i)
        out.append((Term(word, left == "1", right == "1"), int(off), found, _parsed(marks)))
    return tuple(out)


def _parsed(values: str) -> tuple[int, ...]:
    return tuple(int(v) for v in values.split(",") if v)


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


def _ordered(keys: Iterable[str]) -> list[str]:
    """``keys`` most-frequent-letter first: pyahocorasick scans a node's children in insertion
    order, so common letters are found sooner."""
    order = {c: i for i, c in enumerate(_LETTER_ORDER)}
    return sorted(keys, key=lambda k: [order.get(c, 99) for c in k[:3]])


def _automaton(items: Iterable[tuple[str, Any]]) -> Any:
    """An automaton over ``(key, value)`` pairs, inserted in the order given."""
    automaton = ahocorasick.Automaton()
    for key, value in items:
        automaton.add_word(key, value)
    if len(automaton):
        automaton.make_automaton()
    return automaton
