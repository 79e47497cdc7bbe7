"""Small LRU caches keyed by a digest of the text, never by the text itself.

Scanners share work across stages by caching per text (the injection and drainer rules run on
the same layer; the same tail of a tool output repeats). A cache keyed by the raw text would
keep a secret in memory after its verdict, so the key is a BLAKE2b digest and the cached
values must not be the text either (a class view, a match list, a score)::

    @digest_cached(maxsize=2)
    def find(text: str) -> tuple[Hit, ...]: ...
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import Any, Generic, TypeVar

__all__ = ["DigestLRU", "digest_cached", "text_digest"]

V = TypeVar("V")
_MISSING: Any = object()


def text_digest(text: str) -> bytes:
    """16-byte BLAKE2b of the text (lone surrogates included, so it never raises)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class DigestLRU(Generic[V]):
    """A thread-safe LRU of ``maxsize`` entries; keys are digests (or tuples holding one)."""

    __slots__ = ("_entries", "_lock", "maxsize")

    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._entries: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, default: V | None = None) -> V | None:
        with self._lock:
            try:
                self._entries.move_to_end(key)  # one hash look-up on a hit
            except KeyError:
                return default
            return self._entries[key]

    def put(self, key: Hashable, value: V) -> None:
        with self._lock:
            entries = self._entries
            if key in entries:
                entries.move_to_end(key)
            entries[key] = value
            while len(entries) > self.maxsize:
                entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


def digest_cached(maxsize: int) -> Callable[[Callable[[str], V]], Callable[[str], V]]:
    """``functools.lru_cache`` for a function of one text, keyed by the text's digest."""

    def decorate(func: Callable[[str], V]) -> Callable[[str], V]:
        cache: DigestLRU[V] = DigestLRU(maxsize)

        @wraps(func)
        def cached(text: str) -> V:
            key = text_digest(text)
            found = cache.get(key, _MISSING)
            if found is not _MISSING:
                return found  # type: ignore[return-value]
            value = func(text)
            cache.put(key, value)
            return value

        cached.cache = cache  # type: ignore[attr-defined]
        cached.cache_clear = cache.clear  # type: ignore[attr-defined]  # as functools.lru_cache
        return cached

    return decorate
