"""Solana secret keys: a 64-byte keypair is a key only if its public half re-derives.

A base58 string of 64 bytes is either a Solana keypair (32-byte ed25519 seed + its public key)
or a transaction signature (same shape). Re-deriving the public key from the seed separates
them with certainty. Results (and derived public keys) are cached by a SHA-256 of the candidate
(no raw key retained).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from threading import Lock

__all__ = ["is_keypair", "pubkey_of"]

_CACHE_SIZE = 4096
_cache: OrderedDict[bytes, bool] = OrderedDict()
_lock = Lock()


_derived: OrderedDict[bytes, bytes] = OrderedDict()  # SHA-256 of a seed -> its public key


def pubkey_of(seed: bytes) -> bytes:
    """The 32-byte ed25519 public key of a 32-byte seed (~80 us; cached like ``is_keypair``:
    the signed-data scan derives every high-entropy window, and public keys and hashes in
    instruction data recur from one transaction to the next)."""
    digest = hashlib.sha256(seed).digest()
    with _lock:
        found = _derived.get(digest)
        if found is not None:
            _derived.move_to_end(digest)
            return found
    from solders.keypair import Keypair

    public = bytes(Keypair.from_seed(seed).pubkey())
    with _lock:
        _derived[digest] = public
        if len(_derived) > _CACHE_SIZE:
            _derived.popitem(last=False)
    return public


def is_keypair(raw: bytes) -> bool:
    """True when ``raw`` is 64 bytes whose second half is the public key of the first half."""
    if len(raw) != 64:
        return False
    digest = hashlib.sha256(raw).digest()
    with _lock:
        if digest in _cache:
            _cache.move_to_end(digest)
            return _cache[digest]
    result = pubkey_of(raw[:32]) == raw[32:]
    with _lock:
        _cache[digest] = result
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return result
