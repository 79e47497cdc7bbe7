"""Curve liquidity (``protocols/liquidity.py``) and gauges (``protocols/vaults.py``): the coins
given, the LP token (or gauge balance) credited, to whom.

Calldata is eth_abi's encoding of curvefi/curve-contract ``StableSwap3Pool.vy``
(``add_liquidity(uint256[3],uint256)``, ``remove_liquidity_one_coin(uint256,int128,uint256)``:
to ``msg.sender``) and curvefi/curve-dao-contracts ``LiquidityGaugeV2.vy``
(``deposit(uint256,address)``); pools, LP tokens and gauges are ``data/evm_protocols.json``'s
(``pooldata.json``); parties are generated.
"""

from __future__ import annotations

import pytest

from aiegis_guard.chains.transaction import Call
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import (
    OWN,
    STRANGER,
    USDC,
    addr,
    gives,
    judged,
    operations,
    own_tx,
    receipts,
)

POOL = "0xbebc44782c7db0a1a60cb6fe97d0b483032ff1c7"  # Curve 3pool: DAI / USDC / USDT
LP = "0x6c3f90f043a72fa612cbac8115ee7e52bde6e490"  # 3Crv
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7"
GAUGE = "0x182b723a58739a9c974cfdb385ceadb237453c28"  # Curve stETH gauge
STECRV = "0x06325440d014e39736583c165c2963ba99faf14e"
_ADD = "add_liquidity(uint256[3],uint256)"
_REMOVE_ONE = "remove_liquidity_one_coin(uint256,int128,uint256)"
_DEPOSIT = "deposit(uint256,address)"
AMOUNTS = [10_000 * 10**18, 10_000 * 10**6, 5_000 * 10**6]


def test_add_liquidity_pays_the_coins_for_lp_to_the_caller() -> None:
    payload = own_tx(POOL, call(_ADD, AMOUNTS, 24_300 * 10**18))
    assert [(g.asset.address, g.amount) for g in gives(payload)] == list(
        zip((DAI, USDC, USDT), AMOUNTS, strict=True)
    )
    (lp,) = receipts(payload)
    assert (lp.asset.address, lp.amount, lp.recipient) == (LP, 24_300 * 10**18, OWN)
    assert judged(payload, POOL).action is Action.ALLOW


def test_remove_one_coin_burns_lp_for_the_coin() -> None:
    payload = own_tx(POOL, call(_REMOVE_ONE, 8_000 * 10**18, 1, 8_150 * 10**6))
    ((burnt,), (got,)) = gives(payload), receipts(payload)
    assert (burnt.asset.address, burnt.amount) == (LP, 8_000 * 10**18)
    assert (got.asset.address, got.amount, got.recipient) == (USDC, 8_150 * 10**6, OWN)
    assert judged(payload, POOL).action is Action.ALLOW


def test_zero_minimum_flags() -> None:
    payload = own_tx(POOL, call(_REMOVE_ONE, 8_000 * 10**18, 1, 0))
    assert judged(payload, POOL).action is Action.FLAG


def test_unknown_pool_stays_an_unknown_call() -> None:
    other = addr("some-pool")
    payload = own_tx(other, call(_ADD, AMOUNTS, 1))
    assert isinstance(operations(payload)[0], Call)
    assert judged(payload).action is Action.FLAG


@pytest.mark.parametrize(("to", "action"), [(OWN, Action.ALLOW), (STRANGER, Action.BLOCK)])
def test_gauge_deposit_credits_the_same_amount(to: str, action: Action) -> None:
    payload = own_tx(GAUGE, call(_DEPOSIT, 120 * 10**18, to))
    (given,) = gives(payload)
    assert (given.asset.address, given.amount) == (STECRV, 120 * 10**18)
    (credit,) = receipts(payload)
    assert (credit.asset.address, credit.amount, credit.recipient) == (GAUGE, 120 * 10**18, to)
    assert judged(payload, GAUGE).action is action


def test_truncated_add_liquidity_is_a_decode_error() -> None:
    data = call(_ADD, AMOUNTS, 1)[:60]
    with pytest.raises(EvmDecodeError):
        operations(own_tx(POOL, data))
    assert judged(own_tx(POOL, data), POOL).action is not Action.ALLOW
