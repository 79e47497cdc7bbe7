"""Wallet secrets: EVM keys vs hashes, BIP-39, Solana keypairs, xprv/WIF, PEM, keystores."""

from __future__ import annotations

import json
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiegis_guard import Action, Guard, Policy, Source
from aiegis_guard.checksums import (
    BIP39_LANGUAGES,
    b58decode,
    bip39_index,
    is_valid_bip39,
)
from aiegis_guard.normalize import normalize
from aiegis_guard.scanners import ScanContext, Stage, wallet_keys
from aiegis_guard.scanners.key_words import classify_window
from tests.conftest import VECTORS

WALLET = json.loads((VECTORS / "wallet_keys.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), stages=(Stage("wallet_keys", wallet_keys.scan),), classifier=False)


def _check(case: dict[str, Any]) -> Any:
    return GUARD.check_text(case["text"], source=case["source"], context=case.get("context"))


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in WALLET["cases"]])
def test_wallet_vectors(case: dict[str, Any]) -> None:
    """Each vector gets its expected action and rule ids (tests/vectors/wallet_keys.json)."""
    verdict = _check(case)
    assert verdict.action is Action(case["action"]), verdict.explain()
    assert set(case["rules"]) <= set(verdict.rule_ids), verdict.explain()
    if case["action"] == "allow":
        assert not [f for f in verdict.findings if f.action is not Action.ALLOW]


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in WALLET["cases"]])
def test_findings_explain_and_mask(case: dict[str, Any]) -> None:
    """Every finding carries evidence, a span into the text and a preview that hides it."""
    text = case["text"]
    for f in _check(case).findings:
        assert f.evidence and f.span is not None
        assert 0 <= f.span[0] < f.span[1] <= len(text)
        value = text[f.span[0] : f.span[1]]
        assert len(f.preview) < 20 and (len(value) < 12 or value not in f.preview)


@pytest.mark.parametrize(
    ("case_id", "evidence"),
    [
        pytest.param("bare-derives-to-own", "derives-to:own-address", id="own-address"),
        pytest.param(
            "bare-derives-to-address-in-text", "derives-to:address-in-text", id="address-in-text"
        ),
        pytest.param("hash-named-but-derives", "derives-to:address-in-text", id="hash-disguise"),
        pytest.param("env-0x", "context:'KEY'", id="context-env"),
        pytest.param("kwargs-from-key", "call:from_key", id="context-kwargs"),
        pytest.param("prose-key-after", "context-after:'private'", id="context-after"),
        pytest.param("base64-wrapped", "layer:base64", id="decoded-layer"),
    ],
)
def test_evm_evidence(case_id: str, evidence: str) -> None:
    """The evidence says why a 64-hex value was judged a key."""
    case = next(c for c in WALLET["cases"] if c["id"] == case_id)
    found = [f for f in _check(case).findings if f.rule_id == "secret.evm_private_key"]
    assert found and evidence in found[0].evidence


def test_span_covers_the_key_exactly() -> None:
    """The span runs from the 0x to the last hex digit (redaction removes all of it)."""
    case = next(c for c in WALLET["cases"] if c["id"] == "env-0x")
    (f,) = _check(case).findings
    assert case["text"][f.span[0] : f.span[1]].startswith("0x")
    assert f.span[1] - f.span[0] == 66


def test_blocked_secret_is_redacted_in_pass_through_text() -> None:
    """A wallet secret is masked in the verdict's redacted text."""
    case = next(c for c in WALLET["cases"] if c["id"] == "env-0x")
    verdict = _check(case)
    assert verdict.redacted_text == "PRIVATE_KEY=[REDACTED]"


@pytest.mark.parametrize(
    ("window", "kind"),
    [
        pytest.param('{"privateKey": "', "key", id="json-privateKey"),
        pytest.param("export ETH_PRIVATE_KEY=", "key", id="env"),
        pytest.param('const w = new ethers.Wallet("', "key", id="wallet-call"),
        pytest.param("my key is ", "key", id="prose-key"),
        pytest.param('{"transactionHash": "', "hash", id="transactionHash"),
        pytest.param("storage key ", "hash", id="storage-key"),
        pytest.param("private key signed tx ", "hash", id="nearest-wins"),
        pytest.param('"key":"', None, id="json-field-key"),  # the object's other words decide
        pytest.param("https://etherscan.io/address/", "hash", id="explorer"),
        pytest.param("use this: ", None, id="bare"),
    ],
)
def test_context_words(window: str, kind: str | None) -> None:
    """The nearest key-ish or hash-ish word before the value decides."""
    found = classify_window(window, nearest_last=True)
    assert (found[0] if found else None) == kind


def test_own_address_is_case_insensitive() -> None:
    """An own address given in EIP-55 form still matches the derived one."""
    case = next(c for c in WALLET["cases"] if c["id"] == "bare-derives-to-own")
    verdict = GUARD.check_text(case["text"], context={"own_evm": case["context"]["own_evm"]})
    assert verdict.blocked


@pytest.mark.parametrize("language", BIP39_LANGUAGES)
def test_bip39_every_language(data_dir: Path, language: str) -> None:
    """All 24 python-mnemonic vectors of every language are blocked as seed phrases."""
    vectors = json.loads((data_dir / "pii" / "python-mnemonic" / "vectors.json").read_text())
    for item in vectors[language]:
        verdict = GUARD.check_text(unicodedata.normalize("NFKC", item[1]))
        assert "secret.bip39_mnemonic" in verdict.rule_ids, item[1][:20]


@pytest.mark.parametrize(
    ("phrase", "valid"),
    [
        pytest.param("abandon " * 11 + "about", True, id="12-valid"),
        pytest.param("abandon " * 11 + "abandon", False, id="12-bad-checksum"),
        pytest.param("legal winner thank year wave sausage worth useful legal winner thank yellow",
                     True, id="12-legal-winner"),
        pytest.param("abandon " * 23 + "art", True, id="24-valid"),
        pytest.param("abandon " * 10 + "about", False, id="11-words"),
    ],
)  # fmt: skip
def test_bip39_checksum(phrase: str, valid: bool) -> None:
    """is_valid_bip39 checks the checksum bits over the word indices."""
    index = bip39_index("english")
    assert is_valid_bip39([index[w] for w in phrase.split()]) is valid


def test_b58decode_rejects_foreign_characters() -> None:
    """b58decode returns None for characters outside the base58 alphabet."""
    assert b58decode("0OIl") is None
    assert b58decode("2g") == b"a"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "action"),
    [
        pytest.param("a " * 200_000, Action.ALLOW, id="one-letter-words"),
        # one word repeated is no mistyped seed phrase (fewer than MIN_DISTINCT words)
        pytest.param("abandon " * 50_000, Action.ALLOW, id="endless-list-words"),
        pytest.param("0" * 300_000, Action.ALLOW, id="zeros"),
        pytest.param("ab" * 150_000, Action.ALLOW, id="hex-run"),
        pytest.param("1" * 300_000, Action.ALLOW, id="base58-run"),
        pytest.param("[1," * 100_000, Action.ALLOW, id="open-int-array"),
        pytest.param("-----BEGIN PRIVATE KEY-----" + "A" * 200_000, Action.BLOCK, id="pem-no-end"),
        pytest.param("-----BEGIN PRIVATE KEY-----\n" * 10_000, Action.ALLOW, id="pem-headers"),
        pytest.param('"ciphertext": "' * 20_000, Action.ALLOW, id="keystore-fragments"),
        pytest.param("PRIVATE_KEY=0x" * 20_000, Action.ALLOW, id="context-without-values"),
    ],
)
def test_adversarial_inputs_finish(text: str, action: Action) -> None:
    """Pathological inputs return a verdict (no catastrophic backtracking, bounded work)."""
    assert GUARD.check_text(text).action is action


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=string.printable + "éßあ\u3000\u200b", max_size=400))
def test_any_text_yields_spans_inside_it(text: str) -> None:
    """For any text the scanner returns findings whose spans lie inside the layer."""
    layer = normalize(text).layers[0]
    for f in wallet_keys.scan(layer, ScanContext(Source.TOOL_INPUT, Policy())):
        assert f.span is not None and 0 <= f.span[0] < f.span[1] <= len(layer.text)


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.sampled_from(["PRIVATE_KEY=0x", "tx 0x", ""]))
def test_any_key_in_context_is_decided(secret: bytes, prefix: str) -> None:
    """Any 32 bytes behind key context is blocked; behind hash context or bare, never."""
    verdict = GUARD.check_text(prefix + secret.hex())
    valid = 0 < int.from_bytes(secret, "big") < 2**256 - 2**128
    assert verdict.blocked is (prefix == "PRIVATE_KEY=0x" and valid)


def _call_texts() -> list[tuple[str, str]]:
    """(id, text) of every development secret-form row: code calls, RPC params, configs."""
    rows: list[tuple[str, str]] = []
    for name in ("secret_forms.json", "secret_variants.json", "wallet_keys.json"):
        cases = json.loads((VECTORS / name).read_text(encoding="utf-8"))["cases"]
        rows += [(f"{name}:{c.get('id', i)}", c["text"]) for i, c in enumerate(cases)]
    dev2 = (VECTORS / "secret_forms_dev2.jsonl").read_text(encoding="utf-8").splitlines()
    rows += [(r["id"], r["text"]) for r in (json.loads(x) for x in dev2 if x.strip())]
    return [r for r in rows if isinstance(r[1], str)]


CALL_TEXTS = _call_texts()


@pytest.mark.slow
@pytest.mark.parametrize(("rid", "text"), CALL_TEXTS, ids=[r[0] for r in CALL_TEXTS])
def test_call_context_prefilter_keeps_every_answer(rid: str, text: str) -> None:
    """The C-speed pre-check of ``call_context`` (no "(", "params" or "accounts" in reach:
    None) gives the bracket walk's answer at every position a value may start."""
    from aiegis_guard.scanners.key_calls import _walk, call_context

    starts = {i for i, c in enumerate(text) if c in "0x\"'[(,: " or c.isalnum()}
    for at in sorted(starts)[:2000]:
        assert call_context(text, at) == _walk(text, at), (rid, at)


@pytest.mark.parametrize("layout", ["[{}]", "{}"], ids=["array", "bare-list"])
def test_zero_padded_byte_lists_are_read(layout: str) -> None:
    """Zero-padded decimals ("009", as printf's %03d writes them) are bytes: read, never a
    crash (``int("09", 0)`` raises; a signed memo's scan failed ~8 % of random keys)."""
    from tests.vectors.keygen import KeyGen

    secret = KeyGen(4242).solana()
    text = "keypair: " + layout.format(", ".join(f"{b:03d}" for b in secret))
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    assert any(
        f.rule_id == "secret.solana_keypair" and f.action is Action.BLOCK for f in verdict.findings
    ), verdict.explain()
