"""Seaport ``fulfillBasicOrder`` as one exchange of the caller: what it pays, what it gets, and
when that is giving value away.

Source: ProjectOpenSea/seaport ``contracts/lib/ConsiderationStructs.sol``
(``BasicOrderParameters``, ``AdditionalRecipient``) and ``contracts/lib/BasicOrderFulfiller.sol``
(``route = basicOrderType >> 2``; routes 0-3 the caller pays ETH / ERC-20 and gets the NFT,
routes 4-5 the caller gives the NFT and gets the offered ERC-20 less the additional amounts).
Counterparties are generated placeholders; tokens and collections are the mainnet ones.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call

SEAPORT = "0x0000000000000068f116a894984e2db1123eb395"
OWN = Account.create().address.lower()
SELLER = Account.create().address.lower()
FEE = "0x0000a26b00c1f0df003000390027140000faa719"  # OpenSea fee recipient
AZUKI = "0xed5af388653567af2f388e6224dc7c4b3241c544"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
FAKE_WETH = "0xc02aaa" + Account.create().address.lower()[8:-4] + "6cc2"  # same ends as WETH
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
JUNK_NFT = Account.create().address.lower()  # a collection nobody vouches for
ZERO = "0x" + "00" * 20
BASIC = (
    "(address,uint256,uint256,address,address,address,uint256,uint256,uint8,uint256,uint256,"
    "bytes32,uint256,bytes32,bytes32,uint256,(uint256,address)[],bytes)"
)
ETH = 10**18


def _params(
    consideration: tuple[str, int, int], offer: tuple[str, int, int], kind: int, fee: int
) -> tuple[Any, ...]:
    (c_token, c_id, c_amount), (o_token, o_id, o_amount) = consideration, offer
    times, key = (1_700_000_000, 1_900_000_000), bytes(32)
    return (c_token, c_id, c_amount, SELLER, ZERO, o_token, o_id, o_amount, kind, *times,
            key, 7, key, key, 1, [(fee, FEE)], b"\x11" * 65)  # fmt: skip


def _tx(params: tuple[Any, ...], value: int = 0, name: str = "fulfillBasicOrder") -> dict[str, Any]:
    data = call(f"{name}({BASIC})", params)
    return {"from": OWN, "to": SEAPORT, "value": value, "data": "0x" + data.hex(), "chainId": 1}


BUY_AZUKI = _params((ZERO, 0, 9 * ETH - ETH // 20), (AZUKI, 5521, 1), 0, ETH // 20)
BUY_JUNK = _params((ZERO, 0, 9 * ETH - ETH // 20), (JUNK_NFT, 1, 1), 0, ETH // 20)
BUY_FOR_USDC = _params((USDC, 0, 995 * 10**6), (AZUKI, 5521, 1), 8, 5 * 10**6)
SELL_FOR_WETH = _params((AZUKI, 7730, 1), (WETH, 0, 8 * ETH), 16, 4 * ETH // 100)
SELL_FOR_FAKE = _params((AZUKI, 7731, 1), (FAKE_WETH, 0, 8 * ETH), 16, 4 * ETH // 100)


def _summary(ops: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for op in ops:
        if isinstance(op, Transfer):
            out.append(("gives", op.asset.address, op.token_id, op.amount, op.recipient))
        elif isinstance(op, Receipt):
            out.append(("gets", op.asset.address, op.token_id, op.amount, op.recipient))
    return out


def test_efficient_twin_stays_opaque() -> None:
    """``fulfillBasicOrder_efficient_6GL6yc`` is selector 0x00000000 (any zero-led calldata):
    not decoded, so a payment with it is an opaque call (FLAG), never a silent ALLOW."""
    tx = _tx(BUY_AZUKI, 9 * ETH, "fulfillBasicOrder_efficient_6GL6yc")
    assert tx["data"].startswith("0x00000000")
    verdict = Guard(Policy(), classifier=False).check_transaction(tx)
    assert verdict.action is Action.FLAG, verdict.explain()


@pytest.mark.parametrize("name", ["fulfillBasicOrder"])
def test_basic_order_routes_decode(name: str) -> None:
    """Each route: what the caller pays (to Seaport) and what it gets."""
    cases = [
        (_tx(BUY_AZUKI, 9 * ETH, name), [("gives", None, None, 9 * ETH, SEAPORT),
                                         ("gets", AZUKI, 5521, 1, OWN)]),
        (_tx(BUY_FOR_USDC, 0, name), [("gives", USDC, None, 10**9, SEAPORT),
                                      ("gets", AZUKI, 5521, 1, OWN)]),
        (_tx(SELL_FOR_WETH, 0, name), [("gives", AZUKI, 7730, 1, SEAPORT),
                                       ("gets", WETH, None, 796 * ETH // 100, OWN)]),
    ]  # fmt: skip
    for tx, expected in cases:
        assert _summary(decode_evm(tx).operations) == expected


VERDICTS = [
    pytest.param(_tx(BUY_AZUKI, 9 * ETH), Action.ALLOW, id="buy-azuki-for-eth-allows"),
    pytest.param(_tx(BUY_FOR_USDC), Action.ALLOW, id="buy-azuki-for-usdc-allows"),
    pytest.param(_tx(SELL_FOR_WETH), Action.ALLOW, id="accept-weth-offer-allows"),
    pytest.param(_tx(BUY_JUNK, 9 * ETH), Action.BLOCK, id="pay-9-eth-for-an-unknown-nft-blocks"),
    pytest.param(_tx(SELL_FOR_FAKE), Action.BLOCK, id="accept-fake-weth-offer-blocks"),
]


@pytest.mark.parametrize(("tx", "action"), VERDICTS)
def test_basic_order_verdicts(tx: dict[str, Any], action: Action) -> None:
    """Worthless consideration (an unvouched NFT, a token imitating WETH) gives value away."""
    verdict = Guard(Policy(), classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    assert ("tx.evm.order_gives_away" in verdict.rule_ids) is (action is Action.BLOCK)


def test_allowlisted_token_is_no_imitation() -> None:
    """A token the policy names is judged as what it is, whatever its address looks like."""
    policy = Policy.model_validate({"allowlist": {"evm": [FAKE_WETH]}})
    verdict = Guard(policy, classifier=False).check_transaction(_tx(SELL_FOR_FAKE))
    assert verdict.action is Action.ALLOW, verdict.explain()


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(_tx(_params((ZERO, 0, ETH), (AZUKI, 1, 1), 24, 0), ETH), id="no-such-route"),
        pytest.param(
            {**_tx(BUY_AZUKI, 9 * ETH), "data": _tx(BUY_AZUKI)["data"][:300]}, id="truncated"
        ),
    ],
)
def test_malformed_basic_orders_are_never_allowed(tx: dict[str, Any]) -> None:
    """A basic order with a route Seaport does not have, or cut short, is not allowed."""
    verdict = Guard(Policy(), classifier=False).check_transaction(tx)
    assert verdict.action is not Action.ALLOW, verdict.explain()
