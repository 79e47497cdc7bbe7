"""Spend ledger for per-period limits: the contract and reservations (``base``), the backends
(``sqlite`` by default, ``redis`` for fleets, memory for tests) and ``open_ledger``.

``aiegis_guard.ledger.redis`` is loaded only when it is asked for (``RedisLedger`` below or
``[ledger] backend = "redis"``); the ``redis`` package itself only when a connection is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiegis_guard.ledger.base import (
    DEFAULT_TTL,
    Clock,
    MemoryLedger,
    Refusal,
    SpendItem,
    SpendLedger,
    SpendReservation,
    reserve_spend,
)
from aiegis_guard.ledger.factory import open_ledger
from aiegis_guard.ledger.sqlite import SqliteLedger

if TYPE_CHECKING:
    from aiegis_guard.ledger.redis import RedisLedger

__all__ = [
    "DEFAULT_TTL",
    "Clock",
    "MemoryLedger",
    "RedisLedger",
    "Refusal",
    "SpendItem",
    "SpendLedger",
    "SpendReservation",
    "SqliteLedger",
    "open_ledger",
    "reserve_spend",
]


def __getattr__(name: str) -> Any:
    if name == "RedisLedger":
        from aiegis_guard.ledger.redis import RedisLedger

        return RedisLedger
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
