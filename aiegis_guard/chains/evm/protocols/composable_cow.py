"""CoW Protocol conditional orders (ComposableCoW): the orders a Safe authorises on chain.

Sources: cowprotocol/composable-cow ``src/ComposableCoW.sol`` and ``networks.json``:

- ``create(ConditionalOrderParams{address handler, bytes32 salt, bytes staticInput}, bool
  dispatch)`` and ``createWithContext(params, IValueFactory factory, bytes data, bool
  dispatch)`` authorise every order ``handler.verify`` accepts for ``msg.sender`` (the
  account's ERC-1271 signature through its ExtensibleFallbackHandler), the handler reading
  ``staticInput``; the context factory only stores a value (the TWAP's start time);
- ``setRoot(bytes32 root, Proof)`` / ``setRootWithContext(...)`` authorise every order whose
  params hash is a leaf under ``root``: orders the request shows only as a digest;
- ``remove(bytes32)`` withdraws one (no effect);
- ``src/types/twap/libraries/TWAPOrder.sol``: the TWAP handler's ``staticInput`` is ``Data{
  sellToken, buyToken, receiver, partSellAmount, minPartLimit, t0, n, t, span, appData}``;
  ``orderFor`` signs ``n`` sell orders of ``partSellAmount`` for at least ``minPartLimit``
  each, paid to ``receiver`` (GPv2: 0 is the order's owner).

A TWAP is one order (``cow.`` via: settled by solvers from market liquidity, so its limit is a
minimum, as ``orders.py`` reads a signed CoW order): ``partSellAmount × n`` given, at least
``minPartLimit × n`` to the receiver (a stranger BLOCKs, dust BLOCKs: ``order_gives_away``). A
handler this module does not read is code that decides which orders the account signs: an
opaque call of that handler (FLAG unless allowlisted), never silence. A root is judged as a
CoW pre-signature (``aggregators._pre_signature``): a blind signature. ComposableCoW has one
address on every chain (CREATE2, ``networks.json``): elsewhere these names are another
contract's code, an opaque call.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.aggregators import ETHFLOW_ORDER
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Call, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["COMPOSABLE_COW", "TABLE", "TWAP_HANDLER", "TWAP_ORDER"]

COMPOSABLE_COW = "0xfdafc9d1902f4e0b84f65f49f244b32b31013b74"  # networks.json ComposableCoW
TWAP_HANDLER = "0x6cf1e9ca41f7611def408122793c358a3d11e5a5"  # networks.json TWAP
SETTLEMENT = "0x9008d19f58aabd9ed0d60971565aa8510560ab41"  # GPv2Settlement (cowprotocol/contracts)
TWAP_ORDER = ETHFLOW_ORDER + 1  # the order index of a TWAP (aggregators.ETHFLOW_ORDER + 1)
_TWAP_DATA = parse_types(
    "f((address,address,address,uint256,uint256,uint256,uint256,uint256,uint256,bytes32))"
)


def _twap(f: Frame, static_input: bytes) -> Result | None:
    """The TWAP's parts as one order, or None when ``static_input`` is no TWAP ``Data``."""
    try:
        (data,) = decode_args(_TWAP_DATA, static_input)
    except EvmDecodeError:
        return None
    sell, buy, receiver, part, limit, _t0, n = data[:7]
    owner = f.sender or ZERO
    via = "cow.twap"
    give = Transfer(
        via=f"{via}.offer",
        asset=asset(sell),
        sender=owner,
        recipient=SETTLEMENT,
        amount=part * n,
        order=TWAP_ORDER,
    )
    to = owner if receiver == ZERO else receiver
    get = Receipt(
        via=f"{via}.consideration",
        asset=asset(buy),
        recipient=to,
        amount=limit * n,
        order=TWAP_ORDER,
    )
    return [give, get]


def _create(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != COMPOSABLE_COW:  # another contract's ``create``: its own code (callee.py)
        return [named_call(f, fn, known=False)]
    handler, _salt, static_input = a[0]
    if handler == TWAP_HANDLER:
        order = _twap(f, static_input)
        if order is not None:
            return order
    name = f"conditional order handler ({fn.name})"
    return [Call(via="cow.composable", target=handler, name=name, sender=f.sender)]


def _set_root(f: Frame, fn: Function, a: list[Any]) -> Result:
    """A root of orders the request does not show: a pre-signature (0 withdraws them all)."""
    if f.target != COMPOSABLE_COW:
        return [named_call(f, fn, known=False)]
    signed = any(a[0])
    call = Call(via="cow.pre_signature", target=f.target, name=fn.name, sender=f.sender)
    return [call.replace(known=not signed), *(["onchain-presign:cow"] if signed else [])]


def _remove(f: Frame, fn: Function, a: list[Any]) -> Result:
    return []


_PARAMS = "(address,bytes32,bytes)"
TABLE = (
    (f"create({_PARAMS},bool)", _create),
    (f"createWithContext({_PARAMS},address,bytes,bool)", _create),
    ("setRoot(bytes32,(uint256,bytes))", _set_root),
    ("setRootWithContext(bytes32,(uint256,bytes),address,bytes)", _set_root),
    ("remove(bytes32)", _remove),
)
