"""A call frame: which code runs, on whose behalf, with which calldata (decoder state only).

For a CALL from ``A`` to ``C``: ``target = context = C`` and ``sender = A`` (``msg.sender``).
A wrapper in ``C`` calling ``T`` makes a frame with ``sender = C``. A DELEGATECALL to ``T``
runs ``T``'s code in the caller's ``context`` with the caller's ``sender``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from aiegis_guard.chains.transaction import Asset, AssetKind, AuthorityChange
from aiegis_guard.findings import Chain
from aiegis_guard.record import fast_init

__all__ = ["MAX_DEPTH", "ZERO", "Frame", "OnOwnBalance", "Result", "asset", "authority", "native"]
__all__ += ["Onward", "currency", "word_address"]

ZERO = "0x" + "0" * 40
MAX_DEPTH = 8  # nested wrappers decoded; deeper calls become unknown calls


@fast_init
@dataclass(frozen=True, slots=True)
class Frame:
    target: str  # code that runs (lower-case address)
    sender: str | None  # msg.sender
    context: str  # account whose balance / storage the code uses
    value: int  # msg.value
    data: bytes
    depth: int = 0
    delegate: bool = False  # reached by DELEGATECALL
    origin: str | None = None  # the transaction's signer (tx.origin)
    path: tuple[str, ...] = ()  # the wrapper functions that led here ("execTransaction", ...)

    def call(self, target: str, value: int, data: bytes) -> Frame:
        """A CALL made by the code running in this frame."""
        return Frame(
            target, self.context, target, value, data, self.depth + 1, False, self.origin, self.path
        )

    def delegatecall(self, target: str, data: bytes) -> Frame:
        """A DELEGATECALL made by the code running in this frame."""
        s = self
        return Frame(
            target, s.sender, s.context, s.value, data, s.depth + 1, True, s.origin, s.path
        )

    def inner(self, data: bytes) -> Frame:
        """The same code called again with other calldata (multicall, sub-plans)."""
        s = self
        return Frame(
            s.target, s.sender, s.context, s.value, data, s.depth + 1, s.delegate, s.origin, s.path
        )

    def along(self, path: tuple[str, ...]) -> Frame:
        """This frame reached through the wrappers ``path``."""
        s = self
        return Frame(
            s.target, s.sender, s.context, s.value, s.data, s.depth, s.delegate, s.origin, path
        )


@dataclass(frozen=True, slots=True)
class OnOwnBalance:
    """Calls a contract makes on its own balance before it pays the caller what it promised
    (LI.FI's swaps before ``_minAmountOut`` of the diamond's balance goes to ``_receiver``):
    decoded only to read where their outputs go (``calldata``). An output paid to one of
    ``keeps`` (the contract itself, the promised receiver) stays covered by ``guarantee`` (the
    contract's promise, a :class:`Receipt`); one paid elsewhere is an output given away; and
    unless every call decodes to a swap, the promise guarantees nothing (its minimum: 0)."""

    frames: tuple[Frame, ...]
    keeps: frozenset[str]  # lower-case
    guarantee: Any  # the Receipt the contract checks


@dataclass(frozen=True, slots=True)
class Onward:
    """A bridge output paid to an executor that then makes the calls the request spells out
    (Across's MulticallHandler ``Instructions``): decoded only to read where the output lands.
    ``output`` is the bridge's promise to the executor (a :class:`Receipt`); each output the
    ``frames`` (the executor's calls) pay, and each of the executor's own payments, is a
    receipt of its recipient instead; ``leftover`` is paid what the calls leave (all of it
    when they fail; None: nobody, it stays with the executor for anyone to take). A call the
    decoder does not read is the request's own opaque call (its ``sender``)."""

    frames: tuple[Frame, ...]
    output: Any  # the Receipt to the executor
    leftover: str | None
    sender: str | None


Result = list[Any]  # each an Operation, a Frame to decode next, OnOwnBalance, Onward, or a note

_NATIVE = Asset(chain=Chain.EVM, kind=AssetKind.NATIVE, symbol=None, decimals=18)


def authority(f: Frame, via: str, what: str, new: str | None) -> AuthorityChange:
    """The called contract's ``what`` (owner, module, delegate...) handed to ``new`` by the
    caller (None: taken away)."""
    return AuthorityChange(
        via=via,
        account=f.target,
        new_authority=new,
        authority_type=what,
        current_authority=f.sender,
    )


def native() -> Asset:
    return _NATIVE


_ASSETS: dict[tuple[str, AssetKind], Asset] = {}
_ASSET_CACHE = 4096


def currency(address: str) -> Asset:
    """A payment currency: ether where the protocol writes the zero address, else the token."""
    return native() if address == ZERO else asset(address)


def asset(address: str, kind: AssetKind = AssetKind.FUNGIBLE) -> Asset:
    """A token contract as an asset (decimals unknown to the decoder); cached, it is a value."""
    if address == ZERO and kind is AssetKind.FUNGIBLE:
        return _NATIVE  # UniversalRouter / many routers: address(0) means ETH
    key = (address, kind)
    found = _ASSETS.get(key)
    if found is None:
        found = Asset(chain=Chain.EVM, kind=kind, address=address)
        if len(_ASSETS) >= _ASSET_CACHE:
            _ASSETS.clear()
        _ASSETS[key] = found
    return found


_ZERO12 = bytes(12)


def word_address(word: bytes) -> str | None:
    """The address a 32-byte argument word holds (12 zero bytes, then 20 of which the first
    two are not both zero: an amount that small is no address), else None."""
    if len(word) == 32 and word[:12] == _ZERO12 and word[12:14] != b"\0\0":
        return "0x" + word[12:].hex()
    return None
