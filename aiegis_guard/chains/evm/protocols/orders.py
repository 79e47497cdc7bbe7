"""Signed marketplace and exchange orders (EIP-712): what the signer gives, what comes back.

Recognised by structure (field names of the primary type), not by the name a dapp chose.
Sources (type strings as the projects publish them):

- Seaport 1.5 / 1.6 (ProjectOpenSea/seaport ``contracts/lib/ConsiderationStructs.sol``,
  seaport-js ``EIP_712_ORDER_TYPE``): ``OrderComponents(address offerer,address zone,
  OfferItem[] offer,ConsiderationItem[] consideration,uint8 orderType,uint256 startTime,
  uint256 endTime,bytes32 zoneHash,uint256 salt,bytes32 conduitKey,uint256 counter)``;
  ``BulkOrder(OrderComponents[2]...[2] tree)``. Item types: 0 native, 1 ERC-20, 2 ERC-721,
  3 ERC-1155, 4/5 with criteria.
- Blur (blur-io/contracts ``OrderStructs.sol``): ``Order(address trader,uint8 side,address
  matchingPolicy,address collection,uint256 tokenId,uint256 amount,address paymentToken,
  uint256 price,uint256 listingTime,uint256 expirationTime,Fee[] fees,uint256 salt,bytes
  extraParams,uint256 nonce)Fee(uint16 rate,address recipient)``; side 1 = sell.
- LooksRare v2 (LooksRare/contracts-exchange-v2 ``OrderStructs.sol``): ``Maker(uint8
  quoteType,...,address collection,address currency,address signer,...,uint256 price,
  uint256[] itemIds,uint256[] amounts,bytes additionalParameters)``; quoteType 1 = ask;
  ``BatchOrder(Maker[2]...[2] tree)``.
- CoW Protocol (cowprotocol/contracts ``GPv2Order.sol``): ``Order(address sellToken,address
  buyToken,address receiver,uint256 sellAmount,uint256 buyAmount,uint32 validTo,...,uint256
  feeAmount,string kind,...)``; receiver 0 = the owner.
- 1inch limit orders v3 (``Order(uint256 salt,address makerAsset,address takerAsset,address
  maker,address receiver,...)``) and v4 (addresses packed in uint256); receiver 0 = maker.
- X2Y2 (X2Y2-io/x2y2-sdk ``src/types.ts`` ``X2Y2Order``, ``src/contracts/X2Y2R1.ts``
  ``Market.OrderStruct``): ``Order(uint256 salt,address user,uint256 network,uint256 intent,
  uint256 delegateType,uint256 deadline,address currency,bytes dataMask,OrderItem[] items)
  OrderItem(uint256 price,bytes data)``; intent 1 sell, 2 auction, 3 buy; each item is filled
  on its own (one order index per item). X2Y2 itself signs only a hash of it (personal_sign):
  see :mod:`.x2y2`.
- 0x Exchange Proxy v4 native orders (0xProject/protocol ``contracts/zero-ex/contracts/src/
  features/libs/LibNativeOrder.sol``): ``LimitOrder(address makerToken,address takerToken,
  uint128 makerAmount,uint128 takerAmount,uint128 takerTokenFeeAmount,address maker,address
  taker,address sender,address feeRecipient,bytes32 pool,uint64 expiry,uint256 salt)`` and
  ``RfqOrder(...,address maker,address taker,address txOrigin,bytes32 pool,uint64 expiry,
  uint256 salt)``: the maker gives up to ``makerAmount`` of ``makerToken`` for ``takerAmount``
  of ``takerToken``, always paid to the maker (``NativeOrdersSettlement``: partial fills at the
  same price); ``taker`` / ``txOrigin`` only restrict who fills, the taker's token fee is paid
  by the taker to ``feeRecipient``: neither moves the maker's value.

- Bebop JAM (bebop-dex/bebop-jam-contracts ``src/libraries/JamOrder.sol``): ``JamOrder(address
  taker,address receiver,uint256 expiry,uint256 nonce,address executor,uint16 minFillPercent,
  bytes32 hooksHash,address[] sellTokens,address[] buyTokens,uint256[] sellAmounts,uint256[]
  buyAmounts,uint256[] sellNFTIds,uint256[] buyNFTIds,bytes sellTokenTransfers,bytes
  buyTokenTransfers)``: the taker gives every sell token's amount and gets at least every buy
  token's amount, paid to ``receiver``; a transfer command ``0x04`` or ``NATIVE_TOKEN``
  ``0xEeee…EEeE`` is the native token, ``0x05`` / ``0x06`` an ERC-721 / ERC-1155 item taking
  the next of the ``*NFTIds`` (``Commands``). Lists of different lengths are no order.
- Element and Rarible NFT orders: see :mod:`.nft_orders`.
- Pendle limit orders (pendle-finance/pendle-core-v2-public ``IPLimitRouter.sol``): ``Order(
  uint256 salt,uint256 expiry,uint256 nonce,uint8 orderType,address token,address YT,address
  maker,address receiver,uint256 makingAmount,uint256 lnImpliedRate,uint256 failSafeRate,bytes
  permit)`` (``LimitRouterBase`` ``LIMIT_ORDER_TYPEHASH``): see ``_pendle``.

Each order's offer is a :class:`Transfer` (``order`` = its index) to the settlement
contract, each consideration a :class:`Receipt` to its recipient; ``chains/effect_rules``
judges the exchange.
"""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, asset, native
from aiegis_guard.chains.evm.protocols import nft_orders, x2y2
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.transaction import Asset, AssetKind, Operation, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Chain

__all__ = ["decode_order"]

_ETH = "0x" + "ee" * 20
_SEAPORT_KINDS = {0: AssetKind.NATIVE, 1: AssetKind.FUNGIBLE}
_BPS = 10_000


class _Order:
    """Builds the operations of one order."""

    def __init__(self, index: int, protocol: str, venue: str) -> None:
        self.index, self.protocol, self.venue = index, protocol, venue
        self.offer, self.consideration = f"{protocol}.offer", f"{protocol}.consideration"
        self.ops: list[Operation] = []

    def give(
        self, token: str, kind: AssetKind, sender: str | None, amount: int, tid: int | None
    ) -> None:
        a = native() if kind is AssetKind.NATIVE or token in (ZERO, _ETH) else asset(token, kind)
        self.ops.append(
            Transfer(
                via=self.offer,
                asset=a,
                sender=sender,
                recipient=self.venue,
                amount=amount,
                token_id=tid,
                order=self.index,
            )
        )

    def get(
        self,
        token: str,
        kind: AssetKind,
        to: str,
        amount: int | None,
        tid: int | None = None,
        *,
        to_signer: bool = False,
    ) -> None:
        a = native() if kind is AssetKind.NATIVE or token in (ZERO, _ETH) else asset(token, kind)
        self.ops.append(
            Receipt(
                to_signer=to_signer,
                via=self.consideration,
                asset=a,
                recipient=to,
                amount=amount,
                token_id=tid,
                order=self.index,
            )
        )


def _item_kind(item_type: int) -> AssetKind:
    return _SEAPORT_KINDS.get(item_type, AssetKind.NFT)


def _token_id(item: dict[str, Any]) -> int | None:
    if item["itemType"] in (2, 3):
        return int(item["identifierOrCriteria"])
    return None  # criteria items: any token matching a merkle root (0: any of the collection)


def _seaport(o: _Order, m: dict[str, Any]) -> None:
    offerer = m["offerer"]
    for item in m["offer"]:
        amount = max(item["startAmount"], item["endAmount"])
        o.give(item["token"], _item_kind(item["itemType"]), offerer, amount, _token_id(item))
    for item in m["consideration"]:
        amount = min(item["startAmount"], item["endAmount"])
        kind = _item_kind(item["itemType"])
        o.get(item["token"], kind, item["recipient"], amount, _token_id(item))


def _blur(o: _Order, m: dict[str, Any]) -> None:
    trader, price, pay = m["trader"], m["price"], m["paymentToken"]
    nft = AssetKind.NFT
    if m["side"] == 1:  # sell: the NFT for the price less fees
        o.give(m["collection"], nft, trader, max(m["amount"], 1), m["tokenId"])
        fees = 0
        for fee in m["fees"]:
            o.get(pay, AssetKind.FUNGIBLE, fee["recipient"], price * fee["rate"] // _BPS)
            fees += fee["rate"]
        o.get(pay, AssetKind.FUNGIBLE, trader, price * max(_BPS - fees, 0) // _BPS)
    else:  # buy: the price for the NFT
        o.give(pay, AssetKind.FUNGIBLE, trader, price, None)
        o.get(m["collection"], nft, trader, max(m["amount"], 1), m["tokenId"])


def _looksrare(o: _Order, m: dict[str, Any]) -> None:
    signer, price, currency = m["signer"], m["price"], m["currency"]
    items = list(zip(m["itemIds"], m["amounts"], strict=False))
    if m["quoteType"] == 1:  # ask: items for the price
        for tid, amount in items:
            o.give(m["collection"], AssetKind.NFT, signer, amount, tid)
        o.get(currency, AssetKind.FUNGIBLE, signer, price)
    else:
        o.give(currency, AssetKind.FUNGIBLE, signer, price, None)
        for tid, amount in items:
            o.get(m["collection"], AssetKind.NFT, signer, amount, tid)


def _cow(o: _Order, m: dict[str, Any], owner: str | None) -> None:
    o.give(m["sellToken"], AssetKind.FUNGIBLE, owner, m["sellAmount"] + m["feeAmount"], None)
    receiver = m["receiver"]
    to = owner if receiver == ZERO else receiver
    o.get(m["buyToken"], AssetKind.FUNGIBLE, to or ZERO, m["buyAmount"], to_signer=to is None)


def _address(v: Any) -> str:
    return "0x" + (int(v) & ((1 << 160) - 1)).to_bytes(20, "big").hex() if isinstance(v, int) else v


def _oneinch(o: _Order, m: dict[str, Any]) -> None:
    maker = _address(m["maker"])
    receiver = _address(m["receiver"])
    o.give(_address(m["makerAsset"]), AssetKind.FUNGIBLE, maker, m["makingAmount"], None)
    to = maker if receiver == ZERO else receiver
    o.get(_address(m["takerAsset"]), AssetKind.FUNGIBLE, to, m["takingAmount"])


def _x2y2(m: dict[str, Any], venue: str, first: int) -> list[Operation]:
    """Each item: a listing / auction gives its NFTs for at least its price to the maker; a
    buy offer pays the price for them (a masked token id: any of the collection)."""
    user, currency = m["user"], m["currency"]
    money = AssetKind.NATIVE if currency == ZERO else AssetKind.FUNGIBLE
    ops: list[Operation] = []
    for k, (sells, nfts, price) in enumerate(x2y2.order_items(m)):
        o = _Order(first + k, "x2y2", venue)
        if not sells:
            o.give(currency, money, user, price, None)
        for token, tid, amount in nfts:
            if sells and token is None:  # whatever the maker approved, the taker's choice
                raise EvmDecodeError("x2y2: a listing whose mask lets the taker pick the NFT")
            if sells:
                o.give(token or ZERO, AssetKind.NFT, user, amount, tid)
            else:
                o.get(token or ZERO, AssetKind.NFT, user, amount, tid)
        if sells:
            o.get(currency, money, user, price)
        ops += o.ops
    return ops


# Polymarket CTF Exchange (Polymarket/ctf-exchange src/exchange/libraries/OrderStructs.sol:
# Order(salt, maker, signer, taker, tokenId, makerAmount, takerAmount, expiration, nonce,
# feeRateBps, uint8 side, uint8 signatureType); Side BUY = 0, SELL = 1). Collateral is USDC.e on
# Polygon, outcome shares are ERC-1155 positions of Gnosis ConditionalTokens (Polymarket docs,
# contract addresses).
POLYMARKET_COLLATERAL = "0x2791bca1f2de4661ed88a30c99a7a9449aa84174"
POLYMARKET_SHARES = "0x4d97dcd97ec945f40cf65f87097ace5ea0476045"


def _polymarket(o: _Order, m: dict[str, Any]) -> None:
    """BUY pays ``makerAmount`` of collateral for ``takerAmount`` shares of ``tokenId``; SELL
    gives ``makerAmount`` shares for ``takerAmount`` collateral; what it gets goes to ``maker``.
    A share redeems for at most one unit of collateral (both in 6-decimal base units): a BUY
    paying more than its shares can ever be worth gets nothing of worth (read as 0 shares)."""
    maker, tid = m["maker"], m["tokenId"]
    if m["side"] == 0:
        paid, shares = m["makerAmount"], m["takerAmount"]
        o.give(POLYMARKET_COLLATERAL, AssetKind.FUNGIBLE, maker, paid, None)
        o.get(POLYMARKET_SHARES, AssetKind.NFT, maker, 0 if paid > shares else shares, tid)
    else:
        o.give(POLYMARKET_SHARES, AssetKind.NFT, maker, m["makerAmount"], tid)
        o.get(POLYMARKET_COLLATERAL, AssetKind.FUNGIBLE, maker, m["takerAmount"])


def _zeroex(o: _Order, m: dict[str, Any]) -> None:
    maker = m["maker"]
    o.give(m["makerToken"], AssetKind.FUNGIBLE, maker, m["makerAmount"], None)
    o.get(m["takerToken"], AssetKind.FUNGIBLE, maker, m["takerAmount"])


_JAM_NATIVE, _JAM_ERC721, _JAM_ERC1155 = 0x04, 0x05, 0x06  # JamOrder.sol Commands


def _jam_side(tokens: Any, amounts: Any, nft_ids: Any, commands: Any) -> list[tuple[Any, ...]]:
    """``(token, kind, amount, token id)`` of one side of a JAM order."""
    if not isinstance(tokens, list) or not isinstance(amounts, list) or len(tokens) != len(amounts):
        raise EvmDecodeError("bebop jam: token and amount lists differ")
    cmds = bytes(commands) if isinstance(commands, bytes | bytearray) else b""
    ids = list(nft_ids) if isinstance(nft_ids, list) else []
    out = []
    for i, (token, amount) in enumerate(zip(tokens, amounts, strict=True)):
        if not isinstance(token, str) or not isinstance(amount, int) or isinstance(amount, bool):
            raise EvmDecodeError("bebop jam: a token or amount of the wrong type")
        cmd = cmds[i] if i < len(cmds) else 0
        kind, tid = AssetKind.FUNGIBLE, None
        if cmd == _JAM_NATIVE or str(token).lower() == _ETH:
            kind = AssetKind.NATIVE
        elif cmd in (_JAM_ERC721, _JAM_ERC1155):
            if not ids:
                raise EvmDecodeError("bebop jam: an NFT transfer without its id")
            kind, tid = AssetKind.NFT, ids.pop(0)
        out.append((token, kind, amount, tid))
    return out


def _bebop_jam(o: _Order, m: dict[str, Any]) -> None:
    taker, receiver = m["taker"], m["receiver"]
    sells = _jam_side(m["sellTokens"], m["sellAmounts"], m.get("sellNFTIds"),
                      m.get("sellTokenTransfers"))  # fmt: skip
    buys = _jam_side(m["buyTokens"], m["buyAmounts"], m.get("buyNFTIds"),
                     m.get("buyTokenTransfers"))  # fmt: skip
    for token, kind, amount, tid in sells:
        o.give(token, kind, taker, amount, tid)
    for token, kind, amount, tid in buys:
        o.get(token, kind, receiver, amount, tid)


# Pendle limit orders (pendle-finance/pendle-core-v2-public contracts/interfaces/IPLimitRouter.sol
# ``Order``, contracts/limit/LimitRouterBase.sol ``fillTokenForPY`` / ``fillPYForToken``, domain
# "Pendle Limit Order Protocol" / "1"): SY_FOR_PT 0 / SY_FOR_YT 2: the maker pays ``makingAmount``
# of ``token`` (minted into the YT's SY) for PT / YT paid to ``receiver``; PT_FOR_SY 1 / YT_FOR_SY
# 3: the maker's PT / YT (``makingAmount``) for ``token`` (the SY redeemed) paid to ``receiver``.
# The price is ``lnImpliedRate`` against the market's maturity (not in the order): no amount is
# promised. SY and PT are read from the YT on-chain (``IPYieldToken(YT).SY()`` / ``PT()``): the
# YT is its own token; the PT, whose address the order does not hold, is named by its market's
# YT (kind unknown: not the token at that address), so that a YT the policy vouches for vouches
# for its PT; a YT nobody vouches for is a purchase of unestablished worth (its SY takes the
# maker's token).
_PENDLE_TYPES = (0, 1, 2, 3)


def _principal(yt: str) -> Asset:
    """The PT of the market ``yt`` names: identified by the YT, labelled a PT."""
    name = stand_in("PT", yt).symbol
    return Asset(chain=Chain.EVM, kind=AssetKind.UNKNOWN, address=yt, symbol=name)


def _pendle(o: _Order, m: dict[str, Any]) -> None:
    maker, token, yt = m["maker"], m["token"], m["YT"]
    kind, amount = m["orderType"], m["makingAmount"]
    if kind not in _PENDLE_TYPES or not isinstance(amount, int):
        raise EvmDecodeError("pendle limit order: unknown orderType or amount")
    py = asset(yt) if kind >= 2 else _principal(yt)
    if kind in (0, 2):  # token for PT / YT
        o.give(token, AssetKind.FUNGIBLE, maker, amount, None)
        receipt = Receipt(
            via=o.consideration, asset=py, recipient=m["receiver"], amount=None, order=o.index
        )
        o.ops.append(receipt)
        return
    offer = Transfer(
        via=o.offer, asset=py, sender=maker, recipient=o.venue, amount=amount, order=o.index
    )
    o.ops.append(offer)
    o.get(token, AssetKind.FUNGIBLE, m["receiver"], None)


_SHAPES: tuple[tuple[str, frozenset[str]], ...] = (
    ("seaport", frozenset({"offerer", "offer", "consideration"})),
    ("blur", frozenset({"trader", "side", "collection", "paymentToken", "price", "fees"})),
    ("looksrare", frozenset({"quoteType", "collection", "currency", "signer", "itemIds"})),
    ("cow", frozenset({"sellToken", "buyToken", "receiver", "sellAmount", "buyAmount"})),
    ("1inch", frozenset({"makerAsset", "takerAsset", "maker", "receiver", "makingAmount"})),
    ("x2y2", x2y2.FIELDS),
    ("zeroex", frozenset({"makerToken", "takerToken", "makerAmount", "takerAmount", "maker",
                          "taker"})),
    ("bebop_jam", frozenset({"taker", "receiver", "sellTokens", "buyTokens", "sellAmounts",
                             "buyAmounts"})),
    ("pendle_limit", frozenset({"orderType", "token", "YT", "maker", "receiver", "makingAmount",
                                "lnImpliedRate"})),
    ("polymarket", frozenset({"maker", "signer", "taker", "tokenId", "makerAmount", "takerAmount",
                              "side", "signatureType"})),
    ("element", nft_orders.ELEMENT_FIELDS),
    ("element", nft_orders.ELEMENT_1155_FIELDS),
    ("rarible", nft_orders.RARIBLE_FIELDS),
)  # fmt: skip


def order_shape(fields: Set[str]) -> str | None:
    """Which order family a struct's field names match, if any."""
    for name, needed in _SHAPES:
        if needed <= fields:
            return name
    return None


def _leaves(tree: Any) -> list[dict[str, Any]]:
    if isinstance(tree, dict):
        return [tree]
    out: list[dict[str, Any]] = []
    for branch in tree if isinstance(tree, list) else ():
        out += _leaves(branch)
    return out


def decode_order(
    shape: str, message: dict[str, Any], venue: str, owner: str | None
) -> list[Operation]:
    """The operations of one order message (or every leaf of a bulk ``tree``)."""
    orders = _leaves(message["tree"]) if "tree" in message else [message]
    out: list[Operation] = []
    for index, m in enumerate(orders):
        if shape == "x2y2":
            used = [op.order for op in out if isinstance(op, Transfer | Receipt)]
            out += _x2y2(m, venue, max((u for u in used if u is not None), default=-1) + 1)
            continue
        if shape in ("element", "rarible"):  # Element / Rarible: protocols/nft_orders.py
            out += getattr(nft_orders, shape)(m, venue, index)
            continue
        o = _Order(index, shape, venue)
        if shape == "seaport":
            _seaport(o, m)
        elif shape == "blur":
            _blur(o, m)
        elif shape == "looksrare":
            _looksrare(o, m)
        elif shape == "cow":
            _cow(o, m, owner)
        elif shape == "polymarket":
            _polymarket(o, m)
        elif shape == "zeroex":
            _zeroex(o, m)
        elif shape == "bebop_jam":
            _bebop_jam(o, m)
        elif shape == "pendle_limit":
            _pendle(o, m)
        else:
            _oneinch(o, m)
        out += o.ops
    return out
