"""Forwarding to the upstreams and shaping what comes back (shared by the plain and the
streaming proxy): the upstream call with its errors as API errors, bounded reads, and how
judged tool calls are applied to an assistant message."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aiegis_guard.gateway.judging import CallOutcome
from aiegis_guard.gateway.upstream import (
    AllUpstreamsDown,
    Upstream,
    UpstreamBroken,
    UpstreamFailed,
    UpstreamResponse,
    UpstreamTooLarge,
)
from aiegis_guard.gateway.wire import ApiError

if TYPE_CHECKING:
    from aiegis_guard.gateway.context import Gateway

__all__ = ["apply_outcomes", "decision", "read_body", "send_upstream"]


async def send_upstream(
    gw: Gateway, method: str, path: str, body: Any = None, *, stream: bool = False
) -> tuple[Upstream, UpstreamResponse]:
    if gw.pool is None:
        raise ApiError(503, "no_upstream", "no upstream configured (--upstream or [gateway])")
    try:
        return await gw.pool.request(method, path, body, stream=stream)
    except UpstreamTooLarge:
        raise ApiError(502, "upstream_too_large", "the upstream answer is too large") from None
    except AllUpstreamsDown as exc:
        retry = str(int(exc.retry_after + 0.999))
        raise ApiError(
            503, "upstreams_unavailable", str(exc), headers={"Retry-After": retry}
        ) from None
    except UpstreamFailed as exc:
        raise ApiError(502, "upstream_failed", f"upstream failed ({exc})") from None


async def read_body(resp: UpstreamResponse) -> bytes:
    """The whole (bounded) answer, or a 502 that says why not."""
    try:
        return await resp.read()
    except UpstreamTooLarge:
        raise ApiError(502, "upstream_too_large", "the upstream answer is too large") from None
    except UpstreamBroken as exc:
        raise ApiError(502, "upstream_failed", f"upstream broke off ({exc})") from None


def decision(o: CallOutcome) -> dict[str, Any]:
    fn = o.call.get("function") if isinstance(o.call.get("function"), dict) else {}
    return {
        "id": o.call.get("id"),
        "name": (fn or {}).get("name"),
        "decision": o.decision,
        "action": o.verdict.action.value,
        "rule_ids": list(o.verdict.rule_ids),
    }


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
