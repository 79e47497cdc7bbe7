"""LangChain / LangGraph integration — the only package that imports LangChain.

Three one-line integrations, each with an optional ``guard=`` (default ``Guard()``)::

    from aiegis_guard.callbacks import GuardCallbackHandler, GuardMiddleware, guard_tools

    agent = create_agent(model, tools=guard_tools(tools, guard=g))           # in the call path
    agent.invoke(inputs, config={"callbacks": [GuardCallbackHandler(guard=g)]})  # observes all
    agent = create_agent(model, tools=tools, middleware=[GuardMiddleware(guard=g)])

The handler and the tool / retriever wrappers need only ``langchain-core``; ``GuardMiddleware``
needs the full ``langchain`` package and ``interrupt_approver`` needs LangGraph: both are
imported on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiegis_guard.callbacks.handler import AsyncGuardCallbackHandler, GuardCallbackHandler
from aiegis_guard.callbacks.judge import ToolKind, is_value_moving
from aiegis_guard.callbacks.retriever import GuardedRetriever, guard_retriever
from aiegis_guard.callbacks.tools import GuardedTool, GuardToolError, guard_tool, guard_tools
from aiegis_guard.signers.approval import ConsoleApprover, allow_all, deny_all

if TYPE_CHECKING:
    from aiegis_guard.callbacks.approval import interrupt_approver
    from aiegis_guard.callbacks.middleware import GuardMiddleware
    from aiegis_guard.callbacks.review import GuardReview

__all__ = [
    "AsyncGuardCallbackHandler",
    "ConsoleApprover",
    "GuardCallbackHandler",
    "GuardMiddleware",
    "GuardReview",
    "GuardToolError",
    "GuardedRetriever",
    "GuardedTool",
    "ToolKind",
    "allow_all",
    "deny_all",
    "guard_retriever",
    "guard_tool",
    "guard_tools",
    "interrupt_approver",
    "is_value_moving",
]

_LAZY = {
    "GuardMiddleware": "aiegis_guard.callbacks.middleware",
    "GuardReview": "aiegis_guard.callbacks.review",
    "interrupt_approver": "aiegis_guard.callbacks.approval",
}


def __getattr__(name: str) -> Any:
    """``GuardMiddleware`` (full ``langchain``) and ``interrupt_approver`` load on first use."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'aiegis_guard.callbacks' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
