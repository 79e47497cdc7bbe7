"""Run taint: once a run has read injected content, its value-moving actions need a human.

An injection rarely arrives in the same message as the transfer it asks for: it sits in a
tool output, a retrieved document or a memory entry, and the model obeys it a few steps
later with arguments that look clean. So the guard remembers, per run, *which* untrusted
sources were flagged (``"retrieved:doc-3"``, ``"tool_output:read_docs"``) and adds a
``taint.run`` finding to every later value-moving action of that run::

    store = guard.taint                      # one store per Guard, shared by every surface
    key = store.link(run_id, parent_run_id)  # the root run (or the thread) owning this run
    if taints(verdict):
        store.mark(key, "tool_output:read_docs")
    ...
    guard.check_action(args, tainted_by=store.tainted_by(key))  # FLAG (or BLOCK by policy)

Memory is bounded: a run-keyed entry is evicted when its root run ends, a thread-keyed entry
(LangGraph ``thread_id``: it must survive an interrupt and its resume) lives until it falls
out of the LRU (``max_keys``) or its TTL. Pure Python, no LangChain.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field

from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.policy import TaintMode
from aiegis_guard.verdict import Verdict

__all__ = [
    "TAINTING_CATEGORIES",
    "TAINT_RULE",
    "TaintStore",
    "merge_sources",
    "taint_finding",
    "taints",
]

TAINT_RULE = "taint.run"
TAINTING_CATEGORIES = frozenset({Category.INJECTION, Category.DRAINER})
MAX_SOURCES = 16  # a run names at most this many tainting sources (the first ones win)


def taints(verdict: Verdict) -> bool:
    """Does reading this content taint the run? (an injection / redirect / smuggling finding)

    Only findings the policy did not turn off count: an ``obfuscation.*`` payload or an
    ``injection.*`` / ``drainer.*`` rule judged FLAG or BLOCK.
    """
    return any(
        f.action is not Action.ALLOW
        and (f.category in TAINTING_CATEGORIES or f.rule_id.startswith("obfuscation."))
        for f in verdict.findings
    )


def taint_finding(sources: Iterable[str], mode: TaintMode) -> Finding | None:
    """The ``taint.run`` finding for a value-moving action in a tainted run (None if clean)."""
    named = tuple(dict.fromkeys(sources))
    if not named or mode is TaintMode.OFF:
        return None
    action = Action.BLOCK if mode is TaintMode.BLOCK else Action.FLAG
    return Finding(
        rule_id=TAINT_RULE,
        category=Category.TAINT,
        severity=Severity.HIGH,
        action=action,
        message=(
            f"this run read content flagged as injection ({', '.join(named[:3])}"
            f"{', ...' if len(named) > 3 else ''}); a value-moving action needs a human"
        ),
        evidence=tuple(f"tainted-by:{s}" for s in named),
    )


def merge_sources(left: Iterable[str] | None, right: Iterable[str] | None) -> list[str]:
    """Union of two source lists, first seen first, at most :data:`MAX_SOURCES`.

    Also the LangGraph reducer of the middleware's ``aiegis_taint`` state key (parallel tool
    calls may taint the same step).
    """
    merged = list(dict.fromkeys([*(left or ()), *(right or ())]))
    return merged[:MAX_SOURCES]


@dataclass
class _Entry:
    touched: float
    sources: list[str] = field(default_factory=list)
    seen: set[Hashable] = field(default_factory=set)
    runs: set[Hashable] = field(default_factory=set)  # run ids linked to this root


class TaintStore:
    """Per-run taint and "already checked" memo, keyed by the root run or the thread.

    Thread-safe. ``link`` learns the run tree from callback events (run id -> root);
    ``end`` evicts a finished root run; the LRU / TTL cap bounds runs that never end.
    """

    def __init__(
        self,
        *,
        max_keys: int = 10_000,
        ttl_seconds: float = 3600.0,
        max_seen: int = 4096,
        max_links: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_keys = max_keys
        self.ttl_seconds = ttl_seconds
        self.max_seen = max_seen
        self.max_links = max_links
        self._clock = clock
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self._root_of: dict[Hashable, Hashable] = {}

    def __len__(self) -> int:
        return len(self._entries)

    # --- the run tree ------------------------------------------------------------------

    def link(
        self, run_id: Hashable, parent_run_id: Hashable | None = None, *, thread: str | None = None
    ) -> Hashable:
        """Record ``run_id``'s place in its run tree and return the key its taint lives under.

        The key is ``("thread", thread)`` when the run belongs to a LangGraph thread, else
        the root run id (the parent's root when the parent was linked, else the parent).
        """
        with self._lock:
            root = self._root_of.get(parent_run_id, parent_run_id) if parent_run_id else run_id
            if run_id not in self._root_of:
                self._root_of[run_id] = root
                self._touch(root).runs.add(run_id)
                if len(self._root_of) > self.max_links:
                    self._root_of.pop(next(iter(self._root_of)))
            return ("thread", thread) if thread else root

    def key_of(self, run_id: Hashable, *, thread: str | None = None) -> Hashable:
        """The key a run's taint lives under (its root run when known, else the run itself)."""
        if thread:
            return ("thread", thread)
        with self._lock:
            return self._root_of.get(run_id, run_id)

    def end(self, run_id: Hashable) -> None:
        """A root run ended: forget it and every run linked under it (thread keys stay)."""
        with self._lock:
            entry = self._entries.pop(run_id, None)
            self._root_of.pop(run_id, None)
            if entry is not None:
                for run in entry.runs:
                    self._root_of.pop(run, None)

    # --- taint -------------------------------------------------------------------------

    def mark(self, key: Hashable, source: str) -> None:
        """Record that the run under ``key`` read flagged content from ``source``."""
        with self._lock:
            entry = self._touch(key)
            if source not in entry.sources and len(entry.sources) < MAX_SOURCES:
                entry.sources.append(source)

    def tainted_by(self, key: Hashable) -> tuple[str, ...]:
        """The sources that tainted the run under ``key`` (empty when clean or unknown)."""
        with self._lock:
            entry = self._live(key)
            return tuple(entry.sources) if entry else ()

    def seen(self, key: Hashable, fingerprint: Hashable) -> bool:
        """True if ``fingerprint`` was already checked in this run; records it otherwise."""
        with self._lock:
            entry = self._touch(key)
            if fingerprint in entry.seen:
                return True
            if len(entry.seen) >= self.max_seen:
                entry.seen.clear()
            entry.seen.add(fingerprint)
            return False

    # --- bounded memory ----------------------------------------------------------------

    def _live(self, key: Hashable) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is not None and self._clock() - entry.touched > self.ttl_seconds:
            self._drop(key)
            return None
        return entry

    def _touch(self, key: Hashable) -> _Entry:
        now = self._clock()
        entry = self._live(key)
        if entry is None:
            entry = self._entries[key] = _Entry(touched=now)
            while len(self._entries) > self.max_keys:
                self._drop(next(iter(self._entries)))
        else:
            entry.touched = now
            self._entries.move_to_end(key)
        return entry

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            for run in entry.runs:
                self._root_of.pop(run, None)
