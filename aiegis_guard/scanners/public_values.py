"""Public values of other chains that a field named ``…Token`` / ``…Secret`` may hold.

Called by :mod:`aiegis_guard.scanners.providers` (the named-credential rule): a token list or a
pool's JSON names contracts and accounts of every chain under ``usdtToken``, ``lpToken``,
``rewardToken``; what such a value is shows in its own checksum, whatever its field says.
Each form here encodes a public address (a hash or a public key), never a private key:

* **base58check of at most 23 payload bytes**: a 20-byte hash with a 1-3 byte version (Bitcoin
  and Tron addresses, Tezos ``tz1`` / ``KT1``); a private key's payload (WIF, 33-34) is longer.
* **bech32 / bech32m** (BIP-173 / BIP-350 checksums) under a prefix that is not a secret's
  (``bc1q..``, ``osmo1..``, ``asset1..``; not ``nsec``, ``suiprivkey``, ``*_sk``, ``*_xsk``, see
  :mod:`aiegis_guard.scanners.bech32_keys`).
* **a Stellar strkey** of a public kind: base32 of version byte, payload, CRC16-XModem of both
  (little-endian); version bytes (5-bit value << 3) G 6 account, C 2 contract, M 12 muxed
  account, L 11 liquidity pool, B 1 claimable balance; S 18 is a secret seed and is never
  public (stellar/stellar-protocol ``ecosystem/sep-0023.md``; stellar/stellar-core
  ``src/crypto/StrKey.h``).
* **a Cardano asset id** ``<policy id>.<asset name>``: the policy id is a 28-byte hash (56 hex).
"""

from __future__ import annotations

import base64
import binascii
import re

from aiegis_guard.checksums import b58check_decode, bech32_polymod

__all__ = ["public_chain_value"]

_BASE58_RE = re.compile(r"[1-9A-HJ-NP-Za-km-z]{25,40}")
_BECH32_RE = re.compile(r"([a-z][a-z0-9-]{0,82})1([02-9ac-hj-np-z]{6,200})")
_BECH32_CONSTS = (1, 0x2BC830A3)  # bech32 (BIP-173), bech32m (BIP-350)
_BECH32_VALUE = {c: i for i, c in enumerate("qpzry9x8gf2tvdw0s3jn54khce6mua7l")}
_SECRET_HRP_RE = re.compile(r"sec|priv|prv|_x?sk$")
_STELLAR_RE = re.compile(r"[GCMLB][A-Z2-7]{55}|M[A-Z2-7]{68}")
_STELLAR_PUBLIC = frozenset(v << 3 for v in (6, 2, 12, 11, 1))
_CARDANO_ASSET_RE = re.compile(r"[0-9a-f]{56}\.[A-Za-z0-9]{0,64}")


def _base58check_address(value: str) -> bool:
    if _BASE58_RE.fullmatch(value) is None:
        return False
    payload = b58check_decode(value)
    return payload is not None and 21 <= len(payload) <= 23


def _bech32_public(value: str) -> bool:
    if value.lower() != value and value.upper() != value:
        return False
    m = _BECH32_RE.fullmatch(value.lower())
    if m is None or _SECRET_HRP_RE.search(m.group(1)) is not None:
        return False
    hrp, data = m.groups()
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    return bech32_polymod(expanded + [_BECH32_VALUE[c] for c in data]) in _BECH32_CONSTS


def _crc16_xmodem(data: bytes) -> int:
    crc = 0
    for byte in data:
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return crc


def _stellar_public(value: str) -> bool:
    if _STELLAR_RE.fullmatch(value) is None:
        return False
    try:
        raw = base64.b32decode(value + "=" * (-len(value) % 8))
    except (binascii.Error, ValueError):
        return False
    body, check = raw[:-2], raw[-2:]
    return body[0] in _STELLAR_PUBLIC and int.from_bytes(check, "little") == _crc16_xmodem(body)


def public_chain_value(value: str) -> str | None:
    """Evidence when ``value`` is a public address / asset id of a chain by its own checksum
    (or form), else None."""
    if _base58check_address(value):
        return "public:base58check-address"
    if _bech32_public(value):
        return "public:bech32"
    if _stellar_public(value):
        return "public:stellar-strkey"
    if _CARDANO_ASSET_RE.fullmatch(value) is not None:
        return "public:cardano-asset"
    return None
