"""Hyperliquid user actions signed as EIP-712 (domain ``HyperliquidSignTransaction``).

Source: hyperliquid-dex/hyperliquid-python-sdk ``hyperliquid/utils/signing.py``
(``USD_SEND_SIGN_TYPES`` / ``WITHDRAW_SIGN_TYPES``: ``hyperliquidChain string, destination
string, amount string, time uint64``; ``SPOT_TRANSFER_SIGN_TYPES`` adds ``token string``;
``APPROVE_AGENT_SIGN_TYPES``: ``hyperliquidChain string, agentAddress address, agentName
string, nonce uint64``; primary types ``HyperliquidTransaction:UsdSend`` / ``:Withdraw`` /
``:SpotSend`` / ``:ApproveAgent``). ``amount`` is a decimal string of USDC (6 decimals on
Arbitrum, where withdrawals land; a spot token's amount is kept unknown).

A send or a withdrawal gives the amount to ``destination``; ``UsdClassTransfer`` (``amount
string, toPerp bool``) moves USDC between the account's own spot and perp balances.

``ApproveAgent`` registers an API wallet ("agent") that signs every L1 action (orders, cancels,
leverage...) for the master account and its sub-accounts; it holds no funds and cannot
withdraw or transfer (user-signed actions need the master), but it can trade the whole margin
away (hyperliquid-docs ``for-developers/api/nonces-and-api-wallets``: API wallets sign on
behalf of the master account; they are deregistered when a new one takes the name, when they
expire, or when the account has no funds). It is an authority ``agent`` over the signer's own
account (the message names no account: the one that signs it; an ``AuthorityChange`` with an
empty account). A name ending in ``valid_until <ms>`` (the SDKs' form, e.g. the python SDK's
``approve_agent(name)``) makes the agent expire: ``expires``, so that a short-lived agent of a
stranger is FLAGged rather than BLOCKed (``chains/judge_grants.py``).

Standing rights the other user-signed actions hand out (field lists from the python SDK's
``signing.py`` and the nktkas/hyperliquid TypeScript SDK's ``userSignedActionEip712Types``):

- ``ApproveBuilderFee(maxFeeRate string, builder address, nonce uint64)``: authority
  ``builder_fee`` of ``builder`` (it may charge up to the rate on every order it routes); a
  rate of 0 withdraws the approval: nothing.
- ``ConvertToMultiSigUser(signers string, nonce uint64)``: ``signers`` is JSON
  ``{"authorizedUsers": [...], "threshold": n}``; each authorized user becomes an ``owner`` of
  the account (the signer's key stops controlling it); ``null`` converts back: nothing.
- ``TokenDelegate(validator address, wei uint64, isUndelegate bool, nonce uint64)``: authority
  ``delegate`` of ``validator`` over the staked HYPE (EigenLayer ``delegateTo``'s reading); an
  undelegation: nothing.
- ``CDeposit`` / ``CWithdraw(wei uint64, nonce uint64)``: HYPE between the account's own spot
  and staking balances: nothing. ``UserDexAbstraction(user address, enabled bool)`` /
  ``UserSetAbstraction(user, abstraction string)``: an account setting: nothing.
- ``SendAsset(destination, sourceDex, destinationDex, token, amount, fromSubAccount)``: a spot
  send (above).

``SendMultiSig`` signs only ``multiSigActionHash``: the action is not visible, so it stays
unread (FLAG).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from aiegis_guard.chains.evm.frames import asset
from aiegis_guard.chains.transaction import AuthorityChange, Operation, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["HYPERLIQUID_DOMAIN", "decode_hyperliquid"]

HYPERLIQUID_DOMAIN = "HyperliquidSignTransaction"
USDC_ARBITRUM = "0xaf88d065e77c8cc2239327c5edb3a432268e5831"  # Circle's USDC on Arbitrum One
_ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
_VALID_UNTIL = re.compile(r"(?:^|\s)valid_until (\d{1,16})\s*$")


def _destination(value: Any) -> str:
    if not isinstance(value, str) or not _ADDRESS.fullmatch(value):
        raise EvmDecodeError("hyperliquid: destination is not an address")
    return value.lower()


def _valid_until(name: Any) -> int | None:
    """Unix seconds an agent named ``<name> valid_until <ms>`` expires at (None: never)."""
    found = _VALID_UNTIL.search(name) if isinstance(name, str) else None
    return int(found.group(1)) // 1000 if found else None


def _usdc(amount: Any) -> int:
    try:
        units = Decimal(str(amount)) * 10**6
    except InvalidOperation as exc:
        raise EvmDecodeError("hyperliquid: amount is not a number") from exc
    if not units.is_finite() or units < 0 or units != units.to_integral_value():
        raise EvmDecodeError("hyperliquid: amount is not a USDC amount")
    return int(units)


def _rate_is_zero(rate: Any) -> bool:
    try:
        return Decimal(str(rate).strip().rstrip("%")) == 0
    except InvalidOperation as exc:
        raise EvmDecodeError("hyperliquid: maxFeeRate is not a rate") from exc


def _standing(via: str, to: str, role: str) -> AuthorityChange:
    return AuthorityChange(
        via=via,
        account="",  # the signer's own account
        new_authority=_destination(to),
        authority_type=role,
        current_authority=None,
    )


def _multi_sig_users(signers: Any) -> list[Operation]:
    """``ConvertToMultiSigUser``: every authorized user an owner of the account."""
    try:
        config = json.loads(signers) if isinstance(signers, str) else signers
    except ValueError as exc:
        raise EvmDecodeError("hyperliquid: signers is not JSON") from exc
    if config is None:  # back to a normal user: nobody gains the account
        return []
    users = config.get("authorizedUsers") if isinstance(config, dict) else None
    if not isinstance(users, list) or not users:
        raise EvmDecodeError("hyperliquid: no authorized users")
    via = "hyperliquid.convert_to_multi_sig_user"
    return [_standing(via, user, "owner") for user in dict.fromkeys(users)]


def _standing_action(m: dict[str, Any]) -> list[Operation] | None:
    """The actions that hand out a standing right (the module docstring's table)."""
    if "builder" in m and "maxFeeRate" in m:
        if _rate_is_zero(m["maxFeeRate"]):
            return []
        return [_standing("hyperliquid.approve_builder_fee", m["builder"], "builder_fee")]
    if "signers" in m:
        return _multi_sig_users(m["signers"])
    if "validator" in m and "isUndelegate" in m:
        if m["isUndelegate"]:
            return []
        return [_standing("hyperliquid.token_delegate", m["validator"], "delegate")]
    if "wei" in m and "destination" not in m:  # CDeposit / CWithdraw: own spot <-> staking
        return []
    if "user" in m and ("enabled" in m or "abstraction" in m):  # an account setting
        return []
    return None


def decode_hyperliquid(m: dict[str, Any]) -> list[Operation] | None:
    """Operations of one user action; None for an action this reader does not know."""
    if "toPerp" in m:  # UsdClassTransfer: between the account's own spot and perp balances
        return []
    standing = _standing_action(m)
    if standing is not None:
        return standing
    if "agentAddress" in m:
        return [
            AuthorityChange(
                via="hyperliquid.approve_agent",
                account="",  # the signer's own account
                new_authority=_destination(m["agentAddress"]),
                authority_type="agent",
                current_authority=None,
                expires=_valid_until(m.get("agentName")),
            )
        ]
    if "destination" not in m or "amount" not in m:
        return None
    to = _destination(m["destination"])
    if "token" in m:  # a spot token: its amount's decimals are not known here
        what = asset(USDC_ARBITRUM) if str(m["token"]).upper().startswith("USDC:") else None
        amount = _usdc(m["amount"]) if what is not None else None
        via = "hyperliquid.spot_send"
    else:
        what, amount, via = asset(USDC_ARBITRUM), _usdc(m["amount"]), "hyperliquid.usd_send"
    if what is None:
        return None
    return [Transfer(via=via, asset=what, sender=None, recipient=to, amount=amount)]
