"""EIP-712 typed data (``eth_signTypedData_v4``) -> validated values -> operations.

The payload is checked against its own ``types`` (every referenced type defined, every value
of its declared type, bounded depth and size) before anything is read from it; a payload
that fails is an :class:`EvmDecodeError`. Permits are recognised by their canonical encoded
type (``encodeType``), not by the name a dapp chose: EIP-2612, DAI, Permit2 PermitSingle /
PermitBatch / PermitTransferFrom / PermitBatchTransferFrom (and the witness variants); a
Permit2 PermitSingle / PermitBatch with a field of its own or another type name is read as
Permit2's grant, and a message nothing else recognises that has a permit's structure under a
token's domain is read as one (``permit_shapes.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.chains.evm.permit_shapes import (
    permit2_here,
    permit2_structure,
    permit_structure,
    structural_permit,
    token_domain,
)
from aiegis_guard.chains.evm.protocols.orders import decode_order, order_shape
from aiegis_guard.chains.evm.protocols.signed import decode_signed, signed_shape
from aiegis_guard.chains.evm.protocols.witness import (
    PERMIT_FIELDS,
    decode_witness,
    is_order_witness,
    steep_decay,
    witness_names,
)
from aiegis_guard.chains.evm.selectors import EIP712_TYPES
from aiegis_guard.chains.evm.tokens import approval, switch_approval
from aiegis_guard.chains.evm.typed_envelopes import unwrap_envelope
from aiegis_guard.chains.evm.typed_schema import (
    MAX_JSON,
    MAX_TEXT,
    Schema,
    Types,
    Walker,
    schema_of,
    split_array,
)
from aiegis_guard.chains.evm.typed_shapes import client_shape
from aiegis_guard.chains.transaction import (
    Approval,
    Call,
    DecodedTransaction,
    Operation,
    PayloadKind,
    Receipt,
    Transfer,
)
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["decode_typed_data", "encode_type"]


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
    if inner is None and "types" not in payload:
        inner = payload.get("full_message")  # eth_account encode_typed_data(full_message=...)
    return _load(inner) if inner is not None and inner is not payload else client_shape(payload)


def _deps(types: Types, name: str, found: set[str]) -> None:
    """Collect the struct types ``name`` references (iterative: type cycles terminate)."""
    todo = [name]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.add(current)
        todo += [b for _, t in types[current] if (b := split_array(t)[0]) in types]


def encode_type(types: Types, primary: str) -> str:
    """EIP-712 ``encodeType``: the primary type, then its dependencies sorted by name."""
    deps: set[str] = set()
    _deps(types, primary, deps)
    deps.discard(primary)
    return "".join(
        f"{n}({','.join(f'{ft} {fn}' for fn, ft in types[n])})" for n in [primary, *sorted(deps)]
    )


def _domain(raw: Any, schema: Schema) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise EvmDecodeError("typed data: 'domain' must be an object")
    walker = Walker(schema)  # its strings are not the message's
    declared = schema.domain
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
    return kind if kind is not None else permit2_structure(types, primary)


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
    """A Permit2 witness transfer: the exchange its witness signs (UniswapX orders, 0x Settler
    meta-transactions); an order of those families that does not read, noted as unexplained;
    or, for a witness of any other shape, the plain signature transfer
    (the caller adds it) beside an opaque call of the spender naming the witness's addresses
    (``protocols/witness.py``)."""
    extra = [t for f, t in types[primary] if f not in PERMIT_FIELDS]
    if not extra:
        return None
    ops = decode_witness(message)
    if ops is not None:
        decay = ["order:steep-decay"] if steep_decay(message) else []
        return ops, ["eip712:order:permit2-witness", *decay, *_signer(ops)]
    name = extra[0][:64]  # the witness's type
    if is_order_witness(message):  # an order the decoder cannot read
        return [], ["eip712:unknown-type", f"eip712:witness:{name}"]
    names = witness_names(types, primary, message)
    if names is None:  # more parties than the cap: never hide one (protocols/witness.py)
        return [], ["eip712:unknown-type", f"eip712:witness:{name}", "witness:over-cap"]
    witness = Call(via="permit2.witness", target=message["spender"], name=name, names=names)
    return [witness], [f"eip712:witness:{name}"]


def _tree_type(types: Types, primary: str) -> str:
    """``BulkOrder(OrderComponents[2][2] tree)``: the struct at the leaves of the tree."""
    fields = dict(types[primary])
    if set(fields) == {"tree"}:
        base = split_array(fields["tree"])[0]
        if base in types:
            return base
    return primary


def _classes(schema: Schema, primary: str) -> tuple[str | None, str | None, frozenset[str]]:
    """What the types alone say of ``primary``: its permit kind, the order family of the
    struct at its leaves and that struct's field names (once per schema and primary type)."""
    found = schema.derived.get(primary)
    if found is None:
        types = schema.types
        fields = frozenset(name for name, _ in types[_tree_type(types, primary)])
        found = (_kind(types, primary), order_shape(fields), fields)
        schema.derived[primary] = found
    return found


def _protocol(
    classes: tuple[str | None, str | None, frozenset[str]],
    domain: dict[str, Any],
    message: dict[str, Any],
) -> tuple[list[Operation], list[str]] | None:
    """Orders (Seaport, Blur, LooksRare, CoW, 1inch) and other known message shapes."""
    verifying = domain.get("verifyingContract")
    _, shape, fields = classes
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
    return bool(fields) and all(split_array(t)[0] == "bytes32" for _, t in fields)


def _message_envelope(data: Mapping[str, Any], raw: bytes) -> DecodedTransaction:
    """A SafeMessage's bytes: typed data in JSON text is decoded as it; readable text is the
    message the text guard reads; anything else is as unknown as before the envelope."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if text.lstrip().startswith("{"):
        try:
            inner = jsontext.loads(text)
        except (ValueError, RecursionError):
            inner = None
        if isinstance(inner, Mapping) and ("typed_data" in inner or "types" in inner):
            return decode_typed_data(inner)
    domain = data.get("domain")
    verifying = domain.get("verifyingContract") if isinstance(domain, Mapping) else None
    call = Call(via="eip712", target=str(verifying).lower(), name="SafeMessage", known=False)
    readable = bool(text) and all(c.isprintable() or c in "\t\r\n" for c in text)
    return DecodedTransaction(
        chain=Chain.EVM,
        kind=PayloadKind.TYPED_DATA,
        tx_type="eip712",
        to=str(verifying).lower() if isinstance(verifying, str) else None,
        operations=() if readable or not isinstance(verifying, str) else (call,),
        message_text=text[:MAX_TEXT] if readable else None,
        notes=("eip712:SafeMessage",)
        if readable
        else ("eip712:SafeMessage", "eip712:unknown-type"),
    )


def _envelope(data: Mapping[str, Any], kind: str, inner: Any) -> DecodedTransaction:
    """What an account envelope (``typed_envelopes.py``) carries, decoded as it is."""
    note = f"eip712:envelope:{data.get('primaryType')}"
    if kind == "typed":
        found = decode_typed_data(inner)
    elif kind == "message":
        found = _message_envelope(data, inner)
    else:
        domain = data.get("domain")
        verifying = domain.get("verifyingContract") if isinstance(domain, Mapping) else None
        return DecodedTransaction(
            chain=Chain.EVM,
            kind=PayloadKind.TYPED_DATA,
            tx_type="eip712",
            to=verifying.lower() if isinstance(verifying, str) else None,
            blind_hash=True,
            notes=(note, "eip712:hash-only"),
        )
    return found.replace(notes=(note, *found.notes))


def decode_typed_data(payload: Mapping[str, Any] | str | bytes) -> DecodedTransaction:
    """Decode an EIP-712 payload (object, JSON text, or ``{"typed_data": ...}``)."""
    data = _load(payload)
    envelope = unwrap_envelope(data)
    if envelope is not None:
        return _envelope(data, *envelope)
    schema = schema_of(data.get("types"))
    types = schema.types
    primary = data.get("primaryType")
    if not isinstance(primary, str) or primary not in types:
        raise EvmDecodeError("typed data: primaryType is missing or not among the types")
    domain = _domain(data.get("domain", {}), schema)
    walker = Walker(schema)
    message = walker.struct(primary, data.get("message"), 0)
    verifying = domain.get("verifyingContract")
    chain_id = domain.get("chainId")
    classes = _classes(schema, primary)
    kind = classes[0]
    structural = kind in ("permit2_single", "permit2_batch") and (
        encode_type(types, primary) not in EIP712_TYPES
    )
    if structural and not permit2_here(types, primary, verifying):
        kind = None  # a stranger's message shaped like Permit2's (permit_shapes.py)
    ops: list[Operation] = []
    notes = [f"eip712:{primary[:64]}"]
    protocol = None if kind is not None else _protocol(classes, domain, message)
    witness = _witness(types, primary, message) if kind == "permit2_transfer" else None
    if witness is not None:
        found, more = witness
        if not any(isinstance(op, Receipt) for op in found):  # no order read: the transfer
            found = [*_operations("permit2_transfer", message, verifying), *found]
        ops += found
        notes += more
    elif kind is not None:
        ops += _operations(kind, message, verifying)
        if structural:
            notes.append("eip712:permit2-structure")
    elif protocol is not None:
        found, more = protocol
        ops += found
        notes += more
    elif (
        (shape := permit_structure(types[primary])) is not None
        and verifying is not None
        and token_domain(types[primary], message, verifying)
    ):
        ops += structural_permit(shape, types[primary], message, verifying)
        notes += ["eip712:permit-structure", *_signer(ops)]
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
