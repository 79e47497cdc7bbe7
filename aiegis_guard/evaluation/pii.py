"""``aiegis-guard eval --set pii``: PII per type on presidio-research's synthetic sentences.

Each sentence goes through ``Guard(classifier=False).check_text``; the ``pii.*`` findings are
matched to the labelled spans (same type, overlapping span). Presidio's labels map to ours:
CREDIT_CARD -> card, US_SSN -> ssn, EMAIL_ADDRESS -> email, IBAN_CODE -> iban,
IP_ADDRESS -> ip, PHONE_NUMBER -> phone. The sets label template slots only, so an unlabelled
number that really is PII counts as a false positive. A last row scans the crypto data
(JSON-RPC fixtures full of hex, the synthetic key set): every PII finding there is wrong.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from aiegis_guard.evaluation.metrics import Score
from aiegis_guard.findings import Category
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

__all__ = ["LABELS", "evaluate"]

LABELS = {
    "CREDIT_CARD": "card",
    "US_SSN": "ssn",
    "EMAIL_ADDRESS": "email",
    "IBAN_CODE": "iban",
    "IP_ADDRESS": "ip",
    "PHONE_NUMBER": "phone",
}
SETS = ("synth_dataset_v2.json", "generated_large.json")
Span = tuple[str, tuple[int, int]]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _predicted(guard: Guard, text: str) -> list[Span]:
    verdict = guard.check_text(text, source="tool_output")
    return [
        (f.rule_id.removeprefix("pii."), f.span)
        for f in verdict.findings
        if f.category is Category.PII and f.span is not None
    ]


def _score_set(guard: Guard, path: Path) -> dict[str, Score]:
    rows = {t: Score("pii", f"{path.stem} {t}") for t in LABELS.values()}
    for record in json.loads(path.read_text(encoding="utf-8")):
        predicted = _predicted(guard, record["full_text"])
        gold: list[Span] = [
            (LABELS[s["entity_type"]], (s["start_position"], s["end_position"]))
            for s in record["spans"]
            if s["entity_type"] in LABELS
        ]
        for kind, span in gold:
            hit = any(k == kind and _overlaps(span, p) for k, p in predicted)
            rows[kind].add(expected=True, predicted=hit)
        for kind, span in predicted:
            if kind in rows and not any(k == kind and _overlaps(span, g) for k, g in gold):
                rows[kind].add(expected=False, predicted=True)
    return rows


def _crypto_texts(pii: Path) -> Iterator[str]:
    for path in sorted((pii / "ethereum-execution-apis" / "tests").rglob("*")):
        if path.suffix in (".io", ".json"):
            yield path.read_text(encoding="utf-8")
    path = pii / "synthetic-aiegis" / "crypto_keys_eval.jsonl"
    for line in path.read_text(encoding="utf-8").splitlines():
        yield json.loads(line)["text"]


def _hex_negatives(guard: Guard, pii: Path) -> Score:
    row = Score("pii", "crypto texts (hex, keys): any type")
    for text in _crypto_texts(pii):
        found = _predicted(guard, text)
        row.fp += len(found)
        row.tn += not found
    row.notes = ["every finding here is a false positive"]
    return row


def evaluate(data_dir: Path) -> list[Score]:
    """Per-type PII precision / recall / F1, and false positives on hex-heavy crypto text."""
    pii = Path(data_dir) / "pii"
    guard = Guard(Policy(), classifier=False)
    scores: list[Score] = []
    total = {t: Score("pii", f"both sets {t}") for t in LABELS.values()}
    for name in SETS:
        rows = _score_set(guard, pii / "presidio-research" / name)
        scores += rows.values()
        for kind, row in rows.items():
            for field in ("tp", "fp", "fn", "tn"):
                setattr(total[kind], field, getattr(total[kind], field) + getattr(row, field))
    return [*scores, *total.values(), _hex_negatives(guard, pii)]
