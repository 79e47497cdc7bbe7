"""Checksums that turn "looks like" into "is": Luhn, IBAN mod-97, base58check, EIP-55.

Pure functions on strings/bytes; no chain SDK imports (keccak-256 comes from pycryptodome).
"""

from __future__ import annotations

import hashlib

import base58
from Crypto.Hash import keccak

__all__ = [
    "b58check_decode",
    "is_valid_eip55",
    "is_valid_iban",
    "is_valid_luhn",
    "keccak256",
    "to_eip55",
]


def keccak256(data: bytes) -> bytes:
    return bytes(keccak.new(digest_bits=256, data=data).digest())


def to_eip55(address: str) -> str:
    """EIP-55 mixed-case form of a 0x + 40-hex address."""
    body = address[2:].lower()
    digest = keccak256(body.encode("ascii")).hex()
    return "0x" + "".join(
        c.upper() if int(d, 16) >= 8 else c for c, d in zip(body, digest[:40], strict=True)
    )


def is_valid_eip55(address: str) -> bool:
    """True for all-lower / all-upper (no checksum claimed) or a correct mixed-case checksum."""
    body = address[2:]
    if body.islower() or body.isupper() or body.isdigit():
        return True
    return to_eip55(address) == address


def is_valid_luhn(digits: str) -> bool:
    """Luhn check over a string of digits (separators already removed)."""
    if not digits.isdigit() or len(digits) < 2:
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def is_valid_iban(iban: str) -> bool:
    """ISO 13616 mod-97 check (spaces ignored)."""
    s = iban.replace(" ", "").upper()
    if not (15 <= len(s) <= 34) or not s[:2].isalpha() or not s[2:4].isdigit() or not s.isalnum():
        return False
    moved = s[4:] + s[:4]
    number = "".join(str(int(c, 36)) for c in moved)
    return int(number) % 97 == 1


def b58check_decode(value: str) -> bytes | None:
    """Payload of a base58check string (version byte included), or None if the check fails."""
    try:
        raw = base58.b58decode(value)
    except ValueError:
        return None
    if len(raw) < 5:
        return None
    payload, check = raw[:-4], raw[-4:]
    if hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] != check:
        return None
    return payload
