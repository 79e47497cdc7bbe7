"""Deriving :class:`~aiegis_guard.chains.effects.Effect` s from decoded operations: who is
"own", and what each operation does to the own accounts (see :mod:`aiegis_guard.chains.effects`
for the model and its words). No chain SDK is imported here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.effects import Effect, EffectKind
from aiegis_guard.chains.known import contract_label
from aiegis_guard.chains.transaction import (
    EXPIRING_GRANTS,
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
    is_order_fee,
)
from aiegis_guard.findings import Chain
from aiegis_guard.policy import Policy

__all__ = ["HUGE", "SPL_SET_AUTHORITY", "acting_accounts", "derive_effects", "own_accounts"]
__all__ += ["is_sub_account", "sub_account_prefixes"]

_EVM_ZERO = "0x" + "0" * 40


# --- own accounts ---------------------------------------------------------------------------


def _norm(addr: str, chain: Chain) -> str:
    return addr.lower() if chain is Chain.EVM else addr


def own_accounts(decoded: DecodedTransaction, policy: Policy) -> frozenset[str]:
    """The accounts that are the agent's: the configured wallet and the signer / fee payer
    (not a Solana sponsor: ``DecodedTransaction.sponsor``). Only these count as "own" for a
    recipient, a spender or a new authority."""
    chain = decoded.chain
    own = set(policy.wallet.evm if chain is Chain.EVM else policy.wallet.solana)
    if decoded.sender and decoded.sponsor(own) is None:
        own.add(_norm(decoded.sender, chain))
    return frozenset(own)


def sub_account_prefixes(own: frozenset[str], chain: Chain) -> frozenset[str]:
    """The 19-byte address prefixes of the own EVM accounts (``"0x"`` + 38 hex digits)."""
    if chain is not Chain.EVM:
        return frozenset()
    return frozenset(a[:40] for a in own if len(a) == 42 and a.startswith("0x"))


def is_sub_account(addr: str, prefixes: frozenset[str]) -> bool:
    """An Euler EVC sub-account of an own account: euler-xyz/ethereum-vault-connector
    ``docs/specs.md`` (every address owns the 256 accounts ``address XOR id``, id 0-255: its
    first 19 bytes; ``haveCommonOwner``), which its owner alone operates through the EVC; a
    stranger cannot make one (a 152-bit prefix search). An output, a consideration or vault
    shares received there stay own's (effects); a plain give straight to one is still judged
    by the give rules (``judging.Judge.is_own`` does not read prefixes): a token that is not
    EVC-aware is stranded at an address nobody signs for."""
    return len(addr) == 42 and addr[:40].lower() in prefixes


def acting_accounts(decoded: DecodedTransaction, own: frozenset[str]) -> frozenset[str]:
    """``own`` plus the smart accounts (Safe, ERC-4337) the signer executes through: whose
    assets and authority the request acts on. A request names these itself, so they are never
    trusted as a *recipient* (an attacker's contract can pose as "the Safe")."""
    if not decoded.accounts:
        return own
    return own | {_norm(a, decoded.chain) for a in decoded.accounts}


# --- derivation -----------------------------------------------------------------------------


class _Ctx:
    __slots__ = ("acting", "chain", "chain_id", "evm", "own", "passkeys", "prefixes")

    def __init__(
        self,
        decoded: DecodedTransaction,
        own: frozenset[str],
        acting: frozenset[str] | None,
        passkeys: frozenset[str] = frozenset(),
    ) -> None:
        self.chain = decoded.chain
        self.evm = decoded.chain is Chain.EVM
        self.chain_id = decoded.chain_id
        self.own = own
        self.acting = acting if acting is not None else acting_accounts(decoded, own)
        self.passkeys = passkeys
        self.prefixes = sub_account_prefixes(own, decoded.chain)

    def is_own(self, addr: str | None) -> bool:
        """A counterparty that is the agent's (recipient, spender, new authority): an own
        account, its EVC sub-account, or one of the owner's passkeys as a smart account's
        owner."""
        if addr is None:
            return False
        a = addr.lower() if self.evm else addr
        return a in self.own or a in self.passkeys or is_sub_account(a, self.prefixes)

    def acts_for(self, addr: str | None) -> bool:
        """An account the request acts on (own or a smart account it executes through)."""
        if addr is None:
            return False
        return (addr.lower() if self.evm else addr) in self.acting

    def party(self, addr: str | None) -> dict[str, Any]:
        """An effect's counterparty fields: who, whether it is own, and its protocol label."""
        return {
            "counterparty": addr,
            "counterparty_own": self.is_own(addr),
            "protocol": self.label(addr),
        }

    def label(self, addr: str | None) -> str | None:
        return contract_label(self.chain, addr, self.chain_id)


HUGE = 1 << 255  # an amount this large is "everything" (max uint256 and its neighbours)


def _via(op: Operation) -> str:
    return f"{op.carrier} > {op.via}" if op.carrier else op.via


def _transfer(c: _Ctx, op: Transfer) -> Effect:
    sender, recipient = op.sender, op.recipient
    from_acting = c.acts_for(sender)
    to_own = c.is_own(recipient)
    gets = not from_acting and sender is not None and to_own
    # ``type(uint256).max`` of a token: all of the balance (Morpho's adapters, Aave withdraw)
    everything = _everything(op.amount) and op.asset.kind is not AssetKind.NFT
    return Effect(
        kind=EffectKind.GETS if gets else EffectKind.GIVES,
        account=recipient if gets else sender,
        own=gets or sender is None or from_acting,
        asset=op.asset,
        amount=None if everything else op.amount,
        unlimited=everything,
        token_ids=() if op.token_id is None else (op.token_id,),
        counterparty=sender if gets else recipient,
        counterparty_own=c.is_own(sender) if gets else to_own,
        what=None if op.order is None else "order_fee" if is_order_fee(op) else "offer",
        protocol=c.label(op.recipient),
        via=_via(op),
        order=op.order,
    )


# receipts paid to ``msg.sender`` by construction (no argument names the recipient): the
# account the request acts through (own, or its Safe / smart account) receives them
_TO_CALLER = frozenset(
    {
        "weth.deposit",
        "weth.withdraw",
        "lido.submit",
        "aave_v3.borrow",
        "wsteth.wrap",
        "wsteth.unwrap",
        "lido.claim",
        "eigenlayer.deposit",
        "eigenlayer.withdraw",
        "rocketpool.deposit",
        "rocketpool.burn",
    }
)


def _receipt(c: _Ctx, op: Receipt) -> Effect:
    own = op.to_signer or c.is_own(op.recipient)
    own = own or ((op.to_caller or op.via in _TO_CALLER) and c.acts_for(op.recipient))
    if op.to_caller and not own:  # an exchange's output left with a wrapper (Multicall3...)
        return _output_away(c, op, order=None)  # that anyone may call: given away
    swap = op.order in (None, SWAP_ORDER)
    fee = swap and op.via.endswith(".fee")  # a bounded portion of a swap output (router fee)
    if not own and not fee and swap:  # a swap / withdrawal output to another
        return _output_away(c, op, op.order)
    recipient: str | None = op.recipient
    if op.to_signer:  # "the order's owner": whoever signs, the own account when it is one
        recipient = next(iter(c.own)) if len(c.own) == 1 else None
    everything = _everything(op.amount)
    return Effect(
        kind=EffectKind.GETS,
        account=recipient if own else None,
        own=own,
        asset=op.asset,
        amount=None if everything else op.amount,
        unlimited=everything,
        token_ids=() if op.token_id is None else (op.token_id,),
        counterparty=recipient,
        counterparty_own=own,
        what="fee" if fee else "output" if swap else "consideration",
        via=_via(op),
        order=op.order,
    )


def _everything(amount: int | None) -> bool:
    """``type(uint256).max`` and the like as an amount: "all of it" (Aave ``withdraw``)."""
    return amount is not None and amount >= HUGE


def _output_away(c: _Ctx, op: Receipt, order: int | None) -> Effect:
    """The own account's swap (withdrawal, sweep) output paid to someone else: the own
    account gives all of it (``amount`` is the guaranteed minimum, when there is one).
    ``order``: the effect's order index (an exchange's output left with a wrapper: none, a
    swap output)."""
    return Effect(
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
        order=order,
    )


def _signature_transfer(c: _Ctx, op: Approval) -> Effect:
    """A Permit2 ``PermitTransferFrom`` signature: not a standing allowance but a one-time
    transfer of up to ``amount`` that the spender sends wherever it likes: a give."""
    return Effect(
        kind=EffectKind.GIVES,
        account=op.owner,
        own=op.owner is None or c.acts_for(op.owner),
        asset=op.asset,
        amount=op.amount,
        unlimited=op.unlimited,
        **c.party(op.spender),
        expiry=op.deadline,
        what="signature_transfer",
        via=_via(op),
    )


def _approval(c: _Ctx, op: Approval) -> Effect:
    if op.via == "permit2.permit_transfer_from" and not op.revoke:
        return _signature_transfer(c, op)
    what = "revoke" if op.revoke else "operator" if op.all_assets else "allowance"
    return Effect(
        kind=EffectKind.GRANTS,
        account=op.owner or op.source,
        own=op.owner is None or c.acts_for(op.owner),
        asset=op.asset,
        amount=op.amount,
        unlimited=op.unlimited or op.all_assets or (op.amount is None and op.token_id is None),
        token_ids=() if op.token_id is None else (op.token_id,),
        **c.party(op.spender),
        expiry=op.deadline if op.via in EXPIRING_GRANTS else None,
        what=what,
        via=_via(op),
    )


# SPL ``SetAuthority`` to none removes a power (mint, freeze, permanent delegate, hook...) or
# hands the close authority back to the owner: nobody gains anything (a revoke)
SPL_SET_AUTHORITY = frozenset({"spl.set_authority", "token2022.set_authority"})


def _authority(c: _Ctx, op: AuthorityChange) -> Effect:
    removed = op.new_authority is None and op.via in SPL_SET_AUTHORITY
    return Effect(
        kind=EffectKind.AUTHORITY,
        account=op.account or None,  # empty: the signer's own account
        own=not op.account or c.acts_for(op.account) or c.acts_for(op.current_authority),
        asset=op.asset,
        token_ids=() if op.token_id is None else (op.token_id,),
        **c.party(op.new_authority),
        what="revoke" if removed else op.authority_type or op.via,
        via=_via(op),
        expiry=op.expires,
    )


def _delegation(c: _Ctx, op: Delegation) -> Effect:
    return Effect(
        kind=EffectKind.AUTHORITY,
        account=op.authority,
        own=op.authority is None or c.acts_for(op.authority),
        **c.party(op.delegate),
        what="revoke" if op.delegate.lower() == _EVM_ZERO else "code_delegation",  # reset
        via=_via(op),
    )


def _close(c: _Ctx, op: CloseAccount) -> Effect:
    return Effect(
        kind=EffectKind.AUTHORITY,
        account=op.account,
        own=c.acts_for(op.account),
        counterparty=op.destination,
        counterparty_own=c.is_own(op.destination),
        what="close_account",
        via=_via(op),
    )


def _call(c: _Ctx, op: Call) -> Effect | None:
    if op.known or (op.off_book and c.acts_for(op.target)):
        return None  # a protocol's function on the own account: its own code, read beside
    if op.via == "evm.delegatecall":
        return _delegatecall(c, op)
    return Effect(
        kind=EffectKind.OPAQUE,
        account=op.sender,
        own=op.sender is None or c.acts_for(op.sender),
        **c.party(op.target),
        what=op.name,
        via=_via(op),
        target=op.target,
        selector=op.selector,
        value=op.value,
    )


def _delegatecall(c: _Ctx, op: Call) -> Effect:
    """Code run by DELEGATECALL acts as the account (it can rewrite a Safe's masterCopy,
    owners, modules): an authority effect on that account, handed to the target's code."""
    account = op.accounts[0] if op.accounts else op.sender
    return Effect(
        kind=EffectKind.AUTHORITY,
        account=account,
        own=account is None or c.acts_for(account),
        **c.party(op.target),
        what="delegatecall",
        via=_via(op),
        target=op.target,
        selector=op.selector,
    )


def _creation(c: _Ctx, op: Creation) -> Effect:
    return Effect(
        kind=EffectKind.OPAQUE,
        own=True,
        asset=Asset(chain=c.chain, kind=AssetKind.NATIVE),  # what ``value`` is counted in
        what="contract_creation" if c.chain is Chain.EVM else "create_account",
        via=_via(op),
        target=op.account,
        value=op.value,
    )


_DERIVE: dict[type, Callable[[_Ctx, Any], Effect | None]] = {
    Transfer: _transfer,
    Receipt: _receipt,
    Approval: _approval,
    AuthorityChange: _authority,
    Delegation: _delegation,
    CloseAccount: _close,
    Call: _call,
    Creation: _creation,
}  # a Memo says nothing about value


def derive_effects(
    decoded: DecodedTransaction,
    policy: Policy,
    own: frozenset[str] | None = None,
    acting: frozenset[str] | None = None,
) -> tuple[Effect, ...]:
    """The effects of every operation of ``decoded`` (nested layers are already flattened);
    ``own`` / ``acting``: :func:`own_accounts` / :func:`acting_accounts`, when the caller
    has them already."""
    own = own if own is not None else own_accounts(decoded, policy)
    c = _Ctx(decoded, own, acting, policy.wallet.passkeys)
    derive = _DERIVE.get
    found = []
    for op in decoded.operations:
        make = derive(type(op))
        e = make(c, op) if make is not None else None
        if e is not None:
            found.append(e)
    out = tuple(found)
    if decoded.kind is PayloadKind.MESSAGE and (decoded.blind_hash or decoded.data):
        out += (_signed_blob(decoded),)
    return out


def _signed_blob(decoded: DecodedTransaction) -> Effect:
    """A message that is not text (a bare hash, an encoded payload): what it authorises is
    unknown, so it reads as an opaque effect of the signer."""
    size = sum(len(d) for d in decoded.data) if decoded.data else 32
    what = "hash_signature" if size == 32 else "binary_signature"
    return Effect(
        kind=EffectKind.OPAQUE,
        account=decoded.sender,
        own=True,
        what="typed_data_digest" if "eip712-digest" in decoded.notes else what,
        via=decoded.tx_type or "message",
    )
