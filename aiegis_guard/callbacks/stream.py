"""Streaming without leaking: tokens that may form a secret are held back until judged.

``GuardMiddleware`` runs the model through :class:`GuardedChatModel` (in ``wrap_model_call``),
so with ``agent.stream(stream_mode="messages")`` the consumer receives the model's text through
a look-behind buffer (:class:`HoldBack`): text is released only up to the start of a trailing
run of tokens that may still grow into a secret (hex / base58 / base64 runs, numbers of a key
byte array, BIP-39 words) and only after the text guard judged it (with the text before it as
context). A BLOCK cuts the stream: the consumer gets the block message instead of the rest,
and tool-call arguments are released only at the end, once judged. The wrapped model itself
runs tagged ``nostream`` so LangGraph never emits its raw tokens.
"""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from functools import cache
from typing import Any

from langchain_core.callbacks import (
    AsyncCallbackManager,
    AsyncCallbackManagerForLLMRun,
    CallbackManager,
    CallbackManagerForLLMRun,
)
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict

from aiegis_guard.callbacks.judge import block_message
from aiegis_guard.checksums import bip39_index
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.verdict import Verdict

__all__ = ["NOSTREAM", "GuardedChatModel", "HoldBack"]

NOSTREAM = "nostream"  # LangGraph's tag: a model run whose tokens are not streamed
CONTEXT_CHARS = 512  # released text re-read as context for what is released next
_ENDED = "The run was stopped."
_TOKEN = re.compile(r"\S+")
_ENCODED = re.compile(r"[0-9A-Za-z+/=_\-:]{4,}")
_PUNCT = "[](){}<>\"'`,;.!?"


@cache
def _bip39() -> frozenset[str]:
    return frozenset(bip39_index())


def _suspect(token: str) -> bool:
    """Could this token be part of a secret that is still arriving?"""
    word = token.strip(_PUNCT)
    if not word:
        return True  # punctuation inside a byte array / JSON key
    if word.isdigit() and len(word) <= 3:
        return True  # one byte of a ``[12, 250, …]`` keypair
    if word.lower() in _bip39():
        return True
    if len(word) >= 16:
        return True
    return _ENCODED.fullmatch(word) is not None and any(c.isdigit() for c in word)


class Cut(Exception):
    """The held text was blocked: the stream ends with the block message."""

    def __init__(self, verdict: Verdict) -> None:
        super().__init__("blocked")
        self.verdict = verdict


class HoldBack:
    """The look-behind buffer of one streamed reply."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard
        self.text = ""
        self.sent = 0

    def _releasable(self) -> int:
        """End of what may leave now: before the trailing token (it may still grow) and
        before the trailing run of suspect tokens."""
        end = len(self.text)
        tokens = list(_TOKEN.finditer(self.text, self.sent))
        if tokens and tokens[-1].end() == end:
            end = tokens.pop().start()  # the last token may be incomplete
        while tokens and _suspect(tokens[-1].group()):
            end = tokens.pop().start()
        return max(end, self.sent)

    def _judge(self, upto: int) -> None:
        start = max(0, self.sent - CONTEXT_CHARS)
        verdict = self.guard.check_text(self.text[start:upto], source=Source.LLM_OUTPUT)
        if verdict.blocked:
            raise Cut(verdict)

    def feed(self, delta: str) -> str:
        """Add streamed text; returns the text that may be released now (raises :class:`Cut`)."""
        self.text += delta
        end = self._releasable()
        if end <= self.sent:
            return ""
        self._judge(len(self.text))  # judged with what is held: a secret may end there
        out, self.sent = self.text[self.sent : end], end
        return out

    def flush(self, calls_text: str = "") -> str:
        """The end of the reply: the rest of the text (and the tool calls) judged."""
        self._judge(len(self.text))
        if calls_text:
            verdict = self.guard.check_text(calls_text, source=Source.LLM_OUTPUT)
            if verdict.blocked:
                raise Cut(verdict)
        out, self.sent = self.text[self.sent :], len(self.text)
        return out


def _calls_text(message: AIMessageChunk) -> str:
    chunks = [{"name": c.get("name"), "args": c.get("args")} for c in message.tool_call_chunks]
    return json.dumps(chunks, ensure_ascii=False) if chunks else ""


def _final(held: str, total: AIMessageChunk | None) -> AIMessageChunk:
    if total is None:
        return AIMessageChunk(content=held)
    return AIMessageChunk(
        content=held,
        tool_call_chunks=total.tool_call_chunks,
        usage_metadata=total.usage_metadata,
        response_metadata=total.response_metadata,
    )


class GuardedChatModel(BaseChatModel):
    """A chat model streamed through the guard's look-behind buffer (see module docs)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    inner: Any
    guard: Guard
    on_block: str = "tool_error"

    @property
    def _llm_type(self) -> str:
        return "aiegis_guarded"

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Any:
        return self.model_copy(update={"inner": self.inner.bind_tools(tools, **kwargs)})

    def _config(self, run_manager: Any) -> dict[str, Any]:
        """The wrapped model runs as a child of this run (traced, judged by handlers), tagged
        ``nostream`` so that LangGraph's message stream never emits its raw tokens."""
        if run_manager is None:
            return {"tags": [NOSTREAM]}
        manager_type = (
            AsyncCallbackManager
            if isinstance(run_manager, AsyncCallbackManagerForLLMRun)
            else CallbackManager
        )
        child = manager_type(
            handlers=list(run_manager.inheritable_handlers),
            inheritable_handlers=list(run_manager.inheritable_handlers),
            parent_run_id=run_manager.run_id,
            tags=list(run_manager.inheritable_tags),
            inheritable_tags=list(run_manager.inheritable_tags),
            metadata=dict(run_manager.inheritable_metadata),
            inheritable_metadata=dict(run_manager.inheritable_metadata),
        )
        return {"callbacks": child, "tags": [NOSTREAM]}

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        message = self.inner.invoke(messages, self._config(run_manager), stop=stop, **kwargs)
        return ChatResult(generations=[ChatGeneration(message=message)])

    async def _agenerate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        config = self._config(run_manager)
        message = await self.inner.ainvoke(messages, config, stop=stop, **kwargs)
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _cut(self, verdict: Verdict) -> ChatGenerationChunk:
        if self.on_block == "raise":
            raise GuardBlocked(verdict)
        text = "\n" + block_message(verdict, _ENDED)
        return ChatGenerationChunk(message=AIMessageChunk(content=text))

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        hold = HoldBack(self.guard)
        total: AIMessageChunk | None = None
        config = self._config(run_manager)
        try:
            for chunk in self.inner.stream(messages, config, stop=stop, **kwargs):
                total = chunk if total is None else total + chunk
                out = hold.feed(_text(chunk))
                if out:
                    yield ChatGenerationChunk(message=AIMessageChunk(content=out))
            rest = hold.flush(_calls_text(total) if total is not None else "")
        except Cut as cut:
            yield self._cut(cut.verdict)
            return
        yield ChatGenerationChunk(message=_final(rest, total))

    async def _astream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: AsyncCallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[ChatGenerationChunk]:
        hold = HoldBack(self.guard)
        total: AIMessageChunk | None = None
        config = self._config(run_manager)
        try:
            async for chunk in self.inner.astream(messages, config, stop=stop, **kwargs):
                total = chunk if total is None else total + chunk
                out = hold.feed(_text(chunk))
                if out:
                    yield ChatGenerationChunk(message=AIMessageChunk(content=out))
            rest = hold.flush(_calls_text(total) if total is not None else "")
        except Cut as cut:
            yield self._cut(cut.verdict)
            return
        yield ChatGenerationChunk(message=_final(rest, total))


def _text(chunk: Any) -> str:
    content = chunk.content if isinstance(chunk, AIMessage | AIMessageChunk) else chunk
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(
            b if isinstance(b, str) else str(b.get("text", "")) for b in content if b is not None
        )
    return str(content)
