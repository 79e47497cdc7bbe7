"""JSON from untrusted text without the recursion hazard.

``json.loads`` recurses once per nesting level, in C, bounded only by the interpreter's
recursion limit. web3 / eth-account / solders raise that limit to 100,000 on import, so a
line of 100,000 ``[`` crashes the whole process (segfault: the C stack overflows first) instead
of raising ``RecursionError``. Every parse of input (CLI lines, typed data, JSON transactions,
tool arguments, JWT headers) goes through :func:`loads`, which measures the nesting without
recursion first and refuses anything deeper than ``MAX_DEPTH``.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MAX_DEPTH", "JSONDepthError", "loads", "nesting_depth"]

MAX_DEPTH = 256  # deeper than any transaction, typed data or tool argument in practice
_STRING_RE = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET_RE = re.compile(r"[\[\]{}]")


class JSONDepthError(ValueError):
    """The JSON text nests deeper than :data:`MAX_DEPTH`."""


def nesting_depth(text: str) -> int:
    """The deepest ``[`` / ``{`` nesting of ``text`` (brackets inside strings ignored)."""
    if text.count("[") + text.count("{") <= 1:
        return int("[" in text or "{" in text)
    depth = deepest = 0
    for bracket in _BRACKET_RE.findall(_STRING_RE.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def loads(text: str | bytes | bytearray, *, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` that raises :class:`JSONDepthError` (a ValueError) on deep nesting."""
    body = text.decode("utf-8") if isinstance(text, bytes | bytearray) else text
    if body.count("[") + body.count("{") > max_depth and nesting_depth(body) > max_depth:
        raise JSONDepthError(f"JSON nested deeper than {max_depth} levels")
    return json.loads(body)
