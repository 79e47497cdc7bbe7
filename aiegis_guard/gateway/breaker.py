"""Three-state circuit breaker and exponential backoff with jitter (one breaker per upstream).

::

    closed ──(error rate ≥ threshold, or latency stdev ≥ jitter_ms, over the window)──► open
    open ──(cooldown elapsed)──► half_open: one probe request is let through
    half_open ──probe ok──► closed (window cleared, cooldown reset)
    half_open ──probe fails──► open with the cooldown doubled (capped at max_cooldown)

Every transition is reported to ``on_transition(name, old, new, trigger)`` (the gateway
writes it to the audit log). Pure Python; the clock is injectable for tests.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from enum import StrEnum

from aiegis_guard.config import BreakerSettings

__all__ = ["BreakerState", "CircuitBreaker", "backoff_delay"]


class BreakerState(StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    HALF_OPEN = "half_open"

    @property
    def level(self) -> int:
        """Metric value: 0 closed, 1 half-open, 2 open."""
        return {"closed": 0, "half_open": 1, "open": 2}[self.value]


Transition = Callable[[str, BreakerState, BreakerState, str], None]


def backoff_delay(
    attempt: int, base: float, cap: float, rand: Callable[[], float] = random.random
) -> float:
    """``min(cap, base * 2**attempt + random(0, base))`` seconds before retry ``attempt``."""
    if attempt < 0:
        raise ValueError("attempt must be >= 0")
    return float(min(cap, base * (2 ** min(attempt, 30)) + rand() * base))


class CircuitBreaker:
    """Closed / open / half-open over a sliding window of the last ``window`` calls."""

    def __init__(
        self,
        name: str,
        settings: BreakerSettings,
        *,
        on_transition: Transition | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.settings = settings
        self._on_transition = on_transition
        self._clock = clock
        self._lock = threading.Lock()
        # the last ``window`` calls: their latencies, and how many of them failed
        self._latencies: deque[float] = deque(maxlen=settings.window)
        self._oks: deque[bool] = deque(maxlen=settings.window)
        self._failures = 0
        self.state = BreakerState.CLOSED
        self.cooldown = settings.cooldown
        self._opened_at = 0.0
        self._probing = False

    def retry_after(self) -> float:
        """Seconds until a half-open probe may run (0 when closed)."""
        with self._lock:
            if self.state is not BreakerState.OPEN:
                return 0.0
            return max(0.0, self._opened_at + self.cooldown - self._clock())

    def allow(self) -> bool:
        """May a request go to this upstream now? (open: no; half-open: only the one probe)"""
        with self._lock:
            if self.state is BreakerState.OPEN:
                if self._clock() - self._opened_at < self.cooldown:
                    return False
                self._move(BreakerState.HALF_OPEN, f"cooldown {self.cooldown:.1f}s elapsed")
            if self.state is BreakerState.HALF_OPEN:
                if self._probing:
                    return False
                self._probing = True
            return True

    def record(self, ok: bool, latency_s: float) -> None:
        """The outcome of a call that :meth:`allow` let through."""
        with self._lock:
            if self.state is BreakerState.HALF_OPEN:
                self._probing = False
                if ok:
                    self._latencies.clear()
                    self._oks.clear()
                    self._failures = 0
                    self.cooldown = self.settings.cooldown
                    self._move(BreakerState.CLOSED, "probe succeeded")
                else:
                    self.cooldown = min(self.cooldown * 2, self.settings.max_cooldown)
                    self._open("probe failed")
                return
            if len(self._oks) == self._oks.maxlen and not self._oks[0]:
                self._failures -= 1  # the failure about to leave the window
            self._oks.append(ok)
            self._latencies.append(latency_s)
            self._failures += not ok
            if self.state is BreakerState.CLOSED:
                trigger = self._trip_reason()
                if trigger:
                    self._open(trigger)

    def _trip_reason(self) -> str | None:
        latencies = self._latencies
        n = len(latencies)
        if n < self.settings.min_calls:
            return None
        rate = self._failures / n
        if rate >= self.settings.error_rate:
            return f"error rate {rate:.2f} over the last {n} calls"
        mean = sum(latencies) / n  # population stdev in floats (per request)
        jitter_ms = math.sqrt(sum([(x - mean) ** 2 for x in latencies]) / n) * 1000
        if jitter_ms >= self.settings.jitter_ms:
            return f"latency jitter {jitter_ms:.0f} ms over the last {n} calls"
        return None

    def _open(self, trigger: str) -> None:
        self._opened_at = self._clock()
        self._move(BreakerState.OPEN, f"{trigger}; cooldown {self.cooldown:.1f}s")

    def _move(self, new: BreakerState, trigger: str) -> None:
        old, self.state = self.state, new
        if old is not new and self._on_transition is not None:
            self._on_transition(self.name, old, new, trigger)
