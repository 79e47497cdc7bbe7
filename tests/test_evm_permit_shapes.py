"""Permits judged by structure (``chains/evm/permit_shapes.py``): EIP-2612's and DAI's layouts
with their fields (or type) renamed are the same grant as the named permits.

Payloads are ``eth_signTypedData_v4`` objects with EIP-2612's / DAI's field types in their
order (EIP-2612; makerdao/dss ``src/dai.sol``) under the USDC / DAI domains; the parties are
generated addresses (``receiver_builders.addr``), never funded.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.dispatch import decode_typed
from aiegis_guard.chains.transaction import Approval
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, rules

DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
MAX = 2**256 - 1
LATER = 1_900_000_000
_DOMAIN = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]
AMOUNT = ("address", "address", "uint256", "uint256", "uint256")
SWITCH = ("address", "address", "uint256", "uint256", "bool")


def typed(
    names: tuple[str, ...],
    kinds: tuple[str, ...],
    values: tuple[Any, ...],
    token: str | None = USDC,
    primary: str = "Permit",
) -> dict[str, Any]:
    domain: dict[str, Any] = {"name": "USD Coin", "version": "2", "chainId": 1}
    if token is not None:
        domain["verifyingContract"] = token
    fields = [{"name": n, "type": t} for n, t in zip(names, kinds, strict=True)]
    return {
        "types": {"EIP712Domain": _DOMAIN[: 4 if token else 3], primary: fields},
        "primaryType": primary,
        "domain": domain,
        "message": dict(zip(names, values, strict=True)),
    }


def renamed(spender: str, amount: int, deadline: int = LATER, **kw: Any) -> dict[str, Any]:
    names = ("owner", "operator", "amount", "nonce", "deadline")
    return typed(names, AMOUNT, (OWN, spender, amount, 0, deadline), **kw)


def beneficiary(spender: str, allowed: bool = True, expiry: int = 0) -> dict[str, Any]:
    names = ("holder", "beneficiary", "nonce", "expiry", "allowed")
    return typed(names, SWITCH, (OWN, spender, 0, expiry, allowed), token=DAI)


def judged(payload: dict[str, Any], *friends: str) -> Verdict:
    allow = [f.lower() for f in friends]
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False).check_typed_data(payload)


CASES = [
    pytest.param(renamed(FRIEND, 3_000 * 10**6), Action.ALLOW, set(), id="renamed-allowlisted"),
    pytest.param(renamed(STRANGER, MAX), Action.BLOCK, {"tx.evm.unlimited_approval"},
                 id="renamed-unlimited-stranger"),
    pytest.param(renamed(STRANGER, 5 * 10**6), Action.BLOCK, {"tx.evm.approval_unknown_spender"},
                 id="renamed-bounded-standing-stranger"),
    pytest.param(renamed(STRANGER, MAX, primary="Approval"), Action.BLOCK,
                 {"tx.evm.unlimited_approval"}, id="renamed-type-too"),
    pytest.param(renamed(STRANGER, 0), Action.ALLOW, set(), id="renamed-zero-is-revoke"),
    pytest.param(beneficiary(FRIEND), Action.ALLOW, set(), id="dai-renamed-allowlisted"),
    pytest.param(beneficiary(STRANGER), Action.BLOCK, {"tx.evm.unlimited_approval"},
                 id="dai-renamed-stranger"),
    pytest.param(beneficiary(STRANGER, allowed=False), Action.ALLOW, set(),
                 id="dai-renamed-revoke"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "action", "expected"), CASES)
def test_verdict(payload: dict[str, Any], action: Action, expected: set[str]) -> None:
    """A renamed permit is judged as the permit it is shaped like."""
    verdict = judged(payload, FRIEND)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_reads_owner_spender_amount_and_deadline_by_position() -> None:
    """EIP-2612's order: owner, spender, amount, nonce, deadline; the token is the domain's."""
    (op,) = decode_typed(renamed(STRANGER, 7)).operations
    assert isinstance(op, Approval)
    assert (op.owner, op.spender, op.amount, op.deadline) == (OWN, STRANGER, 7, LATER)
    assert op.asset.address == USDC


def test_owner_named_second_is_the_owner() -> None:
    """A field called ``owner`` in the second place is the owner, the first the spender."""
    names = ("spenderish", "owner", "amount", "nonce", "deadline")
    (op,) = decode_typed(typed(names, AMOUNT, (STRANGER, OWN, MAX, 0, LATER))).operations
    assert isinstance(op, Approval) and (op.owner, op.spender) == (OWN, STRANGER)
    assert judged(typed(names, AMOUNT, (STRANGER, OWN, MAX, 0, LATER))).action is Action.BLOCK


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(renamed(STRANGER, MAX, token=None), id="no-token-domain"),
        pytest.param(typed(("a", "b", "c", "d"), AMOUNT[:4], (OWN, STRANGER, 1, 2)),
                     id="four-fields"),
        pytest.param(typed(("a", "b", "c", "d", "e"), ("address", "uint256", "address",
                                                      "uint256", "uint256"),
                           (OWN, 1, STRANGER, 2, 3)), id="other-order"),
    ],
)  # fmt: skip
def test_other_shapes_stay_unknown(payload: dict[str, Any]) -> None:
    """Only the permit layouts under a token's domain are read as permits; the rest stays
    unknown typed data (FLAG), never an allow."""
    decoded = decode_typed(payload)
    assert not [op for op in decoded.operations if isinstance(op, Approval)]
    assert "eip712:unknown-type" in decoded.notes
    assert judged(payload).action is Action.FLAG


@pytest.mark.parametrize("spender", [OWN, FRIEND], ids=["own-named-second", "allowlisted-second"])
def test_shape_of_a_stranger_owner_is_not_allowed(spender: str) -> None:
    """The structure is a permit only when its owner is an own account: a stranger's
    "permit" naming own (or a friend) second is unknown typed data, FLAG, never an allow."""
    names = ("maker", "taker", "amount", "nonce", "expiry")
    verdict = judged(typed(names, AMOUNT, (STRANGER, spender, MAX, 0, LATER)), FRIEND)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_typed_data" in rules(verdict)


POOL_MANAGER = "0x000000000004444c5dc75cb358380d2e3de08a90"  # Uniswap v4 (book, not a token)


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(typed(("maker", "taker", "makerAmount", "takerAmount", "expiry"), AMOUNT,
                           (OWN, STRANGER, 10**9, 10**9, LATER), token=addr("rfq-exchange"),
                           primary="Order"), id="rfq-order-on-an-exchange"),
        pytest.param(typed(("owner", "seller", "amount", "nonce", "deadline"), AMOUNT,
                           (OWN, STRANGER, MAX, 0, LATER)), id="order-word-under-a-token"),
        pytest.param(renamed(STRANGER, MAX, token=POOL_MANAGER), id="book-contract-not-a-token"),
        pytest.param(renamed(addr("verifier"), MAX, token=addr("verifier")),
                     id="spender-is-the-verifying-contract"),
    ],
)  # fmt: skip
def test_a_five_field_message_off_a_token_domain_is_no_permit(payload: dict[str, Any]) -> None:
    """The permit shape is read only under a token's domain: an order (fields named as an
    exchange's), a contract of the book that is not a token, or a spender that is the
    verifying contract itself stays unknown typed data (FLAG), never a grant of the
    exchange's "token" (F8 of review16)."""
    decoded = decode_typed(payload)
    assert not [op for op in decoded.operations if isinstance(op, Approval)]
    verdict = judged(payload)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_typed_data" in rules(verdict)


def test_renamed_permit_of_a_token_outside_the_book_still_blocks() -> None:
    """A token the book does not know is still a token domain: the drainer's renamed permit
    of it blocks."""
    verdict = judged(renamed(STRANGER, MAX, token=addr("new-token")))
    assert verdict.action is Action.BLOCK
    assert rules(verdict) == {"tx.evm.unlimited_approval"}
