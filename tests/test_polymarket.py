"""Polymarket CTF Exchange orders (``protocols/orders.py``): an order gives collateral or shares
and gets the other to the maker; selling shares for dust, or buying shares for more collateral
than they can ever redeem for, gives value away (BLOCK).

Struct from Polymarket/ctf-exchange ``OrderStructs.sol``; the maker is generated."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.receiver_builders import OWN, STRANGER

EXCHANGE = "0x4bFb41d5B3570DeFd03C39a9A4D8dE6Bd8B8982E"
_ORDER = [
    {"name": n, "type": t}
    for n, t in (
        ("salt", "uint256"), ("maker", "address"), ("signer", "address"), ("taker", "address"),
        ("tokenId", "uint256"), ("makerAmount", "uint256"), ("takerAmount", "uint256"),
        ("expiration", "uint256"), ("nonce", "uint256"), ("feeRateBps", "uint256"),
        ("side", "uint8"), ("signatureType", "uint8"),
    )
]  # fmt: skip
_DOMAIN_TYPE = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]


def order(side: int, maker_amount: int, taker_amount: int, taker: str = "0x" + "00" * 20) -> Any:
    message = {
        "salt": 1, "maker": OWN, "signer": OWN, "taker": taker, "tokenId": 12345,
        "makerAmount": maker_amount, "takerAmount": taker_amount, "expiration": 0, "nonce": 0,
        "feeRateBps": 0, "side": side, "signatureType": 0,
    }  # fmt: skip
    return {
        "types": {"EIP712Domain": _DOMAIN_TYPE, "Order": _ORDER},
        "primaryType": "Order",
        "domain": {"name": "Polymarket CTF Exchange", "version": "1", "chainId": 137,
                   "verifyingContract": EXCHANGE},
        "message": message,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(order(0, 620_000_000, 1_000_000_000), Action.ALLOW, id="buy-at-0.62"),
        pytest.param(order(1, 1_000_000_000, 910_000_000), Action.ALLOW, id="sell-at-0.91"),
        pytest.param(order(1, 25_000_000_000, 1, STRANGER), Action.BLOCK, id="sell-for-dust"),
        pytest.param(order(0, 50_000_000_000, 10_000_000, STRANGER), Action.BLOCK,
                     id="buy-above-redemption"),
    ],
)  # fmt: skip
def test_polymarket_orders(payload: Any, expected: Action) -> None:
    policy = Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": {"evm": [EXCHANGE]}})
    verdict = Guard(policy, classifier=False).check_typed_data(payload)
    assert verdict.action is expected, verdict.effect_lines
