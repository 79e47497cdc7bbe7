"""Normalisation before scanning: what an attacker hides, we unfold — and remember where.

``normalize(text)`` returns layers to scan:

* layer 0: the text after NFKC, with invisible characters (zero-width, bidi controls, Unicode
  tags, variation selectors, Hangul fillers) removed and look-alike letters folded
  (:mod:`aiegis_guard.confusables`);
* smuggled layers: text hidden in Unicode tag characters or in runs of variation selectors
  ("emoji smuggling"), decoded;
* decoded layers: base64 / hex blocks, percent-encoding, HTML entities and ``\\xNN`` /
  ``\\uNNNN`` escapes (:mod:`aiegis_guard.decoders`), letters spaced apart joined up
  (:mod:`aiegis_guard.respell`), leetspeak read back as letters (:mod:`aiegis_guard.deleet`),
  ROT13 where the text names it — each decoded layer is cleaned the same
  way as layer 0 and decoded again, breadth first, up to ``MAX_DEPTH`` levels, ``MAX_LAYERS``
  layers and a decoded-size budget proportional to the input.

Every layer maps its positions back to the original text (``Layer.to_original``) through
exact offset maps (:mod:`aiegis_guard.offsets`), so findings always point into what the caller
gave us. Hiding tricks are reported as findings:

=================================  ======  ========  ==========================================
rule id                            action  severity  when
=================================  ======  ========  ==========================================
``obfuscation.invisible_chars``    allow   low       zero-width / format characters removed
``obfuscation.bidi_control``       flag    medium    bidi embedding / override / isolate chars
``obfuscation.unicode_tags``       flag    high      text hidden in Unicode tag characters
``obfuscation.variation_selectors``flag    high      bytes hidden in runs of variation selectors
``obfuscation.confusables``        allow   low       words mixing Latin with look-alike letters
``obfuscation.nested_encoding``    flag    medium    encodings nested deeper than the limits
=================================  ======  ========  ==========================================

Benign ASCII text takes a fast path: no copy, no offset map, one C-speed scan for blocks.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from aiegis_guard.carriers import may_carry, read_carriers
from aiegis_guard.clean import Count, Hidden, chain, clean
from aiegis_guard.confusables import fold_confusables
from aiegis_guard.decoders import decode_blocks, decode_inline, has_inline, readable, rot13_blocks
from aiegis_guard.deleet import leet_blocks
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.offsets import MapBuilder, OffsetMap
from aiegis_guard.respell import respell_blocks

__all__ = ["Layer", "LayerKind", "Normalized", "fold_confusables", "normalize"]

MAX_DEPTH = 4
MAX_LAYERS = 64
MAX_DECODED_CHARS = 1 << 20


class LayerKind(StrEnum):
    TEXT = "text"
    UNICODE_TAGS = "unicode_tags"
    VARIATION_SELECTORS = "variation_selectors"
    BASE64 = "base64"
    HEX = "hex"
    PERCENT = "percent"
    HTML = "html"
    ESCAPES = "escapes"
    SPACED = "spaced"
    LEET = "leet"
    ROT13 = "rot13"
    STREAM = "stream"
    FRAMES = "frames"
    JSON_STRING = "json_string"
    QUOTED_PRINTABLE = "quoted_printable"


class Layer(NamedTuple):
    """A text to scan and how its positions map back to the original.

    ``offsets`` maps positions of ``text`` to spans of the parent's text (None: identical);
    ``origin`` (for dense decoded blocks) is the parent span the whole layer came from. A layer
    without a parent maps into the original text.
    """

    text: str
    kind: LayerKind
    depth: int
    parent: Layer | None = None
    offsets: OffsetMap | None = None
    origin: tuple[int, int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of this layer's text to a span of the original text."""
        layer: Layer | None = self
        while layer is not None:
            if layer.origin is not None:
                start, end = layer.origin
            elif layer.offsets is not None:
                start, end = layer.offsets.span(start, end)
            elif layer.parent is None:
                n = len(layer.text)
                start = min(max(start, 0), n)
                end = min(max(end, start), n)
            layer = layer.parent
        return start, end

    @property
    def evidence(self) -> tuple[str, ...]:
        """``("layer:base64",)`` etc. for findings on decoded layers; empty for plain text."""
        kinds: list[str] = []
        layer: Layer | None = self
        while layer is not None:
            if layer.kind is not LayerKind.TEXT:
                kinds.append(layer.kind.value)
            layer = layer.parent
        return (f"layer:{'/'.join(reversed(kinds))}",) if kinds else ()


class Normalized(NamedTuple):
    original: str
    layers: tuple[Layer, ...]
    findings: tuple[Finding, ...] = ()

    @property
    def text(self) -> str:
        """The normalised top-level text (layer 0)."""
        return self.layers[0].text


# --- findings ------------------------------------------------------------------------------------

_RULES: dict[str, tuple[Severity, Action, str]] = {
    "obfuscation.invisible_chars": (
        Severity.LOW, Action.ALLOW, "{n} zero-width/format character(s) removed before scanning"),
    "obfuscation.bidi_control": (
        Severity.MEDIUM, Action.FLAG, "{n} bidirectional embedding/override/isolate char(s)"),
    "obfuscation.unicode_tags": (
        Severity.HIGH, Action.FLAG, "invisible Unicode tag characters hide text ({n} chars)"),
    "obfuscation.variation_selectors": (
        Severity.HIGH, Action.FLAG, "{n} variation selectors in a row smuggle hidden bytes"),
    "obfuscation.confusables": (
        Severity.LOW, Action.ALLOW, "{n} word(s) mixing Latin with look-alike letters folded"),
    "obfuscation.nested_encoding": (
        Severity.MEDIUM, Action.FLAG, "encoded text nested beyond the decoding limits ({n})"),
}  # fmt: skip


class _Report:
    """Accumulates obfuscation findings over all layers (spans in the original text)."""

    def __init__(self) -> None:
        self.counts: dict[str, Count] = {}
        self.evidence: dict[str, set[str]] = {}

    def add(self, rule: str, n: int, span: tuple[int, int] | None, *evidence: str) -> None:
        c = self.counts.setdefault(rule, Count())
        first, last = span if span is not None else (-1, -1)
        if c.count and span is not None and c.first >= 0:
            first, last = min(first, c.first), max(last, c.last)
        c.count, c.first, c.last = c.count + n, first, last
        self.evidence.setdefault(rule, set()).update(evidence)

    def hidden(self, hidden: Hidden, to_original: _Mapper) -> None:
        for rule, count in (
            ("obfuscation.invisible_chars", hidden.invisible),
            ("obfuscation.bidi_control", hidden.bidi),
        ):
            if count.count:
                self.add(rule, count.count, to_original(count.first, count.last))
        if hidden.tags:
            n = sum(len(p) for p in hidden.tags)
            self.add("obfuscation.unicode_tags", n, _tag_span(hidden, to_original))
        if len(hidden.vs_bytes) >= 4:
            span = to_original(hidden.vs_spans.first, hidden.vs_spans.last)
            self.add("obfuscation.variation_selectors", len(hidden.vs_bytes), span)
        if hidden.folded:
            self.add("obfuscation.confusables", hidden.folded, None)

    def findings(self) -> tuple[Finding, ...]:
        out = []
        for rule, c in self.counts.items():
            severity, action, message = _RULES[rule]
            span = (c.first, c.last) if c.first >= 0 else None
            evidence = (f"count:{c.count}", *sorted(self.evidence.get(rule, ())))
            out.append(
                Finding(
                    rule_id=rule,
                    category=Category.OBFUSCATION,
                    severity=severity,
                    action=action,
                    message=message.format(n=c.count),
                    span=span,
                    evidence=evidence,
                )
            )
        return tuple(out)


class _Mapper:
    """Maps positions of a raw (pre-clean) layer text to the original text."""

    __slots__ = ("origin", "parent", "raw_map")

    def __init__(
        self, parent: Layer | None, raw_map: OffsetMap | None, origin: tuple[int, int] | None
    ) -> None:
        self.parent, self.raw_map, self.origin = parent, raw_map, origin

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        if self.origin is not None:
            start, end = self.origin
        elif self.raw_map is not None:
            start, end = self.raw_map.span(start, end)
        return self.parent.to_original(start, end) if self.parent else (start, end)


def _tag_span(hidden: Hidden, to_original: _Mapper) -> tuple[int, int]:
    tag_map = hidden.tag_map.build()
    return to_original(*tag_map.span(0, tag_map.length))


# --- layers ---------------------------------------------------------------------------------


class _Unfolder:
    """Breadth-first decoding of one text into layers, within depth, count and size limits."""

    def __init__(self, text: str) -> None:
        self.report = _Report()
        self.layers: list[Layer] = []
        self.queue: list[Layer] = []
        self.seen: set[str] = set()
        self.budget = min(MAX_DECODED_CHARS, 4 * len(text) + 4096)

    def add(
        self,
        raw: str,
        kind: LayerKind,
        depth: int,
        parent: Layer | None,
        *,
        raw_map: OffsetMap | None = None,
        origin: tuple[int, int] | None = None,
    ) -> None:
        """Clean ``raw`` into a layer (plus any text smuggled inside it) and queue it."""
        text, clean_map, hidden = clean(raw)
        if depth and (text in self.seen or not text.strip()):
            return
        if depth and (len(text) > self.budget or len(self.layers) >= MAX_LAYERS):
            limit = "limit:size" if len(text) > self.budget else f"limit:{MAX_LAYERS}-layers"
            self.report.add("obfuscation.nested_encoding", 1, None, limit)
            return
        self.budget -= len(text) if depth else 0
        self.seen.add(text)
        offsets = None if origin is not None else chain(clean_map, raw_map)
        layer = Layer(text, kind, depth, parent, offsets, origin)
        self.layers.append(layer)
        self.queue.append(layer)
        if hidden is not None:
            mapper = _Mapper(parent, raw_map, origin)
            self.report.hidden(hidden, mapper)
            self._smuggled(hidden, depth + 1, parent, raw_map, origin)

    def _smuggled(
        self,
        hidden: Hidden,
        depth: int,
        parent: Layer | None,
        raw_map: OffsetMap | None,
        origin: tuple[int, int] | None,
    ) -> None:
        if hidden.tags:
            tag_map = chain(hidden.tag_map.build(), raw_map)
            text = "".join(hidden.tags)
            self.add(text, LayerKind.UNICODE_TAGS, depth, parent, raw_map=tag_map, origin=origin)
        decoded = readable(bytes(hidden.vs_bytes)) if len(hidden.vs_bytes) >= 4 else None
        if decoded:
            first, last = hidden.vs_spans.first, hidden.vs_spans.last
            vs_map = MapBuilder()
            vs_map.atomic(len(decoded), first, last)
            offsets = chain(vs_map.build(), raw_map)
            kind = LayerKind.VARIATION_SELECTORS
            self.add(decoded, kind, depth, parent, raw_map=offsets, origin=origin)

    def unfold(self, layer: Layer, blocks: list[tuple[int, int, str, str]] | None = None) -> None:
        """Queue every decoded layer found in ``layer`` (or report that nesting goes on)."""
        text = layer.text
        if blocks is None:
            blocks = _blocks(text)
        if layer.depth >= MAX_DEPTH:
            if blocks or has_inline(text) or may_carry(text):
                self.report.add("obfuscation.nested_encoding", 1, None, f"depth:{MAX_DEPTH}")
            return
        for start, end, kind, decoded in blocks:
            self.add(decoded, LayerKind(kind), layer.depth + 1, layer, origin=(start, end))
        if has_inline(text):
            inline = decode_inline(text)
            if inline is not None:
                decoded, spans, kind = inline
                self.add(decoded, LayerKind(kind), layer.depth + 1, layer, raw_map=spans)
        for decoded, spans, kind in read_carriers(text):  # each reader behind its own gate
            self.add(decoded, LayerKind(kind), layer.depth + 1, layer, raw_map=spans)


_new_tuple = tuple.__new__


def _blocks(text: str) -> list[tuple[int, int, str, str]]:
    """Every decoded block of ``text``: base64 / hex, spelled out, leetspeak, ROT13."""
    return decode_blocks(text) + respell_blocks(text) + leet_blocks(text) + rot13_blocks(text)


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and unfold what is hidden in it. Pure; bounded work and size."""
    blocks = None
    if text.isascii():
        blocks = _blocks(text)
        if not blocks and not has_inline(text) and not may_carry(text):
            # the common case, kept cheap: plain ASCII text with nothing to decode
            top = _new_tuple(Layer, (text, LayerKind.TEXT, 0, None, None, None))
            return _new_tuple(Normalized, (text, (top,), ()))
    state = _Unfolder(text)
    state.add(text, LayerKind.TEXT, 0, None)
    state.unfold(state.queue[0], blocks)
    i = 1
    while i < len(state.queue):
        state.unfold(state.queue[i])
        i += 1
    return Normalized(text, tuple(state.layers), state.report.findings())
