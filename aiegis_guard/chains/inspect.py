"""Chain-agnostic judgement of a :class:`DecodedTransaction` against the policy.

Both chain inspectors (``chains/evm/inspect.py``, ``chains/solana/inspect.py``) call
:func:`inspect_operations` with a :class:`ChainRules` declaration (built-in allowed spenders,
the name of the "unknown call" rule) and add their chain-only rules.

Rule ids are ``tx.<tag>.<rule>`` with ``<tag>`` = ``Chain.tag`` (``evm`` / ``sol``). Defaults:

===================================  ======  ==============================================
rule                                 action  when
===================================  ======  ==============================================
``threat_address``                   BLOCK   a recipient/spender/operator/delegate/authority/
                                             destination/target is on a threat list
``lookalike_<role>``                 BLOCK   a counterparty *looks like* an own/allowlisted
                                             address (address poisoning); role is one of
                                             recipient, spender, operator, delegate,
                                             authority, destination, target
``unknown_recipient``                FLAG    value (amount > 0 or unknown) to an address
                                             neither own nor in the recipient allowlist
                                             (a signed order's offer is judged by what
                                             comes back instead: ``order_gives_away``;
                                             a payment into a protocol call by its
                                             output: ``chains/paid_into.py``)
``unbounded_give``                   BLOCK   the same give with no bound: an amount at or
                                             above 2**128 base units (more than any
                                             supply), or a Safe gas refund of unknown
                                             amount (an ERC-20 ``gasPrice`` times the
                                             executor's gas): all of the asset
``unknown_venue``                    FLAG    a signed order (Seaport, Blur, CoW...) whose
                                             settlement contract is neither a known
                                             exchange nor allowlisted
``over_limit``                       BLOCK   this tx's total of an asset > ``per_tx`` limit
``over_period_limit``                BLOCK   spent-in-period + this tx > ``per_period``, or an
                                             unknown amount of a limited asset (same ids as
                                             the ledger's reservation, ``Guard.spend``)
``unlimited_approval``               BLOCK   unlimited approval/permit to a spender that is
                                             not own / allowlisted / built-in
``over_limit_approval``              BLOCK   bounded approval above the asset's limit to a
                                             non-allowlisted spender
``approval_unknown_spender``         BLOCK   bounded approval to a non-allowlisted spender that
                                             never expires (on-chain ``approve`` /
                                             ``increaseAllowance``, ERC-721 ``approve(x, id)``,
                                             SPL ``Approve``) or expires more than
                                             ``SHORT_LIVED_S`` (a year) from now;
                                     FLAG    the same grant when short-lived (a Permit2
                                             allowance whose ``expiration`` is within a year
                                             of now; an EIP-2612 / DAI permit's deadline
                                             bounds only the signature, its allowance never
                                             expires: BLOCK), and a Permit2
                                             ``PermitTransferFrom`` (a one-time give)
``set_approval_for_all``             BLOCK   operator over every NFT of a collection
                                             (setApprovalForAll(true)) not allowlisted
``revoke``                           ALLOW   approval revoked / set to zero (INFO)
``eip7702_delegation``               BLOCK   EIP-7702 code delegation to a delegate not in
                                             ``allowlist.evm_delegates``
``eip7702_any_chain``                BLOCK   EIP-7702 authorization with chain id 0 (valid
                                             on every chain), whatever the delegate
``eip7702_revoke``                   ALLOW   delegation to the zero address (clears code; also
                                             with chain id 0)
``<authority rule>``                 BLOCK   authority/owner of an own account handed to a
                                             non-own address: ``set_authority``
                                             (spl.set_authority), ``assign`` (system.assign*),
                                             ``authorize_nonce``, ``stake_authorize``,
                                             ``vote_authorize`` (a vote account's voter,
                                             withdrawer, identity, commission collector),
                                             ``transfer_ownership``,
                                             ``safe_owner_change`` (owners, threshold),
                                             ``safe_module_change``, ``safe_guard_change``,
                                             ``safe_fallback_handler_change``,
                                             ``ens_manager_change`` (ENS ``reclaim``),
                                             ``account_module_change``,
                                             ``account_validator_change``,
                                             ``account_owner_change`` (ERC-7579
                                             modules, Kernel validators / executors,
                                             a validator's key), ``restake_delegation``
                                             (EigenLayer ``delegateTo``),
                                             ``relayer_approval`` (Balancer
                                             ``setRelayerApproval``),
                                             ``rewards_receiver_change`` (Curve gauge
                                             ``set_rewards_receiver``: an allowlisted
                                             recipient is trusted),
                                             ... (FLAG when
                                             the account is not known to be own; FLAG when
                                             the authority lapses within ``SHORT_LIVED_S``
                                             (a Hyperliquid agent's ``valid_until``); an
                                             account-less change acts on the signer's own
                                             account; nothing when
                                             the new authority is own or an allowlisted
                                             spender / operator / delegate; an Ownable /
                                             Safe owner allowlisted in any role); FLAG when
                                             own ownership is renounced (``renounceOwnership``:
                                             irreversible, nobody gains it; a Safe guard or
                                             module removed stays BLOCK);
                                             ALLOW (INFO) when an SPL ``SetAuthority`` sets
                                             none (a power removed; the close authority
                                             reverts to the owner)
``close_account``                    BLOCK   CloseAccount paying the rent to a non-own address
``unknown_call`` / ``unknown_program``  FLAG  unknown selector/program carrying value,
                                             touching own accounts, or called by an own account
                                             / its smart account; the target not allowlisted
                                             (name from ChainRules); an allowlisted EVM target
                                             whose unread arguments name an address neither
                                             own, allowlisted nor well known (a receiver the
                                             decoder cannot place: ``reason:names-third-party``);
                                             an allowlisted Solana program whose instruction
                                             writes to a proven stranger's account (same
                                             reason; ``chains/solana/strangers.py``)
``safe_approve_hash``                FLAG    Safe ``approveHash``: pre-approves a transaction
                                             the request does not show
(effect rules)                               ``order_gives_away``, ``swap_recipient``,
                                             ``swap_no_minimum``: see ``chains/effect_rules.py``
``contract_creation``                FLAG    contract creation carrying value (else INFO)
``blind_signature``                  BLOCK   signing a bare 32-byte hash (eth_sign)
``durable_nonce``                    FLAG    transaction uses a durable nonce (never expires)
                                             whose nonce authority is not own (own cannot void
                                             it); ALLOW (info) when own holds the authority
``unresolved_lookup_tables``         FLAG    v0 message accounts not resolved while an
                                             instruction is not decoded (its accounts, own
                                             ones among them, may hide there);
                                     ALLOW   (info) when every instruction is decoded: an
                                             unresolved account is judged as a stranger
                                             (never own, never allowlisted)
(text rule ids)                      (text)  memo / personal_sign text through the text guard:
                                             its findings are re-emitted with ``in:memo``
===================================  ======  ==============================================

Value accounting for limits is :func:`aiegis_guard.chains.amounts.totals` and the check is
:func:`aiegis_guard.limits.check_limit` (both shared with the ledger's reservation).
``ctx.spent`` is only called when a per-period limit is configured for an asset this
transaction moves.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from dataclasses import dataclass

from aiegis_guard.chains.amounts import amount_evidence, limit_for_asset, native_decimals, totals
from aiegis_guard.chains.effect_derive import (
    SPL_SET_AUTHORITY,
    acting_accounts,
    derive_effects,
    own_accounts,
)
from aiegis_guard.chains.effect_rules import judge_effects
from aiegis_guard.chains.known import contract_label
from aiegis_guard.chains.paid_into import pays_into_protocol
from aiegis_guard.chains.transaction import (
    EXPIRING_GRANTS,
    SWAP_ORDER,
    Approval,
    AssetKind,
    AuthorityChange,
    Call,
    CloseAccount,
    Creation,
    DecodedTransaction,
    Delegation,
    Memo,
    PayloadKind,
    Receipt,
    Transfer,
    TxContext,
)
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.limits import check_limit, format_amount
from aiegis_guard.policy import Policy
from aiegis_guard.redact import mask_address

__all__ = ["SOLANA_RULES", "ChainRules", "format_amount", "inspect_operations"]

EVM_ZERO = "0x" + "0" * 40
SHORT_LIVED_S = 365 * 24 * 3600  # a bounded grant expiring within this is only FLAGged
# a signed one-time transfer (the spender moves up to the amount once): a give, not a grant
_ONE_TIME = frozenset({"permit2.permit_transfer_from"})

_AUTHORITY_RULES = {
    "spl.set_authority": "set_authority",
    "token2022.set_authority": "set_authority",
    "system.assign": "assign",
    "system.assign_with_seed": "assign",
    "system.authorize_nonce": "authorize_nonce",
    "stake.authorize": "stake_authorize",
    "stake.initialize": "stake_authorize",
    "stake.set_lockup": "stake_lockup",
    "stake.initialize_lockup": "stake_lockup",
    "vote.authorize": "vote_authorize",
    "vote.initialize": "vote_authorize",
    "vote.update_validator_identity": "vote_authorize",
    "vote.commission_collector": "vote_authorize",
    "ownable.transfer_ownership": "transfer_ownership",
    "safe.owner": "safe_owner_change",
    "safe.threshold": "safe_owner_change",
    "safe.module": "safe_module_change",
    "safe.guard": "safe_guard_change",
    "safe.fallback_handler": "safe_fallback_handler_change",
    "proxy.upgrade": "proxy_upgrade",
    "ens.reclaim": "ens_manager_change",
    "ens.set_owner": "ens_manager_change",
    "erc7579.module": "account_module_change",
    "kernel.executor": "account_module_change",
    "kernel.validator": "account_validator_change",
    "account.owner": "account_owner_change",
    "eigenlayer.delegate": "restake_delegation",
    "balancer.set_relayer_approval": "relayer_approval",
    "curve_gauge.rewards_receiver": "rewards_receiver_change",
}


@dataclass(frozen=True)
class ChainRules:
    """What differs between chains for the generic rules (a declaration, not a subclass)."""

    builtin_spenders: frozenset[str] = frozenset()  # always-allowed spenders (EVM: lower-case)
    unknown_call_rule: str = "unknown_call"


_SEVERITY = {Action.BLOCK: Severity.HIGH, Action.FLAG: Severity.MEDIUM}
EVM_RULES = ChainRules()
SOLANA_RULES = ChainRules(unknown_call_rule="unknown_program")


# --- small pure helpers ---------------------------------------------------------------------


def _norm(addr: str, chain: Chain) -> str:
    return addr.lower() if chain is Chain.EVM else addr


class _Judge:
    """Per-call state: the decoded transaction, the context and the chain's rule names."""

    __slots__ = (
        "acting",
        "chain",
        "ctx",
        "decoded",
        "exchange",
        "own",
        "parties",
        "policy",
        "prefix",
        "rules",
    )

    def __init__(self, decoded: DecodedTransaction, ctx: TxContext, rules: ChainRules) -> None:
        self.decoded = decoded
        self.ctx = ctx
        self.rules = rules
        self.chain = decoded.chain
        self.prefix = f"tx.{decoded.chain.tag}."  # of every rule id this judge emits
        self.policy = ctx.policy
        self.own = own_accounts(decoded, ctx.policy)  # wallet + signer / fee payer
        self.acting = acting_accounts(decoded, self.own)  # + the smart accounts it acts through
        self.exchange = any(isinstance(op, Receipt) for op in decoded.operations)
        self.parties: dict[str, tuple[str | None, str | None]] = {}

    def f(
        self,
        rule: str,
        action: Action,
        message: str,
        *evidence: str,
        preview: str = "",
        severity: Severity | None = None,
        category: Category = Category.TRANSACTION,
    ) -> Finding:
        if severity is None:
            severity = _SEVERITY.get(action, Severity.INFO)
        return Finding(
            rule_id=self.prefix + rule,
            category=category,
            severity=severity,
            action=action,
            message=message,
            preview=preview,
            evidence=evidence,
        )

    def _party(self, addr: str) -> tuple[str | None, str | None]:
        """(threat label, the known address it imitates) of ``addr``, once per request (a
        request names the same venue, token or recipient again and again)."""
        found = self.parties.get(addr)
        if found is None:
            chain, policy = self.chain, self.policy
            label = self.ctx.threats.address_label(chain, _norm(addr, chain))
            imitated = None if policy.is_known(addr, chain) else policy.lookalike_of(addr, chain)
            found = self.parties[addr] = (label, imitated)
        return found

    def counterparty(self, addr: str, role: str) -> list[Finding]:
        """Threat-list and lookalike checks for any address the tx hands something to."""
        label, imitated = self._party(addr)
        if label is None and imitated is None:
            return []
        out: list[Finding] = []
        if label is not None:
            out.append(
                self.f(
                    "threat_address",
                    Action.BLOCK,
                    f"{role} {mask_address(addr)} is on a threat list ({label})",
                    f"{role}:{addr}",
                    f"threat:{label}",
                    preview=mask_address(addr),
                    severity=Severity.CRITICAL,
                    category=Category.THREAT,
                )
            )
        if imitated is not None:
            out.append(
                self.f(
                    f"lookalike_{role}",
                    Action.BLOCK,
                    f"{role} {mask_address(addr)} imitates a known address (poisoning)",
                    f"{role}:{addr}",
                    f"looks-like:{imitated}",
                    f"same-first-last:{self.policy.lookalike_chars}",
                    preview=mask_address(addr),
                    severity=Severity.CRITICAL,
                )
            )
        return out

    def is_own(self, addr: str | None) -> bool:
        return addr is not None and _norm(addr, self.chain) in self.own

    def acts_for(self, addr: str | None) -> bool:
        return addr is not None and _norm(addr, self.chain) in self.acting


# --- per-operation rules --------------------------------------------------------------------


def _settles_exchange(j: _Judge, op: Transfer) -> bool:
    """The input of a swap paid to a well-known router: the output is judged instead."""
    return (
        j.exchange
        and _norm(op.recipient, j.chain) in j.rules.builtin_spenders
        and (op.order is not None or op.asset.kind is AssetKind.NATIVE)
    )


def _venue(j: _Judge, op: Transfer) -> list[Finding]:
    """A signed order's offer: judged by what comes back (``effect_rules.order_gives_away``)
    and by the venue that may fill it: a known exchange (Seaport, Blur, CoW...) or one the
    policy names; an order for an unrecognised settlement contract is FLAGged."""
    venue = op.recipient
    if contract_label(j.chain, venue) is not None or j.policy.is_known(venue, j.chain):
        return []
    msg = f"{op.via}: order for an unrecognised venue {mask_address(venue)}"
    return [j.f("unknown_venue", Action.FLAG, msg, f"venue:{venue}", f"via:{op.via}")]


UNBOUNDED = 2**128
"""A give at or above this many base units is more than any token's supply: all of it."""
_NO_BOUND_WHEN_UNKNOWN = frozenset({"safe.gas_refund"})
"""Gives whose unknown amount is a price the request's author chose times gas the executor
spends (``protocols/safe.py`` :func:`gas_refund` with ``safeTxGas = baseGas = 0``): no bound."""


def _unbounded(op: Transfer) -> bool:
    if op.amount is None:
        return op.via in _NO_BOUND_WHEN_UNKNOWN
    return op.amount >= UNBOUNDED and op.asset.kind is not AssetKind.NFT


def _transfer(j: _Judge, op: Transfer) -> list[Finding]:
    out = j.counterparty(op.recipient, "recipient")
    moves_value = op.amount != 0 or op.asset.kind in (AssetKind.NFT, AssetKind.UNKNOWN)
    if _settles_exchange(j, op) or pays_into_protocol(op, j.decoded, j.policy, j.acts_for):
        return out
    if op.order is not None and op.order != SWAP_ORDER:  # a signed order's offer
        return out + _venue(j, op)
    to_own = j.is_own(op.recipient)  # wallet, signer / fee payer (not a self-named Safe)
    if moves_value and not to_own and not j.policy.is_allowed_recipient(op.recipient, j.chain):
        if _unbounded(op):
            msg = (
                f"{op.via}: a give with no bound (all of the asset) to {mask_address(op.recipient)}"
            )
            ev = (f"recipient:{op.recipient}", f"via:{op.via}")
            amount = amount_evidence(j.policy, op.asset, op.amount, op.token_id)
            preview = mask_address(op.recipient)
            return [*out, j.f("unbounded_give", Action.BLOCK, msg, *ev, amount, preview=preview)]
        out.append(
            j.f(
                "unknown_recipient",
                Action.FLAG,
                f"{op.via} to {mask_address(op.recipient)}, not own or allowlisted",
                f"recipient:{op.recipient}",
                f"via:{op.via}",
                amount_evidence(j.policy, op.asset, op.amount, op.token_id),
                preview=mask_address(op.recipient),
            )
        )
    return out


def _allowed_spender(j: _Judge, spender: str, operator: bool) -> bool:
    s = _norm(spender, j.chain)
    if j.is_own(s) or s in j.rules.builtin_spenders:
        return True
    a = j.policy.allowlist
    if j.chain is Chain.EVM:  # an operator may hold allowances too (ERC-777, Comet managers)
        return s in a.evm_operators or (not operator and s in a.evm_spenders)
    return s in a.solana_delegates


def _approval(j: _Judge, op: Approval) -> list[Finding]:
    who = mask_address(op.spender)
    ev: tuple[str, ...] = (f"spender:{op.spender}", f"via:{op.via}")
    if op.deadline is not None:
        ev += (f"deadline:{op.deadline}",)
    if op.revoke:
        return [j.f("revoke", Action.ALLOW, f"{op.via}: approval of {who} revoked", *ev)]
    role = "operator" if op.all_assets else "spender"
    out = j.counterparty(op.spender, role)
    if _allowed_spender(j, op.spender, op.all_assets):
        return out
    amount = amount_evidence(j.policy, op.asset, op.amount, None)
    if op.all_assets:
        msg = f"{op.via}: operator {who} gets every NFT of the collection"
        out.append(j.f("set_approval_for_all", Action.BLOCK, msg, *ev, preview=who))
    elif op.unlimited or op.amount is None:
        msg = f"{op.via}: unlimited allowance to non-allowlisted spender {who}"
        out.append(j.f("unlimited_approval", Action.BLOCK, msg, *ev, amount, preview=who))
    elif _over_approval_limit(j.policy, op):
        msg = f"{op.via}: allowance above the asset's limit to non-allowlisted spender {who}"
        out.append(j.f("over_limit_approval", Action.BLOCK, msg, *ev, amount, preview=who))
    elif op.via in _ONE_TIME or (
        op.via in EXPIRING_GRANTS
        and op.deadline is not None
        and op.deadline <= time.time() + SHORT_LIVED_S
    ):
        msg = f"{op.via}: short-lived allowance to non-allowlisted spender {who}"
        out.append(j.f("approval_unknown_spender", Action.FLAG, msg, *ev, amount, preview=who))
    else:  # a standing grant: the stranger may spend it whenever it likes
        msg = f"{op.via}: allowance with no near expiry to non-allowlisted spender {who}"
        ev += ("no-expiry",) if op.deadline is None else ()
        out.append(j.f("approval_unknown_spender", Action.BLOCK, msg, *ev, amount, preview=who))
    return out


def _over_approval_limit(policy: Policy, op: Approval) -> bool:
    limit = limit_for_asset(policy, op.asset.chain, op.asset.kind, op.asset.address)
    if limit is None or op.amount is None:
        return False
    cap = limit.per_tx_units if limit.per_tx_units is not None else limit.per_period_units
    return cap is not None and op.amount > cap


def _delegation(j: _Judge, op: Delegation) -> list[Finding]:
    who = mask_address(op.delegate)
    ev: tuple[str, ...] = (f"delegate:{op.delegate}", f"chain_id:{op.chain_id}", f"via:{op.via}")
    if op.authority:
        ev += (f"authority:{op.authority}",)
    if _norm(op.delegate, j.chain) == EVM_ZERO:  # clears the delegation (on every chain if 0)
        return [j.f("eip7702_revoke", Action.ALLOW, "EIP-7702 delegation cleared", *ev)]
    out = j.counterparty(op.delegate, "delegate")
    if op.chain_id == 0:
        msg = "EIP-7702 authorization valid on every chain (chain id 0)"
        out.append(j.f("eip7702_any_chain", Action.BLOCK, msg, *ev, preview=who))
    if _norm(op.delegate, j.chain) not in j.policy.allowlist.evm_delegates:
        msg = f"EIP-7702: account code delegated to non-allowlisted {who}"
        out.append(
            j.f(
                "eip7702_delegation",
                Action.BLOCK,
                msg,
                *ev,
                preview=who,
                severity=Severity.CRITICAL,
            )
        )
    return out


# ownership handed over by name (Ownable, a Safe owner added / swapped in): the allowlist
# names the new owner in any role (a team multisig listed as a recipient is no stranger);
# modules, guards, handlers and code delegation need an operator / delegate / spender entry
_OWNERSHIP = frozenset({"ownable.transfer_ownership", "safe.owner", "account.owner"})
# a role that only receives (a gauge's rewards receiver): an allowlisted recipient is trusted
_RECEIVES = frozenset({"curve_gauge.rewards_receiver"})


def _trusted_authority(j: _Judge, addr: str, via: str) -> bool:
    """Allowlisted to act for the account (spender / operator / delegate); for an ownership
    handover, allowlisted in any role."""
    a, n = j.policy.allowlist, _norm(addr, j.chain)
    if j.chain is Chain.EVM:
        acts = n in a.evm_operators or n in a.evm_delegates or n in a.evm_spenders
        return acts or ((via in _OWNERSHIP or via in _RECEIVES) and n in a.evm)
    return n in a.solana_delegates


def _authority(j: _Judge, op: AuthorityChange) -> list[Finding]:
    rule = _AUTHORITY_RULES.get(op.via, "authority_change")
    new = op.new_authority
    out = j.counterparty(new, "authority") if new else []
    if new is not None and (j.is_own(new) or _trusted_authority(j, new, op.via)):
        return out
    if new is None and op.via in SPL_SET_AUTHORITY:  # removed: nobody gains a power
        msg = f"{op.via}: {op.authority_type} of {mask_address(op.account)} removed"
        return [j.f(rule, Action.ALLOW, msg, f"account:{op.account}", f"via:{op.via}")]
    ev: tuple[str, ...] = (f"account:{op.account}", f"new_authority:{new}", f"via:{op.via}")
    if op.authority_type:
        ev += (f"authority_type:{op.authority_type}",)
    target = mask_address(new) if new else "nobody"
    # an account-less change acts on the signer's own account (see AuthorityChange)
    own = not op.account or j.acts_for(op.account) or j.acts_for(op.current_authority)
    if own and op.authority_type == "owner_renounced":  # nobody gains it; cannot be undone
        msg = f"{op.via}: authority over own account {mask_address(op.account)} renounced"
        out.append(j.f(rule, Action.FLAG, msg, *ev, "own-account", "irreversible"))
    elif own and op.expires is not None and op.expires <= time.time() + SHORT_LIVED_S:
        msg = f"{op.via}: short-lived authority over own account -> {target}"
        out.append(j.f(rule, Action.FLAG, msg, *ev, "own-account", f"expires:{op.expires}"))
    elif own:
        msg = f"{op.via}: authority over own account {mask_address(op.account)} -> {target}"
        out.append(j.f(rule, Action.BLOCK, msg, *ev, "own-account", severity=Severity.CRITICAL))
    else:
        msg = f"{op.via}: authority of {mask_address(op.account)} -> {target}"
        out.append(j.f(rule, Action.FLAG, msg, *ev))
    return out


def _close(j: _Judge, op: CloseAccount) -> list[Finding]:
    out = j.counterparty(op.destination, "destination")
    if not j.is_own(op.destination):
        msg = f"{op.via}: rent of {mask_address(op.account)} paid to non-own address"
        ev = (f"account:{op.account}", f"destination:{op.destination}", f"via:{op.via}")
        preview = mask_address(op.destination)
        out.append(j.f("close_account", Action.BLOCK, msg, *ev, preview=preview))
    return out


def _call(j: _Judge, op: Call) -> list[Finding]:
    """An opaque call: FLAG when it carries value, touches or comes from an own account and
    the target is not allowlisted (a well-known router is not excused: being known is not
    being trusted)."""
    out = j.counterparty(op.target, "target")
    if op.known:
        return out
    if j.policy.is_known(op.target, j.chain):
        return out + _third_party(j, op)
    if op.via == "safe.approve_hash":  # judged by the EVM inspector (safe_approve_hash)
        return out
    from_own = op.sender is not None and j.acts_for(op.sender)
    if op.value or op.touches_own or from_own:
        why = ("value" if op.value else "") + (" own-accounts" if op.touches_own else "")
        why += " from-own-account" if from_own and not why else ""
        ev = [f"target:{op.target}", f"via:{op.via}", f"reason:{why.strip()}"]
        if op.selector:
            ev.append(f"selector:{op.selector}")
        if op.value:
            ev.append(format_amount(op.value, native_decimals(j.chain)))
        msg = f"unknown call to {mask_address(op.target)} carrying {why.strip()}"
        out.append(j.f(j.rules.unknown_call_rule, Action.FLAG, msg, *ev))
    return out


def _third_party(j: _Judge, op: Call) -> list[Finding]:
    """An opaque call to an allowlisted contract that names an address nobody vouches for
    (not own, not allowlisted, not a well-known contract): a receiver, a recipient or an
    ``onBehalf`` the decoder cannot place — the output of a trusted router may be going to a
    stranger. FLAG: nothing here says what the call does with it."""
    strangers = [
        a
        for a in op.names
        if not j.is_own(a)
        and not j.policy.is_known(a, j.chain)
        and contract_label(j.chain, a) is None
    ]
    if not strangers:
        return []
    ev = [f"target:{op.target}", f"via:{op.via}", "reason:names-third-party"]
    ev += [f"names:{a}" for a in strangers[:4]]
    if op.selector:
        ev.append(f"selector:{op.selector}")
    msg = (
        f"call to allowlisted {mask_address(op.target)} the decoder cannot read names "
        f"{mask_address(strangers[0])}, neither own nor allowlisted (a possible receiver)"
    )
    return [j.f(j.rules.unknown_call_rule, Action.FLAG, msg, *ev)]


def _creation(j: _Judge, op: Creation) -> list[Finding]:
    ev = (f"code_size:{op.code_size}", format_amount(op.value, native_decimals(j.chain)))
    if op.value:
        msg = "contract creation carrying value"
        return [j.f("contract_creation", Action.FLAG, msg, *ev)]
    return [j.f("contract_creation", Action.ALLOW, "contract creation", *ev)]


def _text(j: _Judge, text: str, where: str) -> list[Finding]:
    verdict = j.ctx.check_text(text)
    return [
        f.model_copy(update={"span": None, "evidence": (*f.evidence, f"in:{where}")})
        for f in verdict.findings
    ]


def _memo(j: _Judge, op: Memo) -> list[Finding]:
    return _text(j, op.text, "memo")


_OPS: dict[type, Callable[[_Judge, object], list[Finding]]] = {
    Transfer: _transfer,  # type: ignore[dict-item]
    Approval: _approval,  # type: ignore[dict-item]
    Delegation: _delegation,  # type: ignore[dict-item]
    AuthorityChange: _authority,  # type: ignore[dict-item]
    CloseAccount: _close,  # type: ignore[dict-item]
    Call: _call,  # type: ignore[dict-item]
    Creation: _creation,  # type: ignore[dict-item]
    Memo: _memo,  # type: ignore[dict-item]
}


# --- limits -----------------------------------------------------------------------------------


def _limits(j: _Judge) -> list[Finding]:
    if not j.policy.limits:
        return []
    found = (
        check_limit(j.chain, limit, total, functools.partial(j.ctx.spent, limit))
        for limit, total in totals(j.decoded, j.policy).items()
    )
    return [f for f in found if f is not None]


# --- whole transaction ------------------------------------------------------------------------


def _durable_nonce(j: _Judge) -> Finding:
    """A durable-nonce transaction never expires: whoever holds it may submit it at any time,
    until the nonce authority advances the nonce. Held by the own account, it can be voided
    (info); held by anyone else, the own account cannot take its signature back (FLAG)."""
    authority = next((n[16:] for n in j.decoded.notes if n.startswith("nonce-authority:")), "")
    ev = ("advance_nonce:first-instruction", f"nonce_authority:{authority or '?'}")
    if j.is_own(authority):
        msg = "durable-nonce transaction: the own account can void it by advancing the nonce"
        return j.f("durable_nonce", Action.ALLOW, msg, *ev)
    msg = "durable-nonce transaction: it never expires and the own account cannot void it"
    return j.f("durable_nonce", Action.FLAG, msg, *ev)


def _transaction_level(j: _Judge) -> list[Finding]:
    d = j.decoded
    out: list[Finding] = []
    if d.blind_hash:
        msg = "signing a bare 32-byte hash: what it authorises cannot be known"
        out.append(
            j.f("blind_signature", Action.BLOCK, msg, "payload:32-byte-hash", f"method:{d.tx_type}")
        )
    if d.durable_nonce:
        out.append(_durable_nonce(j))
    if d.unresolved_accounts:  # what hides there matters only to an instruction not decoded
        ev = f"unresolved_accounts:{d.unresolved_accounts}"
        if any(isinstance(op, Call) and not op.known for op in d.operations):
            msg = f"{d.unresolved_accounts} account(s) in lookup tables not resolved; judged partly"
            out.append(j.f("unresolved_lookup_tables", Action.FLAG, msg, ev))
        else:  # an unresolved account is never own or allowlisted: judged as a stranger
            msg = f"{d.unresolved_accounts} lookup-table account(s) unresolved; all decoded"
            out.append(j.f("unresolved_lookup_tables", Action.ALLOW, msg, ev, "decoded"))
    if d.kind is PayloadKind.MESSAGE and d.message_text:
        out += _text(j, d.message_text, "message")
    return out


def inspect_operations(
    decoded: DecodedTransaction, ctx: TxContext, rules: ChainRules | None = None
) -> list[Finding]:
    """All generic findings for ``decoded`` (see the module docstring for the rule table)."""
    if rules is None:
        rules = EVM_RULES if decoded.chain is Chain.EVM else SOLANA_RULES
    j = _Judge(decoded, ctx, rules)
    out = _transaction_level(j)
    for op in decoded.operations:
        judge = _OPS.get(type(op))
        if judge is not None:
            out += judge(j, op)
    out += _limits(j)
    effects = derive_effects(decoded, ctx.policy, j.own, j.acting)
    ctx.effects.extend(effects)
    out += judge_effects(effects, ctx.policy, decoded.chain)
    return out
