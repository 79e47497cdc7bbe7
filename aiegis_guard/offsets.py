"""Offset maps: where each character of a derived text came from in its parent text.

A derived text (NFKC-normalised, invisible characters removed, escapes decoded) is a sequence of
*pieces*. A linear piece copies a stretch of the parent one to one; an atomic piece (an escape,
a composed character, a ligature) maps as a whole to its parent span. Stretches of unchanged
text are one piece, so a mostly-plain text costs a handful of entries, not one per character.

    m = MapBuilder(); m.linear(0, 3); m.atomic(1, 3, 6); m.linear(6, 9)
    m.build().span(3, 4)  # -> (3, 6): the decoded "%41" came from parent[3:6]
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable

__all__ = ["MapBuilder", "OffsetMap", "merged_spans"]


def merged_spans(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted ``spans`` with the overlapping (and touching) ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


class OffsetMap:
    """Piecewise map from positions of a text to spans of its parent text. Immutable."""

    __slots__ = ("_end", "_lin", "_out", "_src", "length")

    def __init__(
        self, out: array[int], src: array[int], end: array[int], lin: array[int], length: int
    ) -> None:
        self._out, self._src, self._end, self._lin = out, src, end, lin
        self.length = length

    def __len__(self) -> int:
        return len(self._out)

    def _first(self, p: int) -> int:
        k = bisect_right(self._out, p) - 1
        return self._src[k] + (p - self._out[k]) if self._lin[k] else self._src[k]

    def _last(self, p: int) -> int:
        """Exclusive parent end of the character at ``p``."""
        k = bisect_right(self._out, p) - 1
        return self._src[k] + (p - self._out[k]) + 1 if self._lin[k] else self._end[k]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The parent span of ``text[start:end]`` (clamped; empty spans map to a point)."""
        n = self.length
        if n == 0 or not self._out:
            return 0, 0
        start = min(max(start, 0), n)
        end = min(max(end, start), n)
        if start == end:
            p = self._end[-1] if start == n else self._first(start)
            return p, p
        return self._first(start), self._last(end - 1)

    def linear_run(self, p: int) -> tuple[int, int] | None:
        """``(q, stop)`` when ``text[p:stop]`` is ``parent[q:q + stop - p]`` copied one to one
        (``stop``: the end of that piece); None when ``p`` is in an atomic piece."""
        if not 0 <= p < self.length or not self._out:
            return None
        k = bisect_right(self._out, p) - 1
        if k < 0 or not self._lin[k]:
            return None
        stop = self._out[k + 1] if k + 1 < len(self._out) else self.length
        return self._src[k] + (p - self._out[k]), stop

    def linear_pieces(self) -> list[tuple[int, int, int]]:
        """``(start, end, parent_start)`` of every piece copied one to one."""
        n = len(self._out)
        return [
            (self._out[k], self._out[k + 1] if k + 1 < n else self.length, self._src[k])
            for k in range(n)
            if self._lin[k]
        ]

    def part(self, start: int, end: int) -> OffsetMap:
        """The map of ``text[start:end]`` (its position 0 is ``start`` here)."""
        out = MapBuilder()
        self.copy_into(out, start, end)
        return out.build()

    def then(self, parent: OffsetMap | None) -> OffsetMap:
        """Compose: this map (text -> middle) followed by ``parent`` (middle -> its parent)."""
        if parent is None:
            return self
        out = MapBuilder()
        for k in range(len(self._out)):
            o_end = self._out[k + 1] if k + 1 < len(self._out) else self.length
            s, e = self._src[k], self._end[k]
            if not self._lin[k]:
                ps, pe = parent.span(s, e)
                out.atomic(o_end - self._out[k], ps, pe)
            else:
                parent.copy_into(out, s, e)
        return out.build()

    def copy_into(self, out: MapBuilder, start: int, end: int) -> None:
        """Append the pieces that ``text[start:end]`` maps to (for composition)."""
        j = bisect_right(self._out, start) - 1
        n = len(self._out)
        while start < end and j < n:
            o, o_end = self._out[j], (self._out[j + 1] if j + 1 < n else self.length)
            stop = min(end, o_end)
            if self._lin[j]:
                base = self._src[j] - o
                out.linear(base + start, base + stop)
            else:
                out.atomic(stop - start, self._src[j], self._end[j])
            start = stop
            j += 1


class MapBuilder:
    """Builds an :class:`OffsetMap` piece by piece, in text order."""

    __slots__ = ("_end", "_lin", "_out", "_src", "n")

    def __init__(self) -> None:
        self._out: array[int] = array("q")
        self._src: array[int] = array("q")
        self._end: array[int] = array("q")
        self._lin: array[int] = array("b")
        self.n = 0

    def linear(self, start: int, end: int) -> None:
        """The next ``end - start`` characters are ``parent[start:end]``, one to one."""
        if end <= start:
            return
        if self._lin and self._lin[-1] and self._end[-1] == start:
            self._end[-1] = end
        else:
            self._push(start, end, 1)
        self.n += end - start

    def atomic(self, count: int, start: int, end: int) -> None:
        """The next ``count`` characters came, as a whole, from ``parent[start:end]``."""
        if count <= 0:
            return
        self._push(start, end, 0)
        self.n += count

    def _push(self, start: int, end: int, lin: int) -> None:
        self._out.append(self.n)
        self._src.append(start)
        self._end.append(end)
        self._lin.append(lin)

    def linear_pieces(self, starts: list[int], ends: list[int]) -> None:
        """Many :meth:`linear` pieces at once (``parent[starts[i]:ends[i]]``, none empty and
        none adjacent): the bulk form for texts with thousands of removed characters."""
        if not starts:
            return
        outs = [self.n]
        for s, e in zip(starts, ends, strict=True):
            outs.append(outs[-1] + e - s)
        self.n = outs.pop()
        self._out.extend(outs)
        self._src.extend(starts)
        self._end.extend(ends)
        self._lin.extend(bytes([1]) * len(starts))

    def build(self) -> OffsetMap:
        return OffsetMap(self._out, self._src, self._end, self._lin, self.n)
