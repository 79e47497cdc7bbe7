"""Keys wrapped over lines: an xprv, a WIF or a Solana keypair (base58, base64, a byte array
hard-wrapped inside its numbers) broken by a narrow terminal, a chat client, an OCR of an
export screen or a PDF's column.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. The lines are joined and the whole must
pass the same certain test as an unwrapped key (base58check, or the Solana public half
re-derived from the seed): a wrap adds no guess. A byte array broken over lines with comments
between its rows is read without the comments, to the same test.
"""

from __future__ import annotations

import base64
import binascii
import re

from aiegis_guard.charclass import BASE58, BASE64, runs
from aiegis_guard.findings import Finding
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_checks import SOLANA_B58_LENGTHS, base58_secret, solana_keypair

__all__ = ["find_wrapped_keys"]


# between two lines of one token: spaces and a break, or the quotes (and operator) of string
# literals joined across lines ("xprv9s21.."\n  "wgJF.." in Python, "..." +\n "..." in JS)
_GAP = r"""(?:[ \t]*["'`]?[ \t]*(?:\+|\.\.|\.|\|\|)?[ \t]*\\?\r?\n[ \t]*(?:\+[ \t]*)?["'`]?)"""
_WRAP_GAP_RE = re.compile(_GAP)
_WRAPPED_LENGTHS = frozenset((51, 52, *SOLANA_B58_LENGTHS))  # WIF; 64 bytes (a Solana keypair)
_B64_LENGTHS = (86, 87, 88)  # 64 bytes in base64 (with or without its padding)
_EDGE = " \t\r\n\"'`("  # what may stand around a wrapped line
# an extended private key wrapped over lines ("xprv9s21…\nwgJF…\nPBL1…"): its prefix, then
# base58 lines
WRAPPED_XPRV_RE = LazyPattern(
    r"\b[xtyzuv]prv[1-9A-HJ-NP-Za-km-z]{8,106}(?:" + _GAP + r"[1-9A-HJ-NP-Za-km-z]{4,107}){1,6}"
)


def _wrapped_xprv(text: str) -> list[Finding]:
    """An xprv written over 2-7 lines: joined, it passes its base58check like any xprv."""
    if "prv" not in text:
        return []
    found = []
    for m in WRAPPED_XPRV_RE.finditer(text):
        joined = "".join(c for c in m.group() if c.isalnum())
        if len(joined) >= 111:
            hit = base58_secret(joined[:111], (m.start(), m.end()))
            if hit is not None:
                found.append(hit)
    return found


WRAPPED_LINES = 4  # lines a key is wrapped over (an OCR of a screen, a narrow terminal)
FIRST_LINE = 42  # characters of a wrapped key's first line (the runs the caller has)
# a first line as short as a third of a WIF ("5Hue.." over three lines, a WIF in two halves of
# a quoted reply): looked for only where the text has a line break
SHORT_LINE = 17
# one more line of a wrapped token: the gap, then base64 characters
_NEXT_LINE_RE = LazyPattern(_GAP + r"([A-Za-z0-9+/_-]{4,88})(?![A-Za-z0-9+/_-])")


def _wrapped_tokens(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """A WIF or a Solana keypair (base58, or base64) wrapped over 2-4 whole lines (an OCR of
    an export screen, a narrow terminal, string literals joined across lines): joined, it
    passes its checksum or re-derives like any other (an xprv: :func:`_wrapped_xprv`).
    ``spans``: the text's base64 runs of ``FIRST_LINE``+ characters, the first lines."""
    found: list[Finding] = []
    for s, e in spans:
        if (
            e - s > 88
            or text[s - 1 : s] not in _EDGE
            or text.startswith(("0x", "0X"), s)  # a hex value (JSON-RPC is full of them)
            or not _ends_line(text, e)  # a wrapped line ends its line
        ):
            continue
        group = [(s, e)]
        while len(group) < WRAPPED_LINES:
            m = _NEXT_LINE_RE.match(text, group[-1][1])
            if m is None:
                break
            group.append(m.span(1))
        for n in range(len(group), 1, -1):
            hit = _joined_secret(text, group[:n])
            if hit is not None:
                found.append(hit)
                break
    return found


def _ends_line(text: str, end: int) -> bool:
    """Only padding, a closing quote or a joining operator between ``end`` and a line break
    (a JSON value's comma ends no wrapped line)."""
    return text[end : end + 6].lstrip(" \t\"'`=+.|\\").startswith(("\n", "\r"))


def _joined_secret(text: str, group: list[tuple[int, int]]) -> Finding | None:
    joined = "".join(text[s:e] for s, e in group)
    span = (group[0][0], group[-1][1])
    if len(joined) in _WRAPPED_LENGTHS and BASE58.chars.issuperset(joined):
        return base58_secret(joined, span)
    if len(joined) in _B64_LENGTHS:
        try:
            raw = base64.b64decode(joined.replace("-", "+").replace("_", "/") + "==")
        except (binascii.Error, ValueError):
            return None
        return solana_keypair(raw, span, joined, "base64-wrapped") if len(raw) == 64 else None
    return None


# a byte array hard-wrapped at a fixed width by a chat client or a terminal: the break may
# fall inside a number ("..., 21\n4, 88, ..": 214); only digits, separators and breaks inside
WRAPPED_ARRAY_RE = LazyPattern(r"\[([\d\s,]{127,1200})\]")
_DIGIT_WRAP_RE = re.compile(r"(?<=\d)[ \t]*\r?\n(?=\d)")
KEYPAIR_BYTES = 64


def _rewrapped_arrays(text: str) -> list[Finding]:
    """A 64-byte array whose line breaks cut numbers: the breaks between two digits removed,
    it must re-derive like any keypair (a break that separated two numbers fails that)."""
    if text.count(",") < KEYPAIR_BYTES - 1 or "\n" not in text:
        return []
    found = []
    for m in WRAPPED_ARRAY_RE.finditer(text):
        if _DIGIT_WRAP_RE.search(m.group(1)) is None:
            continue  # no number cut: the array reader has it
        items = _DIGIT_WRAP_RE.sub("", m.group(1)).replace(",", " ").split()
        if len(items) == KEYPAIR_BYTES and all(len(v) <= 3 and int(v) < 256 for v in items):
            raw = bytes(int(v) for v in items)
            hit = solana_keypair(raw, m.span(), m.group(), "int-array-rewrapped")
            found += [hit] if hit is not None else []
    return found


# a byte array broken over lines with comments between its rows ("// secret half", "# seed",
# "/* public */"): the comments removed, it must re-derive like any keypair
_COMMENT = r"//[^\n]*|#[^\n]*|/\*.*?\*/|--[ \t][^\n]*"
_COMMENT_RE = re.compile(_COMMENT, re.DOTALL)
_COMMENTED_ARRAY_RE = LazyPattern(rf"\[((?:[\d\s,]|{_COMMENT}){{127,3000}}?)\]", re.DOTALL)


def _commented_arrays(text: str) -> list[Finding]:
    """A 64-byte array with comments between its numbers: read without them."""
    if text.count(",") < KEYPAIR_BYTES - 1 or not (
        "//" in text or "#" in text or "/*" in text or "-- " in text
    ):
        return []
    found = []
    for m in _COMMENTED_ARRAY_RE.finditer(text):
        body = m.group(1)
        if _COMMENT_RE.search(body) is None:
            continue  # no comment: the array reader has it
        items = _COMMENT_RE.sub(" ", body).replace(",", " ").split()
        if len(items) == KEYPAIR_BYTES and all(len(v) <= 3 and int(v) < 256 for v in items):
            raw = bytes(int(v) for v in items)
            hit = solana_keypair(raw, m.span(), m.group(), "int-array-commented")
            found += [hit] if hit is not None else []
    return found


def find_wrapped_keys(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """xprv, WIF and Solana keypairs wrapped over lines: BLOCK. ``spans``: the text's base64
    runs of 42+ characters (:func:`~aiegis_guard.scanners.key_forms.base64_runs`)."""
    if "\n" in text:
        spans = sorted([*spans, *runs(text, BASE64, SHORT_LINE, max_len=FIRST_LINE - 1)])
    found = _wrapped_xprv(text) + _wrapped_tokens(text, spans) + _rewrapped_arrays(text)
    return found + _commented_arrays(text)
