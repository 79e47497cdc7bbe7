"""Token standards beyond ERC-20/721/1155, Ownable and CryptoPunks.

Sources: EIP-1363 (``IERC1363``: transferAndCall / transferFromAndCall / approveAndCall;
LINK's ERC-677 ``transferAndCall(address,uint256,bytes)`` shares the selector), EIP-777
(``IERC777``: send / operatorSend / authorizeOperator / revokeOperator), OpenZeppelin
``Ownable.renounceOwnership`` and ``Ownable2Step.acceptOwnership``, larvalabs/cryptopunks
``CryptoPunksMarket.sol``.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, authority, native
from aiegis_guard.chains.evm.protocols.omnibridge import relayed_by_transfer
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval
from aiegis_guard.chains.transaction import (
    Approval,
    AssetKind,
    Call,
    Receipt,
    Transfer,
)

__all__ = ["TABLE"]


def _give(f: Frame, via: str, sender: str | None, to: str, amount: int) -> Transfer:
    return Transfer(via=via, asset=asset(f.target), sender=sender, recipient=to, amount=amount)


def _transfer_and_call(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-1363 / ERC-677 ``transferAndCall(to, value, data)``: a give to ``to`` (an
    Omnibridge relays it on to the receiver ``data`` names: ``omnibridge.py``)."""
    relayed = relayed_by_transfer(f, a[0], a[1], bytes(a[2])) if len(a) > 2 else None
    if relayed is not None:
        return relayed
    return [_give(f, "erc1363.transfer_and_call", f.sender, a[0], a[1])]


def _transfer_from_and_call(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_give(f, "erc1363.transfer_from_and_call", a[0], a[1], a[2])]


def _approve_and_call(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [approval("erc1363.approve_and_call", f.target, f.sender, a[0], a[1])]


def _send(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_give(f, "erc777.send", f.sender, a[0], a[1])]


def _operator_send(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_give(f, "erc777.operator_send", a[0], a[1], a[2])]


def _authorize_operator(f: Frame, fn: Function, a: list[Any]) -> Result:
    grant = Approval(
        via="erc777.authorize_operator",
        asset=asset(f.target),
        owner=f.sender,
        spender=a[0],
        amount=None,
        unlimited=True,
    )
    return [grant]


def _revoke_operator(f: Frame, fn: Function, a: list[Any]) -> Result:
    grant = Approval(
        via="erc777.revoke_operator",
        asset=asset(f.target),
        owner=f.sender,
        spender=a[0],
        amount=0,
        revoke=True,
    )
    return [grant]


def _renounce_ownership(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "ownable.transfer_ownership", "owner_renounced", None)]


def _accept_ownership(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Ownable2Step ``acceptOwnership()``: the caller takes over a pending ownership; nothing
    leaves the account (a named call, not an unknown one)."""
    call = Call(via="evm.call", target=f.target, name="acceptOwnership", known=True)
    return [call.model_copy(update={"sender": f.sender, "selector": "0x79ba5097"})]


def _transfer_punk(f: Frame, fn: Function, a: list[Any]) -> Result:
    punk = asset(f.target, AssetKind.NFT)
    to, index = a
    return [
        Transfer(
            via="cryptopunks.transfer_punk",
            asset=punk,
            sender=f.sender,
            recipient=to,
            amount=1,
            token_id=index,
        )
    ]


def _offer_punk(f: Frame, index: int, price: int, to: str) -> Result:
    """A standing sale offer: the punk for at least ``price`` wei paid to the seller."""
    order = index & 0xFFFFFFFF
    punk = asset(f.target, AssetKind.NFT)
    give = Transfer(
        via="cryptopunks.offer",
        asset=punk,
        sender=f.sender,
        recipient=to,
        amount=1,
        token_id=index,
        order=order,
    )
    seller = f.sender or f.context
    gets = Receipt(via="cryptopunks.price", asset=native(), recipient=seller, amount=price)
    return [give, gets.model_copy(update={"order": order})]


def _offer_for_sale(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _offer_punk(f, a[0], a[1], f.target)


def _offer_to_address(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _offer_punk(f, a[0], a[1], a[2])


TABLE = (
    ("transferAndCall(address,uint256)", _transfer_and_call),
    ("transferAndCall(address,uint256,bytes)", _transfer_and_call),
    ("transferFromAndCall(address,address,uint256)", _transfer_from_and_call),
    ("transferFromAndCall(address,address,uint256,bytes)", _transfer_from_and_call),
    ("approveAndCall(address,uint256)", _approve_and_call),
    ("approveAndCall(address,uint256,bytes)", _approve_and_call),
    ("send(address,uint256,bytes)", _send),
    ("operatorSend(address,address,uint256,bytes,bytes)", _operator_send),
    ("authorizeOperator(address)", _authorize_operator),
    ("revokeOperator(address)", _revoke_operator),
    ("renounceOwnership()", _renounce_ownership),
    ("acceptOwnership()", _accept_ownership),
    ("transferPunk(address,uint256)", _transfer_punk),
    ("offerPunkForSale(uint256,uint256)", _offer_for_sale),
    ("offerPunkForSaleToAddress(uint256,uint256,address)", _offer_to_address),
)
