"""Calls carried in an opaque call's calldata, at any byte offset (issue 12, review18 F1).

An own programmable account (an EIP-7702 delegated EOA, an own Safe or smart account) is a
batch executor whatever its ABI: an executor entry point the decoder does not know
(Ambire ``executeBySender``, Calibur ``execute(BatchedCall)``, Biconomy ``execute_ncC``, an
invented one) still makes the calls its calldata spells. The judge FLAGs any unknown
selector on an own account (``judge_gives.call``) and judges the calls found here as calls
that account makes, so an embedded unlimited approve to a stranger BLOCKs as it does bare.

What is read:

- every byte offset from 4 on (never word-aligned only: an inner call's arguments sit 4
  bytes off the outer word grid) is tested for a selector of the known value-moving and
  granting functions: the token standards and administration standards of ``callee.py``
  (``TOKEN_STANDARDS``, ``GRANT_STANDARDS``) and Uniswap Permit2's functions, as the
  selector tables (``selectors.py``, ``protocols/``) define them, no list of its own;
- a hit counts only when its arguments decode strictly (``abi.decode_args``) from the bytes
  after it: a well-formed call;
- its target is read from the encodings executors use: an ABI tuple whose first member is
  the target and whose first dynamic member is the call (``(address,bytes)``,
  ``(address,uint256,bytes)``, ``(address,bool,bytes)``, ``(address,bool,uint256,bytes)``,
  ``(address,uint256,bytes,uint8)``: a length word right before the selector, an offset word
  of 0x40..0xa0 before it, the target word at that offset's start), or Safe MultiSend's packed
  record (``uint8 op, address to, uint256 value, uint256 len, bytes data``). Where none
  matches, the target is unread: a Permit2 call is Permit2's (its functions exist only
  there), any other call is placed on the account itself (the grant, its spender and amount,
  is what is judged; the asset stays unnamed).

What is not read: arrays of targets kept apart from their calldata
(``executeBatch(address[],uint256[],bytes[])``: the target is unread, as above), the value an
embedded call forwards, calls packed without a length (ERC-7579 single execution: unread
target), calls whose arguments are themselves hidden (compressed, encrypted, hashed).

Bounded: the scan is one regular-expression search over the calldata (``MAX_SCAN`` bytes at
most; a hit is searched again one byte on, so overlapping hits are all seen), at most
``MAX_TRIES`` hits are decoded and ``MAX_EMBEDDED`` calls kept per opaque call, and embedded
calls are leaves (their own calldata is not scanned again).
"""

from __future__ import annotations

import re

from aiegis_guard.chains.evm.abi import decode_args
from aiegis_guard.chains.evm.callee import GRANT_STANDARDS, TOKEN_STANDARDS
from aiegis_guard.chains.evm.frames import word_address
from aiegis_guard.chains.evm.protocols import PROTOCOL_FUNCTIONS
from aiegis_guard.chains.evm.selectors import FUNCTIONS, PERMIT2, Function
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CANDIDATES", "MAX_EMBEDDED", "MAX_SCAN", "MAX_TRIES", "embedded_calls"]

MAX_EMBEDDED = 32  # calls kept from one opaque call
MAX_SCAN = 256 * 1024  # bytes of one call's calldata scanned

_FUNCTIONS = {**PROTOCOL_FUNCTIONS, **FUNCTIONS}
_HANDLERS = frozenset(TOKEN_STANDARDS) | frozenset(GRANT_STANDARDS)
CANDIDATES: dict[bytes, Function] = {
    sel: fn
    for sel, fn in _FUNCTIONS.items()
    if fn.handler in _HANDLERS or fn.handler.startswith("permit2_")
}
_SCAN = re.compile(b"|".join(re.escape(s) for s in sorted(CANDIDATES)))
MAX_TRIES = 256  # selector hits whose arguments are tried, per opaque call


def _word(data: bytes, at: int) -> int | None:
    if at < 0 or at + 32 > len(data):
        return None
    return int.from_bytes(data[at : at + 32], "big")


def _target(data: bytes, pos: int, fn: Function) -> tuple[str | None, int]:
    """(target, end of the call's bytes) of the call whose selector is at ``pos``."""
    length = _word(data, pos - 32)
    end = len(data)
    if length is not None and 4 <= length <= len(data) - pos:
        end = pos + length
        offset = _word(data, pos - 64)
        if offset is not None and offset % 32 == 0 and 0x40 <= offset <= 0xA0:
            start = pos - 32 - offset
            if start >= 0:
                found = word_address(data[start : start + 32])
                if found is not None:
                    return found, end
        if pos >= 85 and data[pos - 85] in (0, 1):  # MultiSend record: op, to, value, len
            to = data[pos - 84 : pos - 64]
            if to[:2] != b"\0\0":
                return "0x" + to.hex(), end
    if fn.handler.startswith("permit2_"):
        return PERMIT2, end
    return None, end


def embedded_calls(data: bytes) -> list[tuple[str | None, bytes]]:
    """The well-formed known calls ``data`` carries past its own selector: (target or None
    when unread, calldata), at most ``MAX_EMBEDDED``."""
    out: list[tuple[str | None, bytes]] = []
    if len(data) < 8:
        return out
    view = data[:MAX_SCAN]
    pos, tries = 4, MAX_TRIES
    while tries and (match := _SCAN.search(view, pos)) is not None:
        pos, tries = match.start() + 1, tries - 1  # overlapping hits: search again one byte on
        at = match.start()
        fn = CANDIDATES[view[at : at + 4]]
        target, end = _target(view, at, fn)
        try:
            decode_args(fn.types, view[at + 4 : end])
        except EvmDecodeError:
            continue
        out.append((target, view[at:end]))
        if len(out) >= MAX_EMBEDDED:
            break
    return out
