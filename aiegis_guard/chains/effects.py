"""What a request does to the agent's own accounts: *effects*, derived from operations.

Every decoded request (EVM tx, typed data, Solana tx; every nested layer) becomes a list of
:class:`Effect` s, the way a wallet's balance-change preview reads:

- ``gives``     (asset, amount or unlimited, to whom): transfers, sweeps, an order's offer,
                a swap / withdrawal output paid to another ("all" of it), a Permit2
                signature transfer
- ``gets``      (asset, minimum amount or "all", to whom): swap outputs, wraps / stakes
                (WETH, stETH), an order's consideration
- ``grants``    (asset or every asset of a collection, to whom, amount, expiry): approvals,
                permits, operators, delegates
- ``authority`` ownership / owner / module / guard / threshold changes, code delegation
                (EIP-7702), Solana ``Assign`` / ``SetAuthority``, account closes
- ``opaque``    a call the decoder cannot explain (target, value, selector)
- ``signs_in``  an EIP-4361 sign-in: a session with ``target`` (the domain); moves nothing

The JSON form (:meth:`Effect.to_json`) is stable: ``kind``, ``account``, ``asset``,
``asset_kind``, ``amount`` (base units, int or null), ``unlimited``, ``token_ids``,
``counterparty``, ``what``, ``protocol``, ``via``, ``expiry``, ``target``, ``selector``,
``value``, ``text``. ``via`` is the carrier path ("execTransaction > multiSend >
erc20.transfer"); two requests with the same effects compare equal on :meth:`Effect.key`,
whatever carried them. The derivation from operations is
:mod:`aiegis_guard.chains.effect_derive`. No chain SDK is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from aiegis_guard.chains.known import contract_label, token_decimals
from aiegis_guard.chains.transaction import (
    Asset,
    AssetKind,
)
from aiegis_guard.findings import Chain
from aiegis_guard.limits import whole_units
from aiegis_guard.record import Record, fast_init
from aiegis_guard.redact import mask_address

__all__ = [
    "Effect",
    "EffectKind",
    "describe_effects",
    "merge_effects",
]


class EffectKind(StrEnum):
    GIVES = "gives"
    GETS = "gets"
    GRANTS = "grants"
    AUTHORITY = "authority"
    OPAQUE = "opaque"
    SIGNS_IN = "signs_in"


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Effect(Record):
    """One thing a request does to (or for) an account; amounts in base units."""

    kind: EffectKind
    account: str | None = None  # whose account: the own account it acts on, when known
    own: bool = False  # ``account`` is one of the agent's own accounts
    asset: Asset | None = None
    amount: int | None = None  # None: unknown (or "all" with ``unlimited``)
    unlimited: bool = False  # unlimited allowance / every NFT of a collection / "all"
    token_ids: tuple[int, ...] = ()
    counterparty: str | None = None  # to / spender / operator / new authority / recipient
    counterparty_own: bool = False
    expiry: int | None = None
    what: str | None = None  # "owner_added", "operator", "code_delegation", "offer", ...
    protocol: str | None = None  # "Seaport 1.6", "Permit2", ... (a label, never trust)
    via: str = ""  # carrier path
    target: str | None = None  # opaque: the contract / program called
    selector: str | None = None
    value: int = 0
    order: int | None = None  # exchanges: which order of the request it belongs to

    def key(self) -> tuple[Any, ...]:
        """What the effect *is*, without how it was carried (for flat-vs-nested equality)."""
        return (
            self.kind,
            self.account,
            self.asset.key if self.asset else None,
            self.amount,
            self.unlimited,
            self.token_ids,
            self.counterparty,
            self.what,
        )

    def text(self) -> str:
        return describe(self)

    def to_json(self) -> dict[str, Any]:
        asset = self.asset
        return {
            "kind": self.kind.value,
            "account": self.account,
            "asset": asset.key if asset else None,
            "asset_kind": asset.kind.value if asset else None,
            "amount": self.amount,
            "unlimited": self.unlimited,
            "token_ids": list(self.token_ids),
            "counterparty": self.counterparty,
            "what": self.what,
            "protocol": self.protocol,
            "via": self.via,
            "expiry": self.expiry,
            "target": self.target,
            "selector": self.selector,
            "value": self.value,
            "text": describe(self),
        }


# --- words ----------------------------------------------------------------------------------

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
    if e.unlimited and e.kind is EffectKind.GIVES and e.what == "output":
        floor = f" (at least {_amount(e.model_copy(update={'unlimited': False}))})"
        return f"all the {name} it gets" + (floor if e.amount else "")
    if e.unlimited and e.kind is EffectKind.GETS:
        return f"all the {name}"
    if e.what == "fee" and e.amount is None:
        return f"a fee portion of the {name}"
    if e.unlimited:
        return f"every {name}" if asset.kind is AssetKind.NFT else f"unlimited {name}"
    if e.amount is None:
        return f"an unknown amount of {name}"
    decimals = asset.decimals
    if decimals is None and asset.kind is AssetKind.NATIVE:
        decimals = _NATIVE[asset.chain][1]
    if decimals is None and asset.chain is Chain.EVM and asset.address:
        # a token of the book (USDC, WETH, an aToken): its published decimals, as its name is
        decimals = token_decimals().get(asset.address.lower())
    if decimals is None:
        return f"{e.amount} base units of {name}"
    return f"{whole_units(e.amount, decimals, 4)} {name}"


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
    if e.kind is EffectKind.GIVES:
        return f"gives {_amount(e)} — to {_who(e)}"
    if e.kind is EffectKind.GETS:
        floor = "at least " if e.what == "output" and e.amount else ""
        return f"gets {floor}{_amount(e)} — to {_who(e)}"
    if e.kind is EffectKind.SIGNS_IN:
        return _sign_in(e)
    if e.kind is EffectKind.GRANTS:
        if e.what and e.what.startswith("recap:"):  # a SIWE ReCap (EIP-5573)
            return f"lets {e.protocol} {e.what[6:]} on {e.target}"
        if e.what == "revoke":
            return f"revokes {_who(e)}'s allowance of {_asset_name(e.asset) if e.asset else '?'}"
        expiry = "" if not e.expiry else f" until {e.expiry}"
        if e.expiry and e.expiry >= 2**40:  # Permit2's 2^48-1, 2^256-1: no real deadline
            expiry = ", never expiring"
        return f"lets {_who(e)} spend {_amount(e)}{expiry}"
    if e.kind is EffectKind.AUTHORITY:
        account = _account_name(e.account)
        if e.what == "revoke":  # an SPL authority set to none
            return f"removes an authority over {account} (nobody holds it)"
        return f"{e.what or 'authority'} on {account} — to {_who(e)}"
    if e.what in _BLOBS:
        return f"signs {_BLOBS[e.what]} (what it authorises is not shown)"
    value = f" with {_amount_native(e)}" if e.value else ""
    call = e.what or e.selector or "unknown function"
    return f"calls {call} on {_who(e)}{value} (not decoded)"


def _account_name(account: str | None) -> str:
    """An account an authority acts on: its protocol name where the book has it (a vault
    manager, a lending market), else masked."""
    if not account:
        return "the account"
    chain = Chain.EVM if account.startswith("0x") else Chain.SOLANA
    label = contract_label(chain, account)
    return f"{label} ({mask_address(account)})" if label else mask_address(account)


_BLOBS = {
    "hash_signature": "a 32-byte hash",
    "binary_signature": "binary data",
    "typed_data_digest": "an EIP-712 digest",
}


def _sign_in(e: Effect) -> str:
    who = "" if e.own or not e.account else f" as {mask_address(e.account)}"
    until = f" until {e.expiry}" if e.expiry else ""
    return f"signs in to {e.target}{who}{until}"


def _amount_native(e: Effect) -> str:
    chain = e.asset.chain if e.asset else Chain.EVM
    symbol, decimals = _NATIVE[chain]
    return f"{whole_units(e.value, decimals, None)} {symbol}"


def merge_effects(effects: Iterable[Effect]) -> list[Effect]:
    """NFT items of one collection given to one party read as one line ("#1 and 3 more")."""
    out: list[Effect] = []
    index: dict[tuple[Any, ...], int] = {}
    more: dict[int, list[int]] = {}  # token ids merged into out[i], copied in once at the end
    for e in effects:
        if e.token_ids and e.asset is not None and e.asset.kind is AssetKind.NFT:
            k = (e.kind, e.asset.key, e.counterparty, e.order)
            at = index.get(k)
            if at is not None:
                more.setdefault(at, []).extend(e.token_ids)
                continue
            index[k] = len(out)
        out.append(e)
    for at, ids in more.items():
        out[at] = out[at].model_copy(update={"token_ids": out[at].token_ids + tuple(ids)})
    return out


def describe_effects(effects: Iterable[Effect]) -> tuple[str, ...]:
    """Plain-word lines, one per effect (NFTs of a collection to one party merged)."""
    return tuple(describe(e) for e in merge_effects(effects))
