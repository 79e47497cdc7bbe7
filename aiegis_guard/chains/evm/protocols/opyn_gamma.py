"""Opyn Gamma Controller: operators of the caller's vaults and where ``operate`` pays.

Source: opynfinance/GammaProtocol ``contracts/core/Controller.sol`` (``setOperator(address
_operator, bool _isOperator)``: the operator may run every action on the caller's vaults,
``onlyAuthorized(msg.sender, owner)``) and ``contracts/libs/Actions.sol`` (``operate(
ActionArgs[])``, ``ActionArgs{actionType, owner, secondAddress, asset, vaultId, amount,
index, data}``; ``ActionType``: 0 OpenVault, 1 MintShortOption (oTokens minted to
``secondAddress``), 2 BurnShortOption, 3 DepositLongOption / 5 DepositCollateral (``asset``
pulled from ``secondAddress`` into ``owner``'s vault), 4 WithdrawLongOption / 6
WithdrawCollateral (``asset`` of ``owner``'s vault to ``secondAddress``), 7 SettleVault (what
is left of the vault to ``secondAddress``), 8 Redeem (the caller's oTokens' payout to
``secondAddress``), 9 Call (``secondAddress`` called with ``data``)). Controller
``0x4ccc2339…dC72`` (Ethereum; Opyn integrations' ``controllerAddress``).

``setOperator`` shares its selector with ERC-6909 ``setOperator(spender, approved)``
(``erc6909.py``): on this Controller it is a ``manager`` authority over the caller's vaults
(withdraw their collateral and long oTokens to any address), not a grant of claim ids.
A value paid to the caller or to the vault's own owner is no give; an action this reader
does not place (SettleVault's payout, whose asset is the vault's; a Call; an action type the
table does not know) stays an unknown call naming the address it names.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Transfer

__all__ = ["CONTRACTS", "GAMMA_CONTROLLERS", "TABLE", "set_operator"]

GAMMA_CONTROLLERS = frozenset({"0x4ccc2339f87f6c59c6893e1a678c2266ca58dc72"})  # Ethereum
CONTRACTS = GAMMA_CONTROLLERS
_MINT, _DEPOSITS, _WITHDRAWS, _REDEEM = 1, (3, 5), (4, 6), 8
_QUIET = (0, 2)  # OpenVault, BurnShortOption (oTokens burnt from the caller)


def set_operator(f: Frame, operator: str, approved: bool) -> list[Any]:
    """``setOperator(_operator, true)`` on the Controller: ``manager`` of the caller's vaults."""
    if not approved:
        return []
    what = "manager (operator: every action on the caller's vaults, to any address)"
    return [authority(f, "opyn.set_operator", what, operator)]


def _action(f: Frame, fn: Function, act: tuple[Any, ...]) -> Result:
    kind, owner, second, token, _vault, amount = act[:6]
    caller = f.sender
    if kind in _QUIET:
        return []
    if kind == _MINT and second != owner:
        return [Transfer(via="opyn.mint_short", asset=asset(token), sender=owner,
                         recipient=second, amount=amount)]  # fmt: skip
    if kind in _DEPOSITS and owner != second:
        return [Transfer(via="opyn.deposit", asset=asset(token), sender=second, recipient=owner,
                         amount=amount)]  # fmt: skip
    if kind in _WITHDRAWS and second != owner:
        return [Transfer(via="opyn.withdraw", asset=asset(token), sender=owner,
                         recipient=second, amount=amount)]  # fmt: skip
    if kind == _REDEEM and second != caller:
        return [Transfer(via="opyn.redeem", asset=asset(token), sender=caller,
                         recipient=second, amount=amount)]  # fmt: skip
    if kind in (_MINT, *_DEPOSITS, *_WITHDRAWS, _REDEEM) or (kind == 7 and second == owner):
        return []
    return [named_call(f, fn, known=False, names=(second,))]


def _operate(f: Frame, fn: Function, a: list[Any]) -> Result:
    out: Result = [named_call(f, fn)]
    for act in a[0]:
        out += _action(f, fn, tuple(act))
    return out


TABLE = (("operate((uint8,address,address,address,uint256,uint256,uint256,bytes)[])", _operate),)
