"""EVM private keys: is this ``0x`` + 64 hex a key or a hash?

Called by :mod:`aiegis_guard.scanners.wallet_keys`. Wallet agents handle transaction and block
hashes all day, and a hash has exactly the shape of a private key, so the decision is layered:

1. **Derivation** (certain): the value derives (secp256k1) to one of the agent's own
   addresses, or to an address that appears in the same text (``{"privateKey", "address"}``,
   "my wallet 0x.. uses key 0x.."). A hash cannot do that. Derivation runs only when own
   addresses are configured or an address is present, at most ``MAX_DERIVATIONS`` times.
2. **Context**: the nearest key-ish or hash-ish word in the ``WINDOW`` characters before the
   value decides (``PRIVATE_KEY=``, ``privateKey``, ``Wallet(``, "my key is" vs
   ``transactionHash``, ``blockHash``, "tx", ``topics``, roots, ``/tx/`` ...); a tie
   (``storage key``, ``public key``) is a hash. Values listed one after another inherit the
   class of the first (``"transactions": ["0x..", "0x.."]``).
3. **Nothing**: a bare value is not blocked; it is reported as an INFO candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiegis_guard.charclass import HEX, runs
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.redact import mask

__all__ = ["HASH_CONTEXT", "KEY_CONTEXT", "find_evm_keys"]

RULE = "secret.evm_private_key"
RULE_CANDIDATE = "secret.evm_key_candidate"
WINDOW = 64  # characters before a value searched for context
AFTER_WINDOW = 40  # "0x.. is my private key": checked only when nothing precedes
MAX_DERIVATIONS = 64  # secp256k1 derivations per text (~70 µs each)
MAX_CANDIDATES_REPORTED = 4
SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141

KEY_CONTEXT = re.compile(
    r"""priv(?:ate)?[\s_.-]*key | \bpriv\b | \bp?[ks]\b | secret | signer | signing
    | from_?key | privatekeytoaccount | wallet\s*\( | account\s*\( | keypair
    | (?:wallet|account|deployer|owner|eth|evm|hot|relayer|operator|admin|bot|funder|minter
       |treasury|burner|user|my|your)[\s_.-]*key\b
    | (?<!["'])\bkeys?\b(?!["'])""",
    re.IGNORECASE | re.VERBOSE,
)
HASH_CONTEXT = re.compile(  # compound names first: "storage key" ends where "key" ends
    r"""(?:storage|cache|lookup|primary|map|mapping|idempotency|public|verifying)[\s_.-]*key
    | hash | root | topic | \btxn?s?\b | txid | transaction | \bblock | receipt | nonce
    | bloom | uncle | salt | \bmac\b | \biv\b | cipher | storage | \bslot | digest | checksum
    | commit | proof | signature | \bsigs?\b | \b[rsv]\b | \bdata\b | input | \bcode\b | \bmix
    | parent | \bsha | keccak | merkle | withdrawal | selector | \blogs?\b | /tx/ | /block
    | explorer | scan\b | \bevent | beacon | blob | request | \bstate | \bids?\b | uuid
    | public[\s_.-]*key | \bpub[\s_.-]*key | \bpubkey | ["']key["'] | \bresult | \bvalue
    | memory | \bstack | \bparams | \bcache | \bindex | preimage | \bhead\b | \bmemo""",
    re.IGNORECASE | re.VERBOSE,
)
_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
_LIST_GAP = frozenset(" \t\r\n,;\"'[]")


def _bounded(text: str, start: int, end: int) -> int | None:
    """Start of the value (``0x`` included) if the hex run is a whole token, else None."""
    if text[start - 2 : start] in ("0x", "0X"):
        start -= 2
    if (start and text[start - 1] in _WORD) or (end < len(text) and text[end] in _WORD):
        return None
    return start


def _hex_tokens(text: str, length: int) -> Iterator[tuple[int, int, str]]:
    """(start incl. ``0x``, end, hex body) of every whole-token run of exactly ``length`` hex."""
    for s, e in runs(text, HEX, length, max_len=length):
        start = _bounded(text, s, e)
        if start is not None:
            yield start, e, text[s:e]


def _addresses(text: str) -> frozenset[str]:
    """Lower-case ``0x`` addresses present in the text (with or without the prefix)."""
    return frozenset("0x" + body.lower() for _, _, body in _hex_tokens(text, 40))


def _last(pattern: re.Pattern[str], window: str) -> re.Match[str] | None:
    match = None
    for match in pattern.finditer(window):  # noqa: B007 - the last one is wanted
        pass
    return match


def _context(text: str, start: int, end: int, lo: int, hi: int) -> tuple[str, str]:
    """("key" | "hash" | "bare", evidence) from the words around ``text[start:end]``."""
    window = text[max(lo, start - WINDOW) : start]
    key, hashy = _last(KEY_CONTEXT, window), _last(HASH_CONTEXT, window)
    if key and (hashy is None or key.end() > hashy.end()):
        return "key", f"context:{key.group().strip()!r}"
    if hashy:
        return "hash", f"context:{hashy.group().strip()!r}"
    after = text[end : min(hi, end + AFTER_WINDOW)]
    key, hashy = KEY_CONTEXT.search(after), HASH_CONTEXT.search(after)
    if key and (hashy is None or key.start() < hashy.start()):
        return "key", f"context-after:{key.group().strip()!r}"
    return ("hash", f"context-after:{hashy.group().strip()!r}") if hashy else ("bare", "")


def _derived(body: str, own: frozenset[str], present: frozenset[str]) -> str | None:
    """Evidence when the value derives to an own / present address, else None."""
    from aiegis_guard.chains.evm.keys import address_of

    address = address_of(bytes.fromhex(body))
    if address is None:
        return None
    if address in own:
        return "derives-to:own-address"
    if address in present:
        return "derives-to:address-in-text"
    return None


def _key_finding(span: tuple[int, int], value: str, evidence: str) -> Finding:
    how = "derives to an address in play" if evidence.startswith("derives") else "named as one"
    return Finding(
        rule_id=RULE,
        category=Category.SECRET,
        severity=Severity.CRITICAL,
        action=Action.BLOCK,
        message=f"Ethereum private key ({how})",
        span=span,
        preview=mask(value),
        evidence=("pattern:hex64", evidence),
        redact=True,
    )


def _candidate_finding(span: tuple[int, int], value: str) -> Finding:
    return Finding(
        rule_id=RULE_CANDIDATE,
        category=Category.SECRET,
        severity=Severity.INFO,
        action=Action.ALLOW,
        message="64-hex value without context: a private key or a hash (not blocked)",
        span=span,
        preview=mask(value),
        evidence=("pattern:hex64", "no-context"),
    )


def find_evm_keys(text: str, own: frozenset[str]) -> list[Finding]:
    """EVM private keys (BLOCK) and context-free 64-hex candidates (INFO) in ``text``."""
    tokens = [t for t in _hex_tokens(text, 64) if 0 < int(t[2], 16) < SECP256K1_N]
    if not tokens:
        return []
    present = _addresses(text)
    derive = bool(own or present)
    found: list[Finding] = []
    prev_end, prev, reported = 0, ("bare", ""), 0
    for i, (start, end, body) in enumerate(tokens):
        derived = _derived(body, own, present) if derive and i < MAX_DERIVATIONS else None
        if derived is not None:
            prev = ("key", derived)
        elif not (i and all(c in _LIST_GAP for c in text[prev_end:start])):
            hi = tokens[i + 1][0] if i + 1 < len(tokens) else len(text)
            prev = _context(text, start, end, prev_end, hi)
        kind, evidence = prev  # a listed value inherits the class of the one before
        if kind == "key":
            found.append(_key_finding((start, end), text[start:end], evidence))
        elif kind == "bare" and reported < MAX_CANDIDATES_REPORTED:
            found.append(_candidate_finding((start, end), text[start:end]))
            reported += 1
        prev_end = end
    return found
