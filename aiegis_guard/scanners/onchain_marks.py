"""Where :data:`~.intent_patterns.ONCHAIN_RE` may match in one text, read once for many spans.

A page quotes thousands of attribute values (``href="https://…"``), and the reported-speech
reading asks of each whether it names an on-chain destination
(:func:`.reported._names_destination`).
:class:`OnchainMarks` answers "could ``ONCHAIN_RE.search(text, a, b)`` match?" for any span
``[a, b)`` from marks read once over the text, as the pattern's three branches demand
(a necessary condition, checked by ``tests/test_onchain_marks.py`` against the pattern):

* ``0x`` and 40 hex digits: ``0x`` in the folded text (:func:`~aiegis_guard.litgate.fold`:
  each character as ``re.IGNORECASE`` compares it, positions kept) between the bounds;
* a name ending ``.eth`` / ``.sol``: one of these in the folded text between the bounds
  (``.ſol`` folds to ``.sol``, as the pattern reads it);
* 32-44 characters of the base58 class (any case): a run of 32 or more characters that may
  be in it (ASCII letters, 1-9, and every character outside ASCII, ``?`` in a class view)
  overlapping the span by 32.

A mark is positions only; the marks live as long as the reader that made them.
"""

from __future__ import annotations

import bisect
import string

from aiegis_guard.charclass import CharClass, runs
from aiegis_guard.litgate import fold

__all__ = ["BASE58_RUN", "LITERALS", "MAY_BASE58", "OnchainMarks"]

LITERALS = ("0x", ".eth", ".sol")  # folded: every match of the other two branches holds one
BASE58_RUN = 32  # the fewest characters of the base58 branch
MAY_BASE58 = CharClass("onchain_base58_may", string.ascii_letters + "123456789?")


class OnchainMarks:
    """The marks of ``text`` (each read on first use)."""

    __slots__ = ("_folded", "_runs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._runs: tuple[list[int], list[tuple[int, int]]] | None = None

    def may_match(self, a: int, b: int) -> bool:
        """Could ``ONCHAIN_RE.search(text, a, b)`` find a match? False only where it cannot."""
        folded = self._folded
        if folded is None:
            folded = self._folded = fold(self.text)
        if any(folded.find(s, a, b) >= 0 for s in LITERALS):
            return True
        if self._runs is None:
            found = list(runs(self.text, MAY_BASE58, BASE58_RUN))
            self._runs = ([end for _, end in found], found)
        ends, found = self._runs
        i = bisect.bisect_right(ends, a)  # a run may start before the span and still hold 32
        while i < len(found) and found[i][0] < b:
            start, end = found[i]
            if min(end, b) - max(start, a) >= BASE58_RUN:
                return True
            i += 1
        return False
