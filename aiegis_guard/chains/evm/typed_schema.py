"""EIP-712 ``types``: parsed and checked once per distinct set, and the walk that coerces a
message to them.

A payload's ``types`` are checked (every referenced type defined, names identifiers, bounded
sizes) and turned into a :class:`Schema`: the types, each struct's fields with the coercion of
every atomic one, the domain's declared fields. Wallets and dapps send the same types again
and again (a permit, a Seaport order), so a schema is kept across requests, keyed by the
types' names alone (:func:`schema_of`); a message's values are never kept (the per-walk memo
of :class:`Walker` lives for one walk).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from aiegis_guard.errors import EvmDecodeError, quote

__all__ = [
    "MAX_JSON",
    "MAX_TEXT",
    "Schema",
    "Types",
    "Walker",
    "parse_types",
    "schema_of",
    "split_array",
]

MAX_DEPTH = 16
MAX_NODES = 10_000
MAX_JSON = 1 << 20
MAX_TEXT = 4096
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*(?::[A-Za-z_$][A-Za-z0-9_$]*)?")
_ATOMIC = re.compile(r"address|bool|string|bytes([1-9]|[12][0-9]|3[0-2])?|u?int(\d{1,3})?")
_ARRAY = re.compile(r"(.+?)((?:\[\d*\])+)")
_DOMAIN_FIELDS = {
    "name": "string",
    "version": "string",
    "chainId": "uint256",
    "verifyingContract": "address",
    "salt": "bytes32",
}
Types = dict[str, list[tuple[str, str]]]
# a struct field: name, type, the coercion of an atomic type, the index of its per-walk memo
# (-1: not memoised)
_Plan = tuple[str, str, Callable[[Any], Any] | None, int]
_KEPT = 256  # schemas kept across requests
_KEPT_NAME = 40  # a schema naming a longer type or field is never kept (no secret-sized name)


def parse_types(raw: Any) -> Types:
    """Check a payload's ``types`` and return them as (field name, type) lists."""
    if (not isinstance(raw, dict) and not isinstance(raw, Mapping)) or len(raw) > 256:
        raise EvmDecodeError("typed data: 'types' must be an object of at most 256 types")
    out: Types = {}
    for name, fields in raw.items():
        if not isinstance(name, str) or not _IDENT.fullmatch(name):
            raise EvmDecodeError("typed data: a type name is not an identifier")
        if not isinstance(fields, list) or len(fields) > 256:
            raise EvmDecodeError(f"typed data: fields of {quote(name)} must be a list")
        parsed = []
        for field in fields:  # inline: a payload has dozens of fields
            if type(field) is not dict and not isinstance(field, Mapping):  # abc is slow
                raise EvmDecodeError(f"typed data: a field of {quote(name)} is not an object")
            fname, ftype = field.get("name"), field.get("type")
            if not isinstance(fname, str) or not isinstance(ftype, str) or len(ftype) > 128:
                raise EvmDecodeError(f"typed data: a field of {quote(name)} lacks name/type")
            parsed.append((fname, ftype))
        out[name] = parsed
    for fields in out.values():
        for _, ftype in fields:
            if ftype in _LEAVES:  # the common case: an atomic type, known valid
                continue
            if (b := split_array(ftype)[0]) not in out and not _is_atomic(b):
                raise EvmDecodeError(f"typed data: type {quote(b)} is not defined")
    return out


@lru_cache(maxsize=4096)  # type strings repeat across requests; parsing them is the hot part
def _is_atomic(t: str) -> bool:
    m = _ATOMIC.fullmatch(t)
    if m is None:
        return False
    bits = m.group(2)
    return bits is None or (0 < int(bits) <= 256 and int(bits) % 8 == 0)


@lru_cache(maxsize=4096)
def _inner_type(base: str, dims: tuple[int | None, ...]) -> str:
    return base + "".join(f"[{d if d is not None else ''}]" for d in dims[:-1])


@lru_cache(maxsize=4096)
def split_array(t: str) -> tuple[str, tuple[int | None, ...]]:
    m = _ARRAY.fullmatch(t)
    if m is None:
        return t, ()
    dims = tuple(int(d) if d else None for d in re.findall(r"\[(\d*)\]", m.group(2)))
    return m.group(1), dims


class Schema:
    """Checked ``types`` and what depends on them alone: each struct's plan (its fields, with
    the coercion of every atomic one and the index of its memo for the fixed-size types, and
    how many are atomic), the domain's declared fields, and what ``typed_data`` derives per
    primary type (``derived``)."""

    __slots__ = ("derived", "domain", "memos", "plans", "types")

    def __init__(self, types: Types) -> None:
        self.types = types
        index: dict[str, int] = {}
        self.plans: dict[str, tuple[tuple[_Plan, ...], int]] = {}
        for name, fields in types.items():
            plan = []
            for n, t in fields:
                leaf = None if t in types else _LEAVES.get(t)
                memo = -1
                if leaf is not None and t in _MEMO_TYPES:
                    memo = index.setdefault(t, len(index))
                plan.append((n, t, leaf, memo))
            self.plans[name] = (tuple(plan), sum(1 for e in plan if e[2] is not None))
        self.memos = len(index)
        self.domain = dict(types.get("EIP712Domain", ())) or _DOMAIN_FIELDS
        self.derived: dict[str, Any] = {}


_SCHEMAS: dict[tuple[Any, ...], Schema] = {}


def _names(raw: Any) -> tuple[Any, ...] | None:
    """The type and field names of plainly shaped ``types`` (a dict of lists of dicts) as a
    key, or None (the full check says what is wrong with the rest)."""
    if type(raw) is not dict or len(raw) > 256:  # parse_types refuses more types
        return None
    key = []
    try:
        for name, fields in raw.items():
            if type(fields) is not list:
                return None
            pairs = tuple([(f["name"], f["type"]) for f in fields if type(f) is dict])
            if len(pairs) != len(fields):
                return None
            key.append((name, pairs))
    except KeyError:
        return None
    return tuple(key)


def schema_of(raw: Any) -> Schema:
    """The :class:`Schema` of a payload's ``types``: kept from an earlier request with the
    same names, else checked (:func:`parse_types`, its errors) and built."""
    key = _names(raw)
    if key is not None:
        try:
            found = _SCHEMAS.get(key)
        except TypeError:  # an unhashable name: parse_types says so
            key = found = None
        if found is not None:
            return found
    schema = Schema(parse_types(raw))
    if key is not None and all(
        len(name) <= _KEPT_NAME and all(len(f) <= _KEPT_NAME for f, _ in fields)
        for name, fields in schema.types.items()
    ):  # a field's type is atomic or one of the names
        if len(_SCHEMAS) >= _KEPT:
            _SCHEMAS.clear()
        _SCHEMAS[key] = schema
    return schema


class Walker:
    """Coerces a value to its declared type; counts nodes to bound the work.

    A value repeated within one payload (an order's offerer, token, zero hash; every leaf of
    a bulk order) is coerced once: ``memos`` map each fixed-size atomic type's raw text to its
    value for this walk only (a payload's values may be secrets: nothing outlives the walk).
    """

    __slots__ = ("memos", "nodes", "plans", "strings", "types")

    def __init__(self, schema: Schema) -> None:
        self.types = schema.types
        self.plans = schema.plans
        self.nodes = 0
        self.strings: list[str] = []
        self.memos: list[dict[str, Any]] = [{} for _ in range(schema.memos)]

    def value(self, t: str, v: Any, depth: int) -> Any:
        self.nodes += 1
        if depth > MAX_DEPTH or self.nodes > MAX_NODES:
            raise EvmDecodeError("typed data nested too deep or too large")
        leaf = _LEAVES.get(t)
        if leaf is not None and t not in self.types:  # the common case: one atomic field
            out = leaf(v)
            if leaf is _string:
                self.strings.append(out)
            return out
        base, dims = split_array(t)
        if dims:
            size = dims[-1]
            inner = _inner_type(base, dims)
            if not isinstance(v, list) or (size is not None and len(v) != size):
                raise EvmDecodeError(f"typed data: {quote(t)} expects an array")
            if inner in self.types:  # an array of structs: value() of each, inlined
                out_list = []
                for x in v:
                    self.nodes += 1
                    if depth + 1 > MAX_DEPTH or self.nodes > MAX_NODES:
                        raise EvmDecodeError("typed data nested too deep or too large")
                    out_list.append(self.struct(inner, x, depth + 2))
                return out_list
            return [self.value(inner, x, depth + 1) for x in v]
        if base in self.types:
            return self.struct(base, v, depth + 1)
        return self.atomic(base, v)

    def struct(self, name: str, v: Any, depth: int) -> dict[str, Any]:
        if type(v) is not dict and not isinstance(v, Mapping):  # dict first: abc is slow
            raise EvmDecodeError(f"typed data: {quote(name)} expects an object")
        plan, atomic = self.plans[name]
        self.nodes += atomic  # its atomic fields, coerced here without value()
        memos = self.memos
        out = {}
        for fname, ftype, leaf, at in plan:
            try:
                x = v[fname]
            except KeyError:
                raise EvmDecodeError(
                    f"typed data: {quote(name)}.{quote(fname)} is missing"
                ) from None
            if at >= 0:
                if type(x) is str:
                    memo = memos[at]
                    y = memo.get(x)
                    if y is None:
                        y = memo[x] = leaf(x)  # type: ignore[misc]
                else:
                    y = leaf(x)  # type: ignore[misc]
            elif leaf is None:
                y = self.value(ftype, x, depth)
            else:
                y = leaf(x)
                if leaf is _string:
                    self.strings.append(y)
            out[fname] = y
        if self.nodes > MAX_NODES:
            raise EvmDecodeError("typed data nested too deep or too large")
        return out

    def atomic(self, t: str, v: Any) -> Any:
        out = (_LEAVES.get(t) or _leaf(t))(v)
        if t == "string":
            self.strings.append(out)
        return out


def _string(v: Any) -> str:
    if not isinstance(v, str):
        raise EvmDecodeError("typed data: a string field is not a string")
    return v


_SPLIT_BOOLS = frozenset({"False", "false", "0"})
"""Strings eth_account's ``encode_typed_data`` signs as false but ethers' ``TypedDataEncoder``
(``value ? 1 : 0``: any non-empty string is true) signs as true."""


def _bool(v: Any) -> bool:
    """A bool field read as the signers encode it (review25t F3): a JSON bool; an integer,
    true unless 0; a string, true unless empty (both encoders) — ``"false"`` / ``"0"`` sign
    differently in eth_account and ethers, so they are not read (undecodable)."""
    if isinstance(v, bool):
        return v
    if type(v) is int:
        return v != 0
    if isinstance(v, str) and v not in _SPLIT_BOOLS:
        return v != ""
    raise EvmDecodeError("typed data: a bool field is not a bool every signer reads alike")


def _leaf(t: str) -> Callable[[Any], Any]:
    """The coercion of one atomic type, specialised once (integers with their bounds)."""
    if t == "string":
        return _string
    if t == "bool":
        return _bool
    if t == "address":
        return _address
    if t.startswith("bytes"):
        return functools.partial(_bytes, size=int(t[5:]) if len(t) > 5 else None)
    return _int_leaf(t)


def _int_leaf(t: str) -> Callable[[Any], int]:
    """An integer type's coercion: plain ints and decimal strings in range on a fast path,
    everything else (hex, signs, spaces, bad values and their errors) through ``_integer``."""
    lo, hi = _bounds(t)

    def coerce(v: Any) -> int:
        kind = type(v)
        if kind is int and lo <= v < hi:
            return int(v)
        if kind is str and len(v) <= 78 and v.isascii() and v.isdigit():
            n = int(v)
            if lo <= n < hi:
                return n
        return _integer(t, v)

    return coerce


def _address(v: Any) -> str:
    if isinstance(v, str) and len(v) == 42 and v[:2] in ("0x", "0X"):
        try:
            bytes.fromhex(v[2:])
        except ValueError:
            pass
        else:
            return v.lower()
    raise EvmDecodeError("typed data: an address field is not 0x + 40 hex")


def _bytes(v: Any, size: int | None) -> bytes:
    if isinstance(v, bytes):
        raw = v
    elif isinstance(v, str) and v[:2] in ("0x", "0X"):
        try:
            raw = bytes.fromhex(v[2:])
        except ValueError as exc:
            raise EvmDecodeError("typed data: a bytes field is not hex") from exc
    else:
        raise EvmDecodeError("typed data: a bytes field is not 0x-hex")
    if size is not None and len(raw) > size:
        raise EvmDecodeError(f"typed data: bytes{size} field too long")
    return raw


@lru_cache(maxsize=128)
def _bounds(t: str) -> tuple[int, int]:
    bits = int(t.lstrip("uint") or 256)
    return (0, 1 << bits) if t.startswith("u") else (-(1 << (bits - 1)), 1 << (bits - 1))


def _integer(t: str, v: Any) -> int:
    if isinstance(v, bool):
        raise EvmDecodeError("typed data: a bool where an integer belongs")
    if isinstance(v, str):
        text = v.strip()
        if len(text) > 80:
            raise EvmDecodeError("typed data: integer string too long")
        try:
            v = int(text, 16) if text[:2] in ("0x", "0X") else int(text, 10)
        except ValueError as exc:
            raise EvmDecodeError("typed data: an integer field is not a number") from exc
    if not isinstance(v, int):
        raise EvmDecodeError("typed data: an integer field is not a number")
    lo, hi = _bounds(t)
    if not lo <= v < hi:
        raise EvmDecodeError(f"typed data: {t} value out of range")
    return v


_LEAVES: dict[str, Callable[[Any], Any]] = {
    t: _leaf(t)
    for t in (
        "address",
        "bool",
        "string",
        "bytes",
        *(f"bytes{n}" for n in range(1, 33)),
        *(f"{u}int{b}" for u in ("u", "") for b in range(8, 257, 8)),
        "uint",
        "int",
    )
}


# fixed-size atomic types, memoised per walk (``string`` / ``bytes`` may be long; bool is
# never memoised: ``True`` and ``1`` are one dict key)
_MEMO_TYPES = frozenset(t for t in _LEAVES if t not in ("string", "bytes", "bool"))
