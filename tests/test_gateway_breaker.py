"""Circuit breaker state machine and backoff with jitter (injected clock, no sleeping)."""

from __future__ import annotations

import pytest

from aiegis_guard.config import BreakerSettings
from aiegis_guard.gateway.breaker import BreakerState, CircuitBreaker, backoff_delay


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("attempt", "rand", "expected"),
    [
        pytest.param(0, 0.0, 0.1, id="first-retry-base"),
        pytest.param(0, 1.0, 0.2, id="first-retry-full-jitter"),
        pytest.param(3, 0.5, 0.85, id="doubles-per-attempt"),
        pytest.param(10, 0.0, 2.0, id="capped"),
        pytest.param(10_000, 0.0, 2.0, id="huge-attempt-no-overflow"),
    ],
)
def test_backoff_delay(attempt: int, rand: float, expected: float) -> None:
    """base * 2**n + random(0, base), capped."""
    assert backoff_delay(attempt, 0.1, 2.0, lambda: rand) == pytest.approx(expected)


def _breaker(**kw: float) -> tuple[CircuitBreaker, Clock, list[tuple[str, str, str]]]:
    clock = Clock()
    seen: list[tuple[str, str, str]] = []
    settings = BreakerSettings(
        window=4, min_calls=2, error_rate=0.5, cooldown=1.0, max_cooldown=3.0, **kw
    )
    breaker = CircuitBreaker(
        "up", settings, clock=clock, on_transition=lambda n, o, s, t: seen.append((o, s, t))
    )
    return breaker, clock, seen


def test_opens_on_error_rate_then_half_open_probe_closes() -> None:
    """closed -> open (errors) -> half-open after the cooldown -> one probe -> closed."""
    b, clock, seen = _breaker()
    b.record(True, 0.01)
    b.record(False, 0.01)
    assert b.state is BreakerState.OPEN and not b.allow()
    assert b.retry_after() == pytest.approx(1.0)
    clock.now = 1.0
    assert b.allow() and b.state is BreakerState.HALF_OPEN
    assert not b.allow()  # only one probe at a time
    b.record(True, 0.01)
    assert b.state is BreakerState.CLOSED
    assert [(o, n) for o, n, _ in seen] == [
        ("closed", "open"), ("open", "half_open"), ("half_open", "closed")
    ]  # fmt: skip
    assert "error rate" in seen[0][2]


def test_failed_probe_doubles_cooldown_capped() -> None:
    """A failed probe reopens with a doubled cooldown, never beyond max_cooldown."""
    b, clock, _ = _breaker()
    b.record(False, 0.01)
    b.record(False, 0.01)
    for expected in (2.0, 3.0, 3.0):
        clock.now += b.cooldown
        assert b.allow()
        b.record(False, 0.01)
        assert b.state is BreakerState.OPEN and b.cooldown == expected


def test_opens_on_latency_jitter() -> None:
    """Wildly varying latency opens the breaker even without errors."""
    b, _, seen = _breaker(jitter_ms=100.0)
    for latency in (0.01, 0.5, 0.01, 0.5):
        b.record(True, latency)
    assert b.state is BreakerState.OPEN and "jitter" in seen[0][2]


def test_few_calls_never_open() -> None:
    """Below min_calls one failure does not open the breaker."""
    b, _, _ = _breaker()
    b.record(False, 0.01)
    assert b.state is BreakerState.CLOSED and b.allow()


def test_backoff_rejects_negative_attempt() -> None:
    """A negative attempt is a programming error."""
    with pytest.raises(ValueError):
        backoff_delay(-1, 0.1, 1.0)


def _reference_trip(window: list[tuple[bool, float]], settings: BreakerSettings) -> bool:
    """Whether the window trips the breaker, recounted from scratch."""
    if len(window) < settings.min_calls:
        return False
    if sum(not ok for ok, _ in window) / len(window) >= settings.error_rate:
        return True
    lats = [lat for _, lat in window]
    mean = sum(lats) / len(lats)
    jitter = (sum((x - mean) ** 2 for x in lats) / len(lats)) ** 0.5 * 1000
    return jitter >= settings.jitter_ms


@pytest.mark.parametrize("seed", [pytest.param(s, id=f"random-calls-{s}") for s in range(6)])
def test_window_counts_match_a_recount(seed: int) -> None:
    """The failures and latencies the breaker keeps as calls come and go open it on the same
    call as recounting the last ``window`` calls from scratch."""
    import random

    rng = random.Random(seed)
    settings = BreakerSettings(window=7, min_calls=3, error_rate=0.6, jitter_ms=40.0)
    for _ in range(40):
        breaker = CircuitBreaker("up", settings)
        calls: list[tuple[bool, float]] = []
        for _ in range(60):
            call = (rng.random() > 0.35, rng.choice((0.01, 0.02, 0.05, 0.09)))
            calls.append(call)
            breaker.record(*call)
            tripped = breaker.state is BreakerState.OPEN
            assert tripped == _reference_trip(calls[-settings.window :], settings)
            if tripped:
                break
