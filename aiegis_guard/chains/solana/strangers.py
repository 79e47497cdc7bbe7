"""Opaque instructions of a trusted program that write to a stranger's account: the Solana
form of the EVM "names a third party" rule (``chains/judge_gives.py`` ``_third_party``).

An instruction the decoder cannot read, of a program the policy names, is not judged by what
it does: it may pay a withdrawal, a swap output or a refund to anyone its account list names.
Program accounts (pools, vaults, reserves, oracles, program-derived state) are strangers to
the policy too, so an account counts only when the transaction *proves* whose it is:

* a writable token account whose owner the transaction states (an ATA it creates, an
  ``InitializeAccount*``, an owner-signed instruction: ``owners.own_view``) or derives (the
  associated token account of an own / allowlisted / named wallet);
* a writable token account that is the associated token account (ATA, derived with solders:
  Token and Token-2022) of a wallet the instruction or the transaction names, for a mint the
  instruction or the transaction names. Only on-curve keys are tried as wallets (a pool's or
  a vault's authority is a program-derived, off-curve address: its ATAs are not a
  stranger's), and only off-curve writable accounts as ATAs;
* a writable wallet the transaction shows as a wallet elsewhere (the owner of a token account
  it creates, a SOL recipient, a close destination, a new authority).

The owner counts when it is neither own nor named by the policy. One exception: when the
instruction exchanges assets on the own account (it writes own token accounts of two mints or
more), a stranger's account of one of those mints is a fee or the counterparty's side (an AMM
taking its protocol fee into its fee wallet's ATA while the own accounts pay and receive), not
a redirection: it is left out. A one-sided instruction (the own account of one mint and a
stranger's of the same mint: a payment, an NFT bought from its seller) is FLAGged: the
direction of an opaque instruction cannot be read, and a payment to a stranger is what the
rule is for.

What it finds fills the opaque :class:`Call`'s ``names``; the generic judge FLAGs
``unknown_program`` with ``reason:names-third-party``. At most ``MAX_WALLETS`` x
``MAX_MINTS`` x 2 derivations per instruction (96, about a millisecond; only for opaque
instructions of trusted programs that write to an off-curve account of unknown owner).
"""

from __future__ import annotations

from collections.abc import Iterable

from solders.pubkey import Pubkey

from aiegis_guard.chains.known import known_mints
from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.layout import associated_token_address
from aiegis_guard.chains.solana.owners import OwnView, own_signers, shown_wallets
from aiegis_guard.chains.transaction import (
    Call,
    DecodedTransaction,
)
from aiegis_guard.findings import Chain
from aiegis_guard.policy import Policy

__all__ = ["MAX_MINTS", "MAX_WALLETS", "name_strangers", "stranger_wallets"]

MAX_WALLETS = 6
MAX_MINTS = 8


def _on_curve(address: str) -> bool | None:
    """Whether ``address`` is an ed25519 point (a wallet can be; a PDA never is)."""
    try:
        return Pubkey.from_string(address).is_on_curve()
    except ValueError:
        return None  # an unresolved lookup-table placeholder


class _Scope:
    """One instruction, the view and the policy: who is vouched for, what is own."""

    def __init__(self, op: Call, decoded: DecodedTransaction, view: OwnView, policy: Policy):
        self.op, self.view, self.policy = op, view, policy
        self.own_wallets = own_signers(decoded, policy)
        self.writes = frozenset(op.writable)
        self.programs = [p for p in progs.TOKEN_PROGRAMS if p in op.accounts]
        self.programs = self.programs or sorted(progs.TOKEN_PROGRAMS)
        self.mints: list[str] = []  # candidate mints (``_candidates``)
        self._own_mints: set[str] | None = None

    def vouched(self, address: str) -> bool:
        return address in self.view.own or self.policy.is_known(address, Chain.SOLANA)

    def _writes_own(self, mint: str) -> bool:
        """The instruction writes to an own token account of ``mint``."""
        view = self.view
        for account in self.writes:
            if view.mint_of.get(account) == mint and view.owner_of.get(account) in self.own_wallets:
                return True
        return any(
            associated_token_address(wallet, mint, program) in self.writes
            for wallet in self.own_wallets
            for program in self.programs
        )

    def exchange_side(self, mint: str | None) -> bool:
        """The instruction exchanges assets on the own account (writes own token accounts of
        two mints or more) and ``mint`` is one of them: a third party's account of it is a
        fee or the counterparty's side, not a redirection."""
        if mint is None:
            return False
        if self._own_mints is None:
            self._own_mints = {m for m in self.mints if self._writes_own(m)}
        if mint not in self._own_mints and self._writes_own(mint):
            self._own_mints.add(mint)
        return mint in self._own_mints and len(self._own_mints) >= 2


def _not_program(address: str) -> bool:
    return (
        address not in progs.BUILTIN_PROGRAMS
        and address not in progs.TOKEN_PROGRAMS
        and not address.startswith("Sysvar")
    )


def _candidates(s: _Scope, shown: Iterable[str]) -> tuple[list[str], list[str]]:
    """(wallets, mints) to derive ATAs from: on-curve accounts nobody vouches for, then the
    mints the transaction states, the well-known ones it names and the instruction's
    read-only accounts."""
    op = s.op
    wallets = [
        a
        for a in dict.fromkeys((*shown, *op.accounts))
        if a != op.target and _not_program(a) and not s.vouched(a) and _on_curve(a)
    ]
    known = known_mints()
    mints = dict.fromkeys(s.view.mint_of.get(a) or "" for a in op.accounts)
    mints.update(dict.fromkeys(a for a in op.accounts if a in known))
    mints.update(dict.fromkeys(a for a in op.accounts if a not in s.writes and _not_program(a)))
    mints.pop("", None)
    return wallets[:MAX_WALLETS], [m for m in mints if m != op.target][:MAX_MINTS]


def stranger_wallets(
    op: Call, decoded: DecodedTransaction, view: OwnView, policy: Policy
) -> tuple[str, ...]:
    """The wallets, neither own nor named by the policy, whose accounts ``op`` provably
    writes to (see the module docstring)."""
    s = _Scope(op, decoded, view, policy)
    if s.own_wallets.isdisjoint(decoded.signers) and decoded.sender not in s.own_wallets:
        return ()
    shown = shown_wallets(decoded)
    wallets, s.mints = _candidates(s, shown)
    out: dict[str, None] = {}
    unknown: set[str] = set()
    for account in s.writes - {op.target}:
        owner = view.owner_of.get(account)
        if owner is not None:
            if not s.vouched(owner) and not s.exchange_side(view.mint_of.get(account)):
                out[owner] = None
        elif account in shown and not s.vouched(account):
            out[account] = None
        elif not s.vouched(account) and _on_curve(account) is False:
            unknown.add(account)
    if unknown:
        for wallet in wallets:
            for mint in s.mints:
                for program in s.programs:
                    ata = associated_token_address(wallet, mint, program)
                    if ata in unknown and not s.exchange_side(mint):
                        out[wallet] = None
    return tuple(out)


def name_strangers(
    decoded: DecodedTransaction, view: OwnView, policy: Policy
) -> DecodedTransaction:
    """``decoded`` with each opaque instruction of a program the policy names carrying the
    strangers it writes to (``Call.names``)."""
    ops = list(decoded.operations)
    changed = False
    for i, op in enumerate(ops):
        if isinstance(op, Call) and not op.known and policy.is_known(op.target, Chain.SOLANA):
            names = stranger_wallets(op, decoded, view, policy)
            if names:
                ops[i] = op.replace(names=names)
                changed = True
    return decoded.replace(operations=tuple(ops)) if changed else decoded
