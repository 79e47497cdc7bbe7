"""Orca Whirlpool position instructions as effects: liquidity removed, fees and rewards
collected, a position closed.

Instructions are built here from orca-so/whirlpools' account structs (sources in
``aiegis_guard/chains/solana/whirlpool_position.py``) with generated keys. Output paid into
the own token accounts passes; into a stranger's token account blocks when the transaction
shows whose it is (an ATA it creates, the mints the v2 forms name), flags when neither owner
nor mint can be told; a closed position's rent to a stranger blocks.
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
from aiegis_guard.chains.transaction import Receipt
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy, Wallet

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
WHIRLPOOL = Pubkey.from_string("whirLbMiicVdio4qvUfM5KAg6Ct8VwpYzGff3uctyCc")
MEMO = Pubkey.from_string("MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr")
WSOL = Pubkey.from_string("So11111111111111111111111111111111111111112")
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
REWARD = Keypair().pubkey()  # a reward mint no list knows
POOL, POSITION_MINT = Keypair().pubkey(), Keypair().pubkey()
POSITION = Pubkey.find_program_address([b"position", bytes(POSITION_MINT)], WHIRLPOOL)[0]
POSITION_ACCOUNT = get_associated_token_address(ME, POSITION_MINT)
VAULT_A, VAULT_B, LOWER, UPPER = (Keypair().pubkey() for _ in range(4))


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _metas(*keys: Pubkey) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == ME, is_writable=True) for k in keys]


def ata(wallet: Pubkey, mint: Pubkey) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def decrease(to: Pubkey, mins: tuple[int, int] = (4_100_000_000, 610_000_000)) -> Instruction:
    data = _anchor("decrease_liquidity") + (10**12).to_bytes(16, "little")
    data += struct.pack("<QQ", *mins)
    keys = (POOL, sx.TOKEN, ME, POSITION, POSITION_ACCOUNT, ata(to, WSOL), ata(to, USDC))
    return Instruction(WHIRLPOOL, data, _metas(*keys, VAULT_A, VAULT_B, LOWER, UPPER))


def decrease_v2(to: Pubkey) -> Instruction:
    data = _anchor("decrease_liquidity_v2") + (10**12).to_bytes(16, "little")
    data += struct.pack("<QQ", 1, 1) + b"\x00"  # remaining_accounts_info: None
    keys = (POOL, sx.TOKEN, sx.TOKEN, MEMO, ME, POSITION, POSITION_ACCOUNT, WSOL, USDC)
    sides = (ata(to, WSOL), ata(to, USDC), VAULT_A, VAULT_B, LOWER, UPPER)
    return Instruction(WHIRLPOOL, data, _metas(*keys, *sides))


def increase(maxes: tuple[int, int] = (5 * 10**9, 700 * 10**6)) -> Instruction:
    data = _anchor("increase_liquidity") + (10**12).to_bytes(16, "little")
    data += struct.pack("<QQ", *maxes)
    keys = (POOL, sx.TOKEN, ME, POSITION, POSITION_ACCOUNT, ata(ME, WSOL), ata(ME, USDC))
    return Instruction(WHIRLPOOL, data, _metas(*keys, VAULT_A, VAULT_B, LOWER, UPPER))


def increase_into(holder: Pubkey) -> Instruction:
    """increase_liquidity signed by the own wallet for the position held in ``holder``."""
    ix = increase()
    return Instruction(
        WHIRLPOOL, bytes(ix.data), [*ix.accounts[:4], _metas(holder)[0], *ix.accounts[5:]]
    )


def open_position(owner: Pubkey, extensions: bool = False) -> list[Instruction]:
    """``open_position`` (or the Token-2022 ``open_position_with_token_extensions``) for
    ``owner``, then a deposit into that position by the own wallet."""
    if extensions:
        holder = get_associated_token_address(owner, POSITION_MINT, sx.TOKEN_2022)
        data = _anchor("open_position_with_token_extensions") + struct.pack("<ii?", -64, 64, 1)
        rest = (POOL, sx.TOKEN_2022, sx.SYSTEM, sx.ATA, Keypair().pubkey())
    else:
        holder = ata(owner, POSITION_MINT)
        data = _anchor("open_position") + b"\xfe" + struct.pack("<ii", -128, 128)
        rest = (POOL, sx.TOKEN, sx.SYSTEM, sx.RENT, sx.ATA)
    ix = Instruction(WHIRLPOOL, data, _metas(ME, owner, POSITION, POSITION_MINT, holder, *rest))
    return [ix, increase_into(holder)]


def collect_fees(to: Pubkey) -> Instruction:
    keys = (POOL, ME, POSITION, POSITION_ACCOUNT, ata(to, WSOL), VAULT_A, ata(to, USDC), VAULT_B)
    return Instruction(WHIRLPOOL, _anchor("collect_fees"), _metas(*keys, sx.TOKEN))


def collect_fees_v2(to: Pubkey) -> Instruction:
    keys = (POOL, ME, POSITION, POSITION_ACCOUNT, WSOL, USDC, ata(to, WSOL), VAULT_A)
    rest = (ata(to, USDC), VAULT_B, sx.TOKEN, sx.TOKEN, MEMO)
    return Instruction(WHIRLPOOL, _anchor("collect_fees_v2") + b"\x00", _metas(*keys, *rest))


def collect_reward_v2(to: Pubkey) -> Instruction:
    data = _anchor("collect_reward_v2") + b"\x00\x00"  # reward_index 0, no remaining info
    keys = (POOL, ME, POSITION, POSITION_ACCOUNT, ata(to, REWARD), REWARD, VAULT_A)
    return Instruction(WHIRLPOOL, data, _metas(*keys, sx.TOKEN, MEMO))


def close(receiver: Pubkey) -> Instruction:
    keys = (ME, receiver, POSITION, POSITION_MINT, POSITION_ACCOUNT, sx.TOKEN)
    return Instruction(WHIRLPOOL, _anchor("close_position"), _metas(*keys))


def _policy() -> Policy:
    return Policy(wallet=Wallet(solana=frozenset({str(ME)})))


_Make = Callable[[], list[Instruction]]
AWAY = "tx.sol.swap_recipient"
CASES = [
    pytest.param(lambda: [decrease(ME)], Action.ALLOW, None, id="decrease-into-own-atas"),
    pytest.param(lambda: [decrease(ME, (0, 0))], Action.ALLOW, None,
                 id="decrease-no-minimum-into-own"),
    pytest.param(lambda: [decrease(STRANGER)], Action.FLAG, "tx.sol.swap_output_unknown_owner",
                 id="decrease-into-accounts-nobody-names"),
    pytest.param(lambda: [sx.create_ata(ME, STRANGER, USDC), decrease(STRANGER)], Action.BLOCK,
                 AWAY, id="decrease-into-stranger-ata-created-here"),
    pytest.param(lambda: [decrease_v2(ME)], Action.ALLOW, None, id="decrease-v2-into-own"),
    pytest.param(lambda: [decrease_v2(STRANGER)], Action.BLOCK, AWAY,
                 id="decrease-v2-into-stranger-atas"),
    pytest.param(lambda: open_position(ME), Action.ALLOW, None, id="open-and-deposit-own"),
    pytest.param(lambda: open_position(STRANGER), Action.BLOCK, AWAY,
                 id="open-for-stranger-and-deposit"),
    pytest.param(lambda: open_position(ME, extensions=True), Action.ALLOW, None,
                 id="open-token-2022-and-deposit-own"),
    pytest.param(lambda: open_position(STRANGER, extensions=True), Action.BLOCK, AWAY,
                 id="open-token-2022-for-stranger-and-deposit"),
    pytest.param(lambda: [increase()], Action.FLAG, "tx.sol.swap_output_unknown_owner",
                 id="deposit-into-position-nobody-shows"),
    pytest.param(lambda: [collect_fees(ME)], Action.ALLOW, None, id="fees-to-own"),
    pytest.param(lambda: [collect_fees_v2(ME)], Action.ALLOW, None, id="fees-v2-to-own"),
    pytest.param(lambda: [collect_fees_v2(STRANGER)], Action.BLOCK, AWAY,
                 id="fees-v2-to-stranger"),
    pytest.param(lambda: [collect_reward_v2(ME)], Action.ALLOW, None, id="reward-v2-to-own"),
    pytest.param(lambda: [collect_reward_v2(STRANGER)], Action.BLOCK, AWAY,
                 id="reward-v2-to-stranger"),
    pytest.param(lambda: [close(ME)], Action.ALLOW, None, id="close-rent-to-own"),
    pytest.param(lambda: [close(STRANGER)], Action.BLOCK, "tx.sol.close_account",
                 id="close-rent-to-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "action", "rule"), CASES)
def test_positions(make: _Make, action: Action, rule: str | None) -> None:
    """Position outputs to own pass, to a shown stranger block, to an unknown owner flag."""
    verdict = Guard(_policy(), classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_decrease_pays_both_sides_at_least_the_minimums() -> None:
    """decrease_liquidity: a receipt per side, into the named accounts, with its minimum."""
    ops = decode_solana(sx.message(ME, [decrease(ME)])).operations
    got = [(op.recipient, op.amount) for op in ops if isinstance(op, Receipt)]
    assert got == [(str(ata(ME, WSOL)), 4_100_000_000), (str(ata(ME, USDC)), 610_000_000)]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: decrease(STRANGER), id="decrease"),
        pytest.param(lambda: decrease_v2(STRANGER), id="decrease-v2"),
        pytest.param(lambda: close(STRANGER), id="close"),
        pytest.param(increase, id="increase"),
    ],
)
def test_cut_data_or_accounts_never_allow(make: Callable[[], Instruction]) -> None:
    """Data cut short or accounts missing: malformed or opaque, never ALLOW or a crash."""
    ix = make()
    data = bytes(ix.data)
    guard = Guard(_policy(), classifier=False)
    shorts = [Instruction(WHIRLPOOL, data[:cut], ix.accounts) for cut in range(8, len(data))]
    shorts += [Instruction(WHIRLPOOL, data, ix.accounts[:n]) for n in range(len(ix.accounts))]
    for short in shorts:
        verdict = guard.check_transaction(sx.message(ME, [short]))
        assert verdict.action is not Action.ALLOW, verdict.explain()
        assert "guard.stage_error" not in verdict.rule_ids
