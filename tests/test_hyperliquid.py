"""Hyperliquid user actions signed as EIP-712 (``protocols/hyperliquid.py``): type names with
a colon parse; sends and withdrawals give USDC to ``destination``; an agent approval is an
authority over the signer's own account (BLOCK to a stranger unless its name makes it expire
soon: FLAG); an action not read is unreadable (FLAG), never a pass.

Types from hyperliquid-dex/hyperliquid-python-sdk ``hyperliquid/utils/signing.py``; parties
are generated."""

from __future__ import annotations

import time
from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.receiver_builders import OWN, STRANGER, addr

DOMAIN_TYPE = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
DOMAIN = {
    "name": "HyperliquidSignTransaction",
    "version": "1",
    "chainId": 42161,
    "verifyingContract": "0x" + "00" * 20,
}
_SEND = [
    {"name": "hyperliquidChain", "type": "string"},
    {"name": "destination", "type": "string"},
    {"name": "amount", "type": "string"},
    {"name": "time", "type": "uint64"},
]
_AGENT = [
    {"name": "hyperliquidChain", "type": "string"},
    {"name": "agentAddress", "type": "address"},
    {"name": "agentName", "type": "string"},
    {"name": "nonce", "type": "uint64"},
]
AGENT = addr("allowlisted-api-wallet")


def action(primary: str, fields: list[dict[str, str]], message: dict[str, Any]) -> dict[str, Any]:
    name = f"HyperliquidTransaction:{primary}"
    return {
        "types": {"EIP712Domain": DOMAIN_TYPE, name: fields},
        "primaryType": name,
        "domain": DOMAIN,
        "message": {"hyperliquidChain": "Mainnet", **message},
    }


def _judge(payload: dict[str, Any]) -> Any:
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm_delegates": [AGENT]}}
    )
    return Guard(policy, classifier=False).check_typed_data(payload)


SOON_MS = (int(time.time()) + 7 * 86_400) * 1000  # a week ahead
FAR_MS = (int(time.time()) + 5 * 365 * 86_400) * 1000  # five years ahead


def agent(address: str, name: str) -> dict[str, Any]:
    return action("ApproveAgent", _AGENT, {"agentAddress": address, "agentName": name, "nonce": 1})


def send(to: str, primary: str = "Withdraw") -> dict[str, Any]:
    return action(primary, _SEND, {"destination": to, "amount": "2500.5", "time": 1764985000000})


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(send(OWN), Action.ALLOW, id="withdraw-to-own"),
        pytest.param(send(STRANGER, "UsdSend"), Action.FLAG, id="usd-send-to-stranger"),
        pytest.param(action("ApproveAgent", _AGENT, {"agentAddress": AGENT, "agentName": "bot",
                                                     "nonce": 1}), Action.ALLOW,
                     id="agent-allowlisted"),
        pytest.param(agent(STRANGER, "x"), Action.BLOCK, id="agent-stranger-standing"),
        pytest.param(agent(STRANGER, ""), Action.BLOCK, id="unnamed-agent-stranger"),
        pytest.param(agent(STRANGER, f"x valid_until {SOON_MS}"), Action.FLAG,
                     id="agent-stranger-short-lived"),
        pytest.param(agent(STRANGER, f"x valid_until {FAR_MS}"), Action.BLOCK,
                     id="agent-stranger-expiring-in-years"),
        pytest.param(agent(STRANGER, "valid_until soon"), Action.BLOCK,
                     id="agent-stranger-unreadable-expiry"),
        pytest.param(agent(AGENT, f"bot valid_until {FAR_MS}"), Action.ALLOW,
                     id="agent-allowlisted-any-expiry"),
        pytest.param(action("Mystery", [{"name": "hyperliquidChain", "type": "string"},
                                        {"name": "what", "type": "string"}], {"what": "x"}),
                     Action.FLAG, id="action-not-read"),
    ],
)  # fmt: skip
def test_hyperliquid_actions(payload: dict[str, Any], expected: Action) -> None:
    assert _judge(payload).action is expected


def test_withdrawal_amount_in_usdc_base_units() -> None:
    verdict = _judge(send(STRANGER))
    gives = [e for e in verdict.effects if e["kind"] == "gives"]
    assert gives and gives[0]["amount"] == 2_500_500_000


def test_agent_is_an_authority_over_the_signers_account() -> None:
    verdict = _judge(agent(STRANGER, f"x valid_until {SOON_MS}"))
    (effect,) = [e for e in verdict.effects if e["kind"] == "authority"]
    assert effect["what"] == "agent"
    assert effect["account"] is None  # the message names no account: the signer's
    assert effect["expiry"] == SOON_MS // 1000
    assert any(f"expires:{SOON_MS // 1000}" in f.evidence for f in verdict.findings)
