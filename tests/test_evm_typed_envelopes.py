"""Smart-account signature envelopes are judged by their contents (review18 F7).

ERC-7739 ``TypedDataSign{contents, name, version, chainId, verifyingContract, salt}`` under
the app's domain is the app's struct; Safe ``SafeMessage{message}`` (safe-smart-account
``CompatibilityFallbackHandler.sol``) of 32 bytes is a blind digest, of other bytes the
message they are. Permit types: Uniswap Permit2 ``PermitSingle`` and EIP-2612 ``Permit``.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import PERMIT2
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, rules

SAFE = addr("own-safe")
MAX = 2**256 - 1
DOMAIN_T = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
PERMIT_T = [
    {"name": "owner", "type": "address"},
    {"name": "spender", "type": "address"},
    {"name": "value", "type": "uint256"},
    {"name": "nonce", "type": "uint256"},
    {"name": "deadline", "type": "uint256"},
]
TDS_TAIL = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
    {"name": "salt", "type": "bytes32"},
]


def _guard() -> Guard:
    allow = [FRIEND.lower()]
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN, SAFE]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False)


def _permit(spender: str) -> dict[str, Any]:
    return {
        "owner": SAFE,
        "spender": spender,
        "value": str(MAX),
        "nonce": "0",
        "deadline": str(2**40),
    }


def _typed_data_sign(spender: str) -> dict[str, Any]:
    return {
        "types": {
            "EIP712Domain": DOMAIN_T,
            "TypedDataSign": [{"name": "contents", "type": "Permit"}, *TDS_TAIL],
            "Permit": PERMIT_T,
        },
        "primaryType": "TypedDataSign",
        "domain": {"name": "USD Coin", "version": "2", "chainId": 1, "verifyingContract": USDC},
        "message": {
            "contents": _permit(spender),
            "name": "Kernel",
            "version": "0.3.1",
            "chainId": 1,
            "verifyingContract": SAFE,
            "salt": "0x" + "00" * 32,
        },
    }


def _safe_message(message: str) -> dict[str, Any]:
    return {
        "types": {
            "EIP712Domain": [
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "SafeMessage": [{"name": "message", "type": "bytes"}],
        },
        "primaryType": "SafeMessage",
        "domain": {"chainId": 1, "verifyingContract": SAFE},
        "message": {"message": message},
    }


def test_typed_data_sign_of_a_permit_to_a_stranger_blocks() -> None:
    """ERC-7739 envelope of an unlimited EIP-2612 permit to a stranger: BLOCK as bare."""
    verdict = _guard().check_typed_data(_typed_data_sign(STRANGER))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_typed_data_sign_of_a_permit_to_allowlisted_passes() -> None:
    """The allowlisted twin: the envelope is not unknown typed data, the permit passes."""
    verdict = _guard().check_typed_data(_typed_data_sign(FRIEND))
    assert verdict.action is Action.ALLOW


def test_typed_data_sign_with_a_wrong_tail_is_not_unwrapped() -> None:
    """A struct named TypedDataSign without ERC-7739's fields is an unknown type (FLAG)."""
    data = _typed_data_sign(STRANGER)
    data["types"]["TypedDataSign"] = [{"name": "contents", "type": "Permit"}]
    data["message"] = {"contents": _permit(STRANGER)}
    assert _guard().check_typed_data(data).action is not Action.ALLOW


@pytest.mark.parametrize("size", [32], ids=["digest"])
def test_safe_message_of_a_digest_is_blind(size: int) -> None:
    """SafeMessage{message: 32 bytes}: a blind signature, BLOCK (as eth_sign of 32 bytes)."""
    verdict = _guard().check_typed_data(_safe_message("0x" + "ab" * size))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.blind_signature" in rules(verdict)


def test_safe_message_of_typed_data_json_is_judged_as_it() -> None:
    """SafeMessage whose message is a Permit2 PermitSingle JSON: its grant is judged."""
    permit = {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "PermitSingle": [
                {"name": "details", "type": "PermitDetails"},
                {"name": "spender", "type": "address"},
                {"name": "sigDeadline", "type": "uint256"},
            ],
            "PermitDetails": [
                {"name": "token", "type": "address"},
                {"name": "amount", "type": "uint160"},
                {"name": "expiration", "type": "uint48"},
                {"name": "nonce", "type": "uint48"},
            ],
        },
        "primaryType": "PermitSingle",
        "domain": {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2},
        "message": {
            "details": {
                "token": USDC,
                "amount": str(2**160 - 1),
                "expiration": str(2**48 - 1),
                "nonce": "0",
            },
            "spender": STRANGER,
            "sigDeadline": str(2**40),
        },
    }
    message = "0x" + json.dumps(permit).encode().hex()
    assert _guard().check_typed_data(_safe_message(message)).action is Action.BLOCK


def test_safe_message_of_plain_text_is_not_blind() -> None:
    """SafeMessage of a readable text: not a blind signature."""
    verdict = _guard().check_typed_data(_safe_message("0x" + b"Hello from the team".hex()))
    assert "tx.evm.blind_signature" not in rules(verdict)
