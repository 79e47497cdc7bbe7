"""Safe administration: owners, threshold, modules, guards, fallback handler, approveHash.

Source: safe-global/safe-smart-account ``contracts/base/OwnerManager.sol``,
``ModuleManager.sol``, ``GuardManager.sol``, ``FallbackManager.sol`` and ``Safe.sol``
(v1.3.0 / v1.4.1; all ``authorized``: only the Safe itself may call them, i.e. through an
``execTransaction`` to itself).

Each becomes an :class:`AuthorityChange` on the Safe (``account``) to ``new_authority``;
``chains/inspect.py`` maps the ``via`` to ``tx.evm.safe_owner_change`` (owners, threshold),
``safe_module_change``, ``safe_guard_change``, ``safe_fallback_handler_change``.
``approveHash`` pre-approves a Safe transaction the request does not show: an opaque call
judged ``tx.evm.safe_approve_hash`` (FLAG).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import AuthorityChange, Call

__all__ = ["TABLE"]


def _change(f: Frame, via: str, what: str, new: str | None) -> AuthorityChange:
    return AuthorityChange(
        via=via,
        account=f.target,
        new_authority=None if new == ZERO else new,
        authority_type=what,
        current_authority=f.sender,
    )


def _add_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.owner", f"owner_added(threshold={a[1]})", a[0])]


def _remove_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.owner", f"owner_removed:{a[1]}(threshold={a[2]})", None)]


def _swap_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.owner", f"owner_swapped:{a[1]}", a[2])]


def _change_threshold(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.threshold", f"threshold_changed({a[0]})", None)]


def _enable_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.module", "module_enabled", a[0])]


def _disable_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [Call(via="evm.call", target=f.target, name="disableModule", known=True)]


def _set_guard(f: Frame, fn: Function, a: list[Any]) -> Result:
    what = "guard_removed" if a[0] == ZERO else "guard_set"
    return [_change(f, "safe.guard", what, a[0])]


def _set_module_guard(f: Frame, fn: Function, a: list[Any]) -> Result:
    what = "module_guard_removed" if a[0] == ZERO else "module_guard_set"
    return [_change(f, "safe.guard", what, a[0])]


def _set_fallback_handler(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_change(f, "safe.fallback_handler", "fallback_handler_set", a[0])]


def _approve_hash(f: Frame, fn: Function, a: list[Any]) -> Result:
    call = Call(
        via="safe.approve_hash",
        target=f.target,
        name="approveHash",
        selector="0xd4d9bdcd",
        sender=f.sender,
    )
    return [call, f"safe:approve_hash:0x{bytes(a[0]).hex()}"]


TABLE = (
    ("addOwnerWithThreshold(address,uint256)", _add_owner),
    ("removeOwner(address,address,uint256)", _remove_owner),
    ("swapOwner(address,address,address)", _swap_owner),
    ("changeThreshold(uint256)", _change_threshold),
    ("enableModule(address)", _enable_module),
    ("disableModule(address,address)", _disable_module),
    ("setGuard(address)", _set_guard),
    ("setModuleGuard(address)", _set_module_guard),
    ("setFallbackHandler(address)", _set_fallback_handler),
    ("approveHash(bytes32)", _approve_hash),
)
