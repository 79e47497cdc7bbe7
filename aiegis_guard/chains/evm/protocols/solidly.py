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
to ``to``; removing pays the LP token in and both tokens out to ``to``.
``UNSAFE_swapExactTokensForTokens`` is left undecoded.

The LP token is the pool itself. aerodrome-finance/contracts ``contracts/Router.sol``
``poolFor(tokenA, tokenB, stable, factory)``: OpenZeppelin ``Clones.predictDeterministicAddress(
factory.implementation(), keccak256(abi.encodePacked(token0, token1, stable)), factory)`` (an
EIP-1167 clone made by CREATE2; ``token0 < token1``), and ``add`` / ``removeLiquidity`` use
the router's ``defaultFactory``. For a router whose default factory and pool implementation
are known (``_POOL_CLONES``: Aerodrome on Base, factory ``0x420D…40Da`` and implementation
``0xA4e4…D6d7`` as quoted by several integrations; the prediction gives the published
vAMM-WETH/USDC pool ``0xcDAC…5C43``) the pool's address is computed; elsewhere the LP token
is a stand-in ("LP token of <router>").
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, last_step_to, swap_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]

# the ETH side of a pool of ``_POOL_CLONES``' routers: their ``weth()`` (Base's WETH predeploy)
WETH_OP_STACK = "0x4200000000000000000000000000000000000006"


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
    return swap_ops(f, via, (token_in, amount_in), (token_out, min_out), last_step_to(f, to))


def _swap_eth_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapExactETHForTokens[SupportingFeeOnTransferTokens]``: the call's ETH in."""
    min_out, routes, to = a[:3]
    _, token_out = _ends(routes)
    via = f"solidly.{fn.name}"
    return swap_ops(f, via, (None, f.value), (token_out, min_out), last_step_to(f, to))


# router -> (defaultFactory, the factory's pool implementation), lower-case
_POOL_CLONES = {
    "0xcf77a3ba9a5ca399b7c97c74d54e5b1beb874e43": (  # Aerodrome Router (Base)
        "0x420dd381b31aef6683db6b902084cb0ffece40da",  # PoolFactory
        "0xa4e46b4f701c62e14df11b48dce76a7d793cd6d7",  # Pool implementation
    ),
}
# OpenZeppelin Clones (v4.x): the EIP-1167 minimal proxy's creation code around the target
_CLONE_HEAD = bytes.fromhex("3d602d80600a3d3981f3363d3d373d3d3d363d73")
_CLONE_TAIL = bytes.fromhex("5af43d82803e903d91602b57fd5bf3")


def _lp(f: Frame, token_a: str, token_b: str, stable: bool) -> Asset:
    """The pool's LP token: the pool's address where the router's factory is known."""
    clones = _POOL_CLONES.get(f.target)
    if clones is None or token_a == token_b:
        return stand_in("LP token", f.target)
    factory, implementation = (bytes.fromhex(x[2:]) for x in clones)
    token0, token1 = sorted((token_a, token_b))  # equal-length hex: the numeric order
    salt = keccak256(bytes.fromhex(token0[2:] + token1[2:]) + bytes([bool(stable)]))
    code_hash = keccak256(_CLONE_HEAD + implementation + _CLONE_TAIL)
    return asset("0x" + keccak256(b"\xff" + factory + salt + code_hash)[12:].hex())


def _add(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_a, token_b, stable, max_a, max_b, _min_a, _min_b, to = a[:8]
    via = "solidly.add_liquidity"
    out = exchange_ops(f, via, (asset(token_a), max_a), f.sender, None)
    out += exchange_ops(f, via, (asset(token_b), max_b), f.sender, None)
    return out + _lp_out(f, via, _lp(f, token_a, token_b, stable), to)


def _add_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, stable, max_token, _min_token, _min_eth, to = a[:6]
    via = "solidly.add_liquidity_eth"
    out = exchange_ops(f, via, (asset(token), max_token), f.sender, None)
    return out + _lp_out(f, via, _lp(f, token, WETH_OP_STACK, stable), to)


def _lp_out(f: Frame, via: str, lp: Asset, to: str) -> Result:
    return exchange_ops(f, via, (None, None), f.sender, (lp, None, last_step_to(f, to)))


def _remove(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_a, token_b, stable, liquidity, min_a, min_b, to = a[:7]
    via = "solidly.remove_liquidity"
    out = exchange_ops(f, via, (_lp(f, token_a, token_b, stable), liquidity), f.sender, None)
    receiver = last_step_to(f, to)
    out += swap_ops(f, via, (None, None), (token_a, min_a), receiver)
    return out + swap_ops(f, via, (None, None), (token_b, min_b), receiver)


def _remove_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, stable, liquidity, min_token, min_eth, to = a[:6]
    via = "solidly.remove_liquidity_eth"
    lp = _lp(f, token, WETH_OP_STACK, stable)
    out = exchange_ops(f, via, (lp, liquidity), f.sender, None)
    receiver = last_step_to(f, to)
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
