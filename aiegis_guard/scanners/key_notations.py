"""Key bytes and seed phrases written in notations that are neither words nor one hex token.

Called by :mod:`aiegis_guard.scanners.wallet_keys`.

* **SeedQR** (SeedSigner's Standard SeedQR, ``docs/seed_qr/README.md`` and
  ``docs/qr_formats.md`` of SeedSigner/seedsigner): a 48- or 96-digit string, four digits per
  word, each the word's zero-based index in the BIP-39 list (``0000`` is "abandon"). What a
  QR reader shows when it scans a SeedQR backup. Certain: 12 indices below 2048 (one in
  5 * 10**8 for random digits) whose BIP-39 checksum holds; no words, no context needed.
* **Index-keyed byte objects**: ``JSON.stringify`` of a ``Uint8Array`` writes
  ``{"0":152,"1":103,..,"63":26}``; 64 bytes whose public half re-derives from the seed are a
  Solana keypair.
* **Escaped byte strings**: a protobuf text dump (Go's ``prototext``, C++ ``DebugString``) or
  a C string literal writes a ``bytes`` field with octal / hex escapes
  (``raw:"DYE\\310\\232.."``); 32 decoded bytes named as a key (the hex key's context rules:
  ``signer {material {raw: ..}}`` yes, ``public_key {raw: ..}`` no) are an EVM key, 64 that
  re-derive are a Solana keypair.

Each is gated by a C-speed test (a digit run of exactly 48 / 96, ``"63":``, a backslash
before a digit) before any pattern runs.
"""

from __future__ import annotations

import re
from itertools import pairwise

from aiegis_guard.charclass import DIGIT, runs
from aiegis_guard.checksums import is_valid_bip39
from aiegis_guard.findings import Finding
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.evm_keys import key_context, key_finding
from aiegis_guard.scanners.key_checks import secret_finding, solana_keypair
from aiegis_guard.scanners.seed_phrases import RULE_BIP39, is_placeholder_phrase

__all__ = ["find_key_notations"]

SEEDQR_LENGTHS = (48, 96)  # 12 or 24 words, four digits each
WORDLIST_SIZE = 2048
SMALL_INDEX = 256  # a stream whose groups all stay below it is a number, not 12 random indices
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")

INDEXED_OBJECT_RE = LazyPattern(
    r'\{\s*"0"\s*:\s*\d{1,3}(?:\s*,\s*"\d{1,2}"\s*:\s*\d{1,3}){63}\s*\}'
)
_INDEXED_PAIR_RE = re.compile(r'"(\d{1,2})"\s*:\s*(\d{1,3})')

# a double-quoted literal (prototext, C), its body in group 1. Linear for every input: each
# unit starts with a backslash or not (one way to read it), the loop is possessive (an octal
# escape \310 is never re-read as \3 + "10" when the literal fails to close), and an opening
# quote is never one a backslash escapes (a literal that fails to close holds only escaped
# quotes, so no later start reads it again). The body's length is checked after the match.
_UNIT = r"[^{q}\\\r\n]++|\\(?:[0-7]{{1,3}}|x[0-9a-fA-F]{{2}}|[\\\"'abfnrtv])"
ESCAPED_RE = LazyPattern(r"(?<!\\)\"((?:" + _UNIT.format(q='"') + r")*+)\"")
MAX_BODY = 64 * 4  # characters of a 64-byte body written as \ooo escapes
_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
_ESCAPE_RE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]{2})|(.))", re.DOTALL)
BYTE_ESCAPE_RE = re.compile(r"\\(?:[0-3][0-7]{2}|x[0-9a-fA-F]{2})")  # \310, \x9a: the gate
MIN_ESCAPES = 8  # a key's 32 random bytes have ~20 unprintable ones


def _structured(indices: list[int]) -> bool:
    """Digits with a structure no random seed has (review12 F14): zero padding and round
    amounts (``0000`` groups), concatenated dates (the year again and again), counters
    (small or rising groups). For the 12 / 24 indices of a seed (uniform below 2048): three
    repeats among 12 (five among 24) ~5e-6 (~4e-7), all below 256 ~1e-11, strictly rising
    ~4e-9, so no real SeedQR is lost to them."""
    repeats = len(indices) - len(set(indices))
    if repeats > (2 if len(indices) == 12 else 4):
        return True
    if max(indices) < SMALL_INDEX:
        return True
    return all(a < b for a, b in pairwise(indices))


def _seedqr(text: str) -> list[Finding]:
    found: list[Finding] = []
    for start, end in runs(text, DIGIT, SEEDQR_LENGTHS[0], max_len=SEEDQR_LENGTHS[-1]):
        if end - start not in SEEDQR_LENGTHS:
            continue
        if (start and text[start - 1] in _WORD) or text[end : end + 1] in _WORD:
            continue  # a digit run inside a larger token
        digits = text[start:end]
        indices = [int(digits[i : i + 4]) for i in range(0, len(digits), 4)]
        if max(indices) >= WORDLIST_SIZE or is_placeholder_phrase(indices):
            continue
        if _structured(indices):
            continue
        if is_valid_bip39(indices):
            found.append(
                secret_finding(
                    RULE_BIP39,
                    (start, end),
                    digits,
                    f"BIP-39 seed phrase as a SeedQR digit stream ({len(indices)} words)",
                    "pattern:seedqr",
                    f"words:{len(indices)}",
                    "checksum:valid",
                )
            )
    return found


def _indexed_objects(text: str) -> list[Finding]:
    if '"63"' not in text:
        return []
    found: list[Finding] = []
    for m in INDEXED_OBJECT_RE.finditer(text):
        pairs = [(int(k), int(v)) for k, v in _INDEXED_PAIR_RE.findall(m.group())]
        if [k for k, _ in pairs] != list(range(64)) or max(v for _, v in pairs) > 255:
            continue
        hit = solana_keypair(bytes(v for _, v in pairs), m.span(), m.group(), "indexed-object")
        found += [hit] if hit is not None else []
    return found


def _unescape(body: str) -> bytes | None:
    """The bytes of a C / protobuf-text string literal, or None (a character above 0xFF)."""

    def byte(m: re.Match[str]) -> str:
        octal, hexa, char = m.groups()
        if octal is not None:
            return chr(int(octal, 8) & 0xFF)
        if hexa is not None:
            return chr(int(hexa, 16))
        return chr(_ESCAPES.get(char, ord(char)))

    raw = _ESCAPE_RE.sub(byte, body)
    return raw.encode("latin-1") if all(ord(c) < 256 for c in raw) else None


def _escaped_strings(text: str) -> list[Finding]:
    if "\\" not in text or BYTE_ESCAPE_RE.search(text) is None:
        return []
    found: list[Finding] = []
    for m in ESCAPED_RE.finditer(text):
        body = m.group(1)
        if len(body) > MAX_BODY or body.count("\\") < MIN_ESCAPES:
            continue
        raw = _unescape(body)
        if raw is None or len(raw) not in (32, 64):
            continue
        span = m.span(1)
        if len(raw) == 64:
            hit = solana_keypair(raw, span, body, "escaped-bytes")
            found += [hit] if hit is not None else []
            continue
        if not 0 < int.from_bytes(raw, "big") < SECP256K1_N:
            continue
        kind, evidence = key_context(text, m.start(), m.end())
        if kind == "key":
            found.append(key_finding(span, body, "pattern:escaped-bytes-32", evidence))
    return found


def find_key_notations(text: str) -> list[Finding]:
    """SeedQR digit streams, index-keyed byte objects and escaped byte strings: BLOCK."""
    return _seedqr(text) + _indexed_objects(text) + _escaped_strings(text)
