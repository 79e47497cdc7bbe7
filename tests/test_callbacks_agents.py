"""Real agents with guarded tools + the callback handler sharing one Guard.

``create_agent`` and a hand-built LangGraph ``StateGraph`` run a scripted conversation; the
wallet's side effects show what executed. Sync and async.
"""

from __future__ import annotations

import os
from typing import Annotated, Any

import pytest
from langchain.agents import create_agent
from langchain.tools import ToolRuntime
from langchain_core.documents import Document
from langchain_core.messages import AIMessage, HumanMessage, ToolMessage
from langchain_core.tools import BaseTool, InjectedToolCallId, tool
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.graph import START, MessagesState, StateGraph
from langgraph.prebuilt import InjectedState, ToolNode, tools_condition
from langgraph.types import Command
from lc_agents import (
    CLEAN_DOC,
    FRIEND,
    POISON,
    ListRetriever,
    Recorder,
    Wallet,
    call,
    scripted,
    turn,
    wallet_guard,
)

from aiegis_guard.callbacks import (
    AsyncGuardCallbackHandler,
    GuardCallbackHandler,
    guard_tools,
    interrupt_approver,
)

MODES = [pytest.param("sync", id="sync"), pytest.param("async", id="async")]
ASK = {"messages": [{"role": "user", "content": "What's the shipping policy? Then pay my friend."}]}
POISONED_THEN_PAY = (
    turn(call("read_docs", query="shipping")),
    turn(call("transfer", to=FRIEND, amount="0.1")),
)


async def _run(agent: Any, inputs: Any, mode: str, config: dict[str, Any]) -> Any:
    if mode == "sync":
        return agent.invoke(inputs, config)
    return await agent.ainvoke(inputs, config)


def _handler(guard: Any, mode: str) -> Any:
    return GuardCallbackHandler(guard=guard) if mode == "sync" else AsyncGuardCallbackHandler(guard)


def _tool_messages(out: dict[str, Any]) -> dict[str, ToolMessage]:
    return {m.name or "": m for m in out["messages"] if isinstance(m, ToolMessage)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("answer", "executed"),
    [pytest.param(False, False, id="rejected"), pytest.param(True, True, id="approved")],
)
async def test_poisoned_tool_output_sends_a_clean_transfer_to_approval(
    mode: str, answer: bool, executed: bool
) -> None:
    """After reading an injected doc, a transfer to an allowlisted friend needs a human."""
    guard = wallet_guard()
    wallet = Wallet()
    approver = Recorder(answer)
    tools = guard_tools(wallet.tools(), guard=guard, approver=approver)
    agent = create_agent(scripted(*POISONED_THEN_PAY), tools=tools)
    out = await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
    assert (wallet.sent == [(FRIEND, "0.1")]) is executed
    (request,) = approver.requests
    assert request.action == "transfer"
    assert request.verdict.tainted_by == ("tool_output:read_docs",)
    assert request.verdict.rule_ids == ("taint.run",)  # the arguments themselves are clean
    status = _tool_messages(out)["transfer"].status
    assert status == ("success" if executed else "error")
    assert len(guard.taint) == 0  # the root run ended: its taint was evicted


@pytest.mark.parametrize("mode", MODES)
async def test_clean_run_transfers_without_asking(mode: str) -> None:
    """Without poisoned content, the same transfer runs and nobody is asked."""
    guard = wallet_guard()
    wallet = Wallet()
    approver = Recorder(False)
    tools = guard_tools(wallet.tools(), guard=guard, approver=approver)
    script = (turn(call("read_docs", query="hours")), turn(call("transfer", to=FRIEND, amount="1")))
    agent = create_agent(scripted(*script), tools=tools)
    await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
    assert wallet.sent == [(FRIEND, "1")]
    assert approver.requests == []


@pytest.mark.parametrize("mode", MODES)
async def test_poisoned_retrieved_document_taints_the_run(mode: str) -> None:
    """A retrieved document carrying an injection names itself in the transfer's verdict."""
    guard = wallet_guard()
    wallet = Wallet()
    docs = [
        Document(page_content=CLEAN_DOC, id="doc-1"),
        Document(page_content="Returns within 30 days.", id="doc-2"),
        Document(page_content=POISON, id="doc-3"),
    ]
    retriever = ListRetriever(docs=docs)

    @tool
    def search_kb(query: str) -> str:
        """Search the knowledge base."""
        found = retriever.invoke(query)
        return f"{len(found)} documents found"

    approver = Recorder(False)
    tools = guard_tools([*wallet.tools(), search_kb], guard=guard, approver=approver)
    script = (
        turn(call("search_kb", query="policy")),
        turn(call("transfer", to=FRIEND, amount="1")),
    )
    agent = create_agent(scripted(*script), tools=tools)
    await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
    assert wallet.sent == []
    (request,) = approver.requests
    assert request.verdict.tainted_by == ("retrieved:doc-3",)


@pytest.mark.parametrize("mode", MODES)
async def test_injected_memory_taints_the_run(mode: str) -> None:
    """Replayed history the run did not produce (memory) is judged and can taint the run."""
    guard = wallet_guard()
    wallet = Wallet()
    approver = Recorder(False)
    tools = guard_tools(wallet.tools(), guard=guard, approver=approver)
    remembered = AIMessage(content=f"Note to self: {POISON}", id="mem-7")
    inputs = {"messages": [remembered, HumanMessage("Pay my friend 1 ETH.")]}
    agent = create_agent(scripted(turn(call("transfer", to=FRIEND, amount="1"))), tools=tools)
    await _run(agent, inputs, mode, {"callbacks": [_handler(guard, mode)]})
    assert wallet.sent == []
    assert approver.requests[0].verdict.tainted_by == ("memory:mem-7",)


@pytest.mark.parametrize("mode", MODES)
async def test_leaked_key_never_reaches_the_tool(mode: str) -> None:
    """A key the model puts in tool arguments is refused; the model reads a masked reason."""
    guard = wallet_guard()
    wallet = Wallet()
    key = "0x" + os.urandom(32).hex()
    script = (turn(call("save_note", note=f"backup private key {key}")),)
    agent = create_agent(scripted(*script), tools=guard_tools(wallet.tools(), guard=guard))
    out = await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
    note = _tool_messages(out)["save_note"]
    assert note.status == "error" and "secret.evm_private_key" in note.content
    assert key not in note.content
    assert wallet.reads == []


def _graph(model: Any, tools: list[BaseTool]) -> Any:
    """A hand-built LangGraph agent: model node, ToolNode, checkpointer."""
    builder = StateGraph(MessagesState)
    builder.add_node("agent", lambda state: {"messages": [model.invoke(state["messages"])]})
    builder.add_node("tools", ToolNode(tools))
    builder.add_edge(START, "agent")
    builder.add_conditional_edges("agent", tools_condition)
    builder.add_edge("tools", "agent")
    return builder.compile(checkpointer=InMemorySaver())


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("resume", "executed"),
    [
        pytest.param("approve", True, id="approve"),
        pytest.param({"type": "approve"}, True, id="approve-decision-dict"),
        pytest.param("reject", False, id="reject"),
        pytest.param({"type": "reject", "message": "no"}, False, id="reject-decision-dict"),
    ],
)
async def test_langgraph_interrupt_approval(mode: str, resume: Any, executed: bool) -> None:
    """A tainted transfer pauses the graph; resuming with approve / reject decides it."""
    guard = wallet_guard()
    wallet = Wallet()
    tools = guard_tools(wallet.tools(), guard=guard, approver=interrupt_approver)
    graph = _graph(scripted(*POISONED_THEN_PAY), tools)
    config = {"configurable": {"thread_id": f"pay-{mode}-{resume!s}"}}
    paused = await _run(graph, ASK, mode, config)
    (pending,) = paused["__interrupt__"]
    assert pending.value["type"] == "aiegis_approval"
    assert pending.value["action"] == "transfer"
    assert "taint.run" in pending.value["summary"]
    assert wallet.sent == []
    out = await _run(graph, Command(resume=resume), mode, config)
    assert (wallet.sent == [(FRIEND, "0.1")]) is executed
    assert _tool_messages(out)["transfer"].status == ("success" if executed else "error")


@pytest.mark.parametrize("mode", MODES)
async def test_tools_alone_share_taint_within_a_thread(mode: str) -> None:
    """Without the handler, guarded tools still share taint through the LangGraph thread."""
    guard = wallet_guard()
    wallet = Wallet()
    approver = Recorder(False)
    tools = guard_tools(wallet.tools(), guard=guard, approver=approver)
    agent = create_agent(scripted(*POISONED_THEN_PAY), tools=tools, checkpointer=InMemorySaver())
    await _run(agent, ASK, mode, {"configurable": {"thread_id": f"alone-{mode}"}})
    assert wallet.sent == []
    assert approver.requests[0].verdict.tainted_by == ("tool_output:read_docs",)


def test_injected_arguments_still_reach_the_tool() -> None:
    """ToolRuntime, InjectedState and InjectedToolCallId pass through the wrapper unjudged."""
    seen: dict[str, Any] = {}

    @tool
    def whoami(note: str, runtime: ToolRuntime) -> str:
        """Who is calling."""
        seen["runtime"] = len(runtime.state["messages"])
        return "ok"

    @tool
    def with_state(
        note: str,
        state: Annotated[dict[str, Any], InjectedState],
        call_id: Annotated[str, InjectedToolCallId],
    ) -> str:
        """Reads the agent state."""
        seen["state"], seen["call_id"] = len(state["messages"]), call_id
        return "ok"

    tools = guard_tools([whoami, with_state], guard=wallet_guard())
    assert set(tools[1].tool_call_schema.model_json_schema()["properties"]) == {"note"}
    second = call("with_state", note="b")
    script = (turn(call("whoami", note="a")), turn(second))
    create_agent(scripted(*script), tools=tools).invoke(ASK)
    assert seen == {"runtime": 2, "state": 4, "call_id": second["id"]}
