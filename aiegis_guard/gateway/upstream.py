"""OpenAI-compatible upstreams in failover order, each behind a circuit breaker.

A request goes to the first upstream whose breaker lets it through; a connection error, a
timeout, a 5xx or a 429 counts as a failure and is retried on the same upstream after
``base * 2**n + random(0, base)`` seconds (capped), up to ``retries`` times, then the next
upstream is tried. Other 4xx answers are the client's problem and pass through. When every
breaker is open the pool raises :class:`AllUpstreamsDown` with the seconds until the first
half-open probe (the app answers 503 with ``Retry-After``).

The upstream API key comes from the environment only and is sent as a bearer token; it is
never logged, and URLs are shown without credentials or query.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import httpx

from aiegis_guard.config import BreakerSettings
from aiegis_guard.gateway.breaker import BreakerState, CircuitBreaker, Transition, backoff_delay

__all__ = ["AllUpstreamsDown", "Upstream", "UpstreamFailed", "UpstreamPool", "display_url"]


class AllUpstreamsDown(Exception):
    """Every upstream's breaker is open."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"every upstream is unavailable; retry after {retry_after:.0f}s")


class UpstreamFailed(Exception):
    """Every available upstream failed this request (after retries)."""


def display_url(url: str) -> str:
    """``scheme://host:port/path``: no user info, no query (they may hold credentials)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/")


class Upstream:
    def __init__(self, url: str, breaker: CircuitBreaker) -> None:
        self.url = url.rstrip("/")
        self.name = breaker.name
        self.breaker = breaker


class UpstreamPool:
    """Failover across upstreams with breakers, backoff and jitter."""

    def __init__(
        self,
        urls: Sequence[str],
        settings: BreakerSettings,
        *,
        api_key: str | None,
        timeout: float,
        on_transition: Transition | None = None,
        sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if not urls:
            raise ValueError("at least one upstream URL is needed")
        self.settings = settings
        self.upstreams = [
            Upstream(u, CircuitBreaker(display_url(u), settings, on_transition=on_transition))
            for u in urls
        ]
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._sleep = sleep
        self._rand = rand
        self.client = httpx.AsyncClient(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            limits=httpx.Limits(max_connections=256, max_keepalive_connections=128),
            trust_env=False,
        )

    def all_open(self) -> bool:
        return all(u.breaker.state is BreakerState.OPEN for u in self.upstreams)

    def states(self) -> dict[str, str]:
        return {u.name: u.breaker.state.value for u in self.upstreams}

    async def aclose(self) -> None:
        await self.client.aclose()

    async def request(
        self, method: str, path: str, body: Any = None, *, stream: bool = False
    ) -> tuple[Upstream, httpx.Response]:
        """Send to the first healthy upstream (retrying / failing over); the caller closes it."""
        tried = False
        last = "no upstream answered"
        for up in self.upstreams:
            for attempt in range(self.settings.retries + 1):
                if not up.breaker.allow():
                    break
                tried = True
                if attempt:
                    await self._sleep(self._backoff(attempt - 1))
                resp, failure = await self._try(up, method, path, body, stream)
                if resp is not None:
                    return up, resp
                last = failure
        if not tried:
            raise AllUpstreamsDown(self._retry_after())
        raise UpstreamFailed(last)

    def _backoff(self, attempt: int) -> float:
        s = self.settings
        return backoff_delay(attempt, s.backoff_base, s.backoff_cap, self._rand)

    def _retry_after(self) -> float:
        return max(1.0, min(u.breaker.retry_after() for u in self.upstreams))

    async def _try(
        self, up: Upstream, method: str, path: str, body: Any, stream: bool
    ) -> tuple[httpx.Response | None, str]:
        started = time.monotonic()
        request = self.client.build_request(
            method, f"{up.url}{path}", json=body, headers=self._headers
        )
        try:
            resp = await self.client.send(request, stream=stream)
        except httpx.HTTPError as exc:
            up.breaker.record(False, time.monotonic() - started)
            return None, f"{up.name}: {type(exc).__name__}"
        if resp.status_code >= 500 or resp.status_code == 429:
            up.breaker.record(False, time.monotonic() - started)
            await resp.aclose()
            return None, f"{up.name}: HTTP {resp.status_code}"
        up.breaker.record(True, time.monotonic() - started)
        return resp, ""

    def broken(self, up: Upstream) -> None:
        """A response that started well broke off (a truncated stream): count a failure."""
        up.breaker.record(False, 0.0)

    async def heartbeat(self) -> None:
        """Probe each upstream whose breaker allows it (``GET /models``); doubles as the
        half-open probe, so an idle gateway recovers too."""
        for up in self.upstreams:
            if up.breaker.state is BreakerState.CLOSED or not up.breaker.allow():
                continue
            resp, _ = await self._try(up, "GET", "/models", None, False)
            if resp is not None:
                await resp.aclose()
