"""Wallet secrets in disguise (issue 13): code calls, JSON-RPC imports, generic labels, output
descriptors, odd seed separators, numbered seed lines, split halves, base64 in manifests."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category
from tests.conftest import VECTORS

FORMS = json.loads((VECTORS / "secret_forms.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), classifier=False)


def _blocked(verdict: Any) -> list[Any]:
    return [
        f for f in verdict.findings if f.category is Category.SECRET and f.action is Action.BLOCK
    ]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in FORMS["cases"]])
def test_secret_form(case: dict[str, Any]) -> None:
    """Positives are blocked as a wallet secret; near misses are not (a FLAG where stated)."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    blocked = _blocked(verdict)
    if case["action"] == "block":
        assert blocked, f"{case['why']}: {verdict.explain()}"
    else:
        assert not blocked, f"{case['why']}: {verdict.explain()}"
        flagged = any(
            f.category is Category.SECRET and f.action is Action.FLAG for f in verdict.findings
        )
        assert flagged is (case["action"] == "flag"), verdict.explain()


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["id"]) for c in FORMS["cases"] if c["action"] == "block"]
)
def test_secret_form_masked(case: dict[str, Any]) -> None:
    """A blocked form leaves no secret character in the verdict and is redacted in the text."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    shown = json.dumps(verdict.to_dict())
    for f in _blocked(verdict):
        assert f.span is not None and f.redact
        value = case["text"][f.span[0] : f.span[1]]
        assert value[6:] not in shown
    assert verdict.redacted_text is not None and "[REDACTED]" in verdict.redacted_text
