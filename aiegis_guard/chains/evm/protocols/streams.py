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

Creating a LockupLinear stream (v1.0: ``createWithDurations((sender, recipient, totalAmount,
asset, cancelable, (cliff, total), (broker, fee)))`` / ``createWithRange((..., (start, cliff,
end), broker))``; v1.1 adds ``bool transferable`` after ``cancelable``; v1.2 renames
``createWithRange`` to ``createWithTimestamps``; ``types/DataTypes.sol``): ``totalAmount`` of
``asset`` pulled from ``msg.sender``, the broker's cut (``fee``, UD60x18, at most 10 %) paid to
``broker.account``, the rest streamed to ``recipient`` (a give of it: to a stranger it FLAGs,
as any explicit payment); ``sender`` may ``cancel`` a cancelable stream and take back what has
not vested: when that is anyone but the caller, it is an authority over the caller's money
(``canceller``). LockupDynamic / Tranched and Lockup v2.0 create forms are not decoded.

The streamed asset is read from the stream (``getAsset``), not in calldata: it is written as
the stream's token ("streamed token of <contract>"). A withdrawal is a receipt of the caller's
(``order = SWAP``, as an exit's output): to own it is a get, to anyone else an output paid
away (``swap_recipient``: BLOCK); ``withdrawMax`` pays whatever has vested (no amount). The
Lockup deployments are not in the book: the quoted ``0xc9940AD8…429A`` is LockupDynamic
v1.1 on Sepolia (Sablier's deployment tables as quoted by integrations).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops, last_step_to
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import AssetKind, AuthorityChange, Transfer

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


_WAD = 10**18  # UD60x18 one
_MAX_BROKER_FEE = 10**17  # Sablier's MAX_BROKER_FEE: 10 %


def _create(f: Frame, fn: Function, a: list[Any]) -> Result:
    """LockupLinear ``createWithDurations`` / ``createWithRange`` / ``createWithTimestamps``."""
    params = a[0]
    sender, recipient, total, token = params[:4]
    cancelable = params[4]
    broker, fee = params[-1]
    via = f"sablier.{fn.name}"
    cut = total * min(fee, _MAX_BROKER_FEE) // _WAD if broker != ZERO else 0
    out: Result = []
    if cut:
        out.append(
            Transfer(
                via=f"{via}.broker",
                asset=asset(token),
                sender=f.sender,
                recipient=broker,
                amount=cut,
            )
        )
    out.append(
        Transfer(
            via=via, asset=asset(token), sender=f.sender, recipient=recipient, amount=total - cut
        )
    )
    if cancelable and sender != f.sender:
        canceller = AuthorityChange(
            via=via,
            account=f.target,
            new_authority=sender,
            authority_type="canceller",
            current_authority=f.sender,
        )
        out.append(canceller)
    return out


_LL_V10 = "(address,address,uint128,address,bool"
_BROKER = "(address,uint256)))"
TABLE = (
    (f"createWithDurations({_LL_V10},(uint40,uint40),{_BROKER}", _create),
    (f"createWithRange({_LL_V10},(uint40,uint40,uint40),{_BROKER}", _create),
    (f"createWithDurations({_LL_V10},bool,(uint40,uint40),{_BROKER}", _create),
    (f"createWithRange({_LL_V10},bool,(uint40,uint40,uint40),{_BROKER}", _create),
    (f"createWithTimestamps({_LL_V10},bool,(uint40,uint40,uint40),{_BROKER}", _create),
    ("withdraw(uint256,address,uint128)", _withdraw),
    ("withdrawMax(uint256,address)", _withdraw),
    ("withdrawMaxAndTransfer(uint256,address)", _withdraw_and_transfer),
    ("withdrawMultiple(uint256[],address,uint128[])", _withdraw_multiple),
    ("withdrawMultiple(uint256[],uint128[])", _withdraw_multiple),
)
