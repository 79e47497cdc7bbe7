"""EIP-712 typed data (``eth_signTypedData_v4``) -> validated values -> operations.

The payload is checked against its own ``types`` (every referenced type defined, every value
of its declared type, bounded depth and size) before anything is read from it; a payload
that fails is an :class:`EvmDecodeError`. Permits are recognised by their canonical encoded
type (``encodeType``), not by the name a dapp chose: EIP-2612, DAI, Permit2 PermitSingle /
PermitBatch / PermitTransferFrom / PermitBatchTransferFrom (and the witness variants).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.chains.evm.protocols.orders import decode_order, order_shape
from aiegis_guard.chains.evm.protocols.signed import decode_signed, signed_shape
from aiegis_guard.chains.evm.protocols.witness import (
    PERMIT_FIELDS,
    decode_witness,
    steep_decay,
)
from aiegis_guard.chains.evm.selectors import EIP712_TYPES
from aiegis_guard.chains.evm.tokens import approval, switch_approval
from aiegis_guard.chains.transaction import (
    Approval,
    Call,
    DecodedTransaction,
    Operation,
    PayloadKind,
    Transfer,
)
from aiegis_guard.errors import EvmDecodeError, quote
from aiegis_guard.findings import Chain

__all__ = ["decode_typed_data", "encode_type"]

MAX_DEPTH = 16
MAX_NODES = 10_000
MAX_JSON = 1 << 20
MAX_TEXT = 4096
_IDENT = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*")
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
# a struct field: name, type, the coercion of an atomic type, its per-walk memo
_Plan = tuple[str, str, Callable[[Any], Any] | None, dict[str, Any] | None]


def _load(payload: Mapping[str, Any] | str | bytes) -> Mapping[str, Any]:
    if isinstance(payload, str | bytes):
        if len(payload) > MAX_JSON:
            raise EvmDecodeError("typed data larger than 1 MiB")
        try:
            payload = jsontext.loads(payload)
        except (ValueError, RecursionError) as exc:
            raise EvmDecodeError("typed data is not JSON") from exc
    if not isinstance(payload, Mapping):
        raise EvmDecodeError("typed data must be an object")
    inner = payload.get("typed_data")
    return _load(inner) if inner is not None and inner is not payload else payload


def _types(raw: Any) -> Types:
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
            if (b := _split_array(ftype)[0]) not in out and not _is_atomic(b):
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
def _split_array(t: str) -> tuple[str, tuple[int | None, ...]]:
    m = _ARRAY.fullmatch(t)
    if m is None:
        return t, ()
    dims = tuple(int(d) if d else None for d in re.findall(r"\[(\d*)\]", m.group(2)))
    return m.group(1), dims


class _Walker:
    """Coerces a value to its declared type; counts nodes to bound the work.

    A value repeated within one payload (an order's offerer, token, zero hash; every leaf of
    a bulk order) is coerced once: ``memo`` maps each atomic type's raw text to its value for
    this walk only (a payload's values may be secrets: nothing outlives the request).
    """

    def __init__(self, types: Types) -> None:
        self.types = types
        self.nodes = 0
        self.strings: list[str] = []
        # per struct: its fields, and how many of them are atomic
        self.plans: dict[str, tuple[list[_Plan], int]] = {}
        self.memos: dict[str, dict[str, Any]] = {}

    def plan(self, name: str) -> tuple[list[_Plan], int]:
        """A struct's fields with the coercion of each atomic one (and its memo, for the
        fixed-size types), and the number of atomic fields, built once per walk."""
        found = self.plans.get(name)
        if found is None:
            types, memos = self.types, self.memos
            fields = []
            for n, t in types[name]:
                leaf = None if t in types else _LEAVES.get(t)
                memo = memos.setdefault(t, {}) if leaf is not None and t in _MEMO_TYPES else None
                fields.append((n, t, leaf, memo))
            atomic = sum(1 for entry in fields if entry[2] is not None)
            found = self.plans[name] = (fields, atomic)
        return found

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
        base, dims = _split_array(t)
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
        plan, atomic = self.plans.get(name) or self.plan(name)
        self.nodes += atomic  # its atomic fields, coerced here without value()
        out = {}
        for fname, ftype, leaf, memo in plan:
            try:
                x = v[fname]
            except KeyError:
                raise EvmDecodeError(
                    f"typed data: {quote(name)}.{quote(fname)} is missing"
                ) from None
            if memo is not None:
                if type(x) is str:
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


def _bool(v: Any) -> bool:
    if not isinstance(v, bool) and v not in (0, 1):
        raise EvmDecodeError("typed data: a bool field is not a bool")
    return bool(v)


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


def _deps(types: Types, name: str, found: set[str]) -> None:
    """Collect the struct types ``name`` references (iterative: type cycles terminate)."""
    todo = [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo += [b for _, t in types[current] if (b := _split_array(t)[0]) in types]


def encode_type(types: Types, primary: str) -> str:
    """EIP-712 ``encodeType``: the primary type, then its dependencies sorted by name."""
    deps: set[str] = set()
    _deps(types, primary, deps)
    deps.discard(primary)
    return "".join(
        f"{n}({','.join(f'{ft} {fn}' for fn, ft in types[n])})" for n in [primary, *sorted(deps)]
    )


def _domain(raw: Any, types: Types) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise EvmDecodeError("typed data: 'domain' must be an object")
    walker = _Walker(types)
    declared = dict(types.get("EIP712Domain", ())) or _DOMAIN_FIELDS
    return {k: walker.value(declared[k], v, 0) for k, v in raw.items() if k in declared}


# --- classification -----------------------------------------------------------------------------


_HEADS = frozenset(encoded[: encoded.index(")") + 1] for encoded in EIP712_TYPES)


def _kind(types: Types, primary: str) -> str | None:
    head = f"{primary}({','.join(f'{ft} {fn}' for fn, ft in types[primary])})"
    kind = EIP712_TYPES.get(encode_type(types, primary)) if head in _HEADS else None
    if kind is None and primary in ("PermitWitnessTransferFrom", "PermitBatchWitnessTransferFrom"):
        names = {f for f, _ in types[primary]}
        if names >= PERMIT_FIELDS:
            kind = "permit2_transfer"
    return kind


def _operations(kind: str, msg: dict[str, Any], verifying: str | None) -> list[Approval]:
    if kind == "eip2612":
        if verifying is None:
            raise EvmDecodeError("EIP-2612 permit without a verifyingContract (the token)")
        return [
            approval(
                "eip2612.permit",
                verifying,
                msg["owner"],
                msg["spender"],
                msg["value"],
                deadline=msg["deadline"],
            )
        ]
    if kind == "dai":
        if verifying is None:
            raise EvmDecodeError("DAI permit without a verifyingContract (the token)")
        holder, spender, expiry = msg["holder"], msg["spender"], msg["expiry"] or None
        return [
            switch_approval(
                "dai.permit", verifying, holder, spender, msg["allowed"], deadline=expiry
            )
        ]
    if kind in ("permit2_single", "permit2_batch"):
        details = msg["details"] if kind == "permit2_batch" else [msg["details"]]
        via = "permit2.permit_batch" if kind == "permit2_batch" else "permit2.permit_single"
        return [
            approval(via, d["token"], None, msg["spender"], d["amount"], deadline=d["expiration"])
            for d in details
        ]
    permitted = msg["permitted"]
    items = permitted if isinstance(permitted, list) else [permitted]
    return [
        approval(
            "permit2.permit_transfer_from",
            p["token"],
            None,
            msg["spender"],
            p["amount"],
            deadline=msg["deadline"],
        )
        for p in items
    ]


def _witness(
    types: Types, primary: str, message: dict[str, Any]
) -> tuple[list[Operation], list[str]] | None:
    """A Permit2 witness transfer: the exchange its witness signs (UniswapX orders), or the
    transfer noted as unexplained (an unknown witness is never allowed on its spender alone)."""
    extra = [t for f, t in types[primary] if f not in PERMIT_FIELDS]
    if not extra:
        return None
    ops = decode_witness(message)
    if ops is not None:
        decay = ["order:steep-decay"] if steep_decay(message) else []
        return ops, ["eip712:order:permit2-witness", *decay, *_signer(ops)]
    return [], ["eip712:unknown-type", f"eip712:witness:{extra[0][:64]}"]


def _tree_type(types: Types, primary: str) -> str:
    """``BulkOrder(OrderComponents[2][2] tree)``: the struct at the leaves of the tree."""
    fields = dict(types[primary])
    if set(fields) == {"tree"}:
        base = _split_array(fields["tree"])[0]
        if base in types:
            return base
    return primary


def _protocol(
    types: Types, primary: str, domain: dict[str, Any], message: dict[str, Any]
) -> tuple[list[Operation], list[str]] | None:
    """Orders (Seaport, Blur, LooksRare, CoW, 1inch) and other known message shapes."""
    verifying = domain.get("verifyingContract")
    leaf = _tree_type(types, primary)
    fields = {name for name, _ in types[leaf]}
    shape = order_shape(fields)
    if shape is not None:
        venue = verifying or "0x" + "00" * 20
        ops = decode_order(shape, message, venue, None)
        return ops, [f"eip712:order:{shape}", *_signer(ops)]
    signed = signed_shape(fields, domain.get("name"))
    if signed is None:
        return None
    ops, notes = decode_signed(signed, message, verifying)
    return ops, [*notes, *_signer(ops)]


def _signer(ops: list[Operation]) -> list[str]:
    """The one whose signature the message needs: an order's offerer / maker, an EIP-3009
    ``from``, a permit's owner (the contract rejects any other signer, so a message naming a
    stranger there authorises nothing). Noted as ``signer:``; it becomes the sender."""
    for op in ops:
        if isinstance(op, Transfer) and op.sender and (op.order is not None or "3009" in op.via):
            return [f"signer:{op.sender}"]
        if isinstance(op, Approval) and op.owner and op.via == "permit.lookalike":
            return [f"signer:{op.owner}"]
    return []


def _hash_only(types: Types, primary: str) -> bool:
    """The message is nothing but 32-byte hashes (Blur's bulk-listing ``Root(bytes32 root)``):
    what it commits to (a Merkle tree of orders, a transaction) is not in the request."""
    fields = types[primary]
    return bool(fields) and all(_split_array(t)[0] == "bytes32" for _, t in fields)


def decode_typed_data(payload: Mapping[str, Any] | str | bytes) -> DecodedTransaction:
    """Decode an EIP-712 payload (object, JSON text, or ``{"typed_data": ...}``)."""
    data = _load(payload)
    types = _types(data.get("types"))
    primary = data.get("primaryType")
    if not isinstance(primary, str) or primary not in types:
        raise EvmDecodeError("typed data: primaryType is missing or not among the types")
    domain = _domain(data.get("domain", {}), types)
    walker = _Walker(types)
    message = walker.struct(primary, data.get("message"), 0)
    verifying = domain.get("verifyingContract")
    chain_id = domain.get("chainId")
    kind = _kind(types, primary)
    ops: list[Operation] = []
    notes = [f"eip712:{primary[:64]}"]
    protocol = None if kind is not None else _protocol(types, primary, domain, message)
    witness = _witness(types, primary, message) if kind == "permit2_transfer" else None
    if witness is not None:
        ops += witness[0] or _operations("permit2_transfer", message, verifying)
        notes += witness[1]
    elif kind is not None:
        ops += _operations(kind, message, verifying)
    elif protocol is not None:
        found, more = protocol
        ops += found
        notes += more
    else:
        notes.append("eip712:unknown-type")
        if _hash_only(types, primary):
            notes.append("eip712:hash-only")
        if verifying is not None:
            ops.append(Call(via="eip712", target=verifying, name=primary[:64], known=False))
    text = "\n".join(walker.strings)[:MAX_TEXT] or None
    return DecodedTransaction(
        accounts=tuple(dict.fromkeys(n[8:] for n in notes if n.startswith("account:"))),
        sender=next((n[7:] for n in notes if n.startswith("signer:")), None),
        chain=Chain.EVM,
        kind=PayloadKind.TYPED_DATA,
        tx_type="eip712",
        to=verifying,
        chain_id=chain_id if isinstance(chain_id, int) else None,
        operations=tuple(ops),
        message_text=text,
        notes=tuple(notes),
    )
