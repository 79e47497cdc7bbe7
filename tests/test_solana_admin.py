"""Squads v4 configuration, the SPL Name Service and Token-2022 transfer fees as effects.

Instructions are built here from each program's published layout (sources in
``aiegis_guard/chains/solana/squads.py``, ``name_service.py``, ``token_fees.py``). A member,
a config authority or a spending limit handed to a stranger blocks, to the allowlisted
teammate passes; a threshold lowered flags; a name sent to a stranger flags, its record
closed with the rent to a stranger blocks; withheld fees paid to a stranger block.
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
from solders.system_program import CreateAccountParams, create_account
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet

ME = Keypair().pubkey()
STRANGER = Keypair().pubkey()
MATE = Keypair().pubkey()  # the allowlisted teammate
MULTISIG = Keypair().pubkey()
SQUADS = Pubkey.from_string("SQDS4ep65T869zMMBKyuUq6aD6EgTu8psMjkvj52pCf")
NAMES = Pubkey.from_string("namesLPneVptA9Z5rqUDD9tMTWEJwofgaYwp8cawRkX")
NAME = Keypair().pubkey()  # a name record
MINT = Keypair().pubkey()  # the agent's own fee-bearing Token-2022 mint
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def _metas(*keys: Pubkey) -> list[AccountMeta]:
    return [AccountMeta(k, is_signer=k == ME, is_writable=k != sx.SYSTEM) for k in keys]


def member(key: Pubkey, mask: int = 7) -> bytes:
    return b"\x00" + bytes(key) + bytes([mask])  # ConfigAction::AddMember { Member }


def threshold(n: int) -> bytes:
    return b"\x02" + struct.pack("<H", n)


def spending_limit(to: Pubkey) -> bytes:
    members = struct.pack("<I", 1) + bytes(to)
    return (
        b"\x04" + bytes(Keypair().pubkey()) + b"\x00" + bytes(USDC)
        + struct.pack("<QB", 10**9, 1) + members + struct.pack("<I", 0)
    )  # fmt: skip


def propose(*actions: bytes) -> Instruction:
    tx_pda = Keypair().pubkey()
    data = _anchor("config_transaction_create") + struct.pack("<I", len(actions))
    data += b"".join(actions) + b"\x00"  # memo: None
    return Instruction(SQUADS, data, _metas(MULTISIG, tx_pda, ME, ME, sx.SYSTEM))


def controlled(name: str, args: bytes) -> Instruction:
    data = _anchor(name) + args + b"\x00"
    return Instruction(SQUADS, data, _metas(MULTISIG, ME, ME, sx.SYSTEM))


def name_transfer(to: Pubkey) -> Instruction:
    return Instruction(NAMES, b"\x02" + bytes(to), _metas(NAME, ME))


def name_delete(refund: Pubkey) -> Instruction:
    return Instruction(NAMES, b"\x03", _metas(NAME, ME, refund))


def name_update() -> Instruction:
    data = b"\x01" + struct.pack("<I", 0) + struct.pack("<I", 3) + b"abc"
    return Instruction(NAMES, data, _metas(NAME, ME))


def withheld(to: Pubkey, sub: int = 2) -> Instruction:
    dest = get_associated_token_address(to, MINT, sx.TOKEN_2022)
    data = bytes([26, sub]) + (b"\x01" if sub == 3 else b"")
    return Instruction(sx.TOKEN_2022, data, _metas(MINT, dest, ME))


def fee_config(withdrawer: Pubkey) -> list[Instruction]:
    new = create_account(
        CreateAccountParams(
            from_pubkey=ME, to_pubkey=MINT, lamports=10**7, space=300, owner=sx.TOKEN_2022
        )
    )
    data = bytes([26, 0, 1]) + bytes(ME) + b"\x01" + bytes(withdrawer) + struct.pack("<HQ", 50, 9)
    return [new, Instruction(sx.TOKEN_2022, data, _metas(MINT))]


def _policy() -> Policy:
    return Policy(
        wallet=Wallet(solana=frozenset({str(ME)})),
        allowlist=Allowlist(
            solana=frozenset({str(SQUADS), str(NAMES), str(MATE)}),
            solana_delegates=frozenset({str(MATE)}),
        ),
    )


_Make = Callable[[], list[Instruction]]
AUTH = "tx.sol.authority_change"
CASES = [
    pytest.param(lambda: [propose(member(STRANGER))], Action.BLOCK, AUTH,
                 id="squads-propose-stranger-member"),
    pytest.param(lambda: [propose(member(MATE, 2))], Action.ALLOW, None,
                 id="squads-propose-allowlisted-teammate"),
    pytest.param(lambda: [propose(threshold(1))], Action.FLAG, AUTH,
                 id="squads-propose-threshold-one"),
    pytest.param(lambda: [propose(member(MATE, 2), threshold(2))], Action.FLAG, AUTH,
                 id="squads-propose-two-actions"),
    pytest.param(lambda: [propose(spending_limit(STRANGER))], Action.BLOCK,
                 "tx.sol.approval_unknown_spender", id="squads-spending-limit-for-stranger"),
    pytest.param(lambda: [propose(spending_limit(MATE))], Action.ALLOW, None,
                 id="squads-spending-limit-for-teammate"),
    pytest.param(lambda: [propose(b"\x09")], Action.FLAG, "tx.sol.malformed_instruction",
                 id="squads-unknown-action"),
    pytest.param(lambda: [controlled("multisig_add_member", member(STRANGER)[1:])],
                 Action.BLOCK, AUTH, id="squads-controlled-add-stranger"),
    pytest.param(lambda: [controlled("multisig_set_config_authority", bytes(STRANGER))],
                 Action.BLOCK, AUTH, id="squads-config-authority-to-stranger"),
    pytest.param(lambda: [controlled("multisig_add_spending_limit", spending_limit(STRANGER)[1:])],
                 Action.BLOCK, "tx.sol.approval_unknown_spender",
                 id="squads-controlled-spending-limit-for-stranger"),
    pytest.param(lambda: [controlled("multisig_set_time_lock", struct.pack("<I", 0))],
                 Action.ALLOW, None, id="squads-time-lock"),
    pytest.param(lambda: [name_transfer(STRANGER)], Action.FLAG, "tx.sol.unknown_recipient",
                 id="sns-transfer-to-stranger"),
    pytest.param(lambda: [name_transfer(MATE)], Action.ALLOW, None,
                 id="sns-transfer-to-allowlisted"),
    pytest.param(lambda: [name_delete(STRANGER)], Action.BLOCK, "tx.sol.close_account",
                 id="sns-delete-refund-to-stranger"),
    pytest.param(lambda: [name_delete(ME)], Action.ALLOW, None, id="sns-delete-refund-to-own"),
    pytest.param(lambda: [name_update()], Action.FLAG, "tx.sol.unknown_program",
                 id="sns-update-rewrites-records-unread"),
    pytest.param(lambda: [withheld(ME)], Action.ALLOW, None, id="fees-withdrawn-to-own"),
    pytest.param(lambda: [withheld(STRANGER)], Action.BLOCK, "tx.sol.swap_recipient",
                 id="fees-withdrawn-to-stranger"),
    pytest.param(lambda: [withheld(STRANGER, sub=3)], Action.BLOCK, "tx.sol.swap_recipient",
                 id="fees-from-accounts-to-stranger"),
    pytest.param(lambda: [Instruction(sx.TOKEN_2022, bytes([26, 4]), _metas(MINT))],
                 Action.ALLOW, None, id="fees-harvested-to-mint"),
    pytest.param(lambda: [Instruction(sx.TOKEN_2022, bytes([34, 0]), _metas(MINT, ME))],
                 Action.ALLOW, None, id="cpi-guard-enabled"),
    pytest.param(lambda: [Instruction(sx.TOKEN_2022, bytes([30, 1]), _metas(MINT, ME))],
                 Action.ALLOW, None, id="required-memos-disabled"),
    pytest.param(lambda: fee_config(ME), Action.ALLOW, None, id="fee-config-own-authorities"),
    pytest.param(lambda: fee_config(STRANGER), Action.BLOCK, "tx.sol.set_authority",
                 id="fee-config-withdrawer-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "action", "rule"), CASES)
def test_admin(make: _Make, action: Action, rule: str | None) -> None:
    """Authority to a stranger blocks; to the teammate passes; fees and names follow value."""
    verdict = Guard(_policy(), classifier=False).check_transaction(sx.message(ME, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids, verdict.explain()


def test_squads_member_names_the_multisig_and_the_key() -> None:
    """AddMember is an authority change on the multisig, the proposer its current holder."""
    ops = decode_solana(sx.message(ME, [propose(member(STRANGER, 3))])).operations
    assert len(ops) == 1
    op = ops[0]
    assert isinstance(op, AuthorityChange)
    got = (op.account, op.new_authority, op.authority_type, op.current_authority)
    assert got == (str(MULTISIG), str(STRANGER), "member(permissions=3)", str(ME))


@pytest.mark.parametrize("cut", [9, 20, 42])
def test_squads_truncated_actions_are_malformed(cut: int) -> None:
    """Actions cut short are not guessed at."""
    ix = propose(member(STRANGER))
    short = Instruction(SQUADS, bytes(ix.data)[:cut], ix.accounts)
    verdict = Guard(_policy(), classifier=False).check_transaction(sx.message(ME, [short]))
    assert verdict.action is Action.FLAG
    assert "tx.sol.malformed_instruction" in verdict.rule_ids, verdict.explain()
