"""The gateway's upstream client (gateway.h1) against a raw loopback HTTP server that writes exact
bytes — answers split at awkward places, CRLF / CR line endings, bodies that break off or are
too large, lines that never end — driven by the official ``openai`` client; and the gateway's
JSON reader, which must give the same answers with or without orjson."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

openai = pytest.importorskip("openai")
pytest.importorskip("uvicorn")
pytest.importorskip("httptools")

from aiegis_guard.config import parse_config  # noqa: E402
from aiegis_guard.gateway import upstream as upstream_mod  # noqa: E402
from aiegis_guard.gateway import wire  # noqa: E402
from aiegis_guard.gateway.app import build_gateway, create_app  # noqa: E402
from aiegis_guard.jsontext import JSONDepthError  # noqa: E402
from tests.gateway_support import Answer, SocketUpstream, proxied, serve  # noqa: E402

JSON = b"application/json"
BIG = 123456789012345678901234567890


def _sse(*events: dict[str, Any], newline: bytes = b"\n", indent: int | None = None) -> bytes:
    """SSE bytes; with ``indent`` each event's JSON spans several ``data:`` lines."""
    out = b""
    for event in events:
        lines = json.dumps(event, indent=indent, ensure_ascii=False).encode().split(b"\n")
        out += b"".join(b"data: " + line + newline for line in lines) + newline
    return out + b"data: [DONE]" + newline + newline


def _after_each_cr(raw: bytes) -> list[bytes]:
    return [part + b"\r" for part in raw.split(b"\r")[:-1]] + [raw.split(b"\r")[-1]]


def _delta(text: str = "", finish: str | None = None) -> dict[str, Any]:
    delta = {"content": text} if text else {}
    return {"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}  # fmt: skip


def _http(body: bytes, *, ctype: bytes = b"text/event-stream", length: int | None = None) -> bytes:
    size = len(body) if length is None else length
    head = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\nContent-Length: %d\r\n" % size
    return head + b"Connection: close\r\n\r\n" + body


def _split(raw: bytes, every: int) -> list[bytes]:
    return [raw[i : i + every] for i in range(0, len(raw), every)]


class RawUpstream(SocketUpstream):
    """Reads one request per connection, writes ``script()``'s fragments, closes."""

    def __init__(self) -> None:
        super().__init__()
        self.script: Answer = lambda: [b""]

    def scripted(self) -> list[Answer]:
        return [self.script]


@pytest.fixture(scope="module")
def raw() -> Iterator[tuple[RawUpstream, Any, str]]:
    server = RawUpstream()
    with proxied(server, 1) as (client, url):
        yield server, client, url


TEXT = "The balance is 1.25 ETH; nothing else to do today."
EVENTS = [_delta("The balance is "), _delta("1.25 ETH; nothing "), _delta("else to do today."),
          _delta(finish="stop")]  # fmt: skip
FRAMINGS = [
    pytest.param(lambda: [_http(_sse(*EVENTS))], TEXT, id="lf-one-write"),
    pytest.param(lambda: _split(_http(_sse(*EVENTS)), 7), TEXT, id="lf-split-every-7-bytes"),
    pytest.param(lambda: _split(_http(_sse(*EVENTS, newline=b"\r\n")), 5), TEXT,
                 id="crlf-split-inside-line-endings"),
    pytest.param(lambda: _split(_http(_sse(*EVENTS, newline=b"\r")), 11), TEXT,
                 id="bare-cr-endings"),
    pytest.param(lambda: _split(_http(_sse(*EVENTS).replace(b"ETH", "Ξ€".encode())), 3),
                 TEXT.replace("ETH", "Ξ€"), id="utf8-split-mid-character"),
    pytest.param(lambda: _after_each_cr(_http(_sse(*EVENTS, newline=b"\r\n", indent=1))), TEXT,
                 id="multiline-event-crlf-split-between-cr-and-lf"),
    pytest.param(lambda: _split(_http(_sse(*EVENTS).replace(b"ETH", "E\u2028T\x85H".encode())), 4),
                 TEXT.replace("ETH", "E\u2028T\x85H"), id="unicode-line-separators-inside-json"),
]  # fmt: skip


@pytest.mark.parametrize(("script", "text"), FRAMINGS)
def test_stream_framings(raw: tuple[RawUpstream, Any, str], script: Answer, text: str) -> None:
    """However the upstream's SSE bytes are split or ended, the agent gets the same text."""
    server, client, _ = raw
    server.script = script
    stream = client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}],
                                            stream=True)  # fmt: skip
    assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == text


COMPLETION = json.dumps({
    "id": "x", "object": "chat.completion", "created": 1, "model": "m",
    "choices": [{"index": 0, "message": {"role": "assistant", "content": TEXT},
                 "finish_reason": "stop"}],
}).encode()  # fmt: skip
FAILURES = [
    pytest.param(lambda: [_http(COMPLETION[:40], ctype=JSON, length=900)], False,
                 502, "upstream_failed", id="body-breaks-off-retried-then-502"),
    pytest.param(lambda: [b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                          b"Transfer-Encoding: Chunked\r\n\r\n%x\r\n" % len(COMPLETION)
                          + COMPLETION[:40]], False, 502, "upstream_failed",
                 id="chunked-any-case-breaks-off-retried-then-502"),
    pytest.param(lambda: [_http(b'{"choices": [' + b"1," * 2000 + b"1]}", ctype=JSON)], False,
                 502, "upstream_too_large", id="body-over-limit-502"),
    pytest.param(lambda: [b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\ndata: {",
                          b"x" * 3000], True, 200, "upstream_stream_broken",
                 id="sse-line-never-ends"),
    pytest.param(lambda: [b"not http at all\r\n\r\n"], False, 502, "upstream_failed",
                 id="garbage-instead-of-http"),
]  # fmt: skip


@pytest.mark.parametrize(("script", "stream", "status", "kind"), FAILURES)
def test_upstream_failures(  # noqa: PLR0917 - one argument per column of the vector table
    raw: tuple[RawUpstream, Any, str],
    monkeypatch: pytest.MonkeyPatch,
    script: Answer,
    stream: bool,
    status: int,
    kind: str,
) -> None:
    """A broken, oversized or unframed answer is a clear error naming what went wrong."""
    server, _, url = raw
    server.script = script
    monkeypatch.setattr(upstream_mod, "MAX_UPSTREAM_BYTES", 2048)
    monkeypatch.setattr("aiegis_guard.gateway.stream.MAX_EVENT_BYTES", 1024)
    before = server.connections
    body = {"model": "m", "stream": stream, "messages": [{"role": "user", "content": "hi"}]}
    resp = httpx.post(f"{url}/v1/chat/completions", json=body, timeout=30)
    assert resp.status_code == status
    assert kind in resp.text and "Traceback" not in resp.text
    if kind == "upstream_failed":
        assert server.connections - before == 2  # retried once (retries = 1)


def test_upstream_cookies_not_replayed(raw: tuple[RawUpstream, Any, str]) -> None:
    """A cookie the upstream sets for one agent's request is never sent with the next one."""
    server = raw[0]
    body = _sse(*EVENTS)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nSet-Cookie: sid=agent-a\r\n"
    server.script = lambda: [head + b"Content-Length: %d\r\n\r\n" % len(body) + body]
    # a host name, not an IP: cookie jars keep cookies only for names
    url = f"http://localhost:{server.server_address[1]}/v1"
    config = parse_config({"ledger": {"backend": "memory"}})
    gw = build_gateway(config, upstreams=[url], classifier=False)
    with serve(create_app(gw, heartbeats=False)) as running:
        client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="unused", max_retries=0)
        for _ in range(2):
            stream = client.chat.completions.create(
                model="m", messages=[{"role": "user", "content": "hi"}], stream=True
            )
            assert "".join(c.choices[0].delta.content or "" for c in stream if c.choices) == TEXT
    assert b"agent-a" not in server.heads[-1].lower()
    assert b"\r\ncookie:" not in server.heads[-1].lower()


LOADS = [
    pytest.param(b'{"value": %d}' % BIG, {"value": BIG}, id="integer-over-64-bits-exact"),
    pytest.param(b'{"value": 18446744073709551615}', {"value": 2**64 - 1}, id="u64-max-exact"),
    pytest.param(b'{"a": "0x52908400098527886E0F7030069857D2E4169EE7", "b": [1.5, true, null]}',
                 {"a": "0x52908400098527886E0F7030069857D2E4169EE7", "b": [1.5, True, None]},
                 id="ordinary-body"),
    pytest.param(b'{"t": "\\ud800"}', {"t": "\ud800"}, id="lone-surrogate-as-json-reads-it"),
]  # fmt: skip


@pytest.mark.parametrize(("raw_body", "expected"), LOADS)
def test_loads_same_as_json(raw_body: bytes, expected: Any) -> None:
    """The gateway's JSON reader gives exactly what ``json`` gives (no float for a big int)."""
    got = wire.loads(raw_body)
    assert got == expected == json.loads(raw_body)
    assert type(got.get("value", 0)) is int


BAD = [
    pytest.param(b"[" * 300 + b"]" * 300, JSONDepthError, id="deep-nesting-refused"),
    pytest.param(b'{"a": 1', ValueError, id="truncated"),
    pytest.param(b'{"a": "\xff"}', UnicodeDecodeError, id="not-utf8"),
]  # fmt: skip


@pytest.mark.parametrize(("raw_body", "error"), BAD)
def test_loads_refuses_like_json(raw_body: bytes, error: type[Exception]) -> None:
    """Malformed bodies raise the same error types as without orjson."""
    with pytest.raises(error):
        wire.loads(raw_body)


def test_dumps_round_trips_big_integers() -> None:
    """A wei amount over 64 bits is written exactly (orjson cannot: json takes over)."""
    body = {"value": 2**200, "text": "é"}
    assert json.loads(wire.dumps(body)) == body
