"""Linked signers and API keys signed as EIP-712 (``protocols/linked_signers.py``): Vertex
``LinkSigner`` and Orderly ``AddOrderlyKey`` hand a key standing power over the signer's own
account (authority ``agent``): allowlisted -> ALLOW, a stranger or a look-alike -> BLOCK, a
short-lived read / trading key of a stranger -> FLAG, a key that may move funds (Orderly's
``asset`` scope) -> BLOCK whatever its expiry; unlinking gains nobody anything.

Types: vertex-protocol ``Endpoint.sol`` / the Vertex python SDK's EIP-712 types; OrderlyNetwork
js-sdk ``definedTypes``. Parties and keys are generated."""

from __future__ import annotations

import hashlib
import time
from typing import Any

import base58
import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.receiver_builders import OWN, STRANGER, addr

_DOMAIN_TYPE = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
ENDPOINT = "0xbbEE07B3e8121227AfCFe1E2B82772246226128e"  # Vertex Endpoint (Arbitrum)
BOT = addr("allowlisted-trading-bot")
LOOKALIKE_BOT = BOT[:8] + "cd" * 15 + BOT[-4:]


def ed25519(label: str) -> str:
    return "ed25519:" + base58.b58encode(hashlib.sha256(label.encode()).digest()).decode()


BOT_KEY, STRANGER_KEY = ed25519("bot-key"), ed25519("stranger-key")
NOW_MS = int(time.time()) * 1000


def link_signer(signer: str | None) -> dict[str, Any]:
    word = (signer[2:].lower() if signer else "00" * 20) + "00" * 12
    sender = "0x" + OWN[2:].lower() + b"default".hex().ljust(24, "0")
    return {
        "types": {
            "EIP712Domain": _DOMAIN_TYPE,
            "LinkSigner": [
                {"name": "sender", "type": "bytes32"},
                {"name": "signer", "type": "bytes32"},
                {"name": "nonce", "type": "uint64"},
            ],
        },
        "primaryType": "LinkSigner",
        "domain": {"name": "Vertex", "version": "0.0.1", "chainId": 42161,
                   "verifyingContract": ENDPOINT},
        "message": {"sender": sender, "signer": "0x" + word, "nonce": 7},
    }  # fmt: skip


def orderly_key(key: str, scope: str, days: int) -> dict[str, Any]:
    return {
        "types": {
            "EIP712Domain": _DOMAIN_TYPE,
            "AddOrderlyKey": [
                {"name": "brokerId", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "orderlyKey", "type": "string"},
                {"name": "scope", "type": "string"},
                {"name": "timestamp", "type": "uint64"},
                {"name": "expiration", "type": "uint64"},
            ],
        },
        "primaryType": "AddOrderlyKey",
        "domain": {"name": "Orderly", "version": "1", "chainId": 42161,
                   "verifyingContract": "0x" + "cC" * 20},
        "message": {"brokerId": "some_broker", "chainId": 42161, "orderlyKey": key,
                    "scope": scope, "timestamp": NOW_MS,
                    "expiration": NOW_MS + days * 86_400_000},
    }  # fmt: skip


def _judge(payload: dict[str, Any]) -> Any:
    allow = {"evm_operators": [BOT], "solana_delegates": [BOT_KEY.removeprefix("ed25519:")]}
    policy = Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": allow})
    return Guard(policy, classifier=False).check_typed_data(payload)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(link_signer(BOT), Action.ALLOW, id="vertex-allowlisted-bot"),
        pytest.param(link_signer(STRANGER), Action.BLOCK, id="vertex-stranger"),
        pytest.param(link_signer(LOOKALIKE_BOT), Action.BLOCK, id="vertex-lookalike"),
        pytest.param(link_signer(None), Action.ALLOW, id="vertex-unlink"),
        pytest.param(orderly_key(BOT_KEY, "read,trading", 30), Action.ALLOW, id="orderly-own-key"),
        pytest.param(orderly_key(BOT_KEY, "read,trading,asset", 365), Action.ALLOW,
                     id="orderly-own-key-asset-scope"),
        pytest.param(orderly_key(STRANGER_KEY, "read,trading", 7), Action.FLAG,
                     id="orderly-stranger-short-lived-trading"),
        pytest.param(orderly_key(STRANGER_KEY, "read,trading,asset", 7), Action.BLOCK,
                     id="orderly-stranger-asset-scope"),
        pytest.param(orderly_key(STRANGER_KEY, "read,trading", 5 * 365), Action.BLOCK,
                     id="orderly-stranger-years"),
    ],
)  # fmt: skip
def test_linked_signers(payload: dict[str, Any], expected: Action) -> None:
    assert _judge(payload).action is expected


def test_linked_signer_reads_as_an_agent_of_the_signers_account() -> None:
    for payload, party in ((link_signer(STRANGER), STRANGER.lower()),
                           (orderly_key(STRANGER_KEY, "read", 7), STRANGER_KEY)):  # fmt: skip
        (effect,) = [e for e in _judge(payload).effects if e["kind"] == "authority"]
        assert (effect["what"], effect["counterparty"], effect["account"]) == ("agent", party, None)


def test_unreadable_key_is_not_a_pass() -> None:
    payload = orderly_key("0x" + "ab" * 32, "read", 7)
    assert _judge(payload).action is Action.FLAG
