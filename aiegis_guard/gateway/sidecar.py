"""The sidecar API: the CLI's JSON in and out, for agents in any language.

====================  ==========================================================  =========
POST /v1/scan         ``{"text", "source"?, "context"?, "conversation"?}``        verdict
POST /v1/inspect-tx   ``{"chain"?, "payload", "context"?, "conversation"?}``      verdict
POST /v1/spend/reserve ``{"chain"?, "payload", "context"?}``                     reservation
POST /v1/spend/commit  ``{"reservation"}``                                        state
POST /v1/spend/release ``{"reservation"}``                                        state
====================  ==========================================================  =========

A verdict is ``Verdict.to_dict()`` (exactly what ``aiegis-guard scan --format json`` prints),
HTTP 200 whatever the action; the action is also in the ``X-Aiegis-Action`` header.
``context`` adds own / allowlisted addresses (``own_evm``, ``allow_solana``...) as in the CLI.
``conversation`` links calls: an injection scanned from an untrusted source taints it, and
a later ``inspect-tx`` in it needs approval (``taint.run``). A refused reservation is 409 with
the verdict; an unreachable ledger is 503; an unknown reservation 404. A commit after the ledger's
``reservation_ttl`` (a slow confirmation or approval) is still recorded: the gateway's book keeps
a reservation for ``state.BOOK_RETAIN``.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import Response

from aiegis_guard.callbacks.judge import combine
from aiegis_guard.errors import DecodeError, GuardBlocked, LedgerError
from aiegis_guard.findings import Source
from aiegis_guard.gateway.payloads import (
    SOURCES,
    chain_id_of,
    judge_payload,
    masked,
    scan_context,
)
from aiegis_guard.gateway.wire import ApiError, field, json_response, read_json
from aiegis_guard.taint import taint_finding, taints
from aiegis_guard.verdict import Verdict

if TYPE_CHECKING:
    from aiegis_guard.gateway.context import Gateway

__all__ = ["commit", "inspect_tx", "release", "reserve", "scan"]


def _verdict_response(verdict: Verdict) -> Response:
    return json_response(verdict.to_dict(), headers={"X-Aiegis-Action": verdict.action.value})


def _conversation(body: dict[str, Any]) -> str | None:
    conv = field(body, "conversation", str, required=False)
    if conv is not None and not 0 < len(conv) <= 128:
        raise ApiError(400, "invalid_request", "'conversation' must be 1-128 characters")
    return f"h:{conv}" if conv else None


def _context(body: dict[str, Any]) -> dict[str, list[str]] | None:
    try:
        return scan_context(body.get("context"))
    except ValueError as exc:
        raise ApiError(400, "invalid_request", str(exc)) from None


async def scan(gw: Gateway, request: Request) -> Response:
    body = await read_json(request, gw.settings.max_body_bytes)
    text = field(body, "text", str)
    source = field(body, "source", str, required=False) or Source.TOOL_INPUT.value
    if source not in SOURCES:
        raise ApiError(400, "invalid_request", f"'source' must be one of {', '.join(SOURCES)}")
    context, conv = _context(body), _conversation(body)
    started = time.perf_counter()
    verdict = gw.guard.check_text(text, source=source, context=context)
    gw.health.observe("sidecar", verdict, time.perf_counter() - started)
    if conv and Source(source).is_untrusted_input and taints(verdict):
        await asyncio.to_thread(gw.state.mark, conv, f"{source}:sidecar")
    return _verdict_response(verdict)


def _judge_payload(gw: Gateway, body: dict[str, Any]) -> Verdict:
    if "payload" not in body or body["payload"] is None:
        raise ApiError(400, "invalid_request", "'payload' is required")
    chain = field(body, "chain", str, required=False)
    try:
        chain_id = chain_id_of(body["chain_id"], "chain_id") if "chain_id" in body else None
        return judge_payload(gw.guard, body["payload"], chain, body.get("context"), chain_id)
    except ValueError as exc:  # bad chain / chain id / context / JSON-RPC shape (JSON too)
        raise ApiError(400, "invalid_request", _safe(exc)) from None


def _safe(exc: BaseException) -> str:
    return masked(str(exc))[:200]


async def inspect_tx(gw: Gateway, request: Request) -> Response:
    body = await read_json(request, gw.settings.max_body_bytes)
    conv = _conversation(body)
    started = time.perf_counter()
    verdict = _judge_payload(gw, body)
    if conv:
        tainted = await asyncio.to_thread(gw.state.tainted_by, conv)
        found = taint_finding(tainted, gw.guard.policy.taint)
        if found is not None:
            marked = Verdict(action=found.action, findings=(found,), tainted_by=tainted)
            verdict = combine([verdict, marked])
    gw.health.observe("sidecar", verdict, time.perf_counter() - started)
    return _verdict_response(verdict)


async def reserve(gw: Gateway, request: Request) -> Response:
    body = await read_json(request, gw.settings.max_body_bytes)
    if "payload" not in body or body["payload"] is None:
        raise ApiError(400, "invalid_request", "'payload' is required")
    chain = field(body, "chain", str, required=False)
    context = _context(body)
    try:
        decoded = gw.guard.decode_transaction(body["payload"], chain=chain)
    except (DecodeError, ValueError) as exc:
        msg = f"cannot decode the payload ({type(exc).__name__})"
        raise ApiError(422, "undecodable", msg) from None
    if gw.health.ledger_down:
        raise ApiError(503, "ledger_down", "the spend ledger is down; value moves are blocked")
    try:
        held = await asyncio.to_thread(gw.guard.spend, decoded, context=context)
    except GuardBlocked as exc:
        raise ApiError(
            409, "over_limit", exc.verdict.summary(), extra={"verdict": exc.verdict.to_dict()}
        ) from None
    except LedgerError as exc:
        msg = f"the spend ledger failed ({type(exc).__name__})"
        raise ApiError(503, "ledger_down", msg) from None
    await asyncio.to_thread(gw.state.put_reservation, held.id, held.items)
    items = [{"key": i.key, "amount": str(i.amount)} for i in held.items]
    ttl = gw.guard.config.ledger.reservation_ttl
    return json_response({"reservation": held.id, "state": "pending", "items": items, "ttl": ttl})


async def _settle(gw: Gateway, request: Request, commit: bool) -> Response:
    body = await read_json(request, gw.settings.max_body_bytes)
    rid = field(body, "reservation", str)
    if not 0 < len(rid) <= 64:
        raise ApiError(400, "invalid_request", "'reservation' must be an id from /v1/spend/reserve")
    try:
        items = await asyncio.to_thread(gw.state.take_reservation, rid)
        if items is None:
            raise ApiError(404, "unknown_reservation", "no pending reservation with this id")
        ledger = gw.guard.ledger
        if items:
            await asyncio.to_thread(ledger.commit if commit else ledger.rollback, rid, items)
    except LedgerError as exc:
        msg = f"the spend ledger failed ({type(exc).__name__})"
        raise ApiError(503, "ledger_down", msg) from None
    return json_response({"reservation": rid, "state": "committed" if commit else "released"})


async def commit(gw: Gateway, request: Request) -> Response:
    return await _settle(gw, request, True)


async def release(gw: Gateway, request: Request) -> Response:
    return await _settle(gw, request, False)
