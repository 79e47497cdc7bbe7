"""Tool-call amounts under every spelling a model may choose (review17 L7, L1).

A hex / octal / binary amount is the number it means (read with the same unit rule as its
decimal spelling, never smaller); an asset spelled ``$USDC`` is the USDC limit; an asset or unit
no ``[[limits]]`` entry names, a recipient without a readable amount, or a one-string input is
a value move that cannot be bounded: never ALLOWed while limits are configured. Real agents
(``create_agent`` with a scripted model) on the three LangChain surfaces.
"""

from __future__ import annotations

from typing import Any

import pytest
from langchain_core.tools import Tool
from lc_agents import FRIEND, call
from test_red_team_calls import SURFACES, _agent, _limited, _recording, _spent

from aiegis_guard.callbacks import guard_tools
from aiegis_guard.callbacks.judge import call_transfers

HUNDRED_ETH_HEX = hex(100 * 10**18)  # 0x56bc75e2d63100000


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(
    "args",
    [
        pytest.param({"amount_wei": HUNDRED_ETH_HEX}, id="hex-wei"),
        pytest.param({"value": HUNDRED_ETH_HEX}, id="hex-value"),
        pytest.param({"amount": "0x64"}, id="hex-whole-units"),
        pytest.param({"amount": "0o144"}, id="octal"),
        pytest.param({"amount": "0b1100100"}, id="binary"),
        pytest.param({"amount": "0x1__2"}, id="bad-hex"),
        pytest.param({"amount": "150 $USDC"}, id="dollar-ticker"),
        pytest.param({"amount": 150, "token": "$usdc"}, id="dollar-token-field"),
        pytest.param({"amount": 150, "token": "USDC.e"}, id="bridged-unknown-symbol"),
        pytest.param({"amount": 150, "token": "USD Coin"}, id="coin-name"),
        pytest.param({"amount": "5000 usd"}, id="fiat-unit"),
        pytest.param({"amount": "150 USDC", "value": "0 ETH"}, id="zero-eth-relabel"),
        pytest.param({"amt": "100"}, id="unknown-amount-name"),
    ],
)
def test_spelled_amount_never_passes_the_limit(surface: str, args: dict[str, Any]) -> None:
    """Over a limit under another spelling, or unboundable: never executed, nothing counted."""
    ran: list[Any] = []
    guard = _limited()
    full = {"to": FRIEND, **args}
    _agent(surface, [_recording("transfer", full, ran)], guard, call("transfer", **full))
    assert ran == []
    assert _spent(guard) == 0


def test_hex_amount_is_reserved_like_its_decimal() -> None:
    """A hex amount within the limit runs and is counted as the number it spells."""
    guard = _limited()
    hex_wei = call_transfers(guard, "send", {"to": FRIEND, "amount_wei": hex(4 * 10**17)})
    dec_wei = call_transfers(guard, "send", {"to": FRIEND, "amount_wei": str(4 * 10**17)})
    assert [d.operations for d in hex_wei] == [d.operations for d in dec_wei] != []


def test_each_unit_is_its_own_transfer() -> None:
    """A trailing ``"value": "0 ETH"`` never turns the USDC amount into wei."""
    guard = _limited()
    (decoded,) = call_transfers(
        guard, "pay", {"to": FRIEND, "amount": "150 USDC", "value": "0 ETH"}
    )
    by_symbol = {op.asset.symbol or op.asset.kind.value: op.amount for op in decoded.operations}
    assert by_symbol == {"USDC": 150 * 10**6, "native": 0}


def test_single_string_input_is_read_and_reserved() -> None:
    """A one-string tool (``"address,amount"``) is read: over the limit refused, else counted."""
    paid: list[str] = []
    guard = _limited()
    inner = Tool(
        name="send_eth",
        func=lambda s: paid.append(s) or "sent",
        description="Send ETH. Input: 'address,amount_in_eth'",
    )
    (tool,) = guard_tools([inner], guard=guard)
    over = tool.invoke(f"{FRIEND},100")
    unreadable = tool.invoke(f"{FRIEND} a lot")
    assert paid == [] and "blocked" in str(over) and "sent" not in str(unreadable)
    assert tool.invoke(f"{FRIEND}, 0.25 ETH") == "sent"
    assert _spent(guard) == 25 * 10**16


@pytest.mark.parametrize("surface", ["tools", "middleware"])  # the handler holds no spend
def test_transaction_in_arguments_fills_the_period(surface: str) -> None:
    """A transaction carried in a tool's arguments is reserved, not only checked (review17 L2):
    3 x 0.45 ETH under a 1-ETH period, the third never runs."""
    ran: list[Any] = []
    guard = _limited(per_tx="1", per_period="1")
    tx = {"to": FRIEND, "value": 45 * 10**16, "data": "0x", "gas": 21000, "chainId": 1}
    tool = _recording("send_transaction", {"transaction": tx}, ran)
    for _ in range(3):
        _agent(surface, [tool], guard, call("send_transaction", transaction=tx))
    assert len(ran) == 2
    assert _spent(guard) == 9 * 10**17


_USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"


def _usdc_limited() -> Any:
    from aiegis_guard.config import parse_config
    from aiegis_guard.guard import Guard

    limit = {"chain": "evm", "asset": _USDC, "symbol": "USDC", "decimals": 6}
    return Guard(
        parse_config({
            "wallet": {"evm": ["0x" + "11" * 20]},
            "allowlist": {"evm": [FRIEND]},
            "ledger": {"backend": "memory"},
            "limits": [{**limit, "per_tx": "100", "per_period": "100"}],
        }),
        classifier=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    "key", ["denom", "unit", "erc20", "contract", "denomination", "memo_asset", "whatever"]
)
@pytest.mark.parametrize("named", ["USDC", "$usdc", _USDC])
@pytest.mark.parametrize(("amount", "action"), [("5000", "block"), ("50", "allow")])
def test_asset_under_any_key_is_the_asset(key: str, named: str, amount: str, action: str) -> None:
    """Review17b B19: an asset named under a key nobody listed (``denom``, ``unit``, ``erc20``,
    ``contract``, any other) is that asset: 5000 USDC over a 100 USDC limit never passes as
    "unnamed", 50 USDC to the allowlisted friend passes (the twin)."""
    from aiegis_guard.callbacks.judge import judge_call

    guard = _usdc_limited()
    args = {"to": FRIEND, "amount": amount, key: named}
    verdict = judge_call(guard, "transfer_token", args, value_moving=True).verdict
    if action == "allow":  # (a token address in any field is also read as a party: FLAG)
        assert verdict.action.value == ("allow" if named != _USDC else "flag"), verdict.rule_ids
    else:
        assert verdict.action.value == "block"
        assert "tx.evm.over_limit" in verdict.rule_ids


@pytest.mark.parametrize("key", ["denom", "unit", "erc20"])
def test_unconfigured_asset_under_an_asset_key_flags(key: str) -> None:
    """An asset field naming a symbol no entry covers (``uatom``) is a move that cannot be
    bounded: FLAG, never a silent ALLOW."""
    from aiegis_guard.callbacks.judge import judge_call

    args = {"to": FRIEND, "amount": "5000", key: "uatom"}
    verdict = judge_call(_usdc_limited(), "transfer_token", args, value_moving=True).verdict
    assert verdict.action.value != "allow"
