"""``aiegis-guard eval``: precision / recall / F1 / FPR on public data sets, by path.

Each evaluation module exposes ``evaluate(data_dir) -> list[Score]``; this package only
selects, runs and prints them. Data is read from ``--data`` (e.g. ``../shared/data``), never
copied into the repository. The ``effects`` set reads a vector table instead (``--vectors``,
default the repository's held-out ``tests/vectors/effects_real_2.json``) and prints block /
flag / allow rates per family (:mod:`aiegis_guard.evaluation.effects`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

from aiegis_guard.evaluation.metrics import Score, format_table

__all__ = ["Score", "run_eval"]

ALL_SETS = ("secrets", "pii", "injection", "sources")
SETS = (*ALL_SETS, "effects")


def _run_effects(vectors: Path | None, out: IO[str], as_json: bool) -> int:
    from aiegis_guard.evaluation.effects import default_vectors, evaluate_effects

    path = vectors or default_vectors()
    if path is None or not path.is_file():
        out.write(f"aiegis-guard eval: no effects vector table at {path or '--vectors'}\n")
        return 2
    report = evaluate_effects(path)
    rows = vectors is not None  # the default table is held out: rates and a count only
    text = json.dumps(report.to_dict(rows=rows), indent=2) if as_json else report.format(rows=rows)
    out.write(text + "\n")
    return 0


def run_eval(
    data_dir: Path | None,
    *,
    sets: Sequence[str] | None,
    out: IO[str],
    as_json: bool = False,
    vectors: Path | None = None,
    report: Path | None = None,
    model: Path | None = None,
    frozen: Path | None = None,
) -> int:
    """Run the chosen evaluations and print them (``report``: also an HTML page with plots
    and ``report.json`` in that directory). ``model``: a candidate classifier (a folder with
    ``manifest.json``) instead of the shipped one, for ``injection`` and ``sources``;
    ``frozen``: the one frozen set ``sources`` reads (default: both of the checkout's).
    Returns a process exit code."""
    if sets and "effects" in sets:
        code = _run_effects(vectors, out, as_json)
        sets = [s for s in sets if s != "effects"]
        if code or not sets:
            return code
    if data_dir is None or not data_dir.is_dir():
        out.write(f"aiegis-guard eval: {data_dir or '--data'} is not a directory\n")
        return 2
    scores: list[Score] = []
    rows: list[Any] = []
    for name in sets or ALL_SETS:
        if name == "secrets":
            from aiegis_guard.evaluation.secrets import evaluate as evaluate_secrets

            scores += evaluate_secrets(data_dir)
        elif name == "pii":
            from aiegis_guard.evaluation.pii import evaluate as evaluate_pii

            scores += evaluate_pii(data_dir)
        elif name == "injection":
            from aiegis_guard.evaluation.injection import evaluate as evaluate_injection

            scores += evaluate_injection(data_dir, model=model)
        elif name == "sources":
            from aiegis_guard.evaluation.sources import evaluate as evaluate_sources

            found, rows = evaluate_sources(data_dir, frozen, model=model)
            scores += found
    if report is not None:
        from aiegis_guard.evaluation.report import write_report

        write_report(report, scores, rows)
    if as_json:
        out.write(json.dumps([s.to_dict() for s in scores], indent=2) + "\n")
    else:
        out.write(format_table(scores) + "\n")
    return 0
