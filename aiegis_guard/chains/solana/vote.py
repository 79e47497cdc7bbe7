"""Vote program instructions -> operations (a validator's vote account).

Source: anza-xyz/solana-sdk ``vote-interface/src/instruction.rs`` (``VoteInstruction``, the
enum agave's ``programs/vote/src/vote_processor.rs`` executes: a bincode enum, u32 tag) and
``vote-interface/src/state/vote_instruction_data.rs`` (``VoteInit``, ``VoteAuthorize``
``{Voter, Withdrawer, VoterWithBLS}``, ``VoteAuthorize(Checked)WithSeedArgs``,
``CommissionKind``). Account orders are the enum's ``# Account references``.

What moves value or control of a vote account:

* ``Authorize`` / ``AuthorizeChecked`` / ``AuthorizeWithSeed`` / ``AuthorizeCheckedWithSeed``
  hand the voter or withdrawer role to a new key: an :class:`AuthorityChange` (the withdrawer
  owns the lamports and may close the account; the voter earns or loses the rewards);
* ``InitializeAccount`` names the first voter and withdrawer: an :class:`AuthorityChange` each
  (a vote account the agent funds in the same transaction is its own, as for stake accounts);
* ``UpdateValidatorIdentity`` makes a new key the node identity (the leader's block fees are
  paid to it): an :class:`AuthorityChange` (``validator_identity``);
* ``UpdateCommissionCollector`` sends a kind of commission to a new account from then on: an
  :class:`AuthorityChange` (``<kind>_collector``), nothing when the collector is the vote
  account itself (the default);
* ``Withdraw`` pays lamports out of the vote account: a SOL :class:`Transfer` whose sender is
  the withdraw authority; ``DepositDelegatorRewards`` pays lamports from its source into the
  vote account for the delegators: a SOL :class:`Transfer` to the vote account.

``UpdateCommission`` / ``UpdateCommissionBps`` change only the rate the vote account keeps of
rewards it earns from then on: no asset leaves, no key gains a power (the withdrawer still
holds everything), so they are known calls like a stake ``SetLockup`` that changes only dates.
The vote instructions (``Vote``, ``VoteSwitch``, ``UpdateVoteState*``,
``CompactUpdateVoteState*``, ``TowerSync*``) move nothing. ``InitializeAccountV2`` (BLS key
fields) and an ``AuthorizeWithSeed`` of ``VoterWithBLS`` (whose BLS bytes precede the seed)
are not read: they stay opaque calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import Ix, Layout, authority_change, known, lamports_paid
from aiegis_guard.chains.transaction import (
    Operation,
)

__all__ = ["VOTE_BUILDERS", "VOTE_LAYOUTS", "VOTE_PROGRAM", "vote_layout"]

VOTE_PROGRAM: Final = "Vote111111111111111111111111111111111111111"

VOTE_AUTHORITY_TYPES: Final = ("voter", "withdrawer", "voter")
"""``VoteAuthorize`` enum order (a u32): ``Voter``, ``Withdrawer``, ``VoterWithBLS`` (a voter
with a BLS key; its key bytes follow the tag)."""
COMMISSION_KINDS: Final = ("inflation_rewards", "block_revenue")
"""``CommissionKind`` enum order (a u32 under bincode)."""

_L = Layout
_KIND = ("vote_authorize", "u32")
_SEED = (("authority_owner", "pubkey"), ("authority_seed", "string"))
_NO_VALUE = ("vote", "slot_hashes", "clock", "authority")  # Vote / VoteSwitch
_SYNC = ("vote", "authority")  # UpdateVoteState* / CompactUpdateVoteState* / TowerSync*

VOTE_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L(
        "InitializeAccount",
        (("node", "pubkey"), ("voter", "pubkey"), ("withdrawer", "pubkey"), ("commission", "u8")),
        ("vote", "rent", "clock", "node"),
    ),
    1: _L("Authorize", (("new_authority", "pubkey"), _KIND), ("vote", "clock", "authority")),
    2: _L("Vote", (), _NO_VALUE),
    3: _L("Withdraw", (("lamports", "u64"),), ("vote", "to", "authority")),
    4: _L("UpdateValidatorIdentity", (), ("vote", "new_identity", "authority")),
    5: _L("UpdateCommission", (("commission", "u8"),), ("vote", "authority")),
    6: _L("VoteSwitch", (), _NO_VALUE),
    7: _L("AuthorizeChecked", (_KIND,), ("vote", "clock", "authority", "new_authority")),
    8: _L("UpdateVoteState", (), _SYNC),
    9: _L("UpdateVoteStateSwitch", (), _SYNC),
    10: _L(
        "AuthorizeWithSeed",
        (_KIND, *_SEED, ("new_authority", "pubkey")),
        ("vote", "clock", "authority_base"),
    ),
    11: _L(
        "AuthorizeCheckedWithSeed",
        (_KIND, *_SEED),
        ("vote", "clock", "authority_base", "new_authority"),
    ),
    12: _L("CompactUpdateVoteState", (), _SYNC),
    13: _L("CompactUpdateVoteStateSwitch", (), _SYNC),
    14: _L("TowerSync", (), _SYNC),
    15: _L("TowerSyncSwitch", (), _SYNC),
    # 16: InitializeAccountV2 (BLS key and proof as length-prefixed bytes): not read
    17: _L("UpdateCommissionCollector", (("kind", "u32"),), ("vote", "collector", "authority")),
    18: _L(
        "UpdateCommissionBps", (("commission_bps", "u16"), ("kind", "u32")), ("vote", "authority")
    ),
    19: _L("DepositDelegatorRewards", (("lamports", "u64"),), ("vote", "source")),
}


def vote_layout(data: bytes) -> tuple[Layout | None, int]:
    """The layout of a Vote program instruction (u32 tag), ``(None, 0)`` when not read."""
    if len(data) < 4:
        return None, 0
    tag = int.from_bytes(data[:4], "little")
    if tag in (10, 11) and len(data) >= 8 and int.from_bytes(data[4:8], "little") > 1:
        return None, 0  # VoterWithBLS: its BLS bytes sit before the seed fields
    return VOTE_LAYOUTS.get(tag), 4


_Builder = Callable[[Ix, Any], list[Operation]]


def _name(names: tuple[str, ...], code: int) -> str:
    return names[code] if code < len(names) else f"unknown_{code}"


def _authorize(ix: Ix, refs: Any) -> list[Operation]:
    current = ix.acc.get("authority") or ix.acc.get("authority_base")
    new = ix.args.get("new_authority") or ix.acc.get("new_authority")
    role = _name(VOTE_AUTHORITY_TYPES, ix.args["vote_authorize"])
    return [authority_change(ix, "vote", "vote.authorize", role, new, current=current)]


def _initialize(ix: Ix, refs: Any) -> list[Operation]:
    return [
        authority_change(ix, "vote", "vote.initialize", "voter", ix.args["voter"]),
        authority_change(ix, "vote", "vote.initialize", "withdrawer", ix.args["withdrawer"]),
    ]


def _identity(ix: Ix, refs: Any) -> list[Operation]:
    new, current = ix.acc["new_identity"], ix.acc["authority"]
    return [
        authority_change(
            ix, "vote", "vote.update_validator_identity", "validator_identity", new, current=current
        )
    ]


def _collector(ix: Ix, refs: Any) -> list[Operation]:
    collector = ix.acc["collector"]
    if collector == ix.acc["vote"]:  # back to the vote account itself: the withdrawer's
        return known(ix)
    role = _name(COMMISSION_KINDS, ix.args["kind"]) + "_collector"
    return [
        authority_change(
            ix, "vote", "vote.commission_collector", role, collector, current=ix.acc["authority"]
        )
    ]


def _pay(via: str, sender: str, recipient: str, source: str) -> _Builder:
    def build(ix: Ix, refs: Any) -> list[Operation]:
        return [lamports_paid(ix, via, sender, recipient, source)]

    return build


VOTE_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    ("vote", "Authorize"): _authorize,
    ("vote", "AuthorizeChecked"): _authorize,
    ("vote", "AuthorizeWithSeed"): _authorize,
    ("vote", "AuthorizeCheckedWithSeed"): _authorize,
    ("vote", "InitializeAccount"): _initialize,
    ("vote", "UpdateValidatorIdentity"): _identity,
    ("vote", "UpdateCommissionCollector"): _collector,
    ("vote", "Withdraw"): _pay("vote.withdraw", "authority", "to", "vote"),
    ("vote", "DepositDelegatorRewards"): _pay("vote.deposit_rewards", "source", "vote", "source"),
}
"""Every other read instruction is a known call without an effect (see the module header)."""
