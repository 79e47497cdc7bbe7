"""OpenAI-compatible upstreams in failover order, each behind a circuit breaker.

A request goes to the first upstream whose breaker lets it through; a connection error, a
timeout, a 5xx or a 429 counts as a failure and is retried on the same upstream after
``base * 2**n + random(0, base)`` seconds (capped), up to ``retries`` times, then the next
upstream is tried. Other 4xx answers are the client's problem and pass through. When every
breaker is open the pool raises :class:`AllUpstreamsDown` with the seconds until the first
half-open probe (the app answers 503 with ``Retry-After``).

The HTTP client is :mod:`.h1` (keep-alive HTTP/1.1 parsed by httptools, one pool per
gateway): well under half of aiohttp's CPU per request.
No redirects are followed, no cookies kept, no proxy used.
A non-streamed answer is read (bounded) before it counts as a success, so a body that breaks
off is retried like any other failure.

The upstream API key comes from the environment only and is sent as a bearer token; it is
never logged, and URLs are shown without credentials or query.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import random
import re
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

from aiegis_guard.config import BreakerSettings
from aiegis_guard.gateway.breaker import BreakerState, CircuitBreaker, Transition, backoff_delay
from aiegis_guard.gateway.h1 import ConnectionPool, Response
from aiegis_guard.gateway.wire import dumps

__all__ = [
    "MAX_UPSTREAM_BYTES",
    "AllUpstreamsDown",
    "Upstream",
    "UpstreamBroken",
    "UpstreamFailed",
    "UpstreamPool",
    "UpstreamResponse",
    "UpstreamTooLarge",
    "display_url",
]

MAX_UPSTREAM_BYTES = 32 * 1024 * 1024
_TRANSPORT_ERRORS = (TimeoutError, OSError)  # h1.ConnectionBroken and ssl.SSLError included
_EOL = re.compile(r"\r\n|\r|\n")


class AllUpstreamsDown(Exception):
    """Every upstream's breaker is open."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = retry_after
        super().__init__(f"every upstream is unavailable; retry after {retry_after:.0f}s")


class UpstreamFailed(Exception):
    """Every available upstream failed this request (after retries)."""


class UpstreamBroken(Exception):
    """An answer broke off while it was read (connection lost, timeout, bad framing)."""


class UpstreamTooLarge(Exception):
    """An answer is larger than :data:`MAX_UPSTREAM_BYTES`."""


def display_url(url: str) -> str:
    """``scheme://host:port/path``: no user info, no query (they may hold credentials)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/")


class UpstreamResponse:
    """One upstream answer: its status, its body (bounded) or its lines; close it when done."""

    def __init__(self, resp: Response, body: bytes | None = None) -> None:
        self._resp = resp
        self._body = body
        self.status_code = resp.status
        self._loop = asyncio.get_running_loop()
        self._open = True

    def __del__(self) -> None:
        # dropped without being closed (a stream whose relay never started): the connection
        # and its pool slot go back, on the loop's thread
        if self._open and not self._loop.is_closed():
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                self._loop.call_soon_threadsafe(self._resp.release)

    async def read(self) -> bytes:
        """The whole body; :class:`UpstreamTooLarge` over :data:`MAX_UPSTREAM_BYTES`,
        :class:`UpstreamBroken` when it breaks off."""
        if self._body is not None:
            return self._body
        chunks, size, limit = [], 0, MAX_UPSTREAM_BYTES
        try:
            async for chunk in self._resp.chunks():
                size += len(chunk)
                if size > limit:
                    raise UpstreamTooLarge("the upstream answer is too large")
                chunks.append(chunk)
        except _TRANSPORT_ERRORS as exc:
            raise UpstreamBroken(type(exc).__name__) from None
        self._body = b"".join(chunks)
        return self._body

    async def lines(self, max_line: int) -> AsyncIterator[str]:
        """The body as text lines (ended by ``\\n``, ``\\r\\n`` or ``\\r`` only, as SSE says),
        none longer than ``max_line`` characters (:class:`UpstreamBroken` otherwise)."""
        pending, after_cr = "", False
        decoder = codecs.getincrementaldecoder("utf-8")("replace")  # a character may straddle
        try:
            async for chunk in self._resp.chunks():
                text = decoder.decode(chunk)
                if after_cr and text:  # the LF of a CRLF split between two chunks
                    after_cr, text = False, text.removeprefix("\n")
                if not text:
                    continue
                after_cr = text.endswith("\r")
                *complete, pending = _EOL.split(pending + text)
                if len(pending) > max_line:
                    raise UpstreamBroken("an SSE line is too long")
                for line in complete:
                    yield line
        except _TRANSPORT_ERRORS as exc:
            raise UpstreamBroken(type(exc).__name__) from None
        pending += decoder.decode(b"", final=True)
        if pending:
            yield pending

    def release(self) -> None:
        """Hand the connection back (kept alive when the answer was read to its end)."""
        self._open = False
        self._resp.release()

    async def aclose(self) -> None:
        self.release()


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
        if api_key is not None and not api_key.isprintable():
            raise ValueError("the upstream API key holds control characters")
        base = {"User-Agent": "aiegis-guard", "Accept": "*/*", "Accept-Encoding": "identity"}
        self._headers = {**base, "Authorization": f"Bearer {api_key}"} if api_key else base
        self._json_headers = {**self._headers, "Content-Type": "application/json"}
        self._sleep = sleep
        self._rand = rand
        # no cookie jar at all: one agent's cookies never reach another's
        self.client = ConnectionPool(connect_timeout=min(timeout, 5.0), read_timeout=timeout)

    def all_open(self) -> bool:
        return all(u.breaker.state is BreakerState.OPEN for u in self.upstreams)

    def states(self) -> dict[str, str]:
        return {u.name: u.breaker.state.value for u in self.upstreams}

    async def aclose(self) -> None:
        await self.client.aclose()

    async def request(
        self, method: str, path: str, body: Any = None, *, stream: bool = False
    ) -> tuple[Upstream, UpstreamResponse]:
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
    ) -> tuple[UpstreamResponse | None, str]:
        started = time.monotonic()
        data = None if body is None else dumps(body)
        try:
            resp = await self.client.request(
                method,
                f"{up.url}{path}",
                data,
                self._headers if data is None else self._json_headers,
            )
        except _TRANSPORT_ERRORS as exc:
            up.breaker.record(False, time.monotonic() - started)
            return None, f"{up.name}: {type(exc).__name__}"
        if resp.status >= 500 or resp.status == 429:
            up.breaker.record(False, time.monotonic() - started)
            resp.release()
            return None, f"{up.name}: HTTP {resp.status}"
        answer = UpstreamResponse(resp)
        if not stream or not 200 <= resp.status < 300:  # a 2xx stream is read as it comes
            try:
                await answer.read()
            except UpstreamBroken as exc:
                answer.release()
                up.breaker.record(False, time.monotonic() - started)
                return None, f"{up.name}: {exc}"
            except UpstreamTooLarge:  # the upstream is up: the answer is the problem
                answer.release()
                up.breaker.record(True, time.monotonic() - started)
                raise
            except BaseException:  # cancelled (the client went away): free the connection
                answer.release()
                raise
        up.breaker.record(True, time.monotonic() - started)
        return answer, ""

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
