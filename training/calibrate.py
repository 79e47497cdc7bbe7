"""Choose the dev FPR bounds from leave-one-source-out scores (``loso_scores.json``).

    .venv/bin/python training/calibrate.py training/out/loso_scores.json

In-distribution dev rows are easy: a threshold at 0.2% dev FPR says little about a benign
source the model never saw. Each LOSO fold scored its own dev rows and the rows of the
source it left out; for every candidate bound this prints, per fold, the FPR on the left-out
benign rows and the recall on the left-out attacks at the fold's own dev threshold for that
bound. The bound is then chosen so an *unseen* benign source stays within the target.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

BOUNDS = (0.01, 0.005, 0.002, 0.001, 0.0005, 0.0)


def threshold_at(scores: np.ndarray, max_fpr: float) -> float:
    neg = np.sort(scores)
    k = int(np.floor(len(neg) * (1 - max_fpr)))
    return float(neg[min(k, len(neg) - 1)]) + 1e-4


def main() -> None:
    folds = json.loads(Path(sys.argv[1]).read_text())
    for group in ("prompt", "document"):
        print(f"== {group}")
        for bound in BOUNDS:
            cells = []
            for fold, data in folds.items():
                dev = np.array([[x, y] for x, y, g in data["dev"] if g == group])
                held = np.array([[x, y] for x, y, g in data["held"] if g == group])
                if not len(dev) or not len(held):
                    continue
                thr = threshold_at(dev[dev[:, 1] == 0, 0], bound)
                neg, pos = held[held[:, 1] == 0, 0], held[held[:, 1] == 1, 0]
                fpr = f"FPR {np.mean(neg >= thr):.3f}" if len(neg) else ""
                rec = f"R {np.mean(pos >= thr):.3f}" if len(pos) else ""
                cells.append(f"{fold.split('/')[-1]}[{thr:.3f}] {fpr}{rec}")
            print(f"  bound {bound:<6}: " + "; ".join(cells))


if __name__ == "__main__":
    main()
