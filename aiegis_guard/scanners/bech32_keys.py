"""Private keys written in bech32 (BIP-173), named by their human-readable prefix.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. The prefix says what the bytes are, and the
checksum says the string is whole (a typo fails it), so a valid string under one of these
prefixes is the key itself (BLOCK):

=============================  =================================================================
rule id                        prefix (source)
=============================  =================================================================
secret.nostr_nsec              ``nsec``: 32 bytes (nostr-protocol/nips ``19.md``, "Bare keys and
                               ids"; ``npub`` / ``note`` are public)
secret.sui_private_key         ``suiprivkey``: flag (0 Ed25519, 1 secp256k1, 2 secp256r1) and 32
                               bytes (sui-foundation/sips ``sips/sip-15.md``; Mysten's
                               ``SIGNATURE_SCHEME_TO_FLAG``)
secret.cardano_signing_key     ``*_sk`` / ``*_xsk`` (``addr_xsk``, ``root_xsk``, ``acct_sk``,
                               ``stake_sk``, ``policy_sk``, ``drep_sk``...): signing keys of
                               cardano-foundation/CIPs ``CIP-0005/README.md`` "Keys" (``*_vk``,
                               ``*_xvk``, ``*_vkh`` are public)
=============================  =================================================================
"""

from __future__ import annotations

from aiegis_guard.checksums import bech32_decode
from aiegis_guard.findings import Finding
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_checks import secret_finding

__all__ = ["find_bech32_keys"]

# one case, as bech32 requires; Cardano's keys are longer than BIP-173's 90 characters
_DATA = "[02-9ac-hj-np-z]{38,300}"
KEY_RE = LazyPattern(
    rf"(?<![A-Za-z0-9_])(?:(nsec|suiprivkey|[a-z][a-z0-9]*(?:_[a-z0-9]+)*_x?sk)1{_DATA}"
    rf"|NSEC1{_DATA.upper()})(?![A-Za-z0-9])"
)
GATE = ("sk1", "nsec1", "privkey1", "NSEC1")  # upper case: a QR code's nsec
SUI_FLAGS = {0: "Ed25519", 1: "secp256k1", 2: "secp256r1"}


def _rule(hrp: str, payload: bytes) -> tuple[str, str] | None:
    """(rule id, what) for a decoded string under a secret prefix, else None."""
    if hrp == "nsec":
        return (
            ("secret.nostr_nsec", "Nostr private key (NIP-19 nsec)") if len(payload) == 32 else None
        )
    if hrp == "suiprivkey":
        scheme = SUI_FLAGS.get(payload[0]) if len(payload) == 33 else None
        return (
            ("secret.sui_private_key", f"Sui {scheme} private key (suiprivkey)") if scheme else None
        )
    if len(payload) >= 32:  # Ed25519 32, extended 64, with chain code 96
        return "secret.cardano_signing_key", f"Cardano signing key ({hrp}, CIP-5)"
    return None


def find_bech32_keys(text: str) -> list[Finding]:
    """Private keys in bech32 under a prefix that names them (checksum valid)."""
    if not any(g in text for g in GATE):
        return []
    found = []
    for m in KEY_RE.finditer(text):
        decoded = bech32_decode(m.group())
        named = _rule(*decoded) if decoded is not None else None
        if named is not None:
            rule, what = named
            found.append(
                secret_finding(rule, m.span(), m.group(), what, "pattern:bech32", "checksum:bech32")
            )
    return found
