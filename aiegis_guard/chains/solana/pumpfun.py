"""pump.fun bonding-curve trades and PumpSwap (its AMM) swaps -> what the agent gives the
curve or pool and what it gets back (layouts and builders).

Sources: pump-fun/pump-public-docs ``docs/PUMP_PROGRAM_README.md`` (program
``6EF8rrec…wF6P``; ``buy(user, associated_user, mint, amount, max_sol_cost)``: the exact
``amount`` of coins for at most ``max_sol_cost`` lamports; ``sell(user, associated_user, mint,
amount, min_sol_output)``: the exact ``amount`` of coins for at least ``min_sol_output``
lamports, paid to ``user``) and ``docs/PUMP_CREATOR_FEE_README.md`` (``Buy::rent`` became
``creator_vault``, ``Sell::associated_token_program`` became ``creator_vault``); the Anchor IDL
as published in D3AD-E/Solana-sniper-bot ``src/pumpFun/IDL/pump-fun.ts``: discriminators
``buy`` ``[102, 6, 61, 18, 1, 218, 235, 234]``, ``sell`` ``[51, 230, 133, 164, 1, 127, 131,
173]`` (= ``sha256("global:<name>")[:8]``), the first seven accounts of both ``global``,
``fee_recipient``, ``mint``, ``bonding_curve``, ``associated_bonding_curve``,
``associated_user``, ``user`` (then system / token programs, ``creator_vault``, the event
authority, the program; later versions append volume accumulators and the fee program, and a
``track_volume`` argument: neither changes what moves). The same layout with
``buy_exact_sol_in(spendable_sol_in, min_tokens_out)``; the unified quote-mint forms from the
program's own docs: ``docs/instructions/BUY.md`` / ``SELL.md`` (``buy_v2`` / ``sell_v2``: 27 /
26 accounts, ``base_mint`` 2nd, ``quote_mint`` 3rd, ``bonding_curve`` 11th, ``user``,
``associated_base_user``, ``associated_quote_user`` 14th-16th; ``buy_exact_quote_in_v2`` takes
the same accounts) and ``TRADE_V3.md`` (``buy_v3`` / ``buy_exact_quote_in_v3`` / ``sell_v3``:
17 accounts, ``bonding_curve`` 6th, ``user`` 9th-11th; ``spendable_quote_in``,
``min_tokens_out``). Their discriminators (= ``sha256("global:<name>")[:8]``) as the published
IDL ``idl/pump.json`` lists them, cross-checked in several public integrations.

A buy pays the quote (SOL, or the quote token of a USDC- or coin-paired curve) into the bonding
curve (the curve's fee and the creator's share come out of ``max_sol_cost``, which bounds the
whole payment) and transfers the exact ``amount`` of the coin out of the curve into the user's
coin account; an exact-in buy spends exactly ``spendable_*_in`` for at least
``min_tokens_out``. A sell does the reverse: SOL into the ``user`` wallet itself, a quote token
into ``associated_quote_user``. Like an AMM swap, each becomes a give of the input to the curve
(``order=SWAP_ORDER``) and a :class:`Receipt` of the output where the instruction sends it.
Only the program id above is read this way: a clone that sends the same bytes to another
program is an unknown program's call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.defi import Give, exchange, spl_token
from aiegis_guard.chains.solana.layout import SOL, Ix, Layout
from aiegis_guard.chains.transaction import Asset, Operation

__all__ = ["PUMP_BUILDERS", "PUMP_LAYOUTS", "PUMP_PROGRAM", "pump_layout", "pump_refs"]
__all__ += ["PUMP_AMM_PROGRAM", "pump_amm_layout", "pump_amm_refs"]

PUMP_PROGRAM: Final = "6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P"
NATIVE_MINT: Final = "So11111111111111111111111111111111111111112"  # a SOL-paired coin's quote

_LEGACY = (
    "global",
    "fee_recipient",
    "mint",
    "bonding_curve",
    "associated_bonding_curve",
    "associated_user",
    "user",
)
_QUOTE = ("global", "base_mint", "quote_mint", "base_token_program", "quote_token_program")
_CURVE = ("bonding_curve", "associated_base_bonding_curve", "associated_quote_bonding_curve")
_USER = ("user", "associated_base_user", "associated_quote_user")
_FEES = (
    "associated_token_program",
    "fee_recipient",
    "associated_quote_fee_recipient",
    "buyback_fee_recipient",
    "associated_quote_buyback_fee_recipient",
)
_V2 = (*_QUOTE, *_FEES, *_CURVE, *_USER)  # docs/instructions/BUY.md, SELL.md (1-16 of 27 / 26)
_V3 = (*_QUOTE, *_CURVE, *_USER)  # docs/instructions/TRADE_V3.md (1-11 of 17)
_BUY = (("amount", "u64"), ("max_sol_cost", "u64"))
_SELL = (("amount", "u64"), ("min_sol_output", "u64"))
_EXACT_QUOTE = (("spendable_quote_in", "u64"), ("min_tokens_out", "u64"))
PUMP_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([102, 6, 61, 18, 1, 218, 235, 234]): Layout("buy", _BUY, _LEGACY),
    bytes([51, 230, 133, 164, 1, 127, 131, 173]): Layout("sell", _SELL, _LEGACY),
    bytes([56, 252, 116, 8, 158, 223, 205, 95]): Layout(
        "buy_exact_sol_in", (("spendable_sol_in", "u64"), ("min_tokens_out", "u64")), _LEGACY
    ),
    bytes([184, 23, 238, 97, 103, 197, 211, 61]): Layout("buy_v2", _BUY, _V2),
    bytes([93, 246, 130, 60, 231, 233, 64, 178]): Layout("sell_v2", _SELL, _V2),
    bytes([194, 171, 28, 70, 104, 77, 91, 47]): Layout("buy_exact_quote_in_v2", _EXACT_QUOTE, _V2),
    bytes([7, 5, 29, 196, 245, 23, 101, 80]): Layout("buy_v3", _BUY, _V3),
    bytes([28, 146, 222, 119, 38, 196, 105, 213]): Layout("sell_v3", _SELL, _V3),
    bytes([225, 247, 80, 30, 213, 179, 132, 136]): Layout(
        "buy_exact_quote_in_v3", _EXACT_QUOTE, _V3
    ),
}


def pump_layout(data: bytes) -> tuple[Layout | None, int]:
    return PUMP_LAYOUTS.get(data[:8]), 8


def _quote(ix: Ix) -> tuple[Asset, str | None, str]:
    """(quote asset, the user's quote token account, where quote paid to the user lands): SOL
    from and to the ``user`` wallet itself for a SOL-paired coin (legacy, or ``quote_mint`` =
    wrapped SOL); the quote token from / to ``associated_quote_user`` otherwise."""
    acc = ix.acc
    mint = acc.get("quote_mint", NATIVE_MINT)
    if mint == NATIVE_MINT:
        return SOL, None, acc["user"]
    return spl_token(mint), acc["associated_quote_user"], acc["associated_quote_user"]


def _trade(ix: Ix, refs: Any) -> list[Operation]:
    a, acc, via, name = ix.args, ix.acc, f"pumpfun.{ix.name}", ix.name or ""
    coin = spl_token(acc.get("base_mint") or acc["mint"])
    account = acc.get("associated_base_user") or acc["associated_user"]
    user, curve = acc["user"], acc["bonding_curve"]
    quote, quote_from, quote_to = _quote(ix)
    give: Give
    if name.startswith("sell"):
        give = (coin, user, account, a["amount"])
        return exchange(via, curve, give, (quote, quote_to, a["min_sol_output"]))
    if name.startswith("buy_exact"):  # exact quote in, at least min_tokens_out
        spend = a.get("spendable_sol_in", a.get("spendable_quote_in"))
        give = (quote, user, quote_from, spend)
        return exchange(via, curve, give, (coin, account, a["min_tokens_out"]))
    give = (quote, user, quote_from, a["max_sol_cost"])
    return exchange(via, curve, give, (coin, account, a["amount"]))


def pump_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """The user's token accounts of the coin and the quote (the instruction names the mints)."""
    acc = ix.acc
    if "associated_user" in acc:
        return [(acc["associated_user"], acc["mint"])]
    return [
        (acc["associated_base_user"], acc["base_mint"]),
        (acc["associated_quote_user"], acc["quote_mint"]),
    ]


# --- PumpSwap (the AMM a completed curve migrates to) ----------------------------------------
# pump-fun/pump-public-docs docs/PUMP_SWAP_README.md (program, buy / sell), idl/pump_amm.json
# (``buy``: base_amount_out, max_quote_amount_in; ``sell``: base_amount_in, min_quote_amount_out;
# the first nine accounts of both below), docs/instructions/PUMP_SWAP_TRADE_V2.md (the ``*_v2``
# forms: the same nine first; ``buy_exact_quote_in_v2``: spendable_quote_in, min_base_amount_out;
# ``buy_exact_quote_in`` takes the v1 accounts, its arguments as the SDK's coder encodes them).
# The quote is always a token account (wrapped SOL for SOL pools).
PUMP_AMM_PROGRAM: Final = "pAMMBay6oceH9fJKBRHGP5D4bD4sWpmSwMn52FMfXEA"
_AMM = (
    "pool",
    "user",
    "global_config",
    "base_mint",
    "quote_mint",
    "user_base_token_account",
    "user_quote_token_account",
)
_AMM_BUY = (("base_amount_out", "u64"), ("max_quote_amount_in", "u64"))
_AMM_SELL = (("base_amount_in", "u64"), ("min_quote_amount_out", "u64"))
_AMM_EXACT = (("spendable_quote_in", "u64"), ("min_base_amount_out", "u64"))
PUMP_AMM_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([102, 6, 61, 18, 1, 218, 235, 234]): Layout("buy", _AMM_BUY, _AMM),
    bytes([51, 230, 133, 164, 1, 127, 131, 173]): Layout("sell", _AMM_SELL, _AMM),
    bytes([198, 46, 21, 82, 180, 217, 232, 112]): Layout("buy_exact_quote_in", _AMM_EXACT, _AMM),
    bytes([184, 23, 238, 97, 103, 197, 211, 61]): Layout("buy_v2", _AMM_BUY, _AMM),
    bytes([93, 246, 130, 60, 231, 233, 64, 178]): Layout("sell_v2", _AMM_SELL, _AMM),
    bytes([194, 171, 28, 70, 104, 77, 91, 47]): Layout("buy_exact_quote_in_v2", _AMM_EXACT, _AMM),
}


def pump_amm_layout(data: bytes) -> tuple[Layout | None, int]:
    return PUMP_AMM_LAYOUTS.get(data[:8]), 8


def _amm_trade(ix: Ix, refs: Any) -> list[Operation]:
    a, acc, via, name = ix.args, ix.acc, f"pumpswap.{ix.name}", ix.name or ""
    base, quote = spl_token(acc["base_mint"]), spl_token(acc["quote_mint"])
    user, pool = acc["user"], acc["pool"]
    base_account, quote_account = acc["user_base_token_account"], acc["user_quote_token_account"]
    give: Give
    if name.startswith("sell"):
        give = (base, user, base_account, a["base_amount_in"])
        return exchange(via, pool, give, (quote, quote_account, a["min_quote_amount_out"]))
    if name.startswith("buy_exact"):
        give = (quote, user, quote_account, a["spendable_quote_in"])
        return exchange(via, pool, give, (base, base_account, a["min_base_amount_out"]))
    give = (quote, user, quote_account, a["max_quote_amount_in"])
    return exchange(via, pool, give, (base, base_account, a["base_amount_out"]))


def pump_amm_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    acc = ix.acc
    return [
        (acc["user_base_token_account"], acc["base_mint"]),
        (acc["user_quote_token_account"], acc["quote_mint"]),
    ]


_Builder = Callable[[Ix, Any], list[Operation]]
PUMP_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    **{("pumpfun", lay.name): _trade for lay in PUMP_LAYOUTS.values()},
    **{("pumpswap", lay.name): _amm_trade for lay in PUMP_AMM_LAYOUTS.values()},
}
