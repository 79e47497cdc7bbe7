"""The gateway's HTTP/1.1 upstream client (aiegis_guard.gateway.h1) against a raw loopback
server that writes exact bytes: every way an answer's body may be framed (length, chunks,
end of connection), answers split at awkward places, kept-alive connections reused, a
kept-alive connection the server closed meanwhile, and the request head it sends (no user
info, no content coding). Driven through the gateway by the official ``openai`` client."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from typing import Any

import pytest

openai = pytest.importorskip("openai")
pytest.importorskip("uvicorn")
pytest.importorskip("httptools")

from tests.gateway_support import Answer, SocketUpstream, proxied  # noqa: E402

TEXT = "The balance is 1.25 ETH; nothing else to do today."
BODY = json.dumps({
    "id": "x", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": TEXT},
                 "finish_reason": "stop"}],
}).encode()  # fmt: skip
# an answer larger than the client buffers before it pauses reading (h1.HIGH_WATER)
BIG_BODY = json.dumps({**json.loads(BODY), "padding": "x" * 700_000}).encode()
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"


def _length(body: bytes = BODY, close: bool = False) -> bytes:
    extra = b"Connection: close\r\n" if close else b""
    return HEAD + extra + b"Content-Length: %d\r\n\r\n" % len(body) + body


def _chunked(body: bytes = BODY, size: int = 17) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    chunks = b"".join(b"%x;ext=1\r\n" % len(p) + p + b"\r\n" for p in parts)
    return HEAD + b"Transfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"


def _split(raw: bytes, every: int) -> list[bytes]:
    return [raw[i : i + every] for i in range(0, len(raw), every)]


class KeepAliveUpstream(SocketUpstream):
    """Answers requests on a connection with ``answers[n]()`` for its n-th request."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[Answer] = [lambda: [_length(close=True)]]

    def scripted(self) -> list[Answer]:
        return self.answers


@pytest.fixture(scope="module")
def upstream() -> Iterator[tuple[KeepAliveUpstream, Any, str]]:
    server = KeepAliveUpstream()
    with proxied(server, 0, "alice:s3cret@") as (client, url):
        yield server, client, url


def _ask(client: Any) -> str:
    reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    return str(reply.choices[0].message.content)


FRAMINGS = [
    pytest.param(lambda: [_length(close=True)], id="content-length-one-write"),
    pytest.param(lambda: _split(_length(close=True), 5), id="content-length-split-every-5-bytes"),
    pytest.param(lambda: [_chunked()], id="chunked-with-extensions"),
    pytest.param(lambda: _split(_chunked(size=3), 4), id="chunked-split-inside-chunk-sizes"),
    pytest.param(lambda: _split(HEAD + b"Connection: close\r\n\r\n" + BODY, 64),
                 id="no-length-ends-with-the-connection"),
    pytest.param(lambda: [HEAD + b"Content-Length: %d\r\n\r\n" % len(BODY), BODY[:9], BODY[9:]],
                 id="head-and-body-apart"),
    pytest.param(lambda: [b"HTTP/1.1 103 Early Hints\r\nLink: </a.css>; rel=preload\r\n\r\n",
                          _length(close=True)], id="interim-103-before-the-answer"),
    pytest.param(lambda: [_length(BIG_BODY, close=True)], id="700-kb-body"),
    pytest.param(lambda: [_chunked(BIG_BODY, 65536)], id="700-kb-chunked-body"),
]  # fmt: skip


@pytest.mark.parametrize("answer", FRAMINGS)
def test_body_framings(upstream: tuple[KeepAliveUpstream, Any, str], answer: Answer) -> None:
    """However the upstream frames or splits its answer, the agent reads the same message."""
    server, client, _ = upstream
    server.answers = [answer]
    assert _ask(client) == TEXT


def test_kept_alive_connection_reused(upstream: tuple[KeepAliveUpstream, Any, str]) -> None:
    """Three answers on one kept-alive connection: one connection to the upstream, not three."""
    server, client, _ = upstream
    server.answers = [lambda: [_length()], lambda: [_chunked()], lambda: [_length(close=True)]]
    before = server.connections
    assert [_ask(client) for _ in range(3)] == [TEXT] * 3
    assert server.connections - before == 1


def test_stale_connection_retried_fresh(upstream: tuple[KeepAliveUpstream, Any, str]) -> None:
    """A kept-alive connection the upstream hangs up on is retried once on a new connection
    (no error for the agent, even with retries = 0)."""
    server, client, _ = upstream
    server.answers = [lambda: [_length()], lambda: []]  # the second request: hung up on
    before = server.connections
    assert _ask(client) == TEXT
    server.answers = [lambda: [_length(close=True)]]
    assert _ask(client) == TEXT
    assert server.connections - before == 2


def test_request_head(upstream: tuple[KeepAliveUpstream, Any, str]) -> None:
    """The head names the host, asks for no content coding and carries the URL's user info
    only as Basic authorization, never in the clear."""
    server, client, _ = upstream
    server.answers = [lambda: [_length(close=True)]]
    _ask(client)
    head = server.heads[-1].lower()
    assert head.startswith(b"post /v1/chat/completions http/1.1\r\n")
    assert b"\r\nhost: 127.0.0.1:" in head
    assert b"\r\naccept-encoding: identity" in head
    assert b"alice" not in head and b"s3cret" not in head
    assert b"\r\nauthorization: basic " + base64.b64encode(b"alice:s3cret").lower() in head


def test_back_pressure_bounds_the_buffer() -> None:
    """An answer nobody reads yet is not buffered whole: reading from the socket pauses past
    the high-water mark and resumes as the body is consumed; every byte arrives."""
    from aiegis_guard.gateway import h1

    size = 8 * h1.HIGH_WATER

    async def main() -> tuple[bool, int, int]:
        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\r\n\r\n")
            writer.write(HEAD + b"Content-Length: %d\r\n\r\n" % size + b"x" * size)
            await writer.drain()
            writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        pool = h1.ConnectionPool(connect_timeout=5.0, read_timeout=10.0)
        resp = await pool.request("GET", f"http://127.0.0.1:{port}/big", None, {})
        for _ in range(200):  # until the client stops reading (bounded)
            if resp.transport is not None and not resp.transport.is_reading():
                break
            await asyncio.sleep(0.005)
        paused = resp.transport is not None and not resp.transport.is_reading()
        peak = resp._buffered
        got = sum([len(chunk) async for chunk in resp.chunks()])
        resp.release()
        await pool.aclose()
        server.close()
        await server.wait_closed()
        return paused, peak, got

    paused, peak, got = asyncio.run(main())
    assert paused and peak < 2 * h1.HIGH_WATER
    assert got == size


def test_dropped_answers_give_their_slots_back() -> None:
    """Streamed answers dropped without being closed (a relay that never started) give their
    connection slots back: more requests than the pool has slots still get through."""
    from aiegis_guard.config import BreakerSettings
    from aiegis_guard.gateway import h1
    from aiegis_guard.gateway.upstream import UpstreamPool

    async def main() -> int:
        writers: list[asyncio.StreamWriter] = []

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writers.append(writer)
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    size = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
                    await reader.readexactly(size)
                    writer.write(_length())
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        pool = UpstreamPool([f"http://127.0.0.1:{port}/v1"], BreakerSettings(), api_key=None,
                            timeout=5.0)  # fmt: skip
        served = 0
        async with asyncio.timeout(30):  # a leaked slot would block the 257th request
            for _ in range(300):
                _, resp = await pool.request("POST", "/chat/completions", {"n": 1}, stream=True)
                assert resp.status_code == 200
                del resp  # never read, never closed
                await asyncio.sleep(0)  # its release runs on the loop
                served += 1
        await pool.aclose()
        server.close()
        for writer in writers:
            writer.close()
        await server.wait_closed()
        return served

    assert asyncio.run(main()) == 300 > h1.LIMIT


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """A throwaway self-signed certificate for 127.0.0.1 (never a real one)."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = str(folder / "cert.pem"), str(folder / "key.pem")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
         cert, "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return cert, key


@pytest.mark.parametrize(
    ("trusted", "outcome"),
    [
        pytest.param(True, "answer", id="https-with-a-trusted-certificate"),
        pytest.param(False, "refused", id="https-with-an-unknown-certificate-refused"),
    ],
)
def test_https_upstream(tls_files: tuple[str, str], trusted: bool, outcome: str) -> None:
    """An https upstream is reached over TLS with its certificate verified: an unknown one is
    a connection failure, never a silent plain-text or unverified exchange."""
    import ssl

    from aiegis_guard.gateway import h1

    cert, key = tls_files

    async def main() -> str:
        server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_ctx.load_cert_chain(cert, key)

        async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                await reader.readuntil(b"\r\n\r\n")
                writer.write(_length(close=True))
                await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError, ssl.SSLError):
                pass
            writer.close()

        server = await asyncio.start_server(answer, "127.0.0.1", 0, ssl=server_ctx)
        port = server.sockets[0].getsockname()[1]
        pool = h1.ConnectionPool(connect_timeout=5.0, read_timeout=10.0)
        if trusted:
            pool._ssl = ssl.create_default_context(cafile=cert)
        try:
            resp = await pool.request("GET", f"https://127.0.0.1:{port}/v1/models", None, {})
            body = b"".join([chunk async for chunk in resp.chunks()])
            resp.release()
            result = "answer" if body == BODY else "wrong body"
        except ssl.SSLCertVerificationError:
            result = "refused"
        await pool.aclose()
        server.close()
        await server.wait_closed()
        return result

    assert asyncio.run(main()) == outcome
