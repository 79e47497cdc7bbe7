"""Key bytes and seed phrases written in notations that are neither words nor one hex token.

Called by :mod:`aiegis_guard.scanners.wallet_keys`.

* **SeedQR** (SeedSigner's Standard SeedQR, ``docs/seed_qr/README.md`` and
  ``docs/qr_formats.md`` of SeedSigner/seedsigner): a 48- or 96-digit string, four digits per
  word, each the word's zero-based index in the BIP-39 list (``0000`` is "abandon"). What a
  QR reader shows when it scans a SeedQR backup. Certain: 12 indices below 2048 (one in
  5 * 10**8 for random digits) whose BIP-39 checksum holds and that look random (no zero
  padding, repeated years or counters); no words, no context needed. Also in groups of four
  with one kind of separator (spaces, dashes, lines of 16), and as a list of indices named
  as a seed's (``indices: [123, 1456, ..]``).
* **Index-keyed byte objects**: ``JSON.stringify`` of a ``Uint8Array`` writes
  ``{"0":152,"1":103,..,"63":26}`` (a console: bare or single-quoted keys; ``jq -S``: in
  string order; beside ``"length": 64``); 64 bytes whose public half re-derives from the
  seed are a Solana keypair.
* **Escaped byte strings**: a protobuf text dump (Go's ``prototext``, C++ ``DebugString``), a
  C string literal or Python's bytes repr (``b'\\x9a..'``) writes bytes with octal / hex
  escapes (``raw:"DYE\\310\\232.."``); 32 decoded bytes named as a key (the hex key's
  context rules: ``signer {material {raw: ..}}`` yes, ``public_key {raw: ..}`` no) are an EVM
  key, 64 that re-derive are a Solana keypair.

Every pattern here reads each character a bounded number of times (review12 F1: no
backtracking into an escape, no bounded repeat of overlapping units); the index objects and
escaped strings are gated by a C-speed test (``63:``, a byte escape) first.
"""

from __future__ import annotations

import re
import string
from functools import cache
from itertools import pairwise

from aiegis_guard.charclass import DIGIT, CharClass, run_windows, runs
from aiegis_guard.checksums import is_valid_bip39
from aiegis_guard.findings import Finding
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.litgate import min_width
from aiegis_guard.scanners.evm_keys import key_context, key_finding
from aiegis_guard.scanners.key_checks import secret_finding, solana_keypair
from aiegis_guard.scanners.seed_phrases import RULE_BIP39, is_placeholder_phrase

__all__ = ["find_key_notations"]

SEEDQR_LENGTHS = (48, 96)  # 12 or 24 words, four digits each
WORDLIST_SIZE = 2048
SMALL_INDEX = 256  # a stream whose groups all stay below it is a number, not 12 random indices
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.")

# SeedQR digits broken into groups of four (spaces, dashes: a QR reader's or a person's
# copy) or wrapped over lines (16 digits a line): one separator at most between two groups,
# and not a window of a longer list of groups
GROUPED_SEEDQR_RE = LazyPattern(
    r"\d{4}(?<![\w.\-]....)(?<!\d ....)(?<!\d\n....)(?:(?:\r?\n|[ \-])?\d{4}){11}"
    r"(?:(?:(?:\r?\n|[ \-])?\d{4}){12})?(?![\w.]|(?:\r?\n|[ \-])\d)"
)
_SEPARATOR_RE = re.compile(r"\r?\n|[ \-]")
# what a match holds: digits ("?": one outside ASCII, as it reads in a class view) and the
# separators; read only in runs of them at least as long as the shortest match
_GROUPED_CHARS = CharClass("seedqr-grouped", string.digits + "\r\n -?")


@cache
def _grouped_min() -> int:
    return min_width(GROUPED_SEEDQR_RE.pattern)  # 48 digits (parsed on first use, not import)


# the indices as a list ("indices: [123, 1456, ..]"): read only when named as a seed's
INDEX_LIST_RE = LazyPattern(
    r"\[\s*\d{1,4}(?:\s*,\s*\d{1,4}){11}(?:(?:\s*,\s*\d{1,4}){12})?\s*,?\s*\]"
)
_SEED_NAMES = frozenset(
    (
        *("seed", "seedqr", "mnemonic", "bip39", "phrase", "recovery"),
        *("words", "word", "indices", "indexes", "index"),
    )
)
_NAME_RE = re.compile(r"[a-z]+")
# an object whose keys are the byte positions: JSON.stringify of a Uint8Array, its keys
# quoted either way or bare (a JS console), in any order (jq -S, sort_keys), beside other
# keys ("length": 64). An object body holds no brace, so every character is read once.
OBJECT_RE = LazyPattern(r"\{([^{}]*+)\}")
_LAST_INDEX_RE = LazyPattern(r"(?<![\w\"'])[\"']?63[\"']?\s*:\s*\d")
_INDEXED_PAIR_RE = re.compile(r"(?<![\w\"'])([\"']?)(\d{1,2})\1\s*:\s*(\d{1,4})(?!\d)")
MAX_OBJECT = 64 * 24  # characters of a 64-entry object, pretty-printed with room to spare

# a quoted literal (double: prototext, C; single: Python's bytes repr b'\x..'), its body in
# group 1 or 2. Linear for every input: each unit starts with a backslash or not (one way to
# read it), the loops are possessive (an octal escape \310 is never re-read as \3 + "10"
# when the literal fails to close), and an opening quote is never one a backslash escapes (a
# literal that fails to close holds only escaped quotes of its kind, so no later start of
# that kind reads it again). The body's length is checked after the match.
_UNIT = r"[^{q}\\\r\n]++|\\(?:[0-7]{{1,3}}|x[0-9a-fA-F]{{2}}|[\\\"'abfnrtv])"
ESCAPED_RE = LazyPattern(
    r"(?<!\\)(?:\"((?:" + _UNIT.format(q='"') + r")*+)\"|'((?:" + _UNIT.format(q="'") + r")*+)')"
)
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
        if _is_seed(indices):
            found.append(_seedqr_finding((start, end), digits, indices, "a SeedQR digit stream"))
    return found


def _seedqr_finding(span: tuple[int, int], shown: str, indices: list[int], how: str) -> Finding:
    return secret_finding(
        RULE_BIP39,
        span,
        shown,
        f"BIP-39 seed phrase as {how} ({len(indices)} words)",
        "pattern:seedqr",
        f"words:{len(indices)}",
        "checksum:valid",
    )


def _is_seed(indices: list[int]) -> bool:
    return (
        max(indices) < WORDLIST_SIZE
        and not is_placeholder_phrase(indices)
        and not _structured(indices)
        and is_valid_bip39(indices)
    )


def _grouped_seedqr(text: str) -> list[Finding]:
    """SeedQR digits in groups of four with separators, or wrapped over lines: the same
    test as one run, when every separator is the same (a space, a dash, a line break)."""
    found: list[Finding] = []
    windows = run_windows(text, _GROUPED_CHARS, _grouped_min())  # no match runs past one
    for m in (m for a, b in windows for m in GROUPED_SEEDQR_RE.finditer(text, a, b)):
        separators = {s.replace("\r", "") for s in _SEPARATOR_RE.findall(m.group())}
        if len(separators) != 1:
            continue  # one unbroken run (read already) or mixed separators (a table)
        digits = "".join(c for c in m.group() if c.isdigit())
        indices = [int(digits[i : i + 4]) for i in range(0, len(digits), 4)]
        if _is_seed(indices):
            found.append(_seedqr_finding(m.span(), m.group(), indices, "grouped SeedQR digits"))
    return found


def _index_lists(text: str) -> list[Finding]:
    """A list of 12 / 24 word indices named as a seed's ("indices: [123, 1456, ..]")."""
    found: list[Finding] = []
    for m in INDEX_LIST_RE.finditer(text):
        before = set(_NAME_RE.findall(text[max(0, m.start() - 64) : m.start()].lower()))
        indices = [int(n) for n in re.findall(r"\d+", m.group())]
        if before & _SEED_NAMES and _is_seed(indices):
            found.append(_seedqr_finding(m.span(), m.group(), indices, "a list of word indices"))
    return found


def _names_last_index(text: str) -> bool:
    """Does ``_LAST_INDEX_RE`` match in ``text``? A match opens with "63" or a quote and
    "63", so the pattern is tried only at each "63" and the character before it (it has no
    literal to skip to: tried at every position it costs ~3 ms a page)."""
    at = text.find("63")
    while at >= 0:
        if _LAST_INDEX_RE.match(text, at) or (at and _LAST_INDEX_RE.match(text, at - 1)):
            return True
        at = text.find("63", at + 1)
    return False


def _indexed_objects(text: str) -> list[Finding]:
    if not _names_last_index(text):
        return []
    found: list[Finding] = []
    for m in OBJECT_RE.finditer(text):
        body = m.group(1)
        if len(body) > MAX_OBJECT or "63" not in body:
            continue
        values: dict[int, int] = {}
        for _, key, value in _INDEXED_PAIR_RE.findall(body):
            values.setdefault(int(key), int(value))
        if sorted(values) != list(range(64)) or max(values.values()) > 255:
            continue
        raw = bytes(values[i] for i in range(64))
        hit = solana_keypair(raw, m.span(), m.group(), "indexed-object")
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
        group = 1 if m.group(1) is not None else 2
        body = m.group(group)
        if len(body) > MAX_BODY or body.count("\\") < MIN_ESCAPES:
            continue
        raw = _unescape(body)
        if raw is None or len(raw) not in (32, 64):
            continue
        span = m.span(group)
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
    found = _seedqr(text) + _indexed_objects(text) + _escaped_strings(text)
    found += _grouped_seedqr(text)
    if "[" in text:
        found += _index_lists(text)
    return found
