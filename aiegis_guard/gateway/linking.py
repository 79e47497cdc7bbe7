"""Taint that follows a conversation whose opening messages are gone (a sliding window).

Without the conversation header a conversation is the hash of its opening messages (up to the
first user message). A client whose memory keeps only the last turns (LangChain
``trim_messages``, most chat UIs) drops that opening, and the hash names a new, clean
conversation. So taint is also carried by **links**: the tool-call ids of the history (the
assistant's ``tool_calls[].id``, the tool results' ``tool_call_id``; ids of at least
``MIN_ID`` characters, which providers make unique per call). Each request of a tainted
conversation marks its links, and so do the calls the model makes in it; a request whose
history still holds a marked link inherits the taint (and passes it on). A request that keeps
nothing of the earlier conversation — no opening, no tool call of it — cannot be told from a
new conversation: send ``X-Aiegis-Conversation`` for taint that holds whatever the client keeps.

Marks are refreshed on every tainted request, so the taint store's expiry counts from the
conversation's last activity, not from the injection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from aiegis_guard.gateway.state import SharedState

__all__ = ["MAX_LINKS", "MIN_ID", "call_links", "carry_taint", "links_of", "mark_links"]

MIN_ID = 12  # "call_" + 24 characters from OpenAI; short scripted ids ("c1") would collide
MAX_LINKS = 8  # the most recent ids of a history (one state round trip each)
MAX_MARKED_SOURCES = 4


def _link(call_id: Any) -> str | None:
    if not isinstance(call_id, str) or not MIN_ID <= len(call_id) <= 256:
        return None
    return "link:" + hashlib.sha256(call_id.encode("utf-8", "replace")).hexdigest()[:32]


def links_of(messages: Sequence[Any]) -> list[str]:
    """The link keys of a history's tool-call ids, most recent first (at most MAX_LINKS)."""
    found: list[str] = []
    for m in reversed(messages):
        if not isinstance(m, Mapping):
            continue
        ids = [m.get("tool_call_id")]
        calls = m.get("tool_calls")
        if isinstance(calls, list):
            ids += [c.get("id") for c in calls if isinstance(c, Mapping)]
        for call_id in ids:
            key = _link(call_id)
            if key is not None and key not in found:
                found.append(key)
        if len(found) >= MAX_LINKS:
            break
    return found[:MAX_LINKS]


def carry_taint(state: SharedState, conversation: str, messages: Sequence[Any]) -> None:
    """Inherit the taint of any link of ``messages``; pass the conversation's taint on to
    them (and refresh it)."""
    links = links_of(messages)
    tainted = state.tainted_by(conversation)
    if not tainted:
        for key in links:
            tainted = state.tainted_by(key)
            if tainted:
                break
    if tainted:
        mark_links(state, [conversation, *links], tainted)


def mark_links(state: SharedState, keys: Sequence[str], sources: Sequence[str]) -> None:
    for source in sources[:MAX_MARKED_SOURCES]:
        for key in keys:
            state.mark(key, source)


def call_links(calls: Sequence[Any]) -> list[str]:
    """The link keys of the tool calls a model just made."""
    keys = [_link(c.get("id")) for c in calls if isinstance(c, Mapping)]
    return [k for k in keys if k is not None][:MAX_LINKS]
