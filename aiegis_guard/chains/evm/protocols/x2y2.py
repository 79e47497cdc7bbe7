"""X2Y2 (``X2Y2_r1``): the on-chain ``run(RunInput)`` a taker sends, and a maker's order.

Source: X2Y2-io/x2y2-sdk (X2Y2's published SDK) ``src/contracts/X2Y2R1.ts`` (ABI of
``X2Y2_r1``, commit 6e9f15f280919dc23131e496125f77eb4fbf8bd1: ``run`` and the ``Market``
structs), ``src/utils.ts`` (same commit: order signing, item data ``tuple(address token,
uint256 tokenId)[]``), ``src/index.ts`` (``INTENT_SELL = 1``, ``INTENT_AUCTION = 2``,
``INTENT_BUY = 3``; ``OP_COMPLETE_SELL_OFFER = 1`` ... ``OP_REFUND_AUCTION_STUCK_ITEM = 7``;
``DELEGATION_TYPE_ERC721 = 1``, ``DELEGATION_TYPE_ERC1155 = 2``). The contract: ``Market.Fee``
percentages over ``RATE_BASE = 1e6``; an item's ``data`` may be overwritten at settlement by
``detail.dataReplacement`` wherever ``order.dataMask`` has a non-zero byte.

A maker signs ``personal_sign(keccak256(abi.encode(salt, user, network, intent, delegateType,
deadline, currency, dataMask, items.length, items)))``: the wallet sees 32 bytes it cannot
explain (``tx.evm.opaque_message``, FLAG: a person must look; an unprefixed ``eth_sign`` of
it is ``tx.evm.blind_signature``). The order is decoded where it is shown: as the
``Order`` struct of EIP-712-shaped typed data (:func:`order_items`), and inside ``run``.

Each item of an order is filled on its own (its own ``itemHash``): one order index per item.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import SWAP_ORDER, AssetKind, Call, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["FIELDS", "TABLE", "Item", "order_items"]

FIELDS = frozenset({"salt", "user", "network", "intent", "delegateType", "currency", "items"})
INTENT_SELL, INTENT_AUCTION, INTENT_BUY = 1, 2, 3
OP_SELL, OP_BUY, OP_CANCEL, OP_BID, OP_LAST = 1, 2, 3, 4, 7
RATE_BASE = 10**6
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"  # src/network.ts mainnet wethContract
_PAIRS = {
    1: parse_types("f((address,uint256)[])"),
    2: parse_types("f((address,uint256,uint256)[])"),
}
_ORDER = (
    "(uint256,address,uint256,uint256,uint256,uint256,address,bytes,(uint256,bytes)[],"
    "bytes32,bytes32,uint8,uint8)"
)
_DETAIL = (
    "(uint8,uint256,uint256,uint256,bytes32,address,bytes,uint256,uint256,uint256,"
    "(uint256,address)[])"
)
_SHARED = "(uint256,uint256,uint256,uint256,address,bool)"

# an NFT of an item: (collection or None when the taker picks it, token id or None, amount)
Item = tuple[str | None, int | None, int]


def _masked(mask: bytes, word: int) -> bool:
    return any(mask[word * 32 : word * 32 + 32])


def decode_item(delegate_type: int, data: bytes, mask: bytes = b"") -> list[Item]:
    """The NFTs of one item's ``data``; a word under a non-zero ``mask`` byte is chosen by the
    taker at settlement (a collection offer's token id): ``None``."""
    types = _PAIRS.get(delegate_type)
    if types is None:
        raise EvmDecodeError(f"x2y2: unknown delegate type {delegate_type}")
    (pairs,) = decode_args(types, data)
    width = 2 if delegate_type == 1 else 3
    out: list[Item] = []
    for k, pair in enumerate(pairs):
        head = 2 + k * width  # words: offset, length, then each pair
        token = None if mask and _masked(mask, head) else pair[0]
        tid = None if mask and _masked(mask, head + 1) else pair[1]
        out.append((token, tid, 1 if width == 2 else pair[2]))
    return out


def _money(currency: str) -> Any:
    return native() if currency == ZERO else asset(currency)


def _is_address(v: Any) -> bool:
    return isinstance(v, str) and len(v) == 42


def _check(m: dict[str, Any]) -> None:
    """The typed data declared X2Y2's field names; their types must be X2Y2's too."""
    items = m["items"]
    ok = (
        _is_address(m["user"])
        and _is_address(m["currency"])
        and type(m["delegateType"]) is int
        and isinstance(m.get("dataMask", b""), bytes)
        and isinstance(items, list)
        and all(
            isinstance(i, dict) and type(i.get("price")) is int and isinstance(i.get("data"), bytes)
            for i in items
        )
    )
    if not ok:
        raise EvmDecodeError("x2y2: an order field is not of X2Y2's type")
    if m["intent"] not in (INTENT_SELL, INTENT_AUCTION, INTENT_BUY):
        raise EvmDecodeError(f"x2y2: unknown order intent {m['intent']!r:.20}")


def order_items(m: dict[str, Any]) -> list[tuple[bool, list[Item], int]]:
    """Per item of a maker's order: (the maker gives the NFTs, the NFTs, the price)."""
    _check(m)
    mask = m.get("dataMask") or b""
    sells = m["intent"] != INTENT_BUY
    return [
        (sells, decode_item(m["delegateType"], item["data"], mask), item["price"])
        for item in m["items"]
    ]


def _apply(data: bytes, replacement: bytes, mask: bytes) -> bytes:
    """``X2Y2_r1._arrayReplace``: the settled item data (the contract reverts on a length
    mismatch)."""
    if not mask or not replacement:
        return data
    if not len(data) == len(replacement) == len(mask):
        raise EvmDecodeError("x2y2: data replacement does not match the item's mask")
    return bytes(r if k else d for d, r, k in zip(data, replacement, mask, strict=True))


def _nfts(via: str, items: list[Item], sender: str | None, to: str, order: int) -> list[Any]:
    out: list[Any] = []
    for token, tid, amount in items:
        nft = asset(token or ZERO, AssetKind.NFT)
        if sender is None:
            out.append(
                Receipt(via=via, asset=nft, recipient=to, amount=amount, token_id=tid, order=order)
            )
        else:
            out.append(
                Transfer(
                    via=via,
                    asset=nft,
                    sender=sender,
                    recipient=to,
                    amount=amount,
                    token_id=tid,
                    order=order,
                )
            )
    return out


def _buy(f: Frame, order: tuple[Any, ...], detail: tuple[Any, ...], taker: str) -> Result:
    """``COMPLETE_SELL_OFFER``: the taker pays ``detail.price`` (ETH rides on the transaction's
    value) and gets the listed NFTs: an exchange judged by what comes back (a swap)."""
    currency, price = order[6], detail[3]
    out: Result = []
    if currency != ZERO:
        pay = Transfer(
            via="x2y2.price",
            asset=asset(currency),
            sender=taker,
            recipient=f.target,
            amount=price,
            order=SWAP_ORDER,
        )
        out.append(pay)
    return out + _nfts("x2y2.buy", _settled(order, detail), None, taker, SWAP_ORDER)


def _sell(f: Frame, order: tuple[Any, ...], detail: tuple[Any, ...], taker: str, i: int) -> Result:
    """``COMPLETE_BUY_OFFER``: the taker gives the NFTs to the bidder and gets the price less
    the fees, which go to their recipients (an order: judged like a signed listing)."""
    currency, price, fees = order[6], detail[3], detail[10]
    out = _nfts("x2y2.sell", _settled(order, detail), taker, f.target, i)
    paid = 0
    for pct, to in fees:
        fee = price * pct // RATE_BASE
        paid += fee
        out.append(
            Receipt(via="x2y2.fee", asset=_money(currency), recipient=to, amount=fee, order=i)
        )
    net = max(price - paid, 0)
    out.append(
        Receipt(via="x2y2.price", asset=_money(currency), recipient=taker, amount=net, order=i)
    )
    return out


def _settled(order: tuple[Any, ...], detail: tuple[Any, ...]) -> list[Item]:
    items = order[8]
    if detail[2] >= len(items):
        raise EvmDecodeError("x2y2: settle detail names an item the order lacks")
    data = _apply(items[detail[2]][1], detail[6], order[7])
    return decode_item(order[4], data)


def _run(f: Frame, fn: Function, a: list[Any]) -> Result:
    orders, details, shared = a[0][:3]
    taker = shared[4]  # the contract requires msg.sender == shared.user
    out: Result = []
    if shared[2]:  # amountToEth: WETH pulled from the taker, unwrapped to pay
        pull = Transfer(
            via="x2y2.weth",
            asset=asset(WETH),
            sender=taker,
            recipient=f.target,
            amount=shared[2],
            order=SWAP_ORDER,
        )
        out.append(pull)
    for i, detail in enumerate(details):
        op = detail[0]
        if detail[1] >= len(orders):
            raise EvmDecodeError("x2y2: settle detail names an order the input lacks")
        order = orders[detail[1]]
        if op == OP_SELL:
            out += _buy(f, order, detail, taker)
        elif op == OP_BUY:
            out += _sell(f, order, detail, taker, i)
        elif op == OP_BID:  # escrowed in the market until the auction ends or is outbid
            out += _bid(f, order, detail, taker)
        elif OP_CANCEL <= op <= OP_LAST:  # cancel, complete / refund an auction: nothing leaves
            out.append(Call(via="x2y2.run", target=f.target, name=f"run:op{op}", known=True))
        else:
            raise EvmDecodeError(f"x2y2: unknown settle op {op}")  # the contract reverts
    return out


def _bid(f: Frame, order: tuple[Any, ...], detail: tuple[Any, ...], taker: str) -> Result:
    currency, price = order[6], detail[3]
    if currency == ZERO:
        return ["x2y2:auction-bid"]  # the transaction's value is the bid
    give = Transfer(
        via="x2y2.bid", asset=asset(currency), sender=taker, recipient=f.target, amount=price
    )
    return [give]


TABLE = ((f"run(({_ORDER}[],{_DETAIL}[],{_SHARED},bytes32,bytes32,uint8))", _run),)
