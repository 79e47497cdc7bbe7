"""Ambiguous and batch request mappings (review18c F4 / F5, ``chains/evm/mappings.py``).

F4: a wrapper (``tx`` / ``transaction``) beside transaction fields is never an empty contract
creation: empty ``value`` / ``data`` beside it are annotations (the inner transaction is
read), a ``to`` or calldata beside it is ambiguous (FLAG ``tx.undecodable``); a UserOperation
with an extra ``to`` key is still a UserOperation. F5: EIP-5792 ``wallet_sendCalls``
(ethereum/ERCs ``ERCS/erc-5792.md``: ``params[0] = {version, chainId, from, calls: [{to, data,
value}]}``, v1 ``"1.0"`` and v2 ``"2.0.0"``), viem's ``wallet_sendTransaction`` (wevm/viem
``src/types/eip1193.ts``: ``[transaction]``) and a transaction with descriptive ``method`` /
``params`` keys are decoded as the calls they carry. Addresses are generated.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, rules

MAX = 2**256 - 1
ACCOUNT = addr("own-4337-account")
EP07 = "0x0000000071727De22E5E9d8BAf0edAc6f37da032"


def _check(payload: Any) -> Verdict:
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, ACCOUNT]},
            "allowlist": {"evm": [FRIEND.lower()], "evm_spenders": [FRIEND.lower()]},
        }
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def _tx(data: bytes, to: str = USDC) -> dict[str, Any]:
    return {"from": OWN, "to": to, "value": "0x0", "data": "0x" + data.hex(), "chainId": 1}


DRAINER = _tx(call("approve(address,uint256)", STRANGER, MAX))
PAYMENT = call("transfer(address,uint256)", FRIEND, 10**6)
DRAINER_DATA = call("approve(address,uint256)", STRANGER, MAX)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"tx": DRAINER, "value": 0}, id="tx+value-0"),
        pytest.param({"tx": DRAINER, "data": "0x"}, id="tx+data-0x"),
        pytest.param({"transaction": DRAINER, "input": ""}, id="transaction+input-empty"),
    ],
)
def test_wrapper_beside_empty_fields_reads_the_inner_transaction(payload: Any) -> None:
    """Empty transaction fields beside a wrapper are annotations: the drainer inside BLOCKs."""
    verdict = _check(payload)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param({"to": OWN, "tx": DRAINER}, id="to+tx"),
        pytest.param({"tx": DRAINER, "value": 10**18}, id="tx+value"),
        pytest.param({"tx": DRAINER, "transaction": DRAINER}, id="two-wrappers"),
    ],
)
def test_wrapper_beside_transaction_fields_is_undecodable(payload: Any) -> None:
    """Two transactions in one mapping: which one is signed is unknown: FLAG, never ALLOW."""
    verdict = _check(payload)
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.undecodable"}


def _user_op(extra: dict[str, Any]) -> dict[str, Any]:
    inner = call("approve(address,uint256)", STRANGER, MAX)
    data = call("execute(address,uint256,bytes)", USDC, 0, inner)
    op = {"sender": ACCOUNT, "nonce": "0x0", "callData": "0x" + data.hex(), "signature": "0x"}
    return {**op, "callGasLimit": "0x30000", "maxFeePerGas": "0x3b9aca00", **extra}


def test_user_op_with_a_to_key_is_still_a_user_op() -> None:
    """The EntryPoint named as ``to`` does not make the op an empty call: BLOCK as without."""
    verdict = _check(_user_op({"to": EP07}))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_user_op_beside_transaction_calldata_is_undecodable() -> None:
    """A UserOperation's callData and a transaction's data in one mapping: FLAG."""
    verdict = _check(_user_op({"to": USDC, "data": "0x" + PAYMENT.hex()}))
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.undecodable"}


def _send_calls(calls: list[bytes], version: str) -> dict[str, Any]:
    return {
        "version": version,
        "chainId": "0x1",
        "from": OWN,
        "calls": [{"to": USDC, "data": "0x" + c.hex(), "value": "0x0"} for c in calls],
        "capabilities": {},
    }


@pytest.mark.parametrize("version", ["1.0", "2.0.0"])
@pytest.mark.parametrize("rpc", [True, False], ids=["rpc", "bare-params0"])
def test_wallet_send_calls_is_the_batch_of_its_from_account(version: str, rpc: bool) -> None:
    """A USDC payment to the allowlisted friend: ALLOW; the same batch with a drainer: BLOCK."""
    for calls, action in (([PAYMENT], Action.ALLOW), ([PAYMENT, DRAINER_DATA], Action.BLOCK)):
        request = _send_calls(calls, version)
        payload = {"jsonrpc": "2.0", "method": "wallet_sendCalls", "params": [request]}
        assert _check(payload if rpc else request).action is action


def test_wallet_send_transaction_is_read_as_eth_send_transaction() -> None:
    """viem's wallet-namespace send: the transaction in params[0]."""
    ok = {"jsonrpc": "2.0", "method": "wallet_sendTransaction", "params": [_tx(PAYMENT)]}
    bad = {**ok, "params": [DRAINER]}
    assert _check(ok).action is Action.ALLOW
    assert _check(bad).action is Action.BLOCK


def test_transaction_with_descriptive_method_and_params_is_a_transaction() -> None:
    """``method`` / ``params`` an agent tool adds to describe the call: the tx is decoded."""
    described = {**_tx(PAYMENT), "method": "transfer", "params": [FRIEND, 10**6]}
    assert _check(described).action is Action.ALLOW
    drainer = {**DRAINER, "method": "approve", "params": [STRANGER, MAX]}
    assert _check(drainer).action is Action.BLOCK


def test_unknown_json_rpc_method_without_transaction_fields_stays_undecodable() -> None:
    """A JSON-RPC request of a method that carries no transaction: FLAG as before."""
    verdict = _check({"jsonrpc": "2.0", "method": "eth_call", "params": [{}, "latest"]})
    assert verdict.action is Action.FLAG


TEN_ETH = hex(10 * 10**18)


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"to": STRANGER, "value": TEN_ETH}, id="to+value"),
        pytest.param({"value": TEN_ETH}, id="value"),
        pytest.param({"to": STRANGER}, id="to-not-an-entry-point"),
    ],
)
def test_user_op_beside_a_transactions_to_or_value_is_undecodable(extra: dict[str, Any]) -> None:
    """review19 F8: an (empty) UserOperation beside ``to`` / ``value``: a tool reading the
    mapping as a transaction sends the 10 ETH: ambiguous, FLAG (was ALLOW, an empty op)."""
    op = {"sender": ACCOUNT, "callData": "0x", "nonce": "0x0", "from": ACCOUNT, **extra}
    verdict = _check(op)
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.undecodable"}


@pytest.mark.parametrize("rpc", [True, False], ids=["rpc", "bare-params0"])
def test_a_send_calls_call_with_input_is_read_as_its_data(rpc: bool) -> None:
    """review19 F8: an EIP-5792 call carrying its calldata as ``input`` (the execution-apis
    name): the drainer in it BLOCKs (was ALLOW, an empty call); ``data`` and ``input`` that
    disagree: FLAG undecodable."""
    request = _send_calls([], "2.0.0")
    for call_fields, action in (
        ({"input": "0x" + DRAINER_DATA.hex()}, Action.BLOCK),
        ({"input": "0x" + DRAINER_DATA.hex(), "data": "0x" + PAYMENT.hex()}, Action.FLAG),
        ({"input": "0x" + PAYMENT.hex(), "data": "0x" + PAYMENT.hex()}, Action.ALLOW),
    ):
        request["calls"] = [{"to": USDC, "value": "0x0", **call_fields}]
        payload = {"jsonrpc": "2.0", "method": "wallet_sendCalls", "params": [request]}
        assert _check(payload if rpc else request).action is action


@pytest.mark.parametrize(
    "beside",
    [
        pytest.param({"to": STRANGER, "value": TEN_ETH}, id="to+value"),
        pytest.param({"to": USDC, "data": "0x" + DRAINER_DATA.hex()}, id="to+data"),
    ],
)
def test_transaction_fields_beside_a_json_rpc_envelope_are_undecodable(
    beside: dict[str, Any],
) -> None:
    """review19 F8: ``to`` / ``value`` / ``data`` at the top level beside ``method`` +
    ``params`` (an empty send to the friend inside): ambiguous, FLAG (was ALLOW)."""
    inner = {"from": OWN, "to": FRIEND, "value": "0x0"}
    payload = {"from": OWN, "method": "eth_sendTransaction", "params": [inner], **beside}
    verdict = _check(payload)
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.undecodable"}
    assert _check({"method": "eth_sendTransaction", "params": [inner]}).action is Action.ALLOW


# eth-infinitism/account-abstraction releases v0.8.0 / v0.9.0 (the book's rows cite them)
EP08 = "0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108"
EP09 = "0x433709009B8330FDa32311DF1C2AFA402eD8D009"


@pytest.mark.parametrize(
    "extra",
    [
        pytest.param({"to": EP07}, id="to-ep07"),
        pytest.param({"to": EP08}, id="to-ep08"),
        pytest.param({"to": EP09}, id="to-ep09"),
        pytest.param({"value": "0x00"}, id="value-0x00"),
        pytest.param({"value": "0x" + "0" * 64}, id="value-0x-64-zeros"),
        pytest.param({"value": "00"}, id="value-00"),
    ],
)
def test_user_op_to_an_entry_point_or_with_a_zero_value_is_the_op(extra: dict[str, Any]) -> None:
    """review19b X1: a ``to`` naming EntryPoint v0.8 / v0.9 (as v0.6 / v0.7) or a zero value
    spelled with more digits beside a UserOperation is an annotation: the op's payment to the
    friend ALLOWs (was FLAG undecodable), its drainer BLOCKs."""
    pay = call("execute(address,uint256,bytes)", FRIEND, 10**15, b"")
    drain = call("execute(address,uint256,bytes)", USDC, 0, DRAINER_DATA)
    for data, action in ((pay, Action.ALLOW), (drain, Action.BLOCK)):
        op = {"sender": ACCOUNT, "nonce": "0x0", "callData": "0x" + data.hex(), **extra}
        assert _check(op).action is action


@pytest.mark.parametrize("zero", ["0x00", "0x" + "0" * 64, 0, "0"])
def test_a_zero_value_beside_a_json_rpc_envelope_is_no_value(zero: Any) -> None:
    """review19b X1: ``"value": "0x00"`` beside ``method`` + ``params`` is no value: the
    carried transaction is read (was FLAG undecodable); a one-byte ``data`` of ``0x00`` or a
    ``to`` of the zero address beside it stays ambiguous (calldata, a recipient)."""
    inner = {"from": OWN, "to": FRIEND, "value": "0x1"}
    assert _check({"method": "eth_sendTransaction", "value": zero, "params": [inner]}).action is (
        Action.ALLOW
    )
    for beside in ({"data": "0x00"}, {"to": "0x" + "0" * 40}):
        payload = {"method": "eth_sendTransaction", "params": [inner], **beside}
        assert rules(_check(payload)) == {"tx.undecodable"}


def test_a_field_spelled_in_another_case_is_ambiguous() -> None:
    """Go's encoding/json (geth) reads "To" / "Value" as to / value: a second spelling beside
    the first, or a field in another case alone, is undecodable (FLAG), never read past."""
    from aiegis_guard import Guard, Policy
    from aiegis_guard.findings import Action

    own, friend, stranger = "0x" + "11" * 20, "0x" + "22" * 20, "0x" + "5a" * 20
    policy = Policy.model_validate({"wallet": {"evm": [own]}, "allowlist": {"evm": [friend]}})
    guard = Guard(policy, classifier=False)
    plain = guard.check_transaction({"from": own, "to": friend, "value": "0x1"}, chain="evm")
    assert plain.action is Action.ALLOW
    for tx in (
        {"from": own, "to": friend, "To": stranger, "Value": hex(10**19)},
        {"From": own, "To": stranger, "Value": hex(10**19)},
    ):
        verdict = guard.check_transaction(tx, chain="evm")
        assert verdict.action is Action.FLAG, verdict.explain()
        assert "tx.undecodable" in verdict.rule_ids
