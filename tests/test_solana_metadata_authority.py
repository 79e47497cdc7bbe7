"""Token Metadata ``UpdateMetadataAccountV2``: a new update authority is an authority effect.

Built from metaplex-foundation/mpl-token-metadata ``instruction/metadata.rs``
(``UpdateMetadataAccountArgsV2``, tag 15, accounts ``[metadata (w), update_authority (s)]``) and
``state/data.rs`` (``DataV2``, Borsh). Keys are generated (never funded); the metadata account is
the real PDA ``['metadata', program, mint]``.
"""

from __future__ import annotations

import struct
from typing import Any

import pytest
import spl as sx
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana.decode import decode_solana
from aiegis_guard.chains.transaction import AuthorityChange, Call
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

PROGRAM = Pubkey.from_string("metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s")
ME = Keypair().pubkey()
MINT = Pubkey.new_unique()
METADATA = Pubkey.find_program_address([b"metadata", bytes(PROGRAM), bytes(MINT)], PROGRAM)[0]
STRANGER = Pubkey.new_unique()
COLD = Pubkey.new_unique()  # own's allowlisted delegate (a cold wallet)


def _string(text: str) -> bytes:
    raw = text.encode()
    return struct.pack("<I", len(raw)) + raw


def _data_v2(creators: int = 1) -> bytes:
    """DataV2: name, symbol, uri, royalty bps, creators, collection, uses."""
    out = _string("Vault #1") + _string("VLT") + _string("https://example.org/1.json")
    out += struct.pack("<H", 500)
    out += b"\x01" + struct.pack("<I", creators)
    share = bytes([100 // creators])
    out += b"".join(bytes(Pubkey.new_unique()) + b"\x01" + share for _ in range(creators))
    out += b"\x01" + b"\x01" + bytes(Pubkey.new_unique())  # collection
    out += b"\x01" + b"\x00" + struct.pack("<QQ", 1, 1)  # uses
    return out


def _update(new: Pubkey | None, data: bytes | None = None, mutable: bool | None = None) -> bytes:
    out = b"\x0f" + (b"\x00" if data is None else b"\x01" + data)
    out += b"\x00" if new is None else b"\x01" + bytes(new)
    out += b"\x00"  # primary_sale_happened: unchanged
    out += b"\x00" if mutable is None else b"\x01" + bytes([mutable])
    return out


def _ix(data: bytes) -> Instruction:
    accounts = [AccountMeta(METADATA, False, True), AccountMeta(ME, True, False)]
    return Instruction(PROGRAM, data, accounts)


def _ops(data: bytes) -> list[Any]:
    return list(decode_solana(sx.message(ME, [_ix(data)])).operations)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_update(STRANGER), id="authority-only"),
        pytest.param(_update(STRANGER, _data_v2()), id="with-data"),
        pytest.param(_update(STRANGER, _data_v2(3), mutable=True), id="three-creators"),
    ],
)
def test_new_update_authority_is_read_after_the_data(data: bytes) -> None:
    """The new update authority is found whatever DataV2 precedes it."""
    [op] = _ops(data)
    assert isinstance(op, AuthorityChange)
    assert (op.account, op.new_authority, op.authority_type) == (
        str(METADATA),
        str(STRANGER),
        "update_authority",
    )


@pytest.mark.parametrize(
    ("data", "action"),
    [
        pytest.param(_update(STRANGER), Action.BLOCK, id="stranger-blocks"),
        pytest.param(_update(COLD), Action.ALLOW, id="allowlisted-delegate-allows"),
        pytest.param(_update(ME), Action.ALLOW, id="same-authority-allows"),
        pytest.param(_update(None, mutable=False), Action.ALLOW, id="make-immutable-allows"),
        pytest.param(_update(None, _data_v2()), Action.ALLOW, id="data-only-allows"),
    ],
)
def test_update_authority_verdicts(data: bytes, action: Action) -> None:
    """The metadata handed to a stranger BLOCKs; own / allowlisted / no hand-over ALLOWs."""
    policy = Policy.model_validate({"allowlist": {"solana_delegates": [str(COLD)]}})
    msg = sx.message(ME, [_ix(data)])
    verdict = Guard(policy, classifier=False).check_transaction(msg, chain="solana")
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.sol.authority_change" in verdict.rule_ids


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_update(STRANGER, _data_v2())[:60], id="cut-in-the-data"),
        pytest.param(_update(STRANGER)[:20], id="cut-in-the-authority"),
        pytest.param(b"\x0f\x07", id="bad-option-tag"),
    ],
)
def test_malformed_update_is_never_allowed(data: bytes) -> None:
    """A cut or malformed update is a malformed call, judged opaque: never a silent ALLOW."""
    [op] = _ops(data)
    assert isinstance(op, Call) and op.via == "solana.malformed"
    msg = sx.message(ME, [_ix(data)])
    verdict = Guard(Policy(), classifier=False).check_transaction(msg, chain="solana")
    assert verdict.action is not Action.ALLOW, verdict.explain()


# --- ``Update`` (tag 50, ``UpdateArgs``): the same hand-over through the newer instruction ---

SYSTEM = Pubkey.from_string("11111111111111111111111111111111")
SYSVAR_IX = Pubkey.from_string("Sysvar1nstructions1111111111111111111111111")


def _update_v(variant: int, new: Pubkey | None) -> bytes:
    """``Update``: the ``UpdateArgs`` variant, then (variants 0-2) ``new_update_authority``
    and every later field left unchanged (None / toggle None)."""
    out = b"\x32" + bytes([variant])
    if variant < 3:
        out += b"\x00" if new is None else b"\x01" + bytes(new)
    return out + b"\x00" * 8


def _update_ix(data: bytes, signer: Pubkey = ME) -> Instruction:
    """Accounts per mod.rs ``Update``; absent optional accounts hold the program id."""
    keys = [signer, PROGRAM, PROGRAM, MINT, METADATA, PROGRAM, ME, SYSTEM, SYSVAR_IX]
    keys += [PROGRAM, PROGRAM]
    metas = [AccountMeta(k, k in (signer, ME), k in (METADATA, ME)) for k in keys]
    return Instruction(PROGRAM, data, metas)


@pytest.mark.parametrize(
    ("data", "action"),
    [
        pytest.param(_update_v(0, STRANGER), Action.BLOCK, id="v1-stranger-blocks"),
        pytest.param(_update_v(1, STRANGER), Action.BLOCK, id="as-update-authority-blocks"),
        pytest.param(_update_v(2, STRANGER), Action.BLOCK, id="as-authority-item-blocks"),
        pytest.param(_update_v(0, COLD), Action.ALLOW, id="v1-allowlisted-allows"),
        pytest.param(_update_v(0, ME), Action.ALLOW, id="v1-same-authority-allows"),
        pytest.param(_update_v(0, None), Action.ALLOW, id="v1-data-only-allows"),
        pytest.param(_update_v(4, None), Action.ALLOW, id="as-data-delegate-allows"),
    ],
)
def test_update_instruction_verdicts(data: bytes, action: Action) -> None:
    """``Update`` handing the metadata to a stranger BLOCKs like UpdateMetadataAccountV2."""
    policy = Policy.model_validate({"allowlist": {"solana_delegates": [str(COLD)]}})
    msg = sx.message(ME, [_update_ix(data)])
    verdict = Guard(policy, classifier=False).check_transaction(msg, chain="solana")
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.sol.authority_change" in verdict.rule_ids


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(_update_v(0, STRANGER)[:20], id="cut-in-the-authority"),
        pytest.param(b"\x32\x00\x07", id="bad-option-tag"),
        pytest.param(b"\x32\x09", id="unknown-variant"),
    ],
)
def test_malformed_update_instruction_is_never_allowed(data: bytes) -> None:
    """A cut or unknown ``Update`` is a malformed call, never a silent ALLOW."""
    msg = sx.message(ME, [_update_ix(data)])
    verdict = Guard(Policy(), classifier=False).check_transaction(msg, chain="solana")
    assert verdict.action is not Action.ALLOW, verdict.explain()
