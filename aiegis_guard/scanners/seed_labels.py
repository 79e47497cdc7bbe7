"""Seed phrases one word per labelled field: the text read again without the labels.

Called by :mod:`aiegis_guard.scanners.seed_phrases` when its first reading found no phrase
and the text has enough colons: a protobuf text repeated field (``words: "urban"`` a line,
any wordlist: ``zi: "链"``), records of a word and its place (``{"i": 1, "w": "fossil"}``).
"""

from __future__ import annotations

import re
from collections.abc import Set

__all__ = ["labels_blanked"]

# a one-word value after its label's colon: ``words: "urban"``, ``"w": "fossil"``,
# ``zi: "链"``, or a word's place (``"i": 1``); the search starts at the colon (rare in prose),
# the label is read backwards from it
VALUE_RE = re.compile(r"[:=][ \t]*(?:[\"']([^\W\d_]{1,12})[\"']|\d{1,2}(?![\d.]))")
LABEL_RE = re.compile(r"(?<![\w])(\w{1,16})[\"']?[ \t]*$")
LABEL_REACH = 20  # characters before the colon: the label, its quote and spaces
PLACE_GAP = 160  # characters between two labelled words of one phrase, at most


def labels_blanked(text: str, repeats: int, known: Set[str]) -> str | None:
    """The places where one label names ``repeats`` or more list words (``known``), with
    every repeated label and its colon blanked (offsets kept; the rest of the text blanked,
    not read again): a label is a word itself ("words") or too short to be read as one
    ("w"), so it breaks the run of list words, and "label: " is no gap between words. None
    when no label names so many list words."""
    values = list(VALUE_RE.finditer(text))
    words = [(w := m.group(1)) is not None and w.lower() in known for m in values]
    if sum(words) < repeats:  # fewer list words in all: no label names so many (the labels
        return None  # are read only then: a JSON result has a colon for every value)
    found: list[tuple[str, int, int, bool]] = []  # label, start, end, names a list word
    counts: dict[str, int] = {}
    for m, listed in zip(values, words, strict=True):
        label = LABEL_RE.search(text, max(0, m.start() - LABEL_REACH), m.start())
        if label is None:
            continue
        name = label.group(1)
        found.append((name, label.start(1), m.start() + 1, listed))
        counts[name] = counts.get(name, 0) + 1
    worded = {n for n, c in _word_counts(found).items() if c >= repeats}
    if not worded:
        return None
    places = _places([(s, e) for n, s, e, _ in found if n in worded])
    out = [" "] * len(text)
    for lo, hi in places:
        out[lo:hi] = text[lo:hi]
    for name, s, e, _ in found:
        if counts[name] >= repeats and any(lo <= s < hi for lo, hi in places):
            out[s:e] = " " * (e - s)
    return "".join(out)


def _word_counts(found: list[tuple[str, int, int, bool]]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name, _, _, listed in found:
        if listed:
            counts[name] = counts.get(name, 0) + 1
    return counts


def _places(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clusters of labelled words no more than ``PLACE_GAP`` apart, widened to hold the
    words after their labels."""
    places: list[tuple[int, int]] = []
    for s, e in spans:
        if places and s - places[-1][1] <= PLACE_GAP:
            places[-1] = (places[-1][0], e + 20)
        else:
            places.append((max(0, s - 20), e + 20))
    return places
