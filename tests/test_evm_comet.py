"""Compound III (Comet) supplies (``protocols/lending.py``): the asset given to the Comet and
what it credits, to whom.

Calldata is eth_abi's encoding of compound-finance/comet ``CometMainInterface.sol``
(``supply(address,uint256)``, ``supplyTo(address,address,uint256)``); the Comet and its base
asset are ``data/evm_protocols.json``'s (cUSDCv3, baseTokenAddress USDC per
``deployments/mainnet/usdc/configuration.json``); parties are generated.
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
    WETH,
    addr,
    gives,
    judged,
    operations,
    own_tx,
    receipts,
)

COMET = "0xc3d688b66703497daa19211eedff47f25384cdc3"  # Compound III cUSDCv3 (base: USDC)
_SUPPLY = "supply(address,uint256)"
_SUPPLY_TO = "supplyTo(address,address,uint256)"


@pytest.mark.parametrize(
    ("data", "credit", "to"),
    [
        pytest.param(call(_SUPPLY, USDC, 5 * 10**9), COMET, OWN, id="base-asset-is-comet-balance"),
        pytest.param(call(_SUPPLY, WETH, 10**18), WETH, OWN, id="collateral-stays-the-token"),
        pytest.param(call(_SUPPLY_TO, STRANGER, USDC, 5 * 10**9), COMET, STRANGER,
                     id="supply-to-credits-dst"),
    ],
)  # fmt: skip
def test_comet_supply_credits(data: bytes, credit: str, to: str) -> None:
    payload = own_tx(COMET, data)
    (given,) = gives(payload)
    assert given.recipient == COMET
    (got,) = receipts(payload)
    assert (got.asset.address, got.recipient) == (credit, to)


@pytest.mark.parametrize(
    ("data", "action"),
    [
        pytest.param(call(_SUPPLY, USDC, 5 * 10**9), Action.ALLOW, id="own-supply-allows"),
        pytest.param(call(_SUPPLY_TO, OWN, WETH, 10**18), Action.ALLOW, id="supply-to-own"),
        pytest.param(call(_SUPPLY_TO, STRANGER, USDC, 5 * 10**9), Action.BLOCK,
                     id="supply-to-stranger-blocks"),
        pytest.param(call(_SUPPLY, USDC, 2**256 - 1), Action.ALLOW, id="max-repays-own-debt"),
    ],
)  # fmt: skip
def test_comet_supply_verdicts(data: bytes, action: Action) -> None:
    verdict = judged(own_tx(COMET, data), COMET)
    assert verdict.action is action, verdict.effect_lines


def test_supply_selector_elsewhere_stays_opaque() -> None:
    """``supply(address,uint256)`` is a common selector: only a known Comet explains it."""
    other = addr("not-a-comet")
    payload = own_tx(other, call(_SUPPLY, USDC, 5 * 10**9))
    assert [type(op) for op in operations(payload)] == [Call]
    assert judged(payload).action is Action.FLAG


def test_truncated_supply_is_a_decode_error() -> None:
    data = call(_SUPPLY, USDC, 5 * 10**9)[:40]
    with pytest.raises(EvmDecodeError):
        operations(own_tx(COMET, data))
    assert judged(own_tx(COMET, data), COMET).action is not Action.ALLOW
