"""What the model reads of a tool result: serialised the way LangChain forms a ``ToolMessage``.

No LangChain here (the callers unwrap ``ToolMessage`` / ``Command``). LangChain
(``langchain_core.tools.base._format_output``) keeps a string, keeps a sequence whose items
are all content blocks (strings, or dicts whose ``type`` is one of
:data:`TOOL_MESSAGE_BLOCK_TYPES`), and turns anything else into ``json.dumps(value,
ensure_ascii=False)``, or ``str(value)`` when that fails (pydantic models, objects with a
``__str__``, lists of dicts without ``type``...). :func:`model_text` does the same, and reads
every content block whole: a ``json`` block's value, a ``search_result``'s title, source and
content, a ``document``'s text source, a text ``file``'s decoded bytes — not only ``text``.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping, Sequence
from typing import Any

__all__ = ["TOOL_MESSAGE_BLOCK_TYPES", "Unreadable", "is_content", "model_text"]

TOOL_MESSAGE_BLOCK_TYPES = frozenset(
    {
        "text",
        "image_url",
        "image",
        "json",
        "search_result",
        "custom_tool_call_output",
        "document",
        "file",
    }
)
_BINARY_KEYS = frozenset({"data", "base64"})
_QUIET_KEYS = frozenset({"type", "text", "id", "index"})


class Unreadable(ValueError):
    """The value cannot be turned into text (LangChain's own formatting would fail too)."""


def _is_block(item: Any) -> bool:
    return isinstance(item, str) or (
        isinstance(item, Mapping) and item.get("type") in TOOL_MESSAGE_BLOCK_TYPES
    )


def is_content(value: Any) -> bool:
    """Is ``value`` message content as LangChain keeps it (a string or a sequence of blocks)?"""
    if isinstance(value, str):
        return True
    return (
        isinstance(value, Sequence)
        and not isinstance(value, bytes | bytearray)
        and all(_is_block(item) for item in value)
    )


def model_text(content: Any) -> str:
    """The text the model reads for ``content`` (a tool's return value or message content).

    Raises :class:`Unreadable` when no text can be formed (e.g. nesting past the recursion
    limit): the caller withholds it rather than passing it unjudged.
    """
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    try:
        if is_content(content):
            return "\n".join(block_text(block) for block in content)
        return _stringify(content)
    except RecursionError as exc:
        raise Unreadable(f"{type(content).__name__} nested too deep to serialise") from exc


def _stringify(value: Any) -> str:
    try:
        return json.dumps(value, ensure_ascii=False)
    except RecursionError:
        raise
    except Exception:
        return str(value)


def block_text(block: Any) -> str:
    """One content block as text: its ``text`` plus every other field it carries."""
    if isinstance(block, str):
        return block
    parts = []
    if isinstance(block.get("text"), str):
        parts.append(block["text"])
    rest = {k: _readable(k, v) for k, v in block.items() if k not in _QUIET_KEYS}
    if rest:
        parts.append(json.dumps(rest, ensure_ascii=False, default=str))
    return "\n".join(parts)


def _readable(key: str, value: Any) -> Any:
    """Base64 payloads the model reads as text are decoded; binary ones (images) are not."""
    if isinstance(value, Mapping):
        return {k: _readable(str(k), v) for k, v in value.items()}
    if key in _BINARY_KEYS and isinstance(value, str) and len(value) >= 8:
        try:
            return base64.b64decode(value, validate=True).decode("utf-8")
        except UnicodeDecodeError:
            return "[binary]"  # an image / PDF: no text for the model to read as such
        except binascii.Error:
            return value  # not base64: the text itself
    return value
