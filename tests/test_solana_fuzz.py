"""Property tests: whatever the bytes, Solana decoding raises only SolanaDecodeError and the
guard returns a verdict (never a crash, never a stage error)."""

from __future__ import annotations

import base64

import pytest
import solders.system_program as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana import defi_layouts, lending_layouts
from aiegis_guard.chains.solana import programs as progs
from aiegis_guard.chains.solana.bubblegum import BUBBLEGUM_LAYOUTS
from aiegis_guard.chains.solana.decode import decode_offchain_message, decode_solana
from aiegis_guard.chains.solana.meteora import DLMM_LAYOUTS
from aiegis_guard.chains.solana.mpl_core import MPL_CORE_LAYOUTS
from aiegis_guard.chains.solana.protocols import PROTOCOL_FAMILIES
from aiegis_guard.chains.solana.squads import SQUADS_LAYOUTS
from aiegis_guard.chains.solana.squads_vault import VAULT_LAYOUTS
from aiegis_guard.chains.solana.whirlpool_position import POSITION_LAYOUTS
from aiegis_guard.chains.solana.wire import _Reader
from aiegis_guard.chains.transaction import DecodedTransaction
from aiegis_guard.errors import SolanaDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

pytestmark = pytest.mark.slow  # Hypothesis fuzzing of the Solana decoder (make test runs it)

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
AGENT = Keypair().pubkey()
GUARD = Guard(Policy.model_validate({"wallet": {"solana": [str(AGENT)]}}), classifier=False)
PROGRAMS = [
    Pubkey.from_string(p)
    for p in (*progs.BUILTIN_PROGRAMS, *PROTOCOL_FAMILIES, *sorted(progs.DEFI_PROGRAMS))
]
VALID = bytes(
    Message.new_with_blockhash(
        [sp.transfer({"from_pubkey": AGENT, "to_pubkey": Keypair().pubkey(), "lamports": 5})],
        AGENT,
        Hash.default(),
    )
)


HEADS = [b"", b"\x02\x00\x00\x00", b"\x0b\x00\x00\x00", b"\x06", b"\x0c", b"\x1a\x01", b"\x03"]
HEADS += [b"\x1a\x00", b"\x1a\x02", b"\x1a\x03", b"\x1a\x05", b"\x02", b"\x00"]
HEADS += [*DLMM_LAYOUTS, *SQUADS_LAYOUTS, *lending_layouts.KAMINO_LAYOUTS]
HEADS += [*lending_layouts.MARGINFI_LAYOUTS, *lending_layouts.DRIFT_LAYOUTS]
HEADS += [*BUBBLEGUM_LAYOUTS, *POSITION_LAYOUTS, *(bytes([t]) for t in MPL_CORE_LAYOUTS)]
HEADS += [*VAULT_LAYOUTS, *defi_layouts.RAYDIUM_CPMM_LAYOUTS]


def _decode_or_error(payload: object) -> DecodedTransaction | None:
    try:
        return decode_solana(payload)
    except SolanaDecodeError:
        return None


def _cu16(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


@st.composite
def messages(draw: st.DrawFn) -> bytes:
    """Structurally plausible messages calling built-in and decoded protocol programs with
    arbitrary data / accounts."""
    n_extra = draw(st.integers(0, 4))
    keys = [AGENT, *(Keypair().pubkey() for _ in range(n_extra)), *PROGRAMS]
    first_program = 1 + n_extra
    out = bytearray(b"\x80" if draw(st.booleans()) else b"")
    out += bytes([1, 0, len(PROGRAMS)]) + _cu16(len(keys)) + b"".join(bytes(k) for k in keys)
    out += bytes(32)
    n_ix = draw(st.integers(0, 4))
    out += _cu16(n_ix)
    for _ in range(n_ix):
        program = draw(st.integers(first_program, len(keys) - 1))
        accounts = draw(st.lists(st.integers(0, len(keys) + 2), max_size=16))
        head = draw(st.sampled_from(HEADS))
        data = head + draw(st.binary(max_size=80))
        out += bytes([program]) + _cu16(len(accounts)) + bytes(accounts) + _cu16(len(data)) + data
    if out[:1] == b"\x80":
        out += _cu16(0)
    return bytes(out)


@FUZZ
@given(st.binary(max_size=1500))
def test_random_bytes_decode_or_raise_decode_error(data: bytes) -> None:
    """Random bytes: a decoded transaction or SolanaDecodeError, nothing else."""
    _decode_or_error(data)


@FUZZ
@given(st.text(max_size=600))
def test_random_text_decode_or_raise_decode_error(text: str) -> None:
    """Random text (base64/base58/hex attempts): decoded or SolanaDecodeError."""
    _decode_or_error(text)


@FUZZ
@given(st.integers(0, len(VALID) - 1), st.integers(0, 255), st.integers(0, len(VALID)))
def test_mutated_valid_message(index: int, byte: int, cut: int) -> None:
    """A valid message with one byte changed and/or truncated never crashes the decoder."""
    mutated = bytearray(VALID)
    mutated[index] = byte
    _decode_or_error(bytes(mutated))
    _decode_or_error(bytes(mutated[:cut]))
    _decode_or_error(base64.b64encode(bytes(mutated[:cut])).decode())


@FUZZ
@given(messages())
def test_structured_messages_never_crash_decoder_or_inspector(raw: bytes) -> None:
    """Plausible messages to built-in programs with arbitrary data: decoded or DecodeError,
    and the guard's verdict never comes from a crashed stage."""
    _decode_or_error(raw)
    verdict = GUARD.check_transaction(raw, chain="solana")
    errors = [f.evidence for f in verdict.findings if f.rule_id == "guard.stage_error"]
    assert not errors, errors


@FUZZ
@given(st.one_of(st.binary(max_size=400), st.text(max_size=200)))
def test_guard_verdict_on_garbage_is_never_allow_without_decoding(payload: bytes | str) -> None:
    """check_transaction on garbage returns a verdict; undecodable payloads are FLAGged."""
    verdict = GUARD.check_transaction(payload, chain="solana")
    rules = {f.rule_id for f in verdict.findings}
    assert "guard.stage_error" not in rules, verdict.findings
    if _decode_or_error(payload) is None:
        assert verdict.action is Action.FLAG
        assert rules == {"tx.undecodable"}


@FUZZ
@given(st.binary(max_size=300))
def test_offchain_message_never_raises_on_text_or_blobs(data: bytes) -> None:
    """decode_offchain_message: any bytes are text, a blob or a transaction — never an error."""
    text = decode_offchain_message(data).message_text
    assert text is None or not any(ord(c) < 32 and c not in "\t\n\r" for c in text)


@FUZZ
@given(st.integers(0, 0xFFFF))
def test_compact_u16_round_trip(n: int) -> None:
    """The short-vec reader reads back every canonical encoding."""
    assert _Reader(_cu16(n)).compact_u16("n") == n
