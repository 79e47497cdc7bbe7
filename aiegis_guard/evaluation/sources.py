"""``aiegis-guard eval --set sources``: per-source recall and false flags on text nobody here
wrote, and on the frozen independent set.

Sources (``<data>/pi`` and ``<data>/crypto``, each a ``data.jsonl`` of ``text`` / ``label``):
InjecAgent, LLMail-Inject, Gandalf, spikee, BFCL (negatives), EIP/ERC text and agent tool docs
(hard negatives), janitr scam posts. None of them was used to write the rules. The shipped model
is trained on ~90 % of each (janitr: its ordinary posts only), so with it these rows are *not*
leave-one-source-out for the model: ``training/public_folds.py`` judges each source with a fold
model that never saw it (``--model`` below takes such a folder), and the manifest records
those figures (``eval.public_sources_leave_out``). The frozen sets
(``tests/vectors/frozen_text*`` in a source checkout) are reported on their own, per class:
``frozen2`` and ``frozen3`` are held out; ``frozen-dev`` (the first set) has been a development
set since rules were written from its misses.

Detectors, from one Guard verdict per row (plus the model alone):

* ``rules``: any phrase-rule injection / drainer / exfiltration finding (not ``injection.intent``);
* ``intent``: ``injection.intent``;
* ``model``: ``injection.classifier``;
* ``guard``: any of them (what ``Guard()`` reports).

Prompts (Gandalf, spikee, BFCL user queries, frozen ``prompt`` rows) are judged as a public
agent judges them (``[guard] audience = "public"``) except a frozen set's ``user_request`` and
``owner_ops`` rows, which are an owner's requests. Per row the classifier's best-window score,
the intent score and the latency are kept for the report's plots (:mod:`.report`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiegis_guard.config import parse_config
from aiegis_guard.evaluation.metrics import Score
from aiegis_guard.findings import Category, Source
from aiegis_guard.guard import Guard

__all__ = [
    "DETECTORS",
    "Row",
    "default_frozen_path",
    "evaluate",
    "frozen_sets",
    "is_prompt",
    "load_rows",
    "score_rows",
]

DETECTORS = ("rules", "intent", "model", "guard")
RULE_CATEGORIES = frozenset({Category.INJECTION, Category.DRAINER, Category.EXFILTRATION})
SOURCES = {
    "injecagent": "pi/injecagent",
    "llmail-inject": "pi/llmail-inject",
    "gandalf": "pi/gandalf-ignore-instructions",
    "spikee": "pi/spikee",
    "bfcl": "pi/bfcl-function-calling",
    "eips-ercs": "crypto/ethereum-eips-ercs",
    "agent-tool-docs": "crypto/crypto-agent-tool-docs",
    "janitr-scam": "crypto/janitr-crypto-scam",
}
PROMPT_SOURCES = frozenset({"gandalf", "spikee"})
_OWNER_CLASSES = frozenset({"user_request", "owner_ops"})  # a frozen prompt row from the owner
MAX_ROWS_PER_SOURCE = 3000  # seeded, stratified by label: bounded run time


@dataclass
class Row:
    """One text with its label, where it reaches the agent and what the detectors said."""

    source: str
    group: str
    text: str
    label: bool
    where: Source
    public: bool
    flags: dict[str, bool] | None = None
    model_score: float = 0.0
    intent_score: float = 0.0
    ms: float = 0.0


def default_frozen_path() -> Path:
    """``tests/vectors/frozen_text`` in a source checkout."""
    return Path(__file__).resolve().parents[2] / "tests" / "vectors" / "frozen_text"


def _capped(rows: list[Row]) -> list[Row]:
    if len(rows) <= MAX_ROWS_PER_SOURCE:
        return rows
    pos = [r for r in rows if r.label]
    neg = [r for r in rows if not r.label]
    keep_pos = round(MAX_ROWS_PER_SOURCE * len(pos) / len(rows))
    step_p = max(1, len(pos) // max(1, keep_pos))
    step_n = max(1, len(neg) // max(1, MAX_ROWS_PER_SOURCE - keep_pos))
    return pos[::step_p] + neg[::step_n]


def is_prompt(source: str, item: Mapping[str, Any]) -> bool:
    """Whether a row of a public source is what a user types (Gandalf, spikee, BFCL's user
    queries) rather than what the agent reads."""
    return source in PROMPT_SOURCES or str(item.get("subset", "")).startswith("user_query")


def _data_rows(data_dir: Path) -> Iterator[Row]:
    for name, rel in SOURCES.items():
        path = data_dir / rel / "data.jsonl"
        if not path.is_file():
            continue
        rows = []
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            prompt = is_prompt(name, item)
            where = Source.PROMPT if prompt else Source.TOOL_OUTPUT
            rows.append(
                Row(name, f"source:{name}", item["text"], bool(int(item["label"])), where, prompt)
            )
        yield from _capped(rows)


def frozen_sets(frozen: Path | None = None) -> list[tuple[str, Path]]:
    """(name, folder) of each frozen set: ``frozen`` alone when given, else the checkout's
    ``frozen_text`` (a development set since rules were written from its misses on 2026-12-05)
    and ``frozen_text_2`` / ``frozen_text_3`` (held out: written independently, never looked at by
    the builders; the third since 2026-12-07)."""
    if frozen is not None:
        return [("frozen", frozen)]
    first = default_frozen_path()
    held_out = [(f"frozen{n}", first.with_name(f"frozen_text_{n}")) for n in (2, 3)]
    return [("frozen-dev", first), *held_out]


def _frozen_rows(frozen: Path, name: str = "frozen") -> Iterator[Row]:
    for file in ("attacks.jsonl", "benign.jsonl"):
        path = frozen / file
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            where = Source(item.get("source", "tool_output"))
            public = where is Source.PROMPT and item["class"] not in _OWNER_CLASSES
            label = item["label"] == "attack"
            yield Row(name, f"{name}:{item['class']}", item["text"], label, where, public)


def load_rows(data_dir: Path, frozen: Path | None = None) -> list[Row]:
    """Every row of the new sources (capped per source) and of the frozen set."""
    rows = list(_data_rows(data_dir))
    for name, folder in frozen_sets(frozen):
        rows += list(_frozen_rows(folder, name))
    return rows


def _guards(model: Path | None = None) -> dict[bool, tuple[Guard, Guard]]:
    """(rules+intent guard, model-only guard) per audience (public?); ``model``: a candidate
    classifier's folder instead of the shipped one."""
    out = {}
    classifier = {"classifier": {"path": str(model)}} if model else {}
    for public in (False, True):
        audience = {"guard": {"audience": "public" if public else "owner"}}
        config = parse_config({**audience, **classifier})
        out[public] = (Guard(config, classifier=False), Guard(config, stages=()))
    return out


def score_rows(rows: list[Row], model: Path | None = None) -> None:
    """Fill each row's flags, model score, intent score and latency."""
    from aiegis_guard.segment import language_view

    guards = _guards(model)
    for row in rows:
        rules_guard, model_guard = guards[row.public]
        verdict = rules_guard.check_text(row.text, source=row.where)
        judged = model_guard.check_text(row.text, source=row.where)
        ids = verdict.rule_ids
        rules = any(
            f.category in RULE_CATEGORIES and f.rule_id != "injection.intent"
            for f in verdict.findings
        )
        intent = "injection.intent" in ids
        by_model = "injection.classifier" in judged.rule_ids
        row.flags = {
            "rules": rules,
            "intent": intent,
            "model": by_model,
            "guard": rules or intent or by_model,
        }
        row.intent_score = max(
            (f.score or 0.0 for f in verdict.findings if f.rule_id == "injection.intent"),
            default=0.0,
        )
        clf = model_guard.classifier
        score = clf.score(language_view(row.text[:65536], numbers=False)) if clf else None
        row.model_score = score or 0.0
        row.ms = verdict.elapsed_ms + judged.elapsed_ms


def scores_of(rows: list[Row]) -> list[Score]:
    """Per group and detector, plus the frozen set as a whole."""
    table: dict[tuple[str, str], Score] = {}
    for row in rows:
        frozen = row.source.startswith("frozen")
        groups = [row.group] + ([f"{row.source}: ALL"] if frozen else [])
        for group in groups:
            for det in DETECTORS:
                key = (group, det)
                score = table.setdefault(key, Score("sources", group, det))
                score.add(expected=row.label, predicted=bool(row.flags and row.flags[det]))
    return [table[k] for k in sorted(table)]


def evaluate(
    data_dir: Path, frozen: Path | None = None, *, model: Path | None = None
) -> tuple[list[Score], list[Row]]:
    """Scores and the scored rows (for the report); ``model`` as in :func:`score_rows`."""
    rows = load_rows(Path(data_dir), frozen)
    score_rows(rows, model)
    return scores_of(rows), rows
