"""Morpho Blue: a supply credited to someone else is an exchange whose output is theirs.

Source: morpho-org/morpho-blue ``src/interfaces/IMorpho.sol`` (``supply`` / ``repay(
marketParams, assets, shares, onBehalf, data)``, ``supplyCollateral(marketParams, assets,
onBehalf, data)``). As Aave's aTokens minted to ``onBehalfOf``: the position paid for goes
to ``onBehalf``; a stranger's BLOCKs, the own account's is a deposit. A repay for someone
else pays their debt: a give (FLAG for an explicit amount).
"""

from __future__ import annotations

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.policy import Policy
from tests.evm_builders import OWN, STRANGER, call, tx

MORPHO = "0xbbbbbbbbbb9cc5e90e3b3af64bdaf62c37eeffcb"  # Morpho Blue (Ethereum)
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
MARKET = (USDC, WETH, "0x" + "44" * 20, "0x" + "55" * 20, 860000000000000000)
_M = "(address,address,address,address,uint256)"
GUARD = Guard(Policy.model_validate({"wallet": {"evm": [OWN]}, "allowlist": {"evm": [MORPHO]}}))


@pytest.mark.parametrize(
    ("data", "action"),
    [
        (call(f"supply({_M},uint256,uint256,address,bytes)", MARKET, 5 * 10**10, 0, OWN, b""),
         Action.ALLOW),
        (call(f"supply({_M},uint256,uint256,address,bytes)", MARKET, 5 * 10**10, 0, STRANGER,
              b""), Action.BLOCK),
        (call(f"supplyCollateral({_M},uint256,address,bytes)", MARKET, 10**18, STRANGER, b""),
         Action.BLOCK),
        (call(f"supplyCollateral({_M},uint256,address,bytes)", MARKET, 10**18, OWN, b""),
         Action.ALLOW),
        (call(f"repay({_M},uint256,uint256,address,bytes)", MARKET, 10**9, 0, STRANGER, b""),
         Action.FLAG),
    ],
)  # fmt: skip
def test_whose_position_a_supply_credits(data: bytes, action: Action) -> None:
    assert GUARD.check_transaction(tx(MORPHO, data)).action is action
