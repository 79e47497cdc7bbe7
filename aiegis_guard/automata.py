"""Aho-Corasick automata of words in many scripts, read fast on ASCII text.

pyahocorasick looks a character up among a trie node's children one by one, so every
character that starts no word (a space, a digit, punctuation: most of a text) is compared
with each first letter of the root, and a word list in thirty scripts has a hundred of those.
:class:`WordAutomaton` keeps a second automaton of the ASCII words alone and reads an ASCII
text (``str.isascii``: a flag, no pass) with it: a word that holds a character outside ASCII
never occurs in such a text, so the matches are the same, in the same order (by end, and at
one end longest first: the words ending there are the same), ~3x faster for a list whose
root fans out over many scripts.

    auto = WordAutomaton((word, value) for word, value in pairs)
    for end, value in auto.iter(text): ...
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import ahocorasick

__all__ = ["WordAutomaton"]


class WordAutomaton:
    """``(word, value)`` pairs (a word added again keeps its last value, as in pyahocorasick)
    matched by :meth:`iter` as ``ahocorasick.Automaton.iter`` matches them."""

    __slots__ = ("_ascii", "_whole")

    def __init__(self, pairs: Iterable[tuple[str, Any]]) -> None:
        whole, ascii_only = ahocorasick.Automaton(), ahocorasick.Automaton()
        for word, value in pairs:
            whole.add_word(word, value)
            if word.isascii():
                ascii_only.add_word(word, value)
        whole.make_automaton()
        ascii_only.make_automaton()
        self._whole = whole
        self._ascii = ascii_only if len(ascii_only) else None

    def iter(self, text: str) -> Iterator[tuple[int, Any]]:
        """``(end index, value)`` of every occurrence of every word in ``text``."""
        if not text.isascii():
            result: Iterator[tuple[int, Any]] = self._whole.iter(text)
        elif self._ascii is None:  # no ASCII word: nothing occurs in an ASCII text
            result = iter(())
        else:
            result = self._ascii.iter(text)
        return result

    def items(self) -> Iterator[tuple[str, Any]]:
        """Every ``(word, value)``, as ``ahocorasick.Automaton.items``."""
        result: Iterator[tuple[str, Any]] = self._whole.items()
        return result

    def __len__(self) -> int:
        return len(self._whole)
