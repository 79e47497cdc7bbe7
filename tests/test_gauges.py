"""Curve gauge reward receivers and the ENS primary name.

Sources: curvefi/curve-factory ``contracts/LiquidityGauge.vy`` (``set_rewards_receiver``,
``claim_rewards(_addr, _receiver)``); ensdomains/ens-contracts
``deployments/mainnet/ReverseRegistrar.json`` (``setName(string)``). The gauge, the wallets and
the stranger are generated keys (never funded).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call

GAUGE = "0xbfcf63294ad7105dea65aa58f8ae5be2d9d0952a"  # Curve 3pool gauge (data/evm_protocols.json)
OTHER = Account.create().address.lower()  # a contract nobody names (a gauge, or a lure)
OWN = Account.create().address.lower()
COLD = Account.create().address.lower()  # own's allowlisted cold wallet (a recipient)
STRANGER = Account.create().address.lower()
REVERSE = "0xa58e81fe9b61b5c3fe2afd33cf304c454abfc7cb"
ZERO = "0x" + "00" * 20
POLICY = Policy.model_validate({"allowlist": {"evm": [COLD]}})
NAMED = Policy.model_validate({"allowlist": {"evm": [COLD, OTHER]}})


def _tx(to: str, data: bytes, value: int = 0) -> dict[str, Any]:
    return {"from": OWN, "to": to, "value": value, "data": "0x" + data.hex(), "chainId": 1}


def test_rewards_receiver_is_an_authority_on_the_gauge() -> None:
    """set_rewards_receiver names who every later claim of the caller's rewards pays."""
    [op] = decode_evm(_tx(GAUGE, call("set_rewards_receiver(address)", STRANGER))).operations
    assert isinstance(op, AuthorityChange)
    assert (op.account, op.new_authority, op.authority_type) == (
        GAUGE,
        STRANGER,
        "rewards_receiver",
    )


CASES = [
    pytest.param(_tx(GAUGE, call("set_rewards_receiver(address)", STRANGER)), Action.BLOCK,
                 "tx.evm.rewards_receiver_change", id="receiver-stranger-blocks"),
    pytest.param(_tx(GAUGE, call("set_rewards_receiver(address)", COLD)), Action.ALLOW, None,
                 id="receiver-allowlisted-allows"),
    pytest.param(_tx(GAUGE, call("set_rewards_receiver(address)", OWN)), Action.ALLOW, None,
                 id="receiver-own-allows"),
    pytest.param(_tx(GAUGE, call("set_rewards_receiver(address)", ZERO)), Action.ALLOW, None,
                 id="receiver-reset-allows"),
    pytest.param(_tx(GAUGE, call("claim_rewards()")), Action.ALLOW, None, id="claim-allows"),
    pytest.param(_tx(GAUGE, call("claim_rewards(address,address)", OWN, STRANGER)),
                 Action.BLOCK, "tx.evm.swap_recipient", id="claim-to-a-stranger-blocks"),
    pytest.param(_tx(GAUGE, call("claim_rewards(address,address)", OWN, OWN)), Action.ALLOW,
                 None, id="claim-to-own-allows"),
    # the same selectors on a contract that is neither a known gauge nor allowlisted: opaque
    pytest.param(_tx(OTHER, call("claim_rewards()")), Action.FLAG, "tx.evm.unknown_call",
                 id="claim-elsewhere-is-opaque"),
    pytest.param(_tx(OTHER, call("claim_rewards(address)", OWN)), Action.FLAG,
                 "tx.evm.unknown_call", id="claim-own-elsewhere-is-opaque"),
    pytest.param(_tx(OTHER, call("set_rewards_receiver(address)", ZERO)), Action.FLAG,
                 "tx.evm.unknown_call", id="receiver-reset-elsewhere-is-opaque"),
    pytest.param(_tx(OTHER, call("set_rewards_receiver(address)", STRANGER)), Action.BLOCK,
                 "tx.evm.rewards_receiver_change", id="receiver-stranger-elsewhere-blocks"),
    pytest.param(_tx(OTHER, call("claim_rewards(address,address)", OWN, STRANGER)),
                 Action.BLOCK, "tx.evm.swap_recipient", id="claim-to-a-stranger-elsewhere-blocks"),
    pytest.param(_tx(REVERSE, call("setName(string)", "vault.eth")), Action.ALLOW, None,
                 id="ens-primary-name-allows"),
    pytest.param(_tx(STRANGER, call("setName(string)", "vault.eth")), Action.FLAG,
                 "tx.evm.unknown_call", id="setname-elsewhere-is-opaque"),
    pytest.param(_tx(REVERSE, call("setName(string)", "vault.eth"), 10**17), Action.FLAG, None,
                 id="setname-with-eth-is-not-explained"),
]  # fmt: skip


@pytest.mark.parametrize(("tx", "action", "rule"), CASES)
def test_gauge_and_name_verdicts(tx: dict[str, Any], action: Action, rule: str | None) -> None:
    """Rewards redirected to a stranger BLOCK; own / allowlisted receivers and names ALLOW."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call("claim_rewards()"), id="claim"),
        pytest.param(call("claim_rewards(address)", OWN), id="claim-own"),
        pytest.param(call("set_rewards_receiver(address)", ZERO), id="receiver-reset"),
    ],
)
def test_allowlisted_gauge_calls_allow(data: bytes) -> None:
    """A gauge the policy names (not in the protocol table) is trusted like any allowlisted
    contract."""
    verdict = Guard(NAMED, classifier=False).check_transaction(_tx(OTHER, data))
    assert verdict.action is Action.ALLOW, verdict.explain()


def test_truncated_receiver_is_never_allowed() -> None:
    """set_rewards_receiver cut short is undecodable: never a silent ALLOW."""
    tx = _tx(GAUGE, call("set_rewards_receiver(address)", STRANGER)[:20])
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is not Action.ALLOW, verdict.explain()
