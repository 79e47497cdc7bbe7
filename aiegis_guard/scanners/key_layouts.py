"""A key inside a longer hex blob whose layout the text states.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. A backup or an export concatenates a key
with other fields and says how: "privateKey (32 bytes) || salt (32 bytes)", "layout:
key[32] | iv[16] | mac[32]", "signer key (32 bytes) + nonce (8 bytes)". The stated fields,
their sizes and their order locate the key in a hex blob of exactly that many bytes next to the
statement (within ``LAYOUT_REACH`` characters before or after it). The field's bytes are a key
when its name is a key's (the hex key's word rules: ``privateKey``, "secret", "signer key";
not a public key, a salt, a hash, a chain code) and they lie in secp256k1's range. Nothing is
judged on a blob alone: a layout that names no key, or sizes that do not add up to the blob's,
say nothing.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from aiegis_guard.findings import Finding
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.scanners.evm_keys import is_placeholder, key_finding
from aiegis_guard.scanners.key_words import classify_words

__all__ = ["find_layout_keys"]

LAYOUT_REACH = 400  # characters each side of a blob searched for its stated layout
MIN_BLOB = 2 * (32 + 8)  # hex digits: a key and at least 8 more bytes
MAX_BLOB = 2 * 512
# one field: a name, then its size in bytes ("privateKey (32 bytes)", "key[32]", "salt: 32 bytes")
_SIZE = r"(?:\(\s*\d{1,3}\s*bytes?\s*\)|\[\s*\d{1,3}\s*\]|:\s*\d{1,3}\s*bytes?\b)"
_FIELD = rf"[A-Za-z_][\w -]{{0,30}}?\s*{_SIZE}"
_JOIN = r"\s*(?:\|\||\||\+|,|;|::|then|followed by)\s*"
_LAYOUT_RE = re.compile(rf"{_FIELD}(?:{_JOIN}{_FIELD}){{1,7}}")
_FIELD_RE = re.compile(rf"(?P<name>[A-Za-z_][\w -]{{0,30}}?)\s*(?P<size>{_SIZE})")
_DIGITS_RE = re.compile(r"\d+")
_BRACKET_SIZE_RE = re.compile(r"\[[ \t]*\d{1,3}[ \t]*\]")


# a key field that holds the key sealed, not the key ("encrypted_private_key[32]", "wrapped
# key", "ciphertext of the private key"): review20b F11
_SEALED_RE = re.compile(r"enc|wrap|cipher|seal|protected", re.IGNORECASE)


def _fields(layout: str) -> list[tuple[str, int]]:
    """(name, size in bytes) of each field of a stated layout, in order."""
    out = []
    for m in _FIELD_RE.finditer(layout):
        size = _DIGITS_RE.search(m.group("size"))
        if size is not None:
            out.append((m.group("name").strip(" -"), int(size.group())))
    return out


def _key_field(fields: list[tuple[str, int]]) -> tuple[int, str] | None:
    """(offset in bytes, name) of the first 32-byte field named as a key, else None."""
    offset = 0
    for name, size in fields:
        named = classify_words(name)
        if size == 32 and named is not None and named[0] == "key" and not _SEALED_RE.search(name):
            return offset, name
        offset += size
    return None


def _layout_key(text: str, start: int, end: int) -> Finding | None:
    """The key of the blob at ``text[start:end]`` (hex digits only), by a stated layout."""
    digits = end - start
    windows = (text[max(0, start - LAYOUT_REACH) : start], text[end : end + LAYOUT_REACH])
    for window in windows:
        for m in _LAYOUT_RE.finditer(window):
            fields = _fields(m.group())
            if 2 * sum(size for _, size in fields) != digits:
                continue
            located = _key_field(fields)
            if located is None:
                continue
            at = start + 2 * located[0]
            body = text[at : at + 64]
            if 0 < int(body, 16) < SECP256K1_N and not is_placeholder(body):
                return key_finding(
                    (at, at + 64), body, "pattern:hex-layout", f"layout:{located[1]!r}"
                )
    return None


def _marks(text: str) -> list[int]:
    """Sorted offsets of what may state a field's size ("bytes", "[32]"), found at C
    speed (a page of hex digits is never walked position by position)."""
    out = [m.start() for m in _BRACKET_SIZE_RE.finditer(text)] if "[" in text else []
    at = text.find("byte")
    while at >= 0:
        out.append(at)
        at = text.find("byte", at + 1)
    return sorted(out)


def find_layout_keys(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """Keys at a stated layout's place in a longer hex blob (``spans``: the text's hex runs):
    BLOCK. Only a blob with two field sizes stated within reach is read (an event log's
    ``data`` among a hundred others costs one look-up each)."""
    blobs = [
        (s, e)
        for s, e in spans
        if MIN_BLOB <= e - s <= MAX_BLOB
        and not (e - s) % 2
        and not (s and text[s - 1].isalnum() and text[s - 2 : s] != "0x")
    ]
    marks = _marks(text) if blobs else []
    if len(marks) < 2:
        return []
    found: list[Finding] = []
    for start, end in blobs:
        near = bisect_right(marks, end + LAYOUT_REACH) - bisect_left(marks, start - LAYOUT_REACH)
        if near < 2:
            continue
        hit = _layout_key(text, start, end)
        if hit is not None:
            found.append(hit)
    return found
