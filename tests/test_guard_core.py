"""The Guard's own duties: fail closed, bounded chunks, bytes, spans, policy decisions."""

from __future__ import annotations

import re

import pytest

from aiegis_guard import Action, Category, Finding, Guard, Severity, Source, decide
from aiegis_guard.normalize import Layer
from aiegis_guard.pipeline import CHUNK_CHARS, CHUNK_OVERLAP
from aiegis_guard.policy import Mode, Policy
from aiegis_guard.scanners import ScanContext, Stage

SECRET_WORD = "HUNTER2-SUPER-SECRET-VALUE"


def _needle_stage(layer: Layer, ctx: ScanContext) -> list[Finding]:
    return [
        Finding(
            rule_id="test.needle",
            category=Category.SECRET,
            severity=Severity.HIGH,
            action=Action.BLOCK,
            message="needle",
            span=m.span(),
            preview="NE…",
        )
        for m in re.finditer("NEEDLE", layer.text)
    ]


def _crashing_stage(layer: Layer, ctx: ScanContext) -> list[Finding]:
    raise ValueError(f"cannot parse {layer.text}")


def test_stage_crash_fails_closed_without_leaking() -> None:
    """A crashing detector yields guard.stage_error, BLOCKs, and never quotes the input."""
    guard = Guard(Policy(), stages=(Stage("boom", _crashing_stage),), classifier=False)
    verdict = guard.check_text(f"key={SECRET_WORD}")
    assert verdict.action is Action.BLOCK
    assert verdict.rule_ids == ("guard.stage_error",)
    assert SECRET_WORD not in verdict.to_json()
    assert SECRET_WORD not in verdict.explain()


def test_on_error_flag_policy() -> None:
    """[guard] on_error = flag turns a crash into FLAG, still not ALLOW."""
    guard = Guard(
        Policy(on_error=Action.FLAG), stages=(Stage("boom", _crashing_stage),), classifier=False
    )
    assert guard.check_text("anything").action is Action.FLAG


def test_invalid_utf8_bytes_are_flagged_not_lost() -> None:
    """Non-UTF-8 bytes are decoded with replacement, scanned, and reported."""
    guard = Guard(Policy(), stages=(Stage("needle", _needle_stage),), classifier=False)
    verdict = guard.check_text(b"\xff\xfe garbage NEEDLE \xc3")
    assert "input.invalid_utf8" in verdict.rule_ids
    assert "test.needle" in verdict.rule_ids
    assert verdict.action is Action.BLOCK


@pytest.mark.parametrize(
    "position",
    [
        pytest.param(0, id="start"),
        pytest.param(CHUNK_CHARS - CHUNK_OVERLAP - 3, id="across-first-border"),
        pytest.param(CHUNK_CHARS - 3, id="end-of-first-chunk"),
        pytest.param(3 * CHUNK_CHARS + 17, id="deep"),
    ],
)
def test_long_input_is_chunked_and_spans_are_global(position: int) -> None:
    """A needle anywhere in a multi-MB input is found once, with its global span."""
    text = ("x" * position) + "NEEDLE" + ("y" * (4 * CHUNK_CHARS))
    guard = Guard(Policy(), stages=(Stage("needle", _needle_stage),), classifier=False)
    verdict = guard.check_text(text)
    spans = [f.span for f in verdict.findings if f.rule_id == "test.needle"]
    assert spans == [(position, position + 6)]


def test_spans_point_into_original_through_obfuscation() -> None:
    """A needle hidden by zero-width chars and confusables maps back to the original span."""
    original = "pre N\u200bЕЕDLE post"  # Cyrillic Е, zero-width space
    guard = Guard(Policy(), stages=(Stage("needle", _needle_stage),), classifier=False)
    verdict = guard.check_text(original)
    [finding] = [f for f in verdict.findings if f.rule_id == "test.needle"]
    assert finding.span is not None
    assert original[finding.span[0] : finding.span[1]] == "N\u200bЕЕDLE"


def test_decide_applies_modes_and_redaction() -> None:
    """decide() is pure: per-rule modes override, REDACT allows and marks the span."""
    f = Finding(
        rule_id="pii.email",
        category=Category.PII,
        severity=Severity.LOW,
        action=Action.FLAG,
        message="email",
        span=(0, 5),
    )
    assert decide([f], Policy()).action is Action.FLAG
    redacting = Policy(rules={"pii.*": Mode.REDACT})
    v = decide([f], redacting)
    assert v.action is Action.ALLOW and v.findings[0].redact
    assert decide([f], Policy(rules={"pii.email": Mode.BLOCK})).action is Action.BLOCK


def test_degraded_value_moving_is_never_allowed() -> None:
    """Limp mode: a value-moving check with no findings FLAGs."""
    v = decide([], Policy(), value_moving=True, degraded=True)
    assert v.action is Action.FLAG and v.rule_ids == ("guard.degraded",)
    assert decide([], Policy(), value_moving=False, degraded=True).action is Action.ALLOW


def test_redact_mode_returns_masked_text() -> None:
    """A REDACT rule returns the text with the span replaced."""
    guard = Guard(
        Policy(rules={"test.needle": Mode.REDACT}),
        stages=(Stage("n", _needle_stage),),
        classifier=False,
    )
    v = guard.check_text("a NEEDLE b", source=Source.TOOL_OUTPUT)
    assert v.action is Action.ALLOW
    assert v.redacted_text == "a [REDACTED] b"
