"""Route a payload to the right chain's decoder and inspector (SDKs imported lazily)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.transaction import DecodedTransaction, TxContext
from aiegis_guard.errors import DecodeError
from aiegis_guard.findings import Chain, Finding

__all__ = [
    "decode_any",
    "decode_signable_message",
    "decode_typed",
    "detect_chain",
    "inspect_message",
    "inspect_payload",
    "inspect_typed_data",
]

_HEX_RE = re.compile(r"\s*(0x)?[0-9a-fA-F]+\s*")


def detect_chain(payload: Any) -> Chain:
    """Best guess of the chain a payload belongs to; raises DecodeError when there is none."""
    if isinstance(payload, Mapping):
        if (
            "typed_data" in payload
            or "domain" in payload
            or any(
                k in payload for k in ("to", "from", "data", "input", "gas", "gasPrice", "value")
            )
        ):
            return Chain.EVM
        if any(k in payload for k in ("message", "instructions", "transaction", "lookup_tables")):
            return Chain.SOLANA
        raise DecodeError("a mapping that is neither an EVM transaction nor typed data")
    module = type(payload).__module__ or ""
    if module.startswith("solders"):
        return Chain.SOLANA
    if isinstance(payload, str):
        if payload.strip().startswith("0x") or _HEX_RE.fullmatch(payload):
            return Chain.EVM
        return Chain.SOLANA
    if isinstance(payload, bytes | bytearray | memoryview):
        return Chain.EVM
    raise DecodeError(f"cannot tell the chain of a {type(payload).__name__}")


def decode_any(payload: Any, *, chain: Chain | None = None) -> DecodedTransaction:
    chain = chain or detect_chain(payload)
    if chain is Chain.EVM:
        from aiegis_guard.chains.evm.decode import decode_evm

        return decode_evm(payload)
    from aiegis_guard.chains.solana.decode import decode_solana

    return decode_solana(payload)


def inspect_decoded(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    if decoded.chain is Chain.EVM:
        from aiegis_guard.chains.evm.inspect import inspect_evm

        return inspect_evm(decoded, ctx)
    from aiegis_guard.chains.solana.inspect import inspect_solana

    return inspect_solana(decoded, ctx)


def inspect_payload(payload: Any, chain: Chain | str | None, ctx: TxContext) -> list[Finding]:
    decoded = decode_any(payload, chain=Chain(chain) if chain else None)
    return inspect_decoded(decoded, ctx)


def inspect_typed_data(typed_data: Mapping[str, Any] | str, ctx: TxContext) -> list[Finding]:
    return inspect_decoded(decode_typed(typed_data), ctx)


def decode_typed(typed_data: Mapping[str, Any] | str) -> DecodedTransaction:
    from aiegis_guard.chains.evm.decode import decode_typed_data

    return decode_typed_data(typed_data)


def decode_signable_message(message: str | bytes, method: str) -> DecodedTransaction:
    """``method``: ``personal_sign`` / ``eth_sign`` (EVM) or ``solana_signMessage`` (Solana)."""
    if isinstance(method, str) and method.startswith("solana"):
        from aiegis_guard.chains.solana.decode import decode_offchain_message

        return decode_offchain_message(message)
    from aiegis_guard.chains.evm.decode import decode_message

    return decode_message(message, method)


def inspect_message(message: str | bytes, method: str, ctx: TxContext) -> list[Finding]:
    return inspect_decoded(decode_signable_message(message, method), ctx)
