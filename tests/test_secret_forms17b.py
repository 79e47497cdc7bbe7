"""review17b's secret-scanner findings as form classes (tests/vectors/secret_forms17b.json): a
private key named as one and written as a file's name (B0), credentials padded with filler,
behind another provider's prefix or of a kind no provider rule knows (B5), other chains' public
addresses and paging / idempotency tokens under a ``…Token`` name (B7); each with the near
twins (digests in paths, templates, secrets of the same chains) on the other side."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from aiegis_guard.scanners.public_values import public_chain_value
from tests.conftest import VECTORS

FORMS = json.loads((VECTORS / "secret_forms17b.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), classifier=False)


def _blocked(verdict: Any) -> list[Any]:
    return [
        f for f in verdict.findings if f.category is Category.SECRET and f.action is Action.BLOCK
    ]


@pytest.mark.parametrize("source", [Source.TOOL_OUTPUT, Source.TOOL_INPUT])
@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in FORMS["cases"]])
def test_secret_form17b(case: dict[str, Any], source: Source) -> None:
    """Positives are blocked as a secret; near twins are not."""
    verdict = GUARD.check_text(case["text"], source=source)
    assert bool(_blocked(verdict)) is (case["action"] == "block"), verdict.explain()


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["id"]) for c in FORMS["cases"] if c["action"] == "block"]
)
def test_secret_form17b_masked(case: dict[str, Any]) -> None:
    """A blocked value is never repeated in the verdict's text."""
    verdict = GUARD.check_text(case["text"], source=Source.TOOL_OUTPUT)
    for f in _blocked(verdict):
        assert f.span is not None
        assert case["text"][f.span[0] : f.span[1]] not in verdict.explain()


def test_public_value_needs_its_checksum() -> None:
    """A public form is read by its own checksum: one changed character is no address."""
    tron = next(c for c in FORMS["cases"] if c["id"] == "public-token:tron")
    value = json.loads(tron["text"])["usdtToken"]
    assert public_chain_value(value) == "public:base58check-address"
    flipped = value[:-1] + ("2" if value[-1] != "2" else "3")
    assert public_chain_value(flipped) is None
