"""A small, strict, bounded Solidity ABI decoder for the types the selector table uses.

``eth_abi.decode`` costs ~40 µs for ``(address,uint256)``; this reader takes a few µs and
raises only :class:`EvmDecodeError`, whatever the bytes: offsets and lengths are checked
against the buffer before anything is sliced or allocated, dirty padding is rejected (as
Solidity's decoder reverts on it) and addresses come back as ``0x`` + 40 lower-case hex.

Types are parsed once (at import, from the selector table) into small tuples::

    ("address",) ("uint", bits) ("int", bits) ("bool",) ("fixed", n) ("bytes",) ("string",)
    ("array", inner, length | None) ("tuple", (inner, ...))
"""

from __future__ import annotations

from functools import cache
from typing import Any

from aiegis_guard.errors import EvmDecodeError

__all__ = ["AbiType", "decode_args", "head_size", "is_dynamic", "parse_types", "split_types"]

AbiType = tuple[Any, ...]
MAX_ARRAY = 4096  # elements per array: a transaction never needs more


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
        return ("array", parse_type(text[:open_at]), int(size) if size else None)
    if text.startswith("("):
        return ("tuple", tuple(parse_type(t) for t in split_types(text[1:-1])))
    if text == "address":
        return ("address",)
    if text == "bool":
        return ("bool",)
    if text in ("bytes", "string"):
        return (text,)
    if text.startswith("uint"):
        return ("uint", int(text[4:] or 256))
    if text.startswith("int"):
        return ("int", int(text[3:] or 256))
    if text.startswith("bytes"):
        return ("fixed", int(text[5:]))
    raise ValueError(f"unsupported ABI type {text!r}")


def parse_types(signature: str) -> tuple[AbiType, ...]:
    """Argument types of ``name(type,...)``."""
    inner = signature[signature.index("(") + 1 : -1]
    return tuple(parse_type(t) for t in split_types(inner))


@cache
def is_dynamic(t: AbiType) -> bool:
    kind = t[0]
    if kind in ("bytes", "string"):
        return True
    if kind == "array":
        return t[2] is None or is_dynamic(t[1])
    if kind == "tuple":
        return any(is_dynamic(x) for x in t[1])
    return False


@cache
def head_size(t: AbiType) -> int:
    if is_dynamic(t):
        return 32
    if t[0] == "array":
        return int(t[2]) * head_size(t[1])
    if t[0] == "tuple":
        return sum(head_size(x) for x in t[1])
    return 32


def _word(data: bytes, pos: int) -> int:
    if pos < 0 or pos + 32 > len(data):
        raise EvmDecodeError("calldata too short")
    return int.from_bytes(data[pos : pos + 32], "big")


def _static(t: AbiType, data: bytes, pos: int) -> Any:
    kind = t[0]
    value = _word(data, pos)
    if kind == "address":
        if value >> 160:
            raise EvmDecodeError("address with dirty high bytes")
        return "0x" + data[pos + 12 : pos + 32].hex()
    if kind == "uint":
        if value >> t[1]:
            raise EvmDecodeError(f"uint{t[1]} out of range")
        return value
    if kind == "bool":
        if value > 1:
            raise EvmDecodeError("bool that is neither 0 nor 1")
        return value == 1
    if kind == "int":
        if value >> 255:
            value -= 1 << 256
        if not -(1 << (t[1] - 1)) <= value < 1 << (t[1] - 1):
            raise EvmDecodeError(f"int{t[1]} out of range")
        return value
    return data[pos : pos + t[1]]  # fixed bytesN


def _offset(data: bytes, base: int, pos: int) -> int:
    off = _word(data, pos)
    if off >= len(data):
        raise EvmDecodeError("ABI offset out of range")
    return base + off


class _Budget:
    """Overlapping offsets may point many heads at the same payload; valid encodings never
    decode to more bytes or elements than the buffer holds, so neither may we."""

    __slots__ = ("bytes", "items")

    def __init__(self, size: int) -> None:
        self.bytes = size
        self.items = size // 32 + 8

    def take(self, n_bytes: int, n_items: int) -> None:
        self.bytes -= n_bytes
        self.items -= n_items
        if self.bytes < 0 or self.items < 0:
            raise EvmDecodeError("ABI encoding decodes to more than it holds")


def _decode(t: AbiType, data: bytes, base: int, pos: int, budget: _Budget) -> Any:
    """Decode one value whose head is at ``pos`` in an encoding starting at ``base``."""
    if not is_dynamic(t):
        return _static_any(t, data, pos)
    start = _offset(data, base, pos)
    kind = t[0]
    if kind in ("bytes", "string"):
        n = _word(data, start)
        if n > len(data) - start - 32:
            raise EvmDecodeError("ABI bytes length out of range")
        budget.take(n, 1)
        raw = data[start + 32 : start + 32 + n]
        if kind == "bytes":
            return raw
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise EvmDecodeError("ABI string is not UTF-8") from exc
    if kind == "array" and t[2] is None:
        n = _word(data, start)
        if n > MAX_ARRAY or n * 32 > len(data) - start - 32:
            raise EvmDecodeError("ABI array length out of range")
        budget.take(0, n)
        return _sequence((t[1],) * n, data, start + 32, budget)
    if kind == "array":
        budget.take(0, int(t[2]))
        return _sequence((t[1],) * int(t[2]), data, start, budget)
    return tuple(_sequence(t[1], data, start, budget))


def _static_any(t: AbiType, data: bytes, pos: int) -> Any:
    kind = t[0]
    if kind == "array":
        size = head_size(t[1])
        return [_static_any(t[1], data, pos + i * size) for i in range(int(t[2]))]
    if kind == "tuple":
        out = []
        for x in t[1]:
            out.append(_static_any(x, data, pos))
            pos += head_size(x)
        return tuple(out)
    return _static(t, data, pos)


def _sequence(types: tuple[AbiType, ...], data: bytes, base: int, budget: _Budget) -> list[Any]:
    out = []
    pos = base
    for t in types:
        out.append(_decode(t, data, base, pos, budget))
        pos += head_size(t)
    return out


@cache
def _layout(types: tuple[AbiType, ...]) -> tuple[int, bool]:
    """(head size, every argument a single static word)."""
    simple = all(t[0] in ("address", "uint", "bool", "int", "fixed") for t in types)
    return sum(head_size(t) for t in types), simple


def decode_args(types: tuple[AbiType, ...], data: bytes) -> list[Any]:
    """Decode an ABI-encoded argument list (calldata without its selector)."""
    size, simple = _layout(types)
    if len(data) < size:
        raise EvmDecodeError("calldata too short for its arguments")
    if simple:
        return [_static(t, data, 32 * i) for i, t in enumerate(types)]
    return _sequence(types, data, 0, _Budget(len(data)))
