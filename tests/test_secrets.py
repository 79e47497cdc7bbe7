"""Provider secrets: one vector per provider, near misses, masking, adversarial input."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard import Action, Guard, Policy, Source
from aiegis_guard.normalize import normalize
from aiegis_guard.scanners import ScanContext, Stage, secrets
from tests.conftest import VECTORS

VECTORS_DATA = json.loads((VECTORS / "provider_secrets.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), stages=(Stage("secrets", secrets.scan),), classifier=False)


def test_at_least_25_providers_are_declared() -> None:
    """The declarations cover at least 25 providers, each with a vector."""
    rules = {p.rule for p in secrets.PROVIDERS}
    assert len(rules) >= 25
    assert rules == set(VECTORS_DATA["positives"])


POSITIVES = [
    pytest.param(r, v["text"], v["secret"], id=r) for r, v in VECTORS_DATA["positives"].items()
]


@pytest.mark.parametrize(("rule", "text", "secret"), POSITIVES)
def test_provider_secret_is_found(rule: str, text: str, secret: str) -> None:
    """Each provider's key is reported under secret.<provider> (JWT: FLAG, others: BLOCK)."""
    verdict = GUARD.check_text(text)
    assert f"secret.{rule}" in verdict.rule_ids, verdict.explain()
    assert verdict.action is (Action.FLAG if rule == "jwt" else Action.BLOCK)


@pytest.mark.parametrize(
    ("name", "text"), [pytest.param(n, t, id=n) for n, t in VECTORS_DATA["negatives"].items()]
)
def test_near_miss_is_not_a_secret(name: str, text: str) -> None:
    """Near misses (short, doc examples, context without a key) raise nothing."""
    assert GUARD.check_text(text).findings == ()


@pytest.mark.parametrize(("rule", "text", "secret"), POSITIVES)
def test_span_is_the_secret_and_preview_is_masked(rule: str, text: str, secret: str) -> None:
    """The span covers exactly the secret; the preview shows at most 4 characters of it."""
    (f,) = [f for f in GUARD.check_text(text).findings if f.rule_id == f"secret.{rule}"]
    assert f.span is not None and f.evidence
    assert text[f.span[0] : f.span[1]] == secret
    assert secret not in f.preview and f.preview.split("…")[0] == secret[:4]
    assert f.redact


def test_secret_in_a_base64_layer_is_found() -> None:
    """A key hidden in base64 is found on the decoded layer and mapped to the encoded span."""
    import base64

    inner = VECTORS_DATA["positives"]["github"]["secret"]
    encoded = base64.b64encode(f"please use {inner} now".encode()).decode()
    verdict = GUARD.check_text(f"config: {encoded}")
    assert "secret.github" in verdict.rule_ids
    (f,) = verdict.findings
    assert "layer:base64" in f.evidence and f.span is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("sk-" * 100_000, id="prefix-storm"),
        pytest.param("eyJ" + "a" * 300_000, id="jwt-head-only"),
        pytest.param("eyJa.eyJb." * 30_000, id="jwt-fragments"),
        pytest.param("etherscan " * 30_000, id="context-storm"),
        pytest.param(":AA" * 100_000, id="telegram-anchors"),
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    """Anchor storms return a verdict without findings (bounded windows, no backtracking)."""
    assert GUARD.check_text(text).findings == ()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=string.printable, max_size=300))
def test_any_text_yields_valid_spans(text: str) -> None:
    """Spans always lie inside the layer text."""
    layer = normalize(text).layers[0]
    for f in secrets.scan(layer, ScanContext(Source.TOOL_INPUT, Policy())):
        assert f.span is not None and 0 <= f.span[0] < f.span[1] <= len(layer.text)
