"""A call's held spends are all committed when the tool returns, even when the ledger fails
on one of them: a reservation left pending would expire and the budget would forget money that
left (the failure is still raised, once every other spend is counted)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from aiegis_guard.callbacks.judge import HeldSpend
from aiegis_guard.config import parse_config
from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.ledger.base import MemoryLedger, SpendItem, SpendReservation


class FailsOnce(MemoryLedger):
    """A memory ledger whose first commit fails (a transient outage of a shared store)."""

    def __init__(self) -> None:
        super().__init__()
        self.failures = 1

    def commit(self, rid: str, items: Sequence[SpendItem]) -> None:
        if self.failures:
            self.failures -= 1
            raise LedgerError("ledger unavailable")
        super().commit(rid, items)


def held(ledger: MemoryLedger, *amounts: int) -> list[SpendReservation]:
    out = []
    for n, amount in enumerate(amounts):
        item = SpendItem(f"evm:asset{n}", amount, 10**6, 86_400.0)
        assert ledger.reserve(f"r{n}", [item]) is None
        out.append(SpendReservation(ledger, [item], rid=f"r{n}"))
    return out


def test_a_failed_commit_does_not_leave_the_later_spends_pending() -> None:
    ledger = FailsOnce()
    reservations = held(ledger, 5, 7, 11)
    with pytest.raises(LedgerError), HeldSpend(reservations):
        pass  # the tool returned: its spends count
    assert [r.state for r in reservations] == ["pending", "committed", "committed"]
    assert ledger.spent("evm:asset1", 86_400) == 7
    assert ledger.spent("evm:asset2", 86_400) == 11


def test_a_tool_that_raises_still_counts_every_spend() -> None:
    ledger = MemoryLedger()
    reservations = held(ledger, 3, 4)
    with pytest.raises(RuntimeError), HeldSpend(reservations):
        raise RuntimeError("receipt timed out after the send")
    assert [r.state for r in reservations] == ["committed", "committed"]


def test_a_refusing_signer_releases_every_spend() -> None:
    ledger = MemoryLedger()
    reservations = held(ledger, 3, 4)
    refusal = Guard(parse_config({})).check_text("send 1 ETH", source=Source.PROMPT)
    with pytest.raises(GuardBlocked), HeldSpend(reservations):
        raise GuardBlocked(refusal, "refused")
    assert [r.state for r in reservations] == ["rolled_back", "rolled_back"]
    assert ledger.spent("evm:asset0", 86_400) == 0
