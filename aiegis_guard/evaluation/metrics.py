"""Confusion counts and the figures derived from them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Score", "format_table"]


@dataclass
class Score:
    """Counts for one (evaluation, group) row, e.g. ("secrets", "ETH_PRIVKEY", "rules")."""

    evaluation: str
    group: str
    detector: str = "guard"
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    notes: list[str] = field(default_factory=list)

    def add(self, *, expected: bool, predicted: bool) -> None:
        if expected and predicted:
            self.tp += 1
        elif expected:
            self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float | None:
        d = self.tp + self.fp
        return self.tp / d if d else None

    @property
    def recall(self) -> float | None:
        d = self.tp + self.fn
        return self.tp / d if d else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    @property
    def fpr(self) -> float | None:
        d = self.fp + self.tn
        return self.fp / d if d else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "evaluation": self.evaluation,
            "group": self.group,
            "detector": self.detector,
            "n": self.n,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "fpr": self.fpr,
            "notes": self.notes,
        }


def _fmt(x: float | None) -> str:
    return "    -" if x is None else f"{x:5.3f}"


def format_table(scores: list[Score]) -> str:
    head = (
        f"{'evaluation':<10} {'group':<34} {'detector':<8} {'n':>6} {'tp':>5} {'fp':>5} "
        f"{'fn':>5} {'tn':>5}  prec   rec    f1    fpr"
    )
    lines = [head, "-" * len(head)]
    for s in scores:
        lines.append(
            f"{s.evaluation:<10} {s.group[:34]:<34} {s.detector[:8]:<8} {s.n:>6} {s.tp:>5} "
            f"{s.fp:>5} {s.fn:>5} {s.tn:>5}  {_fmt(s.precision)} {_fmt(s.recall)} "
            f"{_fmt(s.f1)} {_fmt(s.fpr)}" + (f"  # {'; '.join(s.notes)}" if s.notes else "")
        )
    return "\n".join(lines)
