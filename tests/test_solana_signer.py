"""GuardedKeypair: what it signs, what it refuses, how it asks, and what it records."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

import base58
import pytest
import solders.system_program as sp
from solders.hash import Hash
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0, to_bytes_versioned
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import Transaction, VersionedTransaction

from aiegis_guard.errors import GuardBlocked, InputError, SolanaDecodeError
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.guard import Guard
from aiegis_guard.normalize import Layer
from aiegis_guard.policy import Policy
from aiegis_guard.scanners import ScanContext, Stage
from aiegis_guard.signers.approval import ApprovalRequest, allow_all
from aiegis_guard.signers.solana_keypair import GuardedKeypair

AGENT = Keypair()
OTHER = Keypair()
ME, FRIEND, STRANGER = AGENT.pubkey(), Keypair().pubkey(), Keypair().pubkey()
SOL = 10**9


def _policy() -> Policy:
    return Policy.model_validate(
        {
            "allowlist": {"solana": [str(FRIEND)]},
            "limits": [
                {"chain": "solana", "asset": "native", "decimals": 9, "per_period": "1"},
            ],
        }
    )


def _signer(approver: Any = None, stages: Any = None) -> GuardedKeypair:
    guard = Guard(_policy(), classifier=False, stages=stages)
    return GuardedKeypair(AGENT, guard, approver=approver)


def _pay(to: Pubkey, lamports: int = 1000) -> Instruction:
    return sp.transfer({"from_pubkey": ME, "to_pubkey": to, "lamports": lamports})


def _msg(*ixs: Instruction) -> Message:
    return Message.new_with_blockhash(list(ixs), ME, Hash.new_unique())


def _v0(m: Message) -> MessageV0:
    return MessageV0.try_compile(ME, [_pay(FRIEND)], [], m.recent_blockhash)


def _versioned(m: Message) -> VersionedTransaction:
    return VersionedTransaction.populate(m, [Signature.default()])


def _b64(m: Message) -> str:
    return base64.b64encode(bytes(Transaction.new_unsigned(m))).decode()


def _b58(m: Message) -> str:
    return base58.b58encode(bytes(Transaction.new_unsigned(m))).decode()


FORMS: list[Any] = [
    pytest.param(lambda m: m, Transaction, id="Message"),
    pytest.param(Transaction.new_unsigned, Transaction, id="unsigned-Transaction"),
    pytest.param(_versioned, VersionedTransaction, id="VersionedTransaction"),
    pytest.param(_v0, VersionedTransaction, id="MessageV0"),
    pytest.param(_b64, VersionedTransaction, id="base64-str"),
    pytest.param(_b58, VersionedTransaction, id="base58-str"),
    pytest.param(bytes, VersionedTransaction, id="message-bytes"),
]


@pytest.mark.parametrize(("form", "kind"), FORMS)
def test_signs_every_form_with_a_valid_signature(
    form: Callable[[Message], Any], kind: type
) -> None:
    """Allowed transactions come back signed by the agent, verifiably, in the matching type."""
    signed = _signer().sign_transaction(form(_msg(_pay(FRIEND))))
    assert isinstance(signed, kind)
    raw = to_bytes_versioned(signed.message)
    assert signed.signatures[0].verify(ME, raw)


def test_other_signatures_are_kept() -> None:
    """Co-signed transactions keep the other signer's signature in its slot."""
    msg = _msg(
        _pay(FRIEND),
        sp.transfer({"from_pubkey": OTHER.pubkey(), "to_pubkey": FRIEND, "lamports": 1}),
    )
    partial = Transaction.new_unsigned(msg)
    partial.partial_sign([OTHER], msg.recent_blockhash)
    signed = _signer().sign_transaction(partial)
    assert isinstance(signed, Transaction)
    signed.verify()  # raises unless every signature is valid


def test_presigner_is_a_solders_signer() -> None:
    """presigner() yields a solders Presigner that VersionedTransaction accepts."""
    msg = MessageV0.try_compile(ME, [_pay(FRIEND)], [], Hash.new_unique())
    tx = VersionedTransaction(msg, [_signer().presigner(msg)])
    assert tx.verify_with_results() == [True]


def test_not_a_signer_is_a_usage_error() -> None:
    """Asking the agent to sign a tx it is not a signer of raises InputError."""
    msg = Message.new_with_blockhash(
        [sp.transfer({"from_pubkey": OTHER.pubkey(), "to_pubkey": FRIEND, "lamports": 1})],
        OTHER.pubkey(),
        Hash.default(),
    )
    with pytest.raises(InputError):
        _signer().sign_transaction(msg)


def test_garbage_bytes_raise_decode_error() -> None:
    """Bytes that are no transaction raise SolanaDecodeError (nothing signed)."""
    with pytest.raises(SolanaDecodeError):
        _signer().sign_transaction(b"\x01\x02\x03")


def test_block_raises_even_with_an_approver() -> None:
    """BLOCK is final: the approver is never asked."""
    asked: list[ApprovalRequest] = []
    signer = _signer(approver=lambda r: asked.append(r) or True)
    with pytest.raises(GuardBlocked) as info:
        signer.sign_transaction(_msg(sp.assign({"pubkey": ME, "owner": STRANGER})))
    assert info.value.verdict.action is Action.BLOCK
    assert asked == []


@pytest.mark.parametrize(
    ("approver", "signed"),
    [
        pytest.param(None, False, id="no-approver-denies"),
        pytest.param(lambda r: False, False, id="approver-says-no"),
        pytest.param(lambda r: 1 / 0, False, id="crashing-approver-denies"),
        pytest.param(lambda r: "yes", False, id="truthy-non-bool-denies"),
        pytest.param(allow_all, True, id="approver-says-yes"),
    ],
)
def test_flag_asks_the_approver(approver: Any, signed: bool) -> None:
    """A FLAGged transaction is signed only when the approver answers True."""
    signer = _signer(approver=approver)
    msg = _msg(_pay(STRANGER))
    if signed:
        assert signer.sign_transaction(msg).signatures[0].verify(ME, bytes(msg))
    else:
        with pytest.raises(GuardBlocked) as info:
            signer.sign_transaction(msg)
        assert info.value.verdict.action is Action.FLAG


def test_approval_request_describes_the_transaction() -> None:
    """The approver sees the verdict and what is being signed, with no secret in it."""
    seen: list[ApprovalRequest] = []
    signer = _signer(approver=lambda r: seen.append(r) or False)
    with pytest.raises(GuardBlocked):
        signer.sign_transaction(_msg(_pay(STRANGER)))
    (request,) = seen
    assert request.action == "solana.sign_transaction"
    assert request.details["operations"] == "system.transfer"
    assert "tx.sol.unknown_recipient" in request.describe()
    secret = base58.b58encode(bytes(AGENT)).decode()
    assert secret not in request.describe()
    assert secret not in repr(signer)


def test_per_period_limit_is_reserved_on_signing() -> None:
    """Signed spends count: the second 0.6 SOL within the period is refused."""
    signer = _signer()
    signer.sign_transaction(_msg(_pay(FRIEND, 6 * SOL // 10)))
    with pytest.raises(GuardBlocked) as info:
        signer.sign_transaction(_msg(_pay(FRIEND, 6 * SOL // 10)))
    assert any("limit" in f.rule_id for f in info.value.verdict.findings)


def test_send_that_raises_keeps_the_spend() -> None:
    """send_transaction: once signed and handed to ``send``, the spend stays counted even if
    ``send`` raises (solana-py raises after broadcasting when confirmation times out)."""
    signer = _signer()
    broadcast: list[Any] = []

    def times_out(tx: Any) -> None:
        broadcast.append(tx)  # on the network...
        raise TimeoutError("transaction not confirmed in 30 s")  # ...and then the wait fails

    with pytest.raises(TimeoutError):
        signer.send_transaction(_msg(_pay(FRIEND, 6 * SOL // 10)), times_out)
    with pytest.raises(GuardBlocked) as info:
        signer.send_transaction(_msg(_pay(FRIEND, 6 * SOL // 10)), times_out)
    assert len(broadcast) == 1
    assert "tx.sol.over_period_limit" in info.value.verdict.rule_ids


def _probe(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """A text detector that blocks the word DRAIN (a stand-in for any text rule)."""
    at = layer.text.find("DRAIN")
    if at < 0:
        return []
    return [
        Finding(
            rule_id="test.probe",
            category=Category.INJECTION,
            severity=Severity.HIGH,
            action=Action.BLOCK,
            message="probe",
            span=(at, at + 5),
            evidence=("pattern:DRAIN",),
        )
    ]


@pytest.mark.parametrize(
    ("message", "outcome"),
    [
        pytest.param("Sign in to example.org, nonce 7", "signed", id="login-text"),
        pytest.param("please DRAIN the wallet", "block", id="text-rule-blocks"),
        pytest.param(bytes(range(1, 33)), "block", id="32-byte-hash-is-blind"),
        pytest.param(bytes(range(128, 228)), "flag", id="binary-blob-flagged"),
        pytest.param(bytes(_msg(_pay(STRANGER))), "flag", id="tx-bytes-judged-as-tx"),
        pytest.param(
            bytes(_msg(sp.assign({"pubkey": ME, "owner": STRANGER}))),
            "block",
            id="assign-in-disguise",
        ),
    ],
)
def test_sign_message(message: bytes | str, outcome: str) -> None:
    """Off-chain messages: text through the text guard, blobs blind, txs as txs."""
    signer = _signer(stages=[Stage("probe", _probe)])
    raw = message.encode() if isinstance(message, str) else message
    if outcome == "signed":
        assert signer.sign_message(message).verify(ME, raw)
        return
    with pytest.raises(GuardBlocked) as info:
        signer.sign_message(message)
    assert info.value.verdict.action is Action(outcome)


@pytest.mark.parametrize("how", ["sign_transaction", "presigner", "send_transaction"])
def test_sponsored_transaction_spend_is_counted(how: str) -> None:
    """A relayer pays the fee, the agent partially signs: its transfers fill its budget."""
    signer = _signer()

    def sign(lamports: int) -> Any:
        message = Message.new_with_blockhash(
            [_pay(FRIEND, lamports)], OTHER.pubkey(), Hash.new_unique()
        )
        if how == "send_transaction":
            return signer.send_transaction(message, lambda tx: tx)
        return getattr(signer, how)(message)

    sign(6 * SOL // 10)
    with pytest.raises(GuardBlocked) as info:
        sign(6 * SOL // 10 + 1)
    assert "tx.sol.over_period_limit" in info.value.verdict.rule_ids
    assert signer.guard.ledger.spent("solana:native", 86400) == 6 * SOL // 10
