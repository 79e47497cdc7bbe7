"""Addresses: EVM, Solana and Bitcoin addresses — poisoning look-alikes, bad checksums, and
unknown recipients in what the agent is about to send.

Rule ids (a public contract):

================================  =======================  ========  ===========================
rule id                           action                   severity  when
================================  =======================  ========  ===========================
``address.lookalike``             block                    critical  same first and last
                                                                     ``lookalike_chars`` (4) as
                                                                     an own/allowlisted address,
                                                                     different in between
                                                                     (address poisoning), any
                                                                     source
``address.evm_bad_checksum``      flag (tool input),       medium /  mixed-case EVM address
                                  allow elsewhere          low       whose EIP-55 checksum is
                                                                     wrong (typo or tampering)
``address.unknown_recipient``     flag                     medium    a tool input names an
                                                                     address that is neither
                                                                     own nor allowlisted;
                                                                     evidence ``chain:evm`` /
                                                                     ``chain:solana`` /
                                                                     ``chain:bitcoin``
================================  =======================  ========  ===========================

In tool outputs, retrieved documents, prompts and memory an ordinary address is information,
not a finding (no INFO noise); only look-alikes and bad checksums are reported there.

What counts as an address:

* EVM: ``0x`` + exactly 40 hex digits, standing alone (a 64-hex hash or key, or an address
  padded inside ABI calldata, is one longer hex run and never yields an address);
* Solana: a standalone base58 run of 32–44 characters that decodes to exactly 32 bytes and
  mixes cases and digits (so identifiers and words do not match; 87/88-character signatures,
  transaction ids and secret keys are longer runs and never match). Solana's native programs
  and sysvars are not recipients and are never "unknown";
* Bitcoin: base58check P2PKH / P2SH (main and test networks, checksum verified) and segwit
  bech32 (v0) / bech32m (v1+) with checksum, hrp ``bc`` / ``tb`` / ``bcrt``.

Cost on benign text: at most three byte-class views (:mod:`aiegis_guard.charclass`) gated by
single-character ``in`` checks; outside tool inputs only the EVM view (and the Solana one when
Solana addresses are own/allowlisted). Candidates are rare and each is a handful of C-level
checks (keccak only for mixed-case EVM addresses).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from aiegis_guard.charclass import BASE58, HEX, WORD, runs
from aiegis_guard.checksums import bech32_polymod, keccak256, to_eip55
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity, Source
from aiegis_guard.normalize import Layer
from aiegis_guard.redact import mask_address
from aiegis_guard.scanners import ScanContext

__all__ = [
    "BAD_CHECKSUM",
    "BITCOIN",
    "LOOKALIKE",
    "UNKNOWN",
    "eip55_ok",
    "find_addresses",
    "is_valid_segwit",
    "scan",
]

LOOKALIKE = "address.lookalike"
BAD_CHECKSUM = "address.evm_bad_checksum"
UNKNOWN = "address.unknown_recipient"
BITCOIN = "bitcoin"
MAX_UNKNOWN = 64
"""``address.unknown_recipient`` findings per layer at most (look-alikes and bad checksums are
never capped: padding a text with addresses cannot hide a poisoned one)."""

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_B58_VALUE = {c: i for i, c in enumerate(_B58)}
# base58 is in ASCII order, so equal-length strings compare like their values
_B58_MAX_32 = "JEKNVnkbo3jma5nREBBJCDoXFVeKkD56V3xKrvRmWxFG"  # 2**256 - 1 (44 chars)
_B58_MIN_32 = "4uQeVj5tqViQh7yWWGStvkEG1Zmhx6uasJtWCJziofM"  # 2**248 (43 chars)
_NATIVE_SOLANA = frozenset(
    """
    11111111111111111111111111111111 TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA
    TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL
    MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo
    ComputeBudget111111111111111111111111111111 AddressLookupTab1e1111111111111111111111111
    Vote111111111111111111111111111111111111111 Stake11111111111111111111111111111111111111
    BPFLoaderUpgradeab1e11111111111111111111111 BPFLoader2111111111111111111111111111111111
    SysvarRent111111111111111111111111111111111 SysvarC1ock11111111111111111111111111111111
    Sysvar1nstructions1111111111111111111111111 SysvarRecentB1ockHashes11111111111111111111
    SysvarStakeHistory1111111111111111111111111 SysvarEpochSchedu1e111111111111111111111111
    """.split()  # noqa: SIM905 - a word list reads better as words
)
_BTC_VERSIONS = {0x00: "p2pkh", 0x05: "p2sh", 0x6F: "p2pkh-test", 0xC4: "p2sh-test"}
_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_VALUE = {c: i for i, c in enumerate(_BECH32)}
_LEFT_OK = frozenset(" \t\r\n\"'`([{<,;:=/|>*")


# --- EIP-55 (cached: the same addresses come back all day) -----------------------------------

_WANT_UPPER = bytes.maketrans(b"0123456789abcdef", b"\0" * 8 + b"\1" * 8)
_IS_UPPER = bytes.maketrans(b"0123456789abcdefABCDEF", b"\0" * 16 + b"\1" * 6)
_IS_LETTER = bytes.maketrans(b"0123456789abcdefABCDEF", b"\0" * 10 + b"\1" * 12)


@lru_cache(maxsize=4096)
def eip55_ok(address: str) -> bool:
    """EIP-55: a mixed-case ``0x`` + 40-hex address has each letter upper-case exactly where
    the keccak-256 nibble of the lower-case address is >= 8 (one-case addresses claim no
    checksum). Compared as bit masks, no per-character Python loop."""
    body = address[2:]
    if body.islower() or body.isupper() or body.isdigit():
        return True
    raw = body.encode("ascii")
    want = keccak256(body.lower().encode("ascii")).hex()[:40].encode("ascii")
    must = int.from_bytes(want.translate(_WANT_UPPER), "big")
    letters = int.from_bytes(raw.translate(_IS_LETTER), "big")
    return must & letters == int.from_bytes(raw.translate(_IS_UPPER), "big")


# --- recognisers -------------------------------------------------------------------------------


def _standalone(text: str, start: int, end: int) -> bool:
    """Not glued to more word characters (or base64 / hex continuation) on either side."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "_+-") and not (after.isalnum() or after in "_+=-")


def _evm(text: str) -> Iterator[tuple[int, int, str]]:
    if "x" not in text and "X" not in text:  # one memchr; a 2-char "0x" search costs more
        return
    for start, end in runs(text, HEX, 40, 40):
        prefixed = start >= 2 and text[start - 2] == "0" and text[start - 1] in "xX"
        if prefixed and _standalone(text, start - 2, end):
            yield start - 2, end, text[start - 2 : end]


def _b58decode(s: str) -> bytes:
    """Base58 (Bitcoin alphabet) bytes of ``s``, whose characters are known to be base58."""
    ones = len(s) - len(s.lstrip("1"))
    value = 0
    for c in s[ones:]:
        value = value * 58 + _B58_VALUE[c]
    return b"\0" * ones + value.to_bytes((value.bit_length() + 7) // 8, "big")


def _is_32_bytes(s: str) -> bool:
    """Does base58 ``s`` decode to exactly 32 bytes? (string compare for the common case)"""
    if s[0] != "1":
        n = len(s)
        return (n == 44 and s <= _B58_MAX_32) or (n == 43 and s >= _B58_MIN_32)
    return len(_b58decode(s)) == 32


def _looks_random(s: str) -> bool:
    """Identifiers and words are one case or letters only; addresses mix both and digits."""
    if s.isalpha() or s.islower() or s.isupper():
        return False
    return not s.isdigit() or s.strip("1") == ""


def _url_path(text: str, start: int) -> bool:
    """A run next to ``/`` counts only inside a URL or path, not inside a base64 blob."""
    i = start
    while i > 0 and start - i < 256 and text[i - 1] not in " \t\r\n\"'`<>()[]{},;":
        i -= 1
    token = text[i:start]
    return "://" in token or token.startswith("/")


def _is_btc_base58(s: str) -> bool:
    """Base58check with a P2PKH / P2SH version byte (main and test networks)."""
    if s[0] not in "123mn" or not 26 <= len(s) <= 35:
        return False
    raw = _b58decode(s)
    if len(raw) != 25 or raw[0] not in _BTC_VERSIONS:
        return False
    return hashlib.sha256(hashlib.sha256(raw[:21]).digest()).digest()[:4] == raw[21:]


def _base58(text: str) -> Iterator[tuple[int, int, str, Chain | str]]:
    """Solana (32-byte) and Bitcoin base58check addresses."""
    for start, end in runs(text, BASE58, 26, 44):
        s = text[start:end]
        if not _looks_random(s) or not _standalone(text, start, end):
            continue
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if "/" in (before, after) and not _url_path(text, start):
            continue
        if _is_btc_base58(s):
            yield start, end, s, BITCOIN
        elif len(s) >= 32 and _is_32_bytes(s):
            yield start, end, s, Chain.SOLANA


# --- bech32 / bech32m (BIP-173 / BIP-350) ------------------------------------------------------


def _convert5to8(data: list[int]) -> bytes | None:
    acc = bits = 0
    out = bytearray()
    for v in data:
        acc = (acc << 5) | v
        bits += 5
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
    if bits >= 5 or acc & ((1 << bits) - 1):
        return None  # BIP-173: at most 4 padding bits, all zero
    return bytes(out)


def is_valid_segwit(address: str) -> bool:
    """BIP-173/350: hrp bc/tb/bcrt, bech32 for v0 (20/32-byte program), bech32m for v1+."""
    if address.lower() != address and address.upper() != address:
        return False
    a = address.lower()
    hrp, sep, data = a.rpartition("1")
    if not sep or hrp not in ("bc", "tb", "bcrt") or not 6 < len(data) <= 87:
        return False
    values = [_BECH32_VALUE.get(c, -1) for c in data]
    if -1 in values:
        return False
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    const = bech32_polymod(expanded + values)
    version = values[0]
    program = _convert5to8(values[1:-6])
    if program is None or version > 16 or not 2 <= len(program) <= 40:
        return False
    if version == 0:
        return const == 1 and len(program) in (20, 32)
    return const == 0x2BC830A3


def _bech32(text: str) -> Iterator[tuple[int, int, str]]:
    for start, end in runs(text, WORD, 14, 90):
        head = text[start : start + 5].lower()
        if head.startswith(("bc1", "tb1", "bcrt1")) and _standalone(text, start, end):
            token = text[start:end]
            if is_valid_segwit(token):
                yield start, end, token


def find_addresses(
    text: str, *, solana: bool = True, bitcoin: bool = True
) -> list[tuple[int, int, str, Chain | str]]:
    """Every address in ``text``: ``(start, end, address, chain)``; chain is a
    :class:`Chain` or ``"bitcoin"``. ``solana`` / ``bitcoin`` False skip those searches
    (base58 runs are still read when ``solana`` is on, and Bitcoin ones are then reported)."""
    found: list[tuple[int, int, str, Chain | str]] = [
        (s, e, a, Chain.EVM) for s, e, a in _evm(text)
    ]
    if solana or bitcoin:
        found.extend(f for f in _base58(text) if f[3] is not BITCOIN or bitcoin)
    if bitcoin and "1" in text:  # one memchr gates the word-run search
        found.extend((s, e, a, BITCOIN) for s, e, a in _bech32(text))
    return found


# --- rules -------------------------------------------------------------------------------------


class _Rule(NamedTuple):
    rule_id: str
    action: Action
    severity: Severity


_LOOKALIKE = _Rule(LOOKALIKE, Action.BLOCK, Severity.CRITICAL)
_BAD_CHECKSUM_INPUT = _Rule(BAD_CHECKSUM, Action.FLAG, Severity.MEDIUM)
_BAD_CHECKSUM_INFO = _Rule(BAD_CHECKSUM, Action.ALLOW, Severity.LOW)
_UNKNOWN = _Rule(UNKNOWN, Action.FLAG, Severity.MEDIUM)


def _finding(
    rule: _Rule, message: str, span: tuple[int, int], address: str, evidence: tuple[str, ...]
) -> Finding:
    return Finding(
        rule_id=rule.rule_id,
        category=Category.ADDRESS,
        severity=rule.severity,
        action=rule.action,
        message=message,
        span=span,
        preview=mask_address(address),
        evidence=evidence,
    )


def _judge(
    address: str, chain: Chain | str, span: tuple[int, int], ctx: ScanContext
) -> list[Finding]:
    """The findings for one address occurrence (usually none)."""
    tool_input = ctx.source is Source.TOOL_INPUT
    out: list[Finding] = []
    if chain is Chain.EVM and not eip55_ok(address):
        rule = _BAD_CHECKSUM_INPUT if tool_input else _BAD_CHECKSUM_INFO
        message = f"EVM address {mask_address(address)} has a wrong EIP-55 checksum"
        out.append(_finding(rule, message, span, address, ("pattern:evm-address", "eip55:bad")))
    if isinstance(chain, Chain):
        if ctx.policy.is_known(address, chain):
            return out
        imitated = ctx.policy.lookalike_of(address, chain)
        if imitated is not None:
            out.append(_lookalike(address, chain, imitated, span, ctx.policy.lookalike_chars))
            return out
    if tool_input and address not in _NATIVE_SOLANA:
        name = str(chain)
        message = (
            f"tool input names {name} address {mask_address(address)}, neither own nor allowlisted"
        )
        evidence = (f"chain:{name}", "not-own", "not-allowlisted")
        out.append(_finding(_UNKNOWN, message, span, address, evidence))
    return out


def _lookalike(address: str, chain: Chain, imitated: str, span: tuple[int, int], n: int) -> Finding:
    # in full: both are public, and the difference in the middle is what a human must see
    shown = to_eip55(imitated) if chain is Chain.EVM else imitated
    message = f"{chain} address {address} imitates known address {shown} (address poisoning)"
    evidence = (f"chain:{chain}", f"imitates:{shown}", f"same-first-last:{n}")
    return _finding(_LOOKALIKE, message, span, address, evidence)


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Address findings in ``layer.text`` (spans relative to it): one per rule and distinct
    address, at its first occurrence.

    Outside tool inputs only look-alikes and EVM checksums matter, so chains without own or
    allowlisted addresses are not even searched there.
    """
    policy = ctx.policy
    tool_input = ctx.source is Source.TOOL_INPUT
    found = find_addresses(
        layer.text, solana=tool_input or bool(policy.known_solana), bitcoin=tool_input
    )
    out: list[Finding] = []
    evm_known = bool(policy.known_evm)
    seen: set[str] = set()
    unknown = 0
    for start, end, address, chain in found:
        if address in seen:
            continue
        seen.add(address)
        if chain is Chain.EVM and not (tool_input or evm_known) and eip55_ok(address):
            continue  # fast path: nothing to say about a well-formed address in an output
        for finding in _judge(address, chain, (start, end), ctx):
            if finding.rule_id == UNKNOWN:
                unknown += 1
                if unknown > MAX_UNKNOWN:
                    continue
            out.append(finding)
    return out
