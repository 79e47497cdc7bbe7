"""Squads v4 vault transactions judged by the message the vault will run.

Built from Squads-Protocol/v4 ``programs/squads_multisig_program/src`` (sources in
``aiegis_guard/chains/solana/squads_vault.py``): ``vault_transaction_create`` carries a
``TransactionMessage`` in Squads' SmallVec layout (compiled here from a solders ``Message``
whose fee payer is the vault, the way the vault signs), then ``proposal_create`` and
``proposal_approve``. As the effect tables do, the vault PDA (index 0) is the own account and a
member key pays the fee. The vault paying an allowlisted payee passes, a stranger flags, an
authority handed to a stranger blocks; approving or executing a transaction the request does
not create flags; a message that does not read flags; ``spending_limit_use`` is a give from the
vault to its destination. Keys are generated here, never funded.
"""

from __future__ import annotations

import hashlib
import struct

import pytest
import spl as sx
from hypothesis import given, settings
from hypothesis import strategies as st
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import TransferParams, transfer
from solders.token.associated import get_associated_token_address

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.solana.squads_vault import read_vault_message
from aiegis_guard.chains.transaction import AuthorityChange, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Policy, Wallet

SQUADS = Pubkey.from_string("SQDS4ep65T869zMMBKyuUq6aD6EgTu8psMjkvj52pCf")
USDC = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v")
MEMBER = Keypair().pubkey()
PAYEE = Keypair().pubkey()
STRANGER = Keypair().pubkey()
MULTISIG = Pubkey.new_unique()
INDEX = 7  # the transaction this request creates (the multisig's index + 1)
UNSEEN = "tx.sol.squads_unseen_transaction"
OPAQUE = Pubkey.new_unique()  # a program nobody decodes


def _pda(*seeds: bytes) -> Pubkey:
    return Pubkey.find_program_address([b"multisig", *seeds], SQUADS)[0]


VAULT = _pda(bytes(MULTISIG), b"vault", b"\x00")


def _transaction(index: int = INDEX) -> Pubkey:
    return _pda(bytes(MULTISIG), b"transaction", struct.pack("<Q", index))


def _proposal(index: int = INDEX) -> Pubkey:
    return _pda(bytes(MULTISIG), b"transaction", struct.pack("<Q", index), b"proposal")


def _anchor(name: str) -> bytes:
    return hashlib.sha256(f"global:{name}".encode()).digest()[:8]


def vault_message(ixs: list[Instruction], vault: Pubkey = VAULT) -> bytes:
    """``TransactionMessage`` (SmallVec<u8 / u16> lengths) of ``ixs`` with the vault paying."""
    msg = Message.new_with_blockhash(ixs, vault, Hash.default())
    header, keys = msg.header, msg.account_keys
    signers = header.num_required_signatures
    out = bytes([signers, signers - header.num_readonly_signed_accounts])
    out += bytes([len(keys) - signers - header.num_readonly_unsigned_accounts, len(keys)])
    out += b"".join(bytes(k) for k in keys) + bytes([len(msg.instructions)])
    for ix in msg.instructions:
        accounts = bytes(ix.accounts)
        out += bytes([ix.program_id_index, len(accounts)]) + accounts
        out += struct.pack("<H", len(ix.data)) + bytes(ix.data)
    return out + b"\x00"  # no address table lookups


def create(message: bytes, multisig: Pubkey = MULTISIG, creator: Pubkey = MEMBER) -> Instruction:
    data = _anchor("vault_transaction_create") + b"\x00\x00"  # vault 0, no ephemeral signers
    data += struct.pack("<I", len(message)) + message + b"\x00"  # memo: None
    transaction = _pda(bytes(multisig), b"transaction", struct.pack("<Q", INDEX))
    keys = (multisig, transaction, creator, creator, sx.SYSTEM)
    metas = [AccountMeta(k, is_signer=k == creator, is_writable=k != sx.SYSTEM) for k in keys]
    return Instruction(SQUADS, data, metas)


def open_proposal(index: int = INDEX) -> Instruction:
    data = _anchor("proposal_create") + struct.pack("<Q?", index, False)
    keys = (MULTISIG, _proposal(index), MEMBER, MEMBER, sx.SYSTEM)
    metas = [AccountMeta(k, is_signer=k == MEMBER, is_writable=k != sx.SYSTEM) for k in keys]
    return Instruction(SQUADS, data, metas)


def approve(index: int = INDEX) -> Instruction:
    metas = [
        AccountMeta(MULTISIG, False, False),
        AccountMeta(MEMBER, True, True),
        AccountMeta(_proposal(index), False, True),
    ]
    return Instruction(SQUADS, _anchor("proposal_approve") + b"\x00", metas)


def execute(index: int = INDEX, *accounts: Pubkey) -> Instruction:
    keys = (MULTISIG, _proposal(index), _transaction(index), MEMBER, *accounts)
    metas = [AccountMeta(k, is_signer=k == MEMBER, is_writable=k != MULTISIG) for k in keys]
    return Instruction(SQUADS, _anchor("vault_transaction_execute"), metas)


def pay(to: Pubkey, lamports: int = 50 * 10**9) -> Instruction:
    return transfer(TransferParams(from_pubkey=VAULT, to_pubkey=to, lamports=lamports))


def pay_usdc(to: Pubkey) -> Instruction:
    src, dst = (get_associated_token_address(w, USDC) for w in (VAULT, to))
    return sx.transfer_checked(src, USDC, dst, VAULT, 10_000 * 10**6, 6)


def hand_over(to: Pubkey) -> Instruction:
    return sx.set_authority(get_associated_token_address(VAULT, USDC), VAULT, 2, to)


def propose(*inner: Instruction, extra: tuple[Instruction, ...] = ()) -> Message:
    """The member's request: create the vault transaction, open its proposal, approve it."""
    return sx.message(
        MEMBER, [create(vault_message(list(inner))), open_proposal(), approve(), *extra]
    )


def policy(*payees: Pubkey) -> Policy:
    return Policy(
        wallet=Wallet(solana=(str(VAULT),)),
        allowlist=Allowlist(
            solana=frozenset(map(str, payees)), solana_delegates=frozenset({str(MEMBER)})
        ),
    )


def _judge(msg: Message, pol: Policy) -> tuple[Action, list[str], str]:
    verdict = Guard(pol, classifier=False).check_transaction(msg)
    return verdict.action, list(verdict.rule_ids), verdict.explain()


CASES = [
    pytest.param(lambda: propose(pay(PAYEE)), Action.ALLOW, None, id="sol-to-allowlisted"),
    pytest.param(lambda: propose(pay(STRANGER)), Action.FLAG, "tx.sol.unknown_recipient",
                 id="sol-to-stranger"),
    pytest.param(lambda: propose(pay_usdc(PAYEE)), Action.ALLOW, None, id="usdc-to-allowlisted"),
    pytest.param(lambda: propose(pay_usdc(STRANGER)), Action.FLAG, "tx.sol.unknown_recipient",
                 id="usdc-to-stranger"),
    # an ownership handover to a party allowlisted in any role passes, on Solana as on EVM
    # (judge_grants: the account's balance goes with it, as a transfer there would)
    pytest.param(lambda: propose(hand_over(PAYEE)), Action.ALLOW, None,
                 id="token-account-owner-to-allowlisted-payee"),
    pytest.param(lambda: propose(hand_over(MEMBER)), Action.ALLOW, None,
                 id="token-account-owner-to-allowlisted-member"),
    pytest.param(lambda: propose(hand_over(STRANGER)), Action.BLOCK, "tx.sol.set_authority",
                 id="token-account-owner-to-stranger"),
    pytest.param(lambda: propose(pay(PAYEE), pay(STRANGER, 1)), Action.FLAG,
                 "tx.sol.unknown_recipient", id="second-instruction-pays-stranger"),
    pytest.param(propose, Action.ALLOW, None, id="empty-message"),
    pytest.param(lambda: propose(Instruction(OPAQUE, b"\x01", [AccountMeta(VAULT, True, True)])),
                 Action.FLAG, "tx.sol.unknown_program", id="unknown-program-with-the-vault"),
    pytest.param(lambda: propose(pay(PAYEE), extra=(execute(INDEX, VAULT, PAYEE),)),
                 Action.ALLOW, None, id="created-then-executed"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "action", "rule"), CASES)
def test_vault_transaction(make: object, action: Action, rule: str | None) -> None:
    """The proposal is judged by what the vault's message does."""
    got, rules, why = _judge(make(), policy(PAYEE))  # type: ignore[operator]
    assert got is action, why
    assert UNSEEN not in rules, why
    if rule:
        assert rule in rules, why


def test_inner_operations_read_as_the_vault_acting() -> None:
    """The vault's transfer and authority change are operations of the request."""
    ops = decode_solana(propose(pay(STRANGER, 5), hand_over(STRANGER))).operations
    (give,) = [op for op in ops if isinstance(op, Transfer)]
    assert (give.sender, give.recipient, give.amount) == (str(VAULT), str(STRANGER), 5)
    assert give.carrier == "vault_transaction_create"
    (change,) = [op for op in ops if isinstance(op, AuthorityChange)]
    assert (change.current_authority, change.new_authority) == (str(VAULT), str(STRANGER))


UNSEEN_CASES = [
    pytest.param(lambda: [approve()], id="approve-alone"),
    pytest.param(lambda: [execute(INDEX, VAULT, PAYEE)], id="execute-alone"),
    pytest.param(lambda: [create(vault_message([pay(PAYEE)])), open_proposal(INDEX - 3),
                          approve(INDEX - 3)], id="approve-an-older-transaction"),
    pytest.param(lambda: [create(vault_message([pay(PAYEE)])), approve()],
                 id="approve-without-the-proposal-opened"),
    pytest.param(lambda: [create(vault_message([pay(PAYEE)])), execute(INDEX - 1)],
                 id="execute-another-transaction"),
]  # fmt: skip


@pytest.mark.parametrize("make", UNSEEN_CASES)
def test_unseen_transaction_flags(make: object) -> None:
    """Approving or executing what the request does not create: FLAG, whoever is allowlisted."""
    got, rules, why = _judge(sx.message(MEMBER, make()), policy(PAYEE, SQUADS))  # type: ignore[operator]
    assert got is Action.FLAG, why
    assert UNSEEN in rules, why


@pytest.mark.parametrize("name", ["proposal_reject", "proposal_cancel"])
def test_reject_and_cancel_are_known(name: str) -> None:
    """Voting against a proposal, or cancelling an approved one, moves nothing."""
    vote = Instruction(SQUADS, _anchor(name) + b"\x00", approve().accounts)
    got, rules, why = _judge(sx.message(MEMBER, [vote]), policy(PAYEE))
    assert got is Action.ALLOW, why
    assert not rules, why


def _broken(message: bytes) -> Message:
    return sx.message(MEMBER, [create(message), open_proposal(), approve()])


@pytest.mark.slow
def test_every_truncation_of_the_message_flags() -> None:
    """A message cut anywhere does not read: FLAG (malformed), never a crash or an ALLOW."""
    full = vault_message([pay(PAYEE)])
    for end in range(len(full)):
        got, rules, why = _judge(_broken(full[:end]), policy(PAYEE))
        assert got is Action.FLAG, why
        assert "tx.sol.malformed_instruction" in rules, why


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda m: m + b"\x00", id="trailing-byte"),
        pytest.param(lambda m: bytes([m[3] + 1]) * 3 + m[3:], id="header-beyond-keys"),
        pytest.param(lambda m: m[:-16] + b"\x09" + m[-15:], id="account-index-out-of-range"),
        pytest.param(lambda m: m[:3] + b"\xff" + m[4:], id="key-count-too-large"),
    ],
)
def test_bad_messages_flag(mangle: object) -> None:
    """A message the program would reject is not guessed at."""
    message = mangle(vault_message([pay(STRANGER)]))  # type: ignore[operator]
    got, rules, why = _judge(_broken(message), policy(PAYEE))
    assert got is Action.FLAG, why
    assert "tx.sol.malformed_instruction" in rules, why


def test_nested_vault_transaction_is_read() -> None:
    """The vault, a member of another multisig, proposes a vault transaction there: that
    message is read too (its vault paying a stranger flags)."""
    other = Pubkey.new_unique()
    other_vault = _pda(bytes(other), b"vault", b"\x00")
    inner = create(vault_message([pay_from(other_vault, STRANGER)], other_vault), other, VAULT)
    got, rules, why = _judge(propose(inner), policy(PAYEE))
    assert got is Action.FLAG, why
    assert "tx.sol.unknown_recipient" in rules, why
    assert "tx.sol.malformed_instruction" not in rules, why


def pay_from(vault: Pubkey, to: Pubkey) -> Instruction:
    return transfer(TransferParams(from_pubkey=vault, to_pubkey=to, lamports=10**9))


def spend(to: Pubkey, mint: Pubkey | None = None, amount: int = 2 * 10**9) -> Instruction:
    """``spending_limit_use``: an absent optional account is passed as the program id."""
    limit = _pda(bytes(MULTISIG), b"spending_limit", bytes(Pubkey.new_unique()))
    if mint is None:
        tail = (sx.SYSTEM, SQUADS, SQUADS, SQUADS, SQUADS)
    else:
        src, dst = (get_associated_token_address(w, mint) for w in (VAULT, to))
        tail = (SQUADS, mint, src, dst, sx.TOKEN)
    keys = (MULTISIG, MEMBER, limit, VAULT, to, *tail)
    metas = [AccountMeta(k, is_signer=k == MEMBER, is_writable=True) for k in keys]
    data = _anchor("spending_limit_use") + struct.pack("<QB", amount, 9 if mint is None else 6)
    return Instruction(SQUADS, data + b"\x00", metas)


@pytest.mark.parametrize(
    ("make", "action"),
    [
        pytest.param(lambda: spend(PAYEE), Action.ALLOW, id="sol-to-allowlisted"),
        pytest.param(lambda: spend(STRANGER), Action.FLAG, id="sol-to-stranger"),
        pytest.param(lambda: spend(PAYEE, USDC), Action.ALLOW, id="usdc-to-allowlisted"),
        pytest.param(lambda: spend(STRANGER, USDC), Action.FLAG, id="usdc-to-stranger"),
    ],
)
def test_spending_limit_use_pays_the_destination(make: object, action: Action) -> None:
    """A spending limit moves the vault's funds without a vote: a give to the destination."""
    ix = make()  # type: ignore[operator]
    got, rules, why = _judge(sx.message(MEMBER, [ix]), policy(PAYEE))
    assert got is action, why
    assert (action is Action.ALLOW) is ("tx.sol.unknown_recipient" not in rules), why
    (give,) = [op for op in decode_solana(sx.message(MEMBER, [ix])).operations]
    assert isinstance(give, Transfer)
    assert (give.sender, give.recipient) == (str(VAULT), str(ix.accounts[4].pubkey))


@pytest.mark.parametrize("cut", ["data", "accounts"])
def test_spending_limit_use_truncated_flags(cut: str) -> None:
    """Too short to read: FLAG (malformed), never an ALLOW."""
    full = spend(STRANGER, USDC)
    data, metas = (
        (full.data[:12], full.accounts) if cut == "data" else (full.data, full.accounts[:5])
    )
    got, rules, why = _judge(sx.message(MEMBER, [Instruction(SQUADS, data, metas)]), policy(PAYEE))
    assert got is Action.FLAG, why
    assert "tx.sol.malformed_instruction" in rules, why


PROGRAMS = [sx.SYSTEM, sx.TOKEN, SQUADS, Pubkey.new_unique()]


@st.composite
def loose_messages(draw: st.DrawFn) -> bytes:
    """Vault messages with a plausible shape and arbitrary counts, indexes and data."""
    keys = [VAULT, STRANGER, *PROGRAMS]
    out = bytes([draw(st.integers(0, 3)), draw(st.integers(0, 3)), draw(st.integers(0, 7))])
    out += bytes([len(keys)]) + b"".join(map(bytes, keys))
    n = draw(st.integers(0, 3))
    out += bytes([n])
    for _ in range(n):
        accounts = draw(st.lists(st.integers(0, 9), max_size=6))
        data = draw(st.sampled_from([b"", b"\x02\x00\x00\x00", b"\x0c", b"\x06\x02\x01"]))
        data += draw(st.binary(max_size=40))
        out += bytes([draw(st.integers(0, 7)), len(accounts), *accounts])
        out += struct.pack("<H", len(data)) + data
    return out + draw(st.sampled_from([b"\x00", b"\x01", b""]))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=200), loose_messages()))
def test_any_vault_message_is_judged_never_crashes(message: bytes) -> None:
    """Whatever the proposed message: no crashed stage; one that does not read FLAGs."""
    verdict = Guard(policy(PAYEE), classifier=False).check_transaction(_broken(message))
    assert "guard.stage_error" not in verdict.rule_ids, verdict.explain()
    if isinstance(read_vault_message(message), str):
        assert verdict.action is Action.FLAG, verdict.explain()
        assert "tx.sol.malformed_instruction" in verdict.rule_ids, verdict.explain()
