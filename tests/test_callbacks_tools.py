"""Guarded tools: same interface, judged before they run, a blocked call never executes."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest
import spl as sx
from langchain_core.messages import ToolMessage
from langchain_core.tools import BaseTool, StructuredTool, Tool, tool
from langchain_core.utils.function_calling import convert_to_openai_tool
from lc_agents import ATTACKER, FRIEND, POISON, AsyncRecorder, Recorder, Wallet, wallet_guard
from pydantic import BaseModel, Field
from solders.keypair import Keypair
from solders.token.associated import get_associated_token_address

from aiegis_guard import GuardBlocked
from aiegis_guard.audit import AuditLog
from aiegis_guard.callbacks import GuardedTool, guard_tool, guard_tools
from aiegis_guard.callbacks.judge import ToolKind, is_value_moving
from aiegis_guard.config import ToolSettings
from aiegis_guard.signers.approval import allow_all

MODES = [pytest.param("sync", id="sync"), pytest.param("async", id="async")]


def _key() -> str:
    """A fresh private key (never funded, never printed)."""
    return "0x" + os.urandom(32).hex()


async def _call(tool: BaseTool, args: dict[str, Any], mode: str, **config: Any) -> Any:
    """Invoke a tool the way an agent does (a tool call), sync or async."""
    call = {"name": tool.name, "args": args, "id": "call_1", "type": "tool_call"}
    if mode == "sync":
        return tool.invoke(call, config or None)
    return await tool.ainvoke(call, config or None)


class TransferArgs(BaseModel):
    to: str
    amount: str


class CustomTransfer(BaseTool):
    """A hand-written BaseTool subclass (not @tool)."""

    name: str = "erc20_transfer"
    description: str = "Transfer ERC-20 tokens."
    args_schema: type[BaseModel] = TransferArgs
    sent: list[str] = Field(default_factory=list)

    def _run(self, to: str, amount: str) -> str:
        self.sent.append(to)
        return "ok"


def _untitled(schema: Any) -> Any:
    """A JSON schema without its cosmetic ``title`` keys (LangChain adds them on one path)."""
    if isinstance(schema, dict):
        return {k: _untitled(v) for k, v in schema.items() if k != "title"}
    return schema


def _interfaces() -> list[BaseTool]:
    wallet = Wallet()
    single = Tool(name="lookup", description="Look something up.", func=lambda q: q)
    return [*wallet.tools(), single, CustomTransfer()]


@pytest.mark.parametrize("inner", _interfaces(), ids=lambda t: t.name)
def test_wrapper_keeps_the_tool_interface(inner: BaseTool) -> None:
    """Name, description, args and the schema a model is bound with are unchanged."""
    guarded = guard_tool(inner, guard=wallet_guard())
    assert isinstance(guarded, GuardedTool)
    assert (guarded.name, guarded.description) == (inner.name, inner.description)
    assert guarded.args == inner.args
    assert _untitled(convert_to_openai_tool(guarded)) == _untitled(convert_to_openai_tool(inner))
    assert guard_tool(guarded).inner is inner  # wrapping twice does not nest


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param("transfer", True, id="transfer"),
        pytest.param("native_transfer", True, id="agentkit-native-transfer"),
        pytest.param("erc20_transfer", True, id="erc20-transfer"),
        pytest.param("transfer_sol", True, id="solana-agent-kit-transfer-sol"),
        pytest.param("transferFrom", True, id="goat-camel-case"),
        pytest.param("send_ETH", True, id="goat-send-eth"),
        pytest.param("send_transaction", True, id="send-transaction"),
        pytest.param("sign_typed_data", True, id="sign-typed-data"),
        pytest.param("uniswap_swap_tokens", True, id="swap"),
        pytest.param("approve", True, id="approve"),
        pytest.param("stake_with_jup", True, id="stake"),
        pytest.param("wow_buy_token", True, id="buy"),
        pytest.param("bridge_assets", True, id="bridge"),
        pytest.param("get_balance", False, id="get-balance-is-read-only"),
        pytest.param("wallet_details", False, id="wallet-details"),
        pytest.param("request_faucet_funds", False, id="faucet-request"),
        pytest.param("read_docs", False, id="read-docs"),
        pytest.param("get_transfer_history", True, id="conservative-on-transfer-word"),
    ],
)
def test_value_moving_names(name: str, expected: bool) -> None:
    """Tool names from AgentKit / GOAT / Solana Agent Kit are recognised by their verbs."""
    assert is_value_moving(name) is expected


@pytest.mark.parametrize(
    ("name", "settings", "kind", "expected"),
    [
        pytest.param("pay_invoice", ToolSettings(value_moving_patterns=(r"^pay_",)), "auto",
                     True, id="config-pattern"),
        pytest.param("do_it", ToolSettings(value_moving=("do_it",)), "auto", True,
                     id="config-exact-name"),
        pytest.param("get_transfer_history", ToolSettings(read_only=("get_transfer_history",)),
                     "auto", False, id="config-read-only-wins"),
        pytest.param("lookup", ToolSettings(), "value_moving", True, id="explicit-kind"),
        pytest.param("transfer", ToolSettings(), "read_only", False, id="explicit-read-only"),
    ],
)  # fmt: skip
def test_value_moving_is_configurable(
    name: str, settings: ToolSettings, kind: str, expected: bool
) -> None:
    """An explicit kind beats the [tools] config, which beats the name patterns."""
    assert is_value_moving(name, settings, ToolKind(kind)) is expected


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("tool_name", "args"),
    [
        pytest.param("save_note", {"note": "my private key is {key}"}, id="read-only-tool"),
        pytest.param("read_docs", {"query": "private_key={key}"}, id="search-query"),
        pytest.param("transfer", {"to": FRIEND, "amount": "private key {key}"}, id="transfer"),
    ],
)
async def test_leaked_key_is_blocked_before_the_tool_runs(
    tool_name: str, args: dict[str, str], mode: str
) -> None:
    """A private key in any tool input: the tool never runs, the model reads why (masked)."""
    wallet = Wallet()
    tools = {t.name: t for t in guard_tools(wallet.tools(), guard=wallet_guard())}
    key = _key()
    filled = {k: v.format(key=key) for k, v in args.items()}
    result = await _call(tools[tool_name], filled, mode)
    assert isinstance(result, ToolMessage)
    assert result.status == "error"
    assert result.content.startswith("blocked by aiegis_guard: secret.evm_private_key")
    assert key not in result.content and key[2:] not in result.content
    assert wallet.sent == [] and wallet.reads == []


@pytest.mark.parametrize("mode", MODES)
async def test_on_block_raise_aborts_the_run(mode: str) -> None:
    """With on_block="raise" a block raises GuardBlocked (masked) and nothing executes."""
    wallet = Wallet()
    transfer = guard_tool(wallet.tools()[0], guard=wallet_guard(), on_block="raise")
    key = _key()
    with pytest.raises(GuardBlocked) as caught:
        await _call(transfer, {"to": FRIEND, "amount": f"private key {key}"}, mode)
    assert "secret.evm_private_key" in caught.value.verdict.rule_ids
    assert key not in str(caught.value) and key not in caught.value.verdict.to_json()
    assert wallet.sent == []


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("on_block", ["tool_error", "raise"])
async def test_signer_refusal_inside_a_tool_reaches_the_model(mode: str, on_block: str) -> None:
    """A guarded signer raising GuardBlocked inside the tool becomes the model's tool error."""
    guard = wallet_guard()
    refusal = guard.check_text(f"key {_key()}")

    @tool
    def sign_and_send(to: str) -> str:
        """Sign a transfer with a guarded account (here: the signer refuses)."""
        raise GuardBlocked(refusal)

    wrapped = guard_tool(sign_and_send, guard=guard, kind="read_only", on_block=on_block)
    if on_block == "raise":
        with pytest.raises(GuardBlocked):
            await _call(wrapped, {"to": FRIEND}, mode)
        return
    result = await _call(wrapped, {"to": FRIEND}, mode)
    assert result.status == "error"
    assert result.content.startswith("blocked by aiegis_guard: secret.evm_private_key")
    assert "nothing was signed or sent" in result.content


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("approver", "executed"),
    [
        pytest.param(None, False, id="nobody-there-denies"),
        pytest.param(Recorder(False), False, id="human-rejects"),
        pytest.param(Recorder(True), True, id="human-approves"),
        pytest.param(AsyncRecorder(True), True, id="async-human-approves"),
    ],
)
async def test_flagged_transfer_goes_to_the_approver(
    approver: Any, executed: bool, mode: str
) -> None:
    """A FLAGged value-moving call runs only when the approver says yes."""
    if mode == "sync" and isinstance(approver, AsyncRecorder):
        executed = False  # an async approver cannot answer sync code: deny
    wallet = Wallet()
    transfer = guard_tool(wallet.tools()[0], guard=wallet_guard(), approver=approver)
    result = await _call(transfer, {"to": ATTACKER, "amount": "0.1"}, mode)
    assert (wallet.sent == [(ATTACKER, "0.1")]) is executed
    if executed:
        assert result.status == "success"
    else:
        assert result.status == "error"
        assert result.content.startswith("needs approval: denied by aiegis_guard")
        assert "address.unknown_recipient" in result.content


def test_approval_is_audited(tmp_path: Path) -> None:
    """Every approval decision reaches the audit log with the tool name (masked)."""
    audit = AuditLog(tmp_path / "audit.jsonl")
    wallet = Wallet()
    guard = wallet_guard(audit=audit)
    approve = guard_tool(wallet.tools()[0], guard=guard, approver=allow_all)
    deny = guard_tool(wallet.tools()[0], guard=guard)
    approve.invoke({"to": ATTACKER, "amount": "0.1"})
    assert deny.invoke({"to": ATTACKER, "amount": "0.2"}).startswith("needs approval: denied")
    lines = [json.loads(x) for x in (tmp_path / "audit.jsonl").read_text().splitlines()]
    decisions = [(x["approval"], x["action"]) for x in lines if x["kind"] == "approval"]
    assert decisions == [("approved", "transfer"), ("denied", "transfer")]


def test_read_only_tool_with_a_flag_still_runs() -> None:
    """FLAGs on read-only tools are recorded, not asked about: only value moves need a human."""
    wallet = Wallet()
    balance = guard_tool(wallet.tools()[2], guard=wallet_guard())
    assert balance.invoke({"address": ATTACKER}) == "1.5 ETH"
    assert wallet.reads == [ATTACKER]


@pytest.mark.parametrize("mode", MODES)
async def test_tool_output_taints_the_thread(mode: str) -> None:
    """An injected tool output taints the run; a later clean transfer needs approval."""
    wallet = Wallet()
    guard = wallet_guard()
    recorder = Recorder(False)
    tools = {t.name: t for t in guard_tools(wallet.tools(), guard=guard, approver=recorder)}
    config = {"configurable": {"thread_id": f"tainted-{mode}"}}
    out = await _call(tools["read_docs"], {"query": "shipping"}, mode, **config)
    assert out.content == POISON  # not quarantined by default: the model may read it
    result = await _call(tools["transfer"], {"to": FRIEND, "amount": "0.1"}, mode, **config)
    assert result.status == "error" and wallet.sent == []
    (request,) = recorder.requests
    assert request.verdict.tainted_by == ("tool_output:read_docs",)
    assert "taint.run" in request.verdict.rule_ids
    fresh = await _call(tools["transfer"], {"to": FRIEND, "amount": "0.1"}, mode)
    assert fresh.status == "success"  # another thread is not tainted


@pytest.mark.parametrize("mode", MODES)
async def test_quarantine_replaces_injected_output(mode: str) -> None:
    """With quarantine on, the model reads a short notice instead of the injected output."""
    wallet = Wallet()
    read_docs = guard_tool(wallet.tools()[1], guard=wallet_guard(), quarantine=True)
    out = await _call(read_docs, {"query": "shipping"}, mode)
    assert out.content.startswith("[aiegis_guard: tool output withheld (")
    assert "injection." in out.content and ATTACKER not in out.content
    clean = await _call(read_docs, {"query": "hours"}, mode)
    assert clean.content == wallet.tools()[1].invoke({"query": "hours"})


def _solana_unlimited_approval() -> str:
    payer, delegate, mint = Keypair(), Keypair().pubkey(), Keypair().pubkey()
    source = get_associated_token_address(payer.pubkey(), mint)
    tx = sx.v0_tx(payer, [sx.approve(source, delegate, payer.pubkey(), sx.U64_MAX)])
    return base64.b64encode(bytes(tx)).decode()


def _evm_unlimited_approval() -> dict[str, Any]:
    spender = "22" * 20
    data = "0x095ea7b3" + "00" * 12 + spender + "ff" * 32  # approve(spender, 2**256-1)
    return {"to": FRIEND, "data": data, "value": 0, "chainId": 1, "nonce": 0, "gas": 60000}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("args", "rule"),
    [
        pytest.param(lambda: {"transaction": _solana_unlimited_approval()},
                     "tx.sol.unlimited_approval", id="solana-base64-tx"),
        pytest.param(lambda: {"tx": _evm_unlimited_approval()}, "tx.evm.unlimited_approval",
                     id="evm-tx-dict"),
        pytest.param(lambda: {"tx": json.dumps(_evm_unlimited_approval())},
                     "tx.evm.unlimited_approval", id="evm-tx-json-string"),
    ],
)  # fmt: skip
async def test_transaction_in_arguments_is_inspected(args: Any, rule: str, mode: str) -> None:
    """A tool receiving a transaction has it inspected; a drainer approval never gets sent."""
    sent: list[Any] = []

    @tool
    def sign_and_send_transaction(
        transaction: str | None = None, tx: dict[str, Any] | str | None = None
    ) -> str:
        """Sign a transaction with the agent's wallet and broadcast it."""
        sent.append(transaction or tx)
        return "0xtxhash"

    guarded = guard_tool(sign_and_send_transaction, guard=wallet_guard())
    result = await _call(guarded, args(), mode)
    assert result.status == "error"
    assert result.content.startswith(f"blocked by aiegis_guard: {rule}")
    assert sent == []


def test_tool_receiving_a_transaction_counts_as_value_moving() -> None:
    """Whatever its name, a tool handed a transaction is judged as moving value."""
    seen: list[str] = []

    @tool
    def relay(tx: str) -> str:
        """Relay a transaction."""
        seen.append(tx)
        return "relayed"

    guarded = guard_tool(relay, guard=wallet_guard())
    refused = guarded.invoke({"tx": _solana_unlimited_approval()})
    assert refused.startswith("blocked by aiegis_guard: tx.sol.unlimited_approval")
    assert seen == []


def test_inner_tool_errors_keep_their_own_handling() -> None:
    """The wrapped tool's own ToolException is handled exactly as before wrapping."""
    from langchain_core.tools import ToolException

    def broken(x: str) -> str:
        raise ToolException("upstream RPC failed")

    handled = StructuredTool.from_function(
        broken, name="lookup", description="d", handle_tool_error=True
    )
    unhandled = StructuredTool.from_function(broken, name="lookup", description="d")
    assert guard_tool(handled, guard=wallet_guard()).invoke({"x": "a"}) == "upstream RPC failed"
    with pytest.raises(ToolException, match="upstream RPC failed"):
        guard_tool(unhandled, guard=wallet_guard()).invoke({"x": "a"})


@pytest.mark.slow  # a fresh interpreter
def test_handler_and_wrappers_need_only_langchain_core() -> None:
    """The full langchain package and LangGraph load only with GuardMiddleware / interrupts."""
    import subprocess
    import sys

    code = (
        "import sys, aiegis_guard.callbacks as c; "
        "first = sorted({m.split('.')[0] for m in sys.modules} & {'langchain', 'langgraph'}); "
        "c.GuardMiddleware; "
        "then = sorted({m.split('.')[0] for m in sys.modules} & {'langchain', 'langgraph'}); "
        "print(first, then)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] ['langchain', 'langgraph']"


def test_quarantine_follows_config_unless_told_otherwise() -> None:
    """[guard] quarantine = true is the default for wrapped tools; an explicit False wins."""
    from aiegis_guard import Guard
    from aiegis_guard.config import Config

    guard = Guard(Config(quarantine=True), classifier=False)
    read_docs = Wallet().tools()[1]
    assert (
        guard_tool(read_docs, guard=guard)
        .invoke({"query": "shipping"})
        .startswith("[aiegis_guard: tool output withheld")
    )
    assert guard_tool(read_docs, guard=guard, quarantine=False).invoke({"query": "shipping"}) == (
        POISON
    )
