"""``aiegis-guard mcp-proxy`` in front of the example stdio MCP wallet server (embedded EVM
chain), driven by the official ``mcp`` client: poisoned tool descriptions withheld, tool calls
judged (keys, drainer transactions, limits, taint), approvals through MCP elicitation."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

mcp = pytest.importorskip("mcp")
pytest.importorskip("web3")

from mcp import ClientSession, StdioServerParameters, stdio_client  # noqa: E402

from tests.evm_builders import STRANGER, TOKEN, approve, tx  # noqa: E402

pytestmark = pytest.mark.slow  # three processes per session

ROOT = Path(__file__).resolve().parent.parent
SERVER = ROOT / "examples" / "mcp_wallet_server.py"
FRIEND = "0x4444444444444444444444444444444444444444"
ETH = 10**18
KEY = "0x" + os.urandom(32).hex()  # generated per run, never funded

CONFIG = f"""
[allowlist]
evm = ["{FRIEND}"]
[ledger]
backend = "memory"
[[limits]]
chain = "evm"
asset = "native"
symbol = "ETH"
decimals = 18
per_period = "1"
period = "24h"
"""


@asynccontextmanager
async def session(tmp_path: Path, elicit: Any = None) -> AsyncIterator[ClientSession]:
    config = tmp_path / "aiegis.toml"
    config.write_text(CONFIG, encoding="utf-8")
    params = StdioServerParameters(
        command=sys.executable,
        args=["-m", "aiegis_guard.cli", "mcp-proxy", "--config", str(config), "--no-classifier",
              "--", sys.executable, str(SERVER)],
        env={"WALLET_POISONED_TOOL": "1", "PATH": "/usr/bin:/bin"},
        cwd=str(ROOT),
    )  # fmt: skip
    async with stdio_client(params) as (read, write):
        kwargs = {"elicitation_callback": elicit} if elicit else {}
        async with ClientSession(read, write, read_timeout_seconds=60, **kwargs) as s:
            await s.initialize()
            yield s


async def _call(s: ClientSession, name: str, args: dict[str, Any]) -> tuple[bool, str]:
    res = await s.call_tool(name, args)
    return bool(res.is_error), "".join(getattr(c, "text", "") for c in res.content)


async def _info(s: ClientSession) -> dict[str, Any]:
    _, text = await _call(s, "wallet_info", {})
    return json.loads(text)  # type: ignore[no-any-return]


SCENARIOS = [
    pytest.param("post_message", {"text": f"my private key is {KEY}"}, True,
                 "secret.evm_private_key", id="key-in-tool-call-blocked"),
    pytest.param("send_transaction", {"transaction": tx(TOKEN, approve(STRANGER, 2**256 - 1))},
                 True, "tx.evm.unlimited_approval", id="drainer-approval-blocked"),
    pytest.param("transfer_eth", {"to": STRANGER, "amount_wei": 5}, True,
                 "address.unknown_recipient", id="unknown-recipient-denied-without-elicitation"),
    pytest.param("gas_price", {}, True, "gateway.tool_withheld", id="poisoned-tool-call-blocked"),
    pytest.param("transfer_eth", {"to": FRIEND, "amount_wei": 6 * ETH // 10}, False, "0x",
                 id="payment-within-limit-executes"),
    pytest.param("transfer_eth", {"to": FRIEND, "amount_wei": 6 * ETH // 10}, True,
                 "tx.evm.over_period_limit", id="second-payment-over-period-limit-blocked"),
]  # fmt: skip


async def test_wallet_server_guarded(tmp_path: Path) -> None:
    """Poisoned descriptions are withheld; each call gets the library's verdict; blocked calls
    never reach the server (the chain and the feed show it)."""
    async with session(tmp_path) as s:
        names = [t.name for t in (await s.list_tools()).tools]
        assert "gas_price" not in names and "transfer_eth" in names
        before = await _info(s)
        for param in SCENARIOS:
            name, args, is_error, expect = param.values
            error, text = await _call(s, name, args)
            assert error is is_error, (param.id, text)
            assert expect in text, (param.id, text)
            assert KEY[2:] not in text
        after = await _info(s)
        assert after["posts"] == 0
        spent = before["balance_wei"] - after["balance_wei"]
        assert 6 * ETH // 10 <= spent < 7 * ETH // 10  # one payment plus gas, nothing else


async def test_taint_and_elicitation(tmp_path: Path) -> None:
    """After a poisoned tool result a payment needs approval: asked through MCP elicitation,
    declined -> not executed, accepted -> executed."""
    answers: list[str] = []

    async def elicit(context: Any, params: Any) -> Any:
        answers.append(params.message)
        accept = len(answers) > 1
        return mcp.types.ElicitResult(action="accept", content={"approve": accept})

    async with session(tmp_path, elicit) as s:
        error, text = await _call(s, "read_inbox", {})
        assert not error and "ignore all previous instructions" in text
        pay = {"to": FRIEND, "amount_wei": 7}
        error, text = await _call(s, "transfer_eth", pay)
        assert error and "taint.run" in text
        error, text = await _call(s, "transfer_eth", pay)
        assert not error and text.startswith("0x")
        assert len(answers) == 2 and "taint.run" in answers[0]
        _, balance = await _call(s, "balance_of", {"address": FRIEND})
        assert int(balance) == 7
