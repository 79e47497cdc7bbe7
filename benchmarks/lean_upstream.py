"""The benchmark's scripted OpenAI-compatible upstream: a plain ASGI app with precomputed
answers on uvicorn (uvloop + httptools when installed), lean so that it is not what
``bench_gateway.py`` measures. Non-streaming: fresh text plus a tool call; streaming: the text
in 8 deltas, then the tool call in deltas. Loopback only.

    python benchmarks/lean_upstream.py PORT
"""

from __future__ import annotations

import json
import sys
from typing import Any

REPLY = "Checking the current USDC price before paying invoice #%06d. One moment please."
CALL = {"name": "get_price", "arguments": json.dumps({"symbol": "USDC", "currency": "USD"})}


def _chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
    body = {
        "id": "chatcmpl-bench",
        "object": "chat.completion.chunk",
        "created": 1_700_000_000,
        "model": "scripted",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


def _completion() -> bytes:
    call = {"id": "call_1", "type": "function", "function": CALL}
    message = {"role": "assistant", "content": REPLY, "tool_calls": [call]}
    completion = {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 1_700_000_000,
        "model": "scripted",
        "usage": {"prompt_tokens": 90, "completion_tokens": 30, "total_tokens": 120},
        "choices": [{"index": 0, "message": message, "finish_reason": "tool_calls"}],
    }
    return json.dumps(completion).encode()


def _events(n: int) -> list[bytes]:
    """The streamed answer: text in 8 deltas, then the tool call in deltas."""
    text = REPLY % n
    step = len(text) // 8 + 1
    events = [_chunk({"role": "assistant", "content": ""})]
    events += [_chunk({"content": text[i : i + step]}) for i in range(0, len(text), step)]
    args = CALL["arguments"]
    head = {"index": 0, "id": "call_1", "type": "function", "function": {"name": CALL["name"]}}
    events.append(_chunk({"tool_calls": [head]}))
    events += [
        _chunk({"tool_calls": [{"index": 0, "function": {"arguments": args[j : j + 12]}}]})
        for j in range(0, len(args), 12)
    ]
    return [*events, _chunk({}, "tool_calls"), b"data: [DONE]\n\n"]


def run_upstream(port: int) -> None:
    """The scripted upstream (a child process of the benchmark): lean, so it is not what the
    benchmark measures."""
    import uvicorn

    before, after = _completion().split(b"#%06d")  # each answer's text is new (no memo hit)
    models = json.dumps({"object": "list", "data": [{"id": "scripted", "object": "model"}]})
    answered = 0
    json_headers = [(b"content-type", b"application/json")]
    sse_headers = [(b"content-type", b"text/event-stream")]

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        nonlocal answered
        if scope["type"] != "http":
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
        if scope["path"].endswith("/models"):
            await send({"type": "http.response.start", "status": 200, "headers": json_headers})
            await send({"type": "http.response.body", "body": models.encode()})
            return
        stream = json.loads(body).get("stream") is True
        answered += 1
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": sse_headers if stream else json_headers,
            }
        )
        if not stream:
            completion = before + b"#%06d" % answered + after
            await send({"type": "http.response.body", "body": completion})
            return
        for event in _events(answered):
            await send({"type": "http.response.body", "body": event, "more_body": True})
        await send({"type": "http.response.body", "body": b""})

    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="off"
    )


if __name__ == "__main__":
    run_upstream(int(sys.argv[1]))
