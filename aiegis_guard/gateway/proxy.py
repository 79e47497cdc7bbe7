"""The OpenAI-compatible proxy: ``POST /v1/chat/completions`` (streamed or not), ``/v1/models``.

In: the messages are judged (:meth:`ChatJudge.inbound`) and forwarded with secrets withheld;
the ``tools`` / ``functions`` definitions are judged as untrusted text (a poisoned one taints
the conversation and is withheld: :mod:`~aiegis_guard.gateway.definitions`).
Out: every tool call (``tool_calls`` and the legacy ``function_call``) is judged before the
agent sees it. A blocked (or denied) call is removed
and the assistant message says what was withheld — or, with ``[gateway] on_block = "error"``,
the request fails with HTTP 403 ``aiegis_blocked``. The model's text is passed with secrets
withheld — every field of it (:mod:`~aiegis_guard.gateway.modeltext`). Any 2xx answer is
judged (the client takes each as a success); only the upstream's errors pass as they are.
The response carries ``aiegis: {conversation, tool_calls: [...decisions]}`` and the
``X-Aiegis-Conversation`` header.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from aiegis_guard.gateway.definitions import judge_definitions
from aiegis_guard.gateway.forward import decision, read_body, send_upstream
from aiegis_guard.gateway.judging import CallOutcome
from aiegis_guard.gateway.linking import carry_taint
from aiegis_guard.gateway.modeltext import apply_calls, legacy_call, mask_message, with_legacy
from aiegis_guard.gateway.stream import stream_completions
from aiegis_guard.gateway.wire import ApiError, field, json_response, loads, read_json

if TYPE_CHECKING:
    from aiegis_guard.gateway.context import Gateway

__all__ = ["chat_completions", "models"]


async def models(gw: Gateway, request: Request) -> Response:
    _, resp = await send_upstream(gw, "GET", "/models")
    try:
        return Response(await read_body(resp), resp.status_code, media_type="application/json")
    finally:
        await resp.aclose()


async def chat_completions(gw: Gateway, request: Request) -> Response:
    body = await read_json(request, gw.settings.max_body_bytes)
    messages = field(body, "messages", list)
    header = request.headers.get(gw.settings.conversation_header)
    conv = gw.judge.conversation_id(header, messages)
    body = {**body, "messages": gw.judge.inbound(messages, conv)}
    carry_taint(gw.state, conv, messages)  # a trimmed history keeps its taint by its links
    for key in ("tools", "functions"):  # definitions the model reads: untrusted text
        if isinstance(body.get(key), list):
            body[key] = judge_definitions(gw.judge, body[key], conv)
    if body.get("stream") is True:
        return await stream_completions(gw, body, conv)
    _, resp = await send_upstream(gw, "POST", "/chat/completions", body)
    try:
        raw = await read_body(resp)
    finally:
        await resp.aclose()
    if not 200 <= resp.status_code < 300:  # the upstream's own error: pass it on
        return Response(raw, resp.status_code, media_type="application/json")
    try:
        data = loads(raw)
    except ValueError:
        data = None
    if data is None:
        raise ApiError(502, "bad_upstream", "the upstream answer is not readable JSON")
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        raise ApiError(502, "bad_upstream", "the upstream answer has no choices")
    data = await _judge_choices(gw, data, conv)  # any 2xx is a success to the client
    return json_response(data, resp.status_code, headers={"X-Aiegis-Conversation": conv})


async def _judge_choices(gw: Gateway, data: dict[str, Any], conv: str) -> dict[str, Any]:
    decisions: list[dict[str, Any]] = []
    choices = []
    for choice in data["choices"]:
        msg = choice.get("message") if isinstance(choice, dict) else None
        if not isinstance(msg, dict):
            choices.append(choice)
            continue
        msg = mask_message(msg, gw.judge.outbound_text)
        calls = msg.get("tool_calls")
        calls = list(calls) if isinstance(calls, list) else []
        legacy = legacy_call(msg)
        choice = dict(choice)
        if calls or legacy is not None:
            outcomes = await gw.judge.judge_calls(with_legacy(calls, legacy), conv)
            _raise_if_error_mode(gw, outcomes)
            decisions += [decision(o) for o in outcomes]
            if not apply_calls(msg, calls, legacy, outcomes):
                choice["finish_reason"] = "stop"
        choices.append({**choice, "message": msg})
    return {**data, "choices": choices, "aiegis": {"conversation": conv, "tool_calls": decisions}}


def _raise_if_error_mode(gw: Gateway, outcomes: Sequence[CallOutcome]) -> None:
    stopped = [o for o in outcomes if not o.passes]
    if stopped and gw.settings.on_block == "error":
        raise ApiError(
            403,
            "aiegis_blocked",
            " | ".join(o.message for o in stopped),
            extra={"aiegis": {"tool_calls": [decision(o) for o in outcomes]}},
        )
