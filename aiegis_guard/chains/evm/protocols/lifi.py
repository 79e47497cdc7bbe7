"""LI.FI same-chain swaps through its diamond: what goes in, what must come out, to whom.

Sources: lifinance/contracts ``src/Facets/GenericSwapFacetV3.sol``
(``swapTokens{Single,Multiple}V3{ERC20ToERC20,ERC20ToNative,NativeToERC20}(bytes32
_transactionId, string _integrator, string _referrer, address _receiver, uint256 _minAmountOut,
LibSwap.SwapData[ ] _swapData)``: the diamond takes the input from ``msg.sender`` (the value
for a native input), runs each swap, and sends its whole balance of the last
``receivingAssetId`` to ``_receiver``, reverting ``CumulativeSlippageTooHigh`` below
``_minAmountOut``), ``docs/GenericSwapFacet.md`` (``swapTokensGeneric(bytes32, string, string,
address _receiver, uint256 _minAmount, SwapData[])``: the same, older facet) and
``src/Libraries/LibSwap.sol`` (``SwapData(address callTo, address approveTo, address
sendingAssetId, address receivingAssetId, uint256 fromAmount, bytes callData, bool
requiresDeposit)``; the swaps' ``callTo`` must be on LI.FI's DEX allowlist). The diamond
``0x1231DEB6f5749EF6cE6943a275A1D3E7486F4EaE`` is ``LiFiDiamond`` in
``deployments/mainnet.json`` (the same address on the other chains it lists).

A swap (``order = SWAP``): the caller gives the first swap's ``fromAmount`` of its
``sendingAssetId`` (each further swap marked ``requiresDeposit`` is taken from it too), and
``_receiver`` gets at least ``_minAmountOut`` of the last swap's ``receivingAssetId``
(``address(0)`` / ``0xEeee…``: the native token). The inner ``callData`` is the diamond's call
to ``callTo`` on its own balance, not the caller's; but it names its own recipient, and the
minimum is checked against the diamond's whole balance (dust already there, or a few units the
request's author sends first, meets a tiny one). So each inner call is decoded
(:class:`OnOwnBalance`): an output it pays anywhere but the diamond or ``_receiver`` is an output
given away, and unless every inner call decodes to a swap the minimum guarantees nothing. On
any other contract these selectors run a stranger's code: an unknown call naming the receiver.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, OnOwnBalance, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Receipt
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CONTRACTS", "LIFI_DIAMOND", "TABLE"]

LIFI_DIAMOND = "0x1231deb6f5749ef6ce6943a275a1d3e7486f4eae"
CONTRACTS = frozenset({LIFI_DIAMOND})  # what these handlers mean only here (callee.py)
_HEAD = "bytes32,string,string,address,uint256"
_SWAP = "(address,address,address,address,uint256,bytes,bool)"
_NATIVE = ("0x" + "00" * 20, "0x" + "ee" * 20)


def _generic_swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    receiver, minimum, swaps = a[3], a[4], a[5]
    if f.target != LIFI_DIAMOND:
        return [named_call(f, fn, known=False, names=(receiver,))]
    swaps = (
        list(swaps)
        if isinstance(swaps, list | tuple) and swaps and isinstance(swaps[0], list | tuple)
        else [swaps]
    )
    if not swaps or not all(isinstance(s, list | tuple) and len(s) == 7 for s in swaps):
        raise EvmDecodeError("lifi: no swap data")
    first, last = swaps[0], swaps[-1]
    token_in, amount_in = first[2], first[4]
    token_out = last[3]
    token_out = "0x" + "00" * 20 if token_out in _NATIVE else token_out
    token_in = "0x" + "00" * 20 if token_in in _NATIVE else token_in
    via = f"lifi.{fn.name}"
    exchange = swap_ops(f, via, (token_in, amount_in), (token_out, minimum), receiver)
    out: Result = [op for op in exchange if not isinstance(op, Receipt)]
    for s in swaps[1:]:
        if s[6] and s[2] not in _NATIVE:  # requiresDeposit: taken from the caller too
            out += exchange_ops(f, via, (asset(s[2]), s[4]), f.sender, None)
    promised = [op for op in exchange if isinstance(op, Receipt)]
    if promised:
        frames = tuple(_inner(f, s) for s in swaps)
        keeps = frozenset({LIFI_DIAMOND, str(receiver).lower()})
        out.append(OnOwnBalance(frames, keeps, promised[0]))
    return out


def _inner(f: Frame, s: list[Any] | tuple[Any, ...]) -> Frame:
    """``LibSwap.swap``: the diamond calls ``callTo`` with ``callData`` (and ``fromAmount`` of
    the native token when that is what it sends)."""
    call_to, _approve_to, sending, _receiving, from_amount, data, _deposit = s
    if not isinstance(call_to, str) or not isinstance(data, bytes | bytearray):
        raise EvmDecodeError("lifi: swap data of the wrong type")
    value = from_amount if sending in _NATIVE and isinstance(from_amount, int) else 0
    return f.call(call_to.lower(), value, bytes(data))


TABLE = tuple(
    (f"{name}({_HEAD},{_SWAP}{suffix})", _generic_swap)
    for name, suffix in (
        ("swapTokensSingleV3ERC20ToERC20", ""),
        ("swapTokensSingleV3ERC20ToNative", ""),
        ("swapTokensSingleV3NativeToERC20", ""),
        ("swapTokensMultipleV3ERC20ToERC20", "[]"),
        ("swapTokensMultipleV3ERC20ToNative", "[]"),
        ("swapTokensMultipleV3NativeToERC20", "[]"),
        ("swapTokensGeneric", "[]"),
    )
)
