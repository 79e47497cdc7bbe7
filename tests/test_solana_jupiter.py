"""Jupiter v6 routes as effects: where the output lands, who owns it, the guaranteed minimum.

Instructions are built with ``examples/spl.py`` from Jupiter's published v6 IDL (discriminators,
account order, the arguments after the route plan).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
STRANGER = Pubkey.new_unique()
MY_WSOL = get_associated_token_address(ME, WSOL)
MY_USDC = get_associated_token_address(ME, USDC)
THEIR_USDC = get_associated_token_address(STRANGER, USDC)
LOOSE = Pubkey.new_unique()  # a token account nobody in the transaction is known to own


def _route(dest: Pubkey | None = None, bps: int = 50, **kw: Any) -> Instruction:
    amounts = (10**9, 150_000_000, bps)
    return sx.jupiter_route(ME, MY_WSOL, MY_USDC, USDC, amounts, destination=dest, **kw)


def _shared(dest: Pubkey) -> Instruction:
    return sx.jupiter_shared_route(ME, MY_WSOL, dest, WSOL, USDC, (10**9, 150_000_000, 100))


def _create_their_ata() -> Instruction:
    return sx.create_ata(ME, STRANGER, USDC)


CASES = [
    pytest.param(lambda: [_route()], Action.ALLOW, None, 149_250_000, id="route-to-own-ata"),
    pytest.param(
        lambda: [_route(MY_USDC)], Action.ALLOW, None, 149_250_000, id="explicit-own-destination"
    ),
    pytest.param(
        lambda: [_create_their_ata(), _route(THEIR_USDC)],
        Action.BLOCK,
        "tx.sol.swap_recipient",
        149_250_000,
        id="output-to-a-strangers-ata",
    ),
    pytest.param(
        lambda: [_route(LOOSE)],
        Action.BLOCK,
        "tx.sol.swap_recipient",
        149_250_000,
        id="output-to-an-unowned-account",
    ),
    pytest.param(
        lambda: [_route(bps=10_000)], Action.FLAG, "tx.sol.swap_no_minimum", 0, id="no-minimum"
    ),
    pytest.param(lambda: [_shared(MY_USDC)], Action.ALLOW, None, 148_500_000, id="shared-to-own"),
    pytest.param(
        lambda: [_shared(THEIR_USDC)],
        Action.BLOCK,
        "tx.sol.swap_recipient",
        148_500_000,
        id="shared-to-stranger",
    ),
    pytest.param(
        lambda: [_route(exact_out_from=WSOL)], Action.ALLOW, None, 10**9, id="exact-out-to-own"
    ),
]


@pytest.mark.parametrize(("make", "action", "rule", "least"), CASES)
def test_jupiter_routes(
    make: Callable[[], list[Instruction]], action: Action, rule: str | None, least: int
) -> None:
    """The output must land in an own account; a minimum of 0 needs a human."""
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids
    outputs = [e for e in verdict.effects if e["what"] == "output"]
    assert [(e["asset"], e["amount"]) for e in outputs] == [(f"solana:{USDC}", least)]
    # the output paid to another is the own account giving all of it away
    kind = "gives" if rule == "tx.sol.swap_recipient" else "gets"
    assert [(e["kind"], e["unlimited"]) for e in outputs] == [(kind, kind == "gives")]
    assert any(e["kind"] == "gives" and e["asset"] == f"solana:{WSOL}" for e in verdict.effects)


def test_decoded_operations() -> None:
    """A route is the input paid to Jupiter plus the output receipt to its account."""
    give, get = decode_solana(sx.message(ME, [_route(THEIR_USDC)])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.amount, give.source, give.recipient) == (10**9, str(MY_WSOL), str(sx.JUPITER))
    assert (get.recipient, get.amount, get.asset.address) == (
        str(THEIR_USDC),
        149_250_000,
        str(USDC),
    )


def test_truncated_route_is_malformed() -> None:
    """Data too short for the route's fixed arguments is not guessed at."""
    ix = _route()
    short = Instruction(ix.program_id, ix.data[:16], ix.accounts)
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(ME, [short]))
    assert verdict.action is Action.FLAG
    assert "tx.sol.malformed_instruction" in verdict.rule_ids
