"""Wallet secrets -> BLOCK: whoever reads one of these owns the wallet.

=========================  ===========================================================
rule id                    what (evidence)
=========================  ===========================================================
secret.evm_private_key     64 hex (``0x`` optional) that derives to an own address or to
                           an address in the same text, or sits behind key-ish context or
                           in a key-loading call or JSON-RPC param (``key_calls``); also
                           split in 2-4 labelled / concatenated parts, base64 of the raw
                           bytes, base64 wrapped over lines or inside a Kubernetes Secret
                           (``key_forms``), or at the place a stated layout gives it in a
                           longer blob (``key_layouts``: "privateKey (32 bytes) || salt
                           (32 bytes)"); placeholders (``deadbeef`` x 8) are not keys
secret.evm_key_candidate   INFO only: 64 hex with no context (a key or a hash: undecidable)
secret.evm_key_slot        FLAG: 64 hex under a log line's bare ``key=`` no word names
secret.bip39_mnemonic      12-24 BIP-39 words with a valid checksum (see ``seed_phrases``),
                           also split over labelled parts (``split_secrets``) or, in the
                           CJK lists, glued without separators (``glued_phrases``)
secret.bip39_like          FLAG: >= 12 list words whose checksum fails
secret.solana_keypair      64 bytes (base58, base64, decimal / ``0x`` byte array, 128 hex)
                           whose public half re-derives from the seed (a signature has the
                           shape, not this); a 32-byte seed array passed to a key loader
                           (``Keypair.from_seed(bytes([..]))``); base58 halves joined
secret.bip32_xprv          base58check extended private key (xprv/tprv/yprv/zprv/...), also
                           inside output descriptors and split over labelled parts
secret.wif                 base58check WIF private key (Bitcoin 0x80 / 0xef, LTC, DOGE, DASH)
secret.nostr_nsec          bech32 private keys named by their prefix (Nostr ``nsec``, Sui
secret.sui_private_key     ``suiprivkey``, Cardano ``*_sk`` / ``*_xsk``), checksum valid
secret.cardano_signing_key (``bech32_keys``)
secret.pem_private_key     PEM / OpenSSH / PGP private-key block with key material
secret.jwk_private_key     a JSON Web Key with its private member ``d`` (``key_encodings``;
                           there too: raw key bytes in base58 / base64 beside the address or
                           public key they derive to)
secret.keystore_json       FLAG: encrypted (v3) keystore JSON; BLOCK with its password beside it
=========================  ===========================================================

The hard case is the bare ``0x`` + 64 hex, which is usually a transaction or block hash; see
:mod:`aiegis_guard.scanners.evm_keys` for the layered decision. Every check is gated behind
C-speed candidate finding (:mod:`aiegis_guard.charclass`, ``in``); key derivation (secp256k1,
ed25519) runs only on candidates and lives in ``keys/evm.py`` / ``keys/solana.py``,
imported lazily.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
import string

from aiegis_guard.charclass import BASE58, BASE64, CharClass, run_windows, runs
from aiegis_guard.findings import Action, Finding, Source
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.normalize import Layer, LayerKind
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.bech32_keys import find_bech32_keys
from aiegis_guard.scanners.evm_keys import find_evm_keys, hex_runs, key_context, key_finding
from aiegis_guard.scanners.glued_phrases import find_glued_phrases
from aiegis_guard.scanners.key_calls import call_context
from aiegis_guard.scanners.key_checks import base58_secret, secret_finding, solana_keypair
from aiegis_guard.scanners.key_decodings import addresses_in, derives_in_text, find_decoded_keys
from aiegis_guard.scanners.key_dumps import dumped_values
from aiegis_guard.scanners.key_encodings import (
    find_derived_encodings,
    find_jwk_keys,
    find_named_seeds,
)
from aiegis_guard.scanners.key_forms import (
    base64_runs,
    find_base64_keys,
    find_split_keys,
    in_secret_manifest,
    with_parent_label,
    wrapped_base64,
)
from aiegis_guard.scanners.key_layouts import find_layout_keys
from aiegis_guard.scanners.key_notations import find_key_notations
from aiegis_guard.scanners.key_numbers import find_number_keys
from aiegis_guard.scanners.key_wraps import find_wrapped_keys
from aiegis_guard.scanners.keystores import find_keystores
from aiegis_guard.scanners.seed_numbered import find_numbered_phrases
from aiegis_guard.scanners.seed_phrases import find_seed_phrases, word_stretches
from aiegis_guard.scanners.seed_plates import find_plate_phrases
from aiegis_guard.scanners.slip39 import find_slip39_shares
from aiegis_guard.scanners.split_secrets import find_split_secrets
from aiegis_guard.scanners.terminal_codes import uncoloured
from aiegis_guard.scanners.transcripts import speaker_pieces, speaker_texts, unquoted, words_only
from aiegis_guard.scanners.wallet_key_names import names_wallet_key

__all__ = ["scan"]

# --- declarations ------------------------------------------------------------------------

_BYTE = r"(?:0[xX][0-9a-fA-F]{1,2}|\d{1,3})(?:u8)?"
# 64 bytes (a keypair), or 32 (a seed: a key only as the argument of a loader, ``from_seed``),
# separated by commas or, as Go's fmt prints a []byte, by spaces; inside a JSON string the
# array's line breaks are escaped ("[112,63,..,\n158,..]")
_SP = r"(?:\s|\\[nrt])*"
# in brackets, a byte may be signed: Java / Kotlin print a byte[] as -128..127
# (``Arrays.toString(privBytes)``: "[0, 65, -17, ..]"), as Go does an []int8
_SBYTE = r"(?:0[xX][0-9a-fA-F]{1,2}|-?\d{1,3})(?:u8)?"
SOLANA_ARRAY_RE = LazyPattern(
    rf"[\[{{]{_SP}({_SBYTE}(?:{_SP}[,\s]{_SP}{_SBYTE}){{31}}(?:(?:{_SP}[,\s]{_SP}{_SBYTE}){{32}})?)"
    rf"{_SP},?{_SP}[\]}}]"
)
_ARRAY_GAP_RE = re.compile(r"(?:[\s,]|\\[nrt])+")
# 64 bytes listed without brackets (an .env's PAYER_SECRET=12,250,.., a YAML block scalar of
# the numbers over four lines, a fenced block; separated by commas, semicolons or spaces):
# each run of byte values is read whole, and every 64-value window of it is re-derived (a
# length prefix, "64,12,250,..": 65 values), which is certain: no label needed
BARE_BYTES_RE = LazyPattern(
    rf"(?:(?<![\w.])|(?<=\\[nrt])){_BYTE}(?:(?:{_SP}[,;]{_SP}|(?:\s|\\[nrt])+){_BYTE})+"
)
BARE_VALUES = 64
# every character a match can hold: the digits and hex of _BYTE, its "u8", the separators,
# \s (ASCII, and "?": any non-ASCII one, as a view writes it) and the escapes \n \r \t. A
# run of 64 values spans 2 * 64 - 1 of them or more: without such a run, no list (~50 us a
# KB for the pattern, tried at every position; ~2 us for the view)
BARE_CHARS = CharClass(
    "bare-bytes", string.hexdigits + "xXu,;\\nrt?" + string.whitespace + "\x1c\x1d\x1e\x1f"
)
MAX_BARE_WINDOWS = 256  # 64-value windows re-derived per text (bounded work on long runs)
_BYTE_AT_RE = re.compile(rf"(?<![0-9a-fA-FxX]){_BYTE}")  # where each value of a run starts
_RUN_GOES_ON = frozenset(string.ascii_letters + string.digits + "_")  # "..,12x": no byte
_STOP_GOES_ON = frozenset(
    string.ascii_letters + string.digits + "_."
)  # "7." a full stop, "12.5" not
# a Casascius-style mini private key (Bitcoin wiki "Mini private key format"): S and 29
# base58 characters whose SHA-256 with "?" appended starts with a zero byte; the key is its
# SHA-256
MINI_KEY_LENGTH = 30
# 32 bytes as a Python bytes literal of escapes (b'\x50\x19…')
BYTES_LITERAL_RE = LazyPattern(r"\bb(['\"])((?:\\x[0-9a-fA-F]{2}){32})\1")
SOLANA_B64_LENGTHS = (86, 87, 88)  # 64 bytes in base64, with or without padding
MAX_WRAPPED_DEPTH = 3  # base64 wrapped over lines inside base64 ...
MAX_B64_KEYPAIRS = 32  # base64 64-byte tokens derived per text
PEM_BEGIN_RE = LazyPattern(
    r"-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |ED25519 )?PRIVATE KEY(?: BLOCK)?)-----"
)
PEM_BODY_RE = LazyPattern(r"[A-Za-z0-9+/=\s\\:,.-]*")  # base64 lines, headers, escaped newlines
PEM_MAX_BODY = 16 * 1024
DER_PREFIXES = {  # base64 of the DER bytes that open a private key (the key bytes follow)
    "MHQCAQEEI": "secp256k1 (SEC1)",
    "MIGEAgEAMBAGByqGSM49AgEGBSuBBAAK": "secp256k1 (PKCS#8)",
    "MC4CAQAwBQYDK2VwBCIEI": "Ed25519 (PKCS#8)",
    "MHcCAQEEI": "P-256 (SEC1)",
    "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEH": "P-256 (PKCS#8)",
}
PEM_MIN_MATERIAL = 40  # base64 characters: fewer is a placeholder ("...")
_TOKEN_CHARS = BASE64.chars  # a base58 run glued to these is a fragment of a longer token


# --- base58: xprv, WIF, Solana keypairs ---------------------------------------------------


def _is_token(text: str, start: int, end: int) -> bool:
    """The run is a whole token (not a slice of a base64 blob or identifier)."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return before not in _TOKEN_CHARS and after not in _TOKEN_CHARS


def _base58_secrets(text: str) -> list[Finding]:
    found: list[Finding] = []
    for start, end in runs(text, BASE58, 51, max_len=112):
        token, n = text[start:end], end - start
        # an xprv inside an output descriptor is followed by its path ("xprv.../84'/0'/*"):
        # its 32-bit checksum and version bytes make the token test unnecessary
        xkey = n == 111 and (token[1:4] == "prv" or token[:4] == "Ltpv")
        if not xkey and not _is_token(text, start, end):
            continue
        hit = base58_secret(token, (start, end))
        if hit is not None:
            found.append(hit)
    return found


def _byte_value(token: str) -> int:
    """A value of a byte list: ``0x1f``, ``31``, ``031`` (a leading zero is still decimal:
    ``int(.., 0)`` refuses it), ``31u8``."""
    token = token.removesuffix("u8")
    return int(token, 16) if token[:2] in ("0x", "0X") else int(token, 10)


def _array_bytes(items: str) -> bytes | None:
    """The bytes an array lists: 0..255, or signed bytes (-128..127, none above) read as
    two's complement, as the language that printed them stores them."""
    values = [_byte_value(v) for v in _ARRAY_GAP_RE.split(items.strip())]
    if min(values) < 0:
        if min(values) < -128 or max(values) > 127:
            return None
        return bytes(v & 0xFF for v in values)
    return bytes(values) if max(values) <= 255 else None


def _solana_arrays(text: str) -> list[Finding]:
    if "[" not in text and "{" not in text:
        return []
    found: list[Finding] = []
    for m in SOLANA_ARRAY_RE.finditer(text):
        raw = _array_bytes(m.group(1))
        if raw is None:
            continue
        if len(raw) == 64:
            hit = solana_keypair(raw, m.span(), m.group(), "int-array")
        else:
            call = call_context(text, m.start())
            hit = _named_bytes(text, m.span(), raw) if call is None else secret_finding(
                "secret.solana_keypair", m.span(), m.group(),
                "Solana secret key (32-byte seed passed to a key loader)", "pattern:int-array-32",
                call,
            )  # fmt: skip
        if hit is not None:
            found.append(hit)
    return found


def _bare_byte_lists(text: str) -> list[Finding]:
    """A 64-byte keypair written as a bare list (no brackets: a config value, a block of
    lines, a sentence that ends on it), re-derived window by window. A run inside brackets
    is the array reader's."""
    found: list[Finding] = []
    # every character of a match is in BARE_CHARS, so a match of 64 values or more lies in
    # a run of 2 * 64 - 1 of them: the pattern reads only those runs (each with the
    # character after it, as run_windows gives them), in order, and finds there the long
    # matches it finds over the whole text (the short ones are skipped below either way)
    windows = run_windows(text, BARE_CHARS, 2 * BARE_VALUES - 1)
    budget = MAX_BARE_WINDOWS
    for m in (m for a, b in windows for m in BARE_BYTES_RE.finditer(text, a, b)):
        if m.end() - m.start() < 2 * BARE_VALUES - 1:
            continue  # fewer than 64 values
        after = text[m.end() : m.end() + 2]
        if after[:1] in _RUN_GOES_ON or (after[:1] == "." and after[1:2] in _STOP_GOES_ON):
            continue  # "12.5", "7.x": the run goes on; "7." then a space or the end: a stop
        if text[max(0, m.start() - 64) : m.start()].rstrip()[-1:] in ("[", "{"):
            continue
        spans = [v.span() for v in _BYTE_AT_RE.finditer(text, m.start(), m.end())]
        values = [_byte_value(text[a:b]) for a, b in spans]
        for i in range(len(values) - BARE_VALUES + 1):
            window = values[i : i + BARE_VALUES]
            if max(window) > 255:
                continue
            if budget <= 0:
                return found
            budget -= 1
            span = (spans[i][0], spans[i + BARE_VALUES - 1][1])
            hit = solana_keypair(bytes(window), span, text[span[0] : span[1]], "bare-byte-list")
            if hit is not None:
                found.append(hit)
                break
    return found


def _mini_keys(text: str) -> list[Finding]:
    """Casascius mini private keys (30 characters, S first, the typo check holds)."""
    found = []
    for start, end in runs(text, BASE58, MINI_KEY_LENGTH, max_len=MINI_KEY_LENGTH):
        token = text[start:end]
        if token[0] != "S" or not _is_token(text, start, end):
            continue
        if hashlib.sha256((token + "?").encode()).digest()[0] == 0:
            found.append(
                secret_finding(
                    "secret.wif",
                    (start, end),
                    token,
                    "Bitcoin mini private key (Casascius)",
                    "pattern:mini-key",
                    "checksum:sha256-typo-check",
                )
            )
    return found


def _bytes_literals(text: str) -> list[Finding]:
    """32 bytes written as a Python bytes literal of escapes, behind a key-ish name."""
    if "\\x" not in text:
        return []
    found = []
    for m in BYTES_LITERAL_RE.finditer(text):
        hit = _named_bytes(text, m.span(), bytes.fromhex(m.group(2).replace("\\x", "")))
        if hit is not None:
            found.append(hit)
    return found


def _named_bytes(text: str, span: tuple[int, int], raw: bytes) -> Finding | None:
    """32 bytes in an array or literal named as a key (``const SIGNER: [u8; 32] = [0xc7, …]``,
    ``PRIVKEY = b'\\x50…'``): the same context rules as a hex key."""
    if not 0 < int.from_bytes(raw, "big") < SECP256K1_N:
        return None
    kind, evidence = key_context(text, *span)
    if kind != "key":
        return None
    return key_finding(span, text[span[0] : span[1]], "pattern:byte-array-32", evidence)


def _solana_base64(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """A 64-byte keypair in base64 (a ``SOLANA_KEYPAIR_B64=`` env value): re-derived."""
    found: list[Finding] = []
    budget = MAX_B64_KEYPAIRS
    for start, end in spans:
        if end - start not in SOLANA_B64_LENGTHS:
            continue
        stop = end + len(text[end : end + 2]) - len(text[end : end + 2].lstrip("="))
        if not budget or not _is_token(text, start, end):
            continue
        token = text[start:stop]
        try:
            raw = base64.b64decode(token.replace("-", "+").replace("_", "/") + "==")
        except (binascii.Error, ValueError):
            continue
        if len(raw) == 64:
            budget -= 1
            hit = solana_keypair(raw, (start, stop), token, "base64")
            found += [hit] if hit is not None else []
    return found


def _solana_hex(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    for start, end in spans:
        if end - start != 128:
            continue
        hit = solana_keypair(
            bytes.fromhex(text[start:end]), (start, end), text[start:end], "hex128"
        )
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


def _der_keys(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """A private key in DER, base64 without its PEM armour (a Secret's ``key: MHQCAQEEI..``):
    known by the fixed bytes that open the structure."""
    found: list[Finding] = []
    for start, end in spans:
        if text[start] != "M" or end - start < 60 or (start and text[start - 1] in _TOKEN_CHARS):
            continue
        kind = next((k for p, k in DER_PREFIXES.items() if text.startswith(p, start)), None)
        if kind is not None:
            found.append(
                secret_finding(
                    "secret.pem_private_key",
                    (start, end),
                    text[start:end],
                    f"{kind} private key in DER (base64, PEM armour removed)",
                    "pattern:der-base64",
                    f"structure:{kind}",
                )
            )
    return found


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
            secret_finding(
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


# --- the stage ----------------------------------------------------------------------------


# secrets whose own check proves them (a checksum, a re-derived public half): read where a
# chat's speakers are not written, and pieces of different people could be joined
SELF_CHECKED = frozenset(
    {"secret.bip39_mnemonic", "secret.bip32_xprv", "secret.wif", "secret.solana_keypair"}
)


def _pieces_joined(text: str, ctx: ScanContext) -> list[Finding]:
    """Secrets one speaker sent in 2-4 messages, others' replies between (``speaker_pieces``):
    words are read alone (the message before is no part of a phrase); tokens with the message
    before, and a secret that proves nothing by itself (64 hex) only where that message names a
    wallet's key (``names_wallet_key``) or the joined key derives to an address in the text."""
    found: list[Finding] = []
    pieces = speaker_pieces(text)
    present = addresses_in(text) if pieces else frozenset()  # read once, not per window
    for p in pieces:
        said = Layer(p.joined if p.words else f"{p.context}\n{p.joined}", LayerKind.TEXT, 1)
        named = not p.words and names_wallet_key(p.context)
        window = [
            f.with_span(*p.span, "layer:chat-pieces")
            for f in scan(said, ctx)
            if f.action is Action.BLOCK
            and (f.rule_id in SELF_CHECKED or (not p.unwritten and (p.words or named)))
        ]
        if not window and not p.words and derives_in_text(p.joined, present):
            window.append(key_finding(p.span, p.joined, "derives-to:address", "layer:chat-pieces"))
        found += window
    return found


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Every wallet secret in ``layer.text`` (spans relative to it)."""
    text = unquoted(uncoloured(layer.text))  # colour codes, a reply's quote markers blanked
    outbound = ctx.source in (Source.TOOL_INPUT, Source.LLM_OUTPUT)
    spans = hex_runs(text)
    own = ctx.policy.wallet.evm
    found = find_evm_keys(text, own, derive_hashes=outbound, spans=spans)
    found += find_split_keys(text, own)
    found += find_number_keys(text)
    found += find_layout_keys(text, spans)
    found += find_key_notations(text)
    found += find_decoded_keys(text, spans)
    found = in_secret_manifest(text, found)
    b64 = base64_runs(text)
    found += find_base64_keys(text, b64)
    found += find_jwk_keys(text) + find_derived_encodings(text, b64) + find_named_seeds(text, b64)
    if layer.depth:
        found += with_parent_label(layer, own, outbound)
    stretches = word_stretches(text)  # one shape pass for both word-list finders
    found += find_numbered_phrases(stretches[0], find_seed_phrases(text, stretches))
    found += find_plate_phrases(text)
    found += find_glued_phrases(text)
    found += find_slip39_shares(text, stretches)
    found += find_split_secrets(text)
    found += _base58_secrets(text)
    found += _solana_arrays(text)
    found += _bare_byte_lists(text)
    found += _mini_keys(text)
    found += _bytes_literals(text)
    for span, raw in dumped_values(text):  # xxd signer.key: 32 bytes, named by the command
        found += [hit] if (hit := _named_bytes(text, span, raw)) is not None else []
    found += find_wrapped_keys(text, b64)
    found += _solana_base64(text, b64)
    found += _solana_hex(text, spans)
    found += find_bech32_keys(text)
    found += _pem_blocks(text)
    found += _der_keys(text, b64)
    decoded_from = (layer.parent.text, layer.origin) if layer.parent and layer.origin else None
    found += find_keystores(text, decoded_from)
    if layer.depth == 0:  # one speaker's messages of a chat transcript, read together
        for joined, span in speaker_texts(text, worded=words_only):
            said = Layer(joined, LayerKind.TEXT, layer.depth + 1)
            found += [f.with_span(*span, "layer:transcript") for f in scan(said, ctx)
                      if f.action is Action.BLOCK]  # fmt: skip
        found += _pieces_joined(text, ctx)
    if layer.depth < MAX_WRAPPED_DEPTH:
        for span, inner in wrapped_base64(text, b64):
            decoded = Layer(inner, LayerKind.BASE64, layer.depth + 1)
            found += [f.with_span(*span) for f in scan(decoded, ctx) if f.action is Action.BLOCK]
    return found
