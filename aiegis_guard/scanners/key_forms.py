"""EVM keys in disguise: split in labelled halves, base64-wrapped, or decoded from a blob.

Called by :mod:`aiegis_guard.scanners.wallet_keys`.

* **Halves**: two 32-hex values close together whose labels mark them as parts
  (``KEY_PART_1=`` / ``KEY_PART_2=``, "first half" / "second half", ``pk_a`` / ``pk_b``) of
  something key-ish (a key word in a label or just before the first half), or whose
  concatenation derives to an address in play. Both halves are reported and masked.
* **Base64 of the raw 32 bytes** (a Kubernetes ``Secret``'s ``data:``, a ``.env`` value):
  a 43/44-character base64 token that decodes to 32 bytes in the secp256k1 range behind a
  key-ish label (the same context rules as a hex key, :func:`evm_keys.key_context`).
* **Decoded blocks**: a base64 blob that decodes to ``0x`` + 64 hex has lost its label to the
  encoding (``PRIVATE_KEY: MHg0YzA4...``); the label before the blob in the parent text is
  read as the context of the decoded value (:func:`with_parent_label`).
"""

from __future__ import annotations

import base64
import binascii

from aiegis_guard.charclass import BASE64, HEX, runs
from aiegis_guard.findings import Action, Finding
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners.evm_keys import (
    WINDOW,
    find_evm_keys,
    key_context,
    key_finding,
)

__all__ = ["find_base64_keys", "find_split_keys", "with_parent_label"]

HALF_GAP = 160  # characters between the end of the first half and the second
LABEL_CHARS = 48  # label read before each half
KEY_REACH = 120  # characters before the first half searched for a key word
LABELLED_BLOCK_MAX = 512  # decoded blocks this short are one value: the label applies
_PART_RE = LazyPattern(
    r"(?i)(?:part|half|piece|chunk|segment|fragment|shard|share|first|second|upper|lower|"
    r"high|low|left|right|(?:^|[^a-z0-9])(?:1|2|a|b|one|two|p1|p2|hi|lo)(?:[^a-z0-9]|$))"
)
_KEY_RE = LazyPattern(r"(?i)priv|secret|signer|signing|key|(?:^|[^a-z])(?:pk|sk)(?:[^a-z]|$)")
_GLUE = frozenset("0123456789abcdefABCDEFxX_")


def _label(text: str, start: int, floor: int) -> str:
    lo = max(floor, start - LABEL_CHARS)
    line = text.rfind("\n", lo, start)
    return text[(line + 1 if line >= 0 else lo) : start]


def _halves(text: str) -> list[tuple[int, int]]:
    """Whole-token runs of exactly 32 hex digits (``0x`` allowed), as value spans."""
    out: list[tuple[int, int]] = []
    for s, e in runs(text, HEX, 32, max_len=32):
        if text[s - 2 : s] in ("0x", "0X"):
            s -= 2
        elif s and text[s - 1] in _GLUE:
            continue
        if e < len(text) and text[e] in _GLUE:
            continue
        out.append((s, e))
    return out


def _split_pair(text: str, a: tuple[int, int], b: tuple[int, int], own: frozenset[str]) -> str:
    """Evidence when ``a`` + ``b`` read as one key, else ''."""
    body = text[a[0] : a[1]].removeprefix("0x").removeprefix("0X")
    body += text[b[0] : b[1]].removeprefix("0x").removeprefix("0X")
    if not 0 < int(body, 16) < SECP256K1_N:
        return ""
    first, second = _label(text, a[0], 0), _label(text, b[0], a[1])
    if "half" in first.lower() and "half" in second.lower():
        return "split:labelled-halves"
    if _PART_RE.search(first) and _PART_RE.search(second):
        lead = text[max(0, a[0] - KEY_REACH) : a[0]]
        if _KEY_RE.search(first) or _KEY_RE.search(second) or _KEY_RE.search(lead):
            return "split:labelled-halves"
    if own:
        from aiegis_guard.keys.evm import address_of

        if address_of(bytes.fromhex(body)) in own:
            return "split:derives-to-own-address"
    return ""


def find_split_keys(text: str, own: frozenset[str]) -> list[Finding]:
    """A key written as two labelled 32-hex halves: both halves, BLOCK."""
    halves = _halves(text)
    found: list[Finding] = []
    i = 0
    while i + 1 < len(halves):
        a, b = halves[i], halves[i + 1]
        evidence = _split_pair(text, a, b, own) if b[0] - a[1] <= HALF_GAP else ""
        if evidence:
            for span in (a, b):
                found.append(
                    key_finding(span, text[span[0] : span[1]], "pattern:hex32x2", evidence)
                )
            i += 2
        else:
            i += 1
    return found


def find_base64_keys(text: str) -> list[Finding]:
    """32 raw key bytes in base64 behind a key-ish label: BLOCK."""
    found: list[Finding] = []
    for s, e in runs(text, BASE64, 42, max_len=44):
        end = e + 1 if text[e : e + 1] == "=" else e
        if end - s != 44 or (s and text[s - 1] in BASE64.chars):
            continue
        token = text[s:end]
        try:
            raw = base64.b64decode(token.replace("-", "+").replace("_", "/"), validate=True)
        except (binascii.Error, ValueError):
            continue
        if len(raw) != 32 or not 0 < int.from_bytes(raw, "big") < SECP256K1_N:
            continue
        kind, evidence = key_context(text, s, end)
        if kind == "key":
            found.append(key_finding((s, end), token, "pattern:base64-32", evidence))
    return found


def with_parent_label(layer: Layer, own: frozenset[str], derive: bool) -> list[Finding]:
    """Hex keys of a decoded block read with the label standing before the block."""
    parent, origin = layer.parent, layer.origin
    if parent is None or origin is None or len(layer.text) > LABELLED_BLOCK_MAX:
        return []
    prefix = parent.text[max(0, origin[0] - WINDOW) : origin[0]] + " "
    shift = len(prefix)
    found = find_evm_keys(prefix + layer.text, own, derive_hashes=derive)
    return [
        f.with_span(f.span[0] - shift, f.span[1] - shift)
        for f in found
        if f.span is not None and f.span[0] >= shift and f.action is Action.BLOCK
    ]
