"""Stake program as effects: decode table, verdicts, and proof on LiteSVM's stake program.

Instructions are built with ``examples/spl.py`` from solana-program/stake
``interface/src/instruction.rs`` (bincode, u32 tag); the LiteSVM tests show the real stake
program accepts those bytes and does what the decoder says (the withdrawer really changes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import solders.system_program as sp
import spl as sx
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange, Call, Creation, Transfer
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.signers.solana_keypair import GuardedKeypair

ME = Keypair()
P = ME.pubkey()
STAKE = Pubkey.new_unique()
STRANGER = Pubkey.new_unique()
FRIEND = Pubkey.new_unique()  # allowlisted delegate (e.g. a staking service)
VOTE = Pubkey.new_unique()
NEW = Pubkey.new_unique()
LOCKED_UNTIL = 4_102_444_800  # 2100-01-01: a lockup in force for decades


def _summary(op: Any) -> tuple[Any, ...]:
    if isinstance(op, AuthorityChange):
        return ("authority", op.via, op.account, op.new_authority, op.authority_type)
    if isinstance(op, Transfer):
        return ("transfer", op.via, op.sender, op.recipient, op.amount)
    if isinstance(op, Creation):
        return ("create", op.account, op.owner)
    assert isinstance(op, Call)
    return ("call", op.name, op.known)


S, X = str(STAKE), str(STRANGER)
DECODE = [
    pytest.param(
        lambda: [sx.stake_authorize(STAKE, P, STRANGER, sx.WITHDRAWER)],
        [("authority", "stake.authorize", S, X, "withdrawer")],
        id="authorize-withdrawer",
    ),
    pytest.param(
        lambda: [sx.stake_authorize(STAKE, P, STRANGER, sx.STAKER)],
        [("authority", "stake.authorize", S, X, "staker")],
        id="authorize-staker",
    ),
    pytest.param(
        lambda: [sx.stake_authorize_checked(STAKE, P, STRANGER, sx.WITHDRAWER)],
        [("authority", "stake.authorize", S, X, "withdrawer")],
        id="authorize-checked-new-authority-from-accounts",
    ),
    pytest.param(
        lambda: [sx.stake_withdraw(STAKE, P, STRANGER, 5 * 10**9)],
        [("transfer", "stake.withdraw", str(P), X, 5 * 10**9)],
        id="withdraw-is-a-sol-transfer",
    ),
    pytest.param(
        lambda: [sx.stake_set_lockup(STAKE, P, STRANGER)],
        [("authority", "stake.set_lockup", S, X, "lockup_custodian")],
        id="set-lockup-new-custodian",
    ),
    pytest.param(
        lambda: [sx.stake_set_lockup(STAKE, P, None)],
        [("call", "SetLockup", True)],
        id="set-lockup-dates-only",
    ),
    pytest.param(
        lambda: [sx.stake_initialize(STAKE, P, STRANGER)],
        [
            ("authority", "stake.initialize", S, str(P), "staker"),
            ("authority", "stake.initialize", S, X, "withdrawer"),
        ],
        id="initialize-names-both-roles",
    ),
    pytest.param(
        lambda: [sx.stake_initialize(STAKE, P, P, (LOCKED_UNTIL, 0, STRANGER))],
        [
            ("authority", "stake.initialize", S, str(P), "staker"),
            ("authority", "stake.initialize", S, str(P), "withdrawer"),
            ("authority", "stake.initialize_lockup", S, X, "lockup_custodian"),
        ],
        id="initialize-dated-lockup-names-its-custodian",
    ),
    pytest.param(
        lambda: [sx.stake_initialize(STAKE, P, P, (0, 900, STRANGER))],
        [
            ("authority", "stake.initialize", S, str(P), "staker"),
            ("authority", "stake.initialize", S, str(P), "withdrawer"),
            ("authority", "stake.initialize_lockup", S, X, "lockup_custodian"),
        ],
        id="initialize-epoch-lockup-names-its-custodian",
    ),
    pytest.param(
        lambda: [sx.stake_initialize(STAKE, P, P, (0, 0, STRANGER))],
        [
            ("authority", "stake.initialize", S, str(P), "staker"),
            ("authority", "stake.initialize", S, str(P), "withdrawer"),
        ],
        id="initialize-undated-lockup-custodian-controls-nothing",
    ),
    pytest.param(
        lambda: [sx.stake_initialize(STAKE, P, P, (LOCKED_UNTIL, 0, Pubkey.default()))],
        [
            ("authority", "stake.initialize", S, str(P), "staker"),
            ("authority", "stake.initialize", S, str(P), "withdrawer"),
        ],
        id="initialize-lockup-without-custodian",
    ),
    pytest.param(
        lambda: [
            sx.raw(sx.STAKE, bytes(sx.stake_initialize(STAKE, P, P).data)[:100], sx._w(STAKE))
        ],
        [("call", "Initialize", False)],
        id="truncated-initialize-is-malformed",
    ),
    pytest.param(
        lambda: [sx.stake_delegate(STAKE, VOTE, P)],
        [("call", "DelegateStake", True)],
        id="delegate-moves-nothing",
    ),
    pytest.param(
        lambda: [sx.stake_deactivate(STAKE, P)],
        [("call", "Deactivate", True)],
        id="deactivate-moves-nothing",
    ),
    pytest.param(
        lambda: [sx.stake_split(STAKE, P, NEW, 10**9)],
        [("call", "Split", True)],
        id="split-keeps-authorities",
    ),
    pytest.param(
        lambda: [sx.raw(sx.STAKE, b"\x01\x00\x00\x00" + bytes(20), sx._w(STAKE), sx._s(P))],
        [("call", "Authorize", False)],
        id="truncated-authorize-is-malformed",
    ),
]


@pytest.mark.parametrize(("make", "expected"), DECODE)
def test_stake_instruction_decodes(make: Callable[[], list[Instruction]], expected: Any) -> None:
    """Each stake instruction becomes the operations its layout says."""
    decoded = decode_solana(sx.message(P, make()))
    assert [_summary(op) for op in decoded.operations] == expected


def _fund(stake: Pubkey, withdrawer: Pubkey, custodian: Pubkey | None = None) -> list[Instruction]:
    lockup = None if custodian is None else (LOCKED_UNTIL, 0, custodian)
    create = sp.create_account(
        {
            "from_pubkey": P,
            "to_pubkey": stake,
            "lamports": 3 * 10**9,
            "space": sx.STAKE_SIZE,
            "owner": sx.STAKE,
        }
    )
    return [create, sx.stake_initialize(stake, P, withdrawer, lockup)]


VERDICTS = [
    pytest.param(
        lambda: [sx.stake_authorize(STAKE, P, STRANGER, sx.WITHDRAWER)],
        Action.BLOCK,
        "tx.sol.stake_authorize",
        id="withdrawer-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [sx.stake_authorize_checked(STAKE, P, STRANGER, sx.STAKER)],
        Action.BLOCK,
        "tx.sol.stake_authorize",
        id="staker-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [sx.stake_authorize(STAKE, P, FRIEND, sx.STAKER)],
        Action.ALLOW,
        None,
        id="staker-to-allowlisted-delegate-allows",
    ),
    pytest.param(
        lambda: [sx.stake_set_lockup(STAKE, P, STRANGER)],
        Action.BLOCK,
        "tx.sol.stake_lockup",
        id="custodian-to-stranger-blocks",
    ),
    pytest.param(
        lambda: [sx.stake_withdraw(STAKE, P, STRANGER, 10**9)],
        Action.FLAG,
        "tx.sol.unknown_recipient",
        id="withdraw-to-stranger-flags",
    ),
    pytest.param(
        lambda: [sx.stake_withdraw(STAKE, P, P, 10**9)],
        Action.ALLOW,
        None,
        id="withdraw-to-own-allows",
    ),
    pytest.param(
        lambda: [sx.stake_delegate(STAKE, VOTE, P), sx.stake_deactivate(STAKE, P)],
        Action.ALLOW,
        None,
        id="delegate-and-deactivate-allow",
    ),
    pytest.param(
        lambda: _fund(STAKE, STRANGER),
        Action.BLOCK,
        "tx.sol.stake_authorize",
        id="new-stake-account-funded-for-a-stranger-blocks",
    ),
    pytest.param(lambda: _fund(STAKE, P), Action.ALLOW, None, id="new-own-stake-account-allows"),
    pytest.param(
        lambda: _fund(STAKE, P, STRANGER),
        Action.BLOCK,
        "tx.sol.stake_lockup",
        id="new-stake-account-locked-with-a-stranger-custodian-blocks",
    ),
    pytest.param(
        lambda: _fund(STAKE, P, FRIEND),
        Action.ALLOW,
        None,
        id="new-stake-account-locked-with-an-allowlisted-custodian-allows",
    ),
    pytest.param(
        lambda: _fund(STAKE, P, P),
        Action.ALLOW,
        None,
        id="new-stake-account-locked-with-own-custodian-allows",
    ),
]


@pytest.mark.parametrize(("make", "action", "rule"), VERDICTS)
def test_stake_verdicts(
    make: Callable[[], list[Instruction]], action: Action, rule: str | None
) -> None:
    """Authority over own stake goes only to own or allowlisted keys; delegation is harmless."""
    policy = Policy.model_validate({"allowlist": {"solana_delegates": [str(FRIEND)]}})
    verdict = Guard(policy, classifier=False).check_transaction(sx.message(P, make()))
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


def _withdrawer(svm: LiteSVM, stake: Pubkey) -> Pubkey:
    """StakeStateV2::Initialized: u32 tag, Meta { rent u64, staker, withdrawer, ... }."""
    account = svm.get_account(stake)
    assert account is not None
    return Pubkey.from_bytes(bytes(account.data)[44:76])


@pytest.mark.parametrize(("new_is_own", "lands"), [(True, True), (False, False)])
def test_authorize_on_litesvm(new_is_own: bool, lands: bool) -> None:
    """The stake program runs the decoded Authorize; a hand-over to a stranger is never signed."""
    svm, agent, stake = LiteSVM(), Keypair(), Keypair()
    svm.airdrop(agent.pubkey(), 10 * 10**9)
    me = agent.pubkey()
    setup = sx.legacy_tx(
        agent,
        [*_fund_for(me, stake.pubkey()), sx.stake_initialize(stake.pubkey(), me, me)],
        stake,
        blockhash=svm.latest_blockhash(),
    )
    assert type(svm.send_transaction(setup)).__name__ == "TransactionMetadata"
    svm.expire_blockhash()
    new = Keypair() if new_is_own else None
    target = new.pubkey() if new else Pubkey.new_unique()
    ix = sx.stake_authorize(stake.pubkey(), me, target, sx.WITHDRAWER)
    msg = Message.new_with_blockhash([ix], me, svm.latest_blockhash())
    context = {"own_solana": [str(target)]} if new_is_own else None
    signer = GuardedKeypair(agent, Guard(Policy(), classifier=False), context=context)
    if lands:
        tx = signer.sign_transaction(msg)
        assert type(svm.send_transaction(tx)).__name__ == "TransactionMetadata"
        assert _withdrawer(svm, stake.pubkey()) == target
    else:
        with pytest.raises(GuardBlocked):
            signer.sign_transaction(msg)
        assert _withdrawer(svm, stake.pubkey()) == me


def _fund_for(me: Pubkey, stake: Pubkey) -> list[Instruction]:
    params = {"from_pubkey": me, "to_pubkey": stake, "lamports": 3 * 10**9}
    return [sp.create_account({**params, "space": sx.STAKE_SIZE, "owner": sx.STAKE})]


def test_initialize_lockup_on_litesvm() -> None:
    """The stake program stores the lockup custodian of the Initialize bytes the decoder read."""
    svm, agent, stake = LiteSVM(), Keypair(), Keypair()
    svm.airdrop(agent.pubkey(), 10 * 10**9)
    me, custodian = agent.pubkey(), Pubkey.new_unique()
    init = sx.stake_initialize(stake.pubkey(), me, me, (LOCKED_UNTIL, 0, custodian))
    tx = sx.legacy_tx(
        agent, [*_fund_for(me, stake.pubkey()), init], stake, blockhash=svm.latest_blockhash()
    )
    assert type(svm.send_transaction(tx)).__name__ == "TransactionMetadata"
    account = svm.get_account(stake.pubkey())
    assert account is not None  # Meta: rent u64, staker, withdrawer, Lockup{i64, u64, custodian}
    assert Pubkey.from_bytes(bytes(account.data)[92:124]) == custodian
    decoded = decode_solana(sx.message(me, [init]))
    assert [op.new_authority for op in decoded.operations][-1] == str(custodian)
