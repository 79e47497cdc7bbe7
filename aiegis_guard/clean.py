"""Cleaning one text: invisible characters out (recorded), NFKC, look-alikes folded.

``clean(text)`` returns the cleaned text, an exact :class:`~aiegis_guard.offsets.OffsetMap`
into ``text`` (None when nothing moved) and what was hidden (:class:`Hidden`: zero-width and
bidi characters, text smuggled in Unicode tags or in runs of variation selectors, how many
words were folded). NFKC runs one composition segment at a time so every output character
maps to the characters it came from; characters whose NFKC form is very long (U+FDFA is 18
characters) are kept, so the size stays bounded.
"""

from __future__ import annotations

import re
import unicodedata

from aiegis_guard.confusables import fold_confusables
from aiegis_guard.offsets import MapBuilder, OffsetMap

__all__ = ["MAX_EXPANSION", "Count", "Hidden", "chain", "clean"]

MAX_EXPANSION = 4  # NFKC may not grow a character beyond this many (U+FDFA is 18)

# --- invisible characters ------------------------------------------------------------------

# Each pattern opens with a look-ahead for a non-ASCII character (every member is one): the
# engine skips ASCII at C speed instead of testing each character against the astral ranges
# (~3x faster on prose with typographic quotes).
_SPECIAL_RE = re.compile(
    "(?=[^\x00-\x7f])[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb\ud800-\udfff"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef]+"
)
# Invisible characters that are only ever recorded and dropped (no payload, no context rule):
# a run of only these takes the fast path in ``_strip`` (text interleaved with zero-width
# spaces has one run per character, and per-run Python work made it scan 40x slower).
_PLAIN_RE = re.compile(
    "[\u00ad\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b\u2060-\u2064\u206a-\u206f"
    "\u3164\uffa0\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a]+"
)
_NON_PLAIN_RE = re.compile(
    "(?=[^\x00-\x7f])[\u061c\u200c-\u200f\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f\ufeff\ud800-\udfff"
    "\U000e0000-\U000e007f\U000e0100-\U000e01ef]"
)
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_SILENT = frozenset("\u200e\u200f\u061c")  # directional marks: legitimate in RTL text
_JOINERS = frozenset("\u200c\u200d")  # legitimate in emoji, Indic and Persian text
_FLAG_TAGS_RE = re.compile(r"[a-z]{2}[a-z0-9]{1,4}\x7f")  # subdivision flags, e.g. gbeng


class Count:
    """How many of something, and the span from the first to the last one."""

    __slots__ = ("count", "first", "last")

    def __init__(self) -> None:
        self.count, self.first, self.last = 0, -1, -1

    def add(self, start: int, end: int, n: int = 1) -> None:
        if not self.count:
            self.first = start
        self.count += n
        self.last = end


class Hidden:
    """What :func:`_strip` removed from one text (positions in that text)."""

    __slots__ = ("bidi", "folded", "invisible", "tag_map", "tags", "vs_bytes", "vs_spans")

    def __init__(self) -> None:
        self.invisible, self.bidi = Count(), Count()
        self.tags: list[str] = []
        self.tag_map = MapBuilder()
        self.vs_bytes = bytearray()
        self.vs_spans = Count()
        self.folded = 0


def _vs_value(o: int) -> int:
    return o - 0xFE00 if o <= 0xFE0F else o - 0xE0100 + 16


def _smuggled(text: str, start: int, end: int, hidden: Hidden) -> None:
    """Tag characters and runs of variation selectors carry hidden text: collect it."""
    run = text[start:end]
    vs = [i for i, ch in enumerate(run, start) if "\ufe00" <= ch <= "\ufe0f" or ch > "\U000e00ff"]
    if len(vs) >= 2:  # one selector after an emoji is normal; a run of them is a payload
        hidden.vs_bytes.extend(_vs_value(ord(text[i])) for i in vs)
        hidden.vs_spans.add(vs[0], vs[-1] + 1)
    tags = [i for i, ch in enumerate(run, start) if "\U000e0000" <= ch <= "\U000e007f"]
    if tags:
        payload = "".join(chr(ord(text[i]) - 0xE0000) for i in tags)
        flag = start > 0 and text[start - 1] == "\U0001f3f4" and _FLAG_TAGS_RE.fullmatch(payload)
        if not flag:
            hidden.tags.append(payload)
            for i in tags:
                hidden.tag_map.linear(i, i + 1)


def _is_wordy(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _strip_run(text: str, start: int, end: int, hidden: Hidden, out: MapBuilder) -> list[str]:
    """Handle one run of special characters: record them; return what is kept (U+FFFD)."""
    _smuggled(text, start, end, hidden)
    kept: list[str] = []
    for i in range(start, end):
        ch = text[i]
        if "\ud800" <= ch <= "\udfff":
            kept.append("\ufffd")
            out.linear(i, i + 1)
        elif ch in _BIDI:
            hidden.bidi.add(i, i + 1)
        elif ch in _JOINERS:
            if (i and _is_wordy(text[i - 1])) or (i + 1 < len(text) and _is_wordy(text[i + 1])):
                hidden.invisible.add(i, i + 1)
        elif ch in _SILENT or (ch == "\ufeff" and i == 0):
            continue
        elif ch < "\ufe00" or "\ufe0f" < ch < "\U000e0000":
            hidden.invisible.add(i, i + 1)
    return kept


def _strip_plain(text: str) -> tuple[str, OffsetMap, Hidden]:
    """The fast path: every special character is plain (see ``_PLAIN_RE``); C-speed split,
    the map built in bulk."""
    runs = [m.span() for m in _SPECIAL_RE.finditer(text)]
    kept_starts = [0, *(e for _, e in runs)]
    kept_ends = [*(s for s, _ in runs), len(text)]
    starts = [s for s, e in zip(kept_starts, kept_ends, strict=True) if e > s]
    ends = [e for s, e in zip(kept_starts, kept_ends, strict=True) if e > s]
    spans = MapBuilder()
    spans.linear_pieces(starts, ends)
    hidden = Hidden()
    stripped = "".join(_SPECIAL_RE.split(text))
    hidden.invisible.add(runs[0][0], runs[-1][1], len(text) - len(stripped))
    return stripped, spans.build(), hidden


def _strip(text: str) -> tuple[str, OffsetMap | None, Hidden | None]:
    """Drop invisible characters (recording them); lone surrogates become U+FFFD."""
    m = _SPECIAL_RE.search(text)
    if m is None:
        return text, None, None
    if _NON_PLAIN_RE.search(text, m.start()) is None:
        return _strip_plain(text)
    return _strip_runs(text, m.start())


def _strip_runs(text: str, first: int) -> tuple[str, OffsetMap, Hidden]:
    """The general path: each run of special characters handled by ``_strip_run``."""
    hidden = Hidden()
    out: list[str] = []
    spans = MapBuilder()
    last = 0
    plain = _PLAIN_RE.fullmatch
    for run in _SPECIAL_RE.finditer(text, first):
        start, end = run.span()
        out.append(text[last:start])
        spans.linear(last, start)
        if plain(text, start, end):
            hidden.invisible.add(start, end, end - start)
        else:
            out.extend(_strip_run(text, start, end, hidden, spans))
        last = end
    out.append(text[last:])
    spans.linear(last, len(text))
    return "".join(out), spans.build(), hidden


# --- NFKC with an offset map -------------------------------------------------------------------

_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]+")
# Characters with canonical combining class 0 that still compose with what precedes them.
_SECONDS = frozenset(
    "\u09be\u09d7\u0b3e\u0b56\u0b57\u0bbe\u0bd7\u0cc2\u0cd5\u0cd6\u0d3e\u0d57\u0dcf\u0ddf"
    "\u102e\u1b35\U00011127\U0001133e\U00011357\U000114b0\U000114ba\U000114bd\U000115af"
    "\U00011930"
)
_BOUNDARY: dict[str, bool] = {}


def _is_boundary(ch: str) -> bool:
    """Does NFKC never merge ``ch`` with the character before it?"""
    if ch < "\u0300":
        return True
    known = _BOUNDARY.get(ch)
    if known is None:
        first = unicodedata.normalize("NFKD", ch)[:1] or ch
        known = not (
            unicodedata.combining(ch)
            or unicodedata.combining(first)
            or first in _SECONDS
            or "\u1161" <= first <= "\u1175"
            or "\u11a8" <= first <= "\u11c2"
        )
        if len(_BOUNDARY) < 65536:
            _BOUNDARY[ch] = known
    return known


def _nfkc_segment(segment: str) -> str:
    norm = unicodedata.normalize("NFKC", segment)
    return segment if len(norm) > MAX_EXPANSION * len(segment) else norm


def _nfkc_region(text: str, start: int, end: int, out: list[str], spans: MapBuilder) -> int:
    """NFKC ``text[start:end]`` segment by segment; returns where the unflushed copy begins."""
    copy_from = start
    seg = start
    for i in range(start + 1, end + 1):
        if i < end and not _is_boundary(text[i]):
            continue
        piece = text[seg:i]
        norm = _nfkc_segment(piece)
        if norm != piece:
            out.append(text[copy_from:seg])
            spans.linear(copy_from, seg)
            out.append(norm)
            spans.atomic(len(norm), seg, i)
            copy_from = i
        seg = i
    return copy_from


def _nfkc(text: str) -> tuple[str, OffsetMap | None]:
    """NFKC, keeping an exact map: only non-ASCII stretches (and the character before each,
    which a combining mark may join) are normalised, one composition segment at a time."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):
        return text, None
    out: list[str] = []
    spans = MapBuilder()
    copy_from = 0
    for m in _NON_ASCII_RE.finditer(text):
        start = max(m.start() - 1, copy_from)
        region = text[start : m.end()]
        if unicodedata.is_normalized("NFKC", region):
            continue
        out.append(text[copy_from:start])
        spans.linear(copy_from, start)
        copy_from = _nfkc_region(text, start, m.end(), out, spans)
    out.append(text[copy_from:])
    spans.linear(copy_from, len(text))
    result = "".join(out)
    return (text, None) if result == text else (result, spans.build())


def chain(*maps: OffsetMap | None) -> OffsetMap | None:
    """Compose maps listed from the innermost (newest text) to the outermost."""
    result: OffsetMap | None = None
    for m in maps:
        if m is not None:
            result = m if result is None else result.then(m)
    return result


def clean(text: str) -> tuple[str, OffsetMap | None, Hidden | None]:
    """Invisible characters out, NFKC, look-alikes folded. The map points into ``text``."""
    if text.isascii():
        return text, None, None
    stripped, strip_map, hidden = _strip(text)
    normal, nfkc_map = _nfkc(stripped)
    # a folded letter may compose with a mark across another, and the composed word then mix
    # scripts ("А゙̀А" -> "À゙А"): fold and compose again until nothing folds (normalising a
    # normalised text changes nothing)
    refolds: list[OffsetMap | None] = []
    for _ in range(MAX_REFOLDS):
        normal, folded = fold_confusables(normal)
        if not folded:
            break
        hidden = hidden or Hidden()
        hidden.folded += folded
        normal, refold_map = _nfkc(normal)
        refolds.insert(0, refold_map)
    return normal, chain(*refolds, nfkc_map, strip_map), hidden


MAX_REFOLDS = 4  # rounds of folding; each folds a word the last composed (one in practice)
