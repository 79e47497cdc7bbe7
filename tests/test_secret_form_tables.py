"""The form tables of later independent sets' misses (``secret_forms17b.json``: dev11's,
``secret_forms18.json``: dev12's, ``secret_forms19.json``: dev13's, ``secret_forms20.json``:
dev14's, ``secret_forms21.json``: dev15's; ``secret_forms22.json``: the carriers 21 left
open; ``secret_forms23.json``: dev16's), each with its near twins: positives blocked as a
secret from what the agent reads and from what it sends, near twins not, and a blocked value
never repeated in the verdict. Their forms' own unit tests stand in
``test_secret_forms17b.py`` .. ``test_secret_forms23.py``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from tests.conftest import VECTORS

TABLES = (
    "secret_forms17b.json",
    "secret_forms18.json",
    "secret_forms19.json",
    "secret_forms20.json",
    "secret_forms21.json",
    "secret_forms22.json",
    "secret_forms23.json",
)
CASES = [
    pytest.param(case, id=f"{name.removesuffix('.json')}:{case['id']}")
    for name in TABLES
    for case in json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]
]
GUARD = Guard(Policy(), classifier=False)


def _blocked(verdict: Any) -> list[Any]:
    return [
        f for f in verdict.findings if f.category is Category.SECRET and f.action is Action.BLOCK
    ]


@pytest.mark.parametrize("source", [Source.TOOL_OUTPUT, Source.TOOL_INPUT])
@pytest.mark.parametrize("case", CASES)
def test_secret_form(case: dict[str, Any], source: Source) -> None:
    """Positives are blocked as a secret; near twins are not."""
    verdict = GUARD.check_text(case["text"], source=source)
    assert bool(_blocked(verdict)) is (case["action"] == "block"), verdict.explain()


@pytest.mark.parametrize("case", [c for c in CASES if c.values[0]["action"] == "block"])
def test_secret_form_masked(case: dict[str, Any]) -> None:
    """A blocked value is never repeated in the verdict's text."""
    verdict = GUARD.check_text(case["text"], source=Source.TOOL_OUTPUT)
    for f in _blocked(verdict):
        assert f.span is not None
        assert case["text"][f.span[0] : f.span[1]] not in verdict.explain()
