"""Streaming chat completions (SSE): tool calls held until complete and judged; text gated.

Per choice, text deltas go through a :class:`TextGate` — one per model-text field (``content``,
``refusal``, ``reasoning_content``, ``audio.transcript``...): nothing that could still be a
secret is emitted; secrets are withheld —, tool-call deltas (``tool_calls`` and the legacy
``function_call``) are accumulated and emitted only once the
choice finishes and each call was judged — as one chunk of the calls that passed, after the
text saying what was withheld. An upstream stream that breaks off, sends malformed JSON or
ends without finishing ends with an ``error`` event: held tool calls are never emitted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.responses import Response, StreamingResponse

from aiegis_guard.findings import Source
from aiegis_guard.gateway.forward import decision, read_body, send_upstream
from aiegis_guard.gateway.modeltext import DeltaGates, apply_calls, with_legacy
from aiegis_guard.gateway.textgate import TextGate
from aiegis_guard.gateway.upstream import Upstream, UpstreamBroken, UpstreamResponse
from aiegis_guard.gateway.wire import dumps, loads

if TYPE_CHECKING:
    from aiegis_guard.gateway.context import Gateway

__all__ = ["stream_completions"]

MAX_EVENT_BYTES = 4 * 1024 * 1024


class BrokenStream(Exception):
    """The upstream's SSE stream is not what it should be."""


@dataclass
class _Choice:
    gates: DeltaGates
    calls: dict[int, dict[str, Any]] = field(default_factory=dict)
    legacy: dict[str, Any] | None = None  # the legacy ``function_call``, accumulated
    done: bool = False


def _sse(data: Any) -> bytes:
    return b"data: " + dumps(data) + b"\n\n"


async def _events(lines: AsyncIterator[str]) -> AsyncIterator[str]:
    """``data`` payloads of an SSE stream (multi-line data joined; comments skipped)."""
    data: list[str] = []
    size = 0
    async for line in lines:
        if line == "":
            if data:
                yield "\n".join(data)
            data, size = [], 0
            continue
        if line.startswith("data:"):
            chunk = line[5:].removeprefix(" ")
            size += len(chunk)
            if size > MAX_EVENT_BYTES:
                raise BrokenStream("an SSE event is too large")
            data.append(chunk)
    if data:
        yield "\n".join(data)


class Relay:
    """Turns the upstream's chunks into the chunks the agent may see."""

    def __init__(self, gw: Gateway, conv: str) -> None:
        self.gw = gw
        self.conv = conv
        self.choices: dict[int, _Choice] = {}
        self.template: dict[str, Any] = {}
        self.decisions: list[dict[str, Any]] = []

    def _choice(self, index: int) -> _Choice:
        if index not in self.choices:
            judge = self.gw.guard.check_text

            def gate() -> TextGate:
                return TextGate(lambda t: judge(t, source=Source.LLM_OUTPUT))

            self.choices[index] = _Choice(DeltaGates(gate))
        return self.choices[index]

    def _chunk(self, index: int, delta: dict[str, Any], finish: str | None = None) -> bytes:
        choice = {"index": index, "delta": delta, "finish_reason": finish}
        return _sse({**self.template, "choices": [choice]})

    async def feed(self, chunk: Any) -> list[bytes]:
        if not isinstance(chunk, dict):
            raise BrokenStream("an SSE event is not a JSON object")
        if chunk.get("error") is not None:
            raise BrokenStream("the upstream sent an error event")
        choices = chunk.get("choices")
        self.template = {k: v for k, v in chunk.items() if k not in ("choices", "usage")}
        if not isinstance(choices, list) or not choices:
            return [_sse(chunk)]  # usage-only and other choice-less chunks pass as they are
        out: list[bytes] = []
        for raw in choices:
            if not isinstance(raw, dict) or not isinstance(raw.get("index", 0), int):
                raise BrokenStream("a chunk choice is malformed")
            out += await self._feed_choice(raw)
        return out

    async def _feed_choice(self, raw: dict[str, Any]) -> list[bytes]:
        index = raw.get("index", 0)
        state = self._choice(index)
        got = raw.get("delta")
        delta: dict[str, Any] = got if isinstance(got, dict) else {}
        passed = state.gates.push(delta)  # every model-text field gated, calls held
        for call in delta.get("tool_calls") or ():
            _accumulate(state.calls, call)
        if delta.get("function_call") is not None:
            if state.legacy is None:
                state.legacy = {"type": "function", "function": {}}
            _add_function(state.legacy, delta["function_call"])
        out = [self._chunk(index, passed)] if passed else []
        if raw.get("finish_reason") is not None:
            out += await self._finish(index, state, str(raw["finish_reason"]))
        return out

    async def _finish(self, index: int, state: _Choice, reason: str) -> list[bytes]:
        state.done = True
        held = state.gates.flush()
        msg: dict[str, Any] = {"content": held.pop("content", "")}
        calls = [state.calls[i] for i in sorted(state.calls)]
        legacy = state.legacy
        if calls or legacy is not None:
            outcomes = await self.gw.judge.judge_calls(with_legacy(calls, legacy), self.conv)
            self.decisions += [decision(o) for o in outcomes]
            if legacy is not None:
                msg["function_call"] = legacy["function"]
            kept = apply_calls(msg, calls, legacy, outcomes)
            if not kept and reason in ("tool_calls", "function_call"):
                reason = "stop"
        out = [self._chunk(index, held)] if held else []
        if msg.get("content"):
            out.append(self._chunk(index, {"content": msg["content"]}))
        if msg.get("tool_calls"):
            indexed = [{"index": i, **c} for i, c in enumerate(msg["tool_calls"])]
            out.append(self._chunk(index, {"tool_calls": indexed}))
        if msg.get("function_call"):
            out.append(self._chunk(index, {"function_call": msg["function_call"]}))
        out.append(self._chunk(index, {}, reason))
        return out

    async def finish(self) -> list[bytes]:
        """[DONE]: choices the upstream never finished are finished (judged) now."""
        out: list[bytes] = []
        for index, state in sorted(self.choices.items()):
            if not state.done:
                out += await self._finish(index, state, "stop")
        return out


def _accumulate(calls: dict[int, dict[str, Any]], delta: Any) -> None:
    if not isinstance(delta, dict) or not isinstance(delta.get("index", 0), int):
        raise BrokenStream("a tool-call delta is malformed")
    call = calls.setdefault(delta.get("index", 0), {"type": "function", "function": {}})
    if delta.get("id"):
        call["id"] = delta["id"]
    _add_function(call, delta.get("function"))


def _add_function(call: dict[str, Any], got: Any) -> None:
    """Append a delta's ``name`` / ``arguments`` pieces to the call being accumulated."""
    if got is not None and not isinstance(got, dict):
        raise BrokenStream("a function-call delta is malformed")
    fn: dict[str, Any] = got or {}
    for key in ("name", "arguments"):
        if isinstance(fn.get(key), str):
            call["function"][key] = call["function"].get(key, "") + fn[key]


def _error(message: str) -> bytes:
    return _sse({"error": {"message": message, "type": "upstream_stream_broken"}})


async def stream_completions(gw: Gateway, body: dict[str, Any], conv: str) -> Response:
    up, resp = await send_upstream(gw, "POST", "/chat/completions", body, stream=True)
    if not 200 <= resp.status_code < 300:  # the upstream's own error: pass it on
        try:
            raw = await read_body(resp)
        finally:
            await resp.aclose()
        return Response(raw, resp.status_code, media_type="application/json")
    headers = {"X-Aiegis-Conversation": conv, "Cache-Control": "no-cache"}
    return StreamingResponse(
        _relay(gw, up, resp, Relay(gw, conv)), media_type="text/event-stream", headers=headers
    )


async def _relay(
    gw: Gateway, up: Upstream, resp: UpstreamResponse, relay: Relay
) -> AsyncIterator[bytes]:
    finished = False
    try:
        async for data in _events(resp.lines(MAX_EVENT_BYTES)):
            if data.strip() == "[DONE]":
                for out in await relay.finish():
                    yield out
                finished = True
                break
            try:
                chunk = loads(data)
            except ValueError:
                chunk = None
            if chunk is None:
                raise BrokenStream("an SSE event is not readable JSON")
            for out in await relay.feed(chunk):
                yield out
        if not finished:
            raise BrokenStream("the upstream stream ended without [DONE]")
        yield b"data: [DONE]\n\n"
    except (BrokenStream, UpstreamBroken) as exc:
        if gw.pool is not None:
            gw.pool.broken(up)
        what = str(exc)
        gw.events.record(
            f"upstream:{up.name}", "streaming", "broken", what, "stream ended with an error"
        )
        yield _error(f"upstream stream broke off ({what}); held tool calls were not sent")
    finally:
        await resp.aclose()
