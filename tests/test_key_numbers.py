"""EVM keys written as grouped hex bytes: a run without three group separators (a hash, a
blob) is skipped before the group search (issue 13: a JSON-RPC result's hashes), and the
findings equal those of searching every run."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.charclass import runs
from aiegis_guard.findings import Finding
from aiegis_guard.scanners import key_numbers as kn
from tests.vectors.keygen import KeyGen

KEY = KeyGen(1301).key()  # generated, never funded
_BYTES = ",".join(KEY[i : i + 2] for i in range(0, 64, 2))
_SOL = KeyGen(1302).solana()  # generated, never funded


def _groups(size: int, sep: str) -> str:
    return sep.join(KEY[i : i + size] for i in range(0, 64, size))


def _reference(text: str) -> list[Finding]:
    """The definition: the group search on every run (no separator count first)."""
    found: list[Finding] = []
    for start, end in runs(text, kn.GROUPED, kn.MIN_GROUPED, max_len=600):
        m = kn._GROUPS_RE.search(text, start, end)
        if m is None or not kn._regular(m.group()):
            continue
        digits = "".join(c for c in m.group() if c in kn._HEXDIGITS)
        if len(digits) == 128:
            hit = kn.solana_keypair(bytes.fromhex(digits), m.span(), m.group(), "hex-grouped")
            found += [hit] if hit is not None else []
            continue
        if len(digits) == 66 and digits[:2] == "00":
            digits = digits[2:]
        if len(digits) != 64 or not 0 < int(digits, 16) < kn.SECP256K1_N:
            continue
        if kn.is_placeholder(digits):
            continue
        kind, evidence = kn.key_context(text, m.start(), m.end())
        if kind == "key":
            found.append(kn.key_finding(m.span(), m.group(), "pattern:hex-grouped", evidence))
    return found + kn._decimal(text)


VECTORS = [
    ("bytes-by-space", f"private key: {_groups(2, ' ')}", 1),
    ("bytes-by-colon", f"PRIVATE_KEY={_groups(2, ':')}", 1),
    ("words-by-dash", f"private key: {_groups(8, '-')}", 1),
    ("openssl-dump", "priv:\n    00:" + _groups(2, ":").replace(":", ":\n    ", 3), 1),
    ("hash-in-json", '{"blockHash":"0x' + KEY + '","private_key_hint":"none"}', 0),
    ("long-blob", "private key: " + KEY * 5, 0),
    ("two-separators", f"private key: {KEY[:30]} {KEY[30:50]} {KEY[50:]}", 0),
    # Solidity hex literal with underscores, named for the account that signs the deploy
    ("solidity-underscores", f'bytes32 constant DEPLOYER = hex"{_groups(8, "_")}";', 1),
    ("solidity-typehash", f'bytes32 constant PERMIT_TYPEHASH = hex"{_groups(8, "_")}";', 0),
    # Windows .reg REG_BINARY: comma-separated bytes, continued with a backslash
    ("reg-binary", f'"Material"=hex:{_BYTES[:59]},\\\n  {_BYTES[60:]}', 1),
    ("reg-thumbprint", f'"ServerThumbprint"=hex:{_BYTES[:59]},\\\n  {_BYTES[60:]}', 0),
    ("reg-unnamed", f'"Blob"=hex:{_BYTES}', 0),
    # a Solana keypair as 64 colon-separated bytes (a debugger's copy): certain, no name
    ("solana-colon-bytes", "copied as: " + _SOL.hex(":").upper(), 1),
    ("solana-colon-not-a-pair", "copied as: " + (_SOL[:32] + bytes(32)).hex(":"), 0),
]


@pytest.mark.parametrize(("text", "count"), [(t, c) for _i, t, c in VECTORS],
                         ids=[i for i, _t, _c in VECTORS])  # fmt: skip
def test_grouped_keys(text: str, count: int) -> None:
    """Grouped bytes behind a key label are found; hashes and blobs are not; same as the
    search on every run."""
    found = kn.find_number_keys(text)
    assert len(found) == count
    assert found == _reference(text)


def test_the_runs_are_long_enough_to_be_searched() -> None:
    """Not vacuous: the grouped vectors are runs the scanner reads."""
    assert list(runs(_groups(2, " "), kn.GROUPED, kn.MIN_GROUPED, max_len=400))


_PIECES = st.one_of(
    st.sampled_from(
        [
            KEY[:2],
            KEY[:8],
            KEY,
            " ",
            ":",
            "-",
            "\n",
            ":\n  ",
            "\t",
            "g",
            "private key: ",
            "_",
            ",",
            ",\\\n  ",
            "material: ",
        ]
    ),
    st.text(alphabet="0123456789abcdefABCDEF :-_,\\\n\t", max_size=12),
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40))
def test_separator_count_skips_nothing_the_search_finds(pieces: list[str]) -> None:
    """Hex, groups and separators run together: the same findings as searching every run."""
    text = "".join(pieces)
    assert kn.find_number_keys(text) == _reference(text)
