"""ERC-6909 multi-token contracts: operators, per-id allowances and transfers of claim ids.

Sources: EIP-6909 (``transfer(receiver, id, amount)``, ``transferFrom(sender, receiver, id,
amount)``, ``approve(spender, id, amount)``, ``setOperator(spender, approved)``) and
Uniswap/v4-core ``src/ERC6909.sol`` (the PoolManager's claims: ``transferFrom`` by an
operator spends no allowance, so an operator may move every id of the owner; an ``approve``
of ``type(uint256).max`` is never spent down). Decoded by selector on any contract (grants
judged there as a standard, transfers also as an opaque call off the book: below). The v4
PoolManager (claim id = ``uint160(currency)``) is in
``data/evm_protocols.json``.

An operator is a grant over every id of the contract (``setApprovalForAll``'s judgement); an
``approve`` a grant of one id (``token_id``), unlimited at ``2**256 - 1``; ``setOperator(x,
false)`` a revoke. Ids are written like ERC-1155 ids (asset kind NFT with ``token_id``) with
their amounts: a claim id is a balance, not a single item. A claim the contract redeems 1:1
for a currency is written as that currency (``CURRENCY_CLAIMS``), so the currency's
``[[limits]]`` and its judgement apply to its claims as to the currency itself: a v4 claim id
is ``uint160(currency)`` (v4-core ``src/types/Currency.sol`` ``toId`` / ``fromId``; currency
0 is ETH), minted and burnt 1:1 against the currency (``src/PoolManager.sol`` ``mint`` /
``burn``). An id above ``2**160`` names no currency: no claim of it is ever minted.

``transfer`` / ``transferFrom`` are not read as a standard off the book (``callee.py``): the
signature ``transfer(address,uint256,uint256)`` names no ledger on a contract nobody
vouches for, and the value of an id there cannot be priced (no limit can apply), so such a
call is also an opaque call of that contract. ``approve`` / ``setOperator`` stay a standard:
a grant is judged by its grantee.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.opyn_gamma import GAMMA_CONTROLLERS, set_operator
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import approval, named_call
from aiegis_guard.chains.transaction import Approval, Asset, AssetKind, Transfer

__all__ = ["CURRENCY_CLAIMS", "TABLE"]

# multi-token contracts whose id ``uint160(c)`` is a claim on currency ``c``, 1:1 (module doc)
CURRENCY_CLAIMS = frozenset({"0x000000000004444c5dc75cb358380d2e3de08a90"})  # Uniswap v4


def _claimed(f: Frame, token_id: int) -> Asset | None:
    """The currency an id is a 1:1 claim on, where the contract says so; else None."""
    if f.target not in CURRENCY_CLAIMS or not 0 <= token_id < 2**160:
        return None
    return asset(f"0x{token_id:040x}")  # address 0: ETH (frames.asset)


def _give(f: Frame, via: str, sender: str | None, receiver: str, ids: tuple[int, int]) -> Result:
    token_id, amount = ids
    currency = _claimed(f, token_id)
    if currency is not None:
        give = Transfer(via=via, asset=currency, sender=sender, recipient=receiver, amount=amount)
        return [give]
    kind = asset(f.target, AssetKind.NFT)
    return [
        Transfer(
            via=via,
            asset=kind,
            sender=sender,
            recipient=receiver,
            amount=amount,
            token_id=token_id,
        )
    ]


def _transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``transfer(receiver, id, amount)``: ``amount`` of id ``id`` from the caller."""
    receiver, token_id, amount = a
    return _give(f, "erc6909.transfer", f.sender, receiver, (token_id, amount))


def _transfer_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``transferFrom(sender, receiver, id, amount)``: from ``sender`` (own's only when the
    sender is the own account)."""
    sender, receiver, token_id, amount = a
    return _give(f, "erc6909.transfer_from", sender, receiver, (token_id, amount))


def _approve(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``approve(spender, id, amount)``: an allowance of one id (0: revoked)."""
    spender, token_id, amount = a
    currency = _claimed(f, token_id)
    if currency is not None:  # an allowance of the currency's claims: of the currency
        grant = approval("erc6909.approve", f.target, f.sender, spender, amount)
        return [grant.model_copy(update={"asset": currency})]
    grant = approval("erc6909.approve", f.target, f.sender, spender, amount, kind=AssetKind.NFT)
    return [grant.model_copy(update={"token_id": token_id})]


def _set_operator(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``setOperator(spender, approved)``: ``spender`` may move every id of the caller (on
    Opyn's Gamma Controller, the same selector: an operator of the caller's vaults)."""
    operator, approved = a
    if f.target in GAMMA_CONTROLLERS:
        return set_operator(f, operator, approved) or [named_call(f, fn)]
    grant = Approval(
        via="erc6909.set_operator",
        asset=asset(f.target, AssetKind.NFT),
        owner=f.sender,
        spender=operator,
        amount=None if approved else 0,
        all_assets=approved,
        revoke=not approved,
    )
    return [grant]


TABLE = (
    ("transfer(address,uint256,uint256)", _transfer),
    ("transferFrom(address,address,uint256,uint256)", _transfer_from),
    ("approve(address,uint256,uint256)", _approve),
    ("setOperator(address,bool)", _set_operator),
)
