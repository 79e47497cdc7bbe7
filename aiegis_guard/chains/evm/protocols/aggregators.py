"""Aggregators and on-chain orders whose output recipient sits inside a struct.

Sources: paraswap ``AugustusSwapper`` v5 ``lib/Utils.sol`` (``SimpleData``, ``SellData``,
``MegaSwapSellData``, ``BuyData``; routers ``SimpleSwap.sol`` / ``MultiPath.sol``:
beneficiary 0 = ``msg.sender``), paraswap ``AugustusV6`` ``AugustusV6Types.sol``
(``GenericData``, ``UniswapV2Data``, ``UniswapV3Data``, ``CurveV1Data``, ``CurveV2Data``;
beneficiary 0 = ``msg.sender``; ``0xEeee…`` = ETH in both versions), cowprotocol
``ethflowcontract`` ``libraries/EthFlowOrder.sol`` (``createOrder(Data)``: ETH sold, the
buy token paid to ``receiver``), KyberSwap ``MetaAggregationRouterV2``
(``swap(SwapExecutionParams{callTarget, approveTarget, targetData, SwapDescriptionV2 desc,
clientData})`` and ``swapSimpleMode(caller, desc, executorData, clientData)``;
``SwapDescriptionV2{srcToken, dstToken, srcReceivers[], srcAmounts[], feeReceivers[],
feeAmounts[], dstReceiver, amount, minReturnAmount, flags, permit}``, ``0xEeee…`` = ETH:
the struct of the router's ``IMetaAggregationRouterV2`` as reproduced by integrations, e.g.
arcanum-protocol/arcanum-contracts ``src/interfaces/KyberSwapRouter.sol``; KyberNetwork's
own router repository is not in the code index, the selector ``e21fd0e9`` is the one published
with ``tests/vectors/effects_real_6.md``). Odos is in ``odos.py``.

Each is a swap (:func:`~aiegis_guard.chains.evm.protocols.swaps.swap_ops`): the input from
the caller to the router, the guaranteed output to the beneficiary, judged by
``swap_recipient`` / ``swap_no_minimum``. CoW ``setPreSignature`` (an order signed on chain,
its contents a digest) is a blind pre-approval (``_pre_signature``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import ETH_MARKER, swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Call, Receipt, Transfer
from aiegis_guard.checksums import keccak256

__all__ = ["TABLE"]

_ETH = "0x" + "ee" * 20  # Paraswap's ETH marker


def _token(address: str) -> str:
    return ZERO if address == _ETH else address


def _swap(f: Frame, via: str, give: tuple[str, int], get: tuple[str, int], to: str) -> Result:
    """One aggregator swap; a zero beneficiary / receiver is the caller."""
    recipient = f.sender if to == ZERO else to
    (src, amount), (dst, minimum) = give, get
    return swap_ops(f, via, (_token(src), amount), (_token(dst), minimum), recipient)


def _simple(f: Frame, fn: Function, a: list[Any]) -> Result:
    d = a[0]  # fromToken, toToken, fromAmount, toAmount, ..., beneficiary (9)
    return _swap(f, f"paraswap.{fn.name}", (d[0], d[2]), (d[1], d[3]), d[9])


def _multi(f: Frame, fn: Function, a: list[Any]) -> Result:
    d = a[0]  # fromToken, fromAmount, toAmount, expectedAmount, beneficiary, path[] (.to last)
    paths = d[5] if fn.name == "multiSwap" else (d[5][0][1] if d[5] else [])
    dst = paths[-1][0] if paths else None
    if dst is None:
        return swap_ops(f, f"paraswap.{fn.name}", (_token(d[0]), d[1]), (None, None), None)
    return _swap(f, f"paraswap.{fn.name}", (d[0], d[1]), (dst, d[2]), d[4])


def _buy(f: Frame, fn: Function, a: list[Any]) -> Result:
    d = a[0]  # adapter, fromToken, toToken, fromAmount (max), toAmount (exact), beneficiary
    return _swap(f, "paraswap.buy", (d[1], d[3]), (d[2], d[4]), d[5])


def _v6_generic(f: Frame, fn: Function, a: list[Any]) -> Result:
    d = a[1]  # srcToken, destToken, fromAmount, toAmount, quotedAmount, metadata, beneficiary
    return _swap(f, f"paraswap.{fn.name}", (d[0], d[2]), (d[1], d[3]), d[6])


def _v6_direct(f: Frame, fn: Function, a: list[Any]) -> Result:
    d = a[0]  # UniswapV2Data / UniswapV3Data: same head as GenericData
    return _swap(f, f"paraswap.{fn.name}", (d[0], d[2]), (d[1], d[3]), d[6])


def _v6_curve(f: Frame, fn: Function, a: list[Any]) -> Result:
    d = a[0]
    head = 2 if fn.name.endswith("CurveV1") else 4  # CurveV2Data: curveData, i, j, poolAddress
    src, dst, amount, minimum = d[head : head + 4]
    return _swap(f, f"paraswap.{fn.name}", (src, amount), (dst, minimum), d[head + 6])


def _ethflow(f: Frame, fn: Function, a: list[Any]) -> Result:
    """CoW EthFlow ``createOrder``: the ETH sent buys ``buyAmount`` at least of
    ``buyToken`` for ``receiver``. On the EthFlow contract, paying the caller, it is a CoW
    order placed on-chain (the contract signs a ``GPv2Order`` for it:
    ``EthFlowOrder.toCoWSwapOrder``) judged like the same order signed off-chain
    (``orders.py``): the ETH sent is its offer (accounted here: ``wrappers.forwards_value``),
    ``buyAmount`` its consideration, so a solver may fill it at that limit and one of dust is
    the ETH given away (``order_gives_away``). Paying anyone else, its output is paid away like
    a swap's (``swap_recipient``: an allowlisted receiver passes). The selector on any other
    contract: a swap of the ETH sent, whose minimum under ``ORDER_DUST`` reads as 0 (a router
    swap's sloppy minimum of 1 still executes at the pool's price)."""
    buy_token, receiver, _sell, buy_amount = a[0][:4]
    recipient = f.sender if receiver == ZERO else receiver
    if f.target == ETHFLOW and f.sender is not None and recipient == f.sender:
        via = "cow.ethflow"
        order = ETHFLOW_ORDER
        pay = Transfer(
            via=via,
            asset=native(),
            sender=f.sender,
            recipient=f.target,
            amount=f.value,
            order=order,
        )
        got = asset(ZERO if buy_token == ETH_MARKER else buy_token)
        return [
            pay,
            Receipt(via=via, asset=got, recipient=recipient, amount=buy_amount, order=order),
        ]
    minimum = 0 if buy_amount < ORDER_DUST else buy_amount
    out = swap_ops(f, "cow.ethflow", (None, None), (buy_token, minimum), recipient)
    if f.target == ETHFLOW and f.value:  # the ETH sent (accounted here on EthFlow)
        pay = Transfer(
            via="cow.ethflow", asset=native(), sender=f.sender, recipient=f.target, amount=f.value
        )
        out.insert(0, pay)
    return out


ORDER_DUST = 10**3  # base units of the bought token (its decimals are not known here)
ETHFLOW = "0x40a50cf069e992aa4536211b23f286ef88752187"  # cowprotocol/ethflowcontract networks.json
ETHFLOW_ORDER = (1 << 20) + 1  # the order index of an EthFlow order (fulfil.FULFIL_ORDER + 1)
_CREATE_ORDER = "createOrder((address,address,uint256,uint256,bytes32,uint256,uint32,bool,int64))"
ETHFLOW_CREATE = keccak256(_CREATE_ORDER.encode())[:4]


def _pre_signature(f: Frame, fn: Function, a: list[Any]) -> Result:
    """CoW ``GPv2Settlement.setPreSignature(bytes orderUid, bool signed)`` (cowprotocol/contracts
    ``src/contracts/mixins/GPv2Signing.sol``: the uid's owner must be ``msg.sender``): the
    smart-account way to sign a CoW order. The order (sell amount, buy token, receiver) is only
    its digest in the uid: a pre-approval of contents the request does not show, judged as a
    blind signature (``tx.evm.blind_signature``); ``signed = false`` withdraws one."""
    _uid, signed = a
    call = Call(via="cow.pre_signature", target=f.target, name="setPreSignature", sender=f.sender)
    return [call.replace(known=not signed), *(["onchain-presign:cow"] if signed else [])]


def _kyber(f: Frame, fn: Function, a: list[Any]) -> Result:
    """KyberSwap: ``desc.amount`` of ``srcToken`` in, ``minReturnAmount`` at least of
    ``dstToken`` to ``dstReceiver`` (0: the caller)."""
    desc = a[0][3] if fn.name == "swap" else a[1]
    src, dst, receiver, amount, minimum = desc[0], desc[1], desc[6], desc[7], desc[8]
    return _swap(f, f"kyberswap.{fn.name}", (src, amount), (dst, minimum), receiver)


_KYBER_DESC = (
    "(address,address,address[],uint256[],address[],uint256[],address,uint256,uint256,uint256,"
    "bytes)"
)
_ROUTE = "(uint256,address,uint256,bytes,uint256)"
_PATH = f"(address,uint256,(address,uint256,uint256,{_ROUTE}[])[])"
_TAIL = "address,uint256,bytes,uint256,bytes16)"
_SIMPLE = "(address,address,uint256,uint256,uint256,address[],bytes,uint256[],uint256[],address,"
_SELL = f"(address,uint256,uint256,uint256,address,{_PATH}[],{_TAIL}"
_MEGA = f"(address,uint256,uint256,uint256,address,(uint256,{_PATH}[])[],{_TAIL}"
_BUY = f"(address,address,address,uint256,uint256,address,{_ROUTE}[],{_TAIL}"
_GENERIC = "(address,address,uint256,uint256,uint256,bytes32,address)"
_UNI = "(address,address,uint256,uint256,uint256,bytes32,address,bytes)"
_CURVE1 = "(uint256,uint256,address,address,uint256,uint256,uint256,bytes32,address)"
_CURVE2 = (
    "(uint256,uint256,uint256,address,address,address,uint256,uint256,uint256,bytes32,address)"
)
TABLE = (
    (f"simpleSwap({_SIMPLE}{_TAIL})", _simple),
    (f"simpleBuy({_SIMPLE}{_TAIL})", _simple),
    (f"multiSwap({_SELL})", _multi),
    (f"megaSwap({_MEGA})", _multi),
    (f"buy({_BUY})", _buy),
    (f"swapExactAmountIn(address,{_GENERIC},uint256,bytes,bytes)", _v6_generic),
    (f"swapExactAmountOut(address,{_GENERIC},uint256,bytes,bytes)", _v6_generic),
    (f"swapExactAmountInOnUniswapV2({_UNI},uint256,bytes)", _v6_direct),
    (f"swapExactAmountOutOnUniswapV2({_UNI},uint256,bytes)", _v6_direct),
    (f"swapExactAmountInOnUniswapV3({_UNI},uint256,bytes)", _v6_direct),
    (f"swapExactAmountOutOnUniswapV3({_UNI},uint256,bytes)", _v6_direct),
    (f"swapExactAmountInOnCurveV1({_CURVE1},uint256,bytes)", _v6_curve),
    (f"swapExactAmountInOnCurveV2({_CURVE2},uint256,bytes)", _v6_curve),
    (_CREATE_ORDER, _ethflow),
    (f"swap((address,address,bytes,{_KYBER_DESC},bytes))", _kyber),
    (f"swapSimpleMode(address,{_KYBER_DESC},bytes,bytes)", _kyber),
    ("setPreSignature(bytes,bool)", _pre_signature),
)
