"""What a request does to the agent's own accounts: *effects*, derived from operations.

Every decoded request (EVM tx, typed data, Solana tx; every nested layer) becomes a list of
:class:`Effect` s, the way a wallet's balance-change preview reads:

- ``gives``     (asset, amount or unlimited, to whom): transfers, sweeps, an order's offer
- ``gets``      (asset, minimum amount, to whom): swap outputs, an order's consideration
- ``grants``    (asset or every asset of a collection, to whom, amount, expiry): approvals,
                permits, operators, delegates
- ``authority`` ownership / owner / module / guard / threshold changes, code delegation
                (EIP-7702), Solana ``Assign`` / ``SetAuthority``, account closes
- ``opaque``    a call the decoder cannot explain (target, value, selector)

The JSON form (:meth:`Effect.to_json`) is stable: ``kind``, ``account``, ``asset``,
``asset_kind``, ``amount`` (base units, int or null), ``unlimited``, ``token_ids``,
``counterparty``, ``what``, ``protocol``, ``via``, ``expiry``, ``target``, ``selector``,
``value``, ``text``. ``via`` is the carrier path ("execTransaction > multiSend >
erc20.transfer"); two requests with the same effects compare equal on :meth:`Effect.key`,
whatever carried them. No chain SDK is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict

from aiegis_guard.chains.known import contract_label
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Approval,
    Asset,
    AssetKind,
    AuthorityChange,
    Call,
    CloseAccount,
    Creation,
    DecodedTransaction,
    Delegation,
    Operation,
    PayloadKind,
    Receipt,
    Transfer,
)
from aiegis_guard.findings import Chain
from aiegis_guard.policy import Policy
from aiegis_guard.redact import mask_address

__all__ = [
    "Effect",
    "EffectKind",
    "acting_accounts",
    "derive_effects",
    "describe_effects",
    "merge_effects",
    "own_accounts",
]


class EffectKind(StrEnum):
    GIVES = "gives"
    GETS = "gets"
    GRANTS = "grants"
    AUTHORITY = "authority"
    OPAQUE = "opaque"


class Effect(BaseModel):
    """One thing a request does to (or for) an account; amounts in base units."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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
        return {
            "kind": self.kind.value,
            "account": self.account,
            "asset": self.asset.key if self.asset else None,
            "asset_kind": self.asset.kind.value if self.asset else None,
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


# --- own accounts ---------------------------------------------------------------------------


def _norm(addr: str, chain: Chain) -> str:
    return addr.lower() if chain is Chain.EVM else addr


def own_accounts(decoded: DecodedTransaction, policy: Policy) -> frozenset[str]:
    """The accounts that are the agent's: the configured wallet and the signer / fee payer.
    Only these count as "own" for a recipient, a spender or a new authority."""
    chain = decoded.chain
    own = set(policy.wallet.evm if chain is Chain.EVM else policy.wallet.solana)
    if decoded.sender:
        own.add(_norm(decoded.sender, chain))
    return frozenset(own)


def acting_accounts(decoded: DecodedTransaction, own: frozenset[str]) -> frozenset[str]:
    """``own`` plus the smart accounts (Safe, ERC-4337) the signer executes through: whose
    assets and authority the request acts on. A request names these itself, so they are never
    trusted as a *recipient* (an attacker's contract can pose as "the Safe")."""
    if not decoded.accounts:
        return own
    return own | {_norm(a, decoded.chain) for a in decoded.accounts}


# --- derivation -----------------------------------------------------------------------------


class _Ctx:
    __slots__ = ("acting", "chain", "chain_id", "own")

    def __init__(self, decoded: DecodedTransaction, own: frozenset[str]) -> None:
        self.chain = decoded.chain
        self.chain_id = decoded.chain_id
        self.own = own
        self.acting = acting_accounts(decoded, own)

    def is_own(self, addr: str | None) -> bool:
        """A counterparty that is the agent's (recipient, spender, new authority)."""
        return addr is not None and _norm(addr, self.chain) in self.own

    def acts_for(self, addr: str | None) -> bool:
        """An account the request acts on (own or a smart account it executes through)."""
        return addr is not None and _norm(addr, self.chain) in self.acting

    def label(self, addr: str | None) -> str | None:
        return contract_label(self.chain, addr, self.chain_id)


def _effect_of(**fields: Any) -> Effect:
    """An effect from already-validated operation fields: no second validation, and the
    defaults filled from a prepared dict (``model_construct`` is the hot spot otherwise)."""
    effect = Effect.__new__(Effect)
    object.__setattr__(effect, "__dict__", {**_DEFAULTS, **fields})
    object.__setattr__(effect, "__pydantic_fields_set__", set(fields))
    object.__setattr__(effect, "__pydantic_extra__", None)
    object.__setattr__(effect, "__pydantic_private__", None)
    return effect


HUGE = 1 << 255  # an amount this large is "everything" (max uint256 and its neighbours)

_DEFAULTS: dict[str, Any] = {
    name: field.default for name, field in Effect.model_fields.items() if not field.is_required()
}


def _via(op: Operation) -> str:
    return f"{op.carrier} > {op.via}" if op.carrier else op.via


def _transfer(c: _Ctx, op: Transfer) -> Effect:
    gets = not c.acts_for(op.sender) and op.sender is not None and c.is_own(op.recipient)
    return _effect_of(
        kind=EffectKind.GETS if gets else EffectKind.GIVES,
        account=op.recipient if gets else op.sender,
        own=gets or op.sender is None or c.acts_for(op.sender),
        asset=op.asset,
        amount=op.amount,
        token_ids=() if op.token_id is None else (op.token_id,),
        counterparty=op.sender if gets else op.recipient,
        counterparty_own=c.is_own(op.sender if gets else op.recipient),
        what="offer" if op.order is not None else None,
        protocol=c.label(op.recipient),
        via=_via(op),
        order=op.order,
    )


def _receipt(c: _Ctx, op: Receipt) -> Effect:
    own = op.to_signer or c.is_own(op.recipient)
    if not own and op.order in (None, SWAP_ORDER):  # a swap / withdrawal output to another
        return _output_away(c, op)
    recipient: str | None = op.recipient
    if op.to_signer:  # "the order's owner": whoever signs, the own account when it is one
        recipient = next(iter(c.own)) if len(c.own) == 1 else None
    everything = _everything(op.amount)
    return _effect_of(
        kind=EffectKind.GETS,
        account=recipient if own else None,
        own=own,
        asset=op.asset,
        amount=None if everything else op.amount,
        unlimited=everything,
        token_ids=() if op.token_id is None else (op.token_id,),
        counterparty=recipient,
        counterparty_own=own,
        what="output" if op.order in (None, SWAP_ORDER) else "consideration",
        via=_via(op),
        order=op.order,
    )


def _everything(amount: int | None) -> bool:
    """``type(uint256).max`` and the like as an amount: "all of it" (Aave ``withdraw``)."""
    return amount is not None and amount >= HUGE


def _output_away(c: _Ctx, op: Receipt) -> Effect:
    """The own account's swap (withdrawal, sweep) output paid to someone else: the own
    account gives all of it (``amount`` is the guaranteed minimum, when there is one)."""
    return _effect_of(
        kind=EffectKind.GIVES,
        own=True,
        asset=op.asset,
        amount=None if _everything(op.amount) else op.amount,
        unlimited=True,
        token_ids=() if op.token_id is None else (op.token_id,),
        counterparty=op.recipient,
        what="output",
        protocol=c.label(op.recipient),
        via=_via(op),
        order=op.order,
    )


def _signature_transfer(c: _Ctx, op: Approval) -> Effect:
    """A Permit2 ``PermitTransferFrom`` signature: not a standing allowance but a one-time
    transfer of up to ``amount`` that the spender sends wherever it likes: a give."""
    return _effect_of(
        kind=EffectKind.GIVES,
        account=op.owner,
        own=op.owner is None or c.acts_for(op.owner),
        asset=op.asset,
        amount=op.amount,
        unlimited=op.unlimited,
        counterparty=op.spender,
        counterparty_own=c.is_own(op.spender),
        expiry=op.deadline,
        what="signature_transfer",
        protocol=c.label(op.spender),
        via=_via(op),
    )


def _approval(c: _Ctx, op: Approval) -> Effect:
    if op.via == "permit2.permit_transfer_from" and not op.revoke:
        return _signature_transfer(c, op)
    what = "revoke" if op.revoke else "operator" if op.all_assets else "allowance"
    return _effect_of(
        kind=EffectKind.GRANTS,
        account=op.owner or op.source,
        own=op.owner is None or c.acts_for(op.owner),
        asset=op.asset,
        amount=op.amount,
        unlimited=op.unlimited or op.all_assets or (op.amount is None and op.token_id is None),
        token_ids=() if op.token_id is None else (op.token_id,),
        counterparty=op.spender,
        counterparty_own=c.is_own(op.spender),
        expiry=op.deadline,
        what=what,
        protocol=c.label(op.spender),
        via=_via(op),
    )


def _authority(c: _Ctx, op: AuthorityChange) -> Effect:
    return _effect_of(
        kind=EffectKind.AUTHORITY,
        account=op.account,
        own=c.acts_for(op.account) or c.acts_for(op.current_authority),
        counterparty=op.new_authority,
        counterparty_own=c.is_own(op.new_authority),
        what=op.authority_type or op.via,
        protocol=c.label(op.new_authority),
        via=_via(op),
    )


def _delegation(c: _Ctx, op: Delegation) -> Effect:
    return _effect_of(
        kind=EffectKind.AUTHORITY,
        account=op.authority,
        own=op.authority is None or c.acts_for(op.authority),
        counterparty=op.delegate,
        counterparty_own=c.is_own(op.delegate),
        what="code_delegation",
        protocol=c.label(op.delegate),
        via=_via(op),
    )


def _close(c: _Ctx, op: CloseAccount) -> Effect:
    return _effect_of(
        kind=EffectKind.AUTHORITY,
        account=op.account,
        own=c.acts_for(op.account),
        counterparty=op.destination,
        counterparty_own=c.is_own(op.destination),
        what="close_account",
        via=_via(op),
    )


def _call(c: _Ctx, op: Call) -> Effect | None:
    if op.known:
        return None
    if op.via == "evm.delegatecall":
        return _delegatecall(c, op)
    return _effect_of(
        kind=EffectKind.OPAQUE,
        account=op.sender,
        own=op.sender is None or c.acts_for(op.sender),
        counterparty=op.target,
        counterparty_own=c.is_own(op.target),
        what=op.name,
        protocol=c.label(op.target),
        via=_via(op),
        target=op.target,
        selector=op.selector,
        value=op.value,
    )


def _delegatecall(c: _Ctx, op: Call) -> Effect:
    """Code run by DELEGATECALL acts as the account (it can rewrite a Safe's masterCopy,
    owners, modules): an authority effect on that account, handed to the target's code."""
    account = op.accounts[0] if op.accounts else op.sender
    return _effect_of(
        kind=EffectKind.AUTHORITY,
        account=account,
        own=account is None or c.acts_for(account),
        counterparty=op.target,
        counterparty_own=c.is_own(op.target),
        what="delegatecall",
        protocol=c.label(op.target),
        via=_via(op),
        target=op.target,
        selector=op.selector,
    )


def _creation(c: _Ctx, op: Creation) -> Effect:
    return _effect_of(
        kind=EffectKind.OPAQUE,
        own=True,
        asset=Asset(chain=c.chain, kind=AssetKind.NATIVE),  # what ``value`` is counted in
        what="contract_creation" if c.chain is Chain.EVM else "create_account",
        via=_via(op),
        target=op.account,
        value=op.value,
    )


def _effect(c: _Ctx, op: Operation) -> Effect | None:
    if isinstance(op, Transfer):
        return _transfer(c, op)
    if isinstance(op, Receipt):
        return _receipt(c, op)
    if isinstance(op, Approval):
        return _approval(c, op)
    if isinstance(op, AuthorityChange):
        return _authority(c, op)
    if isinstance(op, Delegation):
        return _delegation(c, op)
    if isinstance(op, CloseAccount):
        return _close(c, op)
    if isinstance(op, Call):
        return _call(c, op)
    if isinstance(op, Creation):
        return _creation(c, op)
    return None  # memos say nothing about value


def derive_effects(
    decoded: DecodedTransaction, policy: Policy, own: frozenset[str] | None = None
) -> tuple[Effect, ...]:
    """The effects of every operation of ``decoded`` (nested layers are already flattened);
    ``own``: :func:`own_accounts`, when the caller has it already."""
    c = _Ctx(decoded, own if own is not None else own_accounts(decoded, policy))
    found = (_effect(c, op) for op in decoded.operations)
    out = tuple(e for e in found if e is not None)
    if decoded.kind is PayloadKind.MESSAGE and (decoded.blind_hash or decoded.data):
        out += (_signed_blob(decoded),)
    return out


def _signed_blob(decoded: DecodedTransaction) -> Effect:
    """A message that is not text (a bare hash, an encoded payload): what it authorises is
    unknown, so it reads as an opaque effect of the signer."""
    size = sum(len(d) for d in decoded.data) if decoded.data else 32
    return _effect_of(
        kind=EffectKind.OPAQUE,
        account=decoded.sender,
        own=True,
        what="hash_signature" if size == 32 else "binary_signature",
        via=decoded.tx_type or "message",
    )


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
    if e.kind is EffectKind.GIVES:
        return f"gives {_amount(e)} — to {_who(e)}"
    if e.kind is EffectKind.GETS:
        floor = "at least " if e.what == "output" and e.amount else ""
        return f"gets {floor}{_amount(e)} — to {_who(e)}"
    if e.kind is EffectKind.GRANTS:
        if e.what == "revoke":
            return f"revokes {_who(e)}'s allowance of {_asset_name(e.asset) if e.asset else '?'}"
        expiry = "" if not e.expiry else f" until {e.expiry}"
        if e.expiry and e.expiry >= 2**40:  # Permit2's 2^48-1, 2^256-1: no real deadline
            expiry = ", never expiring"
        return f"lets {_who(e)} spend {_amount(e)}{expiry}"
    if e.kind is EffectKind.AUTHORITY:
        account = mask_address(e.account) if e.account else "the account"
        return f"{e.what or 'authority'} on {account} — to {_who(e)}"
    if e.what in ("hash_signature", "binary_signature"):
        blob = "a 32-byte hash" if e.what == "hash_signature" else "binary data"
        return f"signs {blob} (what it authorises is not shown)"
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
