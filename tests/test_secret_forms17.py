"""The form classes of the dev11 misses (tests/vectors/secret_forms17.json): node keys in
endpoint URLs whose host is the anchor, credentials named by their header, fixed-prefix tokens
with digits, filled placeholders, malformed prefixed tokens, 64-hex file names, private JWKs,
raw key bytes in base58 / base64 beside what they derive to, seed words one per indexed key, a
keystore and its password both encoded; each with the near twins that must stay unblocked."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category
from tests.conftest import VECTORS

FORMS = json.loads((VECTORS / "secret_forms17.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), classifier=False)


def _secret(verdict: Any, action: Action) -> list[Any]:
    return [f for f in verdict.findings if f.category is Category.SECRET and f.action is action]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in FORMS["cases"]])
def test_secret_form17(case: dict[str, Any]) -> None:
    """Positives are blocked as a wallet secret; near twins are not (a FLAG where stated)."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    if case["action"] == "block":
        assert _secret(verdict, Action.BLOCK), verdict.explain()
    else:
        assert not _secret(verdict, Action.BLOCK), verdict.explain()
        assert bool(_secret(verdict, Action.FLAG)) is (case["action"] == "flag"), verdict.explain()


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["id"]) for c in FORMS["cases"] if c["action"] == "block"]
)
def test_secret_form17_masked(case: dict[str, Any]) -> None:
    """A blocked form leaves no secret character run in the verdict."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    shown = json.dumps(verdict.to_dict())
    for f in _secret(verdict, Action.BLOCK):
        assert f.span is not None
        value = case["text"][f.span[0] : f.span[1]]
        assert value[6:] not in shown
