"""Aave v3 WrappedTokenGatewayV3: ETH in and out of an Aave v3 Pool's WETH reserve.

Source: aave/aave-v3-periphery ``contracts/misc/WrappedTokenGatewayV3.sol`` (depositETH /
withdrawETH / repayETH / borrowETH, with and without the rate mode of v3.0;
``withdrawETHWithPermit(address, amount, to, deadline, permitV, permitR, permitS)``:
``aWETH.permit(msg.sender, address(this), amount, ...)`` then the same withdrawal: the permit is
spent by the call, as ``supplyWithPermit``'s, not a standing grant). Deployments: the gateway
rows of ``data/evm_protocols.json`` and ``_GATEWAYS``. What these calls do rests on the
gateway's code, so they are decoded only there: elsewhere an unknown call, the permit carried
by ``withdrawETHWithPermit`` a grant to that contract (review12b F3).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, native
from aiegis_guard.chains.evm.protocols.lending import paid_out
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.known import a_token, known_contracts
from aiegis_guard.chains.transaction import Receipt

__all__ = ["CONTRACTS", "TABLE"]


def _gateway_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """WrappedTokenGatewayV3 ``depositETH(pool, onBehalfOf, referral)``: the ETH sent is
    supplied for ``onBehalfOf`` (its aWETH position; the ETH is the call's value)."""
    return swap_ops(f, "aave_v3.deposit_eth", (None, None), (ZERO, f.value), a[1])


def _gateway_withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``withdrawETH(pool, amount, to)`` / ``withdrawETHWithPermit(pool, amount, to, ...)``:
    own aWETH (pulled by allowance, or by the permit the call spends) paid out as ETH to
    ``to`` (max uint256: the whole position)."""
    return paid_out(f, "aave_v3.withdraw_eth", native(), a[1], (f.sender, a[2]))


_Handler = Callable[[Frame, Function, list[Any]], Result]
# WETH (the gateway's reserve): the WETH rows of data/evm_protocols.json (Ethereum, OP / Base,
# Arbitrum)
_WETHS = (
    "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
    "0x4200000000000000000000000000000000000006",
    "0x82af49447d8a07e3bd95bd0d56f35241523fbab1",
)


# WrappedTokenGatewayV3 deployments besides data/evm_protocols.json's: bgd-labs/aave-address-book
# src/ts/AaveV3Ethereum.ts / AaveV3Base.ts WETH_GATEWAY
_GATEWAYS = frozenset(
    {
        "0xd01607c3c5ecaba394d8be377a08590149325722",
        "0x18cd499e3d7ed42feba981ac9236a278e4cdc2ee",
    }
)
CONTRACTS = _GATEWAYS  # what these handlers mean only here (callee.py)


def _known_gateway(target: str) -> bool:
    known = known_contracts().get(target)
    return known is not None and known[0].startswith("Aave v3 WrappedTokenGateway")


def _gateway_only(handler: _Handler) -> _Handler:
    """``handler`` only on a WrappedTokenGateway (``data/evm_protocols.json``): what these
    calls do rests on the gateway's code. Elsewhere the same selector runs a stranger's code:
    an unknown call naming its address arguments; ``withdrawETHWithPermit``'s (v, r, s) is
    then the caller's aWETH permit with ``address(this)`` - that contract - as spender,
    judged as the same permit sent to the token (unlimited to a stranger: BLOCK)."""

    @wraps(handler)  # the registry keys handlers by name
    def decode(f: Frame, fn: Function, a: list[Any]) -> Result:
        if f.target in _GATEWAYS or _known_gateway(f.target):
            return handler(f, fn, a)
        names = tuple(x for x in a if isinstance(x, str) and x.startswith("0x"))
        out: list[Any] = [named_call(f, fn, known=False, names=names)]
        if fn.name == "withdrawETHWithPermit":
            pool, amount = a[0], a[1]
            token = next((a_token(pool, w) for w in _WETHS if a_token(pool, w)), None)
            held = token or pool  # the pool stands for its aWETH when the table lacks it
            out.append(approval("aave_v3.withdraw_eth_permit", held, f.sender, f.target, amount))
        return out

    return decode


def _gateway_repay(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``repayETH(pool, amount[, rateMode], onBehalfOf)``: the ETH sent repays
    ``onBehalfOf``'s debt: for anyone but the caller, the payment is given away."""
    on_behalf = a[-1]
    if on_behalf == f.sender:
        return [named_call(f, fn)]
    return swap_ops(f, "aave_v3.repay_eth", (None, None), (ZERO, f.value), on_behalf)


def _gateway_borrow(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``borrowETH(pool, amount, ...)``: borrowed ETH paid to ``msg.sender``."""
    return [
        Receipt(via="aave_v3.borrow", asset=native(), recipient=f.sender or f.context, amount=a[1])
    ]


TABLE = (
    ("depositETH(address,address,uint16)", _gateway_only(_gateway_deposit)),
    ("withdrawETH(address,uint256,address)", _gateway_only(_gateway_withdraw)),
    (
        "withdrawETHWithPermit(address,uint256,address,uint256,uint8,bytes32,bytes32)",
        _gateway_only(_gateway_withdraw),
    ),
    ("repayETH(address,uint256,address)", _gateway_only(_gateway_repay)),
    ("repayETH(address,uint256,uint256,address)", _gateway_only(_gateway_repay)),
    ("borrowETH(address,uint256,uint16)", _gateway_only(_gateway_borrow)),
    ("borrowETH(address,uint256,uint256,uint16)", _gateway_only(_gateway_borrow)),
)
