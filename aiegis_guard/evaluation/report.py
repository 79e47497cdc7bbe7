"""``aiegis-guard eval --report DIR``: an HTML page with plots next to the JSON.

No plotting dependency: the charts are inline SVG written here — per-source recall and
false-flag bars per detector, the classifier's score distribution (attacks vs benign), the
threshold curve (recall and false flags against the model threshold) and the latency
histogram. ``report.json`` holds every score row and the per-row figures the plots use.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from aiegis_guard.evaluation.metrics import Score

__all__ = ["write_report"]

W, H, PAD = 720, 260, 40
COLORS = {"rules": "#4c72b0", "intent": "#dd8452", "model": "#55a868", "guard": "#c44e52"}


def _svg(body: str, height: int = H) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{height}" '
        f'font-family="sans-serif" font-size="10">{body}</svg>'
    )


def _bars(title: str, groups: list[str], values: dict[str, list[float | None]]) -> str:
    """Grouped horizontal bars: one row per group, one bar per detector (0..1)."""
    dets = list(values)
    row_h = 6 * len(dets) + 8
    height = PAD + row_h * len(groups) + 20
    left, width = 190, W - 190 - 20
    parts = [f'<text x="{left}" y="14" font-size="12">{html.escape(title)}</text>']
    for i, det in enumerate(dets):
        x = left + i * 90
        parts.append(f'<rect x="{x}" y="20" width="10" height="8" fill="{COLORS[det]}"/>')
        parts.append(f'<text x="{x + 14}" y="28">{det}</text>')
    for gi, group in enumerate(groups):
        y0 = PAD + gi * row_h
        parts.append(f'<text x="{left - 4}" y="{y0 + row_h / 2}" text-anchor="end">'
                     f"{html.escape(group[:34])}</text>")  # fmt: skip
        for di, det in enumerate(dets):
            v = values[det][gi]
            if v is None:
                continue
            y = y0 + di * 6
            parts.append(f'<rect x="{left}" y="{y}" width="{v * width:.1f}" height="5" '
                         f'fill="{COLORS[det]}"><title>{det} {v:.3f}</title></rect>')  # fmt: skip
    for t in (0.0, 0.5, 1.0):
        xt = left + t * width
        parts.append(f'<line x1="{xt}" y1="{PAD - 4}" x2="{xt}" y2="{height - 16}" stroke="#ccc"/>')
        parts.append(f'<text x="{xt}" y="{height - 4}" text-anchor="middle">{t:.1f}</text>')
    return _svg("".join(parts), height)


def _hist(title: str, series: dict[str, Sequence[float]], bins: int, top: float) -> str:
    """Overlaid histograms (normalised per series) over [0, top]."""
    left, width, height = PAD, W - 2 * PAD, H - 2 * PAD
    parts = [f'<text x="{left}" y="14" font-size="12">{html.escape(title)}</text>']
    palette = ["#c44e52", "#4c72b0", "#55a868"]
    for si, (name, values) in enumerate(series.items()):
        counts = [0] * bins
        for v in values:
            counts[min(bins - 1, max(0, int(v / top * bins)))] += 1
        total = max(1, len(values))
        peak = max(1e-9, *(c / total for c in counts))
        color = palette[si % len(palette)]
        for b, c in enumerate(counts):
            h = (c / total) / peak * height
            x = left + b * width / bins
            bar = width / bins - 1
            parts.append(f'<rect x="{x:.1f}" y="{PAD + height - h:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{color}" fill-opacity="0.45"/>')  # fmt: skip
        parts.append(f'<text x="{left + 10 + si * 160}" y="30" fill="{color}">'
                     f"{html.escape(name)} (n={len(values)})</text>")  # fmt: skip
    for t in (0.0, 0.5, 1.0):
        x = left + t * width
        parts.append(f'<text x="{x}" y="{H - 8}" text-anchor="middle">{t * top:.3g}</text>')
    return _svg("".join(parts))


def _curve(title: str, pos: Sequence[float], neg: Sequence[float]) -> str:
    """Recall (attacks) and false flags (benign) against the threshold."""
    left, width, height = PAD, W - 2 * PAD, H - 2 * PAD
    parts = [f'<text x="{left}" y="14" font-size="12">{html.escape(title)}</text>']
    for name, values, color in (("recall", pos, "#c44e52"), ("false flags", neg, "#4c72b0")):
        points = []
        for i in range(101):
            t = i / 100
            frac = sum(v >= t for v in values) / max(1, len(values))
            points.append(f"{left + t * width:.1f},{PAD + (1 - frac) * height:.1f}")
        parts.append(f'<polyline fill="none" stroke="{color}" points="{" ".join(points)}"/>')
        parts.append(f'<text x="{left + (10 if color == "#c44e52" else 120)}" y="30" '
                     f'fill="{color}">{name}</text>')  # fmt: skip
    for t in (0.0, 0.5, 1.0):
        x = left + t * width
        parts.append(f'<text x="{x}" y="{H - 8}" text-anchor="middle">{t:.1f}</text>')
    return _svg("".join(parts))


def _clip(values: Sequence[float], top: float) -> list[float]:
    return [min(v, top) for v in values]


def _table(scores: Sequence[Score]) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("set", "group", "detector", "n", "recall", "false"))
    rows = []
    for s in scores:
        rec = "-" if s.recall is None else f"{s.recall:.3f}"
        fpr = "-" if s.fpr is None else f"{s.fpr:.3f}"
        rows.append(
            f"<tr><td>{s.evaluation}</td><td>{html.escape(s.group)}</td><td>{s.detector}</td>"
            f"<td>{s.n}</td><td>{rec}</td><td>{fpr}</td></tr>"
        )
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"


def write_report(out_dir: Path, scores: Sequence[Score], rows: Sequence[Any]) -> Path:
    """Write ``index.html`` and ``report.json`` into ``out_dir``; return the HTML path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    mine = [s for s in scores if s.evaluation == "sources"]
    groups = sorted({s.group for s in mine})
    dets = sorted({s.detector for s in mine}, key=list(COLORS).index)
    by = {(s.group, s.detector): s for s in mine}
    recall = {d: [by[(g, d)].recall if (g, d) in by else None for g in groups] for d in dets}
    false = {d: [by[(g, d)].fpr if (g, d) in by else None for g in groups] for d in dets}
    pos = [r.model_score for r in rows if r.label]
    neg = [r.model_score for r in rows if not r.label]
    ms = [r.ms for r in rows]
    top_ms = max(1.0, sorted(ms)[int(len(ms) * 0.99)] if ms else 1.0)
    charts = [
        _bars("Recall per source (attacks flagged)", groups, recall),
        _bars("False flags per source (benign flagged)", groups, false),
        _hist("Classifier best-window score", {"attacks": pos, "benign": neg}, 40, 1.0),
        _curve("Classifier threshold curve", pos, neg),
        _hist(
            "Latency per row (ms, rules+intent and model guards; p99 range)",
            {"rows": [min(m, top_ms) for m in ms]},
            40,
            top_ms,
        ),
    ]
    page = (
        "<!doctype html><meta charset='utf-8'><title>aiegis-guard eval</title>"
        "<style>body{font-family:sans-serif;max-width:980px;margin:auto}"
        "td,th{padding:2px 8px;border-bottom:1px solid #eee;font-size:12px}</style>"
        "<h1>aiegis-guard evaluation</h1><p>Figures as in report.json. Sources never used to "
        "write the rules or train the model; the frozen set is evaluated, never tuned on.</p>"
        + "".join(f"<div>{c}</div>" for c in charts)
        + _table(scores)
    )
    (out_dir / "index.html").write_text(page, encoding="utf-8")
    data = {
        "scores": [s.to_dict() for s in scores],
        "rows": [
            {
                "group": r.group,
                "label": r.label,
                "flags": r.flags,
                "model_score": r.model_score,
                "intent_score": r.intent_score,
                "ms": round(r.ms, 3),
            }
            for r in rows
        ],
    }
    (out_dir / "report.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    return out_dir / "index.html"
