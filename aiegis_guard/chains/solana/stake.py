"""Stake program instructions -> operations (layouts in :mod:`.stake_layouts`).

What moves value or control of a stake account (source: solana-program/stake
``interface/src/instruction.rs``):

* ``Authorize`` / ``AuthorizeWithSeed`` / ``AuthorizeChecked`` / ``AuthorizeCheckedWithSeed``
  hand the staker or withdrawer role to a new key: an :class:`AuthorityChange` (the withdrawer
  owns the lamports);
* ``Initialize`` / ``InitializeChecked`` name the first staker and withdrawer: an
  :class:`AuthorityChange` each (a stake account the agent funds in the same transaction is
  its own, so a stranger as withdrawer is a give-away); ``Initialize``'s ``Lockup`` with a
  custodian (not ``Pubkey::default()``) and a date (``unix_timestamp`` / ``epoch``) is one
  more, the ``lockup_custodian`` (``interface/src/state.rs`` ``Lockup::is_in_force``: while
  the lockup holds, only the custodian's signature lets the withdrawer withdraw, and
  ``Meta::set_lockup`` takes the custodian's, so the custodian may extend it at will; a
  lockup without dates is never in force and its custodian controls nothing);
* ``SetLockup`` / ``SetLockupChecked`` with a new custodian: an :class:`AuthorityChange`
  (the custodian may lift the lockup);
* ``Withdraw`` pays lamports out of the stake account: a SOL :class:`Transfer` whose sender is
  the withdraw authority.

``DelegateStake``, ``Deactivate``, ``Split``, ``Merge``, ``MoveStake``, ``MoveLamports``,
``Redelegate`` and ``DeactivateDelinquent`` keep the lamports under the same authorities (the
program requires matching authorities for Merge / Move*; a split account inherits them): they
are known calls without an effect.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.layout import Ix, authority_change, known, lamports_paid
from aiegis_guard.chains.transaction import (
    Operation,
)

__all__ = ["STAKE_BUILDERS"]

_Builder = Callable[[Ix, Any], list[Operation]]


def _role(ix: Ix) -> str:
    code = ix.args["stake_authorize"]
    names = progs.STAKE_AUTHORITY_TYPES
    return names[code] if code < len(names) else f"unknown_{code}"


def _authorize(ix: Ix, refs: Any) -> list[Operation]:
    current = ix.acc.get("authority") or ix.acc.get("authority_base")
    new = ix.args.get("new_authority") or ix.acc.get("new_authority")
    return [authority_change(ix, "stake", "stake.authorize", _role(ix), new, current=current)]


def _initialize(ix: Ix, refs: Any) -> list[Operation]:
    staker = ix.args.get("staker") or ix.acc.get("staker")
    withdrawer = ix.args.get("withdrawer") or ix.acc.get("withdrawer")
    return [
        authority_change(ix, "stake", "stake.initialize", "staker", staker),
        authority_change(ix, "stake", "stake.initialize", "withdrawer", withdrawer),
        *_initial_custodian(ix),
    ]


def _initial_custodian(ix: Ix) -> list[Operation]:
    """``Initialize``'s lockup custodian, when the lockup can be in force (module docstring)."""
    custodian = ix.args.get("custodian")
    dated = ix.args.get("unix_timestamp") or ix.args.get("epoch")
    if not dated or custodian in (None, progs.SYSTEM_PROGRAM):  # Pubkey::default(): none
        return []
    return [authority_change(ix, "stake", "stake.initialize_lockup", "lockup_custodian", custodian)]


def _lockup(ix: Ix, refs: Any) -> list[Operation]:
    custodian = ix.args.get("custodian") or ix.acc.get("new_custodian")
    if custodian is None:  # dates only: the lamports stay where they are
        return known(ix)
    authority = ix.acc.get("authority")
    return [
        authority_change(
            ix, "stake", "stake.set_lockup", "lockup_custodian", custodian, current=authority
        )
    ]


def _withdraw(ix: Ix, refs: Any) -> list[Operation]:
    return [lamports_paid(ix, "stake.withdraw", "authority", "to", "stake")]


STAKE_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("stake", "Authorize"): _authorize,
    ("stake", "AuthorizeWithSeed"): _authorize,
    ("stake", "AuthorizeChecked"): _authorize,
    ("stake", "AuthorizeCheckedWithSeed"): _authorize,
    ("stake", "Initialize"): _initialize,
    ("stake", "InitializeChecked"): _initialize,
    ("stake", "SetLockup"): _lockup,
    ("stake", "SetLockupChecked"): _lockup,
    ("stake", "Withdraw"): _withdraw,
}
