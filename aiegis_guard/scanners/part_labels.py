"""Part labels in any language: labels that differ only in a counting mark.

Used by :mod:`~aiegis_guard.scanners.key_forms` (hex parts of an EVM key) and
:mod:`~aiegis_guard.scanners.split_secrets` (base58 and seed-word parts). The English readers
know the words for a part ("part", "half", "chunk", "Teil", "mitad", ...); a label in any other
language says the same by its shape: the labels of consecutive pieces are one label with a
mark that counts up ("Μέρος Α:" / "Μέρος Β:", "ส่วนที่ 1:" / "ส่วนที่ 2:", "Teil 1/2" /
"Teil 2/2", "Część I" / "Część II"). The mark is a number (any script's digits), one letter
followed by the next of its alphabet (Latin, Greek, Cyrillic: code points in order), a Roman
numeral, or a number word counting in its own series ("first half" / "second half", "part one"
/ "part two", "erste Hälfte" / "zweite Hälfte"); everything else in the labels is the same
(the stem, compared case-folded).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

__all__ = ["continues_numbering", "sequence_stem"]

# a label's tokens: a run of digits, a run of letters (combining marks kept with their
# letters: Thai, Devanagari), or one other visible character
_TOKEN_RE = re.compile(
    r"\d+|(?:[^\W\d_][\u0300-\u036f\u0900-\u0dff\u0e00-\u0eff\u1000-\u109f]*)+|\S"
)
_EDGES = " \t\r\n:=：-–—→>\"'`*#([)]{}|"  # what stands around a label: not part of it
_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii")
MAX_LABEL = 40  # characters of a label compared
# number words, each series in order from one: the cardinals and ordinals of en, the ordinals
# of de, nl, fr, es, pt, it, sv, da / no (a series' words count only against each other)
_NUMBER_SERIES = (
    ("one", "two", "three", "four", "five", "six", "seven", "eight"),
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"),
    ("erste", "zweite", "dritte", "vierte"),
    ("erster", "zweiter", "dritter", "vierter"),
    ("ersten", "zweiten", "dritten", "vierten"),
    ("eerste", "tweede", "derde", "vierde"),
    ("première", "deuxième", "troisième", "quatrième"),
    ("premier", "deuxième", "troisième", "quatrième"),
    ("primera", "segunda", "tercera", "cuarta"),
    ("primero", "segundo", "tercero", "cuarto"),
    ("primeira", "segunda", "terceira", "quarta"),
    ("primeiro", "segundo", "terceiro", "quarto"),
    ("prima", "seconda", "terza", "quarta"),
    ("primo", "secondo", "terzo", "quarto"),
    ("första", "andra", "tredje", "fjärde"),
    ("første", "anden", "tredje", "fjerde"),
    ("første", "andre", "tredje", "fjerde"),
)


def _tokens(label: str) -> list[str]:
    return _TOKEN_RE.findall(label.strip(_EDGES)[-MAX_LABEL:].casefold())


def _counts_up(a: str, b: str) -> bool:
    """``b`` is the mark after ``a``: 1 -> 2, A -> B, Α -> Β, ii -> iii."""
    if a.isdecimal() and b.isdecimal():
        return int(b) == int(a) + 1
    if a in _ROMAN and b in _ROMAN:
        return _ROMAN.index(b) == _ROMAN.index(a) + 1
    if any(a in s and b in s and s.index(b) == s.index(a) + 1 for s in _NUMBER_SERIES):
        return True  # "first" -> "second", "one" -> "two"
    return len(a) == len(b) == 1 and a.isalpha() and ord(b) == ord(a) + 1


def sequence_stem(labels: Sequence[str]) -> str | None:
    """The labels' common stem (the tokens other than the mark, joined by spaces) when the
    labels, in order, differ only in one mark that counts up from each to the next; else None.
    An empty stem ("1:" / "2:") is returned as ""."""
    if len(labels) < 2:
        return None
    tokens = [_tokens(label) for label in labels]
    size = len(tokens[0])
    if not size or any(len(t) != size for t in tokens):
        return None
    differ = [i for i in range(size) if len({t[i] for t in tokens}) > 1]
    if len(differ) != 1:
        return None
    at = differ[0]
    if not all(_counts_up(a[at], b[at]) for a, b in pairwise(tokens)):
        return None
    return " ".join(t for i, t in enumerate(tokens[0]) if i != at)


def continues_numbering(first: str, later: str) -> bool:
    """``later`` counts on from the end of ``first``: its tokens are the last ones of
    ``first`` with the mark counted up ("Private key, part 1" .. "part 2"; "Clé privée —
    partie 1" .. "partie 2"), a part named once and numbered on."""
    tail = _tokens(later)
    head = _tokens(first)
    if not tail or len(tail) > len(head):
        return False
    return sequence_stem([" ".join(head[-len(tail) :]), " ".join(tail)]) is not None
