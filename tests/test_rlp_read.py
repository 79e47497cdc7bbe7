"""The strict RLP reader accepts and returns exactly what pyrlp's strict decode does, and the
fast keccak backend hashes exactly as pycryptodome does."""

from __future__ import annotations

import os
import sys

import pytest
import rlp
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.chains.evm.rlp_read import MAX_DEPTH, rlp_decode
from aiegis_guard.checksums import _keccak_pycryptodome, keccak256
from aiegis_guard.errors import EvmDecodeError


def _nest(depth: int) -> bytes:
    out = b"\xc0"
    for _ in range(depth):
        n = len(out)
        size = n.to_bytes((n.bit_length() + 7) // 8, "big")
        out = (bytes([0xC0 + n]) if n <= 55 else bytes([0xF7 + len(size)]) + size) + out
    return out


# id, encoding, docstring
CASES = [
    ("empty-string", b"\x80", "the empty string"),
    ("single-byte", b"\x7f", "a byte below 0x80 is itself"),
    ("short-string", b"\x83dog", "a short string"),
    ("string-55", b"\xb7" + b"a" * 55, "the longest short string"),
    ("string-56", b"\xb8\x38" + b"a" * 56, "the shortest long string"),
    ("long-string-2-byte-length", b"\xb9\x01\x00" + b"z" * 256, "a two-byte length"),
    ("empty-list", b"\xc0", "the empty list"),
    ("nested-list", rlp.encode([[], [[]], [b"a", [b"bc"]]]), "lists in lists"),
    ("long-list", rlp.encode([b"x" * 30, b"y" * 30]), "a list over 55 bytes"),
    ("tx-shaped", rlp.encode([1, 0, 2, 3, 21_000, b"\x11" * 20, 5, b"", []]), "a 1559 body"),
    ("deep-but-allowed", _nest(MAX_DEPTH - 1), "nesting just under the fast reader's bound"),
    ("deeper-than-bound", _nest(MAX_DEPTH + 5), "deeper lists go to pyrlp (same answer)"),
    ("empty-input", b"", "nothing: truncated"),
    ("truncated-string", b"\x83do", "a string shorter than its header"),
    ("truncated-list", b"\xc3\x80\x80", "a list shorter than its header"),
    ("trailing-bytes", b"\x80\x80", "bytes after the item"),
    ("single-byte-wrapped", b"\x81\x05", "a byte below 0x80 must not be wrapped"),
    ("long-form-short-string", b"\xb8\x05hello", "a long header for a short string"),
    ("long-form-short-list", b"\xf8\x02\x80\x80", "a long header for a short list"),
    ("length-leading-zero", b"\xb9\x00\x38" + b"a" * 56, "a length with a leading zero"),
    ("item-overruns-list", b"\xc1\x82ab", "an item longer than its list"),
    ("truncated-length", b"\xb9\x01", "a long header missing its length bytes"),
]


@pytest.mark.parametrize(("raw", "doc"), [(c[1], c[2]) for c in CASES], ids=[c[0] for c in CASES])
def test_rlp_decode_matches_pyrlp(raw: bytes, doc: str) -> None:
    """Valid encodings decode to pyrlp's value; whatever pyrlp rejects is an EvmDecodeError."""
    try:
        expected = rlp.decode(raw)
    except Exception:
        with pytest.raises(EvmDecodeError):
            rlp_decode(raw)
        return
    assert rlp_decode(raw) == expected, doc


@pytest.mark.slow
def test_recursion_bomb_is_a_decode_error() -> None:
    """Nesting past pyrlp's recursion limit is an EvmDecodeError, not a RecursionError."""
    with pytest.raises(EvmDecodeError):
        rlp_decode(_nest(sys.getrecursionlimit() + 100))


_ITEMS = st.recursive(
    st.binary(max_size=70), lambda inner: st.lists(inner, max_size=4), max_leaves=12
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_ITEMS, st.data())
def test_rlp_decode_agrees_with_pyrlp_on_mutations(item: object, data: st.DataObject) -> None:
    """Encodings and one-byte mutations of them: same value or both rejected."""
    raw = bytearray(rlp.encode(item))
    assert rlp_decode(bytes(raw)) == rlp.decode(bytes(raw))
    at = data.draw(st.integers(0, len(raw)))
    raw[at:at] = bytes([data.draw(st.integers(0, 255))])
    if data.draw(st.booleans()) and len(raw) > 1:
        del raw[data.draw(st.integers(0, len(raw) - 1))]
    try:
        expected = rlp.decode(bytes(raw))
    except Exception:
        with pytest.raises(EvmDecodeError):
            rlp_decode(bytes(raw))
        return
    assert rlp_decode(bytes(raw)) == expected


KECCAK = [
    ("empty", b"", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"),
    ("abc", b"abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"),
    ("transfer-sig", b"transfer(address,uint256)", None),
    ("one-block", b"\x00" * 136, None),
    ("random-kb", os.urandom(1024), None),
]


@pytest.mark.parametrize(
    ("data", "want"), [(k[1], k[2]) for k in KECCAK], ids=[k[0] for k in KECCAK]
)
def test_keccak_backends_agree(data: bytes, want: str | None) -> None:
    """keccak256 (safe-pysha3 when installed) equals pycryptodome's, and the known digests."""
    assert keccak256(data) == _keccak_pycryptodome(data)
    if want is not None:
        assert keccak256(data).hex() == want
    if data.startswith(b"transfer("):
        assert keccak256(data)[:4].hex() == "a9059cbb"
