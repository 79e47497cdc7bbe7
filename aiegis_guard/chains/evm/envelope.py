"""The transaction envelope: JSON-RPC / web3 dicts and raw RLP (legacy, 2930, 1559, 4844, 7702).

Produces an :class:`Envelope` (who, to whom, how much, which calldata, which EIP-7702
authorizations); ``decode.py`` turns the calldata into operations. Senders of signed raw
transactions and authorities of signed authorizations are recovered (libsecp256k1 through
coincurve). Only :class:`EvmDecodeError` escapes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import rlp  # type: ignore[import-untyped]
from coincurve import PublicKey

from aiegis_guard.chains.evm.rlp_read import rlp_decode
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.record import fast_init
from aiegis_guard.textcache import DigestLRU

__all__ = ["Authorization", "Envelope", "parse_dict", "parse_raw", "to_bytes"]

_ADDRESS = re.compile(r"0[xX][0-9a-fA-F]{40}")
UINT256 = 1 << 256
TX_TYPES = {0: "legacy", 1: "eip2930", 2: "eip1559", 3: "eip4844", 4: "eip7702"}
# typed payload: position of to / value / data, field count unsigned, authorization list index
_LAYOUT = {
    1: (4, 5, 6, 8, None),
    2: (5, 6, 7, 9, None),
    3: (5, 6, 7, 11, None),
    4: (5, 6, 7, 10, 9),
}


@fast_init
@dataclass(frozen=True, slots=True)
class Authorization:
    chain_id: int
    address: str
    nonce: int
    authority: str | None  # recovered signer; None when unsigned or invalid


@fast_init
@dataclass(frozen=True, slots=True)
class Envelope:
    tx_type: str
    chain_id: int | None
    nonce: int | None
    to: str | None
    value: int
    data: bytes
    sender: str | None = None
    signed: bool = False
    authorizations: tuple[Authorization, ...] = ()
    notes: tuple[str, ...] = ()


# --- scalar coercion ---------------------------------------------------------------------------


def to_bytes(value: Any, what: str) -> bytes:
    """``0x``-hex string, bytes-like -> bytes."""
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value)
    if not isinstance(value, str):
        raise EvmDecodeError(f"{what}: expected hex, got {type(value).__name__}")
    text = value.strip()
    if text[:2] in ("0x", "0X"):
        text = text[2:]
    try:
        return bytes.fromhex(text)
    except ValueError as exc:
        raise EvmDecodeError(f"{what}: not hex") from exc


def _uint(value: Any, what: str) -> int:
    if isinstance(value, bool):
        raise EvmDecodeError(f"{what}: a bool is not a number")
    if isinstance(value, int):
        n = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            n = int(text, 16) if text[:2] in ("0x", "0X") else int(text, 10)
        except ValueError as exc:
            raise EvmDecodeError(f"{what}: not a number") from exc
    else:
        raise EvmDecodeError(f"{what}: expected a number, got {type(value).__name__}")
    if not 0 <= n < UINT256:
        raise EvmDecodeError(f"{what}: out of uint256 range")
    return n


def _address(value: Any, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and _ADDRESS.fullmatch(value):
        return value.lower()
    raw = to_bytes(value, what) if not isinstance(value, str) or value.strip() else b""
    if not raw:
        return None
    if len(raw) != 20:
        raise EvmDecodeError(f"{what}: an address is 20 bytes")
    return "0x" + raw.hex()


def _field(tx: Mapping[str, Any], *names: str) -> Any:
    for name in names:
        if name in tx:
            return tx[name]
    return None


# --- recovery ----------------------------------------------------------------------------------

# (signed digest, signature) -> signer address ("" when none): a signed request is judged more
# than once (its tool call, the signer wrapper, the gateway) and each recovery costs ~50 us of
# libsecp256k1. Digest, signature and signer are all public once the transaction is sent.
_SIGNERS: DigestLRU[str] = DigestLRU(maxsize=1024)


def _recover(msg_hash: bytes, y: int, r: int, s: int) -> str | None:
    """Signer address of a (y, r, s) signature, or None when it is not a valid low-s signature
    (libsecp256k1 through coincurve, as eth_keys does, without its wrappers)."""
    if y not in (0, 1) or not (0 < r < SECP256K1_N and 0 < s <= SECP256K1_N // 2):
        return None
    sig = r.to_bytes(32, "big") + s.to_bytes(32, "big") + bytes([y])
    found = _SIGNERS.get((msg_hash, sig))
    if found is None:
        try:
            public = PublicKey.from_signature_and_message(sig, msg_hash, hasher=None)
            found = "0x" + keccak256(public.format(compressed=False)[1:])[-20:].hex()
        except Exception:
            found = ""
        _SIGNERS.put((msg_hash, sig), found)
    return found or None


# --- signing payloads from the raw bytes -------------------------------------------------------


def _rlp_item(raw: bytes, pos: int) -> tuple[int, int]:
    """(payload start, end) of the RLP item at ``pos`` of bytes ``rlp_decode`` accepted."""
    b = raw[pos]
    if b < 0x80:
        return pos, pos + 1
    if b < 0xB8 or 0xC0 <= b < 0xF8:
        return pos + 1, pos + 1 + b - (0x80 if b < 0xB8 else 0xC0)
    n = b - (0xB7 if b < 0xC0 else 0xF7)
    start = pos + 1 + n
    return start, start + int.from_bytes(raw[pos + 1 : start], "big")


def _rlp_list(payload: bytes) -> bytes:
    size = len(payload)
    if size < 56:
        return bytes([0xC0 + size]) + payload
    length = size.to_bytes((size.bit_length() + 7) // 8, "big")
    return bytes([0xF7 + len(length)]) + length + payload


def _signed_items(raw: bytes, count: int) -> bytes:
    """The encodings of the first ``count`` items of the RLP list ``raw``: what the signature
    covers. ``rlp_decode`` accepts canonical encodings only, so these bytes are exactly what
    re-encoding the decoded items gives, without building and encoding them again."""
    pos = start = _rlp_item(raw, 0)[0]
    for _ in range(count):
        pos = _rlp_item(raw, pos)[1]
    return raw[start:pos]


def _pick(item: Any, *names: str) -> Any:
    for name in names:
        value = item.get(name) if isinstance(item, Mapping) else getattr(item, name, None)
        if value is not None:
            return value
    return None


def _auth_fields(item: Any) -> tuple[int, str | None, int, int, int, int]:
    if isinstance(item, list):
        if len(item) != 6:
            raise EvmDecodeError("EIP-7702 authorization: expected 6 fields")
        address = _address(_bytes_field(item[1], "authorization.address"), "authorization.address")
        chain_id, nonce, y, r, s = (_rlp_int(item[i]) for i in (0, 2, 3, 4, 5))
        return chain_id, address, nonce, y, r, s
    address = _address(_pick(item, "address"), "authorization.address")
    chain_id = _uint(_pick(item, "chainId", "chain_id"), "authorization.chainId")
    nonce = _uint(_pick(item, "nonce"), "authorization.nonce")
    y, r, s = (
        _uint(_pick(item, *names) or 0, f"authorization.{names[0]}")
        for names in (("yParity", "y_parity", "v"), ("r",), ("s",))
    )
    return chain_id, address, nonce, y, r, s


def _authorization(item: Any) -> Authorization:
    """One EIP-7702 authorization: a dict (camelCase or snake_case), an object, or an RLP list."""
    chain_id, address, nonce, y, r, s = _auth_fields(item)
    if address is None:
        raise EvmDecodeError("EIP-7702 authorization without an address")
    authority = None
    if r and s:
        digest = keccak256(b"\x05" + rlp.encode([chain_id, bytes.fromhex(address[2:]), nonce]))
        authority = _recover(digest, y, r, s)
    return Authorization(chain_id, address, nonce, authority)


# --- dicts -------------------------------------------------------------------------------------


def _dict_type(tx: Mapping[str, Any]) -> int:
    raw = tx.get("type")
    if raw is not None:
        t = _uint(raw, "type")
        if t not in TX_TYPES:
            raise EvmDecodeError(f"type: unknown transaction type {t}")
        return t
    if tx.get("authorizationList") is not None:
        return 4
    if tx.get("maxFeePerGas") is not None or tx.get("maxPriorityFeePerGas") is not None:
        return 2
    return 1 if tx.get("accessList") is not None else 0


def _dict_data(tx: Mapping[str, Any]) -> bytes:
    data, inp = tx.get("data"), tx.get("input")
    raw = to_bytes(data, "data") if data is not None else b""
    if inp is not None:
        other = to_bytes(inp, "input")
        if data is not None and other != raw:
            raise EvmDecodeError("data and input disagree: which one is signed is unknown")
        raw = other
    return raw


def parse_dict(tx: Mapping[str, Any]) -> Envelope:
    """A JSON-RPC / web3 transaction dict (hex strings or ints)."""
    t = _dict_type(tx)
    chain_id = tx.get("chainId")
    nonce = tx.get("nonce")
    auths = tx.get("authorizationList") or ()
    if auths and (not isinstance(auths, Sequence) or isinstance(auths, str | bytes)):
        raise EvmDecodeError("authorizationList: expected a list")
    return Envelope(
        tx_type=TX_TYPES[t],
        chain_id=None if chain_id is None else _uint(chain_id, "chainId"),
        nonce=None if nonce is None else _uint(nonce, "nonce"),
        to=_address(tx.get("to"), "to"),
        value=_uint(tx.get("value") or 0, "value"),
        data=_dict_data(tx),
        sender=_address(_field(tx, "from", "sender"), "from"),
        signed=tx.get("r") is not None and tx.get("s") is not None,
        authorizations=tuple(_authorization(a) for a in auths),
    )


# --- raw RLP -----------------------------------------------------------------------------------


def _rlp_int(raw: Any) -> int:
    if not isinstance(raw, bytes) or len(raw) > 32 or raw[:1] == b"\x00":
        raise EvmDecodeError("RLP integer: not a canonical uint256")
    return int.from_bytes(raw, "big")


def _rlp_items(raw: bytes) -> list[Any]:
    items = rlp_decode(raw)
    if not isinstance(items, list):
        raise EvmDecodeError("RLP transaction must be a list")
    return items


def _bytes_field(raw: Any, what: str) -> bytes:
    if not isinstance(raw, bytes):
        raise EvmDecodeError(f"{what}: expected bytes")
    return raw


def _legacy(items: list[Any], raw: bytes) -> Envelope:
    if len(items) not in (6, 9):
        raise EvmDecodeError("legacy transaction: expected 6 or 9 fields")
    nonce, to, value = _rlp_int(items[0]), _address(_bytes_field(items[3], "to"), "to"), items[4]
    data = _bytes_field(items[5], "data")
    chain_id, sender, signed = None, None, False
    if len(items) == 9:
        v, r, s = (_rlp_int(x) for x in items[6:9])
        signed = bool(r and s)
        if not signed:
            chain_id = v or None  # EIP-155 unsigned form: v carries the chain id
        elif v >= 35:  # EIP-155: the first six fields, the chain id, two empty strings
            chain_id = (v - 35) // 2
            tail = rlp.encode(_int_bytes(chain_id)) + b"\x80\x80"
            body = _rlp_list(_signed_items(raw, 6) + tail)
            sender = _recover(keccak256(body), v - 35 - 2 * chain_id, r, s)
        else:
            sender = _recover(keccak256(_rlp_list(_signed_items(raw, 6))), v - 27, r, s)
        if signed and sender is None:
            raise EvmDecodeError("legacy transaction: invalid signature")
    return Envelope("legacy", chain_id, nonce, to, _rlp_int(value), data, sender, signed)


def _int_bytes(n: int) -> bytes:
    return n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""


def _typed(t: int, body: bytes) -> Envelope:
    items = _rlp_items(body)
    wrapped = False
    if t == 3 and items and isinstance(items[0], list):
        items, wrapped = items[0], True  # blob network wrapper: [tx, blobs, commitments, proofs]
    to_i, value_i, data_i, n_unsigned, auth_i = _LAYOUT[t]
    if len(items) not in (n_unsigned, n_unsigned + 3):
        raise EvmDecodeError(f"{TX_TYPES[t]} transaction: expected {n_unsigned}(+3) fields")
    ints = [items[0], items[1], items[value_i]]
    chain_id, nonce, value = (_rlp_int(x) for x in ints)
    to = _address(_bytes_field(items[to_i], "to"), "to")
    data = _bytes_field(items[data_i], "data")
    auths: tuple[Authorization, ...] = ()
    if auth_i is not None:
        if not isinstance(items[auth_i], list):
            raise EvmDecodeError("authorization list must be a list")
        auths = tuple(_authorization(a) for a in items[auth_i])
    sender, signed = None, len(items) > n_unsigned
    if signed:
        y, r, s = (_rlp_int(x) for x in items[n_unsigned:])
        if wrapped:
            payload = rlp.encode(items[:n_unsigned])
        else:
            payload = _rlp_list(_signed_items(body, n_unsigned))
        digest = keccak256(bytes([t]) + payload)
        sender = _recover(digest, y, r, s)
        if sender is None:
            raise EvmDecodeError(f"{TX_TYPES[t]} transaction: invalid signature")
    return Envelope(TX_TYPES[t], chain_id, nonce, to, value, data, sender, signed, auths)


def parse_raw(raw: bytes) -> Envelope:
    """A raw transaction: RLP legacy list, or ``type || rlp(payload)`` (EIP-2718)."""
    if not raw:
        raise EvmDecodeError("empty transaction")
    first = raw[0]
    if first >= 0xC0:
        return _legacy(_rlp_items(raw), raw)
    if first in _LAYOUT:
        return _typed(first, raw[1:])
    raise EvmDecodeError(f"unknown transaction type byte 0x{first:02x}")
