"""Typed data in every client library's shape gets one verdict (issue 12, review18 F13 / F19).

A Permit2 ``PermitSingle`` (Uniswap/permit2 ``src/libraries/PermitHash.sol``: ``PermitSingle
(PermitDetails details,address spender,uint256 sigDeadline)``, ``PermitDetails(address
token,uint160 amount,uint48 expiration,uint48 nonce)``) built as viem, ethers
(``signTypedData(domain, types, value)``: no ``EIP712Domain``, no ``primaryType``) and
eth_account (``encode_typed_data(domain_data, message_types, message_data)`` /
``full_message``) pass it, in tool-call arguments (under any key) and JSON-RPC requests in
either parameter order: the same verdict every time (``chains/evm/typed_shapes.py``).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard.callbacks.judge import judge_call
from aiegis_guard.chains.evm.typed_shapes import primary_type
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import permit2_single
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC


def _message(spender: str) -> dict[str, Any]:
    """An unlimited Permit2 PermitSingle to ``spender`` (``tests.evm_builders.permit2_single``)."""
    message: dict[str, Any] = permit2_single(spender, 2**160 - 1, USDC)["message"]
    return message


_PERMIT2 = permit2_single(FRIEND, 0, USDC)
DOMAIN_TYPE = _PERMIT2["types"]["EIP712Domain"]
TYPES = {k: v for k, v in _PERMIT2["types"].items() if k != "EIP712Domain"}  # as ethers takes them
DOMAIN = _PERMIT2["domain"]


def _viem(spender: str) -> dict[str, Any]:
    return {
        "domain": DOMAIN,
        "types": TYPES,
        "primaryType": "PermitSingle",
        "message": _message(spender),
    }


def _v4(spender: str) -> dict[str, Any]:
    return {**_viem(spender), "types": {"EIP712Domain": DOMAIN_TYPE, **TYPES}}


SHAPES = {
    "viem": _viem,
    "ethers-domain-types-value": lambda s: {"domain": DOMAIN, "types": TYPES, "value": _message(s)},
    "ethers-types-first": lambda s: {
        "types": dict(reversed(TYPES.items())),
        "domain": DOMAIN,
        "value": _message(s),
    },
    "eth-account-kwargs": lambda s: {
        "domain_data": DOMAIN,
        "message_types": TYPES,
        "message_data": _message(s),
    },
    "eth-account-full-message-no-primary": lambda s: {
        "full_message": {
            "types": {"EIP712Domain": DOMAIN_TYPE, **TYPES},
            "domain": DOMAIN,
            "message": _message(s),
        }
    },
    "under-data": lambda s: {"data": _v4(s)},
    "under-typedData": lambda s: {"typedData": _v4(s)},
    "under-params-json": lambda s: {"params": [OWN, json.dumps(_v4(s))]},
    "ethers-under-data": lambda s: {
        "data": {"domain": DOMAIN, "types": TYPES, "value": _message(s)}
    },
}


def _guard() -> Guard:
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": [FRIEND], "evm_spenders": [FRIEND]}}
    )
    return Guard(policy, classifier=False)


@pytest.mark.parametrize("shape", SHAPES.keys())
def test_unlimited_permit_blocks_in_every_client_shape(shape: str) -> None:
    """An unlimited Permit2 grant to a stranger is BLOCK whichever library shaped it."""
    verdict = judge_call(
        _guard(), "sign_typed_data", SHAPES[shape](STRANGER), value_moving=False
    ).verdict
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.evm.unlimited_approval" in verdict.rule_ids


@pytest.mark.parametrize("shape", SHAPES.keys())
def test_permit_to_allowlisted_spender_is_read_alike(shape: str) -> None:
    """The same grant to an allowlisted spender is read as that grant in every shape (not
    undecodable): no approval finding blocks it."""
    verdict = judge_call(
        _guard(), "sign_typed_data", SHAPES[shape](FRIEND), value_moving=False
    ).verdict
    assert "tx.undecodable" not in verdict.rule_ids, verdict.explain()
    assert "tx.evm.unlimited_approval" not in verdict.rule_ids
    assert verdict.action is not Action.BLOCK, verdict.explain()


def test_ethers_shape_through_check_typed_data() -> None:
    """``Guard.check_typed_data`` reads the ethers shape itself (the signer path)."""
    payload = {"domain": DOMAIN, "types": TYPES, "value": _message(STRANGER)}
    verdict = _guard().check_typed_data(payload)
    assert verdict.action is Action.BLOCK and "tx.evm.unlimited_approval" in verdict.rule_ids


@pytest.mark.parametrize(
    ("types", "primary"),
    [
        pytest.param(TYPES, "PermitSingle", id="permit-single"),
        pytest.param({"EIP712Domain": DOMAIN_TYPE, **TYPES}, "PermitSingle", id="domain-aside"),
        pytest.param(
            {
                "PermitBatch": [
                    {"name": "details", "type": "PermitDetails[]"},
                    {"name": "spender", "type": "address"},
                ],
                "PermitDetails": TYPES["PermitDetails"],
            },
            "PermitBatch",
            id="array-reference",
        ),
        pytest.param({**TYPES, "Other": [{"name": "x", "type": "uint256"}]}, None, id="two-roots"),
        pytest.param(
            {"A": [{"name": "b", "type": "B"}], "B": [{"name": "a", "type": "A"}]}, None, id="cycle"
        ),
        pytest.param({"A": "not a list"}, "A", id="malformed-fields-left-to-the-schema"),
    ],
)
def test_primary_type_is_the_one_unreferenced_type(
    types: dict[str, Any], primary: str | None
) -> None:
    """As ethers' TypedDataEncoder and eth_account's get_primary_type derive it."""
    assert primary_type(types) == primary


def test_ambiguous_types_without_primary_type_are_undecodable() -> None:
    """Two root types and no primaryType: which message is signed is unknown -> FLAG, never
    ALLOW."""
    types = {**TYPES, "Other": [{"name": "x", "type": "uint256"}]}
    args = {"domain": DOMAIN, "types": types, "value": _message(STRANGER)}
    verdict = judge_call(_guard(), "sign_typed_data", args, value_moving=False).verdict
    assert verdict.action is not Action.ALLOW, verdict.explain()


def test_transaction_with_object_data_stays_a_transaction() -> None:
    """A mapping with a ``to`` keeps being judged as a transaction even when its ``data`` is an
    object (undecodable: FLAG), so no value move is dropped."""
    args = {"to": STRANGER, "value": hex(10**18), "data": {"note": "gift"}}
    verdict = judge_call(_guard(), "send", args, value_moving=True).verdict
    assert verdict.action is not Action.ALLOW, verdict.explain()


@pytest.mark.parametrize(
    ("method", "order"),
    [
        pytest.param("eth_signTypedData_v4", "address-first", id="v4-spec-order"),
        pytest.param("eth_signTypedData_v4", "data-first", id="v4-swapped"),
        pytest.param("eth_signTypedData", "data-first", id="v1-spec-order"),
        pytest.param("eth_signTypedData_v3", "data-first", id="v3-swapped"),
    ],
)
def test_rpc_typed_data_in_either_parameter_order(method: str, order: str) -> None:
    """The typed data of an ``eth_signTypedData*`` request is the parameter that is not an
    address, whichever place it has (review18 F19 ``rpc_order.jsonl``)."""
    typed = json.dumps(_v4(STRANGER))
    params = [OWN, typed] if order == "address-first" else [typed, OWN]
    verdict = _guard().check_transaction(
        {"jsonrpc": "2.0", "id": 1, "method": method, "params": params}
    )
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.evm.unlimited_approval" in verdict.rule_ids


@pytest.mark.parametrize("shape", ["ethers-domain-types-value", "eth-account-kwargs"])
def test_client_shapes_through_check_transaction(shape: str) -> None:
    """A payload handed to ``check_transaction`` (the gateway's and the CLI's path) in another
    library's shape is read as typed data, not as a transaction (its ``value``)."""
    verdict = _guard().check_transaction(SHAPES[shape](STRANGER), chain="evm")
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.evm.unlimited_approval" in verdict.rule_ids


@pytest.mark.parametrize("shape", [s for s in SHAPES if "under-" not in s])
def test_client_shapes_signed_as_a_message(shape: str) -> None:
    """The same typed data as the JSON text of a ``personal_sign``: judged as the typed data
    (``messages.py`` asks the same recogniser)."""
    verdict = _guard().check_message(json.dumps(SHAPES[shape](STRANGER)), method="personal_sign")
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.evm.unlimited_approval" in verdict.rule_ids


_APPROVE_MAX = "0x095ea7b3" + "00" * 12 + STRANGER[2:] + "ff" * 32
_TX = {"from": OWN, "to": USDC, "data": _APPROVE_MAX, "chainId": 1}


@pytest.mark.parametrize(
    "decoy",
    [
        pytest.param({"domain": DOMAIN, "types": TYPES, "message": _message(FRIEND)}, id="ethers"),
        pytest.param(
            {"domain": DOMAIN, "types": TYPES, "primaryType": "PermitSingle",
             "message": _message(FRIEND)}, id="v4"),
    ],
)  # fmt: skip
def test_a_transaction_beside_typed_data_keys_is_read(decoy: dict[str, Any]) -> None:
    """review20b F1: typed-data keys beside a transaction's fields do not hide it: the
    unlimited approve to a stranger still BLOCKs (was ALLOW on ``check_transaction``)."""
    verdict = _guard().check_transaction({**_TX, **decoy}, chain="evm")
    assert verdict.action is Action.BLOCK, verdict.explain()
    call = judge_call(_guard(), "send_transaction", {**_TX, **decoy}, value_moving=True).verdict
    assert call.action is Action.BLOCK, call.explain()


def test_a_value_and_a_message_are_ambiguous() -> None:
    """review20b F2: ethers signs ``value``, other readers ``message``: both present is not
    read as either (was ALLOW, the ``message`` a decoy permit to a friend)."""
    payload = {"domain": DOMAIN, "types": TYPES, "value": _message(STRANGER),
               "message": _message(FRIEND)}  # fmt: skip
    assert _guard().check_typed_data(payload).action is not Action.ALLOW


def test_nested_full_message_is_no_shape() -> None:
    """review20b F12: eth_account's ``full_message`` is read one level deep (nesting it a
    thousand times raised RecursionError)."""
    payload: dict[str, Any] = {"domain": DOMAIN, "types": TYPES, "message": _message(STRANGER)}
    for _ in range(3000):
        payload = {"full_message": payload}
    verdict = judge_call(_guard(), "sign_typed_data", payload, value_moving=False).verdict
    assert verdict.action is not Action.ALLOW
