"""A small, strict, bounded Solidity ABI decoder for the types the selector table uses.

``eth_abi.decode`` costs ~40 µs for ``(address,uint256)``; this reader takes a few µs and
raises only :class:`EvmDecodeError`, whatever the bytes: offsets and lengths are checked
against the buffer before anything is sliced or allocated, dirty padding is rejected (as
Solidity's decoder reverts on it), overlapping offsets cannot amplify the work (a budget of
bytes and elements no larger than the buffer), and addresses come back as ``0x`` + 40
lower-case hex. Types are parsed once, at import, into :class:`AbiType` nodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from aiegis_guard.errors import EvmDecodeError, quote

__all__ = ["AbiType", "decode_args", "parse_type", "parse_types", "split_types"]

MAX_ARRAY = 4096  # elements per array: a transaction never needs more
_OVERLAP = 4  # distinct overlapping payloads decoded: up to this many times the buffer
_WORD_KINDS = frozenset({"address", "uint", "int", "bool", "fixed"})


@dataclass(frozen=True, slots=True)
class AbiType:
    """One parsed ABI type. ``size``: bits (u)int / bytesN length / fixed array length."""

    kind: str  # address uint int bool fixed bytes string array tuple
    size: int | None = None
    items: tuple[AbiType, ...] = ()  # tuple members, or the one array element type
    dynamic: bool = False
    head: int = 32  # bytes this type takes in the head of its enclosing encoding


def _node(kind: str, size: int | None = None, items: tuple[AbiType, ...] = ()) -> AbiType:
    if kind in ("bytes", "string"):
        return AbiType(kind, dynamic=True)
    if kind == "array":
        dynamic = size is None or items[0].dynamic
        head = 32 if dynamic else int(size or 0) * items[0].head
        return AbiType(kind, size, items, dynamic, head)
    if kind == "tuple":
        dynamic = any(t.dynamic for t in items)
        return AbiType(kind, None, items, dynamic, 32 if dynamic else sum(t.head for t in items))
    return AbiType(kind, size)


def split_types(inner: str) -> list[str]:
    """``"address,(uint8,bytes)[],bool"`` -> ``["address", "(uint8,bytes)[]", "bool"]``."""
    parts: list[str] = []
    depth = start = 0
    for i, c in enumerate(inner):
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    if inner:
        parts.append(inner[start:])
    return parts


@cache
def parse_type(text: str) -> AbiType:
    if text.endswith("]"):
        open_at = text.rindex("[")
        size = text[open_at + 1 : -1]
        return _node("array", int(size) if size else None, (parse_type(text[:open_at]),))
    if text.startswith("("):
        return _node("tuple", None, tuple(parse_type(t) for t in split_types(text[1:-1])))
    if text in ("address", "bool", "bytes", "string"):
        return _node(text)
    for prefix, kind in (("uint", "uint"), ("int", "int"), ("bytes", "fixed")):
        if text.startswith(prefix):
            return _node(kind, int(text[len(prefix) :] or 256))
    raise ValueError(f"unsupported ABI type {quote(text)}")


def parse_types(signature: str) -> tuple[AbiType, ...]:
    """Argument types of ``name(type,...)``."""
    inner = signature[signature.index("(") + 1 : -1]
    return tuple(parse_type(t) for t in split_types(inner))


def _word(data: bytes, pos: int) -> int:
    if pos + 32 > len(data):
        raise EvmDecodeError("calldata too short")
    return int.from_bytes(data[pos : pos + 32], "big")


_ZERO12 = bytes(12)


def _static(t: AbiType, data: bytes, pos: int) -> Any:
    end = pos + 32  # _word inlined: the most frequent call of a decode
    if end > len(data):
        raise EvmDecodeError("calldata too short")
    kind = t.kind
    if kind == "address":
        if data[pos : pos + 12] != _ZERO12:
            raise EvmDecodeError("address with dirty high bytes")
        return "0x" + data[pos + 12 : end].hex()
    value = int.from_bytes(data[pos:end], "big")
    bits = t.size or 256
    if kind == "uint":
        if value >> bits:
            raise EvmDecodeError(f"uint{bits} out of range")
        return value
    if kind == "bool":
        if value > 1:
            raise EvmDecodeError("bool that is neither 0 nor 1")
        return value == 1
    if kind == "int":
        if value >> 255:
            value -= 1 << 256
        if not -(1 << (bits - 1)) <= value < 1 << (bits - 1):
            raise EvmDecodeError(f"int{bits} out of range")
        return value
    return data[pos : pos + bits]  # fixed bytesN


class _Budget:
    """Overlapping offsets may point many heads at the same payload (Solidity's decoder
    accepts them: a legal encoding the EVM runs). A ``bytes`` payload referenced again is
    the same value (``seen``, charged once); distinct payloads and elements may add up to
    ``_OVERLAP`` times what the buffer holds, no more (the work stays linear in the input)."""

    __slots__ = ("bytes", "items", "seen")

    def __init__(self, size: int) -> None:
        self.bytes = size * _OVERLAP
        self.items = size // 32 + 8
        self.seen: dict[tuple[int, int], bytes] = {}

    def take(self, n_bytes: int, n_items: int) -> None:
        self.bytes -= n_bytes
        self.items -= n_items
        if self.bytes < 0 or self.items < 0:
            raise EvmDecodeError("ABI encoding decodes to more than it holds")


def _static_any(t: AbiType, data: bytes, pos: int) -> Any:
    if t.kind == "array":
        inner = t.items[0]
        return [_static_any(inner, data, pos + i * inner.head) for i in range(t.size or 0)]
    if t.kind == "tuple":
        out = []
        for x in t.items:
            out.append(_static_any(x, data, pos))
            pos += x.head
        return tuple(out)
    return _static(t, data, pos)


def _decode(t: AbiType, data: bytes, base: int, pos: int, budget: _Budget) -> Any:
    """Decode one value whose head is at ``pos`` in an encoding starting at ``base``."""
    if not t.dynamic:
        kind = t.kind
        if kind in ("array", "tuple"):
            return _static_any(t, data, pos)
        return _static(t, data, pos)
    size = len(data)  # _word inlined for the offset and the length
    if pos + 32 > size:
        raise EvmDecodeError("calldata too short")
    start = base + int.from_bytes(data[pos : pos + 32], "big")
    if start >= size:
        raise EvmDecodeError("ABI offset out of range")
    kind = t.kind
    if kind in ("bytes", "string"):
        if start + 32 > size:
            raise EvmDecodeError("calldata too short")
        n = int.from_bytes(data[start : start + 32], "big")
        if n > size - start - 32:
            raise EvmDecodeError("ABI bytes length out of range")
        raw = budget.seen.get((start, n))
        if raw is None:
            budget.take(n, 1)
            raw = budget.seen[(start, n)] = data[start + 32 : start + 32 + n]
        if kind == "bytes":
            return raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EvmDecodeError("ABI string is not UTF-8") from exc
    if kind == "array" and t.size is None:
        n = _word(data, start)
        if n > MAX_ARRAY or n * 32 > len(data) - start - 32:
            raise EvmDecodeError("ABI array length out of range")
        budget.take(0, n)
        return _sequence(t.items * n, data, start + 32, budget)
    if kind == "array":
        budget.take(0, t.size or 0)
        return _sequence(t.items * (t.size or 0), data, start, budget)
    return tuple(_sequence(t.items, data, start, budget))


def _sequence(types: tuple[AbiType, ...], data: bytes, base: int, budget: _Budget) -> list[Any]:
    out = []
    pos = base
    for t in types:
        out.append(_decode(t, data, base, pos, budget))
        pos += t.head
    return out


# argument lists come from the selector tables (parsed once, at import): their layout is
# kept by identity, since hashing a tuple of frozen dataclasses re-hashes every node
_LAYOUTS: dict[int, tuple[tuple[AbiType, ...], int, bool]] = {}


def _layout(types: tuple[AbiType, ...]) -> tuple[int, bool]:
    """(head size, every argument a single static word)."""
    found = _LAYOUTS.get(id(types))
    if found is None or found[0] is not types:
        if len(_LAYOUTS) >= 4096:
            _LAYOUTS.clear()
        head, simple = sum(t.head for t in types), all(t.kind in _WORD_KINDS for t in types)
        found = _LAYOUTS[id(types)] = (types, head, simple)
    return found[1], found[2]


def decode_args(types: tuple[AbiType, ...], data: bytes) -> list[Any]:
    """Decode an ABI-encoded argument list (calldata without its selector)."""
    size, simple = _layout(types)
    if len(data) < size:
        raise EvmDecodeError("calldata too short for its arguments")
    if simple:
        return [_static(t, data, 32 * i) for i, t in enumerate(types)]
    return _sequence(types, data, 0, _Budget(len(data)))
