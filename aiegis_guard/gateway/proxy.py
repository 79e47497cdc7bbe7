"""The OpenAI-compatible proxy: ``POST /v1/chat/completions`` (streamed or not), ``/v1/models``.

In: the messages are judged (:meth:`ChatJudge.inbound`) and forwarded with secrets withheld.
Out: every tool call is judged before the agent sees it. A blocked (or denied) call is removed
and the assistant message says what was withheld — or, with ``[gateway] on_block = "error"``,
the request fails with HTTP 403 ``aiegis_blocked``. The model's text is passed with secrets
withheld. The response carries ``aiegis: {conversation, tool_calls: [...decisions]}`` and the
``X-Aiegis-Conversation`` header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import httpx
from starlette.requests import Request
from starlette.responses import Response

from aiegis_guard import jsontext
from aiegis_guard.gateway.judging import CallOutcome
from aiegis_guard.gateway.upstream import AllUpstreamsDown, Upstream, UpstreamFailed
from aiegis_guard.gateway.wire import ApiError, field, json_response, read_json

if TYPE_CHECKING:
    from aiegis_guard.gateway.app import Gateway

__all__ = ["apply_outcomes", "chat_completions", "models", "send_upstream"]

MAX_UPSTREAM_BYTES = 32 * 1024 * 1024


async def send_upstream(
    gw: Gateway, method: str, path: str, body: Any = None, *, stream: bool = False
) -> tuple[Upstream, httpx.Response]:
    if gw.pool is None:
        raise ApiError(503, "no_upstream", "no upstream configured (--upstream or [gateway])")
    try:
        return await gw.pool.request(method, path, body, stream=stream)
    except AllUpstreamsDown as exc:
        retry = str(int(exc.retry_after + 0.999))
        raise ApiError(
            503, "upstreams_unavailable", str(exc), headers={"Retry-After": retry}
        ) from None
    except UpstreamFailed as exc:
        raise ApiError(502, "upstream_failed", f"upstream failed ({exc})") from None


async def models(gw: Gateway, request: Request) -> Response:
    _, resp = await send_upstream(gw, "GET", "/models")
    try:
        return Response(await _read(resp), resp.status_code, media_type="application/json")
    finally:
        await resp.aclose()


async def _read(resp: httpx.Response) -> bytes:
    chunks, size = [], 0
    async for chunk in resp.aiter_bytes():
        size += len(chunk)
        if size > MAX_UPSTREAM_BYTES:
            raise ApiError(502, "upstream_too_large", "the upstream answer is too large")
        chunks.append(chunk)
    return b"".join(chunks)


async def chat_completions(gw: Gateway, request: Request) -> Response:
    body = await read_json(request, gw.settings.max_body_bytes)
    messages = field(body, "messages", list)
    header = request.headers.get(gw.settings.conversation_header)
    conv = gw.judge.conversation_id(header, messages)
    body = {**body, "messages": gw.judge.inbound(messages, conv)}
    if body.get("stream") is True:
        from aiegis_guard.gateway.stream import stream_completions

        return await stream_completions(gw, body, conv)
    _, resp = await send_upstream(gw, "POST", "/chat/completions", body)
    try:
        raw = await _read(resp)
    except httpx.HTTPError as exc:
        msg = f"upstream broke off ({type(exc).__name__})"
        raise ApiError(502, "upstream_failed", msg) from None
    finally:
        await resp.aclose()
    if resp.status_code != 200:  # the upstream's own 4xx: pass it on
        return Response(raw, resp.status_code, media_type="application/json")
    try:
        data = jsontext.loads(raw)
    except ValueError:
        data = None
    if data is None:
        raise ApiError(502, "bad_upstream", "the upstream answer is not readable JSON")
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        raise ApiError(502, "bad_upstream", "the upstream answer has no choices")
    data = await _judge_choices(gw, data, conv)
    return json_response(data, headers={"X-Aiegis-Conversation": conv})


async def _judge_choices(gw: Gateway, data: dict[str, Any], conv: str) -> dict[str, Any]:
    decisions: list[dict[str, Any]] = []
    choices = []
    for choice in data["choices"]:
        msg = choice.get("message") if isinstance(choice, dict) else None
        if not isinstance(msg, dict):
            choices.append(choice)
            continue
        msg = dict(msg)
        if isinstance(msg.get("content"), str):
            msg["content"] = gw.judge.outbound_text(msg["content"])
        calls = msg.get("tool_calls")
        choice = dict(choice)
        if isinstance(calls, list) and calls:
            outcomes = await gw.judge.judge_calls(calls, conv)
            _raise_if_error_mode(gw, outcomes)
            decisions += [decision(o) for o in outcomes]
            if not apply_outcomes(msg, outcomes):
                choice["finish_reason"] = "stop"
        choices.append({**choice, "message": msg})
    return {**data, "choices": choices, "aiegis": {"conversation": conv, "tool_calls": decisions}}


def decision(o: CallOutcome) -> dict[str, Any]:
    fn = o.call.get("function") if isinstance(o.call.get("function"), dict) else {}
    return {
        "id": o.call.get("id"),
        "name": (fn or {}).get("name"),
        "decision": o.decision,
        "action": o.verdict.action.value,
        "rule_ids": list(o.verdict.rule_ids),
    }


def _raise_if_error_mode(gw: Gateway, outcomes: Sequence[CallOutcome]) -> None:
    stopped = [o for o in outcomes if not o.passes]
    if stopped and gw.settings.on_block == "error":
        raise ApiError(
            403,
            "aiegis_blocked",
            " | ".join(o.message for o in stopped),
            extra={"aiegis": {"tool_calls": [decision(o) for o in outcomes]}},
        )


def apply_outcomes(msg: dict[str, Any], outcomes: Sequence[CallOutcome]) -> bool:
    """Drop stopped calls from ``msg`` and say why in its content; True if any call remains."""
    kept = [dict(o.call) for o in outcomes if o.passes]
    notes = [o.message for o in outcomes if not o.passes]
    if kept:
        msg["tool_calls"] = kept
    else:
        msg.pop("tool_calls", None)
    if notes:
        text = msg.get("content") if isinstance(msg.get("content"), str) else ""
        msg["content"] = "\n".join([t for t in (text, *notes) if t])
    return bool(kept)
