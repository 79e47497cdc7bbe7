"""Solana secret keys: a 64-byte keypair is a key only if its public half re-derives.

A base58 string of 64 bytes is either a Solana keypair (32-byte ed25519 seed + its public key)
or a transaction signature (same shape). Re-deriving the public key from the seed separates
them with certainty. Results (and derived public keys) are cached by a SHA-256 of the candidate
(no raw key retained).
"""

from __future__ import annotations

import hashlib

from aiegis_guard.textcache import DigestLRU

__all__ = ["is_keypair", "pubkey_of"]

_CACHE_SIZE = 4096
_keypairs: DigestLRU[bool] = DigestLRU(_CACHE_SIZE)  # SHA-256 of 64 bytes -> is a keypair
_derived: DigestLRU[bytes] = DigestLRU(_CACHE_SIZE)  # SHA-256 of a seed -> its public key


def pubkey_of(seed: bytes) -> bytes:
    """The 32-byte ed25519 public key of a 32-byte seed (~80 us; cached like ``is_keypair``:
    the signed-data scan derives every high-entropy window, and public keys and hashes in
    instruction data recur from one transaction to the next)."""
    digest = hashlib.sha256(seed).digest()
    found = _derived.get(digest)
    if found is not None:
        return found
    from solders.keypair import Keypair

    public = bytes(Keypair.from_seed(seed).pubkey())
    _derived.put(digest, public)
    return public


def is_keypair(raw: bytes) -> bool:
    """True when ``raw`` is 64 bytes whose second half is the public key of the first half."""
    if len(raw) != 64:
        return False
    digest = hashlib.sha256(raw).digest()
    found = _keypairs.get(digest)
    if found is not None:
        return found
    result = pubkey_of(raw[:32]) == raw[32:]
    _keypairs.put(digest, result)
    return result
