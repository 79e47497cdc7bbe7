"""Regular expressions compiled on first use.

A module-level table of patterns costs its compile time at import (a large character class or
alternation ~1-5 ms each), in every process that imports it, also in one that never meets the
text those patterns look for (``aiegis-guard scan --text hi``). :class:`LazyPattern` keeps the
source and compiles it on the first call; later calls cost one attribute check. Use it for
patterns that run only behind a cheaper test (a prefix, a context word, a candidate), not for
the ones every text goes through.

``gated=True`` also reads off the pattern the strings one of which every match holds
(:mod:`aiegis_guard.litgate`): ``search`` and ``finditer`` first look for them in the string
(one automaton pass) and find nothing at once when none occurs. For the case-insensitive
alternations that ``re`` tries at every position (no first character to skip to).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from itertools import chain

from aiegis_guard.litgate import GATE_SPAN, LiteralGate

__all__ = ["LazyPattern"]


class LazyPattern:
    """``re.compile(pattern, flags)`` on first use (the ``re.Pattern`` methods used here)."""

    __slots__ = ("_compiled", "_gate", "flags", "gated", "pattern")

    def __init__(self, pattern: str, flags: int = 0, *, gated: bool = False) -> None:
        self.pattern = pattern
        self.flags = flags
        self.gated = gated
        self._compiled: re.Pattern[str] | None = None
        self._gate: LiteralGate | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:  # two threads may both compile: same result, no harm
            compiled = re.compile(self.pattern, self.flags)
            if self.gated:  # set before the pattern: a thread that sees it sees the gate
                self._gate = LiteralGate.of(self.pattern, self.flags)
            self._compiled = compiled
        return compiled

    @property
    def gate(self) -> LiteralGate | None:
        """The literal gate (``gated=True`` and the pattern forces a literal), else None."""
        _ = self.compiled
        return self._gate

    @property
    def groupindex(self) -> dict[str, int]:
        return dict(self.compiled.groupindex)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        compiled = self.compiled
        gate = self._gate
        if gate is not None:
            return gate.search(compiled, string, pos, endpos)
        return compiled.search(string, pos, endpos)

    def literal_spans(self, string: str, *, whole: bool = False) -> list[tuple[int, int]] | None:
        """Where the gate's literals occur in ``string`` (every match, from any ``pos`` to any
        ``endpos``, holds one of these spans whole); None when not gated or too long to read
        (``whole``: read however long, for a caller that reads a text once, not per part)."""
        gate = self.gate
        if gate is None:
            return None
        return gate.spans(string, len(string)) if whole else gate.spans(string)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        compiled = self.compiled
        gate = self._gate
        if gate is None:
            return compiled.finditer(string, pos, endpos)
        # read where its literals stand, at any length (one automaton pass), each window by
        # the alternatives whose literals it holds
        windows = gate.windows(string, pos, endpos)
        if windows is not None:
            return chain.from_iterable(self.searches(string, a, b) for a, b in windows)
        if not gate.holds(string, pos, endpos):
            return iter(())
        return compiled.finditer(string, pos, endpos)

    def sparse(self, string: str) -> Iterator[re.Match[str]]:
        """:meth:`finditer` over ``string`` for a gated alternation that matches a few times a
        text. ``finditer`` reads a gate with a reach by windows around its literals; without
        one, a short text is read by :meth:`searches` (only the alternatives whose literals
        occur run; the whole alternation at every position cost ms a call on 1 KB of HTML).
        Each search re-reads the rest of its span, so a pattern that matches at every word
        keeps ``finditer``."""
        gate = self.gate
        if (gate is None or gate.reach is None) and len(string) <= GATE_SPAN:
            return self.searches(string)
        return self.finditer(string)

    def searches(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """The matches :meth:`finditer` yields, found by :meth:`search` from the end of each
        (the gate runs only the alternatives whose literals occur: ~5x faster than the whole
        alternation on a short span). ``finditer`` goes on from a match's end too; only after
        an empty match does it differ (no empty match at the same place), so from an empty
        match on, ``re``'s own iterator, started there, yields the rest."""
        while True:
            m = self.search(string, pos, endpos)
            if m is None:
                return
            if m.end() == m.start():
                rest = self.compiled.finditer(string, m.start(), endpos)
                next(rest)  # m itself: the same search from the same place
                yield m
                yield from rest
                return
            yield m
            pos = m.end()

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"
