"""Synapse Router (v1): a bridge transfer to ``to`` on another chain, or a local swap.

Source: synapsecns/synapse-contracts ``contracts/bridge/router/SynapseRouter.sol`` (the
``SwapQuery{address swapAdapter, address tokenOut, uint256 minAmountOut, uint256 deadline,
bytes rawParams}`` of its ``BridgeStructs``, the same struct as gmx-io/gmx-synthetics
``contracts/fee/ISynapseRouter.sol``):

- ``bridge(to, chainId, token, amount, originQuery, destQuery) payable``: ``amount`` of
  ``token`` pulled from ``msg.sender`` (``0xEeee…EEeE``: the call's ETH), swapped on the origin
  chain when ``originQuery`` names an adapter, then deposited / redeemed by SynapseBridge for
  ``to`` on ``chainId``; ``destQuery`` is the destination side: ``to`` receives at least its
  ``minAmountOut`` of its ``tokenOut`` (the SDK fills ``tokenOut`` / ``minAmountOut`` with the
  quote even when no destination swap is made); an empty ``destQuery`` names no token: the
  input stands for it, with no minimum;
- ``swap(to, token, amount, query) payable``: a swap on this chain through ``query``'s
  adapter, at least ``query.minAmountOut`` of ``query.tokenOut`` to ``to``.

Deployment (``data/evm_protocols.json``): SynapseRouter ``0x7E7A…C96a``, the same address on
Ethereum, Arbitrum and Avalanche (synapse-contracts' fork tests ``ARB_SYN_ROUTER_V1`` /
``AVAX_SYN_ROUTER_V1``, lifinance's ``SynapseBridgeFacet`` test on mainnet). A bridge is an
exchange across chains (``bridges.py``): the destination side a receipt to ``to``, judged like
a swap output (a stranger BLOCKs, a minimum of 0 FLAGs).

The ``swapAdapter`` of a query (``originQuery`` of ``bridge``, ``query`` of ``swap``) is where
``_adapterSwap`` sends the caller's tokens (``_pullToken(query.swapAdapter, token, amount)``,
with the call's ETH); the router itself is the adapter of the queries its SwapQuoter returns,
but "it is possible to form a SwapQuery off-chain using alternative SwapAdapter for the origin
swap" (``getOriginAmountOut``), with no whitelist: another adapter makes the call also an
opaque call naming that adapter (``_adapter``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call

__all__ = ["TABLE"]

_ETH = "0x" + "ee" * 20  # SynapseRouter's ETH_ADDRESS (UniversalToken)


def _give(f: Frame, token: str, amount: int) -> tuple[str | None, int | None]:
    """The input: ETH (the call's value, already a transfer) or ``amount`` of ``token``."""
    return (None, f.value) if token == _ETH else (token, amount)


def _get(query: Any, token: str) -> tuple[str, int | None]:
    """The destination side of a ``SwapQuery``: its ``tokenOut`` and ``minAmountOut``; an empty
    query (no token out) leaves the input token standing for it, with no minimum."""
    token_out, minimum = str(query[1]), int(query[2])
    if token_out == ZERO:
        return (ZERO if token == _ETH else token), None
    return token_out, minimum


def _adapter(f: Frame, fn: Function, query: Any) -> Result:
    """The swap adapter a ``SwapQuery`` names, when it is neither none nor the router itself:
    ``_adapterSwap`` pulls the caller's tokens (and forwards the call's ETH) straight to it and
    trusts the amount it returns, so the trip is only what that adapter does with them: an
    opaque call naming it (a stranger adapter FLAGs, an allowlisted one is judged by the rest)."""
    adapter = str(query[0]).lower()
    if adapter in (ZERO, f.target):
        return []
    return [named_call(f, fn, known=False, names=(adapter,))]


def _bridge(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, _chain_id, token, amount, origin, dest = a[:6]
    via = "synapse.bridge"
    out = swap_ops(f, via, _give(f, token, amount), _get(dest, token), to or ZERO)
    return [*out, *_adapter(f, fn, origin)]


def _swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, token, amount, query = a[:4]
    via = "synapse.swap"
    out = swap_ops(f, via, _give(f, token, amount), _get(query, token), to or ZERO)
    return [*out, *_adapter(f, fn, query)]


_QUERY = "(address,address,uint256,uint256,bytes)"
TABLE = (
    (f"bridge(address,uint256,address,uint256,{_QUERY},{_QUERY})", _bridge),
    (f"swap(address,address,uint256,{_QUERY})", _swap),
)
