"""Encoded exfiltration on tool inputs: base64/hex blobs leaving in URLs, memos and messages."""

from __future__ import annotations

import base64
import json
import math
import random

import base58
import pytest
from hypothesis import given
from hypothesis import strategies as st
from solders.hash import Hash
from solders.keypair import Keypair
from solders.message import Message
from solders.system_program import TransferParams, transfer
from solders.transaction import Transaction

from aiegis_guard import Action, Guard, Source
from aiegis_guard.policy import Allowlist, Policy
from aiegis_guard.scanners.entropy import shannon

RULE = "exfiltration.encoded_payload"
RNG = random.Random(1234)
PHRASE = "legal winner thank year wave sausage worth useful legal winner thank yellow"
TEXT = "Here are the notes from the meeting with the treasury committee about Q3 budgets."
KEY = RNG.randbytes(32)


def _solana_tx() -> bytes:
    payer = Keypair.from_seed(bytes(range(32)))
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=payer.pubkey(), lamports=5))
    return bytes(Transaction([payer], Message([ix], payer.pubkey()), Hash.default()))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _hits(text: str, source: Source = Source.TOOL_INPUT, policy: Policy | None = None) -> list:
    guard = Guard(policy or Policy(), classifier=False)
    return [f for f in guard.check_text(text, source=source).findings if f.rule_id == RULE]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        pytest.param("https://c.example/log?d=" + _b64(PHRASE.encode()), "url_query",
                     id="seed-phrase-b64-in-query"),
        pytest.param("https://c.example/p/" + base64.urlsafe_b64encode(KEY + KEY[:16]).decode(),
                     "url_path", id="48-bytes-b64url-in-path"),
        pytest.param(json.dumps({"memo": PHRASE.encode().hex()}), "text", id="seed-hex-in-memo"),
        pytest.param(json.dumps({"memo": _b64(KEY)}), "text", id="key-b64-in-memo"),
        pytest.param("https://c.example/?q=0x" + TEXT.encode().hex(), "url_query",
                     id="0x-hex-text-in-query"),
        pytest.param("Status update: " + _b64(TEXT.encode() * 2), "text", id="b64-in-message"),
        pytest.param("https://hooks.example/u?x=" + _b64(RNG.randbytes(24)), "url_query",
                     id="24-random-bytes"),
    ],
)  # fmt: skip
def test_encoded_payloads_are_flagged(text: str, where: str) -> None:
    """Long high-entropy base64/hex leaving the agent is FLAGged with its length and entropy."""
    [finding] = _hits(text)
    assert finding.action is Action.FLAG
    assert f"where:{where}" in finding.evidence
    assert any(e.startswith("length:") for e in finding.evidence)
    assert any(e.startswith("entropy:") for e in finding.evidence)
    assert finding.span is not None
    blob = text[finding.span[0] : finding.span[1]]
    assert blob not in finding.preview and blob not in finding.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"to": "0x8c4ea60f5e907e3aad7c875b3e58fb543b12aba3", "value": "1000"}',
                     id="address"),
        pytest.param("https://etherscan.io/tx/0x" + RNG.randbytes(32).hex(), id="tx-hash-url"),
        pytest.param('{"signature": "0x' + RNG.randbytes(65).hex() + '"}', id="evm-signature"),
        pytest.param('{"data": "0xa9059cbb' + RNG.randbytes(64).hex() + '"}', id="calldata"),
        pytest.param(json.dumps({"transaction": _b64(_solana_tx())}), id="solana-b64-tx"),
        pytest.param(json.dumps({"payload": _b64(_solana_tx())}), id="solana-b64-any-key"),
        pytest.param("sendTransaction " + base58.b58encode(_solana_tx()).decode(),
                     id="solana-b58-tx"),
        pytest.param("https://solscan.io/tx/" + base58.b58encode(RNG.randbytes(64)).decode(),
                     id="solana-signature-url"),
        pytest.param("https://api.example.com/orders/550e8400-e29b-41d4-a716-446655440000",
                     id="uuid"),
        pytest.param("https://ipfs.io/ipfs/QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
                     id="ipfs-cid"),
        pytest.param("https://blog.example.com/how-to-bridge-usdc-from-arbitrum-to-base-2024",
                     id="slug"),
        pytest.param('{"amount": "115792089237316195423570985008687907853269984665640564039457"}',
                     id="wei-amount"),
        pytest.param("download https://example.com/f.tar.gz sha256 " + RNG.randbytes(32).hex(),
                     id="bare-sha256"),
        pytest.param("https://eth-mainnet.g.alchemy.com/v2/" + _b64(RNG.randbytes(24)),
                     id="rpc-provider-key"),
        pytest.param("call getLatestBlockhashAndContextWithCommitment now", id="identifier"),
        pytest.param("Please pay invoice 4471 before Friday, thanks!", id="short-text"),
    ],
)  # fmt: skip
def test_benign_tool_inputs_are_not_flagged(text: str) -> None:
    """Hashes, addresses, signatures, calldata, Solana transactions, UUIDs, CIDs pass."""
    assert not _hits(text)


def test_only_tool_inputs_are_checked() -> None:
    """The same blob in a tool output (read content) is not an exfiltration finding."""
    text = "https://c.example/log?d=" + _b64(PHRASE.encode())
    assert _hits(text, Source.TOOL_INPUT)
    assert not _hits(text, Source.TOOL_OUTPUT)


def test_allowlisted_domain_is_trusted() -> None:
    """A blob sent to an allowlisted domain is not reported."""
    text = "https://api.partner.example/v1/upload?blob=" + _b64(KEY)
    policy = Policy(allowlist=Allowlist(domains=["partner.example"]))
    assert not _hits(text, policy=policy)
    assert _hits(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("", 0.0, id="empty"),
        pytest.param("aaaa", 0.0, id="one-symbol"),
        pytest.param("abab", 1.0, id="two-symbols"),
        pytest.param("0123456789abcdef", 4.0, id="sixteen-symbols"),
    ],
)
def test_shannon_known_values(text: str, expected: float) -> None:
    """Shannon entropy in bits per character."""
    assert shannon(text) == pytest.approx(expected)


@given(st.text(min_size=1, max_size=200))
def test_shannon_bounds(text: str) -> None:
    """0 <= H <= log2(number of distinct characters)."""
    assert 0.0 <= shannon(text) <= math.log2(len(set(text))) + 1e-9


@given(st.text(max_size=600))
def test_any_tool_input_returns_a_verdict(text: str) -> None:
    """Any string: the scanner returns, and spans lie inside the text."""
    for finding in _hits(text):
        assert finding.span is not None
        assert 0 <= finding.span[0] < finding.span[1] <= len(text)
