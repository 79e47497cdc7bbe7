"""Judge a decoded Solana transaction: resolve token accounts, apply the generic rules, add ours.

SPL instructions name *token accounts*, the policy names *wallets*. Before the generic rules of
:mod:`aiegis_guard.chains.inspect` run, :func:`resolve_solana` maps token accounts back to
wallets and mints:

* a token account's **owner** is known when the transaction creates it (ATA ``Create*``,
  ``InitializeAccount*``), when its authority signs for it in this transaction, or when it is
  the associated token account (ATA) of an own or allowlisted wallet for a mint the
  transaction or a ``[[limits]]`` entry names (derived with solders, Token and Token-2022);
* **own token accounts** are those whose owner is an own wallet;
* an SPL ``Transfer`` / ``Approve`` (unchecked) does not name its mint: the mint is taken from
  the same table (the source being an own ATA of a limited mint, a checked instruction on the
  same account, ...); when it stays unknown the asset is ``solana:unknown`` and, if any SPL
  limit is configured, ``tx.sol.unknown_mint`` FLAGs that the limit could not be checked;
* the **recipient** of a token transfer is the destination's owner wallet when known (so
  allowlists, lookalike and threat checks see the wallet), else the token account itself;
* a call ``touches_own`` when any of its accounts is an own wallet or own token account.

Solana-only rules (the generic ones are listed in ``chains/inspect.py``, tag ``sol``):

==============================  ======  ===================================================
``tx.sol.create_account``       FLAG    lamports funded into a new account owned by a program
                                        neither built in nor allowlisted (INFO otherwise)
``tx.sol.malformed_instruction`` FLAG   a known program's instruction too short to read
``tx.sol.unknown_mint``         FLAG    token amount whose mint is unknown while SPL limits
                                        are configured
``tx.sol.burn``                 FLAG    tokens burnt from an own token account
``tx.sol.priority_fee``         INFO    priority fee (FLAG above ``HIGH_PRIORITY_FEE``)
``tx.sol.blind_message``        FLAG    off-chain message of binary data (not text)
==============================  ======  ===================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.carried import carried_findings
from aiegis_guard.chains.inspect import SOLANA_RULES, format_amount, inspect_operations
from aiegis_guard.chains.known import known_mints
from aiegis_guard.chains.siwe import inspect_sign_ins
from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.operations import token_asset
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    AuthorityChange,
    Call,
    CloseAccount,
    Creation,
    DecodedTransaction,
    Operation,
    PayloadKind,
    Receipt,
    Transfer,
    TxContext,
)
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.policy import Policy
from aiegis_guard.redact import mask_address

__all__ = ["HIGH_PRIORITY_FEE", "OwnView", "associated_token_address", "inspect_solana"]
__all__ += ["own_view", "resolve_solana"]

# A swap's input paid to Jupiter is settled by the swap: its output is what gets judged.
_RULES = replace(SOLANA_RULES, builtin_spenders=frozenset({progs.JUPITER_V6_PROGRAM}))
MAX_OWNER_CANDIDATES = 8  # wallets tried as the owner of a token account a transfer pays
HIGH_PRIORITY_FEE = 10_000_000
"""Lamports (0.01 SOL): a priority fee above this is FLAGged (fees are burnt, not refunded)."""

SAFE_OWNER_PROGRAMS = frozenset({progs.SYSTEM_PROGRAM, progs.STAKE_PROGRAM, *progs.TOKEN_PROGRAMS})
_BURNS = frozenset({"Burn", "BurnChecked"})


@lru_cache(maxsize=8192)
def associated_token_address(wallet: str, mint: str, program: str) -> str | None:
    """The ATA of ``wallet`` for ``mint`` under a token program (None for a non-key input)."""
    try:
        keys = (Pubkey.from_string(wallet), Pubkey.from_string(mint), Pubkey.from_string(program))
    except ValueError:
        return None
    return str(get_associated_token_address(*keys))


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


def _limit_mints(policy: Policy) -> list[str]:
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


def _named_wallets(decoded: DecodedTransaction, allowed: frozenset[str]) -> list[str]:
    """Wallets the transaction names as counterparties (SOL recipients, close destinations,
    new authorities, the owners of the token accounts it creates), then the allowlisted
    wallets: candidates for the owner of a token account it pays."""
    out: dict[str, None] = {ref.owner: None for ref in decoded.token_accounts if ref.owner}
    for op in decoded.operations:
        if isinstance(op, Transfer) and op.asset.kind is AssetKind.NATIVE:
            out[op.recipient] = None
        elif isinstance(op, CloseAccount):
            out[op.destination] = None
        elif isinstance(op, AuthorityChange) and op.new_authority:
            out[op.new_authority] = None
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


def own_view(decoded: DecodedTransaction, policy: Policy) -> OwnView:
    """Own accounts, owners and mints of the token accounts ``decoded`` names."""
    own_wallets = policy.wallet.solana
    if decoded.sender:  # the fee payer signs and pays: it is the agent's own (issue 11, item 17)
        own_wallets = own_wallets | {decoded.sender}
    own_wallets = own_wallets | set(decoded.accounts)  # accounts it funds in this transaction
    owner_of: dict[str, str] = {}
    mint_of: dict[str, str] = {}
    program_of: dict[str, str] = {}
    mints = dict.fromkeys(_limit_mints(policy))
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
    return OwnView(frozenset(own), owner_of, mint_of)


NATIVE_MINT = "So11111111111111111111111111111111111111112"  # spl-token native_mint.rs


def _creates_account(op: AuthorityChange, view: OwnView) -> bool:
    """``Assign`` of a fresh account (not an own one) to a native program (System, Stake,
    Token): how wallets create split / seeded stake accounts (``allocate`` + ``assign``); an
    own account assigned anywhere stays an authority change."""
    return (
        op.via.startswith("system.assign")
        and op.new_authority in SAFE_OWNER_PROGRAMS
        and op.account not in view.own
    )


def _with_mint(asset: Asset, mint: str) -> Asset:
    """``asset`` (a token the instruction did not name) as ``mint``."""
    if asset.kind is AssetKind.FUNGIBLE and asset.symbol is None and asset.chain is Chain.SOLANA:
        return token_asset(mint, asset.decimals)  # the same value, built once per mint
    return asset.replace(address=mint)


def _resolve_output(op: Receipt, view: OwnView) -> Receipt:
    """A swap's output account: its owner wallet and its mint, when the view knows them."""
    update: dict[str, object] = {}
    if op.asset.address is None and op.recipient in view.mint_of:
        update["asset"] = _with_mint(op.asset, view.mint_of[op.recipient])
    if op.recipient in view.owner_of:
        update["recipient"] = view.owner_of[op.recipient]
    return op.replace(**update) if update else op


def _resolve_op(op: Operation, view: OwnView) -> Operation:
    if isinstance(op, Transfer) and op.asset.kind is AssetKind.NATIVE:
        # SOL paid into a wrapped-SOL token account (then SyncNative): its owner's wSOL
        if view.mint_of.get(op.recipient) == NATIVE_MINT and op.recipient in view.owner_of:
            return op.replace(recipient=view.owner_of[op.recipient])
        return op
    if isinstance(op, Transfer):
        update: dict[str, object] = {}
        if op.recipient in view.owner_of:
            update["recipient"] = view.owner_of[op.recipient]
        if op.asset.address is None and op.source in view.mint_of:
            update["asset"] = _with_mint(op.asset, view.mint_of[op.source])
        return op.replace(**update) if update else op
    if isinstance(op, Approval) and op.asset.address is None and op.source in view.mint_of:
        return op.replace(asset=_with_mint(op.asset, view.mint_of[op.source]))
    if isinstance(op, Receipt) and op.asset.kind is not AssetKind.NATIVE:
        return _resolve_output(op, view)
    if isinstance(op, CloseAccount) and op.destination in view.owner_of:
        return op.replace(destination=view.owner_of[op.destination])
    if isinstance(op, AuthorityChange) and _creates_account(op, view):
        return Creation(via=op.via, account=op.account, owner=op.new_authority)
    if isinstance(op, Call) and not op.touches_own and not view.own.isdisjoint(op.accounts):
        return op.replace(touches_own=True)
    return op


def resolve_solana(
    decoded: DecodedTransaction, policy: Policy, view: OwnView | None = None
) -> DecodedTransaction:
    """``decoded`` with token-account recipients mapped to wallets and mints filled in.

    Use this (not the raw decode) for the spend ledger: limits are keyed by mint.
    """
    view = view or own_view(decoded, policy)
    ops = tuple([_resolve_op(op, view) for op in decoded.operations])
    if all(new is old for new, old in zip(ops, decoded.operations, strict=True)):
        return decoded
    return decoded.replace(operations=ops)


def _finding(rule: str, action: Action, message: str, *evidence: str, preview: str = "") -> Finding:
    severity = {Action.BLOCK: Severity.HIGH, Action.FLAG: Severity.MEDIUM}.get(
        action, Severity.INFO
    )
    return Finding(
        rule_id=f"tx.sol.{rule}",
        category=Category.TRANSACTION,
        severity=severity,
        action=action,
        message=message,
        preview=preview,
        evidence=evidence,
    )


def _create_account(op: Creation, policy: Policy) -> Finding:
    owner = op.owner or "?"
    ev = (f"account:{op.account}", f"owner_program:{owner}", format_amount(op.value, 9, "SOL"))
    if owner in SAFE_OWNER_PROGRAMS or owner in policy.allowlist.solana_programs:
        return _finding("create_account", Action.ALLOW, f"{op.via}: new account", *ev)
    msg = f"{op.via}: lamports go to an account owned by unknown program {mask_address(owner)}"
    action = Action.FLAG if op.value else Action.ALLOW
    return _finding("create_account", action, msg, *ev, preview=mask_address(owner))


def _op_rules(op: Operation, view: OwnView, policy: Policy, spl_limits: bool) -> list[Finding]:
    if isinstance(op, Creation):
        return [_create_account(op, policy)]
    if isinstance(op, Call) and op.via == "solana.malformed":
        msg = f"{op.name} instruction of {mask_address(op.target)} cannot be read"
        return [_finding("malformed_instruction", Action.FLAG, msg, f"program:{op.target}")]
    if isinstance(op, Call) and op.name in _BURNS and op.target in progs.TOKEN_PROGRAMS:
        account, authority = op.accounts[0], op.accounts[2]
        if account in view.own or authority in view.own:
            msg = f"tokens burnt from own token account {mask_address(account)}"
            return [_finding("burn", Action.FLAG, msg, f"account:{account}", f"via:{op.name}")]
    if (
        spl_limits
        and isinstance(op, Transfer | Approval)
        and op.asset.kind is AssetKind.FUNGIBLE
        and op.asset.address is None
    ):
        msg = f"{op.via}: mint unknown (not named by the transaction); limits cannot be checked"
        return [_finding("unknown_mint", Action.FLAG, msg, f"via:{op.via}", f"source:{op.source}")]
    return []


def _transaction_rules(decoded: DecodedTransaction) -> Iterable[Finding]:
    fee = decoded.priority_fee
    if fee:
        amount = format_amount(fee, 9, "SOL")
        if fee > HIGH_PRIORITY_FEE:
            yield _finding("priority_fee", Action.FLAG, "unusually high priority fee", amount)
        else:
            yield _finding("priority_fee", Action.ALLOW, "priority fee", amount)
    is_message = decoded.kind is PayloadKind.MESSAGE
    if is_message and decoded.message_text is None and not decoded.blind_hash:
        msg = "signing binary data: what it authorises cannot be seen"
        yield _finding("blind_message", Action.FLAG, msg, "payload:binary")


def inspect_solana(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """Generic rules (tag ``sol``) on the resolved transaction, plus the Solana-only rules."""
    policy = ctx.policy
    view = own_view(decoded, policy)
    resolved = resolve_solana(decoded, policy, view)
    findings = [
        f
        for f in inspect_operations(resolved, ctx, _RULES)
        if f.rule_id != "tx.sol.contract_creation"  # judged by tx.sol.create_account
    ]
    spl_limits = bool(_limit_mints(policy))
    for op in resolved.operations:
        findings += _op_rules(op, view, policy, spl_limits)
    findings += _transaction_rules(decoded)
    if decoded.kind is PayloadKind.MESSAGE and decoded.operations:
        findings += inspect_sign_ins(decoded, ctx)  # Sign In With Solana
    return findings + carried_findings(decoded, "sol")
