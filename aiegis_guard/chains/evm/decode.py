"""EVM payload -> :class:`DecodedTransaction`: the entry points ``dispatch`` calls.

``decode_evm``        tx dict (JSON-RPC / web3, hex strings or ints), raw signed or unsigned
                      RLP (bytes or hex), a signed eth-account transaction, JSON text, or
                      typed data (``{"typed_data": ...}`` / an object with ``types``, any client's
                      shape: ``sniff.is_typed_data``)
``decode_typed_data`` EIP-712 payloads (see ``typed_data.py``)
``decode_message``    ``eth_sign`` / ``personal_sign`` payloads, by shape (``messages.py``):
                      transactions, blind digests, SIWE, typed data in text; else text or
                      opaque binary

Whatever the input, only :class:`~aiegis_guard.errors.EvmDecodeError` escapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.chains.evm import typed_data
from aiegis_guard.chains.evm.envelope import parse_dict, parse_raw, to_bytes
from aiegis_guard.chains.evm.mappings import calls_transaction, read_mapping, user_op_transaction
from aiegis_guard.chains.evm.operations import MAX_RAW, from_envelope, guarded
from aiegis_guard.chains.sniff import has_carrier_keys, is_typed_data
from aiegis_guard.chains.transaction import DecodedTransaction
from aiegis_guard.errors import EvmDecodeError

__all__ = ["decode_evm", "decode_message", "decode_typed_data"]

_TYPED_KEYS = ("types", "primaryType")


def _decode(payload: Any) -> DecodedTransaction:
    if isinstance(payload, Mapping):
        carrier = has_carrier_keys(payload)  # a transaction beside typed data: read as one
        if not carrier and ("typed_data" in payload or all(k in payload for k in _TYPED_KEYS)):
            return typed_data.decode_typed_data(payload)
        if is_typed_data(payload):  # ethers' / eth_account's shapes (``typed_shapes.py``)
            return typed_data.decode_typed_data(payload)
        kind, inner, entry_point = read_mapping(payload)  # a transaction only by its fields
        if kind == "user_op":
            return user_op_transaction(inner, entry_point)
        if kind == "typed_data":
            return typed_data.decode_typed_data(inner)
        if kind == "calls":
            return calls_transaction(inner, entry_point)
        if isinstance(inner, Mapping):
            return from_envelope(parse_dict(inner))
        return _decode(inner)  # raw bytes / hex in a request
    raw_tx = getattr(payload, "raw_transaction", None)  # eth-account SignedTransaction
    if raw_tx is not None:
        payload = raw_tx
    if isinstance(payload, str):
        text = payload.strip()
        if text.startswith("{"):
            if len(text) > MAX_RAW * 2:
                raise EvmDecodeError("payload larger than 2 MiB")
            try:
                return _decode(jsontext.loads(text))
            except (ValueError, RecursionError) as exc:
                raise EvmDecodeError("payload is not JSON") from exc
        payload = to_bytes(text, "raw transaction")
    if isinstance(payload, bytes | bytearray | memoryview):
        raw = bytes(payload)
        if len(raw) > MAX_RAW:
            raise EvmDecodeError("raw transaction larger than 1 MiB")
        return from_envelope(parse_raw(raw))
    raise EvmDecodeError(f"cannot decode a {type(payload).__name__} as an EVM transaction")


def decode_evm(payload: Any) -> DecodedTransaction:
    """Decode any EVM transaction form; raises only :class:`EvmDecodeError`."""
    return guarded(_decode, payload)


def decode_typed_data(payload: Mapping[str, Any] | str | bytes) -> DecodedTransaction:
    """Decode an EIP-712 payload; raises only :class:`EvmDecodeError`."""
    return guarded(typed_data.decode_typed_data, payload)


# --- eth_sign / personal_sign (the shapes are in ``messages.py``) ------------------------------


def decode_message(
    message: str | bytes, method: str = "personal_sign", chain_id: int | None = None
) -> DecodedTransaction:
    """Decode an ``eth_sign`` / ``personal_sign`` payload (typed-data methods are routed)."""
    from aiegis_guard.chains.evm.messages import decode_evm_message

    return decode_evm_message(message, method, chain_id)
