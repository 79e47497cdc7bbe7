"""Gnosis Chain bridges: the Omnibridge (any ERC-20) and the xDAI bridge (DAI <-> xDAI).

Sources:

- omni/omnibridge ``contracts/upgradeable_contracts/components/common/TokensRelayer.sol``:
  ``relayTokens(IERC677 token, address _receiver, uint256 _value)``, ``relayTokens(IERC677
  token, uint256 _value)`` (to ``msg.sender``) and ``relayTokensAndCall(IERC677 token, address
  _receiver, uint256 _value, bytes _data)`` (``_receiver`` runs ``onTokenBridged(token, value,
  data)`` with them): ``_value`` pulled from ``msg.sender`` and locked (a native token) or
  burnt (a bridged one), the same amount minted / released to ``_receiver`` on the other side
  (the mediators' fee, when set, is taken there). ``contracts/helpers/WETHOmnibridgeRouter.sol``:
  ``wrapAndRelayTokens()`` / ``wrapAndRelayTokens(address _receiver)`` / ``wrapAndRelayTokens(
  address _receiver, bytes _data)``, payable: the call's ETH wrapped and relayed as WETH.
- omni/tokenbridge ``contracts/upgradeable_contracts/erc20_to_native/ForeignBridgeErcToNative.sol``
  (the xDAI bridge on Ethereum): ``relayTokens(address _receiver, uint256 _amount)``: ``_amount``
  of its ``erc20token()`` (DAI) pulled from ``msg.sender``, the same amount of xDAI (Gnosis's
  native coin) to ``_receiver`` there; ``HomeBridgeErcToNative.relayTokens(address _receiver)
  payable`` on Gnosis: the call's xDAI back as DAI on Ethereum.

An ERC-677 ``transferAndCall(bridge, value, data)`` of a token to the Omnibridge relays it too
(``TokensRelayer.onTokenTransfer``): to the first 20 bytes of ``data`` when it has them, else
to the sender (``Bytes.bytesToAddress``); the rest of ``data`` is run by the receiver.

``relayTokens(address,uint256)`` is both the Omnibridge's ``(token, _value)`` and the xDAI
bridge's ``(_receiver, _amount)`` (one selector): read as the xDAI bridge's at its deployments,
as the Omnibridge's at the Omnibridge's, and elsewhere an unknown call naming both words.
Deployments (address books labelling "Gnosis Chain: Omni Bridge" / "xDai Bridge", the
mediators' bridge configs): ForeignOmnibridge ``0x88ad0951…5671`` (Ethereum), HomeOmnibridge
``0xf6A78083…268d`` (Gnosis), xDAI bridge ``0x4aa42145…5016`` (Ethereum) / ``0x7301CFA0…0AA6``
(Gnosis). The bridged token is written with the source token's spelling.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops
from aiegis_guard.chains.evm.protocols.token_bridges import remote_call
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import SWAP_ORDER, Receipt, Transfer

__all__ = ["OMNIBRIDGES", "TABLE", "relayed_by_transfer"]

OMNIBRIDGES = frozenset(
    {
        "0x88ad09518695c6c3712ac10a214be5109a655671",  # ForeignOmnibridge (Ethereum)
        "0xf6a78083ca3e2a662d6dd1703c939c8ace2e268d",  # HomeOmnibridge (Gnosis)
    }
)
XDAI_BRIDGE = "0x4aa42145aa6ebf72e164c9bbc74fbd3788045016"  # ForeignBridgeErcToNative
XDAI_HOME = "0x7301cfa0e1756b71869e93d4e4dca5c7d0eb0aa6"  # HomeBridgeErcToNative (Gnosis)
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"  # the xDAI bridge's erc20token()
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"  # WETHOmnibridgeRouter's WETH (Ethereum)


def _relay(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``relayTokens(token, _receiver, _value)`` / ``relayTokensAndCall``: ``_value`` of
    ``token`` to ``_receiver`` on the other side (which runs ``_data`` with it)."""
    token, receiver, value = a[:3]
    via = f"omnibridge.{fn.name}"
    out = bridge_ops(f, via, (asset(token), value), (asset(token), value), receiver)
    if len(a) > 3 and a[3]:
        out.append(remote_call(f, via, receiver, "onTokenBridged", bytes(a[3])))
    return out


def _relay_two(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``relayTokens(address,uint256)``: the xDAI bridge's ``(_receiver, _amount)`` of DAI, the
    Omnibridge's ``(token, _value)`` to the caller; unknown on any other contract."""
    first, amount = a
    if f.target == XDAI_BRIDGE:
        dai = (asset(DAI), amount)
        return bridge_ops(f, "xdai_bridge.relayTokens", dai, dai, first)
    if f.target in OMNIBRIDGES and f.sender is not None:
        token = asset(first)
        return bridge_ops(f, "omnibridge.relayTokens", (token, amount), (token, amount), f.sender)
    return [named_call(f, fn, known=False, names=(first,))]


def _xdai_home(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Gnosis's xDAI bridge ``relayTokens(_receiver) payable``: the call's xDAI as DAI to
    ``_receiver`` on Ethereum (the Omnibridge router's ``wrapAndRelayTokens(_receiver)`` has
    another selector)."""
    if f.target != XDAI_HOME:
        return [named_call(f, fn, known=False, names=(a[0],))]
    return bridge_ops(f, "xdai_bridge.relayTokens", (None, None), (asset(DAI), f.value), a[0])


def _wrap_and_relay(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``wrapAndRelayTokens([_receiver[, _data]])``: the call's ETH as WETH to ``_receiver``
    (the caller when absent) on Gnosis."""
    receiver = a[0] if a else f.sender
    if receiver is None or not f.value:
        return [named_call(f, fn)]
    via = "omnibridge.wrapAndRelayTokens"
    out = bridge_ops(f, via, (None, None), (asset(WETH), f.value), receiver)
    if len(a) > 1 and a[1]:
        out.append(remote_call(f, via, receiver, "onTokenBridged", bytes(a[1])))
    return out


def relayed_by_transfer(f: Frame, bridge: str, value: int, data: bytes) -> Result | None:
    """``transferAndCall(bridge, value, data)`` on token ``f.target`` when ``bridge`` is an
    Omnibridge: the caller's ``value`` relayed to the receiver ``data`` names; else None."""
    if bridge not in OMNIBRIDGES or f.sender is None:
        return None
    receiver = "0x" + data[:20].hex() if len(data) >= 20 else f.sender
    token, via = asset(f.target), "omnibridge.onTokenTransfer"
    gives = Transfer(
        via=via, asset=token, sender=f.sender, recipient=bridge, amount=value, order=SWAP_ORDER
    )
    out: Result = [
        gives,
        Receipt(via=via, asset=token, recipient=receiver, amount=value, order=SWAP_ORDER),
    ]
    if len(data) > 20:
        out.append(remote_call(f, via, receiver, "onTokenBridged", data[20:]))
    return out


TABLE = (
    ("relayTokens(address,address,uint256)", _relay),
    ("relayTokensAndCall(address,address,uint256,bytes)", _relay),
    ("relayTokens(address,uint256)", _relay_two),
    ("relayTokens(address)", _xdai_home),
    ("wrapAndRelayTokens()", _wrap_and_relay),
    ("wrapAndRelayTokens(address)", _wrap_and_relay),
    ("wrapAndRelayTokens(address,bytes)", _wrap_and_relay),
)
