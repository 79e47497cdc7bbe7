"""Aho-Corasick automata of words in many scripts, read fast on ASCII text.

pyahocorasick looks a character up among a trie node's children one by one, so every
character that starts no word (a space, a digit, punctuation: most of a text) is compared
with each first letter of the root, and a word list in thirty scripts has a hundred of those.
:class:`WordAutomaton` keeps a second automaton of the ASCII words alone and reads an ASCII
text (``str.isascii``: a flag, no pass) with it: a word that holds a character outside ASCII
never occurs in such a text, so the matches are the same, in the same order (by end, and at
one end longest first: the words ending there are the same), ~3x faster for a list whose
root fans out over many scripts.

A long text that is mostly ASCII (prose with a few typographic quotes, a page, a JSON result)
is read the same way: the words outside ASCII are looked for by an automaton of those words
alone, only around the text's characters outside ASCII (a word holding one lies within its
length of it), and the ASCII automaton reads the whole text; the two are merged by end. At one
end a word outside ASCII comes before every ASCII word: the words ending there are suffixes of
the longest, and a suffix of an ASCII word is ASCII, so the longer is the one outside ASCII.

    auto = WordAutomaton((word, value) for word, value in pairs)
    for end, value in auto.iter(text): ...
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

__all__ = ["SPLIT_MIN", "WordAutomaton"]

SPLIT_MIN = 4096  # shorter texts are read by one automaton (the windows cost more there)
SPLIT_SHARE = 4  # ... and texts whose stretches around characters outside ASCII exceed 1/4


class WordAutomaton:
    """``(word, value)`` pairs (a word added again keeps its last value, as in pyahocorasick)
    matched by :meth:`iter` as ``ahocorasick.Automaton.iter`` matches them."""

    __slots__ = ("_ascii", "_marks", "_others", "_reach", "_whole")

    def __init__(self, pairs: Iterable[tuple[str, Any]]) -> None:
        whole, ascii_only = ahocorasick.Automaton(), ahocorasick.Automaton()
        others = ahocorasick.Automaton()
        reach = 0
        for word, value in pairs:
            whole.add_word(word, value)
            if word.isascii():
                ascii_only.add_word(word, value)
            else:
                others.add_word(word, value)
                reach = max(reach, len(word))
        whole.make_automaton()
        ascii_only.make_automaton()
        others.make_automaton()
        self._whole = whole
        self._ascii = ascii_only if len(ascii_only) else None
        self._others = others if len(others) else None
        self._reach = reach  # the longest word outside ASCII
        # where a word outside ASCII may stand: one of its characters outside ASCII
        # (a word holding a NUL, the joint of the stretches read, is read the one way)
        marks = {c for word, _ in others.items() for c in word if not c.isascii()}
        split = not any("\0" in word for word, _ in whole.items())
        self._marks = frozenset(marks) if split else None

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        """``(end index, value)`` of every occurrence of every word in ``text``."""
        if text.isascii():
            if self._ascii is None:  # no ASCII word: nothing occurs in an ASCII text
                return iter(())
            result: Iterator[tuple[int, Any]] = self._ascii.iter(text)
            return result
        if len(text) >= SPLIT_MIN and self._ascii is not None:
            others = self._other_matches(text)
            if others is not None:
                return _merged(self._ascii.iter(text), others) if others else self._ascii.iter(text)
        result = self._whole.iter(text)
        return result

    def iter_unordered(self, text: str) -> Iterable[tuple[int, Any]]:
        """The matches :meth:`iter` gives, in no set order (for a reader that sorts them or
        asks whether one qualifies): the two automata's, one list after the other."""
        if len(text) >= SPLIT_MIN and self._ascii is not None and not text.isascii():
            others = self._other_matches(text)
            if others:
                return itertools.chain(self._ascii.iter(text), others)
        return self.iter(text)

    def _other_matches(self, text: str) -> list[tuple[int, Any]] | None:
        """The matches of the words outside ASCII in ``text``, read only around the places
        where one of their characters outside ASCII stands (a word holding one lies within
        ``_reach - 1`` characters of it either side): the stretches there joined by a NUL
        (in no word) are read at once; None where they are much of the text (one automaton
        reads it faster)."""
        others, marks = self._others, self._marks
        if others is None:
            return []
        if marks is None:
            return None
        reach = self._reach - 1
        windows: list[list[int]] = []
        shape = text.encode("ascii", "replace")  # "?" where a character outside ASCII is
        at = shape.find(b"?")
        while at >= 0:
            if text[at] in marks:
                lo, hi = max(0, at - reach), min(len(text), at + 1 + reach)
                if windows and lo <= windows[-1][1]:
                    windows[-1][1] = hi  # merged: a match lies in one window, found once
                else:
                    windows.append([lo, hi])
            at = shape.find(b"?", at + 1)
        if not windows:
            return []
        if sum(hi - lo for lo, hi in windows) > len(text) // SPLIT_SHARE:
            return None
        joined = "\0".join(text[lo:hi] for lo, hi in windows)
        found = []
        starts = list(itertools.accumulate((hi - lo + 1 for lo, hi in windows[:-1]), initial=0))
        for end, value in others.iter(joined):
            k = bisect.bisect_right(starts, end) - 1
            found.append((windows[k][0] + end - starts[k], value))
        return found

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every ``(word, value)``, as ``ahocorasick.Automaton.items``."""
        result: Iterator[tuple[str, Any]] = self._whole.items()
        return result

    def __len__(self) -> int:
        return len(self._whole)


def _merged(
    ascii_matches: Iterator[tuple[int, Any]], others: list[tuple[int, Any]]
) -> Iterator[tuple[int, Any]]:
    """Both lists of matches by end, at one end the matches of ``others`` (words outside
    ASCII: the longer ones there) first."""
    i, n = 0, len(others)
    for end, value in ascii_matches:
        while i < n and others[i][0] <= end:
            yield others[i]
            i += 1
        yield end, value
    yield from others[i:]
