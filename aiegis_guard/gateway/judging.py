"""How the gateway judges a chat: what the model reads (in) and the tool calls it makes (out).

A thin adapter over the tool-call judge the LangChain integration uses
(:mod:`aiegis_guard.callbacks.judge`: secrets, recipients, amounts, transactions inside the
arguments, run taint), so a tool call gets the same verdict whichever surface carries it.

In:  ``tool`` messages are tool output (an injection taints the conversation; a secret or
     a poisoned address is withheld); ``system`` / ``developer`` messages and, with
     ``[guard] audience = "owner"``, ``user`` messages are the owner's prompt (secrets withheld, no
     taint); with ``audience = "public"`` user turns are untrusted and taint as tool output.
Out: each tool call -> ALLOW | FLAG (approval hook) | BLOCK. A value move while the ledger is
     down is blocked (``gateway.ledger_down``); one carrying a transaction reserves and
     commits its spend, so the limits hold across replicas sharing a Redis ledger.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiegis_guard import jsontext
from aiegis_guard.callbacks.judge import (
    args_text,
    block_message,
    combine,
    content_text,
    denied_message,
    is_value_moving,
    judge_call,
    judge_output,
    masked_args,
    quarantine_notice,
)
from aiegis_guard.callbacks.walk import walk
from aiegis_guard.chains.transaction import PayloadKind
from aiegis_guard.errors import DecodeError, GuardBlocked, LedgerError
from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.gateway.textgate import secret_spans
from aiegis_guard.policy import Audience
from aiegis_guard.redact import redact_spans
from aiegis_guard.signers.approval import ApprovalRequest, Approver, ask_async
from aiegis_guard.taint import taints
from aiegis_guard.textcache import text_digest
from aiegis_guard.verdict import Verdict

if TYPE_CHECKING:
    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.config import GatewaySettings
    from aiegis_guard.gateway.health import Health
    from aiegis_guard.gateway.state import SharedState
    from aiegis_guard.guard import Guard
    from aiegis_guard.ledger import SpendReservation

__all__ = ["CallOutcome", "ChatJudge", "withhold_secrets"]

MEMO_SIZE = 4096
_OPENING = json.JSONEncoder(default=str)  # json.dumps(..., default=str) without a new encoder
_ID_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.:")


def gateway_finding(rule: str, message: str, action: Action = Action.BLOCK) -> Finding:
    return Finding(
        rule_id=f"gateway.{rule}",
        category=Category.GUARD,
        severity=Severity.HIGH,
        action=action,
        message=message,
    )


def withhold_secrets(verdict: Verdict, text: str) -> str | None:
    """``text`` with every secret / redactable span masked (None when there is none)."""
    spans = [span for span in secret_spans(verdict) if span[1] <= len(text)]
    return redact_spans(text, spans, "WITHHELD") if spans else None


@dataclass(frozen=True)
class CallOutcome:
    """The decision on one tool call: ``allow`` passes it to the agent unchanged."""

    call: Mapping[str, Any]
    verdict: Verdict
    decision: str  # "allow" | "approved" | "denied" | "block"
    message: str = ""

    @property
    def passes(self) -> bool:
        return self.decision in ("allow", "approved")


class ChatJudge:
    """Judges chat requests and responses for one gateway (thread-safe for judging)."""

    def __init__(
        self,
        guard: Guard,
        state: SharedState,
        health: Health,
        settings: GatewaySettings,
        approver: Approver | None,
    ) -> None:
        self.guard = guard
        self.state = state
        self.health = health
        self.settings = settings
        self.approver = approver
        self._memo: OrderedDict[tuple[str, str], Verdict] = OrderedDict()
        # digest of a tool name -> value-moving by its name and the config (the model writes
        # the names: a cache never holds one in the clear, as it could hold a secret)
        self._moving: dict[bytes, bool] = {}

    # --- conversations ---------------------------------------------------------------------

    def conversation_id(self, header: str | None, messages: Sequence[Any]) -> str:
        """The header's id when it is sane, else a stable hash of the opening messages."""
        if header and len(header) <= 128 and set(header) <= _ID_CHARS:
            return f"h:{header}"
        opening: list[Any] = []
        for m in messages:
            if isinstance(m, Mapping):
                opening.append([m.get("role"), content_text(m.get("content"))[:4096]])
                if m.get("role") == "user":
                    break
        digest = hashlib.sha256(_OPENING.encode(opening).encode("utf-8", "replace"))
        return f"m:{digest.hexdigest()[:32]}"

    # --- in: what the model will read --------------------------------------------------

    def _judge_text(self, text: str, source: Source, surface: str) -> Verdict:
        key = (source.value, hashlib.blake2b(text.encode("utf-8", "replace")).hexdigest())
        verdict = self._memo.get(key)
        if verdict is not None:
            return verdict
        started = time.perf_counter()
        if source is Source.TOOL_OUTPUT:
            verdict, _ = judge_output(self.guard, text, source=source)
        else:
            verdict = self.guard.check_text(text, source=source)
        self.health.observe(surface, verdict, time.perf_counter() - started)
        self._memo[key] = verdict
        if len(self._memo) > MEMO_SIZE:
            self._memo.popitem(last=False)
        return verdict

    def inbound(self, messages: list[Any], conversation: str) -> list[Any]:
        """Messages as the model may read them (withheld / redacted); taints the conversation."""
        names: dict[str, str] = {}
        out: list[Any] = []
        marked: set[str] = set()  # one mark per source and request (a Redis round trip each)
        for m in messages:
            if not isinstance(m, Mapping):
                out.append(m)
                continue
            role = m.get("role")
            for call in m.get("tool_calls") or ():
                if isinstance(call, Mapping) and isinstance(call.get("function"), Mapping):
                    names[str(call.get("id"))] = str(call["function"].get("name") or "tool")
            source, taint_as = self._source_of(role, m, names)
            if source is None or m.get("content") in (None, ""):
                out.append(m)
                continue
            text = content_text(m.get("content"))
            verdict = self._judge_text(text, source, "proxy_in")
            if taint_as and taint_as not in marked and taints(verdict):
                self.state.mark(conversation, taint_as)
                marked.add(taint_as)
            out.append(self._withheld(m, verdict, text, bool(taint_as)))
        return out

    def _source_of(
        self, role: Any, m: Mapping[str, Any], names: Mapping[str, str]
    ) -> tuple[Source | None, str]:
        if role == "tool":
            return (
                Source.TOOL_OUTPUT,
                f"tool_output:{names.get(str(m.get('tool_call_id')), 'tool')}",
            )
        if role == "function":
            return Source.TOOL_OUTPUT, f"tool_output:{m.get('name') or 'function'}"
        if role == "user":
            if self.guard.policy.audience is Audience.PUBLIC:
                return Source.TOOL_OUTPUT, "prompt:user"
            return Source.PROMPT, ""
        if role in ("system", "developer"):
            return Source.PROMPT, ""
        return None, ""

    def _withheld(self, m: Mapping[str, Any], verdict: Verdict, text: str, untrusted: bool) -> Any:
        if not verdict.findings:  # nothing to withhold, mask or quarantine
            return m
        if verdict.blocked or (untrusted and self.guard.config.quarantine and taints(verdict)):
            role = m.get("role")
            what = "tool result" if role in ("tool", "function") else f"{role} message"
            return {**m, "content": quarantine_notice(verdict, what)}
        masked = verdict.redacted_text or withhold_secrets(verdict, text)
        return {**m, "content": masked} if masked is not None else m

    # --- out: what the model says and asks to do ---------------------------------------

    def outbound_text(self, text: str) -> str:
        """The model's text with any secret in it withheld."""
        if not text:
            return text
        verdict = self._judge_text(text, Source.LLM_OUTPUT, "proxy_out")
        return withhold_secrets(verdict, text) or text

    async def judge_calls(self, calls: Sequence[Any], conversation: str) -> list[CallOutcome]:
        tainted = self.state.tainted_by(conversation) if calls else ()
        return [await self.judge_call(c, tainted) for c in calls]

    async def judge_call(self, call: Any, tainted: Sequence[str]) -> CallOutcome:
        problem = _malformed(call)
        if problem:
            bad = Verdict(
                action=Action.BLOCK,
                findings=(gateway_finding("malformed_tool_call", problem),),
                source=Source.TOOL_INPUT,
            )
            text = block_message(bad, _NOT_SENT)
            return CallOutcome(call if isinstance(call, Mapping) else {}, bad, "block", text)
        fn = call["function"]
        name = str(fn.get("name") or "")
        args = _arguments(fn.get("arguments"))
        started = time.perf_counter()
        verdict, moving, transfers = self._verdict_for(name, args, tainted)
        elapsed = time.perf_counter() - started
        outcome = await self._decide(call, name, args, verdict)
        if outcome.passes and moving:
            spent = self._spend(args, verdict, transfers)
            if spent.blocked:
                outcome = CallOutcome(call, spent, "block", block_message(spent, _NOT_SENT))
        self.health.observe("proxy_out", outcome.verdict, elapsed)
        return outcome

    def _verdict_for(
        self, name: str, args: Any, tainted: Sequence[str]
    ) -> tuple[Verdict, bool, Sequence[DecodedTransaction]]:
        key = text_digest(name)
        moving = self._moving.get(key)
        if moving is None:  # a pure function of the name and the config: once per name
            moving = is_value_moving(name, self.guard.config.tools)
            if len(self._moving) < MEMO_SIZE:
                self._moving[key] = moving
        judged = judge_call(self.guard, name, args, value_moving=moving, tainted_by=tainted)
        verdict = judged.verdict
        if judged.value_moving and self.health.ledger_down:
            down = gateway_finding("ledger_down", "the spend ledger is down; value moves blocked")
            verdict = combine([verdict, Verdict(action=Action.BLOCK, findings=(down,))])
        return verdict, judged.value_moving, judged.transfers

    def _spend(
        self, args: Any, verdict: Verdict, transfers: Sequence[DecodedTransaction]
    ) -> Verdict:
        """Reserve the call's spend, then commit it: the agent is handed the call now, so it
        counts now (a refusal holds nothing)."""
        try:
            held = reserve_spends(self.guard, args, transfers)
            for reservation in held:
                reservation.commit()
        except GuardBlocked as exc:
            return combine([verdict, exc.verdict])
        except LedgerError:
            down = gateway_finding("ledger_down", "the spend ledger failed; value move blocked")
            return combine([verdict, Verdict(action=Action.BLOCK, findings=(down,))])
        return verdict

    async def _decide(self, call: Any, name: str, args: Any, verdict: Verdict) -> CallOutcome:
        if verdict.allowed:
            return CallOutcome(call, verdict, "allow")
        if verdict.blocked:
            return CallOutcome(call, verdict, "block", block_message(verdict, _NOT_SENT))
        request = ApprovalRequest(
            action=name or "tool_call",
            verdict=verdict,
            details={"arguments": masked_args(verdict, args_text(args))},
        )
        if await ask_async(self.approver, request, audit=self.guard.audit):
            return CallOutcome(call, verdict, "approved")
        return CallOutcome(call, verdict, "denied", denied_message(verdict))


_NOT_SENT = "The tool call was withheld from the agent."


def reserve_spends(
    guard: Guard, args: Any, transfers: Sequence[DecodedTransaction] = ()
) -> list[SpendReservation]:
    """Reserve the spend of every transaction in ``args`` — or, when it carries none, of the
    transfers its recipient and amount fields name (they read the same fields: never both) —
    all or nothing. Raises GuardBlocked (over a limit) / LedgerError."""
    decoded = []
    for payload in walk(args).payloads:
        if payload.kind is PayloadKind.TRANSACTION:
            try:
                decoded.append(guard.decode_transaction(payload.value))
            except DecodeError:  # judged already: tx.undecodable needed a human
                continue
    if not decoded:
        decoded = list(transfers)
    held: list[SpendReservation] = []
    try:
        for tx in decoded:
            held.append(guard.spend(tx))
    except (GuardBlocked, LedgerError):
        for reservation in held:
            reservation.rollback()
        raise
    return held


def _malformed(call: Any) -> str:
    """Why a tool call cannot be judged ("" when it can)."""
    if not isinstance(call, Mapping) or not isinstance(call.get("function"), Mapping):
        return "a tool call without a function"
    raw = call["function"].get("arguments")
    if isinstance(raw, str) and jsontext.nesting_depth(raw) > jsontext.MAX_DEPTH:
        return f"tool-call arguments nest deeper than {jsontext.MAX_DEPTH} levels"
    return ""


def _arguments(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            return jsontext.loads(raw)
        except ValueError:
            return raw
    return raw if raw is not None else {}
