"""Assembling the gateway: one :class:`Gateway` (guard, state, health, judge, upstreams) and its
Starlette app. Safe by default: binds 127.0.0.1; a non-loopback bind needs a bearer token
from the environment (``[gateway] token_env``); request size and time limits; every error is
a typed JSON answer that quotes nothing from the request.

Routes: the sidecar API (:mod:`.sidecar`), the OpenAI-compatible proxy (:mod:`.proxy`),
``GET /healthz`` (alive), ``GET /readyz`` (ready to judge; limp modes), ``GET /metrics``.
The hot route (``POST /v1/chat/completions``) is dispatched by a plain ASGI front
(:class:`HotRoutes`) straight to the same endpoint, past Starlette's router and middleware;
the objects built at start-up (rules, word lists, the model) are frozen out of the garbage
collector's sweeps (``gc.freeze``), so a full collection never stalls a request for ~0.1 s.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import hmac
import ipaddress
import logging
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import Any

import httpx
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from aiegis_guard.config import Config
from aiegis_guard.errors import ConfigError
from aiegis_guard.gateway import proxy, sidecar
from aiegis_guard.gateway.context import Gateway
from aiegis_guard.gateway.events import EventLog
from aiegis_guard.gateway.health import Health
from aiegis_guard.gateway.judging import ChatJudge
from aiegis_guard.gateway.state import open_state
from aiegis_guard.gateway.upstream import UpstreamPool
from aiegis_guard.gateway.wire import ApiError, error_response
from aiegis_guard.guard import Guard
from aiegis_guard.signers.approval import ApprovalRequest, Approver, deny_all

__all__ = ["Gateway", "build_gateway", "check_bind", "create_app"]

log = logging.getLogger("aiegis_guard")

Handler = Callable[["Gateway", Request], Awaitable[Response]]
Endpoint = Callable[[Request], Awaitable[Response]]


class WebhookApprover:
    """Asks a webhook: POST the masked request, ``{"approved": true}`` approves; else deny."""

    def __init__(self, url: str, timeout: float) -> None:
        self.url = url
        self.timeout = timeout

    async def __call__(self, request: ApprovalRequest) -> bool:
        payload = {
            "action": request.action,
            "verdict": request.verdict.to_dict(),
            "details": dict(request.details),
        }
        async with httpx.AsyncClient(timeout=self.timeout, trust_env=False) as client:
            resp = await client.post(self.url, json=payload)
        return resp.status_code == 200 and resp.json().get("approved") is True


def build_gateway(
    config: Config,
    *,
    guard: Guard | None = None,
    upstreams: Sequence[str] | None = None,
    approver: Approver | None = None,
    classifier: bool = True,
) -> Gateway:
    """Everything ``aiegis-guard serve`` runs, from a config (``upstreams`` override it)."""
    settings = config.gateway
    guard = guard or Guard(config, classifier=classifier)
    events = EventLog(config.audit.path)
    state = open_state(
        settings.redis_url, config.ledger.namespace, config.ledger.reservation_ttl, guard.taint
    )
    urls = list(upstreams) if upstreams else list(settings.upstreams)
    health = Health(guard, state, None, events, redis=bool(settings.redis_url))
    pool = None
    if urls:
        pool = UpstreamPool(
            urls,
            settings.breaker,
            api_key=os.environ.get(settings.upstream_key_env) or None,
            timeout=settings.request_timeout,
            on_transition=health.on_breaker,
        )
        health.pool = pool
    if approver is None:
        approver = (
            deny_all
            if settings.approval == "deny"
            else WebhookApprover(settings.approval, settings.approval_timeout)
        )
    judge = ChatJudge(guard, state, health, settings, approver)
    token = os.environ.get(settings.token_env) or None
    return Gateway(guard, settings, state, events, health, judge, pool, token)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_bind(gw: Gateway, host: str) -> None:
    """A non-loopback bind without a bearer token is refused."""
    if not is_loopback(host) and not gw.token:
        raise ConfigError(
            f"gateway.host: binding {host} (not loopback) needs a bearer token in "
            f"${gw.settings.token_env}"
        )


def _route(gw: Gateway, handler: Handler) -> Endpoint:
    timeout = gw.settings.request_timeout

    async def endpoint(request: Request) -> Response:
        try:
            async with asyncio.timeout(timeout):  # no extra task per request (wait_for)
                return await handler(gw, request)
        except ApiError as err:
            return error_response(err)
        except TimeoutError:
            return error_response(ApiError(504, "timeout", f"no answer within {timeout:.0f}s"))
        except Exception as exc:  # never a traceback or an input echoed to the client
            log.error("aiegis_guard gateway error: %s", type(exc).__name__)
            return error_response(ApiError(500, "internal_error", type(exc).__name__))

    return endpoint


async def healthz(gw: Gateway, request: Request) -> Response:
    return JSONResponse({"status": "alive", "limp": gw.health.limp_modes()})


async def readyz(gw: Gateway, request: Request) -> Response:
    report = gw.health.report()
    ready = gw.health.judge_ok
    return JSONResponse({"ready": ready, **report}, status_code=200 if ready else 503)


async def metrics(gw: Gateway, request: Request) -> Response:
    gw.health.flush()
    return Response(generate_latest(gw.health.registry), media_type=CONTENT_TYPE_LATEST)


class HotRoutes:
    """Pure-ASGI dispatch of the hot routes to their endpoints; everything else (other paths,
    other methods, lifespan) goes to the Starlette app. The endpoint is the same one the
    router would call (same limits, timeout and error answers)."""

    def __init__(
        self, app: ASGIApp, routes: dict[tuple[str, str], Endpoint], after: Callable[[], None]
    ) -> None:
        self.app = app
        self.routes = routes
        self.after = after  # bookkeeping once the answer is out (metrics)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            endpoint = self.routes.get((scope["method"], scope["path"]))
            if endpoint is not None:
                response = await endpoint(Request(scope, receive))
                await response(scope, receive, send)
                self.after()
                return
        await self.app(scope, receive, send)


class BearerAuth:
    """Pure-ASGI bearer check (constant time); /healthz and /readyz stay open."""

    OPEN = frozenset({"/healthz", "/readyz"})

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self.expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] not in self.OPEN:
            sent = dict(scope["headers"]).get(b"authorization", b"")
            if not hmac.compare_digest(sent, self.expected):
                err = ApiError(401, "unauthorized", "a valid bearer token is required")
                await error_response(err)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def create_app(gw: Gateway, *, heartbeats: bool = True, freeze_gc: bool = False) -> ASGIApp:
    """The gateway's ASGI app; ``freeze_gc`` (``serve`` sets it: the process is the gateway's)
    moves what start-up built out of the garbage collector's sweeps once it is ready."""
    chat = _route(gw, proxy.chat_completions)
    routes = [
        Route("/v1/scan", _route(gw, sidecar.scan), methods=["POST"]),
        Route("/v1/inspect-tx", _route(gw, sidecar.inspect_tx), methods=["POST"]),
        Route("/v1/spend/reserve", _route(gw, sidecar.reserve), methods=["POST"]),
        Route("/v1/spend/commit", _route(gw, sidecar.commit), methods=["POST"]),
        Route("/v1/spend/release", _route(gw, sidecar.release), methods=["POST"]),
        Route("/v1/chat/completions", chat, methods=["POST"]),
        Route("/v1/models", _route(gw, proxy.models), methods=["GET"]),
        Route("/healthz", _route(gw, healthz), methods=["GET"]),
        Route("/readyz", _route(gw, readyz), methods=["GET"]),
        Route("/metrics", _route(gw, metrics), methods=["GET"]),
    ]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await _self_test(gw)
        if freeze_gc:
            gc.collect()
            gc.freeze()  # rules, word lists, the model live as long as the process
        task = None
        if heartbeats:
            task = asyncio.create_task(gw.health.run(gw.settings.heartbeat_seconds))
        try:
            yield
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
            if gw.pool is not None:
                await gw.pool.aclose()

    app: ASGIApp = HotRoutes(
        Starlette(routes=routes, lifespan=lifespan),
        {("POST", "/v1/chat/completions"): chat},
        gw.health.flush,
    )
    if gw.token:
        app = BearerAuth(app, gw.token)
    return app


async def _self_test(gw: Gateway) -> None:
    """Ready to judge = a known secret is blocked (rules loaded), then first heartbeats."""
    probe = "private key 0x" + os.urandom(32).hex()  # random, never a real key
    try:
        verdict = await asyncio.to_thread(gw.guard.check_text, probe, source="tool_input")
        gw.health.judge_ok = verdict.blocked
    except Exception as exc:
        log.error("aiegis_guard gateway self-test failed: %s", type(exc).__name__)
        gw.health.judge_ok = False
    await gw.health.beat()


def serve(gw: Gateway, host: str, port: int, **uvicorn_kwargs: Any) -> None:
    """Run the gateway with uvicorn (blocking): one process (taint, memo, breakers and the
    memory ledger are per process; replicas share them only through Redis), httptools (the
    upstream client needs it too) and uvloop when installed, no access log, no proxy-header
    rewriting (nothing reads the client address), no ``server`` header."""
    import uvicorn

    check_bind(gw, host)
    options: dict[str, Any] = {
        "log_level": "warning",
        "http": "httptools",
        "access_log": False,
        "proxy_headers": False,
        "server_header": False,
        **uvicorn_kwargs,
    }
    uvicorn.run(create_app(gw, freeze_gc=True), host=host, port=port, **options)
