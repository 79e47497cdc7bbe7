"""Odos Router V2: single and multi swaps, ABI-encoded and compact.

Source: odos-xyz/odos-router-v2 ``contracts/OdosRouterV2.sol``:
``swap(swapTokenInfo{inputToken, inputAmount, inputReceiver, outputToken, outputQuote,
outputMin, outputReceiver}, pathDefinition, executor, referralCode)``, ``swapPermit2(permit2Info,
swapTokenInfo, ...)``, ``swapMulti(inputTokenInfo[]{tokenAddress, amountIn, receiver},
outputTokenInfo[]{tokenAddress, relativeValue, receiver}, valueOutMin, pathDefinition,
executor, referralCode)``, ``swapMultiPermit2(permit2Info, ...)`` and ``swapCompact()``, whose
calldata after the selector is packed (its Yul decoder; the project's Python twin is
``tests/lib/decode_compact.py``): input token, output token (each a 2-byte code: 0 = address 0,
1 = the 20 bytes that follow, n >= 2 = entry n-2 of the router's stored ``addressList``), a
1-byte length and the input amount (length 0: the caller's whole balance), a 1-byte length
and the quoted output, 3 bytes of slippage (``outputMin = quote * (0xFFFFFF - slippage) /
0xFFFFFF``), then executor, input receiver (0: the executor) and output receiver (0:
``msg.sender``) in the same address coding.

Address 0 is ETH (the call's value); an input amount of 0 spends the caller's whole balance
(amount unknown). In ``swap`` an output receiver of 0 is the zero address itself (the output
is burnt), in ``swapCompact`` it is the caller. A multi swap guarantees only a total value
(``valueOutMin``): each output's amount is unknown. An address the compact form takes from
the router's storage cannot be read offline: a token is then a stand-in, a receiver makes the
call opaque.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]

_CACHED = "cached"  # an address read from the router's storage


def _swap(f: Frame, via: str, info: tuple[Any, ...]) -> Result:
    src, amount, _input_receiver, dst, _quote, minimum, receiver = info
    return swap_ops(f, via, (src, amount or None), (dst, minimum), receiver)


def _single(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swap`` / ``swapPermit2``: one input, at least ``outputMin`` out to ``outputReceiver``."""
    info = a[1] if fn.name == "swapPermit2" else a[0]
    return _swap(f, f"odos.{fn.name}", info)


def _multi(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``swapMulti`` / ``swapMultiPermit2``: each input in, each output (amount unknown: only
    the total value is bounded) to its receiver."""
    inputs, outputs = (a[1], a[2]) if fn.name == "swapMultiPermit2" else (a[0], a[1])
    via = f"odos.{fn.name}"
    out: Result = []
    for token, amount, _receiver in inputs:
        out += swap_ops(f, via, (token, amount or None), (None, None), None)
    for token, _value, receiver in outputs:
        out += swap_ops(f, via, (None, None), (token, None), receiver)
    return out


class _Packed:
    """A reader over ``swapCompact``'s packed calldata (bounds-checked, unlike ``calldataload``)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.pos = data, 4

    def take(self, size: int) -> bytes:
        if self.pos + size > len(self.data):
            raise EvmDecodeError("Odos swapCompact: calldata ends inside a field")
        chunk = self.data[self.pos : self.pos + size]
        self.pos += size
        return chunk

    def number(self, size: int) -> int:
        return int.from_bytes(self.take(size), "big")

    def address(self) -> str:
        code = self.number(2)
        if code == 0:
            return ZERO
        if code == 1:
            return "0x" + self.take(20).hex()
        return _CACHED

    def amount(self) -> int:
        return self.number(self.number(1))


def _compact(f: Frame, fn: Function, a: list[Any]) -> Result:
    packed = _Packed(f.data)
    src, dst = packed.address(), packed.address()
    amount, quote, slippage = packed.amount(), packed.amount(), packed.number(3)
    minimum = quote * (0xFFFFFF - slippage) // 0xFFFFFF if slippage <= 0xFFFFFF else 0
    packed.address()  # executor
    packed.address()  # input receiver (0: the executor)
    receiver = packed.address()
    if receiver == _CACHED:  # who gets the output is in the router's storage
        return [named_call(f, fn, known=False)]
    receiver = (f.sender or ZERO) if receiver == ZERO else receiver
    via = "odos.swap_compact"
    give = (None if src == _CACHED else src, amount or None)
    out = swap_ops(f, via, give, (None if dst == _CACHED else dst, minimum), receiver)
    if _CACHED in (src, dst):
        out.insert(0, named_call(f, fn, known=False))
    return out


_INFO = "(address,uint256,address,address,uint256,uint256,address)"
_PERMIT2 = "(address,uint256,uint256,bytes)"
_MULTI = "(address,uint256,address)[],(address,uint256,address)[],uint256,bytes,address,uint32"
TABLE = (
    (f"swap({_INFO},bytes,address,uint32)", _single),
    (f"swapPermit2({_PERMIT2},{_INFO},bytes,address,uint32)", _single),
    (f"swapMulti({_MULTI})", _multi),
    (f"swapMultiPermit2({_PERMIT2},{_MULTI})", _multi),
    ("swapCompact()", _compact),
)
