"""EigenLayer and Rocket Pool requests judged by effect.

Calldata is encoded by eth_abi from the published signatures (Layr-Labs/eigenlayer-contracts
``IStrategyManager`` / ``IDelegationManager`` M2; rocket-pool/rocketpool ``RocketDepositPool``
/ ``RocketTokenRETH``) against the mainnet deployments the decoder lists; the own account,
operators, tokens and strangers are generated (never funded) addresses.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_utils import keccak
from evm_builders import call, tx

from aiegis_guard.chains.evm.protocols.restaking import (
    DELEGATION_MANAGER,
    RETH,
    ROCKET_DEPOSIT_POOL,
    STRATEGY_MANAGER,
)
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet


def _addr(label: str) -> str:
    return "0x" + keccak(text=f"aiegis-test:restaking:{label}")[-20:].hex()


OWN = _addr("own")
OPERATOR_OK = _addr("operator")
STRANGER = _addr("stranger")
LOOKALIKE_POOL = _addr("some-deposit-contract")
STETH_STRATEGY = "0x93c4b944d05dfe6df7645a86cd2206016c51564d"  # eigenlayer-contracts README
STETH = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84"
UNLISTED_STRATEGY = _addr("unlisted-strategy")
ETH = 10**18

_DEPOSIT = "depositIntoStrategy(address,address,uint256)"
_DEPOSIT_SIG = "depositIntoStrategyWithSignature(address,address,uint256,address,uint256,bytes)"
_DELEGATE = "delegateTo(address,(bytes,uint256),bytes32)"
_QUEUE = "queueWithdrawals((address[],uint256[],address)[])"


def _check(to: str, data: bytes, value: int = 0) -> Any:
    policy = Policy(
        wallet=Wallet(evm=frozenset({OWN})),
        allowlist=Allowlist(
            evm=frozenset({STRATEGY_MANAGER}),  # naming one EigenLayer contract names the rest
            evm_operators=frozenset({OPERATOR_OK}),
        ),
    )
    guard = Guard(policy, classifier=False)
    return guard.check_transaction({**tx(to, data, value), "from": OWN}, chain="evm")


def _effects(verdict: Any) -> set[tuple[Any, ...]]:
    return {
        (e["kind"], e["asset"], e["amount"], e["counterparty"], e["what"]) for e in verdict.effects
    }


def test_deposit_into_strategy_is_an_exchange_for_shares() -> None:
    """The token goes to the strategy; the strategy's shares come back to own."""
    verdict = _check(STRATEGY_MANAGER, call(_DEPOSIT, STETH_STRATEGY, STETH, 32 * ETH))
    assert verdict.action is Action.ALLOW
    assert _effects(verdict) == {
        ("gives", f"evm:{STETH}", 32 * ETH, STETH_STRATEGY, "offer"),
        ("gets", f"evm:{STETH_STRATEGY}", None, OWN, "output"),
    }


def test_deposit_crediting_a_stranger_blocks() -> None:
    """``depositIntoStrategyWithSignature``: own's tokens, the shares credited to ``staker``."""
    data = call(_DEPOSIT_SIG, STETH_STRATEGY, STETH, ETH, STRANGER, 2**40, b"\x01" * 65)
    verdict = _check(STRATEGY_MANAGER, data)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.swap_recipient" in {f.rule_id for f in verdict.findings}


@pytest.mark.parametrize(
    ("operator", "action"),
    [
        pytest.param(OPERATOR_OK, Action.ALLOW, id="allowlisted-operator"),
        pytest.param(STRANGER, Action.BLOCK, id="stranger-operator"),
    ],
)
def test_delegate_to_is_an_authority(operator: str, action: Action) -> None:
    """``delegateTo``: own's restaked shares follow the operator (role ``delegate``)."""
    verdict = _check(DELEGATION_MANAGER, call(_DELEGATE, operator, (b"", 0), bytes(32)))
    assert verdict.action is action
    assert _effects(verdict) == {("authority", None, None, operator, "delegate")}


def test_queue_withdrawal_to_own_gets_the_underlying() -> None:
    """A withdrawal queued for own pays the strategy's token (stETH) back, amount on-chain;
    a strategy the decoder does not list pays its own shares."""
    params = [([STETH_STRATEGY, UNLISTED_STRATEGY], [ETH, 2 * ETH], OWN)]
    verdict = _check(DELEGATION_MANAGER, call(_QUEUE, params))
    assert verdict.action is Action.ALLOW
    assert _effects(verdict) == {
        ("gets", f"evm:{STETH}", None, OWN, "output"),
        ("gets", f"evm:{UNLISTED_STRATEGY}", None, OWN, "output"),
    }


def test_queue_withdrawal_to_a_stranger_gives_the_shares() -> None:
    """Another withdrawer receives the shares the request names: an explicit give, FLAG."""
    verdict = _check(DELEGATION_MANAGER, call(_QUEUE, [([STETH_STRATEGY], [32 * ETH], STRANGER)]))
    assert verdict.action is Action.FLAG
    assert _effects(verdict) == {("gives", f"evm:{STETH_STRATEGY}", 32 * ETH, STRANGER, None)}


def test_queue_withdrawal_with_uneven_arrays_is_never_allowed() -> None:
    """Strategies and shares of different lengths revert on-chain; the guard never allows."""
    data = call(_QUEUE, [([STETH_STRATEGY], [ETH, ETH], OWN)])
    assert _check(DELEGATION_MANAGER, data).action is not Action.ALLOW


@pytest.mark.parametrize(
    ("signature", "args"),
    [
        pytest.param(_DEPOSIT, (STETH_STRATEGY, STETH, ETH), id="deposit"),
        pytest.param(_DELEGATE, (OPERATOR_OK, (b"", 0), bytes(32)), id="delegate"),
    ],
)
def test_same_selector_elsewhere_is_opaque(signature: str, args: tuple[Any, ...]) -> None:
    """EigenLayer functions are read on the listed deployments only."""
    verdict = _check(LOOKALIKE_POOL, call(signature, *args))
    assert verdict.action is Action.FLAG
    assert [e["kind"] for e in verdict.effects] == ["opaque"]


def test_rocket_pool_deposit_gets_reth() -> None:
    """RocketDepositPool ``deposit()``: the ETH sent comes back as rETH to own."""
    verdict = _check(ROCKET_DEPOSIT_POOL, call("deposit()"), value=8 * ETH)
    assert verdict.action is Action.ALLOW
    assert ("gets", f"evm:{RETH}", None, OWN, "output") in _effects(verdict)


def test_payable_deposit_to_an_unknown_contract_is_opaque() -> None:
    """``deposit()`` anywhere but WETH / the deposit pool: what it does with the ETH is unknown."""
    verdict = _check(LOOKALIKE_POOL, call("deposit()"), value=8 * ETH)
    assert verdict.action is Action.FLAG
    assert {e["kind"] for e in verdict.effects} == {"gives", "opaque"}


def test_reth_burn_pays_eth_back() -> None:
    """rETH ``burn``: own's rETH for its ETH value, to own; on any other token: opaque."""
    verdict = _check(RETH, call("burn(uint256)", 15 * ETH))
    assert verdict.action is Action.ALLOW
    assert _effects(verdict) == {
        ("gives", f"evm:{RETH}", 15 * ETH, RETH, "offer"),
        ("gets", "evm:native", None, OWN, "output"),
    }
    assert _check(LOOKALIKE_POOL, call("burn(uint256)", ETH)).action is Action.FLAG


def test_lido_withdrawal_nfts_have_no_amount() -> None:
    """Lido ``requestWithdrawals``: one unstETH NFT per amount, ids assigned on-chain: the
    receipt is the collection with no amount (as a V3 position), not a count read as an id."""
    queue = "0x889edc2edab5f40e902b864ad4d7ade8e412f9b1"  # WithdrawalQueueERC721 (Lido docs)
    data = call("requestWithdrawals(uint256[],address)", [ETH, 2 * ETH, 3 * ETH], OWN)
    gets = [e for e in _check(queue, data).effects if e["kind"] == "gets"]
    assert [(e["asset"], e["amount"], e["token_ids"]) for e in gets] == [(f"evm:{queue}", None, [])]
