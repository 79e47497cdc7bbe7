"""A scripted OpenAI-compatible upstream on a real uvicorn server (loopback), for the gateway
demo, tests and benchmark: it plays a model whose answers (text, tool calls, SSE streams,
errors, slowness, broken streams) are queued by the caller. ``serve(app)`` runs any ASGI app
on a free 127.0.0.1 port in a thread. No network beyond loopback; every wait is bounded."""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp


@dataclass
class Reply:
    """One scripted upstream answer."""

    content: str = ""
    tool_calls: list[tuple[str, Any]] = field(default_factory=list)  # (name, arguments)
    status: int = 200
    delay: float = 0.0
    broken: str = ""  # "json": malformed event; "cut": ends without [DONE]; "error": error event
    chunk: int = 7  # characters per streamed text delta


class ScriptedUpstream:
    """Serves ``replies`` in order (the last one repeats); records every request body."""

    def __init__(self, name: str = "up") -> None:
        self.name = name
        self.replies: deque[Reply] = deque()
        self.default = Reply(content="ok")
        self.requests: list[dict[str, Any]] = []
        self.auth: list[str] = []  # Authorization headers received
        self.app = Starlette(
            routes=[
                Route("/v1/chat/completions", self.chat, methods=["POST"]),
                Route("/v1/models", self.models, methods=["GET"]),
            ]
        )

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)

    def _next(self) -> Reply:
        return self.replies.popleft() if self.replies else self.default

    async def models(self, request: Request) -> Response:
        if self.default.status >= 500:
            return JSONResponse({"error": {"message": "down"}}, status_code=self.default.status)
        return JSONResponse({"object": "list", "data": [{"id": "scripted", "object": "model"}]})

    async def chat(self, request: Request) -> Response:
        body = await request.json()
        self.requests.append(body)
        self.auth.append(request.headers.get("authorization", ""))
        reply = self._next()
        if reply.delay:
            await asyncio.sleep(reply.delay)
        if reply.status != 200:
            return JSONResponse({"error": {"message": "scripted failure"}}, reply.status)
        if body.get("stream"):
            return StreamingResponse(_sse(reply), media_type="text/event-stream")
        return JSONResponse(_completion(reply))


def _calls(reply: Reply) -> list[dict[str, Any]]:
    return [
        {
            "id": f"call_{i}",
            "type": "function",
            "function": {
                "name": name,
                "arguments": args if isinstance(args, str) else json.dumps(args),
            },
        }
        for i, (name, args) in enumerate(reply.tool_calls)
    ]


def _completion(reply: Reply) -> dict[str, Any]:
    msg: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
    if reply.tool_calls:
        msg["tool_calls"] = _calls(reply)
    finish = "tool_calls" if reply.tool_calls else "stop"
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "scripted",
        "choices": [{"index": 0, "message": msg, "finish_reason": finish}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _chunk(delta: dict[str, Any], finish: str | None = None) -> str:
    body = {
        "id": "chatcmpl-scripted",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "scripted",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n"


async def _sse(reply: Reply) -> Any:
    yield _chunk({"role": "assistant", "content": ""})
    text = reply.content
    for i in range(0, len(text), reply.chunk):
        yield _chunk({"content": text[i : i + reply.chunk]})
    if reply.broken == "json":
        yield "data: {not json\n\n"
        return
    if reply.broken == "error":
        yield 'data: {"error": {"message": "overloaded"}}\n\n'
        return
    for i, call in enumerate(_calls(reply)):
        args = call["function"]["arguments"]
        head = {"index": i, "id": call["id"], "type": "function"}
        yield _chunk({"tool_calls": [{**head, "function": {"name": call["function"]["name"]}}]})
        for j in range(0, len(args), 5):
            yield _chunk({"tool_calls": [{"index": i, "function": {"arguments": args[j : j + 5]}}]})
    if reply.broken == "cut":
        return
    yield _chunk({}, "tool_calls" if reply.tool_calls else "stop")
    yield "data: [DONE]\n\n"


@dataclass
class Running:
    server: uvicorn.Server
    thread: threading.Thread
    port: int

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def serve(app: ASGIApp, *, lifespan: str = "on") -> Iterator[Running]:
    """Run ``app`` with uvicorn on a free loopback port in a thread; stopped on exit."""
    config = uvicorn.Config(
        app, host="127.0.0.1", port=0, log_level="warning", lifespan=lifespan, access_log=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.01)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Running(server, thread, port)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
