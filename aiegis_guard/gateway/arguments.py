"""Tool-call arguments as the agent's framework reads them (a parser differential is a bypass).

The model writes the bytes of ``function.arguments``; the agent runs what its framework parses.
The frameworks are lenient: the ``openai`` SDK hands the string on, LangChain parses it with
``json.loads(strict=False)`` (a raw TAB or newline inside a string is accepted) and, when
streaming, with ``parse_partial_json`` (trailing text after the object is dropped, unclosed
strings / brackets are closed: ``langchain_core/utils/json.py``). The gateway judges the same
readings:

* ``json.loads(strict=False)`` succeeds: one exact reading (nothing else to judge);
* else every reading a lenient parser may take: the JSON values written back to back from
  the start (``{…} ok``, ``{…}{…}``) and the prefix with its open strings / brackets closed,
  plus the raw text itself (for secrets). Such a call is **not exact**: the caller FLAGs it as
  a value move that could not be read (``gateway.unreadable_arguments``), and judges and
  reserves every reading, never the raw text alone with the limits skipped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aiegis_guard import jsontext

__all__ = ["Arguments", "read_arguments"]

MAX_READINGS = 8
_RETRIES = 64  # cuts of the closed prefix tried (each a parse of at most the whole text)
_DECODER = json.JSONDecoder(strict=False)


@dataclass(frozen=True)
class Arguments:
    """The readings of one tool call's arguments: ``readings[0]`` is what the call shows."""

    readings: tuple[Any, ...]
    exact: bool


def read_arguments(raw: Any) -> Arguments:
    """Every reading of ``raw`` a lenient agent framework may run (see the module doc)."""
    if raw is None:
        return Arguments(({},), True)
    if not isinstance(raw, str):
        return Arguments((raw,), True)
    if not raw.strip():  # no arguments (what some servers send for a tool without any)
        return Arguments(({},), True)
    try:
        return Arguments((_loads(raw),), True)
    except jsontext.JSONDepthError:
        raise
    except ValueError:
        pass
    readings: list[Any] = []
    for value in (*_sequence(raw), _closed_prefix(raw)):
        if value is not None and value not in readings and len(readings) < MAX_READINGS:
            readings.append(value)
    return Arguments((*readings, raw), False)


def _loads(text: str) -> Any:
    deep = text.count("[") + text.count("{") > jsontext.MAX_DEPTH
    if deep and jsontext.nesting_depth(text) > jsontext.MAX_DEPTH:
        raise jsontext.JSONDepthError("tool-call arguments nest too deeply")
    return _DECODER.decode(text)


def _sequence(text: str) -> list[Any]:
    """The JSON values written back to back from the start, up to the first non-JSON text."""
    values: list[Any] = []
    pos = 0
    while len(values) < MAX_READINGS:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text) or text[pos] not in "{[":
            break
        try:
            value, pos = _DECODER.raw_decode(text, pos)
        except ValueError:
            break
        values.append(value)
    return values


def _closed_prefix(text: str) -> Any:
    """The reading of ``parse_partial_json``: open strings and brackets closed, cut back to
    the longest prefix that parses (None when none does)."""
    chars: list[str] = []
    stack: list[str] = []
    inside = escaped = False
    for char in text:
        if inside:
            if char == '"' and not escaped:
                inside = False
            elif char == "\\":
                escaped = not escaped
                chars.append(char)
                continue
            elif char == "\n" and not escaped:
                char = "\\n"
            escaped = False
        elif char == '"':
            inside = True
        elif char in "{[":
            stack.append("}" if char == "{" else "]")
        elif char in "}]":
            if not stack or stack[-1] != char:
                return None  # mismatched: no framework reads it
            stack.pop()
        chars.append(char)
    if inside:
        if escaped:
            chars.pop()
        chars.append('"')
    closers = "".join(reversed(stack))
    for _ in range(_RETRIES):
        if not chars:
            return None
        try:
            return _DECODER.decode("".join(chars) + closers)
        except ValueError as exc:
            cut = _index_at(chars, getattr(exc, "pos", len(chars)))
            del chars[cut if cut < len(chars) else len(chars) - 1 :]
    return None


def _index_at(chars: list[str], offset: int) -> int:
    """The index of the element of ``chars`` that holds string offset ``offset``."""
    total = 0
    for index, piece in enumerate(chars):
        total += len(piece)
        if total > offset:
            return index
    return len(chars)
