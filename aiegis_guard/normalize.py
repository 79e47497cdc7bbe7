"""Normalisation before scanning: what an attacker hides, we unfold — and remember where.

``normalize(text)`` returns layers to scan:

* layer 0: the text after NFKC, with invisible characters (zero-width, bidi controls, Unicode
  tags, variation selectors) removed and Latin/Cyrillic/Greek confusables folded;
* decoded layers: Unicode-tag and variation-selector payloads, base64 / hex blocks, percent-
  encoding, HTML entities and ``\\xNN`` / ``\\uNNNN`` escapes — decoded recursively (bounded
  depth and size) and normalised again.

Every layer maps its positions back to the original text (``Layer.to_original``), so findings
always point into what the caller gave us. Hiding tricks are reported as findings.
"""

from __future__ import annotations

import base64
import binascii
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from aiegis_guard.charclass import BASE64, HEX, runs
from aiegis_guard.findings import Action, Category, Finding, Severity

__all__ = ["Layer", "LayerKind", "Normalized", "fold_confusables", "normalize"]

MAX_DEPTH = 3
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


@dataclass(frozen=True, slots=True)
class Layer:
    """A text to scan and how its positions map back to the original.

    ``offsets[i]`` is the parent index of ``text[i]`` (None: identical to the parent);
    ``origin`` (for dense decoded blocks) is the parent span the whole layer came from.
    """

    text: str
    kind: LayerKind
    depth: int
    parent: Layer | None = None
    offsets: tuple[int, ...] | None = None
    origin: tuple[int, int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of this layer's text to a span of the original text."""
        layer: Layer | None = self
        while layer is not None:
            if layer.origin is not None:
                start, end = layer.origin
            elif layer.offsets is not None:
                start, end = _map_span(layer.offsets, start, end)
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


def _map_span(offsets: tuple[int, ...], start: int, end: int) -> tuple[int, int]:
    n = len(offsets)
    if n == 0:
        return 0, 0
    s = offsets[min(start, n - 1)]
    e = offsets[min(max(end - 1, start), n - 1)] + 1
    return s, max(s, e)


@dataclass(frozen=True, slots=True)
class Normalized:
    original: str
    layers: tuple[Layer, ...]
    findings: tuple[Finding, ...] = field(default=())

    @property
    def text(self) -> str:
        """The normalised top-level text (layer 0)."""
        return self.layers[0].text


# --- invisible characters ------------------------------------------------------------------

_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff\u180e\u00ad\u034f")
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_MARKS = frozenset("\u200e\u200f\u061c")


def _is_tag(ch: str) -> bool:
    return 0xE0000 <= ord(ch) <= 0xE007F


def _variation_selector_value(ch: str) -> int | None:
    o = ord(ch)
    if 0xFE00 <= o <= 0xFE0F:
        return o - 0xFE00
    if 0xE0100 <= o <= 0xE01EF:
        return o - 0xE0100 + 16
    return None


# --- confusables: Cyrillic / Greek letters that look like Latin ones ------------------------

_CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ɡ": "g", "ո": "n", "ս": "u",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Һ": "H",
    "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ω": "w",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}  # fmt: skip
_CONFUSABLE_TABLE = str.maketrans(_CONFUSABLES)
_WORD_RE = re.compile(r"[^\W\d_]+")


def _is_latin_letter(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def fold_confusables(text: str) -> tuple[str, int]:
    """Fold look-alike letters in words that mix scripts (or are made only of look-alikes).

    Real Cyrillic/Greek words keep their letters, so non-Latin rules still match them.
    Returns the folded text (same length) and how many words were folded.
    """
    folded = 0

    def fold(m: re.Match[str]) -> str:
        nonlocal folded
        word = m.group(0)
        if word.isascii():
            return word
        if any(_is_latin_letter(c) for c in word) or all(
            c in _CONFUSABLES or _is_latin_letter(c) for c in word
        ):
            new = word.translate(_CONFUSABLE_TABLE)
            if new != word:
                folded += 1
            return new
        return word

    return _WORD_RE.sub(fold, text), folded


# --- layer 0 ----------------------------------------------------------------------------------


@dataclass
class _Hidden:
    zero_width: int = 0
    bidi: int = 0
    tags: list[str] = field(default_factory=list)
    tag_span: tuple[int, int] | None = None
    selectors: list[int] = field(default_factory=list)
    selector_span: tuple[int, int] | None = None


def _widen(span: tuple[int, int] | None, i: int) -> tuple[int, int]:
    return (i, i + 1) if span is None else (span[0], i + 1)


def _clean(text: str) -> tuple[str, tuple[int, ...] | None, _Hidden]:
    """NFKC + drop invisibles (recording them). Offsets map result indices to ``text``."""
    hidden = _Hidden()
    if text.isascii():
        return text, None, hidden
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        o = ord(ch)
        if o < 0x80:
            out.append(ch)
            offsets.append(i)
            continue
        if ch in _ZERO_WIDTH:
            hidden.zero_width += 1
            continue
        if ch in _BIDI:
            hidden.bidi += 1
            continue
        if ch in _BIDI_MARKS:
            continue
        if _is_tag(ch):
            hidden.tags.append(chr(o - 0xE0000) if 0x20 <= o - 0xE0000 < 0x7F else " ")
            hidden.tag_span = _widen(hidden.tag_span, i)
            continue
        vs = _variation_selector_value(ch)
        if vs is not None:
            hidden.selectors.append(vs)
            hidden.selector_span = _widen(hidden.selector_span, i)
            continue
        norm = unicodedata.normalize("NFKC", ch)
        for c in norm:
            out.append(c)
            offsets.append(i)
    return "".join(out), tuple(offsets), hidden


def _hidden_findings(hidden: _Hidden, folded: int, length: int) -> list[Finding]:
    found: list[Finding] = []
    if hidden.zero_width:
        found.append(
            Finding(
                rule_id="obfuscation.invisible_chars",
                category=Category.OBFUSCATION,
                severity=Severity.LOW,
                action=Action.ALLOW,
                message=f"{hidden.zero_width} zero-width character(s) removed before scanning",
                evidence=(f"count:{hidden.zero_width}",),
            )
        )
    if hidden.bidi:
        found.append(
            Finding(
                rule_id="obfuscation.bidi_control",
                category=Category.OBFUSCATION,
                severity=Severity.MEDIUM,
                action=Action.FLAG,
                message=f"{hidden.bidi} bidirectional override/isolate character(s) removed",
                evidence=(f"count:{hidden.bidi}",),
            )
        )
    payload = "".join(hidden.tags).strip()
    # A tag sequence of a few lower-case letters is a subdivision flag emoji (e.g. gbeng).
    if payload and not (len(payload) <= 7 and payload.isalnum() and payload.islower()):
        found.append(
            Finding(
                rule_id="obfuscation.unicode_tags",
                category=Category.OBFUSCATION,
                severity=Severity.HIGH,
                action=Action.FLAG,
                message=f"invisible Unicode tag characters hide text ({len(payload)} chars)",
                span=hidden.tag_span,
                evidence=("unicode-tag-block",),
            )
        )
    if len(hidden.selectors) >= 4:
        found.append(
            Finding(
                rule_id="obfuscation.variation_selectors",
                category=Category.OBFUSCATION,
                severity=Severity.HIGH,
                action=Action.FLAG,
                message=f"{len(hidden.selectors)} variation selectors smuggle hidden bytes",
                span=hidden.selector_span,
                evidence=("variation-selector-payload",),
            )
        )
    if folded:
        found.append(
            Finding(
                rule_id="obfuscation.confusables",
                category=Category.OBFUSCATION,
                severity=Severity.LOW,
                action=Action.ALLOW,
                message=f"{folded} word(s) mixing Latin with Cyrillic/Greek look-alikes folded",
                evidence=(f"words:{folded}",),
            )
        )
    del length
    return found


# --- decoders ----------------------------------------------------------------------------------

_INLINE_RE = re.compile(
    r"%(?P<pct>[0-9A-Fa-f]{2})"
    r"|&(?P<ent>#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
    r"|\\(?:x(?P<x>[0-9A-Fa-f]{2})|u(?P<u>[0-9A-Fa-f]{4})|U(?P<U>[0-9A-Fa-f]{8}))"
)


def _readable(data: bytes) -> str | None:
    """Decoded bytes that are text a model would read (not key material / binary)."""
    if len(data) < 6:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    printable = sum(1 for c in text if c.isprintable() or c in "\n\r\t")
    if printable < 0.9 * len(text):
        return None
    letters = sum(1 for c in text if c.isalpha() or c == " ")
    return text if letters >= 0.5 * len(text) else None


def _b64decode(token: str) -> bytes | None:
    raw = token.rstrip("=")
    if len(raw) % 4 == 1:
        return None
    padded = raw + "=" * (-len(raw) % 4)
    try:
        if "-" in raw or "_" in raw:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def _decode_blocks(layer: Layer, emit: Callable[[Layer], None]) -> None:
    """Dense blocks (base64, hex): each decoded block maps to its whole span."""
    text = layer.text
    for start, end in runs(text, BASE64, 16):
        while end < len(text) and end - start < 4096 and text[end] == "=":
            end += 1
        token = text[start:end]
        if token.isdigit() or (token.isalpha() and token.islower()):
            continue
        data = _b64decode(token)
        decoded = _readable(data) if data else None
        if decoded:
            emit(_sublayer(decoded, LayerKind.BASE64, layer, (start, end)))
    for start, end in runs(text, HEX, 16):
        if (end - start) % 2:
            continue
        decoded = _readable(bytes.fromhex(text[start:end]))
        if decoded:
            emit(_sublayer(decoded, LayerKind.HEX, layer, (start, end)))


def _unescape(m: re.Match[str]) -> tuple[str, LayerKind]:
    if m.group("pct") is not None:
        return chr(int(m.group("pct"), 16)), LayerKind.PERCENT
    if m.group("ent") is not None:
        return html.unescape(m.group(0)), LayerKind.HTML
    value = int(m.group("x") or m.group("u") or m.group("U"), 16)
    return (chr(value) if value <= 0x10FFFF else m.group(0)), LayerKind.ESCAPES


def _decode_inline(layer: Layer) -> Layer | None:
    """Percent-encoding, HTML entities, ``\\xNN`` escapes: decoded in place in one pass,
    keeping an exact offset map (each decoded character maps to its escape)."""
    text = layer.text
    if "%" not in text and "&" not in text and "\\" not in text:
        return None
    out: list[str] = []
    offsets: list[int] = []
    kinds: set[LayerKind] = set()
    last = 0
    for m in _INLINE_RE.finditer(text):
        rep, kind = _unescape(m)
        if rep == m.group(0):
            continue
        kinds.add(kind)
        out.append(text[last : m.start()])
        offsets.extend(range(last, m.start()))
        out.append(rep)
        offsets.extend([m.start()] * len(rep))
        last = m.end()
    if not kinds:
        return None
    out.append(text[last:])
    offsets.extend(range(last, len(text)))
    kind = kinds.pop() if len(kinds) == 1 else LayerKind.ESCAPES
    return Layer("".join(out), kind, layer.depth + 1, parent=layer, offsets=tuple(offsets))


def _sublayer(decoded: str, kind: LayerKind, parent: Layer, origin: tuple[int, int]) -> Layer:
    """A decoded block, itself normalised (its own invisibles dropped)."""
    clean, _offsets, _hidden = _clean(decoded)
    clean, _ = fold_confusables(clean)
    return Layer(clean, kind, parent.depth + 1, parent=parent, origin=origin)


def _smuggled_layers(hidden: _Hidden, top: Layer) -> list[Layer]:
    layers = []
    payload = "".join(hidden.tags).strip()
    if payload and hidden.tag_span and len(payload) > 7:
        layers.append(
            Layer(payload, LayerKind.UNICODE_TAGS, 1, parent=None, origin=hidden.tag_span)
        )
    if len(hidden.selectors) >= 4 and hidden.selector_span:
        decoded = _readable(bytes(hidden.selectors))
        if decoded:
            layers.append(
                Layer(decoded, LayerKind.VARIATION_SELECTORS, 1, origin=hidden.selector_span)
            )
    del top
    return layers


def normalize(text: str) -> Normalized:
    """Normalise ``text`` and unfold what is hidden in it. Pure; bounded work and size."""
    clean, offsets, hidden = _clean(text)
    folded = 0
    if not clean.isascii():
        clean, folded = fold_confusables(clean)
    top = Layer(clean, LayerKind.TEXT, 0, offsets=offsets)
    layers: list[Layer] = [top]
    budget = MAX_DECODED_CHARS

    queue = [top, *_smuggled_layers(hidden, top)]
    layers.extend(queue[1:])
    seen = {layer.text for layer in queue}
    while queue:
        layer = queue.pop(0)
        if layer.depth >= MAX_DEPTH:
            continue
        found: list[Layer] = []
        _decode_blocks(layer, found.append)
        sub = _decode_inline(layer)
        if sub is not None:
            found.append(sub)
        for sub in found:
            if sub.text in seen:
                continue
            if len(layers) >= MAX_LAYERS or len(sub.text) > budget:
                break
            seen.add(sub.text)
            budget -= len(sub.text)
            layers.append(sub)
            queue.append(sub)
    return Normalized(text, tuple(layers), tuple(_hidden_findings(hidden, folded, len(text))))
