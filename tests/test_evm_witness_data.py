"""Permit2 witness transfers whose witness is no order (``protocols/witness.py``): judged as the
plain signature transfer, beside an opaque call of the spender naming the witness's addresses.

Types from Uniswap/permit2 ``src/libraries/PermitHash.sol`` (``PermitBatchWitnessTransferFrom(
TokenPermissions[] permitted,address spender,uint256 nonce,uint256 deadline,<Witness> witness)``,
``TokenPermissions(address token,uint256 amount)``); witness structs are a checkout's own
(``Payment``) or an order family's markers (UniswapX ``info``); addresses are generated.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Guard
from aiegis_guard.chains.evm.typed_data import decode_typed_data
from aiegis_guard.chains.transaction import Approval, Call
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import EIP712_DOMAIN, PERMIT2
from tests.receiver_builders import OWN, STRANGER, USDC, addr

CHECKOUT = addr("checkout")
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
MAX = 2**256 - 1


def _batch(
    spender: str, amounts: list[int], witness_type: list[dict[str, str]], witness: Any
) -> dict[str, Any]:
    """A PermitBatchWitnessTransferFrom of USDC and DAI with the witness struct ``Witness``."""
    types = {
        "EIP712Domain": [t for t in EIP712_DOMAIN if t["name"] != "version"],
        "PermitBatchWitnessTransferFrom": [
            {"name": "permitted", "type": "TokenPermissions[]"},
            {"name": "spender", "type": "address"},
            {"name": "nonce", "type": "uint256"},
            {"name": "deadline", "type": "uint256"},
            {"name": "witness", "type": "Witness"},
        ],
        "TokenPermissions": [
            {"name": "token", "type": "address"},
            {"name": "amount", "type": "uint256"},
        ],
        "Witness": witness_type,
    }
    permitted = [{"token": t, "amount": a} for t, a in zip((USDC, DAI), amounts, strict=False)]
    message = {
        "permitted": permitted,
        "spender": spender,
        "nonce": 7,
        "deadline": 2**31,
        "witness": witness,
    }
    domain = {"name": "Permit2", "chainId": 1, "verifyingContract": PERMIT2}
    primary = "PermitBatchWitnessTransferFrom"
    return {"types": types, "primaryType": primary, "domain": domain, "message": message}


PAYMENT = [{"name": "invoiceId", "type": "bytes32"}, {"name": "merchant", "type": "address"}]


def _payment(spender: str, merchant: str, amounts: list[int]) -> dict[str, Any]:
    return _batch(spender, amounts, PAYMENT, {"invoiceId": "0x" + "ab" * 32, "merchant": merchant})


def _judged(typed: dict[str, Any], *allowed: str) -> Any:
    allow = [a.lower() for a in allowed]
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False).check_typed_data(typed)


def _rules(verdict: Any) -> set[str]:
    return {f.rule_id for f in verdict.findings if f.action is not Action.ALLOW}


def test_witness_data_is_the_signature_transfer_plus_the_spender_told_of_its_parties() -> None:
    """A Payment witness: both permitted tokens for the spender to pull once, and an opaque call
    of the spender naming the merchant."""
    decoded = decode_typed_data(_payment(CHECKOUT, STRANGER, [10**9, 4 * 10**20]))
    pulls = [op for op in decoded.operations if isinstance(op, Approval)]
    assert {(p.asset.address, p.amount, p.spender) for p in pulls} == {
        (USDC, 10**9, CHECKOUT),
        (DAI, 4 * 10**20, CHECKOUT),
    }
    (call,) = [op for op in decoded.operations if isinstance(op, Call)]
    assert (call.target, call.name, call.names) == (CHECKOUT, "Witness", (STRANGER,))


@pytest.mark.parametrize(
    ("spender", "merchant", "amounts", "action", "rule"),
    [
        pytest.param(CHECKOUT, CHECKOUT, [10**9, 10**20], Action.ALLOW, None, id="allowlisted"),
        pytest.param(CHECKOUT, OWN, [10**9, 10**20], Action.ALLOW, None, id="names-own"),
        pytest.param(
            CHECKOUT,
            STRANGER,
            [10**9, 10**20],
            Action.FLAG,
            "tx.evm.unknown_call",
            id="allowlisted-names-stranger",
        ),
        pytest.param(
            STRANGER,
            STRANGER,
            [10**9, 10**20],
            Action.FLAG,
            "tx.evm.approval_unknown_spender",
            id="stranger-bounded",
        ),
        pytest.param(
            STRANGER, OWN, [MAX, MAX], Action.BLOCK, "tx.evm.unlimited_approval", id="stranger-max"
        ),
    ],
)
def test_witness_data_is_judged_like_a_plain_signature_transfer(
    spender: str, merchant: str, amounts: list[int], action: Action, rule: str | None
) -> None:
    """The spender decides (allowlisted: ALLOW; a stranger: FLAG, BLOCK when unlimited); an
    allowlisted spender told of a party nobody vouches for: FLAG."""
    verdict = _judged(_payment(spender, merchant, amounts), CHECKOUT)
    assert verdict.action is action, _rules(verdict)
    assert rule is None or rule in _rules(verdict)


def test_an_unreadable_order_witness_stays_unexplained() -> None:
    """A witness with an order family's marker (UniswapX ``info``) that does not read as one:
    unknown typed data, FLAG even to an allowlisted spender."""
    witness_type = [{"name": "info", "type": "Info"}]
    typed = _batch(CHECKOUT, [10**9], witness_type, {"info": {"reactor": CHECKOUT}})
    typed["types"]["Info"] = [{"name": "reactor", "type": "address"}]
    verdict = _judged(typed, CHECKOUT)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_typed_data" in _rules(verdict)


def test_a_witness_off_its_declared_type_is_a_typed_error() -> None:
    """A witness value that is not of its declared type: EvmDecodeError (schema check)."""
    typed = _payment(CHECKOUT, CHECKOUT, [10**9])
    typed["message"]["witness"]["merchant"] = "not-an-address"
    with pytest.raises(EvmDecodeError):
        decode_typed_data(typed)


def _pad(address: str) -> str:
    return "0x" + "00" * 12 + address[2:]


@pytest.mark.parametrize(
    ("field_type", "encode"),
    [
        pytest.param("bytes32", _pad, id="bytes32"),
        pytest.param("bytes", lambda a: "0x" + "ab" * 32 + _pad(a)[2:], id="bytes-words"),
        pytest.param("bytes20", lambda a: a, id="bytes20"),
        pytest.param("uint160", lambda a: int(a, 16), id="uint160"),
        pytest.param("uint256", lambda a: int(a, 16), id="uint256"),
        pytest.param("bytes32[]", lambda a: [_pad(OWN), _pad(a)], id="bytes32-array"),
    ],
)
@pytest.mark.parametrize(
    ("payee", "action"),
    [
        pytest.param(STRANGER, Action.FLAG, id="stranger"),
        pytest.param(OWN, Action.ALLOW, id="own"),
        pytest.param(CHECKOUT, Action.ALLOW, id="allowlisted"),
    ],
)
def test_a_payee_in_any_field_that_holds_an_address_is_read(
    field_type: str, encode: Any, payee: str, action: Action
) -> None:
    """Review17b B14: a payee written as ``bytes32`` / ``bytes`` / an integer is a party like an
    ``address`` field: a stranger FLAGs (names a third party), own / allowlisted twins ALLOW."""
    witness_type = [{"name": "recipient", "type": field_type}]
    typed = _batch(CHECKOUT, [10**9], witness_type, {"recipient": encode(payee)})
    verdict = _judged(typed, CHECKOUT)
    assert verdict.action is action, _rules(verdict)
    assert action is Action.ALLOW or "tx.evm.unknown_call" in _rules(verdict)


def test_an_amount_is_not_read_as_an_address() -> None:
    """A uint256 amount (below 2**144) and a hash are no party: the twin ALLOWs."""
    witness_type = [
        {"name": "amount", "type": "uint256"},
        {"name": "invoice", "type": "bytes32"},
        {"name": "merchant", "type": "address"},
    ]
    witness = {"amount": 10**30, "invoice": "0x" + "ab" * 32, "merchant": CHECKOUT}
    assert _judged(_batch(CHECKOUT, [10**9], witness_type, witness), CHECKOUT).action is (
        Action.ALLOW
    )


def test_duplicates_cannot_push_a_stranger_past_the_cap() -> None:
    """Review17b B14: 32 copies of the own address then a stranger: the stranger is read
    (de-duplicated before the cap)."""
    witness_type = [{"name": "payees", "type": "address[]"}]
    typed = _batch(CHECKOUT, [10**9], witness_type, {"payees": [OWN] * 32 + [STRANGER]})
    verdict = _judged(typed, CHECKOUT)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in _rules(verdict)


def test_a_witness_naming_more_parties_than_the_cap_stays_unexplained() -> None:
    """More distinct addresses than the cap: never ALLOWed on what was read (unknown typed
    data, FLAG), even when each of them is allowlisted."""
    payees = [addr(f"payee-{i}") for i in range(40)]
    witness_type = [{"name": "payees", "type": "address[]"}]
    typed = _batch(CHECKOUT, [10**9], witness_type, {"payees": payees})
    verdict = _judged(typed, CHECKOUT, *payees)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_typed_data" in _rules(verdict)
    typed["message"]["witness"]["payees"] = payees[:32]
    assert _judged(typed, CHECKOUT, *payees[:32]).action is Action.ALLOW
