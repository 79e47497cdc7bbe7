"""Solana decoding: payload forms, every decoded instruction, lookup tables, bad input.

Transactions are built with solders from keys generated per run (never funded); SPL
instructions from the programs' documented layouts (``examples/spl.py``).
"""

from __future__ import annotations

import base64
import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import base58
import pytest
import solders.system_program as sp
import spl as sx
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message, MessageV0, to_bytes_versioned
from solders.pubkey import Pubkey
from solders.token.associated import get_associated_token_address
from solders.transaction import Transaction, VersionedTransaction

from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.decode import decode_offchain_message, decode_solana
from aiegis_guard.chains.transaction import (
    Approval,
    AssetKind,
    AuthorityChange,
    Call,
    CloseAccount,
    Creation,
    DecodedTransaction,
    Memo,
    PayloadKind,
    Transfer,
)
from aiegis_guard.errors import DecodeError, SolanaDecodeError

PAYER, ALICE, BOB, MINT, NONCE, PROG = (Keypair() for _ in range(6))
P, A, B, M, N, X = (k.pubkey() for k in (PAYER, ALICE, BOB, MINT, NONCE, PROG))
ATA_P = get_associated_token_address(P, M)
ATA_B = get_associated_token_address(B, M)


def _transfer_tx() -> Transaction:
    ix = sp.transfer({"from_pubkey": P, "to_pubkey": B, "lamports": 1234})
    return sx.legacy_tx(PAYER, [ix])


def _v0_transfer() -> VersionedTransaction:
    ix = sp.transfer({"from_pubkey": P, "to_pubkey": B, "lamports": 1234})
    return sx.v0_tx(PAYER, [ix])


def _summary(op: Any) -> tuple[Any, ...]:
    """A compact, comparable view of one operation."""
    if isinstance(op, Transfer):
        return ("transfer", op.via, op.sender, op.recipient, op.amount, op.asset.address)
    if isinstance(op, Approval):
        return ("approval", op.via, op.owner, op.spender, op.amount, op.unlimited)
    if isinstance(op, AuthorityChange):
        return ("authority", op.via, op.account, op.new_authority, op.authority_type)
    if isinstance(op, CloseAccount):
        return ("close", op.via, op.account, op.destination)
    if isinstance(op, Creation):
        return ("create", op.via, op.account, op.owner, op.value, op.code_size)
    if isinstance(op, Memo):
        return ("memo", op.text)
    assert isinstance(op, Call)
    return ("call", op.target, op.name, op.known)


# --- payload forms ----------------------------------------------------------------------------

PAYLOADS: list[Any] = [
    pytest.param(lambda: base64.b64encode(bytes(_transfer_tx())).decode(), True, id="base64-tx"),
    pytest.param(lambda: base64.b64encode(bytes(_v0_transfer())).decode(), True, id="base64-v0"),
    pytest.param(lambda: base58.b58encode(bytes(_transfer_tx())).decode(), True, id="base58-tx"),
    pytest.param(lambda: bytes(_transfer_tx()).hex(), True, id="hex-tx"),
    pytest.param(lambda: bytes(_transfer_tx()), True, id="bytes-tx"),
    pytest.param(
        lambda: "  " + base64.b64encode(bytes(_transfer_tx().message)).decode() + "\n",
        False,
        id="base64-bare-message-with-whitespace",
    ),
    pytest.param(_transfer_tx, True, id="solders-Transaction"),
    pytest.param(_v0_transfer, True, id="solders-VersionedTransaction"),
    pytest.param(lambda: _transfer_tx().message, False, id="solders-Message"),
    pytest.param(lambda: _v0_transfer().message, False, id="solders-MessageV0"),
    pytest.param(
        lambda: Transaction.new_unsigned(_transfer_tx().message), False, id="unsigned-Transaction"
    ),
    pytest.param(
        lambda: {"transaction": base64.b64encode(bytes(_transfer_tx())).decode()},
        True,
        id="mapping-transaction",
    ),
    pytest.param(
        lambda: {"transaction": [base64.b64encode(bytes(_v0_transfer())).decode(), "base64"]},
        True,
        id="mapping-rpc-encoded-pair",
    ),
    pytest.param(lambda: to_bytes_versioned(_v0_transfer().message), False, id="v0-message-bytes"),
]


@pytest.mark.parametrize(("make", "signed"), PAYLOADS)
def test_payload_forms_decode_to_the_same_transfer(make: Callable[[], Any], signed: bool) -> None:
    """Every accepted payload form yields the one SOL transfer it carries."""
    decoded = decode_solana(make())
    assert decoded.signed is signed
    assert decoded.sender == str(P)
    assert decoded.signers == (str(P),)
    assert [_summary(op) for op in decoded.operations] == [
        ("transfer", "system.transfer", str(P), str(B), 1234, None)
    ]
    assert decoded.value == 1234
    assert decoded.tx_type in ("solana-legacy", "solana-v0")


# --- one instruction at a time ----------------------------------------------------------------

_SEED_ADDR = Pubkey.create_with_seed(P, "vault", X)

INSTRUCTIONS: list[Any] = [
    pytest.param(
        lambda: sp.transfer_with_seed(
            {
                "from_pubkey": _SEED_ADDR,
                "from_base": P,
                "from_seed": "vault",
                "from_owner": X,
                "to_pubkey": B,
                "lamports": 9,
            }
        ),
        ("transfer", "system.transfer_with_seed", str(P), str(B), 9, None),
        id="system-transfer-with-seed",
    ),
    pytest.param(
        lambda: sp.create_account(
            {"from_pubkey": P, "to_pubkey": A, "lamports": 5, "space": 82, "owner": sx.TOKEN}
        ),
        ("create", "system.create_account", str(A), str(sx.TOKEN), 5, 82),
        id="system-create-account",
    ),
    pytest.param(
        lambda: sp.create_account_with_seed(
            {
                "from_pubkey": P,
                "to_pubkey": _SEED_ADDR,
                "base": P,
                "seed": "vault",
                "lamports": 7,
                "space": 0,
                "owner": X,
            }
        ),
        ("create", "system.create_account_with_seed", str(_SEED_ADDR), str(X), 7, 0),
        id="system-create-account-with-seed",
    ),
    pytest.param(
        lambda: sp.assign({"pubkey": P, "owner": X}),
        ("authority", "system.assign", str(P), str(X), "owner"),
        id="system-assign",
    ),
    pytest.param(
        lambda: sp.assign_with_seed(
            {"address": _SEED_ADDR, "base": P, "seed": "vault", "owner": X}
        ),
        ("authority", "system.assign_with_seed", str(_SEED_ADDR), str(X), "owner"),
        id="system-assign-with-seed",
    ),
    pytest.param(
        lambda: sp.authorize_nonce_account(
            {"nonce_pubkey": N, "authorized_pubkey": P, "new_authority": B}
        ),
        ("authority", "system.authorize_nonce", str(N), str(B), "nonce_authority"),
        id="system-authorize-nonce",
    ),
    pytest.param(
        lambda: sp.withdraw_nonce_account(
            {"nonce_pubkey": N, "authorized_pubkey": P, "to_pubkey": B, "lamports": 11}
        ),
        ("transfer", "system.withdraw_nonce", str(P), str(B), 11, None),
        id="system-withdraw-nonce",
    ),
    pytest.param(
        lambda: sp.allocate({"pubkey": P, "space": 10}),
        ("call", str(progs.SYSTEM_PROGRAM), "Allocate", True),
        id="system-allocate",
    ),
    pytest.param(
        lambda: sp.initialize_nonce_account({"nonce_pubkey": N, "authority": P}),
        ("authority", "system.authorize_nonce", str(N), str(P), "nonce_authority"),
        id="system-initialize-nonce",
    ),
    pytest.param(
        lambda: sx.transfer(ATA_P, ATA_B, P, 50),
        ("transfer", "spl.transfer", str(P), str(ATA_B), 50, None),
        id="spl-transfer-unchecked-mint-unknown",
    ),
    pytest.param(
        lambda: sx.transfer_checked(ATA_P, M, ATA_B, P, 50, 6),
        ("transfer", "spl.transfer_checked", str(P), str(ATA_B), 50, str(M)),
        id="spl-transfer-checked",
    ),
    pytest.param(
        lambda: sx.transfer_checked(ATA_P, M, ATA_B, P, 50, 6, program=sx.TOKEN_2022),
        ("transfer", "spl.transfer_checked", str(P), str(ATA_B), 50, str(M)),
        id="token2022-transfer-checked",
    ),
    pytest.param(
        lambda: sx.raw(
            sx.TOKEN_2022,
            bytes([26, 1]) + (70).to_bytes(8, "little") + b"\x06" + (2).to_bytes(8, "little"),
            AccountMeta(ATA_P, False, True),
            AccountMeta(M, False, False),
            AccountMeta(ATA_B, False, True),
            AccountMeta(P, True, False),
        ),
        ("transfer", "spl.transfer_checked_with_fee", str(P), str(ATA_B), 70, str(M)),
        id="token2022-transfer-checked-with-fee",
    ),
    pytest.param(
        lambda: sx.approve(ATA_P, B, P, sx.U64_MAX),
        ("approval", "spl.approve", str(P), str(B), sx.U64_MAX, True),
        id="spl-approve-unlimited",
    ),
    pytest.param(
        lambda: sx.approve_checked(ATA_P, M, B, P, 10, 6),
        ("approval", "spl.approve_checked", str(P), str(B), 10, False),
        id="spl-approve-checked-bounded",
    ),
    pytest.param(
        lambda: sx.revoke(ATA_P, P),
        ("call", progs.TOKEN_PROGRAM, "Revoke", True),
        id="spl-revoke",
    ),
    pytest.param(
        lambda: sx.set_authority(ATA_P, P, 2, B),
        ("authority", "spl.set_authority", str(ATA_P), str(B), "account_owner"),
        id="spl-set-authority-account-owner",
    ),
    pytest.param(
        lambda: sx.set_authority(ATA_P, P, 3, B),
        ("authority", "spl.set_authority", str(ATA_P), str(B), "close_account"),
        id="spl-set-authority-close",
    ),
    pytest.param(
        lambda: sx.set_authority(M, P, 0, None),
        ("authority", "spl.set_authority", str(M), None, "mint_tokens"),
        id="spl-set-authority-mint-removed",
    ),
    pytest.param(
        lambda: sx.set_authority(M, P, 1, B),
        ("authority", "spl.set_authority", str(M), str(B), "freeze_account"),
        id="spl-set-authority-freeze",
    ),
    pytest.param(
        lambda: sx.set_authority(M, P, 8, B, program=sx.TOKEN_2022),
        ("authority", "spl.set_authority", str(M), str(B), "permanent_delegate"),
        id="token2022-set-authority-permanent-delegate",
    ),
    pytest.param(
        lambda: sx.close_account(ATA_P, B, P),
        ("close", "spl.close_account", str(ATA_P), str(B)),
        id="spl-close-account",
    ),
    pytest.param(
        lambda: sx.burn(ATA_P, M, P, 3),
        ("call", progs.TOKEN_PROGRAM, "Burn", True),
        id="spl-burn",
    ),
    pytest.param(
        lambda: sx.mint_to(M, ATA_P, P, 3),
        ("call", progs.TOKEN_PROGRAM, "MintTo", True),
        id="spl-mint-to",
    ),
    pytest.param(
        lambda: sx.initialize_mint2(M, 6, P),
        ("call", progs.TOKEN_PROGRAM, "InitializeMint2", True),
        id="spl-initialize-mint2",
    ),
    pytest.param(
        lambda: sx.create_ata(P, B, M),
        ("call", progs.ATA_PROGRAM, "CreateIdempotent", True),
        id="ata-create-idempotent",
    ),
    pytest.param(
        lambda: sx.create_ata(P, B, M, idempotent=False),
        ("call", progs.ATA_PROGRAM, "Create", True),
        id="ata-create",
    ),
    pytest.param(
        lambda: sx.compute_unit_price(5),
        ("call", progs.COMPUTE_BUDGET_PROGRAM, "SetComputeUnitPrice", True),
        id="compute-unit-price",
    ),
    pytest.param(
        lambda: sx.memo("thanks for lunch", P),
        ("memo", "thanks for lunch"),
        id="memo-v2",
    ),
    pytest.param(
        lambda: sx.memo("v1 memo", P, program=sx.MEMO_V1),
        ("memo", "v1 memo"),
        id="memo-v1",
    ),
    pytest.param(
        lambda: sp.create_lookup_table(
            {"authority_address": P, "payer_address": P, "recent_slot": 9}
        )[0],
        ("call", progs.LOOKUP_TABLE_PROGRAM, "CreateLookupTable", True),
        id="alt-create",
    ),
    pytest.param(
        lambda: sp.extend_lookup_table(
            {
                "lookup_table_address": N,
                "authority_address": P,
                "payer_address": P,
                "new_addresses": [B],
            }
        ),
        ("call", progs.LOOKUP_TABLE_PROGRAM, "ExtendLookupTable", True),
        id="alt-extend",
    ),
    pytest.param(
        lambda: sp.close_lookup_table(
            {"lookup_table_address": N, "authority_address": P, "recipient_address": B}
        ),
        ("close", "alt.close_lookup_table", str(N), str(B)),
        id="alt-close",
    ),
    pytest.param(
        lambda: sx.raw(sx.TOKEN_2022, bytes([27, 0]), AccountMeta(M, False, True)),
        ("call", progs.TOKEN_2022_PROGRAM, None, False),
        id="token2022-extension-is-unknown",
    ),
    pytest.param(
        lambda: sx.raw(sx.TOKEN_2022, bytes([36, 0]) + bytes(32), AccountMeta(M, False, True)),
        ("call", progs.TOKEN_2022_PROGRAM, "InitializeTransferHook", False),
        id="token2022-transfer-hook-init-truncated-is-malformed",
    ),
    pytest.param(
        lambda: sx.raw(
            sx.TOKEN_2022, bytes([36, 0]) + bytes(32) + bytes(B), AccountMeta(M, False, True)
        ),
        ("authority", "spl.set_authority", str(M), str(B), "transfer_hook_program_id"),
        id="token2022-transfer-hook-init",
    ),
    pytest.param(
        lambda: sx.raw(sx.TOKEN_2022, bytes([36, 1]) + bytes(B), sx._w(M), sx._s(P)),
        ("authority", "spl.set_authority", str(M), str(B), "transfer_hook_program_id"),
        id="token2022-transfer-hook-update",
    ),
    pytest.param(
        lambda: sx.raw(sx.TOKEN_2022, bytes([35]) + bytes(B), AccountMeta(M, False, True)),
        ("authority", "spl.set_authority", str(M), str(B), "permanent_delegate"),
        id="token2022-permanent-delegate",
    ),
    pytest.param(
        lambda: sx.raw(sx.TOKEN, bytes([35]) + bytes(B), AccountMeta(M, False, True)),
        ("call", progs.TOKEN_PROGRAM, None, False),
        id="permanent-delegate-is-not-legacy-token",
    ),
    pytest.param(
        lambda: sx.raw(sx.TOKEN_2022, bytes([38]), sx._w(M), sx._w(B), sx._s(P)),
        ("transfer", "spl.withdraw_excess_lamports", str(P), str(B), None, None),
        id="token2022-withdraw-excess-lamports",
    ),
    pytest.param(
        lambda: sx.raw(X, b"\xde\xad", AccountMeta(ATA_P, False, True)),
        ("call", str(X), None, False),
        id="unknown-program",
    ),
]


@pytest.mark.parametrize(("make_ix", "expected"), INSTRUCTIONS)
def test_instruction_decodes_to_operation(
    make_ix: Callable[[], Instruction], expected: tuple[Any, ...]
) -> None:
    """Each known instruction becomes the operation its layout says."""
    decoded = decode_solana(sx.message(P, [make_ix()]))
    assert [_summary(op) for op in decoded.operations] == [expected]
    assert decoded.durable_nonce is False


def test_unknown_program_call_keeps_accounts_and_selector() -> None:
    """An unknown program's call carries its accounts and a data prefix as selector."""
    ix = sx.raw(X, bytes(range(12)), AccountMeta(ATA_P, False, True), AccountMeta(P, True, True))
    (op,) = decode_solana(sx.legacy_tx(PAYER, [ix])).operations
    assert isinstance(op, Call)
    assert op.accounts == (str(ATA_P), str(P))
    assert op.selector == bytes(range(8)).hex()
    assert op.via == "solana.instruction"


def test_unchecked_transfer_takes_mint_from_ata_creation_in_same_tx() -> None:
    """The mint of an SPL Transfer is filled in from an ATA creation naming the account."""
    tx = sx.legacy_tx(PAYER, [sx.create_ata(P, B, M), sx.transfer(ATA_P, ATA_B, P, 5)])
    decoded = decode_solana(tx)
    transfer = decoded.operations[1]
    assert isinstance(transfer, Transfer)
    assert transfer.asset.address == str(M)
    assert transfer.source == str(ATA_P)
    refs = {r.account: r for r in decoded.token_accounts}
    assert refs[str(ATA_B)].owner == str(B)
    assert refs[str(ATA_B)].mint == str(M)
    assert refs[str(ATA_P)].owner is None  # a transfer authority may be a mere delegate


def test_unchecked_transfer_without_mint_is_unknown_fungible() -> None:
    """Without a mint anywhere in the tx, the asset is fungible with an 'unknown' ledger key."""
    (op,) = decode_solana(sx.legacy_tx(PAYER, [sx.transfer(ATA_P, ATA_B, P, 5)])).operations
    assert isinstance(op, Transfer)
    assert op.asset.kind is AssetKind.FUNGIBLE
    assert op.asset.key == "solana:unknown"


# --- durable nonce, compute budget, malformed -------------------------------------------------


def _advance() -> Instruction:
    return sp.advance_nonce_account({"nonce_pubkey": N, "authorized_pubkey": P})


def _send() -> Instruction:
    return sp.transfer({"from_pubkey": P, "to_pubkey": B, "lamports": 1})


@pytest.mark.parametrize(
    ("ixs", "durable"),
    [
        pytest.param(lambda: [_advance(), _send()], True, id="advance-nonce-first"),
        pytest.param(lambda: [_send(), _advance()], False, id="advance-nonce-not-first"),
        pytest.param(lambda: [_send()], False, id="no-nonce"),
    ],
)
def test_durable_nonce_only_when_first_instruction(
    ixs: Callable[[], list[Instruction]], durable: bool
) -> None:
    """A transaction is durable-nonce when its first instruction is AdvanceNonceAccount."""
    decoded = decode_solana(sx.legacy_tx(PAYER, ixs()))
    assert decoded.durable_nonce is durable
    assert decoded.durable_nonce is (sx.legacy_tx(PAYER, ixs()).uses_durable_nonce() is not None)


@pytest.mark.parametrize(
    ("ixs", "fee"),
    [
        pytest.param(
            lambda: [sx.compute_unit_limit(300_000), sx.compute_unit_price(1_000_000), _send()],
            300_000,
            id="price-times-limit",
        ),
        pytest.param(
            lambda: [sx.compute_unit_price(10), _send(), _send()],
            4,  # ceil(10 * 400_000 / 1e6)
            id="default-limit-per-instruction",
        ),
        pytest.param(lambda: [sx.compute_unit_limit(5), _send()], None, id="no-price"),
    ],
)
def test_priority_fee(ixs: Callable[[], list[Instruction]], fee: int | None) -> None:
    """Priority fee = ceil(micro-lamports per CU x CU limit / 1e6) lamports."""
    assert decode_solana(sx.legacy_tx(PAYER, ixs()).message).priority_fee == fee


@pytest.mark.parametrize(
    "ix",
    [
        pytest.param(
            sx.raw(sx.TOKEN, b"\x03\x01", AccountMeta(ATA_P, False, True)), id="short-data"
        ),
        pytest.param(
            sx.raw(sx.TOKEN, b"\x03" + bytes(8), AccountMeta(ATA_P, False, True)),
            id="too-few-accounts",
        ),
        pytest.param(
            sx.raw(sx.TOKEN, b"\x06\x02\x07", AccountMeta(ATA_P, False, True)), id="bad-option-tag"
        ),
        pytest.param(
            sx.raw(
                sx.SYSTEM, (11).to_bytes(4, "little") + bytes(8) + (2**63).to_bytes(8, "little")
            ),
            id="absurd-seed-length",
        ),
    ],
)
def test_malformed_known_instruction_is_not_guessed(ix: Instruction) -> None:
    """A known instruction too short for its layout becomes a malformed call and a note."""
    decoded = decode_solana(sx.message(P, [ix]))
    (op,) = decoded.operations
    assert isinstance(op, Call)
    assert op.via == "solana.malformed"
    assert op.known is False
    assert any("malformed" in note for note in decoded.notes)


# --- address lookup tables --------------------------------------------------------------------

TABLE_KEY = Keypair().pubkey()
TABLE = AddressLookupTableAccount(TABLE_KEY, [A, B, ATA_B])


def _v0_with_lookups() -> VersionedTransaction:
    ixs = [sx.transfer_checked(ATA_P, M, ATA_B, P, 5, 6), _send()]
    return sx.v0_tx(PAYER, ixs, tables=[TABLE])


@pytest.mark.parametrize(
    ("tables", "unresolved"),
    [
        pytest.param(None, 2, id="not-supplied"),
        pytest.param([TABLE], 0, id="solders-table-accounts"),
        pytest.param({str(TABLE_KEY): [str(A), str(B), str(ATA_B)]}, 0, id="mapping-of-str"),
        pytest.param({TABLE_KEY: [A, B, ATA_B]}, 0, id="mapping-of-pubkeys"),
        pytest.param({str(TABLE_KEY): [str(A)]}, 2, id="table-too-short"),
        pytest.param({str(Keypair().pubkey()): [str(A)]}, 2, id="other-table"),
    ],
)
def test_lookup_tables_resolve_accounts(tables: Any, unresolved: int) -> None:
    """Lookup-table accounts resolve when supplied; otherwise they are counted and noted."""
    decoded = decode_solana(_v0_with_lookups(), lookup_tables=tables)
    assert decoded.unresolved_accounts == unresolved
    recipients = {op.recipient for op in decoded.operations if isinstance(op, Transfer)}
    if unresolved:
        assert recipients == {f"alt:{TABLE_KEY}#1", f"alt:{TABLE_KEY}#2"}
        assert any("lookup tables" in note for note in decoded.notes)
    else:
        assert recipients == {str(B), str(ATA_B)}
        assert decoded.notes == ()


def test_lookup_tables_inside_mapping_payload() -> None:
    """A mapping payload may carry its lookup tables."""
    payload = {
        "transaction": base64.b64encode(bytes(_v0_with_lookups())).decode(),
        "lookup_tables": {str(TABLE_KEY): [str(A), str(B), str(ATA_B)]},
    }
    assert decode_solana(payload).unresolved_accounts == 0


# --- off-chain messages -----------------------------------------------------------------------


def _envelope(body: bytes) -> bytes:
    header = b"\xffsolana offchain" + b"\x00" + bytes(32) + b"\x00" + b"\x01" + bytes(P)
    return header + len(body).to_bytes(2, "little") + body


@pytest.mark.parametrize(
    ("message", "text", "kind", "blind"),
    [
        pytest.param(
            "Sign in to example.org", "Sign in to example.org", "message", False, id="text"
        ),
        pytest.param(b"hello", "hello", "message", False, id="utf8-bytes"),
        pytest.param(
            _envelope(b"login nonce 42"), "login nonce 42", "message", False, id="envelope"
        ),
        pytest.param(bytes(range(200, 232)), None, "message", True, id="32-byte-blob-is-blind"),
        pytest.param(b"\xff\xfe\x00\x01" * 10, None, "message", False, id="binary"),
        pytest.param(
            bytes(_transfer_tx().message), None, "transaction", False, id="tx-in-disguise"
        ),
    ],
)
def test_offchain_message(message: Any, text: str | None, kind: str, blind: bool) -> None:
    """signMessage payloads: text is shown, blobs are blind, serialized txs are txs."""
    decoded = decode_offchain_message(message)
    assert decoded.kind is PayloadKind(kind)
    assert decoded.message_text == text
    assert decoded.blind_hash is blind


# --- bad input --------------------------------------------------------------------------------


def _cu16(n: int) -> bytes:
    out = bytearray()
    while True:
        byte = n & 0x7F
        n >>= 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _message(
    header: bytes = b"\x01\x00\x01",
    keys: int = 3,
    ixs: bytes | None = None,
    n_ix: int = 1,
    prefix: bytes = b"",
) -> bytes:
    body = [Keypair().pubkey() for _ in range(keys)]
    raw_keys = b"".join(bytes(k) for k in body)
    ix = ixs if ixs is not None else b"\x02" + _cu16(2) + b"\x00\x01" + _cu16(0)
    return prefix + header + _cu16(keys) + raw_keys + bytes(32) + _cu16(n_ix) + ix


def test_hand_built_message_decodes() -> None:
    """The test encoder agrees with the decoder (so the bad-input cases are near misses)."""
    (op,) = decode_solana(_message()).operations
    assert isinstance(op, Call)
    assert op.known is False


BAD: list[Any] = [
    pytest.param(b"", id="empty"),
    pytest.param("", id="empty-str"),
    pytest.param("not a transaction!", id="prose"),
    pytest.param(base64.b64encode(bytes(_transfer_tx()))[:-12].decode(), id="truncated-base64"),
    pytest.param(bytes(_transfer_tx())[:-1], id="truncated-bytes"),
    pytest.param(_message(ixs=b"\x09" + _cu16(0) + _cu16(0)), id="program-index-out-of-range"),
    pytest.param(_message(ixs=b"\x00" + _cu16(0) + _cu16(0)), id="fee-payer-as-program"),
    pytest.param(_message(ixs=b"\x02" + _cu16(1) + b"\x07" + _cu16(0)), id="account-index-oob"),
    pytest.param(_message(header=b"\x00\x00\x01"), id="no-signer"),
    pytest.param(_message(header=b"\x01\x01\x01"), id="readonly-fee-payer"),
    pytest.param(_message(header=b"\x02\x00\x02"), id="header-exceeds-keys"),
    pytest.param(_message(prefix=b"\x81"), id="message-version-1"),
    pytest.param(_message(n_ix=5), id="instruction-count-lies"),
    pytest.param(_message(ixs=b"\x02\x80\x00" + _cu16(0)), id="non-canonical-compact-u16"),
    pytest.param(_message(ixs=b"\x02\xff\xff\xff" + _cu16(0)), id="compact-u16-too-long"),
    pytest.param(_message(ixs=b"\x02\xff\xff\x07"), id="compact-u16-overflow"),
    pytest.param(
        b"\x01\x00\x01" + _cu16(2) + bytes(P) * 2 + bytes(32) + _cu16(0), id="duplicate-keys"
    ),
    pytest.param(b"\x00" * 70_000, id="too-long"),
    pytest.param(12345, id="an-int"),
    pytest.param({"foo": "bar"}, id="mapping-without-payload"),
    pytest.param({"transaction": ["AAAA", "base64+zstd"]}, id="zstd-encoding"),
    pytest.param(
        {"transaction": bytes(_transfer_tx()), "lookup_tables": {"nope": []}}, id="bad-table-key"
    ),
]


@pytest.mark.parametrize("payload", BAD)
def test_bad_input_raises_solana_decode_error(payload: Any) -> None:
    """Malformed payloads raise SolanaDecodeError (a DecodeError), nothing else."""
    with pytest.raises(SolanaDecodeError) as info:
        decode_solana(payload)
    assert isinstance(info.value, DecodeError)


def test_message_bytes_are_not_mistaken_for_a_transaction() -> None:
    """A bare message whose first byte looks like a signature count still decodes as a message."""
    msg = Message.new_with_blockhash([_send()], P, Hash.new_unique())
    decoded = decode_solana(bytes(msg))
    assert decoded.signed is False
    assert len(decoded.operations) == 1


def test_v0_round_trip_through_solders() -> None:
    """A v0 message decoded here names the same keys solders compiled."""
    msg = MessageV0.try_compile(P, [_send()], [], Hash.default())
    decoded: DecodedTransaction = decode_solana(msg)
    assert decoded.tx_type == "solana-v0"
    assert decoded.signers == tuple(str(k) for k in msg.account_keys[:1])


# --- cross-check against the public signature tables ------------------------------------------


def _rows(data_dir: Path, name: str) -> list[dict[str, str]]:
    with (data_dir / "crypto" / "signatures" / name).open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_discriminators_match_signature_table(data_dir: Path) -> None:
    """Every Solana discriminator in the shared table maps to the same instruction name here."""
    rows = _rows(data_dir, "solana_instruction_discriminators.csv")
    assert len(rows) >= 50
    for row in rows:
        data = bytes.fromhex(row["discriminator"]) + bytes(64)
        layout, _ = progs.layout_for(row["program_id"], data)
        assert layout is not None, row
        assert layout.name == row["instruction"], row


def test_program_ids_match_well_known_addresses(data_dir: Path) -> None:
    """Built-in program ids agree with the shared well-known address table."""
    named = {r["address"]: r["name"] for r in _rows(data_dir, "well_known_addresses.csv")}
    for program, name in progs.BUILTIN_PROGRAMS.items():
        if program in (progs.MEMO_V1_PROGRAM, progs.VOTE_PROGRAM):
            continue  # Memo v1 and the Vote program are not in the table
        assert program in named, name
        assert name.split()[-1].lower() in named[program].lower(), (name, named[program])


@pytest.mark.parametrize("tail", [b"\x00", b"\xff" * 7], ids=["one-byte", "seven-bytes"])
def test_trailing_bytes_after_a_transaction_are_ignored_as_solders_does(tail: bytes) -> None:
    """review18 F10: solders (bincode) and the RPC read a signed transaction and ignore what
    follows it: the guard judges the same transaction (not an undecodable payload)."""
    raw = bytes(_transfer_tx())
    assert decode_solana(raw + tail).operations == decode_solana(raw).operations
