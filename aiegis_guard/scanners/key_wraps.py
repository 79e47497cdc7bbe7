"""Base58 keys wrapped over lines: an xprv, a WIF or a Solana keypair broken by a narrow
terminal, an OCR of an export screen or a PDF's column.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. The lines are joined and the whole must
pass the same certain test as an unwrapped key (base58check, or the Solana public half
re-derived from the seed): a wrap adds no guess.
"""

from __future__ import annotations

import re

from aiegis_guard.charclass import BASE58, runs
from aiegis_guard.findings import Finding
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_checks import SOLANA_B58_LENGTHS, base58_secret

__all__ = ["find_wrapped_keys"]


# an extended private key wrapped over lines ("xprv9s21…\nwgJF…\nPBL1…"): its prefix, then
# base58 lines
_WRAP_GAP_RE = re.compile(r"[ \t]*\r?\n[ \t]*")
_WRAPPED_LENGTHS = frozenset((51, 52, *SOLANA_B58_LENGTHS))  # WIF; 64 bytes (a Solana keypair)
WRAPPED_XPRV_RE = LazyPattern(
    r"\b[xtyzuv]prv[1-9A-HJ-NP-Za-km-z]{8,106}(?:[ \t]*\r?\n[ \t]*[1-9A-HJ-NP-Za-km-z]{4,107}){1,6}"
)


def _wrapped_xprv(text: str) -> list[Finding]:
    """An xprv written over 2-7 lines: joined, it passes its base58check like any xprv."""
    if "prv" not in text:
        return []
    found = []
    for m in WRAPPED_XPRV_RE.finditer(text):
        joined = "".join(m.group().split())
        if len(joined) >= 111:
            hit = base58_secret(joined[:111], (m.start(), m.end()))
            if hit is not None:
                found.append(hit)
    return found


WRAPPED_LINES = 4  # lines a base58 key is wrapped over (an OCR of a screen, a narrow terminal)
MIN_WRAPPED_LINE = 16  # base58 characters on each line but the last


def _wrapped_base58(text: str) -> list[Finding]:
    """A WIF or a Solana keypair in base58 wrapped over 2-4 whole lines (an OCR of an export
    screen, a narrow terminal): joined, it passes its checksum or re-derives like any other
    (an xprv: :func:`_wrapped_xprv`)."""
    lines = [
        (s, e)
        for s, e in runs(text, BASE58, MIN_WRAPPED_LINE, max_len=88)
        if not text[s - 1 : s].strip() and not text[e : e + 1].strip()  # whole tokens
    ]
    found: list[Finding] = []
    i = 0
    while i < len(lines) - 1:
        group = [lines[i]]
        while len(group) < WRAPPED_LINES and i + len(group) < len(lines):
            nxt = lines[i + len(group)]
            if _WRAP_GAP_RE.fullmatch(text, group[-1][1], nxt[0]) is None:
                break
            group.append(nxt)
        hit = None
        for n in range(len(group), 1, -1):
            joined = "".join(text[s:e] for s, e in group[:n])
            if len(joined) in _WRAPPED_LENGTHS:
                hit = base58_secret(joined, (group[0][0], group[n - 1][1]))
                if hit is not None:
                    break
        found += [hit] if hit is not None else []
        i += len(group) if hit is not None else 1
    return found


def find_wrapped_keys(text: str) -> list[Finding]:
    """xprv, WIF and Solana keypairs wrapped over lines: BLOCK."""
    return _wrapped_xprv(text) + _wrapped_base58(text)
