"""The gateway's payload reader (sidecar ``/v1/check/transaction``, ``inspect-tx``) shares the
transaction reader's JSON-RPC methods: an EIP-5792 ``wallet_sendCalls`` batch and an ERC-4337
``eth_sendUserOperation`` are judged as the calls they carry, like ``eth_sendTransaction``."""

from __future__ import annotations

from eth_abi import encode

from aiegis_guard import Guard, Policy
from aiegis_guard.findings import Action
from aiegis_guard.gateway.payloads import judge_payload
from tests.evm_builders import permit2_single

OWN = "0x" + "11" * 20
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
FRIEND = "0x" + "22" * 20
STRANGER = "0x" + "5a" * 20
GUARD = Guard(Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": {"evm": [FRIEND]}}))


def _call(selector: str, types: list[str], args: list[object]) -> str:
    return "0x" + selector + encode(types, args).hex()


def _send_calls(data: str) -> dict[str, object]:
    batch = {"version": "2.0.0", "chainId": "0x1", "from": OWN,
             "calls": [{"to": USDC, "data": data, "value": "0x0"}]}  # fmt: skip
    return {"jsonrpc": "2.0", "id": 1, "method": "wallet_sendCalls", "params": [batch]}


def test_a_send_calls_payment_to_a_friend_is_allowed() -> None:
    pay = _call("a9059cbb", ["address", "uint256"], [FRIEND, 10**6])
    verdict = judge_payload(GUARD, _send_calls(pay), "evm", None, chain_id=1)
    assert verdict.action is Action.ALLOW, verdict.explain()


def test_a_send_calls_unlimited_approval_to_a_stranger_blocks() -> None:
    grant = _call("095ea7b3", ["address", "uint256"], [STRANGER, 2**256 - 1])
    verdict = judge_payload(GUARD, _send_calls(grant), "evm", None, chain_id=1)
    assert verdict.action is Action.BLOCK, verdict.explain()


def test_transaction_fields_beside_a_json_rpc_envelope_are_not_dropped() -> None:
    """review19 F8: the gateway reads the whole request when a ``to`` / ``value`` lies beside
    ``method`` + ``params``: ambiguous, FLAG undecodable (was the empty inner send: ALLOW)."""
    inner = {"from": OWN, "to": FRIEND, "value": "0x0"}
    request = {"jsonrpc": "2.0", "id": 1, "method": "eth_sendTransaction", "params": [inner]}
    assert judge_payload(GUARD, request, "evm", None, chain_id=1).action is Action.ALLOW
    request.update(to=STRANGER, value=hex(10 * 10**18))
    verdict = judge_payload(GUARD, request, "evm", None, chain_id=1)
    assert verdict.action is Action.FLAG, verdict.explain()
    assert {f.rule_id for f in verdict.findings} == {"tx.undecodable"}


def test_signing_params_are_read_in_either_order() -> None:
    """tx20's note: the gateway reads the param that is not the signer's address, as the
    transaction reader does (a dapp that swaps them, eth_signTypedData v1 order): an
    unlimited Permit2 to a stranger BLOCKs either way (was FLAG undecodable when swapped)."""
    typed = permit2_single(STRANGER, 2**160 - 1, USDC)  # unlimited Permit2 PermitSingle
    for params in ([OWN, typed], [typed, OWN]):
        request = {"jsonrpc": "2.0", "id": 1, "method": "eth_signTypedData_v4", "params": params}
        verdict = judge_payload(GUARD, request, "evm", None, chain_id=1)
        assert verdict.action is Action.BLOCK, verdict.explain()
