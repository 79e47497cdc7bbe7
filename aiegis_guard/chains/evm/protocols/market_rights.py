"""Who may act for a lending position: Venus delegates, Alchemix v2 mint / withdraw allowances.

Sources:

- VenusProtocol/venus-protocol Comptroller ``updateDelegate(address delegate, bool
  allowBorrows)`` ("the delegate will receive the funds, and the borrower will see the debt":
  ``borrowBehalf`` / ``redeemBehalf`` for the caller); Core Pool Unitroller ``0xfD36E2c2…8384``
  on BNB Chain (Venus integrations' ``COMPTROLLER`` constant). A ``manager`` authority over the
  caller's Venus account; ``false`` takes it back.
- alchemix-finance/v2-foundry ``src/interfaces/alchemist/IAlchemistV2Actions.sol``:
  ``approveMint(spender, amount)`` (``spender`` may ``mintFrom(owner, amount, recipient)``: new
  debt tokens against the owner's collateral, paid to anyone), ``approveWithdraw(spender,
  yieldToken, shares)`` (``withdrawFrom`` / ``withdrawUnderlyingFrom`` the owner's shares to
  anyone); ``mintFrom``, ``withdrawFrom`` / ``withdrawUnderlying[From]``, ``withdrawUnderlying``
  and ``deposit(yieldToken, amount, recipient)``: what leaves the position, and to whom
  (``mint(amount, recipient)`` and ``withdraw(yieldToken, shares, recipient)`` share their
  selectors with ERC-4626 ``mint(shares, receiver)`` and Aave's ``withdraw(asset, amount,
  to)``, registered first: they stay read as those, a payment to ``recipient`` either way).
  The allowances are grants of the Alchemist's debt token (alUSD, alETH) and of the yield
  token; a share's worth is read on-chain (unknown amount). Alchemists (Ethereum): alUSD
  ``0x5C6374a2…94dd``, alETH ``0x062Bf725…3b5c`` (alchemix-finance ``MigrationTool`` test,
  DefiLlama adapters), debt tokens alUSD ``0xBC6DA0FE…60E9`` / alETH ``0x0100546F…7Ee6``.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.transaction import Transfer

__all__ = ["CONTRACTS", "TABLE"]

VENUS_COMPTROLLERS = frozenset({"0xfd36e2c2a6789db23113685031d7f16329158384"})  # BNB Core Pool
# Alchemist v2 -> its debt token (Ethereum)
ALCHEMISTS = {
    "0x5c6374a2ac4ebc38dea0fc1f8716e5ea1add94dd": "0xbc6da0fe9ad5f3b0d58160288917aa56653660e9",
    "0x062bf725dc4cdf947aa79ca2aaccd4f385b13b5c": "0x0100546f2cd4c9d97f798ffc9755e47865ff7ee6",
}
CONTRACTS = VENUS_COMPTROLLERS | frozenset(ALCHEMISTS)


def _update_delegate(f: Frame, fn: Function, a: list[Any]) -> Result:
    delegate, allowed = a
    if not allowed:
        return [named_call(f, fn)]
    what = "manager (borrows and redeems for the account, the funds to it)"
    return [authority(f, "venus.update_delegate", what, delegate)]


def _debt_token(f: Frame) -> str:
    """The Alchemist's debt token; elsewhere (a contract outside the book) the callee itself."""
    return ALCHEMISTS.get(f.target, f.target)


def _approve_mint(f: Frame, fn: Function, a: list[Any]) -> Result:
    spender, amount = a
    return [approval("alchemix.approve_mint", _debt_token(f), f.sender, spender, amount)]


def _approve_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    spender, yield_token, shares = a
    return [approval("alchemix.approve_withdraw", yield_token, f.sender, spender, shares)]


def _paid(
    f: Frame, via: str, token: str, parties: tuple[str | None, str], amount: int | None
) -> Result:
    owner, recipient = parties
    if recipient == owner:
        return []
    return [Transfer(via=via, asset=asset(token), sender=owner, recipient=recipient,
                     amount=amount)]  # fmt: skip


def _mint_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    owner, amount, recipient = a
    debt = _debt_token(f)
    return [named_call(f, fn), *_paid(f, "alchemix.mint", debt, (owner, recipient), amount)]


def _withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``withdrawUnderlying(yieldToken, shares, recipient, min)``: the shares' worth."""
    token, recipient = a[0], a[2]
    return [named_call(f, fn), *_paid(f, "alchemix.withdraw", token, (f.sender, recipient), None)]


def _withdraw_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    owner, token, recipient = a[0], a[1], a[3]
    return [named_call(f, fn), *_paid(f, "alchemix.withdraw", token, (owner, recipient), None)]


def _deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``deposit(yieldToken, amount, recipient)``: the caller's tokens credited to recipient."""
    token, amount, recipient = a
    return [named_call(f, fn), *_paid(f, "alchemix.deposit", token, (f.sender, recipient), amount)]


def _deposit_underlying(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The underlying token is the yield token's (read on-chain): credited to another, the
    call stays unknown beside it."""
    recipient = a[2]
    return [named_call(f, fn, known=recipient == f.sender, names=(recipient,))]


TABLE = (
    ("updateDelegate(address,bool)", _update_delegate),
    ("approveMint(address,uint256)", _approve_mint),
    ("approveWithdraw(address,address,uint256)", _approve_withdraw),
    ("mintFrom(address,uint256,address)", _mint_from),
    ("withdrawUnderlying(address,uint256,address,uint256)", _withdraw),
    ("withdrawFrom(address,address,uint256,address)", _withdraw_from),
    ("withdrawUnderlyingFrom(address,address,uint256,address,uint256)", _withdraw_from),
    ("deposit(address,uint256,address)", _deposit),
    ("depositUnderlying(address,uint256,address,uint256)", _deposit_underlying),
)
