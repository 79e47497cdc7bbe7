"""LFJ (Trader Joe) Liquidity Book router v2.1 / v2.2: swaps along a ``Path``, paid to ``to``.

Source: traderjoe-xyz/joe-docs ``versioned_docs/version-V2.1/contracts/interfaces/ILBRouter.md``
(the published interface of lfj-gg / traderjoe-xyz ``joe-v2`` ``src/interfaces/ILBRouter.sol``
v2.1; v2.2 keeps the signatures and adds ``Version.V2_2``): ``Path{uint256[] pairBinSteps,
Version[] versions, IERC20[] tokenPath}`` (``Version`` an enum: ``uint8`` in the ABI);

- ``swapExactTokensForTokens(amountIn, amountOutMin, path, to, deadline)``,
  ``swapExactTokensForNATIVE(amountIn, amountOutMinNATIVE, path, to, deadline)`` and their
  ``SupportingFeeOnTransferTokens`` forms: ``amountIn`` of ``tokenPath[0]`` from the caller, at
  least the minimum of the last token (NATIVE: the chain's coin, unwrapped) to ``to``;
- ``swapExactNATIVEForTokens(amountOutMin, path, to, deadline)`` (+ fee-on-transfer form): the
  call's value in;
- ``swapTokensForExactTokens(amountOut, amountInMax, path, to, deadline)``,
  ``swapTokensForExactNATIVE(amountNATIVEOut, amountInMax, ...)``: at most ``amountInMax`` in,
  exactly ``amountOut`` out; ``swapNATIVEForExactTokens(amountOut, path, to, deadline)``: the
  call's value in (the unused part refunded to the caller).

Liquidity (the same interface): ``addLiquidity(LiquidityParameters)`` /
``addLiquidityNATIVE(LiquidityParameters) payable`` with ``LiquidityParameters{tokenX, tokenY,
binStep, amountX, amountY, amountXMin, amountYMin, activeIdDesired, idSlippage, int256[]
deltaIds, distributionX, distributionY, to, refundTo, deadline}``: at most ``amountX`` /
``amountY`` from the caller (the native side paid with the call's value), the pair's LB tokens
minted to ``to``, what the bins do not take refunded to ``refundTo``;
``removeLiquidity(tokenX, tokenY, uint16 binStep, amountXMin, amountYMin, ids, amounts, to,
deadline)`` / ``removeLiquidityNATIVE(token, binStep, amountTokenMin, amountNATIVEMin, ids,
amounts, to, deadline)``: the caller's LB tokens burnt, both tokens (at least the minima) to
``to``. The pair's LB token (an ERC-1155-like token of the pair the factory made) is a
stand-in; a ``refundTo`` other than the caller and ``to`` receives an unknown share of the
input (a receipt to it, judged like any output).

Deployments (``data/evm_protocols.json``): LBRouter v2.1 ``0xb431…fB30`` on Arbitrum One and
Avalanche (joe-docs deployment addresses, as mirrored by several integrations), LBRouter v2.2
``0x1855…220E`` on Avalanche. The router has
no later step a user calls: an output to the router itself (or to 0) is stranded, read as the
zero address, which no policy trusts.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, last_step_to, swap_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Asset
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]


def _ends(path: Any) -> tuple[str, str]:
    """``tokenPath``'s first and last token; a path needs one pair (two tokens) and as many
    bin steps and versions as pairs (the router's ``verifyPathValidity``)."""
    bin_steps, versions, tokens = path
    if len(tokens) < 2 or len(bin_steps) != len(tokens) - 1 or len(versions) != len(bin_steps):
        raise EvmDecodeError("LB router: a path needs n tokens and n-1 bin steps and versions")
    return str(tokens[0]), str(tokens[-1])


def _exact_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapExactTokensFor{Tokens,NATIVE}[SupportingFeeOnTransferTokens]``."""
    amount_in, min_out, path, to = a[:4]
    token_in, token_out = _ends(path)
    if "ForNATIVE" in fn.name:
        token_out = ZERO
    give, get = (token_in, amount_in), (token_out, min_out)
    return swap_ops(f, f"lfj.{fn.name}", give, get, last_step_to(f, to))


def _exact_out(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapTokensForExact{Tokens,NATIVE}``: at most ``amountInMax`` in, ``amountOut`` out."""
    amount_out, max_in, path, to = a[:4]
    token_in, token_out = _ends(path)
    if fn.name.endswith("NATIVE"):
        token_out = ZERO
    give, get = (token_in, max_in), (token_out, amount_out)
    return swap_ops(f, f"lfj.{fn.name}", give, get, last_step_to(f, to))


def _native_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapExactNATIVEForTokens[...]`` (minimum out) / ``swapNATIVEForExactTokens`` (exact
    out): the call's value in."""
    amount, path, to = a[:3]
    _, token_out = _ends(path)
    return swap_ops(f, f"lfj.{fn.name}", (None, f.value), (token_out, amount), last_step_to(f, to))


def _lb_tokens(f: Frame) -> Asset:
    return stand_in("LB tokens", f.target)


def _add(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``addLiquidity[NATIVE](LiquidityParameters)``."""
    p = a[0]
    token_x, token_y, amount_x, amount_y, to, refund_to = p[0], p[1], p[3], p[4], p[12], p[13]
    via = f"lfj.{fn.name}"
    out = swap_ops(f, via, (token_x, amount_x), (None, None), None)
    out += swap_ops(f, via, (token_y, amount_y), (None, None), None)
    out += exchange_ops(f, via, (None, None), f.sender, (_lb_tokens(f), None, last_step_to(f, to)))
    if refund_to not in (f.sender, to):  # the unused input goes to ``refundTo``
        for token in (token_x, token_y):
            out += swap_ops(
                f, f"{via}.refund", (None, None), (token, None), last_step_to(f, refund_to)
            )
    return out


def _remove(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``removeLiquidity`` (tokenX, tokenY) / ``removeLiquidityNATIVE`` (token, NATIVE)."""
    native = fn.name.endswith("NATIVE")
    token_x, token_y = (a[0], ZERO) if native else (a[0], a[1])
    min_x, min_y, ids, amounts, to = a[2:7] if native else a[3:8]
    if len(ids) != len(amounts):
        raise EvmDecodeError("LB router: ids and amounts differ in length")
    via = f"lfj.{fn.name}"
    out = exchange_ops(f, via, (_lb_tokens(f), None), f.sender, None)
    out += swap_ops(f, via, (None, None), (token_x, min_x), last_step_to(f, to))
    return out + swap_ops(f, via, (None, None), (token_y, min_y), last_step_to(f, to))


_PATH = "(uint256[],uint8[],address[])"
_FOT = "SupportingFeeOnTransferTokens"
_IN = f"(uint256,uint256,{_PATH},address,uint256)"
_NATIVE_IN = f"(uint256,{_PATH},address,uint256)"
_PARAMS = (
    "(address,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,int256[],"
    "uint256[],uint256[],address,address,uint256)"
)
_REMOVE = "uint256,uint256,uint256[],uint256[],address,uint256"
TABLE = (
    (f"swapExactTokensForTokens{_IN}", _exact_in),
    (f"swapExactTokensForNATIVE{_IN}", _exact_in),
    (f"swapExactTokensForTokens{_FOT}{_IN}", _exact_in),
    (f"swapExactTokensForNATIVE{_FOT}{_IN}", _exact_in),
    (f"swapTokensForExactTokens{_IN}", _exact_out),
    (f"swapTokensForExactNATIVE{_IN}", _exact_out),
    (f"swapExactNATIVEForTokens{_NATIVE_IN}", _native_in),
    (f"swapExactNATIVEForTokens{_FOT}{_NATIVE_IN}", _native_in),
    (f"swapNATIVEForExactTokens{_NATIVE_IN}", _native_in),
    (f"addLiquidity({_PARAMS})", _add),
    (f"addLiquidityNATIVE({_PARAMS})", _add),
    (f"removeLiquidity(address,address,uint16,{_REMOVE})", _remove),
    (f"removeLiquidityNATIVE(address,uint16,{_REMOVE})", _remove),
)
