"""Wallet secrets written so that no scanner reads them as they stand, with the way back
stated by the text or proved by the secret's own check.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. Each form is decoded only behind a C-speed
gate, and each decoding must pass a test a look-alike fails:

* **Derives to an address in the text** (certain; only when an ``0x`` address is present): a
  64-hex token written backwards ("reverse it before importing"), a list of 32 decimal
  bytes (``[35, 201, ..]``), a spreadsheet formula joining string halves
  (``=CONCATENATE("83f..";"c49..")``, ``"83f.."&"c49.."``), 32 bytes in base32 (RFC 4648).
* **Named a key** (:func:`~aiegis_guard.scanners.evm_keys.key_context` on the value's place):
  the joined formula halves; base32 bytes and an OCR'd key in upper-case groups where the
  letter ``O`` stands for ``0`` (only where the groups otherwise read as exactly 64 hex
  digits) only where the label names a *wallet's* key
  (:func:`~aiegis_guard.scanners.wallet_key_names.names_wallet_key`): base32 is the format of
  TOTP seeds ("2FA secret key", ``otpauth://``), and a licence key is OCR'd too. A hash so
  written is named a hash ("Transaction Hash:", "sha256 in base32").
* **Self-checking**: 64 base32 bytes that are a Solana keypair (the public half re-derives);
  base58 groups ("KxK.. mko..\\n6Qt.. 1bB..", a paper wallet's OCR) whose concatenation is a
  base58check WIF / xprv; BIP-39 word numbers (``12 1840 ..``, 1-based, or 0-based indexes)
  of 12-24 words whose checksum holds (1 in 16: not enough alone), where a note before them
  names the phrase ("seed", "BIP-39"; a "wordlist" alone is not enough) and says they are
  numbers or indexes, and they are no series (sorted ascending, a constant step: years, ids).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import re
import string

from aiegis_guard.charclass import CharClass, run_windows
from aiegis_guard.checksums import BIP39_WORD_COUNTS, is_valid_bip39
from aiegis_guard.findings import Finding
from aiegis_guard.keys.evm import address_of
from aiegis_guard.scanners.evm_keys import key_context, key_finding
from aiegis_guard.scanners.key_checks import base58_secret, solana_keypair
from aiegis_guard.scanners.seed_phrases import bip39_finding, is_placeholder_phrase
from aiegis_guard.scanners.wallet_key_names import names_wallet_key

__all__ = ["addresses_in", "derives_in_text", "find_decoded_keys"]

RULE_BIP39 = "secret.bip39_mnemonic"
MAX_TRIES = 8  # decodings derived / checked per form per text
LABEL_REACH = 64  # characters before a value read for what its label names
_ADDRESS_RE = re.compile(r"0[xX]([0-9a-fA-F]{40})(?![0-9a-fA-F])")
_HEX64_RE = re.compile(r"(?<![0-9A-Za-z])(?:0x)?([0-9a-fA-F]{64})(?![0-9A-Za-z])")
_DECIMALS_RE = re.compile(r"\[\s*((?:\d{1,3}\s*,\s*){31}\d{1,3})\s*,?\s*\]")
_CONCAT_RE = re.compile(
    r"(?i)(?:concat(?:enate)?\s*\(\s*|&\s*)\"([0-9a-fA-Fx]{8,66})\"\s*[;,&]\s*\"([0-9a-fA-F]{8,64})\""
)
_BASE32_RE = re.compile(r"(?<![A-Za-z0-9])([A-Z2-7]{52,104}={0,6})(?![A-Za-z0-9=])")
# upper-case OCR groups of hex in which "O" stands for "0" (one "O" at least)
_OCR_RE = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-FO]{4,16}"
    r"(?:[ \t]{1,3}(?:\r?\n[ \t]*)?[0-9A-FO]{4,16}|\r?\n[0-9A-FO]{4,16}){1,15}(?![0-9A-Za-z])"
)
_B58_GROUPS_RE = re.compile(
    r"[1-9A-HJ-NP-Za-km-z]{4,20}"
    r"(?:(?:[ \t]{1,3}|[ \t]*\r?\n[ \t]*)[1-9A-HJ-NP-Za-km-z]{4,20}){1,9}(?![0-9A-Za-z])"
)
_NUMBERS_RE = re.compile(
    r"(?<![\d.,])\d{1,4}(?:(?:[ \t,]{1,3}|[ \t,]*\r?\n[ \t]*)\d{1,4}){11,23}(?![\d.,])"
)
_LIST_NOTE_RE = re.compile(
    r"[Bb][Ii][Pp][ -]?0?39|[Ww]ord ?list|WORD ?LIST|lista (?:de palabras|inglesa)"
)
# a note of a phrase: it names the seed (a phrase, a mnemonic, BIP-39; "wordlist" alone is
# not enough) and says its numbers are the words' numbers or indexes (es: "números", "posición")
_SEED_NOTE_RE = re.compile(
    r"(?i)bip[ -]?0?39|seed|mnemonic|recovery|phrase|frase|semilla|mnemónic|palabras"
)
_INDEX_NOTE_RE = re.compile(
    r"(?i)\bnumbers?\b|\bnumbered\b|\bindex|\bindices\b|\bpositions?\b|n[úu]meros?|posici[óo]n|"
    r"[íi]ndices?|\b[01]-based\b"
)
NOTE_REACH = 400  # characters after a note naming the list searched for its word numbers
MAX_NOTES = 4
# C-speed gates: a regex is read only inside runs of its characters (charclass)
_BASE32 = CharClass("base32", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567=")
_OCR = CharClass("ocr-hex", "0123456789ABCDEFO \t\r\n")
# how a WIF (mainnet 5H/5J/5K, Kw-Kz, L1-L5; testnet 9, cM-cV) or an xprv-like key begins
_B58_LEADS_RE = re.compile(r"(?:5[HJK]|K[w-z]|L[1-5]|9[1-9A-HJ-NP-Za-km-z]|c[M-V]|[xtyzuvYZUV]prv)")


def _derived_key(raw: bytes, present: frozenset[str]) -> bool:
    return len(raw) == 32 and (address := address_of(raw)) is not None and address in present


def addresses_in(text: str) -> frozenset[str]:
    """The ``0x`` addresses written in ``text`` (lower case): what a decoded key may derive to."""
    if "0x" not in text:
        return frozenset()
    return frozenset("0x" + a.lower() for a in _ADDRESS_RE.findall(text))


def _is_hex(digits: str) -> bool:
    return all(c in string.hexdigits for c in digits)


def derives_in_text(value: str, present: frozenset[str]) -> bool:
    """Whether ``value`` (64 hex, an ``0x`` first or not) is the key of one of the addresses
    ``present`` in the text (:func:`addresses_in`; certain: a hash cannot derive to one)."""
    digits = value.removeprefix("0x")
    if len(digits) != 64 or not present or not _is_hex(digits):
        return False
    return _derived_key(bytes.fromhex(digits), present)


def _named_key(text: str, span: tuple[int, int]) -> bool:
    return key_context(text, *span)[0] == "key"


def _named_wallet_key(text: str, span: tuple[int, int]) -> bool:
    """Named a key, and the words before it name a wallet's (not a TOTP seed's, a licence's)."""
    label = text[max(0, span[0] - LABEL_REACH) : span[0]]
    return names_wallet_key(label) and _named_key(text, span)


def _hex_forms(text: str, present: frozenset[str], spans: list[tuple[int, int]]) -> list[Finding]:
    """Reversed 64-hex tokens, decimal byte lists and formula halves that derive (or, for the
    formula, are named a key)."""
    found: list[Finding] = []
    if present:
        for m in [
            m
            for s, e in spans
            if e - s == 64
            and (m := _HEX64_RE.match(text, s - 2 * (text[s - 2 : s] == "0x"), e + 1))
        ][:MAX_TRIES]:
            if _derived_key(bytes.fromhex(m[1][::-1]), present):
                found.append(key_finding(m.span(1), m[1], "form:reversed", "derives-to:address"))
        for m in list(_DECIMALS_RE.finditer(text))[:MAX_TRIES]:
            values = [int(v) for v in m[1].split(",")]
            if max(values) < 256 and _derived_key(bytes(values), present):
                found.append(key_finding(m.span(), m[0], "form:decimal", "derives-to:address"))
    if '"&"' in text or '" & "' in text or "oncat" in text or "ONCAT" in text:
        for m in list(_CONCAT_RE.finditer(text))[:MAX_TRIES]:
            joined = (m[1] + m[2]).removeprefix("0x")
            if len(joined) != 64 or not _is_hex(joined):
                continue
            if _derived_key(bytes.fromhex(joined), present) or _named_key(text, m.span()):
                found.append(key_finding(m.span(), joined, "form:formula-halves"))
    return found


def _base32(text: str, present: frozenset[str]) -> list[Finding]:
    found: list[Finding] = []
    hits = [m for s, e in run_windows(text, _BASE32, 52) if (m := _BASE32_RE.search(text, s, e))]
    for m in hits[:MAX_TRIES]:
        token = m[1]
        try:
            raw = base64.b32decode(token + "=" * (-len(token) % 8))
        except (binascii.Error, ValueError):
            continue
        if len(raw) == 64:
            hit = solana_keypair(raw, m.span(1), token, "base32")
            found += [hit] if hit is not None else []
        elif len(raw) == 32 and (_derived_key(raw, present) or _named_wallet_key(text, m.span(1))):
            found.append(key_finding(m.span(1), token, "form:base32"))
    return found


def _ocr_hex(text: str) -> list[Finding]:
    found: list[Finding] = []
    hits = [m for s, e in run_windows(text, _OCR, 71) if (m := _OCR_RE.search(text, s, e))]
    for m in hits[:MAX_TRIES]:
        digits = "".join(m[0].split())
        if len(digits) == 64 and "O" in digits and _named_wallet_key(text, m.span()):
            found.append(key_finding(m.span(), digits.replace("O", "0"), "form:ocr-O-for-0"))
    return found


def _base58_groups(text: str) -> list[Finding]:
    found: list[Finding] = []
    leads = (
        lead.start()
        for lead in _B58_LEADS_RE.finditer(text)
        if not text[lead.start() - 1 : lead.start()].isalnum()
    )
    hits = [m for at in leads if (m := _B58_GROUPS_RE.match(text, at)) and len(m[0]) >= 51]
    for m in hits[:MAX_TRIES]:
        joined = "".join(m[0].split())
        if len(joined) in (51, 52, 111) and (hit := base58_secret(joined, m.span())) is not None:
            found.append(hit)
    return found


def _is_a_phrase_note(note: str) -> bool:
    """The words before the numbers name a seed (a phrase, BIP-39) and say the numbers are its
    words' numbers or indexes: a list named alone ("wordlist revisions by year") or the
    numbers' other meaning ("word frequencies") is no note of a phrase."""
    return _SEED_NOTE_RE.search(note) is not None and _INDEX_NOTE_RE.search(note) is not None


def _is_a_series(values: list[int]) -> bool:
    """Sorted ascending (ids, a sample) or a constant step (years): never a phrase's words
    (1 in 12! for 12 random words)."""
    steps = {b - a for a, b in itertools.pairwise(values)}
    return min(steps) >= 0 or len(steps) == 1


def _word_numbers(text: str) -> list[Finding]:
    found: list[Finding] = []
    notes = [note.end() for note in _LIST_NOTE_RE.finditer(text)][:MAX_NOTES]
    hits = [m for at in notes if (m := _NUMBERS_RE.search(text, at, at + NOTE_REACH))]
    for m in hits[:MAX_TRIES]:
        numbers = [(n.start(), n.end(), int(n[0])) for n in re.finditer(r"\d+", m[0])]
        if len(numbers) not in BIP39_WORD_COUNTS or _is_a_series([v for _, _, v in numbers]):
            continue
        if not _is_a_phrase_note(text[max(0, m.start() - NOTE_REACH) : m.start()]):
            continue
        for base in (0, 1):  # 0-based indexes, 1-based word numbers
            indices = [v - base for _, _, v in numbers]
            if min(indices) < 0 or max(indices) > 2047 or is_placeholder_phrase(indices):
                continue
            if is_valid_bip39(indices):
                words = [
                    (m.start() + s, m.start() + e, i)
                    for (s, e, _), i in zip(numbers, indices, strict=True)
                ]
                found.append(bip39_finding(RULE_BIP39, "english", words, text, True))
                break
    return found


def find_decoded_keys(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """Keys and phrases in the decodings above (BLOCK), each checked as the module says."""
    present = addresses_in(text)
    found = _hex_forms(text, present, spans) + _base32(text, present) + _base58_groups(text)
    if "O" in text:
        found += _ocr_hex(text)
    if any(n in text for n in ("BIP", "bip", "ordlist", "lista")):
        found += _word_numbers(text)
    return found
