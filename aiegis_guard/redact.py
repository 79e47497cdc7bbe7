"""Masking: how a secret or PII value may appear anywhere (previews, logs, redacted text)."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable

__all__ = [
    "UNDECIDED_RE",
    "Spellings",
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


_MANY = 64  # spellings: above this many (a text holding several keys), one indexed pass
_RUN_RE = re.compile(r"[A-Za-z0-9+/=_-]+")  # hex, base58 and base64 (either alphabet) runs
_PREFIX = 16


class _Needles:
    """Strings to find, indexed once: a ``str.find`` loop each for a few; for many (a text
    holding thousands of keys, ~24 spellings each: a find per spelling would read the text
    ~24 times per key) one pass over the text's hex / base64 runs, each position looked up
    by its first characters. Needles of other characters keep their own find."""

    def __init__(self, needles: set[str]) -> None:
        needles = needles - {""}
        self.few = len(needles) <= _MANY
        runs = set() if self.few else {n for n in needles if _RUN_RE.fullmatch(n)}
        self.plain = needles - runs
        self.k = min(_PREFIX, *map(len, runs)) if runs else 0
        self.by_prefix: dict[str, list[str]] = {}
        for needle in runs:
            self.by_prefix.setdefault(needle[: self.k], []).append(needle)

    def finds(self, haystack: str) -> list[tuple[int, int]]:
        """Every occurrence of every needle in ``haystack``."""
        out = [s for needle in self.plain for s in _finds(haystack, needle)]
        if not self.by_prefix:
            return out
        k = self.k
        for m in _RUN_RE.finditer(haystack):
            start, end = m.span()
            for i in range(start, end - k + 1):
                for needle in self.by_prefix.get(haystack[i : i + k], ()):
                    if haystack.startswith(needle, i):
                        out.append((i, i + len(needle)))
        return out


def _word_runs(text: str, phrases: list[list[str]]) -> list[tuple[int, int]]:
    """Where the words of any phrase follow one another in ``text`` (case-insensitive, any
    separators): the text's words are read once for all phrases."""
    if not phrases:
        return []
    found = [(m.group().lower(), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    by_first: dict[str, list[list[str]]] = {}
    for words in phrases:
        by_first.setdefault(words[0], []).append(words)
    out = []
    for i, (word, start, _) in enumerate(found):
        for words in by_first.get(word, ()):
            n = len(words)
            if i + n <= len(found) and all(found[i + k][0] == words[k] for k in range(n)):
                out.append((start, found[i + n - 1][2]))
    return out


class Spellings:
    """Every spelling of some secret values, worked out once (upper / lower case and with or
    without ``0x`` for hex, any separators between seed words, base64 / hex encodings) for
    the many texts a check searches for them: each finding's preview, message and evidence,
    each chunk and layer. Held only for the check, never in a module cache."""

    def __init__(self, values: Iterable[str]) -> None:
        in_lower: set[str] = set()  # searched in the lower-cased text
        as_is: set[str] = set()
        self.phrases: list[list[str]] = []
        for value in {v.strip() for v in values if v.strip()}:
            core = value[2:] if value[:2] in ("0x", "0X") else value
            if len(core) >= _MIN_HEX and all(c in _HEX for c in core):
                forms = {core.lower(), ("0x" + core).lower()}
                in_lower |= forms | {form.encode().hex() for form in forms}
                for form in (core.lower(), core.upper(), "0x" + core.lower(), "0X" + core.upper()):
                    as_is |= _b64_forms(form.encode())
                if len(core) % 2 == 0:
                    as_is |= _b64_forms(bytes.fromhex(core))
                continue
            words = value.lower().split()
            if len(words) > 1:
                self.phrases.append(words)
            else:
                as_is.add(value)
            as_is |= _b64_forms(value.encode())
        self.in_lower = _Needles(in_lower) if in_lower else None
        self.as_is = _Needles(as_is)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Every occurrence of the values in ``text``, in any of their spellings."""
        spans = self.in_lower.finds(text.lower()) if self.in_lower else []
        return spans + self.as_is.finds(text) + _word_runs(text, self.phrases)


def secret_spans(text: str, values: Iterable[str] | Spellings) -> list[tuple[int, int]]:
    """Every occurrence in ``text`` of each secret value in any spelling (see
    :class:`Spellings`; pass one to search many texts for the same values). A decoded layer
    of the text is searched by the caller."""
    spellings = values if isinstance(values, Spellings) else Spellings(values)
    return spellings.spans(text)
