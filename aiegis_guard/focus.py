"""Scan a decoded copy of a text only where decoding changed it.

A page with a handful of escapes (``%20`` in one link, ``&amp;`` in one title) unfolds into a
decoded layer as long as the page, and every stage would read the whole text twice. Where the
decoded layer is, character for character, a copy of its parent (checked, not assumed: a
linear piece of the offset map may still hold folded characters), the parent's scan has
already seen it; :func:`focus` replaces such a layer by the parts around what changed, each
with ``CONTEXT`` characters either side (longer than any secret or sentence a stage reads
across), mapped to the parent as before. A layer mostly changed stays whole.

The other way round, a page whose escapes are spread all over it (``&#x27;`` in every
paragraph) is read whole twice; :func:`spelled_again` names the layers whose language a
decoded copy re-reads, with the few parts of them (around a tag the decode makes) that the
language judges must still read.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from aiegis_guard.normalize import Layer, LayerKind
from aiegis_guard.offsets import MapBuilder, merged_spans

if TYPE_CHECKING:
    from aiegis_guard.segment import Memo

__all__ = ["CONTEXT", "focus", "spelled_again"]

CONTEXT = 8 * 1024
MIN_LENGTH = 8 * CONTEXT  # shorter layers are scanned whole


def focus(layers: Sequence[Layer], views: Memo | None = None) -> list[Layer]:
    """``layers`` with each long decoded copy cut to the parts around its changes.

    ``views`` (a check's memo, when its judges read language views) receives the views of
    the parts of a JSON or HTML layer, cut from the whole layer's: a part starting inside
    a document could not tell its structure."""
    out: list[Layer] = []
    for layer in layers:
        parts = _changed_parts(layer)
        if parts is None:
            out.append(layer)
            continue
        cut = [_cut(layer, a, b) for a, b in parts]  # (a layer with offsets: _changed_parts)
        if views is not None:
            _cut_views(layer.text, parts, cut, views)
        out += cut
    return out


def _cut_views(text: str, parts: list[tuple[int, int]], cut: list[Layer], memo: Memo) -> None:
    from aiegis_guard.segment import structured, views  # numpy: only when judges read views

    if structured(text):
        words, kept = views(text)
        for (a, b), part in zip(parts, cut, strict=True):
            memo[part.text] = (words[a:b], kept[a:b])


def _changed_parts(layer: Layer) -> list[tuple[int, int]] | None:
    """Spans of ``layer.text`` to scan, or None to scan it whole."""
    offsets, parent = layer.offsets, layer.parent
    if parent is None or offsets is None or layer.origin is not None:
        return None
    text, n = layer.text, len(layer.text)
    if n < MIN_LENGTH:
        return None
    seen: list[tuple[int, int]] = []  # copies long enough to skip, less their context
    for start, end, src in offsets.linear_pieces():
        if end - start > 2 * CONTEXT and text[start:end] == parent.text[src : src + end - start]:
            seen.append((start + CONTEXT if start else 0, end - CONTEXT if end < n else n))
    parts: list[tuple[int, int]] = []
    at = 0
    for a, b in seen:
        if a > at:
            parts.append((at, a))
        at = max(at, b)
    if at < n:
        parts.append((at, n))
    if sum(b - a for a, b in parts) > n // 2:
        return None
    return parts


_INLINE = frozenset({LayerKind.HTML, LayerKind.PERCENT, LayerKind.ESCAPES})
# an opening bracket spelled as an escape before a tag's name, "/" or "!" (themselves maybe
# escaped): decoded, it may open a tag that an HTML view blanks
_MADE_OPEN_RE = re.compile(
    r"(?:&(?:lt|LT);?|&#0*60;?|&#[xX]0*3[cC];?|%3[cC]|\\x3[cC]|\\u003[cC]|\\u\{0*3[cC]\})"
    r"(?=[A-Za-z/!]|&[#A-Za-z]|%[0-9A-Fa-f]{2}|\\)"
)
# where the tag it opens may close: a bracket, plain or spelled as an escape
_CLOSE_RE = re.compile(
    r">|&(?:gt|GT);?|&#0*62;?|&#[xX]0*3[eE];?|%3[eE]|\\x3[eE]|\\u003[eE]|\\u\{0*3[eE]\}"
)
TAG_REACH = 16 * 1024  # a made tag that may run further (escaped, 2 048 read) reads all
AROUND = 512  # characters read on each side of a made tag: its sentence
_RAW_BLOCK_RE = re.compile(r"<\s*/?\s*(?:script|style)\b", re.IGNORECASE)


def spelled_again(layers: Sequence[Layer], scanned: Sequence[Layer]) -> dict[int, list[Layer]]:
    """Layers whose language one of their inline decodes (HTML entities, percent or
    backslash escapes) re-reads among the ``scanned`` ones (:func:`focus` did not cut it), by
    ``id``, each with the parts of it a language judge must still read (often none): the
    decode spells out what the escapes hid and changes nothing else, so a judge reading both
    reads each sentence twice.

    Except around a tag the decode made: ``&lt;span …&gt;`` is text, ``<span …>`` a tag an
    HTML view blanks, so the parent is still read from ``AROUND`` before such a bracket to
    ``AROUND`` after the next one (a bracket made before a space or a digit, "a &lt; b",
    opens no tag). A decode that makes a ``<script>`` / ``<style>`` (whose body the view
    blanks, however long), that turns flat text into HTML, or whose made tag may run past
    ``TAG_REACH`` does not stand for its parent at all. Secret scanners read both: a key may
    be spelled in either."""
    from aiegis_guard.segment import structured

    kept = {id(layer) for layer in scanned}
    out: dict[int, list[Layer]] = {}
    for layer in layers:
        parent = layer.parent
        if (
            parent is None
            or layer.offsets is None
            or layer.kind not in _INLINE
            or layer.origin is not None
            or id(layer) not in kept
        ):
            continue
        raw = parent.text
        spans = _made_tags(raw)
        if spans is None:
            continue
        if spans and (
            structured(layer.text) != structured(raw)
            or len(_RAW_BLOCK_RE.findall(layer.text)) != len(_RAW_BLOCK_RE.findall(raw))
        ):
            continue
        out[id(parent)] = [_cut(parent, a, b) for a, b in spans]
    return out


def _made_tags(raw: str) -> list[tuple[int, int]] | None:
    """The spans of ``raw`` around each tag its escapes would make: from ``AROUND`` before it
    (on back to a tag's end at most ``AROUND`` further, or to the start of ``raw`` when that
    is nearer than ``2 * AROUND``) to ``AROUND`` after its closing bracket (on to the next
    tag's start at most ``AROUND`` further); None when one may run past ``TAG_REACH``."""
    spans: list[tuple[int, int]] = []
    for m in _MADE_OPEN_RE.finditer(raw):
        close = _CLOSE_RE.search(raw, m.end(), m.end() + TAG_REACH)
        if close is None:
            return None
        lo = max(0, m.start() - AROUND)
        back = lo - AROUND  # back to a tag's end before it, if one is that near
        lo = 0 if back < 0 else max(raw.rfind(">", back, lo) + 1, back)
        hi = min(len(raw), close.end() + AROUND)
        nxt = raw.find("<", hi, hi + AROUND)
        spans.append((lo, nxt if nxt != -1 else min(len(raw), hi + AROUND)))
    return merged_spans(spans)


def _cut(layer: Layer, a: int, b: int) -> Layer:
    """``layer.text[a:b]`` as a layer that maps where ``layer`` maps."""
    if layer.origin is not None:
        return layer._replace(text=layer.text[a:b])
    if layer.offsets is not None:
        return layer._replace(text=layer.text[a:b], offsets=layer.offsets.part(a, b))
    piece = MapBuilder()
    piece.linear(a, b)
    return layer._replace(text=layer.text[a:b], offsets=piece.build())
