"""Guarded tools: the guard in the call path, so a blocked call never executes.

    tools = guard_tools([transfer, read_docs], guard=guard)
    agent = create_agent(model, tools=tools)

A :class:`GuardedTool` keeps the wrapped tool's name, description and argument schema (so
``bind_tools`` and tool-calling agents see the same tool) and, for every call:

1. judges the arguments (``source=tool_input``; value-moving tools also through the run taint
   and the chain inspectors for any transaction / typed data inside them);
2. BLOCK -> ``ToolException`` the model reads ("blocked by aiegis_guard: tx.evm.… ") or, with
   ``on_block="raise"``, :class:`~aiegis_guard.GuardBlocked` aborting the run;
   FLAG on a value-moving tool -> the approver (default: deny -> "needs approval: denied");
3. runs the tool, then judges its output (``source=tool_output``): injected content taints the
   run; blocked content (or, with quarantine, injected content) is replaced by a notice.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Hashable, Sequence
from typing import Any, Literal, get_type_hints

from langchain_core.callbacks import AsyncCallbackManagerForToolRun, CallbackManagerForToolRun
from langchain_core.messages import ToolMessage
from langchain_core.runnables import RunnableConfig
from langchain_core.tools import BaseTool, Tool, ToolException
from pydantic import ConfigDict

from aiegis_guard.callbacks.approval import request_approval, request_approval_async
from aiegis_guard.callbacks.intent import fields_move_value
from aiegis_guard.callbacks.judge import (
    GUARDED,
    HeldSpend,
    Judged,
    ToolKind,
    args_text,
    block_message,
    denied_message,
    is_value_moving,
    judge_call,
    judge_output,
    masked_args,
    quarantine_notice,
    reserve_transfers,
)
from aiegis_guard.callbacks.messages import command_messages, judge_relayed, with_messages
from aiegis_guard.callbacks.registry import register_guarded
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.taint import taints
from aiegis_guard.verdict import Verdict

__all__ = ["GuardToolError", "GuardedTool", "guard_tool", "guard_tools", "thread_of"]

OnBlock = Literal["tool_error", "raise"]
_NOT_SIGNED = "The guarded signer refused: nothing was signed or sent."
_SINGLE_INPUT = {
    "type": "object",
    "properties": {"__arg1": {"title": "__arg1", "type": "string"}},
    "required": ["__arg1"],
}


class GuardToolError(ToolException):
    """A call the guard refused; its message (masked) is what the model reads."""

    def __init__(self, message: Any, verdict: Verdict) -> None:
        super().__init__(message)
        self.verdict = verdict


def thread_of(config: RunnableConfig | None) -> str | None:
    """The LangGraph thread a run belongs to (its taint must survive interrupt + resume)."""
    if not config:
        return None
    thread = (config.get("metadata") or {}).get("thread_id") or (
        config.get("configurable") or {}
    ).get("thread_id")
    return str(thread) if thread else None


@functools.lru_cache(maxsize=512)
def _call_params(func: Any) -> tuple[bool, str | None]:
    """(takes ``run_manager``, name of its ``RunnableConfig`` parameter) for a tool method."""
    params = inspect.signature(func).parameters
    try:
        hints = get_type_hints(func)
    except Exception:
        hints = {}
    config = next((n for n, t in hints.items() if t is RunnableConfig), None)
    return "run_manager" in params, config


class GuardedTool(BaseTool):
    """A tool wrapped by the guard. Use :func:`guard_tool` to build one."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: BaseTool
    guard: Guard
    kind: ToolKind = ToolKind.AUTO
    approver: Any = None
    on_block: OnBlock = "tool_error"
    quarantine: bool = False
    context: dict[str, Any] | None = None
    schema_moves_value: bool = False  # its schema takes a recipient and an amount

    # --- the wrapped tool's interface -----------------------------------------------------

    @property
    def tool_call_schema(self) -> Any:
        if isinstance(self.inner, Tool) and not self.inner.args_schema:
            return _SINGLE_INPUT  # what a model is shown for a plain single-string Tool
        return self.inner.tool_call_schema

    @property
    def args(self) -> dict[str, Any]:
        return self.inner.args

    def get_input_schema(self, config: RunnableConfig | None = None) -> Any:
        return self.inner.get_input_schema(config)

    @property
    def _injected_args_keys(self) -> frozenset[str]:
        return self.inner._injected_args_keys

    def _to_args_and_kwargs(
        self, tool_input: str | dict[str, Any], tool_call_id: str | None
    ) -> tuple[tuple[Any, ...], dict[str, Any]]:
        return self.inner._to_args_and_kwargs(tool_input, tool_call_id)

    @property
    def value_moving(self) -> bool:
        if self.kind is ToolKind.AUTO and self.name in self.guard.config.tools.read_only:
            return False
        named = is_value_moving(self.name, self.guard.config.tools, self.kind)
        return named or (self.kind is ToolKind.AUTO and self.schema_moves_value)

    # --- judging ------------------------------------------------------------------------

    def _call_args(self, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        injected = self.inner._injected_args_keys
        named = {k: v for k, v in kwargs.items() if k not in injected}
        if args and not named:
            return args[0] if len(args) == 1 else list(args)
        return {**{f"arg{i}": a for i, a in enumerate(args)}, **named}

    def _key(self, run_manager: Any, config: RunnableConfig | None) -> Hashable | None:
        if run_manager is None:
            thread = thread_of(config)
            return ("thread", thread) if thread else None
        return self.guard.taint.link(
            run_manager.run_id, run_manager.parent_run_id, thread=thread_of(config)
        )

    def _judge(self, call_args: Any, key: Hashable | None) -> Judged:
        tainted = self.guard.taint.tainted_by(key) if key is not None else ()
        return judge_call(
            self.guard,
            self.name,
            call_args,
            value_moving=self.value_moving,
            tainted_by=tainted,
            context=self.context,
            read_only=self.kind is ToolKind.READ_ONLY,
        )

    def _refuse(self, verdict: Verdict, message: str) -> GuardToolError:
        if self.on_block == "raise":
            raise GuardBlocked(verdict, message)
        return GuardToolError(message, verdict)

    def _needs_approval(self, judged: Judged) -> bool:
        verdict = judged.verdict
        if verdict.action is Action.BLOCK:
            raise self._refuse(verdict, block_message(verdict))
        return verdict.action is Action.FLAG and (
            judged.value_moving or bool(verdict.tainted_by) or _judged_tx(verdict)
        )

    def _reserve(self, judged: Judged) -> HeldSpend:
        """What the call spends (every transaction in its arguments, the transfers its fields
        name), held against ``[[limits]]`` while the tool runs: kept when the tool raises."""
        try:
            return reserve_transfers(self.guard, judged.spends, self.context)
        except GuardBlocked as exc:
            raise self._refuse(exc.verdict, block_message(exc.verdict)) from None

    def _failure(self, exc: Exception, key: Hashable | None) -> Exception | None:
        """What the model reads when the tool failed, judged like any output (None: re-raise).

        A handled ``ToolException`` (``handle_tool_error``) becomes the tool's message: it is
        judged and withheld when it holds a secret or (with quarantine) an injection. Any other
        error's text is judged the same way (it taints the run: an error handler shows it to
        the model) and replaced when blocked or quarantined, so no error handler relays it.
        """
        flag = self.inner.handle_tool_error
        if isinstance(exc, ToolException) and flag:
            content = _handled(exc, flag)
            verdict, _ = judge_output(self.guard, content)
            if taints(verdict) and key is not None:
                self.guard.taint.mark(key, f"tool_output:{self.name}")
            if verdict.action is Action.BLOCK or (taints(verdict) and self.quarantine):
                content = quarantine_notice(verdict, "tool error")
            return GuardToolError(content, verdict)
        # any other error: an error handler (ToolNode's ``handle_tool_errors``) shows the model
        # its text, which often quotes what the tool read (an HTTP error page, a revert string):
        # judged like output, it taints the run, and is replaced when blocked / quarantined
        verdict, _ = judge_output(self.guard, f"{type(exc).__name__}: {exc}")
        tainting = taints(verdict)
        if tainting and key is not None:
            self.guard.taint.mark(key, f"tool_error:{self.name}")
        if verdict.action is Action.BLOCK or (tainting and self.quarantine):
            return GuardToolError(quarantine_notice(verdict, "tool error"), verdict)
        return None

    def _approval_args(self, verdict: Verdict, call_args: Any) -> dict[str, Any]:
        return {"tool": self.name, "args": masked_args(verdict, args_text(call_args))}

    def _after(self, result: Any, key: Hashable | None) -> Any:
        """Judge the tool's output, whatever its shape, as the model will read it: taint the
        run, replace blocked / quarantined content (relayed ``Command`` messages included)."""
        relayed = command_messages(result)
        if relayed is not None:
            messages, verdict = judge_relayed(self.guard, relayed, quarantine=self.quarantine)
            if verdict is not None and taints(verdict) and key is not None:
                self.guard.taint.mark(key, f"tool_output:{self.name}")
            return with_messages(result, messages) if relayed else result
        content = _content_of(result, self.response_format)
        verdict, _ = judge_output(self.guard, content)
        tainting = taints(verdict)
        if tainting and key is not None:
            self.guard.taint.mark(key, f"tool_output:{self.name}")
        if verdict.action is Action.BLOCK or (tainting and self.quarantine):
            return _replace_content(result, quarantine_notice(verdict), self.response_format)
        if verdict.redacted_text is not None:
            return _replace_content(result, verdict.redacted_text, self.response_format)
        return result

    # --- running --------------------------------------------------------------------------

    def _run(
        self,
        *args: Any,
        config: RunnableConfig,
        run_manager: CallbackManagerForToolRun | None = None,
        **kwargs: Any,
    ) -> Any:
        key = self._key(run_manager, config)
        call_args = self._call_args(args, kwargs)
        judged = self._judge(call_args, key)
        verdict = judged.verdict
        if self._needs_approval(judged):
            details = self._approval_args(verdict, call_args)
            if not request_approval(self.approver, self.name, verdict, details, self.guard):
                raise self._refuse(verdict, denied_message(verdict))
        takes_rm, config_param = _call_params(self.inner._run)
        if takes_rm and run_manager is not None:
            kwargs["run_manager"] = run_manager
        if config_param:
            kwargs[config_param] = config
        failure: Exception | None = None
        with self._reserve(judged) as held:
            try:
                result = self.inner._run(*args, **kwargs)
            except GuardBlocked as exc:  # a guarded signer inside the tool refused: say why
                held.nothing_sent()
                raise self._refuse(exc.verdict, block_message(exc.verdict, _NOT_SIGNED)) from None
            except Exception as exc:
                failure = self._failure(exc, key)
                if failure is None:
                    raise
            if failure is not None:  # raised outside the handler: the error is not chained
                raise failure  # (the spend stays: the tool may have paid before failing)
        return self._after(result, key)

    async def _arun(
        self,
        *args: Any,
        config: RunnableConfig,
        run_manager: AsyncCallbackManagerForToolRun | None = None,
        **kwargs: Any,
    ) -> Any:
        key = self._key(run_manager, config)
        call_args = self._call_args(args, kwargs)
        judged = self._judge(call_args, key)
        verdict = judged.verdict
        if self._needs_approval(judged):
            details = self._approval_args(verdict, call_args)
            approved = await request_approval_async(
                self.approver, self.name, verdict, details, self.guard
            )
            if not approved:
                raise self._refuse(verdict, denied_message(verdict))
        takes_rm, config_param = _call_params(self.inner._arun)
        if takes_rm and run_manager is not None:
            kwargs["run_manager"] = run_manager
        if config_param:
            kwargs[config_param] = config
        failure: Exception | None = None
        with self._reserve(judged) as held:
            try:
                result = await self.inner._arun(*args, **kwargs)
            except GuardBlocked as exc:
                held.nothing_sent()
                raise self._refuse(exc.verdict, block_message(exc.verdict, _NOT_SIGNED)) from None
            except Exception as exc:
                failure = self._failure(exc, key)
                if failure is None:
                    raise
            if failure is not None:
                raise failure
        return self._after(result, key)


# BaseTool.run inspects ``_run``'s annotations on every call (looking for a RunnableConfig
# parameter): resolve them once here instead of evaluating the strings each time.
for _method in (GuardedTool._run, GuardedTool._arun):
    _method.__annotations__ = get_type_hints(_method)


def _judged_tx(verdict: Verdict) -> bool:
    return any(f.rule_id.startswith("tx.") for f in verdict.findings)


def _content_of(result: Any, response_format: str) -> Any:
    """What LangChain turns into the ``ToolMessage`` content (any shape: see ``content``)."""
    if isinstance(result, ToolMessage):
        return result.content
    if response_format == "content_and_artifact" and isinstance(result, tuple) and result:
        return result[0]
    if isinstance(result, list) and result and all(isinstance(m, ToolMessage) for m in result):
        return [m.content for m in result]
    return result


def _handled(exc: ToolException, flag: Any) -> Any:
    """The content LangChain forms from a handled ``ToolException`` (``handle_tool_error``)."""
    if isinstance(flag, str):
        return flag
    if callable(flag):
        return flag(exc)
    return exc.args[0] if exc.args else "Tool execution error"


def _replace_content(result: Any, text: str, response_format: str) -> Any:
    if isinstance(result, ToolMessage):
        return result.model_copy(update={"content": text, "artifact": None})
    if response_format == "content_and_artifact" and isinstance(result, tuple):
        return text, None
    return text  # any other shape: the model reads this text instead


def _error_handler(inner_flag: Any) -> Any:
    """The guard's refusals become tool errors the model reads; others keep the inner setting."""

    def handle(exc: ToolException) -> Any:
        if isinstance(exc, GuardToolError):
            return exc.args[0]  # a refusal, or the wrapped tool's handled error, judged
        if not inner_flag:
            raise exc  # the wrapped tool did not handle its own errors either
        return _handled(exc, inner_flag)

    return handle


def guard_tool(
    tool: BaseTool,
    *,
    guard: Guard | None = None,
    kind: ToolKind | str = ToolKind.AUTO,
    approver: Any = None,
    on_block: OnBlock | None = None,
    quarantine: bool | None = None,
    context: dict[str, Any] | None = None,
) -> GuardedTool:
    """Wrap one LangChain tool. ``kind``: ``"auto"`` (by name / ``[tools]``),
    ``"value_moving"`` or ``"read_only"``. ``approver`` answers FLAGged value-moving calls
    (sync or async callable, :class:`~aiegis_guard.signers.approval.ConsoleApprover`,
    :func:`~aiegis_guard.callbacks.interrupt_approver`); default: deny.
    """
    if isinstance(tool, GuardedTool):
        tool = tool.inner
    guard = guard if guard is not None else Guard()
    register_guarded(guard, tool.name)
    return GuardedTool(
        name=tool.name,
        description=tool.description,
        args_schema=tool.args_schema,
        return_direct=tool.return_direct,
        response_format=tool.response_format,
        callbacks=tool.callbacks,
        tags=tool.tags,
        metadata={**(tool.metadata or {}), GUARDED: True},
        verbose=tool.verbose,
        extras=tool.extras,
        handle_validation_error=tool.handle_validation_error,
        handle_tool_error=_error_handler(tool.handle_tool_error),
        inner=tool,
        guard=guard,
        kind=ToolKind(kind),
        approver=approver,
        on_block=on_block or guard.config.tools.on_block,
        quarantine=bool(quarantine) if quarantine is not None else guard.config.quarantine,
        context=context,
        schema_moves_value=fields_move_value(tool.args),
    )


def guard_tools(
    tools: Sequence[BaseTool],
    *,
    guard: Guard | None = None,
    approver: Any = None,
    on_block: OnBlock | None = None,
    quarantine: bool | None = None,
    context: dict[str, Any] | None = None,
) -> list[GuardedTool]:
    """Wrap every tool with one shared guard (so they share the run taint)."""
    guard = guard if guard is not None else Guard()
    return [
        guard_tool(
            t,
            guard=guard,
            approver=approver,
            on_block=on_block,
            quarantine=quarantine,
            context=context,
        )
        for t in tools
    ]
