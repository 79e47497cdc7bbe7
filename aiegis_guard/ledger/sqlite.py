"""SQLite spend ledger: the default, a local file, nothing to run.

Safe across threads and processes sharing the file: each thread (and each forked process)
opens its own connection in WAL mode, and every write is one ``BEGIN IMMEDIATE`` transaction,
so check-and-add is serialised by SQLite's write lock (``timeout`` seconds of waiting, then
:class:`LedgerError`). A running total per key (``spend_totals``) keeps reservations at
O(entries leaving the window); amounts are decimal text (wei sums overflow SQLite integers).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from aiegis_guard.errors import LedgerError
from aiegis_guard.ledger.base import DEFAULT_TTL, Clock, Refusal, SpendItem, SpendLedger

__all__ = ["SqliteLedger"]

_T = TypeVar("_T")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS spends (
        key TEXT NOT NULL,
        rid TEXT NOT NULL,
        amount TEXT NOT NULL,     -- base units, decimal
        until INTEGER NOT NULL,   -- counts until (ms): expiry (pending) / commit + period
        pending INTEGER NOT NULL,
        PRIMARY KEY (key, rid)
    ) WITHOUT ROWID""",
    "CREATE INDEX IF NOT EXISTS spends_until ON spends (key, until)",
    """CREATE TABLE IF NOT EXISTS spend_totals (
        key TEXT PRIMARY KEY,
        total TEXT NOT NULL       -- sum of the amounts in spends for the key
    ) WITHOUT ROWID""",
)
_SPENT = """SELECT (SELECT total FROM spend_totals WHERE key = ?1),
                   (SELECT group_concat(amount) FROM spends WHERE key = ?1 AND until <= ?2)"""


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


class SqliteLedger(SpendLedger):
    """A local SQLite file (WAL). ``[ledger] backend = "sqlite"``, ``path = ...``."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        timeout: float = 10.0,
        namespace: str = "aiegis",
        ttl: float = DEFAULT_TTL,
        clock: Clock = time.time,
    ) -> None:
        super().__init__(namespace=namespace, ttl=ttl, clock=clock)
        self.path = Path(path)
        self.timeout = timeout
        self._local = threading.local()

    def _now(self) -> int:
        """The clock in integer milliseconds. Times are never REAL in SQL: SQLite compares an
        integer with a float in ``long double`` (x87), and a native library that leaves the
        x87 state dirty (seen after a LiteSVM run in the same process) makes such a
        comparison wrong once — enough to let a spend past its limit."""
        return _ms(self.clock())

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            return conn
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                conn = self._open()
                break
            except sqlite3.OperationalError as exc:
                # switching a new file to WAL takes an exclusive lock that SQLite does not
                # wait for: processes opening one fresh ledger together see "locked"
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise LedgerError(f"cannot open the SQLite ledger {self.path}: {exc}") from None
                time.sleep(random.uniform(0.01, 0.05))  # de-synchronise the fleet
            except (sqlite3.Error, OSError) as exc:
                raise LedgerError(f"cannot open the SQLite ledger {self.path}: {exc}") from None
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                conn.execute(statement)
        except BaseException:
            conn.close()
            raise
        return conn

    def _write(self, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` transaction (the cross-process lock)."""
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                result = fn(conn)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
            return result
        except sqlite3.Error as exc:
            raise LedgerError(f"SQLite ledger {self.path}: {exc}") from None

    # --- row helpers (inside a write transaction) ------------------------------------------

    @staticmethod
    def _total(conn: sqlite3.Connection, key: str) -> int:
        row = conn.execute("SELECT total FROM spend_totals WHERE key = ?", (key,)).fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _add(conn: sqlite3.Connection, key: str, delta: int) -> None:
        total = SqliteLedger._total(conn, key) + delta
        conn.execute("INSERT OR REPLACE INTO spend_totals VALUES (?, ?)", (key, str(total)))

    def _remove(self, conn: sqlite3.Connection, key: str, where: str, *args: object) -> None:
        rows = conn.execute(f"SELECT amount FROM spends WHERE key = ? AND {where}", (key, *args))
        gone = sum(int(a) for (a,) in rows)
        if gone:
            conn.execute(f"DELETE FROM spends WHERE key = ? AND {where}", (key, *args))
            self._add(conn, key, -gone)

    def _insert(
        self, conn: sqlite3.Connection, key: str, rid: str, amount: int, until: int
    ) -> None:
        self._remove(conn, key, "rid = ?", rid)
        conn.execute("INSERT INTO spends VALUES (?, ?, ?, ?, 1)", (key, rid, str(amount), until))
        self._add(conn, key, amount)

    # --- the ledger ----------------------------------------------------------------------------

    def spent(self, key: str, period: timedelta | float) -> int:
        conn = self._conn()
        try:
            total, dead = conn.execute(_SPENT, (self._k(key), self._now())).fetchone()
        except sqlite3.Error as exc:
            raise LedgerError(f"SQLite ledger {self.path}: {exc}") from None
        expired = sum(int(a) for a in dead.split(",")) if dead else 0
        return (int(total) if total else 0) - expired

    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        def tx(conn: sqlite3.Connection) -> Refusal | None:
            now = self._now()
            for item in items:
                key = self._k(item.key)
                self._remove(conn, key, "until <= ?", now)
                spent = self._total(conn, key)
                if item.limit is not None and spent + item.amount > item.limit:
                    return Refusal(item, spent)
            for item in items:
                self._insert(conn, self._k(item.key), rid, item.amount, now + _ms(self.ttl))
            return None

        return self._write(tx)

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        def tx(conn: sqlite3.Connection) -> None:
            now = self._now()
            for item in items:
                key = self._k(item.key)
                done = conn.execute(
                    "UPDATE spends SET until = ?, pending = 0 WHERE key = ? AND rid = ?",
                    (now + _ms(item.period), key, rid),
                )
                if done.rowcount == 0:  # expired and pruned meanwhile: record it again
                    conn.execute(
                        "INSERT INTO spends VALUES (?, ?, ?, ?, 0)",
                        (key, rid, str(item.amount), now + _ms(item.period)),
                    )
                    self._add(conn, key, item.amount)

        self._write(tx)

    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        def tx(conn: sqlite3.Connection) -> None:
            for item in items:
                self._remove(conn, self._k(item.key), "rid = ?", rid)

        self._write(tx)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
