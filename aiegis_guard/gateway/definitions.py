"""Tool definitions are untrusted text: every string of one is read (tool poisoning).

A client hands the model each tool's whole definition — the description, the parameters'
descriptions at any depth, ``$defs``, enums, defaults, titles, an MCP tool's ``outputSchema``
and ``annotations`` — so an injection anywhere in it reaches the model. :func:`definition_text`
is every string of a definition (keys included), for the MCP proxy's ``tools/list`` and the
OpenAI proxy's request ``tools`` / ``functions`` alike.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from aiegis_guard.callbacks.judge import quarantine_notice
from aiegis_guard.findings import Source
from aiegis_guard.taint import taints

if TYPE_CHECKING:
    from aiegis_guard.gateway.judging import ChatJudge

__all__ = ["MAX_DEFINITION_CHARS", "definition_text", "judge_definitions"]

MAX_DEFINITION_CHARS = 200_000
_MAX_NODES = 20_000
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,64}")
_HEX_RUN = re.compile(r"[0-9a-fA-F]{32}")
_PLAIN = frozenset({"type", "object", "string", "integer", "number", "boolean", "array", "null"})


def definition_text(value: Any) -> str:
    """Every string (and key) of ``value``, one per line, in order (iterative: any depth).
    A definition too large to read whole is cut at ``MAX_DEFINITION_CHARS`` with a line
    saying so (the text guard's own size limit then FLAGs it)."""
    parts: list[str] = []
    size = nodes = 0
    stack: list[Any] = [value]
    while stack and size < MAX_DEFINITION_CHARS and nodes < _MAX_NODES:
        item = stack.pop()
        nodes += 1
        if isinstance(item, str):
            if item not in _PLAIN:
                parts.append(item)
                size += len(item) + 1
        elif isinstance(item, dict):
            for k, v in reversed(list(item.items())):
                stack.append(v)
                stack.append(str(k))
        elif isinstance(item, list | tuple):
            stack.extend(reversed(item))
    if stack:
        parts.append("[definition cut: too large to read whole]")
    return "\n".join(parts)[:MAX_DEFINITION_CHARS]


def _name(definition: Any) -> str:
    if not isinstance(definition, dict):
        return "tool"
    fn = definition.get("function")
    name = fn.get("name") if isinstance(fn, dict) else definition.get("name")
    return str(name or "tool")[:64]


def _source(definition: Any) -> str:
    """The taint source naming a definition (echoed to the model: plain names only)."""
    name = _name(definition)
    return name if _NAME.fullmatch(name) and not _HEX_RUN.search(name) else "tool"


def judge_definitions(judge: ChatJudge, definitions: list[Any], conversation: str) -> list[Any]:
    """The request's tool definitions as the model may read them: a poisoned one taints the
    conversation; blocked (or, with ``quarantine``, tainting) it is replaced by a stub of the
    same name whose description says it was withheld (a ``tool_choice`` naming it stays
    valid; the model never reads the poison)."""
    out: list[Any] = []
    marked = False
    for definition in definitions:
        text = definition_text(definition)
        if not text:
            out.append(definition)
            continue
        verdict = judge.judge_text(text, Source.TOOL_OUTPUT, "proxy_in")
        poisoned = taints(verdict)
        if poisoned and not marked:
            judge.state.mark(conversation, f"tool_definition:{_source(definition)}")
            marked = True
        if verdict.blocked or (poisoned and judge.guard.config.quarantine):
            out.append(_stub(definition, quarantine_notice(verdict, "tool definition")))
        else:
            out.append(definition)
    return out


def _stub(definition: Any, notice: str) -> Any:
    function = {
        "name": _name(definition),
        "description": notice,
        "parameters": {"type": "object", "properties": {}},
    }
    if isinstance(definition, dict) and isinstance(definition.get("function"), dict):
        return {"type": "function", "function": function}
    return function  # a legacy ``functions`` entry
