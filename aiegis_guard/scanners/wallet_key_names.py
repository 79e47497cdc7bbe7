"""Is a value named a *wallet's* key, or only "a key"?

Used by :mod:`aiegis_guard.scanners.key_decodings` and :mod:`aiegis_guard.scanners.wallet_keys`
for the forms whose value proves nothing by itself (base32 bytes, an OCR'd hex with "O" for
"0", 64 hex joined from chat pieces): there "key" names a TOTP seed ("Enter this key
manually", "2FA secret key"), a licence ("License key:"), a job ("the key rotation job") or a
question ("key question: ..") as often as a wallet's. A label names a wallet key when it says

* **private / signing**: ``private key``, ``privateKey``, ``priv key``, ``privkey``, a signer
  (``signer``, ``SIGNER_B32=``), "private" in another language (``clave privada``,
  ``klucz prywatny``, ``приватный ключ``, ``私钥``);
* **whose**: a key of a wallet, a faucet, a deployer, an account, a chain (``hot wallet key``,
  ``faucet key``, ``eth key``, ``solana key``, "the key to the wallet", "ключ от кошелька");

and no word of the label says what else it is: a hash, a fingerprint, an id, a checksum, a
public or an API key, a licence, an address, or a one-time-password seed (2FA, TOTP, an
authenticator, an ``otpauth://`` URI).
"""

from __future__ import annotations

import itertools
import re

from aiegis_guard.scanners.key_words import (
    FOREIGN_WALLETS,
    SECRECY_PHRASES,
    WORD_RE,
    foreign_key_word,
)

__all__ = ["names_wallet_key"]


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


# "private" and "signing" (KEY_WORDS' words for them, as typed in ASCII)
PRIVATE_WORDS = _words(
    """private priv privkey privatekey signer signers signing privada privado privata privato
    privater privaten privates privat prywatny pribadi soukrom firmante firmatario assinante
    signataire unterzeichner ondertekenaar"""
)
# whose key: a wallet's, an account's, a chain's ("hot wallet key", "faucet key", "eth key")
OWNER_WORDS = _words(
    """wallet wallets faucet deployer treasury burner account accounts eth evm ethereum solana
    sol metamask phantom validator"""
)
_KEYS = frozenset(("key", "keys"))
# what else a key or a value is: a hash (and its kinds), an id, a public or an API key, a
# licence, an address, a one-time-password seed
OTHER_WORDS = _words(
    """hash hashes hashed md sha keccak digest checksum checksums crc fingerprint fingerprints
    thumbprint uuid uuids guid guids id ids request requests tx txs txid txn transaction
    transactions public pub pubkey api license licence licenses licences product serial
    activation address addresses addr host ssh gpg pgp cache idempotency otp otpauth totp hotp
    fa mfa authenticator authy"""
)
# "key" alone in another script: a wallet's only where a wallet is named beside it
_GENERIC_FOREIGN = frozenset(("ключ", "кључ", "مفتاح", "कुंजी", "คีย์", "กุญแจ", "密钥", "金鑰"))
_KEY_OF_WALLET_RE = re.compile(
    r"(?i)\bkeys?\s+(?:to|for|of)\s+(?:the\s+|my\s+|our\s+|your\s+|this\s+)?(?:\w+\s+)?"
    r"(?:wallet|account|signer|faucet|deployer|treasury)\b"
)


def names_wallet_key(label: str) -> bool:
    """Whether ``label`` (the words before a value, or the message before chat pieces) names
    a wallet's private key and nothing else (module docstring)."""
    words = [w.lower() for w in WORD_RE.findall(label)]
    if any(w in OTHER_WORDS for w in words):
        return False
    if any(w in PRIVATE_WORDS for w in words):
        return True
    owned = any(w in OWNER_WORDS and nxt in _KEYS for w, nxt in itertools.pairwise(words))
    if owned or _KEY_OF_WALLET_RE.search(label):
        return True
    foreign = foreign_key_word(label)  # a key word of another script, or "dont share"
    if foreign is None:
        return False
    if foreign not in _GENERIC_FOREIGN and foreign not in SECRECY_PHRASES:
        return True  # "private key" / "secret key" in another script
    return any(w in OWNER_WORDS for w in words) or any(w in label.lower() for w in FOREIGN_WALLETS)
