"""Element and Rarible v2 signed NFT orders (``protocols/nft_orders.py``): what the maker gives,
what it gets and who receives it; a listing for dust, or whose proceeds are paid to a stranger,
gives the NFT away (BLOCK); a fair listing paid to the maker passes.

Types from element-market ``LibNFTOrder.sol`` (``NFTSellOrder`` / ``NFTBuyOrder`` /
``ERC1155SellOrder`` with ``Fee`` / ``Property``, ``hashNonce``) and rarible/protocol-contracts
``LibOrder.ORDER_TYPEHASH``, ``LibAsset`` classes, ``LibOrderDataV1`` / ``V2`` (``LibPart.Part``
= ``(address account, uint96 value)``); order data is eth_abi's encoding. Exchanges, makers and
payees are generated addresses; BAYC and WETH are their mainnet contracts."""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard import Action, Guard
from aiegis_guard.chains.evm.typed_data import decode_typed_data
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.checksums import keccak256
from aiegis_guard.policy import Policy
from tests.receiver_builders import FRIEND, OWN, STRANGER, WETH, ZERO, addr

BAYC = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"
EXCHANGE = addr("nft exchange")
NATIVE = "0x" + "ee" * 20
ETH = 10**18
_DOMAIN = [("name", "string"), ("version", "string"), ("chainId", "uint256"),
           ("verifyingContract", "address")]  # fmt: skip


def _typed(primary: str, types: dict[str, list[tuple[str, str]]], message: Any) -> Any:
    return {
        "types": {name: [{"name": n, "type": t} for n, t in fields]
                  for name, fields in {"EIP712Domain": _DOMAIN, **types}.items()},
        "primaryType": primary,
        "domain": {"name": "Exchange", "version": "1", "chainId": 1,
                   "verifyingContract": EXCHANGE},
        "message": message,
    }  # fmt: skip


def verdict(payload: Any) -> Action:
    """OWN's verdict, the exchange allowlisted as operator (as a marketplace's user lists it)."""
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": [OWN], "evm_operators": [EXCHANGE]}}
    )
    return Guard(policy, classifier=False).check_typed_data(payload).action


_HEAD = [("maker", "address"), ("taker", "address"), ("expiry", "uint256"), ("nonce", "uint256"),
         ("erc20Token", "address"), ("erc20TokenAmount", "uint256"), ("fees", "Fee[]")]  # fmt: skip
_FEE = [("recipient", "address"), ("amount", "uint256"), ("feeData", "bytes")]
_PROPERTY = [("propertyValidator", "address"), ("propertyData", "bytes")]


def element_sell(price: int, taker: str = ZERO, token: str = NATIVE, *, nonce: bool = True) -> Any:
    fields = [*_HEAD, ("nft", "address"), ("nftId", "uint256")]
    message = {"maker": OWN, "taker": taker, "expiry": 1_900_000_000, "nonce": 1,
               "erc20Token": token, "erc20TokenAmount": price,
               "fees": [{"recipient": FRIEND, "amount": price // 200, "feeData": "0x"}],
               "nft": BAYC, "nftId": 4821}  # fmt: skip
    if nonce:  # the live type string ends with the maker's hashNonce
        fields.append(("hashNonce", "uint256"))
        message["hashNonce"] = 0
    return _typed("NFTSellOrder", {"NFTSellOrder": fields, "Fee": _FEE}, message)


def element_1155_sell(price: int, copies: int) -> Any:
    fields = [*_HEAD, ("erc1155Token", "address"), ("erc1155TokenId", "uint256"),
              ("erc1155TokenAmount", "uint128"), ("hashNonce", "uint256")]  # fmt: skip
    message = {"maker": OWN, "taker": ZERO, "expiry": 1_900_000_000, "nonce": 2,
               "erc20Token": WETH, "erc20TokenAmount": price, "fees": [],
               "erc1155Token": BAYC, "erc1155TokenId": 9, "erc1155TokenAmount": copies,
               "hashNonce": 0}  # fmt: skip
    return _typed("ERC1155SellOrder", {"ERC1155SellOrder": fields, "Fee": _FEE}, message)


def element_collection_offer(price: int, fee_to: str = FRIEND, fee: int | None = None) -> Any:
    fields = [*_HEAD, ("nft", "address"), ("nftId", "uint256"),
              ("nftProperties", "Property[]"), ("hashNonce", "uint256")]  # fmt: skip
    message = {"maker": OWN, "taker": ZERO, "expiry": 1_900_000_000, "nonce": 3,
               "erc20Token": WETH, "erc20TokenAmount": price,
               "fees": [{"recipient": fee_to, "amount": price // 200 if fee is None else fee,
                         "feeData": "0x"}],
               "nft": BAYC, "nftId": 0,
               "nftProperties": [{"propertyValidator": ZERO, "propertyData": "0x"}],
               "hashNonce": 0}  # fmt: skip
    types = {"NFTBuyOrder": fields, "Fee": _FEE, "Property": _PROPERTY}
    return _typed("NFTBuyOrder", types, message)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(element_sell(31 * ETH), Action.ALLOW, id="element-fair-open-listing"),
        pytest.param(element_sell(31 * ETH, nonce=False), Action.ALLOW,
                     id="element-fair-listing-without-hash-nonce"),
        pytest.param(element_sell(9 * ETH, token=WETH), Action.ALLOW, id="element-weth-listing"),
        pytest.param(element_sell(1), Action.BLOCK, id="element-one-wei"),
        pytest.param(element_sell(10**15, STRANGER), Action.FLAG,
                     id="element-private-listing-to-stranger"),
        pytest.param(element_1155_sell(3 * ETH, 2), Action.ALLOW, id="element-1155-fair"),
        pytest.param(element_1155_sell(2, 2), Action.BLOCK, id="element-1155-dust"),
        pytest.param(element_collection_offer(30 * ETH, OWN), Action.ALLOW,
                     id="element-collection-offer"),
        # the bid's fees are the maker's gives (fix24t): to a party not allowlisted FLAG
        pytest.param(element_collection_offer(30 * ETH), Action.FLAG,
                     id="element-collection-offer-fee-to-unlisted-party"),
    ],
)  # fmt: skip
def test_element_order_verdict(payload: Any, expected: Action) -> None:
    """Element orders by structure (with or without ``hashNonce``): dust gives the NFT away."""
    assert verdict(payload) is expected


def test_element_listing_pays_the_maker_and_names_the_private_taker() -> None:
    """The price comes back to the maker; a private listing's NFT goes to its only taker."""
    ops = decode_typed_data(element_sell(10**15, STRANGER)).operations
    (give,) = [op for op in ops if isinstance(op, Transfer)]
    (get,) = [op for op in ops if isinstance(op, Receipt)]
    assert (give.asset.address, give.token_id, give.recipient) == (BAYC, 4821, STRANGER)
    assert (get.amount, get.recipient, get.asset.kind.value) == (10**15, OWN, "native")


_PARTS = "(address,uint96)[]"
_V1, _V2 = keccak256(b"V1")[:4], keccak256(b"V2")[:4]


def _cls(name: str) -> str:
    return "0x" + keccak256(name.encode())[:4].hex()


def _nft_asset(token_id: int = 3318) -> dict[str, Any]:
    data = encode(["address", "uint256"], [BAYC, token_id])
    return {"assetType": {"assetClass": _cls("ERC721"), "data": "0x" + data.hex()}, "value": 1}


def _eth_asset(value: int) -> dict[str, Any]:
    return {"assetType": {"assetClass": _cls("ETH"), "data": "0x"}, "value": value}


def _weth_asset(value: int) -> dict[str, Any]:
    data = encode(["address"], [WETH])
    return {"assetType": {"assetClass": _cls("ERC20"), "data": "0x" + data.hex()}, "value": value}


def rarible(make: Any, take: Any, payouts: list[tuple[str, int]],
            fees: tuple[tuple[str, int], ...] = (), data_type: bytes = _V2) -> Any:  # fmt: skip
    types = [f"({_PARTS},{_PARTS},bool)"] if data_type != _V1 else [f"({_PARTS},{_PARTS})"]
    value = (payouts, list(fees), False) if data_type != _V1 else (payouts, list(fees))
    data = encode(types, [value])
    asset_type = [("assetClass", "bytes4"), ("data", "bytes")]
    order = [("maker", "address"), ("makeAsset", "Asset"), ("taker", "address"),
             ("takeAsset", "Asset"), ("salt", "uint256"), ("start", "uint256"),
             ("end", "uint256"), ("dataType", "bytes4"), ("data", "bytes")]  # fmt: skip
    message = {"maker": OWN, "makeAsset": make, "taker": ZERO, "takeAsset": take, "salt": 1,
               "start": 0, "end": 1_900_000_000, "dataType": "0x" + data_type.hex(),
               "data": "0x" + data.hex()}  # fmt: skip
    types_ = {"Order": order, "Asset": [("assetType", "AssetType"), ("value", "uint256")],
              "AssetType": asset_type}  # fmt: skip
    return _typed("Order", types_, message)


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(OWN, 10_000)]), Action.ALLOW,
                     id="rarible-fair-listing-paid-to-maker"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), []), Action.ALLOW,
                     id="rarible-no-payouts-pays-the-maker"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(OWN, 10_000)],
                             ((FRIEND, 100),)), Action.ALLOW, id="rarible-origin-fee-one-percent"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(OWN, 10_000)],
                             data_type=_V1), Action.ALLOW, id="rarible-v1-data"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(STRANGER, 10_000)]),
                     Action.BLOCK, id="rarible-payout-to-stranger"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH),
                             [(OWN, 3_000), (STRANGER, 7_000)]), Action.BLOCK,
                     id="rarible-most-of-payout-to-stranger"),
        pytest.param(rarible(_nft_asset(), _eth_asset(1), [(OWN, 10_000)]), Action.BLOCK,
                     id="rarible-one-wei"),
        pytest.param(rarible(_weth_asset(30 * ETH), _nft_asset(7), [(OWN, 10_000)]),
                     Action.ALLOW, id="rarible-bid-nft-to-maker"),
        pytest.param(rarible(_weth_asset(30 * ETH), _nft_asset(7), [(STRANGER, 10_000)]),
                     Action.BLOCK, id="rarible-bid-nft-to-stranger"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(OWN, 9_000)]),
                     Action.FLAG, id="rarible-payouts-not-whole-unread"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(OWN, 10_000)],
                             data_type=b"\x12\x34\x56\x78"), Action.FLAG,
                     id="rarible-unknown-data-type-unread"),
    ],
)  # fmt: skip
def test_rarible_order_verdict(payload: Any, expected: Action) -> None:
    """Rarible v2 orders: what the maker gets goes to its payouts (the maker when none)."""
    assert verdict(payload) is expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        # transferPayouts: all but the last get value × bps / 10000, the last the rest (one NFT:
        # 1 × 5000 / 10000 = 0, so all of it)
        pytest.param(rarible(_weth_asset(ETH), _nft_asset(42), [(OWN, 5_000), (STRANGER, 5_000)]),
                     Action.BLOCK, id="bid-nft-to-the-last-payout-a-stranger"),
        pytest.param(rarible(_weth_asset(ETH), _nft_asset(42), [(OWN, 1), (STRANGER, 9_999)]),
                     Action.BLOCK, id="bid-nft-own-first-by-one-bp"),
        pytest.param(rarible(_weth_asset(ETH), _nft_asset(42), [(STRANGER, 1), (OWN, 9_999)]),
                     Action.ALLOW, id="bid-nft-to-own-last"),
        pytest.param(rarible(_nft_asset(), _eth_asset(11 * ETH), [(STRANGER, 1), (OWN, 9_999)]),
                     Action.ALLOW, id="listing-rest-to-own-last"),
        # the paying side's origin fees are paid on top: gives of the maker
        pytest.param(rarible(_weth_asset(ETH), _nft_asset(42), [(OWN, 10_000)],
                             ((STRANGER, 5_000),)), Action.FLAG,
                     id="bid-origin-fee-to-a-stranger"),
        pytest.param(rarible(_weth_asset(ETH), _nft_asset(42), [(OWN, 10_000)],
                             ((OWN, 100),)), Action.ALLOW, id="bid-origin-fee-to-own"),
        pytest.param(rarible(_eth_asset(ETH), _nft_asset(42), [(OWN, 10_000)],
                             ((STRANGER, 30_000),)), Action.BLOCK,
                     id="bid-origin-fee-above-the-price"),
    ],
)  # fmt: skip
def test_rarible_payouts_and_paying_side_fees(payload: Any, expected: Action) -> None:
    """Who gets the NFT is decided as ``transferPayouts`` decides; the maker's origin fees on
    the paying side are its gives (to a stranger FLAG, more than the price BLOCK)."""
    assert verdict(payload) is expected


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        pytest.param(element_collection_offer(ETH // 1000, STRANGER, 100 * ETH), Action.BLOCK,
                     id="bid-fee-far-above-the-price"),
        pytest.param(element_collection_offer(ETH, STRANGER, ETH // 100), Action.FLAG,
                     id="bid-fee-to-a-stranger"),
        pytest.param(element_collection_offer(ETH, OWN, 2 * ETH), Action.ALLOW,
                     id="bid-fee-to-own"),
        pytest.param(element_collection_offer(ETH, STRANGER, 2**255), Action.BLOCK,
                     id="bid-fee-all-of-it"),
    ],
)  # fmt: skip
def test_element_bid_fees_are_the_makers_gives(payload: Any, expected: Action) -> None:
    """An Element buy order's fees are paid by the maker on top of the price: gives to their
    recipients, judged as any give and against the price."""
    assert verdict(payload) is expected
