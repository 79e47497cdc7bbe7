"""Liquid staking, AMM swaps and pNFT moves as effects: where the output lands decides.

Instructions are built here from each program's published layout (see
``aiegis_guard/chains/solana/defi_layouts.py`` and ``metaplex.py`` for the sources): Marinade
``deposit`` / ``liquid_unstake`` / ``add_liquidity`` / ``remove_liquidity``, SPL stake-pool
``DepositSol`` / ``WithdrawSol`` / ``DepositStake`` / ``WithdrawStake``, Raydium AMM v4
``SwapBaseIn`` / ``SwapBaseOut``, Raydium CP-Swap and CLMM, Orca Whirlpool ``swap`` /
``swap_v2`` / ``two_hop_swap_v2``, Token Metadata ``Transfer`` / ``Delegate`` / ``Revoke``.
Every drain has its legitimate twin. AMM pools need no allowlist (the swap's minimum is
enforced by the program); a liquid-staking pool or program does (``STAKING``): its rate and
fees are the pool's state.
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
from aiegis_guard.chains.transaction import Approval, Receipt, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
FRIEND = Keypair().pubkey()
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
WSOL = Pubkey.from_string("So11111111111111111111111111111111111111112")
MSOL = Pubkey.from_string("mSoLzYCxHdYgdzU16g5QSh3i5K3z3KZK7ytfqcJm7So")
LST = Pubkey.new_unique()  # a stake pool's mint: not a well-known one
ODD = Pubkey.new_unique()  # a mint nobody here knows
NFT = Pubkey.new_unique()
MARINADE = Pubkey.from_string("MarBmsSgKXdrN1egZf5sqe1TMai9K1rChYNDJgjq7aD")
STAKE_POOL = Pubkey.from_string("SPoo1Ku8WFXoNDMHPsrGSTSG1Y47rzgn41SLUNakuHy")
RAYDIUM = Pubkey.from_string("675kPX9MHTjS2zt1qfr1NYHuzeLXfQM9H24wFSUt1Mp8")
CLMM = Pubkey.from_string("CAMMCzo5YL8w4VFF8KVHrK22GGUsp5VTaW7grrKgrWqK")
CPMM = Pubkey.from_string("CPMMoo8L3F4NbTegBCKVNunggL7H1ZpdTHKxQB5qKP1C")
WHIRLPOOL = Pubkey.from_string("whirLbMiicVdio4qvUfM5KAg6Ct8VwpYzGff3uctyCc")
METADATA = Pubkey.from_string("metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s")
POOL = Pubkey.new_unique()  # a pool / stake-pool account (never allowlisted here)


def ata(wallet: Pubkey, mint: Pubkey) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _metas(*keys: Pubkey, signer: Pubkey | None = None) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == signer, is_writable=True) for k in keys]


def _fill(n: int) -> list[Pubkey]:
    return [Pubkey.new_unique() for _ in range(n)]


def marinade_deposit(mint_to: Pubkey, lamports: int = 4 * 10**9) -> Instruction:
    a = _fill(6)
    keys = (a[0], MSOL, a[1], a[2], a[3], a[4], ME, mint_to, a[5], sx.SYSTEM, sx.TOKEN)
    data = _anchor("deposit") + struct.pack("<Q", lamports)
    return Instruction(MARINADE, data, _metas(*keys, signer=ME))


def marinade_unstake(sol_to: Pubkey) -> Instruction:
    a = _fill(5)
    keys = (a[0], MSOL, a[1], a[2], a[3], ata(ME, MSOL), ME, sol_to, sx.SYSTEM, sx.TOKEN)
    data = _anchor("liquid_unstake") + struct.pack("<Q", 3 * 10**9)
    return Instruction(MARINADE, data, _metas(*keys, signer=ME))


LP = Pubkey.new_unique()  # Marinade's SOL / mSOL pool LP mint (the state names it)


def marinade_liquidity(
    add: bool, sol_to: Pubkey = ME, msol_to: Pubkey | None = None
) -> Instruction:
    a = _fill(3)
    if add:
        keys: tuple[Pubkey, ...] = (a[0], LP, a[1], a[2], a[0], ME, ata(ME, LP))
        data = _anchor("add_liquidity") + struct.pack("<Q", 10**9)
    else:
        msol_to = msol_to or ata(ME, MSOL)
        keys = (a[0], LP, ata(ME, LP), ME, sol_to, msol_to, a[1], a[2], a[0])
        data = _anchor("remove_liquidity") + struct.pack("<Q", 10**9)
    return Instruction(MARINADE, data, _metas(*keys, sx.SYSTEM, sx.TOKEN, signer=ME))


def deposit_sol(to: Pubkey, tag: int = 14, minimum: int | None = None) -> Instruction:
    a = _fill(3)
    keys = (POOL, a[0], a[1], ME, to, a[2], to, LST, sx.SYSTEM, sx.TOKEN)
    data = bytes([tag]) + struct.pack("<Q", 5 * 10**9)
    data += b"" if minimum is None else struct.pack("<Q", minimum)
    return Instruction(STAKE_POOL, data, _metas(*keys, signer=ME))


def withdraw_sol(to: Pubkey) -> Instruction:
    a = _fill(3)
    keys = (POOL, a[0], ME, ata(ME, LST), a[1], to, a[2], LST, sx.CLOCK, sx.STAKE_HISTORY)
    data = bytes([16]) + struct.pack("<Q", 2 * 10**9)
    return Instruction(STAKE_POOL, data, _metas(*keys, sx.STAKE, sx.TOKEN, signer=ME))


def withdraw_stake(authority: Pubkey) -> Instruction:
    a = _fill(5)
    keys = (POOL, a[0], a[1], a[2], a[3], authority, ME, ata(ME, LST), a[4], LST, sx.CLOCK)
    data = bytes([10]) + struct.pack("<Q", 2 * 10**9)
    return Instruction(STAKE_POOL, data, _metas(*keys, sx.TOKEN, sx.STAKE, signer=ME))


DEPOSIT_AUTHORITY = Pubkey.new_unique()  # the pool's stake deposit authority (a PDA)
MY_STAKE = Pubkey.new_unique()


def deposit_stake(to: Pubkey, authority: Pubkey = DEPOSIT_AUTHORITY) -> list[Instruction]:
    """Staker and withdrawer to the pool's deposit authority, then DepositStake."""
    a = _fill(5)
    keys = (POOL, a[0], DEPOSIT_AUTHORITY, a[1], MY_STAKE, a[2], a[3], to, a[4], to, LST)
    ix = Instruction(STAKE_POOL, bytes([9]), _metas(*keys, sx.CLOCK, sx.TOKEN, sx.STAKE))
    hand_over = [sx.stake_authorize(MY_STAKE, ME, authority, role) for role in (0, 1)]
    return [*hand_over, ix]


def raydium(dst: Pubkey, minimum: int = 180_000_000, tag: int = 9, n: int = 18) -> Instruction:
    pool_side = _fill(n - 5)
    keys = (sx.TOKEN, POOL, *pool_side, ata(ME, WSOL), dst, ME)
    data = bytes([tag]) + struct.pack("<QQ", 10**9, minimum)
    return Instruction(RAYDIUM, data, _metas(*keys, signer=ME))


def cpmm(dst: Pubkey, out_mint: Pubkey = USDC, exact_out: bool = False) -> Instruction:
    a = _fill(4)
    keys = (
        ME,
        a[0],
        a[1],
        POOL,
        ata(ME, WSOL),
        dst,
        a[2],
        a[3],
        sx.TOKEN,
        sx.TOKEN,
        WSOL,
        out_mint,
    )
    name = "swap_base_output" if exact_out else "swap_base_input"
    data = _anchor(name) + struct.pack("<QQ", 10**9, 150_000_000)
    return Instruction(CPMM, data, _metas(*keys, signer=ME))


def clmm(dst: Pubkey, v2: bool = True, base_input: bool = True) -> Instruction:
    a = _fill(5)
    keys: tuple[Pubkey, ...] = (ME, a[0], POOL, ata(ME, WSOL), dst, a[1], a[2], a[3])
    args = struct.pack("<QQ", 10**9, 150_000_000) + bytes(16) + bytes([int(base_input)])
    if v2:
        keys += (sx.TOKEN, sx.TOKEN_2022, sx.MEMO, WSOL, USDC, a[4])
    else:
        keys += (sx.TOKEN, a[4])
    return Instruction(CLMM, _anchor("swap_v2" if v2 else "swap") + args, _metas(*keys, signer=ME))


def whirlpool(a: Pubkey, b: Pubkey, a_to_b: bool = True, v2: bool = False) -> Instruction:
    ticks = _fill(6)
    args = struct.pack("<QQ", 10**9, 150_000_000) + bytes(16) + bytes([1, int(a_to_b)])
    if v2:
        head = (sx.TOKEN, sx.TOKEN, sx.MEMO, ME, POOL, WSOL, USDC)
        data = _anchor("swap_v2") + args + b"\x00"  # remaining_accounts_info: None
    else:
        head = (sx.TOKEN, ME, POOL)
        data = _anchor("swap") + args
    keys = (*head, a, ticks[0], b, *ticks[1:])
    return Instruction(WHIRLPOOL, data, _metas(*keys, signer=ME))


def whirlpool_two_hop(out: Pubkey, minimum: int = 150_000_000) -> Instruction:
    """``two_hop_swap_v2``: WSOL -> (pool one) -> an intermediate -> (pool two) -> USDC."""
    a = _fill(14)
    mid = a[0]
    head = (POOL, a[1], WSOL, mid, USDC, sx.TOKEN, sx.TOKEN, sx.TOKEN)
    keys = (*head, ata(ME, WSOL), a[2], a[3], a[4], a[5], out, ME, *a[6:12], sx.MEMO)
    args = struct.pack("<QQ", 10**9, minimum) + bytes([1, 1, 0]) + bytes(32) + b"\x00"
    return Instruction(WHIRLPOOL, _anchor("two_hop_swap_v2") + args, _metas(*keys, signer=ME))


def pnft_transfer(to: Pubkey) -> Instruction:
    a = _fill(5)
    keys = (ata(ME, NFT), ME, ata(to, NFT), to, NFT, a[0], a[1], a[2], a[3], ME, ME)
    data = bytes([49, 0]) + struct.pack("<Q", 1) + b"\x00"
    return Instruction(METADATA, data, _metas(*keys, sx.SYSTEM, a[4], sx.TOKEN, signer=ME))


def pnft_delegate(delegate: Pubkey, tag: int = 44, role: int = 2) -> Instruction:
    a = _fill(4)
    keys = (METADATA, delegate, a[0], a[1], a[2], NFT, ata(ME, NFT), ME, ME, sx.SYSTEM, a[3])
    data = bytes([tag, role]) + (struct.pack("<Q", 1) + b"\x00" if tag == 44 else b"")
    return Instruction(METADATA, data, _metas(*keys, sx.TOKEN, signer=ME))


def _allow(*wallets: Pubkey, delegates: tuple[Pubkey, ...] = ()) -> Policy:
    wallets += (MARINADE, POOL)  # the liquid-staking program and pool the agent uses
    return Policy(
        allowlist=Allowlist(
            solana=frozenset(map(str, wallets)), solana_delegates=frozenset(map(str, delegates))
        )
    )


_Make = Callable[[], list[Instruction]]
STAKING = _allow()
ELSEWHERE = "tx.sol.swap_recipient"
UNSURE = "tx.sol.swap_output_unknown_owner"
SPENDER = "tx.sol.approval_unknown_spender"
CASES = [
    # Marinade
    pytest.param(lambda: [sx.create_ata(ME, ME, MSOL), marinade_deposit(ata(ME, MSOL))],
                 STAKING, Action.ALLOW, None, id="marinade-deposit-own-ata-created"),
    pytest.param(lambda: [marinade_deposit(ata(ME, MSOL))],
                 STAKING, Action.ALLOW, None, id="marinade-deposit-own-ata-derived"),
    pytest.param(lambda: [marinade_deposit(ata(STRANGER, MSOL))],
                 STAKING, Action.BLOCK, ELSEWHERE, id="marinade-deposit-to-stranger"),
    pytest.param(lambda: [marinade_deposit(ata(FRIEND, MSOL))], _allow(FRIEND),
                 Action.ALLOW, None, id="marinade-deposit-to-allowlisted-friend"),
    pytest.param(lambda: [marinade_unstake(ME)],
                 STAKING, Action.ALLOW, None, id="marinade-unstake-to-own"),
    pytest.param(lambda: [marinade_unstake(STRANGER)],
                 STAKING, Action.BLOCK, ELSEWHERE, id="marinade-unstake-to-stranger"),
    pytest.param(lambda: [marinade_deposit(ata(ME, MSOL))], Policy(), Action.FLAG,
                 "tx.sol.unknown_recipient", id="marinade-deposit-program-not-allowlisted"),
    pytest.param(lambda: [marinade_liquidity(add=True)],
                 STAKING, Action.ALLOW, None, id="marinade-add-liquidity-own"),
    pytest.param(lambda: [marinade_liquidity(add=False)],
                 STAKING, Action.ALLOW, None, id="marinade-remove-liquidity-own"),
    pytest.param(lambda: [marinade_liquidity(add=False, sol_to=STRANGER)],
                 STAKING, Action.BLOCK, ELSEWHERE, id="marinade-remove-liquidity-sol-to-stranger"),
    pytest.param(lambda: [marinade_liquidity(add=False, msol_to=ata(STRANGER, MSOL))],
                 STAKING, Action.BLOCK, ELSEWHERE, id="marinade-remove-liquidity-msol-to-stranger"),
    # SPL stake pool
    pytest.param(lambda: [deposit_sol(ata(ME, LST))], Policy(), Action.FLAG,
                 "tx.sol.unknown_recipient", id="stake-pool-deposit-pool-not-allowlisted"),
    pytest.param(lambda: [deposit_sol(ata(ME, LST))],
                 STAKING, Action.ALLOW, None, id="stake-pool-deposit-own"),
    pytest.param(lambda: [deposit_sol(ata(STRANGER, LST))],
                 STAKING, Action.BLOCK, ELSEWHERE, id="stake-pool-deposit-stranger"),
    pytest.param(lambda: [deposit_sol(ata(ME, LST), tag=25, minimum=0)], STAKING,
                 Action.FLAG, "tx.sol.swap_no_minimum", id="stake-pool-deposit-slippage-zero"),
    pytest.param(lambda: [withdraw_sol(ME)],
                 STAKING, Action.ALLOW, None, id="stake-pool-withdraw-sol-own"),
    pytest.param(lambda: [withdraw_sol(STRANGER)],
                 STAKING, Action.BLOCK, ELSEWHERE, id="stake-pool-withdraw-sol-stranger"),
    pytest.param(lambda: deposit_stake(ata(ME, LST)),
                 STAKING, Action.ALLOW, None, id="stake-pool-deposit-stake-own"),
    pytest.param(lambda: deposit_stake(ata(STRANGER, LST)),
                 STAKING, Action.BLOCK, ELSEWHERE, id="stake-pool-deposit-stake-stranger"),
    pytest.param(lambda: deposit_stake(ata(ME, LST), authority=STRANGER), STAKING,
                 Action.BLOCK, "tx.sol.stake_authorize", id="stake-authority-to-other-than-pool"),
    pytest.param(lambda: [withdraw_stake(ME)],
                 STAKING, Action.ALLOW, None, id="stake-pool-withdraw-stake-own"),
    pytest.param(lambda: [withdraw_stake(STRANGER)], STAKING,
                 Action.BLOCK, ELSEWHERE, id="stake-pool-withdraw-stake-stranger"),
    # Raydium AMM v4
    pytest.param(lambda: [raydium(ata(ME, USDC))],
                 Policy(), Action.ALLOW, None, id="raydium-to-own-usdc-ata"),
    pytest.param(lambda: [raydium(ata(ME, USDC), n=17)],
                 Policy(), Action.ALLOW, None, id="raydium-17-accounts-to-own"),
    pytest.param(lambda: [raydium(ata(ME, USDC), tag=11)],
                 Policy(), Action.ALLOW, None, id="raydium-base-out-to-own"),
    pytest.param(lambda: [raydium(ata(ME, USDC), minimum=0)],
                 Policy(), Action.FLAG, "tx.sol.swap_no_minimum", id="raydium-minimum-zero"),
    pytest.param(lambda: [sx.create_ata(ME, STRANGER, USDC), raydium(ata(STRANGER, USDC))],
                 Policy(), Action.BLOCK, ELSEWHERE, id="raydium-to-created-stranger-ata"),
    pytest.param(lambda: [raydium(ata(STRANGER, USDC))], Policy(), Action.FLAG,
                 UNSURE, id="raydium-to-unknown-account"),
    pytest.param(lambda: [sx.create_ata(ME, ME, ODD), raydium(ata(ME, ODD))],
                 Policy(), Action.ALLOW, None, id="raydium-to-own-ata-of-odd-mint-created"),
    # Raydium CP-Swap (names both mints)
    pytest.param(lambda: [cpmm(ata(ME, USDC))], Policy(), Action.ALLOW, None, id="cpmm-to-own"),
    pytest.param(lambda: [cpmm(ata(ME, ODD), ODD, exact_out=True)],
                 Policy(), Action.ALLOW, None, id="cpmm-exact-out-to-own-odd-mint"),
    pytest.param(lambda: [cpmm(ata(STRANGER, USDC))],
                 Policy(), Action.BLOCK, ELSEWHERE, id="cpmm-to-stranger"),
    pytest.param(lambda: [cpmm(ata(STRANGER, ODD), ODD)],
                 Policy(), Action.BLOCK, ELSEWHERE, id="cpmm-to-stranger-odd-mint"),
    # Raydium CLMM (swap_v2 names both mints, swap does not)
    pytest.param(lambda: [clmm(ata(ME, USDC))], Policy(), Action.ALLOW, None, id="clmm-v2-to-own"),
    pytest.param(lambda: [clmm(ata(ME, USDC), base_input=False)],
                 Policy(), Action.ALLOW, None, id="clmm-v2-exact-out-to-own"),
    pytest.param(lambda: [clmm(ata(STRANGER, USDC))],
                 Policy(), Action.BLOCK, ELSEWHERE, id="clmm-v2-to-stranger"),
    pytest.param(lambda: [clmm(ata(ME, USDC), v2=False)],
                 Policy(), Action.ALLOW, None, id="clmm-v1-to-own-known-mint"),
    pytest.param(lambda: [clmm(ata(STRANGER, USDC), v2=False)],
                 Policy(), Action.FLAG, UNSURE, id="clmm-v1-to-unknown-account"),
    # Orca Whirlpool
    pytest.param(lambda: [whirlpool(ata(ME, WSOL), ata(ME, USDC))],
                 Policy(), Action.ALLOW, None, id="whirlpool-a-to-b-own"),
    pytest.param(lambda: [whirlpool(ata(ME, WSOL), ata(ME, USDC), a_to_b=False)],
                 Policy(), Action.ALLOW, None, id="whirlpool-b-to-a-own"),
    pytest.param(lambda: [whirlpool(ata(ME, WSOL), ata(STRANGER, USDC), v2=True)],
                 Policy(), Action.BLOCK, ELSEWHERE, id="whirlpool-v2-to-stranger"),
    pytest.param(lambda: [whirlpool(ata(ME, WSOL), ata(ME, USDC), v2=True)],
                 Policy(), Action.ALLOW, None, id="whirlpool-v2-to-own"),
    pytest.param(lambda: [whirlpool(ata(ME, WSOL), ata(STRANGER, USDC))], Policy(),
                 Action.FLAG, UNSURE, id="whirlpool-to-unknown-account"),
    pytest.param(lambda: [whirlpool_two_hop(ata(ME, USDC))],
                 Policy(), Action.ALLOW, None, id="whirlpool-two-hop-v2-to-own"),
    pytest.param(lambda: [whirlpool_two_hop(ata(STRANGER, USDC))],
                 Policy(), Action.BLOCK, ELSEWHERE, id="whirlpool-two-hop-v2-to-stranger"),
    pytest.param(lambda: [whirlpool_two_hop(ata(ME, USDC), minimum=0)], Policy(),
                 Action.FLAG, "tx.sol.swap_no_minimum", id="whirlpool-two-hop-v2-minimum-zero"),
    # Token Metadata (pNFT)
    pytest.param(lambda: [pnft_transfer(FRIEND)], _allow(FRIEND),
                 Action.ALLOW, None, id="pnft-transfer-to-allowlisted"),
    pytest.param(lambda: [pnft_transfer(STRANGER)],
                 Policy(), Action.FLAG, "tx.sol.unknown_recipient", id="pnft-transfer-to-stranger"),
    pytest.param(lambda: [pnft_delegate(STRANGER)], Policy(),
                 Action.BLOCK, SPENDER, id="pnft-transfer-delegate-stranger"),
    pytest.param(lambda: [pnft_delegate(FRIEND)], _allow(delegates=(FRIEND,)),
                 Action.ALLOW, None, id="pnft-delegate-allowlisted"),
    pytest.param(lambda: [pnft_delegate(STRANGER, tag=45)],
                 Policy(), Action.ALLOW, None, id="pnft-revoke"),
    pytest.param(lambda: [pnft_delegate(STRANGER, role=0)], Policy(),
                 Action.BLOCK, "tx.sol.authority_change", id="pnft-collection-delegate-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "policy", "action", "rule"), CASES)
def test_outputs(make: _Make, policy: Policy, action: Action, rule: str | None) -> None:
    """Output to own (or an allowlisted wallet) passes; to a stranger blocks; unknown flags."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_marinade_deposit_reads_as_an_exchange() -> None:
    """Deposit: SOL paid to Marinade, mSOL ("all": computed on-chain) to the mint_to account."""
    give, get = decode_solana(sx.message(ME, [marinade_deposit(ata(STRANGER, MSOL))])).operations
    assert isinstance(give, Transfer) and isinstance(get, Receipt)
    assert (give.amount, give.recipient, give.asset.kind.value) == (
        4 * 10**9,
        str(MARINADE),
        "native",
    )
    assert (get.recipient, get.amount, get.asset.address) == (
        str(ata(STRANGER, MSOL)),
        None,
        str(MSOL),
    )


def test_raydium_reads_its_user_accounts_by_position() -> None:
    """17 and 18 accounts: the user source / destination / owner are the last three."""
    for n in (17, 18):
        give, get = decode_solana(sx.message(ME, [raydium(ata(ME, USDC), n=n)])).operations
        assert isinstance(give, Transfer) and isinstance(get, Receipt)
        assert (give.source, give.sender, give.recipient) == (
            str(ata(ME, WSOL)),
            str(ME),
            str(POOL),
        )
        assert (get.recipient, get.amount) == (str(ata(ME, USDC)), 180_000_000)


def test_whirlpool_direction_picks_the_output_side() -> None:
    """a_to_b pays A and receives B; b_to_a the reverse."""
    for a_to_b, out in ((True, ata(ME, USDC)), (False, ata(ME, WSOL))):
        ops = decode_solana(
            sx.message(ME, [whirlpool(ata(ME, WSOL), ata(ME, USDC), a_to_b)])
        ).operations
        assert isinstance(ops[1], Receipt) and ops[1].recipient == str(out)


def test_stranger_output_effect_reads_in_plain_words() -> None:
    """The own account gives all of its mSOL output to the stranger's account."""
    verdict = Guard(Policy(), classifier=False).check_transaction(
        sx.message(ME, [marinade_deposit(ata(STRANGER, MSOL))])
    )
    outputs = [e for e in verdict.effects if e["what"] == "output"]
    assert [(e["kind"], e["asset"], e["counterparty"]) for e in outputs] == [
        ("gives", f"solana:{MSOL}", str(ata(STRANGER, MSOL)))
    ]


def test_pnft_delegate_is_a_grant_of_one_nft() -> None:
    """Delegate(TransferV1, amount 1) is an approval of that NFT; Revoke is a revoke."""
    (grant,) = decode_solana(sx.message(ME, [pnft_delegate(STRANGER)])).operations
    (revoke,) = decode_solana(sx.message(ME, [pnft_delegate(STRANGER, tag=45)])).operations
    assert isinstance(grant, Approval) and isinstance(revoke, Approval)
    assert (grant.amount, grant.spender, grant.asset.address, grant.revoke) == (
        1,
        str(STRANGER),
        str(NFT),
        False,
    )
    assert revoke.revoke


@pytest.mark.parametrize(
    "ix",
    [
        pytest.param(lambda: marinade_deposit(ata(ME, MSOL)), id="marinade"),
        pytest.param(lambda: raydium(ata(ME, USDC)), id="raydium"),
        pytest.param(lambda: whirlpool(ata(ME, WSOL), ata(ME, USDC)), id="whirlpool"),
        pytest.param(lambda: whirlpool_two_hop(ata(ME, USDC)), id="whirlpool-two-hop-v2"),
        pytest.param(lambda: pnft_transfer(FRIEND), id="pnft"),
    ],
)
def test_truncated_data_is_malformed(ix: Callable[[], Instruction]) -> None:
    """Data too short for the layout is not guessed at: a FLAG, never an ALLOW."""
    full = ix()
    short = Instruction(full.program_id, full.data[: len(full.data) // 2], full.accounts)
    verdict = Guard(Policy(), classifier=False).check_transaction(sx.message(ME, [short]))
    assert verdict.action is Action.FLAG
    assert "tx.sol.malformed_instruction" in verdict.rule_ids


def _pool_deposit_authority(pool: Pubkey) -> Pubkey:
    """``find_deposit_authority_program_address`` (spl stake-pool ``lib.rs``: ``[pool,
    b"deposit"]`` under the stake pool program)."""
    return Pubkey.find_program_address([bytes(pool), b"deposit"], STAKE_POOL)[0]


def _pda_deposit(to: Pubkey) -> list[Instruction]:
    """DepositStake into POOL whose deposit authority is its default PDA."""
    pda = _pool_deposit_authority(POOL)
    a = _fill(5)
    keys = (POOL, a[0], pda, a[1], MY_STAKE, a[2], a[3], to, a[4], to, LST)
    ix = Instruction(STAKE_POOL, bytes([9]), _metas(*keys, sx.CLOCK, sx.TOKEN, sx.STAKE))
    return [*(sx.stake_authorize(MY_STAKE, ME, pda, role) for role in (0, 1)), ix]


def _trusting(authority: Pubkey) -> Policy:
    """The policy names ``authority`` (as the table does: a delegate), not the pool."""
    return Policy(allowlist=Allowlist(solana_delegates=frozenset({str(authority)})))


@pytest.mark.parametrize(
    ("make", "policy", "action"),
    [
        pytest.param(lambda: _pda_deposit(ata(ME, LST)), _trusting(_pool_deposit_authority(POOL)),
                     Action.ALLOW, id="deposit-stake-own"),
        pytest.param(lambda: [deposit_sol(ata(ME, LST))],
                     _trusting(_pool_deposit_authority(POOL)), Action.ALLOW,
                     id="deposit-sol-own"),
        pytest.param(lambda: _pda_deposit(ata(STRANGER, LST)),
                     _trusting(_pool_deposit_authority(POOL)), Action.BLOCK,
                     id="deposit-stake-lst-to-stranger"),
        pytest.param(lambda: _pda_deposit(ata(ME, LST)),
                     _trusting(_pool_deposit_authority(Pubkey.new_unique())), Action.FLAG,
                     id="another-pools-authority-is-no-trust"),
        pytest.param(lambda: [deposit_sol(ata(ME, LST))], _trusting(DEPOSIT_AUTHORITY),
                     Action.FLAG, id="a-custom-authority-names-no-pool"),
    ],
)  # fmt: skip
def test_pool_named_by_its_deposit_authority(make: _Make, policy: Policy, action: Action) -> None:
    """A stake pool is trusted when the policy names its deposit authority PDA ``[pool,
    "deposit"]`` (derived from the pool: it names that pool only); the output is judged as
    ever, and any other key (another pool's PDA, an arbitrary authority) trusts nothing."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
