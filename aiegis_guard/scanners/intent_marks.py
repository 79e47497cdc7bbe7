"""Marks of one text for the intent stage's per-sentence gate, read once a layer.

The intent stage (:mod:`.intent`) asks of each of thousands of sentences of a long text
whether it may name something on-chain (:func:`~.intent_judge.may_be_onchain`: a sentence
without a cue word is judged only then, and a judged one is asked again for an address it
is expected to pay). :class:`Marks` reads the same condition once over the whole text and
answers each sentence ``[a, b)`` by bisection with what the sentence's own test says:

* ``0x`` / ``0X``, ``.eth`` / ``.sol`` in any case: no character outside ASCII lower-cases to
  one of these letters, so the lower-cased sentence holds one exactly where the text does;
* a run of 32 characters of ``BASE58_CLASS`` (with its flags): class membership is read one
  character at a time, so a sentence holds 32 in a row exactly where one of the text's
  maximal runs overlaps it by 32 (:func:`base58_runs`).

A mark is positions only; the marks live as long as one call of the stage.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners.intent_judge import BASE58_CLASS

__all__ = ["Marks", "base58_runs"]

_HINT_RE = re.compile(r"0[xX]|\.(?:[eE][tT][hH]|[sS][oO][lL])")


@cache
def _base58_runs_re() -> re.Pattern[str]:
    return re.compile(BASE58_CLASS + "{32,}", p.F)


# one byte a character (ASCII-encoded, "?" for any other): "a" where the class may match (a
# base58 character in any case, or "?": the class also matches a few others, İ ı ſ K)
_MAY_BASE58 = bytes(
    ord("a") if i < 128 and (chr(i).isalpha() or chr(i) in "123456789?") else ord(".")
    for i in range(256)
)
_RUN = b"a" * 32


def base58_runs(text: str) -> list[tuple[int, int]]:
    """The maximal runs of 32 characters or more of ``BASE58_CLASS`` (with its flags) in
    ``text``: found on a one-byte-a-character shape at C speed, and read by the pattern
    only where a character outside ASCII stands in one."""
    raw = text.encode("ascii", "replace")
    shape = raw.translate(_MAY_BASE58)
    runs: list[tuple[int, int]] = []
    at = shape.find(_RUN)
    while at >= 0:
        start = shape.rfind(b".", 0, at) + 1
        end = shape.find(b".", at)
        end = len(shape) if end < 0 else end
        if b"?" in raw[start:end]:  # maybe another letter, maybe a "?": asked exactly
            runs += [m.span() for m in _base58_runs_re().finditer(text, start, end)]
        else:
            runs.append((start, end))
        at = shape.find(_RUN, end)
    return runs


Spans = list[tuple[int, int]]


def _inside(starts: list[int], spans: Spans, a: int, b: int) -> bool:
    """Does one of ``spans`` (sorted, ``starts`` their starts) lie in ``[a, b)`` whole?"""
    i = bisect.bisect_left(starts, a)
    while i < len(spans) and spans[i][0] < b:
        if spans[i][1] <= b:
            return True
        i += 1
    return False


class Marks:
    """The gates' marks of ``text`` (each read on first use)."""

    __slots__ = ("_hints", "_runs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._hints: tuple[list[int], Spans] | None = None
        self._runs: tuple[list[int], Spans] = ([], [])

    def onchain(self, a: int, b: int) -> bool:
        """:func:`~.intent_judge.may_be_onchain` of ``text[a:b]``."""
        if self._hints is None:
            self._hints = _sorted([m.span() for m in _HINT_RE.finditer(self.text)])
            runs = base58_runs(self.text)
            # a run may start before the sentence and still hold 32 characters of it
            self._runs = ([end for _, end in runs], runs)
        if _inside(*self._hints, a, b):
            return True
        ends, runs = self._runs
        i = bisect.bisect_right(ends, a)
        while i < len(runs) and runs[i][0] < b:
            start, end = runs[i]
            if min(end, b) - max(start, a) >= 32:
                return True
            i += 1
        return False


def _sorted(spans: Spans) -> tuple[list[int], Spans]:
    spans = sorted(spans)
    return [start for start, _ in spans], spans
