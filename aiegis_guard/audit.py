"""Audit trail: a JSONL decision log and structured JSON logging. Everything is masked.

* :class:`AuditLog` (``[audit] path``) appends one JSON object per decision::

    {"time": "2026-05-21T10:00:00.123Z", "kind": "text", "source": "tool_input",
     "action": "block", "rule_ids": ["secret.evm_private_key"], "previews": ["0x4c…[66 chars]"],
     "findings": [{"rule_id": ..., "action": ..., "severity": ..., "span": [..], "preview": ..}],
     "degraded": false, "tainted_by": [], "elapsed_ms": 0.21}

  ``kind`` is ``text`` / ``transaction`` / ``approval``...; callers may add fields
  (``AuditLog.record(kind, verdict, tool="transfer")``). Allowed verdicts are logged unless
  ``include_allow = false``.
* :class:`JsonFormatter` renders ``logging`` records as one JSON object per line, merging the
  ``extra={"aiegis": {...}}`` payload the Guard attaches; :func:`json_logging` installs it.

Findings never hold raw secrets, and neither log carries messages' inputs, redacted texts or
evidence. As a last line of defence every line is scrubbed: any run of 32+ base64/hex/base58
characters mixing letters and digits (a key, a seed, a token) is masked before it is written.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from aiegis_guard.charclass import BASE64, runs
from aiegis_guard.config import AuditSettings
from aiegis_guard.redact import mask
from aiegis_guard.verdict import Verdict

__all__ = ["AuditLog", "JsonFormatter", "decision_record", "json_logging", "scrub"]

SCRUB_MIN = 32
"""Shortest letter+digit token that :func:`scrub` masks (rule ids and words are shorter)."""
_NEVER_LOGGED = frozenset(("redacted_text", "message_text", "text"))


def scrub(line: str) -> str:
    """Mask every long letters-and-digits token (keys, seeds, API tokens) in ``line``."""
    spans = [
        (s, e)
        for s, e in runs(line, BASE64, SCRUB_MIN)
        if not line[s:e].isalpha() and not line[s:e].isdigit()
    ]
    if not spans:
        return line
    out: list[str] = []
    last = 0
    for s, e in spans:
        out.append(line[last:s])
        out.append(mask(line[s:e]))
        last = e
    out.append(line[last:])
    return "".join(out)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def decision_record(kind: str, verdict: Verdict, **extra: Any) -> dict[str, Any]:
    """The audit line for one decision (masked previews, no messages or evidence)."""
    return {
        "time": _now(),
        "kind": kind,
        "source": verdict.source.value if verdict.source else None,
        "action": verdict.action.value,
        "rule_ids": list(verdict.rule_ids),
        "previews": [f.preview for f in verdict.findings if f.preview],
        "findings": [
            {
                "rule_id": f.rule_id,
                "action": f.action.value,
                "severity": str(f.severity),
                "span": list(f.span) if f.span else None,
                "preview": f.preview,
            }
            for f in verdict.findings
        ],
        "degraded": verdict.degraded,
        "tainted_by": list(verdict.tainted_by),
        "elapsed_ms": round(verdict.elapsed_ms, 4),
        **extra,
    }


class AuditLog:
    """Append-only JSONL decision log. Thread-safe; each line is one ``O_APPEND`` write of a
    freshly opened file, so forks, several processes and log rotation need no care."""

    def __init__(self, settings: AuditSettings | str | Path) -> None:
        if not isinstance(settings, AuditSettings):
            settings = AuditSettings(path=Path(settings))
        if settings.path is None:
            raise ValueError("AuditLog needs a path")
        self.path = settings.path
        self.include_allow = settings.include_allow
        self._lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def record(self, kind: str, verdict: Verdict, **extra: Any) -> None:
        """Append the decision (skipped for ALLOW when ``include_allow`` is off)."""
        if verdict.allowed and not self.include_allow and not extra:
            return
        line = scrub(json.dumps(decision_record(kind, verdict, **extra), ensure_ascii=False))
        data = (line + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, data)
            finally:
                os.close(fd)


class JsonFormatter(logging.Formatter):
    """A ``logging`` formatter: one JSON object per record, merging ``extra={"aiegis": ...}``.

    Exceptions are reported by type only (their messages may quote inputs); the whole line is
    :func:`scrub`-bed.
    """

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload = getattr(record, "aiegis", None)
        if isinstance(payload, dict):
            out.update((k, v) for k, v in payload.items() if k not in _NEVER_LOGGED)
        if record.exc_info and record.exc_info[0] is not None:
            out["exc_type"] = record.exc_info[0].__name__
        return scrub(json.dumps(out, ensure_ascii=False, default=str))


def json_logging(level: int | str = logging.INFO, stream: IO[str] | None = None) -> logging.Handler:
    """Send the ``aiegis_guard`` logger to ``stream`` (stderr) as JSON lines; returns the
    handler (remove it with ``logging.getLogger("aiegis_guard").removeHandler(h)``)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("aiegis_guard")
    logger.addHandler(handler)
    logger.setLevel(level)
    return handler
