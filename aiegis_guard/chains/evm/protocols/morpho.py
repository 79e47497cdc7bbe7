"""Morpho Blue: whose position a payment credits, who receives what leaves a position, who may
manage the account's positions.

Source: morpho-org/morpho-blue ``src/interfaces/IMorpho.sol`` (``MarketParams(loanToken,
collateralToken, oracle, irm, lltv)``; ``supply`` / ``repay(marketParams, assets, shares,
onBehalf, data)``, ``supplyCollateral(marketParams, assets, onBehalf, data)``, ``borrow`` /
``withdraw(marketParams, assets, shares, onBehalf, receiver)``,
``withdrawCollateral(marketParams, assets, onBehalf, receiver)``, ``setAuthorization(
authorized, newIsAuthorized)``, ``setAuthorizationWithSig(Authorization(authorizer,
authorized, isAuthorized, nonce, deadline), Signature)``) and ``src/Morpho.sol`` (either
``assets`` or ``shares`` is zero; by shares the amount is computed on-chain: "all" of it).

- A payment into a market for the caller (``onBehalf`` = caller) is paid into the protocol
  (``order = SWAP``: judged by what the request pays out). A supply for anyone else is an
  exchange whose output (the supply or collateral position) is theirs, as Aave's aTokens
  minted to ``onBehalfOf`` (``lending.py``): BLOCK for a stranger; a repay for anyone else is
  a give to them (their debt is paid).
- What leaves a position (borrowed, withdrawn) goes to ``receiver``: the caller's receipt
  when it is the caller, else a give of the position's owner (``onBehalf``) to the receiver
  (explicit amounts FLAG for a stranger); by shares (the whole of them, an amount computed
  on-chain) it is an output paid to the receiver (BLOCK for a stranger).
- An authorization makes ``authorized`` a manager of every position of the authorizer
  (it can withdraw the collateral and borrow against it to any receiver): an unlimited grant
  over the Morpho contract; ``false`` revokes.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import switch_approval
from aiegis_guard.chains.transaction import SWAP_ORDER, Operation, Receipt, Transfer

__all__ = ["TABLE", "morpho_authorization"]


def _amount(assets: int) -> int | None:
    return assets or None  # 0 assets: by shares, the amount is on-chain


def _pay_in(f: Frame, via: str, token: str, assets: int, on_behalf: str) -> Result:
    """A payment of the caller into a position of ``on_behalf``."""
    if on_behalf == f.sender:
        recipient, order = f.target, SWAP_ORDER
    else:
        recipient, order = on_behalf, None
    give = Transfer(
        via=via,
        asset=asset(token),
        sender=f.sender,
        recipient=recipient,
        amount=_amount(assets),
        order=order,
    )
    return [give]


def _pay_out(f: Frame, via: str, token: str, assets: int, parties: tuple[str, str]) -> Result:
    """What leaves ``on_behalf``'s position to ``receiver`` (``parties``): the caller's
    receipt, or a give of the position's owner to the receiver."""
    on_behalf, to = parties
    what, amount = asset(token), _amount(assets)
    if to == f.sender or amount is None:  # by shares: the output, whatever it is, goes to ``to``
        return [Receipt(via=via, asset=what, recipient=to, amount=amount)]
    return [Transfer(via=via, asset=what, sender=on_behalf, recipient=to, amount=amount)]


def _supply(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``supply`` / ``repay``: the loan token; ``supplyCollateral``: the collateral token."""
    market, assets, on_behalf = a[0], a[1], a[-2]
    token = market[1] if fn.name == "supplyCollateral" else market[0]
    via = f"morpho_blue.{fn.name}"
    if fn.name != "repay" and on_behalf != f.sender:  # the position credited is theirs
        paid = _amount(assets)
        return swap_ops(f, via, (token, paid), (token, paid), on_behalf)
    return _pay_in(f, via, token, assets, on_behalf)


def _take(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``borrow`` / ``withdraw``: the loan token; ``withdrawCollateral``: the collateral."""
    market, assets, on_behalf, to = a[0], a[1], a[-2], a[-1]
    token = market[1] if fn.name == "withdrawCollateral" else market[0]
    return _pay_out(f, f"morpho_blue.{fn.name}", token, assets, (on_behalf, to))


def morpho_authorization(
    morpho: str, authorizer: str | None, authorized: str, allowed: bool, deadline: int | None
) -> list[Operation]:
    grant = switch_approval(
        "morpho_blue.set_authorization", morpho, authorizer, authorized, allowed, deadline=deadline
    )
    return [grant]


def _set_authorization(f: Frame, fn: Function, a: list[Any]) -> Result:
    return morpho_authorization(f.target, f.sender, a[0], a[1], None)


def _set_authorization_with_sig(f: Frame, fn: Function, a: list[Any]) -> Result:
    authorizer, authorized, allowed, _nonce, deadline = a[0]
    return morpho_authorization(f.target, authorizer, authorized, allowed, deadline or None)


_MARKET = "(address,address,address,address,uint256)"
TABLE = (
    (f"supply({_MARKET},uint256,uint256,address,bytes)", _supply),
    (f"repay({_MARKET},uint256,uint256,address,bytes)", _supply),
    (f"supplyCollateral({_MARKET},uint256,address,bytes)", _supply),
    (f"borrow({_MARKET},uint256,uint256,address,address)", _take),
    (f"withdraw({_MARKET},uint256,uint256,address,address)", _take),
    (f"withdrawCollateral({_MARKET},uint256,address,address)", _take),
    ("setAuthorization(address,bool)", _set_authorization),
    (
        "setAuthorizationWithSig((address,address,bool,uint256,uint256),(uint8,bytes32,bytes32))",
        _set_authorization_with_sig,
    ),
)
