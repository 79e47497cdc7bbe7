"""Seed phrases one word per labelled field (issue 13, dev7): a protobuf repeated field
(``words: "urban"`` a line, any wordlist), records of a word and its place
(``{"i": 1, "w": ".."}``); the same layouts with a checksum that fails are not blocked."""

from __future__ import annotations

import json

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.scanners import Stage, wallet_keys
from tests.vectors.keygen import KeyGen, bad

GUARD = Guard(Policy(), stages=(Stage("wallet_keys", wallet_keys.scan),), classifier=False)
_GEN = KeyGen(1330)  # generated, never funded
EN = _GEN.phrase(12)
ZH = _GEN.phrase(12, "chinese_simplified")
EN21 = _GEN.phrase(21)


def _proto(words: list[str], label: str = "words") -> str:
    body = "".join(f'  {label}: "{w}"\n' for w in words)
    return f'restore_request {{\n  wallet_id: "w-19"\n{body}  network: MAINNET\n}}'


def _records(words: list[str]) -> str:
    return json.dumps([{"i": i, "w": w} for i, w in enumerate(words, 1)])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_proto(EN), id="protobuf-repeated"),
        pytest.param(_proto(ZH, "zi"), id="protobuf-repeated-zh"),
        pytest.param(_records(EN21), id="word-place-records"),
    ],
)
def test_labelled_phrase_is_blocked(text: str) -> None:
    """Every word under the same label: still the phrase."""
    verdict = GUARD.check_text(text)
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "secret.bip39_mnemonic" in verdict.rule_ids


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(_proto(bad(EN)), id="protobuf-bad-checksum"),
        pytest.param(_records(bad(EN)), id="records-bad-checksum"),
        pytest.param(_proto(EN[:10]), id="protobuf-ten-words"),
    ],
)
def test_labelled_words_without_a_phrase_are_not_blocked(text: str) -> None:
    """The same layouts with a failing checksum or too few words are not blocked."""
    assert GUARD.check_text(text).action is not Action.BLOCK
