"""A mapping is a transaction only by its transaction fields (review18 F2, ``mappings.py``).

ERC-4337 UserOperations in their JSON forms (eth-infinitism/account-abstraction v0.6
``UserOperation``; v0.7 RPC ``factory`` / ``factoryData`` / ``paymaster*``), the
``eth_sendUserOperation`` request, JSON-RPC transaction requests and ``{"tx": ...}``
wrappers are decoded as what they are, through ``Guard.check_transaction``, personal_sign and
the tool-call payload walk; a mapping that is none of them is undecodable (FLAG).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard.callbacks.judge import judge_call
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, rules

MAX = 2**256 - 1
EP07 = "0x0000000071727De22E5E9d8BAf0edAc6f37da032"
ACCOUNT = addr("own-4337-account")


def _guard() -> Guard:
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, ACCOUNT]},
            "allowlist": {"evm": [FRIEND.lower()], "evm_spenders": [FRIEND.lower()]},
        }
    )
    return Guard(policy, classifier=False)


def _user_op(spender: str, v06: bool = False, sender: str = ACCOUNT) -> dict[str, Any]:
    inner = call("approve(address,uint256)", spender, MAX)
    data = call("execute(address,uint256,bytes)", USDC, 0, inner)
    op: dict[str, Any] = {
        "sender": sender,
        "nonce": "0x0",
        "callData": "0x" + data.hex(),
        "callGasLimit": "0x30000",
        "verificationGasLimit": "0x30000",
        "preVerificationGas": "0xc000",
        "maxFeePerGas": "0x3b9aca00",
        "maxPriorityFeePerGas": "0x3b9aca00",
        "signature": "0x",
    }
    if v06:
        op.update(initCode="0x", paymasterAndData="0x")
    else:
        op.update(factory=None, factoryData=None, paymaster=None, paymasterData=None)
    return op


def _tx(spender: str) -> dict[str, Any]:
    data = call("approve(address,uint256)", spender, MAX)
    return {"from": OWN, "to": USDC, "value": "0x0", "data": "0x" + data.hex()}


def _check(payload: Any, chain: str | None = "evm") -> Verdict:
    return _guard().check_transaction(payload, chain=chain)


def _forms(spender: str) -> list[Any]:
    return [
        _user_op(spender),
        _user_op(spender, v06=True),
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "eth_sendUserOperation",
            "params": [_user_op(spender), EP07],
        },
        {"method": "eth_sendTransaction", "params": [_tx(spender)]},
        {"method": "eth_signTransaction", "params": [_tx(spender)]},
        {"tx": _tx(spender)},
        {"transaction": _tx(spender)},
    ]


IDS = ["userop-v07", "userop-v06", "eth_sendUserOperation", "eth_sendTransaction"]
IDS += ["eth_signTransaction", "tx-wrapper", "transaction-wrapper"]


@pytest.mark.parametrize("form", range(7), ids=IDS)
def test_carried_unlimited_approve_to_a_stranger_blocks(form: int) -> None:
    """Each carrier of approve(stranger, MAX): BLOCK, as the bare transaction."""
    verdict = _check(_forms(STRANGER)[form])
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


@pytest.mark.parametrize("form", range(7), ids=IDS)
def test_carried_approve_to_allowlisted_spender_passes(form: int) -> None:
    """The allowlisted twin of each carrier: no grant finding (no creation either)."""
    verdict = _check(_forms(FRIEND)[form])
    assert "tx.evm.unlimited_approval" not in rules(verdict)
    assert "tx.evm.contract_creation" not in rules(verdict)
    assert verdict.action is Action.ALLOW


def test_user_op_is_decoded_as_the_account_call() -> None:
    """The UserOperation's callData runs in ``sender``: an acting account, not a creation."""
    decoded = decode_evm(_user_op(STRANGER))
    assert decoded.accounts == (ACCOUNT.lower(),)
    assert decoded.tx_type == "user_operation"


def test_user_op_json_is_autodetected_as_evm() -> None:
    """No chain given: a UserOperation is routed to the EVM decoder."""
    assert _check(_user_op(STRANGER), chain=None).action is Action.BLOCK


@pytest.mark.parametrize(
    "mapping",
    [
        {"chainId": 1, "address": STRANGER, "nonce": 0},
        {"foo": "bar"},
        {"method": "eth_getBalance", "params": [OWN, "latest"]},
        {"method": "eth_sendUserOperation", "params": []},
        {"sender": "0x1234", "callData": "0x"},
    ],
    ids=["authorization-tuple", "unknown", "rpc-read", "rpc-no-params", "bad-sender"],
)
def test_a_mapping_that_is_no_transaction_is_undecodable(mapping: dict[str, Any]) -> None:
    """Never an empty contract creation: a typed error, FLAG through the guard."""
    with pytest.raises(EvmDecodeError):
        decode_evm(mapping)
    verdict = _check(mapping)
    assert verdict.action is Action.FLAG
    assert "tx.undecodable" in rules(verdict)


def test_personal_sign_of_a_user_op_is_judged_as_it() -> None:
    """A UserOperation's JSON signed as a message: its unlimited approval BLOCKs."""
    verdict = _guard().check_message(json.dumps(_user_op(STRANGER)))
    assert verdict.action is Action.BLOCK


@pytest.mark.parametrize(
    "args",
    [
        {"userOp": "OP"},
        {"user_operation": "OP", "entryPoint": EP07},
        {"request": {"method": "eth_sendUserOperation", "params": ["OP", EP07]}},
        "JSON",
    ],
    ids=["userOp", "user_operation", "rpc-request", "json-string"],
)
def test_tool_call_finds_user_ops(args: Any) -> None:
    """The tool-call payload walk finds a UserOperation in any of its carriers."""
    op = _user_op(STRANGER)
    if args == "JSON":
        args = json.dumps(op)
    else:
        args = json.loads(json.dumps(args).replace('"OP"', json.dumps(op)))
    verdict = judge_call(_guard(), "send_user_operation", args, value_moving=False).verdict
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)
