"""review18b F8 as a class, with generated keys (tests/vectors/keygen.py): a hex key behind a
key label wrapped at any width (lines of 8 to 21 digits: 3 to 8 lines, the last shorter), in
plain text, a JSON string or JSON in JSON, or its halves split by an escaped tab, is joined
(bounded by the total, 64 digits, and the gap shapes, not by a count of parts). Near twins: a
transaction hash wrapped the same way, 65 digits, lines under a public key's label."""

from __future__ import annotations

import json

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), classifier=False)
GEN = KeyGen(18_221)
KEY = GEN.key()
HASH = GEN.hex(64)
WIDTHS = [8, 10, 13, 16, 21]


def _wrap(label: str, digits: str, width: int) -> str:
    return label + "\n0x" + "\n".join(digits[i : i + width] for i in range(0, len(digits), width))


def _layouts(label: str, digits: str, width: int) -> list[str]:
    plain = _wrap(label, digits, width)
    return [plain, json.dumps({"content": plain}), json.dumps({"args": json.dumps({"n": plain})})]


def _blocked(text: str) -> bool:
    verdict = GUARD.check_text(text, source=Source.LLM_OUTPUT)
    return any(f.category is Category.SECRET and f.action is Action.BLOCK for f in verdict.findings)


@pytest.mark.parametrize("width", WIDTHS)
def test_wrapped_key_any_width_blocks(width: int) -> None:
    for text in _layouts("private key:", KEY, width):
        assert _blocked(text), f"width {width}"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("label", ["tx hash:", "public key hash:", "checksum:"])
def test_wrapped_hash_any_width_passes(width: int, label: str) -> None:
    for text in _layouts(label, HASH, width):
        assert not _blocked(text), f"{label} width {width}"


@pytest.mark.parametrize("width", [13, 21])
def test_wrapped_65_digits_pass(width: int) -> None:
    for text in _layouts("private key:", KEY + "a", width):
        assert not _blocked(text)


def test_escaped_tab_halves_block() -> None:
    text = json.dumps({"content": f"private key: 0x{KEY[:32]}\t{KEY[32:]}"})
    assert _blocked(text)


def test_escaped_tab_hash_halves_pass() -> None:
    text = json.dumps({"content": f"tx hash: 0x{HASH[:32]}\t{HASH[32:]}"})
    assert not _blocked(text)
