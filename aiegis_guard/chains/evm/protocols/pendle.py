"""Pendle Router V4 (``IPAllActionV3``): what goes in, what must come out, to ``receiver``.

Source: pendle-finance/pendle-core-v2-public ``contracts/interfaces/IPAllActionTypeV3.sol``
(``TokenInput{tokenIn, netTokenIn, tokenMintSy, pendleSwap, SwapData}``,
``TokenOutput{tokenOut, minTokenOut, tokenRedeemSy, pendleSwap, SwapData}``,
``SwapData{swapType, extRouter, extCalldata, needScale}``, ``ApproxParams``,
``LimitOrderData{limitRouter, epsSkipMarket, FillOrderParams[] normalFills, flashFills,
optData}``, ``FillOrderParams{Order, signature, makingAmount}``), ``IPActionSwapPTV3.sol``,
``IPActionSwapYTV3.sol``, ``IPActionAddRemoveLiqV3.sol``, ``IPActionMiscV3.sol``
(``swapExactTokenForPt(receiver, market, minPtOut, ApproxParams, TokenInput,
LimitOrderData)``, ``swapExactPtForToken(receiver, market, exactPtIn, TokenOutput,
LimitOrderData)``, the YT forms, ``addLiquiditySingleToken(receiver, market, minLpOut,
ApproxParams, TokenInput, LimitOrderData)``, ``removeLiquiditySingleToken(receiver, market,
netLpToRemove, TokenOutput, LimitOrderData)``, ``mintSyFromToken(receiver, SY, minSyOut,
TokenInput)``, ``redeemSyToToken(receiver, SY, netSyIn, TokenOutput)``,
``mintPyFromToken(receiver, YT, minPyOut, TokenInput)``, ``redeemPyToToken(receiver, YT,
netPyIn, TokenOutput)``). Token address 0 is ETH (the call's value).

Each is an exchange of the caller (:func:`~.swaps.exchange_ops`): what it pays in, and the
guaranteed minimum out to ``receiver`` (to anyone but own: ``swap_recipient``; minimum 0:
``swap_no_minimum``). A market's PT / YT addresses are read on-chain (``readTokens``): they
are stand-ins named after the market; the market itself is the LP token, a YT / SY contract
is its own token.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset

__all__ = ["TABLE"]


def _token(address: str) -> Asset | None:
    """An input / output token (None for ETH in: the call's value is already a transfer)."""
    return None if address == ZERO else asset(address)


def _out_token(address: str) -> Asset:
    return asset(address)  # address 0 is ETH: ``asset`` makes it native


def _exchange(f: Frame, fn: Function, give: tuple[Asset | None, int | None], get: Any) -> Result:
    return exchange_ops(f, f"pendle.{fn.name}", give, f.sender, get)


def _token_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Token in (``TokenInput``), the market's PT / YT / LP (or SY, PT+YT) out."""
    receiver, where, minimum = a[:3]
    token_in, net_in = (a[4] if len(a) == 6 else a[3])[:2]  # after ApproxParams, if any
    got = _market_token(fn.name, where)
    return _exchange(f, fn, (_token(token_in), net_in), (got, minimum, receiver))


def _market_token(name: str, where: str) -> Asset:
    """The market-side token a function buys or sells: its PT, YT or PT + YT (``…Py…``),
    else the contract itself (the market's LP token, an SY)."""
    for tag, label in (("Pt", "PT"), ("Yt", "YT"), ("Py", "PT + YT")):
        if tag in name:
            return stand_in(label, where)
    return asset(where)


def _token_out(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The market's PT / YT / LP (or SY, PT+YT) in, a token out (``TokenOutput``)."""
    receiver, where, net_in = a[:3]
    output = a[3]
    token_out, minimum = output[:2]
    give = (_market_token(fn.name, where), net_in)
    return _exchange(f, fn, give, (_out_token(token_out), minimum, receiver))


_SWAP_DATA = "(uint8,address,bytes,bool)"
_IN = f"(address,uint256,address,address,{_SWAP_DATA})"
_OUT = _IN  # TokenOutput has the same shape (tokenOut, minTokenOut, tokenRedeemSy, ...)
_ORDER = (
    "(uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes)"
)
_FILL = f"({_ORDER},bytes,uint256)"
_LIMIT = f"(address,uint256,{_FILL}[],{_FILL}[],bytes)"
_APPROX = "(uint256,uint256,uint256,uint256,uint256)"
TABLE = (
    (f"swapExactTokenForPt(address,address,uint256,{_APPROX},{_IN},{_LIMIT})", _token_in),
    (f"swapExactTokenForYt(address,address,uint256,{_APPROX},{_IN},{_LIMIT})", _token_in),
    (f"addLiquiditySingleToken(address,address,uint256,{_APPROX},{_IN},{_LIMIT})", _token_in),
    (f"mintSyFromToken(address,address,uint256,{_IN})", _token_in),
    (f"mintPyFromToken(address,address,uint256,{_IN})", _token_in),
    (f"swapExactPtForToken(address,address,uint256,{_OUT},{_LIMIT})", _token_out),
    (f"swapExactYtForToken(address,address,uint256,{_OUT},{_LIMIT})", _token_out),
    (f"removeLiquiditySingleToken(address,address,uint256,{_OUT},{_LIMIT})", _token_out),
    (f"redeemSyToToken(address,address,uint256,{_OUT})", _token_out),
    (f"redeemPyToToken(address,address,uint256,{_OUT})", _token_out),
)
