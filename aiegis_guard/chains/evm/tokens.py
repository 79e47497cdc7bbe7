"""Handlers for token calls: ERC-20 / ERC-721 / ERC-1155, permits, Uniswap Permit2.

Each handler reads the already-decoded arguments of one function and returns operations.
Amounts stay in base units; the decoder does not know a token's decimals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority
from aiegis_guard.chains.evm.selectors import UNLIMITED, Function
from aiegis_guard.chains.known import known_collections
from aiegis_guard.chains.transaction import (
    Approval,
    AssetKind,
    Call,
    Transfer,
)
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TOKEN_HANDLERS", "approval", "named_call", "switch_approval"]

Handler = Callable[[Frame, Function, list[Any]], Result]


def approval(
    via: str,
    token: str,
    owner: str | None,
    spender: str,
    amount: int,
    *,
    deadline: int | None = None,
    kind: AssetKind = AssetKind.FUNGIBLE,
) -> Approval:
    return Approval(
        via=via,
        asset=asset(token, kind),
        owner=owner,
        spender=spender,
        amount=amount,
        unlimited=amount >= UNLIMITED,
        revoke=amount == 0 or spender == ZERO,
        deadline=deadline,
    )


def switch_approval(
    via: str, token: str, owner: str | None, spender: str, allowed: bool, *, deadline: int | None
) -> Approval:
    """An all-or-nothing grant (DAI ``permit``, Compound v3 ``allow``): ``allowed`` gives the
    spender everything, ``not allowed`` revokes."""
    return Approval(
        via=via,
        asset=asset(token),
        owner=owner,
        spender=spender,
        amount=None if allowed else 0,
        unlimited=allowed,
        revoke=not allowed,
        deadline=deadline,
    )


def _erc20_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [
        Transfer(
            via="erc20.transfer",
            asset=asset(f.target),
            sender=f.sender,
            recipient=a[0],
            amount=a[1],
        )
    ]


def _transfer_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Same selector for ERC-20 ``transferFrom(from, to, amount)`` and ERC-721
    ``transferFrom(from, to, tokenId)``: on a well-known ERC-721 collection it moves that one
    NFT (as ``approve`` below); elsewhere the asset stays unknown."""
    if f.target in known_collections():
        return [_nft_transfer(f, "erc721.transfer_from", a)]
    kind = AssetKind.UNKNOWN
    return [
        Transfer(
            via="erc20.transfer_from",
            asset=asset(f.target, kind),
            sender=a[0],
            recipient=a[1],
            amount=a[2],
        ),
        "transfer_from:erc20-or-erc721",
    ]


def _erc20_approve(f: Frame, fn: Function, a: list[Any]) -> Result:
    """ERC-20 ``approve(spender, amount)``; on a well-known ERC-721 collection (same selector)
    ``approve(to, tokenId)``: one NFT, whole (``to`` 0 clears it)."""
    if f.target in known_collections():
        spender, token_id = a
        nft = Approval(
            via="erc721.approve",
            asset=asset(f.target, AssetKind.NFT),
            owner=f.sender,
            spender=spender,
            amount=1,
            revoke=spender == ZERO,
            token_id=token_id,
        )
        return [nft]
    return [approval("erc20.approve", f.target, f.sender, a[0], a[1])]


def _increase(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [approval("erc20.increase_allowance", f.target, f.sender, a[0], a[1])]


def _ds_approve(f: Frame, fn: Function, a: list[Any]) -> Result:
    """DSToken ``approve(address guy)``: ``approve(guy, uint(-1))``, an unlimited grant."""
    return [approval("dstoken.approve", f.target, f.sender, a[0], 2**256 - 1)]


def _decrease(f: Frame, fn: Function, a: list[Any]) -> Result:
    op = approval("erc20.decrease_allowance", f.target, f.sender, a[0], a[1])
    return [op.model_copy(update={"revoke": True, "unlimited": False})]


def _set_approval_for_all(f: Frame, fn: Function, a: list[Any]) -> Result:
    operator, approved = a
    return [
        Approval(
            via="nft.set_approval_for_all",
            asset=asset(f.target, AssetKind.NFT),
            owner=f.sender,
            spender=operator,
            amount=None,
            all_assets=approved,
            revoke=not approved,
        )
    ]


def _nft_transfer(f: Frame, via: str, a: list[Any]) -> Transfer:
    """ERC-721 ``(from, to, tokenId, ...)``: that one NFT of ``f.target``."""
    nft = asset(f.target, AssetKind.NFT)
    return Transfer(via=via, asset=nft, sender=a[0], recipient=a[1], amount=1, token_id=a[2])


def _erc721_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [_nft_transfer(f, "erc721.safe_transfer_from", a)]


def _erc1155_transfer(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [
        Transfer(
            via="erc1155.safe_transfer_from",
            asset=asset(f.target, AssetKind.NFT),
            sender=a[0],
            recipient=a[1],
            amount=a[3],
            token_id=a[2],
        )
    ]


def _erc1155_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    sender, recipient, ids, amounts = a[0], a[1], a[2], a[3]
    if len(ids) != len(amounts):
        raise EvmDecodeError("safeBatchTransferFrom: ids and amounts differ in length")
    nft = asset(f.target, AssetKind.NFT)
    return [
        Transfer(
            via="erc1155.safe_batch_transfer_from",
            asset=nft,
            sender=sender,
            recipient=recipient,
            amount=amount,
            token_id=token_id,
        )
        for token_id, amount in zip(ids, amounts, strict=True)
    ]


def _eip2612_permit(f: Frame, fn: Function, a: list[Any]) -> Result:
    owner, spender, value, deadline = a[:4]
    return [approval("eip2612.permit", f.target, owner, spender, value, deadline=deadline)]


def _dai_permit(f: Frame, fn: Function, a: list[Any]) -> Result:
    holder, spender, _nonce, expiry, allowed = a[:5]
    return [
        switch_approval("dai.permit", f.target, holder, spender, allowed, deadline=expiry or None)
    ]


def _permit2_approve(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, spender, amount, expiration = a
    return [approval("permit2.approve", token, f.sender, spender, amount, deadline=expiration)]


def _permit2_single(f: Frame, fn: Function, a: list[Any]) -> Result:
    owner, ((token, amount, expiration, _nonce), spender, _deadline), _sig = a
    return [approval("permit2.permit_single", token, owner, spender, amount, deadline=expiration)]


def _permit2_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    owner, (details, spender, _deadline), _sig = a
    return [
        approval("permit2.permit_batch", token, owner, spender, amount, deadline=expiration)
        for token, amount, expiration, _nonce in details
    ]


def _permit2_transfer(
    via: str, token: str, sender: str | None, recipient: str, amount: int
) -> Transfer:
    return Transfer(via=via, asset=asset(token), sender=sender, recipient=recipient, amount=amount)


def _permit2_transfer_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    sender, recipient, amount, token = a
    return [_permit2_transfer("permit2.transfer_from", token, sender, recipient, amount)]


def _permit2_transfer_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [
        _permit2_transfer("permit2.transfer_from", token, sender, recipient, amount)
        for sender, recipient, amount, token in a[0]
    ]


def _permit2_signature(f: Frame, fn: Function, a: list[Any]) -> Result:
    ((token, _max), _nonce, _deadline), (recipient, amount), owner = a[:3]
    via = "permit2.permit_witness_transfer_from" if len(a) > 4 else "permit2.permit_transfer_from"
    return [_permit2_transfer(via, token, owner, recipient, amount)]


def _permit2_signature_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    (permitted, _nonce, _deadline), details, owner = a[:3]
    if len(permitted) != len(details):
        raise EvmDecodeError("permitTransferFrom: permitted and transfer details differ")
    via = "permit2.permit_witness_transfer_from" if len(a) > 4 else "permit2.permit_transfer_from"
    return [
        _permit2_transfer(via, token, owner, recipient, amount)
        for (token, _max), (recipient, amount) in zip(permitted, details, strict=True)
    ]


def _permit2_lockdown(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [
        Approval(
            via="permit2.lockdown",
            asset=asset(token),
            owner=f.sender,
            spender=spender,
            amount=0,
            revoke=True,
        )
        for token, spender in a[0]
    ]


def named_call(f: Frame, fn: Function, known: bool = True, names: tuple[str, ...] = ()) -> Call:
    """The call of a named function whose effects are not decoded (its name, selector, value
    and who calls it; ``names``: the addresses its arguments name, for an opaque call)."""
    named = tuple(dict.fromkeys(n for n in names if n not in (f.target, f.origin, ZERO)))
    return Call(
        via="evm.call",
        target=f.target,
        name=fn.name,
        selector="0x" + f.data[:4].hex(),
        known=known,
        value=f.value,
        sender=f.sender,
        touches_own=f.origin is not None and f.origin in names,
        names=named,
    )


def _named(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn)]


def _suspicious_claim(f: Frame, fn: Function, a: list[Any]) -> Result:
    """A lure name (``claim()``...): an *unknown* call, judged by ``inspect._claim_fees``."""
    return [named_call(f, fn, known=False)]


def _transfer_ownership(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "ownable.transfer_ownership", "owner", a[0])]


def _proxy_upgrade(f: Frame, fn: Function, a: list[Any]) -> Result:
    """UUPS / ERC-1967 ``upgradeTo`` / ``upgradeToAndCall(implementation, data)``: the
    implementation, then ``data`` delegatecalled into it on the same proxy by the same caller
    (OpenZeppelin ``ERC1967Utils.upgradeToAndCall``): the new code called with ``data`` in
    the proxy's context, by the same caller."""
    out: Result = [authority(f, "proxy.upgrade", "implementation", a[0])]
    data = bytes(a[1]) if len(a) > 1 else b""
    if data:
        out.append(
            Frame(a[0], f.sender, f.context, f.value, data, f.depth + 1, False, f.origin, f.path)
        )
    return out


TOKEN_HANDLERS: dict[str, Handler] = {
    "erc20_transfer": _erc20_transfer,
    "transfer_from": _transfer_from,
    "erc20_approve": _erc20_approve,
    "increase_allowance": _increase,
    "decrease_allowance": _decrease,
    "ds_approve": _ds_approve,
    "set_approval_for_all": _set_approval_for_all,
    "erc721_safe_transfer": _erc721_transfer,
    "erc1155_transfer": _erc1155_transfer,
    "erc1155_batch_transfer": _erc1155_batch,
    "eip2612_permit": _eip2612_permit,
    "dai_permit": _dai_permit,
    "permit2_approve": _permit2_approve,
    "permit2_permit_single": _permit2_single,
    "permit2_permit_batch": _permit2_batch,
    "permit2_transfer_from": _permit2_transfer_from,
    "permit2_transfer_batch": _permit2_transfer_batch,
    "permit2_signature_transfer": _permit2_signature,
    "permit2_signature_transfer_batch": _permit2_signature_batch,
    "permit2_lockdown": _permit2_lockdown,
    "named": _named,
    "suspicious_claim": _suspicious_claim,
    "transfer_ownership": _transfer_ownership,
    "proxy_upgrade": _proxy_upgrade,
}
