"""Solana payload -> :class:`DecodedTransaction` (legacy and v0; wire bytes or solders objects).

Accepted payloads: serialized transactions or bare messages as ``bytes``, base64 / base58 / hex
``str``, a mapping ``{"transaction": <str|bytes>, "lookup_tables": {...}}``, and solders
``Transaction`` / ``VersionedTransaction`` / ``Message`` / ``MessageV0``. Instructions are read
with the tables in :mod:`.programs` and turned into operations by :mod:`.operations`.

v0 accounts that live in address lookup tables are resolved from ``lookup_tables`` (a mapping
``table -> [addresses]`` or solders ``AddressLookupTableAccount``s); those not supplied stay
``alt:<table>#<index>`` placeholders, counted in ``unresolved_accounts`` and said in ``notes``.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import base58
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.message import Message, MessageV0, to_bytes_versioned
from solders.pubkey import Pubkey
from solders.transaction import Transaction, VersionedTransaction

from aiegis_guard.chains.carried import CARRIED
from aiegis_guard.chains.siwe import parse_siwe
from aiegis_guard.chains.solana.operations import build_operations, pubkey_str
from aiegis_guard.chains.solana.wire import MAX_WIRE_BYTES, WireMessage, parse_wire
from aiegis_guard.chains.transaction import DecodedTransaction, PayloadKind
from aiegis_guard.errors import SolanaDecodeError, quote
from aiegis_guard.findings import Chain

__all__ = ["LookupTables", "decode_offchain_message", "decode_solana", "pubkey_str", "text_bytes"]

LookupTables = Mapping[Any, Sequence[Any]] | Iterable[AddressLookupTableAccount]
_PAYLOAD_KEYS = ("transaction", "tx", "message", "payload")
_ZERO_SIG = bytes(64)
_OFFCHAIN_PREFIX = b"\xffsolana offchain"
_MAX_MESSAGE = 1 << 20
_MIN_ENCODED = 90  # base58 of the smallest message (header, one key, blockhash: 69 bytes)
_ENCODED_RE = re.compile(r"(?:0x)?[A-Za-z0-9+/_-]+={0,2}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # not readable text


def decode_solana(payload: Any, *, lookup_tables: LookupTables | None = None) -> DecodedTransaction:
    """Decode a Solana transaction or message. Raises only :class:`SolanaDecodeError`."""
    try:
        if isinstance(payload, Mapping):
            payload, lookup_tables = _unwrap_mapping(payload, lookup_tables)
        tables = _normalize_tables(lookup_tables)
        signatures, msg = _parse_payload(payload)
        return _decode_message(signatures, msg, tables)
    except SolanaDecodeError:
        raise
    except (ValueError, TypeError, OverflowError, IndexError, KeyError) as exc:
        raise SolanaDecodeError(f"not a Solana transaction ({type(exc).__name__})") from None


def _unwrap_mapping(
    payload: Mapping[str, Any], tables: LookupTables | None
) -> tuple[Any, LookupTables | None]:
    for key in _PAYLOAD_KEYS:
        if key in payload:
            inner = payload[key]
            if isinstance(inner, list | tuple) and len(inner) == 2:  # RPC: [data, "base64"]
                inner = text_bytes(str(inner[0]), str(inner[1]))
            return inner, tables if tables is not None else payload.get("lookup_tables")
    raise SolanaDecodeError(f"a mapping needs one of the keys {', '.join(_PAYLOAD_KEYS)}")


def _parse_payload(payload: Any) -> tuple[tuple[bytes, ...] | None, WireMessage]:
    if isinstance(payload, bytes | bytearray | memoryview):
        return parse_wire(bytes(payload))
    if isinstance(payload, str):
        return _parse_text(payload)
    if isinstance(payload, VersionedTransaction | Transaction):
        return parse_wire(bytes(payload))
    if isinstance(payload, MessageV0):
        return parse_wire(to_bytes_versioned(payload))
    if isinstance(payload, Message):
        return parse_wire(bytes(payload))
    raise SolanaDecodeError(f"cannot decode a {type(payload).__name__} as a Solana transaction")


def _parse_text(text: str) -> tuple[tuple[bytes, ...] | None, WireMessage]:
    """Try base64, then base58, then hex: the first encoding that parses wins."""
    text = text.strip()
    if len(text) > MAX_WIRE_BYTES * 2:
        raise SolanaDecodeError("payload too long for a Solana transaction")
    first_error: SolanaDecodeError | None = None
    for encoding in ("base64", "base58", "hex"):
        try:
            raw = text_bytes(text, encoding)
        except SolanaDecodeError as exc:
            first_error = first_error or exc
            continue
        try:
            return parse_wire(raw)
        except SolanaDecodeError as exc:
            first_error = first_error or exc
    raise first_error or SolanaDecodeError("not base64, base58 or hex")


def text_bytes(text: str, encoding: str) -> bytes:
    """``text`` decoded as ``base64`` / ``base58`` / ``hex``; SolanaDecodeError otherwise."""
    try:
        if encoding in ("base64", "base64+zstd"):
            if encoding != "base64":
                raise SolanaDecodeError("compressed (zstd) payloads are not supported")
            if "-" in text or "_" in text:
                return base64.urlsafe_b64decode(text)
            return base64.b64decode(text, validate=True)
        if encoding == "base58":
            return bytes(base58.b58decode(text))
        if encoding == "hex":
            return bytes.fromhex(text.removeprefix("0x"))
    except (ValueError, binascii.Error):
        raise SolanaDecodeError(f"payload is not valid {encoding}") from None
    raise SolanaDecodeError(f"unknown payload encoding {quote(encoding)}")


def _table_key(key: Any) -> bytes:
    if isinstance(key, Pubkey):
        return bytes(key)
    if isinstance(key, bytes) and len(key) == 32:
        return key
    if isinstance(key, str):
        try:
            return bytes(Pubkey.from_string(key.strip()))
        except ValueError:
            pass
    raise SolanaDecodeError("lookup table keys and addresses must be Solana public keys")


def _normalize_tables(tables: LookupTables | None) -> dict[bytes, tuple[str, ...]]:
    if not tables:
        return {}
    if isinstance(tables, Mapping):
        items = [(_table_key(k), v) for k, v in tables.items()]
    elif isinstance(tables, Iterable) and not isinstance(tables, str | bytes):
        items = []
        for table in tables:
            if not isinstance(table, AddressLookupTableAccount):
                raise SolanaDecodeError("lookup tables: a mapping or AddressLookupTableAccounts")
            items.append((bytes(table.key), table.addresses))
    else:
        raise SolanaDecodeError("lookup tables: a mapping or AddressLookupTableAccounts")
    return {key: tuple(pubkey_str(_table_key(a)) for a in addrs) for key, addrs in items}


def _account_keys(
    msg: WireMessage, tables: Mapping[bytes, tuple[str, ...]]
) -> tuple[list[str], int, list[str]]:
    """All account keys in index order: static, then lookup writable, then lookup readonly."""
    keys = [pubkey_str(k) for k in msg.keys]
    unresolved = 0
    missing: list[str] = []
    for part in ("writable", "readonly"):
        for lookup in msg.lookups:
            table = pubkey_str(lookup.table)
            loaded = tables.get(lookup.table)
            if loaded is None and table not in missing:
                missing.append(table)
            for index in getattr(lookup, part):
                if loaded is not None and index < len(loaded):
                    keys.append(loaded[index])
                else:
                    keys.append(f"alt:{table}#{index}")
                    unresolved += 1
    return keys, unresolved, missing


def _decode_message(
    signatures: tuple[bytes, ...] | None,
    msg: WireMessage,
    tables: Mapping[bytes, tuple[str, ...]],
) -> DecodedTransaction:
    keys, unresolved, missing = _account_keys(msg, tables)
    built = build_operations(msg, keys)
    notes = list(built.notes)
    if unresolved:
        notes.append(
            f"{unresolved} account(s) come from address lookup tables that were not supplied "
            f"({', '.join(missing) or 'index out of range'}); judged on what is known"
        )
    return DecodedTransaction(
        chain=Chain.SOLANA,
        kind=PayloadKind.TRANSACTION,
        tx_type="solana-legacy" if msg.version is None else f"solana-v{msg.version}",
        sender=keys[0],
        value=built.value,
        signed=signatures is not None and any(s != _ZERO_SIG for s in signatures),
        operations=built.operations,
        durable_nonce=built.durable_nonce,
        unresolved_accounts=unresolved,
        notes=tuple(notes),
        signers=tuple(keys[: msg.num_required_signatures]),
        token_accounts=built.token_accounts,
        accounts=built.funded,
        priority_fee=built.priority_fee,
        data=tuple(ix.data for ix in msg.instructions if ix.data),
    )


def decode_offchain_message(message: bytes | str) -> DecodedTransaction:
    """What a Solana ``signMessage`` would sign: text, a blind blob, or a transaction in disguise.

    Bytes that parse as a transaction or message (legacy or v0) are decoded as one: ed25519
    signs them with no prefix, so the signature is valid on that transaction (dfinity/oisy-wallet
    PR #13702; Phantom refuses them: "You cannot sign solana transactions using sign message",
    phantom/docs #182). So is a base58 / base64 string of one (WalletConnect's
    ``solana_signMessage`` passes the message base58-encoded). A Sign In With Solana text is a
    :class:`SignIn` operation (``chains/siwe.py``). Raises only :class:`SolanaDecodeError` (a
    message over 1 MiB).
    """
    if isinstance(message, str) and len(message) > 2 * _MAX_MESSAGE:
        raise SolanaDecodeError("message larger than 1 MiB")
    raw = message.encode("utf-8", "surrogatepass") if isinstance(message, str) else bytes(message)
    if len(raw) > _MAX_MESSAGE:
        raise SolanaDecodeError("message larger than 1 MiB")
    disguised = _as_transaction(message, raw)
    if disguised is not None:
        return disguised
    notes: list[str] = []
    if raw.startswith(_OFFCHAIN_PREFIX):
        notes.append("Solana off-chain message envelope")
        raw = _offchain_body(raw[len(_OFFCHAIN_PREFIX) :])
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or _CONTROL_RE.search(text):
        text = None
        notes.append(f"{len(raw)} bytes of binary data: the signer cannot see what it signs")
    sign_in = parse_siwe(text, Chain.SOLANA) if text is not None else None
    return DecodedTransaction(
        chain=Chain.SOLANA,
        kind=PayloadKind.MESSAGE,
        tx_type="solana-offchain",
        operations=(sign_in,) if sign_in is not None else (),
        message_text=text,
        blind_hash=text is None and len(raw) == 32,
        notes=tuple(notes),
        data=(raw,) if text is None else (),
    )


def _wire_candidates(message: bytes | str, raw: bytes) -> list[bytes]:
    """The bytes a ``signMessage`` payload may stand for: itself, or (a string of one word,
    long enough for a message) its base58 / base64 / hex decoding."""
    if not isinstance(message, str):
        return [raw] if raw and raw[0] != 0xFF else []
    word = "".join(message.split())  # base64 wrapped over lines is one word
    if len(word) < _MIN_ENCODED or not _ENCODED_RE.fullmatch(word):
        return []
    out = []
    for encoding in ("base58", "base64", "hex"):
        try:
            out.append(text_bytes(word, encoding))
        except SolanaDecodeError:
            continue
    return out


def _as_transaction(message: bytes | str, raw: bytes) -> DecodedTransaction | None:
    for candidate in _wire_candidates(message, raw):
        try:
            signatures, msg = parse_wire(candidate)
            decoded = _decode_message(signatures, msg, {})
        except (SolanaDecodeError, ValueError, TypeError, OverflowError, IndexError, KeyError):
            continue  # not a transaction after all: judged as the message it is
        note = "the 'message' is a serialized Solana transaction: signing it signs the tx"
        shape = "message:encoded-transaction" if isinstance(message, str) else "message:transaction"
        notes = (f"{CARRIED}solana_signMessage", shape, note, *decoded.notes)
        return decoded.model_copy(update={"notes": notes})
    return None


def _offchain_body(rest: bytes) -> bytes:
    """The body of an off-chain message envelope (after the signing domain).

    ``version u8`` then either ``application_domain[32] format u8 signer_count u8
    signers[32*n] length u16`` (current spec) or ``format u8 length u16`` (solana-sdk v0).
    A body whose length does not match is returned whole (it is judged as it is).
    """
    if len(rest) >= 36:
        n_signers = rest[34]
        start = 35 + 32 * n_signers + 2
        if len(rest) >= start:
            length = int.from_bytes(rest[start - 2 : start], "little")
            if start + length == len(rest):
                return rest[start:]
    if len(rest) >= 4 and 4 + int.from_bytes(rest[2:4], "little") == len(rest):
        return rest[4:]
    return rest
