"""Effects in plain words, the way a wallet's balance-change preview reads them:
"gives BAYC #1234 and 3 more — to Seaport 1.6 (0x0000…b395)", "gets 0.0001 ETH — to own
account", "lets 0x3333…3333 spend unlimited USDC, never expiring".
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from aiegis_guard.chains.known import contract_label
from aiegis_guard.chains.transaction import Asset, AssetKind
from aiegis_guard.findings import Chain
from aiegis_guard.redact import mask_address

if TYPE_CHECKING:  # effects.py imports this module: the model is only a type here
    from aiegis_guard.chains.effects import Effect

__all__ = ["describe", "describe_effects", "merge_effects"]

_NATIVE = {Chain.EVM: ("ETH", 18), Chain.SOLANA: ("SOL", 9)}


def _asset_name(asset: Asset) -> str:
    if asset.kind is AssetKind.NATIVE:
        return asset.symbol or _NATIVE[asset.chain][0]
    if asset.symbol:
        return asset.symbol
    label = contract_label(asset.chain, asset.address)
    if label:
        return label
    return mask_address(asset.address) if asset.address else "an unknown token"


def _amount(e: Effect) -> str:
    asset = e.asset
    if asset is None:
        return "?"
    name = _asset_name(asset)
    if e.token_ids:
        first = f"{name} #{e.token_ids[0]}"
        return first if len(e.token_ids) == 1 else f"{first} and {len(e.token_ids) - 1} more"
    if e.unlimited:
        return f"every {name}" if asset.kind is AssetKind.NFT else f"unlimited {name}"
    if e.amount is None:
        return f"an unknown amount of {name}"
    decimals = asset.decimals
    if decimals is None and asset.kind is AssetKind.NATIVE:
        decimals = _NATIVE[asset.chain][1]
    if decimals is None:
        return f"{e.amount} base units of {name}"
    whole = (Decimal(e.amount) / (Decimal(10) ** decimals)).normalize()
    text = f"{whole:f}" if abs(whole) < Decimal(10) ** 30 else f"{whole:.4e}"
    return f"{text} {name}"


def _who(e: Effect) -> str:
    if e.counterparty is None:
        return "nobody"
    if e.counterparty_own:
        return "own account"
    label = e.protocol
    masked = mask_address(e.counterparty)
    return f"{label} ({masked})" if label else masked


def describe(e: Effect) -> str:
    """One effect in words."""
    if e.kind == "gives":
        return f"gives {_amount(e)} — to {_who(e)}"
    if e.kind == "gets":
        floor = "at least " if e.what == "output" and e.amount else ""
        return f"gets {floor}{_amount(e)} — to {_who(e)}"
    if e.kind == "grants":
        if e.what == "revoke":
            return f"revokes {_who(e)}'s allowance of {_asset_name(e.asset) if e.asset else '?'}"
        expiry = "" if not e.expiry else f" until {e.expiry}"
        if e.expiry and e.expiry >= 2**40:  # Permit2's 2^48-1, 2^256-1: no real deadline
            expiry = ", never expiring"
        return f"lets {_who(e)} spend {_amount(e)}{expiry}"
    if e.kind == "authority":
        account = mask_address(e.account) if e.account else "the account"
        return f"{e.what or 'authority'} on {account} — to {_who(e)}"
    value = f" with {_amount_native(e)}" if e.value else ""
    call = e.what or e.selector or "unknown function"
    return f"calls {call} on {_who(e)}{value} (not decoded)"


def _amount_native(e: Effect) -> str:
    chain = e.asset.chain if e.asset else Chain.EVM
    symbol, decimals = _NATIVE[chain]
    whole = (Decimal(e.value) / (Decimal(10) ** decimals)).normalize()
    return f"{whole:f} {symbol}"


def merge_effects(effects: Iterable[Effect]) -> list[Effect]:
    """NFT items of one collection given to one party read as one line ("#1 and 3 more")."""
    out: list[Effect] = []
    index: dict[tuple[Any, ...], int] = {}
    for e in effects:
        if e.token_ids and e.asset is not None and e.asset.kind is AssetKind.NFT:
            k = (e.kind, e.asset.key, e.counterparty, e.order)
            at = index.get(k)
            if at is not None:
                prev = out[at]
                out[at] = prev.model_copy(update={"token_ids": prev.token_ids + e.token_ids})
                continue
            index[k] = len(out)
        out.append(e)
    return out


def describe_effects(effects: Iterable[Effect]) -> tuple[str, ...]:
    """Plain-word lines, one per effect (NFTs of a collection to one party merged)."""
    return tuple(describe(e) for e in merge_effects(effects))
