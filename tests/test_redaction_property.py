"""Property: a redacted text never contains the value of a finding it redacts, nor any of the
wallet keys, seed phrases and provider secrets embedded in it (generated here, never funded),
whatever filler surrounds them."""

from __future__ import annotations

import json

import base58
import pytest
from eth_account import Account
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mnemonic import Mnemonic
from solders.keypair import Keypair

from aiegis_guard import Guard, Policy
from aiegis_guard.keys.evm import SECP256K1_N
from aiegis_guard.policy import Mode, PiiType
from aiegis_guard.redact import redact_spans
from aiegis_guard.scanners.evm_keys import is_placeholder
from tests.conftest import VECTORS

PROVIDERS = json.loads((VECTORS / "provider_secrets.json").read_text(encoding="utf-8"))
PROVIDER_SECRETS = [(v["text"], v["secret"]) for v in PROVIDERS["positives"].values()]
GUARD = Guard(Policy(pii={PiiType.EMAIL: Mode.REDACT}), classifier=False)
ENGLISH = Mnemonic("english")


def _evm(seed: bytes) -> tuple[str, str]:
    key = Account.from_key(seed).key.hex().removeprefix("0x")
    return f"PRIVATE_KEY=0x{key}", key


def _mnemonic(entropy: bytes) -> tuple[str, str]:
    phrase = ENGLISH.to_mnemonic(entropy)
    return f"my seed phrase: {phrase}", phrase


def _solana(seed: bytes) -> tuple[str, str]:
    secret = str(Keypair.from_seed(seed))
    return f"solana secret key {secret}", secret


def _wif(seed: bytes) -> tuple[str, str]:
    wif = base58.b58encode_check(b"\x80" + seed + b"\x01").decode()
    return f"wif: {wif}", wif


SEED = st.binary(min_size=32, max_size=32).filter(
    lambda b: (
        0 < int.from_bytes(b, "big") < SECP256K1_N  # a valid key for every generator
        and not is_placeholder(b.hex())
    )  # 0x00..01, deadbeef x 8: templates, by design not keys
)
SECRETS = st.one_of(
    SEED.map(_evm),
    st.sampled_from([16, 20, 24, 28, 32]).flatmap(
        lambda n: st.binary(min_size=n, max_size=n).map(_mnemonic)
    ),
    SEED.map(_solana),
    SEED.map(_wif),
    st.sampled_from(PROVIDER_SECRETS),
)
FILLER = st.text(
    alphabet=st.sampled_from("abcdefghij klmnopqrstuvwxyz ÄéЖ字 .,:;!?-_/()\"'\n\t0123456789"),
    max_size=120,
)


@pytest.mark.slow
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(FILLER, SECRETS), min_size=1, max_size=4), FILLER)
def test_redacted_text_holds_no_secret(parts: list[tuple[str, tuple[str, str]]], tail: str) -> None:
    """Every embedded secret, and every redacted finding's value, is gone from redacted_text."""
    text = "".join(f"{filler}\n{carrier}\n" for filler, (carrier, _) in parts) + tail
    verdict = GUARD.check_text(text, source="tool_output")
    redacted = verdict.redacted_text
    assert redacted is not None, verdict.explain()
    for f in verdict.findings:
        if f.redact and f.span:
            value = text[f.span[0] : f.span[1]]
            assert value not in redacted, f"{f.rule_id}: value left in the redacted text"
    for _, (_, secret) in parts:
        assert secret not in redacted


@given(
    st.text(max_size=60),
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=6),
)
def test_redact_spans_removes_every_span(text: str, raw: list[tuple[int, int]]) -> None:
    """redact_spans: no character inside a span survives; text outside spans is kept in order."""
    spans = [(min(s, len(text)), min(s + n, len(text))) for s, n in raw]
    out = redact_spans(text, spans)
    kept = "".join(c for i, c in enumerate(text) if not any(s <= i < e for s, e in spans))
    assert out.replace("[REDACTED]", "") == kept
