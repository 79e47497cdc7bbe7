"""Masking: how a secret or PII value may appear anywhere (previews, logs, redacted text)."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["mask", "mask_address", "mask_words", "redact_spans"]


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
