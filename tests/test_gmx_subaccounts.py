"""GMX v2 SubaccountRouter (``protocols/gmx_subaccounts.py``): ``addSubaccount`` hands the
subaccount standing power to trade the caller's account (authority ``agent``); ``sendWnt``
on the router passes the caller's ETH on to the subaccount (own's give to it, not a payment
to the router) when the call's value is what it sends on; the limit setters and
``removeSubaccount`` gain nobody anything. The same selectors on another contract stay
unknown calls. The same grant carried by a smart account's batch judges the same.

Functions: gmx-io/gmx-synthetics ``SubaccountRouter.sol`` / ``BaseRouter.sol``; router address:
gmx-synthetics ``config/roles.ts`` (SubaccountRouter_1, Arbitrum). Parties are generated."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.policy import Policy
from tests.evm_builders import call, tx
from tests.receiver_builders import OWN, STRANGER, addr, gives, operations, own_tx

ROUTER = "0x78f414436148b8588bdee4771ea5eb75148668aa"
OTHER_ROUTER = addr("not-a-gmx-router")
KEY = addr("own-subaccount-key")
LOOKALIKE_KEY = KEY[:8] + "ef" * 15 + KEY[-4:]
GAS = 2 * 10**15
ORDER_ACTION = bytes(32)  # the action-type key (SUBACCOUNT_ORDER_ACTION): any bytes32 here


def setup(subaccount: str, count: int = 20, top_up: int = 10**14) -> bytes:
    """multicall([sendWnt, addSubaccount, setMaxAllowedSubaccountActionCount, top-up])."""
    return call(
        "multicall(bytes[])",
        [
            call("sendWnt(address,uint256)", subaccount, GAS),
            call("addSubaccount(address)", subaccount),
            call("setMaxAllowedSubaccountActionCount(address,bytes32,uint256)", subaccount,
                 ORDER_ACTION, count),
            call("setSubaccountAutoTopUpAmount(address,uint256)", subaccount, top_up),
        ],
    )  # fmt: skip


def _judge(payload: dict[str, Any]) -> Any:
    allow = {"evm_operators": [KEY], "evm": [KEY]}
    policy = Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": allow})
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def in_batch(to: str, data: bytes, value: int) -> dict[str, Any]:
    """The same call made by own's smart account (a Coinbase-style ``executeBatch`` self-call)."""
    batch = call("executeBatch((address,uint256,bytes)[])", [(to, value, data)])
    return tx(OWN, batch, value, **{"from": OWN, "chainId": 42161})


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(own_tx(ROUTER, setup(KEY), GAS), Action.ALLOW, id="own-key"),
        pytest.param(own_tx(ROUTER, setup(STRANGER, 10**9, 10**17), GAS), Action.BLOCK,
                     id="stranger-key"),
        pytest.param(own_tx(ROUTER, setup(LOOKALIKE_KEY), GAS), Action.BLOCK, id="lookalike-key"),
        pytest.param(own_tx(ROUTER, call("removeSubaccount(address)", STRANGER)), Action.ALLOW,
                     id="remove"),
        pytest.param(own_tx(ROUTER, call("addSubaccount(address)", STRANGER)), Action.BLOCK,
                     id="add-alone-stranger"),
        pytest.param(own_tx(OTHER_ROUTER, call("removeSubaccount(address)", KEY)), Action.FLAG,
                     id="remove-on-another-contract-is-unknown"),
        pytest.param(own_tx(ROUTER, setup(KEY), 5 * GAS), Action.FLAG,
                     id="more-eth-than-sent-on-stays-with-the-router"),
        pytest.param(in_batch(ROUTER, setup(KEY), GAS), Action.ALLOW, id="batch-own-key"),
        pytest.param(in_batch(ROUTER, setup(STRANGER), GAS), Action.BLOCK, id="batch-stranger"),
    ],
)  # fmt: skip
def test_subaccount_router(payload: dict[str, Any], expected: Action) -> None:
    verdict = _judge(payload)
    assert verdict.action is expected, verdict.effect_lines


def test_setup_reads_as_gas_money_and_an_agent() -> None:
    payload = own_tx(ROUTER, setup(STRANGER), GAS)
    assert [(g.recipient, g.amount) for g in gives(payload)] == [(STRANGER, GAS)]
    (grant,) = [op for op in operations(payload) if isinstance(op, AuthorityChange)]
    assert (grant.account, grant.new_authority, grant.authority_type) == (OWN, STRANGER, "agent")


def test_eth_not_sent_on_whole_is_a_payment_to_the_router() -> None:
    payload = own_tx(ROUTER, setup(KEY), 5 * GAS)
    assert (ROUTER, 5 * GAS) in [(g.recipient, g.amount) for g in gives(payload)]
