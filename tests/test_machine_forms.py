"""Secrets as machines and tools emit them (tests/vectors/machine_forms.json, the classes of
secret_forms_dev9's misses): phrases over escaped lines, markup lines, quoted parts and
zero-based form fields; keys in typed attributes, printf traces, QR decodes and key tools;
keystores with their password file. Each class with near twins that must stay unblocked."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category
from tests.conftest import VECTORS

CASES = json.loads((VECTORS / "machine_forms.json").read_text(encoding="utf-8"))["cases"]
GUARD = Guard(Policy(), classifier=False)


def _blocked(text: str) -> list[Any]:
    verdict = GUARD.check_text(text, source="tool_output")
    return [
        f for f in verdict.findings if f.category is Category.SECRET and f.action is Action.BLOCK
    ]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_machine_form(case: dict[str, Any]) -> None:
    """Positives are blocked as a wallet secret; near twins are not."""
    blocked = _blocked(case["text"])
    assert bool(blocked) is (case["action"] == "block"), [f.rule_id for f in blocked]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c["id"]) for c in CASES if c["action"] == "block"]
)
def test_machine_form_masked(case: dict[str, Any]) -> None:
    """No 12-character piece of a blocked value shows in the verdict."""
    text = case["text"]
    verdict = GUARD.check_text(text, source="tool_output")
    shown = json.dumps(verdict.to_dict())
    for f in _blocked(text):
        assert f.span is not None and f.redact
        value = text[f.span[0] : f.span[1]]
        pieces = {value[i : i + 12] for i in range(6, max(7, len(value) - 12), 6)}
        assert not [p for p in pieces if len(p) == 12 and p in shown]


def test_phrase_numbered_backwards_is_redacted_whole() -> None:
    """A phrase numbered from its last word down keeps a span over all its words."""
    case = next(c for c in CASES if c["id"] == "zero-based:array-dump")
    verdict = GUARD.check_text(case["text"], source="tool_output")
    words = [line.split()[1] for line in case["text"].splitlines()]
    hits = [f for f in verdict.findings if f.rule_id == "secret.bip39_mnemonic"]
    assert hits and hits[0].span is not None
    assert hits[0].span[0] <= 1 and hits[0].span[1] == len(case["text"])
    assert verdict.redacted_text is not None
    assert not [w for w in words if w in verdict.redacted_text.split()]


@pytest.mark.parametrize(
    "text",
    [
        "vinte e-um: abc; doze: xyz",
        "TWENTY one: a; twelve: b",
        "1\ufe0f\u20e32\ufe0f\u20e3 \U0001f51f",
        "\U0001f51f 1\ufe0f\u20e32\ufe0f\u20e3",
        "user: a\nassistant: b\nuser: c",
        'echo "$X" > pw.txt --password pw.txt',
    ],
)
def test_odd_spellings_never_break_a_stage(text: str) -> None:
    """Mixed spellings of numbers, keycaps at the edges, bare chats: no stage error."""
    verdict = GUARD.check_text(text, source="tool_output")
    assert not [f for f in verdict.findings if f.rule_id == "guard.stage_error"]
