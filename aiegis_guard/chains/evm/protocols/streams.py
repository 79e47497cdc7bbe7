"""Sablier Lockup streams: withdrawals to an address, and the stream NFT handed on.

Sources: sablier-labs/v2-core ``src/interfaces/ISablierV2Lockup.sol`` (v1.0-v1.2, the
"Sablier V2" LockupLinear / LockupDynamic / LockupTranched contracts) and sablier-labs/lockup
``src/interfaces/ISablierLockup.sol`` (v2.0, payable forms, same arguments):
``withdraw(uint256 streamId, address to, uint128 amount)`` and ``withdrawMax(uint256 streamId,
address to)`` pay the stream's asset (what has vested, up to ``amount``) to ``to``, which only
the recipient (or its approved operator) may set to anyone but itself;
``withdrawMaxAndTransfer(uint256 streamId, address newRecipient)`` pays what has vested to the
recipient (the caller) and transfers the stream NFT, every later payment of the stream, to
``newRecipient``; ``withdrawMultiple(uint256[] streamIds, address to, uint128[] amounts)``
(v1.0-v1.1) pays every stream's ``amount`` to ``to``, ``withdrawMultiple(uint256[] streamIds,
uint128[] amounts)`` (v1.2 on) to each stream's recipient. Each stream is an ERC-721 of the
Lockup contract (id = ``streamId``).

The streamed asset is read from the stream (``getAsset``), not in calldata: it is written as
the stream's token ("streamed token of <contract>"). A withdrawal is a receipt of the caller's
(``order = SWAP``, as an exit's output): to own it is a get, to anyone else an output paid
away (``swap_recipient``: BLOCK); ``withdrawMax`` pays whatever has vested (no amount). The
Lockup deployments are not in the book: the quoted ``0xc9940AD8…429A`` is LockupDynamic
v1.1 on Sepolia (Sablier's deployment tables as quoted by integrations).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, last_step_to
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import AssetKind, Transfer

__all__ = ["TABLE"]


def _paid(f: Frame, via: str, amount: int | None, to: str | None) -> Result:
    """What the stream pays ``to`` (None: the caller, its recipient)."""
    receiver = f.sender if to is None else last_step_to(f, to)
    if receiver is None:
        return []
    token = stand_in("streamed token", f.target)
    return exchange_ops(f, via, (None, None), f.sender, (token, amount, receiver))


def _withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``withdraw(streamId, to, amount)`` / ``withdrawMax(streamId, to)``."""
    amount = a[2] if fn.name == "withdraw" else None
    return _paid(f, f"sablier.{fn.name}", amount, a[1])


def _withdraw_and_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``withdrawMaxAndTransfer``: what has vested to the caller, the stream to
    ``newRecipient``."""
    stream_id, new_recipient = a
    via = "sablier.withdrawMaxAndTransfer"
    out = _paid(f, via, None, None)
    nft = asset(f.target, AssetKind.NFT)
    moved = Transfer(
        via=via, asset=nft, sender=f.sender, recipient=new_recipient, amount=1, token_id=stream_id
    )
    return [*out, moved]


def _withdraw_multiple(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``withdrawMultiple``: each stream's amount to ``to`` (v1.0-v1.1) or to its recipient."""
    via = "sablier.withdrawMultiple"
    if len(a) == 3:
        _ids, to, amounts = a
        return _paid(f, via, sum(amounts), to)
    return _paid(f, via, sum(a[1]), None)


TABLE = (
    ("withdraw(uint256,address,uint128)", _withdraw),
    ("withdrawMax(uint256,address)", _withdraw),
    ("withdrawMaxAndTransfer(uint256,address)", _withdraw_and_transfer),
    ("withdrawMultiple(uint256[],address,uint128[])", _withdraw_multiple),
    ("withdrawMultiple(uint256[],uint128[])", _withdraw_multiple),
)
