"""WETH9 ``withdraw(wad)`` (``protocols/lending.py``): the WETH burnt is given to the WETH
contract and the ETH comes back to the caller, as wstETH ``unwrap`` reads (an exchange)."""

from __future__ import annotations

from aiegis_guard.chains.transaction import AssetKind
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import OWN, judged, operations, own_tx, receipts

ETH = 10**18
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"


def test_weth_withdraw_gives_the_weth_burnt_for_eth() -> None:
    payload = own_tx(WETH, call("withdraw(uint256)", 3 * ETH))
    given = [op for op in operations(payload) if op.op == "transfer"]
    assert [(op.asset.address, op.amount, op.recipient) for op in given] == [(WETH, 3 * ETH, WETH)]
    (back,) = receipts(payload)
    assert (back.asset.kind, back.amount, back.recipient) == (AssetKind.NATIVE, 3 * ETH, OWN)
    assert judged(payload).action is Action.ALLOW
