"""0x Exchange Proxy v4 native-order fills: the caller takes the other side of a signed order.

Sources: 0xProject/protocol ``contracts/zero-ex/contracts/src/features/interfaces/
INativeOrdersFeature.sol`` (``fillLimitOrder`` / ``fillOrKillLimitOrder(LimitOrder, Signature,
uint128 takerTokenFillAmount)`` payable, ``fillRfqOrder`` / ``fillOrKillRfqOrder(RfqOrder,
Signature, uint128)``), ``features/libs/LibNativeOrder.sol`` (the two order structs) and
``LibSignature.sol`` (``Signature(uint8 signatureType, uint8 v, bytes32 r, bytes32 s)``);
``features/native_orders/NativeOrdersSettlement.sol``: the taker pays ``takerTokenFillAmount``
(at most the order's ``takerAmount``) of ``takerToken`` to the maker and, for a limit order,
``takerTokenFeeAmount`` scaled the same way to ``feeRecipient``; it receives
``makerAmount * fill / takerAmount`` (rounded down) of ``makerToken``, paid to ``msg.sender``.
The ETH sent is the protocol fee (already a transfer; the excess is refunded).

A fill is one exchange of the caller (an order index of its own, as a Seaport fulfilment in
``fulfil.py``): judged by ``effect_rules.order_gives_away`` (paying for dust BLOCKs); the fee
is a give to its recipient.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.fulfil import FULFIL_ORDER
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Receipt, Transfer

__all__ = ["TABLE"]


def _fill(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The taker token in (and a limit order's fee out), the maker token back to the caller."""
    order, _signature, fill = a
    maker_token, taker_token, maker_amount, taker_amount = order[:4]
    if f.sender is None:  # no caller to pay or be paid: not explained
        return [named_call(f, fn, known=False)]
    fill = min(fill, taker_amount)
    got = maker_amount * fill // taker_amount if taker_amount else 0
    via = f"0x.{fn.name}"
    out: Result = [
        Transfer(
            via=via, asset=asset(taker_token), sender=f.sender, recipient=f.target, amount=fill,
            order=FULFIL_ORDER,
        ),
        Receipt(via=via, asset=asset(maker_token), recipient=f.sender, amount=got,
                order=FULFIL_ORDER, to_caller=True),
    ]  # fmt: skip
    if len(order) == 12:  # LimitOrder: takerTokenFeeAmount at 4, feeRecipient at 8
        fee_amount, fee_to = order[4], order[8]
        fee = fee_amount * fill // taker_amount if taker_amount else fee_amount
        if fee and fee_to != ZERO:
            out.append(
                Transfer(via=f"{via}.fee", asset=asset(taker_token), sender=f.sender,
                         recipient=fee_to, amount=fee)
            )  # fmt: skip
    return out


_LIMIT = (
    "(address,address,uint128,uint128,uint128,address,address,address,address,bytes32,uint64,"
    "uint256)"
)
_RFQ = "(address,address,uint128,uint128,address,address,address,bytes32,uint64,uint256)"
_SIG = "(uint8,uint8,bytes32,bytes32)"
TABLE = (
    (f"fillLimitOrder({_LIMIT},{_SIG},uint128)", _fill),
    (f"fillOrKillLimitOrder({_LIMIT},{_SIG},uint128)", _fill),
    (f"fillRfqOrder({_RFQ},{_SIG},uint128)", _fill),
    (f"fillOrKillRfqOrder({_RFQ},{_SIG},uint128)", _fill),
)
