"""Masking: how a secret or PII value may appear anywhere (previews, logs, redacted text)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

__all__ = [
    "UNDECIDED_RE",
    "mask",
    "mask_address",
    "mask_words",
    "redact_spans",
    "secret_spans",
]


def mask(value: str, *, keep: int = 4) -> str:
    """``0x4c0883…[66 chars]`` -> at most ``keep`` leading characters and the length.

    Never reveals more than ``keep`` characters, and none for values shorter than ``3 * keep``.
    """
    value = value.strip()
    n = len(value)
    head = value[:keep] if n >= 3 * keep else ""
    return f"{head}…[{n} chars]"


def mask_words(words: list[str]) -> str:
    """Seed phrases: the first word and the count."""
    return f"{words[0][:2]}… [{len(words)} words]" if words else "[0 words]"


def mask_address(address: str) -> str:
    """Addresses are public, but long: ``0x1234…abcd``."""
    if len(address) <= 14:
        return address
    return f"{address[:6]}…{address[-4:]}"


def redact_spans(text: str, spans: Iterable[tuple[int, int]], label: str = "REDACTED") -> str:
    """Replace each span of ``text`` by ``[REDACTED]`` (overlapping spans merged)."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    last = 0
    for start, end in merged:
        out.append(text[last:start])
        out.append(f"[{label}]")
        last = end
    out.append(text[last:])
    return "".join(out)


# --- every spelling of a secret -------------------------------------------------------------
# Plain string searches, never a regex built from a secret: ``re`` keeps compiled patterns in
# a module cache, which would hold the secret after the verdict.

_HEX = frozenset("0123456789abcdefABCDEF")
_MIN_HEX = 32  # shorter hex values are not searched in other spellings (too many false hits)
UNDECIDED_RE = re.compile(r"(?<![0-9A-Za-z_])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z_])")
_WORD_RE = re.compile(r"[^\W_]+")


def _b64_forms(raw: bytes) -> set[str]:
    std = base64.b64encode(raw).decode()
    url = base64.urlsafe_b64encode(raw).decode()
    return {std, url, std.rstrip("="), url.rstrip("=")}


def _finds(text: str, needle: str) -> list[tuple[int, int]]:
    out, at = [], text.find(needle)
    while at >= 0 and needle:
        out.append((at, at + len(needle)))
        at = text.find(needle, at + len(needle))
    return out


def _word_runs(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where ``words`` follow one another in ``text`` (case-insensitive, any separators)."""
    found = [(m.group().lower(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    n, out = len(words), []
    for i in range(len(found) - n + 1):
        if all(found[i + k][0] == words[k] for k in range(n)):
            out.append((found[i][1], found[i + n - 1][2]))
    return out


def secret_spans(text: str, values: Iterable[str]) -> list[tuple[int, int]]:
    """Every occurrence in ``text`` of each secret value in any spelling: upper / lower case
    and with or without ``0x`` (hex), any separators between seed words, base64 / hex
    encodings. (A decoded layer of the text is searched by the caller.)"""
    low = text.lower()
    spans: list[tuple[int, int]] = []
    for value in {v.strip() for v in values if v.strip()}:
        core = value[2:] if value[:2] in ("0x", "0X") else value
        if len(core) >= _MIN_HEX and all(c in _HEX for c in core):
            forms = {core.lower(), ("0x" + core).lower()}
            spans += [s for form in forms for s in _finds(low, form)]
            spans += [s for form in forms for s in _finds(low, form.encode().hex())]
            encoded: set[str] = set()
            for form in (core.lower(), core.upper(), "0x" + core.lower(), "0X" + core.upper()):
                encoded |= _b64_forms(form.encode())
            if len(core) % 2 == 0:
                encoded |= _b64_forms(bytes.fromhex(core))
            spans += [s for form in encoded for s in _finds(text, form)]
            continue
        words = value.lower().split()
        if len(words) > 1:
            spans += _word_runs(text, words)
        else:
            spans += _finds(text, value)
        spans += [s for form in _b64_forms(value.encode()) for s in _finds(text, form)]
    return spans
