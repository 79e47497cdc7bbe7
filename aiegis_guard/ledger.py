"""Spend ledger: per-period limits that hold across threads, processes and machines.

Semantics (the contract every backend implements, tested as one table in
``tests/test_ledger.py``):

* **Sliding window.** ``spent(key, period)`` is the sum of the spends *committed* in the last
  ``period`` (``now - period < committed_at <= now``) plus every *pending* reservation that has
  not expired. A spend leaves the window exactly ``period`` after it was committed; there is no
  calendar reset at midnight for an attacker to time.
* **Reserve = atomic check-and-add.** ``reserve(rid, items)`` checks every item
  (``spent + amount <= limit``) and adds all of them as pending, or adds nothing and returns a
  :class:`Refusal` naming the first item over its limit. Atomic across threads and processes
  (SQLite ``BEGIN IMMEDIATE``; one Redis Lua script).
* **Commit / rollback.** ``commit`` turns a reservation into a spend, timestamped *now* (when
  the transaction was actually signed/sent). A commit of a reservation that has meanwhile
  expired re-records it: money that left is always counted. ``rollback`` deletes it.
* **Expiry.** A pending reservation lives ``ttl`` seconds (``[ledger] reservation_ttl``), so a
  process that crashed between reserve and commit does not hold the budget forever.
* **Fail closed.** A backend that cannot be reached raises :class:`LedgerError`.

:func:`reserve_spend` turns a :class:`DecodedTransaction` into a :class:`SpendReservation`
(what ``Guard.spend`` returns). Over a limit it **raises** :class:`GuardBlocked` whose verdict
carries ``tx.<evm|sol>.over_period_limit`` (or ``over_limit`` for a per-transaction limit)::

    with guard.spend(decoded):          # GuardBlocked here when over the limit
        signed = account.sign_transaction(tx)
        w3.eth.send_raw_transaction(signed.raw_transaction)
    # committed when the block succeeds, rolled back when it raises

Amounts are integers in base units of any size (wei); they are stored as decimal strings.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity, Source

if TYPE_CHECKING:
    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.config import LedgerSettings
    from aiegis_guard.policy import Limit, Policy

__all__ = [
    "DEFAULT_TTL",
    "MemoryLedger",
    "Refusal",
    "SpendItem",
    "SpendLedger",
    "SpendReservation",
    "SqliteLedger",
    "open_ledger",
    "reserve_spend",
]

log = logging.getLogger("aiegis_guard")

DEFAULT_TTL = 600.0
"""Seconds a pending reservation holds budget before it expires."""

Clock = Callable[[], float]
_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class SpendItem:
    """One asset of a reservation: ``amount`` base units against ``limit`` per ``period`` s."""

    key: str
    amount: int
    limit: int | None
    period: float


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a reservation was refused: ``item`` would take ``spent`` over its limit."""

    item: SpendItem
    spent: int


def _seconds(period: timedelta | float) -> float:
    return period.total_seconds() if isinstance(period, timedelta) else float(period)


class SpendLedger(ABC):
    """Where spends are recorded. Keys are limit keys (``evm:native``, ``solana:<mint>``)."""

    def __init__(
        self, *, namespace: str = "aiegis", ttl: float = DEFAULT_TTL, clock: Clock = time.time
    ) -> None:
        if ttl <= 0:
            raise ValueError("ttl must be positive")
        self.namespace = namespace
        self.ttl = float(ttl)
        self.clock = clock

    def _k(self, key: str) -> str:
        return f"{self.namespace}:{key}"

    @abstractmethod
    def spent(self, key: str, period: timedelta | float) -> int:
        """Base units committed in the last ``period`` plus live pending reservations."""

    @abstractmethod
    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        """Atomically add every item as pending, or none (returns the refusal)."""

    @abstractmethod
    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        """Record the reservation as spent now (re-recording it if it had expired)."""

    @abstractmethod
    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        """Forget the reservation."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections (optional)."""


def _live(amount_ts_exp: tuple[int, float, float | None], now: float, period: float) -> bool:
    _amount, ts, expires = amount_ts_exp
    return ts > now - period if expires is None else expires > now


class MemoryLedger(SpendLedger):
    """In-process ledger (tests, single process). Thread-safe, lost on exit."""

    def __init__(
        self, *, namespace: str = "aiegis", ttl: float = DEFAULT_TTL, clock: Clock = time.time
    ) -> None:
        super().__init__(namespace=namespace, ttl=ttl, clock=clock)
        self._lock = threading.Lock()
        self._rows: dict[str, dict[str, tuple[int, float, float | None]]] = {}

    def _sum(self, key: str, now: float, period: float, prune: bool) -> int:
        rows = self._rows.get(self._k(key), {})
        dead = [rid for rid, row in rows.items() if not _live(row, now, period)]
        if prune:
            for rid in dead:
                del rows[rid]
        return sum(row[0] for rid, row in rows.items() if _live(row, now, period))

    def spent(self, key: str, period: timedelta | float) -> int:
        with self._lock:
            return self._sum(key, self.clock(), _seconds(period), prune=False)

    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        with self._lock:
            now = self.clock()
            for item in items:
                spent = self._sum(item.key, now, item.period, prune=True)
                if item.limit is not None and spent + item.amount > item.limit:
                    return Refusal(item, spent)
            for item in items:
                rows = self._rows.setdefault(self._k(item.key), {})
                rows[rid] = (item.amount, now, now + self.ttl)
            return None

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        with self._lock:
            now = self.clock()
            for item in items:
                self._rows.setdefault(self._k(item.key), {})[rid] = (item.amount, now, None)

    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        with self._lock:
            for item in items:
                self._rows.get(self._k(item.key), {}).pop(rid, None)


_SCHEMA = """
CREATE TABLE IF NOT EXISTS spend (
    key TEXT NOT NULL,
    rid TEXT NOT NULL,
    amount TEXT NOT NULL,      -- base units, decimal (may exceed 64 bits)
    ts REAL NOT NULL,          -- reserved at (pending) / committed at
    expires REAL,              -- pending until; NULL once committed
    PRIMARY KEY (key, rid)
) WITHOUT ROWID
"""
_LIVE = "key = ? AND ((expires IS NULL AND ts > ?) OR expires > ?)"
_DEAD = "key = ? AND ((expires IS NULL AND ts <= ?) OR expires <= ?)"


class SqliteLedger(SpendLedger):
    """A local SQLite file (WAL). Safe across threads and processes sharing the file.

    Each thread (and each forked process) opens its own connection; every write is one
    ``BEGIN IMMEDIATE`` transaction, so check-and-add is serialised by SQLite's write lock.
    """

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

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.pid == os.getpid():
            return conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_SCHEMA)
        except (sqlite3.Error, OSError) as exc:
            raise LedgerError(f"cannot open the SQLite ledger {self.path}: {exc}") from None
        self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def _run(self, write: bool, fn: Callable[[sqlite3.Connection], _T]) -> _T:
        conn = self._conn()
        try:
            if not write:
                return fn(conn)
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

    def _sum(self, conn: sqlite3.Connection, key: str, now: float, period: float) -> int:
        rows = conn.execute(f"SELECT amount FROM spend WHERE {_LIVE}", (key, now - period, now))
        return sum(int(a) for (a,) in rows)

    def spent(self, key: str, period: timedelta | float) -> int:
        now, p = self.clock(), _seconds(period)
        return self._run(False, lambda c: self._sum(c, self._k(key), now, p))

    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        def tx(conn: sqlite3.Connection) -> Refusal | None:
            now = self.clock()
            for item in items:
                key = self._k(item.key)
                conn.execute(f"DELETE FROM spend WHERE {_DEAD}", (key, now - item.period, now))
                spent = self._sum(conn, key, now, item.period)
                if item.limit is not None and spent + item.amount > item.limit:
                    return Refusal(item, spent)
            conn.executemany(
                "INSERT OR REPLACE INTO spend VALUES (?, ?, ?, ?, ?)",
                [(self._k(i.key), rid, str(i.amount), now, now + self.ttl) for i in items],
            )
            return None

        return self._run(True, tx)

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        def tx(conn: sqlite3.Connection) -> None:
            now = self.clock()
            conn.executemany(
                "INSERT OR REPLACE INTO spend VALUES (?, ?, ?, ?, NULL)",
                [(self._k(i.key), rid, str(i.amount), now) for i in items],
            )

        self._run(True, tx)

    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        def tx(conn: sqlite3.Connection) -> None:
            conn.executemany(
                "DELETE FROM spend WHERE key = ? AND rid = ?",
                [(self._k(i.key), rid) for i in items],
            )

        self._run(True, tx)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None


def open_ledger(settings: LedgerSettings, *, clock: Clock = time.time) -> SpendLedger:
    """The ledger ``[ledger]`` asks for. Nothing is opened until the first use."""
    from aiegis_guard.config import LedgerBackend

    ttl = settings.reservation_ttl
    ns = settings.namespace
    if settings.backend is LedgerBackend.MEMORY:
        return MemoryLedger(namespace=ns, ttl=ttl, clock=clock)
    if settings.backend is LedgerBackend.REDIS:
        from aiegis_guard.ledger_redis import RedisLedger

        return RedisLedger(settings.url, namespace=ns, ttl=ttl, clock=clock)
    return SqliteLedger(settings.path, namespace=ns, ttl=ttl, clock=clock)


# --- reservations -----------------------------------------------------------------------------


class SpendReservation:
    """Budget held for one transaction. A context manager: commit on success, else rollback.

    An empty reservation (nothing limited is spent) never touches the ledger.
    """

    def __init__(self, ledger: SpendLedger, items: Sequence[SpendItem], rid: str = "") -> None:
        self.ledger = ledger
        self.items = tuple(items)
        self.id = rid or uuid.uuid4().hex
        self.state = "pending"

    def commit(self) -> None:
        """The transaction was signed/sent: count it. Idempotent."""
        if self.state == "rolled_back":
            raise LedgerError("cannot commit a rolled-back spend reservation")
        if self.state == "pending" and self.items:
            self.ledger.commit(self.id, self.items)
        self.state = "committed"

    def rollback(self) -> None:
        """Sending failed: release the budget. Idempotent; a committed spend stays."""
        if self.state == "pending" and self.items:
            self.ledger.rollback(self.id, self.items)
        if self.state == "pending":
            self.state = "rolled_back"

    def __enter__(self) -> SpendReservation:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.commit()
            return
        try:
            self.rollback()
        except LedgerError as err:  # the reservation expires by itself; keep the real error
            log.error("aiegis_guard: spend rollback failed (%s); it will expire", err)

    def __repr__(self) -> str:
        keys = ", ".join(i.key for i in self.items) or "nothing limited"
        return f"SpendReservation({self.state}: {keys})"


def _tag(chain: Chain) -> str:
    return "evm" if chain is Chain.EVM else "sol"


def _totals(decoded: DecodedTransaction, policy: Policy) -> dict[Limit, int | None]:
    """Outgoing base units per configured limit (None: an amount that cannot be known).

    Same accounting as ``chains/inspect.py``: a transfer counts when its sender is unknown, own
    or the transaction's sender; contract creation value counts as native.
    """
    from aiegis_guard.chains.transaction import AssetKind, Creation, Transfer

    chain = decoded.chain
    tx_sender = (decoded.sender or "").lower() if chain is Chain.EVM else decoded.sender
    totals: dict[Limit, int | None] = {}
    for op in decoded.operations:
        if isinstance(op, Transfer):
            sender = op.sender.lower() if op.sender and chain is Chain.EVM else op.sender
            if sender is not None and sender != tx_sender and not policy.is_own(sender, chain):
                continue
            if op.asset.kind is AssetKind.NATIVE:
                limit = policy.limit_for(op.asset.chain, "native")
            elif op.asset.address is not None:
                limit = policy.limit_for(op.asset.chain, op.asset.address)
            else:
                continue  # unknown mint: cannot be matched to a limit (the inspector flags it)
            amount = op.amount
        elif isinstance(op, Creation) and op.value:
            limit, amount = policy.limit_for(chain, "native"), op.value
        else:
            continue
        if limit is not None and amount != 0:
            prev = totals.get(limit, 0)
            totals[limit] = None if prev is None or amount is None else prev + amount
    return totals


def _refused(chain: Chain, rule: str, limit: Limit, message: str, *evidence: str) -> Finding:
    return Finding(
        rule_id=f"tx.{_tag(chain)}.{rule}",
        category=Category.TRANSACTION,
        severity=Severity.HIGH,
        action=Action.BLOCK,
        message=message,
        evidence=(f"asset:{limit.key}", *evidence),
    )


def _check_per_tx(chain: Chain, limit: Limit, total: int | None) -> Finding | None:
    if total is None and (limit.per_tx is not None or limit.per_period is not None):
        msg = f"{limit.key}: amount cannot be known; a limited asset needs a known amount"
        return _refused(chain, "over_period_limit", limit, msg, "amount:unknown")
    per_tx = limit.per_tx_units
    if per_tx is not None and total is not None and total > per_tx:
        msg = f"{limit.key}: {total} base units exceed the per-transaction limit"
        return _refused(chain, "over_limit", limit, msg, f"amount:{total}", f"per_tx:{per_tx}")
    return None


def reserve_spend(
    ledger: SpendLedger,
    policy: Policy,
    decoded: DecodedTransaction,
    *,
    enforce: bool = True,
) -> SpendReservation:
    """Reserve ``decoded``'s outgoing value against the per-period limits, atomically.

    Raises :class:`GuardBlocked` (verdict: ``tx.<tag>.over_period_limit`` /
    ``tx.<tag>.over_limit``) unless the policy's rule modes turn those findings into ALLOW.
    ``enforce=False`` records the spend without checking (after a human approved a FLAG).
    Raises :class:`LedgerError` when the ledger is unreachable: fail closed.
    """
    items: list[SpendItem] = []
    findings: list[Finding] = []
    for limit, total in _totals(decoded, policy).items():
        refused = _check_per_tx(decoded.chain, limit, total) if enforce else None
        if refused is not None:
            findings.append(refused)
        elif total is not None and limit.per_period_units is not None:
            cap = limit.per_period_units if enforce else None
            items.append(SpendItem(limit.key, total, cap, limit.period.total_seconds()))
    _raise_unless_allowed(findings, policy)
    reservation = SpendReservation(ledger, items)
    if not items:
        return reservation
    refusal = ledger.reserve(reservation.id, items)
    if refusal is not None:
        _raise_unless_allowed([_over_period(decoded.chain, policy, refusal)], policy)
        # the policy turned the rule off: record the spend without a cap
        reservation.items = tuple(SpendItem(i.key, i.amount, None, i.period) for i in items)
        ledger.reserve(reservation.id, reservation.items)
    return reservation


def _over_period(chain: Chain, policy: Policy, refusal: Refusal) -> Finding:
    item = refusal.item
    limit = next(lim for lim in policy.limits if lim.key == item.key)
    msg = f"{item.key}: spending over the per-period limit ({limit.period}, sliding window)"
    return _refused(
        chain,
        "over_period_limit",
        limit,
        msg,
        f"amount:{item.amount}",
        f"spent:{refusal.spent}",
        f"per_period:{item.limit}",
        f"window:{int(item.period)}s",
    )


def _raise_unless_allowed(findings: Sequence[Finding], policy: Policy) -> None:
    """GuardBlocked with the decided verdict, unless rule modes make the findings ALLOW."""
    if not findings:
        return
    from aiegis_guard.policy import decide

    verdict = decide(findings, policy, value_moving=True)
    if verdict.action is not Action.ALLOW:
        raise GuardBlocked(verdict.model_copy(update={"source": Source.TRANSACTION}))
