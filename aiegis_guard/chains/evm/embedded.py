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

Where the own account's part ends (review18c F1): a carried call ``(target, …, bytes data)``
(the ABI tuple above, whatever the selector of ``data``: a router's ``swap`` too) is a call
the executor makes to ``target``; the bytes of ``data`` past its selector are that call's
arguments, read by ``target``, not by the executor. A hit inside the ``data`` of such a call
to another contract (a route program's ``approve(pool)`` / ``transfer(pair)``, calldata an
aggregator's executor runs) is that contract's business: not kept (the call to it is judged
as that call: opaque or known, as usual). Only a call to the account itself (a self-call:
nested executors) keeps what its ``data`` carries as the account's. One exception: a signed
permit (EIP-2612, DAI, Permit2 ``permit``) is a grant of its signer whoever submits it, kept
wherever it lies. The boundary is every such tuple found at any offset (an offset word of
0x40..0xa0 followed by a length word, the tuple's first word an address) that does not lie
inside the ``data`` of another; a tuple inside one is that call's own structure. A length is
a boundary only where the encoding vouches for it (review19 F9: a length stretched over the
next carried call hid it): the tuple is an element of an array that decodes canonically
(its table right before it, each element starting where the previous one's padded tail
ends), or the executor's first argument; any other outermost tuple voids the boundary and
the whole calldata is read as the account's. So does any offset the executor follows that
points inside such a call's bytes: a word of its own head (a decoy batch placed where the
canonical one goes, the batch the executor reads inside its element's bytes), or of a table
or tuple head those offsets reach, any level down (review19b E1: its own array's table entry
pointing at an element inside a decoy's bytes).

Targets kept apart from their calldata in parallel arrays (``executeBatch(address[],
uint256[],bytes[])``, ``executeBatch(address[],bytes[])``, TimelockController
``executeBatch``, Governor ``execute``, any selector whose head points at an ``address[]``
and a later ``bytes[]`` of the same length, both canonical): the i-th call's target is the
i-th address (``parallel.py``).

What is not read: the boundary of such parallel arrays (calls nested in one of their calls
are read as the executor's), the value an embedded call
forwards, calls packed without a length (ERC-7579 single execution: unread target), the
boundary of a packed record (Safe MultiSend's, ERC-7579 single execution: what a call packed
so carries is read as the executor's), calls whose arguments are themselves hidden
(compressed, encrypted, hashed).

Bounded: the scan is one regular-expression search over the calldata (``MAX_SCAN`` bytes at
most; a hit is searched again one byte on, so overlapping hits are all seen); a selector
whose first argument must start with 12 zero bytes (an address, an amount of 160 bits or
fewer, an offset) is a hit only when they follow, so a hit costs one strict decode and one
that fails it costs nothing else and counts for nothing (decoy selectors spend no budget,
review18c F6); at most ``MAX_EMBEDDED`` calls are kept per opaque call, and embedded calls
are leaves (their own calldata is not scanned again). A scan cut short by a limit says so
(``embedded_scan``): the judge FLAGs ``decode_limit`` when it carried calls of an own
account or named one (``judge_gives.call``), as the other decoder limits keep what was found
and say what was not read.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from aiegis_guard.chains.evm.abi import AbiType, decode_args
from aiegis_guard.chains.evm.callee import GRANT_STANDARDS, TOKEN_STANDARDS
from aiegis_guard.chains.evm.frames import word_address
from aiegis_guard.chains.evm.parallel import parallel_targets
from aiegis_guard.chains.evm.parallel import word_at as _word
from aiegis_guard.chains.evm.protocols import PROTOCOL_FUNCTIONS
from aiegis_guard.chains.evm.selectors import FUNCTIONS, PERMIT2, Function
from aiegis_guard.errors import EvmDecodeError

__all__ = ["CANDIDATES", "MAX_EMBEDDED", "MAX_SCAN", "embedded_calls", "embedded_scan"]

MAX_EMBEDDED = 32  # calls kept from one opaque call
MAX_SCAN = 256 * 1024  # bytes of one call's calldata scanned

_FUNCTIONS = {**PROTOCOL_FUNCTIONS, **FUNCTIONS}
_HANDLERS = frozenset(TOKEN_STANDARDS) | frozenset(GRANT_STANDARDS)
CANDIDATES: dict[bytes, Function] = {
    sel: fn
    for sel, fn in _FUNCTIONS.items()
    if fn.handler in _HANDLERS or fn.handler.startswith("permit2_")
}


def _zero_led(t: AbiType) -> bool:
    """Does every valid encoding of ``t`` start with 12 zero bytes (an address, a bool, a
    uint of 160 bits or fewer, an offset word, a static tuple whose first member does)?"""
    if t.dynamic or t.kind in ("address", "bool"):
        return True
    if t.kind == "uint":
        return (t.size or 256) <= 160
    return t.kind == "tuple" and bool(t.items) and _zero_led(t.items[0])


_SCAN = re.compile(b"|".join(re.escape(s) for s in sorted(CANDIDATES)))
# selectors whose first argument is zero-led (most: ``approve``, ``transfer``, the permits): a
# hit only when 12 zero bytes follow, so bytes that only repeat a selector (decoys, review18c
# F6) cost one comparison (checked after the search: a lookahead in the pattern would cost
# its literal prefix scan, ~30x)
_LED = frozenset(s for s, fn in CANDIDATES.items() if fn.types and _zero_led(fn.types[0]))
_ZERO12 = bytes(12)
_ZERO31 = bytes(31)


def _target(
    data: bytes, pos: int, fn: Function, parallel: dict[int, str]
) -> tuple[str | None, int]:
    """(target, end of the call's bytes) of the call whose selector is at ``pos``."""
    length = _word(data, pos - 32)
    end = len(data)
    if pos in parallel and length is not None and 4 <= length <= len(data) - pos:
        return parallel[pos], pos + length
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


# the last byte of an ABI tuple's offset word (0x40..0xa0) and the zero high bytes of the
# length word (< 2**32) after it: where the ``bytes`` of a carried call ``(target, ...,
# bytes)`` starts (any byte offset; the offset word's 31 zero bytes are checked after)
_ENVELOPE = re.compile(b"[\\x40\\x60\\x80\\xa0]\\x00{28}")
# signed grants: their signer's grant whoever submits them (kept inside another's call)
_SIGNED = frozenset(
    {"eip2612_permit", "dai_permit", "permit2_permit_single", "permit2_permit_batch"}
)


_MAX_ELEMENTS = 1024  # an envelope array's table is looked for this many words back at most


def _tail_end(data: bytes, head: int, offset: int) -> int | None:
    """Where the canonical encoding of the tuple at ``head`` ends (its ``bytes`` offset word,
    ``offset``, is its last head word; the tail is the length word and the padded bytes), or
    None when the tuple is not one of that shape with zero padding inside ``data``."""
    if _word(data, head + offset - 32) != offset:
        return None
    length = _word(data, head + offset)
    if length is None:
        return None
    start = head + offset + 32
    end = start + -(-length // 32) * 32
    if end > len(data) or any(data[start + length : end]):
        return None
    return end


def _array(data: bytes, head: int, offset: int) -> list[int] | None:
    """The element heads of the ABI array of tuples whose first element is at ``head``, when
    it decodes canonically: its table right before the element (length word ``n``, then ``n``
    offsets from the table's start, the first ``32 n``), each element of the shape of the
    first and starting where the previous one's tail ends, the last ending inside ``data``.
    None when no such table precedes ``head`` or the array is not canonical."""
    for n in range(1, min(_MAX_ELEMENTS, (head - 4) // 32)):
        table = head - 32 * n
        if _word(data, table) == 32 * n and _word(data, table - 32) == n:
            break
    else:
        return None
    heads, at = [], head
    for k in range(n):
        if _word(data, table + 32 * k) != at - table:
            return None  # an element that does not start where the previous one ends
        end = _tail_end(data, at, offset)
        if end is None:
            return None
        heads.append(at)
        at = end
    return heads


def _foreign_calls(data: bytes, account: str | None) -> list[tuple[int, int]] | None:
    """The (start, end) of the ``data`` of each outermost carried call ``(target, ..., bytes)``
    whose target is not ``account``: bytes that call's target reads, not the executor.

    A length is trusted as a boundary only where the encoding is canonical (review19 F9: a
    ``bytes`` length stretched over the next carried call hid the own account's call): the
    carried call is an element of an array of such tuples that decodes canonically
    (``_array``), or the executor's first argument (``execute(address,uint256,bytes)``, or
    the tuple its first offset word points at), with its tail padded and inside ``data``.
    Any other outermost envelope makes the whole boundary untrusted: None (everything the
    calldata holds is read as the account's, as before the boundary)."""
    out: list[tuple[int, int]] = []
    trusted: set[int] = set()  # heads of canonical arrays' elements
    bases = [4]  # where the executors' own heads start (the account's, its self-calls')
    lengths: set[int] = set()  # the length words of the carried calls' ``bytes``
    end = 0
    for match in _ENVELOPE.finditer(data):
        at = match.start() + 1  # the length word
        if at < 32 or data[at - 32 : at - 1] != _ZERO31:
            continue  # no offset word
        offset = data[at - 1]
        start, length = at + 32, _word(data, at)
        head = at - offset
        if length is None or not 4 <= length <= len(data) - start or head < 0 or start < end:
            continue  # no call's bytes, or inside the bytes of an outer call (its own tuples)
        target = word_address(data[head : head + 32])
        if target is None:
            continue  # no target read
        if head not in trusted:
            heads = _array(data, head, offset)
            if heads is not None:
                trusted.update(heads)
            elif (
                not (head == 4 or _word(data, 4) == head - 4)
                or _tail_end(data, head, offset) is None
            ):
                return None  # a boundary the encoding does not vouch for
        lengths.add(at)
        if target == account:
            bases.append(start + 4)  # a self-call: what it carries is the account's
            continue
        end = start + length
        out.append((start, end))
    return None if out and _points_inside(data, bases, out, lengths) else out


_MAX_WALK = 8192  # head words read following offsets; past it the boundary is void


def _points_inside(
    data: bytes, bases: list[int], spans: list[tuple[int, int]], lengths: set[int]
) -> bool:
    """Does an offset the executor follows (a word of its own head: the account's at 4, a
    self-call's past its selector, from ``base`` to the first tail its offsets reach; and,
    review19b E1, any offset of a table or tuple head those offsets reach, one level down or
    more) point inside one of ``spans``? Then the executor reads a structure lying in bytes
    handed to another contract (a decoy array placed where the canonical one goes, the real
    one inside its element's bytes; an array of its own whose table points at an element
    inside a decoy's bytes): the boundary is void. Types are unknown, so any word may be an
    offset (a static number that happens to point inside voids the boundary: FLAG-prone,
    never blind); a pointed-to word that is a plausible element count (1 .. what fits) is
    read as an array (its table: that many words after it), any other as a tuple head; a
    carried call's ``bytes`` (its length word, in ``lengths``) is no structure of the
    executor's (a self-call's is read from its own base). Past ``_MAX_WALK`` words read: void."""
    todo = [(b, len(data)) for b in bases]
    seen = set(bases)
    budget = _MAX_WALK
    while todo:
        base, end = todo.pop()
        at = base
        while at + 32 <= end:
            budget -= 1
            if budget < 0:
                return True
            target = base + int.from_bytes(data[at : at + 32], "big")
            if at < target and target + 32 <= len(data):  # ABI decoders need no alignment
                if _inside(spans, target) or any(s == target for s, _ in spans):
                    return True
                end = min(end, target)
                if target not in seen and target not in lengths:
                    seen.add(target)
                    todo.append(_structure(data, target))
            at += 32
    return False


def _structure(data: bytes, at: int) -> tuple[int, int]:
    """(base, end) of the head of the structure an offset points at: an array's table (the
    word at ``at`` a count ``n`` of 1 .. what fits: the ``n`` words after it, offsets from
    their start) or a tuple's head (offsets from ``at``, up to the first tail)."""
    n = int.from_bytes(data[at : at + 32], "big")
    if 1 <= n <= (len(data) - at - 32) // 32:
        return at + 32, at + 32 + 32 * n
    return at, len(data)


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Does ``at`` lie past the selector of one of ``spans``' calls (sorted, apart), inside
    its arguments?"""
    i = bisect_right(spans, (at, at)) - 1
    return i >= 0 and spans[i][0] < at < spans[i][1]


def embedded_calls(data: bytes, account: str | None = None) -> list[tuple[str | None, bytes]]:
    """The calls of :func:`embedded_scan`."""
    return embedded_scan(data, account)[0]


def embedded_scan(
    data: bytes, account: str | None = None
) -> tuple[list[tuple[str | None, bytes]], bool]:
    """The well-formed known calls ``data`` carries past its own selector that the code
    running as ``account`` makes (not those inside the arguments of its calls to other
    contracts, but signed permits): (target or None when unread, calldata), at most
    ``MAX_EMBEDDED``; and whether a limit cut the scan short (``MAX_EMBEDDED`` calls kept
    with bytes left, or calldata past ``MAX_SCAN``): what lies beyond is unread."""
    out: list[tuple[str | None, bytes]] = []
    if len(data) < 8:
        return out, False
    view = data[:MAX_SCAN]
    foreign: list[tuple[int, int]] | None = None  # read at the first hit
    parallel: dict[int, str] = {}
    read = False
    pos = 4
    while (match := _SCAN.search(view, pos)) is not None:
        pos = at = match.start()
        pos += 1  # overlapping hits: search again one byte on
        selector = view[at : at + 4]
        if selector in _LED and view[at + 4 : at + 16] != _ZERO12:
            continue  # no valid first argument: no call
        fn = CANDIDATES[selector]
        if not read:
            foreign, parallel, read = _foreign_calls(view, account), parallel_targets(view), True
        if foreign and fn.handler not in _SIGNED and _inside(foreign, at):
            continue  # a call another contract makes with the bytes it was handed
        target, end = _target(view, at, fn, parallel)
        try:  # a hit that does not decode costs this and counts for nothing
            decode_args(fn.types, view[at + 4 : end])
        except EvmDecodeError:
            continue
        out.append((target, view[at:end]))
        if len(out) >= MAX_EMBEDDED:
            return out, _SCAN.search(view, pos) is not None
    return out, len(data) > MAX_SCAN
