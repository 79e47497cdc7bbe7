"""The quality targets on the public data: wallet secrets and PII (``aiegis-guard eval``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from aiegis_guard.evaluation import pii, secrets
from aiegis_guard.evaluation.metrics import Score

pytestmark = pytest.mark.slow  # evaluations over the shared data sets

TARGET_PII_TYPES = ("card", "ssn", "email", "iban", "ip")


@pytest.fixture(scope="module")
def secret_scores() -> dict[str, Score]:
    from tests.conftest import DATA

    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    return {s.group: s for s in secrets.evaluate(DATA)}


@pytest.fixture(scope="module")
def pii_scores() -> dict[str, Score]:
    from tests.conftest import DATA

    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    return {s.group: s for s in pii.evaluate(DATA)}


def test_wallet_recall_at_least_99_percent(secret_scores: dict[str, Score]) -> None:
    """Every decidable wallet secret kind: recall >= 0.99 overall and per row."""
    total = secret_scores["ALL wallet (excl. bare hex)"]
    assert total.recall is not None and total.recall >= 0.99
    for row in secret_scores.values():
        # the independent form sets are reported, never a gate (a gate would be tuning on them)
        if row.tp + row.fn and "undecid" not in row.group and " forms: " not in row.group:
            assert row.recall is not None and row.recall >= 0.99, row.group


def test_zero_false_blocks(secret_scores: dict[str, Score]) -> None:
    """No hash, address, signature, bad checksum or ciphertext is blocked (the independent form
    sets are reported, never a gate)."""
    gated = [s for s in secret_scores.values() if " forms: " not in s.group]
    assert sum(s.fp for s in gated) == 0
    hashes = secret_scores["execution-apis 0x+64hex"]
    assert hashes.tn == 438 and secret_scores["execution-apis 0x+64hex (own set)"].tn == 438


def test_bare_hex_is_reported_as_its_own_group(secret_scores: dict[str, Score]) -> None:
    """The undecidable bare-hex rows are a separate row: not blocked, noticed as INFO."""
    bare = secret_scores["synth ETH key, bare hex (undecid.)"]
    assert bare.n == 20 and bare.tp == 0
    assert "20 reported as INFO candidates" in bare.notes[0]


@pytest.mark.parametrize("kind", TARGET_PII_TYPES)
def test_pii_f1_at_least_095(pii_scores: dict[str, Score], kind: str) -> None:
    """Card, SSN, email, IBAN, IP: F1 >= 0.95 on both presidio-research sets."""
    f1 = pii_scores[f"both sets {kind}"].f1
    assert f1 is not None and f1 >= 0.95


def test_no_pii_in_crypto_text(pii_scores: dict[str, Score]) -> None:
    """Hex hashes, addresses and keys never produce a PII finding."""
    row = pii_scores["crypto texts (hex, keys): any type"]
    assert row.fp == 0 and row.tn > 700


@pytest.mark.slow  # the whole secrets evaluation through the CLI
def test_eval_cli_prints_the_table(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``aiegis-guard eval --set pii`` prints one row per type."""
    from aiegis_guard.cli import main

    assert main(["eval", "--data", str(data_dir), "--set", "pii"]) == 0
    assert "both sets iban" in capsys.readouterr().out
