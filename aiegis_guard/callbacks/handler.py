"""Callback handlers: the guard watching everything an agent reads and does.

    guard = Guard()
    agent.invoke(inputs, config={"callbacks": [GuardCallbackHandler(guard=guard)]})

Checked, each with its source: prompts and chat messages (``prompt``; replayed history the
run did not produce itself: ``memory``), model outputs and their tool calls (``llm_output``),
tool inputs (``tool_input``; value-moving tools with the run taint), tool outputs
(``tool_output``) and retrieved documents (``retrieved``). A BLOCK raises
:class:`~aiegis_guard.GuardBlocked` (``raise_error = True``) carrying the masked verdict.
Injected content read by the run taints it (``guard.taint``, shared with guarded tools).

A handler can only abort: tools wrapped by :func:`guard_tool` and retrievers wrapped by
:func:`guard_retriever` judge their own calls (refuse, ask, quarantine) and the handler leaves
those to them. Limits: an async handler cannot block under sync ``invoke`` (LangChain swallows
its errors there), and ``ignore_agent=True`` hides tool events from a handler.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler, BaseCallbackHandler
from langchain_core.documents import Document
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, LLMResult

from aiegis_guard.callbacks.approval import request_approval
from aiegis_guard.callbacks.judge import (
    GUARDED,
    args_text,
    combine,
    content_text,
    denied_message,
    is_value_moving,
    judge_call,
    judge_output,
    masked_args,
)
from aiegis_guard.callbacks.messages import command_messages, judge_relayed, message_text
from aiegis_guard.callbacks.registry import guarded_names
from aiegis_guard.callbacks.stream import NOSTREAM
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Action, Source
from aiegis_guard.guard import Guard
from aiegis_guard.taint import taints
from aiegis_guard.verdict import Verdict

__all__ = [
    "AsyncGuardCallbackHandler",
    "GuardCallbackHandler",
    "document_label",
    "judge_document",
    "message_text",
]

MAX_IN_FLIGHT = 10_000


@dataclass(frozen=True)
class _Run:
    key: Hashable
    name: str = ""
    delegated: bool = False


def document_label(doc: Document, index: int) -> str:
    """``retrieved:<id>`` naming a document in ``Verdict.tainted_by``."""
    ident = doc.id or doc.metadata.get("id") or doc.metadata.get("source") or f"doc-{index}"
    return f"retrieved:{str(ident)[:80]}"


def judge_document(guard: Guard, doc: Document) -> Verdict:
    """A retrieved document as the model reads it: its text and its metadata (title...)."""
    verdict = guard.check_text(doc.page_content, source=Source.RETRIEVED)
    if not doc.metadata:
        return verdict
    meta = guard.check_text(args_text(doc.metadata), source=Source.RETRIEVED)
    if not meta.findings:
        return verdict
    return combine([verdict, meta.model_copy(update={"redacted_text": None})])


def tool_content(output: Any) -> Any:
    """What the model reads of a tool's result as LangChain hands it to ``on_tool_end``."""
    if isinstance(output, ToolMessage):
        return output.content
    if isinstance(output, list) and output and all(isinstance(m, ToolMessage) for m in output):
        return [m.content for m in output]
    return output


def fingerprint(message: BaseMessage) -> tuple[str, object]:
    """How a run remembers a message it already judged (model messages keep their id)."""
    if isinstance(message, AIMessage) and message.id:
        return "ai", message.id
    return message.type, hash(content_text(message.content))


def _thread(metadata: Mapping[str, Any] | None) -> str | None:
    thread = (metadata or {}).get("thread_id")
    return str(thread) if thread else None


class _GuardEvents:
    """What both handlers do; each event returns nothing or raises ``GuardBlocked``."""

    def __init__(self, guard: Guard | None, approver: Any = None) -> None:
        self.guard = guard if guard is not None else Guard()
        self.approver = approver
        self._runs: OrderedDict[UUID, _Run] = OrderedDict()

    # --- run bookkeeping ---------------------------------------------------------------

    def _start(
        self,
        run_id: UUID,
        parent_run_id: UUID | None,
        metadata: Mapping[str, Any] | None,
        name: str = "",
    ) -> _Run:
        key = self.guard.taint.link(run_id, parent_run_id, thread=_thread(metadata))
        run = _Run(key, name, bool((metadata or {}).get(GUARDED)))
        self._runs[run_id] = run
        if len(self._runs) > MAX_IN_FLIGHT:
            self._runs.popitem(last=False)
        return run

    def _finish(self, run_id: UUID, parent_run_id: UUID | None) -> _Run | None:
        run = self._runs.pop(run_id, None)
        if parent_run_id is None:
            self.guard.taint.end(run_id)
        return run

    def _key(self, run_id: UUID, run: _Run | None) -> Hashable:
        return run.key if run is not None else self.guard.taint.key_of(run_id)

    def _judge_read(self, verdict: Verdict, key: Hashable, label: str) -> None:
        if taints(verdict):
            self.guard.taint.mark(key, label)
        if verdict.action is Action.BLOCK:
            raise GuardBlocked(verdict)

    # --- events ------------------------------------------------------------------------

    def chain_start(self, run_id: UUID, parent: UUID | None, metadata: Any) -> None:
        self._start(run_id, parent, metadata)

    def chain_end(self, run_id: UUID, parent: UUID | None) -> None:
        self._finish(run_id, parent)

    def chat_start(
        self, messages: Sequence[Sequence[BaseMessage]], run_id: UUID, parent: Any, md: Any
    ) -> None:
        key = self._start(run_id, parent, md).key
        for batch in messages:
            for i, message in enumerate(batch):
                if self.guard.taint.seen(key, fingerprint(message)):
                    continue
                text = message_text(message)
                if not text:
                    continue
                own = isinstance(message, HumanMessage | SystemMessage)
                source = Source.PROMPT if own else Source.MEMORY
                label = f"{source.value}:{message.id or i}"
                verdict = self.guard.check_text(text, source=source)
                self._judge_read(verdict, key, label)

    def llm_start(self, prompts: Sequence[str], run_id: UUID, parent: Any, md: Any) -> None:
        key = self._start(run_id, parent, md).key
        for i, prompt in enumerate(prompts):
            if prompt and not self.guard.taint.seen(key, ("prompt", hash(prompt))):
                verdict = self.guard.check_text(prompt, source=Source.PROMPT)
                self._judge_read(verdict, key, f"prompt:{i}")

    def llm_end(self, response: LLMResult, run_id: UUID, parent: UUID | None) -> None:
        run = self._finish(run_id, parent)
        key = self._key(run_id, run)
        for generations in response.generations:
            for gen in generations:
                said = gen.text
                if isinstance(gen, ChatGeneration):
                    self.guard.taint.seen(key, fingerprint(gen.message))
                    said = content_text(gen.message.content)
                    self._judge_calls(gen.message, key)
                verdict = self.guard.check_text(said, source=Source.LLM_OUTPUT) if said else None
                if verdict is not None and verdict.blocked:
                    raise GuardBlocked(verdict)

    def _judge_calls(self, message: BaseMessage, key: Hashable) -> None:
        """The model's tool calls, judged as the tool would be; BLOCK aborts before any runs.

        Calls to tools wrapped by ``guard_tool`` with this guard are left to them: they answer
        the model with the refusal instead of aborting the run.
        """
        wrapped = guarded_names(self.guard)
        for tool_call in getattr(message, "tool_calls", None) or ():
            name = tool_call["name"]
            if name in wrapped:
                continue
            vm = is_value_moving(name, self.guard.config.tools)
            tainted_by = self.guard.taint.tainted_by(key)
            judged = judge_call(
                self.guard, name, tool_call["args"], value_moving=vm, tainted_by=tainted_by
            )
            if judged.verdict.blocked:
                raise GuardBlocked(judged.verdict)

    def tool_start(self, name: str, args: Any, run_id: UUID, parent: UUID | None, md: Any) -> None:
        run = self._start(run_id, parent, md, name)
        if run.delegated:
            return  # a guarded tool judges (and refuses / asks about) its own call
        vm = is_value_moving(name, self.guard.config.tools)
        tainted_by = self.guard.taint.tainted_by(run.key)
        judged = judge_call(self.guard, name, args, value_moving=vm, tainted_by=tainted_by)
        verdict = judged.verdict
        if verdict.action is Action.BLOCK:
            raise GuardBlocked(verdict)
        moves = (
            judged.value_moving
            or bool(verdict.tainted_by)
            or any(f.rule_id.startswith("tx.") for f in verdict.findings)
        )
        if verdict.flagged and moves and self.approver is not None:
            details = {"tool": name, "args": masked_args(verdict, args_text(args))}
            if not request_approval(self.approver, name, verdict, details, self.guard):
                raise GuardBlocked(verdict, denied_message(verdict))

    def tool_end(self, output: Any, run_id: UUID, parent: UUID | None, name: str) -> None:
        run = self._finish(run_id, parent)
        key = self._key(run_id, run)
        label = f"tool_output:{name or (run.name if run else '')}"
        relayed = command_messages(output)
        if run is not None and run.delegated:
            # a guarded tool judged (and maybe replaced) its own output: remember it as seen
            if relayed is None:
                self.guard.taint.seen(key, ("tool", hash(content_text(tool_content(output)))))
            return
        if relayed is not None:  # a Command relaying messages: each is read by the model
            _, verdict = judge_relayed(self.guard, relayed, quarantine=False)
            if verdict is not None:
                self._judge_read(verdict, key, label)
            return
        verdict, text = judge_output(self.guard, tool_content(output))
        self.guard.taint.seen(key, ("tool", hash(text)))
        self._judge_read(verdict, key, label)

    def tool_error(self, error: BaseException, run_id: UUID, parent: Any, name: str) -> None:
        """A tool's error is read by the model (``ToolNode(handle_tool_errors=True)`` shows
        its text): judged like an output, it taints the run; a blocked one is raised."""
        run = self._finish(run_id, parent)
        if run is not None and run.delegated:
            return  # a guarded tool judged its own error
        verdict, _ = judge_output(self.guard, f"{type(error).__name__}: {error}")
        label = f"tool_error:{name or (run.name if run else '')}"
        self._judge_read(verdict, self._key(run_id, run), label)

    def retriever_start(self, run_id: UUID, parent: UUID | None, md: Any) -> None:
        self._start(run_id, parent, md)

    def retriever_end(self, documents: Sequence[Document], run_id: UUID, parent: Any) -> None:
        run = self._finish(run_id, parent)
        if run is not None and run.delegated:
            return  # guard_retriever drops / quarantines flagged documents itself
        key = self._key(run_id, run)
        for i, doc in enumerate(documents):
            self._judge_read(judge_document(self.guard, doc), key, document_label(doc, i))


class GuardCallbackHandler(BaseCallbackHandler):
    """Sync handler: checks prompts, outputs, tool calls and documents; BLOCK raises."""

    raise_error: bool = True
    run_inline: bool = True

    def __init__(self, guard: Guard | None = None, *, approver: Any = None) -> None:
        """``approver``: also ask about FLAGged value-moving tools that are not guarded
        (a denial raises ``GuardBlocked``); by default a handler aborts only on BLOCK."""
        self._events = _GuardEvents(guard, approver)
        self.guard = self._events.guard

    def on_chain_start(self, serialized: Any, inputs: Any, *, run_id: UUID, **kw: Any) -> None:
        self._events.chain_start(run_id, kw.get("parent_run_id"), kw.get("metadata"))

    def on_chain_end(self, outputs: Any, *, run_id: UUID, **kw: Any) -> None:
        self._events.chain_end(run_id, kw.get("parent_run_id"))

    def on_chain_error(self, error: BaseException, *, run_id: UUID, **kw: Any) -> None:
        self._events.chain_end(run_id, kw.get("parent_run_id"))

    def on_chat_model_start(
        self, serialized: Any, messages: list[list[BaseMessage]], *, run_id: UUID, **kw: Any
    ) -> None:
        tags = kw.get("tags")
        if isinstance(tags, list) and NOSTREAM not in tags:
            # A handler cannot hold tokens back: LangGraph's message stream is asked not to
            # emit this run's raw tokens (the reply streams whole once judged; see docs)
            tags.append(NOSTREAM)
        self._events.chat_start(messages, run_id, kw.get("parent_run_id"), kw.get("metadata"))

    def on_llm_start(self, serialized: Any, prompts: list[str], *, run_id: UUID, **kw: Any) -> None:
        self._events.llm_start(prompts, run_id, kw.get("parent_run_id"), kw.get("metadata"))

    def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kw: Any) -> None:
        self._events.llm_end(response, run_id, kw.get("parent_run_id"))

    def on_llm_error(self, error: BaseException, *, run_id: UUID, **kw: Any) -> None:
        self._events.chain_end(run_id, kw.get("parent_run_id"))

    def on_tool_start(self, serialized: Any, input_str: str, *, run_id: UUID, **kw: Any) -> None:
        name = (serialized or {}).get("name", "")
        args = kw.get("inputs") or input_str
        self._events.tool_start(name, args, run_id, kw.get("parent_run_id"), kw.get("metadata"))

    def on_tool_end(self, output: Any, *, run_id: UUID, **kw: Any) -> None:
        self._events.tool_end(output, run_id, kw.get("parent_run_id"), kw.get("name", ""))

    def on_tool_error(self, error: BaseException, *, run_id: UUID, **kw: Any) -> None:
        self._events.tool_error(error, run_id, kw.get("parent_run_id"), kw.get("name", ""))

    def on_retriever_start(self, serialized: Any, query: str, *, run_id: UUID, **kw: Any) -> None:
        self._events.retriever_start(run_id, kw.get("parent_run_id"), kw.get("metadata"))

    def on_retriever_end(self, documents: Sequence[Document], *, run_id: UUID, **kw: Any) -> None:
        self._events.retriever_end(documents, run_id, kw.get("parent_run_id"))

    def on_retriever_error(self, error: BaseException, *, run_id: UUID, **kw: Any) -> None:
        self._events.chain_end(run_id, kw.get("parent_run_id"))


class AsyncGuardCallbackHandler(GuardCallbackHandler, AsyncCallbackHandler):  # type: ignore[misc]
    """The same hooks registered as an async handler (for ``ainvoke`` / ``astream``).

    Its hooks are plain functions, not coroutines: the checks never await (about 0.1 ms of
    CPU each), so LangChain runs them inline in the event loop, and they can still abort
    where a coroutine hook is swallowed by LangChain (a sync tool that ``ainvoke`` runs in a
    worker thread, or a sync ``invoke``).
    """
