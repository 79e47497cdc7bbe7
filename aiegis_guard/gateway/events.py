"""Audit records of the gateway's state changes (breakers, limp mode, dependencies).

One JSON object per transition, ``{"time", "kind": "gateway", "what", "from", "to",
"trigger", "outcome"}``, appended to the ``[audit] path`` JSONL file next to the decision
records, and to the ``aiegis_guard`` logger. Every line is :func:`~aiegis_guard.audit.scrub`-bed;
triggers are written by the gateway itself (exception types, counts), never request content.
A bounded in-memory tail (``recent``) serves ``/readyz`` and tests.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiegis_guard.audit import scrub

__all__ = ["EventLog"]

log = logging.getLogger("aiegis_guard")


class EventLog:
    """Append-only transition log (thread-safe)."""

    def __init__(self, path: Path | None = None, *, keep: int = 256) -> None:
        self.path = path
        self.recent: deque[dict[str, Any]] = deque(maxlen=keep)
        self._lock = threading.Lock()
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)

    def record(self, what: str, old: str, new: str, trigger: str, outcome: str = "") -> None:
        """Record that ``what`` (``upstream:<url>``, ``limp:model``...) went ``old`` -> ``new``."""
        event = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "kind": "gateway",
            "what": what,
            "from": old,
            "to": new,
            "trigger": trigger,
            "outcome": outcome or new,
        }
        line = scrub(json.dumps(event, ensure_ascii=False))
        log.warning("aiegis_guard gateway %s: %s -> %s (%s)", what, old, new, trigger)
        with self._lock:
            self.recent.append(json.loads(line))
            if self.path is None:
                return
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, (line + "\n").encode("utf-8"))
            finally:
                os.close(fd)
