"""Checksums that turn "looks like" into "is": Luhn, IBAN mod-97, base58check, EIP-55, BIP-39,
bech32 (BIP-173).

Pure functions on strings/bytes; no chain SDK imports (keccak-256 comes from safe-pysha3 when
installed, else pycryptodome).
BIP-39 word lists come from the ``mnemonic`` package (trezor/python-mnemonic, MIT: every
official list plus Russian and Turkish), loaded lazily on first use.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

import base58

__all__ = [
    "BIP39_LANGUAGES",
    "BIP39_WORD_COUNTS",
    "b58check_decode",
    "b58decode",
    "bech32_decode",
    "bech32_polymod",
    "bip39_index",
    "is_valid_bip39",
    "is_valid_eip55",
    "is_valid_iban",
    "is_valid_luhn",
    "keccak256",
    "to_eip55",
]

BIP39_WORD_COUNTS = (24, 21, 18, 15, 12)
BIP39_LANGUAGES = (
    "english",
    "spanish",
    "french",
    "italian",
    "portuguese",
    "czech",
    "turkish",
    "russian",
    "japanese",
    "korean",
    "chinese_simplified",
    "chinese_traditional",
)


def keccak256(data: bytes) -> bytes:
    """Keccak-256 (Ethereum's, not NIST SHA3-256): ``_pysha3`` (safe-pysha3, ~2 us) when
    installed, else pycryptodome (~15 us: its Python and cffi layers, not the hash)."""
    return _keccak()(data)


@cache
def _keccak() -> Callable[[bytes], bytes]:
    # chosen on first use: pycryptodome loads its C code through cffi, which parses C
    # declarations with pycparser (~0.1 s); text without an address never needs it
    try:
        from _pysha3 import keccak_256  # type: ignore[import-not-found]
    except ImportError:
        return _keccak_pycryptodome

    def fast(data: bytes) -> bytes:
        return bytes(keccak_256(data).digest())

    return fast


def _keccak_pycryptodome(data: bytes) -> bytes:
    from Crypto.Hash import keccak

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


def b58decode(value: str) -> bytes | None:
    """Raw base58 (Bitcoin alphabet) bytes, or None for a character outside the alphabet."""
    try:
        return bytes(base58.b58decode(value))
    except ValueError:
        return None


def _fold_lookalikes(word: str) -> str:
    # The text layer folds Cyrillic words made only of Latin look-alikes; index those too.
    from aiegis_guard.normalize import fold_confusables

    return fold_confusables(word)[0]


@cache
def bip39_index(language: str = "english") -> dict[str, int]:
    """Word -> index (0..2047) for one BIP-39 list, keyed by the NFKC form the scanners see."""
    if language not in BIP39_LANGUAGES:
        raise ValueError(f"unknown BIP-39 language {language!r}")
    text = resources.files("mnemonic").joinpath("wordlist", f"{language}.txt").read_text("utf-8")
    words = [unicodedata.normalize("NFKC", w.strip()) for w in text.splitlines() if w.strip()]
    if len(words) != 2048:
        raise ValueError(f"BIP-39 list {language!r} has {len(words)} words, not 2048")
    index = {w: i for i, w in enumerate(words)}
    if not all(w.isascii() for w in words):
        for w, i in list(index.items()):
            index.setdefault(_fold_lookalikes(w), i)
    return index


def is_valid_bip39(indices: Sequence[int]) -> bool:
    """BIP-39 checksum over word indices (12/15/18/21/24 words): the last ``n/3`` bits of the
    concatenated 11-bit indices equal the first bits of SHA-256(entropy)."""
    n = len(indices)
    if n not in BIP39_WORD_COUNTS:
        return False
    value = 0
    for i in indices:
        value = (value << 11) | i
    check_bits = n // 3
    entropy_bits = n * 11 - check_bits
    entropy = (value >> check_bits).to_bytes(entropy_bits // 8, "big")
    digest = hashlib.sha256(entropy).digest()[0]
    return digest >> (8 - check_bits) == value & ((1 << check_bits) - 1)


# --- bech32 (BIP-173: bitcoin/bips bip-0173.mediawiki, "Checksum" and "Bech32") -------------
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUE = {c: i for i, c in enumerate(_BECH32)}
_BECH32_GEN = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)


def bech32_polymod(values: Sequence[int]) -> int:
    """BIP-173's checksum polymod (1: bech32 holds; 0x2BC830A3: bech32m, BIP-350)."""
    chk = 1
    for v in values:
        top = chk >> 25
        chk = ((chk & 0x1FFFFFF) << 5) ^ v
        for i, g in enumerate(_BECH32_GEN):
            if (top >> i) & 1:
                chk ^= g
    return chk


def bech32_decode(value: str) -> tuple[str, bytes] | None:
    """(hrp, payload bytes) of a bech32 (not bech32m) string whose checksum holds, else None
    (one case only; the 5-bit groups regrouped to bytes, at most 4 zero padding bits)."""
    if value.lower() != value and value.upper() != value:
        return None
    hrp, sep, data = value.lower().rpartition("1")
    if not sep or not hrp or len(data) < 6:
        return None
    values = [_BECH32_VALUE.get(c, -1) for c in data]
    if -1 in values:
        return None
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    if bech32_polymod(expanded + values) != 1:
        return None
    acc = bits = 0
    out = bytearray()
    for v in values[:-6]:
        acc, bits = (acc << 5) | v, bits + 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1):
        return None
    return hrp, bytes(out)
