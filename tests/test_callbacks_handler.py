"""The callback handlers on their own: what they see, what they abort, what they taint."""

from __future__ import annotations

import os
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.documents import Document
from langchain_core.messages import AIMessage
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

from aiegis_guard import GuardBlocked
from aiegis_guard.callbacks import AsyncGuardCallbackHandler, GuardCallbackHandler

MODES = [pytest.param("sync", id="sync"), pytest.param("async", id="async")]
ASK = {"messages": [{"role": "user", "content": "Read the shipping docs, then pay my friend."}]}


def _key() -> str:
    return "0x" + os.urandom(32).hex()


def _handler(guard: Any, mode: str) -> Any:
    return GuardCallbackHandler(guard=guard) if mode == "sync" else AsyncGuardCallbackHandler(guard)


async def _run(runnable: Any, inputs: Any, mode: str, config: dict[str, Any]) -> Any:
    if mode == "sync":
        return runnable.invoke(inputs, config)
    return await runnable.ainvoke(inputs, config)


def test_handlers_raise_their_errors() -> None:
    """LangChain swallows handler errors unless raise_error is set: both handlers set it."""
    for handler in (GuardCallbackHandler(), AsyncGuardCallbackHandler()):
        assert handler.raise_error is True
        assert handler.run_inline is True


@pytest.mark.parametrize("mode", MODES)
async def test_leaked_key_in_tool_input_aborts_before_the_tool_runs(mode: str) -> None:
    """on_tool_start raises GuardBlocked: the tool body never executes; the error is masked."""
    guard = wallet_guard()
    wallet = Wallet()
    key = _key()
    script = (turn(call("save_note", note=f"private key: {key}")),)
    agent = create_agent(scripted(*script), tools=wallet.tools())
    with pytest.raises(GuardBlocked) as caught:
        await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
    assert caught.value.verdict.rule_ids[0] == "secret.evm_private_key"
    assert key not in str(caught.value) and key not in caught.value.verdict.to_json()
    assert wallet.reads == []
    assert len(guard.taint) == 0  # the failed root run was evicted too


@pytest.mark.parametrize("mode", MODES)
async def test_key_in_the_prompt_never_reaches_the_model(mode: str) -> None:
    """on_chat_model_start raises on a prompt holding a key: the model is never called."""
    guard = wallet_guard()
    model = scripted(turn(text="ok"))
    agent = create_agent(model, tools=Wallet().tools())
    inputs = {"messages": [{"role": "user", "content": f"my private key is {_key()}"}]}
    with pytest.raises(GuardBlocked, match=r"secret\.evm_private_key"):
        await _run(agent, inputs, mode, {"callbacks": [_handler(guard, mode)]})
    assert next(model.messages).content == "ok"  # the scripted reply was never consumed


@pytest.mark.parametrize("mode", MODES)
async def test_key_in_the_model_output_is_blocked(mode: str) -> None:
    """on_llm_end raises when the model itself writes a private key."""
    guard = wallet_guard()
    agent = create_agent(scripted(AIMessage(content=f"your private key is {_key()}")), tools=[])
    with pytest.raises(GuardBlocked, match=r"secret\.evm_private_key"):
        await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})


@pytest.mark.parametrize("mode", MODES)
async def test_handler_alone_blocks_a_tainted_transfer_under_block_policy(mode: str) -> None:
    """With [guard] taint = "block" the handler alone stops the tainted transfer."""
    guard = wallet_guard(taint="block")
    wallet = Wallet()
    script = (
        turn(call("read_docs", query="shipping")),
        turn(call("transfer", to=FRIEND, amount="0.1")),
    )
    agent = create_agent(scripted(*script), tools=wallet.tools())
    with pytest.raises(GuardBlocked) as caught:
        await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
    assert caught.value.verdict.tainted_by == ("tool_output:read_docs",)
    assert "taint.run" in caught.value.verdict.rule_ids
    assert wallet.reads == ["shipping"] and wallet.sent == []


@pytest.mark.parametrize("mode", MODES)
async def test_handler_records_taint_per_thread(mode: str) -> None:
    """The taint a run collects is kept under its LangGraph thread (shared with tools)."""
    guard = wallet_guard()
    agent = create_agent(
        scripted(turn(call("read_docs", query="shipping"))), tools=Wallet().tools()
    )
    config = {"callbacks": [_handler(guard, mode)], "configurable": {"thread_id": "t-9"}}
    await _run(agent, ASK, mode, config)
    assert guard.taint.tainted_by(("thread", "t-9")) == ("tool_output:read_docs",)


@pytest.mark.parametrize("mode", MODES)
async def test_retrieved_documents_are_checked(mode: str) -> None:
    """on_retriever_end taints on an injected document and aborts on a leaked key."""
    guard = wallet_guard()
    handler = _handler(guard, mode)
    docs = [Document(page_content=CLEAN_DOC, id="a"), Document(page_content=POISON, id="b")]
    config = {"callbacks": [handler], "metadata": {"thread_id": "kb"}}
    found = await _run(ListRetriever(docs=docs), "policy", mode, config)
    assert len(found) == 2  # a handler cannot filter: see guard_retriever
    assert guard.taint.tainted_by(("thread", "kb")) == ("retrieved:b",)
    leaked = [Document(page_content=f"deployer private key {_key()}")]
    with pytest.raises(GuardBlocked, match=r"secret\.evm_private_key"):
        await _run(ListRetriever(docs=leaked), "keys", mode, {"callbacks": [handler]})


def test_runs_are_evicted_when_they_end() -> None:
    """A long-lived handler keeps no state for finished runs (bounded memory)."""
    guard = wallet_guard()
    handler = GuardCallbackHandler(guard=guard)
    for _ in range(20):
        model = scripted(turn(call("read_docs", query="shipping")))
        agent = create_agent(model, tools=Wallet().tools())
        agent.invoke(ASK, {"callbacks": [handler]})
    assert len(guard.taint) == 0
    assert len(guard.taint._root_of) == 0
    assert len(handler._events._runs) == 0


def test_async_handler_also_blocks_under_sync_invoke() -> None:
    """Its hooks are not coroutines, so LangChain cannot swallow its errors on the sync path."""
    wallet = Wallet()
    script = (turn(call("save_note", note=f"private key: {_key()}")),)
    agent = create_agent(scripted(*script), tools=wallet.tools())
    with pytest.raises(GuardBlocked, match=r"secret\.evm_private_key"):
        agent.invoke(ASK, {"callbacks": [AsyncGuardCallbackHandler(guard=wallet_guard())]})
    assert wallet.reads == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("answer", "executed"),
    [pytest.param(False, False, id="denied"), pytest.param(True, True, id="approved")],
)
async def test_handler_with_an_approver_asks_about_tainted_transfers(
    mode: str, answer: bool, executed: bool
) -> None:
    """Given an approver, the handler alone asks about FLAGged value moves; no means abort."""
    guard = wallet_guard()
    wallet = Wallet()
    approver = Recorder(answer)
    handler_cls = GuardCallbackHandler if mode == "sync" else AsyncGuardCallbackHandler
    script = (
        turn(call("read_docs", query="shipping")),
        turn(call("transfer", to=FRIEND, amount="0.1")),
    )
    agent = create_agent(scripted(*script), tools=wallet.tools())
    config = {"callbacks": [handler_cls(guard=guard, approver=approver)]}
    if executed:
        await _run(agent, ASK, mode, config)
    else:
        with pytest.raises(GuardBlocked, match="needs approval: denied"):
            await _run(agent, ASK, mode, config)
    assert (wallet.sent == [(FRIEND, "0.1")]) is executed
    assert approver.requests[0].verdict.tainted_by == ("tool_output:read_docs",)


@pytest.mark.parametrize("mode", MODES)
async def test_model_tool_calls_are_judged_at_llm_end(mode: str) -> None:
    """A key in a tool call aborts at on_llm_end, even for a tool the agent does not run."""
    guard = wallet_guard()
    script = (turn(call("provider_side_tool", memo=f"private key {_key()}")),)
    agent = create_agent(scripted(*script), tools=Wallet().tools())
    with pytest.raises(GuardBlocked, match=r"secret\.evm_private_key"):
        await _run(agent, ASK, mode, {"callbacks": [_handler(guard, mode)]})
