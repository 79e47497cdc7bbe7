"""An injection that reaches the model through a tool's *exception* taints the run (review17 C1).

LangGraph's ``ToolNode(handle_tool_errors=True)`` shows the model ``repr(exc)``; error texts quote
what the tool read (an HTTP error page, a revert string). A real ``ToolNode`` graph with a
thread checkpointer: the next value move in the thread needs a human (default: denied).
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.messages import AIMessage
from langchain_core.tools import tool
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import END, START, MessagesState, StateGraph
from langgraph.prebuilt import ToolNode
from lc_agents import FRIEND, POISON, Recorder, wallet_guard

from aiegis_guard.callbacks import GuardCallbackHandler, guard_tools


def _graph(sent: list[Any], error: type[Exception], surface: str) -> Any:
    @tool
    def read_orders() -> str:
        """Order status (the shop's API answered with an error page)."""
        raise error("shop API 500: " + POISON)

    @tool
    def transfer(to: str, amount: str) -> str:
        """Send ETH."""
        sent.append(amount)
        return "sent"

    tools = [read_orders, transfer]
    if surface == "tools":
        tools = guard_tools(tools, guard=wallet_guard())
    graph = StateGraph(MessagesState)
    graph.add_node("tools", ToolNode(tools, handle_tool_errors=True))
    graph.add_edge(START, "tools")
    graph.add_edge("tools", END)
    return graph.compile(checkpointer=InMemorySaver())


def _turn(name: str, **args: Any) -> dict[str, Any]:
    call = {"id": f"c-{name}", "name": name, "args": args, "type": "tool_call"}
    return {"messages": [AIMessage("", tool_calls=[call])]}


@pytest.mark.parametrize("surface", ["tools", "handler"])
@pytest.mark.parametrize("error", [RuntimeError, ValueError, ConnectionError])
def test_injection_in_a_tool_error_taints_the_run(error: type[Exception], surface: str) -> None:
    """The model read the injection in an error; the next payment is not executed."""
    sent: list[Any] = []
    graph = _graph(sent, error, surface)
    config: dict[str, Any] = {"configurable": {"thread_id": "t-1"}}
    if surface == "handler":
        config["callbacks"] = [GuardCallbackHandler(wallet_guard(), approver=Recorder(False))]
    graph.invoke(_turn("read_orders"), config)
    out = graph.invoke(_turn("transfer", to=FRIEND, amount="0.1"), config)
    assert sent == []
    assert "taint.run" in out["messages"][-1].content
