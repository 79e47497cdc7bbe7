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
``paymaster_fee``                    FLAG    (EVM) a bounded ERC-20 ``approve`` /
                                             ``increaseAllowance`` of a UserOperation's account
                                             to the operation's own paymaster that the book
                                             publishes as an ERC-20 paymaster: its gas fee,
                                             said to be within ``judge_grants.PAYMASTER_FEE_CAP``
                                             (50 USD, 0.02 ETH of a pegged token), above it, or
                                             in a token of unknown worth (an allowlisted
                                             spender: ALLOW as any; any other paymaster, a
                                             recipient-only entry too: a spender)
``approval_unknown_spender``         BLOCK   bounded approval to a non-allowlisted spender that
                                             never expires (on-chain ``approve`` /
                                             ``increaseAllowance``, ERC-721 ``approve(x, id)``,
                                             SPL ``Approve``) or expires more than
                                             ``SHORT_LIVED_S`` (30 days) from now;
                                     FLAG    the same grant when short-lived (a Permit2
                                             allowance whose ``expiration`` is within 30 days
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
                                             on every chain), unless the delegate is
                                             allowlisted and a deterministic (CREATE2)
                                             deployment of the address book (``chains:
                                             "*"``: the same code wherever it exists)
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
                                             ``role_grant`` (AccessControl ``grantRole``),
                                             ``proxy_admin_change`` (ProxyAdmin
                                             ``changeProxyAdmin``, proxy ``changeAdmin``),
                                             ``delegate_registry`` (delegate.xyz v2),
                                             ``vote_delegation`` (ERC20Votes ``delegate``,
                                             signed ``Delegation``),
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
                                             reason; ``chains/solana/strangers.py``); a
                                             selector nobody decodes called on the own
                                             (smart) account (``reason:own-account-code``);
                                             a protocol's function called on a contract
                                             that is not the protocol's is one too
                                             (``chains/evm/callee.py``)
``safe_approve_hash``                FLAG    Safe ``approveHash``: pre-approves a transaction
                                             the request does not show
(effect rules)                               ``order_gives_away``, ``swap_recipient``,
                                             ``swap_no_minimum``: see ``chains/effect_rules.py``
``contract_creation``                FLAG    contract creation carrying value (else INFO)
``blind_signature``                  BLOCK   signing a bare 32-byte hash (eth_sign; personal_sign
                                             of 32 bytes that are not text)
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
from collections.abc import Callable

from aiegis_guard.chains import judge_gives, judge_grants
from aiegis_guard.chains.amounts import totals
from aiegis_guard.chains.effect_derive import derive_effects
from aiegis_guard.chains.effect_rules import judge_effects
from aiegis_guard.chains.judging import EVM_RULES, SOLANA_RULES, ChainRules, Judge
from aiegis_guard.chains.transaction import (
    Approval,
    AuthorityChange,
    Call,
    CloseAccount,
    Creation,
    DecodedTransaction,
    Delegation,
    Memo,
    PayloadKind,
    Transfer,
    TxContext,
)
from aiegis_guard.findings import Action, Chain, Finding
from aiegis_guard.limits import check_limit, format_amount

__all__ = ["SOLANA_RULES", "ChainRules", "format_amount", "inspect_operations"]


_OPS: dict[type, Callable[[Judge, object], list[Finding]]] = {
    Transfer: judge_gives.transfer,  # type: ignore[dict-item]
    Approval: judge_grants.approval,  # type: ignore[dict-item]
    Delegation: judge_grants.delegation,  # type: ignore[dict-item]
    AuthorityChange: judge_grants.authority,  # type: ignore[dict-item]
    CloseAccount: judge_grants.close,  # type: ignore[dict-item]
    Call: judge_gives.call,  # type: ignore[dict-item]
    Creation: judge_gives.creation,  # type: ignore[dict-item]
    Memo: judge_gives.memo,  # type: ignore[dict-item]
}


# --- limits -----------------------------------------------------------------------------------


def _limits(j: Judge) -> list[Finding]:
    if not j.policy.limits:
        return []
    found = (
        check_limit(j.chain, limit, total, functools.partial(j.ctx.spent, limit))
        for limit, total in totals(j.decoded, j.policy).items()
    )
    return [f for f in found if f is not None]


# --- whole transaction ------------------------------------------------------------------------


def _durable_nonce(j: Judge) -> Finding:
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


def _transaction_level(j: Judge) -> list[Finding]:
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
        out += judge_gives.text(j, d.message_text, "message")
    return out


def inspect_operations(
    decoded: DecodedTransaction, ctx: TxContext, rules: ChainRules | None = None
) -> list[Finding]:
    """All generic findings for ``decoded`` (see the module docstring for the rule table)."""
    if rules is None:
        rules = EVM_RULES if decoded.chain is Chain.EVM else SOLANA_RULES
    j = Judge(decoded, ctx, rules)
    out = _transaction_level(j)
    for op in decoded.operations:
        judge = _OPS.get(type(op))
        if judge is not None:
            out += judge(j, op)
    out += _limits(j)
    effects = derive_effects(decoded, ctx.policy, j.own, j.acting)
    ctx.effects.extend(effects)
    out += judge_effects(effects, ctx.policy, decoded.chain, _settlers(j))
    return out


def _settlers(j: Judge) -> frozenset[str]:
    """The contracts that settle the request: its ``to`` (a typed message's verifying
    contract) and every contract it calls, but the accounts it acts for."""
    d = j.decoded
    found = {d.to} if d.to else set()
    found.update(
        op.target for op in d.operations if isinstance(op, Call) and op.target and not op.remote
    )
    if d.chain is Chain.EVM:
        found = {a.lower() for a in found}
    return frozenset(found - j.acting)
