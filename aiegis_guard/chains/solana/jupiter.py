"""Jupiter v6 swaps -> operations (layouts in :mod:`.jupiter_layouts`).

Every route instruction becomes what the agent gives and what it is guaranteed to get:

* a :class:`Transfer` of the input (``in_amount``; the slippage-bounded ``quoted_in_amount``
  for exact-out routes; unknown for token-ledger routes) from the user's source token account
  to the Jupiter program, marked as a swap's input (``order=SWAP_ORDER``);
* a :class:`Receipt` of the output mint, at least ``quoted_out_amount * (1 - slippage)``
  (``out_amount`` for exact-out routes), to the **account the output lands in**:
  ``destination_token_account`` when given, else the user's destination token account (Anchor
  passes the program id for an absent optional account).

The ``*_v2`` routes read the same way; their ``platform_fee_bps`` is a u16 (a u8 before: at
most 2.55 %) and may claim up to the whole output for a fee account the request does not name,
so the least the user gets is also cut by that fee (conservative: a fee charged on top of the
minimum can only make the guarantee smaller). Jupiter's housekeeping instructions (token
ledgers, a token account created for the user, the fees its own wallet claims) move nothing of
the user's: known calls.

Who owns that token account is resolved later like any SPL account (ATA of an own wallet,
created or initialised in the same transaction...); an output that is not provably own goes to
the swap-output rules (``tx.sol.swap_recipient`` BLOCK, ``tx.sol.swap_no_minimum`` FLAG).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.defi import exchange
from aiegis_guard.chains.solana.jupiter_layouts import (
    JUPITER_LAYOUTS,
    JUPITER_OTHER_LAYOUTS,
    JUPITER_V2_LAYOUTS,
)
from aiegis_guard.chains.solana.layout import Ix, known
from aiegis_guard.chains.transaction import (
    Asset,
    AssetKind,
    Operation,
)
from aiegis_guard.findings import Chain

__all__ = ["JUPITER_BUILDERS", "output_account"]

BPS = 10_000


def output_account(ix: Ix) -> str | None:
    """The token account the swap's output is paid into."""
    dest = ix.acc.get("destination_token_account")
    if dest and dest != progs.JUPITER_V6_PROGRAM:
        return dest
    return ix.acc.get("user_destination_token_account")


def _asset(mint: str | None) -> Asset:
    return Asset(chain=Chain.SOLANA, kind=AssetKind.FUNGIBLE, address=mint)


def _amounts(ix: Ix) -> tuple[int | None, int]:
    """(most the user pays, least the user gets) in base units."""
    a = ix.args
    slippage = min(a["slippage_bps"], BPS)
    v2 = "positive_slippage_bps" in a  # a u16 platform fee (v1's u8 is at most 2.55 %)
    fee = min(a["platform_fee_bps"], BPS) if v2 else 0
    if "out_amount" in a:  # exact out: the output is fixed, the input bounded by slippage
        return a["quoted_in_amount"] * (BPS + slippage) // BPS, a["out_amount"]
    least = a["quoted_out_amount"] * (BPS - slippage) // BPS
    return a.get("in_amount"), least * (BPS - fee) // BPS  # v2: less the platform fee


def _route(ix: Ix, refs: Any) -> list[Operation]:
    pay, least = _amounts(ix)
    via = f"jupiter.{ix.name}"
    source = ix.acc["source_token_account"]
    out = output_account(ix) or progs.JUPITER_V6_PROGRAM
    give = (
        _asset(ix.acc.get("source_mint") or refs.mint(source)),
        ix.acc["user_transfer_authority"],
        source,
        pay,
    )
    got = _asset(ix.acc.get("destination_mint") or refs.mint(out))
    return exchange(via, progs.JUPITER_V6_PROGRAM, give, (got, out, least))


JUPITER_BUILDERS: dict[tuple[str, str], Callable[[Ix, Any], list[Operation]]] = {
    **{("jupiter", layout.name): _route for layout in JUPITER_LAYOUTS.values()},
    **{("jupiter", layout.name): _route for layout in JUPITER_V2_LAYOUTS.values()},
    **{("jupiter", layout.name): known for layout in JUPITER_OTHER_LAYOUTS.values()},
}
