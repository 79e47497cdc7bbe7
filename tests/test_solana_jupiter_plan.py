"""Jupiter v6 route arguments read from the front, as Anchor reads them.

``route_plan: Vec<RoutePlanStep>`` comes first and is variable-size (one ``Swap`` enum value per
step); the fixed arguments follow it and Anchor ignores any bytes after them. The plans are built
from the ``Swap`` variants of jup-ag's published v6 IDL (jup-ag/instruction-parser
``src/idl/jupiter.ts``): a crafted tail never changes what the guard reads, and a plan it cannot
read (unknown variant, truncated) is malformed (FLAG), never read from the end of the data.
"""

from __future__ import annotations

import struct

import pytest
import spl as sx
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

ME = Keypair().pubkey()
WSOL = Pubkey.from_string("So11111111111111111111111111111111111111112")
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
MY_WSOL = get_associated_token_address(ME, WSOL)
MY_USDC = get_associated_token_address(ME, USDC)
IN, QUOTED = 20 * 10**9, 150_000_000
# the finding's tail: in_amount 1, quoted_out 10**18, slippage 0, fee 0 (read from the end)
CRAFTED_TAIL = struct.pack("<QQHB", 1, 10**18, 0, 0)


def _step(swap: bytes, percent: int = 100, hop: tuple[int, int] = (0, 1)) -> bytes:
    return swap + bytes([percent, *hop])


# Swap values (u8 variant index + the variant's fields) from the IDL
WHIRLPOOL = bytes([17, 1])  # Whirlpool {a_to_b: true}
SYMMETRY = bytes([29]) + struct.pack("<QQ", 3, 4)  # Symmetry {from_token_id, to_token_id}
SANCTUM_S = bytes([43, 1, 2]) + struct.pack("<II", 5, 6)  # SanctumS {u8, u8, u32, u32}
WHIRLPOOL_V2_NONE = bytes([47, 0, 0])  # WhirlpoolSwapV2 {a_to_b: false, None}
# WhirlpoolSwapV2 {a_to_b: true, Some(RemainingAccountsInfo {slices: [(A, 1), (B, 2)]})}
WHIRLPOOL_V2_SOME = bytes([47, 1, 1]) + struct.pack("<I", 2) + bytes([0, 1, 1, 2])
METEORA_DLMM, ONE_INTRO = bytes([38]), bytes([48])

PLANS = {
    "whirlpool": [_step(WHIRLPOOL)],
    "split-symmetry-sanctum": [_step(SYMMETRY, 60), _step(SANCTUM_S, 40)],
    "two-hops": [_step(METEORA_DLMM), _step(WHIRLPOOL_V2_SOME, 100, (1, 2))],
    "whirlpool-v2-none": [_step(WHIRLPOOL_V2_NONE), _step(ONE_INTRO, 100, (1, 2))],
}


def _plan(steps: list[bytes]) -> bytes:
    return struct.pack("<I", len(steps)) + b"".join(steps)


def _route(
    steps: list[bytes], bps: int = 50, tail: bytes = b"", kind: str = "route"
) -> Instruction:
    """A generated route (accounts from ``examples/spl.py``) with ``steps`` as its route plan."""
    fixed = struct.pack("<QQHB", IN, QUOTED, bps, 0)
    if kind == "shared":
        ix = sx.jupiter_shared_route(ME, MY_WSOL, MY_USDC, WSOL, USDC, (IN, QUOTED, bps))
        head = sx.SHARED_ACCOUNTS_ROUTE + bytes([0])
    elif kind == "exact_out":
        ix = sx.jupiter_route(ME, MY_WSOL, MY_USDC, USDC, (QUOTED, IN, bps), exact_out_from=WSOL)
        head, fixed = sx.EXACT_OUT_ROUTE, struct.pack("<QQHB", QUOTED, IN, bps, 0)
    else:
        ix = sx.jupiter_route(ME, MY_WSOL, MY_USDC, USDC, (IN, QUOTED, bps))
        head = sx.ROUTE
    return Instruction(ix.program_id, head + _plan(steps) + fixed + tail, ix.accounts)


def _check(ix: Instruction) -> tuple[Action, list[str], list[tuple[str, int | None]]]:
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(ME, [ix]))
    ops = decode_solana(sx.message(ME, [ix])).operations
    amounts = [(type(op).__name__, getattr(op, "amount", None)) for op in ops]
    return verdict.action, list(verdict.rule_ids), amounts


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize("kind", ["route", "shared"])
def test_plans_of_every_shape_read_the_arguments_after_them(plan: str, kind: str) -> None:
    action, _, amounts = _check(_route(PLANS[plan], kind=kind))
    least = QUOTED * (10_000 - 50) // 10_000
    assert amounts == [("Transfer", IN), ("Receipt", least)]
    assert action is Action.ALLOW


def test_exact_out_reads_its_arguments_after_the_plan() -> None:
    _, _, amounts = _check(_route(PLANS["two-hops"], kind="exact_out"))
    assert amounts == [("Transfer", IN * (10_000 + 50) // 10_000), ("Receipt", QUOTED)]


@pytest.mark.parametrize(
    "tail", [CRAFTED_TAIL, b"\x00", bytes(range(64))], ids=["crafted", "one-zero", "64-bytes"]
)
@pytest.mark.parametrize("kind", ["route", "shared"])
def test_trailing_bytes_change_nothing(tail: bytes, kind: str) -> None:
    """Anchor ignores what follows the arguments: so does the guard (the finding's tail made a
    20-SOL minimum-0 swap read as 'gives 1 lamport, gets at least 10**18')."""
    bare = _check(_route(PLANS["whirlpool"], bps=10_000, kind=kind))
    tailed = _check(_route(PLANS["whirlpool"], bps=10_000, tail=tail, kind=kind))
    assert tailed == bare
    action, rules, amounts = tailed
    assert amounts == [("Transfer", IN), ("Receipt", 0)]
    assert action is Action.FLAG and "tx.sol.swap_no_minimum" in rules


UNREADABLE = {
    "unknown-variant": [_step(bytes([49]))],
    "variant-255": [_step(WHIRLPOOL), _step(bytes([255]))],
    "bad-option-tag": [_step(bytes([47, 1, 2]))],
    "slices-past-the-data": [_step(bytes([47, 1, 1]) + struct.pack("<I", 10**6))],
}


@pytest.mark.parametrize("plan", UNREADABLE)
def test_unreadable_plan_is_malformed_whatever_the_tail(plan: str) -> None:
    for tail in (b"", CRAFTED_TAIL):
        action, rules, amounts = _check(_route(UNREADABLE[plan], tail=tail))
        assert action is Action.FLAG
        assert "tx.sol.malformed_instruction" in rules
        assert not any(name in {Transfer.__name__, Receipt.__name__} for name, _ in amounts)


def test_huge_step_count_is_malformed() -> None:
    ix = _route(PLANS["whirlpool"], tail=CRAFTED_TAIL)
    data = bytes(ix.data)
    data = data[:8] + struct.pack("<I", 0xFFFFFFFF) + data[12:]
    action, rules, _ = _check(Instruction(ix.program_id, data, ix.accounts))
    assert action is Action.FLAG and "tx.sol.malformed_instruction" in rules


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["route", "shared", "exact_out"])
def test_every_truncation_is_flagged(kind: str) -> None:
    ix = _route(PLANS["two-hops"], kind=kind)
    data = bytes(ix.data)
    for cut in range(len(data)):
        action, _, amounts = _check(Instruction(ix.program_id, data[:cut], ix.accounts))
        assert action is Action.FLAG, cut
        assert not any(name == Transfer.__name__ for name, _ in amounts), cut
