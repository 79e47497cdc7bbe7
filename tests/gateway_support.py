"""The scripted upstream and the loopback server runner live in ``examples/scripted_upstream.py``
(the demo and the benchmark use them too); :class:`SocketUpstream` writes raw HTTP bytes in
scripted fragments, for framings no real server would produce."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import openai
from scripted_upstream import Reply, Running, ScriptedUpstream, serve

from aiegis_guard.config import parse_config
from aiegis_guard.gateway.app import build_gateway, create_app

__all__ = [
    "Answer",
    "Reply",
    "Running",
    "ScriptedUpstream",
    "SocketUpstream",
    "proxied",
    "serve",
]

Answer = Callable[[], list[bytes]]  # the fragments one answer is written in; [] = hang up


class SocketUpstream(socketserver.ThreadingTCPServer):
    """Answers the requests on a connection with ``scripted()[n]()`` for its n-th request; after
    the last scripted answer (or an empty one) it closes the connection. Each request's head is
    kept in ``heads``, as received."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0
        self.heads: list[bytes] = []

    def scripted(self) -> list[Answer]:
        raise NotImplementedError


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server: SocketUpstream = self.server  # type: ignore[assignment]
        server.connections += 1
        sock: socket.socket = self.request
        sock.settimeout(10)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        data = b""
        for answer in server.scripted():
            while b"\r\n\r\n" not in data:
                more = sock.recv(65536)
                if not more:
                    return
                data += more
            head, _, data = data.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            while len(data) < length:
                data += sock.recv(65536)
            data = data[length:]
            server.heads.append(head)
            fragments = answer()
            if not fragments:
                return  # hang up without answering
            for fragment in fragments:
                sock.sendall(fragment)
                time.sleep(0.002)  # separate TCP segments: the client sees the split


@contextmanager
def proxied(
    server: SocketUpstream, retries: int, userinfo: str = ""
) -> Iterator[tuple[openai.OpenAI, str]]:
    """``server`` answering in a thread behind a gateway on loopback (breaker open to
    ``retries`` retries, never tripping): the official client and the gateway's URL. The
    upstream URL may carry ``userinfo`` (``"alice:s3cret@"``)."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
    config = parse_config({
        "ledger": {"backend": "memory"},
        "gateway": {"breaker": {"retries": retries, "backoff_base": 0.0, "min_calls": 1000}},
    })  # fmt: skip
    url = f"http://{userinfo}127.0.0.1:{server.server_address[1]}/v1"
    gw = build_gateway(config, upstreams=[url], classifier=False)
    try:
        with serve(create_app(gw, heartbeats=False)) as running:
            yield (
                openai.OpenAI(base_url=f"{running.url}/v1", api_key="unused", max_retries=0),
                (running.url),
            )
    finally:
        server.shutdown()
        server.server_close()
