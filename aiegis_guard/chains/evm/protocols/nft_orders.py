"""Signed NFT marketplace orders of Element and Rarible: what the maker gives, what it gets, and
who receives the consideration.

Sources (type strings as the projects publish them):

- Element (element-market ``contracts/zero-ex/src/features/libs/LibNFTOrder.sol``, a fork of
  0x's ERC-721 / ERC-1155 orders): ``NFTSellOrder(address maker,address taker,uint256 expiry,
  uint256 nonce,address erc20Token,uint256 erc20TokenAmount,Fee[] fees,address nft,uint256
  nftId,uint256 hashNonce)``, ``NFTBuyOrder(... address nft,uint256 nftId,Property[]
  nftProperties,uint256 hashNonce)``, ``ERC1155SellOrder(... address erc1155Token,uint256
  erc1155TokenId,uint128 erc1155TokenAmount,uint256 hashNonce)``, ``ERC1155BuyOrder(...
  address erc1155Token,uint256 erc1155TokenId,Property[] erc1155TokenProperties,uint128
  erc1155TokenAmount,uint256 hashNonce)``; ``Fee(address recipient,uint256 amount,bytes
  feeData)``, ``Property(address propertyValidator,bytes propertyData)``; ``BulkOrder(<order>[2]
  ...[2] tree)``. A sell order gives the NFT(s) for ``erc20TokenAmount`` of ``erc20Token``
  (``0xEeee…EEeE``: the native token) paid to the maker, the fees paid by the taker on top;
  a buy order pays ``erc20TokenAmount`` plus every fee (each a give of the maker's to its
  recipient) for the NFT(s) (with properties: any
  token of the collection that passes the validators). ``taker`` not 0: only it may fill.
  ``hashNonce`` (the maker's counter) moves nothing: read with or without it.
- Rarible exchange v2 (rarible/protocol-contracts ``exchange-v2/contracts/libraries/
  LibOrder.sol`` ``ORDER_TYPEHASH``: ``Order(address maker,Asset makeAsset,address taker,Asset
  takeAsset,uint256 salt,uint256 start,uint256 end,bytes4 dataType,bytes data)Asset(AssetType
  assetType,uint256 value)AssetType(bytes4 assetClass,bytes data)``; ``lib-asset/LibAsset.sol``:
  asset classes ``bytes4(keccak256(name))`` of ``ETH`` (no data), ``ERC20`` (``address``),
  ``ERC721`` / ``ERC1155`` (``address, uint256 id``), ``COLLECTION`` (``address``: any token of
  it); ``LibOrderDataV1`` / ``V2`` / ``V3``: ``V1`` data ``(Part[] payouts, Part[]
  originFees)``, ``V2`` / ``V3`` add ``bool isMakeFill``; ``LibPart.Part(address account,
  uint96 value)`` in basis points). ``RaribleTransferManager`` (``transfer-manager/contracts/
  RaribleTransferManager.sol``, ``LibFeeSide.getFeeSide``): what the maker gets is paid to
  its ``payouts`` (their values sum to 10000; none: the maker) as ``transferPayouts`` splits
  it, the last payout taking the rest (one NFT: all of it), after the maker's own
  ``originFees`` are paid out of it (the royalties, read on-chain, come off too); a maker
  paying (ETH, else ERC-20, else ERC-1155 on its side) pays its origin fees on top. A data
  type this reader does not know is no order it can read (``EvmDecodeError``: not a silent
  pass).

Each order's offer is a :class:`Transfer` to the exchange (``order`` = its index) and each
consideration a :class:`Receipt` to its recipient, as in ``orders.py``; a fee the maker pays on
top (Element buy orders, Rarible paying-side origin fees) is a :class:`Transfer` of the maker's
straight to the fee's recipient, ``via`` ending in ``.fee`` (``transaction.is_order_fee``:
judged as any give, and against the price by ``effect_rules.order_gives_away``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, asset, native
from aiegis_guard.chains.transaction import Asset, AssetKind, Operation, Receipt, Transfer
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError

__all__ = ["ELEMENT_1155_FIELDS", "ELEMENT_FIELDS", "RARIBLE_FIELDS", "element", "rarible"]

ELEMENT_FIELDS = frozenset(
    {"maker", "taker", "expiry", "erc20Token", "erc20TokenAmount", "fees", "nft", "nftId"}
)
ELEMENT_1155_FIELDS = frozenset(
    {"maker", "taker", "expiry", "erc20Token", "erc20TokenAmount", "fees", "erc1155Token",
     "erc1155TokenId", "erc1155TokenAmount"}
)  # fmt: skip
RARIBLE_FIELDS = frozenset({"maker", "makeAsset", "taker", "takeAsset", "dataType", "data"})
_NATIVE = "0x" + "ee" * 20
_BPS = 10_000


def _money(token: str) -> Asset:
    return native() if token.lower() in (ZERO, _NATIVE) else asset(token)


def _offer(index: int, what: Asset, maker: str, to: str, amount: int, *, tid: int | None,
           via: str) -> Transfer:  # fmt: skip
    """The maker's side, to the exchange (``to``: the exchange, or the only taker allowed)."""
    return Transfer(
        via=via, asset=what, sender=maker, recipient=to, amount=amount, token_id=tid, order=index
    )


def _fee(index: int, what: Asset, maker: str, to: str, amount: int, *, via: str) -> Transfer:
    """A fee the maker pays on top of its offer, straight to its recipient: a give of the
    maker's (``via`` ends in ``.fee``: judged as any give, and against the order's price)."""
    return Transfer(via=via, asset=what, sender=maker, recipient=to, amount=amount, order=index)


def _get(index: int, what: Asset, to: str, amount: int, *, tid: int | None, via: str) -> Receipt:
    return Receipt(via=via, asset=what, recipient=to, amount=amount, token_id=tid, order=index)


def element(m: dict[str, Any], venue: str, index: int) -> list[Operation]:
    """One Element order (see the module docstring)."""
    maker, taker, price = m["maker"], m["taker"], m["erc20TokenAmount"]
    money = _money(m["erc20Token"])
    tid: int | None
    if "nft" in m:
        nft, tid, count = asset(m["nft"], AssetKind.NFT), m["nftId"], 1
        props = m.get("nftProperties")
    else:
        nft, tid = asset(m["erc1155Token"], AssetKind.NFT), m["erc1155TokenId"]
        count, props = m["erc1155TokenAmount"], m.get("erc1155TokenProperties")
    fees = [(f["recipient"], f["amount"]) for f in m["fees"]]
    to = venue if taker == ZERO else taker
    if props is None:  # sell: the NFT for the price, paid to the maker
        give = _offer(index, nft, maker, to, count, tid=tid, via="element.sell")
        return [give, _get(index, money, maker, price, tid=None, via="element.price")]
    if props:  # a collection offer: any token that passes the validators
        tid = None
    ops: list[Operation] = [_offer(index, money, maker, venue, price, tid=None, via="element.bid")]
    ops += [_fee(index, money, maker, who, fee, via="element.fee") for who, fee in fees if fee]
    ops.append(_get(index, nft, maker, count, tid=tid, via="element.buy"))
    return ops


def _class(name: str) -> bytes:
    return keccak256(name.encode())[:4]


_ETH, _ERC20, _ERC721, _ERC1155, _COLLECTION = (
    _class(n) for n in ("ETH", "ERC20", "ERC721", "ERC1155", "COLLECTION")
)
_ADDRESS, _TOKEN = parse_types("f(address)"), parse_types("f(address,uint256)")
_PARTS = "(address,uint96)[]"
_DATA = {
    _class("V1"): parse_types(f"f(({_PARTS},{_PARTS}))"),
    _class("V2"): parse_types(f"f(({_PARTS},{_PARTS},bool))"),
    _class("V3"): parse_types(f"f(({_PARTS},{_PARTS},bool))"),
}


def _asset(a: dict[str, Any]) -> tuple[Asset, int | None, int]:
    """(asset, token id or None, value) of a Rarible ``Asset``."""
    cls, data = bytes(a["assetType"]["assetClass"]), bytes(a["assetType"]["data"])
    value = a["value"]
    if cls == _ETH:
        return native(), None, value
    if cls == _ERC20:
        return asset(decode_args(_ADDRESS, data)[0]), None, value
    if cls in (_ERC721, _ERC1155):
        token, tid = decode_args(_TOKEN, data)
        return asset(token, AssetKind.NFT), tid, value
    if cls == _COLLECTION:
        return asset(decode_args(_ADDRESS, data)[0], AssetKind.NFT), None, value
    raise EvmDecodeError(f"rarible: asset class 0x{cls.hex()} not read")


def _class_of(a: dict[str, Any]) -> bytes:
    return bytes(a["assetType"]["assetClass"])


def _parts(m: dict[str, Any]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    types = _DATA.get(bytes(m["dataType"]))
    if types is None:
        raise EvmDecodeError(f"rarible: order data type 0x{bytes(m['dataType']).hex()} not read")
    payouts, fees = decode_args(types, bytes(m["data"]))[0][:2]
    if payouts and sum(v for _, v in payouts) != _BPS:  # transferPayouts reverts
        raise EvmDecodeError("rarible: payouts do not sum to 100 %")
    return list(payouts) or [(m["maker"], _BPS)], list(fees)


def _split(value: int, parts: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """``RaribleTransferManager.transferPayouts``: each part but the last gets
    ``value × bps / 10000`` (rounded down), the last one the rest; nothing paid is left out."""
    out, rest = [], value
    for i, (who, bps) in enumerate(parts):
        amount = rest if i == len(parts) - 1 else value * bps // _BPS
        rest -= amount
        out.append((who, amount))
    return [(who, amount) for who, amount in out if amount > 0]


def _fee_side(make: bytes, take: bytes) -> str:
    """``LibFeeSide.getFeeSide`` (exchange v2): the side paying with ETH, else ERC-20, else
    ERC-1155 is the one whose value the fees are reckoned on; none between two ERC-721s."""
    for cls in (_ETH, _ERC20, _ERC1155):
        if make == cls:
            return "make"
        if take == cls:
            return "take"
    return ""


def rarible(m: dict[str, Any], venue: str, index: int) -> list[Operation]:
    """One Rarible v2 order: the make asset given, the take asset paid to the payouts.

    ``RaribleTransferManager.doTransfersWithFees``: when the maker pays (its make asset is on
    the fee side), its ``originFees`` are paid *on top* of the make value
    (``calculateTotalAmount``), each a give of the maker's to its recipient; when the maker is
    paid (its take asset on the fee side), its origin fees come off what it gets, and the
    rest is split among its payouts (:func:`_split`)."""
    maker, taker = m["maker"], m["taker"]
    give, give_id, give_value = _asset(m["makeAsset"])
    take, take_id, take_value = _asset(m["takeAsset"])
    payouts, fees = _parts(m)
    side = _fee_side(_class_of(m["makeAsset"]), _class_of(m["takeAsset"]))
    to = venue if taker == ZERO else taker
    ops: list[Operation] = [
        _offer(index, give, maker, to, give_value, tid=give_id, via="rarible.offer")
    ]
    rest = take_value
    for who, bps in fees:
        fee = (give_value if side == "make" else take_value) * bps // _BPS
        if side == "make" and fee:
            ops.append(_fee(index, give, maker, who, fee, via="rarible.origin.fee"))
        elif side == "take":
            rest -= fee
            ops.append(_get(index, take, who, fee, tid=None, via="rarible.origin_fee"))
    for who, amount in _split(max(rest, 0), payouts):
        ops.append(_get(index, take, who, amount, tid=take_id, via="rarible.payout"))
    return ops
