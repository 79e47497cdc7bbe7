"""Orca Whirlpool positions -> where the withdrawn liquidity, fees and rewards land, and who
gets a closed position's rent (layouts and builders; swaps are in :mod:`.defi`).

A position is an NFT (its mint ``position_mint``; the ``position`` account is the PDA
``["position", position_mint]``); whoever holds the NFT signs as ``position_authority``. The
program pays out to the token accounts the instruction names, whoever owns them (it checks
only their mints against the pool's):

* ``decrease_liquidity`` / ``decrease_liquidity_v2`` pay both sides of the removed liquidity
  to ``token_owner_account_a`` / ``_b``: a :class:`Receipt` of each, at least ``token_min_a``
  / ``token_min_b`` (a minimum of 0 reads as "computed on-chain", like a DLMM removal: the
  position's share, not a swap's price);
* ``collect_fees`` / ``collect_fees_v2`` pay the fees owed to the same two accounts, and
  ``collect_reward`` / ``collect_reward_v2`` one reward to ``reward_owner_account``: a
  :class:`Receipt` each (amounts computed on-chain);
* ``increase_liquidity`` / ``increase_liquidity_v2`` pay at most ``token_max_a`` /
  ``token_max_b`` from the two token accounts into the pool for liquidity credited to the
  position: an exchange (:func:`.defi.exchange`'s shape) whose output is the position held in
  ``position_token_account`` — own only when the transaction shows it (the program also lets
  a *delegate* of the position NFT sign: someone else's position funded from the own
  account), else the output goes to an account of unknown owner (FLAG) or a stranger's
  (BLOCK);
* ``open_position`` / ``_with_metadata`` / ``_with_token_extensions`` mint a new position NFT
  into ``owner``'s associated token account: a known call (only rent is paid) that states the
  position's token account and mint, so a deposit in the same transaction is judged by
  whose position it funds;
* ``close_position`` burns the position NFT and closes ``position`` and
  ``position_token_account`` with their rent to ``receiver``: a :class:`CloseAccount` each.

An output account whose owner the transaction does not reveal is judged like a swap output
(``inspect``: own -> gets; a stranger's -> BLOCK; unknown owner and mint -> FLAG). The v2
forms name the mints, so those accounts' mints are stated (:func:`position_refs`).

Source: orca-so/whirlpools ``programs/whirlpool/src/instructions``: ``increase_liquidity.rs``
(``ModifyLiquidity``: whirlpool, token_program, position_authority, position,
position_token_account, token_owner_account_a, token_owner_account_b, token_vault_a,
token_vault_b, tick_array_lower, tick_array_upper; handler ``liquidity_amount: u128,
token_max_a: u64, token_max_b: u64``; shared by ``decrease_liquidity``, whose handler takes
``liquidity_amount, token_min_a, token_min_b``),
``v2/increase_liquidity.rs`` (``ModifyLiquidityV2``: whirlpool, token_program_a,
token_program_b, memo_program, position_authority, position, position_token_account,
token_mint_a, token_mint_b, token_owner_account_a, token_owner_account_b, token_vault_a,
token_vault_b, tick_array_lower, tick_array_upper; ``v2/decrease_liquidity.rs`` uses it),
``collect_fees.rs``, ``v2/collect_fees.rs``, ``collect_reward.rs`` (``reward_index: u8``),
``v2/collect_reward.rs``, ``close_position.rs``, ``open_position.rs`` (``OpenPosition``:
funder, owner, position, position_mint, position_token_account, whirlpool, token_program, …),
``open_position_with_metadata.rs`` (``position_metadata_account`` before the token account),
``open_position_with_token_extensions.rs`` (… position_token_account, whirlpool,
token_2022_program, …). Anchor discriminators ``sha256("global:<name>")[:8]``
(``decrease_liquidity`` = ``a026d06f685b2c01``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.defi import spl_token
from aiegis_guard.chains.solana.layout import Ix, Layout, known
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    CloseAccount,
    Operation,
    Receipt,
    Transfer,
)

__all__ = ["POSITION_BUILDERS", "position_layout", "position_refs"]

_POSITION = ("position_authority", "position", "position_token_account")
_MODIFY_ARGS = (("liquidity_amount", "u128"), ("token_min_a", "u64"), ("token_min_b", "u64"))
_ARRAYS = ("tick_array_lower", "tick_array_upper")
_SIDES = ("token_owner_account_a", "token_owner_account_b", "token_vault_a", "token_vault_b")
_FEE_SIDES = ("token_owner_account_a", "token_vault_a", "token_owner_account_b", "token_vault_b")
_MINTS = ("token_mint_a", "token_mint_b")
_MAX_ARGS = (("liquidity_amount", "u128"), ("token_max_a", "u64"), ("token_max_b", "u64"))
_OPEN = ("funder", "owner", "position", "position_mint", "position_token_account")
_OPEN_REST = ("whirlpool", "token_program")
POSITION_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes.fromhex("a026d06f685b2c01"): Layout(
        "decrease_liquidity",
        _MODIFY_ARGS,
        ("whirlpool", "token_program", *_POSITION, *_SIDES, *_ARRAYS),
    ),
    bytes.fromhex("3a7fbc3e4f52c460"): Layout(
        "decrease_liquidity_v2",
        _MODIFY_ARGS,
        (
            "whirlpool",
            "token_program_a",
            "token_program_b",
            "memo_program",
            *_POSITION,
            *_MINTS,
            *_SIDES,
            *_ARRAYS,
        ),
    ),
    bytes.fromhex("2e9cf3760dcdfbb2"): Layout(
        "increase_liquidity",
        _MAX_ARGS,
        ("whirlpool", "token_program", *_POSITION, *_SIDES, *_ARRAYS),
    ),
    bytes.fromhex("851d59df45eeb00a"): Layout(
        "increase_liquidity_v2",
        _MAX_ARGS,
        (
            "whirlpool",
            "token_program_a",
            "token_program_b",
            "memo_program",
            *_POSITION,
            *_MINTS,
            *_SIDES,
            *_ARRAYS,
        ),
    ),
    bytes.fromhex("87802f4d0f98f031"): Layout("open_position", (), (*_OPEN, *_OPEN_REST)),
    bytes.fromhex("f21d86303a6e0e3c"): Layout(
        "open_position_with_metadata",
        (),
        (*_OPEN[:4], "position_metadata_account", _OPEN[4], *_OPEN_REST),
    ),
    bytes.fromhex("d42f5f5c726683fa"): Layout(
        "open_position_with_token_extensions", (), (*_OPEN, "whirlpool", "token_2022_program")
    ),
    bytes.fromhex("a498cf631eba13b6"): Layout(
        "collect_fees", (), ("whirlpool", *_POSITION, *_FEE_SIDES, "token_program")
    ),
    bytes.fromhex("cf755fbfe5b4e20f"): Layout(
        "collect_fees_v2",
        (),
        (
            "whirlpool",
            *_POSITION,
            *_MINTS,
            *_FEE_SIDES,
            "token_program_a",
            "token_program_b",
            "memo_program",
        ),
    ),
    bytes.fromhex("4605845756ebb122"): Layout(
        "collect_reward",
        (("reward_index", "u8"),),
        ("whirlpool", *_POSITION, "reward_owner_account", "reward_vault", "token_program"),
    ),
    bytes.fromhex("b16b25b4a01331d1"): Layout(
        "collect_reward_v2",
        (("reward_index", "u8"),),
        (
            "whirlpool",
            *_POSITION,
            "reward_owner_account",
            "reward_mint",
            "reward_vault",
            "reward_token_program",
            "memo_program",
        ),
    ),
    bytes.fromhex("7b86510031446262"): Layout(
        "close_position",
        (),
        (
            "position_authority",
            "receiver",
            "position",
            "position_mint",
            "position_token_account",
            "token_program",
        ),
    ),
}


def position_layout(data: bytes) -> tuple[Layout | None, int]:
    return POSITION_LAYOUTS.get(data[:8]), 8


def _receipt(ix: Ix, account: str, mint: str | None, least: int | None) -> Receipt:
    return Receipt(
        via=f"whirlpool.{ix.name}", asset=spl_token(mint), recipient=account, amount=least
    )


def _two_sides(ix: Ix, refs: Any) -> list[Operation]:
    """Both sides of the position paid out (liquidity removed, or the fees owed)."""
    acc, a = ix.acc, ix.args
    out: list[Operation] = []
    for side in ("a", "b"):
        account = acc[f"token_owner_account_{side}"]
        mint = acc.get(f"token_mint_{side}") or refs.mint(account)
        least = a.get(f"token_min_{side}") or None  # 0: no floor stated, computed on-chain
        out.append(_receipt(ix, account, mint, least))
    return out


def _increase(ix: Ix, refs: Any) -> list[Operation]:
    """Both sides paid into the pool (at most ``token_max``) for liquidity credited to the
    position whose NFT sits in ``position_token_account``: settled like a swap when that
    account is own (the program lets a *delegate* of someone else's position NFT sign too)."""
    acc, a, via = ix.acc, ix.args, f"whirlpool.{ix.name}"
    ops: list[Operation] = []
    for side in ("a", "b"):
        source = acc[f"token_owner_account_{side}"]
        asset = spl_token(acc.get(f"token_mint_{side}") or refs.mint(source))
        pay = a[f"token_max_{side}"]
        sender = acc["position_authority"]
        ops.append(
            Transfer(
                via=via,
                asset=asset,
                sender=sender,
                recipient=acc["whirlpool"],
                amount=pay,
                source=source,
                order=SWAP_ORDER,
            )
        )
    holder = acc["position_token_account"]
    position = spl_token(refs.mint(holder))
    ops.append(Receipt(via=via, asset=position, recipient=holder, amount=None, order=SWAP_ORDER))
    return ops


def _open(ix: Ix, refs: Any) -> list[Operation]:
    """A new position NFT minted to ``owner``'s token account (the rent paid by ``funder``):
    nothing of the own account's moves; the account and its mint are stated for what follows
    (:func:`position_refs`)."""
    return known(ix)


def _reward(ix: Ix, refs: Any) -> list[Operation]:
    account = ix.acc["reward_owner_account"]
    mint = ix.acc.get("reward_mint") or refs.mint(account)
    return [_receipt(ix, account, mint, None)]


def _close(ix: Ix, refs: Any) -> list[Operation]:
    acc, via = ix.acc, "whirlpool.close_position"
    return [
        CloseAccount(via=via, account=acc["position"], destination=acc["receiver"]),
        CloseAccount(via=via, account=acc["position_token_account"], destination=acc["receiver"]),
    ]


def position_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """(token account, mint) pairs the v2 instructions and ``close_position`` state."""
    acc = ix.acc
    pairs = [(acc.get(f"token_owner_account_{s}"), acc.get(f"token_mint_{s}")) for s in "ab"]
    pairs += [
        (acc.get("reward_owner_account"), acc.get("reward_mint")),
        (acc.get("position_token_account"), acc.get("position_mint")),
    ]
    return [(account, mint) for account, mint in pairs if account and mint]


_Builder = Callable[[Ix, Any], list[Operation]]
POSITION_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("whirlpool", "decrease_liquidity"): _two_sides,
    ("whirlpool", "decrease_liquidity_v2"): _two_sides,
    ("whirlpool", "increase_liquidity"): _increase,
    ("whirlpool", "increase_liquidity_v2"): _increase,
    ("whirlpool", "open_position"): _open,
    ("whirlpool", "open_position_with_metadata"): _open,
    ("whirlpool", "open_position_with_token_extensions"): _open,
    ("whirlpool", "collect_fees"): _two_sides,
    ("whirlpool", "collect_fees_v2"): _two_sides,
    ("whirlpool", "collect_reward"): _reward,
    ("whirlpool", "collect_reward_v2"): _reward,
    ("whirlpool", "close_position"): _close,
}
