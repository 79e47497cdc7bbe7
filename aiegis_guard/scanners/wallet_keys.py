"""Wallet secrets -> BLOCK: whoever reads one of these owns the wallet.

=========================  ===========================================================
rule id                    what (evidence)
=========================  ===========================================================
secret.evm_private_key     64 hex (``0x`` optional) that derives to an own address or to
                           an address in the same text, or sits behind key-ish context or
                           in a key-loading call; also split in labelled halves or as
                           base64 of the raw bytes (``key_forms``)
secret.evm_key_candidate   INFO only: 64 hex with no context (a key or a hash: undecidable)
secret.bip39_mnemonic      12-24 BIP-39 words with a valid checksum (see ``seed_phrases``)
secret.bip39_like          FLAG: >= 12 list words whose checksum fails
secret.solana_keypair      64 bytes (base58, JSON int array, 128 hex) whose public half
                           re-derives from the seed (a signature has the shape, not this)
secret.bip32_xprv          base58check extended private key (xprv/tprv/yprv/zprv/...)
secret.wif                 base58check WIF private key (0x80 / 0xef)
secret.pem_private_key     PEM / OpenSSH / PGP private-key block with key material
secret.keystore_json       FLAG: encrypted (v3) keystore JSON
=========================  ===========================================================

The hard case is the bare ``0x`` + 64 hex, which is usually a transaction or block hash; see
:mod:`aiegis_guard.scanners.evm_keys` for the layered decision. Every check is gated behind
C-speed candidate finding (:mod:`aiegis_guard.charclass`, ``in``); key derivation (secp256k1,
ed25519) runs only on candidates and lives in ``keys/evm.py`` / ``keys/solana.py``,
imported lazily.
"""

from __future__ import annotations

from aiegis_guard.charclass import BASE58, BASE64, runs
from aiegis_guard.checksums import b58check_decode, b58decode
from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.normalize import Layer
from aiegis_guard.redact import mask
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.evm_keys import find_evm_keys, hex_runs
from aiegis_guard.scanners.key_forms import find_base64_keys, find_split_keys, with_parent_label
from aiegis_guard.scanners.seed_phrases import find_seed_phrases

__all__ = ["scan"]

# --- declarations ------------------------------------------------------------------------

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
}
WIF_VERSIONS = {0x80: "mainnet", 0xEF: "testnet"}
SOLANA_B58_LENGTHS = range(80, 91)  # 64 bytes in base58: 86-88 chars (fewer with zero bytes)
SOLANA_ARRAY_RE = LazyPattern(r"\[\s*(\d{1,3}(?:\s*,\s*\d{1,3}){63})\s*,?\s*\]")
PEM_BEGIN_RE = LazyPattern(
    r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |ED25519 )?PRIVATE KEY(?: BLOCK)?)-----"
)
PEM_BODY_RE = LazyPattern(r"[A-Za-z0-9+/=\s\\:,.-]*")  # base64 lines, headers, escaped newlines
PEM_MAX_BODY = 16 * 1024
PEM_MIN_MATERIAL = 40  # base64 characters: fewer is a placeholder ("...")
KEYSTORE_RE = LazyPattern(r"\"ciphertext\"\s*:\s*\"([0-9a-fA-F]{32,})\"")
KEYSTORE_FIELDS = ('"kdf"', '"mac"')
_TOKEN_CHARS = BASE64.chars  # a base58 run glued to these is a fragment of a longer token


def _secret(rule: str, span: tuple[int, int], value: str, message: str, *evidence: str) -> Finding:
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


# --- base58: xprv, WIF, Solana keypairs ---------------------------------------------------


def _is_token(text: str, start: int, end: int) -> bool:
    """The run is a whole token (not a slice of a base64 blob or identifier)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before not in _TOKEN_CHARS and after not in _TOKEN_CHARS


def _xprv(token: str, span: tuple[int, int]) -> Finding | None:
    if token[1:4] != "prv":
        return None
    payload = b58check_decode(token)
    if payload is None or len(payload) != 78 or payload[:4] not in XPRV_VERSIONS:
        return None
    if payload[45] != 0:  # private key data is 0x00 || 32-byte key
        return None
    kind = XPRV_VERSIONS[payload[:4]]
    return _secret(
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
    return _secret(
        "secret.wif",
        span,
        token,
        f"Bitcoin WIF private key ({network})",
        "pattern:base58check",
        f"version:0x{payload[0]:02x}",
        "compressed" if len(payload) == 34 else "uncompressed",
    )


def _solana(raw: bytes, span: tuple[int, int], value: str, form: str) -> Finding | None:
    from aiegis_guard.keys.solana import is_keypair

    if not is_keypair(raw):
        return None
    return _secret(
        "secret.solana_keypair",
        span,
        value,
        "Solana secret key (64-byte keypair whose public half re-derives from the seed)",
        f"pattern:{form}",
        "derives-to:own-public-half",
    )


def _base58_secrets(text: str) -> list[Finding]:
    found: list[Finding] = []
    for start, end in runs(text, BASE58, 51, max_len=112):
        token, span, n = text[start:end], (start, end), end - start
        # an xprv inside an output descriptor is followed by its path ("xprv.../84'/0'/*"):
        # its 32-bit checksum and version bytes make the token test unnecessary
        if not (n == 111 and token[1:4] == "prv") and not _is_token(text, start, end):
            continue
        hit: Finding | None = None
        if n == 111:
            hit = _xprv(token, span)
        elif n in (51, 52):
            hit = _wif(token, span)
        elif n in SOLANA_B58_LENGTHS:
            raw = b58decode(token)
            hit = _solana(raw, span, token, "base58") if raw and len(raw) == 64 else None
        if hit is not None:
            found.append(hit)
    return found


def _solana_arrays(text: str) -> list[Finding]:
    if "[" not in text:
        return []
    found: list[Finding] = []
    for m in SOLANA_ARRAY_RE.finditer(text):
        values = [int(v) for v in m.group(1).split(",")]
        if max(values) > 255:
            continue
        hit = _solana(bytes(values), m.span(), m.group(), "json-int-array")
        if hit is not None:
            found.append(hit)
    return found


def _solana_hex(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    for start, end in spans:
        if end - start != 128:
            continue
        hit = _solana(bytes.fromhex(text[start:end]), (start, end), text[start:end], "hex128")
        if hit is not None:
            found.append(hit)
    return found


# --- PEM and keystores --------------------------------------------------------------------


def _pem_body(text: str, start: int, label: str) -> tuple[str, int, bool]:
    """(body, end of the block, complete?) of a block whose header ends at ``start``."""
    limit = min(len(text), start + PEM_MAX_BODY)
    stop = f"-----END {label}-----"
    end = text.find(stop, start, limit)
    if end >= 0:
        return text[start:end], end + len(stop), True
    body = PEM_BODY_RE.match(text, start, limit)
    cut = text.find("-----", start, limit)  # a truncated block ends at the next marker
    body_end = body.end() if body else start
    body_end = min(body_end, cut) if cut >= 0 else body_end
    return text[start:body_end], body_end, False


def _pem_blocks(text: str) -> list[Finding]:
    if "PRIVATE KEY" not in text:
        return []
    found: list[Finding] = []
    for m in PEM_BEGIN_RE.finditer(text):
        label = m.group(1)
        body, end, complete = _pem_body(text, m.end(), label)
        material = sum(c.isalnum() or c in "+/" for c in body)
        if material < PEM_MIN_MATERIAL:
            continue
        found.append(
            _secret(
                "secret.pem_private_key",
                (m.start(), end),
                text[m.start() : end],
                f"PEM private key block ({label.lower()})",
                "pattern:pem",
                f"label:{label}",
                "complete" if complete else "truncated",
            )
        )
    return found


def _keystores(text: str) -> list[Finding]:
    if '"ciphertext"' not in text:
        return []
    found: list[Finding] = []
    for m in KEYSTORE_RE.finditer(text):
        around = text[max(0, m.start() - 2048) : m.end() + 2048]
        if not all(f in around for f in KEYSTORE_FIELDS):
            continue
        found.append(
            Finding(
                rule_id="secret.keystore_json",
                category=Category.SECRET,
                severity=Severity.MEDIUM,
                action=Action.FLAG,
                message="encrypted wallet keystore (v3): as safe as its password",
                span=m.span(1),
                preview=mask(m.group(1)),
                evidence=("pattern:keystore-v3", "field:ciphertext", "field:kdf", "field:mac"),
                redact=True,
            )
        )
    return found


# --- the stage ----------------------------------------------------------------------------


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Every wallet secret in ``layer.text`` (spans relative to it)."""
    text = layer.text
    outbound = ctx.source in (Source.TOOL_INPUT, Source.LLM_OUTPUT)
    spans = hex_runs(text)
    own = ctx.policy.wallet.evm
    found = find_evm_keys(text, own, derive_hashes=outbound, spans=spans)
    found += find_split_keys(text, own)
    found += find_base64_keys(text)
    if layer.depth:
        found += with_parent_label(layer, own, outbound)
    found += find_seed_phrases(text)
    found += _base58_secrets(text)
    found += _solana_arrays(text)
    found += _solana_hex(text, spans)
    found += _pem_blocks(text)
    found += _keystores(text)
    return found
