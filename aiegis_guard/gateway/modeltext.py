"""Every field of an assistant message that carries model text, and the legacy function call.

The model's text is not only ``message.content: str``: content-part arrays, ``refusal``,
``reasoning_content`` / ``reasoning`` (reasoning models behind vLLM, DeepSeek, OpenRouter),
``audio.transcript`` and whatever field a server adds all reach the agent (and its UI).
So every string leaf of the message is judged as model output and has its secrets withheld,
except the tool calls (judged as calls) and the fields that are not text (``role``, ``type``,
ids, base64 ``data``). Streamed deltas do the same per field, each through its own
:class:`~aiegis_guard.gateway.textgate.TextGate`.

``function_call`` (the legacy ``functions=`` API, still served and parsed by the ``openai``
client as ``message.function_call`` / ``delta.function_call``) is a tool call: judged as one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from aiegis_guard.gateway.forward import apply_outcomes
from aiegis_guard.gateway.judging import CallOutcome
from aiegis_guard.gateway.textgate import TextGate
from aiegis_guard.gateway.tree import map_text

__all__ = [
    "CALL_FIELDS",
    "DeltaGates",
    "apply_calls",
    "apply_legacy",
    "legacy_call",
    "mask_message",
    "with_legacy",
]

CALL_FIELDS = frozenset({"tool_calls", "function_call"})
_NOT_TEXT = frozenset({"role", "type", "id", "index", "data", "format", "expires_at", "mime_type"})
_MAX_DEPTH = 32  # deeper than any message shape: not shown as text (None)

Path = tuple[str | int, ...]


def mask_message(msg: dict[str, Any], mask: Callable[[str], str]) -> dict[str, Any]:
    """``msg`` with every model-text string leaf passed through ``mask`` (calls left alone)."""
    return {
        k: v
        if k in CALL_FIELDS or k in _NOT_TEXT
        else map_text(v, mask, skip=_NOT_TEXT, max_depth=_MAX_DEPTH)
        for k, v in msg.items()
    }


def legacy_call(msg: dict[str, Any]) -> dict[str, Any] | None:
    """The message's legacy ``function_call`` as a tool call the judge reads (None: none)."""
    fc = msg.get("function_call")
    if fc is None:
        return None
    return {"id": None, "type": "function", "function": fc}


def apply_legacy(msg: dict[str, Any], outcome: CallOutcome) -> bool:
    """Drop a stopped ``function_call`` from ``msg`` and say why in its content; True if it
    passes."""
    if outcome.passes:
        return True
    msg.pop("function_call", None)
    text = msg.get("content") if isinstance(msg.get("content"), str) else ""
    msg["content"] = "\n".join(t for t in (text, outcome.message) if t)
    return False


def with_legacy(calls: list[Any], legacy: dict[str, Any] | None) -> list[Any]:
    """The calls to judge: ``tool_calls``, then the legacy ``function_call`` (judged last)."""
    return [*calls, legacy] if legacy is not None else calls


def apply_calls(
    msg: dict[str, Any],
    calls: Sequence[Any],
    legacy: dict[str, Any] | None,
    outcomes: Sequence[CallOutcome],
) -> bool:
    """Apply the outcomes of :func:`with_legacy` to ``msg``; True if any call passes."""
    kept = apply_outcomes(msg, outcomes[: len(calls)]) if calls else False
    if legacy is not None:
        kept = apply_legacy(msg, outcomes[-1]) or kept
    return kept


class DeltaGates:
    """One text gate per model-text field of a streamed choice (``content`` included)."""

    def __init__(self, make: Callable[[], TextGate]) -> None:
        self._make = make
        self._gates: dict[Path, TextGate] = {}

    def push(self, delta: dict[str, Any]) -> dict[str, Any]:
        """What of ``delta`` may be emitted now (calls and non-text fields as they are)."""
        out: dict[str, Any] = {}
        for key, value in delta.items():
            if key in CALL_FIELDS:
                continue
            if key in _NOT_TEXT:
                out[key] = value
                continue
            gated = self._push((key,), value, 0)
            if gated is not None:
                out[key] = gated
        return out

    def _push(self, path: Path, value: Any, depth: int) -> Any:
        if isinstance(value, str):
            gate = self._gates.get(path)
            if gate is None:
                gate = self._gates[path] = self._make()
            return gate.push(value) or None
        if depth > _MAX_DEPTH:
            return None
        if isinstance(value, dict):
            out = {}
            for k, v in value.items():
                if k in _NOT_TEXT:
                    out[k] = v
                    continue
                gated = self._push((*path, k), v, depth + 1)
                if gated is not None:
                    out[k] = gated
            return out or None
        if isinstance(value, list):
            items = [self._push((*path, i), v, depth + 1) for i, v in enumerate(value)]
            return [v for v in items if v is not None] or None
        return value

    def flush(self) -> dict[str, Any]:
        """The held text of every field, as one delta (``{}`` when nothing is held)."""
        out: dict[str, Any] = {}
        for path, gate in self._gates.items():
            text = gate.flush()
            if text:
                _put(out, path, text)
        return out


def _put(out: dict[str, Any], path: Path, text: str) -> None:
    _merge(out, _nest(path, text))


def _nest(path: Path, text: str) -> Any:
    if not path:
        return text
    inner = _nest(path[1:], text)
    return [inner] if isinstance(path[0], int) else {path[0]: inner}


def _merge(into: dict[str, Any], new: dict[str, Any]) -> None:
    for key, value in new.items():
        old = into.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            _merge(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            old.extend(value)
        else:
            into[key] = value
