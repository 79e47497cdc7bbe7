"""Jupiter v6 swap instruction layouts (the published Anchor IDL ``idl/jupiter.json``)."""

from __future__ import annotations

from typing import Final

from aiegis_guard.chains.solana.layout import Layout

__all__ = ["JUPITER_LAYOUTS", "JUPITER_V6_PROGRAM", "jupiter_layout"]

JUPITER_V6_PROGRAM: Final = "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4"
_L = Layout

# Jupiter v6 (Anchor: 8-byte discriminator = sha256("global:<name>")[:8]). The first argument
# (``route_plan: Vec<RoutePlanStep>``) has variable-size entries (one per AMM kind), so only the
# fixed-size arguments that *end* the data are read (``tail``). Optional accounts that are
# absent hold the program id (Anchor). Source: jup-ag Jupiter v6 IDL (``idl/jupiter.json``).
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
_SIZES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}
JUPITER_MIN_PLAN = 4  # the route plan's u32 length, at least


def jupiter_layout(data: bytes) -> tuple[Layout | None, int]:
    layout = JUPITER_LAYOUTS.get(data[:8])
    if layout is None:
        return None, 0
    tail = sum(_SIZES[kind] for _, kind in layout.args)
    start = len(data) - tail
    return layout, start if start >= 8 + JUPITER_MIN_PLAN else len(data)  # short: malformed
