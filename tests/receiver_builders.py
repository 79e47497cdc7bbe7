"""Shared by the bridge / DeFi-receiver tests: generated addresses, a policy, a judged tx.

Every address is ``keccak256("fx6evm:<label>")[-20:]`` (never funded, no key behind it); the
well-known token and contract addresses are those of ``aiegis_guard/data/evm_protocols.json``.
"""

from __future__ import annotations

from typing import Any

from eth_utils import keccak

from aiegis_guard import Action, Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import Operation, Receipt, Transfer
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import tx


def addr(label: str) -> str:
    """A generated address (lower-case hex) for ``label``."""
    return "0x" + keccak(text=f"fx6evm:{label}")[-20:].hex()


OWN = addr("own")
STRANGER = addr("stranger")
FRIEND = addr("friend")
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
ZERO = "0x" + "00" * 20


def word(address: str) -> bytes:
    """An address as the ``bytes32`` bridges take (left-padded)."""
    return bytes(12) + bytes.fromhex(address[2:])


def own_tx(to: str, data: bytes, value: int = 0, chain_id: int = 1) -> dict[str, Any]:
    return tx(to, data, value, **{"from": OWN, "chainId": chain_id})


def judged(payload: dict[str, Any], *recipients: str) -> Verdict:
    """The verdict for OWN with ``recipients`` (the protocol contracts, a friend) allowlisted
    as recipients and spenders."""
    allow = [r.lower() for r in recipients]
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def assert_verdict(
    payload: dict[str, Any], contract: str, action: Action, expected: set[str]
) -> None:
    """``payload`` judged with ``contract`` allowlisted gets ``action`` and exactly the
    ``expected`` rule ids."""
    verdict = judged(payload, contract)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def rules(verdict: Verdict) -> set[str]:
    return {f.rule_id for f in verdict.findings if f.action.value != "allow"}


def operations(payload: dict[str, Any]) -> tuple[Operation, ...]:
    return decode_evm(payload).operations


def receipts(payload: dict[str, Any]) -> list[Receipt]:
    return [op for op in operations(payload) if isinstance(op, Receipt)]


def gives(payload: dict[str, Any]) -> list[Transfer]:
    return [op for op in operations(payload) if isinstance(op, Transfer) and op.sender == OWN]
