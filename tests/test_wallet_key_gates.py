"""The cheap tests that let a wallet-key finder skip a text are supersets of what it finds:
every character of every match of the pattern it guards is in the gate's class."""

from __future__ import annotations

import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.charclass import view
from aiegis_guard.scanners import wallet_keys
from aiegis_guard.scanners.wallet_keys import BARE_BYTES_RE, BARE_CHARS, BARE_VALUES
from tests.vectors.keygen import KeyGen

# the characters a byte list is written with, and every other ASCII one, a few non-ASCII
# digits and spaces (``\d`` and ``\s`` match them) and letters
ALPHABET = string.printable + "\x1c\x1d\x1e\x1f\x85\xa0\u2003\u0663\u0967\uff11é"


def _members(text: str) -> bool:
    return set(view(text, BARE_CHARS)) <= {ord("b")}


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["12", "255", "0x1f", "0XAB", "7u8", ", ", ";", "\\n", " ", "\t"]),
            st.text(alphabet=ALPHABET, max_size=3),
        ),
        max_size=60,
    )
)
def test_every_character_of_a_bare_byte_run_is_in_the_gate_class(parts: list[str]) -> None:
    """Whatever the text, each match of ``BARE_BYTES_RE`` holds only ``BARE_CHARS``."""
    text = "".join(parts)
    for m in BARE_BYTES_RE.finditer(text):
        assert _members(m.group()), m.group()


@pytest.mark.parametrize("char", [chr(c) for c in range(128)] + ["\u0663", "\xa0", "\u2003"])
def test_a_character_outside_the_class_ends_a_run(char: str) -> None:
    """A character the class leaves out never stands inside a match: it cuts the run."""
    if _members(char):
        return
    sep = ", "
    text = sep.join(["12", "7" + char + "9", "0x1f", "3"])
    for m in BARE_BYTES_RE.finditer(text):
        assert char not in m.group()


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(", ".join(str(i * 3 % 256) for i in range(64)), True, id="64-values"),
        pytest.param(", ".join(str(i * 3 % 256) for i in range(63)), False, id="63-values"),
        pytest.param("\\n".join(str(i % 256) for i in range(64)), True, id="escaped-breaks"),
        pytest.param(
            "\u0663, " * 64, True, id="non-ascii-digits-pass"
        ),  # \d matches them: the gate must let them through
    ],
)
def test_the_gate_opens_for_a_run_of_64_values(text: str, found: bool) -> None:
    """A run of 64 values is long enough to pass the gate; 63 may be too short."""
    opened = bool(re.search("b" * (2 * BARE_VALUES - 1), view(text, BARE_CHARS).decode()))
    assert opened or not found
    if found:
        assert opened


def test_the_gate_changes_no_finding() -> None:
    """A keypair listed bare passes the gate and is found; cut by words, it is not."""
    pair = KeyGen(1907).solana()  # generated, never funded
    text = "PAYER=" + ",".join(str(b) for b in pair) + "\n"
    found = wallet_keys._bare_byte_lists(text)
    assert [f.rule_id for f in found] == ["secret.solana_keypair"]
    assert wallet_keys._bare_byte_lists(text.replace(",", " x ")) == []
