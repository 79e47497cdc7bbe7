"""Who owns the token accounts a Solana transaction names (see :mod:`.inspect`).

A token account's owner is known when the transaction creates or initialises it, when only
its owner could sign an instruction on it, or when it is the associated token account (ATA)
of an own, allowlisted or named wallet for a mint the transaction, a ``[[limits]]`` entry or
the well-known mints name (derived with solders, Token and Token-2022).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from aiegis_guard.chains.known import known_mints
from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.layout import associated_token_address
from aiegis_guard.chains.transaction import (
    Approval,
    AssetKind,
    AuthorityChange,
    CloseAccount,
    Creation,
    DecodedTransaction,
    Receipt,
    Transfer,
)
from aiegis_guard.findings import Chain
from aiegis_guard.policy import Policy

__all__ = ["MAX_OWNER_CANDIDATES", "OwnView", "associated_token_address", "limit_mints"]
__all__ += ["own_signers", "own_view", "shown_wallets"]

MAX_OWNER_CANDIDATES = 8  # wallets tried as the owner of a token account a transfer pays


@lru_cache(maxsize=1024)
def _atas(own: frozenset[str], allowed: frozenset[str], mint: str) -> tuple[tuple[str, str], ...]:
    """``(ata, wallet)`` of every own / allowlisted wallet for ``mint``, both token programs."""
    out = []
    for wallet in (*own, *allowed):
        for program in progs.TOKEN_PROGRAMS:
            ata = associated_token_address(wallet, mint, program)
            if ata is not None:
                out.append((ata, wallet))
    return tuple(out)


@dataclass(frozen=True)
class OwnView:
    """What the policy plus the transaction say about the accounts it names."""

    own: frozenset[str]  # own wallets and own token accounts
    owner_of: dict[str, str]  # token account -> owner wallet
    mint_of: dict[str, str]  # token account -> mint


def limit_mints(policy: Policy) -> list[str]:
    return [
        lim.asset for lim in policy.limits if lim.chain is Chain.SOLANA and lim.asset != "native"
    ]


@lru_cache(maxsize=256)
def _known_atas(own: frozenset[str]) -> dict[str, tuple[str, str]]:
    """``ata -> (wallet, mint)`` of the own wallets for every well-known mint."""
    out: dict[str, tuple[str, str]] = {}
    for wallet in own:
        for mint in known_mints().values():
            ata = associated_token_address(wallet, mint.address, mint.program)
            if ata is not None:
                out[ata] = (wallet, mint.address)
    return out


def shown_wallets(decoded: DecodedTransaction) -> dict[str, None]:
    """Wallets the transaction names as counterparties, in order: the owners of the token
    accounts it creates, SOL recipients, close destinations, new authorities."""
    out: dict[str, None] = {ref.owner: None for ref in decoded.token_accounts if ref.owner}
    for op in decoded.operations:
        if isinstance(op, Transfer) and op.asset.kind is AssetKind.NATIVE:
            out[op.recipient] = None
        elif isinstance(op, CloseAccount):
            out[op.destination] = None
        elif isinstance(op, AuthorityChange) and op.new_authority:
            out[op.new_authority] = None
    return out


def _named_wallets(decoded: DecodedTransaction, allowed: frozenset[str]) -> list[str]:
    """The wallets the transaction shows (:func:`shown_wallets`), then the allowlisted
    wallets: candidates for the owner of a token account it pays."""
    out = shown_wallets(decoded)
    out.update(dict.fromkeys(sorted(allowed)))
    return list(out)[:MAX_OWNER_CANDIDATES]


def _resolve_by_ata(  # noqa: PLR0917 (the view's parts, filled in place)
    decoded: DecodedTransaction,
    own: frozenset[str],
    allowed: frozenset[str],
    owner_of: dict[str, str],
    mint_of: dict[str, str],
    program_of: dict[str, str],
) -> None:
    """Fill owners and mints that only an associated-token-address derivation reveals: an own
    account of a well-known mint (unchecked SPL instructions name no mint), and the wallet
    behind a destination that is the ATA of a wallet the transaction names."""
    sources = [op.source for op in decoded.operations if isinstance(op, Transfer | Approval)]
    outputs = [op for op in decoded.operations if isinstance(op, Receipt)]
    if any(s and s not in mint_of for s in sources) or any(
        o.recipient not in owner_of for o in outputs
    ):
        for ata, (wallet, mint) in _known_atas(own).items():
            owner_of.setdefault(ata, wallet)
            mint_of.setdefault(ata, mint)
    unknown = [
        (op.recipient, mint_of.get(op.source or "") or op.asset.address)
        for op in decoded.operations
        if isinstance(op, Transfer)
        and op.asset.kind is not AssetKind.NATIVE
        and op.recipient not in owner_of
    ]
    unknown += [  # a swap output paid into a token account the transaction names
        (o.recipient, o.asset.address or mint_of.get(o.recipient))
        for o in outputs
        if o.asset.kind is not AssetKind.NATIVE and o.recipient not in owner_of
    ]
    if not unknown:
        return
    wallets = _named_wallets(decoded, allowed)
    for account, paid in unknown:
        if paid is None:
            continue
        programs = [program_of[account]] if account in program_of else progs.TOKEN_PROGRAMS
        for wallet in wallets:
            if any(associated_token_address(wallet, paid, p) == account for p in programs):
                owner_of[account] = wallet
                mint_of.setdefault(account, paid)
                break


def own_signers(decoded: DecodedTransaction, policy: Policy) -> frozenset[str]:
    """The configured wallets and the fee payer, which signs and pays as the agent's own
    (issue 11, item 17) unless it sponsors the transaction (``DecodedTransaction.sponsor``)."""
    wallets = policy.wallet.solana
    payer = decoded.sender
    if payer and decoded.sponsor(wallets) is None:
        return frozenset(wallets | {payer})
    return frozenset(wallets)


def own_view(decoded: DecodedTransaction, policy: Policy) -> OwnView:
    """Own accounts, owners and mints of the token accounts ``decoded`` names."""
    own_wallets = signers = own_signers(decoded, policy)
    if decoded.sponsor(policy.wallet.solana) is None:  # accounts it funds in this transaction
        own_wallets = own_wallets | set(decoded.accounts)  # (a sponsor's creations are its own)
    owner_of: dict[str, str] = {}
    mint_of: dict[str, str] = {}
    program_of: dict[str, str] = {}
    mints = dict.fromkeys(limit_mints(policy))
    for ref in decoded.token_accounts:
        if ref.owner:
            owner_of[ref.account] = ref.owner
        if ref.program:
            program_of[ref.account] = ref.program
        if ref.mint:
            mint_of[ref.account] = ref.mint
            mints[ref.mint] = None
    for mint in mints:
        for ata, wallet in _atas(own_wallets, policy.allowlist.solana, mint):
            owner_of[ata] = wallet
            mint_of.setdefault(ata, mint)
    allowed = policy.allowlist.solana
    _resolve_by_ata(decoded, own_wallets, allowed, owner_of, mint_of, program_of)
    own = own_wallets | {acct for acct, owner in owner_of.items() if owner in own_wallets}
    own |= _held(decoded, signers)
    return OwnView(frozenset(own), owner_of, mint_of)


_OWNING_AUTHORITIES = frozenset({"account_owner", "withdrawer"})
"""Authorities that own an account: a token account's owner (SPL ``AuthorityType::AccountOwner``),
a stake account's withdrawer (``StakeAuthorize::Withdrawer``). Any other (close, freeze, staker,
a mint's) can be handed to a wallet by the account's owner without its consent (review25t F1)."""


def _held(decoded: DecodedTransaction, wallets: frozenset[str]) -> set[str]:
    """Accounts an own signer owned at the start and hands on in the transaction (a token
    account's owner, a stake account's withdrawer, :data:`_OWNING_AUTHORITIES`): own's until
    then, so what a later instruction does with one is done to an own account, whoever the
    authority went to (a stake account authorised to a pool, then handed to an unread program:
    table 24). A close / freeze / staker authority own holds or keeps does not make a
    stranger's account own's (review25t F1). ``wallets`` are the signers (``own_signers``), not
    the accounts the transaction funds: a new account signs for itself when it is created."""
    out, new = set(), set()
    for op in decoded.operations:
        if (
            isinstance(op, AuthorityChange)
            and op.authority_type in _OWNING_AUTHORITIES
            and op.current_authority in wallets
            and op.account
        ):
            out.add(op.account)
        elif isinstance(op, Creation) or (
            isinstance(op, AuthorityChange) and op.via.startswith("system.assign")
        ):
            new.add(op.account or "")  # created here: judged as a creation (``inspect``), not held
    return out - new
