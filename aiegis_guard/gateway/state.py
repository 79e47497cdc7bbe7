"""State that gateway replicas share: conversation taint and pending spend reservations.

In one process: the guard's :class:`~aiegis_guard.taint.TaintStore` and a dict. With
``[gateway] redis_url`` both live in Redis (so replicas behave as one): taint is a set per
conversation (``SADD`` + ``EXPIRE``), a reservation is its items as JSON under its id, so any
replica can commit or release what another reserved. The book keeps a reservation for
``BOOK_RETAIN`` (at least the ledger's reservation TTL): a commit that comes after the TTL
(a slow confirmation, a slow human) is still recorded — the ledger re-records an expired
reservation, money that left is always counted.
A Redis that cannot be reached raises :class:`~aiegis_guard.errors.LedgerError`: fail closed.
"""

from __future__ import annotations

import json
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from aiegis_guard.errors import LedgerError
from aiegis_guard.ledger import SpendItem
from aiegis_guard.taint import MAX_SOURCES, TaintStore

__all__ = ["SharedState", "open_state"]

TAINT_TTL = 24 * 3600
BOOK_RETAIN = 7 * 24 * 3600  # how long a late commit of a known reservation is recorded
MAX_BOOK = 100_000  # in-process entries kept (oldest first out beyond it)


class SharedState:
    """In-process state (one replica)."""

    def __init__(self, taint: TaintStore, ttl: float) -> None:
        self._taint = taint
        self.ttl = ttl
        self.retain = max(ttl, BOOK_RETAIN)
        self._lock = threading.Lock()
        self._book: OrderedDict[str, tuple[float, tuple[SpendItem, ...]]] = OrderedDict()

    def mark(self, conversation: str, source: str) -> None:
        self._taint.mark(("conversation", conversation), source)

    def tainted_by(self, conversation: str) -> tuple[str, ...]:
        return self._taint.tainted_by(("conversation", conversation))

    def put_reservation(self, rid: str, items: Sequence[SpendItem]) -> None:
        with self._lock:
            now = time.monotonic()
            while self._book and (
                next(iter(self._book.values()))[0] < now or len(self._book) >= MAX_BOOK
            ):
                self._book.popitem(last=False)
            self._book[rid] = (now + self.retain, tuple(items))

    def take_reservation(self, rid: str) -> tuple[SpendItem, ...] | None:
        """The items of a pending reservation, removed from the book (None if unknown)."""
        with self._lock:
            entry = self._book.pop(rid, None)
        if entry is None or entry[0] < time.monotonic():
            return None
        return entry[1]

    def ping(self) -> None:
        """Raise :class:`LedgerError` when the shared store cannot be reached."""


class RedisState(SharedState):
    """Taint and reservations in Redis, shared by every replica pointing at it."""

    def __init__(self, url: str, namespace: str, ttl: float) -> None:
        super().__init__(TaintStore(), ttl)
        import redis

        self._r: Any = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self._ns = f"{namespace}:gateway"

    def _call(self, fn: Any, *args: Any) -> Any:
        try:
            return fn(*args)
        except Exception as exc:  # redis.RedisError and socket errors alike: fail closed
            raise LedgerError(
                f"gateway state in Redis unreachable ({type(exc).__name__})"
            ) from None

    def mark(self, conversation: str, source: str) -> None:
        key = f"{self._ns}:taint:{conversation}"
        pipe = self._r.pipeline()
        pipe.sadd(key, source)
        pipe.expire(key, TAINT_TTL)
        self._call(pipe.execute)

    def tainted_by(self, conversation: str) -> tuple[str, ...]:
        members = self._call(self._r.smembers, f"{self._ns}:taint:{conversation}")
        return tuple(sorted(m.decode("utf-8", "replace") for m in members))[:MAX_SOURCES]

    def put_reservation(self, rid: str, items: Sequence[SpendItem]) -> None:
        body = json.dumps(
            [[i.key, str(i.amount), i.limit and str(i.limit), i.period] for i in items]
        )
        key = f"{self._ns}:rsv:{rid}"
        self._call(lambda: self._r.set(key, body, ex=int(self.retain) + 1))

    def take_reservation(self, rid: str) -> tuple[SpendItem, ...] | None:
        raw = self._call(self._r.getdel, f"{self._ns}:rsv:{rid}")
        if raw is None:
            return None
        return tuple(
            SpendItem(key, int(amount), int(limit) if limit else None, float(period))
            for key, amount, limit, period in json.loads(raw)
        )

    def ping(self) -> None:
        self._call(self._r.ping)


def open_state(redis_url: str | None, namespace: str, ttl: float, taint: TaintStore) -> SharedState:
    """Redis-backed when ``redis_url`` is set, else in-process (sharing the guard's taint)."""
    if redis_url:
        return RedisState(redis_url, namespace, ttl)
    return SharedState(taint, ttl)
