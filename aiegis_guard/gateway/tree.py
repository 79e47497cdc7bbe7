"""The text strings of a JSON value (what a server sends), read and rewritten in place.

Keys that never hold text are skipped (``type``, ``mimeType``, base64 ``blob`` / ``data``,
``jsonrpc``): the rest — ``content``, ``structuredContent``, a resource's ``text``, a prompt's
messages, a log message, ``_meta`` — is read. Bounded: a value too large to read whole
(over ``MAX_CHARS`` / ``MAX_NODES``) is read up to there, and its text says it was cut.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aiegis_guard import jsontext

__all__ = ["NOT_TEXT", "map_text", "tree_text"]

NOT_TEXT = frozenset({"type", "mimeType", "blob", "data", "jsonrpc"})
MAX_CHARS = 1_000_000
MAX_NODES = 100_000
_MAX_DEPTH = jsontext.MAX_DEPTH + 1  # what a parsed line can hold


def tree_text(value: Any) -> str:
    """Every text string of ``value``, one per line, in document order."""
    parts: list[str] = []
    size = nodes = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack and size < MAX_CHARS and nodes < MAX_NODES:
        item, depth = stack.pop()
        nodes += 1
        if isinstance(item, str):
            parts.append(item)
            size += len(item) + 1
        elif depth > _MAX_DEPTH:
            parts.append("[value nested too deeply to read]")
        elif isinstance(item, dict):
            stack.extend((v, depth + 1) for k, v in reversed(item.items()) if k not in NOT_TEXT)
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in reversed(item))
    if stack:
        parts.append("[value cut: too large to read whole]")
    return "\n".join(parts)


def map_text(
    value: Any,
    fn: Callable[[str], str],
    depth: int = 0,
    *,
    skip: frozenset[str] = NOT_TEXT,
    max_depth: int = _MAX_DEPTH,
) -> Any:
    """``value`` with ``fn`` applied to each text string (structure and other leaves kept);
    the values of ``skip`` keys are kept as they are, anything deeper than ``max_depth`` is
    None."""
    if isinstance(value, str):
        return fn(value)
    if depth > max_depth:
        return None
    if isinstance(value, dict):
        return {
            k: v if k in skip else map_text(v, fn, depth + 1, skip=skip, max_depth=max_depth)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [map_text(v, fn, depth + 1, skip=skip, max_depth=max_depth) for v in value]
    return value
