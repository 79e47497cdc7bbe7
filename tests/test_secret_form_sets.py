"""The form classes of fresh independent sets' misses, each with the near twins that must stay
unblocked: ``secret_forms16.json`` (dev10: key words after a JSON string's escaped break, key
words of Arabic / Hindi / Thai / Chinese, identifier keys, digests of a key, table columns over
row labels, values wrapped over a reply's quoted lines or in short halves, labelled numbering,
chat logs) and ``secret_forms17.json`` (dev11: node keys in endpoint URLs, credentials named by
their header, fixed-prefix tokens with digits, filled placeholders, malformed prefixed tokens,
64-hex file names, private JWKs, raw key bytes beside what they derive to, seed words one per
indexed key, a keystore and its password both encoded)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category
from tests.conftest import VECTORS

SETS = ("secret_forms16.json", "secret_forms17.json")
CASES = [
    pytest.param(case, id=f"{name.removesuffix('.json')}:{case['id']}")
    for name in SETS
    for case in json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]
]
GUARD = Guard(Policy(), classifier=False)


def _secret(verdict: Any, action: Action) -> list[Any]:
    return [f for f in verdict.findings if f.category is Category.SECRET and f.action is action]


@pytest.mark.parametrize("case", CASES)
def test_secret_form(case: dict[str, Any]) -> None:
    """Positives are blocked as a wallet secret; near twins are not (a FLAG where stated)."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    if case["action"] == "block":
        assert _secret(verdict, Action.BLOCK), verdict.explain()
    else:
        assert not _secret(verdict, Action.BLOCK), verdict.explain()
        assert bool(_secret(verdict, Action.FLAG)) is (case["action"] == "flag"), verdict.explain()


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0]["action"] == "block"])
def test_secret_form_masked(case: dict[str, Any]) -> None:
    """A blocked form leaves no secret character run in the verdict."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    shown = json.dumps(verdict.to_dict())
    for f in _secret(verdict, Action.BLOCK):
        assert f.span is not None
        value = case["text"][f.span[0] : f.span[1]]
        assert value[6:] not in shown
