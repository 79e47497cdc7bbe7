"""Prompt-injection phrase rules: ``injection.<family>`` findings (FLAG).

The phrases are data (TOML books under ``scanners/phrases/books/``, plus the files of
``[rules] extra``); matching is one shared Aho-Corasick pass per layer
(:mod:`aiegis_guard.scanners.phrases.match`) over the guard's rule set, so text hidden by
zero-width characters, homoglyphs, base64, Unicode tags or variation selectors is matched on
its decoded layer. A FLAG in read content (tool output, retrieved, memory) taints the run.
"""

from __future__ import annotations

from collections.abc import Iterable

from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.phrases.families import INJECTION_FAMILIES as FAMILIES
from aiegis_guard.scanners.phrases.match import Hit, find
from aiegis_guard.scanners.phrases.rules import RuleSet

__all__ = ["FAMILIES", "OWNER", "distinct", "finding_for", "findings_for", "scan"]

_PREVIEW_CHARS = 80
OWNER = frozenset({"secret_exfiltration"})
"""Phrase families that still count in the owner's own prompt (see :func:`distinct`)."""


def _preview(hit: Hit) -> str:
    return " … ".join(hit.terms)[:_PREVIEW_CHARS]


def finding_for(hit: Hit, severity: Severity, message: str, *evidence: str) -> Finding:
    """The finding for one phrase hit (span relative to the layer text)."""
    family = hit.phrase.family
    return Finding(
        rule_id=f"{hit.category.value}.{family}",
        category=hit.category,
        severity=severity,
        action=Action.FLAG,
        message=f"{message} ({hit.phrase.lang})",
        span=(hit.start, hit.end),
        preview=_preview(hit),
        evidence=(f"pattern:{hit.phrase.id}", f"lang:{hit.phrase.lang}", *evidence),
    )


def distinct(hits: Iterable[Hit], category: Category, source: Source | None = None) -> list[Hit]:
    """Hits of ``category``, one per family and overlapping span (the earliest wins).

    In the owner's own words (``Source.PROMPT``, audience owner) only a request to send a
    wallet secret somewhere counts, and never a rule about read content (``read=True``): the
    owner's sweep to their Ledger, their question about a permit or a scam is an instruction,
    and what it moves is judged at signing."""
    own = source is Source.PROMPT
    last_end: dict[str, int] = {}
    out: list[Hit] = []
    chosen = (
        h
        for h in hits
        if h.category is category and not (own and (h.phrase.read or h.phrase.family not in OWNER))
    )
    for hit in sorted(chosen, key=lambda h: h.start):
        family = hit.phrase.family
        if hit.start < last_end.get(family, -1):
            continue
        last_end[family] = hit.end
        out.append(hit)
    return out


def findings_for(
    text: str, source: Source | None = None, rules: RuleSet | None = None
) -> list[Finding]:
    """Injection findings for ``text`` (spans into ``text``) read from ``source``
    (``rules``: the guard's rule set; default the shipped one)."""
    hits = find(text, rules)
    if not hits:
        return []
    out = []
    for hit in distinct(hits, Category.INJECTION, source):
        severity, message = FAMILIES[hit.phrase.family]
        out.append(finding_for(hit, severity, message))
    return out


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Stage entry point: injection phrases in one layer."""
    return findings_for(layer.text, ctx.rules_source, ctx.phrases)
