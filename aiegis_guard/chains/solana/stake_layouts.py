"""Stake program instruction layouts (solana-program/stake ``interface/src/instruction.rs``:
``StakeInstruction`` bincode enum, u32 tag; ``StakeAuthorize``; ``LockupArgs``)."""

from __future__ import annotations

from typing import Final

from aiegis_guard.chains.solana.layout import Layout

__all__ = ["STAKE_AUTHORITY_TYPES", "STAKE_LAYOUTS", "STAKE_PROGRAM"]

STAKE_PROGRAM: Final = "Stake11111111111111111111111111111111111111"
_L = Layout
_U64 = ("lamports", "u64")

STAKE_AUTHORITY_TYPES: Final = ("staker", "withdrawer")
"""``StakeAuthorize`` enum order (a u32 in Authorize* instructions)."""

_STAKER = ("staker", "pubkey")
_WITHDRAWER = ("withdrawer", "pubkey")
_LOCKUP = (("unix_timestamp", "u64"), ("epoch", "u64"), ("custodian", "pubkey"))
_NEW = ("new_authority", "pubkey")
_KIND = ("stake_authorize", "u32")
_SEED = (("authority_seed", "string"), ("authority_owner", "pubkey"))
_OPT_LOCKUP = (("unix_timestamp", "opt_u64"), ("epoch", "opt_u64"))

# Stake program: u32 little-endian discriminator (bincode enum tag). Trailing optional accounts
# (lockup custodian) are allowed by ``min_accounts``.
STAKE_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L("Initialize", (_STAKER, _WITHDRAWER, *_LOCKUP), ("stake", "rent")),
    1: _L("Authorize", (_NEW, _KIND), ("stake", "clock", "authority", "custodian"), 3),
    2: _L(
        "DelegateStake",
        (),
        ("stake", "vote", "clock", "stake_history", "config", "authority"),
    ),
    3: _L("Split", (_U64,), ("stake", "split_stake", "authority")),
    4: _L(
        "Withdraw",
        (_U64,),
        ("stake", "to", "clock", "stake_history", "authority", "custodian"),
        5,
    ),
    5: _L("Deactivate", (), ("stake", "clock", "authority")),
    6: _L("SetLockup", (*_OPT_LOCKUP, ("custodian", "opt_pubkey")), ("stake", "authority")),
    7: _L("Merge", (), ("stake", "source_stake", "clock", "stake_history", "authority")),
    8: _L(
        "AuthorizeWithSeed",
        (_NEW, _KIND, *_SEED),
        ("stake", "authority_base", "clock", "custodian"),
        2,
    ),
    9: _L("InitializeChecked", (), ("stake", "rent", "staker", "withdrawer")),
    10: _L(
        "AuthorizeChecked",
        (_KIND,),
        ("stake", "clock", "authority", "new_authority", "custodian"),
        4,
    ),
    11: _L(
        "AuthorizeCheckedWithSeed",
        (_KIND, *_SEED),
        ("stake", "authority_base", "clock", "new_authority", "custodian"),
        4,
    ),
    12: _L("SetLockupChecked", _OPT_LOCKUP, ("stake", "authority", "new_custodian"), 2),
    13: _L("GetMinimumDelegation"),
    14: _L("DeactivateDelinquent", (), ("stake", "delinquent_vote", "reference_vote")),
    15: _L("Redelegate", (), ("stake", "new_stake", "vote", "config", "authority")),
    16: _L("MoveStake", (_U64,), ("source_stake", "stake", "authority")),
    17: _L("MoveLamports", (_U64,), ("source_stake", "stake", "authority")),
}
