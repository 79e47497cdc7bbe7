"""Uniswap V3 liquidity positions: the NonfungiblePositionManager's own functions.

Source: Uniswap/v3-periphery ``contracts/interfaces/INonfungiblePositionManager.sol``
(``MintParams``, ``IncreaseLiquidityParams``, ``DecreaseLiquidityParams``, ``CollectParams``);
deployment ``0xC36442b4a4522E871399CD717aBDD847Ab11FE88`` (``data/evm_protocols.json``). The
position NFT itself moves by the ERC-721 functions (``tokens.py``).

=======================  ======================================================================
function                 what it does to the caller
=======================  ======================================================================
``mint``                 pays up to ``amount0Desired`` / ``amount1Desired`` of the pool's tokens;
                         the new position NFT goes to ``recipient`` (an exchange: to a stranger
                         it is a deposit given away)
``increaseLiquidity``    pays more of the pool's tokens into the caller's existing position
``decreaseLiquidity``    moves liquidity into the position's "tokens owed": nothing leaves it
``collect``              pays everything owed to the position (fees and decreased liquidity)
                         to ``recipient``: a withdrawal (to a stranger: the position's value is
                         given away); ``recipient`` 0 keeps it in the manager for a later
                         ``sweepToken`` / ``unwrapWETH9`` in the same multicall
=======================  ======================================================================
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import SWAP_ORDER, AssetKind, Receipt

__all__ = ["TABLE"]


def _own_position(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


def _position(
    f: Frame, via: str, recipient: str, amount: int | None = None, **more: Any
) -> Receipt:
    """The position NFT (or what it is owed) going to ``recipient``."""
    return Receipt(
        via=via, asset=asset(f.target, AssetKind.NFT), recipient=recipient, amount=amount, **more
    )


def _mint(f: Frame, fn: Function, a: list[Any]) -> Result:
    token0, token1, _fee, _lo, _hi, amount0, amount1, _min0, _min1, recipient, _dl = a[0]
    out: Result = swap_ops(f, "uniswap_v3.mint", (token0, amount0), (None, None), None)
    out += swap_ops(f, "uniswap_v3.mint", (token1, amount1), (None, None), None)
    # one new position NFT (its id is assigned on-chain)
    return [*out, _position(f, "uniswap_v3.mint", recipient, 1, order=SWAP_ORDER)]


def _collect(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_id, recipient, _max0, _max1 = a[0]
    if recipient == ZERO:  # kept in the manager: the sweep / unwrap that follows pays it out
        return _own_position(f, fn, a)
    return [_position(f, "uniswap_v3.collect", recipient, token_id=token_id)]


TABLE = (
    (
        "mint((address,address,uint24,int24,int24,uint256,uint256,uint256,uint256,address,"
        "uint256))",
        _mint,
    ),
    ("increaseLiquidity((uint256,uint256,uint256,uint256,uint256,uint256))", _own_position),
    ("decreaseLiquidity((uint256,uint128,uint256,uint256,uint256))", _own_position),
    ("collect((uint256,address,uint128,uint128))", _collect),
)
