"""GMX v2 (gmx-synthetics) ExchangeRouter: collateral sent to the vault, orders and receivers.

Sources: gmx-io/gmx-synthetics ``contracts/router/ExchangeRouter.sol`` (``sendWnt(receiver,
amount)``: the call's ETH wrapped and sent to ``receiver``; ``sendTokens(token, receiver,
amount)``: the caller's tokens moved by the Router plugin; ``createOrder(CreateOrderParams)``,
usually inside ``multicall(bytes[])``; ``sendNativeToken(receiver, amount)`` the same for the
native token), ``contracts/order/IBaseOrderUtils.sol``
(``CreateOrderParams{addresses, numbers, orderType, decreasePositionSwapType, isLong,
shouldUnwrapNativeToken, autoCancel, referralCode}``; v2.1 ``addresses{receiver,
cancellationReceiver, callbackContract, uiFeeReceiver, market, initialCollateralToken,
swapPath[]}``, ``numbers{sizeDeltaUsd, initialCollateralDeltaAmount, triggerPrice,
acceptablePrice, executionFee, callbackGasLimit, minOutputAmount, validFromTime}``; v2.0 has
neither ``cancellationReceiver``, ``validFromTime`` nor ``autoCancel``, as in
gmx-interface's ``CreateOrderExchangeRouterPayload``; v2.2 appends ``bytes32[] dataList``:
the published ABI in ``deployments/arbitrum/ExchangeRouter.json``), ``contracts/order/Order.sol``
(``OrderType``: 0 MarketSwap, 1 LimitSwap, 2 MarketIncrease, 3 LimitIncrease, 4
MarketDecrease, 5 LimitDecrease, 6 StopLossDecrease, 7 Liquidation, 8 StopIncrease).

The order is one exchange of the caller (``order = SWAP``): the collateral it sent to the
order vault (``sendTokens``: a give of own tokens; ``sendWnt``: part of the ETH already sent
to the router, passed on by it: a payment judged by its receiver, ``unknown_recipient`` when
that is neither own nor allowlisted), and what the order pays ``receiver``: a swap's output
(at least ``minOutputAmount``; its token is the last ``swapPath`` market's, read on-chain:
a stand-in), an increase's position in ``market`` (all of it), a decrease's collateral out.
A ``cancellationReceiver`` other than the receiver and the caller gets the collateral back if
the order is cancelled: that is an output too.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.gmx_subaccounts import SUBACCOUNT_ROUTERS
from aiegis_guard.chains.evm.protocols.swaps import SWAP, exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset, AssetKind, Transfer
from aiegis_guard.findings import Chain

__all__ = ["TABLE"]

_SWAPS = (0, 1)
_INCREASES = (2, 3, 8)


def _send_wnt(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The router passes ``amount`` of the ETH it was sent on to ``receiver`` (as WETH); on a
    SubaccountRouter the call's ETH goes straight on (``gmx_subaccounts.forwarded``): the
    caller's give to ``receiver``."""
    receiver, amount = a
    sender = f.sender if f.target in SUBACCOUNT_ROUTERS and f.sender else f.context
    return [
        Transfer(
            via="gmx.send_wnt", asset=native(), sender=sender, recipient=receiver, amount=amount
        )
    ]


def _send_tokens(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The caller's ``amount`` of ``token`` to ``receiver`` (the order vault): an order's
    collateral, judged by what the order pays out."""
    token, receiver, amount = a
    return [
        Transfer(
            via="gmx.send_tokens",
            asset=asset(token),
            sender=f.sender,
            recipient=receiver,
            amount=amount,
            order=SWAP,
        )
    ]


def _position(market: str) -> Asset:
    return Asset(chain=Chain.EVM, kind=AssetKind.UNKNOWN, address=market, symbol="GMX position")


def _create_order(f: Frame, fn: Function, a: list[Any]) -> Result:
    params = a[0]
    addresses, numbers, order_type = params[0], params[1], params[2]
    receiver = addresses[0]
    cancel_to = addresses[1] if len(addresses) == 7 else ZERO
    market, collateral, path = addresses[-3], addresses[-2], addresses[-1]
    minimum = numbers[6]
    if order_type in _SWAPS:
        got: tuple[Asset, int | None] = (
            stand_in("swap output", path[-1]) if path else asset(collateral),
            minimum,
        )
    elif order_type in _INCREASES:
        got = (_position(market), None)
    else:  # decreases: the collateral (or what the swap path makes of it) out
        got = (stand_in("swap output", path[-1]) if path else asset(collateral), minimum)
    via = f"gmx.create_order.{order_type}"
    to = f.sender if receiver == ZERO else receiver
    out = exchange_ops(f, via, (None, None), f.sender, (*got, to))
    if cancel_to not in (ZERO, receiver, f.sender):
        out += exchange_ops(
            f, f"{via}.cancellation", (None, None), f.sender, (asset(collateral), None, cancel_to)
        )
    return out


_ADDRESSES_21 = "(address,address,address,address,address,address,address[])"
_NUMBERS_21 = "(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256)"
_ADDRESSES_20 = "(address,address,address,address,address,address[])"
_NUMBERS_20 = "(uint256,uint256,uint256,uint256,uint256,uint256,uint256)"
TABLE = (
    ("sendWnt(address,uint256)", _send_wnt),
    ("sendNativeToken(address,uint256)", _send_wnt),
    ("sendTokens(address,address,uint256)", _send_tokens),
    (
        f"createOrder(({_ADDRESSES_21},{_NUMBERS_21},uint8,uint8,bool,bool,bool,bytes32))",
        _create_order,
    ),
    (
        f"createOrder(({_ADDRESSES_21},{_NUMBERS_21},uint8,uint8,bool,bool,bool,bytes32,bytes32[]))",
        _create_order,
    ),
    (f"createOrder(({_ADDRESSES_20},{_NUMBERS_20},uint8,uint8,bool,bool,bytes32))", _create_order),
)
