"""Instruction layouts of the Solana DeFi programs whose output lands in an account the
instruction names (liquid staking, AMMs): data only, read by :mod:`.defi`.

Sources (each project's own published code):

* Marinade liquid staking ``MarBmsSg…q7aD``: marinade-finance/liquid-staking-program
  (Anchor: discriminator = ``sha256("global:<name>")[:8]``); account order as in
  marinade-finance/liquid-staking-referral-program
  ``programs/marinade-referral/src/cpi_context_accounts.rs`` (``MarinadeDeposit``,
  ``MarinadeDepositStakeAccount``, ``MarinadeLiquidUnstake``); ``add_liquidity`` /
  ``remove_liquidity`` from the program's ``instructions/liq_pool/*.rs``. (``claim`` and
  ``order_unstake`` pay only the ticket's beneficiary, the burnt account's owner: no redirect.)
* SPL stake pool ``SPoo1Ku8…akuHy`` (Jito, BlazeStake and most LSTs run it):
  solana-program/stake-pool ``program/src/instruction.rs`` (``StakePoolInstruction``, a Borsh
  enum with a u8 tag: ``DepositStake`` 9, ``WithdrawStake`` 10, ``DepositSol`` 14,
  ``WithdrawSol`` 16, the ``*WithSlippage`` forms 23-26). Sanctum deploys the same program
  twice, for its single-validator LSTs ``SP12tWFx…qvyvhY`` and its multi-validator pools
  ``SPMBzsVU…iJvbn`` (JupSOL): glamsystems/glam ``anchor/programs/glam/src/constants.rs``
  (``SANCTUM_SINGLE_VALIDATOR`` / ``SANCTUM_MULTI_VALIDATOR``, read with the SPL stake pool's
  ``StakePool`` layout); igneous-labs' ``SplStakePoolProgram`` (``Spl`` / ``SanctumSpl`` /
  ``SanctumSplMulti``) names the three as one program family.
* Raydium AMM v4 ``675kPX9M…1Mp8``: raydium-io/raydium-amm ``program/src/instruction.rs``
  (``SwapBaseIn`` 9, ``SwapBaseOut`` 11; 18 accounts, or 17 without ``amm_target_orders``).
* Raydium CP-Swap ``CPMMoo8L…qKP1C``: raydium-io/raydium-cp-swap ``programs/cp-swap/src/lib.rs``
  (``swap_base_input`` / ``swap_base_output`` / ``deposit`` / ``withdraw``; Anchor),
  ``instructions/swap_base_input.rs`` (the ``Swap`` accounts: both mints named),
  ``instructions/deposit.rs`` (``Deposit``: ``lp_token_amount``, ``maximum_token_0_amount``,
  ``maximum_token_1_amount``; 13 accounts, the vaults' mints and the LP mint named) and
  ``instructions/withdraw.rs`` (``Withdraw``: ``lp_token_amount``, ``minimum_token_0_amount``,
  ``minimum_token_1_amount``; the same accounts and ``memo_program``).
* Raydium CLMM ``CAMMCzo5…grWqK``: raydium-io/raydium-clmm ``programs/amm/src/lib.rs`` and
  ``instructions/swap.rs`` / ``swap_v2.rs`` (``SwapSingle`` / ``SwapSingleV2``: v2 names the
  mints).
* Orca Whirlpool ``whirLbMi…yCc``: orca-so/whirlpools ``programs/whirlpool/src/instructions``
  (``swap``, ``v2/swap.rs``, ``two_hop_swap``, ``v2/two_hop_swap.rs``; Anchor discriminators).
"""

from __future__ import annotations

from typing import Final

from aiegis_guard.chains.solana.layout import Layout

__all__ = [
    "MARINADE_PROGRAM",
    "MSOL_MINT",
    "RAYDIUM_AMM_V4_PROGRAM",
    "RAYDIUM_CLMM_PROGRAM",
    "RAYDIUM_CPMM_PROGRAM",
    "STAKE_POOL_PROGRAM",
    "STAKE_POOL_PROGRAMS",
    "WHIRLPOOL_PROGRAM",
    "defi_layout",
]

MARINADE_PROGRAM: Final = "MarBmsSgKXdrN1egZf5sqe1TMai9K1rChYNDJgjq7aD"
MSOL_MINT: Final = "mSoLzYCxHdYgdzU16g5QSh3i5K3z3KZK7ytfqcJm7So"  # the program's README
STAKE_POOL_PROGRAM: Final = "SPoo1Ku8WFXoNDMHPsrGSTSG1Y47rzgn41SLUNakuHy"
SANCTUM_SPL_PROGRAM: Final = "SP12tWFxD9oJsVWNavTTBZvMbA6gkAmxtVgxdqvyvhY"
SANCTUM_SPL_MULTI_PROGRAM: Final = "SPMBzsVUuoHA4Jm6KunbsotaahvVikZs1JyTW6iJvbn"
STAKE_POOL_PROGRAMS: Final = frozenset(
    {STAKE_POOL_PROGRAM, SANCTUM_SPL_PROGRAM, SANCTUM_SPL_MULTI_PROGRAM}
)
"""Deployments of the SPL stake-pool program: one instruction set, one account order."""
RAYDIUM_AMM_V4_PROGRAM: Final = "675kPX9MHTjS2zt1qfr1NYHuzeLXfQM9H24wFSUt1Mp8"
WHIRLPOOL_PROGRAM: Final = "whirLbMiicVdio4qvUfM5KAg6Ct8VwpYzGff3uctyCc"
RAYDIUM_CPMM_PROGRAM: Final = "CPMMoo8L3F4NbTegBCKVNunggL7H1ZpdTHKxQB5qKP1C"
RAYDIUM_CLMM_PROGRAM: Final = "CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK"

_L = Layout
_U64 = "u64"

MARINADE_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([242, 35, 198, 137, 82, 225, 242, 182]): _L(
        "deposit",
        (("lamports", _U64),),
        (
            "state",
            "msol_mint",
            "liq_pool_sol_leg_pda",
            "liq_pool_msol_leg",
            "liq_pool_msol_leg_authority",
            "reserve_pda",
            "transfer_from",
            "mint_to",
            "msol_mint_authority",
            "system_program",
            "token_program",
        ),
    ),
    bytes([110, 130, 115, 41, 164, 102, 2, 59]): _L(
        "deposit_stake_account",
        (("validator_index", "u32"),),
        (
            "state",
            "validator_list",
            "stake_list",
            "stake_account",
            "stake_authority",
            "duplication_flag",
            "rent_payer",
            "msol_mint",
            "mint_to",
        ),
    ),
    # liq_pool/add_liquidity.rs, remove_liquidity.rs (marinade-finance/liquid-staking-program)
    bytes([181, 157, 89, 67, 143, 182, 52, 72]): _L(
        "add_liquidity",
        (("lamports", _U64),),
        (
            "state",
            "lp_mint",
            "lp_mint_authority",
            "liq_pool_msol_leg",
            "liq_pool_sol_leg_pda",
            "transfer_from",
            "mint_to",
        ),
    ),
    bytes([80, 85, 209, 72, 24, 206, 177, 108]): _L(
        "remove_liquidity",
        (("tokens", _U64),),
        (
            "state",
            "lp_mint",
            "burn_from",
            "burn_from_authority",
            "transfer_sol_to",
            "transfer_msol_to",
        ),
    ),
    bytes([30, 30, 119, 240, 191, 227, 12, 16]): _L(
        "liquid_unstake",
        (("msol_amount", _U64),),
        (
            "state",
            "msol_mint",
            "liq_pool_sol_leg_pda",
            "liq_pool_msol_leg",
            "treasury_msol_account",
            "get_msol_from",
            "get_msol_from_authority",
            "transfer_sol_to",
        ),
    ),
}

_POOL = ("stake_pool", "withdraw_authority", "reserve_stake")
_DEPOSIT_SOL = (*_POOL, "lamports_from", "pool_tokens_to", "manager_fee", "referrer", "pool_mint")
_WITHDRAW_SOL = (
    "stake_pool",
    "withdraw_authority",
    "user_transfer_authority",
    "pool_tokens_from",
    "reserve_stake",
    "lamports_to",
    "manager_fee",
    "pool_mint",
)
_DEPOSIT_STAKE = (
    "stake_pool",
    "validator_list",
    "deposit_authority",
    "withdraw_authority",
    "deposit_stake",
    "validator_stake",
    "reserve_stake",
    "pool_tokens_to",
    "manager_fee",
    "referrer",
    "pool_mint",
)
_WITHDRAW_STAKE = (
    "stake_pool",
    "validator_list",
    "withdraw_authority",
    "stake_to_split",
    "stake_to_receive",
    "user_stake_authority",
    "user_transfer_authority",
    "pool_tokens_from",
    "manager_fee",
    "pool_mint",
)
STAKE_POOL_LAYOUTS: Final[dict[int, Layout]] = {
    9: _L("DepositStake", (), _DEPOSIT_STAKE),
    10: _L("WithdrawStake", (("pool_tokens", _U64),), _WITHDRAW_STAKE),
    14: _L("DepositSol", (("lamports", _U64),), _DEPOSIT_SOL),
    16: _L("WithdrawSol", (("pool_tokens", _U64),), _WITHDRAW_SOL),
    23: _L("DepositStakeWithSlippage", (("minimum_out", _U64),), _DEPOSIT_STAKE),
    24: _L(
        "WithdrawStakeWithSlippage",
        (("pool_tokens", _U64), ("minimum_out", _U64)),
        _WITHDRAW_STAKE,
    ),
    25: _L("DepositSolWithSlippage", (("lamports", _U64), ("minimum_out", _U64)), _DEPOSIT_SOL),
    26: _L(
        "WithdrawSolWithSlippage",
        (("pool_tokens", _U64), ("minimum_out", _U64)),
        _WITHDRAW_SOL,
    ),
}

# the user's accounts are the last three of 18 (17 when amm_target_orders is left out): the
# builder reads them by position
_RAYDIUM_ACCOUNTS = ("token_program", "amm")
RAYDIUM_LAYOUTS: Final[dict[int, Layout]] = {
    9: _L("SwapBaseIn", (("amount_in", _U64), ("minimum_out", _U64)), _RAYDIUM_ACCOUNTS, 17),
    11: _L("SwapBaseOut", (("max_in", _U64), ("amount_out", _U64)), _RAYDIUM_ACCOUNTS, 17),
}

_CPMM_ACCOUNTS = (
    "payer",
    "authority",
    "amm_config",
    "pool_state",
    "input_token_account",
    "output_token_account",
    "input_vault",
    "output_vault",
    "input_token_program",
    "output_token_program",
    "input_token_mint",
    "output_token_mint",
)
RAYDIUM_CPMM_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([143, 190, 90, 218, 196, 30, 51, 222]): _L(
        "swap_base_input", (("amount_in", _U64), ("minimum_out", _U64)), _CPMM_ACCOUNTS
    ),
    bytes([55, 217, 98, 86, 163, 74, 180, 173]): _L(
        "swap_base_output", (("max_in", _U64), ("amount_out", _U64)), _CPMM_ACCOUNTS
    ),
}
# deposit.rs ``Deposit`` / withdraw.rs ``Withdraw`` (withdraw adds ``memo_program``, not read)
_CPMM_LP_ACCOUNTS = (
    "owner",
    "authority",
    "pool_state",
    "owner_lp_token",
    "token_0_account",
    "token_1_account",
    "token_0_vault",
    "token_1_vault",
    "token_program",
    "token_program_2022",
    "vault_0_mint",
    "vault_1_mint",
    "lp_mint",
)
RAYDIUM_CPMM_LAYOUTS[bytes([242, 35, 198, 137, 82, 225, 242, 182])] = _L(
    "deposit",
    (("lp_token_amount", _U64), ("maximum_token_0", _U64), ("maximum_token_1", _U64)),
    _CPMM_LP_ACCOUNTS,
)
RAYDIUM_CPMM_LAYOUTS[bytes([183, 18, 70, 156, 148, 109, 161, 34])] = _L(
    "withdraw",
    (("lp_token_amount", _U64), ("minimum_token_0", _U64), ("minimum_token_1", _U64)),
    _CPMM_LP_ACCOUNTS,
)

_CLMM_ARGS = (
    ("amount", _U64),
    ("other_amount_threshold", _U64),
    ("sqrt_price_limit", "u128"),
    ("is_base_input", "u8"),
)
_CLMM_ACCOUNTS = (
    "payer",
    "amm_config",
    "pool_state",
    "input_token_account",
    "output_token_account",
    "input_vault",
    "output_vault",
    "observation_state",
)
RAYDIUM_CLMM_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([248, 198, 158, 145, 225, 117, 135, 200]): _L("swap", _CLMM_ARGS, _CLMM_ACCOUNTS),
    bytes([43, 4, 237, 11, 26, 201, 30, 98]): _L(
        "swap_v2",
        _CLMM_ARGS,
        (
            *_CLMM_ACCOUNTS,
            "token_program",
            "token_program_2022",
            "memo_program",
            "input_token_mint",
            "output_token_mint",
        ),
    ),
}

_SWAP_ARGS = (
    ("amount", _U64),
    ("other_amount_threshold", _U64),
    ("sqrt_price_limit", "u128"),
    ("amount_specified_is_input", "u8"),
    ("a_to_b", "u8"),
)
_SIDES = ("token_owner_account_a", "token_vault_a", "token_owner_account_b", "token_vault_b")
WHIRLPOOL_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([248, 198, 158, 145, 225, 117, 135, 200]): _L(
        "swap", _SWAP_ARGS, ("token_program", "token_authority", "whirlpool", *_SIDES)
    ),
    bytes([43, 4, 237, 11, 26, 201, 30, 98]): _L(
        "swap_v2",
        _SWAP_ARGS,
        (
            "token_program_a",
            "token_program_b",
            "memo_program",
            "token_authority",
            "whirlpool",
            "token_mint_a",
            "token_mint_b",
            *_SIDES,
        ),
    ),
    bytes([195, 96, 237, 108, 68, 162, 219, 230]): _L(
        "two_hop_swap",
        (
            ("amount", _U64),
            ("other_amount_threshold", _U64),
            ("amount_specified_is_input", "u8"),
            ("a_to_b_one", "u8"),
            ("a_to_b_two", "u8"),
        ),
        (
            "token_program",
            "token_authority",
            "whirlpool",
            "whirlpool_two",
            "token_owner_account_one_a",
            "token_vault_one_a",
            "token_owner_account_one_b",
            "token_vault_one_b",
            "token_owner_account_two_a",
            "token_vault_two_a",
            "token_owner_account_two_b",
            "token_vault_two_b",
        ),
    ),
}


# v2/two_hop_swap.rs (``TwoHopSwapV2``): the user's input / output accounts and all three
# mints by name; the arguments end with the remaining-accounts info (not read)
WHIRLPOOL_LAYOUTS[bytes([186, 143, 209, 29, 254, 2, 194, 117])] = _L(
    "two_hop_swap_v2",
    (
        ("amount", _U64),
        ("other_amount_threshold", _U64),
        ("amount_specified_is_input", "u8"),
        ("a_to_b_one", "u8"),
        ("a_to_b_two", "u8"),
        ("sqrt_price_limit_one", "u128"),
        ("sqrt_price_limit_two", "u128"),
    ),
    (
        "whirlpool_one",
        "whirlpool_two",
        "token_mint_input",
        "token_mint_intermediate",
        "token_mint_output",
        "token_program_input",
        "token_program_intermediate",
        "token_program_output",
        "token_owner_account_input",
        "token_vault_one_input",
        "token_vault_one_intermediate",
        "token_vault_two_intermediate",
        "token_vault_two_output",
        "token_owner_account_output",
        "token_authority",
    ),
)


_ANCHOR = {
    MARINADE_PROGRAM: MARINADE_LAYOUTS,
    WHIRLPOOL_PROGRAM: WHIRLPOOL_LAYOUTS,
    RAYDIUM_CPMM_PROGRAM: RAYDIUM_CPMM_LAYOUTS,
    RAYDIUM_CLMM_PROGRAM: RAYDIUM_CLMM_LAYOUTS,
}


def defi_layout(program: str, data: bytes) -> tuple[Layout | None, int]:
    """The layout of one of these programs' instructions and its discriminator length."""
    anchor = _ANCHOR.get(program)
    if anchor is not None:
        return anchor.get(data[:8]), 8
    if not data:
        return None, 0
    table2 = STAKE_POOL_LAYOUTS if program in STAKE_POOL_PROGRAMS else RAYDIUM_LAYOUTS
    return table2.get(data[0]), 1
