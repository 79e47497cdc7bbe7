"""Instruction layouts of Solana lending / perps programs whose withdrawals pay into a token
account the instruction names: data only, read by :mod:`.lending`.

Sources (each project's own published code; Anchor discriminators are
``sha256("global:<name>")[:8]``, computed and cross-checked where the source lists them):

* Kamino Lend ``KLend2g3…gmjD``: Kamino-Finance/klend ``programs/klend/src/handlers/
  handler_withdraw_obligation_collateral_and_redeem_reserve_collateral.rs``
  (``WithdrawObligationCollateralAndRedeemReserveCollateral``: ``collateral_amount: u64``,
  ``u64::MAX`` withdraws the whole deposit; discriminator ``4b5d5ddc2296dac4``, as in the
  sevenlabs-hq/carbon kamino-lending decoder), and its ``_v2`` (``WithdrawObligationCollateral
  AndRedeemReserveCollateralV2``: the same accounts, then the farm accounts). The current
  handler requires the destination's authority to be the obligation owner: a stranger's
  destination is a request the program rejects, judged for what it asks.
* marginfi v2 ``MFv2hWf3…VacA``: mrgnlabs/marginfi-v2 ``programs/marginfi/src/instructions/
  marginfi_account/withdraw.rs`` (``LendingAccountWithdraw``: ``amount: u64``,
  ``withdraw_all: Option<bool>``; accounts as in mrgnlabs/mrgn-ts ``marginfi-types`` IDL and
  the carbon marginfi-v2 decoder, discriminator ``24484a13d2d2c0c0``); ``lib.rs``
  ``set_new_account_authority`` (``instructions/marginfi_account/transfer_authority.rs``
  ``set_account_transfer_authority``: no arguments; ``MarginfiAccountSetAccountAuthority``
  accounts ``marginfi_account``, ``marginfi_group``, ``signer`` (the account's authority),
  ``new_authority``, ``fee_payer``; the account's ``authority`` becomes ``new_authority``:
  it alone withdraws and borrows from it; discriminator ``99a23254b6c94ab3``);
  ``transfer_to_new_account`` (no arguments) and ``transfer_to_new_account_pda(account_index:
  u16, third_party_id: Option<u16>)`` (``instructions/marginfi_account/transfer_account.rs``:
  every position of ``old_marginfi_account`` moves into ``new_marginfi_account``, initialised
  with ``new_authority`` ("completely unchecked"), the old one disabled; accounts ``group,
  old_marginfi_account, new_marginfi_account, authority, fee_payer, new_authority,
  global_fee_wallet, [instructions_sysvar,] system_program``; before ``fee_payer`` was added
  the authority paid and ``new_authority`` was the fifth account: one account fewer;
  discriminators ``1c4f81e7a9454541`` / ``acd2e0dc92d4fd31``).
* Drift v2 ``dRiftyHA…33UH``: drift-labs/protocol-v2 ``programs/drift/src/lib.rs`` /
  ``instructions/user.rs`` (``withdraw(market_index: u16, amount: u64, reduce_only: bool)``,
  ``Withdraw`` accounts; discriminator ``b712469c946da122`` as in the carbon drift-v2
  decoder). The spot market (and so the mint) is among the remaining accounts: not read.
"""

from __future__ import annotations

from typing import Final

from aiegis_guard.chains.solana.drift_user import DRIFT_USER_LAYOUTS
from aiegis_guard.chains.solana.layout import Layout

__all__ = [
    "DRIFT_PROGRAM",
    "KAMINO_LEND_PROGRAM",
    "LENDING_PROGRAMS",
    "MARGINFI_PROGRAM",
    "lending_layout",
]

KAMINO_LEND_PROGRAM: Final = "KLend2g3cP87fffoy8q1mQqGKjrxjC8boSyAYavgmjD"
MARGINFI_PROGRAM: Final = "MFv2hWf31Z9kbCa1snEPYctwafyhdvnV7FZnsebVacA"
DRIFT_PROGRAM: Final = "dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH"

_L = Layout

_KAMINO_WITHDRAW = "withdraw_obligation_collateral_and_redeem_reserve_collateral"
KAMINO_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes.fromhex("4b5d5ddc2296dac4"): _L(
        _KAMINO_WITHDRAW,
        (("collateral_amount", "u64"),),
        (
            "owner",
            "obligation",
            "lending_market",
            "lending_market_authority",
            "withdraw_reserve",
            "reserve_liquidity_mint",
            "reserve_source_collateral",
            "reserve_collateral_mint",
            "reserve_liquidity_supply",
            "user_destination_liquidity",
            "placeholder_user_destination_collateral",
            "collateral_token_program",
            "liquidity_token_program",
            "instruction_sysvar_account",
        ),
    ),
}
# ``_v2``: the same accounts (``withdraw_accounts``), then the obligation's farm accounts
KAMINO_LAYOUTS[bytes.fromhex("eb34779895c51407")] = _L(
    f"{_KAMINO_WITHDRAW}_v2",
    KAMINO_LAYOUTS[bytes.fromhex("4b5d5ddc2296dac4")].args,
    KAMINO_LAYOUTS[bytes.fromhex("4b5d5ddc2296dac4")].accounts,
)

MARGINFI_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes.fromhex("24484a13d2d2c0c0"): _L(
        "lending_account_withdraw",
        (("amount", "u64"), ("withdraw_all", "opt_u8")),
        (
            "marginfi_group",
            "marginfi_account",
            "signer",
            "bank",
            "destination_token_account",
            "bank_liquidity_vault_authority",
            "bank_liquidity_vault",
            "token_program",
        ),
    ),
    bytes.fromhex("99a23254b6c94ab3"): _L(
        "set_new_account_authority",
        (),
        ("marginfi_account", "marginfi_group", "signer", "new_authority", "fee_payer"),
    ),
    bytes.fromhex("1c4f81e7a9454541"): _L(
        "transfer_to_new_account",
        (),
        ("group", "old_marginfi_account", "new_marginfi_account", "authority"),
    ),
    bytes.fromhex("acd2e0dc92d4fd31"): _L(
        "transfer_to_new_account_pda",
        (("account_index", "u16"), ("third_party_id", "opt_u16")),
        ("group", "old_marginfi_account", "new_marginfi_account", "authority"),
    ),
}
MARGINFI_TRANSFER_ACCOUNTS: Final[dict[str, tuple[int, int]]] = {
    "transfer_to_new_account": (7, 8),
    "transfer_to_new_account_pda": (8, 9),
}
"""The account counts of each transfer form before and after ``fee_payer`` (its new authority
the fifth account, then the sixth)."""

DRIFT_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes.fromhex("b712469c946da122"): _L(
        "withdraw",
        (("market_index", "u16"), ("amount", "u64"), ("reduce_only", "u8")),
        (
            "state",
            "user",
            "user_stats",
            "authority",
            "spot_market_vault",
            "drift_signer",
            "user_token_account",
            "token_program",
        ),
    ),
    **DRIFT_USER_LAYOUTS,  # the delegate and settings (drift_user.py)
}

_TABLES: Final = {
    KAMINO_LEND_PROGRAM: KAMINO_LAYOUTS,
    MARGINFI_PROGRAM: MARGINFI_LAYOUTS,
    DRIFT_PROGRAM: DRIFT_LAYOUTS,
}
LENDING_PROGRAMS: Final = frozenset(_TABLES)


def lending_layout(program: str, data: bytes) -> tuple[Layout | None, int]:
    """The layout of one of these programs' instructions (Anchor: 8-byte discriminator)."""
    table = _TABLES.get(program)
    return (None, 0) if table is None else (table.get(data[:8]), 8)
