"""Leave-sources-out figures for the public sources the shipped model is trained on.

    .venv/bin/python training/train_student.py --data ../shared/data --epochs 1 \
        --out training/out/fold0 --exclude injecagent,spikee,eips-ercs,janitr-scam
    .venv/bin/python training/train_student.py --data ../shared/data --epochs 1 \
        --out training/out/fold1 --exclude llmail-inject,gandalf,bfcl,agent-tool-docs
    .venv/bin/python training/public_folds.py --data ../shared/data \
        --fold training/out/fold0 --fold training/out/fold1  # -> training/out/public_folds.json

The folds are ``build_data.PUBLIC_FOLDS``; one epoch each, the shipped model's best epoch.
Each fold model never saw the public sources it excludes (``train_meta.json`` says which);
each of those sources is judged here by the Guard (rules + that fold model at its own
dev-chosen thresholds, or at the shipped model's held document threshold with
``--document-threshold``), exactly as ``aiegis-guard eval --set
sources`` judges it. Every public source is excluded by exactly one fold, so every source gets
a figure from a model that never saw it. ``write_manifest.py --folds`` records the result.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from write_manifest import install  # noqa: E402

from aiegis_guard.evaluation.sources import load_rows, score_rows, scores_of  # noqa: E402


def fold_scores(
    data: Path, fold: Path, document: float | None = None
) -> dict[str, dict[str, object]]:
    """Per excluded source and detector: the Guard's counts with this fold's model."""
    excluded = json.loads((fold / "train_meta.json").read_text())["excluded_public"]
    candidate = fold / "candidate"
    manifest = install(fold, candidate, document)
    (candidate / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    rows = [r for r in load_rows(data, frozen=fold / "no-frozen-set") if r.source in excluded]
    score_rows(rows, candidate)
    out: dict[str, dict[str, object]] = {}
    for s in scores_of(rows):
        d = s.to_dict()
        out.setdefault(s.group, {"fold": fold.name})[s.detector] = {
            k: d[k] for k in ("n", "tp", "fp", "fn", "tn", "recall", "fpr")
        }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--fold", type=Path, action="append", required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "out" / "public_folds.json")
    ap.add_argument(
        "--document-threshold", type=float, help="as the shipped model's (write_manifest.py)"
    )
    args = ap.parse_args()
    result: dict[str, dict[str, object]] = {}
    for fold in args.fold:
        result.update(fold_scores(args.data, fold, args.document_threshold))
    args.out.write_text(json.dumps(result, indent=2) + "\n")
    for group, dets in sorted(result.items()):
        g = dets["guard"]
        assert isinstance(g, dict)
        print(f"{group:28s} {dets['fold']}: recall {g['recall']} fpr {g['fpr']} (n {g['n']})")


if __name__ == "__main__":
    main()
