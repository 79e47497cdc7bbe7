"""The judging half of ``mcp-proxy`` (no I/O): tool lists, tool calls and tool results.

Reuses the tool-call judge of the LangChain integration, so an MCP call gets the same verdict
as the same call made by a LangChain agent. Taint lives in the guard's taint store under one
key per proxied session.
"""

from __future__ import annotations

import logging
from typing import Any

from aiegis_guard.callbacks.judge import (
    Judged,
    combine,
    is_value_moving,
    judge_call,
    judge_output,
    quarantine_notice,
)
from aiegis_guard.findings import Action, Source
from aiegis_guard.gateway.definitions import definition_text
from aiegis_guard.gateway.judging import gateway_finding, names_a_secret, withhold_secrets
from aiegis_guard.gateway.spending import reserve_spends
from aiegis_guard.gateway.textgate import secret_spans
from aiegis_guard.gateway.tree import map_text, tree_text
from aiegis_guard.guard import Guard
from aiegis_guard.ledger import SpendReservation
from aiegis_guard.taint import taints
from aiegis_guard.verdict import Verdict

__all__ = ["APPROVE_SCHEMA", "McpGuard", "tool_error"]

log = logging.getLogger("aiegis_guard")

SESSION = ("mcp", "session")
APPROVE_SCHEMA = {
    "type": "object",
    "properties": {"approve": {"type": "boolean", "title": "Approve this tool call?"}},
    "required": ["approve"],
}


def tool_error(rid: Any, text: str) -> dict[str, Any]:
    result = {"content": [{"type": "text", "text": text}], "isError": True}
    return {"jsonrpc": "2.0", "id": rid, "result": result}


class McpGuard:
    """The judging half of the proxy (no I/O): requests and results in, decisions out."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.withheld: set[str] = set()
        self.elicitation = False

    def tool_list(self, result: Any) -> Any:
        """The ``tools/list`` result without the tools whose definition is poisoned: every
        string of a tool (descriptions at any depth, ``$defs``, enums, defaults, titles,
        ``outputSchema``, ``annotations``) is read as untrusted text."""
        if not isinstance(result, dict) or not isinstance(result.get("tools"), list):
            return result
        kept = []
        for tool in result["tools"]:
            name = str(tool.get("name")) if isinstance(tool, dict) else ""
            verdict = self.guard.check_text(definition_text(tool), source=Source.TOOL_OUTPUT)
            if verdict.blocked or taints(verdict):
                self.withheld.add(name)
                self._audit("mcp_tool_list", verdict, tool=name, outcome="withheld")
                log.warning(
                    "aiegis_guard mcp-proxy: tool %r withheld (%s)", name[:64], verdict.summary()
                )
            else:
                kept.append(tool)
        return {**result, "tools": kept}

    def judge_call(self, params: Any) -> tuple[str, Any, Judged]:
        """(name, arguments, judged) for a ``tools/call`` request."""
        params = params if isinstance(params, dict) else {}
        name = str(params.get("name") or "")
        args = params.get("arguments") or {}
        moving = is_value_moving(name, self.guard.config.tools)
        tainted = self.guard.taint.tainted_by(SESSION)
        judged = judge_call(self.guard, name, args, value_moving=moving, tainted_by=tainted)
        if name in self.withheld:
            found = gateway_finding("tool_withheld", "this tool's description was judged poisoned")
            verdict = combine([judged.verdict, Verdict(action=Action.BLOCK, findings=(found,))])
            judged = Judged(verdict, judged.value_moving, judged.transfers)
        if self._names_a_secret(name):  # the server would read (and log) it as the tool's name
            found = gateway_finding("secret_in_call", "a secret in the tool call's name; withheld")
            verdict = combine([judged.verdict, Verdict(action=Action.BLOCK, findings=(found,))])
            judged = Judged(verdict, judged.value_moving, judged.transfers)
        return name, args, judged

    def _names_a_secret(self, name: str) -> bool:
        """Does a tool's name carry a secret (a raw 32-byte key run, or a secret the guard
        finds with the name's separators read as spaces)?"""
        if not name:
            return False
        return names_a_secret(name, lambda t: self.guard.check_text(t, source=Source.TOOL_INPUT))

    def spend(self, args: Any, judged: Judged) -> list[SpendReservation]:
        """Reserve the call's spend; raises GuardBlocked / LedgerError (then none is held)."""
        return reserve_spends(self.guard, args, judged.transfers)

    def tool_result(self, name: str, result: Any) -> Any:
        """The result as the client may see it (``content``, ``structuredContent`` and every
        other field read); an injection taints the session."""
        if not isinstance(result, dict):
            return result
        judged, notice = self.untrusted(f"tool_output:{name[:64]}", result)
        if notice is None:
            return judged
        out = {k: v for k, v in result.items() if k not in ("content", "structuredContent")}
        out["content"] = [{"type": "text", "text": notice}]
        if "structuredContent" in result:  # withheld: the SDK skips its schema for an error
            out["isError"] = True
        return out

    def untrusted(self, source: str, value: Any) -> tuple[Any, str | None]:
        """Judge every string of what the server sends (a result, a request's or a
        notification's params) as tool output: ``(value with secrets withheld, None)``, or
        ``(value, notice)`` when the whole of it must be withheld (blocked, or tainting with
        ``quarantine``). An injection taints the session under ``source``."""
        text = tree_text(value)
        if not text:
            return value, None
        verdict, _ = judge_output(self.guard, text, source=Source.TOOL_OUTPUT)
        if taints(verdict):
            self.guard.taint.mark(SESSION, source)
        if verdict.blocked or (taints(verdict) and self.guard.config.quarantine):
            self._audit("mcp_untrusted", verdict, source=source, outcome="withheld")
            return value, quarantine_notice(verdict, source.split(":", 1)[0].replace("_", " "))
        if not (verdict.redacted_text or secret_spans(verdict)):
            return value, None
        return map_text(value, self._mask), None

    def _mask(self, text: str) -> str:
        verdict, _ = judge_output(self.guard, text, source=Source.TOOL_OUTPUT)
        return verdict.redacted_text or withhold_secrets(verdict, text) or text

    def _audit(self, kind: str, verdict: Verdict, **extra: Any) -> None:
        if self.guard.audit is not None:
            self.guard.audit.record(kind, verdict, **extra)
