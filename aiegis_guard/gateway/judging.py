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
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
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
from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.gateway.arguments import Arguments, read_arguments
from aiegis_guard.gateway.linking import call_links, mark_links
from aiegis_guard.gateway.spending import release, reserve_spends
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

__all__ = [
    "CallOutcome",
    "ChatJudge",
    "names_a_secret",
    "withhold_secrets",
]

MEMO_SIZE = 4096
_OPENING = json.JSONEncoder(default=str)  # json.dumps(..., default=str) without a new encoder
NAME_SEPARATORS = re.compile(r"[_\-.:/]")
KEY_RUN = re.compile(r"[0-9a-fA-F]{64}")  # a raw 32-byte key (or hash): no tool's name or id
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

    def judge_text(self, text: str, source: Source, surface: str) -> Verdict:
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
            verdict = self.judge_text(text, source, "proxy_in")
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
        verdict = self.judge_text(text, Source.LLM_OUTPUT, "proxy_out")
        return withhold_secrets(verdict, text) or text

    async def judge_calls(self, calls: Sequence[Any], conversation: str) -> list[CallOutcome]:
        tainted = self.state.tainted_by(conversation) if calls else ()
        if tainted:  # the next request links back through these calls' ids
            mark_links(self.state, call_links(calls), tainted)
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
            return CallOutcome(_shown(call), bad, "block", text)
        fn = call["function"]
        name = str(fn.get("name") or "")
        read = read_arguments(fn.get("arguments"))
        started = time.perf_counter()
        verdict, moving, spends = self._verdict_for(name, read, tainted)
        leaked = self._secret_in_ids(call)
        if leaked is not None:
            verdict = combine([verdict, leaked])
        elapsed = time.perf_counter() - started
        shown = read.readings[0] if read.exact else read.readings[-1]  # inexact: the raw text
        outcome = await self._decide(call, name, shown, verdict)
        if outcome.passes and moving:
            spent = self._spend(spends, verdict)
            if spent.blocked:
                outcome = CallOutcome(call, spent, "block", block_message(spent, _NOT_SENT))
        if leaked is not None:  # what is echoed (aiegis.tool_calls) never carries the secret
            outcome = CallOutcome(
                self._masked_ids(call), outcome.verdict, outcome.decision, outcome.message
            )
        self.health.observe("proxy_out", outcome.verdict, elapsed)
        return outcome

    def _secret_in_ids(self, call: Mapping[str, Any]) -> Verdict | None:
        """BLOCK when the call's name or id (model-written text the agent stores, logs and
        feeds back: "unknown tool <name>") carries a secret."""
        for text in _ids(call):
            if text and self._id_secret(text):
                found = gateway_finding(
                    "secret_in_call", "a secret in the tool call's name or id; withheld"
                )
                return Verdict(action=Action.BLOCK, findings=(found,), source=Source.TOOL_INPUT)
        return None

    def _id_secret(self, text: str) -> bool:
        return names_a_secret(text, lambda t: self.judge_text(t, Source.LLM_OUTPUT, "proxy_out"))

    def _masked_ids(self, call: Mapping[str, Any]) -> dict[str, Any]:
        """``call`` with its name and id withheld where they carry a secret."""
        out = {**call, "function": dict(call["function"])}
        for holder, key in ((out["function"], "name"), (out, "id")):
            text = holder.get(key)
            if isinstance(text, str) and self._id_secret(text):
                holder[key] = "[WITHHELD]"
        return out

    def _verdict_for(
        self, name: str, read: Arguments, tainted: Sequence[str]
    ) -> tuple[Verdict, bool, list[tuple[Any, Sequence[DecodedTransaction]]]]:
        """The verdict over every reading of the arguments, whether the call moves value, and
        what each reading would spend. Arguments that are not exact JSON are a value move
        that could not be read: FLAG (a human decides), every reading judged and reserved."""
        key = text_digest(name)
        moving = self._moving.get(key)
        if moving is None:  # a pure function of the name and the config: once per name
            moving = is_value_moving(name, self.guard.config.tools)
            if len(self._moving) < MEMO_SIZE:
                self._moving[key] = moving
        verdicts: list[Verdict] = []
        spends: list[tuple[Any, Sequence[DecodedTransaction]]] = []
        value_moving = moving or not read.exact
        for args in read.readings:
            judged = judge_call(
                self.guard, name, args, value_moving=value_moving, tainted_by=tainted
            )
            verdicts.append(judged.verdict)
            value_moving = value_moving or judged.value_moving
            spends.append((args, judged.transfers))
        if not read.exact:
            found = gateway_finding(
                "unreadable_arguments",
                "the tool-call arguments are not exact JSON; every lenient reading was judged",
                Action.FLAG,
            )
            verdicts.append(Verdict(action=Action.FLAG, findings=(found,)))
            if len(spends) > 1:  # the raw text is judged for its words; the readings spend
                spends.pop()
        verdict = combine(verdicts)
        if value_moving and self.health.ledger_down:
            down = gateway_finding("ledger_down", "the spend ledger is down; value moves blocked")
            verdict = combine([verdict, Verdict(action=Action.BLOCK, findings=(down,))])
        return verdict, value_moving, spends

    def _spend(
        self, spends: Sequence[tuple[Any, Sequence[DecodedTransaction]]], verdict: Verdict
    ) -> Verdict:
        """Reserve the call's spend (every reading's), then commit it: the agent is handed the
        call now, so it counts now (a refusal holds nothing)."""
        held: list[SpendReservation] = []
        try:
            for args, transfers in spends:
                held += reserve_spends(self.guard, args, transfers)
        except GuardBlocked as exc:
            release(held)
            return combine([verdict, exc.verdict])
        except LedgerError:
            release(held)
            return _ledger_failed(verdict)
        try:
            for reservation in held:
                reservation.commit()
        except LedgerError:
            return _ledger_failed(verdict)
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


def _ledger_failed(verdict: Verdict) -> Verdict:
    """``verdict`` with the value move blocked: reserving or committing its spend failed."""
    down = gateway_finding("ledger_down", "the spend ledger failed; value move blocked")
    return combine([verdict, Verdict(action=Action.BLOCK, findings=(down,))])


def names_a_secret(text: str, check: Callable[[str], Verdict]) -> bool:
    """Does a tool's name / a call's id carry a secret: a raw key run, or a secret ``check``
    finds with the name read as words (``private_key_0x…``: the separators a name uses
    instead of spaces would hide a key from the word-bounded rules)?"""
    if KEY_RUN.search(text):
        return True
    return bool(secret_spans(check(NAME_SEPARATORS.sub(" ", text))))


def _ids(call: Mapping[str, Any]) -> tuple[str, ...]:
    fn = call.get("function")
    name = fn.get("name") if isinstance(fn, Mapping) else None
    return tuple(t for t in (name, call.get("id")) if isinstance(t, str))


def _shown(call: Any) -> Mapping[str, Any]:
    """What a malformed call echoes: its id and name only when they are short and plain."""
    if not isinstance(call, Mapping):
        return {}
    fn = call.get("function")
    name = fn.get("name") if isinstance(fn, Mapping) else None
    return {
        "id": call.get("id") if _plain_id(call.get("id")) else None,
        "function": {"name": name if _plain_id(name) else None},
    }


def _plain_id(value: Any) -> bool:
    return isinstance(value, str) and len(value) <= 64 and set(value) <= _ID_CHARS


def _malformed(call: Any) -> str:
    """Why a tool call cannot be judged ("" when it can)."""
    if not isinstance(call, Mapping) or not isinstance(call.get("function"), Mapping):
        return "a tool call without a function"
    raw = call["function"].get("arguments")
    if isinstance(raw, str) and jsontext.nesting_depth(raw) > jsontext.MAX_DEPTH:
        return f"tool-call arguments nest deeper than {jsontext.MAX_DEPTH} levels"
    return ""
