"""Jupiter v6 swap instruction layouts (jup-ag's published Anchor IDL), read front to back."""

from __future__ import annotations

from typing import Final

from aiegis_guard.chains.solana.layout import Layout

__all__ = ["JUPITER_LAYOUTS", "JUPITER_V6_PROGRAM", "SWAP_FIELD_BYTES", "SWAP_VARIANTS"]
__all__ += ["JUPITER_OTHER_LAYOUTS", "JUPITER_V2_LAYOUTS"]
__all__ += ["jupiter_layout", "route_plan_end"]

JUPITER_V6_PROGRAM: Final = "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4"
_L = Layout

# Jupiter v6 (Anchor: 8-byte discriminator = sha256("global:<name>")[:8]). The arguments are
# read from the front as Anchor reads them: (``id: u8`` for the shared-accounts routes), then
# ``route_plan: Vec<RoutePlanStep>`` (u32 count, then per step ``swap: Swap`` + ``percent: u8``
# + ``input_index: u8`` + ``output_index: u8``), then the fixed fields below. Anchor ignores any
# bytes after them, so the guard does too (never reads the fixed fields from the end). Optional
# accounts that are absent hold the program id (Anchor). Source: jup-ag/instruction-parser
# ``src/idl/jupiter.ts`` (the v6 IDL: instructions ``route`` ... ``sharedAccountsExactOutRoute``,
# types ``RoutePlanStep``, ``Swap``, ``Side``); the same in jup-ag/jupiter-cpi ``idl.json``.
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
_SHARED = frozenset(disc for disc, layout in JUPITER_LAYOUTS.items() if layout.min_accounts == 9)

# The ``*_v2`` routes and the program's other instructions, from Jupiter v6's Anchor IDL as the
# program publishes it on chain (``JUP6Lkb…TaV4``; its Anchor 0.30 export, ``target/idl/
# jupiter.json`` as a TypeScript type, lists ``route_v2`` ``[187, 100, 250, 204, 49, 196, 175,
# 20]`` ...; the same accounts and arguments in sevenlabs-hq/carbon ``decoders/
# jupiter-swap-decoder`` ``instructions/route_v2.rs`` / ``shared_accounts_route_v2.rs`` /
# ``exact_out_route_v2.rs`` / ``shared_accounts_exact_out_route_v2.rs``, generated from it).
# Unlike the first routes, a v2 route's fixed arguments come first (``id: u8`` for the shared
# ones, then the amounts, ``slippage_bps: u16``, ``platform_fee_bps: u16`` (a u8 before),
# ``positive_slippage_bps: u16``) and ``route_plan: Vec<RoutePlanStepV2>`` last: the amounts
# read whatever the plan's swaps are. The v2 routes name no platform fee account. The optional
# ``destination_token_account`` holds the program id when absent (Anchor).
_FEES_V2 = (("slippage_bps", "u16"), ("platform_fee_bps", "u16"), ("positive_slippage_bps", "u16"))
_ROUTE_V2_ACCOUNTS = (
    "user_transfer_authority",
    "source_token_account",  # user_source_token_account
    "user_destination_token_account",
    "source_mint",
    "destination_mint",
    "source_token_program",
    "destination_token_program",
    "destination_token_account",
    "event_authority",
    "program",
)
_SHARED_V2_ACCOUNTS = (
    "program_authority",
    "user_transfer_authority",
    "source_token_account",
    "program_source_token_account",
    "program_destination_token_account",
    "destination_token_account",
    "source_mint",
    "destination_mint",
    "source_token_program",
    "destination_token_program",
    "event_authority",
    "program",
)
_EXACT_V2 = (("out_amount", "u64"), ("quoted_in_amount", "u64"), *_FEES_V2)
_ID = ("id", "u8")
JUPITER_V2_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([187, 100, 250, 204, 49, 196, 175, 20]): _L(
        "route_v2", (_IN, _QOUT, *_FEES_V2), _ROUTE_V2_ACCOUNTS
    ),
    bytes([157, 138, 184, 82, 21, 244, 243, 36]): _L(
        "exact_out_route_v2", _EXACT_V2, _ROUTE_V2_ACCOUNTS
    ),
    bytes([209, 152, 83, 147, 124, 254, 216, 233]): _L(
        "shared_accounts_route_v2", (_ID, _IN, _QOUT, *_FEES_V2), _SHARED_V2_ACCOUNTS
    ),
    bytes([53, 96, 229, 202, 216, 187, 250, 24]): _L(
        "shared_accounts_exact_out_route_v2", (_ID, *_EXACT_V2), _SHARED_V2_ACCOUNTS
    ),
}
# The program's housekeeping (same IDL): a token ledger created / set for the ledger routes, a
# token account created for the user (rent only), and the fees Jupiter's own wallet claims
# (``claim`` / ``claim_token`` pay the program's accounts to its fee wallet; ``close_token`` is
# signed by Jupiter's operator). None moves the user's tokens.
JUPITER_OTHER_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([232, 242, 197, 253, 240, 143, 129, 52]): _L(
        "create_token_ledger", (), ("token_ledger", "payer", "system_program")
    ),
    bytes([228, 85, 185, 112, 78, 79, 77, 2]): _L(
        "set_token_ledger", (), ("token_ledger", "token_account")
    ),
    bytes([147, 241, 123, 100, 244, 132, 174, 118]): _L(
        "create_token_account",
        (("bump", "u8"),),
        ("token_account", "user", "mint", "token_program", "system_program"),
    ),
    bytes([62, 198, 214, 193, 213, 159, 108, 210]): _L(
        "claim", (_ID,), ("wallet", "program_authority", "system_program")
    ),
    bytes([116, 206, 27, 191, 166, 19, 0, 73]): _L(
        "claim_token",
        (_ID,),
        ("payer", "wallet", "program_authority", "program_token_account"),
        min_accounts=9,
    ),
    bytes([26, 74, 236, 151, 104, 64, 183, 249]): _L(
        "close_token",
        (_ID, ("burn_all", "u8")),
        ("operator", "wallet", "program_authority", "program_token_account", "mint"),
        min_accounts=6,
    ),
}

# ``Swap`` (Borsh enum: u8 variant index, then the variant's fields), in the IDL's order. Source:
# jup-ag/instruction-parser ``src/idl/jupiter.ts`` (the v6 IDL, type ``Swap``, 49 variants; its
# first 32 are those of jup-ag/jupiter-cpi ``idl.json``). ``SWAP_FIELD_BYTES``: the bytes of the
# variants with fields (``bool``, ``u8`` and ``Side``, a fieldless enum: 1 byte; ``u32`` 4;
# ``u64`` 8); WhirlpoolSwapV2's are variable (read by :func:`_swap_end`). A variant outside this
# list is unreadable: the instruction is malformed to the guard (judged like an unknown call),
# its amounts are never guessed.
SWAP_VARIANTS: Final = (
    "Saber",  # 0
    "SaberAddDecimalsDeposit",  # 1
    "SaberAddDecimalsWithdraw",  # 2
    "TokenSwap",  # 3
    "Sencha",  # 4
    "Step",  # 5
    "Cropper",  # 6
    "Raydium",  # 7
    "Crema",  # 8
    "Lifinity",  # 9
    "Mercurial",  # 10
    "Cykura",  # 11
    "Serum",  # 12
    "MarinadeDeposit",  # 13
    "MarinadeUnstake",  # 14
    "Aldrin",  # 15
    "AldrinV2",  # 16
    "Whirlpool",  # 17
    "Invariant",  # 18
    "Meteora",  # 19
    "GooseFX",  # 20
    "DeltaFi",  # 21
    "Balansol",  # 22
    "MarcoPolo",  # 23
    "Dradex",  # 24
    "LifinityV2",  # 25
    "RaydiumClmm",  # 26
    "Openbook",  # 27
    "Phoenix",  # 28
    "Symmetry",  # 29
    "TokenSwapV2",  # 30
    "HeliumTreasuryManagementRedeemV0",  # 31
    "StakeDexStakeWrappedSol",  # 32
    "StakeDexSwapViaStake",  # 33
    "GooseFXV2",  # 34
    "Perps",  # 35
    "PerpsAddLiquidity",  # 36
    "PerpsRemoveLiquidity",  # 37
    "MeteoraDlmm",  # 38
    "OpenBookV2",  # 39
    "RaydiumClmmV2",  # 40
    "StakeDexPrefundWithdrawStakeAndDepositStake",  # 41
    "Clone",  # 42
    "SanctumS",  # 43
    "SanctumSAddLiquidity",  # 44
    "SanctumSRemoveLiquidity",  # 45
    "RaydiumCP",  # 46
    "WhirlpoolSwapV2",  # 47
    "OneIntro",  # 48
)
SWAP_FIELD_BYTES: Final = {
    "Crema": 1,  # a_to_b: bool
    "Serum": 1,  # side: Side
    "Aldrin": 1,  # side: Side
    "AldrinV2": 1,  # side: Side
    "Whirlpool": 1,  # a_to_b: bool
    "Invariant": 1,  # x_to_y: bool
    "DeltaFi": 1,  # stable: bool
    "MarcoPolo": 1,  # x_to_y: bool
    "Dradex": 1,  # side: Side
    "Openbook": 1,  # side: Side
    "Phoenix": 1,  # side: Side
    "Symmetry": 16,  # from_token_id: u64, to_token_id: u64
    "StakeDexSwapViaStake": 4,  # bridge_stake_seed: u32
    "OpenBookV2": 1,  # side: Side
    "StakeDexPrefundWithdrawStakeAndDepositStake": 4,  # bridge_stake_seed: u32
    "Clone": 3,  # pool_index: u8, quantity_is_input: bool, quantity_is_collateral: bool
    "SanctumS": 10,  # src/dst_lst_value_calc_accs: u8, src/dst_lst_index: u32
    "SanctumSAddLiquidity": 5,  # lst_value_calc_accs: u8, lst_index: u32
    "SanctumSRemoveLiquidity": 5,  # lst_value_calc_accs: u8, lst_index: u32
}
_WHIRLPOOL_V2 = SWAP_VARIANTS.index("WhirlpoolSwapV2")
_FIELDS: Final = tuple(SWAP_FIELD_BYTES.get(name, 0) for name in SWAP_VARIANTS)
_STEP_TAIL = 3  # percent, input_index, output_index: u8 each


def _swap_end(data: bytes, pos: int) -> int | None:
    """Where the ``Swap`` at ``pos`` ends (may lie past the data), or None (unknown variant)."""
    variant = data[pos]
    if variant >= len(SWAP_VARIANTS):
        return None
    if variant != _WHIRLPOOL_V2:
        return pos + 1 + _FIELDS[variant]
    # WhirlpoolSwapV2 {a_to_b: bool, remaining_accounts_info: Option<RemainingAccountsInfo>};
    # RemainingAccountsInfo {slices: Vec<RemainingAccountsSlice>}, a slice 2 bytes
    # (accounts_type: AccountsType, a fieldless enum; length: u8)
    pos += 2
    tag = data[pos : pos + 1]
    if tag == b"\x00":
        return pos + 1
    if tag != b"\x01" or pos + 5 > len(data):
        return None
    return pos + 5 + 2 * int.from_bytes(data[pos + 1 : pos + 5], "little")


def route_plan_end(data: bytes, pos: int) -> int | None:
    """Where ``route_plan`` starting at ``pos`` ends, or None (truncated, unknown variant)."""
    if pos + 4 > len(data):
        return None
    count = int.from_bytes(data[pos : pos + 4], "little")
    pos += 4
    for _ in range(count):  # each step is 4 bytes at least: bounded by the data's length
        end = _swap_end(data, pos) if pos < len(data) else None
        if end is None or end + _STEP_TAIL > len(data):
            return None
        pos = end + _STEP_TAIL
    return pos


def jupiter_layout(data: bytes) -> tuple[Layout | None, int]:
    """The route's layout and where its fixed arguments start (after the route plan). An
    unreadable route plan gives ``len(data)``: the arguments do not read, the instruction is
    malformed (never the fields read from the end of the data)."""
    layout = JUPITER_LAYOUTS.get(data[:8])
    if layout is None:
        other = JUPITER_V2_LAYOUTS.get(data[:8]) or JUPITER_OTHER_LAYOUTS.get(data[:8])
        return (other, 8) if other is not None else (None, 0)
    end = route_plan_end(data, 9 if data[:8] in _SHARED else 8)
    return layout, len(data) if end is None else end
