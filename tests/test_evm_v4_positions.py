"""Uniswap V4 PositionManager ``modifyLiquidities`` (``protocols/v4_positions.py``).

``unlockData = abi.encode(bytes actions, bytes[] params)``; each action's parameters encoded as
``PositionManager._handleAction`` decodes them (Uniswap/v4-periphery ``CalldataDecoder.sol``),
action numbers from ``Actions.sol``. Addresses are generated (``tests/receiver_builders.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AssetKind
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import OWN, STRANGER, USDC, ZERO, addr, gives, judged, own_tx, receipts

POSM = addr("v4-position-manager")
MSG_SENDER = "0x" + "00" * 19 + "01"
POOL = (ZERO, USDC, 500, 10, ZERO)  # ETH / USDC, no hooks
INCREASE, DECREASE, MINT, BURN = 0x00, 0x01, 0x02, 0x03
SETTLE_PAIR, TAKE_PAIR, CLOSE_CURRENCY, SWEEP = 0x0D, 0x11, 0x12, 0x14


def _params(action: int, *args: Any) -> bytes:
    types = {
        INCREASE: ["uint256", "uint256", "uint128", "uint128", "bytes"],
        DECREASE: ["uint256", "uint256", "uint128", "uint128", "bytes"],
        MINT: [
            "(address,address,uint24,int24,address)", "int24", "int24", "uint256", "uint128",
            "uint128", "address", "bytes",
        ],
        BURN: ["uint256", "uint128", "uint128", "bytes"],
        SETTLE_PAIR: ["address", "address"],
        TAKE_PAIR: ["address", "address", "address"],
        CLOSE_CURRENCY: ["address"],
        SWEEP: ["address", "address"],
    }[action]  # fmt: skip
    return encode(types, list(args))


def plan(*steps: tuple[int, bytes]) -> bytes:
    actions = bytes(a for a, _ in steps)
    unlock = encode(["bytes", "bytes[]"], [actions, [p for _, p in steps]])
    return call("modifyLiquidities(bytes,uint256)", unlock, 1_700_003_600)


def mint(owner: str) -> dict[str, Any]:
    data = plan(
        (MINT, _params(MINT, POOL, -600, 600, 10**15, 10**18, 4_000 * 10**6, owner, b"")),
        (SETTLE_PAIR, _params(SETTLE_PAIR, ZERO, USDC)),
        (SWEEP, _params(SWEEP, ZERO, MSG_SENDER)),
    )
    return own_tx(POSM, data, value=10**18)


def decrease(recipient: str, min0: int = 2 * 10**17, min1: int = 700 * 10**6) -> dict[str, Any]:
    data = plan(
        (DECREASE, _params(DECREASE, 48213, 10**14, min0, min1, b"")),
        (TAKE_PAIR, _params(TAKE_PAIR, ZERO, USDC, recipient)),
    )
    return own_tx(POSM, data)


def burn(recipient: str) -> dict[str, Any]:
    data = plan(
        (BURN, _params(BURN, 48213, 0, 0, b"")),
        (TAKE_PAIR, _params(TAKE_PAIR, ZERO, USDC, recipient)),
    )
    return own_tx(POSM, data)


SWAP_TO = {"tx.evm.swap_recipient"}
CASES = [
    pytest.param(mint(OWN), Action.ALLOW, set(), id="mint-to-own"),
    pytest.param(mint(MSG_SENDER), Action.ALLOW, set(), id="mint-to-msg-sender"),
    pytest.param(mint(STRANGER), Action.BLOCK, SWAP_TO, id="mint-to-stranger"),
    pytest.param(decrease(OWN), Action.ALLOW, set(), id="decrease-take-pair-own"),
    pytest.param(decrease(STRANGER), Action.BLOCK, SWAP_TO, id="decrease-take-pair-stranger"),
    pytest.param(burn(OWN), Action.ALLOW, set(), id="burn-zero-minimums-to-own"),
    pytest.param(burn(STRANGER), Action.BLOCK, SWAP_TO, id="burn-to-stranger"),
]


@pytest.mark.parametrize(("payload", "action", "expected"), CASES)
def test_position_manager_verdict(
    payload: dict[str, Any], action: Action, expected: set[str]
) -> None:
    """Position and taken currencies to own pass; to a stranger they block."""
    verdict = judged(payload, POSM)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def rules(verdict: Any) -> set[str]:
    return {f.rule_id for f in verdict.findings if f.action.value != "allow"}


def test_mint_pays_up_to_the_maximums_and_gets_the_position() -> None:
    """MINT: USDC up to amount1Max given (ETH is the call's value); the NFT goes to owner."""
    payload = mint(STRANGER)
    tokens = [(g.asset.address, g.amount) for g in gives(payload) if g.asset.address]
    assert tokens == [(USDC, 4_000 * 10**6)]
    nft = [r for r in receipts(payload) if r.asset.kind is AssetKind.NFT]
    assert [(r.asset.address, r.recipient) for r in nft] == [(POSM, STRANGER)]


def test_decrease_minimums_floor_the_take_pair() -> None:
    """DECREASE's amount0Min / amount1Min are the least TAKE_PAIR pays each currency."""
    got = {(r.asset.address, r.amount, r.recipient) for r in receipts(decrease(OWN))}
    assert got == {(None, 2 * 10**17, OWN), (USDC, 700 * 10**6, OWN)}


def test_burn_gives_up_the_position_nft() -> None:
    """BURN_POSITION gives the position NFT (its id) to the manager; zero minimums: all of it."""
    payload = burn(OWN)
    (nft,) = [g for g in gives(payload) if g.asset.kind is AssetKind.NFT]
    assert (nft.token_id, nft.recipient) == (48213, POSM)
    assert {r.amount for r in receipts(payload)} == {None}


def test_increase_is_paid_by_the_settle_pair() -> None:
    """INCREASE's maximums are paid by the caller through the SETTLE_PAIR that follows."""
    data = plan(
        (INCREASE, _params(INCREASE, 7, 10**15, 10**18, 3 * 10**9, b"")),
        (SETTLE_PAIR, _params(SETTLE_PAIR, ZERO, USDC)),
    )
    payload = own_tx(POSM, data, value=10**18)
    assert [(g.asset.address, g.amount) for g in gives(payload) if g.asset.address] == [
        (USDC, 3 * 10**9)
    ]
    assert judged(payload, POSM).action is Action.ALLOW


def test_unknown_action_is_opaque() -> None:
    """An action the manager does not define is an opaque call on it (FLAG unless the policy
    trusts the contract)."""
    verdict = judged(own_tx(POSM, plan((0x42, b""))))
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            call(
                "modifyLiquidities(bytes,uint256)", encode(["bytes", "bytes[]"], [b"\x01", []]), 1
            ),
            id="actions-and-params-differ",
        ),
        pytest.param(plan((MINT, b"\x00" * 64)), id="mint-params-truncated"),
    ],
)
def test_bad_plan_is_a_decode_error(data: bytes) -> None:
    """A plan whose lengths disagree or whose params are truncated raises the typed error."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(POSM, data))
    assert judged(own_tx(POSM, data), POSM).action is not Action.ALLOW


ADDRESS_THIS = "0x" + "00" * 19 + "02"


def _freed_then(*steps: tuple[int, bytes]) -> dict[str, Any]:
    decrease_step = (DECREASE, _params(DECREASE, 48213, 10**14, 2 * 10**17, 700 * 10**6, b""))
    return own_tx(POSM, plan(decrease_step, *steps))


def test_output_left_in_the_manager_is_stranded() -> None:
    """Liquidity taken to the manager itself with no SWEEP after it waits for anyone's next
    SWEEP: an output paid to nobody the policy trusts (BLOCK)."""
    verdict = judged(decrease(ADDRESS_THIS), POSM)
    assert verdict.action is Action.BLOCK and "tx.evm.swap_recipient" in rules(verdict)


def test_output_kept_then_swept_to_own_is_allowed() -> None:
    """Taken to the manager, then swept to the caller: the usual two-step close."""
    payload = _freed_then(
        (TAKE_PAIR, _params(TAKE_PAIR, ZERO, USDC, ADDRESS_THIS)),
        (SWEEP, _params(SWEEP, ZERO, MSG_SENDER)),
        (SWEEP, _params(SWEEP, USDC, MSG_SENDER)),
    )
    assert judged(payload, POSM).action is Action.ALLOW


def test_clear_or_take_after_a_decrease_forfeits() -> None:
    """CLEAR_OR_TAKE with a large amountMax clears what the decrease freed: not own's (FLAG)."""
    payload = _freed_then((0x13, encode(["address", "uint256"], [USDC, 2**256 - 1])))
    assert judged(payload, POSM).action is not Action.ALLOW
