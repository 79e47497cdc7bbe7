"""Drift v2 ``update_user_delegate`` (``chains/solana/drift_user.py``): a delegate trades the own
subaccount (authority ``delegate`` on the user account); the default key removes it; the
reduce-only / margin settings gain nobody anything. Layouts: drift-labs/protocol-v2
``instructions/user.rs`` (``UpdateUser``: user, authority), discriminators
``sha256("global:<name>")[:8]``. Keys are generated."""

from __future__ import annotations

import hashlib
import struct

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet

ME = Keypair().pubkey()
BOT = Keypair().pubkey()  # own's allowlisted trading bot
STRANGER = Keypair().pubkey()
DRIFT = Pubkey.from_string("dRiftyHA39MWEi3m9aunc5MzRF1JYuBsbn6VPcn33UH")


def user_pda(authority: Pubkey, sub_account: int) -> Pubkey:
    seeds = [b"user", bytes(authority), struct.pack("<H", sub_account)]
    return Pubkey.find_program_address(seeds, DRIFT)[0]


def drift_ix(name: str, args: bytes, sub_account: int = 0) -> Instruction:
    data = hashlib.sha256(f"global:{name}".encode()).digest()[:8] + struct.pack("<H", sub_account)
    metas = [
        AccountMeta(user_pda(ME, sub_account), is_signer=False, is_writable=True),
        AccountMeta(ME, is_signer=True, is_writable=False),
    ]
    return Instruction(DRIFT, data + args, metas)


def judge(*ixs: Instruction) -> Action:
    policy = Policy(
        wallet=Wallet(solana=frozenset({str(ME)})),
        allowlist=Allowlist(solana_delegates=frozenset({str(BOT)})),
    )
    return Guard(policy, classifier=False).check_transaction(sx.message(ME, list(ixs))).action


@pytest.mark.parametrize(
    ("ixs", "expected"),
    [
        pytest.param([drift_ix("update_user_delegate", bytes(BOT))], Action.ALLOW, id="bot"),
        pytest.param([drift_ix("update_user_delegate", bytes(STRANGER), 3)], Action.BLOCK,
                     id="stranger-subaccount-3"),
        pytest.param([drift_ix("update_user_delegate", bytes(32))], Action.ALLOW, id="reset"),
        pytest.param([drift_ix("update_user_reduce_only", b"\x01")], Action.ALLOW,
                     id="reduce-only"),
        pytest.param([drift_ix("update_user_custom_margin_ratio", struct.pack("<I", 5000))],
                     Action.ALLOW, id="margin-ratio"),
        pytest.param([drift_ix("update_user_reduce_only", b"\x00"),
                      drift_ix("update_user_delegate", bytes(STRANGER))], Action.BLOCK,
                     id="stranger-after-a-setting"),
    ],
)  # fmt: skip
def test_update_user_delegate(ixs: list[Instruction], expected: Action) -> None:
    """A stranger as delegate blocks; the allowlisted bot, a reset or a setting passes."""
    assert judge(*ixs) is expected


def test_delegate_is_authority_on_the_user_account() -> None:
    """The effect names the subaccount's user PDA, the delegate and the signer."""
    msg = sx.message(ME, [drift_ix("update_user_delegate", bytes(STRANGER), 2)])
    (op,) = decode_solana(msg).operations
    assert isinstance(op, AuthorityChange)
    got = (op.account, op.new_authority, op.authority_type, op.current_authority)
    assert got == (str(user_pda(ME, 2)), str(STRANGER), "delegate", str(ME))
