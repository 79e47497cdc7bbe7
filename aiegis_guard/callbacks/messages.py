"""Messages a tool hands the model, judged before it reads them (shared by all three surfaces).

A tool's result reaches the model as a ``ToolMessage`` (formed by LangChain from whatever the
tool returned), as a list of them, or as messages relayed in a LangGraph
``Command(update={"messages": [...]})`` — tool, AI, human or dict messages alike. Each is
judged as tool output (``source=tool_output``): injected content taints the run, a blocked
(or, with quarantine, an injected) message is replaced by a notice; an AI message loses its
tool calls with it.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping, Sequence
from typing import Any

from langchain_core.messages import AIMessage, BaseMessage, ToolMessage

from aiegis_guard.callbacks.judge import combine, content_text, judge_output, quarantine_notice
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.taint import taints
from aiegis_guard.verdict import Verdict

__all__ = [
    "JUDGED",
    "command_messages",
    "is_judged",
    "judge_relayed",
    "judge_tool_message",
    "mark_judged",
    "message_text",
    "with_messages",
]

JUDGED = "aiegis"  # ToolMessage.response_metadata key: judged by the guard (its action)

_PRIVATE_PREFIX = "aiegis_"  # guard state keys a tool's Command may not write


def message_text(message: Any) -> str:
    """A message's text plus, for a model message, its tool calls' arguments."""
    if isinstance(message, Mapping):
        text = content_text(message.get("content"))
        calls = message.get("tool_calls")
    else:
        text = content_text(getattr(message, "content", message))
        calls = message.tool_calls if isinstance(message, AIMessage) else None
    if calls:
        shown = [{"name": c.get("name"), "args": c.get("args")} for c in calls]
        text += "\n" + json.dumps(shown, ensure_ascii=False, default=str)
    return text


def _judge_one(guard: Guard, message: Any) -> Verdict:
    if isinstance(message, AIMessage) or (
        isinstance(message, Mapping) and message.get("tool_calls")
    ):
        return judge_output(guard, message_text(message))[0]
    content = message.get("content") if isinstance(message, Mapping) else message
    return judge_output(guard, getattr(content, "content", content))[0]


def _replaced(message: Any, text: str) -> Any:
    if isinstance(message, BaseMessage):
        update: dict[str, Any] = {"content": text}
        if isinstance(message, AIMessage):
            update.update(tool_calls=[], invalid_tool_calls=[])
        return message.model_copy(update=update)
    if isinstance(message, Mapping):
        return {k: v for k, v in message.items() if k != "tool_calls"} | {"content": text}
    return text


def judge_relayed(
    guard: Guard, messages: Sequence[Any], *, quarantine: bool
) -> tuple[list[Any], Verdict | None]:
    """Judge every relayed message; returns them (blocked ones replaced) and one verdict."""
    out: list[Any] = []
    verdicts: list[Verdict] = []
    for message in messages:
        verdict = _judge_one(guard, message)
        verdicts.append(verdict)
        if verdict.action is Action.BLOCK or (taints(verdict) and quarantine):
            message = _replaced(message, quarantine_notice(verdict, "relayed message"))
        out.append(message)
    return out, (combine(verdicts) if verdicts else None)


def command_messages(result: Any) -> list[Any] | None:
    """The messages a LangGraph ``Command`` returned by a tool relays (None: not one)."""
    if type(result).__name__ != "Command" or not dataclasses.is_dataclass(result):
        return None
    update = getattr(result, "update", None)
    if isinstance(update, Mapping):
        messages = update.get("messages")
    elif isinstance(update, Sequence) and not isinstance(update, str):
        messages = [v for k, v in update if k == "messages"]  # list of (channel, value)
        messages = [m for v in messages for m in (v if isinstance(v, list) else [v])]
    else:
        return []
    if messages is None:
        return []
    return list(messages) if isinstance(messages, list | tuple) else [messages]


def with_messages(result: Any, messages: list[Any], extra: Mapping[str, Any] | None = None) -> Any:
    """The same ``Command`` relaying ``messages`` (the guard's own state keys stripped)."""
    update = result.update
    if isinstance(update, Mapping):
        new = {k: v for k, v in update.items() if not str(k).startswith(_PRIVATE_PREFIX)}
    else:
        new = {k: v for k, v in update if not str(k).startswith(_PRIVATE_PREFIX)}
    new = {**new, "messages": messages, **(extra or {})}
    return dataclasses.replace(result, update=new)


def judge_tool_message(
    guard: Guard, message: Any, name: str, *, quarantine: bool
) -> tuple[Any, list[str]]:
    """A tool's ``ToolMessage`` judged, marked, replaced when blocked; and its taint labels."""
    if not isinstance(message, ToolMessage):
        return message, []
    verdict, _ = judge_output(guard, message.content)
    taint = [f"tool_output:{message.name or name}"] if taints(verdict) else []
    content: Any = message.content
    if verdict.blocked or (taint and quarantine):
        content = quarantine_notice(verdict)
    elif verdict.redacted_text is not None:
        content = verdict.redacted_text
    meta = {**message.response_metadata, JUDGED: verdict.action.value}
    return message.model_copy(update={"content": content, "response_metadata": meta}), taint


def mark_judged(message: Any, verdict: Verdict | None) -> Any:
    """A relayed tool message, marked judged (``before_model`` does not judge it again)."""
    if isinstance(message, ToolMessage) and verdict is not None:
        meta = {**message.response_metadata, JUDGED: verdict.action.value}
        return message.model_copy(update={"response_metadata": meta})
    return message


def is_judged(message: Any) -> bool:
    return isinstance(message, ToolMessage) and JUDGED in message.response_metadata
