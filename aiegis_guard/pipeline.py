"""The text pipeline of one check: chunks -> normalize -> focus -> stages per layer ->
classifier -> findings (spans into the text), before the policy decides.

:class:`~aiegis_guard.guard.Guard` owns the stages and the model and calls
:func:`scan_text`; the helpers here read a caller's text (``as_text``: bytes decoded, bad
UTF-8 reported), cut it into bounded chunks, keep the findings bounded (``collect``) and find
every spelling of a secret to mask. A stage that crashes yields a ``guard.stage_error``
finding (the verdict fails closed); nothing here logs a secret.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from aiegis_guard.findings import Action, Category, Finding, Severity, Source
from aiegis_guard.focus import focus, spelled_again
from aiegis_guard.normalize import Layer, normalize
from aiegis_guard.redact import UNDECIDED_RE, Spellings, redact_spans, secret_spans
from aiegis_guard.scanners import ScanContext, Stage
from aiegis_guard.textcache import DigestLRU, text_digest

if TYPE_CHECKING:
    from aiegis_guard.scanners.classifier import Classifier
    from aiegis_guard.scanners.phrases.rules import RuleSet
    from aiegis_guard.threats import ThreatIndex

__all__ = [
    "CHUNK_CHARS",
    "CHUNK_OVERLAP",
    "MAX_FINDINGS",
    "TEXT_TYPES",
    "as_text",
    "default_stages",
    "every_spelling",
    "public_prompt",
    "require_text",
    "scan_text",
    "stage_error",
    "undecided",
]

log = logging.getLogger("aiegis_guard")

CHUNK_CHARS = 256 * 1024
CHUNK_OVERLAP = 8 * 1024  # longer than any secret we detect (PEM RSA-4096 ~3.3 KB)
MAX_FINDINGS = 256
WHOLE_VIEWS_MAX = 8 * CHUNK_CHARS  # 2 M characters (~30 MB at peak): longer is viewed per chunk


def default_stages() -> tuple[Stage, ...]:
    """The text detectors, in order. What runs is what you read here."""
    from aiegis_guard.scanners import (
        addresses,
        drainer_rules,
        entropy,
        injection_rules,
        pii,
        secrets,
        urls,
        wallet_keys,
    )

    return (
        Stage("wallet_keys", wallet_keys.scan),
        Stage("secrets", secrets.scan),
        Stage("pii", pii.scan, decoded=False),
        Stage("addresses", addresses.scan),
        Stage("injection_rules", injection_rules.scan, language=True),
        Stage("intent", _scan_intent, language=True),
        Stage("drainer_rules", drainer_rules.scan, language=True),
        Stage("entropy", entropy.scan, decoded=False),
        Stage("urls", urls.scan),
    )


_INTENT_CACHE: DigestLRU[tuple[Finding, ...]] = DigestLRU(1024)


def _scan_intent(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """The intent stage judges only untrusted text; its ~30 patterns are compiled when such
    text first arrives, not at the import of every process (a prompt or a tool input).
    Its findings for a layer text are cached by the text's digest (they hold no text): an
    agent reads the same tool output, page or memory more than once."""
    if not ctx.untrusted:
        return []
    key = text_digest(layer.text)
    found = _INTENT_CACHE.get(key)
    if found is None:
        from aiegis_guard.scanners.intent import scan

        found = tuple(scan(layer, ctx))
        _INTENT_CACHE.put(key, found)
    return list(found)


def _whole_views(text: str) -> tuple[str, str] | None:
    """The language views of a JSON document or HTML page longer than one chunk, computed
    once for all chunks: a chunk that starts inside one cannot tell its structure (a
    directive in the last string of a 1 MB JSON result would run on from the keys before).
    Up to ``WHOLE_VIEWS_MAX`` characters, so that memory stays bounded on any input."""
    if not CHUNK_CHARS < len(text) <= WHOLE_VIEWS_MAX:
        return None
    from aiegis_guard.segment import structured, views

    return views(text) if structured(text) else None


def stage_error(stage: str, exc: BaseException) -> Finding:
    # Only the exception *type*: its message may quote the input (a secret).
    return Finding(
        rule_id="guard.stage_error",
        category=Category.GUARD,
        severity=Severity.HIGH,
        action=Action.BLOCK,
        message=f"detector stage {stage!r} failed ({type(exc).__name__}); failing closed",
        evidence=(f"stage:{stage}", f"error:{type(exc).__name__}"),
    )


def _invalid_utf8(count: int) -> Finding:
    return Finding(
        rule_id="input.invalid_utf8",
        category=Category.GUARD,
        severity=Severity.MEDIUM,
        action=Action.FLAG,
        message=f"input was not valid UTF-8; {count} byte sequence(s) replaced before scanning",
        evidence=("decoded-with-replacement",),
    )


TEXT_TYPES = (str, bytes, bytearray, memoryview)


def require_text(data: object, what: str = "text") -> None:
    """Only text is judged as text: ``bytes(300_000_000)`` would be 300 MB of zeros."""
    if not isinstance(data, TEXT_TYPES):
        raise TypeError(f"{what} must be str or bytes, not {type(data).__name__}")


def as_text(data: str | bytes | bytearray | memoryview) -> tuple[str, list[Finding]]:
    if isinstance(data, str):
        return data, []
    require_text(data)
    raw = bytes(data)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        text = raw.decode("utf-8", errors="replace")
        return text, [_invalid_utf8(text.count("\ufffd"))]


def _chunks(text: str) -> Iterable[tuple[int, str]]:
    """Windows of ``CHUNK_CHARS`` overlapping by ``CHUNK_OVERLAP`` (bounded memory per scan)."""
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    step = CHUNK_CHARS - CHUNK_OVERLAP
    for start in range(0, len(text), step):
        yield start, text[start : start + CHUNK_CHARS]
        if start + CHUNK_CHARS >= len(text):
            break


def public_prompt(ctx: ScanContext) -> bool:
    """A public user's prompt (``[guard] audience = "public"``): untrusted, judged by the model."""
    return ctx.source is Source.PROMPT and ctx.untrusted


def scan_text(
    text: str,
    ctx: ScanContext,
    *,
    stages: Sequence[Stage],
    classifier: Classifier | None,
    phrases: RuleSet,
    threats: ThreatIndex,
    secrets: set[str] | None = None,
) -> list[Finding]:
    """All findings for ``text`` (spans into ``text``): ``stages`` on every layer of every
    chunk, then ``classifier`` (None: not judged by the model) on the chunk's layers.

    ``secrets`` (when given) receives the values of the findings to redact, as they read
    in the layer they were found in, so that every other spelling can be masked too.
    """
    found: dict[tuple[str, tuple[int, int] | None], Finding] = {}
    judged = ctx.untrusted or classifier is not None  # language judges read views
    whole = _whole_views(text) if judged else None
    for offset, chunk in _chunks(text):
        try:
            norm = normalize(chunk)
        except Exception as exc:
            found[("guard.stage_error", None)] = stage_error("normalize", exc)
            continue
        chunk_ctx = ScanContext(
            ctx.source,
            ctx.policy,
            ctx.value_moving,
            chunk,
            ctx.threats or threats,
            phrases,
        )
        if whole is not None and norm.layers[0].text == chunk:
            end = offset + len(chunk)
            chunk_ctx.views[chunk] = (whole[0][offset:end], whole[1][offset:end])
        results: list[Finding] = [
            f.with_span(*_shift(f.span, offset)) if f.span else f for f in norm.findings
        ]
        layers = focus(norm.layers, chunk_ctx.views if judged else None)
        again = spelled_again(norm.layers, layers) if len(layers) > 1 else {}
        for layer in layers:
            for stage in stages:
                if layer.depth and not stage.decoded:
                    continue
                read = again.get(id(layer), (layer,)) if stage.language else (layer,)
                for part in read:
                    try:
                        hits = stage.scan(part, chunk_ctx)
                    except Exception as exc:
                        name = type(exc).__name__
                        log.error("aiegis_guard stage %s failed: %s", stage.name, name)
                        results.append(stage_error(stage.name, exc))
                        continue
                    for f in hits:
                        if secrets is not None and f.redact and f.span:
                            secrets.add(part.text[f.span[0] : f.span[1]])
                        results.append(_to_original(f, part, offset))
        if classifier is not None:
            try:
                results.extend(
                    _to_original(f, layer, offset)
                    for layer, f in classifier.scan_layers(norm.layers, chunk_ctx)
                )
            except Exception as exc:
                results.append(stage_error("classifier", exc))
        _collect(found, results)
    return list(found.values())


def _collect(found: dict[tuple[str, tuple[int, int] | None], Finding], new: list[Finding]) -> None:
    """Keep up to MAX_FINDINGS findings, and beyond that one per (rule id, action) not seen yet:
    memory stays bounded, yet a key after hundreds of findings still decides the verdict
    (the scan never stops early)."""
    seen = {(f.rule_id, f.action) for f in found.values()} if len(found) >= MAX_FINDINGS else None
    for f in new:
        if seen is None:
            found.setdefault((f.rule_id, f.span), f)
            if len(found) >= MAX_FINDINGS:
                seen = {(g.rule_id, g.action) for g in found.values()}
        elif (f.rule_id, f.action) not in seen:
            seen.add((f.rule_id, f.action))
            found.setdefault((f.rule_id, f.span), f)


def every_spelling(text: str, secrets: set[str]) -> list[tuple[int, int]]:
    """Every occurrence of a value judged secret, in any spelling (``0x``, case, separators,
    base64 / hex encodings) and in any decoded layer of the text (a base64 blob holding it)."""
    if not secrets:
        return []
    spans: list[tuple[int, int]] = []
    spellings = Spellings(secrets)
    for offset, chunk in _chunks(text):
        for layer in normalize(chunk).layers:
            for span in secret_spans(layer.text, spellings):
                spans.append(_shift(layer.to_original(*span), offset))
    return spans


def scrubbed(findings: Sequence[Finding], secrets: set[str]) -> tuple[Finding, ...]:
    """``findings`` with every spelling of a value judged secret in this check masked in their
    preview, message and evidence: a phrase rule's preview quotes the words it matched, and
    those may hold a key ("use my alchemy key … <key>"), lower-cased at that."""
    spellings, lowered = Spellings(secrets), Spellings({v.lower() for v in secrets})
    out: list[Finding] = []
    for f in findings:
        fields = {"preview": f.preview, "message": f.message}
        update: dict[str, Any] = {}
        for name, value in fields.items():
            if value and (clean := _scrub(value, spellings, lowered)) != value:
                update[name] = clean
        evidence = tuple(_scrub(e, spellings, lowered) for e in f.evidence)
        if evidence != f.evidence:
            update["evidence"] = evidence
        out.append(f.model_copy(update=update) if update else f)
    return tuple(out)


def _scrub(value: str, secrets: Spellings, lowered: Spellings) -> str:
    spans = secret_spans(value, secrets)
    low = value.lower()
    if len(low) == len(value):
        spans += secret_spans(low, lowered)
    return redact_spans(value, spans) if spans else value


def undecided(text: str, findings: Iterable[Finding]) -> list[tuple[int, int]]:
    """Key-shaped values nobody could decide (a 64-hex key or a hash): a redacted text masks
    them too, since it is produced only when the text holds secrets."""
    spans = [m.span() for m in UNDECIDED_RE.finditer(text)]
    return spans + [f.span for f in findings if f.rule_id == "secret.evm_key_candidate" and f.span]


def _shift(span: tuple[int, int], offset: int) -> tuple[int, int]:
    return span[0] + offset, span[1] + offset


def _to_original(f: Finding, layer: Any, offset: int) -> Finding:
    if f.span is None:
        return f
    start, end = layer.to_original(*f.span)
    return f.with_span(start + offset, end + offset, *layer.evidence)
