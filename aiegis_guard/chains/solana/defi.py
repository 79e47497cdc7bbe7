"""Liquid staking and AMM instructions -> what the agent gives and where the output lands
(layouts in :mod:`.defi_layouts`).

Each of these instructions converts one asset into another and pays the result into an
account *the instruction names*: Marinade ``deposit`` mints mSOL to ``mint_to``,
``liquid_unstake`` pays SOL to ``transfer_sol_to``, a stake pool's ``DepositSol`` mints pool
tokens to ``pool_tokens_to``, a Raydium / Whirlpool swap pays the user's destination token
account, a Raydium CP-Swap ``deposit`` mints LP tokens to ``owner_lp_token`` and its
``withdraw`` pays both tokens to ``token_0_account`` / ``token_1_account``. Like a Jupiter
route, each becomes

* a :class:`Transfer` of the input to the pool (or the program, when the pool is the program's
  own state), marked as a swap's input (``order=SWAP_ORDER``): settled by the exchange;
* a :class:`Receipt` of the output to the account it lands in, at least the instruction's
  minimum (``None`` where the amount is computed on-chain: "all" of it).

Who owns a token account the output lands in is resolved later like any SPL account
(``inspect.own_view``); an output that is not provably own goes to the swap-output rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.known import known_mints
from aiegis_guard.chains.solana import defi_layouts as dl
from aiegis_guard.chains.solana.layout import SOL, Ix
from aiegis_guard.chains.transaction import (
    SWAP_ORDER,
    Asset,
    AssetKind,
    AuthorityChange,
    Operation,
    Receipt,
    Transfer,
)
from aiegis_guard.findings import Chain

__all__ = ["DEFI_BUILDERS", "DEFI_FAMILIES", "defi_refs", "exchange", "fold_stake_deposits"]
__all__ += ["raydium_user_accounts", "spl_token"]

DEFI_FAMILIES: dict[str, str] = {
    dl.MARINADE_PROGRAM: "marinade",
    **dict.fromkeys(dl.STAKE_POOL_PROGRAMS, "stake_pool"),
    dl.RAYDIUM_AMM_V4_PROGRAM: "raydium_amm",
    dl.WHIRLPOOL_PROGRAM: "whirlpool",
    dl.RAYDIUM_CPMM_PROGRAM: "raydium_cpmm",
    dl.RAYDIUM_CLMM_PROGRAM: "raydium_clmm",
}


def spl_token(mint: str | None) -> Asset:
    known = known_mints().get(mint or "")  # decimals, so that amounts read in whole tokens
    decimals = known.decimals if known else None
    return Asset(chain=Chain.SOLANA, kind=AssetKind.FUNGIBLE, address=mint, decimals=decimals)


Give = tuple[Asset, str | None, str | None, int | None]


def exchange(
    via: str, pool: str, give: Give, out: tuple[Asset, str, int | None]
) -> list[Operation]:
    """``give``: (asset, authority, source account, amount); ``out``: (asset, the account it
    lands in, least amount)."""
    asset, sender, source, amount = give
    out_asset, recipient, least = out
    return [
        Transfer(
            via=via,
            asset=asset,
            sender=sender,
            recipient=pool,
            amount=amount,
            source=source,
            order=SWAP_ORDER,
        ),
        Receipt(via=via, asset=out_asset, recipient=recipient, amount=least, order=SWAP_ORDER),
    ]


# --- Marinade -------------------------------------------------------------------------------


def _marinade_pool(ix: Ix, refs: Any) -> list[Operation]:
    """The SOL / mSOL liquidity pool: LP tokens minted to ``mint_to`` for SOL; LP tokens
    burnt for SOL to ``transfer_sol_to`` and mSOL to ``transfer_msol_to``."""
    a, acc, via = ix.args, ix.acc, f"marinade.{ix.name}"
    lp = spl_token(acc["lp_mint"])
    if ix.name == "add_liquidity":
        give: Give = (SOL, acc["transfer_from"], None, a["lamports"])
        return exchange(via, ix.program, give, (lp, acc["mint_to"], None))
    give = (lp, acc["burn_from_authority"], acc["burn_from"], a["tokens"])
    msol_to = acc["transfer_msol_to"]
    mint = refs.mint(msol_to) or dl.MSOL_MINT  # the state's mSOL (not among the accounts)
    msol = Receipt(via=via, asset=spl_token(mint), recipient=msol_to, amount=None, order=SWAP_ORDER)
    return [*exchange(via, ix.program, give, (SOL, acc["transfer_sol_to"], None)), msol]


def _marinade(ix: Ix, refs: Any) -> list[Operation]:
    if ix.name in ("add_liquidity", "remove_liquidity"):
        return _marinade_pool(ix, refs)
    a, acc, via = ix.args, ix.acc, f"marinade.{ix.name}"
    msol = spl_token(acc["msol_mint"])
    give: Give
    if ix.name == "liquid_unstake":
        give = (msol, acc["get_msol_from_authority"], acc["get_msol_from"], a["msol_amount"])
        return exchange(via, ix.program, give, (SOL, acc["transfer_sol_to"], None))
    if ix.name == "deposit":
        give = (SOL, acc["transfer_from"], None, a["lamports"])
    else:  # deposit_stake_account: the whole stake account goes in
        give = (SOL, acc["stake_authority"], acc["stake_account"], None)
    return exchange(via, ix.program, give, (msol, acc["mint_to"], None))


# --- SPL stake pool -------------------------------------------------------------------------


def _stake_pool(ix: Ix, refs: Any) -> list[Operation]:
    a, acc, name = ix.args, ix.acc, ix.name or ""
    via = f"stake_pool.{name}"
    pool, least = acc["stake_pool"], a.get("minimum_out")
    pool_token = spl_token(acc["pool_mint"])
    give: Give
    if name.startswith("DepositSol"):
        give = (SOL, acc["lamports_from"], None, a["lamports"])
        return exchange(via, pool, give, (pool_token, acc["pool_tokens_to"], least))
    if name.startswith("DepositStake"):  # the stake account (authorised to the pool) goes in
        give = (SOL, None, acc["deposit_stake"], None)
        return exchange(via, pool, give, (pool_token, acc["pool_tokens_to"], least))
    sender, source = acc["user_transfer_authority"], acc["pool_tokens_from"]
    give = (pool_token, sender, source, a["pool_tokens"])
    # WithdrawSol pays lamports; WithdrawStake splits a stake account whose staker and
    # withdrawer become ``user_stake_authority``: either way SOL for that wallet
    to = acc["lamports_to"] if name.startswith("WithdrawSol") else acc["user_stake_authority"]
    return exchange(via, pool, give, (SOL, to, least))


# --- Raydium AMM v4 -------------------------------------------------------------------------


def raydium_user_accounts(ix: Ix) -> tuple[str, str, str]:
    """(user source, user destination, user owner): the last three of 18 accounts, or of 17
    when ``amm_target_orders`` is left out."""
    end = 17 if len(ix.accounts) == 17 else 18
    src, dst, owner = ix.accounts[end - 3 : end]
    return src, dst, owner


def _raydium(ix: Ix, refs: Any) -> list[Operation]:
    a, via = ix.args, f"raydium_amm.{ix.name}"
    src, dst, owner = raydium_user_accounts(ix)
    if ix.name == "SwapBaseIn":
        pay, least = a["amount_in"], a["minimum_out"]
    else:
        pay, least = a["max_in"], a["amount_out"]
    give = (spl_token(refs.mint(src)), owner, src, pay)
    return exchange(via, ix.acc["amm"], give, (spl_token(refs.mint(dst)), dst, least))


def _cpmm_liquidity(ix: Ix, refs: Any) -> list[Operation]:
    """Raydium CP-Swap ``deposit``: both tokens (at most the maxima) from the owner's accounts
    into the pool, the LP tokens minted to ``owner_lp_token``; ``withdraw``: the LP tokens
    burnt from ``owner_lp_token``, both tokens (at least the minima) paid to
    ``token_0_account`` / ``token_1_account``, whoever owns them."""
    a, acc, via = ix.args, ix.acc, f"raydium_cpmm.{ix.name}"
    pool, owner, lp = acc["pool_state"], acc["owner"], spl_token(acc["lp_mint"])
    sides = [(acc[f"token_{n}_account"], spl_token(acc[f"vault_{n}_mint"]), n) for n in "01"]
    if ix.name == "deposit":
        gives = [
            Transfer(
                via=via,
                asset=token,
                sender=owner,
                recipient=pool,
                amount=a[f"maximum_token_{n}"],
                source=account,
                order=SWAP_ORDER,
            )
            for account, token, n in sides
        ]
        out, minted = acc["owner_lp_token"], a["lp_token_amount"]
        return [*gives, Receipt(via=via, asset=lp, recipient=out, amount=minted, order=SWAP_ORDER)]
    burnt: Give = (lp, owner, acc["owner_lp_token"], a["lp_token_amount"])
    (first, token0, _), (second, token1, _) = sides
    paid = Receipt(
        via=via, asset=token1, recipient=second, amount=a["minimum_token_1"], order=SWAP_ORDER
    )
    return [*exchange(via, pool, burnt, (token0, first, a["minimum_token_0"])), paid]


def _in_out(ix: Ix, refs: Any) -> list[Operation]:
    """Raydium CP-Swap and CLMM: the user's input / output token accounts by name (the mints
    too, except in CLMM ``swap``)."""
    a, acc, via = ix.args, ix.acc, f"{ix.family}.{ix.name}"
    if ix.name == "swap_base_input":
        pay, least = a["amount_in"], a["minimum_out"]
    elif ix.name == "swap_base_output":
        pay, least = a["max_in"], a["amount_out"]
    elif a["is_base_input"]:
        pay, least = a["amount"], a["other_amount_threshold"]
    else:  # exact output: the threshold is the most it pays
        pay, least = a["other_amount_threshold"], a["amount"]
    src, dst = acc["input_token_account"], acc["output_token_account"]
    give = (spl_token(acc.get("input_token_mint") or refs.mint(src)), acc["payer"], src, pay)
    out = (spl_token(acc.get("output_token_mint") or refs.mint(dst)), dst, least)
    return exchange(via, acc["pool_state"], give, out)


# --- Orca Whirlpool -------------------------------------------------------------------------


def _whirlpool_sides(ix: Ix) -> tuple[str, str, str | None, str | None]:
    """(input account, output account, input mint, output mint)."""
    acc = ix.acc
    if ix.name == "two_hop_swap_v2":  # names the user's two accounts and their mints
        return (
            acc["token_owner_account_input"],
            acc["token_owner_account_output"],
            acc["token_mint_input"],
            acc["token_mint_output"],
        )
    if ix.name == "two_hop_swap":
        a = ix.args
        first = "a" if a["a_to_b_one"] else "b"
        last = "b" if a["a_to_b_two"] else "a"
        return (
            acc[f"token_owner_account_one_{first}"],
            acc[f"token_owner_account_two_{last}"],
            None,
            None,
        )
    side_in, side_out = ("a", "b") if ix.args["a_to_b"] else ("b", "a")
    return (
        acc[f"token_owner_account_{side_in}"],
        acc[f"token_owner_account_{side_out}"],
        acc.get(f"token_mint_{side_in}"),
        acc.get(f"token_mint_{side_out}"),
    )


def _whirlpool(ix: Ix, refs: Any) -> list[Operation]:
    a, via = ix.args, f"whirlpool.{ix.name}"
    src, dst, mint_in, mint_out = _whirlpool_sides(ix)
    if a["amount_specified_is_input"]:
        pay, least = a["amount"], a["other_amount_threshold"]
    else:  # exact output: the threshold is the most it pays
        pay, least = a["other_amount_threshold"], a["amount"]
    give = (spl_token(mint_in or refs.mint(src)), ix.acc["token_authority"], src, pay)
    out = (spl_token(mint_out or refs.mint(dst)), dst, least)
    pool = ix.acc.get("whirlpool") or ix.acc["whirlpool_one"]  # two_hop_swap_v2: the first
    return exchange(via, pool, give, out)


def defi_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """(token account, mint) pairs the instruction states (its mint accounts name them)."""
    acc = ix.acc
    if ix.family == "marinade":
        mint = acc.get("msol_mint") or acc.get("lp_mint")
        return [
            (acc.get("mint_to"), mint),
            (acc.get("get_msol_from") or acc.get("burn_from"), mint),
        ]
    if ix.family == "stake_pool":
        mint = acc.get("pool_mint")
        return [(acc.get("pool_tokens_to"), mint), (acc.get("pool_tokens_from"), mint)]
    if ix.family == "raydium_cpmm" and "lp_mint" in acc:
        return [
            (acc["owner_lp_token"], acc["lp_mint"]),
            (acc["token_0_account"], acc["vault_0_mint"]),
            (acc["token_1_account"], acc["vault_1_mint"]),
        ]
    if ix.family in ("raydium_cpmm", "raydium_clmm") and "input_token_mint" in acc:
        return [
            (acc["input_token_account"], acc["input_token_mint"]),
            (acc["output_token_account"], acc["output_token_mint"]),
        ]
    if ix.family == "whirlpool" and ix.name == "swap_v2":
        return [
            (acc["token_owner_account_a"], acc["token_mint_a"]),
            (acc["token_owner_account_b"], acc["token_mint_b"]),
        ]
    if ix.family == "whirlpool" and ix.name == "two_hop_swap_v2":
        return [
            (acc["token_owner_account_input"], acc["token_mint_input"]),
            (acc["token_owner_account_output"], acc["token_mint_output"]),
        ]
    return []


# (family, stake account role, authority role) of the deposits that take a stake account
# authorised to the pool: SPL stake pools, single-validator pools (single_pool.py)
_STAKE_DEPOSITS = (
    ("stake_pool", "deposit_stake", "deposit_authority"),
    ("single_pool", "user_stake", "pool_stake_authority"),
)


def fold_stake_deposits(ixs: list[Ix], ops: list[Operation]) -> list[Operation]:
    """A stake pool's ``DepositStake`` needs the stake account's staker and withdrawer handed
    to the pool's deposit authority first (two Stake ``Authorize`` in the same transaction):
    those hand-overs *are* the deposit (its input), not a gift of the stake account."""
    deposits = {
        (ix.acc[stake], ix.acc[authority])
        for ix in ixs
        for family, stake, authority in _STAKE_DEPOSITS
        if ix.family == family and (ix.name or "").startswith("DepositStake") and not ix.malformed
    }
    if not deposits:
        return ops
    return [
        op
        for op in ops
        if not (
            isinstance(op, AuthorityChange)
            and op.via == "stake.authorize"
            and (op.account, op.new_authority) in deposits
        )
    ]


_Builder = Callable[[Ix, Any], list[Operation]]
DEFI_BUILDERS: dict[tuple[str, str], _Builder] = {
    **{("marinade", layout.name): _marinade for layout in dl.MARINADE_LAYOUTS.values()},
    **{("stake_pool", layout.name): _stake_pool for layout in dl.STAKE_POOL_LAYOUTS.values()},
    **{("raydium_amm", layout.name): _raydium for layout in dl.RAYDIUM_LAYOUTS.values()},
    **{("whirlpool", layout.name): _whirlpool for layout in dl.WHIRLPOOL_LAYOUTS.values()},
    **{("raydium_cpmm", lay.name): _in_out for lay in dl.RAYDIUM_CPMM_LAYOUTS.values()},
    ("raydium_cpmm", "deposit"): _cpmm_liquidity,
    ("raydium_cpmm", "withdraw"): _cpmm_liquidity,
    **{("raydium_clmm", lay.name): _in_out for lay in dl.RAYDIUM_CLMM_LAYOUTS.values()},
}
