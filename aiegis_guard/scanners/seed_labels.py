"""Seed phrases one word per labelled field: the text read again without the labels.

Called by :mod:`aiegis_guard.scanners.seed_phrases` when its first reading found no phrase
and the text has enough colons: a protobuf text repeated field (``words: "urban"`` a line,
any wordlist: ``zi: "链"``), records of a word and its place (``{"i": 1, "w": "fossil"}``).
"""

from __future__ import annotations

import re

__all__ = ["labels_blanked"]

# a label naming a one-word value: ``words: "urban"``, ``"w": "fossil"``, ``zi: "链"``,
# or its place (``"i": 1``)
LABELLED_WORD_RE = re.compile(
    r"(?<![\w])(\w{1,16})[\"']?[ \t]*[:=][ \t]*(?:[\"'][^\W\d_]{1,12}[\"']|\d{1,2}(?!\d))"
)


def labels_blanked(text: str, repeats: int) -> str | None:
    """The text with a field label blanked (offsets kept) where it names ``repeats`` or more
    one-word values: a label is a word itself ("words") or too short to be read as one ("w"),
    so it breaks the run of list words, and "label: " is no gap between words. None when no
    label repeats so."""
    counts: dict[str, int] = {}
    for m in LABELLED_WORD_RE.finditer(text):
        counts[m.group(1)] = counts.get(m.group(1), 0) + 1
    labels = {label for label, n in counts.items() if n >= repeats}
    if not labels:
        return None
    names = "|".join(map(re.escape, sorted(labels)))
    blank = re.compile(rf"(?<![\w])(?:{names})[\"']?[ \t]*[:=]")  # its colon too: no "label: "
    return blank.sub(lambda m: " " * len(m.group()), text)
