"""Lending withdrawals and Meteora DLMM swaps: where the money lands decides.

Instructions are built here from each program's published layout (sources in
``aiegis_guard/chains/solana/lending_layouts.py`` and ``meteora.py``): Kamino Lend
``withdraw_obligation_collateral_and_redeem_reserve_collateral``, marginfi v2
``lending_account_withdraw``, Drift ``withdraw``, Meteora DLMM ``swap`` / ``swap_exact_out``.
Every redirect has its legitimate twin. The programs are allowlisted (the agent uses them);
the vaults and reserves are made-up program accounts.
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
from aiegis_guard.policy import Allowlist, Policy, Wallet

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
FRIEND = Keypair().pubkey()
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
WSOL = Pubkey.from_string("So11111111111111111111111111111111111111112")
KAMINO = Pubkey.from_string("KLend2g3cP87fffoy8q1mQqGKjrxjC8boSyAYavgmjD")
MARGINFI = Pubkey.from_string("MFv2hWf31Z9kbCa1snEPYctwafyhdvnV7FZnsebVacA")
DRIFT = Pubkey.from_string("dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH")
DLMM = Pubkey.from_string("LBUZKhRxPF3XUpBCjp4YzTKgLccjZhTSDM9YuVaPwxo")
IX_SYSVAR = Pubkey.from_string("Sysvar1nstructions1111111111111111111111111")
ALL = 2**64 - 1


def ata(wallet: Pubkey, mint: Pubkey = USDC) -> Pubkey:
    return get_associated_token_address(wallet, mint)


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _metas(*keys: Pubkey) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == ME, is_writable=True) for k in keys]


def _fill(n: int) -> list[Pubkey]:
    return [Keypair().pubkey() for _ in range(n)]


def kamino(dest: Pubkey, amount: int = 12_000 * 10**6, v2: bool = False) -> Instruction:
    a = _fill(10)
    keys = (ME, a[0], a[1], a[2], a[3], USDC, a[4], a[5], a[6], dest, KAMINO, sx.TOKEN, sx.TOKEN)
    keys += (IX_SYSVAR, a[7], a[8], a[9]) if v2 else (IX_SYSVAR,)  # farm accounts, farms program
    name = "withdraw_obligation_collateral_and_redeem_reserve_collateral" + ("_v2" if v2 else "")
    return Instruction(KAMINO, _anchor(name) + struct.pack("<Q", amount), _metas(*keys))


def marginfi(dest: Pubkey, amount: int = 8_000 * 10**6, everything: bool = False) -> Instruction:
    a = _fill(5)
    keys = (a[0], a[1], ME, a[2], dest, a[3], a[4], sx.TOKEN)
    flag = b"\x01\x01" if everything else b"\x00"
    data = _anchor("lending_account_withdraw") + struct.pack("<Q", 0 if everything else amount)
    return Instruction(MARGINFI, data + flag, _metas(*keys))


def drift(dest: Pubkey, amount: int = 5_000 * 10**6) -> Instruction:
    a = _fill(5)
    keys = (a[0], a[1], a[2], ME, a[3], a[4], dest, sx.TOKEN)
    data = _anchor("withdraw") + struct.pack("<HQ?", 0, amount, amount == ALL)
    return Instruction(DRIFT, data, _metas(*keys))


def dlmm(dst: Pubkey, least: int = 590 * 10**6, exact_out: bool = False) -> Instruction:
    a = _fill(4)  # pair, reserves, oracle
    keys = (a[0], DLMM, a[1], a[2], ata(ME, WSOL), dst, WSOL, USDC, a[3], DLMM, ME)
    name = "swap_exact_out" if exact_out else "swap"
    data = _anchor(name) + struct.pack("<QQ", 4 * 10**9, least)
    return Instruction(DLMM, data, _metas(*keys, sx.TOKEN, sx.TOKEN))


def dlmm_remove(x_to: Pubkey, y_to: Pubkey, name: str = "remove_all_liquidity") -> Instruction:
    a = _fill(6)  # position, pair, reserves, bin arrays
    keys = (a[0], a[1], DLMM, x_to, y_to, a[2], a[3], WSOL, USDC)
    keys += (ME,) if name.endswith("2") else (a[4], a[5], ME)
    return Instruction(DLMM, _anchor(name), _metas(*keys, sx.TOKEN, sx.TOKEN))


def _policy(*friends: Pubkey) -> Policy:
    allowed = {str(p) for p in (KAMINO, MARGINFI, DRIFT, DLMM, *friends)}
    return Policy(wallet=Wallet(solana=frozenset({str(ME)})), allowlist=Allowlist(solana=allowed))


_Make = Callable[[], list[Instruction]]
OWN = _policy()
AWAY = "tx.sol.unknown_recipient"
ELSEWHERE = "tx.sol.swap_recipient"
UNSURE = "tx.sol.swap_output_unknown_owner"
CASES = [
    pytest.param(lambda: [kamino(ata(ME))], OWN, Action.ALLOW, None, id="kamino-to-own"),
    pytest.param(lambda: [kamino(ata(ME), ALL)], OWN, Action.ALLOW, None, id="kamino-all-own"),
    pytest.param(lambda: [kamino(ata(STRANGER))], OWN, Action.FLAG, AWAY, id="kamino-to-stranger"),
    pytest.param(lambda: [kamino(ata(STRANGER), ALL)], OWN, Action.BLOCK, ELSEWHERE,
                 id="kamino-all-to-stranger"),
    pytest.param(lambda: [kamino(ata(ME), v2=True)], OWN, Action.ALLOW, None,
                 id="kamino-v2-to-own"),
    pytest.param(lambda: [kamino(ata(STRANGER), ALL, v2=True)], OWN, Action.BLOCK, ELSEWHERE,
                 id="kamino-v2-all-to-stranger"),
    pytest.param(lambda: [kamino(ata(FRIEND))], _policy(FRIEND), Action.ALLOW, None,
                 id="kamino-to-allowlisted-friend"),
    pytest.param(lambda: [marginfi(ata(ME))], OWN, Action.ALLOW, None, id="marginfi-to-own"),
    pytest.param(lambda: [marginfi(ata(ME), everything=True)], OWN, Action.ALLOW, None,
                 id="marginfi-all-to-own"),
    pytest.param(lambda: [marginfi(ata(STRANGER))], OWN, Action.FLAG, AWAY,
                 id="marginfi-to-stranger"),
    pytest.param(lambda: [marginfi(ata(STRANGER), everything=True)], OWN, Action.FLAG, UNSURE,
                 id="marginfi-all-to-unknown-account"),
    pytest.param(lambda: [sx.create_ata(ME, STRANGER, USDC),
                          marginfi(ata(STRANGER), everything=True)],
                 OWN, Action.BLOCK, ELSEWHERE, id="marginfi-all-to-created-stranger-ata"),
    pytest.param(lambda: [drift(ata(ME))], OWN, Action.ALLOW, None, id="drift-to-own"),
    pytest.param(lambda: [drift(ata(STRANGER))], OWN, Action.FLAG, AWAY, id="drift-to-stranger"),
    pytest.param(lambda: [drift(ata(STRANGER), ALL)], OWN, Action.FLAG, UNSURE,
                 id="drift-all-to-unknown-account"),
    pytest.param(lambda: [dlmm(ata(ME))], OWN, Action.ALLOW, None, id="dlmm-to-own"),
    pytest.param(lambda: [dlmm(ata(ME), exact_out=True)], OWN, Action.ALLOW, None,
                 id="dlmm-exact-out-to-own"),
    pytest.param(lambda: [dlmm(ata(STRANGER))], OWN, Action.BLOCK, ELSEWHERE,
                 id="dlmm-to-stranger"),
    pytest.param(lambda: [dlmm(ata(ME), least=0)], OWN, Action.FLAG, "tx.sol.swap_no_minimum",
                 id="dlmm-minimum-zero"),
    pytest.param(lambda: [dlmm_remove(ata(ME, WSOL), ata(ME))], OWN, Action.ALLOW, None,
                 id="dlmm-remove-all-to-own"),
    pytest.param(lambda: [dlmm_remove(ata(ME, WSOL), ata(ME), "remove_liquidity2")], OWN,
                 Action.ALLOW, None, id="dlmm-remove-2-to-own"),
    pytest.param(lambda: [dlmm_remove(ata(ME, WSOL), ata(STRANGER))], OWN, Action.BLOCK,
                 ELSEWHERE, id="dlmm-remove-y-to-stranger"),
    pytest.param(lambda: [dlmm(ata(ME))], Policy(wallet=Wallet(solana=frozenset({str(ME)}))),
                 Action.ALLOW, None, id="dlmm-pool-needs-no-allowlist"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "policy", "action", "rule"), CASES)
def test_withdrawals_and_swaps(
    make: _Make, policy: Policy, action: Action, rule: str | None
) -> None:
    """To own or an allowlisted wallet passes; an amount elsewhere flags; everything blocks."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_explicit_withdrawal_elsewhere_is_a_transfer_of_the_owner() -> None:
    """marginfi: the amount leaves the owner's position to the named account, out of the
    bank's vault; into the owner's own ATA it is a receipt of USDC (the mint derived)."""
    away = decode_solana(sx.message(ME, [marginfi(ata(STRANGER))])).operations
    assert [type(op) for op in away] == [Transfer]
    give = away[0]
    assert isinstance(give, Transfer)
    assert (give.sender, give.recipient, give.amount) == (str(ME), str(ata(STRANGER)), 8 * 10**9)
    home = decode_solana(sx.message(ME, [marginfi(ata(ME))])).operations
    assert isinstance(home[0], Receipt)
    assert (home[0].asset.address, home[0].amount) == (str(USDC), 8 * 10**9)


def test_withdrawal_into_an_account_initialised_for_the_owner_is_a_receipt() -> None:
    """A token account the transaction initialises for the owner (not an ATA) is its own."""
    account = Keypair().pubkey()
    init = sx.initialize_account3(account, USDC, ME)
    ops = decode_solana(sx.message(ME, [init, drift(account)])).operations
    assert [type(op) for op in ops][-1:] == [Receipt]


def test_kamino_collateral_amount_is_not_the_liquidity_paid() -> None:
    """Kamino counts collateral tokens: the USDC given is of unknown amount."""
    ops = decode_solana(sx.message(ME, [kamino(ata(STRANGER))])).operations
    assert isinstance(ops[0], Transfer)
    assert (ops[0].asset.address, ops[0].amount) == (str(USDC), None)


def test_dlmm_tells_the_output_mint_from_the_input_side() -> None:
    """The pair names both mints; the user's WSOL ATA is the input, so USDC comes out."""
    ops = decode_solana(sx.message(ME, [dlmm(ata(STRANGER))])).operations
    out = [op for op in ops if isinstance(op, Receipt)]
    assert [(o.asset.address, o.recipient, o.amount) for o in out] == [
        (str(USDC), str(ata(STRANGER)), 590 * 10**6)
    ]


@pytest.mark.parametrize("make", [kamino, marginfi, drift, dlmm], ids=lambda f: f.__name__)
def test_truncated_data_is_malformed(make: Callable[[Pubkey], Instruction]) -> None:
    """Data cut inside the arguments is not guessed at: malformed, FLAG."""
    ix = make(ata(ME))
    short = Instruction(ix.program_id, bytes(ix.data)[:10], ix.accounts)
    verdict = Guard(OWN, classifier=False).check_transaction(sx.message(ME, [short]))
    assert verdict.action is Action.FLAG
    assert "tx.sol.malformed_instruction" in verdict.rule_ids, verdict.explain()


def _delegates(*trusted: Pubkey) -> Policy:
    """Own with ``trusted`` allowlisted as parties that may hold authority over own accounts."""
    names = frozenset(str(p) for p in trusted)
    allow = Allowlist(solana=frozenset({str(MARGINFI)}) | names, solana_delegates=names)
    return Policy(wallet=Wallet(solana=frozenset({str(ME)})), allowlist=allow)


def marginfi_authority(new: Pubkey) -> Instruction:
    """marginfi v2 ``set_new_account_authority`` (no arguments; lending_layouts.py)."""
    account, group = _fill(2)
    keys = (account, group, ME, new, ME)
    return Instruction(MARGINFI, _anchor("set_new_account_authority"), _metas(*keys))


@pytest.mark.parametrize(
    ("new", "policy", "action"),
    [
        pytest.param(ME, OWN, Action.ALLOW, id="to-own"),
        pytest.param(FRIEND, _delegates(FRIEND), Action.ALLOW, id="to-allowlisted-new-wallet"),
        pytest.param(FRIEND, _policy(FRIEND), Action.BLOCK, id="a-payee-is-no-owner"),
        pytest.param(STRANGER, OWN, Action.BLOCK, id="to-stranger"),
    ],
)
def test_marginfi_account_authority_is_an_owner_authority(
    new: Pubkey, policy: Policy, action: Action
) -> None:
    """The marginfi account (deposits, borrows) handed to ``new_authority``: to a stranger it
    BLOCKs though the program is allowlisted (it was an unknown instruction: FLAG)."""
    verdict = Guard(policy, classifier=False).check_transaction(
        sx.message(ME, [marginfi_authority(new)])
    )
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.sol.authority_change" in verdict.rule_ids


SYSTEM = Pubkey.from_string("11111111111111111111111111111111")
SYSVAR_IX = Pubkey.from_string("Sysvar1nstructions1111111111111111111111111")


def marginfi_transfer(new: Pubkey, *, pda: bool = False, fee_payer: bool = True) -> Instruction:
    """marginfi v2 ``transfer_to_new_account`` / ``_pda`` (transfer_account.rs): every position
    moved into a new account owned by ``new``; before ``fee_payer`` was added the new
    authority was the fifth account."""
    group, old, fresh, wallet = _fill(4)
    keys = [group, old, fresh, ME, *([ME] if fee_payer else []), new, wallet]
    keys += [SYSVAR_IX, SYSTEM] if pda else [SYSTEM]
    name = "transfer_to_new_account_pda" if pda else "transfer_to_new_account"
    data = _anchor(name) + ((7).to_bytes(2, "little") + b"\x00" if pda else b"")
    return Instruction(MARGINFI, data, _metas(*keys))


@pytest.mark.parametrize(
    ("ix", "policy", "action"),
    [
        pytest.param(marginfi_transfer(STRANGER), OWN, Action.BLOCK, id="to-stranger"),
        pytest.param(marginfi_transfer(STRANGER, fee_payer=False), OWN, Action.BLOCK,
                     id="to-stranger-before-fee-payer"),
        pytest.param(marginfi_transfer(STRANGER, pda=True), OWN, Action.BLOCK,
                     id="pda-to-stranger"),
        pytest.param(marginfi_transfer(ME), OWN, Action.ALLOW, id="to-own"),
        pytest.param(marginfi_transfer(ME, pda=True, fee_payer=False), OWN, Action.ALLOW,
                     id="pda-to-own-before-fee-payer"),
        pytest.param(marginfi_transfer(FRIEND), _delegates(FRIEND), Action.ALLOW,
                     id="to-allowlisted-new-wallet"),
    ],
)  # fmt: skip
def test_marginfi_transfer_to_new_account_is_an_owner_authority(
    ix: Instruction, policy: Policy, action: Action
) -> None:
    """``transfer_to_new_account(_pda)`` hands every position to ``new_authority``: judged as
    ``set_new_account_authority`` (it was an undecoded instruction of an allowlisted program:
    ALLOW)."""
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(ME, [ix]))
    assert verdict.action is action, verdict.explain()


def test_marginfi_transfer_beside_a_withdraw_in_one_message() -> None:
    """The same handover carried in a message with another marginfi instruction."""
    withdraw = marginfi(ata(ME))
    verdict = Guard(OWN, classifier=False).check_transaction(
        sx.message(ME, [withdraw, marginfi_transfer(STRANGER)])
    )
    assert verdict.action is Action.BLOCK
