"""``redacted_text``: once a value is judged secret, every occurrence and spelling of it is
masked, and key-shaped values nobody could decide are masked with it.

Keys are generated per run (never funded); the seed phrase and the Solana keypair are vectors
from ``tests/vectors/wallet_keys.json``.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Callable

import pytest
from conftest import VECTORS

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard

CASES = {
    c["id"]: c["text"] for c in json.loads((VECTORS / "wallet_keys.json").read_text())["cases"]
}
SEED = CASES["bip39-12-plain"].split(": ", 1)[1]
SOLANA = CASES["solana-base58-keypair"].split(": ", 1)[1]
KEY = os.urandom(32).hex()
HASH = os.urandom(32).hex()


def _guard() -> Guard:
    return Guard(classifier=False)


def _forms(secret: str) -> list[str]:
    """Spellings that must not survive redaction (lower-cased comparison for hex)."""
    if all(c in "0123456789abcdef" for c in secret):
        raw = bytes.fromhex(secret)
        return [
            secret,
            base64.b64encode(raw).decode().rstrip("=").lower(),
            base64.b64encode(("0x" + secret).encode()).decode().rstrip("=").lower(),
            ("0x" + secret).encode().hex(),
        ]
    return [secret.lower(), ",".join(secret.split()).lower()]


SPELLINGS = [
    pytest.param(lambda: f"PRIVATE_KEY=0x{KEY}\nstep 3: deploying with 0x{KEY}", KEY,
                 id="ci-log-marked-and-bare"),
    pytest.param(lambda: f"PRIVATE_KEY=0x{KEY}\nlater: {KEY}", KEY, id="without-0x"),
    pytest.param(lambda: f"private key: {KEY}\nlater: 0X{KEY.upper()}", KEY, id="upper-case"),
    pytest.param(
        lambda: f"PRIVATE_KEY=0x{KEY}\nblob: {base64.b64encode(('0x' + KEY).encode()).decode()}",
        KEY, id="base64-of-text"),
    pytest.param(
        lambda: f"PRIVATE_KEY=0x{KEY}\nraw: {base64.b64encode(bytes.fromhex(KEY)).decode()}",
        KEY, id="base64-of-raw-bytes"),
    pytest.param(
        lambda: f"PRIVATE_KEY=0x{KEY}\nhexed: {('0x' + KEY).encode().hex()}", KEY,
        id="hex-of-text"),
    pytest.param(
        lambda: "cfg: " + base64.b64encode(f"PRIVATE_KEY=0x{KEY}".encode()).decode()
        + f"\nlater: {KEY}", KEY, id="found-in-layer-bare-outside"),
    pytest.param(lambda: f"seed: {SEED}\nagain: {','.join(SEED.upper().split())}", SEED,
                 id="seed-phrase-other-separators"),
    pytest.param(lambda: f"phantom export: {SOLANA}\n{SOLANA}", SOLANA, id="solana-twice"),
]  # fmt: skip


@pytest.mark.parametrize(("build", "secret"), SPELLINGS)
def test_every_spelling_of_a_secret_is_redacted(build: Callable[[], str], secret: str) -> None:
    """No occurrence or spelling of a value judged secret survives in ``redacted_text``."""
    verdict = _guard().check_text(build(), source="tool_output")
    assert verdict.action is Action.BLOCK
    redacted = (verdict.redacted_text or "").lower()
    assert redacted
    for form in _forms(secret):
        assert form not in redacted, form


def test_undecided_candidates_are_masked_in_redacted_text() -> None:
    """A bare 64-hex value next to a secret is masked in the redacted text (key or hash)."""
    hashes = [os.urandom(32).hex() for _ in range(6)]  # more than the candidates reported
    text = f"PRIVATE_KEY=0x{KEY}\n" + "\n".join(f"row {i} -> 0x{h}" for i, h in enumerate(hashes))
    verdict = _guard().check_text(text, source="tool_output")
    redacted = (verdict.redacted_text or "").lower()
    assert redacted and all(h not in redacted for h in [KEY, *hashes])


def test_nothing_redacted_without_a_secret() -> None:
    """Without a secret there is no redacted text: a transaction hash passes as it is."""
    verdict = _guard().check_text(f'{{"transactionHash": "0x{HASH}"}}', source="tool_output")
    assert verdict.redacted_text is None


def test_other_text_survives_redaction() -> None:
    """Only the secret's spellings go: the words around them stay."""
    verdict = _guard().check_text(f"PRIVATE_KEY=0x{KEY} then {KEY} ok done", source="tool_output")
    assert verdict.redacted_text == "PRIVATE_KEY=[REDACTED] then [REDACTED] ok done"


def test_every_spelling_of_many_keys_is_masked() -> None:
    """A text holding hundreds of keys (thousands of spellings: the indexed pass, not a find
    per spelling) masks every key, in its hex and base64 spellings, and leaves the rest."""

    import secrets as random_bytes

    from aiegis_guard.redact import redact_spans, secret_spans

    keys = [random_bytes.token_hex(32) for _ in range(300)]
    text = "\n".join(f"k{i}=0x{k}" for i, k in enumerate(keys))
    text += "\nfirst again as base64: " + base64.b64encode(bytes.fromhex(keys[0])).decode()
    text += "\nupper: " + keys[1].upper() + "\nno secret: the quick brown fox"
    redacted = redact_spans(text, secret_spans(text, [f"0x{k}" for k in keys]))
    assert not any(k in redacted.lower() for k in keys)
    assert base64.b64encode(bytes.fromhex(keys[0])).decode() not in redacted
    assert "the quick brown fox" in redacted
