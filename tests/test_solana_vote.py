"""Vote program as effects: decode table and verdicts.

Instructions are built here from anza-xyz/solana-sdk ``vote-interface/src/instruction.rs``
(``VoteInstruction``: bincode, u32 tag; the ``# Account references`` orders) and
``state/vote_instruction_data.rs`` (``VoteAuthorize``, ``VoteInit``, the seed arguments),
with generated keys.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import pytest
import solders.system_program as sp
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange, Call, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

VOTE_PROGRAM = Pubkey.from_string("Vote111111111111111111111111111111111111111")
SLOT_HASHES = Pubkey.from_string("SysvarS1otHashes111111111111111111111111111")
VOTER, WITHDRAWER, VOTER_WITH_BLS = 0, 1, 2

ME = Keypair()
P = ME.pubkey()
VOTE = Pubkey.new_unique()
STRANGER = Pubkey.new_unique()
FRIEND = Pubkey.new_unique()  # allowlisted delegate (the operator's node key)
S, X, F = str(VOTE), str(STRANGER), str(FRIEND)


def _ix(data: bytes, *accounts: AccountMeta) -> Instruction:
    return Instruction(VOTE_PROGRAM, data, list(accounts))


def _w(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=True)


def _r(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=False, is_writable=False)


def _s(key: Pubkey) -> AccountMeta:
    return AccountMeta(key, is_signer=True, is_writable=False)


def authorize(new: Pubkey, role: int) -> Instruction:
    data = struct.pack("<I", 1) + bytes(new) + struct.pack("<I", role)
    return _ix(data, _w(VOTE), _r(sx.CLOCK), _s(P))


def authorize_checked(new: Pubkey, role: int) -> Instruction:
    return _ix(struct.pack("<II", 7, role), _w(VOTE), _r(sx.CLOCK), _s(P), _s(new))


def _seed(owner: Pubkey, seed: str) -> bytes:
    return bytes(owner) + struct.pack("<Q", len(seed)) + seed.encode()


def authorize_with_seed(new: Pubkey, role: int, seed: str = "vote") -> Instruction:
    data = struct.pack("<II", 10, role) + _seed(sx.SYSTEM, seed) + bytes(new)
    return _ix(data, _w(VOTE), _r(sx.CLOCK), _s(P))


def authorize_checked_with_seed(new: Pubkey, role: int, seed: str = "vote") -> Instruction:
    data = struct.pack("<II", 11, role) + _seed(sx.SYSTEM, seed)
    return _ix(data, _w(VOTE), _r(sx.CLOCK), _s(P), _s(new))


def withdraw(to: Pubkey, lamports: int) -> Instruction:
    return _ix(struct.pack("<IQ", 3, lamports), _w(VOTE), _w(to), _s(P))


def initialize(voter: Pubkey, withdrawer: Pubkey) -> Instruction:
    data = struct.pack("<I", 0) + bytes(P) + bytes(voter) + bytes(withdrawer) + bytes([10])
    return _ix(data, _w(VOTE), _r(sx.RENT), _r(sx.CLOCK), _s(P))


def update_identity(new: Pubkey) -> Instruction:
    return _ix(struct.pack("<I", 4), _w(VOTE), _s(new), _s(P))


def update_commission(percent: int) -> Instruction:
    return _ix(struct.pack("<IB", 5, percent), _w(VOTE), _s(P))


def commission_collector(collector: Pubkey, kind: int = 0) -> Instruction:
    return _ix(struct.pack("<II", 17, kind), _w(VOTE), _w(collector), _s(P))


def vote(slot: int) -> Instruction:
    # Vote { slots: Vec<u64>, hash: Hash, timestamp: Option<i64> }
    data = struct.pack("<IQQ", 2, 1, slot) + bytes(32) + b"\x00"
    return _ix(data, _w(VOTE), _r(SLOT_HASHES), _r(sx.CLOCK), _s(P))


def _fund(voter: Pubkey, withdrawer: Pubkey) -> list[Instruction]:
    params = {
        "from_pubkey": P,
        "to_pubkey": VOTE,
        "lamports": 30 * 10**9,
        "space": 3762,
        "owner": VOTE_PROGRAM,
    }
    return [sp.create_account(params), initialize(voter, withdrawer)]


def _summary(op: Any) -> tuple[Any, ...]:
    if isinstance(op, AuthorityChange):
        return ("authority", op.via, op.account, op.new_authority, op.authority_type)
    if isinstance(op, Transfer):
        return ("transfer", op.via, op.sender, op.recipient, op.amount)
    assert isinstance(op, Call)
    return ("call", op.name, op.known)


DECODE = [
    pytest.param(
        lambda: [authorize(STRANGER, WITHDRAWER)],
        [("authority", "vote.authorize", S, X, "withdrawer")],
        id="authorize-withdrawer",
    ),
    pytest.param(
        lambda: [authorize(STRANGER, VOTER)],
        [("authority", "vote.authorize", S, X, "voter")],
        id="authorize-voter",
    ),
    pytest.param(
        lambda: [authorize_checked(STRANGER, WITHDRAWER)],
        [("authority", "vote.authorize", S, X, "withdrawer")],
        id="authorize-checked-new-authority-from-accounts",
    ),
    pytest.param(
        lambda: [authorize_with_seed(STRANGER, WITHDRAWER)],
        [("authority", "vote.authorize", S, X, "withdrawer")],
        id="authorize-with-seed-reads-past-the-seed",
    ),
    pytest.param(
        lambda: [authorize_checked_with_seed(STRANGER, VOTER)],
        [("authority", "vote.authorize", S, X, "voter")],
        id="authorize-checked-with-seed",
    ),
    pytest.param(
        lambda: [withdraw(STRANGER, 5 * 10**9)],
        [("transfer", "vote.withdraw", str(P), X, 5 * 10**9)],
        id="withdraw-is-a-sol-transfer",
    ),
    pytest.param(
        lambda: [initialize(FRIEND, STRANGER)],
        [
            ("authority", "vote.initialize", S, F, "voter"),
            ("authority", "vote.initialize", S, X, "withdrawer"),
        ],
        id="initialize-names-both-roles",
    ),
    pytest.param(
        lambda: [update_identity(STRANGER)],
        [("authority", "vote.update_validator_identity", S, X, "validator_identity")],
        id="new-validator-identity",
    ),
    pytest.param(
        lambda: [commission_collector(STRANGER, 1)],
        [("authority", "vote.commission_collector", S, X, "block_revenue_collector")],
        id="commission-collector-elsewhere",
    ),
    pytest.param(
        lambda: [commission_collector(VOTE)],
        [("call", "UpdateCommissionCollector", True)],
        id="commission-collector-back-to-the-vote-account",
    ),
    pytest.param(
        lambda: [update_commission(100)],
        [("call", "UpdateCommission", True)],
        id="commission-rate-moves-nothing",
    ),
    pytest.param(lambda: [vote(7)], [("call", "Vote", True)], id="vote-moves-nothing"),
    pytest.param(
        lambda: [authorize_with_seed(STRANGER, VOTER_WITH_BLS)],
        [("call", None, False)],
        id="voter-with-bls-seeded-not-read",
    ),
    pytest.param(
        lambda: [_ix(struct.pack("<I", 1) + bytes(20), _w(VOTE), _r(sx.CLOCK), _s(P))],
        [("call", "Authorize", False)],
        id="truncated-authorize-is-malformed",
    ),
    pytest.param(
        lambda: [_ix(struct.pack("<IQ", 3, 10**9), _w(VOTE), _w(STRANGER))],
        [("call", "Withdraw", False)],
        id="withdraw-missing-its-authority-is-malformed",
    ),
    pytest.param(
        lambda: [_ix(struct.pack("<I", 99), _w(VOTE), _s(P))],
        [("call", None, False)],
        id="unknown-tag-stays-opaque",
    ),
]


@pytest.mark.parametrize(("make", "expected"), DECODE)
def test_vote_instruction_decodes(make: Callable[[], list[Instruction]], expected: Any) -> None:
    """Each vote instruction becomes the operations its layout says."""
    decoded = decode_solana(sx.message(P, make()))
    assert [_summary(op) for op in decoded.operations] == expected


VERDICTS = [
    pytest.param(
        lambda: [authorize(STRANGER, WITHDRAWER)],
        Action.BLOCK,
        "tx.sol.vote_authorize",
        id="withdrawer-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [authorize_checked(STRANGER, VOTER)],
        Action.BLOCK,
        "tx.sol.vote_authorize",
        id="voter-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [authorize(FRIEND, VOTER)],
        Action.ALLOW,
        None,
        id="voter-to-allowlisted-node-key-allows",
    ),
    pytest.param(
        lambda: [authorize_with_seed(P, WITHDRAWER)],
        Action.ALLOW,
        None,
        id="withdrawer-back-to-own-allows",
    ),
    pytest.param(
        lambda: [withdraw(STRANGER, 10**9)],
        Action.FLAG,
        "tx.sol.unknown_recipient",
        id="withdraw-to-stranger-flags",
    ),
    pytest.param(lambda: [withdraw(P, 10**9)], Action.ALLOW, None, id="withdraw-to-own-allows"),
    pytest.param(
        lambda: [withdraw(P, 10**9), authorize(STRANGER, WITHDRAWER)],
        Action.BLOCK,
        "tx.sol.vote_authorize",
        id="claim-then-hand-over-blocks",
    ),
    pytest.param(
        lambda: [update_identity(STRANGER)],
        Action.BLOCK,
        "tx.sol.vote_authorize",
        id="identity-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [commission_collector(STRANGER)],
        Action.BLOCK,
        "tx.sol.vote_authorize",
        id="commission-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [update_commission(0), vote(9)], Action.ALLOW, None, id="commission-rate-allows"
    ),
    pytest.param(
        lambda: _fund(FRIEND, STRANGER),
        Action.BLOCK,
        "tx.sol.vote_authorize",
        id="new-vote-account-funded-for-a-stranger-blocks",
    ),
    pytest.param(lambda: _fund(FRIEND, P), Action.ALLOW, None, id="new-own-vote-account-allows"),
    pytest.param(
        lambda: [authorize_with_seed(STRANGER, VOTER_WITH_BLS)],
        Action.FLAG,
        "tx.sol.unknown_program",
        id="unread-seeded-bls-authorize-flags",
    ),
    pytest.param(
        lambda: [_ix(struct.pack("<I", 1) + bytes(20), _w(VOTE), _r(sx.CLOCK), _s(P))],
        Action.FLAG,
        "tx.sol.malformed_instruction",
        id="truncated-authorize-flags",
    ),
]


@pytest.mark.parametrize(("make", "action", "rule"), VERDICTS)
def test_vote_verdicts(
    make: Callable[[], list[Instruction]], action: Action, rule: str | None
) -> None:
    """Authority over an own vote account goes only to own or allowlisted keys; a withdrawal
    is a give to its recipient; votes and commission rates move nothing."""
    policy = Policy.model_validate({"allowlist": {"solana_delegates": [F]}})
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(P, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids
