"""The same Solana request gets the same effects and verdict whatever form carries it: a legacy
message, a v0 message, and a v0 message whose non-signer accounts live in a lookup table."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import solders.system_program as sp
import spl as sx
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address as ata

from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

AGENT = Keypair()
ME = AGENT.pubkey()
STRANGER = Pubkey.new_unique()
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
USDT = Pubkey.from_string("Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB")
WSOL = Pubkey.from_string("So11111111111111111111111111111111111111112")
STAKE = Pubkey.new_unique()


def _sweep() -> list[Instruction]:
    moves = [sx.transfer(ata(ME, m), ata(STRANGER, m), ME, 10**6) for m in (USDC, USDT, WSOL)]
    pay = sp.transfer({"from_pubkey": ME, "to_pubkey": STRANGER, "lamports": 10**9})
    return [*moves, pay]


REQUESTS = [
    pytest.param(_sweep, id="multi-asset-sweep"),
    pytest.param(lambda: [sx.stake_authorize(STAKE, ME, STRANGER, sx.WITHDRAWER)], id="stake"),
    pytest.param(
        lambda: [
            sx.jupiter_route(ME, ata(ME, WSOL), ata(ME, USDC), USDC, (10**9, 10**8, 50)),
        ],
        id="jupiter-to-own",
    ),
    pytest.param(
        lambda: [sx.approve(ata(ME, USDT), STRANGER, ME, 2**64 - 1)], id="unlimited-approve"
    ),
    pytest.param(lambda: [sx.close_account(ata(ME, USDC), STRANGER, ME)], id="close-to-stranger"),
]


def _judge(tx: object, tables: list[AddressLookupTableAccount] | None = None) -> tuple[object, ...]:
    payload = {"transaction": bytes(tx), "lookup_tables": tables} if tables else tx  # type: ignore[call-overload]
    verdict = Guard(Policy(), classifier=False).check_transaction(payload, chain="solana")
    effects = sorted(
        (e["kind"], e["asset"], e["amount"], e["counterparty"]) for e in verdict.effects
    )
    return verdict.action, tuple(sorted(verdict.rule_ids)), tuple(effects)


@pytest.mark.parametrize("make", REQUESTS)
def test_forms_agree(make: Callable[[], list[Instruction]]) -> None:
    """Legacy, v0 and v0-with-lookup-table give identical effects, rule ids and action."""
    ixs = make()
    legacy = _judge(sx.legacy_tx(AGENT, ixs))
    v0 = _judge(sx.v0_tx(AGENT, ixs))
    others = sorted({m.pubkey for ix in ixs for m in ix.accounts if not m.is_signer}, key=bytes)
    table = AddressLookupTableAccount(Pubkey.new_unique(), others)
    via_table = _judge(sx.v0_tx(AGENT, ixs, tables=[table]), [table])
    assert legacy == v0 == via_table
    assert legacy[2], "the request has effects"
