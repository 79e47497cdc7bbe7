"""Streaming must not leak a secret before the block (issue 11: item 9).

A real ``create_agent`` agent streamed with ``stream_mode="messages"``; the scripted model
streams its reply in 3-character tokens, like a provider. Under ``GuardMiddleware`` the reply
passes a look-behind buffer and the stream is cut with the block message; under the callback
handler the model's tokens are not streamed raw and the run aborts. No part of the secret
reaches the consumer either way.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any

import pytest
from langchain.agents import create_agent
from langchain_core.messages import AIMessage, AIMessageChunk
from langchain_core.outputs import ChatGenerationChunk
from lc_agents import ScriptedModel, wallet_guard
from mnemonic import Mnemonic
from solders.keypair import Keypair

from aiegis_guard import GuardBlocked
from aiegis_guard.callbacks import GuardCallbackHandler, GuardMiddleware

ASK = {"messages": [{"role": "user", "content": "Show me the wallet backup."}]}


class Chunky(ScriptedModel):
    """Streams each reply in 3-character tokens."""

    def _stream(
        self, messages: Any, stop: Any = None, run_manager: Any = None, **kwargs: Any
    ) -> Iterator[ChatGenerationChunk]:
        message = self._generate(messages, stop=stop, **kwargs).generations[0].message
        text = str(message.content)
        for i in range(0, len(text), 3):
            chunk = ChatGenerationChunk(message=AIMessageChunk(content=text[i : i + 3]))
            if run_manager:
                run_manager.on_llm_new_token(text[i : i + 3], chunk=chunk)
            yield chunk


def _model(text: str) -> Chunky:
    return Chunky(messages=iter([AIMessage(content=text), AIMessage(content="done")]))


def _pieces(secret: str) -> list[str]:
    """Fragments whose appearance in the stream would leak part of the secret."""
    if secret.startswith("["):  # a keypair byte array: any 4 numbers in a row
        numbers = json.loads(secret)
        return [", ".join(map(str, numbers[i : i + 4])) for i in range(len(numbers) - 3)]
    words = secret.split()
    if len(words) > 1:  # a seed phrase: any 3 words in a row
        return [" ".join(words[i : i + 3]) for i in range(len(words) - 2)]
    body = secret.removeprefix("0x")
    return [body[i : i + 12] for i in range(len(body) - 11)]


def _secrets() -> dict[str, tuple[str, str]]:
    key = "0x" + os.urandom(32).hex()
    phrase = Mnemonic("english").generate(128)
    pair = json.dumps(list(bytes(Keypair())))
    return {
        "evm-key": (key, f"Sure. The wallet's private key is {key} - keep it safe."),
        "seed-phrase": (phrase, f"Your recovery phrase: {phrase}. Store it offline."),
        "solana-keypair": (pair, f"Here is the keypair file: {pair} as requested."),
    }


SECRETS = list(_secrets())


def _consume(agent: Any, config: dict[str, Any]) -> str:
    """What a consumer of ``stream_mode="messages"`` receives (until the run ends or aborts)."""
    seen: list[str] = []
    try:
        for message, _ in agent.stream(ASK, config, stream_mode="messages"):
            seen.append(str(message.content))
    except GuardBlocked:
        seen.append("<aborted>")
    return "".join(seen)


async def _aconsume(agent: Any) -> str:
    seen: list[str] = []
    async for message, _ in agent.astream(ASK, stream_mode="messages"):
        seen.append(str(message.content))
    return "".join(seen)


@pytest.mark.parametrize("secret", SECRETS)
def test_middleware_stream_is_cut_before_the_secret(secret: str) -> None:
    """Under GuardMiddleware no fragment of the secret is streamed; the block message is."""
    value, reply = _secrets()[secret]
    agent = create_agent(_model(reply), tools=[], middleware=[GuardMiddleware(wallet_guard())])
    streamed = _consume(agent, {})
    assert not [p for p in _pieces(value) if p in streamed]
    assert "blocked by aiegis_guard" in streamed


@pytest.mark.parametrize("secret", SECRETS)
async def test_middleware_astream_is_cut_before_the_secret(secret: str) -> None:
    """The same with ``astream``."""
    value, reply = _secrets()[secret]
    agent = create_agent(_model(reply), tools=[], middleware=[GuardMiddleware(wallet_guard())])
    streamed = await _aconsume(agent)
    assert not [p for p in _pieces(value) if p in streamed]
    assert "blocked by aiegis_guard" in streamed


@pytest.mark.parametrize("secret", SECRETS)
def test_handler_stream_never_carries_the_secret(secret: str) -> None:
    """Under the callback handler the raw tokens are not streamed and the run aborts."""
    value, reply = _secrets()[secret]
    agent = create_agent(_model(reply), tools=[])
    streamed = _consume(agent, {"callbacks": [GuardCallbackHandler(wallet_guard())]})
    assert not [p for p in _pieces(value) if p in streamed]
    assert streamed.endswith("<aborted>")


BENIGN = (
    "Sent 0.1 ETH to 0x1111111111111111111111111111111111111111 in tx "
    "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060 at block 12, "
    "about an hour ago; able to confirm once 3 more blocks arrive."
)


def test_middleware_streams_benign_text_in_order() -> None:
    """Near miss: an address, a tx hash, numbers and BIP-39 words stream whole and in order."""
    agent = create_agent(_model(BENIGN), tools=[], middleware=[GuardMiddleware(wallet_guard())])
    seen = [
        str(m.content)
        for m, _ in agent.stream(ASK, stream_mode="messages")
        if isinstance(m, AIMessageChunk)
    ]
    assert "".join(seen).startswith(BENIGN)
    assert len(seen) > 5  # still streamed in pieces, not held to the end


def test_handler_streams_benign_text_whole() -> None:
    """Near miss: under the handler a benign reply still reaches the consumer, whole."""
    agent = create_agent(_model(BENIGN), tools=[])
    streamed = _consume(agent, {"callbacks": [GuardCallbackHandler(wallet_guard())]})
    assert BENIGN in streamed
