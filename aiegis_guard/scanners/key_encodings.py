"""Wallet keys in encodings that carry no key word: a JSON Web Key's private member, and the
raw 32 bytes in base58 / base64 beside what they derive to.

Called by :mod:`aiegis_guard.scanners.wallet_keys`.

* **JWK** (RFC 7517 §4; RFC 7518 §6.2.2.1 and §6.3.2.1; RFC 8037 §2): a key object with a
  ``kty`` member and a ``d`` member is a private key, whatever its type or curve (``d`` is an
  EC / OKP private scalar or RSA's private exponent); a public JWK has no ``d``. BLOCK.
* **Derived encodings**: a base58 or base64 token of 32 bytes that derives (secp256k1) to an
  ``0x`` address in the same text, or (ed25519) to a base58 public key in the same text, is
  that account's key written in another encoding (``secret: <base58>`` above ``address:
  0x..``). Certain: a hash or a public key derives to nothing that stands beside it. Runs
  only when such a partner is present (an ``0x`` address; for ed25519, 2 to
  ``MAX_SOLANA_TOKENS`` base58 tokens), at most ``MAX_DERIVATIONS`` tokens per text.
* **Named seeds**: a 32-byte base58 token behind a label whose last noun calls it a secret, a
  private key or a seed (``SOLANA_PRIVATE_KEY=<base58>``, ``CLIENT_SECRET: ..``) is an ed25519
  seed, not the public key it looks like. "key", "signer" or "pubkey" alone name public keys on
  Solana (``accountKeys``, ``fee payer key``), and a label that ends in what the value is the
  address of ("Seed round vesting wallet", "PRIVATE_POOL_MINT") names no secret.
"""

from __future__ import annotations

import base64
import binascii
import re

from aiegis_guard.charclass import BASE58, BASE64, runs
from aiegis_guard.checksums import b58decode
from aiegis_guard.findings import Finding
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.evm_keys import key_context
from aiegis_guard.scanners.key_checks import secret_finding

__all__ = ["find_derived_encodings", "find_jwk_keys", "find_named_seeds"]

RULE_JWK = "secret.jwk_private_key"
MAX_DERIVATIONS = 16
# a seed is looked for beside its public key only among a few base58 tokens (a config, a
# note): a transaction's account list holds many, and public keys derive to nothing
MAX_SOLANA_TOKENS = 8
JWK_REACH = 400  # characters each side of a "d" member searched for the object's "kty"
# "d": "<base64url>" (JSON), d: <base64url> (YAML): the private member of a JWK
_JWK_D_RE = LazyPattern(
    r"(?:[\"']d[\"']|(?<![\w\"'-])d)\s*[:=]\s*[\"']?(?P<d>[A-Za-z0-9_-]{22,1400})(?![\w-])"
)
_KTY_RE = LazyPattern(r"[\"']?kty[\"']?\s*[:=]")
_ADDRESS_RE = re.compile(r"0[xX]([0-9a-fA-F]{40})(?![0-9a-fA-F])")
# a label that calls the value secret (not the "seeds" of a PDA), and one that says public
_PUBLIC_RE = re.compile(r"pub|address", re.IGNORECASE)
LABEL_REACH = 48  # characters of the value's own line read as its label
# the label's last words: identifier parts (camelCase, snake_case, kebab-case) and words
_LABEL_WORD_RE = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_SECRET_NOUNS = frozenset({"secret", "seed", "priv", "privkey", "secretkey", "privatekey"})
_KEY_ADJECTIVES = frozenset({"private", "secret", "priv", "signing"})


def find_jwk_keys(text: str) -> list[Finding]:
    """JWKs with their private member ``d``: BLOCK (the ``d`` value's span)."""
    if "kty" not in text:
        return []
    found: list[Finding] = []
    for m in _JWK_D_RE.finditer(text):
        lo, hi = max(0, m.start() - JWK_REACH), min(len(text), m.end() + JWK_REACH)
        value = m.group("d")
        if _KTY_RE.search(text, lo, hi) is None or len(set(value)) < 12:  # "d": "AAAA..A"
            continue
        found.append(
            secret_finding(
                RULE_JWK,
                m.span("d"),
                value,
                "private JSON Web Key (its private member d)",
                "pattern:jwk-d",
                "member:kty",
            )
        )
    return found


def _raw32(token: str, alphabet: str) -> bytes | None:
    try:
        if alphabet == "base58":
            raw = b58decode(token)
        else:
            padded = token.replace("-", "+").replace("_", "/")
            raw = base64.b64decode(padded + "=" * (-len(padded) % 4), validate=True)
    except (ValueError, binascii.Error):
        return None
    return raw if raw is not None and len(raw) == 32 else None


def _spans(text: str, b64: list[tuple[int, int]] | None) -> list[tuple[int, int, str]]:
    """(start, end, alphabet) of whole base58 / base64 tokens of a 32-byte length. Base58 is a
    subset of base64, so both are among the maximal base64 runs of 43-44 characters; a run of
    base58 characters is read both ways (base64 may avoid the letters base58 lacks)."""
    runs_ = runs(text, BASE64, 43, max_len=44) if b64 is None else b64
    out: list[tuple[int, int, str]] = []
    for s, e in runs_:
        if not 43 <= e - s <= 44:
            continue
        token = text[s:e]
        if BASE58.chars.issuperset(token):
            out.append((s, e, "base58"))
        end = e + 1 if e - s == 43 and text[e : e + 1] == "=" else e
        out.append((s, end, "base64"))
    return out


def find_derived_encodings(text: str, b64: list[tuple[int, int]] | None = None) -> list[Finding]:
    """32-byte base58 / base64 tokens that derive to an address or public key beside them.
    ``b64``: the text's base64 runs (42+ characters), when the caller has them."""
    spans = _spans(text, b64)
    if not spans:
        return []
    addresses = {"0x" + a.lower() for a in _ADDRESS_RE.findall(text)} if "0x" in text else set()
    solana = 2 <= sum(a == "base58" for _, _, a in spans) <= MAX_SOLANA_TOKENS
    if not addresses and not solana:
        return []
    tokens = [(s, e, a, raw) for s, e, a in spans if (raw := _raw32(text[s:e], a)) is not None]
    publics = {raw for _, _, a, raw in tokens if a == "base58"} if solana else set()
    found: list[Finding] = []
    for start, end, alphabet, raw in tokens[:MAX_DERIVATIONS]:
        evidence = _derives(raw, addresses, publics)
        if evidence is None:
            continue
        rule, message = evidence
        found.append(
            secret_finding(
                rule,
                (start, end),
                text[start:end],
                message,
                f"pattern:{alphabet}-32",
                "derives-to:key-in-text" if "solana" in rule else "derives-to:address-in-text",
            )
        )
    return found


def _derives(raw: bytes, addresses: set[str], publics: set[bytes]) -> tuple[str, str] | None:
    if addresses:
        from aiegis_guard.keys.evm import address_of

        if address_of(raw) in addresses:
            return "secret.evm_private_key", "Ethereum private key (derives to an address in play)"
    if publics - {raw}:
        from aiegis_guard.keys.solana import pubkey_of

        if pubkey_of(raw) in publics:
            return "secret.solana_keypair", "Solana (ed25519) seed beside its public key"
    return None


def _names_a_secret(lead: str) -> bool:
    """Does the label before a value (its line's last ``LABEL_REACH`` characters) end in a noun
    that calls the value a secret — "…_SECRET", "seed", "BOT_PRIV", "private key",
    "privateKey" — not a thing the value belongs to ("Seed round vesting wallet", "SECRET
    Santa pool", "SEED_VAULT_PROGRAM", "PRIVATE_POOL_MINT": addresses of those)?"""
    words = [w.lower() for w in _LABEL_WORD_RE.findall(lead)][-2:]
    if not words:
        return False
    if words[-1] in _SECRET_NOUNS:
        return True
    return words[-1] == "key" and len(words) == 2 and words[0] in _KEY_ADJECTIVES


def find_named_seeds(text: str, b64: list[tuple[int, int]] | None = None) -> list[Finding]:
    """32-byte base58 tokens a label calls a secret, private key or seed: BLOCK."""
    found: list[Finding] = []
    for start, end, alphabet in _spans(text, b64):
        if alphabet != "base58" or _raw32(text[start:end], alphabet) is None:
            continue
        lead = text[max(text.rfind("\n", 0, start) + 1, start - LABEL_REACH) : start]
        if not _names_a_secret(lead) or _PUBLIC_RE.search(lead):
            continue  # (every Solana address is a candidate: the label first, cheaply)
        kind, evidence = key_context(text, start, end)
        if kind != "key":
            continue
        found.append(
            secret_finding(
                "secret.solana_keypair",
                (start, end),
                text[start:end],
                "Solana (ed25519) seed named as a secret",
                "pattern:base58-32",
                evidence,
            )
        )
    return found
