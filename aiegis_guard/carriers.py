"""Carriers that split or re-escape what they carry, read back as one text (with offset maps).

Called by :mod:`aiegis_guard.normalize` for decoded layers; each reader has a cheap gate
(``str`` membership tests first, a regex only then) so that plain text pays nothing:

* **stream deltas** (``stream``): a Server-Sent Events stream of an LLM API carries a tool
  call's arguments, or the message text, in fragments, one per ``data:`` event; the fragments of
  each call (or message) are joined in order: OpenAI Chat Completions
  (``choices[].delta.tool_calls[].function.arguments``, ``choices[].delta.content``), OpenAI
  Responses (``response.*.delta`` events' ``delta``), Anthropic Messages
  (``content_block_delta`` with ``input_json_delta.partial_json`` or ``text_delta.text``);
* **frame variables** (``frames``): a traceback printed with its variables (loguru
  ``diagnose=True``, better-exceptions) writes each value under the source line, joined to the
  name's column by ``│`` / ``└`` connectors; each is read back as ``name = value``;
* **nested JSON strings** (``json_string``): JSON inside a JSON string inside JSON (a secret
  manager's ``SecretString`` holding a keystore as a string) is escaped twice (``\\\\\\"``);
  one level of JSON string escapes is undone, so the scanners read it as JSON one level deep
  (deeper levels unfold again, as a decoded layer is decoded again);
* **quoted-printable** (``quoted_printable``): an e-mail body that says
  ``Content-Transfer-Encoding: quoted-printable``, or a text that is plainly one (soft line
  breaks and UTF-8 ``=C3=A9`` escapes): ``=XX`` bytes decoded, soft line breaks removed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from aiegis_guard.jsontext import loads
from aiegis_guard.offsets import MapBuilder, OffsetMap

__all__ = ["Carried", "may_carry", "read_carriers"]

Carried = tuple[str, OffsetMap, str]  # (decoded text, map into the text, layer kind)

# --- stream deltas ------------------------------------------------------------------------------

_DATA_RE = re.compile(r"(?m)^[ \t]*data:[ \t]?(\{.*?)[ \t]*\r?$")
MAX_EVENTS = 4096  # events of one stream read (a long stream's later ones are left as they are)


def _choice_pieces(event: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    """``(stream key, field name, fragment)`` of an OpenAI Chat Completions chunk."""
    out: list[tuple[tuple[Any, ...], str, str]] = []
    for choice in _list(event.get("choices")):
        delta = choice.get("delta") if isinstance(choice, dict) else None
        if not isinstance(delta, dict):
            continue
        at = _key(choice.get("index", 0))
        if isinstance(delta.get("content"), str):
            out.append((("content", at), "content", delta["content"]))
        for call in _list(delta.get("tool_calls")):
            fn = call.get("function") if isinstance(call, dict) else None
            if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                key = ("call", at, _key(call.get("index", 0)))
                out.append((key, "arguments", fn["arguments"]))
    return out


def _list(value: Any) -> list[Any]:
    """A JSON array, or nothing (a stream event of another shape: ``"choices": 7``)."""
    return value if isinstance(value, list) else []


def _key(value: Any) -> int | str:
    """A stream's index or id as a dictionary key, whatever JSON put there (``[1]``, ``{}``)."""
    return value if isinstance(value, (int, str)) else repr(value)


def _event_pieces(event: Any) -> list[tuple[tuple[Any, ...], str, str]]:
    """The fragments one ``data:`` event carries, each with its stream's key."""
    if not isinstance(event, dict):
        return []
    if "choices" in event:
        return _choice_pieces(event)
    delta = event.get("delta")
    kind = event.get("type")
    if kind == "content_block_delta" and isinstance(delta, dict):  # Anthropic Messages
        for field in ("partial_json", "text"):
            if isinstance(delta.get(field), str):
                return [(("block", _key(event.get("index", 0))), field, delta[field])]
    if isinstance(kind, str) and kind.endswith(".delta") and isinstance(delta, str):
        item = _key(event.get("item_id", event.get("output_index", 0)))  # OpenAI Responses
        return [(("item", item), "delta", delta)]
    return []


def _literal_span(line: str, offset: int, field: str, value: str) -> tuple[int, int]:
    """The span of ``"field": "<value>"``'s string in the line (else the whole line)."""
    for m in re.finditer(rf'"{field}"\s*:\s*"((?:[^"\\]|\\.)*)"', line):
        try:
            if loads(f'"{m.group(1)}"') == value:
                return offset + m.start(1), offset + m.end(1)
        except ValueError:
            continue
    return offset, offset + len(line)


def _stream(text: str) -> Carried | None:
    if text.count("data:") < 2:
        return None
    streams: dict[tuple[Any, ...], list[tuple[str, tuple[int, int]]]] = {}
    for n, m in enumerate(_DATA_RE.finditer(text)):
        if n >= MAX_EVENTS:
            break
        try:
            event = loads(m.group(1))
        except ValueError:
            continue
        for key, field, piece in _event_pieces(event):
            if piece:
                span = _literal_span(m.group(1), m.start(1), field, piece)
                streams.setdefault(key, []).append((piece, span))
    split = [pieces for pieces in streams.values() if len(pieces) >= 2]
    if not split:
        return None
    out: list[str] = []
    spans = MapBuilder()
    for pieces in split:
        for piece, (start, end) in pieces:
            out.append(piece)
            spans.atomic(len(piece), start, end)
        out.append("\n")
        spans.atomic(1, pieces[-1][1][1], pieces[-1][1][1])
    return "".join(out), spans.build(), "stream"


# --- frame variables ----------------------------------------------------------------------------

_CONNECTORS = "│└"
_NAME_RE = re.compile(r"[A-Za-z_][\w.]*")


def _frames(text: str) -> Carried | None:
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    out: list[str] = []
    spans = MapBuilder()
    source = -1  # the last line above that is not a connectors' line (one pass: linear)
    for i, line in enumerate(lines):
        col = line.find("└")
        if col < 0 or line[:col].strip(" │"):
            if not (line.lstrip()[:1] in _CONNECTORS and line.strip()):
                source = i
            continue  # a value's line holds connectors only before its "└"
        j = source
        name = _NAME_RE.match(lines[j], col) if j >= 0 else None
        value = line[col + 1 :].strip()
        if name is None or not value or (col and _NAME_RE.match(lines[j], col - 1)):
            continue  # no name starts at the connector's column
        begin = starts[i] + line.index(value, col + 1)
        said = f"{name.group()} = "
        out.append(said)
        spans.atomic(len(said), starts[i] + col, starts[i] + col + 1)
        out.append(value + "\n")
        spans.linear(begin, begin + len(value))
        spans.atomic(1, begin + len(value), begin + len(value))
    return ("".join(out), spans.build(), "frames") if out else None


# --- nested JSON strings ------------------------------------------------------------------------

_TWICE = '\\\\\\"'  # \\\" : a quote escaped inside a string escaped inside a string
_JSON_ESCAPE_RE = re.compile(r'\\(["\\/bfnrt])')
_JSON_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r"}


def _json_string(text: str) -> Carried | None:
    out: list[str] = []
    spans = MapBuilder()
    last = 0
    for m in _JSON_ESCAPE_RE.finditer(text):
        out.append(text[last : m.start()])
        spans.linear(last, m.start())
        out.append(_JSON_CHARS.get(m.group(1), "\t"))
        spans.atomic(1, m.start(), m.end())
        last = m.end()
    out.append(text[last:])
    spans.linear(last, len(text))
    return "".join(out), spans.build(), "json_string"


# --- quoted-printable ---------------------------------------------------------------------------

_QP_HEADER_RE = re.compile(r"(?im)^content-transfer-encoding:[ \t]*quoted-printable[ \t]*\r?$")
_QP_RE = re.compile(r"(?P<soft>=\r?\n)|(?P<bytes>(?:=[0-9A-F]{2})+)")
# a body declared quoted-printable: lower-case escapes too (encoders that write "=c3=a9")
_QP_DECLARED_RE = re.compile(r"(?P<soft>=\r?\n)|(?P<bytes>(?:=[0-9A-Fa-f]{2})+)")
_QP_UTF8_RE = re.compile(r"=[C-F][0-9A-F]=[89AB][0-9A-F]")  # a multi-byte character's escape
_BOUNDARY_PARAM_RE = re.compile(r'(?i)\bboundary="?([^";\s]{1,70})')
# without a declared boundary, a line that can only be one (not "--network mainnet")
_BOUNDARY_RE = re.compile(r"(?m)^--[\w'()+,./:=?-]{12,70}[ \t]*\r?$")


def _qp_regions(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Where the text is quoted-printable, and whether it says so: each body declared so (to
    its MIME boundary), or the whole text when it is plainly so (soft line breaks and UTF-8
    escapes)."""
    if "-printable" in text or "-Printable" in text or "-PRINTABLE" in text:
        regions = []
        params = _BOUNDARY_PARAM_RE.findall(text)
        for m in _QP_HEADER_RE.finditer(text):
            ends = [text.find("\n--" + b, m.end()) for b in params]
            declared = [e + 1 for e in ends if e >= 0]
            boundary = _BOUNDARY_RE.search(text, m.end())
            end = min(declared) if declared else boundary.start() if boundary else len(text)
            regions.append((m.end(), end))
        if regions:
            return regions, True
    if ("=\n" in text or "=\r\n" in text) and len(_QP_UTF8_RE.findall(text)) >= 2:
        return [(0, len(text))], False
    return [], False


def _quoted_printable(text: str) -> Carried | None:
    regions, declared = _qp_regions(text)
    if not regions:
        return None
    escapes = _QP_DECLARED_RE if declared else _QP_RE
    out: list[str] = []
    spans = MapBuilder()
    last = 0
    for lo, hi in regions:
        for m in escapes.finditer(text, lo, hi):
            out.append(text[last : m.start()])
            spans.linear(last, m.start())
            last = m.end()
            if m.group("soft"):
                continue
            data = bytes.fromhex(m.group("bytes").replace("=", ""))
            try:
                decoded, utf8 = data.decode("utf-8"), True
            except UnicodeDecodeError:
                decoded, utf8 = data.decode("latin-1"), False
            pos = m.start()
            for ch in decoded:
                width = 3 * len(ch.encode("utf-8")) if utf8 else 3
                out.append(ch)
                spans.atomic(1, pos, pos + width)
                pos += width
    out.append(text[last:])
    spans.linear(last, len(text))
    decoded_text = "".join(out)
    return (decoded_text, spans.build(), "quoted_printable") if decoded_text != text else None


def _may_be_qp(text: str) -> bool:
    return "=" in text and (
        "=\n" in text or "=\r\n" in text or "-printable" in text or "-Printable" in text
        or "-PRINTABLE" in text
    )  # fmt: skip


def _may_be_stream(text: str) -> bool:
    return "data:" in text and '"delta"' in text


# each reader behind its cheap gate
_READERS: tuple[tuple[Callable[[str], bool], Callable[[str], Carried | None]], ...] = (
    (_may_be_stream, _stream),
    (lambda text: "└" in text, _frames),
    (lambda text: _TWICE in text, _json_string),
    (_may_be_qp, _quoted_printable),
)


def may_carry(text: str) -> bool:
    """Cheap gate: might :func:`read_carriers` read anything in ``text``?"""
    return any(gate(text) for gate, _read in _READERS)


def read_carriers(text: str) -> list[Carried]:
    """Every carrier reading of ``text`` (decoded text, map into ``text``, layer kind)."""
    found = [read(text) for gate, read in _READERS if gate(text)]
    return [c for c in found if c is not None]
