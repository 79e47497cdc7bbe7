"""Shape of the frozen evaluation sets under tests/vectors: rows well-formed, ids unique."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from eth_account.messages import encode_typed_data
from mnemonic import Mnemonic
from solders.transaction import Transaction, VersionedTransaction

VECTORS = Path(__file__).parent / "vectors"
FROZEN_SETS = ["frozen_text", "frozen_text_2"]  # the first is a development set since 2026-12-05
TEXT_KEYS = {"id", "text", "label", "class", "source", "lang", "notes"}
SOURCES = {"tool_output", "retrieved", "memory", "prompt"}
TEXT_FILES = {
    "attacks.jsonl": {"attack"},
    "benign.jsonl": {"benign"},
    "secrets_forms.jsonl": {"secret", "not_secret"},
}
MINIMUM = {"attacks.jsonl": 300, "benign.jsonl": 300, "secrets_forms.jsonl": 60}
ENGLISH = Mnemonic("english")  # one instance: each reads the word list from disk
WORDS = set(ENGLISH.wordlist)


def _jsonl(name: str, frozen: str = "frozen_text") -> list[dict[str, Any]]:
    lines = (VECTORS / frozen / name).read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _phrase_valid(text: str) -> bool:
    """The text's English BIP-39 words, in order, pass the checksum."""
    words = [w for w in re.findall(r"[a-z]+", text.lower()) if w in WORDS]
    return bool(ENGLISH.check(" ".join(words)))


@pytest.mark.parametrize("frozen", FROZEN_SETS)
@pytest.mark.parametrize("name", sorted(TEXT_FILES))
def test_text_rows_well_formed(name: str, frozen: str) -> None:
    """Each row has exactly the schema keys, a known label and source, text, and a unique id."""
    rows = _jsonl(name, frozen)
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
    """No id is reused between the attack, benign and secrets files of either set."""
    ids = [r["id"] for f in FROZEN_SETS for name in TEXT_FILES for r in _jsonl(name, f)]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("frozen", FROZEN_SETS)
def test_attack_set_languages_and_structured_share(frozen: str) -> None:
    """Attacks cover English and >= 8 other languages; >= 100 benign rows are structured data."""
    langs = {r["lang"] for r in _jsonl("attacks.jsonl", frozen)} - {"en", "mixed"}
    assert len(langs) >= 8
    benign = _jsonl("benign.jsonl", frozen)
    assert sum(r["class"] == "structured_data" for r in benign) >= 100


@pytest.mark.parametrize(
    ("frozen", "klass", "valid"),
    [
        ("frozen_text", "seed_separator", True),
        ("frozen_text", "bad_checksum_words", False),
        ("frozen_text_2", "bip39_bad_checksum", False),
    ],
    ids=["seed-rows-pass", "near-misses-fail", "set2-near-misses-fail"],
)
def test_seed_rows_checksum(frozen: str, klass: str, valid: bool) -> None:
    """Seed-phrase rows hold a valid BIP-39 phrase; the word-list near misses fail the checksum.
    (Set 2's phrases are split, labelled and multilingual: its author checked them.) Failures
    name the row, never its text."""
    rows = [r for r in _jsonl("secrets_forms.jsonl", frozen) if r["class"] == klass]
    assert rows
    for row in rows:
        ok = _phrase_valid(row["text"])
        assert ok is valid, row["id"]


EFFECT_TABLES = ["effects_real.json", "effects_real_2.json"]  # the first: development since 12-05
ENTRY_KEYS = {
    "id",
    "family",
    "kind",
    "source",
    "chain",
    "payload_type",
    "payload",
    "own",
    "allowlist",
    "expected_verdict",
    "expected_effects",
    "notes",
}
PAYLOAD_TYPES = {
    "evm": {"tx", "typed_data", "personal_sign"},
    "solana": {"solana_tx_base64"},
}
EFFECT_KINDS = {"gives", "gets", "grants", "authority", "opaque"}
HEX = re.compile(r"^0x[0-9a-fA-F]*$")


def _entries(table: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads((VECTORS / table).read_text("utf-8"))["entries"]
    return entries


def _check_payload(entry: dict[str, Any]) -> None:
    payload = entry["payload"]
    kind = entry["payload_type"]
    if kind == "tx":
        assert {"from", "to", "value", "data", "chainId"} <= set(payload)
        assert HEX.match(payload["data"]) and len(payload["data"]) % 2 == 0
        int(payload["value"], 16)
    elif kind == "typed_data":
        assert {"types", "primaryType", "domain", "message"} <= set(payload)
        assert "EIP712Domain" in payload["types"]
        encode_typed_data(full_message=payload)
    elif kind == "personal_sign":
        assert isinstance(payload["message"], str) and payload["message"]
    else:
        raw = base64.b64decode(payload["tx"], validate=True)
        try:
            Transaction.from_bytes(raw)
        except ValueError:
            VersionedTransaction.from_bytes(raw)


@pytest.mark.parametrize("table", EFFECT_TABLES)
def test_effects_table_well_formed(table: str) -> None:
    """>= 150 unique entries, all keys, valid enums, >= 40 % legitimate."""
    entries = _entries(table)
    assert len(entries) >= 150
    assert len({e["id"] for e in entries}) == len(entries)
    for entry in entries:
        assert set(entry) == ENTRY_KEYS, entry["id"]
        assert entry["kind"] in {"drainer", "legitimate"}, entry["id"]
        assert entry["payload_type"] in PAYLOAD_TYPES[entry["chain"]], entry["id"]
        assert entry["expected_verdict"] in {"allow", "flag", "block"}, entry["id"]
        assert set(entry["allowlist"]) == {"recipients", "spenders", "operators", "delegators"}
        assert entry["source"] and entry["own"], entry["id"]
        for effect in entry["expected_effects"]:
            assert set(effect) == {"kind", "asset", "amount", "counterparty"}, entry["id"]
            assert effect["kind"] in EFFECT_KINDS, entry["id"]
    legit = sum(e["kind"] == "legitimate" for e in entries)
    assert legit / len(entries) >= 0.4


@pytest.mark.parametrize("payload_type", ["tx", "typed_data", "personal_sign", "solana_tx_base64"])
@pytest.mark.parametrize("table", EFFECT_TABLES)
def test_effects_payloads_parse(payload_type: str, table: str) -> None:
    """Payloads parse: hex calldata, EIP-712 that hashes, base64 that decodes to a Solana tx."""
    rows = [e for e in _entries(table) if e["payload_type"] == payload_type]
    assert rows
    for entry in rows:
        _check_payload(entry)


@pytest.mark.parametrize("frozen", FROZEN_SETS)
@pytest.mark.parametrize("name", sorted(TEXT_FILES))
def test_no_duplicate_texts(name: str, frozen: str) -> None:
    """No text appears twice in a file (a duplicate would weigh one case double)."""
    texts = [r["text"] for r in _jsonl(name, frozen)]
    assert len(texts) == len(set(texts))


_CARRIER_SETS = {
    "frozen_text_3": (
        {"value_directive", "secret_exfiltration", "social_engineering", "jailbreak"},
        {
            "structured_data",
            "user_request",
            "security_warning",
            "explainer",
            "docs_howto",
            "chat_email",
            "news_governance",
        },
    ),
    "x25_text": (
        {"value_directive", "secret_exfiltration", "social_engineering", "jailbreak"},
        {
            "structured_data",
            "user_request",
            "security_warning",
            "explainer_docs",
            "chat_email",
            "social_post",
            "news_governance",
        },
    ),
}


_WARNINGS = (
    {"fake_alert", "poisoned_warning"},
    {"advisory", "postmortem", "moderation", "training", "agent_warning", "scam_report", "news"},
)
_SOCIAL = (
    {"trust_test", "persona", "claimed_permission", "forwarded_chain", "urgency_secrecy"}
    | {"sympathy_reward"},
    {"owner_ops", "forwarded_benign", "trust_talk", "urgent_benign", "public_chat"},
)
_CARRIER_SETS |= {"w26_warnings_dev": _WARNINGS, "w26_warnings_test": _WARNINGS}
_CARRIER_SETS |= {"s27_social_dev": _SOCIAL, "s27_social_test": _SOCIAL}
_DOCS = (
    {"tool_poisoning", "shadowing", "poisoned_guide"},
    {"tool_description", "setup_guide", "faq_reference", "example_prompts"},
)
_CARRIER_SETS |= {"d27_tooldocs_dev": _DOCS, "d27_tooldocs_test": _DOCS}
_VAGUE = (
    {"vague_act", "impersonation", "skip_checks", "memory_plant"},
    {"vague_benign", "identity_benign", "checks_benign", "memory_benign"},
)
_CARRIER_SETS |= {"v27_vague": _VAGUE, "v28_vague_dev": _VAGUE, "v28_vague_test": _VAGUE}
_GENERIC = (
    {"link_exfil", "prompt_leak", "active_content", "task_hijack", "wrapped"},
    {"links_benign", "prompt_talk", "code_html", "task_text", "frames_benign"},
)
_CARRIER_SETS |= {"g28_generic_dev": _GENERIC, "g28_generic_test": _GENERIC}
_QUIET = (
    {"poisoned_data", "poisoned_news", "poisoned_explainer", "poisoned_ops"},
    {"structured_data", "news_governance", "explainer", "agent_ops"},
)
_CARRIER_SETS |= {"q29_dev": _QUIET, "q29_clean": _QUIET}
_MIN_ROWS = {  # halves of one writer's set; two writers' sets of 160 + 240
    "q29_dev": 160,
    "q29_clean": 160,
    "w26_warnings_dev": 60,
    "w26_warnings_test": 60,
    "s27_social_dev": 120,
    "s27_social_test": 120,
    "d27_tooldocs_dev": 60,
    "d27_tooldocs_test": 60,
    "v27_vague": 160,
    "v28_vague_dev": 100,
    "v28_vague_test": 100,
    "g28_generic_dev": 100,
    "g28_generic_test": 100,
}


@pytest.mark.parametrize("folder", sorted(_CARRIER_SETS))
def test_sets_with_carriers_well_formed(folder: str) -> None:
    """frozen_text_3 (held out since 2026-12-07), x25_text (the model comparison set of
    2026-12-07, never trained on; its README), v27_vague and the two halves of w26_warnings,
    s27_social, d27_tooldocs, v28_vague and g28_generic, q29_dev and q29_clean: rows also name
    their carrier; the schema, their classes, unique ids, and at least 200 rows a file (halves
    and smaller sets: _MIN_ROWS)."""
    attacks, benign = _CARRIER_SETS[folder]
    ids: list[str] = []
    for name, known in (("attacks.jsonl", attacks), ("benign.jsonl", benign)):
        rows = _jsonl(name, folder)
        assert len(rows) >= _MIN_ROWS.get(folder, 200)
        for row in rows:
            assert set(row) == TEXT_KEYS | {"carrier"}, row["id"]
            assert row["class"] in known and row["source"] in SOURCES, row["id"]
            assert row["label"] in TEXT_FILES[name], row["id"]
        ids += [r["id"] for r in rows]
    assert len(ids) == len(set(ids))
