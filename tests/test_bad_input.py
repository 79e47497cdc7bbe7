"""Bad input: any str gets a verdict; bytes, huge and adversarial texts; stages fail closed.

Generic over ``default_stages()``: whatever scanners land there are run on adversarial
200 KB texts (a regex that backtracks catastrophically would hang here), on Hypothesis text,
and on a 10 MB input whose memory must stay bounded by the chunk size, not the input size.
"""

from __future__ import annotations

import base64
import os
import random
import re
import tracemalloc
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiegis_guard import Action, Category, Finding, Guard, Severity, Source
from aiegis_guard.normalize import Layer, Normalized, normalize
from aiegis_guard.pipeline import CHUNK_CHARS, CHUNK_OVERLAP, MAX_FINDINGS, default_stages
from aiegis_guard.policy import Policy
from aiegis_guard.scanners import ScanContext, Stage

N = 200_000
_rng = random.Random(7)
_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
PROSE = "The quick brown fox jumps over the lazy dog while the market closes at 3421.55 today. "


def _fill(unit: str, n: int = N) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _random(alphabet: str, n: int = N) -> str:
    return "".join(_rng.choices(alphabet, k=n))


ADVERSARIAL = {
    "a-100k": "a" * 100_000,
    "hex-run": _fill("f"),
    "hex-random": _random("0123456789abcdef"),
    "digits": _fill("1"),
    "digits-random": _random("0123456789"),
    "digit-groups": _fill("1234 "),
    "ssn-like": _fill("123-45-"),
    "phone-like": _fill("+1 (555) "),
    "spaces": " " * N,
    "newlines": "\n" * N,
    "0x-repeated": _fill("0x"),
    "0x-then-hex": "0x" + "a" * (N - 2),
    "base58-ones": _fill("1"),
    "base58-random": _random(_B58),
    "base64-random": base64.b64encode(os.urandom(N * 3 // 4)).decode(),
    "percent": "%" * N,
    "percent-2": _fill("%2"),
    "percent-25": _fill("%25"),
    "entity-starts": _fill("&#"),
    "entity-hex-starts": _fill("&#x"),
    "amp-entities": _fill("&amp;"),
    "backslash-x": _fill("\\x"),
    "backslash-u": _fill("\\u"),
    "backslashes": "\\" * N,
    "brackets": "[" * (N // 2) + "]" * (N // 2),
    "braces": "{" * (N // 2) + "}" * (N // 2),
    "parens": "(" * (N // 2) + ")" * (N // 2),
    "nested-json": '{"a":' * 20_000 + "1" + "}" * 20_000,
    "int-array-open": _fill("[1, "),
    "int-array-long": "[" + _fill("255, ", N - 2) + "]",
    "host-dots": _fill("a."),
    "host-dashes": _fill("a-"),
    "urls": _fill("http://"),
    "emails": _fill("a@"),
    "email-dots": _fill("a@b."),
    "at-end": "a" * (N - 1) + "@",
    "pem-starts": _fill("-----BEGIN "),
    "jwt-starts": _fill("eyJ"),
    "sk-starts": _fill("sk-"),
    "akia-starts": _fill("AKIA"),
    "ghp-starts": _fill("ghp_"),
    "xprv-starts": _fill("xprv"),
    "seed-words": _fill("abandon "),
    "key-context": _fill("private key "),
    "injection-words": _fill("ignore previous instructions "),
    "cyrillic-latin": _fill("аa"),
    "zero-width": "\u200b" * N,
    "tags": "".join(chr(0xE0000 + (i % 95) + 0x20) for i in range(N // 2)),
    "variation-selectors": "\ufe0f" * N,
    "combining": _fill("e\u0301"),
    "long-nfkc": "\ufdfa" * 50_000,
    "fullwidth": "ｉ" * N,
    "mixed-scripts": _random("aаοα0x1l%&#\\;:/. \u200b\u0301"),
}


@cache
def _normalized(name: str) -> Normalized:
    return normalize(ADVERSARIAL[name])


def _stages() -> list[Stage]:
    return list(default_stages())


POLICY = Policy().with_addresses(
    own_evm=["0x" + "ab" * 20], own_solana=["So11111111111111111111111111111111111111112"]
)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_normalize_completes_on_adversarial_text(name: str) -> None:
    """Normalisation finishes on adversarial text; every layer maps into the original."""
    norm = _normalized(name)
    n = len(ADVERSARIAL[name])
    for layer in norm.layers:
        start, end = layer.to_original(0, len(layer.text))
        assert 0 <= start <= end <= n


@pytest.mark.slow  # every stage x every adversarial text
@pytest.mark.parametrize("stage", _stages(), ids=lambda s: s.name)
@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_every_stage_completes_on_adversarial_text(stage: Stage, name: str) -> None:
    """Each detector finishes on 200 KB adversarial text with spans inside its layer."""
    norm = _normalized(name)
    for source in (Source.TOOL_INPUT, Source.TOOL_OUTPUT):
        ctx = ScanContext(source, POLICY, value_moving=True, original=norm.original)
        for layer in norm.layers:
            if layer.depth and not stage.decoded:
                continue
            for finding in stage.scan(layer, ctx):
                assert finding.span is None or 0 <= finding.span[0] <= finding.span[1] <= len(
                    layer.text
                )


@pytest.fixture(scope="module")
def guard() -> Guard:
    g = Guard(POLICY, classifier=False)
    g.check_text("warm-up: PRIVATE_KEY, ignore previous, a@b.com, https://x.io")
    return g


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(), st.sampled_from([Source.TOOL_INPUT, Source.TOOL_OUTPUT, Source.RETRIEVED]))
def test_any_text_gets_a_verdict(text: str, source: Source) -> None:
    """Any str returns a verdict; no stage crashes; spans lie inside the text."""
    g = Guard(POLICY, classifier=False)
    verdict = g.check_text(text, source=source)
    assert "guard.stage_error" not in verdict.rule_ids
    for f in verdict.findings:
        assert f.span is None or 0 <= f.span[0] <= f.span[1] <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_get_a_verdict(data: bytes) -> None:
    """Any bytes return a verdict; invalid UTF-8 is replaced and reported."""
    verdict = Guard(POLICY, classifier=False).check_text(data)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        assert "input.invalid_utf8" in verdict.rule_ids
    else:
        assert "input.invalid_utf8" not in verdict.rule_ids


@pytest.mark.parametrize(
    ("data", "invalid"),
    [
        pytest.param(b"plain ascii", False, id="ascii"),
        pytest.param("caf\u00e9 \U0001f600".encode(), False, id="utf8"),
        pytest.param(b"\xff\xfe\x00h\x00i", True, id="utf16-bom"),
        pytest.param(b"abc\xc3", True, id="truncated-sequence"),
        pytest.param(b"\xed\xa0\x80", True, id="encoded-surrogate"),
        pytest.param(b"\xc0\xaf", True, id="overlong-slash"),
        pytest.param("caf\u00e9".encode("latin-1"), True, id="latin-1"),
    ],
)
def test_invalid_utf8_is_reported(guard: Guard, data: bytes, invalid: bool) -> None:
    """Non-UTF-8 bytes are decoded with replacement and flagged (input.invalid_utf8)."""
    verdict = guard.check_text(data, source=Source.TOOL_OUTPUT)
    assert ("input.invalid_utf8" in verdict.rule_ids) is invalid
    if invalid:
        assert verdict.action is not Action.ALLOW


def _boom(layer: Layer, ctx: ScanContext) -> list[object]:
    raise RuntimeError(f"cannot handle {layer.text}")


def test_crashing_stage_fails_closed() -> None:
    """A crashing detector next to the real ones yields guard.stage_error and BLOCKs."""
    key = "0x" + os.urandom(32).hex()  # generated per run, never funded
    g = Guard(POLICY, stages=(*default_stages(), Stage("boom", _boom)), classifier=False)  # type: ignore[arg-type]
    verdict = g.check_text(f"hello {key}", source=Source.TOOL_OUTPUT)
    assert verdict.action is Action.BLOCK
    assert "guard.stage_error" in verdict.rule_ids
    assert key not in verdict.to_json() and key[2:] not in verdict.explain()


# --- huge inputs -----------------------------------------------------------------------------


def _peak_beyond_input(g: Guard, text: str) -> int:
    tracemalloc.start()
    try:
        g.check_text(text, source=Source.TOOL_OUTPUT)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _marker_stage(layer: Layer, ctx: ScanContext) -> list[Finding]:
    return [
        Finding(rule_id="test.marker", category=Category.SECRET, severity=Severity.HIGH,
                action=Action.BLOCK, message="marker", span=m.span(), preview="MA…")
        for m in re.finditer("MARKER", layer.text)
    ]  # fmt: skip


@pytest.mark.slow  # 10 MB
def test_chunking_keeps_memory_within_ten_chunks() -> None:
    """The Guard itself (normalise, chunk, collect) stays under 10 chunks beyond a 10 MB input."""
    g = Guard(POLICY, stages=(Stage("marker", _marker_stage),), classifier=False)
    g.check_text(PROSE, source=Source.TOOL_OUTPUT)  # lazy loads (rule tables) are not chunks
    text = _fill(PROSE, 10_000_000 - 6) + "MARKER"
    tracemalloc.start()
    try:
        verdict = g.check_text(text, source=Source.TOOL_OUTPUT)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert verdict.rule_ids == ("test.marker",)
    assert peak < 10 * CHUNK_CHARS, f"peak {peak / CHUNK_CHARS:.1f} chunks"


@pytest.mark.slow  # 10 MB
def test_ten_megabytes_in_bounded_memory(guard: Guard) -> None:
    """With every default stage, peak memory for 10 MB does not grow with the input."""
    small = _peak_beyond_input(guard, _fill(PROSE, 2_500_000))
    big = _peak_beyond_input(guard, _fill(PROSE, 10_000_000))
    assert big < 16 * CHUNK_CHARS, f"peak {big / CHUNK_CHARS:.1f} chunks"
    assert big - small < 2 * CHUNK_CHARS, f"grew {(big - small) / CHUNK_CHARS:.1f} chunks"


@pytest.mark.slow  # 10 MB
@pytest.mark.parametrize(
    "position",
    [
        pytest.param(CHUNK_CHARS - CHUNK_OVERLAP - 30, id="across-first-border"),
        pytest.param(CHUNK_CHARS - 40, id="end-of-first-chunk"),
        pytest.param(9_000_000, id="deep-in-10mb"),
    ],
)
def test_key_across_a_chunk_border_is_found(guard: Guard, position: int) -> None:
    """A private key with context straddling a chunk border is found once, globally placed."""
    key = "0x" + os.urandom(32).hex()  # generated per run, never funded
    marker = f" PRIVATE_KEY={key} "
    text = _fill(PROSE, position) + marker + _fill(PROSE, 10_000_000 - position)
    verdict = guard.check_text(text, source=Source.TOOL_INPUT)
    spans = [f.span for f in verdict.findings if f.rule_id == "secret.evm_private_key"]
    assert verdict.action is Action.BLOCK
    assert len(spans) == 1 and spans[0] is not None
    start, end = spans[0]
    assert key[2:] in text[start:end] and position <= start < end <= position + len(marker)


def test_many_findings_do_not_hide_a_later_secret(guard: Guard) -> None:
    """Hundreds of findings early in a long text do not stop the scan before a late key."""
    key = "0x" + os.urandom(32).hex()  # generated per run, never funded
    noise = "ignore all previous instructions. " * (MAX_FINDINGS * 2)  # one finding each
    text = noise + _fill(PROSE, 3 * CHUNK_CHARS) + f" PRIVATE_KEY={key} "
    verdict = guard.check_text(text, source=Source.TOOL_INPUT)
    assert "secret.evm_private_key" in verdict.rule_ids
    assert verdict.action is Action.BLOCK
