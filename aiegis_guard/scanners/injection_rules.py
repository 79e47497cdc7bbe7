"""Prompt-injection phrase rules: ``injection.<family>`` findings (FLAG).

The phrases are data (TOML books under ``scanners/phrases/books/``, plus the files of
``[rules] extra``); matching is one shared Aho-Corasick pass per layer
(:mod:`aiegis_guard.scanners.phrases.match`) over the guard's rule set, so text hidden by
zero-width characters, homoglyphs, base64, Unicode tags or variation selectors is matched on
its decoded layer. A FLAG in read content (tool output, retrieved, memory) taints the run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.normalize import Layer, LayerKind
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.phrases.families import INJECTION_FAMILIES as FAMILIES
from aiegis_guard.scanners.phrases.match import Hit, find

__all__ = [
    "FAMILIES",
    "NEED_AIM",
    "OWNER",
    "aimed_hits",
    "distinct",
    "finding_for",
    "in_plain_sight",
    "is_document",
    "scan",
    "unreported",
]

_PREVIEW_CHARS = 80
OWNER = frozenset({"secret_exfiltration"})
"""Phrase families that still count in the owner's own prompt (see :func:`distinct`)."""
NEED_AIM = frozenset(
    {
        "urgency.act_now",
        "urgency.dont_wait",
        "urgency.without_asking",
        "urgency.silently",
        "urgency.just_do",
    }
)
"""Phrases that only press an act on (hurry, skip the question) and need an aim in a read
document (see :func:`aimed_hits`): warnings and explainers say "immediately" and "without
asking" too. Claims of consent, deadlines with a loss, concealment from the owner stand alone."""
# hurry that a victim's rescue carries too ("make a new wallet immediately and move
# everything"): dropped where the sentence moves value to the reader's own new wallet
_RESCUE_HURRY = frozenset({"urgency.act_now", "urgency.dont_wait", "urgency.just_do"})
_SHOWN = frozenset({LayerKind.TEXT, LayerKind.HTML, LayerKind.ESCAPES, LayerKind.PERCENT})


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


def in_plain_sight(layer: Layer, source: Source | None) -> bool:
    """Is ``layer`` read content (tool output, retrieved, memory) as it was shown, not text that
    was hidden (base64, hex, Unicode tags, variation selectors)? Only there do quotes report
    and documents explain."""
    return source is not None and source.is_read and layer.kind in _SHOWN


def unreported(hits: list[Hit], layer: Layer, source: Source | None) -> list[Hit]:
    """``hits`` less those inside what read content quotes as an attacker's words (a scam
    warning's quoted DM, an incident report's payload: :func:`~.reported.reported`)."""
    if not hits or not in_plain_sight(layer, source):
        return hits
    from aiegis_guard.scanners.reported import overlaps, reported

    spans = reported(layer.text)
    return [h for h in hits if not overlaps(spans, h.start, h.end)] if spans else hits


def aimed_hits(
    hits: list[Hit],
    layer: Layer,
    source: Source | None,
    need: frozenset[str],
    points: Callable[[str, Hit], bool] | None = None,
) -> list[Hit]:
    """``hits`` less those of the ``need`` families (or urgency phrase names) in read content
    that is a document (two sentences or more) about wallets pointing nowhere
    (:func:`~.aim.mentions_only`: no address, amount, agents addressed or instructions
    overridden), unless their sentence asks for an act
    (:func:`~.aim.asks_at`) or ``points`` says the hit points somewhere by itself. Text that was
    hidden (base64, hex, Unicode tags, variation selectors) keeps all its hits."""
    if not in_plain_sight(layer, source) or not any(_named(h) in need for h in hits):
        return hits
    from aiegis_guard.scanners.aim import asks_at, mentions_only  # the intent parse: lazily

    text = layer.text
    if not is_document(text) or not mentions_only(text):
        return hits
    return [
        h
        for h in hits
        if _named(h) not in need
        or asks_at(text, h.start, h.end)
        or (points is not None and points(text, h))
    ]


def is_document(text: str) -> bool:
    """Two sentences or more (a line break ends one): a document, not a one-line field."""
    ends = _SENTENCE_END.finditer(text)
    return next(ends, None) is not None and next(ends, None) is not None


def _named(hit: Hit) -> str:
    """A hit's family, or its phrase's name where the family is not what is gated."""
    return hit.phrase.family if hit.phrase.family != "urgency" else hit.phrase.name


_SENTENCE_END = re.compile(r"[.!?。！？](?:\s|$)|\n")


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Stage entry point: injection phrases in one layer (spans into ``layer.text``), as read
    from ``ctx.rules_source`` with the guard's rule set."""
    hits = find(layer.text, ctx.phrases)
    if not hits:
        return []
    source = ctx.rules_source
    out = []
    kept = unreported(distinct(hits, Category.INJECTION, source), layer, source)
    kept = aimed_hits(kept, layer, source, NEED_AIM)
    text = layer.text
    if (
        ("`" in text or "/" in text)
        and any(_named(h) in NEED_AIM for h in kept)
        and in_plain_sight(layer, source)
    ):  # a reference entry describes ("`allowlist` — destinations the agent may send to
        # without asking"), as the drainer stage reads it
        from aiegis_guard.scanners.aim import in_reference_entry

        kept = [
            h for h in kept if _named(h) not in NEED_AIM or not in_reference_entry(text, h.start)
        ]
    if any(_named(h) in _RESCUE_HURRY for h in kept) and in_plain_sight(layer, source):
        from aiegis_guard.scanners.aim import rescues_at

        kept = [
            h
            for h in kept
            if _named(h) not in _RESCUE_HURRY or not rescues_at(layer.text, h.start, h.end)
        ]
    for hit in kept:
        severity, message = FAMILIES[hit.phrase.family]
        out.append(finding_for(hit, severity, message))
    return out
