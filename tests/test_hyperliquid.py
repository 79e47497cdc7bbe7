"""Hyperliquid user actions signed as EIP-712 (``protocols/hyperliquid.py``): type names with
a colon parse; sends and withdrawals give USDC to ``destination``; an agent approval is an
authority over the signer's own account (BLOCK to a stranger unless its name makes it expire
soon: FLAG); an action not read is unreadable (FLAG), never a pass.

Types from hyperliquid-dex/hyperliquid-python-sdk ``hyperliquid/utils/signing.py``; parties
are generated."""

from __future__ import annotations

import json
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


# --- standing rights: builder fees, multi-sig conversion, staking delegation ----------------
# (types: the python SDK's ``signing.py`` / the TypeScript SDK's userSignedActionEip712Types)

_BUILDER = [
    {"name": "hyperliquidChain", "type": "string"},
    {"name": "maxFeeRate", "type": "string"},
    {"name": "builder", "type": "address"},
    {"name": "nonce", "type": "uint64"},
]
_MULTI_SIG = [
    {"name": "hyperliquidChain", "type": "string"},
    {"name": "signers", "type": "string"},
    {"name": "nonce", "type": "uint64"},
]
_DELEGATE = [
    {"name": "hyperliquidChain", "type": "string"},
    {"name": "validator", "type": "address"},
    {"name": "wei", "type": "uint64"},
    {"name": "isUndelegate", "type": "bool"},
    {"name": "nonce", "type": "uint64"},
]
_STAKING = [
    {"name": "hyperliquidChain", "type": "string"},
    {"name": "wei", "type": "uint64"},
    {"name": "nonce", "type": "uint64"},
]
COLD_KEY = addr("own-cold-key")
VALIDATOR = addr("allowlisted-validator")
# first 6 / last 4 hex digits of the allowlisted agent, the rest changed (address poisoning)
LOOKALIKE_AGENT = AGENT[:8] + "ab" * 15 + AGENT[-4:]


def builder_fee(builder: str, rate: str = "0.05%") -> dict[str, Any]:
    return action("ApproveBuilderFee", _BUILDER, {"maxFeeRate": rate, "builder": builder,
                                                  "nonce": 2})  # fmt: skip


def multi_sig(users: list[str] | None, threshold: int = 1) -> dict[str, Any]:
    config = None if users is None else {"authorizedUsers": users, "threshold": threshold}
    return action("ConvertToMultiSigUser", _MULTI_SIG, {"signers": json.dumps(config),
                                                        "nonce": 3})  # fmt: skip


def token_delegate(validator: str, undelegate: bool = False) -> dict[str, Any]:
    message = {"validator": validator, "wei": 25 * 10**9, "isUndelegate": undelegate, "nonce": 4}
    return action("TokenDelegate", _DELEGATE, message)


def _judge_standing(payload: dict[str, Any]) -> Any:
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN]},
            "allowlist": {
                "evm_delegates": [AGENT],
                "evm_operators": [VALIDATOR],
                "evm": [COLD_KEY],
            },
        }
    )
    return Guard(policy, classifier=False).check_typed_data(payload)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(builder_fee(AGENT), Action.ALLOW, id="builder-allowlisted"),
        pytest.param(builder_fee(STRANGER, "1%"), Action.BLOCK, id="builder-stranger"),
        pytest.param(builder_fee(LOOKALIKE_AGENT), Action.BLOCK, id="builder-lookalike"),
        pytest.param(builder_fee(STRANGER, "0%"), Action.ALLOW, id="builder-rate-zero-revokes"),
        pytest.param(multi_sig([COLD_KEY, OWN], 2), Action.ALLOW, id="multisig-own-keys"),
        pytest.param(multi_sig([COLD_KEY, STRANGER], 1), Action.BLOCK,
                     id="multisig-one-stranger-hidden-beside-own-key"),
        pytest.param(multi_sig(None), Action.ALLOW, id="multisig-back-to-normal-user"),
        pytest.param(token_delegate(VALIDATOR), Action.ALLOW, id="stake-allowlisted-validator"),
        pytest.param(token_delegate(STRANGER), Action.BLOCK, id="stake-unknown-validator"),
        pytest.param(token_delegate(STRANGER, undelegate=True), Action.ALLOW, id="undelegate"),
        pytest.param(action("CDeposit", _STAKING, {"wei": 10**8, "nonce": 5}), Action.ALLOW,
                     id="spot-to-staking"),
        pytest.param(action("SendMultiSig", [{"name": "hyperliquidChain", "type": "string"},
                                             {"name": "multiSigActionHash", "type": "bytes32"},
                                             {"name": "nonce", "type": "uint64"}],
                            {"multiSigActionHash": "0x" + "ab" * 32, "nonce": 6}),
                     Action.FLAG, id="multisig-envelope-hash-only"),
    ],
)  # fmt: skip
def test_standing_actions(payload: dict[str, Any], expected: Action) -> None:
    assert _judge_standing(payload).action is expected


def test_standing_actions_read_as_roles_over_the_signers_account() -> None:
    cases = [
        (builder_fee(STRANGER), "builder_fee", [STRANGER]),
        (multi_sig([STRANGER, COLD_KEY]), "owner", [STRANGER, COLD_KEY]),
        (token_delegate(STRANGER), "delegate", [STRANGER]),
    ]
    for payload, role, parties in cases:
        effects = [e for e in _judge_standing(payload).effects if e["kind"] == "authority"]
        assert [e["what"] for e in effects] == [role] * len(parties)
        assert [e["counterparty"] for e in effects] == [p.lower() for p in parties]
        assert all(e["account"] is None for e in effects)  # the signer's own account


def test_unreadable_signers_or_rate_is_not_a_pass() -> None:
    bad = [multi_sig([]), builder_fee(STRANGER, "lots")]
    bad[0]["message"]["signers"] = "{not json"
    for payload in bad:
        assert _judge_standing(payload).action is Action.FLAG
