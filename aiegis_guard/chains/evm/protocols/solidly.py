"""Solidly-family routers (Aerodrome, Velodrome v2): swaps and liquidity with a ``to``.

Source: aerodrome-finance/contracts ``contracts/interfaces/IRouter.sol`` (Velodrome v2's
``Router`` has the same interface): ``Route{from, to, stable, factory}``;
``swapExactTokensForTokens(amountIn, amountOutMin, routes, to, deadline)``,
``swapExactETHForTokens(amountOutMin, routes, to, deadline)``, ``swapExactTokensForETH``
(WETH out, paid as ETH), the ``SupportingFeeOnTransferTokens`` forms with the same arguments;
``addLiquidity(tokenA, tokenB, stable, amountADesired, amountBDesired, amountAMin, amountBMin,
to, deadline)``, ``addLiquidityETH(token, stable, amountTokenDesired, amountTokenMin,
amountETHMin, to, deadline)``, ``removeLiquidity(tokenA, tokenB, stable, liquidity,
amountAMin, amountBMin, to, deadline)``, ``removeLiquidityETH(token, stable, liquidity,
amountTokenMin, amountETHMin, to, deadline)`` (+ ``SupportingFeeOnTransferTokens``).

Swaps are exchanges (:func:`~.swaps.swap_ops`: the input from the caller, at least the
minimum out to ``to``). Adding liquidity pays both tokens in and sends the pool's LP token
(the pool's address is computed on-chain: a stand-in) to ``to``; removing pays the LP token
in and both tokens out to ``to``. ``UNSAFE_swapExactTokensForTokens`` is left undecoded.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, swap_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]


def _to(f: Frame, to: str) -> str:
    """``to`` as the router pays it: this router has no later step, so an output to itself
    is stranded there and one to 0 is burnt (WETH9 allows it) — both read as the zero address,
    which no policy trusts (a Universal Router's ``ADDRESS_THIS`` is another matter)."""
    return ZERO if to == f.target else to


def _ends(routes: list[Any]) -> tuple[str, str]:
    """The first route's ``from`` and the last route's ``to``."""
    if not routes:
        raise EvmDecodeError("Solidly router: no route")
    return str(routes[0][0]), str(routes[-1][1])


def _swap_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapExactTokensFor{Tokens,ETH}[SupportingFeeOnTransferTokens]``."""
    amount_in, min_out, routes, to = a[:4]
    token_in, token_out = _ends(routes)
    if "ForETH" in fn.name:
        token_out = ZERO
    via = f"solidly.{fn.name}"
    return swap_ops(f, via, (token_in, amount_in), (token_out, min_out), _to(f, to))


def _swap_eth_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapExactETHForTokens[SupportingFeeOnTransferTokens]``: the call's ETH in."""
    min_out, routes, to = a[:3]
    _, token_out = _ends(routes)
    via = f"solidly.{fn.name}"
    return swap_ops(f, via, (None, f.value), (token_out, min_out), _to(f, to))


def _lp(f: Frame) -> Asset:
    return stand_in("LP token", f.target)


def _add(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_a, token_b, _stable, max_a, max_b, _min_a, _min_b, to = a[:8]
    via = "solidly.add_liquidity"
    out = exchange_ops(f, via, (asset(token_a), max_a), f.sender, None)
    out += exchange_ops(f, via, (asset(token_b), max_b), f.sender, None)
    return out + _lp_out(f, via, to)


def _add_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, _stable, max_token, _min_token, _min_eth, to = a[:6]
    via = "solidly.add_liquidity_eth"
    out = exchange_ops(f, via, (asset(token), max_token), f.sender, None)
    return out + _lp_out(f, via, to)


def _lp_out(f: Frame, via: str, to: str) -> Result:
    return exchange_ops(f, via, (None, None), f.sender, (_lp(f), None, _to(f, to)))


def _remove(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_a, token_b, _stable, liquidity, min_a, min_b, to = a[:7]
    via = "solidly.remove_liquidity"
    out = exchange_ops(f, via, (_lp(f), liquidity), f.sender, None)
    receiver = _to(f, to)
    out += swap_ops(f, via, (None, None), (token_a, min_a), receiver)
    return out + swap_ops(f, via, (None, None), (token_b, min_b), receiver)


def _remove_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, _stable, liquidity, min_token, min_eth, to = a[:6]
    via = "solidly.remove_liquidity_eth"
    out = exchange_ops(f, via, (_lp(f), liquidity), f.sender, None)
    receiver = _to(f, to)
    out += swap_ops(f, via, (None, None), (token, min_token), receiver)
    return out + exchange_ops(f, via, (None, None), f.sender, (native(), min_eth, receiver))


_ROUTES = "(address,address,bool,address)[]"
_FOT = "SupportingFeeOnTransferTokens"
_REMOVE_ETH = "(address,bool,uint256,uint256,uint256,address,uint256)"
TABLE = (
    (f"swapExactTokensForTokens(uint256,uint256,{_ROUTES},address,uint256)", _swap_in),
    (f"swapExactTokensForETH(uint256,uint256,{_ROUTES},address,uint256)", _swap_in),
    (f"swapExactTokensForTokens{_FOT}(uint256,uint256,{_ROUTES},address,uint256)", _swap_in),
    (f"swapExactTokensForETH{_FOT}(uint256,uint256,{_ROUTES},address,uint256)", _swap_in),
    (f"swapExactETHForTokens(uint256,{_ROUTES},address,uint256)", _swap_eth_in),
    (f"swapExactETHForTokens{_FOT}(uint256,{_ROUTES},address,uint256)", _swap_eth_in),
    (
        "addLiquidity(address,address,bool,uint256,uint256,uint256,uint256,address,uint256)",
        _add,
    ),
    ("addLiquidityETH(address,bool,uint256,uint256,uint256,address,uint256)", _add_eth),
    ("removeLiquidity(address,address,bool,uint256,uint256,uint256,address,uint256)", _remove),
    (f"removeLiquidityETH{_REMOVE_ETH}", _remove_eth),
    (f"removeLiquidityETH{_FOT}{_REMOVE_ETH}", _remove_eth),
)
