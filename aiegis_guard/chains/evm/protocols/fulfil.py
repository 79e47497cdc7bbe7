"""Seaport fulfilment transactions: what the fulfiller pays and who receives what it buys.

Source: ProjectOpenSea/seaport ``contracts/interfaces/ConsiderationInterface.sol`` and
``contracts/lib/ConsiderationStructs.sol`` (``fulfillOrder(Order, fulfillerConduitKey)``,
``fulfillAvailableOrders(Order[], offerFulfillments, considerationFulfillments,
fulfillerConduitKey, maximumFulfilled)``, ``fulfillAdvancedOrder(AdvancedOrder,
CriteriaResolver[], fulfillerConduitKey, recipient)``,
``fulfillAvailableAdvancedOrders(AdvancedOrder[], CriteriaResolver[], offerFulfillments,
considerationFulfillments, fulfillerConduitKey, recipient, maximumFulfilled)``;
``OrderParameters(offerer, zone, OfferItem[], ConsiderationItem[], orderType, startTime,
endTime, zoneHash, salt, conduitKey, totalOriginalConsiderationItems)``; item types 0 ETH,
1 ERC-20, 2 ERC-721, 3 ERC-1155, 4 / 5 the same by criteria). ``recipient`` 0 is
``msg.sender``; the forms without one pay the offers to ``msg.sender``.

``fulfillBasicOrder(BasicOrderParameters)`` (``considerationToken, considerationIdentifier,
considerationAmount, offerer, zone, offerToken, offerIdentifier, offerAmount, basicOrderType,
startTime, endTime, zoneHash, salt, offererConduitKey, fulfillerConduitKey,
totalOriginalAdditionalRecipients, AdditionalRecipient{amount, recipient}[], signature``);
``lib/BasicOrderFulfiller.sol``: ``route = basicOrderType >> 2``: 0 ETH_TO_ERC721,
1 ETH_TO_ERC1155 (the caller's ETH pays the offerer and the additional recipients),
2 ERC20_TO_ERC721, 3 ERC20_TO_ERC1155 (the caller pays ``considerationAmount`` plus every
additional amount of ``considerationToken``): the caller gets the offered NFT;
4 ERC721_TO_ERC20, 5 ERC1155_TO_ERC20: the caller gives the consideration NFT and gets
``offerAmount`` of ``offerToken`` less the additional recipients' amounts. Its twin
``fulfillBasicOrder_efficient_6GL6yc`` has selector ``0x00000000``, the first word of any
zero-led calldata: it is left out of the table and stays an opaque call (FLAG).

The fulfilment is one exchange of the caller (an order index of its own, judged by
``effect_rules.order_gives_away``): the caller pays the considerations (the ETH sent with the
call, forwarded to the sellers through Seaport; tokens it pays through Seaport) and the
offers go to ``recipient``. Paying while the offers go to someone else, or paying for NFTs
of a collection nobody vouches for, is giving value away. What is paid to ``msg.sender``
(``recipient`` 0, the basic routes) is marked ``to_caller``: made by a wrapper anyone may call
(Multicall3 ``aggregate*``, a router), it stays with the wrapper, where anyone can take it,
and is judged as a swap output given away (``effect_derive``: ``swap_recipient``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import protocol_of
from aiegis_guard.chains.transaction import Asset, AssetKind, Receipt, Transfer
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError

__all__ = ["FULFIL_ORDER", "FULFIL_SELECTORS", "TABLE"]

FULFIL_ORDER = 1 << 20  # the order index of a fulfilment (signed orders count from 0)
_NFT_TYPES = (2, 3, 4, 5)


def _asset(item: tuple[Any, ...]) -> tuple[Asset, int | None]:
    """An item's asset and token id (criteria items: any token of the collection)."""
    item_type, token, ident = item[0], item[1], item[2]
    if item_type == 0:
        return native(), None
    if item_type in _NFT_TYPES:
        return asset(token, AssetKind.NFT), ident if item_type in (2, 3) else None
    return asset(token), None


def _offers(f: Frame, params: tuple[Any, ...], recipient: str, to_caller: bool) -> Result:
    out: Result = []
    for item in params[2]:
        what, tid = _asset(item)
        amount = min(item[3], item[4])
        out.append(
            Receipt(
                via="seaport.fulfil",
                asset=what,
                recipient=recipient,
                amount=amount,
                token_id=tid,
                order=FULFIL_ORDER,
                to_caller=to_caller,
            )
        )
    return out


def _pays(f: Frame, orders: list[tuple[Any, ...]]) -> Result:
    """The caller's payment: the ETH sent, and the token considerations it pays."""
    out: Result = []
    if f.value:
        out.append(_give(f, native(), f.value, None))
    for params in orders:
        if params[0] == f.sender:  # its own order in the batch: nothing paid to itself
            continue
        for item in params[3]:
            if item[0] != 0 and item[5] != f.sender:
                what, tid = _asset(item)
                out.append(_give(f, what, max(item[3], item[4]), tid))
    return out


def _give(f: Frame, what: Asset, amount: int, tid: int | None) -> Transfer:
    return Transfer(
        via="seaport.fulfil",
        asset=what,
        sender=f.sender,
        recipient=f.target,
        amount=amount,
        token_id=tid,
        order=FULFIL_ORDER,
    )


def _fulfil(f: Frame, orders: list[tuple[Any, ...]], recipient: str) -> Result:
    to = f.sender or f.context if recipient == ZERO else recipient
    out = _pays(f, orders)
    for params in orders:
        out += _offers(f, params, to, recipient == ZERO)
    return out


def _one(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``fulfillOrder`` / ``fulfillAdvancedOrder``: one order (its parameters first)."""
    recipient = a[-1] if fn.name == "fulfillAdvancedOrder" else ZERO
    return _fulfil(f, [a[0][0]], recipient)


def _many(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``fulfillAvailable[Advanced]Orders``: every order of the list."""
    recipient = a[-2] if fn.name == "fulfillAvailableAdvancedOrders" else ZERO
    return _fulfil(f, [order[0] for order in a[0]], recipient)


def _match(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``matchOrders`` / ``matchAdvancedOrders``: each fulfillment moves the offer items it
    names (their offerer's) to the recipient of the consideration items it names; what the
    caller's own orders offer is its payment, what reaches it is what it gets; offer items
    no fulfillment spends go to ``recipient`` (``msg.sender`` without one)."""
    orders = [order[0] for order in a[0]]
    recipient = a[-1] if fn.name == "matchAdvancedOrders" else ZERO
    to = (f.sender or f.context) if recipient == ZERO else recipient
    out: Result = [_give(f, native(), f.value, None)] if f.value else []
    spent: set[tuple[int, int]] = set()
    fulfilments = a[2] if fn.name == "matchAdvancedOrders" else a[1]
    for offer_parts, consideration_parts in fulfilments:
        out += _fulfilment(f, orders, offer_parts, consideration_parts)
        spent.update((o, i) for o, i in offer_parts)
    for index, params in enumerate(orders):
        for item_index, item in enumerate(params[2]):
            if (index, item_index) not in spent and params[0] == f.sender and to != f.sender:
                what, tid = _asset(item)
                out.append(_give(f, what, max(item[3], item[4]), tid))
    return out


def _item(orders: list[tuple[Any, ...]], order: int, index: int, side: int) -> Any:
    """Item ``index`` of order ``order``'s offer (side 2) or consideration (side 3)."""
    if order >= len(orders) or index >= len(orders[order][side]):
        raise EvmDecodeError("seaport match: a fulfillment names an item out of range")
    return orders[order][side][index]


def _fulfilment(
    f: Frame, orders: list[tuple[Any, ...]], offer_parts: Any, consideration_parts: Any
) -> Result:
    """One fulfillment: the offer items named (one offerer, one asset) to the consideration
    items' recipient, as much as those items ask."""
    if not offer_parts or not consideration_parts:
        return []
    (o, i) = offer_parts[0]
    offerer = orders[o][0] if o < len(orders) else None
    what, tid = _asset(_item(orders, o, i, 2))
    wanted = [_item(orders, k, c, 3) for k, c in consideration_parts]
    to = wanted[0][5]
    amount = sum(min(item[3], item[4]) for item in wanted)
    if offerer == f.sender and to != f.sender:
        return [_give(f, what, amount, tid)]
    if to == f.sender and offerer != f.sender:
        receipt = Receipt(
            via="seaport.match",
            asset=what,
            recipient=to,
            amount=amount,
            token_id=tid,
            order=FULFIL_ORDER,
        )
        return [receipt]
    return []


_PARAMS = (
    "(address,address,(uint8,address,uint256,uint256,uint256)[],"
    "(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,"
    "bytes32,uint256)"
)
_ORDER = f"({_PARAMS},bytes)"
_ADVANCED = f"({_PARAMS},uint120,uint120,bytes,bytes)"
_RESOLVER = "(uint256,uint8,uint256,uint256,bytes32[])"
_COMPONENTS = "(uint256,uint256)[][]"
_FULFILMENT = "((uint256,uint256)[],(uint256,uint256)[])"
_BASIC = (
    "(address,uint256,uint256,address,address,address,uint256,uint256,uint8,uint256,uint256,"
    "bytes32,uint256,bytes32,bytes32,uint256,(uint256,address)[],bytes)"
)
_ROUTES = 6  # BasicOrderRouteType: ETH / ERC20 to ERC721 / ERC1155, ERC721 / ERC1155 to ERC20


def _basic(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``fulfillBasicOrder`` / ``fulfillBasicOrder_efficient_6GL6yc`` (module docstring)."""
    c_token, c_id, c_amount, _offerer, _zone, o_token, o_id, o_amount, basic_type = a[0][:9]
    route, fees = basic_type >> 2, sum(amount for amount, _ in a[0][16])
    if route >= _ROUTES:
        raise EvmDecodeError("seaport basic order: basicOrderType names no route")
    me = f.sender or f.context
    if route >= 4:  # the caller sells its NFT for the offerer's ERC-20, less the fees
        kind = AssetKind.NFT
        out: Result = [_give(f, asset(c_token, kind), c_amount, c_id)]
        got, token_id, amount = asset(o_token), None, max(o_amount - fees, 0)
    else:  # the caller pays ETH (sent with the call) or the consideration token, plus fees
        if route >= 2:
            out = [_give(f, asset(c_token), c_amount + fees, None)]
        else:
            out = [_give(f, native(), f.value, None)] if f.value else []
        got, token_id, amount = asset(o_token, AssetKind.NFT), o_id, o_amount
    receipt = Receipt(
        via="seaport.fulfil",
        asset=got,
        recipient=me,
        amount=amount,
        token_id=token_id,
        order=FULFIL_ORDER,
        to_caller=True,
    )
    return [*out, receipt]


_FULFILS = (
    (f"fulfillBasicOrder({_BASIC})", _basic),
    (f"fulfillOrder({_ORDER},bytes32)", _one),
    (f"fulfillAdvancedOrder({_ADVANCED},{_RESOLVER}[],bytes32,address)", _one),
    (
        f"fulfillAvailableOrders({_ORDER}[],{_COMPONENTS},{_COMPONENTS},bytes32,uint256)",
        _many,
    ),
    (
        f"fulfillAvailableAdvancedOrders({_ADVANCED}[],{_RESOLVER}[],{_COMPONENTS},"
        f"{_COMPONENTS},bytes32,address,uint256)",
        _many,
    ),
    (f"matchOrders({_ORDER}[],{_FULFILMENT}[])", _match),
    (f"matchAdvancedOrders({_ADVANCED}[],{_RESOLVER}[],{_FULFILMENT}[],address)", _match),
)


def _cancel(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``cancel(OrderComponents[])`` (offerer or zone only) and ``incrementCounter()`` on a
    Seaport deployment: the caller's own orders stop being fillable; nothing moves. The same
    selector on another contract, or with ETH sent, stays an unknown call."""
    if f.value or not (protocol_of(f.target, None) or "").startswith("Seaport "):
        return [named_call(f, fn, known=False)]
    return []


# OrderComponents has OrderParameters' types (its last field is the counter)
TABLE = (*_FULFILS, (f"cancel({_PARAMS}[])", _cancel), ("incrementCounter()", _cancel))
FULFIL_SELECTORS = frozenset(keccak256(signature.encode())[:4] for signature, _ in _FULFILS)
