"""Lending markets and name registries: deposits credited to whom, withdrawals paid to whom,
who may act for the account.

Sources: aave/aave-v3-core ``contracts/interfaces/IPool.sol`` (supply / deposit / withdraw /
borrow) and ``ICreditDelegationToken.sol`` (approveDelegation); compound-finance/comet
``contracts/CometMainInterface.sol`` (allow / allowBySig / supplyTo / withdrawTo /
withdrawFrom / transferAsset); ensdomains/ens-contracts ``ETHRegistrarController.sol``.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval
from aiegis_guard.chains.transaction import Approval, Call, Receipt, Transfer

__all__ = ["TABLE"]


def _paid_to(via: str, token: str, to: str, amount: int) -> Result:
    return [Receipt(via=via, asset=asset(token), recipient=to, amount=amount)]


def _aave_supply(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, amount, on_behalf = a[:3]
    return swap_ops(f, f"aave_v3.{fn.name}", (token, amount), (token, amount), on_behalf)


def _aave_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, amount, to = a
    return _paid_to("aave_v3.withdraw", token, to, amount)


def _aave_borrow(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, amount = a[:2]
    return _paid_to("aave_v3.borrow", token, f.sender or f.context, amount)


def _approve_delegation(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [approval("aave_v3.approve_delegation", f.target, f.sender, a[0], a[1])]


def _comet_allow(f: Frame, owner: str | None, manager: str, allowed: bool) -> Approval:
    return Approval(
        via="compound_v3.allow",
        asset=asset(f.target),
        owner=owner,
        spender=manager,
        amount=None if allowed else 0,
        unlimited=allowed,
        revoke=not allowed,
    )


def _allow(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_comet_allow(f, f.sender, a[0], a[1])]


def _allow_by_sig(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_comet_allow(f, a[0], a[1], a[2])]


def _supply_to(f: Frame, fn: Function, a: list[Any]) -> Result:
    dst, token, amount = a
    return swap_ops(f, "compound_v3.supply_to", (token, amount), (token, amount), dst)


def _withdraw_to(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, token, amount = a
    return _paid_to("compound_v3.withdraw_to", token, to, amount)


def _withdraw_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    _src, to, token, amount = a
    return _paid_to("compound_v3.withdraw_from", token, to, amount)


def _transfer_asset(f: Frame, fn: Function, a: list[Any]) -> Result:
    dst, token, amount = a
    via = "compound_v3.transfer_asset"
    return [Transfer(via=via, asset=asset(token), sender=f.sender, recipient=dst, amount=amount)]


def _named(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [Call(via="evm.call", target=f.target, name=fn.name, known=True, value=f.value)]


TABLE = (
    ("supply(address,uint256,address,uint16)", _aave_supply),
    ("deposit(address,uint256,address,uint16)", _aave_supply),
    ("withdraw(address,uint256,address)", _aave_withdraw),
    ("borrow(address,uint256,uint256,uint16,address)", _aave_borrow),
    ("approveDelegation(address,uint256)", _approve_delegation),
    ("allow(address,bool)", _allow),
    (
        "allowBySig(address,address,bool,uint256,uint256,uint8,bytes32,bytes32)",
        _allow_by_sig,
    ),
    ("supplyTo(address,address,uint256)", _supply_to),
    ("withdrawTo(address,address,uint256)", _withdraw_to),
    ("withdrawFrom(address,address,address,uint256)", _withdraw_from),
    ("transferAsset(address,address,uint256)", _transfer_asset),
    ("commit(bytes32)", _named),
    (
        "register(string,address,uint256,bytes32,address,bytes[],bool,uint16)",
        _named,
    ),
    ("renew(string,uint256)", _named),
)
