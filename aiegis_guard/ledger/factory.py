"""``open_ledger``: the backend that ``[ledger]`` asks for (the only module that knows them all)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from aiegis_guard.ledger.base import Clock, MemoryLedger, SpendLedger

if TYPE_CHECKING:
    from aiegis_guard.config import LedgerSettings

__all__ = ["open_ledger"]


def open_ledger(settings: LedgerSettings, *, clock: Clock = time.time) -> SpendLedger:
    """The ledger ``[ledger]`` asks for. Nothing is opened until the first use."""
    from aiegis_guard.config import LedgerBackend

    ttl = settings.reservation_ttl
    ns = settings.namespace
    if settings.backend is LedgerBackend.MEMORY:
        return MemoryLedger(namespace=ns, ttl=ttl, clock=clock)
    if settings.backend is LedgerBackend.REDIS:
        from aiegis_guard.ledger.redis import RedisLedger

        return RedisLedger(settings.url, namespace=ns, ttl=ttl, clock=clock)
    from aiegis_guard.ledger.sqlite import SqliteLedger

    return SqliteLedger(settings.path, namespace=ns, ttl=ttl, clock=clock)
