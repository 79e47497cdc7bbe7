"""Meteora DLMM swaps -> the input paid into the pair and the output paid where the
instruction names (layouts and builder).

Source: MeteoraAg/dlmm-sdk ``idls/dlmm.json`` (program ``lb_clmm``, ``LBUZKhRx…Pwxo``):
``swap`` / ``swap2`` (``amount_in``, ``min_amount_out``), ``swap_exact_out`` /
``swap_exact_out2`` (``max_in_amount``, ``out_amount``), ``swap_with_price_impact`` /
``swap_with_price_impact2`` (``amount_in``, ``active_id: Option<i32>``,
``max_price_impact_bps``: no minimum output). Discriminators as the IDL lists them (equal to
``sha256("global:<name>")[:8]``). Accounts, the same first thirteen for all six: ``lb_pair``,
``bin_array_bitmap_extension``, ``reserve_x``, ``reserve_y``, ``user_token_in``,
``user_token_out``, ``token_x_mint``, ``token_y_mint``, ``oracle``, ``host_fee_in``,
``user``, ``token_x_program``, ``token_y_program`` (the ``*2`` forms then name the memo
program; the bin arrays follow as remaining accounts).

``remove_liquidity`` / ``remove_all_liquidity`` / ``remove_liquidity_by_range`` and their
``*2`` forms (accounts ``position``, ``lb_pair``, ``bin_array_bitmap_extension``,
``user_token_x``, ``user_token_y``, ``reserve_x``, ``reserve_y``, ``token_x_mint``,
``token_y_mint``, then the bin arrays and ``sender``, or ``sender`` alone in the ``*2`` forms)
pay the position's share of both reserves to the two user accounts: a :class:`Receipt` of each
mint (amounts computed on-chain).

The pair names both mints but not which one goes in: a side is known when its token account
is one the transaction describes, or the user's associated account of one of the two mints;
the other side is then the other mint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.defi import exchange, spl_token
from aiegis_guard.chains.solana.layout import Ix, Layout, associated_token_address
from aiegis_guard.chains.transaction import Operation, Receipt

__all__ = ["DLMM_BUILDERS", "DLMM_LAYOUTS", "DLMM_PROGRAM", "dlmm_layout", "dlmm_refs"]

DLMM_PROGRAM: Final = "LBUZKhRxPF3XUpBCjp4YzTKgLccjZhTSDM9YuVaPwxo"

_ACCOUNTS = (
    "lb_pair",
    "bin_array_bitmap_extension",
    "reserve_x",
    "reserve_y",
    "user_token_in",
    "user_token_out",
    "token_x_mint",
    "token_y_mint",
    "oracle",
    "host_fee_in",
    "user",
    "token_x_program",
    "token_y_program",
)
_IN = (("amount_in", "u64"), ("min_amount_out", "u64"))
_OUT = (("max_in_amount", "u64"), ("out_amount", "u64"))
_IMPACT = (("amount_in", "u64"),)  # then active_id, max_price_impact_bps: no minimum
DLMM_LAYOUTS: Final[dict[bytes, Layout]] = {
    bytes([248, 198, 158, 145, 225, 117, 135, 200]): Layout("swap", _IN, _ACCOUNTS),
    bytes([65, 75, 63, 76, 235, 91, 91, 136]): Layout("swap2", _IN, _ACCOUNTS),
    bytes([250, 73, 101, 33, 38, 207, 75, 184]): Layout("swap_exact_out", _OUT, _ACCOUNTS),
    bytes([43, 215, 247, 132, 137, 60, 243, 81]): Layout("swap_exact_out2", _OUT, _ACCOUNTS),
    bytes([56, 173, 230, 208, 173, 228, 156, 205]): Layout(
        "swap_with_price_impact", _IMPACT, _ACCOUNTS
    ),
    bytes([74, 98, 192, 214, 177, 51, 75, 51]): Layout(
        "swap_with_price_impact2", _IMPACT, _ACCOUNTS
    ),
}


# removing liquidity pays the position's share of both reserves to the two user accounts
_POSITION = (
    "position",
    "lb_pair",
    "bin_array_bitmap_extension",
    "user_token_x",
    "user_token_y",
    "reserve_x",
    "reserve_y",
    "token_x_mint",
    "token_y_mint",
)
_REMOVE = (*_POSITION, "bin_array_lower", "bin_array_upper", "sender")
_REMOVE2 = (*_POSITION, "sender")  # the ``*2`` forms: bin arrays among the remaining accounts
DLMM_LAYOUTS.update(
    {
        bytes([80, 85, 209, 72, 24, 206, 177, 108]): Layout("remove_liquidity", (), _REMOVE),
        bytes([10, 51, 61, 35, 112, 105, 24, 85]): Layout("remove_all_liquidity", (), _REMOVE),
        bytes([26, 82, 102, 152, 240, 74, 105, 26]): Layout(
            "remove_liquidity_by_range", (), _REMOVE
        ),
        bytes([230, 215, 82, 127, 241, 101, 227, 146]): Layout("remove_liquidity2", (), _REMOVE2),
        bytes([204, 2, 195, 145, 53, 145, 145, 205]): Layout(
            "remove_liquidity_by_range2", (), _REMOVE2
        ),
    }
)


def dlmm_layout(data: bytes) -> tuple[Layout | None, int]:
    return DLMM_LAYOUTS.get(data[:8]), 8


def _side(ix: Ix, account: str, known: str | None) -> str | None:
    """The mint of the user's ``account`` (one of the pair's two), when it can be told."""
    acc = ix.acc
    pair = (acc["token_x_mint"], acc["token_y_mint"])
    if known in pair:
        return known
    programs = (acc["token_x_program"], acc["token_y_program"])
    for mint, program in zip(pair, programs, strict=True):
        if associated_token_address(acc["user"], mint, program) == account:
            return mint
    return None


def _mints(ix: Ix, refs: Any) -> tuple[str | None, str | None]:
    """(input mint, output mint)."""
    acc = ix.acc
    src, dst = acc["user_token_in"], acc["user_token_out"]
    mint_in = _side(ix, src, refs.mint(src) if refs is not None else None)
    mint_out = _side(ix, dst, refs.mint(dst) if refs is not None else None)
    x, y = acc["token_x_mint"], acc["token_y_mint"]
    other = {x: y, y: x}
    if mint_in is not None and mint_out is None:
        mint_out = other[mint_in]
    elif mint_out is not None and mint_in is None:
        mint_in = other[mint_out]
    return mint_in, mint_out


def _remove(ix: Ix, refs: Any) -> list[Operation]:
    """The position's liquidity out of both reserves, amounts computed on-chain."""
    acc, via = ix.acc, f"meteora_dlmm.{ix.name}"
    pays = ((acc[f"token_{side}_mint"], acc[f"user_token_{side}"]) for side in ("x", "y"))
    return [Receipt(via=via, asset=spl_token(mint), recipient=to, amount=None) for mint, to in pays]


def _swap(ix: Ix, refs: Any) -> list[Operation]:
    a, acc, via = ix.args, ix.acc, f"meteora_dlmm.{ix.name}"
    name = ix.name or ""
    if name.startswith("remove"):
        return _remove(ix, refs)
    if name.startswith("swap_exact_out"):
        pay, least = a["max_in_amount"], a["out_amount"]
    else:
        pay, least = a["amount_in"], a.get("min_amount_out")
    mint_in, mint_out = _mints(ix, refs)
    give = (spl_token(mint_in), acc["user"], acc["user_token_in"], pay)
    return exchange(via, acc["lb_pair"], give, (spl_token(mint_out), acc["user_token_out"], least))


def dlmm_refs(ix: Ix) -> list[tuple[str | None, str | None]]:
    """(token account, mint) of the user's two sides, when they can be told."""
    acc = ix.acc
    if "position" in acc:
        return [(acc[f"user_token_{s}"], acc[f"token_{s}_mint"]) for s in ("x", "y")]
    mint_in, mint_out = _mints(ix, None)
    return [(ix.acc["user_token_in"], mint_in), (ix.acc["user_token_out"], mint_out)]


_Builder = Callable[[Ix, Any], list[Operation]]
DLMM_BUILDERS: dict[tuple[str, str], _Builder] = {
    ("meteora_dlmm", lay.name): _swap for lay in DLMM_LAYOUTS.values()
}
