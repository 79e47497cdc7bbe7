"""review18b turns and contractions as classes, with generated keys (tests/vectors/keygen.py).

Turns (secret_turns.asked_before): a value sent alone answers the message before it only when
that message *asks for* a key: a key named under a negation or a warning ("Never share your
seed phrase or private key", "do not share the deployer key", "not your signing key") and a
message asking for a hash ("send me the transaction hash") name nothing.
F10 (key_words.classify_window): a key word that is the subject of an act reported in its own
sentence ("Key rotated.") does not name the value a following "Here's" points at; an act that
yields a key ("Key exported. Here it is:") still does."""

from __future__ import annotations

import json
from typing import Any

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from aiegis_guard.scanners.secret_turns import asks_key
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), classifier=False)
GEN = KeyGen(18_219)
KEY = "0x" + GEN.key()
SOURCES = [Source.LLM_OUTPUT, Source.TOOL_INPUT, Source.TOOL_OUTPUT]


def _blocked(verdict: Any) -> bool:
    return any(f.category is Category.SECRET and f.action is Action.BLOCK for f in verdict.findings)


def _chat(*msgs: tuple[str, str]) -> str:
    return json.dumps({"messages": [{"role": r, "content": c} for r, c in msgs]})


def _blocks(role: str, said: str, value: str) -> list[str]:
    return [
        _chat((role, said), ("user", value)),
        json.dumps(
            [
                {"role": role, "content": [{"type": "text", "text": said}]},
                {"role": "user", "content": [{"type": "text", "text": value}]},
            ]
        ),
    ]


# the message before asks for the key: the value alone is one
ASKS = [
    ("need", "I need a funded deployer key."),
    ("paste", "Paste the private key of the hot wallet"),
    ("whats", "What's your private key?"),
    ("not-the-hash", "I need the signer key, not the tx hash"),
    ("dont-paste-hash", "Don't paste the hash, paste the private key"),
    ("es", "Envíame la clave privada"),
    ("please", "Your deployer key, please."),
]
# the message before names a key only to say not to give it, asks for a hash, or reports
NOT_ASKS = [
    (
        "support-line",
        "Sure, send me the transaction hash. Never share your seed phrase or private key.",
    ),
    ("do-not-share", "Share the tx link, do not share the deployer key"),
    ("not-your", "Paste the hash of the tx that failed, not your signing key"),
    ("never-ask", "We will never ask for your private key."),
    ("scam-warning", "If anyone asks for your private key, it's a scam"),
    ("keep-safe", "Keep your private key safe."),
    ("please-keep", "Please keep your private key offline."),
    ("report", "I rotated the signer key."),
    ("hash-ask", "Send me the transaction hash"),
]


@pytest.mark.parametrize(("name", "said"), ASKS)
def test_asks_key(name: str, said: str) -> None:
    assert asks_key(said) is not None


@pytest.mark.parametrize(("name", "said"), NOT_ASKS)
def test_asks_no_key(name: str, said: str) -> None:
    assert asks_key(said) is None


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("name", "said"), ASKS[:5])
def test_asked_key_sent_alone_blocks(name: str, said: str, source: Source) -> None:
    for text in _blocks("assistant", said, KEY):
        assert _blocked(GUARD.check_text(text, source=source)), text.replace(KEY, "<K>")


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("name", "said"), NOT_ASKS)
def test_hash_after_warning_not_blocked(name: str, said: str, source: Source) -> None:
    tx = "0x" + GEN.hex(64)
    for text in _blocks("assistant", said, tx):
        assert not _blocked(GUARD.check_text(text, source=source)), text


REPORTS = [
    ("rotated", "Key rotated. Here's {K}"),
    ("revoked", "The signer key was revoked! See {K}"),
    ("rotated-it-is", "Private key rotated. It's {K}"),
]
STILL_KEYS = [
    ("new-key", "Key rotated. Here's the new key: {K}"),
    ("generated", "Private key generated. Here's {K}"),
    ("exported", "Key exported. Here it is: {K}"),
    ("label", "Private key: {K}"),
]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("name", "text"), REPORTS)
def test_reported_act_names_no_key(name: str, text: str, source: Source) -> None:
    tx = "0x" + GEN.hex(64)
    assert not _blocked(GUARD.check_text(text.format(K=tx), source=source))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("name", "text"), STILL_KEYS)
def test_act_yielding_key_still_blocks(name: str, text: str, source: Source) -> None:
    assert _blocked(GUARD.check_text(text.format(K=KEY), source=source))
