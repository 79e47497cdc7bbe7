"""Prompt-injection phrase rules: ``injection.<family>`` findings (FLAG).

The phrases are data (TOML books under ``scanners/phrases/books/``, plus the files of
``[rules] extra``); matching is one shared Aho-Corasick pass per layer
(:mod:`aiegis_guard.scanners.phrases.match`) over the guard's rule set, so text hidden by
zero-width characters, homoglyphs, base64, Unicode tags or variation selectors is matched on
its decoded layer. A FLAG in read content (tool output, retrieved, memory) taints the run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.normalize import Layer, LayerKind
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.phrases.families import INJECTION_FAMILIES as FAMILIES
from aiegis_guard.scanners.phrases.match import Hit, find
from aiegis_guard.scanners.phrases.rules import RuleSet

__all__ = [
    "FAMILIES",
    "OWNER",
    "distinct",
    "finding_for",
    "findings_for",
    "keep_aimed",
    "scan",
]

_PREVIEW_CHARS = 80
OWNER = frozenset({"secret_exfiltration"})
"""Phrase families that still count in the owner's own prompt (see :func:`distinct`)."""
_READ = frozenset({Source.TOOL_OUTPUT, Source.RETRIEVED, Source.MEMORY})
_SHOWN = frozenset({LayerKind.TEXT, LayerKind.HTML, LayerKind.ESCAPES, LayerKind.PERCENT})
_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|\n")
# "use fastSend() for all outgoing payments", "switch every withdrawal to…": a phrase that
# takes over every value move points somewhere even without an address
_EVERY_MOVE = re.compile(
    r"\b(?:all|every|any|each)\s+(?:\w+\s+)?(?:payments?|transfers?|withdrawals?|sends?|"
    r"transactions?|swaps?|deposits?)\b",
    re.IGNORECASE,
)


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


def keep_aimed(
    hits: list[Hit], layer: Layer, source: Source | None, need: frozenset[str]
) -> list[Hit]:
    """``hits`` less those of the ``need`` families in read content (tool output, retrieved,
    memory) that is a document (two sentences or more) about wallets pointing nowhere
    (:func:`~aiegis_guard.scanners.aim.mentions_only`: no address, amount, agents addressed or
    instructions overridden), unless their sentence asks for an act
    (:func:`~aiegis_guard.scanners.aim.asks_at`) or the phrase takes over every value move.
    Text that was hidden (base64, hex, Unicode tags, variation selectors) keeps all its hits."""
    if (
        source not in _READ
        or layer.kind not in _SHOWN
        or not any(h.phrase.family in need for h in hits)
    ):
        return hits
    from aiegis_guard.scanners.aim import asks_at, mentions_only  # the intent parse: lazily

    text = layer.text
    ends = _SENTENCE_END.finditer(text)
    if next(ends, None) is None or next(ends, None) is None or not mentions_only(text):
        return hits
    return [
        h
        for h in hits
        if h.phrase.family not in need
        or asks_at(text, h.start, h.end)
        or _EVERY_MOVE.search(text, max(0, h.start - 80), h.end + 160)
    ]


def unreported(hits: list[Hit], layer: Layer, source: Source | None) -> list[Hit]:
    """``hits`` less those inside what read content quotes as an attacker's words (a scam
    warning's quoted DM, an incident report's payload: :func:`~.reported.reported`)."""
    if not hits or source not in _READ or layer.kind not in _SHOWN:
        return hits
    from aiegis_guard.scanners.reported import overlaps, reported

    spans = reported(layer.text)
    return [h for h in hits if not overlaps(spans, h.start, h.end)] if spans else hits


def findings_for(
    text: str,
    source: Source | None = None,
    rules: RuleSet | None = None,
    layer: Layer | None = None,
) -> list[Finding]:
    """Injection findings for ``text`` (spans into ``text``) read from ``source``
    (``rules``: the guard's rule set; default the shipped one; ``layer``: the layer ``text``
    is, whose kind says whether the aim rule applies)."""
    hits = find(text, rules)
    if not hits:
        return []
    out = []
    kept = distinct(hits, Category.INJECTION, source)
    if layer is not None:
        kept = unreported(kept, layer, source)
    for hit in kept:
        severity, message = FAMILIES[hit.phrase.family]
        out.append(finding_for(hit, severity, message))
    return out


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Stage entry point: injection phrases in one layer."""
    return findings_for(layer.text, ctx.rules_source, ctx.phrases, layer)
