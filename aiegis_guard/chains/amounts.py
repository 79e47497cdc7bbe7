"""Amounts and limits: whole-unit formatting and a transaction's outgoing total per limit.

Value accounting (the same for inspection and the spend ledger; the check itself is
:mod:`aiegis_guard.limits`): ``Transfer`` and ``Creation`` operations move value;
``Call.value`` is informational (the decoder emits the matching native ``Transfer``). A
transfer counts against the agent's limits when its sender is unknown, own, or the
transaction's sender; an unknown amount of a limited asset is ``None``.
"""

from __future__ import annotations

from typing import TypeGuard

from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    Creation,
    DecodedTransaction,
    Transfer,
)
from aiegis_guard.findings import Chain
from aiegis_guard.limits import format_amount
from aiegis_guard.policy import Limit, Policy

__all__ = ["amount_evidence", "format_amount", "limit_for_asset", "native_decimals", "totals"]


def native_decimals(chain: Chain) -> int:
    return 18 if chain is Chain.EVM else 9


def limit_for_asset(
    policy: Policy,
    chain: Chain,
    kind: AssetKind,
    address: str | None,
    chain_id: int | None = None,
) -> Limit | None:
    """The configured limit of an asset (native, or a token by address) on ``chain_id`` when
    known (:meth:`Policy.limit_for`); None if unlimited."""
    if not policy.limits:
        return None
    if kind is AssetKind.NATIVE:
        return policy.limit_for(chain, "native", chain_id)
    if address is None:
        return None
    return policy.limit_for(chain, address, chain_id)


def amount_evidence(policy: Policy, asset: Asset, amount: int | None, token_id: int | None) -> str:
    """Evidence for an amount, in whole units when the asset's or its limit's decimals are known."""
    if token_id is not None:
        return f"token_id:{token_id}"
    decimals = asset.decimals
    symbol = asset.symbol
    if asset.kind is AssetKind.NATIVE and decimals is None:
        decimals = native_decimals(asset.chain)
    if decimals is None:
        limit = limit_for_asset(policy, asset.chain, asset.kind, asset.address)
        if limit is not None:
            decimals, symbol = limit.decimals, symbol or limit.symbol or None
    return format_amount(amount, decimals, symbol)


def _norm(addr: str, chain: Chain) -> str:
    return addr.lower() if chain is Chain.EVM else addr


def _spends_own(decoded: DecodedTransaction, policy: Policy, sender: str | None) -> bool:
    if sender is None or policy.is_own(sender, decoded.chain):
        return True
    tx_sender = decoded.sender
    return tx_sender is not None and _norm(sender, decoded.chain) == _norm(tx_sender, decoded.chain)


# a signed one-time transfer (Uniswap/permit2 ``SignatureTransfer.sol``: the spender moves up
# to the permitted amount once, to whom it chooses): spent like a transaction's give
SIGNED_TRANSFERS = frozenset({"permit2.permit_transfer_from"})


def _gives(
    op: object, decoded: DecodedTransaction, policy: Policy
) -> TypeGuard[Transfer | Approval]:
    """Does ``op`` give the agent's own asset: a transfer, or a signature transfer the spender
    redeems once (a give of up to its amount)?"""
    if isinstance(op, Transfer):
        return op.amount != 0 and _spends_own(decoded, policy, op.sender)
    return (
        isinstance(op, Approval)
        and op.via in SIGNED_TRANSFERS
        and not op.revoke
        and op.amount != 0
        and _spends_own(decoded, policy, op.owner)
    )


def totals(decoded: DecodedTransaction, policy: Policy) -> dict[Limit, int | None]:
    """This transaction's outgoing total per configured limit (None: an unknown amount)."""
    out: dict[Limit, int | None] = {}
    if not policy.limits:
        return out
    chain_id = decoded.chain_id if decoded.chain is Chain.EVM else None
    for op in decoded.operations:
        if _gives(op, decoded, policy):
            asset = op.asset
            limit = limit_for_asset(policy, asset.chain, asset.kind, asset.address, chain_id)
            amount = op.amount
        elif isinstance(op, Creation) and op.value:
            limit = limit_for_asset(policy, decoded.chain, AssetKind.NATIVE, None, chain_id)
            amount = op.value
        else:
            continue
        if limit is not None:
            prev = out.get(limit, 0)
            out[limit] = None if prev is None or amount is None else prev + amount
    return out
