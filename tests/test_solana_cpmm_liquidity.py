"""Raydium CP-Swap liquidity as effects: where the LP tokens and the withdrawn tokens land.

Instructions are built from raydium-io/raydium-cp-swap ``programs/cp-swap/src/instructions/
deposit.rs`` / ``withdraw.rs`` (accounts owner, authority, pool_state, owner_lp_token,
token_0_account, token_1_account, token_0_vault, token_1_vault, token_program,
token_program_2022, vault_0_mint, vault_1_mint, lp_mint[, memo_program]; arguments
``lp_token_amount`` and the two maxima / minima, u64 each; Anchor discriminators). The LP
tokens of a deposit and both outputs of a withdrawal go to own (or an allowlisted wallet): ALLOW;
to a stranger: BLOCK; a withdrawal that accepts any output (minimum 0): FLAG. Keys are
generated here and never funded.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Callable

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import Receipt, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
FRIEND = Keypair().pubkey()
CPMM = Pubkey.from_string("CPMMoo8L3F4NbTegBCKVNunggL7H1ZpdTHKxQB5qKP1C")
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
TOKEN_2022 = Pubkey.from_string("TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb")
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
JUP = Pubkey.from_string("JUPyiwrYJFskUPiHa7hkeR8VUtAeFoSYbKedZNsDvCN")
LP = Pubkey.new_unique()  # the pool's LP mint
POOL = Pubkey.new_unique()
AUTHORITY = Pubkey.find_program_address([b"vault_and_lp_mint_auth_seed"], CPMM)[0]


def ata(wallet: Pubkey, mint: Pubkey) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def liquidity(
    name: str,
    lp_to: Pubkey | None = None,
    out0: Pubkey | None = None,
    out1: Pubkey | None = None,
    bounds: tuple[int, int] = (5_600_000_000, 5_000_000_000),
) -> Instruction:
    """``deposit`` / ``withdraw`` of 3.1e9 LP units; token_0 = JUP, token_1 = USDC."""
    keys = (
        ME,
        AUTHORITY,
        POOL,
        lp_to or ata(ME, LP),
        out0 or ata(ME, JUP),
        out1 or ata(ME, USDC),
        Pubkey.new_unique(),  # token_0_vault
        Pubkey.new_unique(),  # token_1_vault
        sx.TOKEN,
        TOKEN_2022,
        JUP,
        USDC,
        LP,
        *([MEMO] if name == "withdraw" else []),
    )
    metas = [AccountMeta(k, is_signer=k == ME, is_writable=True) for k in keys]
    data = _anchor(name) + struct.pack("<QQQ", 3_100_000_000, *bounds)
    return Instruction(CPMM, data, metas)


def _friend() -> Policy:
    return Policy(allowlist=Allowlist(solana=frozenset({str(FRIEND)})))


ELSEWHERE = "tx.sol.swap_recipient"
_Make = Callable[[], Instruction]
CASES = [
    pytest.param(lambda: liquidity("deposit"), Policy(), Action.ALLOW, None,
                 id="deposit-lp-to-own"),
    pytest.param(lambda: liquidity("deposit", lp_to=ata(FRIEND, LP)), _friend(), Action.ALLOW,
                 None, id="deposit-lp-to-allowlisted"),
    pytest.param(lambda: liquidity("deposit", lp_to=ata(STRANGER, LP)), Policy(), Action.BLOCK,
                 ELSEWHERE, id="deposit-lp-to-stranger"),
    pytest.param(lambda: liquidity("withdraw", bounds=(4_950_000_000, 5_540_000_000)), Policy(),
                 Action.ALLOW, None, id="withdraw-to-own"),
    pytest.param(lambda: liquidity("withdraw", out0=ata(FRIEND, JUP), out1=ata(FRIEND, USDC),
                                   bounds=(1, 1)),
                 _friend(), Action.ALLOW, None, id="withdraw-to-allowlisted"),
    pytest.param(lambda: liquidity("withdraw", out1=ata(STRANGER, USDC), bounds=(1, 1)),
                 Policy(), Action.BLOCK, ELSEWHERE, id="withdraw-one-side-to-stranger"),
    pytest.param(lambda: liquidity("withdraw", out0=ata(STRANGER, JUP), out1=ata(STRANGER, USDC),
                                   bounds=(0, 0)),
                 Policy(), Action.BLOCK, ELSEWHERE, id="withdraw-both-to-stranger-no-minimum"),
    pytest.param(lambda: liquidity("withdraw", bounds=(0, 5_540_000_000)), Policy(), Action.FLAG,
                 "tx.sol.swap_no_minimum", id="withdraw-to-own-no-minimum"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "policy", "action", "rule"), CASES)
def test_liquidity(make: _Make, policy: Policy, action: Action, rule: str | None) -> None:
    """LP tokens and withdrawn tokens to own / allowlisted pass; to a stranger block."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, [make()]))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_deposit_gives_both_maxima_and_gets_the_lp_tokens() -> None:
    """A deposit reads as two gives (the maxima) to the pool and the LP tokens received."""
    ops = decode_solana(sx.message(ME, [liquidity("deposit")])).operations
    gives = [op for op in ops if isinstance(op, Transfer)]
    assert [(g.asset.address, g.amount, g.recipient) for g in gives] == [
        (str(JUP), 5_600_000_000, str(POOL)),
        (str(USDC), 5_000_000_000, str(POOL)),
    ]
    (lp,) = [op for op in ops if isinstance(op, Receipt)]
    assert (lp.asset.address, lp.amount, lp.recipient) == (str(LP), 3_100_000_000, str(ata(ME, LP)))


def test_withdraw_burns_lp_and_gets_both_minima() -> None:
    """A withdrawal gives the LP tokens and receives at least each minimum where it says."""
    ix = liquidity("withdraw", out1=ata(STRANGER, USDC), bounds=(7, 9))
    ops = decode_solana(sx.message(ME, [ix])).operations
    (burnt,) = [op for op in ops if isinstance(op, Transfer)]
    assert (burnt.asset.address, burnt.amount, burnt.source) == (
        str(LP),
        3_100_000_000,
        str(ata(ME, LP)),
    )
    outs = [(op.asset.address, op.amount, op.recipient) for op in ops if isinstance(op, Receipt)]
    assert outs == [(str(JUP), 7, str(ata(ME, JUP))), (str(USDC), 9, str(ata(STRANGER, USDC)))]


@pytest.mark.parametrize("name", ["deposit", "withdraw"])
@pytest.mark.parametrize("cut", ["data", "accounts"])
def test_truncated_is_malformed(name: str, cut: str) -> None:
    """Data or accounts too short for the layout: a FLAG, never an ALLOW, never a crash."""
    full = liquidity(name, lp_to=ata(STRANGER, LP), out0=ata(STRANGER, JUP))
    if cut == "data":
        short = Instruction(CPMM, full.data[:20], full.accounts)
    else:
        short = Instruction(CPMM, full.data, full.accounts[:6])
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(ME, [short]))
    assert verdict.action is Action.FLAG, verdict.explain()
    assert "tx.sol.malformed_instruction" in verdict.rule_ids
