"""SPL single-validator stake pools (``SVSPxpvH…``): a stake account in, pool tokens out, and
back.

Source: solana-labs/solana-program-library ``single-pool/program/src/instruction.rs``
(``SinglePoolInstruction``, Borsh: a one-byte tag): ``InitializePool`` 0,
``ReactivatePoolStake`` 1, ``DepositStake`` 2 (accounts: pool, pool stake, pool mint, pool
stake authority, pool mint authority, user stake account, user token account, user lamport
account, clock, stake history, token program, stake program), ``WithdrawStake
{user_stake_authority: Pubkey, token_amount: u64}`` 3 (pool, pool stake, pool mint, pool
stake authority, pool mint authority, user stake account, user token account, clock, token
program, stake program), ``CreateTokenMetadata`` 4 (the payer funds the pool token's
metadata), ``UpdateTokenMetadata {name, symbol, uri}`` 5 (signed by the validator's vote
withdrawer). The helper ``deposit()`` first hands the stake account's staker and withdrawer
to the pool stake authority (two Stake ``Authorize``); ``withdraw()`` first approves the pool
mint authority for ``token_amount`` of the user token account (SPL ``Approve``), which the
program burns.

``DepositStake`` is an exchange (``order = SWAP``): the whole stake account (authorised to the
pool: those two hand-overs are its input, ``defi.fold_stake_deposits``) given to the pool,
pool tokens minted into the user token account and the stake account's lamports above its
delegation paid to the user lamport account (an unknown share); ``WithdrawStake`` burns
``token_amount`` pool tokens and splits a stake account whose staker and withdrawer become
``user_stake_authority``: all of it that wallet's. Outputs elsewhere than own or an
allowlisted wallet BLOCK (``swap_recipient``). The pool's other instructions move nothing of
the signer's but the metadata rent its payer funds (known calls); an unknown tag is an
unknown instruction.
"""

from __future__ import annotations

from typing import Any, Final

from aiegis_guard.chains.solana.defi import exchange, spl_token
from aiegis_guard.chains.solana.layout import SOL, Ix, Layout, known
from aiegis_guard.chains.transaction import SWAP_ORDER, Asset, AssetKind, Operation, Receipt
from aiegis_guard.findings import Chain
from aiegis_guard.redact import mask_address

__all__ = ["SINGLE_POOL_BUILDERS", "SINGLE_POOL_PROGRAM", "single_pool_layout", "single_pool_refs"]

SINGLE_POOL_PROGRAM: Final = "SVSPxpvHdN29nkVg9rPapPNDddN5DipNLRUFhyjFThE"

_POOL = ("pool", "pool_stake", "pool_mint", "pool_stake_authority", "pool_mint_authority")
_LAYOUTS: Final[dict[int, Layout]] = {
    0: Layout("InitializePool", (), ("vote_account", "pool", "pool_stake", "pool_mint")),
    1: Layout("ReactivatePoolStake", (), ("vote_account", "pool", "pool_stake")),
    2: Layout(
        "DepositStake",
        (),
        (*_POOL, "user_stake", "user_token_account", "user_lamports_to"),
    ),
    3: Layout(
        "WithdrawStake",
        (("user_stake_authority", "pubkey"), ("token_amount", "u64")),
        (*_POOL, "user_stake", "user_token_account"),
    ),
    4: Layout("CreateTokenMetadata", (), ("pool", "pool_mint", "pool_mint_authority")),
    5: Layout("UpdateTokenMetadata", (), ("vote_account", "pool")),
}


def single_pool_layout(data: bytes) -> tuple[Layout | None, int]:
    if not data:
        return None, 0
    return _LAYOUTS.get(data[0]), 1


def single_pool_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """The user token account holds the pool's mint."""
    if ix.name in ("DepositStake", "WithdrawStake"):
        return [(ix.acc.get("user_token_account"), ix.acc.get("pool_mint"))]
    return []


def stake_account(address: str) -> Asset:
    """A stake account as what is given or received (all of it: its lamports, delegated or
    not), named by its address."""
    symbol = f"stake account {mask_address(address)}"
    return Asset(chain=Chain.SOLANA, kind=AssetKind.UNKNOWN, address=address, symbol=symbol)


def _deposit(ix: Ix, refs: Any) -> list[Operation]:
    acc, via = ix.acc, "single_pool.DepositStake"
    pool_token = spl_token(acc["pool_mint"])
    give = (stake_account(acc["user_stake"]), None, acc["user_stake"], None)
    out = exchange(via, acc["pool"], give, (pool_token, acc["user_token_account"], None))
    lamports = Receipt(via=via, asset=SOL, recipient=acc["user_lamports_to"], amount=None)
    return [*out, lamports.replace(order=SWAP_ORDER)]


def _withdraw(ix: Ix, refs: Any) -> list[Operation]:
    acc, a, via = ix.acc, ix.args, "single_pool.WithdrawStake"
    give = (spl_token(acc["pool_mint"]), None, acc["user_token_account"], a["token_amount"])
    got = (stake_account(acc["user_stake"]), a["user_stake_authority"], None)
    return exchange(via, acc["pool"], give, got)


SINGLE_POOL_BUILDERS: Final = {
    ("single_pool", "DepositStake"): _deposit,
    ("single_pool", "WithdrawStake"): _withdraw,
    **{("single_pool", n): known for n in ("InitializePool", "ReactivatePoolStake")},
    **{("single_pool", n): known for n in ("CreateTokenMetadata", "UpdateTokenMetadata")},
}
