"""``threat.phishing_domain``: links to listed phishing domains in any text are FLAGged."""

from __future__ import annotations

import base64

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiegis_guard import Action, Config, Guard, Policy, Source
from aiegis_guard.config import parse_config
from aiegis_guard.normalize import normalize
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.urls import MAX_HOSTS, RULE_ID, scan

LISTED = "opensea-pro.io"  # Phantom eth-blocklist


@pytest.fixture(scope="module")
def guard() -> Guard:
    return Guard(Config(), classifier=False)


@pytest.mark.parametrize(
    ("text", "host"),
    [
        pytest.param(f"Claim your airdrop at https://claim.{LISTED}/mint now", f"claim.{LISTED}",
                     id="url-with-subdomain"),
        pytest.param(f"visit {LISTED} to verify your wallet", LISTED, id="bare-domain"),
        pytest.param(f"Questions? support@{LISTED}", LISTED, id="email-host"),
        pytest.param("[link](HTTPS://WWW.OPENSEA-PRO.IO/claim)", "www.opensea-pro.io",
                     id="markdown-upper-case"),
        pytest.param("go to https://dappsnftconnect.netlify.app/", "dappsnftconnect.netlify.app",
                     id="listed-site-on-shared-host"),
        pytest.param(f"url=https%3A%2F%2F{LISTED}%2Fclaim", LISTED, id="percent-encoded"),
        pytest.param("payload " + base64.b64encode(f"see https://{LISTED}/x now".encode()).decode(),
                     None, id="base64-wrapped"),
        pytest.param("open https://opensеa-pro.io", None, id="cyrillic-homoglyph"),
    ],
)  # fmt: skip
def test_listed_domain_is_flagged(guard: Guard, text: str, host: str | None) -> None:
    """A URL or bare host on a phishing list (also decoded / homoglyphs) FLAGs, span on it."""
    verdict = guard.check_text(text, source=Source.TOOL_OUTPUT)
    hits = [f for f in verdict.findings if f.rule_id == RULE_ID]
    assert hits, verdict.explain()
    assert verdict.action in (Action.FLAG, Action.BLOCK)
    finding = hits[0]
    assert finding.action is Action.FLAG
    assert any(e.startswith("list:") for e in finding.evidence)
    assert "[.]" in finding.preview  # defanged
    if host is not None and finding.span is not None:
        assert text[finding.span[0] : finding.span[1]].lower() == host


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Trade on https://opensea.io/collection/x", id="legit-brand"),
        pytest.param("Docs: https://docs.uniswap.org/contracts/v4/overview", id="legit-docs"),
        pytest.param("Settings are in config.json, e.g. the rpc url.", id="filenames-and-eg"),
        pytest.param("Balance: 3.5 ETH at block 19.000.000", id="numbers"),
        pytest.param("see https://my-docs.netlify.app/guide", id="unlisted-site-on-shared-host"),
        pytest.param(f"https://{LISTED}.example.com/", id="listed-name-as-label"),
        pytest.param(f"not{LISTED}", id="suffix-only"),
        pytest.param("no dots at all here", id="no-dots"),
        pytest.param("", id="empty"),
    ],
)
def test_near_misses_are_not_flagged(guard: Guard, text: str) -> None:
    """Legit domains, file names, numbers and look-alike suffixes are not phishing links."""
    verdict = guard.check_text(text, source=Source.TOOL_OUTPUT)
    assert RULE_ID not in verdict.rule_ids


def test_allowlisted_domain_is_not_flagged() -> None:
    """``[allowlist] domains`` suppresses the finding (subdomains included)."""
    guard = Guard(parse_config({"allowlist": {"domains": [LISTED]}}), classifier=False)
    verdict = guard.check_text(f"https://app.{LISTED}/", source=Source.TOOL_OUTPUT)
    assert RULE_ID not in verdict.rule_ids


def test_guard_uses_its_own_threat_lists() -> None:
    """A domain from ``[threats] domains`` is found (the Guard passes its index to scanners)."""
    config = parse_config({"threats": {"builtin": False, "domains": ["drainer-claim.example"]}})
    guard = Guard(config, classifier=False)
    verdict = guard.check_text("go to https://drainer-claim.example/x", source="tool_output")
    assert RULE_ID in verdict.rule_ids
    assert "list:config" in verdict.findings[0].evidence
    assert RULE_ID not in guard.check_text(f"https://{LISTED}/", source="tool_output").rule_ids


def test_many_hosts_are_capped() -> None:
    """A wall of dotted names is scanned up to MAX_HOSTS distinct hosts (bounded work)."""
    text = " ".join(f"host{i}.example" for i in range(MAX_HOSTS * 4)) + f" {LISTED}"
    layer = normalize(text).layers[0]
    assert scan(layer, ScanContext(Source.TOOL_OUTPUT, Policy())) == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("a." * 50_000, id="dots"),
        pytest.param("." * 100_000, id="only-dots"),
        pytest.param("a" * 100_000 + ".b", id="long-label"),
        pytest.param("-." * 50_000 + "x", id="hyphens"),
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    """Pathological inputs return (no backtracking regex, bounded candidate work)."""
    layer = normalize(text).layers[0]
    assert isinstance(scan(layer, ScanContext(Source.TOOL_OUTPUT, Policy())), list)


@given(st.text(alphabet=st.sampled_from("ab.-_/:@ ") | st.characters(), max_size=200))
def test_spans_lie_inside_the_text(text: str) -> None:
    """Any text: the scanner returns findings whose spans lie inside the layer text."""
    layer = normalize(text).layers[0]
    for finding in scan(layer, ScanContext(Source.TOOL_OUTPUT, Policy())):
        assert finding.span is not None
        assert 0 <= finding.span[0] < finding.span[1] <= len(layer.text)
