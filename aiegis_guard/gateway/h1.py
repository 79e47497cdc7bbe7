"""A lean HTTP/1.1 client for the gateway's upstreams: keep-alive connections per origin,
responses parsed by httptools (the C parser uvicorn uses), bodies handed over chunk by chunk
with back-pressure. It does what the gateway needs and no more: no redirects, no cookies, no
proxies, no content codings (it asks for ``identity``); user info in the URL is sent as
Basic authorization. Per request it costs well under half of aiohttp's CPU (on loopback,
back to back: ~0.23 ms against ~0.53 ms, request building included).

    pool = ConnectionPool(connect_timeout=5.0, read_timeout=60.0)
    resp = await pool.request("POST", "http://127.0.0.1:8000/v1/chat/completions", body, headers)
    async for chunk in resp.chunks(): ...
    resp.release()  # back to the pool when complete and keep-alive, else closed

Every failure to connect, a connection lost before the answer is complete and an answer that
is not HTTP raise :class:`ConnectionBroken` (an ``OSError``); a read that waits longer than
``read_timeout`` raises ``TimeoutError``.
"""

from __future__ import annotations

import asyncio
import base64
import ssl
from collections import deque
from collections.abc import AsyncIterator, Mapping
from typing import cast
from urllib.parse import unquote, urlsplit

import httptools

__all__ = ["ConnectionBroken", "ConnectionPool", "Response"]

HIGH_WATER = 256 * 1024  # buffered bytes at which reading from the socket pauses
MAX_IDLE = 256  # idle keep-alive connections kept per origin
LIMIT = 256  # connections out at once (all origins); more requests wait for a slot


class ConnectionBroken(OSError):
    """The connection failed, closed early or carried something that is not HTTP/1.1."""


class Response(asyncio.Protocol):
    """One connection's protocol and, while a request is out, its answer."""

    def __init__(self, pool: ConnectionPool, origin: tuple[str, str, int]) -> None:
        self._pool = pool
        self.origin = origin
        self.transport: asyncio.Transport | None = None
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self._parser = httptools.HttpResponseParser(self)
        self._head: asyncio.Future[None] | None = None
        self._waiter: asyncio.Future[None] | None = None
        self._chunks: deque[bytes] = deque()
        self._buffered = 0
        self._paused = False
        self._complete = False
        self._keep_alive = False
        self._eof_framed = False
        self._error: Exception | None = None
        self.out = False  # a request is out on this connection (holds a pool slot)

    # --- asyncio.Protocol ------------------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)  # uvloop's is not a subclass

    def data_received(self, data: bytes) -> None:
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError:
            self._fail(ConnectionBroken("the answer is not HTTP/1.1"))
            self._close()

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        if self._complete:
            return
        if self._head is not None and self._head.done() and self._eof_framed:
            self._complete = True  # a body without length or chunks ends with the connection
            self._wake()
            return
        self._fail(ConnectionBroken("the connection closed before the answer was complete"))

    # --- httptools callbacks ---------------------------------------------------------------

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        self.status = self._parser.get_status_code()
        if 100 <= self.status < 200:  # an interim answer (103 Early Hints): the real one follows
            self.headers = []
            return
        framed = False  # by a length or by chunks (else the body ends with the connection)
        for name, value in self.headers:
            if name == b"content-length" or (
                name == b"transfer-encoding" and b"chunked" in value.lower()
            ):
                framed = True
        self._eof_framed = not framed
        if self._head is not None and not self._head.done():
            self._head.set_result(None)

    def on_body(self, body: bytes) -> None:
        self._chunks.append(body)
        self._buffered += len(body)
        if self._buffered > HIGH_WATER and not self._paused and self.transport is not None:
            self._paused = True
            self.transport.pause_reading()
        self._wake()

    def on_message_complete(self) -> None:
        if 100 <= self.status < 200:
            return
        self._complete = True
        self._keep_alive = self._parser.should_keep_alive()
        self._wake()

    # --- the request -----------------------------------------------------------------------

    def send(self, head: bytes, body: bytes) -> None:
        """Write one request (the previous answer on this connection is complete)."""
        assert self.transport is not None
        loop = asyncio.get_running_loop()
        self.status, self.headers = 0, []
        self._parser = httptools.HttpResponseParser(self)
        self._head = loop.create_future()
        self._complete = self._keep_alive = self._eof_framed = False
        self._error = None
        self._chunks.clear()
        self._buffered = 0
        self.transport.write(head + body)

    async def wait_head(self, timeout: float) -> None:
        assert self._head is not None
        async with asyncio.timeout(timeout):
            await self._head
        if self._error is not None:
            raise self._error

    async def chunks(self) -> AsyncIterator[bytes]:
        """The body as it arrives; ``TimeoutError`` when a read waits over the read timeout."""
        while True:
            if self._chunks:
                chunk = self._chunks.popleft()
                self._buffered -= len(chunk)
                if self._paused and self._buffered < HIGH_WATER // 2:
                    self._paused = False
                    if self.transport is not None:
                        self.transport.resume_reading()
                yield chunk
                continue
            if self._error is not None:
                raise self._error
            if self._complete:
                return
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                async with asyncio.timeout(self._pool.read_timeout):
                    await self._waiter
            finally:
                self._waiter = None

    def release(self) -> None:
        """Hand the connection back when its answer was read to the end, else close it
        (once: a second call does nothing)."""
        if not self.out:
            return
        self.out = False
        self._pool.slot_free()
        reusable = self._complete and self._keep_alive and not self._chunks
        if reusable and self.transport is not None and not self.transport.is_closing():
            self._pool.put_back(self)
        else:
            self._close()

    # --- internals -------------------------------------------------------------------------

    def _wake(self) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    def _fail(self, error: Exception) -> None:
        if self._error is None:
            self._error = error
        if self._head is not None and not self._head.done():
            self._head.set_exception(error)
            self._head.exception()  # retrieved: no "never retrieved" warning if unawaited
        self._wake()

    def _close(self) -> None:
        self._complete = False  # never reused
        if self.transport is not None:
            self.transport.close()


class ConnectionPool:
    """Keep-alive connections per origin (scheme, host, port)."""

    def __init__(self, *, connect_timeout: float, read_timeout: float, limit: int = LIMIT) -> None:
        self._slots = asyncio.Semaphore(limit)  # connections out at once, all origins
        self.connect_timeout = connect_timeout
        self.read_timeout = read_timeout
        self._idle: dict[tuple[str, str, int], list[Response]] = {}
        self._ssl: ssl.SSLContext | None = None
        self._origins: dict[str, tuple[tuple[str, str, int], str, str, str]] = {}

    async def request(
        self, method: str, url: str, body: bytes | None, headers: Mapping[str, str]
    ) -> Response:
        """Send a request and return once the answer's head is in (read its body, then
        :meth:`Response.release` it)."""
        origin, host, target, auth = self._split(url)
        data = body or b""
        lines = [f"{method} {target} HTTP/1.1", f"Host: {host}"]
        lines += [f"{name}: {value}" for name, value in headers.items()]
        if auth and "Authorization" not in headers:  # the API key, when set, wins
            lines.append(f"Authorization: {auth}")
        if body is not None or method in ("POST", "PUT", "PATCH"):
            lines.append(f"Content-Length: {len(data)}")
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        conn, reused = await self._open(origin)
        try:
            return await self._send(conn, head, data)
        except ConnectionBroken:
            if not reused:
                raise
        # a kept-alive connection the server had closed meanwhile: one try on a fresh one
        conn, _ = await self._open(origin, fresh=True)
        return await self._send(conn, head, data)

    async def _send(self, conn: Response, head: bytes, data: bytes) -> Response:
        try:  # an answer that fails before its head closes the connection
            conn.send(head, data)
            await conn.wait_head(self.read_timeout)
        except BaseException:
            conn.release()
            raise
        return conn

    async def _open(
        self, origin: tuple[str, str, int], *, fresh: bool = False
    ) -> tuple[Response, bool]:
        """A connection for one request, holding one of the ``limit`` slots until released."""
        await self._slots.acquire()
        try:
            conn, reused = await self._connection(origin, fresh=fresh)
        except BaseException:
            self._slots.release()
            raise
        conn.out = True
        return conn, reused

    def slot_free(self) -> None:
        self._slots.release()

    def put_back(self, conn: Response) -> None:
        idle = self._idle.setdefault(conn.origin, [])
        if len(idle) < MAX_IDLE:
            idle.append(conn)
        elif conn.transport is not None:
            conn.transport.close()

    async def aclose(self) -> None:
        for idle in self._idle.values():
            for conn in idle:
                if conn.transport is not None:
                    conn.transport.close()
        self._idle.clear()

    def _split(self, url: str) -> tuple[tuple[str, str, int], str, str, str]:
        """(origin, Host header, request target, Basic authorization from the URL's user
        info or "") of ``url``."""
        found = self._origins.get(url)
        if found is None:
            parts = urlsplit(url)
            scheme, hostname = parts.scheme, parts.hostname or ""
            if scheme not in ("http", "https") or not hostname:
                raise ConnectionBroken(f"not an http(s) URL: {scheme}://")
            port = parts.port or (443 if scheme == "https" else 80)
            host = parts.netloc.rpartition("@")[2]  # never the user info
            if not host.isascii():
                host = hostname.encode("idna").decode("ascii") + (f":{port}" if parts.port else "")
            target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            auth = ""
            if parts.username is not None:
                user = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
                auth = "Basic " + base64.b64encode(user.encode()).decode("ascii")
            found = ((scheme, hostname, port), host, target, auth)
            if len(self._origins) < 1024:
                self._origins[url] = found
        return found

    async def _connection(
        self, origin: tuple[str, str, int], *, fresh: bool = False
    ) -> tuple[Response, bool]:
        """An idle connection to ``origin`` (True: reused) or a new one."""
        idle = None if fresh else self._idle.get(origin)
        while idle:
            conn = idle.pop()
            if conn.transport is not None and not conn.transport.is_closing():
                return conn, True
        scheme, host, port = origin
        context = None
        if scheme == "https":
            if self._ssl is None:
                self._ssl = ssl.create_default_context()
            context = self._ssl
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(self.connect_timeout):
                _, conn = await loop.create_connection(
                    lambda: Response(self, origin), host, port, ssl=context
                )
        except TimeoutError:
            raise ConnectionBroken(f"no connection within {self.connect_timeout:.0f}s") from None
        return conn, False
