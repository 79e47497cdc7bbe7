"""Zora v3 asks: a standing sale offer of an ERC-721, and the module approvals it relies on.

Sources: ourzora/v3 ``contracts/modules/Asks/V1.1/AsksV1_1.sol``: ``createAsk(_tokenContract,
_tokenId, _askPrice, _askCurrency, _sellerFundsRecipient, _findersFeeBps)`` lists the token
of its owner (or an operator of the owner) for ``_askPrice`` of ``_askCurrency`` (the zero
address: ETH); anyone may ``fillAsk`` it at that price, and the price, less royalties, the
protocol fee and the finder's fee (at most ``_findersFeeBps`` of it, up to 10 000), is paid to
``_sellerFundsRecipient`` (``fillAsk``: ``findersFee = remainingProfit * findersFeeBps /
10000`` goes to the ``_finder`` the filler names: the seller is guaranteed the price less that
share; royalties and the protocol fee, read on chain, come off too and are not counted);
``setAskPrice(_tokenContract, _tokenId, _askPrice, _askCurrency)``
(the seller only) changes the price of a standing ask, whose funds recipient stays the one
``createAsk`` set (not in the request); ``cancelAsk(_tokenContract, _tokenId)`` removes it;
``fillAsk(_tokenContract, _tokenId, _fillCurrency, _fillAmount, _finder) payable`` pays
``_fillAmount`` of ``_fillCurrency`` (ETH: the call's value; a token: pulled by the ERC-20
transfer helper) for the token, transferred to ``msg.sender``.
``contracts/ZoraModuleManager.sol``: ``setApprovalForModule(_module, _approved)`` and
``setBatchApprovalForModules(_modules, _approved)``: a module approved by a user may move that
user's tokens approved to Zora's transfer helpers (``ERC721TransferHelper.transferFrom`` checks
``isModuleApproved(_from, msg.sender)``): an operator's power, over every such token, to the
module (registered modules only: the registrar vets them, the policy still judges who).
Deployments: ``addresses/1.json`` (AsksV1_1 ``0x6170B3C3…29A3``, ZoraModuleManager
``0x850A7c6f…C401``, ERC721TransferHelper ``0x909e9efE…bc91``, ERC20TransferHelper
``0xCCA379FD…6794``), the book's rows.

An ask is an order (as a CryptoPunks sale offer, ``standards.py``): the token given to the
market for anyone to take (``order``), the price a :class:`Receipt` of the funds recipient; an
ask for dust gives the token away (``order_gives_away``), one paying a stranger is a
redirected output (``swap_recipient``). A fill is a purchase: the price given to the market,
the token a receipt of the caller's.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, currency
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Approval,
    AssetKind,
    Call,
    Receipt,
    Transfer,
)

__all__ = ["TABLE"]

_ASK = 0  # one ask per request: the index of its order


_BPS = 10_000


def _ask(f: Frame, a: list[Any], to: str, finders_fee_bps: int = 0) -> Result:
    """The token ``a[:2]`` offered to the market, ``a[2]`` of ``a[3]`` paid to ``to``, less
    the finder's fee: whoever fills the ask names the finder (itself, if it likes), so the
    fee is a cut the seller never sees (at 10 000 bps: all of it)."""
    nft, token_id, price, money = a[:4]
    price = price * (_BPS - min(finders_fee_bps, _BPS)) // _BPS
    seller = f.sender or f.context
    give = Transfer(
        via="zora.ask",
        asset=asset(nft, AssetKind.NFT),
        sender=seller,
        recipient=f.target,
        amount=1,
        token_id=token_id,
        order=_ASK,
    )
    gets = Receipt(
        via="zora.ask_price", asset=currency(money), recipient=to, amount=price, order=_ASK
    )
    return [give, gets]


def _create_ask(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _ask(f, a, a[4], a[5])  # _sellerFundsRecipient, _findersFeeBps


def _set_ask_price(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The new price of a standing ask, read as paid to the seller (the caller): the funds
    recipient ``createAsk`` set is not in the request; a dust price gives the token away
    whoever it pays."""
    return _ask(f, a, f.sender or f.context)


def _cancel_ask(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [
        Call(
            via="evm.call",
            target=f.target,
            name="cancelAsk",
            known=True,
            sender=f.sender,
            selector="0x40b80746",
        )
    ]


def _fill_ask(f: Frame, fn: Function, a: list[Any]) -> Result:
    """A purchase: ``_fillAmount`` of ``_fillCurrency`` in (the call's ETH is already a
    transfer to the market), the token out to the caller."""
    nft, token_id, money, amount, _finder = a
    buyer = f.sender or f.context
    out: Result = []
    if money != ZERO:
        out.append(
            Transfer(
                via="zora.fill_ask",
                asset=asset(money),
                sender=buyer,
                recipient=f.target,
                amount=amount,
                order=SWAP_ORDER,
            )
        )
    nft_asset = asset(nft, AssetKind.NFT)
    got = Receipt(
        via="zora.fill_ask",
        asset=nft_asset,
        recipient=buyer,
        amount=1,
        token_id=token_id,
        order=SWAP_ORDER,
    )
    return [*out, got]


def _module_approvals(f: Frame, modules: list[str], approved: bool) -> Result:
    owner = f.sender or f.context
    return [
        Approval(
            via="zora.module_approval",
            asset=asset(f.target, AssetKind.NFT),
            owner=owner,
            spender=module,
            amount=None if approved else 0,
            unlimited=approved,
            revoke=not approved,
        )
        for module in modules
    ]


def _set_approval_for_module(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _module_approvals(f, [a[0]], a[1])


def _set_batch_approval_for_modules(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _module_approvals(f, list(a[0]), a[1])


TABLE = (
    ("createAsk(address,uint256,uint256,address,address,uint16)", _create_ask),
    ("setAskPrice(address,uint256,uint256,address)", _set_ask_price),
    ("cancelAsk(address,uint256)", _cancel_ask),
    ("fillAsk(address,uint256,address,uint256,address)", _fill_ask),
    ("setApprovalForModule(address,bool)", _set_approval_for_module),
    ("setBatchApprovalForModules(address[],bool)", _set_batch_approval_for_modules),
)
