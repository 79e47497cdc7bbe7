"""Every form class of issue 13 in many variants (tests/vectors/secret_variants.json): keys in
code calls of many libraries and languages, JSON-RPC key params, generic and non-English labels,
descriptors, seed words with odd separators / numbering / HTML, secrets split in labelled parts,
base64 in manifests (wrapped, doubled, in a Secret), Solana byte arrays / base64 / seeds, WIF,
PEM; and the near misses (hashes, Aptos/Sui values, placeholders, u256 halves, signatures)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category
from tests.conftest import VECTORS

VARIANTS = json.loads((VECTORS / "secret_variants.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), classifier=False)


def _secret(verdict: Any, action: Action) -> list[Any]:
    return [f for f in verdict.findings if f.category is Category.SECRET and f.action is action]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in VARIANTS["cases"]])
def test_secret_variant(case: dict[str, Any]) -> None:
    """Positives are blocked as a wallet secret; near misses are not (a FLAG where stated)."""
    verdict = GUARD.check_text(case["text"], source="tool_output")
    blocked = _secret(verdict, Action.BLOCK)
    if case["action"] == "block":
        assert blocked, verdict.explain()
    else:
        assert not blocked, verdict.explain()
        assert bool(_secret(verdict, Action.FLAG)) is (case["action"] == "flag"), verdict.explain()


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["id"]) for c in VARIANTS["cases"] if c["action"] == "block"]
)
def test_secret_variant_masked(case: dict[str, Any]) -> None:
    """No 12-character piece of a blocked value shows in the verdict; the text is redacted."""
    text = case["text"]
    verdict = GUARD.check_text(text, source="tool_output")
    shown = json.dumps(verdict.to_dict())
    headers = re.findall(r"-----[A-Z ]+-----", text)  # a PEM label is not key material
    for f in _secret(verdict, Action.BLOCK):
        assert f.span is not None and f.redact
        value = text[f.span[0] : f.span[1]]
        pieces = {value[i : i + 12] for i in range(6, max(7, len(value) - 12), 6)}
        pieces = {p for p in pieces if len(p) == 12 and not any(p in h for h in headers)}
        assert not [p for p in pieces if p in shown]
    assert verdict.redacted_text is not None and "[REDACTED]" in verdict.redacted_text
