"""secp256k1 private key -> Ethereum address: the certain test for "is this 64-hex a key?".

A transaction or block hash cannot derive to an address that also appears next to it, nor to
one of the agent's own addresses; a private key does. Derivation uses libsecp256k1 through
``coincurve`` when it is installed (~70 µs) and falls back to ``eth_keys`` (whose pure-Python
backend takes milliseconds). Results are cached by a SHA-256 of the candidate, so the cache
never retains a raw key.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from threading import Lock

from aiegis_guard.checksums import keccak256

__all__ = ["SECP256K1_N", "address_of", "is_compressed_public_key", "is_valid_private_key"]

SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141
_CACHE_SIZE = 4096
_cache: OrderedDict[bytes, str | None] = OrderedDict()
_lock = Lock()


SECP256K1_P = 2**256 - 2**32 - 977  # the field's prime (SEC 2, section 2.4.1)


def is_compressed_public_key(data: bytes) -> bool:
    """33 bytes ``02|03 || x`` with ``x`` on secp256k1 (``x^3 + 7`` a square mod p; SEC 1
    section 2.3.4): a compressed public key (a Lightning node id, a validator's key)."""
    if len(data) != 33 or data[0] not in (2, 3):
        return False
    x = int.from_bytes(data[1:], "big")
    if x >= SECP256K1_P:
        return False
    y2 = (pow(x, 3, SECP256K1_P) + 7) % SECP256K1_P
    return y2 == 0 or pow(y2, (SECP256K1_P - 1) // 2, SECP256K1_P) == 1


def is_valid_private_key(secret: bytes) -> bool:
    """32 bytes in ``[1, n-1]`` (zero and values past the curve order are not keys)."""
    return len(secret) == 32 and 0 < int.from_bytes(secret, "big") < SECP256K1_N


def _public_key(secret: bytes) -> bytes:
    """64-byte uncompressed public key (no 0x04 prefix)."""
    try:
        import coincurve
    except ImportError:  # pragma: no cover - coincurve is a dependency; eth_keys is the fallback
        from eth_keys.datatypes import PrivateKey

        return bytes(PrivateKey(secret).public_key.to_bytes())
    return bytes(coincurve.PublicKey.from_secret(secret).format(compressed=False)[1:])


def address_of(secret: bytes) -> str | None:
    """``0x`` + 40 lower-case hex for a private key, or None when it is not a valid key."""
    if not is_valid_private_key(secret):
        return None
    digest = hashlib.sha256(secret).digest()
    with _lock:
        if digest in _cache:
            _cache.move_to_end(digest)
            return _cache[digest]
    address = "0x" + keccak256(_public_key(secret))[-20:].hex()
    with _lock:
        _cache[digest] = address
        if len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return address
