"""Solana program ids and instruction layouts, as data.

A :class:`Layout` says how one instruction's data and accounts read: the argument fields in
order (little-endian, the programs' own packing) and the role of each account by position.
``decode.py`` reads instructions with these tables; nothing here imports solders.

Sources: the System program's bincode enum (solana-program ``system_instruction.rs``), the SPL
Token instruction enum (``token/program/src/instruction.rs``; Token-2022 shares the first 25
variants), the Stake program's bincode enum (solana-program/stake ``interface/src/
instruction.rs``: ``StakeInstruction``, ``StakeAuthorize``, ``LockupArgs``), the Associated
Token Account, Compute Budget and Memo programs, and Jupiter v6's swap instructions (its
published Anchor IDL ``jupiter.json``: discriminators, accounts, arguments). Cross-checked in
``tests/test_solana_decode.py`` against ``shared/data/crypto/signatures``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = [
    "ATA_PROGRAM",
    "BUILTIN_PROGRAMS",
    "COMPUTE_BUDGET_PROGRAM",
    "JUPITER_V6_PROGRAM",
    "MEMO_PROGRAMS",
    "SPL_AUTHORITY_TYPES",
    "STAKE_AUTHORITY_TYPES",
    "STAKE_PROGRAM",
    "SYSTEM_PROGRAM",
    "TOKEN_2022_PROGRAM",
    "TOKEN_PROGRAM",
    "TOKEN_PROGRAMS",
    "U64_MAX",
    "Layout",
    "layout_for",
]

SYSTEM_PROGRAM: Final = "11111111111111111111111111111111"
TOKEN_PROGRAM: Final = "TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA"
TOKEN_2022_PROGRAM: Final = "TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb"
ATA_PROGRAM: Final = "ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL"
COMPUTE_BUDGET_PROGRAM: Final = "ComputeBudget111111111111111111111111111111"
MEMO_V1_PROGRAM: Final = "Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo"
MEMO_V2_PROGRAM: Final = "MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr"
LOOKUP_TABLE_PROGRAM: Final = "AddressLookupTab1e1111111111111111111111111"
STAKE_PROGRAM: Final = "Stake11111111111111111111111111111111111111"
JUPITER_V6_PROGRAM: Final = "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4"

TOKEN_PROGRAMS: Final = frozenset({TOKEN_PROGRAM, TOKEN_2022_PROGRAM})
MEMO_PROGRAMS: Final = frozenset({MEMO_V1_PROGRAM, MEMO_V2_PROGRAM})
U64_MAX: Final = 2**64 - 1

BUILTIN_PROGRAMS: Final[dict[str, str]] = {
    SYSTEM_PROGRAM: "System Program",
    TOKEN_PROGRAM: "SPL Token",
    TOKEN_2022_PROGRAM: "SPL Token-2022",
    ATA_PROGRAM: "Associated Token Account",
    COMPUTE_BUDGET_PROGRAM: "Compute Budget",
    MEMO_V1_PROGRAM: "SPL Memo v1",
    MEMO_V2_PROGRAM: "SPL Memo v2",
    LOOKUP_TABLE_PROGRAM: "Address Lookup Table",
    STAKE_PROGRAM: "Stake Program",
}
"""Programs whose instructions this package decodes (known without any allowlist).

Other well-known programs (Vote, BPF loaders) are *not* listed: their
instructions are not decoded here, so they stay unknown unless ``allowlist.solana_programs``
names them.
"""

SPL_AUTHORITY_TYPES: Final = (
    "mint_tokens",
    "freeze_account",
    "account_owner",
    "close_account",
    # Token-2022 only
    "transfer_fee_config",
    "withheld_withdraw",
    "close_mint",
    "interest_rate",
    "permanent_delegate",
    "confidential_transfer_mint",
    "transfer_hook_program_id",
    "confidential_transfer_fee_config",
    "metadata_pointer",
    "group_pointer",
    "group_member_pointer",
    "scaled_ui_amount",
    "pause",
)
"""SPL ``AuthorityType`` enum order (index = the byte after the SetAuthority discriminator)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """One instruction: its name, argument fields ``(name, type)`` and account roles.

    Types: ``u8 u16 u32 u64`` little-endian, ``pubkey`` (32 bytes), ``copt_pubkey`` (SPL
    ``COption<Pubkey>``: tag byte 0/1, then 32 bytes when 1), ``opt_u64`` / ``opt_pubkey``
    (bincode ``Option``: tag byte 0/1, then the value when 1), ``string`` (bincode: u64
    length + UTF-8). ``accounts`` are the roles of the first accounts, in order; an instruction
    with fewer accounts than ``min_accounts`` is malformed (the program would reject it).
    """

    name: str
    args: tuple[tuple[str, str], ...] = ()
    accounts: tuple[str, ...] = ()
    min_accounts: int = -1  # -1: len(accounts)

    @property
    def required_accounts(self) -> int:
        return len(self.accounts) if self.min_accounts < 0 else self.min_accounts


_L = Layout
_U64 = ("lamports", "u64")

# System program: u32 little-endian discriminator (bincode enum tag).
SYSTEM_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L("CreateAccount", (_U64, ("space", "u64"), ("owner", "pubkey")), ("funder", "account")),
    1: _L("Assign", (("owner", "pubkey"),), ("account",)),
    2: _L("Transfer", (_U64,), ("from", "to")),
    3: _L(
        "CreateAccountWithSeed",
        (("base", "pubkey"), ("seed", "string"), _U64, ("space", "u64"), ("owner", "pubkey")),
        ("funder", "account", "base_signer"),
        min_accounts=2,
    ),
    4: _L("AdvanceNonceAccount", (), ("nonce", "recent_blockhashes", "authority")),
    5: _L(
        "WithdrawNonceAccount",
        (_U64,),
        ("nonce", "to", "recent_blockhashes", "rent", "authority"),
    ),
    6: _L(
        "InitializeNonceAccount",
        (("authority", "pubkey"),),
        ("nonce", "recent_blockhashes", "rent"),
    ),
    7: _L("AuthorizeNonceAccount", (("new_authority", "pubkey"),), ("nonce", "authority")),
    8: _L("Allocate", (("space", "u64"),), ("account",)),
    9: _L(
        "AllocateWithSeed",
        (("base", "pubkey"), ("seed", "string"), ("space", "u64"), ("owner", "pubkey")),
        ("account", "base_signer"),
    ),
    10: _L(
        "AssignWithSeed",
        (("base", "pubkey"), ("seed", "string"), ("owner", "pubkey")),
        ("account", "base_signer"),
    ),
    11: _L(
        "TransferWithSeed",
        (_U64, ("from_seed", "string"), ("from_owner", "pubkey")),
        ("from", "from_base", "to"),
    ),
    12: _L("UpgradeNonceAccount", (), ("nonce",)),
    13: _L(
        "CreateAccountAllowPrefund",
        (_U64, ("space", "u64"), ("owner", "pubkey")),
        ("account", "funder"),
        min_accounts=1,
    ),
}

_AMOUNT = ("amount", "u64")
_DECIMALS = ("decimals", "u8")

# SPL Token / Token-2022 base instructions: u8 discriminator.
TOKEN_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L(
        "InitializeMint",
        (_DECIMALS, ("mint_authority", "pubkey"), ("freeze_authority", "copt_pubkey")),
        ("mint", "rent"),
    ),
    1: _L("InitializeAccount", (), ("account", "mint", "owner", "rent")),
    2: _L("InitializeMultisig", (("m", "u8"),), ("multisig", "rent")),
    3: _L("Transfer", (_AMOUNT,), ("source", "destination", "authority")),
    4: _L("Approve", (_AMOUNT,), ("source", "delegate", "owner")),
    5: _L("Revoke", (), ("source", "owner")),
    6: _L(
        "SetAuthority",
        (("authority_type", "u8"), ("new_authority", "copt_pubkey")),
        ("account", "current_authority"),
    ),
    7: _L("MintTo", (_AMOUNT,), ("mint", "account", "authority")),
    8: _L("Burn", (_AMOUNT,), ("account", "mint", "authority")),
    9: _L("CloseAccount", (), ("account", "destination", "authority")),
    10: _L("FreezeAccount", (), ("account", "mint", "authority")),
    11: _L("ThawAccount", (), ("account", "mint", "authority")),
    12: _L("TransferChecked", (_AMOUNT, _DECIMALS), ("source", "mint", "destination", "authority")),
    13: _L("ApproveChecked", (_AMOUNT, _DECIMALS), ("source", "mint", "delegate", "owner")),
    14: _L("MintToChecked", (_AMOUNT, _DECIMALS), ("mint", "account", "authority")),
    15: _L("BurnChecked", (_AMOUNT, _DECIMALS), ("account", "mint", "authority")),
    16: _L("InitializeAccount2", (("owner", "pubkey"),), ("account", "mint", "rent")),
    17: _L("SyncNative", (), ("account",)),
    18: _L("InitializeAccount3", (("owner", "pubkey"),), ("account", "mint")),
    19: _L("InitializeMultisig2", (("m", "u8"),), ("multisig",)),
    20: _L(
        "InitializeMint2",
        (_DECIMALS, ("mint_authority", "pubkey"), ("freeze_authority", "copt_pubkey")),
        ("mint",),
    ),
    21: _L("GetAccountDataSize", (), ("mint",)),
    22: _L("InitializeImmutableOwner", (), ("account",)),
    23: _L("AmountToUiAmount", (_AMOUNT,), ("mint",)),
    24: _L("UiAmountToAmount", (), ("mint",)),
}
"""Token-2022 extension instructions (discriminator >= 25) are not decoded: unknown calls."""

# Token-2022 two-byte (extension, sub-instruction) layouts that move tokens.
TOKEN_2022_EXTENSION_LAYOUTS: Final[dict[tuple[int, int], Layout]] = {
    (26, 1): _L(
        "TransferCheckedWithFee",
        (_AMOUNT, _DECIMALS, ("fee", "u64")),
        ("source", "mint", "destination", "authority"),
    ),
}

# Associated Token Account: empty data or a u8 discriminator.
ATA_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L("Create", (), ("payer", "account", "wallet", "mint", "system_program", "token_program")),
    1: _L(
        "CreateIdempotent",
        (),
        ("payer", "account", "wallet", "mint", "system_program", "token_program"),
    ),
    2: _L(
        "RecoverNested",
        (),
        (
            "nested_account",
            "nested_mint",
            "destination",
            "owner_account",
            "owner_mint",
            "wallet",
            "token_program",
        ),
    ),
}

# Address Lookup Table program: u32 little-endian discriminator (bincode enum tag). Arguments
# are not needed to judge these (Close pays the table's lamports to ``recipient``).
LOOKUP_TABLE_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L("CreateLookupTable", (), ("table", "authority", "payer", "system_program")),
    1: _L("FreezeLookupTable", (), ("table", "authority")),
    2: _L("ExtendLookupTable", (), ("table", "authority"), min_accounts=2),
    3: _L("DeactivateLookupTable", (), ("table", "authority")),
    4: _L("CloseLookupTable", (), ("table", "authority", "recipient")),
}

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

# Jupiter v6 (Anchor: 8-byte discriminator = sha256("global:<name>")[:8]). The first argument
# (``route_plan: Vec<RoutePlanStep>``) has variable-size entries (one per AMM kind), so only the
# fixed-size arguments that *end* the data are read (``tail``). Optional accounts that are
# absent hold the program id (Anchor). Source: jup-ag Jupiter v6 IDL (``idl/jupiter.json``).
_IN = ("in_amount", "u64")
_QOUT = ("quoted_out_amount", "u64")
_FEES = (("slippage_bps", "u16"), ("platform_fee_bps", "u8"))
_EXACT = (("out_amount", "u64"), ("quoted_in_amount", "u64"), *_FEES)
_ROUTE_ACCOUNTS = (
    "token_program",
    "user_transfer_authority",
    "source_token_account",
    "user_destination_token_account",
    "destination_token_account",
)
_SHARED_ACCOUNTS = (
    "token_program",
    "program_authority",
    "user_transfer_authority",
    "source_token_account",
    "program_source_token_account",
    "program_destination_token_account",
    "destination_token_account",
    "source_mint",
    "destination_mint",
    "platform_fee_account",
)
JUPITER_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([229, 23, 203, 151, 122, 227, 173, 42]): _L(
        "route", (_IN, _QOUT, *_FEES), (*_ROUTE_ACCOUNTS, "destination_mint")
    ),
    bytes([150, 86, 71, 116, 167, 93, 14, 104]): _L(
        "route_with_token_ledger", (_QOUT, *_FEES), (*_ROUTE_ACCOUNTS, "destination_mint")
    ),
    bytes([208, 51, 239, 151, 123, 43, 237, 92]): _L(
        "exact_out_route", _EXACT, (*_ROUTE_ACCOUNTS, "source_mint", "destination_mint")
    ),
    bytes([193, 32, 155, 51, 65, 214, 156, 129]): _L(
        "shared_accounts_route", (_IN, _QOUT, *_FEES), _SHARED_ACCOUNTS, 9
    ),
    bytes([230, 121, 143, 80, 119, 159, 106, 170]): _L(
        "shared_accounts_route_with_token_ledger", (_QOUT, *_FEES), _SHARED_ACCOUNTS, 9
    ),
    bytes([176, 209, 105, 168, 154, 125, 69, 62]): _L(
        "shared_accounts_exact_out_route", _EXACT, _SHARED_ACCOUNTS, 9
    ),
}
_SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}
JUPITER_MIN_PLAN = 4  # the route plan's u32 length, at least


def _jupiter(data: bytes) -> tuple[Layout | None, int]:
    layout = JUPITER_LAYOUTS.get(data[:8])
    if layout is None:
        return None, 0
    tail = sum(_SIZES[kind] for _, kind in layout.args)
    start = len(data) - tail
    return layout, start if start >= 8 + JUPITER_MIN_PLAN else len(data)  # short: malformed


# Compute Budget: u8 discriminator.
COMPUTE_BUDGET_LAYOUTS: Final[dict[int, Layout]] = {
    0: _L("RequestUnitsDeprecated", (("units", "u32"), ("additional_fee", "u32"))),
    1: _L("RequestHeapFrame", (("bytes", "u32"),)),
    2: _L("SetComputeUnitLimit", (("units", "u32"),)),
    3: _L("SetComputeUnitPrice", (("micro_lamports", "u64"),)),
    4: _L("SetLoadedAccountsDataSizeLimit", (("bytes", "u32"),)),
}


def layout_for(program: str, data: bytes) -> tuple[Layout | None, int]:
    """The layout of an instruction of a decoded program and its discriminator length.

    ``(None, 0)`` when the program or the discriminator is not one this package decodes.
    """
    if program == SYSTEM_PROGRAM:
        if len(data) < 4:
            return None, 0
        return SYSTEM_LAYOUTS.get(int.from_bytes(data[:4], "little")), 4
    if program in TOKEN_PROGRAMS:
        if not data:
            return None, 0
        layout = TOKEN_LAYOUTS.get(data[0])
        if layout is None and program == TOKEN_2022_PROGRAM and len(data) >= 2:
            return TOKEN_2022_EXTENSION_LAYOUTS.get((data[0], data[1])), 2
        return layout, 1
    if program == ATA_PROGRAM:
        if not data:
            return ATA_LAYOUTS[0], 0
        return ATA_LAYOUTS.get(data[0]), 1
    if program == JUPITER_V6_PROGRAM:
        return _jupiter(data)
    if program == STAKE_PROGRAM:
        if len(data) < 4:
            return None, 0
        return STAKE_LAYOUTS.get(int.from_bytes(data[:4], "little")), 4
    if program == LOOKUP_TABLE_PROGRAM:
        if len(data) < 4:
            return None, 0
        return LOOKUP_TABLE_LAYOUTS.get(int.from_bytes(data[:4], "little")), 4
    if program == COMPUTE_BUDGET_PROGRAM:
        if not data:
            return None, 0
        return COMPUTE_BUDGET_LAYOUTS.get(data[0]), 1
    return None, 0
