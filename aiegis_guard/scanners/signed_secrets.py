"""The own wallet secrets inside what is signed (calldata, instruction data, memos, typed data).

A prompt injection can ask the agent to "verify" its wallet by calling a contract with its own
private key as an argument: the key then leaves in a transaction the agent signs itself. Every
byte of a transaction is therefore scanned for the agent's own secrets:

========================  =====================================================================
where                     how
========================  =====================================================================
raw 32-byte windows       a window that is a valid secp256k1 scalar deriving to an own EVM
                          address, or an ed25519 seed deriving to an own Solana public key
hex text                  runs of 64+ hex digits in any text, decoded at both nibble
                          alignments and swept like raw bytes (a key glued to other hex)
text inside the bytes     printable runs (ABI ``string`` / ``bytes`` contents, memos, packed
                          text at any offset) and the decoded texts (typed-data fields, memos,
                          messages) through the wallet-key and seed-phrase scanners, with the
                          own addresses (hex, base58, JSON arrays, base64/hex layers, BIP-39)
========================  =====================================================================

Cost bound (derivation is ~60 µs for secp256k1 + keccak, ~85 µs for ed25519): every 32-byte
window is a candidate, because nested and packed encodings (a call inside a Safe or a
multicall is shifted by its selector; ``multiSend`` packs 1 + 20 + 32 + 32 bytes) put an
argument at any offset. Windows are derived in this order: (1) the ABI grids (``4 + 32k``
after a selector, and ``32k``): raw arguments, ``bytes32``, ``bytes``; (2) every other offset.
A window is derived only when it passes a cheap filter: at most ``MAX_ZERO_BYTES`` zero bytes
(ABI padding, addresses and small integers have many; 32 random bytes have four or more with
probability ~1e-5, so this misses about one wallet in 100,000), no run of more than
``MAX_ZERO_BYTES`` equal bytes (an unlimited amount's ``0xff…ff``, a filler; 32 random bytes
hold such a run with probability ~2e-6) and not seen before. Ordinary calldata (transfers,
approvals, unlimited ones included, swaps) therefore derives nothing; high-entropy data (hashes,
signatures, proofs) costs one derivation per byte, at most ``MAX_DERIVATIONS`` per payload
(about 1 KiB of random data, ~60-90 ms); past that the payload is FLAGged
(``tx.secret_scan_limit``) instead of being passed unread. Only the own addresses are
compared (configured ``[wallet]`` / ``context`` addresses, the tx's ``from`` or fee payer):
nothing is derived when the payload has no own address to compare against.
"""

from __future__ import annotations

import base64
import contextlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import base58

from aiegis_guard.checksums import b58decode
from aiegis_guard.errors import AiegisError
from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.normalize import normalize
from aiegis_guard.policy import Policy
from aiegis_guard.redact import mask
from aiegis_guard.scanners import ScanContext
from aiegis_guard.textcache import DigestLRU

__all__ = ["SignedPayload", "raw_payload", "scan_signed"]

MAX_DERIVATIONS = 1024  # per payload; ~60-90 ms in the worst case
MAX_ZERO_BYTES = 3  # a window with more zero bytes is structure, not a key (see above)
MIN_TEXT_RUN = 12  # printable bytes: shorter runs cannot hold a key or 12 seed words
MAX_TEXT = 1 << 20  # characters of text scanned per payload (the decoders cap payloads at 1 MiB)
_EVM_ADDRESS = re.compile(r"0x[0-9a-fA-F]{40}")
_HEX_RUN = re.compile(r"[0-9a-fA-F]{64,}")
_RUN = re.compile(rb"(.)\1{%d,}" % MAX_ZERO_BYTES, re.DOTALL)  # more equal bytes than a key holds
_PRINTABLE_RUN = re.compile(rb"[\t\n\r\x20-\x7e]{%d,}" % MIN_TEXT_RUN)
_UTF8_RUN = re.compile(r"[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]{" + str(MIN_TEXT_RUN) + ",}")


@dataclass(frozen=True)
class SignedPayload:
    """What a signer signs, as far as secrets go: opaque byte strings and decoded texts."""

    blobs: tuple[bytes, ...] = ()  # calldata, init code, instruction data, binary messages
    texts: tuple[str, ...] = ()  # typed-data fields, memos, message text
    own_evm: frozenset[str] = frozenset()  # lower-case 0x addresses
    own_solana: frozenset[str] = frozenset()  # base58 public keys


def raw_payload(raw: object) -> SignedPayload | None:
    """What can be read of a request its decoder refused: the bytes of a raw transaction (hex,
    base64, base58; a signed EVM one's recovered signer as an own address), the ``data`` /
    ``input`` / ``transaction`` / ``tx`` inside a dict (its ``from`` as own), and the text
    of it all (typed data, a message). None when there is nothing to read."""
    blobs: list[bytes] = []
    texts: list[str] = []
    own: set[str] = set()
    _read_raw(raw, blobs, texts, own, 0)
    if isinstance(raw, Mapping):
        with contextlib.suppress(TypeError, ValueError, RecursionError):
            texts.append(json.dumps(raw, default=str)[:MAX_TEXT])
    if not blobs and not texts:
        return None
    evm = frozenset(a for a in own if _EVM_ADDRESS.fullmatch(a))
    return SignedPayload(tuple(blobs), tuple(texts), own_evm=evm, own_solana=frozenset(own - evm))


_RAW_KEYS = ("data", "input", "transaction", "tx", "raw", "rawTransaction", "serialized")
_RAW_DEPTH = 3
_RAW_BLOBS = 8
MAX_SIGNED_TX = 1 << 17  # bytes of a signed raw transaction read for its signer
B58_MAX = 2048  # characters of base58 decoded (a Solana transaction is at most ~1 700)


def _read_raw(
    value: object, blobs: list[bytes], texts: list[str], own: set[str], depth: int
) -> None:
    if depth > _RAW_DEPTH or len(blobs) >= _RAW_BLOBS:
        return
    blob: bytes | None = None
    if isinstance(value, bytes | bytearray | memoryview):
        blob = bytes(value)[:MAX_TEXT]
    elif isinstance(value, str):
        if not depth:  # inside a dict, the text is read in the dict's JSON
            texts.append(value[:MAX_TEXT])
        blob = _text_bytes(value[: MAX_TEXT * 2])
    elif isinstance(value, list) and value and len(value) <= MAX_TEXT:
        if all(type(x) is int and 0 <= x < 256 for x in value):
            blob = bytes(value)
        else:  # an RPC's [data, "base64"]
            for item in value[:_RAW_BLOBS]:
                if isinstance(item, str):
                    _read_raw({"data": item}, blobs, texts, own, depth + 1)
    elif isinstance(value, Mapping):
        sender = value.get("from")
        if isinstance(sender, str) and _EVM_ADDRESS.fullmatch(sender):
            own.add(sender.lower())
        for key in _RAW_KEYS:
            if key in value:
                _read_raw(value[key], blobs, texts, own, depth + 1)
    if blob:
        blobs.append(blob)
        signer = _evm_signer(blob) or _solana_fee_payer(blob)
        if signer:
            own.add(signer)


def _text_bytes(text: str) -> bytes | None:
    """The bytes a text encodes: hex (``0x`` or not), base64 (standard or URL-safe, wrapped
    lines too) or base58 of 32+ bytes; None for anything else."""
    body = "".join(text.split())
    hexed = _hex_bytes(body)
    if hexed:
        return hexed
    for altchars in (None, b"-_"):
        try:
            decoded = base64.b64decode(body + "=" * (-len(body) % 4), altchars, validate=True)
        except ValueError:
            continue
        if decoded:
            return decoded
    # base58 decodes in quadratic time: only as long as a transaction (1 232 bytes) can be
    return (b58decode(body) if 44 <= len(body) <= B58_MAX else None) or None


def _evm_signer(blob: bytes) -> str | None:
    """The signer of a signed raw EVM transaction (typed or legacy RLP), recovered by the
    envelope parser (libsecp256k1): its calldata need not decode for the signature to name
    who sends it."""
    body = blob[1:] if blob and blob[0] in (1, 2, 3, 4) else blob
    if not _rlp_list(body):
        return None
    from aiegis_guard.chains.evm.envelope import parse_raw

    try:
        sender = parse_raw(blob).sender
    except AiegisError:  # not a signed transaction: nothing to recover
        return None
    return sender.lower() if sender else None


def _rlp_list(data: bytes) -> bool:
    """Is ``data`` exactly one RLP list (its declared length is its length)? Checked before
    the RLP decoder (pure Python) reads anything."""
    if not data or data[0] < 0xC0 or len(data) > MAX_SIGNED_TX:
        return False
    if data[0] <= 0xF7:
        return len(data) == 1 + data[0] - 0xC0
    size = data[0] - 0xF7
    return len(data) == 1 + size + int.from_bytes(data[1 : 1 + size], "big")


def _solana_fee_payer(blob: bytes) -> str | None:
    """The first account key of a serialized Solana transaction (signatures, then the
    message: an optional version byte, a 3-byte header, the keys): it signs and pays, even
    when the rest of the transaction is cut short or garbled."""
    count, at = _compact_u16(blob, 0)
    if count is None or not 1 <= count <= 12:
        return None
    at += 64 * count
    if at < len(blob) and blob[at] & 0x80:
        at += 1  # a versioned message
    keys, at = _compact_u16(blob, at + 3)
    if keys is None or keys < 1 or len(blob) < at + 32:
        return None
    return base58.b58encode(blob[at : at + 32]).decode()


def _compact_u16(blob: bytes, at: int) -> tuple[int | None, int]:
    value = 0
    for i in range(3):
        if at + i >= len(blob):
            return None, at
        byte = blob[at + i]
        value |= (byte & 0x7F) << (7 * i)
        if not byte & 0x80:
            return value, at + i + 1
    return None, at


def _hex_bytes(text: str) -> bytes | None:
    body = text[2:] if text[:2] in ("0x", "0X") else text
    if not body or len(body) % 2 or len(body) > 2 * MAX_TEXT:
        return None
    try:
        return bytes.fromhex(body)
    except ValueError:
        return None


def _limit_finding(derived: int) -> Finding:
    return Finding(
        rule_id="tx.secret_scan_limit",
        category=Category.TRANSACTION,
        severity=Severity.MEDIUM,
        action=Action.FLAG,
        message=(
            f"the payload holds more high-entropy data than the secret scan derives "
            f"({derived} windows): it was not fully checked for the own keys"
        ),
        evidence=(f"derivations:{derived}",),
    )


def _key_finding(rule: str, window: bytes, offset: int, what: str) -> Finding:
    return Finding(
        rule_id=rule,
        category=Category.SECRET,
        severity=Severity.CRITICAL,
        action=Action.BLOCK,
        message=f"the own {what} is inside the data being signed",
        preview=mask(window.hex()),
        evidence=("pattern:raw32", f"offset:{offset}", "derives-to:own-address", "in:calldata"),
        redact=True,
    )


def _grid(n: int) -> list[int]:
    """Window starts on the ABI grids: words after a 4-byte selector, and words from 0."""
    return sorted({*range(4, n - 31, 32), *range(0, n - 31, 32)})


class _Deriver:
    """Derives candidate windows to addresses, once each, within the budget."""

    def __init__(self, own_evm: frozenset[str], own_solana: frozenset[bytes]) -> None:
        self.own_evm = own_evm
        self.own_solana = own_solana
        self.seen: set[bytes] = set()
        self.budget = MAX_DERIVATIONS
        self.exhausted = 0

    def check(self, window: bytes) -> str | None:
        """``"evm"`` / ``"solana"`` when the window is an own key, else None."""
        if window in self.seen:
            return None
        self.seen.add(window)
        if self.budget <= 0:
            self.exhausted += 1
            return None
        self.budget -= 1
        if self.own_evm:
            from aiegis_guard.keys.evm import address_of

            if address_of(window) in self.own_evm:
                return "evm"
        if self.own_solana:
            from aiegis_guard.keys.solana import pubkey_of

            if pubkey_of(window) in self.own_solana:
                return "solana"
        return None


_WHAT = {
    "evm": ("secret.evm_private_key", "EVM private key"),
    "solana": ("secret.solana_keypair", "Solana secret key"),
}


def _sparse_windows(blob: bytes) -> list[int]:
    """Ascending starts of the 32-byte windows with at most ``MAX_ZERO_BYTES`` zero bytes
    and no run of more than ``MAX_ZERO_BYTES`` equal bytes.

    Such a window lies between two such runs (keeping at most ``MAX_ZERO_BYTES`` bytes of
    each): runs found at C speed, and only the offsets between them counted. ABI data is
    mostly padding and ``0xff…ff``, so most offsets are never visited.
    """
    out: list[int] = []
    n, lo = len(blob), 0
    for run in (*_RUN.finditer(blob), None):
        hi = min(n, run.start() + MAX_ZERO_BYTES) if run is not None else n
        out += [o for o in range(lo, hi - 31) if blob.count(0, o, o + 32) <= MAX_ZERO_BYTES]
        if run is not None:
            lo = run.end() - MAX_ZERO_BYTES
    return out


def _raw_keys(blob: bytes, deriver: _Deriver, windows: set[bytes]) -> list[Finding]:
    """The ABI grid first, then every other offset; structured windows are skipped. Each own
    secret found is added to ``windows`` (the caller's, for this call only)."""
    sparse = _sparse_windows(blob)
    candidates = set(sparse)
    grid = [o for o in _grid(len(blob)) if o in candidates]
    on_grid = set(grid)
    found: list[Finding] = []
    for offset in (*grid, *(o for o in sparse if o not in on_grid)):
        window = blob[offset : offset + 32]
        kind = deriver.check(window)
        if kind is not None:
            rule, what = _WHAT[kind]
            windows.add(window)
            found.append(_key_finding(rule, window, offset, what))
    return found


def _blob_texts(blob: bytes) -> Iterable[str]:
    """Printable runs (ASCII at any offset, and UTF-8 text such as non-English seed words).

    An ABI ``string`` follows its 32-byte length word, whose low byte(s) may be printable
    (``0x42`` is ``B``) and glue onto the text: after a zero byte, the run is also read
    without its first one and two characters.
    """
    for m in _PRINTABLE_RUN.finditer(blob):
        run = m.group().decode("ascii")
        yield run
        if m.start() == 0 or blob[m.start() - 1] == 0:
            yield run[1:]
            yield run[2:]
    if any(b >= 0x80 for b in blob):
        for t in _UTF8_RUN.finditer(blob.decode("utf-8", errors="replace")):
            if not t.group().isascii():
                yield t.group()


def _text_secrets(texts: Iterable[str], policy: Policy) -> list[Finding]:
    from aiegis_guard.scanners import wallet_keys

    ctx = ScanContext(Source.TOOL_INPUT, policy, True)
    found: list[Finding] = []
    seen: dict[str, list[Finding]] = {}  # this call only: a memo is also a run of its bytes
    budget = MAX_TEXT
    for text in texts:
        if budget <= 0:
            break
        text = text[:budget]
        budget -= len(text)
        hits = seen.get(text)
        if hits is None:
            hits = seen[text] = [
                f.model_copy(update={"span": None, "evidence": (*f.evidence, "in:payload")})
                for layer in normalize(text).layers
                for f in wallet_keys.scan(layer, ctx)
                if f.action is not Action.ALLOW
            ]
        found += hits
    return found


def _own(payload: SignedPayload, policy: Policy) -> tuple[list[str], list[str]]:
    """The payload's own addresses (sender, fee payer) that are well formed: a malformed one
    is left out rather than failing the scan."""
    evm = [a.lower() for a in payload.own_evm if _EVM_ADDRESS.fullmatch(a)]
    solana = [a for a in payload.own_solana if len(_public_key(a)) == 32]
    return evm, solana


@lru_cache(maxsize=1024)
def _public_key(address: str) -> bytes:
    """The bytes of a base58 public key (an own wallet or fee payer: public, and the same on
    every call), b"" when it is not base58."""
    return b58decode(address) or b""


_WITH_OWN: DigestLRU[tuple[Policy, Policy]] = DigestLRU(256)  # (policy, its copy) by id


def _with_own(policy: Policy, evm: list[str], sol: list[str]) -> Policy:
    """``policy`` with the payload's own addresses: itself when its wallet holds them all,
    else the copy (which re-validates every address book) built once per policy and
    addresses; the policy object is kept with its copy, so a new policy never hits."""
    if policy.wallet.evm.issuperset(evm) and policy.wallet.solana.issuperset(sol):
        return policy
    key = (id(policy), tuple(sorted(evm)), tuple(sorted(sol)))
    hit = _WITH_OWN.get(key)
    if hit is not None and hit[0] is policy:
        return hit[1]
    built = policy.with_addresses(own_evm=evm, own_solana=sol)
    _WITH_OWN.put(key, (policy, built))
    return built


def _hex_blobs(texts: Iterable[str]) -> Iterable[bytes]:
    """Hex text glued to other hex (``"ff" + key``, an odd offset): both nibble alignments
    of every run of 64+ hex digits, decoded, so the raw-window sweep reads them."""
    for text in texts:
        for m in _HEX_RUN.finditer(text):
            run = m.group()
            for shift in (0, 1):
                body = run[shift:]
                yield bytes.fromhex(body[: len(body) // 2 * 2])


def scan_signed(
    payload: SignedPayload, policy: Policy, windows: set[bytes] | None = None
) -> list[Finding]:
    """The own secrets (and any key-shaped secret text) inside a payload about to be signed;
    the raw 32-byte secrets found are added to ``windows`` when given (so that the caller can
    keep them out of what it shows: a decoded amount may *be* the key)."""
    windows = set() if windows is None else windows
    evm, sol = _own(payload, policy)
    solana = frozenset(_public_key(a) for a in (*policy.wallet.solana, *sol))
    deriver = _Deriver(policy.wallet.evm | frozenset(evm), solana)
    texts: list[str] = list(payload.texts)
    found: list[Finding] = []
    for blob in payload.blobs:
        if deriver.own_evm or deriver.own_solana:
            found += _raw_keys(blob, deriver, windows)
        texts.extend(_blob_texts(blob))
    if deriver.own_evm or deriver.own_solana:
        for blob in _hex_blobs(texts):
            found += _raw_keys(blob, deriver, windows)
    if texts:  # the text scanners read the own addresses from a policy: built only here
        found += _text_secrets(texts, _with_own(policy, evm, sol))
    if deriver.exhausted:
        found.append(_limit_finding(MAX_DERIVATIONS + deriver.exhausted))
    return found
