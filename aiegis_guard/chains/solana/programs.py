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

from typing import Final

from aiegis_guard.chains.solana.defi_layouts import (
    MARINADE_PROGRAM,
    RAYDIUM_AMM_V4_PROGRAM,
    RAYDIUM_CLMM_PROGRAM,
    RAYDIUM_CPMM_PROGRAM,
    STAKE_POOL_PROGRAMS,
    WHIRLPOOL_PROGRAM,
    defi_layout,
)
from aiegis_guard.chains.solana.jupiter_layouts import JUPITER_V6_PROGRAM, jupiter_layout
from aiegis_guard.chains.solana.layout import Layout
from aiegis_guard.chains.solana.metaplex import TOKEN_METADATA_PROGRAM, metadata_layout
from aiegis_guard.chains.solana.protocols import protocol_layout
from aiegis_guard.chains.solana.stake_layouts import (
    STAKE_AUTHORITY_TYPES,
    STAKE_LAYOUTS,
    STAKE_PROGRAM,
)
from aiegis_guard.chains.solana.vote import VOTE_PROGRAM

__all__ = [
    "ATA_PROGRAM",
    "BUILTIN_PROGRAMS",
    "COMPUTE_BUDGET_PROGRAM",
    "DEFI_PROGRAMS",
    "JUPITER_V6_PROGRAM",
    "MEMO_PROGRAMS",
    "SPL_AUTHORITY_TYPES",
    "STAKE_AUTHORITY_TYPES",
    "STAKE_PROGRAM",
    "SYSTEM_PROGRAM",
    "TOKEN_2022_PROGRAM",
    "TOKEN_METADATA_PROGRAM",
    "TOKEN_PROGRAM",
    "TOKEN_PROGRAMS",
    "U64_MAX",
    "VOTE_PROGRAM",
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

TOKEN_PROGRAMS: Final = frozenset({TOKEN_PROGRAM, TOKEN_2022_PROGRAM})
DEFI_PROGRAMS: Final = frozenset(
    {
        MARINADE_PROGRAM,
        *STAKE_POOL_PROGRAMS,
        RAYDIUM_AMM_V4_PROGRAM,
        RAYDIUM_CPMM_PROGRAM,
        RAYDIUM_CLMM_PROGRAM,
        WHIRLPOOL_PROGRAM,
    }
)
"""Liquid staking and AMM programs whose swap-like instructions are decoded (``defi.py``)."""
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
    VOTE_PROGRAM: "Vote Program",  # decoded in vote.py (through protocols.py)
}
"""Programs whose instructions this package decodes (known without any allowlist).

Other well-known programs (BPF loaders) are *not* listed: their
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
"""Token-2022 extension instructions (discriminator >= 25) not listed below are not decoded:
unknown calls (FLAG when they touch an own account)."""

# Token-2022 two-byte (extension, sub-instruction) layouts that move tokens.
# TransferFeeInstruction (token/program-2022 extension/transfer_fee/instruction.rs); builders
# of 0 and 2-5 in token_fees.py
_FEE_AUTHORITIES: tuple[tuple[str, str], ...] = (
    ("transfer_fee_config_authority", "copt_pubkey"),
    ("withdraw_withheld_authority", "copt_pubkey"),
)
_WITHHELD = ("mint", "destination", "authority")
_POINTERS = (
    (39, "MetadataPointer", "metadata_address"),
    (40, "GroupPointer", "group_address"),
    (41, "GroupMemberPointer", "member_address"),
)
TOKEN_2022_EXTENSION_LAYOUTS: Final[dict[tuple[int, int], Layout]] = {
    (26, 0): _L(
        "InitializeTransferFeeConfig",
        (*_FEE_AUTHORITIES, ("transfer_fee_basis_points", "u16"), ("maximum_fee", "u64")),
        ("account",),
    ),
    (26, 1): _L(
        "TransferCheckedWithFee",
        (_AMOUNT, _DECIMALS, ("fee", "u64")),
        ("source", "mint", "destination", "authority"),
    ),
    (26, 2): _L("WithdrawWithheldTokensFromMint", (), _WITHHELD),
    (26, 3): _L("WithdrawWithheldTokensFromAccounts", (("num_token_accounts", "u8"),), _WITHHELD),
    (26, 4): _L("HarvestWithheldTokensToMint", (), ("mint",)),
    (26, 5): _L(
        "SetTransferFee",
        (("transfer_fee_basis_points", "u16"), ("maximum_fee", "u64")),
        ("mint", "authority"),
    ),
    # TransferHookInstruction (token/program-2022 extension/transfer_hook/instruction.rs):
    # Initialize { authority: OptionalNonZeroPubkey, program_id: OptionalNonZeroPubkey },
    # Update { program_id }. ``account`` is the mint.
    (36, 0): _L(
        "InitializeTransferHook",
        (("authority", "nz_pubkey"), ("program_id", "nz_pubkey")),
        ("account",),
    ),
    (36, 1): _L("UpdateTransferHook", (("program_id", "nz_pubkey"),), ("account", "authority")),
    # MetadataPointerInstruction / GroupPointerInstruction / GroupMemberPointerInstruction
    # (token/program-2022 extension/{metadata,group,group_member}_pointer/instruction.rs; tags
    # 39 / 40 / 41 of TokenInstruction): Initialize { authority, address } on the mint,
    # Update { address } signed by the pointer's authority: where the mint's metadata / group
    # is read from, and who may repoint it
    **{
        (tag, 0): _L(
            f"Initialize{name}", (("authority", "nz_pubkey"), (field, "nz_pubkey")), ("account",)
        )
        for tag, name, field in _POINTERS
    },
    **{
        (tag, 1): _L(f"Update{name}", ((field, "nz_pubkey"),), ("account", "authority"))
        for tag, name, field in _POINTERS
    },
    # RequiredMemoTransfersInstruction (extension/memo_transfer/instruction.rs) and
    # CpiGuardInstruction (extension/cpi_guard/instruction.rs): Enable 0 / Disable 1 on a token
    # account, signed by its owner — switches that move nothing
    (30, 0): _L("EnableRequiredMemoTransfers", (), ("account", "owner")),
    (30, 1): _L("DisableRequiredMemoTransfers", (), ("account", "owner")),
    (34, 0): _L("EnableCpiGuard", (), ("account", "owner")),
    (34, 1): _L("DisableCpiGuard", (), ("account", "owner")),
}

# Interface instructions Token-2022 runs for mints with the embedded TokenMetadata / TokenGroup
# extensions (8-byte discriminators = sha256("<namespace>:<name>")[:8]; first bytes 0xd7 / 0xa1
# are no TokenInstruction tag): solana-program-library token-metadata/interface
# ``instruction.rs`` ``UpdateAuthority { new_authority: OptionalNonZeroPubkey }`` (accounts:
# metadata, current update authority) and token-group/interface ``UpdateGroupAuthority
# { new_authority }`` (group, current update authority): who may rewrite the token's name /
# symbol / URI, or the group
TOKEN_2022_INTERFACE_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes.fromhex("d7e4a6e45464567b"): _L(
        "UpdateMetadataAuthority", (("new_authority", "nz_pubkey"),), ("account", "authority")
    ),
    bytes.fromhex("a1695801edddd8cb"): _L(
        "UpdateGroupAuthority", (("new_authority", "nz_pubkey"),), ("account", "authority")
    ),
    # the rest of both interfaces (same ``instruction.rs`` files): rewriting a field
    # (``UpdateField { field, value }``: sha256("spl_token_metadata_interface:updating_field")),
    # removing a key (``remove_key_ix``), emitting (``emitter``: read-only), writing the
    # a group's size (``update_group_max_size``), a member added to a group by both update
    # authorities (``initialize_member``): the signer administers a token it controls, nothing
    # moves. Initialising the metadata (``initialize_account``: metadata, update authority,
    # mint, mint authority) or a group (``initialize_token_group { update_authority,
    # max_size }``: group, mint, mint authority) names the update authority the mint authority
    # hands the token's metadata / group to, as the pointer extensions' ``Initialize``
    bytes.fromhex("dde9312db5cadcc8"): _L("UpdateMetadataField", (), ("account", "authority")),
    bytes.fromhex("ea122038598d25b5"): _L("RemoveMetadataKey", (), ("account", "authority")),
    bytes.fromhex("faa6b4fa0d0cb846"): _L("EmitMetadata", (), ("account",)),
    bytes.fromhex("d2e11ea258b84d8d"): _L(
        "InitializeMetadata", (), ("account", "update_authority", "mint", "mint_authority")
    ),
    bytes.fromhex("6c25ab8ff81e126e"): _L("UpdateGroupMaxSize", (), ("account", "authority")),
    bytes.fromhex("79716c2736330004"): _L(
        "InitializeGroup",
        (("update_authority", "nz_pubkey"),),
        ("account", "mint", "mint_authority"),
    ),
    bytes.fromhex("9820deb0dfed7486"): _L(
        "InitializeMember",
        (),
        ("member", "member_mint", "member_mint_authority", "group", "group_update_authority"),
    ),
}

# Token-2022 single-byte extension instructions that move authority or lamports
# (token/program-2022/src/instruction.rs). ``account`` is the mint for mint extensions.
TOKEN_2022_LAYOUTS: Final[dict[int, Layout]] = {
    35: _L("InitializePermanentDelegate", (("delegate", "pubkey"),), ("account",)),
    38: _L("WithdrawExcessLamports", (), ("source", "destination", "authority")),
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
        if (
            layout is None
            and program == TOKEN_2022_PROGRAM
            and data[:8] in TOKEN_2022_INTERFACE_LAYOUTS
        ):
            return TOKEN_2022_INTERFACE_LAYOUTS[data[:8]], 8
        if layout is None and program == TOKEN_2022_PROGRAM:
            layout = TOKEN_2022_LAYOUTS.get(data[0])
            if layout is None and len(data) >= 2:
                return TOKEN_2022_EXTENSION_LAYOUTS.get((data[0], data[1])), 2
        return layout, 1
    if program == ATA_PROGRAM:
        if not data:
            return ATA_LAYOUTS[0], 0
        return ATA_LAYOUTS.get(data[0]), 1
    if program == JUPITER_V6_PROGRAM:
        return jupiter_layout(data)
    if program in DEFI_PROGRAMS:
        found = defi_layout(program, data)
        if found[0] is not None:
            return found
    if program == TOKEN_METADATA_PROGRAM:
        return metadata_layout(data)
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
    return protocol_layout(program, data)
