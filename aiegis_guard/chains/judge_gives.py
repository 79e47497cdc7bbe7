"""What a request gives and calls: transfers (to whom, bounded or not), signed orders'
venues, opaque calls, contract creation and the text a memo carries (the per-operation rules
of :func:`aiegis_guard.chains.inspect.inspect_operations`; the rule table is its module's).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains import judge_grants
from aiegis_guard.chains.amounts import amount_evidence, native_decimals
from aiegis_guard.chains.judging import Judge, norm
from aiegis_guard.chains.known import contract_label
from aiegis_guard.chains.paid_into import pays_into_protocol
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Approval,
    AssetKind,
    AuthorityChange,
    Call,
    Creation,
    Delegation,
    Memo,
    Transfer,
    is_order_fee,
)
from aiegis_guard.findings import Action, Finding
from aiegis_guard.limits import format_amount
from aiegis_guard.redact import mask_address

__all__ = ["UNBOUNDED", "call", "creation", "memo", "text", "transfer"]


def _settles_exchange(j: Judge, op: Transfer) -> bool:
    """The input of a swap paid to a well-known router: the output is judged instead."""
    return (
        j.exchange
        and norm(op.recipient, j.chain) in j.rules.builtin_spenders
        and (op.order is not None or op.asset.kind is AssetKind.NATIVE)
    )


def _venue(j: Judge, op: Transfer) -> list[Finding]:
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
_NO_BOUND_WHEN_UNKNOWN = frozenset(
    {
        "safe.gas_refund",
        "eip7251.consolidation",
        "eigenlayer.rewards_claim",
        "symbiotic.claim",
        "symbiotic.claimBatch",
        "superfluid.flow",
        "spl.withdraw_excess_lamports",
    }
)
"""Gives whose unknown amount is a price the request's author chose times gas the executor
spends (``protocols/safe.py`` :func:`gas_refund` with ``safeTxGas = baseGas = 0``), a
validator's whole balance (``protocols/requests.py``), or everything a claim pays out (all of
the caller's unclaimed rewards, ``protocols/eigen_rewards.py``; all of a matured withdrawal,
``protocols/symbiotic.py``), or a money stream, which runs until it is deleted or the
sender's balance is spent (``protocols/superfluid.py``), or every lamport of a Token-2022
account or mint above its rent (``WithdrawExcessLamports``): no bound."""


def _unbounded(op: Transfer) -> bool:
    if op.amount is None:
        return op.via in _NO_BOUND_WHEN_UNKNOWN
    return op.amount >= UNBOUNDED and op.asset.kind is not AssetKind.NFT


# a party's whole claim, paid by whoever it lets claim (eigen_rewards.py; a Symbiotic claim is
# always the caller's own withdrawal, judged as any give of it)
_CLAIMS = frozenset({"eigenlayer.rewards_claim"})


def _anothers_claim(j: Judge, op: Transfer) -> bool:
    """All of a claim (rewards) of a named party that is not own, paid out by the claimer
    it chose: none of own's funds. Whose claim it is, is the policy's question (own's other
    accounts, a Safe whose hot wallet claims, are own: their claim is judged as any give)."""
    if op.amount is not None or op.via not in _CLAIMS or op.sender is None:
        return False
    return not (j.acts_for(op.sender) or j.is_own(op.sender))


def transfer(j: Judge, op: Transfer) -> list[Finding]:
    out = j.counterparty(op.recipient, "recipient")
    moves_value = op.amount != 0 or op.asset.kind in (AssetKind.NFT, AssetKind.UNKNOWN)
    if _settles_exchange(j, op) or pays_into_protocol(op, j.decoded, j.policy, j.acts_for):
        return out
    if _anothers_claim(j, op):
        return out
    if op.order is not None and op.order != SWAP_ORDER and not is_order_fee(op):  # its offer
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


def call(j: Judge, op: Call) -> list[Finding]:
    """An opaque call: FLAG when it carries value, touches or comes from an own account and
    the target is not allowlisted (a well-known router is not excused: being known is not
    being trusted)."""
    if op.known:
        return j.counterparty(op.target, "target")
    out = _opaque(j, op)
    if op.carried_cut and (op.touches_own or j.acts_for(op.target) or j.acts_for(op.sender)):
        out.append(_scan_cut(j, op))
    if op.carried and (j.acts_for(op.target) or _past_limit_from_own(j, op)):
        return out + carried(j, op)
    return out


def _scan_cut(j: Judge, op: Call) -> Finding:
    """The calls an opaque call of (or naming) an own account carries were not all read
    (``chains/evm/embedded.py`` limits): what was found is judged, the rest needs a human."""
    msg = f"calls carried by the call to {mask_address(op.target)} not all read (scan limit)"
    return j.f("decode_limit", Action.FLAG, msg, f"target:{op.target}", "embedded-scan-limit")


def _past_limit_from_own(j: Judge, op: Call) -> bool:
    """A call an own account makes that the decoder did not follow (nested past its depth
    limit: a self-multicall, an account's execute): what it carries runs for own."""
    return op.via == "evm.call.past_depth_limit" and j.acts_for(op.sender)


def carried(j: Judge, op: Call) -> list[Finding]:
    """The known calls an opaque call into an own account carries in its calldata
    (``chains/evm/embedded.py``): the account makes them, judged as if it made them bare."""
    out: list[Finding] = []
    for inner in op.carried:
        judge = _CARRIED.get(type(inner))
        if judge is not None:
            out += judge(j, inner)
    return out


def _opaque(j: Judge, op: Call) -> list[Finding]:
    out = j.counterparty(op.target, "target")
    if op.selector and op.name is None and j.acts_for(op.target) and not _self_note(j, op):
        return [*out, _own_code(j, op)]
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


def _self_note(j: Judge, op: Call) -> bool:
    """The signer's own transaction to itself, carried by nothing and setting no EIP-7702 code,
    whose data is text: an account without code runs nothing, its data is a note (an
    ethscription's ``data:,...``, a memo). Data that is not text is calldata: an EOA delegated
    by an earlier 7702 authorization runs its delegate's code with it (an executor, whatever
    its selector), which the transaction cannot show: judged as own-account code."""
    d = j.decoded
    if d.tx_type == "eip7702" or op.carrier or d.sender is None:
        return False
    if not op.target == op.sender == d.sender == d.to:
        return False
    return all(_is_text(data) for data in d.data)


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return all(c.isprintable() or c in "\t\r\n" for c in text)


def _own_code(j: Judge, op: Call) -> Finding:
    """A selector of the own (smart) account's code the decoder does not know at all: it may
    change who controls the account (owners, modules, upgrades), so being own is no excuse.
    FLAG. (A named function left opaque elsewhere, ``uninstallModule``, is the account's own
    administration here: judged as before.)"""
    ev = [f"target:{op.target}", f"via:{op.via}", "reason:own-account-code"]
    ev.append(f"selector:{op.selector}")
    msg = f"unknown call {op.selector} on the own account {mask_address(op.target)}"
    return j.f(j.rules.unknown_call_rule, Action.FLAG, msg, *ev)


def _third_party(j: Judge, op: Call) -> list[Finding]:
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


def creation(j: Judge, op: Creation) -> list[Finding]:
    ev = (f"code_size:{op.code_size}", format_amount(op.value, native_decimals(j.chain)))
    if op.value:
        msg = "contract creation carrying value"
        return [j.f("contract_creation", Action.FLAG, msg, *ev)]
    return [j.f("contract_creation", Action.ALLOW, "contract creation", *ev)]


def text(j: Judge, text: str, where: str) -> list[Finding]:
    verdict = j.ctx.check_text(text)
    return [
        f.model_copy(update={"span": None, "evidence": (*f.evidence, f"in:{where}")})
        for f in verdict.findings
    ]


def memo(j: Judge, op: Memo) -> list[Finding]:
    return text(j, op.text, "memo")


_CARRIED: dict[type, Callable[[Judge, Any], list[Finding]]] = {
    Transfer: transfer,
    Approval: judge_grants.approval,
    AuthorityChange: judge_grants.authority,
    Delegation: judge_grants.delegation,
    Call: call,
}
