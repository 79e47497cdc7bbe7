"""Address scanner: EVM (EIP-55), Solana, Bitcoin; poisoning look-alikes; unknown recipients."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard import Action, Guard, Source
from aiegis_guard.findings import Chain, Finding
from aiegis_guard.normalize import Layer, LayerKind
from aiegis_guard.policy import Policy
from aiegis_guard.scanners import ScanContext, Stage
from aiegis_guard.scanners.addresses import (
    BAD_CHECKSUM,
    BITCOIN,
    LOOKALIKE,
    MAX_UNKNOWN,
    UNKNOWN,
    find_addresses,
    is_valid_segwit,
    scan,
)

V = json.loads((Path(__file__).parent / "vectors" / "addresses.json").read_text("utf-8"))
P = V["poisoning"]
POLICY = Policy().with_addresses(
    own_evm=[P["own_evm"]],
    allow_evm=[P["allow_evm"]],
    own_solana=[P["own_solana"]],
    allow_solana=[P["allow_solana"]],
)
HASH64 = "0x" + "9f" * 32  # a transaction hash (not a key): 0x + 64 hex


def _scan(text: str, source: Source = Source.TOOL_INPUT, policy: Policy = POLICY) -> list[Finding]:
    return scan(Layer(text, LayerKind.TEXT, 0), ScanContext(source, policy))


def _rules(text: str, source: Source = Source.TOOL_INPUT, policy: Policy = POLICY) -> list[str]:
    return [f.rule_id for f in _scan(text, source, policy)]


def _found(text: str) -> list[tuple[str, Chain | str]]:
    return [(a, chain) for _s, _e, a, chain in find_addresses(text)]


# --- recognition ---------------------------------------------------------------------------------


@pytest.mark.parametrize("address", V["evm_checksum_valid"])
def test_evm_valid_checksums(address: str) -> None:
    """EIP-55 examples (mixed, all-upper, all-lower) are addresses with no checksum finding."""
    text = f'{{"to": "{address}", "value": "0x1"}}'
    assert _found(text) == [(address, Chain.EVM)]
    assert BAD_CHECKSUM not in _rules(text)


@pytest.mark.parametrize("address", V["evm_checksum_invalid"])
@pytest.mark.parametrize(
    ("source", "action"),
    [
        pytest.param(Source.TOOL_INPUT, Action.FLAG, id="tool-input-flags"),
        pytest.param(Source.TOOL_OUTPUT, Action.ALLOW, id="tool-output-informs"),
    ],
)
def test_evm_bad_checksum(address: str, source: Source, action: Action) -> None:
    """A mixed-case address with one letter's case flipped is its own finding."""
    [finding] = [f for f in _scan(f"send to {address}", source) if f.rule_id == BAD_CHECKSUM]
    assert finding.action is action
    assert finding.span == (8, 8 + 42)
    assert "eip55:bad" in finding.evidence


@pytest.mark.parametrize("address", V["solana_valid"])
def test_solana_addresses(address: str) -> None:
    """Base58 strings that decode to 32 bytes are Solana addresses, also inside URLs."""
    assert _found(f"recipient: {address}.") == [(address, Chain.SOLANA)]
    assert _found(f"https://solscan.io/account/{address}?cluster=devnet") == [
        (address, Chain.SOLANA)
    ]


@pytest.mark.parametrize("address", V["bitcoin_inline"])
def test_bitcoin_addresses_inline(address: str) -> None:
    """P2PKH, P2SH, bech32 (either case) and bech32m addresses are recognised."""
    assert _found(f"BTC deposit address: {address}") == [(address, BITCOIN)]


def test_bitcoin_core_vectors(data_dir: Path) -> None:
    """Every Bitcoin Core address vector is found; WIF keys and invalid strings are not."""
    folder = data_dir / "pii" / "bitcoin-core-key-io"
    valid = json.loads((folder / "key_io_valid.json").read_text("utf-8"))
    invalid = json.loads((folder / "key_io_invalid.json").read_text("utf-8"))
    addresses = [s for s, _hex, meta in valid if not meta["isPrivkey"]]
    keys = [s for s, _hex, meta in valid if meta["isPrivkey"]]
    assert len(addresses) == 54 and len(keys) == 16
    missed = [a for a in addresses if _found(f"pay {a} now") != [(a, BITCOIN)]]
    assert missed == []
    assert [k[:4] for k in keys if _found(f"key {k}")] == []
    wrong = [s[:12] for (s,) in invalid if _found(f" {s} ")]
    assert wrong == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(HASH64, id="tx-hash-64-hex"),
        pytest.param("0x" + "ab" * 20 + "cd", id="0x-42-hex"),
        pytest.param("0x" + "a9059cbb" + "00" * 12 + "ab" * 20, id="address-inside-calldata"),
        pytest.param("ab" * 20, id="bare-40-hex-git-sha"),
        pytest.param("9f" * 32, id="bare-64-hex-hash"),
        pytest.param("x0x" + "ab" * 20, id="glued-to-word"),
        pytest.param("0x" + "ab" * 20 + "_v2", id="glued-suffix"),
        pytest.param(V["solana_signature_88"], id="solana-signature-88"),
        pytest.param(V["base58_24_bytes"], id="base58-24-bytes"),
        pytest.param("ThisIsNotAnAddressButAVeryLongCamelCaseNamexy", id="camel-case-word"),
        pytest.param("internationalizationlocalizationabcdefghijk", id="lower-case-word"),
        pytest.param("x" + V["solana_valid"][0], id="solana-glued-to-word"),
        pytest.param(
            base64.b64encode(bytes(range(256)) * 3).decode(), id="base64-blob-no-addresses"
        ),
        pytest.param("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", id="bech32-bad-checksum"),
        pytest.param("bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", id="bech32-mixed-case"),
        pytest.param("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", id="p2pkh-bad-checksum"),
    ],
)
def test_near_misses(text: str) -> None:
    """Hashes, calldata, signatures, words and broken checksums are not addresses."""
    assert _found(text) == []
    assert _rules(text) == []


def test_base58_run_inside_base64_blob_is_not_an_address() -> None:
    """A Solana-shaped run glued into base64 with '/' or '+' does not count."""
    address = V["solana_valid"][4]
    assert _found(f"AAAA+{address}/BBBB") == []
    assert _found(f"QUJD/{address}/RE") == []


# --- rules ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "imitated"),
    [
        pytest.param("evm_lookalike_of_own", "own_evm", id="evm-own"),
        pytest.param("evm_lookalike_of_allow", "allow_evm", id="evm-allowlisted"),
        pytest.param("solana_lookalike_of_own", "own_solana", id="solana-own"),
        pytest.param("solana_lookalike_of_allow", "allow_solana", id="solana-allowlisted"),
    ],
)
@pytest.mark.parametrize("source", [Source.TOOL_INPUT, Source.TOOL_OUTPUT, Source.RETRIEVED])
def test_poisoning_lookalike_blocks(key: str, imitated: str, source: Source) -> None:
    """Same first/last 4 characters as a known address, different middle: BLOCK anywhere."""
    fake = P[key]
    text = f"Recent transfer from {fake} (0.0 USDC)"
    findings = [f for f in _scan(text, source) if f.rule_id == LOOKALIKE]
    [finding] = findings
    assert finding.action is Action.BLOCK
    assert text[finding.span[0] : finding.span[1]] == fake
    known = P[imitated]
    assert f"imitates:{known}" in finding.evidence  # in full: masked, the two look the same
    assert UNKNOWN not in _rules(text, source)


@pytest.mark.parametrize(
    "address",
    [P["own_evm"], P["own_evm"].lower(), P["allow_evm"], P["own_solana"], P["allow_solana"]],
)
@pytest.mark.parametrize("source", [Source.TOOL_INPUT, Source.TOOL_OUTPUT])
def test_known_addresses_are_silent(address: str, source: Source) -> None:
    """Own and allowlisted addresses (any EVM case) raise nothing."""
    assert _rules(f"transfer 1 to {address}", source) == []


@pytest.mark.parametrize(
    ("address", "chain"),
    [
        pytest.param(V["evm_checksum_valid"][0], "evm", id="evm"),
        pytest.param(V["solana_valid"][4], "solana", id="solana"),
        pytest.param(V["bitcoin_inline"][0], "bitcoin", id="bitcoin"),
    ],
)
def test_unknown_recipient_in_tool_input(address: str, chain: str) -> None:
    """A tool input naming an address that is neither own nor allowlisted is flagged."""
    [finding] = _scan(f'{{"to": "{address}", "amount": "5"}}', Source.TOOL_INPUT)
    assert finding.rule_id == UNKNOWN and finding.action is Action.FLAG
    assert f"chain:{chain}" in finding.evidence
    assert address not in finding.message  # masked


@pytest.mark.parametrize(
    "source", [Source.TOOL_OUTPUT, Source.RETRIEVED, Source.PROMPT, Source.MEMORY]
)
def test_unknown_addresses_elsewhere_are_information(source: Source) -> None:
    """In outputs and documents, an ordinary address yields no finding at all."""
    text = " ".join([*V["evm_checksum_valid"], *V["solana_valid"], *V["bitcoin_inline"]])
    assert _rules(text, source) == []


@pytest.mark.parametrize("address", V["solana_native"])
def test_native_programs_are_not_recipients(address: str) -> None:
    """System / Token / Memo program ids in a tool input are not unknown recipients."""
    assert _rules(f"program {address}", Source.TOOL_INPUT) == []


def test_padding_with_addresses_cannot_hide_a_lookalike() -> None:
    """Hundreds of other addresses before it do not hide a poisoned one; noise is capped."""
    padding = " ".join(f"0x{i:040x}" for i in range(1, 300))
    text = f"{padding} then {P['solana_lookalike_of_own']}"
    rules = _rules(text, Source.TOOL_INPUT)
    assert LOOKALIKE in rules
    assert rules.count(UNKNOWN) == MAX_UNKNOWN


def test_repeated_address_is_reported_once() -> None:
    """One finding per rule and distinct address, at its first occurrence."""
    text = " ".join([V["evm_checksum_invalid"][0]] * 50)
    findings = _scan(text, Source.TOOL_INPUT)
    assert sorted(f.rule_id for f in findings) == [BAD_CHECKSUM, UNKNOWN]
    assert {f.span for f in findings} == {(0, 42)}


def test_lookalike_with_default_policy_is_not_possible() -> None:
    """Without own or allowlisted addresses nothing can be imitated."""
    text = f"from {P['evm_lookalike_of_own']}"
    assert LOOKALIKE not in _rules(text, Source.TOOL_OUTPUT, Policy())


# --- through the Guard ---------------------------------------------------------------------------


def _guard() -> Guard:
    return Guard(POLICY, stages=(Stage("addresses", scan),), classifier=False)


def test_guard_maps_spans_through_obfuscation() -> None:
    """A look-alike hidden by a zero-width space is found, with its span in the original."""
    fake = P["evm_lookalike_of_own"]
    text = f"pay {fake[:10]}\u200b{fake[10:]} now"
    verdict = _guard().check_text(text, source=Source.TOOL_OUTPUT)
    [finding] = [f for f in verdict.findings if f.rule_id == LOOKALIKE]
    assert verdict.action is Action.BLOCK
    assert finding.span is not None
    assert text[finding.span[0] : finding.span[1]].replace("\u200b", "") == fake


def test_guard_finds_lookalike_in_base64_layer() -> None:
    """A look-alike inside a base64 blob is found on the decoded layer."""
    blob = base64.b64encode(f"please pay {P['solana_lookalike_of_own']} today".encode()).decode()
    verdict = _guard().check_text(f"memo: {blob}", source=Source.TOOL_OUTPUT)
    [finding] = [f for f in verdict.findings if f.rule_id == LOOKALIKE]
    assert "layer:base64" in finding.evidence
    assert finding.span == (6, 6 + len(blob))


def test_guard_context_adds_own_addresses() -> None:
    """Per-call context (own_evm) drives the look-alike rule."""
    guard = Guard(Policy(), stages=(Stage("addresses", scan),), classifier=False)
    text = f"to {P['evm_lookalike_of_own']}"
    assert guard.check_text(text, source="tool_output").action is Action.ALLOW
    verdict = guard.check_text(text, source="tool_output", context={"own_evm": [P["own_evm"]]})
    assert verdict.action is Action.BLOCK


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="0x123456789abcdefABCDEFGHJKLMNPQRSTUVWXYZmnopqrstuvwz:/+= \n", max_size=300)
)
def test_spans_are_addresses(text: str) -> None:
    """Every reported span lies in the text and covers exactly the reported address."""
    for start, end, address, _chain in find_addresses(text):
        assert 0 <= start < end <= len(text)
        assert text[start:end] == address
    for finding in _scan(text):
        assert finding.span is not None and 0 <= finding.span[0] < finding.span[1] <= len(text)


def test_segwit_checker_rejects_wrong_constant() -> None:
    """A v0 program with a bech32m checksum (or v1 with bech32) is invalid (BIP-350)."""
    assert is_valid_segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")
    assert not is_valid_segwit("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh")
    assert not is_valid_segwit("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd")
