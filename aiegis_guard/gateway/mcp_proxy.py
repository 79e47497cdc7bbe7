"""``aiegis-guard mcp-proxy -- <server command…>``: a guard in front of a stdio MCP server.

The proxy speaks newline-delimited JSON-RPC on its own stdin/stdout (to the MCP client) and
on the child's (the wrapped server); everything passes through, judged on the way:

* ``tools/list`` results: every string of each tool's definition (descriptions at any depth,
  ``$defs``, enums, defaults, ``outputSchema``, ``annotations``) is judged as untrusted text; a
  poisoned tool is withheld from the list (and its calls blocked).
* ``tools/call`` requests: the arguments are judged like any tool call (secrets, recipients,
  amounts, transactions inside, session taint). BLOCK answers the client with an MCP tool
  error saying why (the server never sees the call); FLAG asks the user through MCP
  elicitation (under an unguessable id: an answer counts only for the question the proxy
  asked) when the client declared that capability, else denies. A call without an id is
  refused. A passing call that moves value reserves its spend: a call sent to the server is
  a spend unless the server says it failed (an error or ``isError``): committed on its
  answer, when the client cancels it, before its reservation could expire, and at exit.
* ``tools/call`` results (``content``, ``structuredContent``, every field) and every other
  answer (``resources/read``, ``prompts/get``, ``initialize``...), server request
  (``sampling/createMessage``, ``elicitation/create``) and notification: judged as tool
  output; an injection taints the session, a secret or a poisoned address is withheld from
  the client; what must be withheld whole is answered with an error (or dropped). A batch
  from the server is judged message by message.

Logs go to stderr (stdout is the protocol); decisions go to ``[audit] path`` when set.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.callbacks.judge import args_text, block_message, denied_message, masked_args
from aiegis_guard.config import Config
from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.gateway.mcp_judge import APPROVE_SCHEMA, McpGuard, tool_error
from aiegis_guard.guard import Guard
from aiegis_guard.ledger import SpendReservation
from aiegis_guard.signers.approval import ApprovalRequest, ask_async
from aiegis_guard.verdict import Verdict

__all__ = ["McpProxy", "run_proxy"]

log = logging.getLogger("aiegis_guard")

LINE_LIMIT = 16 * 1024 * 1024
ASK_PREFIX = "aiegis-approval-"
RESERVED = -32600  # JSON-RPC "invalid request"
_METHOD = re.compile(r"[a-z][A-Za-z_/]{0,47}")


@dataclass
class _Pending:
    method: str
    name: str = ""
    held: list[SpendReservation] = field(default_factory=list)


class McpProxy:
    """Relays one client <-> one child server, judging on the way."""

    def __init__(self, guard: Guard, command: Sequence[str], *, approval_timeout: float) -> None:
        self.judge = McpGuard(guard)
        self.guard = guard
        self.command = list(command)
        self.approval_timeout = approval_timeout
        self.pending: dict[str, _Pending] = {}
        self.asks: dict[str, asyncio.Future[Any]] = {}
        self._out_lock = asyncio.Lock()
        self._tasks: set[asyncio.Task[None]] = set()
        self.child: asyncio.subprocess.Process | None = None

    # --- plumbing ----------------------------------------------------------------------

    async def _to_client(self, msg: Any) -> None:
        data = (json.dumps(msg, ensure_ascii=False) + "\n").encode("utf-8")
        async with self._out_lock:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()

    async def _to_server(self, msg: Any) -> None:
        assert self.child is not None and self.child.stdin is not None
        self.child.stdin.write((json.dumps(msg, ensure_ascii=False) + "\n").encode("utf-8"))
        await self.child.stdin.drain()

    async def run(self) -> int:
        self.child = await asyncio.create_subprocess_exec(
            *self.command,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=LINE_LIMIT,
        )
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=LINE_LIMIT)
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        client = asyncio.create_task(self._client_loop(reader))
        server = asyncio.create_task(self._server_loop())
        await asyncio.wait({client, server}, return_when=asyncio.FIRST_COMPLETED)
        return await self._shutdown(client, server)

    async def _shutdown(self, *tasks: asyncio.Task[None]) -> int:
        assert self.child is not None
        if self.child.stdin is not None and not self.child.stdin.is_closing():
            self.child.stdin.close()
        try:
            code = await asyncio.wait_for(self.child.wait(), 5)
        except TimeoutError:
            self.child.terminate()
            code = await self.child.wait()
        for task in (*tasks, *self._tasks):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for pending in self.pending.values():  # sent, the answer never came: it counts
            self._settle(pending, failed=False)
        return code

    def _settle(self, pending: _Pending, *, failed: bool) -> None:
        """Commit (or, when the server said it failed, release) a call's spend, once. A
        ledger that fails here is logged: the reservation stays pending until it expires."""
        held, pending.held = pending.held, []
        for reservation in held:
            try:
                reservation.rollback() if failed else reservation.commit()
            except LedgerError as exc:
                what = type(exc).__name__
                log.error("aiegis_guard mcp-proxy: the spend ledger failed (%s)", what)

    def _settle_later(self, rid: str, pending: _Pending) -> None:
        """The answer is late (a cancelled call, a slow server): count the spend before its
        reservation expires; the server's answer then has nothing left to settle."""
        if pending.held and self.pending.get(rid) is pending:
            task = asyncio.create_task(asyncio.to_thread(self._settle, pending, failed=False))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)

    # --- client -> server --------------------------------------------------------------

    async def _client_loop(self, reader: asyncio.StreamReader) -> None:
        while line := await reader.readline():
            msg = _parse(line)
            if not isinstance(msg, dict):  # what the proxy cannot read, the server never gets
                await self._to_client(_INVALID)
                continue
            rid, method = msg.get("id"), msg.get("method")
            if method is None and isinstance(rid, str) and rid in self.asks:
                self.asks.pop(rid).set_result(msg)
                continue
            if method == "initialize":
                caps = (msg.get("params") or {}).get("capabilities") or {}
                self.judge.elicitation = isinstance(caps, dict) and "elicitation" in caps
            if method == "tools/call":
                if rid is None:  # a call whose answer cannot be matched is never sent
                    await self._refuse_call(msg)
                    continue
                task = asyncio.create_task(self._call(msg))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
                continue
            if method == "notifications/cancelled":
                self._cancelled(msg.get("params"))
            if isinstance(method, str) and rid is not None:  # every answer is judged
                self.pending[str(rid)] = _Pending(method)
            await self._to_server(msg)

    async def _refuse_call(self, msg: dict[str, Any]) -> None:
        log.warning("aiegis_guard mcp-proxy: refused a tools/call without an id")
        if "id" in msg:  # "id": null is answered; a notification cannot be
            await self._to_client(_error(None, "aiegis_guard: a tools/call needs an id"))

    def _cancelled(self, params: Any) -> None:
        rid = params.get("requestId") if isinstance(params, dict) else None
        pending = self.pending.get(str(rid)) if rid is not None else None
        if pending is not None and pending.method == "tools/call":
            self._settle_later(str(rid), pending)

    async def _call(self, msg: dict[str, Any]) -> None:
        rid = msg["id"]
        name, args, judged = await asyncio.to_thread(self.judge.judge_call, msg.get("params"))
        verdict = judged.verdict
        if verdict.blocked:
            await self._to_client(tool_error(rid, block_message(verdict)))
            return
        if verdict.flagged and not await self._approve(name, args, verdict):
            await self._to_client(tool_error(rid, denied_message(verdict)))
            return
        held: list[SpendReservation] = []
        if judged.value_moving:
            try:
                held = await asyncio.to_thread(self.judge.spend, args, judged)
            except GuardBlocked as exc:
                await self._to_client(tool_error(rid, block_message(exc.verdict)))
                return
            except LedgerError:
                text = "blocked by aiegis_guard: gateway.ledger_down: the spend ledger failed."
                await self._to_client(tool_error(rid, text))
                return
        pending = _Pending("tools/call", name, held)
        self.pending[str(rid)] = pending
        if held:  # counted before its reservation could expire, answered or not
            delay = max(1.0, self.guard.config.ledger.reservation_ttl * 0.8)
            loop = asyncio.get_running_loop()
            loop.call_later(delay, self._settle_later, str(rid), pending)
        await self._to_server(msg)

    async def _approve(self, name: str, args: Any, verdict: Verdict) -> bool:
        details = {"arguments": masked_args(verdict, args_text(args))}
        request = ApprovalRequest(action=name or "tools/call", verdict=verdict, details=details)
        approver = self._elicit if self.judge.elicitation else None
        return await ask_async(approver, request, audit=self.guard.audit)

    async def _elicit(self, request: ApprovalRequest) -> bool:
        """Ask the user through the client (MCP ``elicitation/create``); no answer = deny."""
        eid = f"{ASK_PREFIX}{secrets.token_urlsafe(16)}"  # unguessable: only its question's answer
        future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self.asks[eid] = future
        message = request.describe()[:4000]
        await self._to_client({
            "jsonrpc": "2.0", "id": eid, "method": "elicitation/create",
            "params": {"mode": "form", "message": message, "requestedSchema": APPROVE_SCHEMA},
        })  # fmt: skip
        try:
            answer = await asyncio.wait_for(future, self.approval_timeout)
        except TimeoutError:
            self.asks.pop(eid, None)
            return False
        result = answer.get("result") if isinstance(answer, dict) else None
        if not isinstance(result, dict) or result.get("action") != "accept":
            return False
        content = result.get("content")
        return isinstance(content, dict) and content.get("approve") is True

    # --- server -> client --------------------------------------------------------------

    async def _server_loop(self) -> None:
        assert self.child is not None and self.child.stdout is not None
        while line := await self.child.stdout.readline():
            msg = _parse(line)
            if msg is None:
                log.error("aiegis_guard mcp-proxy: dropped an unreadable line from the server")
                continue
            for one in msg if isinstance(msg, list) else [msg]:  # a batch: each judged
                await self._from_server(one)

    async def _from_server(self, msg: Any) -> None:
        if not isinstance(msg, dict):
            log.error("aiegis_guard mcp-proxy: dropped a server message that is not an object")
            return
        method = msg.get("method")
        if isinstance(method, str):  # a request or a notification of the server's own
            await self._server_request(msg, method)
            return
        pending = self.pending.pop(str(msg.get("id")), None)
        if pending is None:
            pending = _Pending("unmatched")
        await self._to_client(await asyncio.to_thread(self._answer, pending, msg))

    async def _server_request(self, msg: dict[str, Any], method: str) -> None:
        """The server asks the client (sampling, elicitation, roots) or tells it something:
        judged as tool output; withheld when blocked; an id in the proxy's own namespace is
        refused (an answer counts only for the question the proxy asked)."""
        rid = msg.get("id")
        if isinstance(rid, str) and rid.startswith(ASK_PREFIX):
            log.warning("aiegis_guard mcp-proxy: refused a server request in the proxy's id space")
            await self._to_server(_error(rid, "aiegis_guard: this id is reserved"))
            return
        params, notice = await asyncio.to_thread(
            self.judge.untrusted,
            f"server_{_kind(method)}:{_shown_method(method)}",
            msg.get("params"),
        )
        if notice is not None:
            shown = _shown_method(method)
            log.warning("aiegis_guard mcp-proxy: withheld a server %s (%s)", shown, notice)
            if rid is not None:
                await self._to_server(_error(rid, notice))
            return
        await self._to_client({**msg, "params": params} if "params" in msg else msg)

    def _answer(self, pending: _Pending, msg: dict[str, Any]) -> dict[str, Any]:
        result = msg.get("result")
        if pending.method == "tools/list" and "result" in msg:
            return {**msg, "result": self.judge.tool_list(result)}
        if pending.method == "tools/call":
            failed = "error" in msg or (isinstance(result, dict) and result.get("isError") is True)
            self._settle(pending, failed=failed)
            if "result" in msg:
                return {**msg, "result": self.judge.tool_result(pending.name, result)}
            source = f"tool_output:{pending.name[:64]}"
        else:
            source = f"mcp_{_kind(pending.method)}:{_shown_method(pending.method)}"
        judged, notice = self.judge.untrusted(source, msg.get("result", msg.get("error")))
        if notice is not None:
            return _error(msg.get("id"), notice)
        if "result" in msg:
            return {**msg, "result": judged}
        return {**msg, "error": judged} if "error" in msg else msg


def _kind(method: str) -> str:
    """The taint source's kind for an MCP method: ``resources``, ``prompts``, ``sampling``..."""
    head = method.split("/", 1)[0]
    return head if head.isidentifier() else "message"


def _shown_method(method: str) -> str:
    """A method name fit for a log line or a taint source (MCP's are letters and slashes; a
    peer's other text — it could hold a secret — is never echoed)."""
    return method if _METHOD.fullmatch(method) else "other"


def _error(rid: Any, message: str) -> dict[str, Any]:
    return {"jsonrpc": "2.0", "id": rid, "error": {"code": RESERVED, "message": message}}


_INVALID = {
    "jsonrpc": "2.0",
    "id": None,
    "error": {"code": -32600, "message": "aiegis_guard: not a readable JSON-RPC message"},
}


def _parse(line: bytes) -> Any:
    """The JSON value of a line; None when it is not JSON or nests too deeply."""
    try:
        return jsontext.loads(line)
    except ValueError:  # not JSON, not UTF-8, or nested too deeply
        return None


def run_proxy(config: Config, command: Sequence[str], *, classifier: bool = True) -> int:
    """Run ``command`` as a guarded stdio MCP server until either side closes."""
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    guard = Guard(config, classifier=classifier)
    proxy = McpProxy(guard, command, approval_timeout=config.gateway.approval_timeout)
    try:
        return asyncio.run(proxy.run())
    except FileNotFoundError:
        print(f"aiegis-guard mcp-proxy: cannot run {command[0]!r}", file=sys.stderr)
        return 2
