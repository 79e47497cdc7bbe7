"""Permit2 witness transfers: UniswapX orders, 0x Settler meta-transactions, and every witness
the decoder cannot explain.

A ``PermitWitnessTransferFrom`` / ``PermitBatchWitnessTransferFrom`` lets its ``spender``
pull the permitted tokens once, *under the conditions of the witness*: the witness is what
the signer gets in return. Sources (type strings as the projects publish them):

- Uniswap/permit2 ``src/libraries/PermitHash.sol``: ``PermitWitnessTransferFrom(
  TokenPermissions permitted,address spender,uint256 nonce,uint256 deadline,<Witness>
  witness)``.
- Uniswap/UniswapX ``src/lib/ExclusiveDutchOrderLib.sol`` (``ExclusiveDutchOrder(OrderInfo
  info,uint256 decayStartTime,uint256 decayEndTime,address exclusiveFiller,uint256
  exclusivityOverrideBps,address inputToken,uint256 inputStartAmount,uint256
  inputEndAmount,DutchOutput[] outputs)``), ``DutchOrderLib.sol`` (``DutchOrder``, same
  outputs), ``V2DutchOrderLib.sol`` (``V2DutchOrder(OrderInfo info,address cosigner,
  address baseInputToken,...,DutchOutput[] baseOutputs)``), ``V3DutchOrderLib.sol``
  (``V3DutchOutput(address token,uint256 startAmount,NonlinearDutchDecay curve,address
  recipient,uint256 minAmount,...)``), ``PriorityOrderLib.sol`` (``PriorityOutput(address
  token,uint256 amount,uint256 mpsPerPriorityFeeWei,address recipient)``); ``OrderInfo(
  address reactor,address swapper,uint256 nonce,uint256 deadline,...)``;
  ``DutchOutput(address token,uint256 startAmount,uint256 endAmount,address recipient)``.

- 0x Settler meta-transactions (0xProject/0x-settler ``src/SettlerAbstract.sol``):
  ``SlippageAndActions(address recipient,address buyToken,uint256 minAmountOut,bytes[]
  actions)`` (and the intents' ``SlippageAndCondition`` with the same first three fields):
  whatever the actions do, Settler pays ``recipient`` at least ``minAmountOut`` of
  ``buyToken``: a swap with a slippage floor (the actions trade against pools or a quote
  the Settler checks, ``SettlerBase._checkSlippageAndTransfer``), judged like any swap's
  output (``order = SWAP``: a floor under ``bridging.DUST`` base units reads as 0, as the
  bridges' and CoW EthFlow's do, and FLAGs ``swap_no_minimum``; another recipient BLOCKs),
  not as a peer's order: the relayer submits the signature whenever it likes. Under a dust
  floor the signed ``actions`` decide where the input goes: each party they name is paid
  (``_action_payees``).

- ERC-7683 ``GaslessCrossChainOrder(address originSettler,address user,uint256 nonce,uint256
  originChainId,uint32 openDeadline,uint32 fillDeadline,bytes32 orderDataType,<OrderData>
  orderData)`` (across-protocol/contracts ``contracts/erc7683/ERC7683.sol`` /
  ``ERC7683Permit2Lib.sol``) with Across's ``AcrossOrderData(address inputToken,uint256
  inputAmount,address outputToken,uint256 outputAmount,uint32 destinationChainId,address
  recipient,...)`` (its later fields differ between releases: exclusivity, deposit nonce,
  message; later releases write the addresses as ``bytes32``): the settler pulls the permitted
  input, a relayer pays at least ``outputAmount`` of ``outputToken`` to ``recipient`` on the
  destination chain. ``user`` is the swapper.

Recognised by structure: a witness with an ``info`` naming the ``swapper`` and a list of
outputs (``outputs`` / ``baseOutputs``) each with a ``token`` and a ``recipient``. The order
is an exchange: the permitted tokens go to the reactor (the most Permit2 lets it take), each
output comes back to its recipient at its guaranteed minimum (the least of its start / end /
floor amounts); ``chains/effect_rules`` judges it like any signed order, and an output
that decays below half its starting amount is noted ``order:steep-decay`` (BLOCK
``order_gives_away``: the consideration decays to next to nothing). A witness of a known
family that does not read (UniswapX without its outputs, ERC-7683 without readable order
data) is not explained: the request is FLAGged (``unknown_typed_data``), never allowed on the
strength of the spender alone.

A witness of any other shape (an invoice, a checkout's ``Payment``, a custom ``Claim``) is no
order at all. Permit2 (``src/SignatureTransfer.sol`` ``permitWitnessTransferFrom``) hashes it
into the signed message and otherwise lets the spender (``msg.sender`` must be
``permit.spender``) move at most each permitted amount, once, before the deadline, to the
recipients the spender chooses: the witness is data the spender's code checks, it adds no
power. Such a request is what a plain signature transfer is (the permitted tokens given to
the spender, judged by who the spender is: the same effect, the same verdict), and beside it
an opaque call of the spender naming the addresses the witness holds (:func:`witness_names`):
an allowlisted spender told to act for a party nobody vouches for is FLAGged
(``unknown_call``, names a third party), as an opaque call to a trusted router is. The
addresses are read from every field that can hold one (``address``, ``bytes32`` / ``bytes``
words and integers holding a left-padded address), de-duplicated; a witness naming more
than the cap is not explained (FLAG ``unknown_typed_data``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.bridging import DUST
from aiegis_guard.chains.evm.frames import ZERO, asset, native, word_address
from aiegis_guard.chains.evm.typed_schema import split_array
from aiegis_guard.chains.known import known_contracts
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Asset,
    AssetKind,
    Operation,
    Receipt,
    Transfer,
)

__all__ = ["PERMIT_FIELDS", "decode_witness", "is_order_witness", "steep_decay", "witness_names"]

PERMIT_FIELDS = frozenset({"permitted", "spender", "nonce", "deadline"})
_OUTPUTS = ("outputs", "baseOutputs")
# the fields by which the readers below recognise an order family (UniswapX ``info`` and
# outputs, 0x Settler's ``buyToken`` / ``minAmountOut``, ERC-7683 ``orderData``): a witness
# carrying one that does not read is an order the decoder cannot read, never mere data
_ORDER_MARKERS = frozenset({"info", *_OUTPUTS, "buyToken", "minAmountOut", "orderData"})
_MINIMA = ("startAmount", "endAmount", "amount")


def _outputs(witness: dict[str, Any]) -> list[dict[str, Any]] | None:
    info = witness.get("info")
    if not isinstance(info, dict) or not isinstance(info.get("swapper"), str):
        return None
    found: list[Any] | None = next(
        (witness[k] for k in _OUTPUTS if isinstance(witness.get(k), list)), None
    )
    if not found or not all(
        isinstance(o, dict)
        and isinstance(o.get("token"), str)
        and isinstance(o.get("recipient"), str)
        for o in found
    ):
        return None
    return [dict(o) for o in found]


def _minimum(output: dict[str, Any]) -> int | None:
    """The least the output guarantees: a V3 floor, else the lower end of its decay."""
    if isinstance(output.get("minAmount"), int):
        return int(output["minAmount"])
    amounts = [output[k] for k in _MINIMA if isinstance(output.get(k), int)]
    return min(amounts) if amounts else None


def _asset(token: str) -> Asset:
    return native() if token == ZERO else asset(token, AssetKind.FUNGIBLE)


def steep_decay(message: dict[str, Any]) -> bool:
    """An output whose guaranteed amount decays below half its starting amount: the quote
    the signer is shown is not what it gets (real Dutch orders decay by a few per cent)."""
    outputs = _outputs(message.get("witness") or {}) or []
    for o in outputs:
        start, least = o.get("startAmount"), _minimum(o)
        if isinstance(start, int) and least is not None and least * 2 < start:
            return True
    return False


def _slippage(witness: dict[str, Any]) -> list[dict[str, Any]] | None:
    """0x Settler's ``SlippageAndActions``: one output, ``buyToken`` to ``recipient``."""
    to, token, least = (witness.get(k) for k in ("recipient", "buyToken", "minAmountOut"))
    if isinstance(to, str) and isinstance(token, str) and isinstance(least, int):
        least = 0 if least < DUST else least  # a dust floor is none (as the bridges' and CoW's)
        return [{"token": token, "recipient": to, "minAmount": least}]
    return None


def _account(value: Any) -> str | None:
    """An address field, or a ``bytes32`` one left-padding an EVM address (else None)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes | bytearray) and len(value) == 32 and not any(value[:12]):
        return "0x" + bytes(value[12:]).hex()
    return None


def _cross_chain(witness: dict[str, Any]) -> list[dict[str, Any]] | None:
    """ERC-7683 (Across ``AcrossOrderData``): one output, on the destination chain."""
    data = witness.get("orderData")
    if not isinstance(witness.get("user"), str) or not isinstance(data, dict):
        return None
    token, to, least = (data.get(k) for k in ("outputToken", "recipient", "outputAmount"))
    token, to = _account(token), _account(to)
    if token is None or to is None or not isinstance(least, int):
        return None
    return [{"token": token, "recipient": to, "minAmount": least}]


def decode_witness(message: dict[str, Any]) -> list[Operation] | None:
    """The exchange a witness transfer signs (UniswapX order, 0x Settler slippage), or None
    (witness unexplained)."""
    witness = next((v for k, v in message.items() if k not in PERMIT_FIELDS), None)
    if not isinstance(witness, dict):
        return None
    swap = _outputs(witness) is None and _slippage(witness) is not None
    outputs = _outputs(witness) or _slippage(witness) or _cross_chain(witness)
    if outputs is None:
        return None
    order = SWAP_ORDER if swap else 0  # 0x Settler: a swap with a slippage floor, no peer order
    info = witness.get("info")
    swapper = info.get("swapper") if isinstance(info, dict) else witness.get("user")
    reactor = message["spender"]
    permitted = message["permitted"]
    ops: list[Operation] = [
        Transfer(
            via="permit2.witness_input",
            asset=asset(p["token"], AssetKind.FUNGIBLE),
            sender=swapper,
            recipient=reactor,
            amount=p["amount"],
            order=order,
        )
        for p in (permitted if isinstance(permitted, list) else [permitted])
    ]
    ops += [
        Receipt(
            via="permit2.witness_output",
            asset=_asset(o["token"]),
            recipient=o["recipient"],
            amount=_minimum(o),
            order=order,
        )
        for o in outputs
    ]
    if swap and outputs[0]["minAmount"] == 0:
        ops += _action_payees(message, witness)
    return ops


def _action_payees(message: dict[str, Any], witness: dict[str, Any]) -> list[Receipt]:
    """A Settler swap whose floor is dust (``bridging.DUST``) guarantees nothing: its signed
    ``actions`` (``ISettlerActions`` calls: a selector, then words) decide where the input
    goes, so each address they name (left-padded words, as in calldata) is paid an unknown
    share of it, but the recipient, the Settler, the tokens and the address book's contracts
    (routers, pools of the book)."""
    permitted = message.get("permitted")
    items = permitted if isinstance(permitted, list) else [permitted]
    tokens = [str(p.get("token")) for p in items if isinstance(p, dict)]
    if not tokens:
        return []
    parties = (message.get("spender"), witness.get("recipient"), witness.get("buyToken"), *tokens)
    skip = {str(a).lower() for a in parties}
    book = known_contracts()
    payees: dict[str, None] = {}
    for action in witness.get("actions") or ():
        for name in _word_names(_after_selector(action)):
            if name not in skip and name not in book and len(payees) < _MAX_NAMES:
                payees[name] = None
    via, sold = "0x.settler_action", asset(tokens[0], AssetKind.FUNGIBLE)
    return [
        Receipt(via=via, asset=sold, recipient=to, amount=None, order=SWAP_ORDER) for to in payees
    ]


def _after_selector(action: Any) -> bytes:
    """An action's argument words (its 4-byte selector cut off)."""
    if isinstance(action, str) and action[:2] in ("0x", "0X"):
        try:
            return bytes.fromhex(action[2:])[4:]
        except ValueError:
            return b""
    return bytes(action)[4:] if isinstance(action, bytes | bytearray) else b""


_MAX_NAMES = 32  # distinct addresses read from one witness; more: the witness is not explained


def is_order_witness(message: dict[str, Any]) -> bool:
    """Does the witness carry a field of an order family (``_ORDER_MARKERS``)?"""
    witness = next((v for k, v in message.items() if k not in PERMIT_FIELDS), None)
    return isinstance(witness, dict) and not _ORDER_MARKERS.isdisjoint(witness)


def _word_names(value: Any) -> list[str]:
    """The addresses a ``bytes`` / ``bytesN`` value holds: 20 bytes as they are, else each
    32-byte word holding a left-padded address (``frames.word_address``), as in calldata."""
    raw = value
    if isinstance(value, str) and value[:2] in ("0x", "0X"):
        try:
            raw = bytes.fromhex(value[2:])
        except ValueError:
            return []
    if not isinstance(raw, bytes):
        return []
    if len(raw) == 20:
        return ["0x" + raw.hex()]
    words = (word_address(raw[i : i + 32]) for i in range(0, len(raw) - 31, 32))
    return [a for a in words if a is not None]


def _int_name(value: Any) -> str | None:
    """The address an integer field holds (``uint160``, or a wider word as above)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 1 << 256:
        return None
    return word_address(value.to_bytes(32, "big"))


def witness_names(
    types: dict[str, list[tuple[str, str]]], primary: str, message: dict[str, Any]
) -> tuple[str, ...] | None:
    """The addresses the witness fields of ``message`` hold, by their declared types (nested
    structs and arrays walked): ``address`` values, and ``bytes`` / ``bytesN`` / ``uintN`` /
    ``intN`` values holding one (cross-chain and custom spenders carry the payee as a
    ``bytes32`` or an integer), the spender left out. None when there are more than
    ``_MAX_NAMES`` distinct ones: a cap that would hide a party is no reading at all."""
    found: dict[str, None] = {}
    spender = str(message.get("spender", "")).lower()

    def add(address: str | None) -> None:
        if address is not None and address.lower() != spender:
            found[address.lower()] = None

    def walk(kind: str, value: Any) -> None:
        if len(found) > _MAX_NAMES:
            return
        base, dims = split_array(kind)
        if dims:
            inner = base + "".join(f"[{d or ''}]" for d in dims[1:])
            for item in value if isinstance(value, list) else ():
                walk(inner, item)
        elif base == "address" and isinstance(value, str):
            add(value)
        elif base in types and isinstance(value, dict):
            for field, field_type in types[base]:
                walk(field_type, value.get(field))
        elif base.startswith("bytes"):
            for address in _word_names(value):
                add(address)
        elif base.startswith(("uint", "int")):
            add(_int_name(value))

    for field, field_type in types[primary]:
        if field not in PERMIT_FIELDS:
            walk(field_type, message.get(field))
    return tuple(found) if len(found) <= _MAX_NAMES else None
