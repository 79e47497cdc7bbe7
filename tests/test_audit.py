"""Audit trail: the JSONL decision log and JSON logging carry decisions, never raw secrets."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiegis_guard import Action, Category, Finding, Guard, Severity, Source
from aiegis_guard.audit import AuditLog, JsonFormatter, json_logging, scrub
from aiegis_guard.config import AuditSettings, Config
from aiegis_guard.normalize import Layer
from aiegis_guard.policy import Mode, PiiType, Policy
from aiegis_guard.scanners import ScanContext, Stage
from aiegis_guard.verdict import Verdict

NEEDLE_RE = re.compile(r"NEEDLE-[0-9a-f]{40}")


def _fresh_key() -> str:
    return "0x" + os.urandom(32).hex()  # generated per run, never funded


def _leaky_stage(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """A buggy detector that puts the raw value into its preview and message."""
    return [
        Finding(rule_id="test.leaky", category=Category.SECRET, severity=Severity.HIGH,
                action=Action.BLOCK, message=f"found {m.group(0)}", span=m.span(),
                preview=m.group(0))
        for m in NEEDLE_RE.finditer(layer.text)
    ]  # fmt: skip


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = json_logging(logging.INFO, stream)
    try:
        yield stream
    finally:
        logging.getLogger("aiegis_guard").removeHandler(handler)


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_decision_log_fields(tmp_path: Path) -> None:
    """Each decision is a JSON line: time, kind, source, action, rule ids, previews, elapsed."""
    path = tmp_path / "logs" / "audit.jsonl"
    guard = Guard(Config(policy=Policy(), audit=AuditSettings(path=path)), classifier=False)
    key = _fresh_key()
    guard.check_text(f"my PRIVATE_KEY={key}", source=Source.TOOL_INPUT)
    guard.check_text("what is the ETH price?", source="prompt")
    first, second = _lines(path)
    assert {"time", "kind", "source", "action", "rule_ids", "previews", "elapsed_ms"} <= set(first)
    assert first["kind"] == "text" and first["source"] == "tool_input"
    assert first["action"] == "block" and "secret.evm_private_key" in first["rule_ids"]
    assert str(first["time"]).endswith("Z")
    assert second["action"] == "allow" and second["rule_ids"] == []
    assert key not in path.read_text("utf-8") and key[2:] not in path.read_text("utf-8")


def test_include_allow_off_and_extra_fields(tmp_path: Path) -> None:
    """include_allow = false skips ALLOW decisions; callers' extra fields are always logged."""
    path = tmp_path / "audit.jsonl"
    audit = AuditLog(AuditSettings(path=path, include_allow=False))
    allow = Verdict(action=Action.ALLOW, source=Source.TOOL_OUTPUT)
    audit.record("text", allow)
    audit.record("approval", allow, approval="approved", tool="transfer")
    audit.record("text", Verdict(action=Action.FLAG))
    assert [(x["kind"], x.get("tool")) for x in _lines(path)] == [
        ("approval", "transfer"),
        ("text", None),
    ]


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("NEEDLE-" + "ab12" * 10, id="leaky-stage-hex-token"),
    ],
)
def test_leaky_stage_is_scrubbed(tmp_path: Path, json_log: io.StringIO, value: str) -> None:
    """Even a detector that leaks its value into preview/message cannot leak it into logs."""
    path = tmp_path / "audit.jsonl"
    guard = Guard(Policy(), stages=(Stage("leaky", _leaky_stage),), classifier=False,
                  audit=AuditLog(path))  # fmt: skip
    verdict = guard.check_text(f"data {value} end")
    assert verdict.action is Action.BLOCK
    assert value[7:] not in path.read_text("utf-8")
    assert value[7:] not in json_log.getvalue()
    assert "test.leaky" in json_log.getvalue()


def test_json_logging_of_decisions(json_log: io.StringIO) -> None:
    """Non-allow decisions are logged as structured JSON with the verdict, masked."""
    key = _fresh_key()
    guard = Guard(Policy(pii={PiiType.EMAIL: Mode.REDACT}), classifier=False)
    verdict = guard.check_text(f"mail bob@example.com: PRIVATE_KEY={key}", source="tool_input")
    assert verdict.action is Action.BLOCK and verdict.redacted_text is not None
    guard.check_text(f"my private key is {key}", source="llm_output")
    records = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert len(records) == 2
    for record in records:
        assert {"time", "level", "logger", "message", "action", "findings"} <= set(record)
        assert record["logger"] == "aiegis_guard"
        assert "redacted_text" not in record
    assert key not in json_log.getvalue() and key[2:] not in json_log.getvalue()


def test_formatter_reports_exception_type_only() -> None:
    """A logged exception shows its type, never its message (which may quote input)."""
    secret = "sk-" + os.urandom(20).hex()
    try:
        raise ValueError(f"cannot parse {secret}")
    except ValueError:
        record = logging.getLogger("aiegis_guard").makeRecord(
            "aiegis_guard", logging.ERROR, __file__, 1, "stage failed", (), sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert json.loads(line)["exc_type"] == "ValueError"
    assert secret not in line


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        pytest.param('{"rule_ids": ["address.unknown_recipient"]}', True, id="rule-ids-kept"),
        pytest.param('{"preview": "0x4c08…[66 chars]"}', True, id="masked-preview-kept"),
        pytest.param('{"time": "2026-05-21T10:00:00.123Z"}', True, id="timestamps-kept"),
        pytest.param('{"x": "' + "internationalizationandlocalization" + '"}', True,
                     id="long-words-kept"),
        pytest.param('{"x": "0x' + "9f" * 32 + '"}', False, id="hex64-masked"),
        pytest.param('{"x": "' + "QUJD" * 10 + '1"}', False, id="base64-token-masked"),
    ],
)  # fmt: skip
def test_scrub(line: str, kept: bool) -> None:
    """scrub() masks long letter+digit tokens and leaves rule ids, words and times alone."""
    assert (scrub(line) == line) is kept
    json.loads(scrub(line))


def test_log_survives_rotation_and_threads(tmp_path: Path) -> None:
    """Concurrent writers produce whole lines; a rotated-away file is recreated."""
    path = tmp_path / "audit.jsonl"
    audit = AuditLog(path)
    verdict = Verdict(action=Action.FLAG, source=Source.TOOL_INPUT)

    def write() -> None:
        for _ in range(50):
            audit.record("text", verdict)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(_lines(path)) == 200
    path.rename(tmp_path / "audit.jsonl.1")
    audit.record("text", verdict)
    assert len(_lines(path)) == 1
