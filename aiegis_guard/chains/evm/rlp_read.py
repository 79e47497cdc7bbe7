"""Strict RLP decoding for raw transactions: canonical encodings only, bounded nesting.

Accepts exactly what ``rlp.decode`` (pyrlp, strict) accepts and returns the same values
(``bytes`` for strings, ``list`` for lists), in a few microseconds instead of ~30: pyrlp
walks the input through several generic Python layers per item. Rejected: truncation,
trailing bytes, a single byte below 0x80 wrapped in a string header, long-form lengths
under 56 or with leading zeros, a list whose items overrun it. Lists nested deeper than
``MAX_DEPTH`` (no transaction has them) go to pyrlp, so that what it accepts and rejects
there (up to its recursion limit) stays the same too.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.errors import EvmDecodeError

__all__ = ["MAX_DEPTH", "rlp_decode"]

MAX_DEPTH = 64  # a transaction nests 3 deep (access lists, authorizations, blob wrapper)


class _TooDeep(Exception):
    pass


def rlp_decode(raw: bytes) -> Any:
    """The item ``raw`` encodes (``bytes`` or a nested ``list`` of them)."""
    try:
        item, end = _item(raw, 0, len(raw), 0)
    except _TooDeep:
        return _pyrlp(raw)
    if end != len(raw):
        raise EvmDecodeError(f"not valid RLP ({len(raw) - end} trailing bytes)")
    return item


def _item(raw: bytes, pos: int, limit: int, depth: int) -> tuple[Any, int]:
    """(item, end) of the item at ``pos``, which must end by ``limit``."""
    if pos >= limit:
        raise EvmDecodeError("not valid RLP (truncated)")
    b = raw[pos]
    if b < 0x80:
        return raw[pos : pos + 1], pos + 1
    if b < 0xB8:
        start, end = pos + 1, pos + 1 + b - 0x80
        if end == start + 1 and end <= limit and raw[start] < 0x80:
            raise EvmDecodeError("not valid RLP (single byte in a string header)")
    elif b < 0xC0:
        start, end = _long(raw, pos, b - 0xB7, limit)
    elif b < 0xF8:
        start, end = pos + 1, pos + 1 + b - 0xC0
    else:
        start, end = _long(raw, pos, b - 0xF7, limit)
    if end > limit:
        raise EvmDecodeError("not valid RLP (truncated)")
    if b < 0xC0:
        return raw[start:end], end
    if depth >= MAX_DEPTH:
        raise _TooDeep
    items = []
    while start < end:
        item, start = _item(raw, start, end, depth + 1)
        items.append(item)
    return items, end


def _long(raw: bytes, pos: int, width: int, limit: int) -> tuple[int, int]:
    """(payload start, end) of a long-form header: ``width`` length bytes after ``pos``."""
    start = pos + 1 + width
    if start > limit:
        raise EvmDecodeError("not valid RLP (truncated length)")
    if raw[pos + 1] == 0:
        raise EvmDecodeError("not valid RLP (length with leading zeros)")
    size = int.from_bytes(raw[pos + 1 : start], "big")
    if size < 56:
        raise EvmDecodeError("not valid RLP (long form for a short payload)")
    return start, start + size


def _pyrlp(raw: bytes) -> Any:
    import rlp  # type: ignore[import-untyped]

    try:
        return rlp.decode(raw)
    except Exception as exc:  # several types, and RecursionError on deep lists
        raise EvmDecodeError(f"not valid RLP ({type(exc).__name__})") from exc
