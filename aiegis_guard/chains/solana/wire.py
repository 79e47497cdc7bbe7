"""The Solana wire format, read byte by byte (no SDK): transactions and legacy / v0 messages.

::

    transaction = compact-u16 n, n x 64-byte signature, message
    message     = [0x80 | version]?  header(3 bytes)  compact-u16 keys, 32-byte keys...
                  32-byte recent blockhash  compact-u16 instructions...
                  (v0 only) compact-u16 lookups, (32-byte table, writable idx[], readonly idx[])...
    instruction = u8 program index, compact-u16 accounts + u8 indexes, compact-u16 data + bytes

Everything that does not fit raises :class:`~aiegis_guard.errors.SolanaDecodeError`; the
checks mirror the runtime's ``sanitize`` so that what decodes here is what could execute.
"""

from __future__ import annotations

from dataclasses import dataclass

from aiegis_guard.errors import SolanaDecodeError
from aiegis_guard.record import fast_init

__all__ = ["MAX_WIRE_BYTES", "WireInstruction", "WireLookup", "WireMessage", "parse_wire"]

MAX_WIRE_BYTES = 64 * 1024
"""Far above the 1232-byte packet limit; anything longer is not a transaction."""

_SIG = 64
_KEY = 32


@fast_init
@dataclass(frozen=True, slots=True)
class WireInstruction:
    program_index: int
    accounts: bytes  # account indexes, one byte each
    data: bytes


@fast_init
@dataclass(frozen=True, slots=True)
class WireLookup:
    table: bytes
    writable: bytes
    readonly: bytes


@fast_init
@dataclass(frozen=True, slots=True)
class WireMessage:
    version: int | None  # None: legacy
    num_required_signatures: int
    num_readonly_signed: int
    num_readonly_unsigned: int
    keys: tuple[bytes, ...]
    blockhash: bytes
    instructions: tuple[WireInstruction, ...]
    lookups: tuple[WireLookup, ...]

    @property
    def lookup_count(self) -> int:
        return sum(len(lk.writable) + len(lk.readonly) for lk in self.lookups)

    def is_writable(self, index: int) -> bool:
        """Writable per the header (static keys) or the lookup's writable list."""
        n_keys = len(self.keys)
        if index >= n_keys:
            return index - n_keys < sum(len(lk.writable) for lk in self.lookups)
        if index < self.num_required_signatures:
            return index < self.num_required_signatures - self.num_readonly_signed
        return index < n_keys - self.num_readonly_unsigned


class _Reader:
    __slots__ = ("data", "pos")

    def __init__(self, data: bytes, pos: int = 0) -> None:
        self.data = data
        self.pos = pos

    def take(self, n: int, what: str) -> bytes:
        end = self.pos + n
        if end > len(self.data):
            raise SolanaDecodeError(f"truncated: {what} needs {n} bytes at offset {self.pos}")
        out = self.data[self.pos : end]
        self.pos = end
        return out

    def u8(self, what: str) -> int:
        pos = self.pos
        if pos >= len(self.data):
            raise SolanaDecodeError(f"truncated: {what} missing at offset {pos}")
        self.pos = pos + 1
        return self.data[pos]

    def compact_u16(self, what: str) -> int:
        """Solana's short-vec length: 1-3 bytes, 7 bits each, canonical, at most 0xffff."""
        pos, data = self.pos, self.data
        if pos < len(data) and data[pos] < 0x80:  # fast path: one byte
            self.pos = pos + 1
            return data[pos]
        value = 0
        for i in range(3):
            byte = self.u8(what)
            value |= (byte & 0x7F) << (7 * i)
            if not byte & 0x80:
                if i and byte == 0:
                    raise SolanaDecodeError(f"non-canonical compact-u16 for {what}")
                if value > 0xFFFF:
                    raise SolanaDecodeError(f"compact-u16 overflow for {what}")
                return value
        raise SolanaDecodeError(f"compact-u16 longer than 3 bytes for {what}")

    def vec(self, size: int, what: str) -> tuple[bytes, ...]:
        n = self.compact_u16(what)
        raw = self.take(n * size, what)
        return tuple([raw[i : i + size] for i in range(0, n * size, size)])

    def byte_vec(self, what: str) -> bytes:
        n = self.compact_u16(what)
        pos = self.pos
        end = pos + n
        if end > len(self.data):
            raise SolanaDecodeError(f"truncated: {what} needs {n} bytes at offset {pos}")
        self.pos = end
        return self.data[pos:end]


def _read_message(reader: _Reader) -> WireMessage:
    first = reader.u8("message header")
    version: int | None = None
    if first & 0x80:
        version = first & 0x7F
        if version != 0:
            raise SolanaDecodeError(f"unsupported message version {version}")
        first = reader.u8("message header")
    header = (first, reader.u8("message header"), reader.u8("message header"))
    keys = reader.vec(_KEY, "account keys")
    blockhash = reader.take(_KEY, "recent blockhash")
    instructions = _instructions(reader, reader.compact_u16("instruction count"))
    lookups = []
    if version is not None:
        for _ in range(reader.compact_u16("lookup count")):
            table = reader.take(_KEY, "lookup table key")
            lookups.append(
                WireLookup(table, reader.byte_vec("writable indexes"), reader.byte_vec("readonly"))
            )
    msg = WireMessage(
        version, *header, keys, blockhash, tuple(instructions), tuple(lookups)
    )  # fmt: skip
    _sanitize(msg)
    return msg


def _instructions(reader: _Reader, count: int) -> list[WireInstruction]:
    """``count`` instructions. Most read with one-byte lengths, all in range: those are sliced
    inline; any other goes through the reader's checked steps (same values, same errors)."""
    data, pos, size = reader.data, reader.pos, len(reader.data)
    out = []
    for _ in range(count):
        if pos + 2 < size and data[pos + 1] < 0x80:  # program index, accounts length
            accounts_end = pos + 2 + data[pos + 1]
            if accounts_end < size and data[accounts_end] < 0x80:  # data length
                end = accounts_end + 1 + data[accounts_end]
                if end <= size:
                    program, accounts = data[pos], data[pos + 2 : accounts_end]
                    out.append(WireInstruction(program, accounts, data[accounts_end + 1 : end]))
                    pos = end
                    continue
        reader.pos = pos
        program = reader.u8("program index")
        accounts = reader.byte_vec("instruction accounts")
        out.append(WireInstruction(program, accounts, reader.byte_vec("instruction data")))
        pos = reader.pos
    reader.pos = pos
    return out


def _sanitize(msg: WireMessage) -> None:
    n_keys = len(msg.keys)
    if msg.num_required_signatures == 0:
        raise SolanaDecodeError("message needs at least one signer (the fee payer)")
    if msg.num_readonly_signed >= msg.num_required_signatures:
        raise SolanaDecodeError("the fee payer must be writable")
    if msg.num_required_signatures + msg.num_readonly_unsigned > n_keys:
        raise SolanaDecodeError("header counts exceed the number of account keys")
    total = n_keys + msg.lookup_count
    if total > 256:
        raise SolanaDecodeError(f"{total} accounts: more than 256 cannot be indexed")
    if len(set(msg.keys)) != n_keys:
        raise SolanaDecodeError("duplicate account keys")
    for ix in msg.instructions:
        if not 0 < ix.program_index < n_keys:
            raise SolanaDecodeError(f"program index {ix.program_index} out of range")
        if ix.accounts and max(ix.accounts) >= total:
            raise SolanaDecodeError(f"account index {max(ix.accounts)} out of range")
    for lk in msg.lookups:
        if not lk.writable and not lk.readonly:
            raise SolanaDecodeError("an address lookup that loads no account")


def _try_transaction(
    data: bytes, trailing: bool = False
) -> tuple[tuple[bytes, ...], WireMessage] | None:
    """A signed transaction filling ``data``; with ``trailing``, bytes after it are ignored,
    as the consumers of the bytes read them: solders ``VersionedTransaction.from_bytes``
    (bincode) and the RPC's ``sendTransaction`` (agave ``rpc/src/rpc.rs``:
    ``bincode::options() ... .allow_trailing_bytes()``) sign and send the prefix."""
    reader = _Reader(data)
    try:
        signatures = reader.vec(_SIG, "signatures")
        if not signatures:
            return None
        msg = _read_message(reader)
    except SolanaDecodeError:
        return None
    if (reader.pos != len(data) and not trailing) or msg.num_required_signatures != len(signatures):
        return None
    return signatures, msg


def parse_wire(data: bytes) -> tuple[tuple[bytes, ...] | None, WireMessage]:
    """``(signatures, message)`` of a serialized transaction; ``(None, message)`` of a bare one."""
    if len(data) > MAX_WIRE_BYTES:
        raise SolanaDecodeError(f"{len(data)} bytes is too long for a Solana transaction")
    if not data:
        raise SolanaDecodeError("empty payload")
    parsed = _try_transaction(data)
    if parsed is not None:
        return parsed
    reader = _Reader(data)
    try:
        msg = _read_message(reader)
        if reader.pos != len(data):
            raise SolanaDecodeError(f"{len(data) - reader.pos} trailing bytes after the message")
    except SolanaDecodeError:
        parsed = _try_transaction(data, trailing=True)  # what solders / the RPC read
        if parsed is None:
            raise
        return parsed
    return None, msg
