"""Route a payload to the right chain's decoder and inspector (SDKs imported lazily)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from aiegis_guard.chains.amounts import totals
from aiegis_guard.chains.sniff import detect_chain
from aiegis_guard.chains.transaction import DecodedTransaction, TxContext
from aiegis_guard.findings import Chain, Finding
from aiegis_guard.policy import Limit, Policy

__all__ = [
    "decode_any",
    "decode_signable_message",
    "decode_typed",
    "detect_chain",
    "inspect_message",
    "inspect_payload",
    "inspect_typed_data",
    "spend_totals",
]


# each chain's decoder and inspector, imported on first use (a text-only process never loads
# the chain SDKs) and kept here: an import statement per call costs ~2 us
_Decode = Callable[[Any], DecodedTransaction]
_Inspect = Callable[[DecodedTransaction, TxContext], list[Finding]]


@cache
def _chain_functions(chain: Chain) -> tuple[_Decode, _Inspect]:
    if chain is Chain.EVM:
        from aiegis_guard.chains.evm.decode import decode_evm
        from aiegis_guard.chains.evm.inspect import inspect_evm

        return decode_evm, inspect_evm
    from aiegis_guard.chains.solana.decode import decode_solana
    from aiegis_guard.chains.solana.inspect import inspect_solana

    return decode_solana, inspect_solana


def decode_any(payload: Any, *, chain: Chain | None = None) -> DecodedTransaction:
    chain = chain or detect_chain(payload)
    return _chain_functions(Chain.EVM if chain is Chain.EVM else Chain.SOLANA)[0](payload)


def inspect_decoded(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    chain = Chain.EVM if decoded.chain is Chain.EVM else Chain.SOLANA
    return _chain_functions(chain)[1](decoded, ctx)


def inspect_payload(payload: Any, chain: Chain | str | None, ctx: TxContext) -> list[Finding]:
    decoded = decode_any(payload, chain=Chain(chain) if chain else None)
    return inspect_decoded(decoded, ctx)


def decode_typed(typed_data: Mapping[str, Any] | str) -> DecodedTransaction:
    from aiegis_guard.chains.evm.decode import decode_typed_data

    return decode_typed_data(typed_data)


def decode_signable_message(
    message: str | bytes, method: str, chain_id: int | None = None
) -> DecodedTransaction:
    """``method``: ``personal_sign`` / ``eth_sign`` (EVM) or ``solana_signMessage`` (Solana);
    ``chain_id``: the EVM chain the signer is on, when known (a sign-in for another is said)."""
    if isinstance(method, str) and method.startswith("solana"):
        from aiegis_guard.chains.solana.decode import decode_offchain_message

        return decode_offchain_message(message)
    from aiegis_guard.chains.evm.decode import decode_message

    return decode_message(message, method, chain_id)


def inspect_typed_data(typed_data: Mapping[str, Any] | str, ctx: TxContext) -> list[Finding]:
    return inspect_decoded(decode_typed(typed_data), ctx)


def inspect_message(message: str | bytes, method: str, ctx: TxContext) -> list[Finding]:
    return inspect_decoded(decode_signable_message(message, method), ctx)


def spend_totals(decoded: DecodedTransaction, policy: Policy) -> dict[Limit, int | None]:
    """Outgoing base units per configured limit, for the spend ledger (``Guard.spend``).

    Solana token accounts are first mapped to their mints: limits are keyed by mint.
    """
    if decoded.chain is Chain.SOLANA and policy.limits:
        from aiegis_guard.chains.solana.inspect import resolve_solana

        decoded = resolve_solana(decoded, policy)
    return totals(decoded, policy)
