"""GMX v1 Router: plugins that act for the caller, swaps and positions, and where they pay.

Source: gmx-io/gmx-contracts ``contracts/core/Router.sol``; Router ``0xaBBc5F99…4064`` on
Arbitrum (GMX deployment scripts, integrations' ``GMX_ROUTER``):

- ``approvePlugin(_plugin)``: ``approvedPlugins[msg.sender][_plugin] = true``; a plugin may then
  ``pluginTransfer(token, account, receiver, amount)`` any token the caller approved to the
  Router, to any receiver, and ``pluginIncreasePosition`` / ``pluginDecreasePosition`` (the
  collateral out to any ``_receiver``) for the caller: a ``manager`` authority over the
  caller's GMX account. The Router also requires ``plugins[msg.sender]`` (set by its
  governance: PositionRouter, OrderBook, PositionManager), a registry the request does not
  carry: the grant is judged by whom it names. ``denyPlugin`` takes it back.
- ``swap(_path, _amountIn, _minOut, _receiver)``, ``swapETHToTokens(_path, _minOut,
  _receiver)`` (the call's ETH in), ``swapTokensToETH(_path, _amountIn, _minOut, _receiver)``:
  ``_path[0]`` in, at least ``_minOut`` of ``_path[-1]`` (ETH) to ``_receiver``.
- ``increasePosition[ETH](...)``: the caller's collateral into its own position (no receiver).
- ``decreasePosition[ETH](_collateralToken, _indexToken, _collateralDelta, _sizeDelta,
  _isLong, _receiver, _price)``: the collateral taken out (computed on-chain) paid to
  ``_receiver``; ``decreasePositionAndSwap[ETH](_path, ..., _receiver, _price, _minOut)``: the
  same swapped along ``_path``, at least ``_minOut`` to ``_receiver``.
- ``directPoolDeposit(_token, _amount)``: the caller's tokens donated to the pool (nothing
  comes back): a give.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CONTRACTS", "TABLE"]

GMX_V1_ROUTERS = frozenset({"0xabbc5f99639c9b6bcb58544ddf04efa6802f4064"})  # Arbitrum
CONTRACTS = GMX_V1_ROUTERS
_PLUGIN = "manager (plugin: moves tokens approved to the Router, trades for the account)"


def _approve_plugin(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "gmx_v1.approve_plugin", _PLUGIN, a[0])]


def _named(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``denyPlugin`` (taken back) / ``increasePosition[ETH]`` (the caller's own position)."""
    return [named_call(f, fn)]


def _ends(path: list[str]) -> tuple[str, str]:
    if not 2 <= len(path) <= 3:  # Router._swap: "invalid _path.length"
        raise EvmDecodeError("gmx v1: swap path of 2 or 3 tokens")
    return path[0], path[-1]


def _swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    path, amount_in, min_out, receiver = a
    token_in, token_out = _ends(path)
    out = ZERO if fn.name == "swapTokensToETH" else token_out
    return swap_ops(f, "gmx_v1." + fn.name, (token_in, amount_in), (out, min_out), receiver)


def _swap_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    path, min_out, receiver = a
    _, token_out = _ends(path)
    return swap_ops(f, "gmx_v1.swapETHToTokens", (None, f.value), (token_out, min_out), receiver)


def _decrease(f: Frame, fn: Function, a: list[Any]) -> Result:
    collateral, receiver = a[0], a[5]
    out = ZERO if fn.name == "decreasePositionETH" else collateral
    return swap_ops(f, "gmx_v1." + fn.name, (None, None), (out, None), receiver)


def _decrease_and_swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    path, receiver, min_out = a[0], a[5], a[7]
    _, token_out = _ends(path)
    out = ZERO if fn.name == "decreasePositionAndSwapETH" else token_out
    return swap_ops(f, "gmx_v1." + fn.name, (None, None), (out, min_out), receiver)


def _direct_pool_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, amount = a
    donation = Transfer(
        via="gmx_v1.direct_pool_deposit", asset=asset(token), sender=f.sender,
        recipient=f.target, amount=amount,
    )  # fmt: skip
    return [donation]


_POSITION = "address,address,uint256,uint256,bool,address,uint256"
TABLE = (
    ("approvePlugin(address)", _approve_plugin),
    ("denyPlugin(address)", _named),
    ("swap(address[],uint256,uint256,address)", _swap),
    ("swapTokensToETH(address[],uint256,uint256,address)", _swap),
    ("swapETHToTokens(address[],uint256,address)", _swap_eth),
    ("increasePosition(address[],address,uint256,uint256,uint256,bool,uint256)", _named),
    ("increasePositionETH(address[],address,uint256,uint256,bool,uint256)", _named),
    (f"decreasePosition({_POSITION})", _decrease),
    (f"decreasePositionETH({_POSITION})", _decrease),
    (
        "decreasePositionAndSwap(address[],address,uint256,uint256,bool,address,uint256,uint256)",
        _decrease_and_swap,
    ),
    (
        "decreasePositionAndSwapETH(address[],address,uint256,uint256,bool,address,uint256,"
        "uint256)",
        _decrease_and_swap,
    ),
    ("directPoolDeposit(address,uint256)", _direct_pool_deposit),
)
