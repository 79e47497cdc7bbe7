"""SQLite spend ledger: the default, a local file, nothing to run.

Safe across threads and processes sharing the file: each thread (and each forked process)
opens its own connection in WAL mode, and every write is one ``BEGIN IMMEDIATE`` transaction,
so check-and-add is serialised by SQLite's write lock (``timeout`` seconds of waiting, then
:class:`LedgerError`). A running total per key (``spend_totals``) keeps reservations at
O(entries leaving the window); amounts are decimal text (wei sums overflow SQLite integers).

**The file is the budget, so losing it fails closed.** Deleting the file under a running
process would leave its connections writing to an unlinked inode while new processes start
from zero. Each ledger has a random id, stored in the file and in a marker beside it
(``<file>.id``). Every operation stats the path: a missing file, or a file whose id is not
this ledger's (replaced), raises :class:`LedgerError`, so value moves are refused. A process
that finds the marker but no file refuses too, instead of starting an empty budget. Recovery
is an operator's act: restore the file (same id: running processes carry on), or delete the
marker to start a new budget (running processes then refuse until restarted).
"""

from __future__ import annotations

import os
import random
import sqlite3
import threading
import time
import uuid
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
    "CREATE TABLE IF NOT EXISTS ledger_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
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
        self.marker = self.path.with_name(self.path.name + ".id")
        self.timeout = timeout
        self._local = threading.local()
        self._id: str | None = None  # this ledger's id, once a connection has read it

    def _now(self) -> int:
        """The clock in integer milliseconds. Times are never REAL in SQL: SQLite compares an
        integer with a float in ``long double`` (x87), and a native library that leaves the
        x87 state dirty (seen after a LiteSVM run in the same process) makes such a
        comparison wrong once — enough to let a spend past its limit."""
        return _ms(self.clock())

    def _identity(self) -> tuple[int, int]:
        """(device, inode) of the file at the path; LedgerError when it is gone."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise LedgerError(
                f"the SQLite ledger {self.path} was deleted: refusing value moves until an "
                f"operator restores it (or deletes {self.marker.name} to start a new budget)"
            ) from None
        except OSError as exc:
            raise LedgerError(f"cannot stat the SQLite ledger {self.path}: {exc}") from None
        return st.st_dev, st.st_ino

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            if self._identity() == self._local.inode:
                return conn
            conn.close()  # the file was replaced: reopen and check its id
            self._local.conn = None
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
        try:
            self._adopt(conn)
        except BaseException:
            conn.close()
            raise
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.path.exists() and (self._id is not None or self.marker.exists()):
            self._identity()  # raises: the file this ledger had is gone
        conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            for statement in _SCHEMA:
                conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO ledger_meta VALUES ('id', ?)", (uuid.uuid4().hex,))
        except BaseException:
            conn.close()
            raise
        return conn

    def _adopt(self, conn: sqlite3.Connection) -> None:
        """Check the file's id against the marker and this instance; write a missing marker."""
        inode = self._identity()
        (ledger_id,) = conn.execute("SELECT value FROM ledger_meta WHERE name = 'id'").fetchone()
        try:
            marked = self.marker.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            marked = None
        except (OSError, UnicodeError) as exc:
            raise LedgerError(f"cannot read {self.marker}: {exc}") from None
        expected = self._id or marked
        if expected is not None and ledger_id != expected:
            raise LedgerError(
                f"the SQLite ledger {self.path} was replaced by a different file: refusing "
                "value moves until an operator restores it"
            )
        if marked is None:
            try:
                # per process and thread: threads opening one fresh ledger together each write
                # their own temporary file (a shared name lost the race: FileNotFoundError)
                tmp = self.marker.with_name(
                    f"{self.marker.name}.{os.getpid()}.{threading.get_ident()}.tmp"
                )
                tmp.write_text(ledger_id + "\n", encoding="ascii")
                os.replace(tmp, self.marker)
            except OSError as exc:
                raise LedgerError(f"cannot write {self.marker}: {exc}") from None
        self._id, self._local.inode = ledger_id, inode

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
