"""Passkeys: P-256 public keys that sign for a smart account as an owner (``[wallet] passkeys``).

A passkey has no address. coinbase/smart-wallet ``src/MultiOwnable.sol`` stores one as a
64-byte owner, its public key's ``x ‖ y`` (``addOwnerPublicKey(bytes32 x, bytes32 y)``, and a
64-byte ``owners`` entry of ``CoinbaseSmartWalletFactory.createAccount``); the EVM decoders
name it ``p256:0x<x><y>`` (:data:`PASSKEY_PREFIX`), lower-case. The owner's own passkeys are
listed in the config as ``0x`` + 128 hex digits (the ``p256:`` form, as a verdict's evidence
shows it, reads the same) and are checked to be a point of the curve: a value that is not one
(a typo, a 64-byte secret key pasted in the wrong place) can sign for nothing, and is refused
at load with the value masked.

Curve: secp256r1 = NIST P-256, ``y² = x³ - 3x + b (mod p)`` (SEC 2 v2 §2.4.2; NIST FIPS 186-4
D.1.2.3): the curve base-org/webauthn-sol ``README.md`` (the smart wallet's WebAuthn verifier)
verifies a passkey's signature on, through the RIP-7212 precompile or FreshCryptoLib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aiegis_guard.errors import quote

__all__ = ["PASSKEY_PREFIX", "passkey_form", "passkey_set"]

PASSKEY_PREFIX = "p256:"
"""How a decoder names a passkey owner: ``p256:0x<x><y>``."""

_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
_B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
_HEX_RE = re.compile(r"0x([0-9a-fA-F]{128})")


def _on_curve(x: int, y: int) -> bool:
    return x < _P and y < _P and (y * y - (x * x * x - 3 * x + _B)) % _P == 0


def passkey_form(value: str) -> str | None:
    """``p256:0x<x><y>`` (lower-case) for a P-256 public key written ``0x<x><y>`` or in that
    form; None for anything else (another length, not hex, not a point of the curve)."""
    m = _HEX_RE.fullmatch(value.strip().removeprefix(PASSKEY_PREFIX))
    if m is None:
        return None
    body = m.group(1).lower()
    if not _on_curve(int(body[:64], 16), int(body[64:], 16)):
        return None
    return f"{PASSKEY_PREFIX}0x{body}"


def passkey_set(values: Iterable[object]) -> frozenset[str]:
    """Every value in its ``p256:`` form; a ValueError naming the first that is no passkey
    (its index, the value masked)."""
    out = set()
    for i, value in enumerate(values):
        form = passkey_form(value) if isinstance(value, str) else None
        if form is None:
            what = "a P-256 public key (0x + 64-byte hex: x, y on the curve)"
            raise ValueError(f"[{i}] {quote(value)} is not {what}")
        out.add(form)
    return frozenset(out)
