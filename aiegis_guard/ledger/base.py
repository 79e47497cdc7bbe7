"""Spend ledger: per-period limits that hold across threads, processes and machines.

Semantics (the contract every backend implements, tested as one table in
``tests/ledger_support.py`` against memory, SQLite and a real Redis):

* **Sliding window.** A committed spend counts until ``committed_at + period`` (the period of
  its limit, fixed when it is recorded); a pending reservation counts until it expires.
  ``spent(key, period)`` is the sum of what counts *now*. A spend leaves the window exactly
  ``period`` after it was committed; there is no calendar reset at midnight for an attacker
  to time. (Shortening a limit's period in the config applies to new spends; old ones keep
  counting until their own deadline, which errs on the safe side.)
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

:func:`reserve_spend` turns a transaction's outgoing totals per limit into a
:class:`SpendReservation` (what ``Guard.spend`` returns). Over a limit it **raises**
:class:`GuardBlocked` whose verdict carries ``tx.<evm|sol>.over_period_limit`` (or
``over_limit`` for a per-transaction limit; both from :mod:`aiegis_guard.limits`)::

    with guard.spend(decoded):          # GuardBlocked here when over the limit
        signed = account.sign_transaction(tx)
        w3.eth.send_raw_transaction(signed.raw_transaction)
    # committed when the block succeeds, rolled back when it raises

Amounts are integers in base units of any size (wei), stored as decimal strings. The SQLite
and Redis backends keep a running total per key, so a reservation costs O(entries leaving the
window), not O(entries in it). Backends: :class:`MemoryLedger` (tests, one process),
:class:`~aiegis_guard.ledger.sqlite.SqliteLedger` (default: a local file, nothing to run),
:class:`~aiegis_guard.ledger.redis.RedisLedger` (fleets).
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from types import TracebackType
from typing import TYPE_CHECKING

from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.findings import Action, Chain, Finding, Source
from aiegis_guard.limits import check_per_tx, over_period

if TYPE_CHECKING:
    from aiegis_guard.policy import Limit, Policy

__all__ = [
    "DEFAULT_TTL",
    "Clock",
    "MemoryLedger",
    "Refusal",
    "SpendItem",
    "SpendLedger",
    "SpendReservation",
    "reserve_spend",
]

log = logging.getLogger("aiegis_guard")

DEFAULT_TTL = 600.0
"""Seconds a pending reservation holds budget before it expires."""

Clock = Callable[[], float]


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
        """Base units that count now: spends within their window plus live reservations.

        ``period`` is the limit's period; each spend's window was fixed when it was committed.
        """

    @abstractmethod
    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        """Atomically add every item as pending, or none (returns the refusal)."""

    @abstractmethod
    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        """Record the reservation as spent now, counting for ``item.period`` seconds.

        A reservation that expired meanwhile is recorded again: money that left always counts.
        """

    @abstractmethod
    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        """Forget the reservation."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release connections (optional)."""


class MemoryLedger(SpendLedger):
    """In-process ledger (tests, single process). Thread-safe, lost on exit."""

    def __init__(
        self, *, namespace: str = "aiegis", ttl: float = DEFAULT_TTL, clock: Clock = time.time
    ) -> None:
        super().__init__(namespace=namespace, ttl=ttl, clock=clock)
        self._lock = threading.Lock()
        self._rows: dict[str, dict[str, tuple[int, float]]] = {}  # key -> rid -> (amount, until)

    def _live_sum(self, key: str, now: float) -> int:
        rows = self._rows.setdefault(self._k(key), {})
        for rid in [rid for rid, (_, until) in rows.items() if until <= now]:
            del rows[rid]
        return sum(amount for amount, _ in rows.values())

    def spent(self, key: str, period: timedelta | float) -> int:
        with self._lock:
            return self._live_sum(key, self.clock())

    def reserve(self, rid: str, items: Sequence[SpendItem]) -> Refusal | None:
        with self._lock:
            now = self.clock()
            for item in items:
                spent = self._live_sum(item.key, now)
                if item.limit is not None and spent + item.amount > item.limit:
                    return Refusal(item, spent)
            for item in items:
                self._rows[self._k(item.key)][rid] = (item.amount, now + self.ttl)
            return None

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        with self._lock:
            now = self.clock()
            for item in items:
                rows = self._rows.setdefault(self._k(item.key), {})
                rows[rid] = (item.amount, now + item.period)

    def rollback(self, rid: str, items: Sequence[SpendItem]) -> None:
        with self._lock:
            for item in items:
                self._rows.get(self._k(item.key), {}).pop(rid, None)


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

    def release(self) -> None:
        """Undo a commit made before sending, once the receiver definitively refused the
        transaction (a JSON-RPC error answer). Idempotent; a pending spend is rolled back."""
        if self.state in ("pending", "committed") and self.items:
            self.ledger.rollback(self.id, self.items)
        if self.state in ("pending", "committed"):
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


def reserve_spend(
    ledger: SpendLedger,
    policy: Policy,
    chain: Chain,
    totals: Mapping[Limit, int | None],
    *,
    enforce: bool = True,
) -> SpendReservation:
    """Reserve a transaction's outgoing value (``totals``: base units per limit, None when
    unknown; ``chains.amounts.totals``) against the per-period limits, atomically.

    Raises :class:`GuardBlocked` (verdict: ``tx.<tag>.over_period_limit`` /
    ``tx.<tag>.over_limit``, from :mod:`aiegis_guard.limits`) unless the policy's rule modes
    turn those findings into ALLOW. ``enforce=False`` records the spend without checking
    (after a human approved a FLAG). Raises :class:`LedgerError` when the ledger is
    unreachable: fail closed.
    """
    items: list[SpendItem] = []
    findings: list[Finding] = []
    for limit, total in totals.items():
        refused = check_per_tx(chain, limit, total) if enforce else None
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
        limit = next(lim for lim in totals if lim.key == refusal.item.key)
        found = over_period(chain, limit, refusal.item.amount, refusal.spent)
        _raise_unless_allowed([found], policy)
        # the policy turned the rule off: record the spend without a cap
        reservation.items = tuple(SpendItem(i.key, i.amount, None, i.period) for i in items)
        ledger.reserve(reservation.id, reservation.items)
    return reservation


def _raise_unless_allowed(findings: Sequence[Finding], policy: Policy) -> None:
    """GuardBlocked with the decided verdict, unless rule modes make the findings ALLOW."""
    if not findings:
        return
    from aiegis_guard.policy import decide

    verdict = decide(findings, policy, value_moving=True)
    if verdict.action is not Action.ALLOW:
        raise GuardBlocked(verdict.model_copy(update={"source": Source.TRANSACTION}))
