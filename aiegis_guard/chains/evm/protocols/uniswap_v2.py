"""Uniswap v2 routers (Router02 and its forks): liquidity added and removed, with a ``to``.

Sources: Uniswap/v2-periphery ``contracts/interfaces/IUniswapV2Router01.sol`` /
``IUniswapV2Router02.sol`` and ``contracts/UniswapV2Router02.sol``:
``addLiquidity(tokenA, tokenB, amountADesired, amountBDesired, amountAMin, amountBMin, to,
deadline)``, ``addLiquidityETH(token, amountTokenDesired, amountTokenMin, amountETHMin, to,
deadline) payable``, ``removeLiquidity(tokenA, tokenB, liquidity, amountAMin, amountBMin, to,
deadline)``, ``removeLiquidityETH(token, liquidity, amountTokenMin, amountETHMin, to,
deadline)``, their ``WithPermit`` forms (``..., bool approveMax, uint8 v, bytes32 r, bytes32
s``: ``IUniswapV2Pair(pair).permit(msg.sender, router, approveMax ? uint(-1) : liquidity,
deadline, v, r, s)`` before the removal) and ``removeLiquidityETHSupportingFeeOnTransferTokens``
/ ``removeLiquidityETHWithPermitSupportingFeeOnTransferTokens`` (same arguments as the ETH
forms). Removing pulls ``liquidity`` of the pair's LP token from ``msg.sender`` and pays both
tokens (WETH unwrapped to ETH in the ETH forms) to ``to``, at least the minimums; adding pulls
at most the desired amounts and mints the LP token to ``to``.

The LP token is the pair: ``UniswapV2Library.pairFor`` = CREATE2 address from the factory,
``keccak256(abi.encodePacked(token0, token1))`` (``token0 < token1``) and the pair's init code
hash. Known for Uniswap's Router02 on Ethereum (``_PAIRS``: factory ``0x5C69bEe7…aA6f``,
init code hash ``0x96e8ac42…845f`` as in ``UniswapV2Library.sol``; the prediction gives the
published USDC/WETH pair ``0xB4e16d01…C9Dc``), whose ``WETH()`` is ``0xC02aaA39…6Cc2``; on any
other router the LP token is a stand-in ("LP token of <router>").

An output paid to anyone but own is paid away (``swap_recipient``: BLOCK); a ``WithPermit``
with ``approveMax`` leaves the router an unlimited allowance of the LP token.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, last_step_to, swap_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Approval, Asset
from aiegis_guard.checksums import keccak256

__all__ = ["TABLE"]

# router -> (factory, pair init code hash, WETH), lower-case
_PAIRS = {
    "0x7a250d5630b4cf539739df2c5dacb4c659f2488d": (  # Uniswap V2 Router02 (Ethereum)
        "0x5c69bee701ef814a2b6a3edd4b1652cb9cc5aa6f",
        "0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f",
        "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",
    ),
}


def _lp(f: Frame, token_a: str, token_b: str | None) -> Asset:
    """The pair's LP token (``token_b`` None: the router's WETH) where the router is known."""
    known = _PAIRS.get(f.target)
    if known is None:
        return stand_in("LP token", f.target)
    factory, code_hash, weth = known
    other = weth if token_b is None else token_b
    if other == token_a:
        return stand_in("LP token", f.target)
    token0, token1 = sorted((token_a, other))  # equal-length hex: the numeric order
    salt = keccak256(bytes.fromhex(token0[2:] + token1[2:]))
    raw = b"\xff" + bytes.fromhex(factory[2:]) + salt + bytes.fromhex(code_hash[2:])
    return asset("0x" + keccak256(raw)[12:].hex())


def _permit(f: Frame, lp: Asset, a: list[Any], deadline: int) -> Result:
    """The pair permit of a ``WithPermit`` form: with ``approveMax`` the router keeps an
    unlimited allowance of the LP token (else the permit is spent by the removal itself)."""
    if not a[0]:
        return []
    grant = Approval(
        via="uniswap_v2.permit",
        asset=lp,
        owner=f.sender,
        spender=f.target,
        amount=None,
        unlimited=True,
        deadline=deadline,
    )
    return [grant]


def _remove(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``removeLiquidity[WithPermit]``: the LP token in, both tokens out to ``to``."""
    token_a, token_b, liquidity, min_a, min_b, to, deadline = a[:7]
    via, lp = f"uniswap_v2.{fn.name}", _lp(f, token_a, token_b)
    out = _permit(f, lp, a[7:], deadline) if "Permit" in fn.name else []
    out += exchange_ops(f, via, (lp, liquidity), f.sender, None)
    receiver = last_step_to(f, to)
    out += swap_ops(f, via, (None, None), (token_a, min_a), receiver)
    return out + swap_ops(f, via, (None, None), (token_b, min_b), receiver)


def _remove_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``removeLiquidityETH*``: the LP token in, the token and ETH out to ``to``."""
    token, liquidity, min_token, min_eth, to, deadline = a[:6]
    via, lp = f"uniswap_v2.{fn.name}", _lp(f, token, None)
    out = _permit(f, lp, a[6:], deadline) if "Permit" in fn.name else []
    out += exchange_ops(f, via, (lp, liquidity), f.sender, None)
    receiver = last_step_to(f, to)
    out += swap_ops(f, via, (None, None), (token, min_token), receiver)
    return out + exchange_ops(f, via, (None, None), f.sender, (native(), min_eth, receiver))


def _add(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``addLiquidity``: at most both desired amounts in, the LP token minted to ``to``."""
    token_a, token_b, max_a, max_b, _min_a, _min_b, to = a[:7]
    via = "uniswap_v2.addLiquidity"
    out = exchange_ops(f, via, (asset(token_a), max_a), f.sender, None)
    out += exchange_ops(f, via, (asset(token_b), max_b), f.sender, None)
    lp = _lp(f, token_a, token_b)
    return out + exchange_ops(f, via, (None, None), f.sender, (lp, None, last_step_to(f, to)))


def _add_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``addLiquidityETH``: the token and the call's ETH in, the LP token minted to ``to``."""
    token, max_token, _min_token, _min_eth, to = a[:5]
    via = "uniswap_v2.addLiquidityETH"
    out = exchange_ops(f, via, (asset(token), max_token), f.sender, None)
    lp = _lp(f, token, None)
    return out + exchange_ops(f, via, (None, None), f.sender, (lp, None, last_step_to(f, to)))


_REMOVE = "(address,address,uint256,uint256,uint256,address,uint256"
_REMOVE_ETH = "(address,uint256,uint256,uint256,address,uint256"
_PERMIT = ",bool,uint8,bytes32,bytes32)"
_FOT = "SupportingFeeOnTransferTokens"
TABLE = (
    ("addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256)", _add),
    ("addLiquidityETH(address,uint256,uint256,uint256,address,uint256)", _add_eth),
    (f"removeLiquidity{_REMOVE})", _remove),
    (f"removeLiquidityWithPermit{_REMOVE}{_PERMIT}", _remove),
    (f"removeLiquidityETH{_REMOVE_ETH})", _remove_eth),
    (f"removeLiquidityETHWithPermit{_REMOVE_ETH}{_PERMIT}", _remove_eth),
    (f"removeLiquidityETH{_FOT}{_REMOVE_ETH})", _remove_eth),
    (f"removeLiquidityETHWithPermit{_FOT}{_REMOVE_ETH}{_PERMIT}", _remove_eth),
)
