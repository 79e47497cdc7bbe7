"""Heartbeats, limp mode and Prometheus metrics of one gateway process.

Dependencies and what their loss means (limp mode is explicit, and fails closed):

=========  ==========================================================================
model      the injection classifier; down -> rules only, every value move needs approval
ledger     the spend ledger; down -> value moves are blocked (``gateway.ledger_down``)
redis      shared taint / reservations (when configured); down -> like the ledger
upstreams  every upstream's breaker open -> ``/v1/chat/completions`` answers 503 + Retry-After
=========  ==========================================================================

Each change of a dependency or limp mode is an audit record (:class:`EventLog`).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from aiegis_guard.gateway.breaker import BreakerState
from aiegis_guard.gateway.events import EventLog
from aiegis_guard.verdict import Verdict

if TYPE_CHECKING:
    from aiegis_guard.gateway.state import SharedState
    from aiegis_guard.gateway.upstream import UpstreamPool
    from aiegis_guard.guard import Guard

__all__ = ["Health"]

log = logging.getLogger("aiegis_guard")

MAX_PENDING = 4096  # observations held before they are recorded on the spot
_BUCKETS = (0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0)


class Health:
    """Dependency states, limp modes and the metrics registry (one per app)."""

    def __init__(
        self,
        guard: Guard,
        state: SharedState,
        pool: UpstreamPool | None,
        events: EventLog,
        *,
        redis: bool = False,
    ) -> None:
        self.guard = guard
        self.state = state
        self.pool = pool
        self.events = events
        self.started = time.time()
        self.registry = CollectorRegistry()
        r = self.registry
        self.verdicts = Counter(
            "aiegis_verdicts", "Verdicts by surface, action and rule id",
            ["surface", "action", "rule_id"], registry=r,
        )  # fmt: skip
        self.judge_seconds = Histogram(
            "aiegis_judge_seconds", "Time spent judging", ["surface"], buckets=_BUCKETS, registry=r
        )
        self.breaker_state = Gauge(
            "aiegis_breaker_state", "0 closed, 1 half-open, 2 open", ["upstream"], registry=r
        )
        self.limp_gauge = Gauge("aiegis_limp_mode", "1 while limping", ["mode"], registry=r)
        self.up_gauge = Gauge(
            "aiegis_dependency_up", "1 when reachable", ["dependency"], registry=r
        )
        self._timers: dict[str, Any] = {}
        self._counters: dict[tuple[str, str, str], Any] = {}
        self._pending: deque[tuple[str, str, tuple[str, ...], float]] = deque()
        self._flushing = threading.Lock()
        self.deps: dict[str, bool] = {"model": True, "ledger": True}
        if redis:
            self.deps["redis"] = True
        self.judge_ok = True
        self._upstreams_limp = False
        for mode in ("model", "ledger", "upstreams"):
            self.limp_gauge.labels(mode).set(0)

    # --- verdict metrics -----------------------------------------------------------------

    def observe(self, surface: str, verdict: Verdict, seconds: float) -> None:
        """Count a verdict. Recorded later (:meth:`flush`: after the answer is sent, before a
        scrape), so the ~8 us of Prometheus bookkeeping per verdict never delays an answer."""
        self._pending.append((surface, verdict.action.value, verdict.rule_ids, seconds))
        if len(self._pending) > MAX_PENDING:
            self.flush()

    def flush(self) -> None:
        """Record every pending observation (thread-safe: when it returns, whatever was
        observed before it was called is recorded)."""
        with self._flushing:
            pending = self._pending
            while pending:
                self._record(*pending.popleft())

    def _record(self, surface: str, action: str, rule_ids: tuple[str, ...], seconds: float) -> None:
        timer = self._timers.get(surface)
        if timer is None:  # labelled children looked up once (labels() costs per call)
            timer = self._timers[surface] = self.judge_seconds.labels(surface)
        timer.observe(seconds)
        for rule in rule_ids or ("none",):
            key = (surface, action, rule)
            counter = self._counters.get(key)
            if counter is None:
                counter = self._counters[key] = self.verdicts.labels(surface, action, rule)
            counter.inc()

    def on_breaker(self, name: str, old: BreakerState, new: BreakerState, trigger: str) -> None:
        self.breaker_state.labels(name).set(new.level)
        self.events.record(f"upstream:{name}", old.value, new.value, trigger)
        if self.pool is not None:
            self._limp_upstreams()

    # --- limp mode -------------------------------------------------------------------------

    @property
    def model_down(self) -> bool:
        return not self.deps["model"]

    @property
    def ledger_down(self) -> bool:
        return not self.deps["ledger"] or not self.deps.get("redis", True)

    def limp_modes(self) -> list[str]:
        modes = []
        if self.model_down:
            modes.append("model")
        if self.ledger_down:
            modes.append("ledger")
        if self.pool is not None and self.pool.all_open():
            modes.append("upstreams")
        return modes

    def set_dep(self, name: str, up: bool, trigger: str) -> None:
        """Record a dependency's state; a change is an audit record and may change limp mode."""
        self.up_gauge.labels(name).set(1 if up else 0)
        old = self.deps.get(name)
        self.deps[name] = up
        if old is None or old == up:
            return
        self.events.record(f"dependency:{name}", _ud(old), _ud(up), trigger)
        mode = "ledger" if name in ("ledger", "redis") else name
        if mode in ("model", "ledger"):
            limping = self.model_down if mode == "model" else self.ledger_down
            self.limp_gauge.labels(mode).set(1 if limping else 0)
            outcome = {
                "model": "rules only; value moves need approval",
                "ledger": "value moves blocked",
            }[mode]
            self.events.record(
                f"limp:{mode}", "off" if limping else "on", "on" if limping else "off",
                trigger, outcome if limping else "normal",
            )  # fmt: skip

    def _limp_upstreams(self) -> None:
        assert self.pool is not None
        limping = self.pool.all_open()
        was = self._upstreams_limp
        if limping != was:
            self._upstreams_limp = limping
            self.limp_gauge.labels("upstreams").set(1 if limping else 0)
            self.events.record(
                "limp:upstreams", "on" if was else "off", "on" if limping else "off",
                "every upstream breaker open" if limping else "an upstream recovered",
                "503 with Retry-After" if limping else "normal",
            )  # fmt: skip

    # --- heartbeats ------------------------------------------------------------------------

    def check_model(self) -> None:
        clf = self.guard.classifier
        self.set_dep("model", clf is None or not clf.degraded, "classifier heartbeat")

    def check_ledger(self) -> None:
        try:
            self.guard.ledger.spent("gateway:heartbeat", 60.0)
        except Exception as exc:
            self.set_dep("ledger", False, f"ledger heartbeat failed ({type(exc).__name__})")
        else:
            self.set_dep("ledger", True, "ledger heartbeat ok")

    def check_redis(self) -> None:
        if "redis" not in self.deps:
            return
        try:
            self.state.ping()
        except Exception as exc:
            self.set_dep("redis", False, f"redis heartbeat failed ({type(exc).__name__})")
        else:
            self.set_dep("redis", True, "redis heartbeat ok")

    async def beat(self) -> None:
        """One round of heartbeats (blocking checks run in a worker thread); records the
        pending verdict metrics of routes that do not (the sidecar's)."""
        self.flush()
        for check in (self.check_model, self.check_ledger, self.check_redis):
            await asyncio.to_thread(check)
        if self.pool is not None:
            await self.pool.heartbeat()

    async def run(
        self, every: float, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep
    ) -> None:
        while True:
            try:
                await self.beat()
            except Exception as exc:  # a heartbeat must never kill the server
                log.error("aiegis_guard heartbeat failed: %s", type(exc).__name__)
            await sleep(every)

    def report(self) -> dict[str, Any]:
        upstreams = self.pool.states() if self.pool is not None else {}
        return {
            "judge": self.judge_ok,
            "dependencies": {k: _ud(v) for k, v in self.deps.items()},
            "upstreams": upstreams,
            "limp": self.limp_modes(),
        }


def _ud(up: bool) -> str:
    return "up" if up else "down"
