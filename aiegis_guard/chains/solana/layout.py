"""Instruction layouts as data, and the reader of their argument fields.

A :class:`Layout` says how one instruction's data and accounts read; :func:`read_args` reads
the little-endian argument fields the programs pack (bincode / Borsh / SPL ``Pack``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.transaction import (
    Asset,
    AssetKind,
    AuthorityChange,
    Call,
    Operation,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["Ix", "Layout", "associated_token_address", "known", "known_call", "pubkey_str"]
__all__ += ["SOL", "authority_change", "lamports_paid", "malformed_call", "read_args"]

SOL = Asset(chain=Chain.SOLANA, kind=AssetKind.NATIVE, symbol="SOL", decimals=9)

_KEY_CACHE: dict[bytes, str] = {}


def pubkey_str(raw: bytes) -> str:
    """Base58 of a 32-byte key (cached: the same programs and wallets recur)."""
    text = _KEY_CACHE.get(raw)
    if text is None:
        text = str(Pubkey.from_bytes(raw))
        if len(_KEY_CACHE) < 4096:
            _KEY_CACHE[raw] = text
    return text


@lru_cache(maxsize=8192)
def associated_token_address(wallet: str, mint: str, program: str) -> str | None:
    """The ATA of ``wallet`` for ``mint`` under a token program (None for a non-key input)."""
    try:
        keys = (Pubkey.from_string(wallet), Pubkey.from_string(mint), Pubkey.from_string(program))
    except ValueError:
        return None
    return str(get_associated_token_address(*keys))


@dataclass(slots=True)
class Ix:
    """One instruction, read: ``args`` by field name, ``acc`` by account role."""

    program: str
    family: str | None
    name: str | None
    args: dict[str, Any]
    acc: dict[str, str]
    accounts: tuple[str, ...]
    data: bytes
    malformed: str | None = None
    writable: tuple[str, ...] = ()  # the accounts the message marks writable


@dataclass(frozen=True, slots=True)
class Layout:
    """One instruction: its name, argument fields ``(name, type)`` and account roles.

    Types: ``u8 u16 u32 u64 u128`` little-endian, ``pubkey`` (32 bytes), ``copt_pubkey`` (SPL
    ``COption<Pubkey>``: tag byte 0/1, then 32 bytes when 1), ``opt_u8`` ... ``opt_u64`` /
    ``opt_pubkey`` (bincode / Borsh ``Option``: tag byte 0/1, then the value when 1),
    ``bytes`` (Borsh ``Vec<u8>``: u32 length + the bytes), ``bytes32`` (32 raw bytes),
    ``nz_pubkey`` (Token-2022 ``OptionalNonZeroPubkey``: 32 bytes, all zero = none),
    ``string`` (bincode: u64 length + UTF-8). ``accounts`` are the roles of the first
    accounts, in order; an instruction with fewer accounts than ``min_accounts`` is malformed
    (the program would reject it).
    """

    name: str
    args: tuple[tuple[str, str], ...] = ()
    accounts: tuple[str, ...] = ()
    min_accounts: int = -1  # -1: len(accounts)

    @property
    def required_accounts(self) -> int:
        return len(self.accounts) if self.min_accounts < 0 else self.min_accounts


def known_call(ix: Ix) -> Call:
    """The instruction as named: read, and found to hand nobody anything."""
    return Call(via="solana.instruction", target=ix.program, name=ix.name, known=True)


def known(ix: Ix, refs: Any = None) -> list[Operation]:
    """:func:`known_call` as an instruction's builder."""
    return [known_call(ix)]


_INT_SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8, "u128": 16}


def malformed_call(ix: Ix) -> Call:
    """``ix`` as a call whose data its program would reject (judged like an unknown call)."""
    return Call(via="solana.malformed", target=ix.program, name=ix.name, accounts=ix.accounts)


def lamports_paid(ix: Ix, via: str, sender: str, recipient: str, source: str) -> Transfer:
    """``ix``'s ``lamports`` argument paid out of account ``source`` (its name in the layout)
    on the authority of ``sender`` to ``recipient`` (a stake or vote withdrawal)."""
    return Transfer(
        via=via,
        asset=SOL,
        sender=ix.acc[sender],
        recipient=ix.acc[recipient],
        amount=ix.args["lamports"],
        source=ix.acc[source],
    )


def authority_change(
    ix: Ix, account: str, via: str, role: str, new: str | None, *, current: str | None = None
) -> AuthorityChange:
    """The ``account`` of ``ix`` (its name in the layout: "stake", "vote") handed to ``new``
    as ``role`` by ``current`` (None: set at creation)."""
    return AuthorityChange(
        via=via,
        account=ix.acc[account],
        new_authority=new,
        authority_type=role,
        current_authority=current,
    )


def read_args(args: tuple[tuple[str, str], ...], data: bytes, pos: int) -> dict[str, Any] | str:
    """Argument values by name, or the reason they cannot be read."""
    out: dict[str, Any] = {}
    for name, kind in args:
        size = _INT_SIZES.get(kind)
        if size is not None:
            if pos + size > len(data):
                return f"data too short for {name}"
            out[name] = int.from_bytes(data[pos : pos + size], "little")
            pos += size
        elif kind == "bytes32":  # a raw 32-byte word (another chain's address)
            if pos + 32 > len(data):
                return f"data too short for {name}"
            out[name] = data[pos : pos + 32]
            pos += 32
        elif kind == "nz_pubkey":
            if pos + 32 > len(data):
                return f"data too short for {name}"
            raw = data[pos : pos + 32]
            out[name] = pubkey_str(raw) if any(raw) else None
            pos += 32
        elif kind == "pubkey" or (kind.endswith("opt_pubkey") and data[pos : pos + 1] == b"\x01"):
            pos += kind != "pubkey"
            if pos + 32 > len(data):
                return f"data too short for {name}"
            out[name] = pubkey_str(data[pos : pos + 32])
            pos += 32
        elif kind in ("copt_pubkey", "opt_pubkey") or kind.startswith("opt_u"):
            tag = data[pos : pos + 1]
            width = _INT_SIZES.get(kind[4:], 0)
            if width and tag == b"\x01" and pos + 1 + width <= len(data):
                out[name] = int.from_bytes(data[pos + 1 : pos + 1 + width], "little")
                pos += 1 + width
                continue
            if tag != b"\x00":
                return f"bad option tag for {name}" if tag else f"data too short for {name}"
            out[name] = None
            pos += 1
        elif kind == "bytes":  # Borsh Vec<u8>: u32 length + the bytes
            size = int.from_bytes(data[pos : pos + 4], "little") if pos + 4 <= len(data) else -1
            if size < 0 or pos + 4 + size > len(data):
                return f"data too short for {name}"
            out[name] = data[pos + 4 : pos + 4 + size]
            pos += 4 + size
        else:  # bincode string: u64 length + UTF-8
            size = int.from_bytes(data[pos : pos + 8], "little") if pos + 8 <= len(data) else -1
            if size < 0 or pos + 8 + size > len(data):
                return f"data too short for {name}"
            try:
                out[name] = data[pos + 8 : pos + 8 + size].decode("utf-8")
            except UnicodeDecodeError:
                return f"{name} is not UTF-8"
            pos += 8 + size
    return out
