"""Shared by the ledger tests: one behaviour table for every backend, a real redis-server,
and the worker that spawned processes run to race for one budget."""

from __future__ import annotations

import multiprocessing
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from aiegis_guard.ledger import MemoryLedger, SpendItem, SpendLedger
from aiegis_guard.ledger.sqlite import SqliteLedger

ETH = 10**18
PERIOD = 100.0
TTL = 10.0
KEY = "evm:native"


class FakeClock:
    """A clock the test moves by hand."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def item(amount: int, limit: int | None = 5 * ETH, key: str = KEY) -> SpendItem:
    return SpendItem(key, amount, limit, PERIOD)


# --- the behaviour table: each takes (ledger, clock) and asserts ------------------------------


def reserve_within_limit_counts_as_spent(led: SpendLedger, clock: FakeClock) -> None:
    assert led.reserve("a", [item(3 * ETH)]) is None
    assert led.spent(KEY, PERIOD) == 3 * ETH


def reserve_over_limit_is_refused_and_adds_nothing(led: SpendLedger, clock: FakeClock) -> None:
    assert led.reserve("a", [item(3 * ETH)]) is None
    refusal = led.reserve("b", [item(3 * ETH)])
    assert refusal is not None
    assert refusal.spent == 3 * ETH
    assert refusal.item.amount == 3 * ETH
    assert led.spent(KEY, PERIOD) == 3 * ETH


def exactly_at_the_limit_is_allowed(led: SpendLedger, clock: FakeClock) -> None:
    assert led.reserve("a", [item(5 * ETH)]) is None
    assert led.reserve("b", [item(1)]) is not None


def several_assets_reserve_all_or_nothing(led: SpendLedger, clock: FakeClock) -> None:
    token = "evm:0x" + "ab" * 20
    assert led.reserve("a", [item(4 * ETH, key=token)]) is None
    refusal = led.reserve("b", [item(1 * ETH), item(2 * ETH, key=token)])
    assert refusal is not None and refusal.item.key == token
    assert led.spent(KEY, PERIOD) == 0  # the native part was not added either


def commit_keeps_the_spend(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(2 * ETH)])
    led.commit("a", [item(2 * ETH)])
    clock.advance(TTL * 5)  # well past the pending TTL
    assert led.spent(KEY, PERIOD) == 2 * ETH


def rollback_releases_the_budget(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(5 * ETH)])
    led.rollback("a", [item(5 * ETH)])
    assert led.spent(KEY, PERIOD) == 0
    assert led.reserve("b", [item(5 * ETH)]) is None


def window_slides_a_spend_out_after_the_period(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(5 * ETH)])
    led.commit("a", [item(5 * ETH)])
    clock.advance(PERIOD - 0.5)
    assert led.reserve("b", [item(1)]) is not None
    clock.advance(0.5)
    assert led.spent(KEY, PERIOD) == 0
    assert led.reserve("c", [item(5 * ETH)]) is None


def window_is_sliding_not_calendar(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(3 * ETH)])
    led.commit("a", [item(3 * ETH)])
    clock.advance(PERIOD / 2)
    led.reserve("b", [item(2 * ETH)])
    led.commit("b", [item(2 * ETH)])
    clock.advance(PERIOD / 2)  # the first spend left the window, the second has not
    assert led.spent(KEY, PERIOD) == 2 * ETH


def commit_time_starts_the_window(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(2 * ETH)])
    clock.advance(TTL / 2)
    led.commit("a", [item(2 * ETH)])
    clock.advance(PERIOD - TTL / 4)  # > PERIOD after the reservation, < PERIOD after commit
    assert led.spent(KEY, PERIOD) == 2 * ETH


def pending_reservation_expires(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(5 * ETH)])
    clock.advance(TTL - 0.5)
    assert led.spent(KEY, PERIOD) == 5 * ETH
    clock.advance(0.5)
    assert led.spent(KEY, PERIOD) == 0
    assert led.reserve("b", [item(5 * ETH)]) is None


def commit_after_expiry_still_counts(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(3 * ETH)])
    clock.advance(TTL * 2)
    led.commit("a", [item(3 * ETH)])
    assert led.spent(KEY, PERIOD) == 3 * ETH


def amounts_beyond_64_bits_are_exact(led: SpendLedger, clock: FakeClock) -> None:
    huge = 2**200 + 12345
    assert led.reserve("a", [item(huge, limit=2 * huge)]) is None
    assert led.reserve("b", [item(huge, limit=2 * huge)]) is None
    assert led.reserve("c", [item(1, limit=2 * huge)]) is not None
    assert led.spent(KEY, PERIOD) == 2 * huge


def no_limit_records_without_checking(led: SpendLedger, clock: FakeClock) -> None:
    assert led.reserve("a", [item(10**30, limit=None)]) is None
    assert led.spent(KEY, PERIOD) == 10**30


def keys_are_independent(led: SpendLedger, clock: FakeClock) -> None:
    led.reserve("a", [item(5 * ETH)])
    assert led.spent("solana:native", PERIOD) == 0
    assert led.reserve("b", [item(5 * ETH, key="solana:native")]) is None


BEHAVIOURS = [
    pytest.param(reserve_within_limit_counts_as_spent, id="reserve-counts-as-spent"),
    pytest.param(reserve_over_limit_is_refused_and_adds_nothing, id="over-limit-refused"),
    pytest.param(exactly_at_the_limit_is_allowed, id="exactly-at-limit"),
    pytest.param(several_assets_reserve_all_or_nothing, id="multi-asset-all-or-nothing"),
    pytest.param(commit_keeps_the_spend, id="commit-keeps"),
    pytest.param(rollback_releases_the_budget, id="rollback-releases"),
    pytest.param(window_slides_a_spend_out_after_the_period, id="window-slides-out"),
    pytest.param(window_is_sliding_not_calendar, id="sliding-not-calendar"),
    pytest.param(commit_time_starts_the_window, id="commit-time-starts-window"),
    pytest.param(pending_reservation_expires, id="pending-expires"),
    pytest.param(commit_after_expiry_still_counts, id="commit-after-expiry-counts"),
    pytest.param(amounts_beyond_64_bits_are_exact, id="bigint-amounts"),
    pytest.param(no_limit_records_without_checking, id="no-limit-records"),
    pytest.param(keys_are_independent, id="keys-independent"),
]

Behaviour = Callable[[SpendLedger, FakeClock], None]


# --- a real redis-server ------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def redis_server(tmp: Path) -> Iterator[str]:
    """Start ``redis-server`` on a free port in ``tmp``; yields its URL. Fails if missing."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail(
            "redis-server is not installed: run `make services` (scripts/ensure-redis.sh)",
            pytrace=False,
        )
    port = _free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp)]
    args += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(port, proc)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _wait_ready(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"redis-server exited with {proc.returncode}", pytrace=False)
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
                s.sendall(b"PING\r\n")
                if s.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    pytest.fail("redis-server did not answer PING within 10 s", pytrace=False)


# --- racing processes -------------------------------------------------------------------------


def open_backend(kind: str, where: str, namespace: str) -> SpendLedger:
    if kind == "redis":
        from aiegis_guard.ledger.redis import RedisLedger

        return RedisLedger(where, namespace=namespace, socket_timeout=10)
    if kind == "sqlite":
        return SqliteLedger(where, namespace=namespace, timeout=30)
    return MemoryLedger(namespace=namespace)


@dataclass(frozen=True)
class RaceSpec:
    kind: str  # "sqlite" | "redis"
    where: str  # file path / redis URL
    namespace: str
    attempts: int
    amount: int
    limit: int


def race_worker(spec: RaceSpec, start: Any, results: Any) -> None:
    """Try ``attempts`` spends, rolling back every third success; put (committed, refused)."""
    ledger = open_backend(spec.kind, spec.where, spec.namespace)
    start.wait()  # a multiprocessing Barrier: every process starts racing at once
    committed = refused = 0
    for n in range(spec.attempts):
        rid = uuid.uuid4().hex
        items = [SpendItem(KEY, spec.amount, spec.limit, 3600.0)]
        if ledger.reserve(rid, items) is not None:
            refused += 1
            continue
        if n % 3 == 2:
            ledger.rollback(rid, items)
        else:
            ledger.commit(rid, items)
            committed += spec.amount
    ledger.close()
    results.put((committed, refused))


def race(kind: str, where: str, workers: int = 8, attempts: int = 12) -> tuple[int, int, int]:
    """Spawned processes race for one budget -> (limit, committed total, ledger's spent)."""
    limit = 40 * ETH + 7  # not a multiple of the amount: the last spend must be refused
    namespace = uuid.uuid4().hex
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(workers), ctx.Queue()
    args = (RaceSpec(kind, where, namespace, attempts, ETH, limit), start, results)
    procs = [ctx.Process(target=race_worker, args=args) for _ in range(workers)]
    for p in procs:
        p.start()
    outcomes = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    committed = sum(c for c, _ in outcomes)
    spent = open_backend(kind, where, namespace).spent(KEY, 3600)
    return limit, committed, spent
