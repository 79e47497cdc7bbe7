"""Payments *into* a decoded protocol call: judged by what the call pays out, not as gifts.

A swap input, a deposit, a repayment (operations of order ``SWAP``) and the ETH sent with a
call that pays something back (WETH, Lido, ENS) or with a decoded call on the contract (a
repayment, a renewal) are not ``unknown_recipient`` payments when the contract is

- one the policy names in any role (the pool the agent approved as a spender), or another
  deployment of a well-known protocol it names (``data/evm_protocols.json`` rows' ``protocol``,
  bound to their chains: the Aave v3 Pool of one chain allowlisted names its pool on another
  and its WETH gateway; Paraswap's TokenTransferProxy names Augustus v5), or
- a canonical conversion contract on its chain (``kind: conversion``: WETH9, Lido stETH /
  wstETH, the ENS controllers) and the request gets something back for the own account (the
  WETH, the stETH, the name) or makes a decoded call on that contract (a renewal).

A token paid back to its own contract in an exchange (ERC-4626 ``redeem`` / ``withdraw``: the
vault burns the owner's shares of itself; a Compound cToken's ``redeem``) is no payment to
anyone either: the token's contract rules that ledger whatever own signs, so what the
redemption pays out (and to whom) is all there is to judge; a vault nobody named stays an
unknown call beside it (``protocols/vaults.py``).

What the call pays out is judged by ``effect_rules`` (``swap_recipient``: an output to a
stranger BLOCKs). Known is not trusted otherwise: a plain transfer to a well-known contract
stays a payment to a stranger.
"""

from __future__ import annotations

from collections.abc import Callable

from aiegis_guard.chains.known import conversion_contract, protocol_names, protocol_of
from aiegis_guard.chains.transaction import SWAP_ORDER, Call, DecodedTransaction, Receipt, Transfer
from aiegis_guard.findings import Chain
from aiegis_guard.policy import Policy

__all__ = ["pays_into_protocol"]


def pays_into_protocol(
    op: Transfer,
    decoded: DecodedTransaction,
    policy: Policy,
    acts_for: Callable[[str | None], bool],
) -> bool:
    """``op`` pays into a protocol call that is judged by its output (module docstring)."""
    if op.order != SWAP_ORDER and op.via != "native":
        return False
    if op.order == SWAP_ORDER and _named(policy, decoded, op.recipient):
        return True
    if op.order == SWAP_ORDER and _back_to_issuer(op, decoded):
        return True
    target = op.recipient.lower() if decoded.chain is Chain.EVM else op.recipient
    if _named(policy, decoded, op.recipient):
        return _exchange(decoded, target)
    return (
        decoded.chain is Chain.EVM
        and conversion_contract(op.recipient, decoded.chain_id)
        and _paid_back(decoded, target, acts_for)
    )


def _back_to_issuer(op: Transfer, decoded: DecodedTransaction) -> bool:
    """An exchange input that is the recipient's own token (shares redeemed at their vault)."""
    token = op.asset.address
    return (
        decoded.chain is Chain.EVM and token is not None and token.lower() == op.recipient.lower()
    )


def _named(policy: Policy, decoded: DecodedTransaction, address: str) -> bool:
    if policy.is_known(address, decoded.chain):
        return True
    if decoded.chain is not Chain.EVM:
        return False
    protocol = protocol_of(address, decoded.chain_id)
    return protocol is not None and protocol in protocol_names(policy.known_evm)


def _exchange(decoded: DecodedTransaction, target: str) -> bool:
    """Something is paid back (a receipt), or the payment goes with a decoded call on
    ``target`` (a repayment, a renewal)."""
    for op in decoded.operations:
        if isinstance(op, Receipt):
            return True
        if isinstance(op, Call) and op.known and op.target.lower() == target.lower():
            return True
    return False


def _paid_back(
    decoded: DecodedTransaction, target: str, acts_for: Callable[[str | None], bool]
) -> bool:
    for op in decoded.operations:
        if isinstance(op, Receipt) and (op.to_signer or acts_for(op.recipient)):
            return True
        if isinstance(op, Call) and op.known and op.target.lower() == target:
            return True
    return False
