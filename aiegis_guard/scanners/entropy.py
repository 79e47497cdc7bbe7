"""Encoded exfiltration: long high-entropy base64 / hex in what the agent is about to send.

Runs on **tool inputs** only (``Source.TOOL_INPUT``, top layer): a URL query or path segment,
a message or a memo that carries a long base64/hex blob is how a hijacked agent smuggles a
key, a seed phrase or a document out. Finding: ``exfiltration.encoded_payload`` (FLAG) with
``length:``, ``entropy:`` (Shannon, bits per character), ``encoding:`` and ``where:``.

Thresholds (``benchmarks/bench_rules.py --entropy`` measures them): base64 of 24 random bytes
has H >= 4.2, of 32 bytes >= 4.5; base64 of English or of a BIP-39 phrase has H ~4.1-5.3; hex
of text ~2.5-3.3, random hex >= 3.2 (32+ digits). Identifiers and slugs lack mixed case and
digits; UUIDs have the 8-4-4-4-12 shape.

Not flagged, because they are what wallet work legitimately sends: 0x-hex (addresses, hashes,
signatures, calldata; in URLs only the standard lengths), bare hashes (32/40/64 hex),
Solana addresses/signatures (base58 32-44 / 86-90), Solana transactions in base64 or base58
(``submit_transaction``: a structural check of the wire format), IPFS CIDs, JWTs and known
API-key prefixes (the secrets scanner reports those), values of transaction/signature keys,
data-URI images, RPC-provider URLs and the policy's allowlisted domains.

Known gap: an unpadded base64url blob of exactly 32-44 characters that happens to use only
base58 characters (~1.4% of random 32-byte blobs) reads as a Solana address and is skipped.
"""

from __future__ import annotations

import base64
import binascii
import math
import re
from collections import Counter

import base58

from aiegis_guard.charclass import BASE64, view
from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.normalize import Layer
from aiegis_guard.redact import mask
from aiegis_guard.scanners import ScanContext

__all__ = ["THRESHOLDS", "scan", "shannon"]

# (min length in a URL, min length elsewhere, min bits per character)
THRESHOLDS = {"base64": (24, 40, 4.0), "hex": (32, 48, 2.4)}
_MIN_RUN = 24
_HASH_HEX_LENGTHS = frozenset({32, 40, 64})
_EVM_HEX_LENGTHS = frozenset({40, 64, 128, 130})
_SECRET_PREFIXES = (
    "eyJ", "sk-", "sk_", "pk_", "rk_", "ghp_", "gho_", "ghs_", "ghu_", "github_pat_", "xox",
    "AKIA", "ASIA", "AIza", "glpat-", "npm_", "hf_", "SG.",
)  # fmt: skip
_TX_KEYS = frozenset((
    "transaction", "tx", "signedtransaction", "serializedtransaction", "signed_tx", "signedtx",
    "raw_tx", "rawtx", "rawtransaction", "raw_transaction", "wire_transaction",
    "wiretransaction", "encoded_transaction", "serialized_transaction", "serialized",
    "signature", "signatures", "sig", "txhash", "tx_hash", "hash", "blockhash",
    "recentblockhash", "recent_blockhash", "proof", "pubkey", "publickey", "public_key",
    "address", "mint", "owner", "programid", "program_id", "calldata",
))  # fmt: skip
_RPC_HOSTS = (
    "alchemy.com", "infura.io", "quiknode.pro", "ankr.com", "helius-rpc.com", "drpc.org",
    "blastapi.io", "chainstack.com", "solana.com", "etherscan.io", "solscan.io",
    "ipfs.io", "arweave.net", "cloudflare-ipfs.com",
)  # fmt: skip
_HOST_RE = re.compile(r"[A-Za-z0-9.-]{1,253}")
_UUID_RE = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_KEY_RE = re.compile(r"""["']?([A-Za-z_][\w-]{0,40})["']?\s*[:=]\s*["']?$""")
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_HEX = "0123456789abcdefABCDEF"


def _only(token: str, chars: str) -> bool:
    """Is every character of ``token`` in ``chars``? (C speed: ``str.strip``)"""
    return not token.strip(chars)


_STOPS = b" \t\r\n\"'<>()[]{},;|`"
_STOP_VIEW = bytes.maketrans(_STOPS, b" " * len(_STOPS))  # a URL/word starts after one of these


def shannon(text: str) -> float:
    """Shannon entropy of ``text`` in bits per character."""
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values()) if n else 0.0


def _is_solana_wire(raw: bytes) -> bool:
    """A serialized Solana transaction or message (signature count, header, account count)."""
    if len(raw) < 36:
        return False
    off = 0
    n = raw[0]
    if 1 <= n <= 12 and len(raw) > 1 + 64 * n + 4:  # signatures first
        off = 1 + 64 * n
    if raw[off] == 0x80:  # versioned message
        off += 1
    if len(raw) < off + 4:
        return False
    signers, ro_signed, accounts = raw[off], raw[off + 1], raw[off + 3]
    expect = n if off else signers
    # header, account keys, recent blockhash, instruction count
    fits = len(raw) >= off + 4 + 32 * accounts + 32 + 1
    return 1 <= signers <= 12 and signers == expect and ro_signed <= signers <= accounts and fits


def _decode_b64(token: str) -> bytes | None:
    raw = token.rstrip("=")
    try:
        if "-" in raw or "_" in raw:
            return base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        return base64.b64decode(raw + "=" * (-len(raw) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None


MAX_SOLANA_B58 = 1700  # a Solana packet is at most 1232 bytes: ~1.37 base58 chars per byte


def _encoding(token: str, padded: bool = False) -> str | None:
    """``hex`` / ``base64`` for a candidate worth measuring, None for benign shapes.

    ``padded``: the token ended in ``=``, so it is base64 even if every character happens to
    be base58 (an unpadded 32-byte blob can look exactly like a Solana address).
    """
    if token.isdigit():
        return None  # amounts in wei / lamports
    if _only(token, _HEX):
        return "hex"
    if _UUID_RE.fullmatch(token) or token.startswith(_SECRET_PREFIXES):
        return None
    if not padded and _only(token, _B58):
        n = len(token)
        if n <= 44 or 86 <= n <= 90 or token.startswith("Qm"):
            return None  # Solana address / signature, IPFS CIDv0
        try:  # base58 decoding is quadratic: only lengths a Solana packet can have
            if n <= MAX_SOLANA_B58 and _is_solana_wire(base58.b58decode(token)):
                return None
        except ValueError:
            pass
    if token.startswith(("bafy", "bafk")) and token.islower():
        return None  # IPFS CIDv1 (base32)
    has_upper = any(c.isupper() for c in token)
    has_lower = any(c.islower() for c in token)
    has_other = any(c.isdigit() or c in "+/" for c in token)
    if not (has_upper and has_lower and has_other):
        return None  # identifiers, slugs, snake_case
    raw = _decode_b64(token)
    if raw is not None and _is_solana_wire(raw):
        return None
    return "base64"


def _where(text: str, start: int) -> tuple[str, str]:
    """(``url_query`` | ``url_path`` | ``text``, host) for the token at ``start``."""
    lo = max(0, start - 2048)
    head = text[lo:start].encode("ascii", "replace").translate(_STOP_VIEW)
    chunk = lo + head.rfind(b" ") + 1
    scheme = text.find("://", chunk, start)
    if scheme < 0:
        return "text", ""
    rest = text[scheme + 3 : start]
    host = _HOST_RE.match(text, scheme + 3)
    where = "url_query" if "?" in rest or "#" in rest else "url_path"
    return where, host.group().lower() if host else ""


def _key_name(text: str, start: int) -> str:
    m = _KEY_RE.search(text, max(0, start - 48), start)
    return m.group(1).lower() if m else ""


def _skip_context(text: str, start: int, where: str, host: str, ctx: ScanContext) -> bool:
    if _key_name(text, start).replace("-", "_") in _TX_KEYS:
        return True
    if text.startswith("base64,", max(0, start - 7)) and "data:image/" in text[start - 40 : start]:
        return True
    if where == "text":
        return False
    domains = ctx.policy.allowlist.domains
    return host.endswith(_RPC_HOSTS) or any(host == d or host.endswith("." + d) for d in domains)


def _candidate(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """Widen to ``0x`` / ``=`` padding and decide whether the run is worth measuring."""
    while end < len(text) and end - start < 8192 and text[end] == "=":
        end += 1
    token = text[start:end]
    if token.startswith("0x") and _only(token[2:], _HEX):
        return start, end, "0x"
    encoding = _encoding(token.rstrip("="), padded=token.endswith("="))
    if encoding == "hex" and len(token) in _HASH_HEX_LENGTHS:
        return None
    return (start, end, encoding) if encoding else None


def _finding(token: str, span: tuple[int, int], encoding: str, where: str, h: float) -> Finding:
    return Finding(
        rule_id="exfiltration.encoded_payload",
        category=Category.EXFILTRATION,
        severity=Severity.MEDIUM,
        action=Action.FLAG,
        message=f"{len(token)}-char {encoding} blob (entropy {h:.2f} bits/char) leaves in a "
        + ("URL" if where.startswith("url") else "message"),
        span=span,
        preview=mask(token),
        evidence=(
            f"length:{len(token)}",
            f"entropy:{h:.2f}",
            f"encoding:{encoding}",
            f"where:{where}",
        ),
    )


def _runs(text: str, n: int) -> list[tuple[int, int]]:
    """Maximal runs of >= ``n`` base64-class characters (two ``bytes.find`` per run)."""
    v = view(text, BASE64)
    needle = b"b" * n
    out = []
    i = v.find(needle)
    while i >= 0:
        end = v.find(b".", i + n)
        end = len(v) if end < 0 else end
        out.append((i, end))
        i = v.find(needle, end)
    return out


def _is_evm_value(text: str, start: int, end: int) -> bool:
    """``0x`` + an address / hash / signature: skipped before any other work."""
    return (
        end - start - 2 in _EVM_HEX_LENGTHS
        and text.startswith("0x", start)
        and _only(text[start + 2 : end], _HEX)
    )


def _segments(text: str, start: int, end: int, where: str) -> list[tuple[int, int]]:
    """URL paths are split at ``/`` (each segment is a token); other runs stay whole."""
    if where != "url_path" or "/" not in text[start:end]:
        return [(start, end)]
    out, pos = [], start
    for part in text[start:end].split("/"):
        if len(part) >= _MIN_RUN:
            out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def _measure(
    text: str, span: tuple[int, int], where: str, host: str, ctx: ScanContext
) -> Finding | None:
    cand = _candidate(text, *span)
    if cand is None:
        return None
    start, end, encoding = cand
    token = text[start:end]
    if encoding == "0x":
        if where == "text" or len(token) - 2 in _EVM_HEX_LENGTHS:
            return None
        encoding, token = "hex", token[2:]
    min_url, min_text, min_h = THRESHOLDS[encoding]
    if len(token) < (min_url if where != "text" else min_text):
        return None
    h = shannon(token.rstrip("="))
    if h < min_h or _skip_context(text, start, where, host, ctx):
        return None
    return _finding(token, (start, end), encoding, where, h)


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Stage entry point: encoded blobs in a tool input's top layer."""
    if ctx.source is not Source.TOOL_INPUT or layer.depth:
        return []
    text = layer.text
    out: list[Finding] = []
    for run_start, run_end in _runs(text, _MIN_RUN):
        if _is_evm_value(text, run_start, run_end):
            continue
        where, host = _where(text, run_start)
        for span in _segments(text, run_start, run_end, where):
            finding = _measure(text, span, where, host, ctx)
            if finding is not None:
                out.append(finding)
    return out
