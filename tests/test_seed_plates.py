"""Seed words stamped on a metal plate (``scanners/seed_plates.py``): the four-letter
prefixes of a valid phrase block; the same shape failing the checksum, lower case, or
ordinary capitals do not."""

from __future__ import annotations

import pytest

from aiegis_guard import Action, Guard, Policy
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), classifier=False)
PHRASE = KeyGen(39).phrase()  # generated, never funded: its words' four-letter prefixes
PLATE = " ".join(w[:4].upper() for w in PHRASE)


def _blocked(text: str) -> bool:
    verdict = GUARD.check_text(text, source="tool_output")
    return verdict.action is Action.BLOCK and "secret.bip39_mnemonic" in verdict.rule_ids


def test_stamped_prefixes_of_a_valid_phrase_block() -> None:
    assert _blocked(f"Stamped plate (4 letters each):\n{PLATE}")
    assert _blocked("\n".join(PLATE.split()))  # one per line


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(" ".join(PLATE.split()[::-1]), id="checksum-fails"),
        pytest.param(PLATE.lower(), id="lower-case"),
        pytest.param("NOTE THAT THIS PAGE WILL MOVE SOON; ALSO READ THE FULL DOCS HERE NEXT WEEK",
                     id="shouting-prose"),
    ],
)  # fmt: skip
def test_other_shapes_do_not_block(text: str) -> None:
    assert not _blocked(text)
