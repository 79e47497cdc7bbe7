"""On-chain order transactions: a CoW ETH-flow order (``protocols/aggregators.py``) is judged
as the CoW order it places (one for a few base units gives the ETH away); a Seaport cancel
(``protocols/fulfil.py``) moves nothing, on Seaport only.

Calldata is eth_abi's encoding of the published signatures (cowprotocol/ethflowcontract
``EthFlowOrder.Data``; ProjectOpenSea/seaport ``cancel(OrderComponents[])``,
``incrementCounter()``); parties are generated (``tests/receiver_builders.py``).
"""

from __future__ import annotations

import pytest

from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, addr, judged, own_tx, rules

ETHFLOW = "0x40a50cf069e992aa4536211b23f286ef88752187"  # CoW ETH-flow (cowprotocol docs)
SEAPORT = "0x0000000000000068f116a894984e2db1123eb395"  # Seaport 1.6
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
_DATA = "(address,address,uint256,uint256,bytes32,uint256,uint32,bool,int64)"
_ITEMS = (
    "(uint8,address,uint256,uint256,uint256)[],(uint8,address,uint256,uint256,uint256,address)[]"
)
_COMPONENTS = f"(address,address,{_ITEMS},uint8,uint256,uint256,bytes32,uint256,bytes32,uint256)"
ETH = 10**18


def ethflow(
    receiver: str, buy_amount: int, sell: int = 5 * ETH, to: str = ETHFLOW
) -> dict[str, object]:
    order = (DAI, receiver, sell, buy_amount, b"\0" * 32, 0, 1_700_003_600, False, 7)
    return own_tx(to, call(f"createOrder({_DATA})", order), value=sell)


def test_ethflow_order_to_own_is_allowed() -> None:
    verdict = judged(ethflow(OWN, 19_300 * ETH), ETHFLOW)
    assert verdict.action is Action.ALLOW, rules(verdict)


def test_ethflow_order_to_an_allowlisted_wallet_is_allowed() -> None:
    verdict = judged(ethflow(FRIEND, 19_300 * ETH), ETHFLOW, FRIEND)
    assert verdict.action is Action.ALLOW, rules(verdict)


def test_ethflow_order_for_a_few_base_units_gives_the_eth_away() -> None:
    """A limit order may be filled at its limit: one of dust is judged as the same CoW order
    signed off-chain (``order_gives_away``), not as a router swap's sloppy minimum."""
    verdict = judged(ethflow(OWN, 1), ETHFLOW)
    assert verdict.action is Action.BLOCK and "tx.evm.order_gives_away" in rules(verdict)


def test_ethflow_order_to_a_stranger_is_blocked() -> None:
    verdict = judged(ethflow(STRANGER, 19_300 * ETH), ETHFLOW)
    assert verdict.action is Action.BLOCK and "tx.evm.swap_recipient" in rules(verdict)


@pytest.mark.parametrize("receiver", [OWN, STRANGER])
def test_ethflow_eth_is_given_once(receiver: str) -> None:
    verdict = judged(ethflow(receiver, 19_300 * ETH), ETHFLOW)
    eth = [e for e in verdict.effects if e["kind"] == "gives" and e["asset_kind"] == "native"]
    assert [e["amount"] for e in eth] == [5 * ETH]


def test_create_order_selector_elsewhere_is_not_an_order() -> None:
    verdict = judged(ethflow(OWN, 1, to=addr("fake-ethflow")))
    assert verdict.action is not Action.ALLOW


def cancel(to: str, value: int = 0) -> dict[str, object]:
    order = (OWN, addr("zone"), [(2, addr("nft"), 1, 1, 1)], [], 0, 0, 1, b"\0" * 32, 5,
             b"\0" * 32, 0)  # fmt: skip
    return own_tx(to, call(f"cancel({_COMPONENTS}[])", [order]), value=value)


def test_seaport_cancel_moves_nothing() -> None:
    for payload in (cancel(SEAPORT), own_tx(SEAPORT, call("incrementCounter()"))):
        verdict = judged(payload)
        assert verdict.action is Action.ALLOW, rules(verdict)


def test_cancel_selector_elsewhere_or_with_value_stays_unknown() -> None:
    for payload in (cancel(addr("fake-seaport")), cancel(SEAPORT, value=ETH)):
        verdict = judged(payload)
        assert verdict.action is not Action.ALLOW
