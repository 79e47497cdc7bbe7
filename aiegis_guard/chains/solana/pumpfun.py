"""pump.fun bonding-curve trades -> what the agent gives the curve and what it gets back
(layouts and builder).

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
``track_volume`` argument: neither changes what moves).

A buy pays SOL into the bonding curve (the curve's fee and the creator's share come out of
``max_sol_cost``, which bounds the whole payment) and mints nothing new: it transfers the exact
``amount`` out of the curve's token account into ``associated_user``. A sell does the reverse
into the ``user`` wallet itself. Like an AMM swap, each becomes a give of the input to the curve
(``order=SWAP_ORDER``) and a :class:`Receipt` of the output where the instruction sends it. Only
the program id above is read this way: a clone that sends the same bytes to another program is
an unknown program's call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.defi import Give, exchange, spl_token
from aiegis_guard.chains.solana.layout import SOL, Ix, Layout
from aiegis_guard.chains.transaction import Operation

__all__ = ["PUMP_BUILDERS", "PUMP_LAYOUTS", "PUMP_PROGRAM", "pump_layout", "pump_refs"]

PUMP_PROGRAM: Final = "6EF8rrecthR5Dkzon8Nwu78hRvfCKubJ14M5uBEwF6P"

_ACCOUNTS = (
    "global",
    "fee_recipient",
    "mint",
    "bonding_curve",
    "associated_bonding_curve",
    "associated_user",
    "user",
)
PUMP_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([102, 6, 61, 18, 1, 218, 235, 234]): Layout(
        "buy", (("amount", "u64"), ("max_sol_cost", "u64")), _ACCOUNTS
    ),
    bytes([51, 230, 133, 164, 1, 127, 131, 173]): Layout(
        "sell", (("amount", "u64"), ("min_sol_output", "u64")), _ACCOUNTS
    ),
}


def pump_layout(data: bytes) -> tuple[Layout | None, int]:
    return PUMP_LAYOUTS.get(data[:8]), 8


def _trade(ix: Ix, refs: Any) -> list[Operation]:
    a, acc, via = ix.args, ix.acc, f"pumpfun.{ix.name}"
    coin, user, account = spl_token(acc["mint"]), acc["user"], acc["associated_user"]
    curve = acc["bonding_curve"]
    give: Give
    if ix.name == "buy":
        give = (SOL, user, None, a["max_sol_cost"])
        return exchange(via, curve, give, (coin, account, a["amount"]))
    give = (coin, user, account, a["amount"])
    return exchange(via, curve, give, (SOL, user, a["min_sol_output"]))


def pump_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """The user's token account of the coin (the instruction names its mint)."""
    return [(ix.acc["associated_user"], ix.acc["mint"])]


PUMP_BUILDERS: Final[dict[tuple[str, str], Callable[[Ix, Any], list[Operation]]]] = {
    ("pumpfun", lay.name): _trade for lay in PUMP_LAYOUTS.values()
}
