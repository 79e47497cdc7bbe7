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
    "secret_pattern",
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

_HEX = frozenset("0123456789abcdefABCDEF")
_MIN_HEX = 32  # shorter hex values are not searched in other spellings (too many false hits)
UNDECIDED_RE = re.compile(r"(?<![0-9A-Za-z_])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9A-Za-z_])")


def _b64_forms(raw: bytes) -> set[str]:
    std = base64.b64encode(raw).decode()
    url = base64.urlsafe_b64encode(raw).decode()
    return {std, url, std.rstrip("="), url.rstrip("=")}


def _spellings(value: str) -> list[str]:
    """Regex alternatives for one secret: itself, its case / ``0x`` / separator variants, and
    its base64 / hex encodings (a decoded layer of the text is searched separately)."""
    value = value.strip()
    core = value[2:] if value[:2] in ("0x", "0X") else value
    if len(core) >= _MIN_HEX and all(c in _HEX for c in core):
        plain = [core.lower(), core.upper(), "0x" + core.lower(), "0X" + core.upper()]
        encoded: set[str] = set()
        for form in plain:
            encoded |= _b64_forms(form.encode())
            encoded.add(form.encode().hex())
        if len(core) % 2 == 0:
            encoded |= _b64_forms(bytes.fromhex(core))
        return [re.escape(core), *sorted(map(re.escape, encoded), key=len, reverse=True)]
    words = value.split()
    if len(words) > 1:  # a seed phrase: any separator between its words
        joined = r"[\W_]+".join(re.escape(w) for w in words)
        return [joined, *map(re.escape, _b64_forms(value.encode()))]
    return [re.escape(value), *map(re.escape, _b64_forms(value.encode()))]


def secret_pattern(values: Iterable[str]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching every spelling of every value (None: no values)."""
    parts = [p for value in set(values) if value.strip() for p in _spellings(value)]
    if not parts:
        return None
    return re.compile("|".join(sorted(set(parts), key=len, reverse=True)), re.IGNORECASE)
