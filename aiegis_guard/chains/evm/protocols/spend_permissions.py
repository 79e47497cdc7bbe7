"""Coinbase Smart Wallet / Base Account spend permissions: recurring allowances to a spender.

Source: coinbase/spend-permissions ``src/SpendPermissionManager.sol`` (manager
``0xf85210B21cC50302F477BA56686d2019dC9b67Ad``, the repository README's deployment on every
chain; EIP-712 domain ``Spend Permission Manager`` / ``1``):

- ``SpendPermission(address account,address spender,address token,uint160 allowance,uint48
  period,uint48 start,uint48 end,uint256 salt,bytes extraData)`` (``PERMISSION_TYPEHASH``):
  ``spender`` may move up to ``allowance`` of ``token`` from ``account`` in every ``period``
  seconds, from ``start`` until ``end`` (exclusive); ``token`` ``0xEeee…EEeE`` is the native
  token (ERC-7528, ``NATIVE_TOKEN``).
- ``SpendPermissionBatch(address account,uint48 period,uint48 start,uint48 end,
  PermissionDetails[] permissions)`` / ``PermissionDetails(address spender,address token,uint160
  allowance,uint256 salt,bytes extraData)``: one permission per entry, sharing the period.
- ``approve(SpendPermission)`` (only ``account`` may call it), ``approveWithSignature(
  SpendPermission, bytes)``, ``approveBatchWithSignature(SpendPermissionBatch, bytes)``,
  ``approveWithRevoke(SpendPermission toApprove, SpendPermission toRevoke, PeriodSpend)``,
  ``revoke(SpendPermission)`` and ``spend(SpendPermission, uint160 value)`` (only ``spender``:
  ``value`` of ``token`` moves from ``account`` to ``spender``).

A permission is a grant to ``spender`` that lapses at ``end`` (``Approval.deadline``;
``spend_permission.approve`` is one of ``EXPIRING_GRANTS``). The allowance renews every
``period`` from ``start`` (``_getCurrentPeriod``): what the spender may take in all is
``allowance`` times the periods between ``start`` and ``end`` (:func:`renewed_total`, an upper
bound: periods already past cannot be spent), and a grant renewing beyond ``HORIZON`` (the
SDKs' "no end" ``type(uint48).max`` included) is unlimited; limits and the unlimited rule judge
that total, never one period's allowance. Zero spender, token, allowance or period, or
``start >= end``, revert (``ZeroSpender`` … ``InvalidStartEnd``): nothing granted. These
selectors on another contract run a stranger's code: the grant is still judged (a stranger
named there is one), beside an unknown call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.selectors import UNLIMITED, Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Approval, Operation, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CONTRACTS", "HORIZON", "MANAGER", "TABLE", "permission_grants", "renewed_total"]

MANAGER = "0xf85210b21cc50302f477ba56686d2019dc9b67ad"
CONTRACTS = frozenset({MANAGER})  # what these handlers mean only here (callee.py)
NATIVE_TOKEN = "0x" + "ee" * 20  # ERC-7528, SpendPermissionManager.NATIVE_TOKEN
VIA = "spend_permission.approve"

_SP = "(address,address,address,uint160,uint48,uint48,uint48,uint256,bytes)"
_BATCH = "(address,uint48,uint48,uint48,(address,address,uint160,uint256,bytes)[])"


HORIZON = 10 * 365 * 86_400  # an allowance renewing for longer than ten years has no bound


def renewed_total(per_period: int, period: int, start: int, end: int | None) -> int | None:
    """What a renewing allowance of ``per_period`` every ``period`` seconds from ``start``
    until ``end`` lets a spender take in all (``ceil((end - start) / period)`` periods); None
    (unlimited) with no end, an end beyond ``HORIZON`` or a period of 0."""
    if end is None or period <= 0 or end - start > HORIZON:
        return None
    periods = max(1, -(-(end - start) // period))
    return per_period * periods


def _token(token: str) -> Any:
    return native() if token.lower() == NATIVE_TOKEN else asset(token.lower())


def _grant(
    account: Any, details: tuple[Any, Any, Any], when: tuple[Any, Any, Any]
) -> Approval | None:
    """One permission (``details``: spender, token, allowance; ``when``: period, start, end)
    as a grant of its renewed total; None when the manager would revert (nothing granted)."""
    spender, token, allowance = details
    period, start, end = when
    if not all(isinstance(x, str) for x in (account, spender, token)) or not all(
        isinstance(x, int) and not isinstance(x, bool) for x in (allowance, period, start, end)
    ):  # not the manager's SpendPermission: judged as unreadable, never as nothing
        raise EvmDecodeError("spend permission: a field of the wrong type")
    if ZERO in (spender, token) or not allowance or not period or start >= end:
        return None
    total = renewed_total(allowance, period, start, end)
    return Approval(
        via=VIA,
        asset=_token(token),
        owner=account.lower(),
        spender=spender.lower(),
        amount=total,
        unlimited=total is None or total >= UNLIMITED,
        deadline=end,
    )


def permission_grants(m: Mapping[str, Any]) -> list[Operation]:
    """The grants of a signed ``SpendPermission`` or ``SpendPermissionBatch`` message."""
    if "permissions" in m:
        entries = m["permissions"]
        if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
            raise EvmDecodeError("spend permission batch: permissions are not a list of structs")
        account, when = m["account"], (m["period"], m["start"], m["end"])
        found = [
            _grant(account, (e.get("spender"), e.get("token"), e.get("allowance")), when)
            for e in entries
        ]
    else:
        when = (m["period"], m.get("start", 0), m["end"])  # none: from the epoch (unlimited)
        found = [_grant(m["account"], (m["spender"], m["token"], m["allowance"]), when)]
    return [g for g in found if g is not None]


def _from_tuple(sp: Any) -> Approval | None:
    account, spender, token, allowance, period, start, end = sp[:7]
    return _grant(account, (spender, token, allowance), (period, start, end))


def _off_manager(f: Frame, fn: Function, names: tuple[str, ...]) -> Result:
    return [] if f.target == MANAGER else [named_call(f, fn, known=False, names=names)]


def _approve(f: Frame, fn: Function, a: list[Any]) -> Result:
    grant = _from_tuple(a[0])
    names = (a[0][0], a[0][1])
    out: Result = [] if grant is None else [grant]
    return out + _off_manager(f, fn, names) or [named_call(f, fn)]


def _approve_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    account, period, start, end, entries = a[0]
    out: Result = []
    for spender, token, allowance, _salt, _extra in entries:
        grant = _grant(account, (spender, token, allowance), (period, start, end))
        if grant is not None:
            out.append(grant)
    return out + _off_manager(f, fn, (account,)) or [named_call(f, fn)]


def _approve_with_revoke(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _approve(f, fn, a[:1])


def _revoke(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Takes a permission back: nobody gains anything (on the manager)."""
    return _off_manager(f, fn, (a[0][0], a[0][1])) or [named_call(f, fn)]


def _spend(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The spender pulls ``value`` of the account's token to itself."""
    account, spender, token = a[0][:3]
    give = Transfer(
        via="spend_permission.spend",
        asset=_token(token),
        sender=account,
        recipient=spender,
        amount=a[1],
    )
    return [give, *_off_manager(f, fn, (account, spender))]


TABLE = (
    (f"approve({_SP})", _approve),
    (f"approveWithSignature({_SP},bytes)", _approve),
    (f"approveBatchWithSignature({_BATCH},bytes)", _approve_batch),
    (f"approveWithRevoke({_SP},{_SP},(uint48,uint48,uint160))", _approve_with_revoke),
    (f"revoke({_SP})", _revoke),
    (f"spend({_SP},uint160)", _spend),
)
