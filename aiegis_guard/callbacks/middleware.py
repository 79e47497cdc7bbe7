"""``GuardMiddleware`` for ``langchain.agents.create_agent`` (needs the full ``langchain``).

    guard_mw = GuardMiddleware(guard=guard)
    agent = create_agent(model, tools, middleware=[guard_mw])
    # FLAGged calls to a human through LangChain's own HumanInTheLoopMiddleware:
    agent = create_agent(model, tools, middleware=[guard_mw, guard_mw.human_review(tools)],
                         checkpointer=InMemorySaver())

- ``before_model``: messages new since the last model call are judged (prompt, tool output,
  replayed memory); injected content taints the run, a BLOCK replaces the offending message
  by a notice and ends the run (``jump_to="end"``) so the model cannot retry.
- ``wrap_model_call`` / ``awrap_model_call``, after the model answered: its tool calls are
  judged together: blocked calls are answered with an error ``ToolMessage`` (the history
  stays valid, the tool never runs) and a batch holding a blocked call taints its
  value-moving siblings; a reply holding a secret is replaced and the loop ends.
- ``wrap_tool_call`` / ``awrap_tool_call``: the call is judged again (edited arguments,
  taint), BLOCK -> error ``ToolMessage``; FLAG on a value-moving call -> approved by the
  review middleware (recorded in state) or the ``approver`` (default deny); the result is
  judged before the model sees it (taint, quarantine).

Taint lives in the agent state (``aiegis_taint``), so it survives a checkpointer, a
``thread_id`` and an interrupt; the review predicate reads only the state, so it answers the
same on resume.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any, NamedTuple, cast

from langchain.agents.middleware import AgentMiddleware
from langchain.agents.middleware.human_in_the_loop import DecisionType, InterruptOnConfig
from langchain.agents.middleware.types import (
    ExtendedModelResponse,
    ModelCallResult,
    ModelRequest,
    ModelResponse,
    ToolCallRequest,
    hook_config,
)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AnyMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolCall,
    ToolMessage,
)
from langchain_core.tools import BaseTool
from langgraph.runtime import Runtime
from langgraph.types import Command

from aiegis_guard.callbacks.approval import request_approval, request_approval_async
from aiegis_guard.callbacks.judge import (
    args_text,
    block_message,
    content_text,
    denied_message,
    is_value_moving,
    judge_call,
    masked_args,
    quarantine_notice,
    reserve_transfers,
)
from aiegis_guard.callbacks.messages import (
    JUDGED,
    command_messages,
    is_judged,
    judge_relayed,
    judge_tool_message,
    mark_judged,
    message_text,
    with_messages,
)
from aiegis_guard.callbacks.review import GuardReview
from aiegis_guard.callbacks.state import GuardState
from aiegis_guard.callbacks.stream import GuardedChatModel
from aiegis_guard.chains.transaction import DecodedTransaction
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.taint import merge_sources, taints
from aiegis_guard.textcache import text_digest
from aiegis_guard.verdict import Verdict

__all__ = ["GuardMiddleware", "GuardState"]

_ENDED = "The run was stopped."


class Judged(NamedTuple):
    """A call's verdict, whether it moves value, and what it spends (``transfers``: every
    transaction in its arguments and the transfers its fields name)."""

    verdict: Verdict
    moves: bool
    transfers: tuple[DecodedTransaction, ...]


class GuardMiddleware(AgentMiddleware[GuardState, Any]):
    """The guard as ``create_agent`` middleware: one line, sync and async."""

    state_schema = GuardState

    def __init__(
        self,
        guard: Guard | None = None,
        *,
        approver: Any = None,
        quarantine: bool | None = None,
        on_block: str | None = None,
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        self.guard = guard if guard is not None else Guard()
        self.approver = approver
        self.quarantine = self.guard.config.quarantine if quarantine is None else quarantine
        self.on_block = on_block or self.guard.config.tools.on_block
        self.context = context
        self._cache: OrderedDict[tuple[Any, ...], Judged] = OrderedDict()

    # --- judging (pure functions of the call and the state; cached) ------------------------

    def _judge_call(self, call: ToolCall, taint: Sequence[str]) -> Judged:
        key = (call["name"], call.get("id"), text_digest(args_text(call["args"])), tuple(taint))
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        vm = is_value_moving(call["name"], self.guard.config.tools)
        full = judge_call(
            self.guard,
            call["name"],
            call["args"],
            value_moving=vm,
            tainted_by=taint,
            context=self.context,
        )
        verdict = full.verdict
        moves = full.value_moving or any(f.rule_id.startswith("tx.") for f in verdict.findings)
        judged = Judged(verdict, moves, full.spends)
        self._cache[key] = judged
        if len(self._cache) > 512:
            self._cache.popitem(last=False)
        return judged

    def _judge_batch(
        self, calls: Sequence[ToolCall], taint: Sequence[str]
    ) -> tuple[dict[str, Judged], list[str]]:
        """Every call of one model turn; a blocked call taints its value-moving siblings."""
        judged = {c["id"] or "": self._judge_call(c, taint) for c in calls}
        extra = [f"tool_call:{c['name']}" for c in calls if judged[c["id"] or ""][0].blocked]
        if extra:
            more = merge_sources(taint, extra)
            for c in calls:
                verdict, vm, _ = judged[c["id"] or ""]
                if vm and not verdict.blocked:
                    judged[c["id"] or ""] = self._judge_call(c, more)
        return judged, extra

    def review_needed(self, call: ToolCall, state: Any) -> bool:
        """Does this call need a human? Reads only the call and the state (resume-safe)."""
        taint = state.get("aiegis_taint") or []
        ai = _last_ai(state.get("messages") or [])
        calls = ai.tool_calls if ai is not None and ai.tool_calls else [call]
        judged, _ = self._judge_batch(calls, taint)
        verdict, vm, _ = judged.get(call["id"] or "") or self._judge_call(call, taint)
        return verdict.flagged and (vm or bool(verdict.tainted_by))

    def human_review(
        self,
        tools: Iterable[BaseTool | str],
        *,
        allowed_decisions: Sequence[DecisionType] = ("approve", "reject"),
        description_prefix: str = "aiegis_guard asks for approval",
    ) -> GuardReview:
        """LangChain's ``HumanInTheLoopMiddleware`` asking about the calls this guard FLAGs."""
        names = [t if isinstance(t, str) else t.name for t in tools]
        config = InterruptOnConfig(
            allowed_decisions=list(allowed_decisions),
            description=self._describe,  # type: ignore[typeddict-item]
            when=lambda request: self.review_needed(request.tool_call, request.state),
        )
        return GuardReview(self, {n: config for n in names}, description_prefix)

    def _describe(self, call: ToolCall, state: Any, runtime: Any) -> str:
        verdict = self._judge_call(call, state.get("aiegis_taint") or []).verdict
        args = masked_args(verdict, args_text(call["args"]))
        return f"aiegis_guard asks for approval: {call['name']}\n{verdict.explain()}\nargs: {args}"

    # --- before / after the model ---------------------------------------------------------

    @hook_config(can_jump_to=["end"])
    def before_model(self, state: GuardState, runtime: Runtime[Any]) -> dict[str, Any] | None:
        messages = state["messages"]
        first = not state.get("aiegis_checked")
        replaced: list[AnyMessage] = []
        taint: list[str] = []
        for i in _new_messages(messages, first):
            message = messages[i]
            source = _source_of(message)
            verdict = self.guard.check_text(message_text(message), source=source)
            if taints(verdict):
                taint.append(f"{source.value}:{message.id or i}")
            if verdict.blocked:
                return self._hard_block(verdict, [*replaced, message], taint)
            if taints(verdict) and self.quarantine and source is not Source.PROMPT:
                replaced.append(_with_content(message, quarantine_notice(verdict)))
        if not (replaced or taint or first):
            return None  # the common case: no state write, no extra LangGraph work
        return {"messages": replaced, "aiegis_taint": taint, "aiegis_checked": True}

    def _hard_block(
        self, verdict: Verdict, messages: list[AnyMessage], taint: list[str]
    ) -> dict[str, Any]:
        """The last message is withheld (replaced in place) and the run ends: no retry."""
        if self.on_block == "raise":
            raise GuardBlocked(verdict)
        *replaced, offending = messages
        notice = f"[aiegis_guard: message withheld: {', '.join(verdict.rule_ids)}]"
        return {
            "messages": [
                *replaced,
                _with_content(offending, notice),
                AIMessage(content=block_message(verdict, _ENDED)),
            ],
            "aiegis_taint": taint,
            "aiegis_checked": True,
            "jump_to": "end",
        }

    @hook_config(can_jump_to=["end"])
    async def abefore_model(
        self, state: GuardState, runtime: Runtime[Any]
    ) -> dict[str, Any] | None:
        return self.before_model(state, runtime)

    # --- around the model call: its reply and its batch of tool calls ---------------------

    def wrap_model_call(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], ModelResponse[Any]],
    ) -> ModelCallResult[Any]:
        return self._judge_reply(handler(self._held(request)), request.state)

    async def awrap_model_call(
        self,
        request: ModelRequest[Any],
        handler: Callable[[ModelRequest[Any]], Awaitable[ModelResponse[Any]]],
    ) -> ModelCallResult[Any]:
        return self._judge_reply(await handler(self._held(request)), request.state)

    def _held(self, request: ModelRequest[Any]) -> ModelRequest[Any]:
        """The model streamed through the guard's look-behind buffer (``callbacks.stream``)."""
        model = request.model
        if not isinstance(model, BaseChatModel) or isinstance(model, GuardedChatModel):
            return request
        held = GuardedChatModel(inner=model, guard=self.guard, on_block=self.on_block)
        return request.override(model=held)

    def _judge_reply(self, response: Any, state: Any) -> ModelCallResult[Any]:
        """Judge the model's reply; its tool calls are judged together, as one batch.

        Done inside the model call rather than in an ``after_model`` node: the same effect
        (blocked calls answered by error ``ToolMessage``s before any tool runs) without the
        cost of one more graph step per model turn.
        """
        if isinstance(response, AIMessage):
            response = ModelResponse(result=[response])
        if not isinstance(response, ModelResponse):
            return response  # type: ignore[no-any-return]  # already extended by another
        ai = next((m for m in response.result if isinstance(m, AIMessage)), None)
        if ai is None:
            return response
        text = content_text(ai.content)
        said = self.guard.check_text(text, source=Source.LLM_OUTPUT) if text else None
        if said is not None and said.blocked:
            if self.on_block == "raise":
                raise GuardBlocked(said)
            # no tool calls: the loop ends here, the model gets no second try
            return ModelResponse(result=[AIMessage(content=block_message(said, _ENDED), id=ai.id)])
        if not ai.tool_calls:
            return response
        judged, extra = self._judge_batch(ai.tool_calls, state.get("aiegis_taint") or [])
        answers = []
        for call in ai.tool_calls:
            verdict = judged[call["id"] or ""].verdict
            if verdict.blocked:
                if self.on_block == "raise":
                    raise GuardBlocked(verdict)
                answers.append(_error(call, block_message(verdict), "block"))
        if not answers:
            return response
        update = {"messages": answers, "aiegis_taint": extra}
        return ExtendedModelResponse(model_response=response, command=Command(update=update))

    # --- around each tool call --------------------------------------------------------------

    def _gate(self, request: ToolCallRequest) -> tuple[Judged, bool, ToolMessage | None]:
        """(judged call, needs approval, refusal) for a call about to run."""
        call = request.tool_call
        judged = self._judge_call(call, request.state.get("aiegis_taint") or [])
        verdict, vm, _ = judged
        if verdict.blocked:
            if self.on_block == "raise":
                raise GuardBlocked(verdict)
            return judged, False, _error(call, block_message(verdict), "block")
        approved = call.get("id") in (request.state.get("aiegis_approved") or ())
        needs = verdict.flagged and (vm or bool(verdict.tainted_by)) and not approved
        return judged, needs, None

    def _denied(self, call: ToolCall, verdict: Verdict) -> ToolMessage:
        if self.on_block == "raise":
            raise GuardBlocked(verdict, denied_message(verdict))
        return _error(call, denied_message(verdict), "denied")

    def _details(self, call: ToolCall, verdict: Verdict) -> dict[str, Any]:
        return {"tool": call["name"], "args": masked_args(verdict, args_text(call["args"]))}

    def wrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], ToolMessage | Command[Any]],
    ) -> ToolMessage | Command[Any]:
        judged, needs, refusal = self._gate(request)
        if refusal is not None:
            return refusal
        call, verdict = request.tool_call, judged.verdict
        if needs and not request_approval(
            self.approver, call["name"], verdict, self._details(call, verdict), self.guard
        ):
            return self._denied(call, verdict)
        try:
            reservation = reserve_transfers(self.guard, judged.transfers, self.context)
        except GuardBlocked as exc:  # over a limit: the tool never runs
            return self._refusal(call, exc)
        with reservation:
            result = handler(request)
        return self._judge_result(result, call)

    async def awrap_tool_call(
        self,
        request: ToolCallRequest,
        handler: Callable[[ToolCallRequest], Awaitable[ToolMessage | Command[Any]]],
    ) -> ToolMessage | Command[Any]:
        judged, needs, refusal = self._gate(request)
        if refusal is not None:
            return refusal
        call, verdict = request.tool_call, judged.verdict
        if needs and not await request_approval_async(
            self.approver, call["name"], verdict, self._details(call, verdict), self.guard
        ):
            return self._denied(call, verdict)
        try:
            reservation = reserve_transfers(self.guard, judged.transfers, self.context)
        except GuardBlocked as exc:  # over a limit: the tool never runs
            return self._refusal(call, exc)
        with reservation:
            result = await handler(request)
        return self._judge_result(result, call)

    def _refusal(self, call: ToolCall, exc: GuardBlocked) -> ToolMessage:
        if self.on_block == "raise":
            raise exc
        return _error(call, block_message(exc.verdict), "block")

    def _judge_result(
        self, result: ToolMessage | Command[Any], call: ToolCall
    ) -> ToolMessage | Command[Any]:
        """Judge what the tool returned before the model reads it."""
        if isinstance(result, ToolMessage):
            message, taint = self._judge_message(result, call["name"])
            return (
                Command(update={"messages": [message], "aiegis_taint": taint}) if taint else message
            )
        relayed = command_messages(result)
        if not relayed:
            return result
        # every relayed message (AI, human, tool, dicts) is judged; the guard's own state
        # keys are not the tool's to write
        messages, verdict = judge_relayed(self.guard, relayed, quarantine=self.quarantine)
        marked = [mark_judged(m, verdict) for m in messages]
        extra = {}
        if verdict is not None and taints(verdict):
            extra["aiegis_taint"] = [f"tool_output:{call['name']}"]
        return cast("Command[Any]", with_messages(result, marked, extra))

    def _judge_message(self, message: ToolMessage, name: str) -> tuple[Any, list[str]]:
        return judge_tool_message(self.guard, message, name, quarantine=self.quarantine)


# --- message helpers -------------------------------------------------------------------------


def _last_ai(messages: Sequence[BaseMessage]) -> AIMessage | None:
    return next((m for m in reversed(messages) if isinstance(m, AIMessage)), None)


def _new_messages(messages: Sequence[BaseMessage], first: bool) -> list[int]:
    """Indexes of the messages to judge before a model call.

    The first call of a thread judges everything it starts with (prompt and replayed memory,
    model messages included); later calls judge what came after the model's last message
    (tool results not already judged by the tool hook, new user messages).
    """
    start = 0
    if not first:
        last_ai = next((i for i in range(len(messages) - 1, -1, -1) if _is_ai(messages[i])), -1)
        start = last_ai + 1
    return [
        i
        for i in range(start, len(messages))
        if not _judged(messages[i]) and (first or not _is_ai(messages[i]))
    ]


def _is_ai(message: BaseMessage) -> bool:
    return isinstance(message, AIMessage)


def _judged(message: BaseMessage) -> bool:
    return is_judged(message)


def _source_of(message: BaseMessage) -> Source:
    if isinstance(message, HumanMessage | SystemMessage):
        return Source.PROMPT
    if isinstance(message, ToolMessage):
        return Source.TOOL_OUTPUT
    return Source.MEMORY


def _with_content(message: BaseMessage, text: str) -> Any:
    return message.model_copy(update={"content": text})  # same id: replaced in place


def _error(call: ToolCall, text: str, why: str) -> ToolMessage:
    return ToolMessage(
        content=text,
        name=call["name"],
        tool_call_id=call["id"] or "",
        status="error",
        response_metadata={JUDGED: why},
    )
