"""End to end on an eth-tester chain: the wallet's real balances prove what executed.

A ``create_agent`` agent holds a funded eth-tester account; its tools sign and send real
transactions. A blocked drainer approval leaves the allowance at zero; a tainted transfer
moves no ETH unless a human approves it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool, tool
from lc_agents import POISON, Recorder, call, scripted, turn
from test_evm_chain import ETH, MAX, EthTester

from aiegis_guard.callbacks import GuardCallbackHandler, GuardMiddleware, guard_tools

pytestmark = pytest.mark.slow

ATTACKER = "0x000000000000000000000000000000000000dEaD"
ASK = {"messages": [{"role": "user", "content": "Read the docs, then pay my friend."}]}
MODES = [pytest.param("sync", id="sync"), pytest.param("async", id="async")]


@pytest.fixture
def chain() -> EthTester:
    return EthTester()


def wallet_tools(chain: EthTester) -> list[BaseTool]:
    """The agent's wallet tools: they sign with the agent's key and hit the chain."""

    def sign_and_send(tx: dict[str, Any]) -> str:
        full = chain.tx(chain.agent.address, tx["to"], bytes.fromhex(tx.get("data", "0x")[2:]))
        full["value"] = int(tx.get("value", 0))
        signed = chain.agent.sign_transaction(full)
        chain.send(signed)
        return f"sent {signed.hash.hex()}"

    @tool
    def send_eth(to: str, amount_eth: str) -> str:
        """Send `amount_eth` ETH from the agent's wallet to `to`."""
        return sign_and_send({"to": to, "value": int(Decimal(amount_eth) * ETH)})

    @tool
    def send_transaction(tx: dict[str, Any]) -> str:
        """Sign and send a prepared transaction {to, data, value} from the agent's wallet."""
        return sign_and_send(tx)

    @tool
    def read_docs(query: str) -> str:
        """Read the shop's documentation."""
        return POISON

    return [send_eth, send_transaction, read_docs]


def _approve_all(chain: EthTester) -> dict[str, Any]:
    data = "0x" + chain.calldata(chain.token, "approve", ATTACKER, MAX).hex()
    return {"to": chain.token.address, "data": data, "value": 0, "chainId": chain.w3.eth.chain_id}


async def _run(agent: Any, mode: str, config: dict[str, Any] | None = None) -> Any:
    if mode == "sync":
        return agent.invoke(ASK, config)
    return await agent.ainvoke(ASK, config)


def _results(out: dict[str, Any]) -> dict[str, ToolMessage]:
    return {m.name or "": m for m in out["messages"] if isinstance(m, ToolMessage)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("surface", ["tools", "middleware"])
async def test_drainer_approval_never_reaches_the_chain(
    chain: EthTester, mode: str, surface: str
) -> None:
    """An unlimited approval to a stranger is decoded and blocked: the allowance stays 0."""
    guard = chain.guard()
    tools = wallet_tools(chain)
    script = (turn(call("send_transaction", tx=_approve_all(chain))),)
    if surface == "tools":
        agent = create_agent(scripted(*script), tools=guard_tools(tools, guard=guard))
    else:
        agent = create_agent(scripted(*script), tools=tools, middleware=[GuardMiddleware(guard)])
    out = await _run(agent, mode)
    result = _results(out)["send_transaction"]
    assert result.status == "error"
    assert result.content.startswith("blocked by aiegis_guard: tx.evm.unlimited_approval")
    assert chain.token.functions.allowance(chain.agent.address, ATTACKER).call() == 0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("answer", "moved"), [pytest.param(False, 0, id="rejected"), pytest.param(True, 1, id="ok")]
)
async def test_tainted_transfer_moves_eth_only_when_approved(
    chain: EthTester, mode: str, answer: bool, moved: int
) -> None:
    """After an injected doc, paying the allowlisted friend waits for a human."""
    guard = chain.guard()
    approver = Recorder(answer)
    tools = guard_tools(wallet_tools(chain), guard=guard, approver=approver)
    script = (
        turn(call("read_docs", query="shipping")),
        turn(call("send_eth", to=chain.friend, amount_eth="1")),
    )
    before = chain.w3.eth.get_balance(chain.friend)
    agent = create_agent(scripted(*script), tools=tools)
    await _run(agent, mode, {"callbacks": [GuardCallbackHandler(guard=guard)]})
    assert chain.w3.eth.get_balance(chain.friend) - before == moved * ETH
    assert approver.requests[0].verdict.tainted_by == ("tool_output:read_docs",)
