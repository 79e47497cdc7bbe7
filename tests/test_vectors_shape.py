"""Shape of the frozen evaluation sets under tests/vectors: rows well-formed, ids unique."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from mnemonic import Mnemonic

FROZEN = Path(__file__).parent / "vectors" / "frozen_text"
TEXT_KEYS = {"id", "text", "label", "class", "source", "lang", "notes"}
SOURCES = {"tool_output", "retrieved", "memory", "prompt"}
TEXT_FILES = {
    "attacks.jsonl": {"attack"},
    "benign.jsonl": {"benign"},
    "secrets_forms.jsonl": {"secret", "not_secret"},
}
MINIMUM = {"attacks.jsonl": 300, "benign.jsonl": 300, "secrets_forms.jsonl": 60}
WORDS = set(Mnemonic("english").wordlist)


def _jsonl(name: str) -> list[dict[str, Any]]:
    lines = (FROZEN / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _bip39_words(text: str) -> str:
    return " ".join(w for w in re.findall(r"[a-z]+", text.lower()) if w in WORDS)


@pytest.mark.parametrize("name", sorted(TEXT_FILES))
def test_text_rows_well_formed(name: str) -> None:
    """Each row has exactly the schema keys, a known label and source, text, and a unique id."""
    rows = _jsonl(name)
    assert len(rows) >= MINIMUM[name]
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
    for row in rows:
        assert set(row) == TEXT_KEYS, row["id"]
        assert row["label"] in TEXT_FILES[name], row["id"]
        assert row["source"] in SOURCES, row["id"]
        assert isinstance(row["text"], str) and row["text"].strip(), row["id"]
        assert 0 < len(row["text"].encode()) <= 4096, row["id"]
        assert isinstance(row["lang"], str) and row["lang"], row["id"]


def test_ids_unique_across_text_files() -> None:
    """No id is reused between the attack, benign and secrets files."""
    ids = [r["id"] for name in TEXT_FILES for r in _jsonl(name)]
    assert len(ids) == len(set(ids))


def test_attack_set_languages_and_structured_share() -> None:
    """Attacks cover English and >= 8 other languages; >= 100 benign rows are structured data."""
    langs = {r["lang"] for r in _jsonl("attacks.jsonl")} - {"en", "mixed"}
    assert len(langs) >= 8
    assert sum(r["class"] == "structured_data" for r in _jsonl("benign.jsonl")) >= 100


@pytest.mark.parametrize(
    ("klass", "valid"),
    [("seed_separator", True), ("bad_checksum_words", False)],
    ids=["seed-rows-pass-checksum", "near-miss-word-lists-fail-checksum"],
)
def test_seed_rows_checksum(klass: str, valid: bool) -> None:
    """Seed-phrase rows hold a valid BIP-39 phrase; the word-list near misses fail the checksum."""
    rows = [r for r in _jsonl("secrets_forms.jsonl") if r["class"] == klass]
    assert rows
    for row in rows:
        assert Mnemonic("english").check(_bip39_words(row["text"])) is valid, row["id"]
