"""Carriers that split or re-escape what they carry, read back as one text (with offset maps).

Called by :mod:`aiegis_guard.normalize` for decoded layers; each reader has a cheap gate
(``str`` membership tests first, a regex only then) so that plain text pays nothing:

* **stream deltas** (``stream``, :mod:`aiegis_guard.streams`): a stream of an LLM API (SSE,
  JSON lines, a JSON array, the Vercel AI SDK data stream) carries a tool call's arguments, or
  the message text, in fragments, one per event; the fragments of each call (or message) are
  joined in order (OpenAI, Anthropic, Gemini, Bedrock, Ollama, the AI SDK's own events);
* **frame variables** (``frames``, :mod:`aiegis_guard.frames`): a traceback printed with its
  variables (loguru ``diagnose=True``, better-exceptions; ``│`` / ``└`` connectors, or ``|`` /
  ``->`` where the output cannot encode them) and rich's locals panels; each value is read
  back as ``name = value``;
* **nested JSON strings** (``json_string``): JSON written inside a JSON string (a HAR's
  ``content.text`` / ``postData.text``, a Postman ``raw`` body, a redis-cli quoted reply, a
  secret manager's ``SecretString`` holding a keystore) has its quotes escaped (``{\\"key\\":``,
  twice inside a string inside a string: ``\\\\\\"``); one level of JSON string escapes is
  undone, so the scanners read the inner document as JSON (its members' names beside their
  values); deeper levels unfold again, as a decoded layer is decoded again, and a ``\\u00XX``
  written inside the inner string (``\\\\u0030``) becomes an escape the inline decoder reads;
* **message chunks** (``stream``): LangChain's streamed message chunks as Python prints them
  (LangGraph ``astream_events`` / ``stream`` dumps: ``AIMessageChunk(content='par')``, one per
  event); the contents of the chunks are joined in order, as the model wrote them;
* **pytest diffs** (``frames``): pytest's ``Full diff:`` of two values (``-vv``) prints the
  lines both share unmarked and the others behind ``-`` / ``+``; each side is read back whole
  (the shared lines with its own), each as a layer of its own (a list of words, a dict);
* **quoted-printable** (``quoted_printable``): an e-mail body that says
  ``Content-Transfer-Encoding: quoted-printable``, or a text that is plainly one (soft line
  breaks and UTF-8 ``=C3=A9`` escapes): ``=XX`` bytes decoded, soft line breaks removed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

from aiegis_guard.frames import may_be_frames, read_frames
from aiegis_guard.offsets import MapBuilder, OffsetMap
from aiegis_guard.streams import may_be_stream, read_stream

__all__ = ["Carried", "may_carry", "read_carriers"]

Carried = tuple[str, OffsetMap, str]  # (decoded text, map into the text, layer kind)

# --- nested JSON strings ------------------------------------------------------------------------

_TWICE = '\\\\\\"'  # \\\" : a quote escaped inside a string escaped inside a string
# a member's name inside an escaped JSON object or array: an escaped quote after "{", "[", ","
# or an escaped line break, the name, an escaped quote and ":" (``{\"keystore\":``,
# ``{\n  \"jsonrpc\":``); read at each escaped quote found at C speed (a pattern without a
# literal start would be tried at every position: ~25 ms a megabyte of RPC JSON)
_ESCAPED_NAME_RE = re.compile(r'\\"[\w$@.-]{1,64}\\"[ \t]*:')
_MEMBER_OPENER_RE = re.compile(r"(?:[{\[,]|\\n)[ \t]*$")
MAX_ESCAPED_QUOTES = 4096  # escaped quotes read per text for a member's name
_JSON_ESCAPE_RE = re.compile(r'\\(["\\/bfnrt])')
_JSON_CHARS = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r"}


def _may_be_json_string(text: str) -> bool:
    """JSON escaped inside a string: a quote escaped twice, or an escaped member's name outside
    an LLM stream (whose tool-call arguments are escaped JSON: the stream reader joins and
    unescapes them, and a call that came whole is the scanners' own reading). One pass over
    the escaped quotes, found at C speed."""
    at, left = text.find('\\"'), MAX_ESCAPED_QUOTES
    while at >= 0 and left:
        if at >= 2 and text.startswith("\\\\", at - 2):  # \\\" : escaped twice
            return True
        if _ESCAPED_NAME_RE.match(text, at) and _MEMBER_OPENER_RE.search(text, max(0, at - 16), at):
            return not may_be_stream(text) or _TWICE in text
        at, left = text.find('\\"', at + 2), left - 1
    return not left and _TWICE in text


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


def _names_qp(text: str) -> bool:
    """Does ``text`` name quoted-printable (a transfer encoding's header, in any common case)?"""
    return "-printable" in text or "-Printable" in text or "-PRINTABLE" in text


def _qp_regions(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Where the text is quoted-printable, and whether it says so: each body declared so (to
    its MIME boundary), or the whole text when it is plainly so (soft line breaks and UTF-8
    escapes)."""
    if _names_qp(text):
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


# --- LangChain message chunks -------------------------------------------------------------------

_CHUNK_NAME = "MessageChunk(content="
_CHUNK_RE = re.compile(
    r"\b(?:AI|Human|Tool|System|Chat|Function)MessageChunk\(content="
    r"""(?P<s>'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
)
MAX_CHUNKS = 4096  # chunks of one text joined (a longer dump's later ones are left as they are)


def _message_chunks(text: str) -> Carried | None:
    """The contents of the message chunks in ``text`` joined in order (two or more)."""
    out: list[str] = []
    spans = MapBuilder()
    for m in _CHUNK_RE.finditer(text):
        if len(out) >= MAX_CHUNKS:
            break
        try:
            piece = ast.literal_eval(m.group("s"))
        except (ValueError, SyntaxError):
            continue
        if isinstance(piece, str) and piece:
            out.append(piece)
            spans.atomic(len(piece), *m.span("s"))
    return ("".join(out), spans.build(), "stream") if len(out) >= 2 else None


# --- pytest diffs ---------------------------------------------------------------------------------

_FULL_DIFF = "Full diff:"
# a line of the diff: pytest's "E" prefix (in a report) and indentation, then the marker
_DIFF_LINE_RE = re.compile(r"(?m)^(?:E[ \t]+|[ \t]*)(?P<m>[-+ ?])[ \t]*(?P<v>[^\n]*)$")


def _diff_side(text: str, side: str) -> Carried | None:
    """One side (``+`` or ``-``) of every ``Full diff:`` in ``text``: the unmarked lines with
    its own (the sides are read apart: words run on from one into the other nowhere)."""
    out: list[str] = []
    spans = MapBuilder()
    at = text.find(_FULL_DIFF)
    while at >= 0:
        pos = text.find("\n", at) + 1
        while pos:
            m = _DIFF_LINE_RE.match(text, pos)
            if m is None or not m.group().strip() or m.group().strip() == "E":
                break
            if m.group("m") in (" ", side):
                start, end = m.span("v")
                spans.linear(start, end)
                out.append(text[start:end])
                spans.atomic(1, start, end)  # the line break: the line's
                out.append("\n")
            pos = m.end() + 1 if m.end() < len(text) else 0
        at = text.find(_FULL_DIFF, max(pos, at + 1)) if pos else -1
    return ("".join(out), spans.build(), "frames") if out else None


def _diff_sides(text: str) -> list[Carried]:
    return [c for c in (_diff_side(text, "+"), _diff_side(text, "-")) if c is not None]


def _may_be_qp(text: str) -> bool:
    return "=" in text and ("=\n" in text or "=\r\n" in text or _names_qp(text))


def _stream(text: str) -> Carried | None:
    read = read_stream(text)
    return (read[0], read[1], "stream") if read is not None else None


def _frames(text: str) -> Carried | None:
    read = read_frames(text)
    return (read[0], read[1], "frames") if read is not None else None


# each reader behind its cheap gate
# a reader gives one reading, none, or several (the two sides of a diff)
_Reader = Callable[[str], Carried | None] | Callable[[str], list[Carried]]
_READERS: tuple[tuple[Callable[[str], bool], _Reader], ...] = (
    (may_be_stream, _stream),
    (may_be_frames, _frames),
    (_may_be_json_string, _json_string),
    (_may_be_qp, _quoted_printable),
    (lambda text: _CHUNK_NAME in text, _message_chunks),
    (lambda text: _FULL_DIFF in text, _diff_sides),
)


def may_carry(text: str) -> bool:
    """Cheap gate: might :func:`read_carriers` read anything in ``text``?"""
    return any(gate(text) for gate, _read in _READERS)


def read_carriers(text: str) -> list[Carried]:
    """Every carrier reading of ``text`` (decoded text, map into ``text``, layer kind)."""
    found: list[Carried] = []
    for gate, read in _READERS:
        if gate(text):
            got = read(text)
            found += got if isinstance(got, list) else [got] if got is not None else []
    return found
