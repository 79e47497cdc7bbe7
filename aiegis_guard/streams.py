"""LLM API streams read back as the texts they carry (a tool call's arguments, a message).

Called by :mod:`aiegis_guard.carriers` behind its cheap gate. A stream splits each tool call's
arguments (or the message's text) into fragments, one per event; the fragments of each call
(or message) are joined in order. Events are read from the records of these framings:

* **Server-Sent Events**: the ``data:`` lines of one event (up to a blank line) joined by
  "\\n", as the SSE standard dispatches them (an event's JSON may span several lines); lines
  that do not form JSON together are read one by one (a log that dropped the blank lines);
* **JSON lines**: a line that is a JSON object (Ollama's ``application/x-ndjson``, chunks
  logged one a line), or a Python dict as boto3 prints a Bedrock stream's events;
* **a JSON array** of events (Gemini ``streamGenerateContent`` without ``alt=sse``);
* **the Vercel AI SDK data stream** (v4): ``<code>:<JSON>`` lines, ``0`` a text part, ``g``
  reasoning, ``c`` a tool call's ``argsTextDelta`` (``packages/ui-utils/src/
  data-stream-parts.ts`` of vercel/ai).

The events whose fragments are read (:func:`event_pieces`), each from its API's reference:
OpenAI Chat Completions chunks (``choices[].delta.content`` / ``.tool_calls[].function.
arguments``; Mistral's and Ollama's OpenAI-compatible streams are the same), OpenAI Responses
(``response.*.delta``), Anthropic Messages (``content_block_delta``: ``input_json_delta.
partial_json`` / ``text_delta.text``), the AI SDK UI message stream (v5: ``text-delta`` /
``reasoning-delta`` ``delta``, ``tool-input-delta`` ``inputTextDelta``), Gemini
``GenerateContentResponse`` (``candidates[].content.parts[].text``; ``functionCall.
partialArgs[]`` ``stringValue`` per ``jsonPath``, Vertex AI's streamed function arguments),
Bedrock ConverseStream (``contentBlockDelta.delta``: ``text``, ``toolUse.input``,
``reasoningContent.text``; the bare payload of the HTTP event stream too), Ollama
``/api/chat`` / ``/api/generate`` (``message.content`` / ``response`` beside ``done``).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from itertools import islice
from typing import Any

from aiegis_guard.jsontext import MAX_DEPTH, loads, nesting_depth
from aiegis_guard.offsets import MapBuilder, OffsetMap

__all__ = ["MAX_EVENTS", "Piece", "event_pieces", "may_be_stream", "read_stream"]

MAX_EVENTS = 4096  # records of one stream read (a long stream's later ones are left as they are)
MAX_LITERAL = 1 << 16  # a Python-printed event longer than this is not evaluated

# (stream key, field the fragment stands in, fragment, label): a label names the value of a
# stream whose fragments carry no name of their own (Gemini's partialArgs: its jsonPath)
Piece = tuple[tuple[Any, ...], str | None, str, str]
Record = tuple[str, OffsetMap, bool]  # (payload, map into the text, printed by Python)

# substrings one of which every stream read here holds (the gate): the delta fields' names
# share "elta", searched first (each search of a megabyte costs ~1-2 ms)
_DELTAS = ('"delta"', "'delta'", "argsTextDelta", "inputTextDelta")
_VERCEL_TEXT_RE = re.compile(r'\n0:"')  # a regex's literal scan: "in" takes ~10 ms a megabyte
_VERCEL_CODES = "0cg"  # the data stream parts whose values are fragments: text, delta, reasoning
_SSE_FIELDS = ("event:", "id:", "retry:", ":")


def may_be_stream(text: str) -> bool:
    """Cheap gate: does ``text`` hold a mark of one of the streams read here?"""
    return (
        ("elta" in text and any(mark in text for mark in _DELTAS))
        or '"candidates"' in text  # Gemini
        or ('"created_at"' in text and '"done"' in text)  # Ollama
        or text.startswith('0:"')
        or _VERCEL_TEXT_RE.search(text) is not None  # Vercel data stream text parts
    )


# --- records ------------------------------------------------------------------------------------


def _record(payload: str, spans: MapBuilder) -> Iterator[Record]:
    if payload[:1] == "{":
        yield payload, spans.build(), False


def _line_map(start: int, end: int) -> MapBuilder:
    spans = MapBuilder()
    spans.linear(start, end)
    return spans


def _sse_records(data: list[tuple[str, int]]) -> Iterator[Record]:
    """One SSE event's ``data:`` lines: joined by "\\n" (the standard), else one by one."""
    if len(data) > 1:
        spans = MapBuilder()
        for i, (value, at) in enumerate(data):
            if i:
                spans.atomic(1, at, at)
            spans.linear(at, at + len(value))
        joined = "\n".join(v for v, _ in data)
        try:
            loads(joined)
        except ValueError:
            pass
        else:
            yield from _record(joined, spans)
            return
    for value, at in data:
        yield from _record(value, _line_map(at, at + len(value)))


def _line_records(text: str) -> Iterator[Record]:
    data: list[tuple[str, int]] = []
    at = 0
    for line in text.splitlines(keepends=True):
        start, at = at, at + len(line)
        body = line.rstrip("\r\n")
        stripped = body.lstrip(" \t")
        lead = start + len(body) - len(stripped)
        if stripped.startswith("data:"):
            skip = 6 if stripped[5:6] == " " else 5
            value = stripped[skip:].rstrip(" \t")
            data.append((value, lead + skip))
            continue
        if stripped and stripped.startswith(_SSE_FIELDS):
            continue  # the event's other fields, a comment
        if data:
            yield from _sse_records(data)
            data = []
        if stripped[:1] == "{" or (stripped[:1] in _VERCEL_CODES and stripped[1:2] == ":"):
            value = stripped.rstrip(" \t")
            yield value, _line_map(lead, lead + len(value)).build(), value[:2] == "{'"
    if data:
        yield from _sse_records(data)


def _array_records(text: str, start: int) -> Iterator[Record]:
    """The elements of a JSON array of events (Gemini's streamed response body)."""
    if nesting_depth(text) > MAX_DEPTH:
        return
    decoder = json.JSONDecoder()
    at, n = start + 1, len(text)
    while at < n:
        while at < n and text[at] in " \t\r\n,":
            at += 1
        if at >= n or text[at] != "{":
            return
        try:
            _value, end = decoder.raw_decode(text, at)
        except ValueError:
            return
        yield text[at:end], _line_map(at, end).build(), False
        at = end


def records(text: str) -> Iterator[Record]:
    """The records of ``text`` whose payloads may be stream events (or Vercel parts)."""
    first = len(text) - len(text.lstrip())
    array = text[first : first + 1] == "["
    elements = list(islice(_array_records(text, first), MAX_EVENTS)) if array else []
    yield from elements or _line_records(text)  # not an array: "[INFO] data: {..}" lines


def _parse(payload: str, python: bool) -> Any:
    if python:
        if len(payload) > MAX_LITERAL:
            return None
        try:
            return ast.literal_eval(payload)
        except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            return None
    try:
        return loads(payload)
    except ValueError:
        return None


# --- events -------------------------------------------------------------------------------------


def _list(value: Any) -> list[Any]:
    """A JSON array, or nothing (a stream event of another shape: ``"choices": 7``)."""
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _key(value: Any) -> int | str:
    """A stream's index or id as a dictionary key, whatever JSON put there (``[1]``, ``{}``)."""
    return value if isinstance(value, (int, str)) else repr(value)


def _choice_pieces(event: dict[str, Any]) -> list[Piece]:
    """An OpenAI Chat Completions chunk (Mistral's, Ollama's compatible one)."""
    out: list[Piece] = []
    for choice in _list(event.get("choices")):
        delta = _dict(choice).get("delta")
        if not isinstance(delta, dict):
            continue
        at = _key(choice.get("index", 0))
        if isinstance(delta.get("content"), str):
            out.append((("content", at), "content", delta["content"], ""))
        for call in _list(delta.get("tool_calls")):
            fn = _dict(call).get("function")
            if isinstance(fn, dict) and isinstance(fn.get("arguments"), str):
                key = ("call", at, _key(call.get("index", 0)))
                out.append((key, "arguments", fn["arguments"], ""))
    return out


def _gemini_pieces(event: dict[str, Any]) -> list[Piece]:
    """A Gemini ``GenerateContentResponse``: text parts, streamed function arguments."""
    out: list[Piece] = []
    for candidate in _list(event.get("candidates")):
        at = _key(_dict(candidate).get("index", 0))
        for part in _list(_dict(_dict(candidate).get("content")).get("parts")):
            part = _dict(part)
            if isinstance(part.get("text"), str):
                out.append((("gemini", at), "text", part["text"], ""))
            call = _dict(part.get("functionCall"))
            for arg in _list(call.get("partialArgs")):
                path, value = _dict(arg).get("jsonPath"), _dict(arg).get("stringValue")
                if isinstance(path, str) and isinstance(value, str):
                    label = path.rpartition(".")[2].strip("$[]'\"") + ": "
                    out.append((("gemini-arg", at, path), "stringValue", value, label))
    return out


def _bedrock_pieces(block: dict[str, Any]) -> list[Piece]:
    """A Bedrock ConverseStream ``contentBlockDelta`` (or its bare event-stream payload)."""
    delta, at = _dict(block.get("delta")), ("bedrock", _key(block.get("contentBlockIndex", 0)))
    for field, value in (
        ("text", delta.get("text")),
        ("input", _dict(delta.get("toolUse")).get("input")),
        ("text", _dict(delta.get("reasoningContent")).get("text")),
    ):
        if isinstance(value, str):
            return [(at, field, value, "")]
    return []


# an event's "type" -> the fields its fragment may stand in, the field naming its stream
_TYPED_FIELDS = {
    "content_block_delta": (("partial_json", "text"), "index"),  # Anthropic: in its "delta"
    "text-delta": (("delta",), "id"),  # AI SDK UI message stream (v5)
    "reasoning-delta": (("delta", "text"), "id"),
    "tool-input-delta": (("inputTextDelta", "delta"), "toolCallId"),
}


def _typed_pieces(event: dict[str, Any], kind: str) -> list[Piece]:
    delta = event.get("delta")
    if kind in _TYPED_FIELDS:
        fields, keyed = _TYPED_FIELDS[kind]
        key = (kind, _key(event.get(keyed, 0)))
        holder = _dict(delta) if kind == "content_block_delta" else event
        for name in fields:
            if isinstance(holder.get(name), str):
                return [(key, name, holder[name], "")]
        return []
    if kind.endswith(".delta") and isinstance(delta, str):
        item = _key(event.get("item_id", event.get("output_index", 0)))  # OpenAI Responses
        return [(("item", item), "delta", delta, "")]
    return []


def event_pieces(event: Any) -> list[Piece]:
    """The fragments one stream event carries, each with its stream's key."""
    if not isinstance(event, dict):
        return []
    if "choices" in event:
        return _choice_pieces(event)
    if "candidates" in event:
        return _gemini_pieces(event)
    kind = event.get("type")
    if isinstance(kind, str):
        return _typed_pieces(event, kind)
    if isinstance(event.get("contentBlockDelta"), dict):
        return _bedrock_pieces(event["contentBlockDelta"])
    if "contentBlockIndex" in event and isinstance(event.get("delta"), dict):
        return _bedrock_pieces(event)
    if "done" in event:  # Ollama
        if isinstance(_dict(event.get("message")).get("content"), str):
            return [(("ollama",), "content", event["message"]["content"], "")]
        if isinstance(event.get("response"), str):
            return [(("ollama",), "response", event["response"], "")]
    return []


def _vercel_pieces(payload: str) -> list[Piece]:
    """A Vercel AI SDK data stream part: ``0:"text"``, ``g:"reasoning"``, ``c:{..delta}``."""
    try:
        value = loads(payload[2:])
    except ValueError:
        return []
    code = payload[0]
    if code in "0g" and isinstance(value, str):
        return [(("vercel", code), None, value, "")]
    call = _dict(value)
    if code == "c" and isinstance(call.get("argsTextDelta"), str):
        return [
            (("call", _key(call.get("toolCallId"))), "argsTextDelta", call["argsTextDelta"], "")
        ]
    return []


# --- joining ------------------------------------------------------------------------------------


_PY_STRING = r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""


def _literal_span(payload: str, field: str | None, value: str, python: bool) -> tuple[int, int]:
    """The span of ``"field": "<value>"``'s string in the payload (else the whole payload)."""
    if field is None:  # a Vercel part: the payload after "<code>:" is the string
        return 3, len(payload) - 1
    pattern = (
        rf"'{field}'\s*:\s*{_PY_STRING}" if python else rf'"{field}"\s*:\s*"((?:[^"\\]|\\.)*)"'
    )
    for m in re.finditer(pattern, payload):
        try:
            got = ast.literal_eval(m.group(1)) if python else loads(f'"{m.group(1)}"')
        except (ValueError, SyntaxError):
            continue
        if got == value:
            return m.start(1) + int(python), m.end(1) - int(python)  # inside Python's quotes
    return 0, len(payload)


def _streams(text: str) -> dict[tuple[Any, ...], list[tuple[str, tuple[int, int], str]]]:
    streams: dict[tuple[Any, ...], list[tuple[str, tuple[int, int], str]]] = {}
    for n, (payload, spans, python) in enumerate(records(text)):
        if n >= MAX_EVENTS:
            break
        if payload[:1] in _VERCEL_CODES and payload[1:2] == ":":
            pieces = _vercel_pieces(payload)
        else:
            pieces = event_pieces(_parse(payload, python))
        for key, field, piece, label in pieces:
            if piece:
                start, end = _literal_span(payload, field, piece, python)
                streams.setdefault(key, []).append((piece, spans.span(start, end), label))
    return streams


def read_stream(text: str) -> tuple[str, OffsetMap] | None:
    """The fragments of each split stream of ``text`` joined, one stream a line (and a map)."""
    split = [pieces for pieces in _streams(text).values() if len(pieces) >= 2]
    if not split:
        return None
    out: list[str] = []
    spans = MapBuilder()
    for pieces in split:
        label = pieces[0][2]
        if label:
            out.append(label)
            spans.atomic(len(label), pieces[0][1][0], pieces[0][1][0])
        for piece, (start, end), _label in pieces:
            out.append(piece)
            spans.atomic(len(piece), start, end)
        out.append("\n")
        spans.atomic(1, pieces[-1][1][1], pieces[-1][1][1])
    return "".join(out), spans.build()
