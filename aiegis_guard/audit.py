"""Audit trail: a JSONL decision log and structured JSON logging. Everything is masked.

Findings never hold raw secrets, so a verdict can be written as is; the log adds time and kind.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

from aiegis_guard.config import AuditSettings
from aiegis_guard.verdict import Verdict

__all__ = ["AuditLog", "JsonFormatter"]


class AuditLog:
    """Append-only JSONL decision log: time, kind, source, action, rule ids, previews, elapsed."""

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
        if verdict.allowed and not self.include_allow and not extra:
            return
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z",
            "kind": kind,
            "source": verdict.source.value if verdict.source else None,
            "action": verdict.action.value,
            "rule_ids": list(verdict.rule_ids),
            "previews": [f.preview for f in verdict.findings if f.preview],
            "degraded": verdict.degraded,
            "tainted_by": list(verdict.tainted_by),
            "elapsed_ms": round(verdict.elapsed_ms, 4),
            **extra,
        }
        data = json.dumps(line, ensure_ascii=False) + "\n"
        with self._lock, self.path.open("a", encoding="utf-8") as fh:
            fh.write(data)


class JsonFormatter(logging.Formatter):
    """A ``logging`` formatter: one JSON object per record, merging ``extra={"aiegis": ...}``."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        payload = getattr(record, "aiegis", None)
        if isinstance(payload, dict):
            out.update(payload)
        return json.dumps(out, ensure_ascii=False)
