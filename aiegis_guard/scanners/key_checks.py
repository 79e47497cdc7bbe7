"""Certain checks of one wallet-secret candidate: an xprv or WIF (base58check: version bytes and
a 32-bit checksum) or a Solana keypair (the public half re-derives from the seed).

Shared by :mod:`aiegis_guard.scanners.wallet_keys` (whole tokens) and
:mod:`aiegis_guard.scanners.split_secrets` (parts joined), so a split secret is held to the
same proof as an unsplit one.
"""

from __future__ import annotations

from aiegis_guard.checksums import b58check_decode, b58decode
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.redact import mask

__all__ = [
    "SOLANA_B58_LENGTHS",
    "XPRV_VERSIONS",
    "base58_secret",
    "secret_finding",
    "solana_keypair",
]

XPRV_VERSIONS = {
    bytes.fromhex("0488ade4"): "xprv",
    bytes.fromhex("04358394"): "tprv",
    bytes.fromhex("049d7878"): "yprv",
    bytes.fromhex("044a4e28"): "uprv",
    bytes.fromhex("04b2430c"): "zprv",
    bytes.fromhex("045f18bc"): "vprv",
    bytes.fromhex("0295b005"): "Yprv",
    bytes.fromhex("024285b5"): "Uprv",
    bytes.fromhex("02aa7a99"): "Zprv",
    bytes.fromhex("02575048"): "Vprv",
    # Litecoin's own (bitcore-lib-ltc networks.js hkeyPrivateVersion; SLIP-0132 "Ltpv")
    bytes.fromhex("019d9cfe"): "Ltpv",
}
# the SECRET_KEY base58 prefix of each chain's chainparams.cpp (bitcoin/bitcoin: 128 / 239;
# litecoin-project/litecoin: 176; dogecoin/dogecoin: 158; dashpay/dash: 204)
WIF_VERSIONS = {
    0x80: "Bitcoin mainnet",
    0xEF: "testnet",
    0xB0: "Litecoin",
    0x9E: "Dogecoin",
    0xCC: "Dash",
}
SOLANA_B58_LENGTHS = range(80, 91)  # 64 bytes in base58: 86-88 chars (fewer with zero bytes)


def secret_finding(
    rule: str, span: tuple[int, int], value: str, message: str, *evidence: str
) -> Finding:
    return Finding(
        rule_id=rule,
        category=Category.SECRET,
        severity=Severity.CRITICAL,
        action=Action.BLOCK,
        message=message,
        span=span,
        preview=mask(value),
        evidence=evidence,
        redact=True,
    )


def _xprv(token: str, span: tuple[int, int]) -> Finding | None:
    if token[1:4] != "prv" and token[:4] != "Ltpv":
        return None
    payload = b58check_decode(token)
    if payload is None or len(payload) != 78 or payload[:4] not in XPRV_VERSIONS:
        return None
    if payload[45] != 0:  # private key data is 0x00 || 32-byte key
        return None
    kind = XPRV_VERSIONS[payload[:4]]
    return secret_finding(
        "secret.bip32_xprv",
        span,
        token,
        f"BIP-32 extended private key ({kind}): every key of the wallet derives from it",
        "pattern:base58check",
        f"version:{kind}",
        "checksum:valid",
    )


def _wif(token: str, span: tuple[int, int]) -> Finding | None:
    payload = b58check_decode(token)
    if payload is None or payload[0] not in WIF_VERSIONS:
        return None
    if not (len(payload) == 33 or (len(payload) == 34 and payload[33] == 1)):
        return None
    network = WIF_VERSIONS[payload[0]]
    return secret_finding(
        "secret.wif",
        span,
        token,
        f"WIF private key ({network})",
        "pattern:base58check",
        f"version:0x{payload[0]:02x}",
        "compressed" if len(payload) == 34 else "uncompressed",
    )


def solana_keypair(raw: bytes, span: tuple[int, int], value: str, form: str) -> Finding | None:
    from aiegis_guard.keys.solana import is_keypair

    if not is_keypair(raw):
        return None
    return secret_finding(
        "secret.solana_keypair",
        span,
        value,
        "Solana secret key (64-byte keypair whose public half re-derives from the seed)",
        f"pattern:{form}",
        "derives-to:own-public-half",
    )


def base58_secret(token: str, span: tuple[int, int]) -> Finding | None:
    """An xprv, WIF or Solana keypair (certain: checksum or re-derivation), else None."""
    n = len(token)
    if n == 111:
        return _xprv(token, span)
    if n in (51, 52):
        return _wif(token, span)
    if n in SOLANA_B58_LENGTHS:
        raw = b58decode(token)
        return solana_keypair(raw, span, token, "base58") if raw and len(raw) == 64 else None
    return None
