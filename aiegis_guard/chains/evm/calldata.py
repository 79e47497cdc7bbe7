"""Calldata -> operations: look the selector up, decode the arguments, recurse into wrappers.

Recursion is bounded (``MAX_DEPTH`` nested frames, ``MAX_OPS`` operations); deeper calls
become unknown calls with a ``depth-limit`` note, and past ``MAX_OPS`` decoding stops with an
``undecodable:`` note: what was found stands (a BLOCK found before a limit stays a BLOCK). A
known function whose arguments do not decode strictly is an opaque call (its carried calls
read, ``embedded.py``) with an ``undecodable:`` note (``tx.undecodable``, FLAG) beside what
the rest decodes; at the top level, with nothing carried, the request is undecodable.

A DELEGATECALL into anything but a Safe MultiSend deployment (by address,
``data/evm_protocols.json``) is reported as an unknown call touching the caller's own
account. An unknown call that carries a permit of the own account (``carried_permits.py``) is
also the grant it carries. A named function on a contract that is not its protocol's
(``callee.py``) is also an unknown call of that contract.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.bridging import REDEEMER
from aiegis_guard.chains.evm.abi import decode_args
from aiegis_guard.chains.evm.callee import runs_stranger_code
from aiegis_guard.chains.evm.carried_permits import carried_permits
from aiegis_guard.chains.evm.embedded import CANDIDATES, embedded_scan
from aiegis_guard.chains.evm.frames import (
    MAX_DEPTH,
    Frame,
    OnOwnBalance,
    Onward,
    native,
    word_address,
)
from aiegis_guard.chains.evm.protocols import PROTOCOL_FUNCTIONS, PROTOCOL_HANDLERS
from aiegis_guard.chains.evm.protocols.requests import REQUEST_CONTRACTS, decode_request
from aiegis_guard.chains.evm.selectors import FUNCTIONS as _BASE_FUNCTIONS
from aiegis_guard.chains.evm.selectors import MULTICALL3
from aiegis_guard.chains.evm.tokens import TOKEN_HANDLERS
from aiegis_guard.chains.evm.wrappers import WRAPPER_HANDLERS
from aiegis_guard.chains.known import known_contracts
from aiegis_guard.chains.transaction import SWAP_ORDER, Approval, Call, Operation, Receipt, Transfer
from aiegis_guard.checksums import bech32_decode
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.policy import is_evm_address

__all__ = ["MAX_OPS", "PAST_DEPTH_LIMIT", "decode_calldata", "decode_items"]

MAX_OPS = 2048  # more than a 128 KiB transaction holds (MultiSend records: 85 bytes each)


class _OpsLimit(Exception):
    """More than ``MAX_OPS`` operations: decoding stops, what was found stands."""


HANDLERS = {**TOKEN_HANDLERS, **WRAPPER_HANDLERS, **PROTOCOL_HANDLERS}
FUNCTIONS = {**PROTOCOL_FUNCTIONS, **_BASE_FUNCTIONS}
# handler -> the book's name of the libraries it may run from by DELEGATECALL
_DELEGATECALL_OK = {"multi_send": "Safe MultiSend", "safe.sign_message": "Safe SignMessageLib"}
_DELEGATECALL_OK.update(  # a DSProxy's vault actions (protocols/dss_proxy_actions.py)
    {f"dss_proxy_actions.{h}": "Maker DssProxyActions" for h in ("actions", "forwarded")}
)
_DELEGATECALL_OK["dss_proxy_actions.give_to_proxy"] = "Maker DssProxyActions"
PAST_DEPTH_LIMIT = "evm.call.past_depth_limit"  # the via of a call nested past MAX_DEPTH
_LIMIT_NOTE = f"undecodable:more than {MAX_OPS} operations"


def _delegatecall_ok(f: Frame, handler: str) -> bool:
    """Only Safe's own MultiSend and SignMessageLib libraries and Maker's DssProxyActions (by
    address) run as the account and are decoded; any other code reached by DELEGATECALL is
    opaque, whatever its selector says."""
    library = _DELEGATECALL_OK.get(handler)
    if library is None:
        return False
    known = known_contracts().get(f.target)
    return known is not None and known[0].startswith(library)


def _touches_own(f: Frame) -> bool:
    """Does the call name the signer (self-call of a delegated EOA, or its address as an arg)?"""
    own = f.origin
    if own is None:
        return False
    if f.target == own:
        return True
    # a call Multicall3 makes on its own authority: naming own in it grants it nothing
    return f.sender != MULTICALL3 and (bytes(12) + bytes.fromhex(own[2:])) in f.data


def _unknown(f: Frame, name: str | None = None, scan: bool = False) -> Call:
    """An opaque call; with ``scan``, the known calls its calldata carries beside it."""
    carried, cut = _embedded(f) if scan else ((), False)
    return Call(
        via="evm.delegatecall" if f.delegate else "evm.call",
        target=f.target,
        name=name,
        selector="0x" + f.data[:4].hex() if len(f.data) >= 4 else None,
        known=False,
        value=f.value,
        touches_own=f.delegate or _touches_own(f),
        accounts=(f.context,) if f.delegate else (),  # the account the code runs as
        sender=f.sender,
        carrier=" > ".join(f.path),
        names=_named_addresses(f),
        carried=carried,
        carried_cut=cut,
    )


def _embedded(f: Frame) -> tuple[tuple[Operation, ...], bool]:
    """The known calls ``f``'s calldata carries (``embedded.py``), decoded as calls the code
    running in ``f`` makes from its account (leaves: their calldata is not scanned again; the
    arguments of its calls to other contracts are theirs, ``embedded.py``), and whether a
    scan limit left some unread."""
    out: list[Operation] = []
    found, cut = embedded_scan(f.data, f.context)
    for target, data in found:
        frame = f.call(target or f.context, 0, data)
        fn = FUNCTIONS[data[:4]]
        try:
            items = HANDLERS[fn.handler](frame, fn, decode_args(fn.types, data[4:]))
        except EvmDecodeError:
            continue
        if runs_stranger_code(frame, fn.handler, items):
            items = _stranger_code(frame, fn.name, items)
        carrier = " > ".join((*f.path, "embedded"))
        out += [
            i.replace(carrier=carrier)
            for i in items
            if not isinstance(i, Frame | OnOwnBalance | str)
        ]
    return tuple(out), cut


MAX_NAMED = 16  # addresses read from one opaque call


def _named_addresses(f: Frame) -> tuple[str, ...]:
    """Addresses the call's arguments hold (``frames.word_address``), but the target's and the
    signer's: in its 32-byte words, and in a ``bytes`` / ``string`` argument holding one (20
    raw bytes, an address written as text, a bech32 account: ``_bytes_name``; a cross-chain
    receiver) whose length word an offset of the arguments points at (``_pointed``: a word of
    20 that is an amount is no length, review18c F11). Calldata
    nested in a ``bytes`` argument is not read for names: the calls a trusted router makes
    name the pools it trades with, no receiver of the caller's (review18c F2)."""
    data, found = f.data, []
    skip = {f.target, f.origin}
    pointed: set[int] | None = None
    lengths = False  # ``pointed`` read (at the first word of 20)
    for at in range(4, len(data) - 31, 32):
        word = data[at : at + 32]
        address = word_address(word)
        if address is None and word[:31] == bytes(31) and _NAME_LENGTHS[word[31]]:
            if not lengths:
                pointed, lengths = _pointed(data), True
            address = _bytes_name(data, at) if pointed is None or at in pointed else None
        if address is not None and address not in skip and address not in found:
            found.append(address)
            if len(found) >= MAX_NAMED:
                break
    return tuple(found)


def _pointed(data: bytes) -> set[int] | None:
    """The positions the ABI offsets of ``data``'s arguments point at: from the arguments'
    head (at 4), every offset word ``v`` of a head starting at ``b`` points at ``b + v``
    (a ``bytes`` / array length word or a dynamic tuple's head), read as a head in turn; a
    head ends where the first tail an offset of it reaches begins. None when that walk would
    read more than ``4 + len(data) / 8`` words, or when a word that cuts a head may be a
    static number hiding the real offset behind it (``_static_reading``): then any word may
    be a length (FLAG-prone, never blind)."""
    n, budget = len(data), 4 + len(data) // 8
    bases, seen, out = [4], {4}, set()
    while bases:
        base = bases.pop()
        end, at = n, base
        while at + 32 <= end:
            budget -= 1
            if budget < 0:
                return None
            value = int.from_bytes(data[at : at + 32], "big")
            target = base + value
            if value % 32 == 0 and at < target and target + 32 <= n:
                if target < end:  # a cut: the word may be a number (review19 F7)
                    budget -= _static_reading(data, base, target, budget)
                    if budget < 0:
                        return None  # a number or an offset: the walk cannot tell
                out.add(target)
                end = min(end, target)
                for head in (target, target + 32):  # a tuple's head; an array's elements
                    if head not in seen:
                        seen.add(head)
                        bases.append(head)
            at += 32
    return out


def _static_reading(data: bytes, base: int, target: int, budget: int) -> int:
    """The words read to see whether the word that cuts the head of ``base`` at ``target``
    may be a static number (a slippage of 32, a count of 64: review19 F7), more than
    ``budget`` when it may: read on as head words, the words from ``target`` hold an offset
    of that head pointing past itself (the real first offset, whose tail the cut would
    hide), or that would read more than ``budget`` words."""
    n, read = len(data), 0
    for at in range(target, n - 31, 32):
        read += 1
        value = int.from_bytes(data[at : at + 32], "big")
        if read > budget or (value % 32 == 0 and at < base + value and base + value + 32 <= n):
            return budget + 1
    return read


# lengths of a ``bytes`` / ``string`` that may hold an account: 20 raw bytes, or an address
# written as text: ``0x`` + 40 hex (42), a bech32 account of another chain (BIP-173: at most
# 90 characters; a Cosmos account ``osmo1…`` is 43, a contract 63)
_NAME_LENGTHS = tuple(n == 20 or 14 <= n <= 90 for n in range(256))


def _bytes_name(data: bytes, at: int) -> str | None:
    """The account a ``bytes`` / ``string`` argument holds (its length word at ``at``): 20 raw
    bytes (an address written as bytes), an EVM address written as text (``"0x…"``: Axelar's
    ``destinationAddress``, lower-cased) or a bech32 account of another chain whose checksum
    holds (kept as written: never own, a stranger unless allowlisted), else None."""
    n = data[at + 31]
    end = at + 32 + n
    body, pad = data[at + 32 : end], data[end : at + 32 + -(-n // 32) * 32]
    if len(body) != n or pad.strip(b"\0"):
        return None
    if n == 20:
        return None if body[:2] == b"\0\0" else "0x" + body.hex()
    try:
        text = body.decode("ascii")
    except UnicodeDecodeError:
        return None
    if n == 42 and is_evm_address(text):
        return text.lower()
    return text if bech32_decode(text) is not None else None


def _walk(f: Frame, ops: list[Operation], notes: list[str]) -> None:
    if f.depth > MAX_DEPTH:
        _past_depth_limit(f, ops, notes)
        return
    if f.target in REQUEST_CONTRACTS and not f.delegate:  # raw calldata, not ABI
        _collect(decode_request(f), f.path, False, ops, notes)
        return
    fn = FUNCTIONS.get(f.data[:4]) if len(f.data) >= 4 else None
    if fn is None or (f.delegate and not _delegatecall_ok(f, fn.handler)):
        opaque = _unknown(f, fn.name if fn else None, scan=True)
        ops.append(opaque)
        permits = carried_permits(f)  # the own permit an unknown contract is handed
        ops.extend(permits)
        ops.extend(_signed_grants(f, opaque.carried, permits))
        return
    try:
        args = decode_args(fn.types, f.data[4:])
    except EvmDecodeError:  # what the decoder refuses: opaque, its carried calls still read
        opaque = _unknown(f, fn.name, scan=True)
        if f.depth == 0 and not opaque.carried:
            raise  # nothing read at all: the whole request is undecodable
        ops.append(opaque)
        notes.append(f"undecodable:{fn.name}")
        return
    wrapper = fn.handler in WRAPPER_HANDLERS
    path = (*f.path, fn.name) if wrapper else f.path
    items = _carry(f, HANDLERS[fn.handler](f, fn, args))
    if runs_stranger_code(f, fn.handler, items):
        items = _stranger_code(f, fn.name, items)
    _collect(items, path, wrapper, ops, notes)


_SIGNED = frozenset(
    {"eip2612.permit", "dai.permit", "permit2.permit_single", "permit2.permit_batch"}
)


def _signed_grants(f: Frame, carried: tuple[Any, ...], known: list[Approval]) -> list[Approval]:
    """The permits of the own account among an opaque call's embedded calls (a signed grant
    holds whoever submits it: a kit's contract handed the whole ``permit`` call), but those
    ``carried_permits`` already read."""
    owners = {a for a in (f.origin, f.context if f.sender else None, f.sender) if a}
    seen = {(a.spender, a.amount) for a in known}
    return [
        op
        for op in carried
        if isinstance(op, Approval)
        and op.via in _SIGNED
        and op.owner in owners
        and (op.spender, op.amount) not in seen
    ]


def _carry(f: Frame, items: list[Any]) -> list[Any]:
    """A handler that left its own call opaque (a mode or a command it cannot read): that
    call carries what its calldata embeds, as any opaque call does."""
    for i, item in enumerate(items):
        if isinstance(item, Call) and not item.known and item.target == f.target:
            if not item.carried and not item.off_book:
                items = list(items)
                carried, cut = _embedded(f)
                items[i] = item.replace(carried=carried, carried_cut=cut)
            break
    return items


def _past_depth_limit(f: Frame, ops: list[Operation], notes: list[str]) -> None:
    """A frame nested deeper than ``MAX_DEPTH``: a leaf call of the embedded kinds (a token
    or administration standard, Permit2: ``embedded.CANDIDATES``) is still decoded (it nests
    nothing); anything else is an opaque call marked ``past_depth_limit`` whose carried
    calls are judged when an own account made it or is called (``judge_gives.call``): what
    the decoder did not follow keeps the verdict its calls have bare."""
    fn = CANDIDATES.get(f.data[:4]) if not f.delegate else None
    if fn is not None:
        try:
            items = HANDLERS[fn.handler](f, fn, decode_args(fn.types, f.data[4:]))
        except EvmDecodeError:
            items = [_unknown(f, fn.name, scan=True), f"undecodable:{fn.name}"]
        if runs_stranger_code(f, fn.handler, items):
            items = _stranger_code(f, fn.name, items)
        _collect(
            [i for i in items if not isinstance(i, Frame | OnOwnBalance)], (), False, ops, notes
        )
        return
    ops.append(_unknown(f, scan=True).replace(via=PAST_DEPTH_LIMIT))
    notes.append("depth-limit")


def _stranger_code(f: Frame, name: str, items: list[Any]) -> list[Any]:
    """A protocol's function called on a contract that is not the protocol's (``callee.py``):
    also an unknown call of that contract, with the own permits it is handed, beside what the
    handler read (a call the handler named "known" there is replaced by it; one it already
    left unknown stands for it)."""
    own_call = [i for i in items if isinstance(i, Call) and i.target == f.target]
    if any(not c.known for c in own_call):
        return items
    opaque = _unknown(f, name).replace(names=(), off_book=True)
    rest = [i for i in items if not (isinstance(i, Call) and i.known and i.target == f.target)]
    return [opaque, *carried_permits(f), *rest]


def _collect(
    items: list[Any], path: tuple[str, ...], wrapper: bool, ops: list[Operation], notes: list[str]
) -> None:
    carrier = " > ".join(path)
    for item in items:
        if isinstance(item, Frame):
            _walk(item.along(path) if wrapper else item, ops, notes)
        elif isinstance(item, OnOwnBalance):
            _on_own_balance(item, ops, notes)
        elif isinstance(item, Onward):
            _onward(item, ops)
        elif isinstance(item, str):
            notes.append(item)
        else:
            ops.append(item.replace(carrier=carrier) if carrier else item)
        if len(ops) > MAX_OPS:
            raise _OpsLimit


def _on_own_balance(item: OnOwnBalance, ops: list[Operation], notes: list[str]) -> None:
    """The promise, whole only when every call decodes to a swap; each output those calls pay
    outside ``keeps`` (an output given away). Their gives and grants are the contract's."""
    swaps, away = True, []
    for frame in item.frames:
        inner: list[Operation] = []
        try:
            _walk(frame, inner, [])
        except EvmDecodeError:
            inner = []
        outputs = [op for op in inner if isinstance(op, Receipt)]
        if not outputs or any(isinstance(op, Call) and not op.known for op in inner):
            swaps = False
        away += [r for r in outputs if not r.to_caller and r.recipient.lower() not in item.keeps]
    guarantee = item.guarantee
    if not swaps:
        notes.append("inner-call-not-a-swap")
        guarantee = guarantee.replace(amount=0)
    ops.append(guarantee)
    ops.extend(away)


def _landings(
    item: Onward, frame: Frame, ops: list[Operation], granted: dict[str, Approval]
) -> tuple[list[Receipt], int | None]:
    """Where one of the executor's calls sends value (an exchange's outputs; else the
    executor's own payments; the value a call carries, to its target), and how much of the
    bridged token it spends (None: unknown). A call the decoder does not read is the
    request's opaque call, judged as such; so is what a call moves out of, or grants from,
    the request's sender (``transferFrom(own, x)``: a give of own on own's allowance). The
    allowances the executor gives are kept in ``granted`` (spender -> grant)."""
    executor, token = item.output.recipient, item.output.asset
    inner: list[Operation] = []
    try:
        _walk(frame, inner, [])
    except EvmDecodeError:
        inner = [_unknown(frame)]
    exchange = any(isinstance(op, Receipt) for op in inner)
    landed: list[Receipt] = []
    spent: int | None = 0
    for op in inner:
        if isinstance(op, Receipt) and not op.to_caller and op.recipient != executor:
            landed.append(op.replace(order=SWAP_ORDER))
        elif isinstance(op, Transfer) and op.sender == executor:
            if op.asset == token and spent is not None:  # no amount: the whole balance
                spent = item.output.amount if op.amount is None else spent + op.amount
            if not exchange and op.recipient != executor:
                paid = {"asset": op.asset, "amount": op.amount, "token_id": op.token_id}
                landed.append(item.output.replace(recipient=op.recipient, **paid))
        elif isinstance(op, Approval) and op.owner == executor:
            if not op.revoke and op.spender != executor:
                granted[op.spender] = op
        elif isinstance(op, Call) and not op.known:
            ops.append(op.replace(sender=item.sender))
            spent = None
            if op.value and op.target != executor:  # the value is the target's, whatever runs
                paid = {"asset": native(), "amount": op.value, "token_id": None}
                landed.append(item.output.replace(recipient=op.target, **paid))
        elif isinstance(op, Transfer) and op.sender == item.sender is not None:
            ops.append(op)  # the request's sender's tokens, on its allowance
        elif isinstance(op, Approval) and op.owner == item.sender is not None:
            ops.append(op)  # a grant of the request's sender (a permit it signed)
    return landed, spent


def _taken(output: Receipt, grants: dict[str, Approval]) -> list[Receipt]:
    """Allowances the executor gave, once a call the decoder does not read follows (it may
    run the spender's code, which takes them): a payment to each spender that is not a
    contract of the address book (a router runs only its known code)."""
    book = known_contracts()
    return [
        output.replace(recipient=spender, asset=grant.asset, amount=grant.amount)
        for spender, grant in grants.items()
        if spender not in book
    ]


def _onward(item: Onward, ops: list[Operation]) -> None:
    """A bridge output handed to an executor (``frames.Onward``): a receipt of wherever its
    calls send it, and of the leftover's payee for what they leave (all of it if they fail:
    a payee not already paid by the calls is a receipt of an unknown share); an allowance
    the executor gives, of its spender when a later call does not read (``_taken``)."""
    output = item.output
    landed: list[Receipt] = []
    spent: int | None = 0
    granted: dict[str, Approval] = {}
    for frame in item.frames:
        earlier, before = dict(granted), len(ops)
        found, used = _landings(item, frame, ops, granted)
        if earlier and any(isinstance(op, Call) and not op.known for op in ops[before:]):
            landed += _taken(output, earlier)
        landed += found
        spent = None if spent is None or used is None else spent + used
    ops.extend(landed)
    if not item.frames:
        ops.append(output.replace(recipient=item.leftover or REDEEMER))
        return
    left = None if spent is None or output.amount is None else max(output.amount - spent, 0)
    if item.leftover is not None:
        if item.leftover not in {r.recipient for r in landed if r.asset == output.asset}:
            ops.append(output.replace(recipient=item.leftover, amount=None))
    elif left is None or left > 0:  # stays with the executor: whoever calls it next takes it
        ops.append(output.replace(recipient=REDEEMER, amount=left))


def decode_items(
    f: Frame, items: list[Any], path: tuple[str, ...]
) -> tuple[list[Operation], list[str]]:
    """Decode what a wrapper handler returned (typed data that carries a call: SafeTx)."""
    ops: list[Operation] = []
    notes: list[str] = []
    try:
        _collect(items, path, True, ops, notes)
    except _OpsLimit:
        notes.append(_LIMIT_NOTE)
    return ops, notes


def decode_calldata(frame: Frame) -> tuple[list[Operation], list[str]]:
    """The operations a call performs, and notes on how they were found."""
    ops: list[Operation] = []
    notes: list[str] = []
    try:
        _walk(frame, ops, notes)
    except _OpsLimit:
        notes.append(_LIMIT_NOTE)
    return ops, notes
