"""Canonical rollup bridges beside ``crosschain.py``: the Agglayer (Polygon zkEVM) bridge and
Scroll's gateways and messenger. What leaves this chain, and who is credited on the other.

Sources (function signatures, argument order, who pays and who is credited):

- 0xPolygonHermez/zkevm-contracts ``contracts/v2/interfaces/IPolygonZkEVMBridgeV2.sol`` /
  ``PolygonZkEVMBridgeV2.sol``: ``bridgeAsset(uint32 destinationNetwork, address
  destinationAddress, uint256 amount, address token, bool forceUpdateGlobalExitRoot, bytes
  permitData)``: ``token`` 0 is ETH (``msg.value`` must equal ``amount``), any other token is
  taken from (or, wrapped, burnt from) ``msg.sender`` (``permitData``: the caller's permit for
  the bridge); ``destinationAddress`` claims ``amount`` on ``destinationNetwork``, 1:1 (its
  wrapped form: the source token stands for it). ``bridgeMessage(destinationNetwork,
  destinationAddress, forceUpdateGlobalExitRoot, metadata)``: ``msg.value`` to
  ``destinationAddress``, whose ``onMessageReceived`` gets ``metadata``;
  ``bridgeMessageWETH(..., amountWETH, ...)``: the same with the network's WETH token burnt
  from the caller (a stand-in: its address is the bridge's ``WETHToken``).
- scroll-tech/scroll ``contracts/src/L1/gateways/IL1ETHGateway.sol`` / ``IL1ERC20Gateway.sol``
  (the ``L1GatewayRouter`` has the same functions): ``depositETH(amount, gasLimit)`` (to the
  caller), ``depositETH(to, amount, gasLimit)``, ``depositETHAndCall(to, amount, data,
  gasLimit)``, ``depositERC20(token, amount, gasLimit)``, ``depositERC20(token, to, amount,
  gasLimit)``, ``depositERC20AndCall(token, to, amount, data, gasLimit)``; the L2 gateways'
  ``withdrawETH`` / ``withdrawERC20`` (``IL2ETHGateway`` / ``IL2ERC20Gateway``) take the same
  arguments the other way. ``amount`` goes to ``to`` on the other layer, 1:1 (the other
  layer's token: the source token stands for it); the call's ETH beyond ``amount`` is the
  relay fee, its excess refunded to the caller. ``IScrollMessenger.sendMessage(target, value,
  message, gasLimit[, refundAddress])``: ``value`` of the call's ETH to ``target`` on the
  other layer, with ``message`` called there from the caller's address (not decoded: an
  opaque call); the fee's excess goes to ``refundAddress`` (``bridges.fee_refund_ops``).

Each transfer is an exchange across chains (``bridges.bridge_ops``): the input a give of the
caller (ETH: the call's value, already a transfer), the destination side a receipt of the
recipient judged like a swap output (a stranger BLOCKs). The same selectors on a well-known
contract of another protocol are opaque (``crosschain.bridges_only``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops, fee_refund_ops
from aiegis_guard.chains.evm.protocols.crosschain import bridges_only
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Call

__all__ = ["TABLE"]


def _bridge_asset(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Agglayer ``bridgeAsset``: ``amount`` of ``token`` (ETH when 0) to ``destinationAddress``."""
    _network, to, amount, token = a[:4]
    via = "agglayer.bridge_asset"
    if token == ZERO:
        return bridge_ops(f, via, (None, None), (native(), amount), to)
    return bridge_ops(f, via, (asset(token), amount), (asset(token), amount), to)


def _bridge_message(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Agglayer ``bridgeMessage`` (the call's ETH) / ``bridgeMessageWETH`` (the network's WETH
    burnt from the caller) to ``destinationAddress``, its ``metadata`` for that contract."""
    to = a[1]
    if fn.name == "bridgeMessage":
        return bridge_ops(f, "agglayer.bridge_message", (None, None), (native(), f.value), to)
    weth = stand_in("WETHToken", f.target)
    amount = a[2]
    return bridge_ops(f, "agglayer.bridge_message_weth", (weth, amount), (weth, amount), to)


def _scroll_eth(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Scroll ``depositETH`` / ``withdrawETH`` [``AndCall``]: ``amount`` of the call's ETH to
    ``to`` (the caller without one) on the other layer; the rest of the ETH is the relay fee."""
    to, amount = (a[0], a[1]) if len(a) > 2 else (f.sender or ZERO, a[0])
    return bridge_ops(f, f"scroll.{fn.name}", (None, None), (native(), amount), to)


def _scroll_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Scroll ``depositERC20`` / ``withdrawERC20`` [``AndCall``]: ``amount`` of ``token`` from
    the caller to ``to`` (the caller without one) on the other layer, 1:1."""
    token = a[0]
    to, amount = (a[1], a[2]) if len(a) > 3 else (f.sender or ZERO, a[1])
    paid = (asset(token), amount)
    return bridge_ops(f, f"scroll.{fn.name}", paid, paid, to)


def _scroll_message(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Scroll ``sendMessage``: ``value`` of the call's ETH to ``target`` on the other layer, the
    ``message`` call made there from the caller's address (opaque); the fee's excess refunded
    to ``refundAddress`` (the caller in the 4-argument form)."""
    target, value, message = a[:3]
    via = "scroll.send_message"
    out: Result = []
    if message:
        selector = "0x" + bytes(message[:4]).hex() if len(message) >= 4 else None
        out.append(Call(via="evm.call", target=target, name="L2 call via sendMessage",
                        selector=selector, known=False, sender=f.sender))  # fmt: skip
    if value:
        out += bridge_ops(f, via, (None, None), (native(), value), target)
    refund = a[4] if len(a) > 4 else f.sender or ZERO
    return out + fee_refund_ops(f, via, refund, max(f.value - value, 0), target)


_AND_CALL = "uint256,bytes,uint256"
TABLE = (
    ("bridgeAsset(uint32,address,uint256,address,bool,bytes)", bridges_only(_bridge_asset)),
    ("bridgeMessage(uint32,address,bool,bytes)", bridges_only(_bridge_message)),
    ("bridgeMessageWETH(uint32,address,uint256,bool,bytes)", bridges_only(_bridge_message)),
    ("depositETH(uint256,uint256)", bridges_only(_scroll_eth)),
    ("depositETH(address,uint256,uint256)", bridges_only(_scroll_eth)),
    (f"depositETHAndCall(address,{_AND_CALL})", bridges_only(_scroll_eth)),
    ("withdrawETH(uint256,uint256)", bridges_only(_scroll_eth)),
    ("withdrawETH(address,uint256,uint256)", bridges_only(_scroll_eth)),
    (f"withdrawETHAndCall(address,{_AND_CALL})", bridges_only(_scroll_eth)),
    ("depositERC20(address,uint256,uint256)", bridges_only(_scroll_token)),
    ("depositERC20(address,address,uint256,uint256)", bridges_only(_scroll_token)),
    (f"depositERC20AndCall(address,address,{_AND_CALL})", bridges_only(_scroll_token)),
    ("withdrawERC20(address,uint256,uint256)", bridges_only(_scroll_token)),
    ("withdrawERC20(address,address,uint256,uint256)", bridges_only(_scroll_token)),
    (f"withdrawERC20AndCall(address,address,{_AND_CALL})", bridges_only(_scroll_token)),
    ("sendMessage(address,uint256,bytes,uint256)", bridges_only(_scroll_message)),
    ("sendMessage(address,uint256,bytes,uint256,address)", bridges_only(_scroll_message)),
)
