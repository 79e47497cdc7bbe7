"""Squads v4 multisig configuration -> authority changes on the multisig (layouts, the Borsh
reader of the actions, builders).

Source: Squads-Protocol/v4 ``programs/squads_multisig_program``: ``instructions/
config_transaction_create.rs`` (``ConfigTransactionCreateArgs { actions: Vec<ConfigAction>,
memo: Option<String> }``; accounts multisig, transaction, creator, rent payer, system program),
``instructions/multisig_config.rs`` (the controlled multisig's ``multisig_add_member``,
``multisig_remove_member``, ``multisig_change_threshold``, ``multisig_set_time_lock``,
``multisig_set_config_authority``; accounts multisig, config authority, rent payer, system
program), ``instructions/multisig_add_spending_limit.rs`` (``MultisigAddSpendingLimitArgs``:
the ``AddSpendingLimit`` fields; accounts multisig, config authority, spending limit, rent
payer, system program), ``state/config_transaction.rs`` (``ConfigAction``:
0 ``AddMember { Member }``, 1 ``RemoveMember``, 2 ``ChangeThreshold { u16 }``,
3 ``SetTimeLock { u32 }``, 4 ``AddSpendingLimit { create_key, vault_index: u8, mint,
amount: u64, period: u8-enum, members: Vec<Pubkey>, destinations: Vec<Pubkey> }``,
5 ``RemoveSpendingLimit``,
6 ``SetRentCollector { Option<Pubkey> }``) and ``state/multisig.rs`` (``Member { key,
permissions: { mask: u8 } }``, Initiate 1 | Vote 2 | Execute 4). Anchor discriminators
``sha256("global:<name>")[:8]``. Program ``SQDS4ep6…pCf``.

A config transaction only proposes; it is judged by what it proposes (a vote by the other
members is all that stands between it and the multisig):

* a member added / a config authority set: an :class:`AuthorityChange` on the multisig to that
  key, with the signer as the current authority (BLOCK for a stranger, ``inspect``);
* the threshold, a member removed, the rent collector: an :class:`AuthorityChange` with no
  own authority named (FLAG unless the new party is own or trusted);
* a spending limit: an :class:`Approval` of ``amount`` of the mint per period to each member
  it names (they may move it out of the vault without a vote);
* a time lock or a spending limit removed: a known call.

An action this reader does not know, or data that does not read to its end, leaves the
instruction malformed (FLAG). Vault transactions (``vault_transaction_create``, the proposal
votes, ``vault_transaction_execute``) are read by :mod:`.squads_vault`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.defi import spl_token
from aiegis_guard.chains.solana.layout import (
    SOL,
    Ix,
    Layout,
    known_call,
    malformed_call,
)
from aiegis_guard.chains.solana.squads_vault import (
    SQUADS_PROGRAM,
    VAULT_BUILDERS,
    VAULT_LAYOUTS,
    Reader,
    Short,
)
from aiegis_guard.chains.transaction import (
    Approval,
    AuthorityChange,
    Operation,
)

__all__ = ["SQUADS_BUILDERS", "SQUADS_PROGRAM", "squads_layout"]

_DEFAULT_MINT = "11111111111111111111111111111111"  # Pubkey::default(): SOL

_CONFIG = ("multisig", "config_authority", "rent_payer", "system_program")
SQUADS_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([155, 236, 87, 228, 137, 75, 81, 39]): Layout(
        "config_transaction_create", (), ("multisig", "transaction", "creator", "rent_payer")
    ),
    bytes([1, 219, 215, 108, 184, 229, 214, 8]): Layout("multisig_add_member", (), _CONFIG, 2),
    bytes([217, 117, 177, 210, 182, 145, 218, 72]): Layout(
        "multisig_remove_member", (), _CONFIG, 2
    ),
    bytes([141, 42, 15, 126, 169, 92, 62, 181]): Layout(
        "multisig_change_threshold", (), _CONFIG, 2
    ),
    bytes([148, 154, 121, 77, 212, 254, 155, 72]): Layout("multisig_set_time_lock", (), _CONFIG, 2),
    bytes([143, 93, 199, 143, 92, 169, 193, 232]): Layout(
        "multisig_set_config_authority", (), _CONFIG, 2
    ),
    bytes([11, 242, 159, 42, 86, 197, 89, 115]): Layout(
        "multisig_add_spending_limit",
        (),
        ("multisig", "config_authority", "spending_limit", "rent_payer", "system_program"),
        2,
    ),
}
# the controlled multisig's instructions carry one action's fields (then the memo)
_DIRECT = {
    "multisig_add_member": 0,
    "multisig_remove_member": 1,
    "multisig_change_threshold": 2,
    "multisig_set_time_lock": 3,
    "multisig_add_spending_limit": 4,
}


def squads_layout(data: bytes) -> tuple[Layout | None, int]:
    """A configuration instruction, or one of a vault transaction (:mod:`.squads_vault`)."""
    key = data[:8]
    return SQUADS_LAYOUTS.get(key) or VAULT_LAYOUTS.get(key), 8


Action = tuple[Any, ...]


def _action(r: Reader, tag: int) -> Action:
    if tag == 0:
        key = r.key()
        return ("member", key, r.num(1))
    if tag in (1, 5):
        return ("removed" if tag == 1 else "limit_removed", r.key())
    if tag == 2:
        return ("threshold", r.num(2))
    if tag == 3:
        return ("time_lock", r.num(4))
    if tag == 4:
        r.take(32)  # create_key
        vault, mint, amount, period = r.num(1), r.key(), r.num(8), r.num(1)
        return ("spending_limit", vault, mint, amount, period, r.keys(), r.keys())
    if tag == 6:
        return ("rent_collector", r.key() if r.num(1) else None)
    raise Short


def read_actions(ix: Ix) -> list[Action] | None:
    """The actions the instruction proposes or applies; None when they do not read."""
    r = Reader(ix.data, 8)
    try:
        if ix.name == "config_transaction_create":
            return [_action(r, r.num(1)) for _ in range(r.num(4))]
        if ix.name == "multisig_set_config_authority":
            return [("config_authority", r.key())]
        return [_action(r, _DIRECT[ix.name or ""])]
    except Short:
        return None


def _op(ix: Ix, action: Action, signer: str) -> Operation:
    multisig, via = ix.acc["multisig"], f"squads.{action[0]}"
    kind = action[0]
    if kind in ("member", "config_authority"):
        what = f"member(permissions={action[2]})" if kind == "member" else "config_authority"
        return AuthorityChange(
            via=via,
            account=multisig,
            new_authority=action[1],
            authority_type=what,
            current_authority=signer,
        )
    if kind in ("threshold", "removed", "rent_collector"):
        new = action[1] if kind == "rent_collector" else None
        what = f"threshold={action[1]}" if kind == "threshold" else kind
        if kind == "removed":
            what = f"member_removed:{action[1]}"
        return AuthorityChange(via=via, account=multisig, new_authority=new, authority_type=what)
    return known_call(ix)


def _limits(ix: Ix, action: Action) -> list[Operation]:
    _, _vault, mint, amount, _period, members, _destinations = action
    asset = SOL if mint == _DEFAULT_MINT else spl_token(mint)
    return [
        Approval(
            via="squads.spending_limit",
            asset=asset,
            owner=ix.acc["multisig"],
            spender=member,
            amount=amount,
            unlimited=False,
        )
        for member in members
    ]


def _squads(ix: Ix, refs: Any) -> list[Operation]:
    actions = read_actions(ix)
    if actions is None:
        return [malformed_call(ix)]
    signer = ix.acc.get("creator") or ix.acc["config_authority"]
    ops: list[Operation] = []
    for action in actions:
        if action[0] == "spending_limit":
            ops += _limits(ix, action)
        else:
            ops.append(_op(ix, action, signer))
    return ops


_Builder = Callable[[Ix, Any], list[Operation]]
SQUADS_BUILDERS: dict[tuple[str, str], _Builder] = {
    **{("squads", lay.name): _squads for lay in SQUADS_LAYOUTS.values()},
    **VAULT_BUILDERS,
}
