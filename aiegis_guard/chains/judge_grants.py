"""What a request grants: allowances, operators, code delegation, authority over an own
account, and where a closed account's rent goes (the per-operation rules of
:func:`aiegis_guard.chains.inspect.inspect_operations`; the rule table is its module's).
"""

from __future__ import annotations

import time

from aiegis_guard.chains.amounts import amount_evidence, limit_for_asset
from aiegis_guard.chains.effect_derive import SPL_SET_AUTHORITY
from aiegis_guard.chains.judging import Judge, norm
from aiegis_guard.chains.known import create2_contracts, known_erc20_paymasters, pegs
from aiegis_guard.chains.transaction import (
    EXPIRING_GRANTS,
    Approval,
    AuthorityChange,
    CloseAccount,
    Creation,
    Delegation,
)
from aiegis_guard.findings import Action, Chain, Finding, Severity
from aiegis_guard.policy import Policy
from aiegis_guard.redact import mask_address

__all__ = ["AUTHORITY_RULES", "SHORT_LIVED_S", "approval", "authority", "close", "delegation"]

EVM_ZERO = "0x" + "0" * 40
ED25519_KEY = "ed25519:"  # an off-chain API key (protocols/linked_signers.py): base58 after it
# a bounded grant whose allowance (or authority) lapses within this is only FLAGged; beyond it a
# stranger's grant BLOCKs. Thirty days is the longest an everyday dApp asks: Uniswap's Permit2
# integration guide (blog.uniswap.org/permit2-integration-guide) sets PERMIT_EXPIRATION to 30 days
# (and the signature's to 30 minutes); a year-long "bounded" grant to a stranger is a standing one
SHORT_LIVED_S = 30 * 24 * 3600
# a signed one-time transfer (the spender moves up to the amount once): a give, not a grant
_ONE_TIME = frozenset({"permit2.permit_transfer_from"})

AUTHORITY_RULES = {
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
    "proxy.admin": "proxy_admin_change",
    "access_control.grant_role": "role_grant",
    "delegate_registry.delegate": "delegate_registry",
    "votes.delegate": "vote_delegation",
    "governance.set_delegate": "vote_delegation",
    "bpf_loader.set_authority": "program_authority",
    "bpf_loader.initialize_buffer": "program_authority",
    "ens.reclaim": "ens_manager_change",
    "ens.set_owner": "ens_manager_change",
    "erc7579.module": "account_module_change",
    "kernel.executor": "account_module_change",
    "kernel.validator": "account_validator_change",
    "kernel.permission": "account_validator_change",
    "kernel.selector": "account_module_change",
    "smart_sessions.session": "account_validator_change",
    "account.owner": "account_owner_change",
    "hyperliquid.convert_to_multi_sig_user": "account_owner_change",
    "eigenlayer.delegate": "restake_delegation",
    "balancer.set_relayer_approval": "relayer_approval",
    "curve_gauge.rewards_receiver": "rewards_receiver_change",
    "eigenlayer.set_claimer": "rewards_claimer_change",
    "zodiac.assign_roles": "roles_member_change",
}


def _allowed_spender(j: Judge, spender: str, operator: bool) -> bool:
    s = norm(spender, j.chain)
    if j.is_own(s) or s in j.rules.builtin_spenders:
        return True
    a = j.policy.allowlist
    if j.chain is Chain.EVM:  # an operator may hold allowances too (ERC-777, Comet managers)
        return s in a.evm_operators or (not operator and s in a.evm_spenders)
    return s in a.solana_delegates


def approval(j: Judge, op: Approval) -> list[Finding]:
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
    elif _to_own_paymaster(j, op):
        out.append(_paymaster_fee(j, op, ev, amount))
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


# an ERC-4337 UserOperation's own paymaster (noted ``paymaster:`` by ``user_op_operations``)
# is paid in the account's token by an ERC-20 allowance it pulls in ``postOp`` (Pimlico /
# Circle / Alchemy token paymasters): a bounded ERC-20 approve to it may be the gas fee. The
# request names its paymaster itself (review19 F0: an attacker names himself), so the name
# alone blesses nothing: a published ERC-20 paymaster's fee (``known.known_erc20_paymasters``,
# on a chain its publisher lists) is FLAGged with the fee line, any other grant judged as the
# plain approve it is. A paymaster the policy lets hold allowances (``evm_spenders`` /
# ``evm_operators``) is ALLOWed before, as any allowlisted spender; a recipient-only entry
# (``allowlist.evm``) trusts no grant (review19b P1: a payee named as paymaster collected a
# standing allowance).
_FEE_VIAS = frozenset({"erc20.approve", "erc20.increase_allowance"})
PAYMASTER_FEE_CAP = {"USD": 5000, "ETH": 2}
"""What a gas fee may be, in hundredths of a pegged token's whole unit (``known.pegs``): 50
USD, 0.02 ETH (more than an L1 operation's gas at 100 gwei); above it, or in a token of
unknown value, the fee line says so."""


def _to_own_paymaster(j: Judge, op: Approval) -> bool:
    """Is ``op`` a bounded ERC-20 grant of the operation's account to the operation's own
    paymaster that the book knows as an ERC-20 paymaster? (Not a stranger named as paymaster,
    nor an address the policy allowlists in a role that holds no allowance.)"""
    notes = j.decoded.notes
    spender = norm(op.spender, j.chain)
    return (
        j.chain is Chain.EVM
        and op.via in _FEE_VIAS
        and op.amount is not None
        and f"paymaster:{spender}" in notes
        and op.owner is not None
        and f"account:{norm(op.owner, j.chain)}" in notes
        and _published_here(spender, j.decoded.chain_id)
    )


def _published_here(paymaster: str, chain_id: int | None) -> bool:
    """Is ``paymaster`` a published ERC-20 paymaster on the operation's chain? Where the book
    lists its chains (Circle's, from Circle's 'Paymaster Addresses and Events'), an operation
    on another chain names an address nobody published there: an unknown paymaster, judged as
    any stranger (issue 12). A chain the request does not state is not held against it."""
    paymasters = known_erc20_paymasters()
    if paymaster not in paymasters:
        return False
    chains = paymasters[paymaster]
    return chains is None or chain_id is None or chain_id in chains


def _paymaster_fee(j: Judge, op: Approval, ev: tuple[str, ...], amount: str) -> Finding:
    """FLAG: a fee to a paymaster only the book knows needs a human; the message says whether
    it is within ``PAYMASTER_FEE_CAP`` (gas), larger, or in a token whose worth is unknown."""
    who = mask_address(op.spender)
    peg = pegs().get(norm(op.asset.address or "", j.chain))
    cap = PAYMASTER_FEE_CAP.get(peg[0]) if peg is not None else None
    ev = (*ev, "paymaster:own-operation", "paymaster:known")
    fee = f"{op.via}: fee to the operation's own paymaster {who}"
    if peg is not None and cap is not None and _fees(j, op) * 100 <= cap * 10 ** peg[1]:
        msg = f"{fee} (a published ERC-20 paymaster, not allowlisted) for its gas: needs a human"
        return j.f("paymaster_fee", Action.FLAG, msg, *ev, amount, preview=who)
    why = "above what gas costs" if peg is not None else "in a token of unknown worth"
    msg = f"{fee} {why}: needs a human"
    return j.f("paymaster_fee", Action.FLAG, msg, *ev, amount, preview=who)


def _fees(j: Judge, op: Approval) -> int:
    """All the request grants the paymaster in ``op``'s token (``increaseAllowance`` adds up:
    ten bounded grants are judged as their sum)."""
    same = [
        o.amount or 0
        for o in j.decoded.operations
        if isinstance(o, Approval)
        and o.via in _FEE_VIAS
        and o.spender.lower() == op.spender.lower()
        and o.asset == op.asset
    ]
    return max(op.amount or 0, sum(same))


def _over_approval_limit(policy: Policy, op: Approval) -> bool:
    limit = limit_for_asset(policy, op.asset.chain, op.asset.kind, op.asset.address)
    if limit is None or op.amount is None:
        return False
    cap = limit.per_tx_units if limit.per_tx_units is not None else limit.per_period_units
    return cap is not None and op.amount > cap


def delegation(j: Judge, op: Delegation) -> list[Finding]:
    who = mask_address(op.delegate)
    ev: tuple[str, ...] = (f"delegate:{op.delegate}", f"chain_id:{op.chain_id}", f"via:{op.via}")
    if op.authority:
        ev += (f"authority:{op.authority}",)
    if norm(op.delegate, j.chain) == EVM_ZERO:  # clears the delegation (on every chain if 0)
        return [j.f("eip7702_revoke", Action.ALLOW, "EIP-7702 delegation cleared", *ev)]
    out = j.counterparty(op.delegate, "delegate")
    allowed = norm(op.delegate, j.chain) in j.policy.allowlist.evm_delegates
    if op.chain_id == 0 and not (allowed and _same_code_everywhere(op.delegate)):
        msg = "EIP-7702 authorization valid on every chain (chain id 0)"
        out.append(j.f("eip7702_any_chain", Action.BLOCK, msg, *ev, preview=who))
    if not allowed:
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


def _same_code_everywhere(delegate: str) -> bool:
    """A chain-id-0 authorization runs ``delegate``'s code on every chain where the account's
    nonce matches: it is what the signer vetted only where that address holds the same code.
    A deterministic (CREATE2) deployment of the address book (``create2: true``, from the
    project's deployment script, e.g. eth-infinitism's Simple7702Account) commits to its init
    code: wherever the address holds code, it is that code. ``chains: "*"`` alone is no proof:
    an address made by CREATE (a deployer's nonce: Multicall3, Disperse) or a diamond whose
    facets differ per chain (LI.FI) may hold anything on another chain, and so may one the
    book does not know."""
    return delegate.lower() in create2_contracts()


# ownership handed over by name (Ownable, a Safe owner added / swapped in): the allowlist
# names the new owner in any role (a team multisig listed as a recipient is no stranger);
# modules, guards, handlers and code delegation need an operator / delegate / spender entry
_OWNERSHIP = frozenset(
    {
        "ownable.transfer_ownership",
        "safe.owner",
        "account.owner",
        "hyperliquid.convert_to_multi_sig_user",
    }
)
# a role that only receives (a gauge's rewards receiver) or decides where an order's funds go
# (a deBridge order's authority on the destination chain: it cancels, with the refund to the
# address it names, or lowers the take; protocols/debridge.py): an allowlisted recipient, on
# either chain (a Solana key the order names: policy._home), is trusted
# (a Liquity v2 trove's owner, the receiver of its manager's withdrawals: position_managers.py)
_RECEIVES = frozenset(
    {
        "curve_gauge.rewards_receiver",
        "debridge.order_authority",
        "liquity_v2.receiver",
        "liquity_v2.trove_owner",
    }
)


# bounded powers over an own position (a human confirms; no BLOCK): a Liquity v2 trove's
# interest individual delegate (sets the rate only within the owner's [minRate, maxRate]) or
# batch manager (sets the batch's rate within the bounds it registered, at most
# MAX_ANNUAL_INTEREST_RATE, and accrues its management fee, at most
# MAX_ANNUAL_BATCH_MANAGEMENT_FEE a year, as the trove's debt; the owner leaves at will):
# liquity/bold ``contracts/src/BorrowerOperations.sol`` (``setInterestIndividualDelegate``,
# ``registerBatchManager``, ``setBatchManagerAnnualInterestRate``), ``Dependencies/
# Constants.sol``. Neither moves collateral or debt out of the trove (position_managers.py)
_BOUNDED = frozenset({"liquity_v2.interest_delegate", "liquity_v2.interest_batch_manager"})


def _trusted_authority(j: Judge, addr: str, via: str, account: str = "") -> bool:
    """Allowlisted to act for the account (spender / operator / delegate); for an ownership
    handover, allowlisted in any role; a beacon deposit's withdrawer, when the validator
    deposited into is allowlisted (``evm_validators``)."""
    a, n = j.policy.allowlist, norm(addr, j.chain)
    if j.chain is Chain.EVM and via == "beacon.deposit" and j.policy.is_trusted_validator(account):
        return True  # a deposit into a trusted validator (see effect_rules)
    if j.chain is Chain.EVM and addr.startswith(ED25519_KEY):  # an API key (an Orderly key)
        return addr.removeprefix(ED25519_KEY) in a.solana_delegates  # spelt as a Solana key
    if j.chain is Chain.EVM:
        acts = n in a.evm_operators or n in a.evm_delegates or n in a.evm_spenders
        if via in _RECEIVES:
            return acts or j.policy.is_allowed_recipient(addr, j.chain)
        return acts or (via in _OWNERSHIP and n in a.evm)
    return n in a.solana_delegates


def _own_account_to_recipient(j: Judge, op: AuthorityChange) -> bool:
    """An own SPL token account handed over whole (``AccountOwner``) to an allowlisted
    recipient: its balance goes with it, as a transfer of it there would (and as an EVM
    ownership handover to an allowlisted address, ``_OWNERSHIP``)."""
    new = op.new_authority
    return (
        new is not None
        and op.via in SPL_SET_AUTHORITY
        and op.authority_type == "account_owner"
        and j.acts_for(op.current_authority)
        and j.policy.is_allowed_recipient(new, j.chain)
    )


_NEW_TOKEN_AUTHORITIES = frozenset({"metadata_update_authority", "group_update_authority"})
"""Token-2022 metadata / group interface update authorities (``token-metadata/interface``,
``token-group/interface``): they rewrite a token's name, symbol, URI or group, not its value."""


def _of_new_token(j: Judge, op: AuthorityChange) -> bool:
    """``op`` sets the metadata / group update authority of an account the transaction creates
    (a mint launched here): nothing of own's existing value is handed over, judged with the
    creation (FLAG), not as own's account handed away (review25t F9)."""
    if op.authority_type not in _NEW_TOKEN_AUTHORITIES or not op.account:
        return False
    return any(isinstance(o, Creation) and o.account == op.account for o in j.decoded.operations)


def authority(j: Judge, op: AuthorityChange) -> list[Finding]:
    rule = AUTHORITY_RULES.get(op.via, "authority_change")
    new = op.new_authority
    out = j.counterparty(new, "authority") if new else []
    trusted = new is not None and _trusted_authority(j, new, op.via, op.account)
    if new is not None and (j.is_own(new) or trusted or _own_account_to_recipient(j, op)):
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
    own = own and not _of_new_token(j, op)
    if own and (op.authority_type or "").endswith("renounced"):  # nobody gains it; for good
        msg = f"{op.via}: authority over own account {mask_address(op.account)} renounced"
        out.append(j.f(rule, Action.FLAG, msg, *ev, "own-account", "irreversible"))
    elif own and op.expires is not None and op.expires <= time.time() + SHORT_LIVED_S:
        msg = f"{op.via}: short-lived authority over own account -> {target}"
        out.append(j.f(rule, Action.FLAG, msg, *ev, "own-account", f"expires:{op.expires}"))
    elif own and op.via in _BOUNDED:
        msg = f"{op.via}: a bounded {op.authority_type} of own position -> {target}"
        out.append(j.f(rule, Action.FLAG, msg, *ev, "own-account", "bounded"))
    elif own:
        msg = f"{op.via}: authority over own account {mask_address(op.account)} -> {target}"
        out.append(j.f(rule, Action.BLOCK, msg, *ev, "own-account", severity=Severity.CRITICAL))
    else:
        msg = f"{op.via}: authority of {mask_address(op.account)} -> {target}"
        out.append(j.f(rule, Action.FLAG, msg, *ev))
    return out


def close(j: Judge, op: CloseAccount) -> list[Finding]:
    out = j.counterparty(op.destination, "destination")
    if not j.is_own(op.destination):
        msg = f"{op.via}: rent of {mask_address(op.account)} paid to non-own address"
        ev = (f"account:{op.account}", f"destination:{op.destination}", f"via:{op.via}")
        preview = mask_address(op.destination)
        out.append(j.f("close_account", Action.BLOCK, msg, *ev, preview=preview))
    return out
