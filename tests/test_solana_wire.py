"""The wire reader's inline instruction path reads what the checked, byte-by-byte reader reads:
the same instructions for every message, the same error for every truncation or corruption."""

from __future__ import annotations

from typing import Any

import pytest
import spl as sx
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from aiegis_guard.chains.solana import wire
from aiegis_guard.errors import SolanaDecodeError

PAYER = Keypair()  # generated, never funded
DEST = Keypair().pubkey()
PROGRAM = Pubkey.from_string("Prog111111111111111111111111111111111111111")


def _checked(reader: wire._Reader, count: int) -> list[wire.WireInstruction]:
    """The reference: every field through the reader's checked steps."""
    out = []
    for _ in range(count):
        program = reader.u8("program index")
        accounts = reader.byte_vec("instruction accounts")
        out.append(wire.WireInstruction(program, accounts, reader.byte_vec("instruction data")))
    return out


def _many_accounts() -> list[Any]:
    metas = [sx._r(Keypair().pubkey()) for _ in range(130)]  # 130 > 0x7f: two-byte length
    return [sx.raw(PROGRAM, b"\x01", *metas)]


CASES = [
    pytest.param(lambda: [sx.memo("hi", PAYER.pubkey())], id="short-data"),
    pytest.param(lambda: [sx.memo("x" * 200, PAYER.pubkey())], id="two-byte-data-length"),
    pytest.param(lambda: [sx.raw(PROGRAM, b"")], id="no-data-no-accounts"),
    pytest.param(
        lambda: [
            sx.compute_unit_limit(1),
            sx.raw(PROGRAM, bytes(127)),
            sx.raw(PROGRAM, bytes(128)),
        ],
        id="lengths-127-and-128",
    ),
    pytest.param(_many_accounts, id="two-byte-accounts-length"),
]


def _read(data: bytes, read: Any) -> Any:
    reader = wire._Reader(data)
    try:
        reader.vec(64, "signatures")
        if reader.u8("message header") & 0x80:  # v0: the version byte, then the header
            reader.u8("message header")
        reader.u8("message header")
        reader.u8("message header")
        reader.vec(32, "account keys")
        reader.take(32, "recent blockhash")
        found = read(reader, reader.compact_u16("instruction count"))
    except SolanaDecodeError as exc:
        return ("error", str(exc))
    return (found, reader.pos)


@pytest.mark.parametrize("build", CASES)
@pytest.mark.parametrize("version", ["legacy", "v0"])
def test_inline_read_equals_checked_read(build: Any, version: str) -> None:
    """Whole, cut at every byte, and with each byte flipped: same instructions and end, or
    the same error."""
    tx = (sx.legacy_tx if version == "legacy" else sx.v0_tx)(PAYER, build())
    whole = bytes(tx)
    variants = [whole] + [whole[:n] for n in range(len(whole))]
    variants += [whole[:i] + bytes([whole[i] ^ 0x80]) + whole[i + 1 :] for i in range(len(whole))]
    for data in variants:
        assert _read(data, wire._instructions) == _read(data, _checked)
    assert wire.parse_wire(whole)[1].instructions  # and the real reader accepts the whole
