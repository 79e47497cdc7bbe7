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
``tx.sol.burn``                 FLAG    tokens burnt from an own token account, or an own
                                        compressed / Metaplex Core NFT burnt
``tx.sol.priority_fee``         INFO    priority fee (FLAG above ``HIGH_PRIORITY_FEE``)
``tx.sol.blind_message``        FLAG    off-chain message of binary data (not text)
``tx.sol.swap_output_unknown_owner`` FLAG  a swap output lands in a token account whose owner
                                        and mint the transaction does not reveal (instead of
                                        ``swap_recipient``'s BLOCK: it may be an own account
                                        of a mint not known here)
``tx.sol.squads_unseen_transaction`` FLAG  Squads ``proposal_approve`` /
                                        ``vault_transaction_execute`` of a multisig
                                        transaction this request does not create (what is
                                        approved or run cannot be seen: ``squads_vault.py``)
``tx.sol.unknown_program``      FLAG    (generic rule, ``reason:names-third-party``) an
                                        instruction not decoded, of a program the policy
                                        names, writes to an account the transaction proves
                                        to be a stranger's (``strangers.py``);
                                        (``reason:unread-instruction``) an instruction of a
                                        program whose whole instruction set this package
                                        reads (Jupiter v6, CCTP: ``FULLY_READ_PROGRAMS``;
                                        the AMMs' tables read swaps only) that none of its
                                        tables knows, signed by an own wallet, even where the
                                        policy names the program: a function the decoder has
                                        not read may pay anyone (a newer route, a new
                                        version), and being trusted is no reading of it
==============================  ======  ===================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from solders.pubkey import Pubkey

from aiegis_guard.chains.carried import carried_findings
from aiegis_guard.chains.inspect import (
    SOLANA_RULES,
    ChainRules,
    format_amount,
    inspect_operations,
)
from aiegis_guard.chains.known import known_mints
from aiegis_guard.chains.siwe import inspect_sign_ins
from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.defi_layouts import STAKE_POOL_PROGRAMS
from aiegis_guard.chains.solana.operations import FULLY_READ_PROGRAMS, token_asset
from aiegis_guard.chains.solana.owners import (
    OwnView,
    associated_token_address,
    limit_mints,
    own_signers,
    own_view,
)
from aiegis_guard.chains.solana.squads_vault import UNSEEN
from aiegis_guard.chains.solana.strangers import name_strangers
from aiegis_guard.chains.solana.wormhole import TOKEN_BRIDGE_PROGRAM, spent_delegations
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
__all__ += ["own_view", "pools_by_authority", "resolve_solana"]

# A swap's input paid to Jupiter is settled by the swap: its output is what gets judged.
_RULES = replace(SOLANA_RULES, builtin_spenders=frozenset({progs.JUPITER_V6_PROGRAM}))
# AMM swaps (defi.py) guarantee their output (a minimum the program enforces): their input is
# settled like Jupiter's whatever the pool. Liquid-staking conversions run at a rate the pool's
# state sets (fees included), which the request does not show: their input is settled only
# when the policy names the pool or program (``paid_into``), else it is a payment to a stranger.
# A pump.fun bonding curve, a PumpSwap pool, the Wormhole Token Bridge and CCTP guarantee their
# output the same way (an exact amount or a minimum; the bridge's amount less the relayer fee).
_EXCHANGES: tuple[str, ...] = ("raydium_amm.", "raydium_cpmm.", "raydium_clmm.", "whirlpool.")
_EXCHANGES += ("meteora_dlmm.", "pumpfun.", "pumpswap.", "wormhole.", "cctp.", "cctp_v2.")
HIGH_PRIORITY_FEE = 10_000_000
MAX_POOLS = 4  # stake pools whose deposit authority is derived per request
"""Lamports (0.01 SOL): a priority fee above this is FLAGged (fees are burnt, not refunded)."""

# native programs whose new accounts' authorities are judged when they are named (stake and
# vote accounts: Initialize*), or that hold nothing of value by themselves
SAFE_OWNER_PROGRAMS = frozenset(
    {progs.SYSTEM_PROGRAM, progs.STAKE_PROGRAM, progs.VOTE_PROGRAM, *progs.TOKEN_PROGRAMS}
)
_BURNS = frozenset({"Burn", "BurnChecked"})
_ASSET_BURNS = frozenset({"bubblegum.burn_asset", "mpl_core.burn_asset"})  # (asset, owner)


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
        known = known_mints().get(mint)  # its decimals, so that amounts read in whole tokens
        decimals = asset.decimals if asset.decimals is not None or not known else known.decimals
        return token_asset(mint, decimals)  # the same value, built once per mint
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
    if isinstance(op, Call) and op.via == UNSEEN:
        msg = f"Squads {op.name} of a multisig transaction this request does not show"
        ev = (f"multisig:{op.accounts[0]}", f"acts_on:{op.accounts[2]}", f"via:{op.name}")
        return [_finding("squads_unseen_transaction", Action.FLAG, msg, *ev)]
    if isinstance(op, Call) and op.via == "solana.malformed":
        msg = f"{op.name} instruction of {mask_address(op.target)} cannot be read"
        return [_finding("malformed_instruction", Action.FLAG, msg, f"program:{op.target}")]
    if isinstance(op, Call) and op.name in _BURNS and op.target in progs.TOKEN_PROGRAMS:
        account, authority = op.accounts[0], op.accounts[2]
        if account in view.own or authority in view.own:
            msg = f"tokens burnt from own token account {mask_address(account)}"
            return [_finding("burn", Action.FLAG, msg, f"account:{account}", f"via:{op.name}")]
    if isinstance(op, Call) and op.via in _ASSET_BURNS and op.accounts[1] in view.own:
        asset = op.accounts[0]  # (asset, owner): a compressed / Core NFT destroyed
        msg = f"own NFT {mask_address(asset)} burnt"
        return [_finding("burn", Action.FLAG, msg, f"account:{asset}", f"via:{op.via}")]
    if (
        spl_limits
        and isinstance(op, Transfer | Approval)
        and op.asset.kind is AssetKind.FUNGIBLE
        and op.asset.address is None
    ):
        msg = f"{op.via}: mint unknown (not named by the transaction); limits cannot be checked"
        return [_finding("unknown_mint", Action.FLAG, msg, f"via:{op.via}", f"source:{op.source}")]
    return []


def _unread(op: Call, decoded: DecodedTransaction, policy: Policy) -> list[Finding]:
    """An instruction of a fully read program that no table knows, which an own wallet signs (in
    the transaction, or as the vault whose message carries it) and whose program the policy
    names: the generic rule lets a trusted program's opaque call pass, but this program's
    instruction set is read here, so this one is a function nobody has read — a newer route,
    a new version — that may pay its output to anyone. FLAG (a program the policy does not
    name is FLAGged by the generic rule already)."""
    if op.known or op.name is not None or op.via != "solana.instruction":
        return []
    if op.target not in FULLY_READ_PROGRAMS or not policy.is_known(op.target, Chain.SOLANA):
        return []
    signed = [
        w
        for w in own_signers(decoded, policy)
        if w in op.accounts and (w in decoded.signers or op.carrier)
    ]
    if not signed:
        return []
    ev = [f"target:{op.target}", f"via:{op.via}", "reason:unread-instruction"]
    ev += [f"selector:{op.selector}", f"signer:{signed[0]}"]
    msg = (
        f"instruction {op.selector} of {mask_address(op.target)} is not one the decoder reads, "
        "and the own wallet signs it: what it moves, and where, cannot be seen"
    )
    return [_finding("unknown_program", Action.FLAG, msg, *ev, preview=mask_address(op.target))]


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


def _rules(decoded: DecodedTransaction) -> ChainRules:
    """The Solana rules; the pools a decoded AMM swap pays its input into are settled by
    that swap like Jupiter (its output is what gets judged), and so is an allowance to the
    Wormhole Token Bridge that the same request spends in full (``wormhole.spent_delegations``)."""
    pools = frozenset(
        op.recipient
        for op in decoded.operations
        if isinstance(op, Transfer) and op.order == SWAP_ORDER and op.via.startswith(_EXCHANGES)
    )
    if pools and TOKEN_BRIDGE_PROGRAM in pools:
        pools |= spent_delegations(decoded.operations)
    return replace(_RULES, builtin_spenders=_RULES.builtin_spenders | pools) if pools else _RULES


def _unresolved_outputs(decoded: DecodedTransaction, view: OwnView) -> frozenset[str]:
    """Token accounts a swap output lands in whose owner *and* mint stay unknown (an AMM that
    names no mint): maybe an own account of a mint this package does not know, maybe a
    stranger's."""
    return frozenset(
        op.recipient
        for op in decoded.operations
        if isinstance(op, Receipt)
        and op.asset.kind is not AssetKind.NATIVE
        and op.recipient not in view.owner_of
        and op.recipient not in view.own
        and (op.asset.address or view.mint_of.get(op.recipient)) is None
    )


def _unsure(f: Finding, accounts: frozenset[str]) -> Finding:
    """``swap_recipient`` for an output account of unknown owner: FLAG, not BLOCK."""
    to = next((e[len("recipient:") :] for e in f.evidence if e.startswith("recipient:")), "")
    if f.rule_id != "tx.sol.swap_recipient" or to not in accounts:
        return f
    msg = f"swap output goes to token account {mask_address(to)} whose owner is unknown"
    return _finding("swap_output_unknown_owner", Action.FLAG, msg, *f.evidence, preview=f.preview)


def _deposit_authorities(pool: str) -> list[str]:
    """The SPL stake pool's deposit authority PDA ``[pool, b"deposit"]`` (solana-labs/
    solana-program-library ``stake-pool/program/src/lib.rs``
    ``find_deposit_authority_program_address``, seed ``AUTHORITY_DEPOSIT``) under each
    deployment of the program (the pool's own is not in the operation)."""
    try:
        key = Pubkey.from_string(pool)
    except ValueError:
        return []
    return [
        str(Pubkey.find_program_address([bytes(key), b"deposit"], Pubkey.from_string(p))[0])
        for p in sorted(STAKE_POOL_PROGRAMS)
    ]


def pools_by_authority(decoded: DecodedTransaction, policy: Policy) -> Policy:
    """``policy`` with the stake pools the request pays into trusted as recipients when it
    names their deposit authority PDA (in any role): the PDA is derived from the pool's own
    address, so it names that pool and no other (a pool with a custom deposit authority is
    not named by it). At most ``MAX_POOLS`` derivations."""
    pools = {
        op.recipient
        for op in decoded.operations
        if isinstance(op, Transfer) and op.via.startswith("stake_pool.")
    }
    trusted = [
        pool
        for pool in sorted(pools)[:MAX_POOLS]
        if not policy.is_known(pool, Chain.SOLANA)
        and any(policy.is_known(pda, Chain.SOLANA) for pda in _deposit_authorities(pool))
    ]
    return policy.with_addresses(allow_solana=trusted)


def inspect_solana(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """Generic rules (tag ``sol``) on the resolved transaction, plus the Solana-only rules."""
    policy = pools_by_authority(decoded, ctx.policy)
    if policy is not ctx.policy:
        ctx = replace(ctx, policy=policy)
    view = own_view(decoded, policy)
    resolved = name_strangers(resolve_solana(decoded, policy, view), view, policy)
    findings = [
        f
        for f in inspect_operations(resolved, ctx, _rules(decoded))
        if f.rule_id != "tx.sol.contract_creation"  # judged by tx.sol.create_account
    ]
    unsure = _unresolved_outputs(decoded, view)
    if unsure:
        findings = [_unsure(f, unsure) for f in findings]
    spl_limits = bool(limit_mints(policy))
    for op in resolved.operations:
        findings += _op_rules(op, view, policy, spl_limits)
        if isinstance(op, Call):
            findings += _unread(op, decoded, policy)
    findings += _transaction_rules(decoded)
    if decoded.kind is PayloadKind.MESSAGE and decoded.operations:
        findings += inspect_sign_ins(decoded, ctx)  # Sign In With Solana
    return findings + carried_findings(decoded, "sol")
