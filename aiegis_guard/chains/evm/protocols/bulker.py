"""Compound III Bulker: a list of Comet actions run for the caller in one transaction.

Source: compound-finance/comet ``contracts/bulkers/BaseBulker.sol``: ``invoke(bytes32[] actions,
bytes[] data) payable`` (``actions.length == data.length``), each action a ``bytes32`` string
constant: ``ACTION_SUPPLY_ASSET`` / ``ACTION_TRANSFER_ASSET`` / ``ACTION_WITHDRAW_ASSET``
``(comet, to, asset, amount)`` -> ``Comet.supplyFrom`` / ``transferAssetFrom`` /
``withdrawFrom(msg.sender, to, asset, amount)`` (the Bulker acts as the caller's Comet
manager); ``ACTION_SUPPLY_NATIVE_TOKEN (comet, to, amount)`` wraps ``amount`` of the ETH sent
(``uint256.max``: the caller's borrow balance, at most what was sent) and supplies it to
``to``; ``ACTION_WITHDRAW_NATIVE_TOKEN (comet, to, amount)`` withdraws the caller's wrapped
native token, unwraps it and sends the ETH to ``to``; ``ACTION_CLAIM_REWARD (comet, rewards,
src, shouldAccrue)`` -> ``CometRewards.claim(comet, src, shouldAccrue)``: the rewards go to
``src``, nothing of the caller's moves; any other action (``handleAction``: MainnetBulker's
stETH actions) is not decoded. ETH not used is refunded to ``msg.sender``.

Each action is decoded as the Comet call it amounts to, made by the caller itself
(``supplyFrom(msg.sender, ...)`` by its manager is ``supplyTo(...)`` by the caller;
``protocols/lending.py`` judges those), so a withdrawal or transfer of ``uint256.max`` to a
stranger is the position paid away. Only on a Bulker deployment (``data/evm_protocols.json``,
mainnet ``0xa397…00c7`` from ``deployments/mainnet/usdc/roots.json``) is the ETH sent the
actions' payment (``wrappers.forwards_value``); elsewhere the call stays opaque.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import protocol_of
from aiegis_guard.chains.transaction import Transfer
from aiegis_guard.checksums import keccak256
from aiegis_guard.errors import EvmDecodeError

__all__ = ["BULKER_INVOKE", "TABLE", "is_bulker"]

BULKER_INVOKE = keccak256(b"invoke(bytes32[],bytes[])")[:4]
_MAX = (1 << 256) - 1
_FOUR = parse_types("f(address,address,address,uint256)")
_THREE = parse_types("f(address,address,uint256)")
_CLAIM = parse_types("f(address,address,address,bool)")
# the Comet function each asset action amounts to, called by the caller itself
_AS_COMET_CALL = {
    b"ACTION_SUPPLY_ASSET": "supplyTo(address,address,uint256)",
    b"ACTION_TRANSFER_ASSET": "transferAsset(address,address,uint256)",
    b"ACTION_WITHDRAW_ASSET": "withdrawTo(address,address,uint256)",
}


def is_bulker(address: str) -> bool:
    """A Compound III Bulker deployment (``data/evm_protocols.json``)."""
    return protocol_of(address, None) == "Compound III Bulker"


def _word(value: int | str) -> bytes:
    return (int(value, 16) if isinstance(value, str) else value).to_bytes(32, "big")


def _as_caller(f: Frame, comet: str, signature: str, args: tuple[int | str, ...]) -> Frame:
    """The Comet call ``signature(args)`` as if the Bulker's caller had made it."""
    data = keccak256(signature.encode())[:4] + b"".join(_word(a) for a in args)
    return Frame(comet, f.sender, comet, 0, data, f.depth + 1, False, f.origin, f.path)


def _action(f: Frame, fn: Function, action: bytes, data: bytes) -> Result:
    name = action.rstrip(b"\0")
    if name in _AS_COMET_CALL:
        comet, to, token, amount = decode_args(_FOUR, data)
        return [_as_caller(f, comet, _AS_COMET_CALL[name], (to, token, amount))]
    if name == b"ACTION_SUPPLY_NATIVE_TOKEN":
        comet, to, amount = decode_args(_THREE, data)
        paid = f.value if amount == _MAX else amount  # max: the borrow balance, <= msg.value
        give = Transfer(
            via="compound_v3.bulker_supply_native",
            asset=native(),
            sender=f.sender,
            recipient=comet,
            amount=paid,
        )
        if to == f.sender:
            return [give]  # the ETH becomes the caller's own supply
        return [give, _as_caller(f, comet, "supplyTo(address,address,uint256)", (to, ZERO, paid))]
    if name == b"ACTION_WITHDRAW_NATIVE_TOKEN":  # the caller's wrapped ETH, paid out as ETH
        comet, to, amount = decode_args(_THREE, data)
        return [_as_caller(f, comet, "withdrawTo(address,address,uint256)", (to, ZERO, amount))]
    if name == b"ACTION_CLAIM_REWARD":  # paid to ``src`` by CometRewards: nothing of own's moves
        decode_args(_CLAIM, data)
        return []
    return [named_call(f, fn, known=False)]  # handleAction: not decoded


def _invoke(f: Frame, fn: Function, a: list[Any]) -> Result:
    actions, datas = a
    if not is_bulker(f.target):
        return [named_call(f, fn, known=False)]
    if len(actions) != len(datas):
        raise EvmDecodeError("compound bulker: actions and data differ in length")
    out: Result = []
    for action, data in zip(actions, datas, strict=True):
        out += _action(f, fn, action, data)
    return out


TABLE = (("invoke(bytes32[],bytes[])", _invoke),)
