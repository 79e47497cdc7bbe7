"""Owners and delegates of accounts every user deploys for itself: the Gnosis MultiSigWallet
(the multisig before the Safe) and Kwenta's smart margin account.

Sources:

- gnosis/MultiSigWallet ``contracts/MultiSigWallet.sol``: ``submitTransaction(destination,
  value, data)`` (an owner submits and confirms the wallet's own call; it runs once
  ``required`` owners confirmed: decoded as the wallet's call, ``selectors.py``),
  ``addOwner(address owner)`` and ``replaceOwner(address owner, address newOwner)``
  (``onlyWallet``: a transaction the wallet submits to itself): the new owner confirms the
  wallet's transactions from then on. ``removeOwner`` / ``changeRequirement`` /
  ``confirmTransaction`` (a transaction the request does not show) stay undecoded: an unknown
  call of the own account (FLAG).
- Kwenta/smart-margin ``src/utils/Auth.sol`` (smart margin v2 accounts):
  ``addDelegate(address _delegate)`` (owner only): a delegate may ``execute`` the account's
  trading commands (``isAuth``), not withdraw or change owners; trades move the account's
  margin, so a delegate is a power over the account's value. ``removeDelegate`` takes it
  back (nobody gains anything). ``transferOwnership`` is Ownable's (``selectors.py``).

Each grant is an :class:`AuthorityChange` on the called account (``account.owner``: an
owner, allowlisted in any role; ``account.delegate``: an operator / delegate / spender entry).
The accounts are not in the book: the owner grants are read on any contract (an
administration standard: ``callee.GRANT_STANDARDS``), a removal only on own or allowlisted
code. ``addDelegate`` is also the Safe AllowanceModule's selector (``delegations.py`` reads
both): off the own / allowlisted account it is also an opaque call of that contract.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange

__all__ = ["TABLE", "account_delegate"]


def _add_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    if a[0] == ZERO:  # notNull(owner): reverts
        return [named_call(f, fn, known=False)]
    return [authority(f, "account.owner", "owner", a[0])]


def _replace_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "account.owner", f"owner_replaced:{a[0]}", a[1])]


def account_delegate(f: Frame, delegate: str) -> AuthorityChange:
    """Kwenta ``addDelegate(_delegate)`` (its selector is the Safe AllowanceModule's too: read
    by ``delegations.py``, which tells the two apart by the contract called)."""
    return authority(f, "account.delegate", "delegate", delegate)


def _remove_delegate(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


TABLE = (
    ("addOwner(address)", _add_owner),
    ("replaceOwner(address,address)", _replace_owner),
    ("removeDelegate(address)", _remove_delegate),
)
