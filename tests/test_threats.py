"""Threat lists: shipped data, user lists in every format, matching rules, lazy loading,
reload, and BLOCK through ``Guard.check_transaction`` for EVM and Solana."""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiegis_guard import Config, ConfigError, Guard
from aiegis_guard.config import ThreatSettings, parse_config
from aiegis_guard.findings import Action, Chain
from aiegis_guard.threats import BUILTIN_DIR, ThreatIndex, classify, normalize_host, read_entries

FORTA_PHISH = "0x80d7bb18521acbef32d7906502ebe94928690e93"  # Forta: Fake_Phishing1772
FORTA_EXPLOIT = "0x04ae3226c80e8c04d35e6e56089345bdd06da6de"  # Multichain Exploiter 10
SPAM_MINT = "8vmfpC295wnxH7mnPw3GpfvD9mCCdJBj81mPfe9PL9Wi"  # Phantom nft-blocklist
OWN_EVM = "0x" + "11" * 20
MIXED = "0xAbCdEf0123456789aBcDeF0123456789AbCdEf01"


@pytest.fixture(scope="module")
def index() -> ThreatIndex:
    return ThreatIndex()


@pytest.mark.parametrize(
    ("chain", "address", "label"),
    [
        pytest.param(Chain.EVM, FORTA_PHISH, "forta:phish-hack", id="forta-phishing"),
        pytest.param(
            Chain.EVM, "0x" + FORTA_PHISH[2:].upper(), "forta:phish-hack", id="upper-case"
        ),
        pytest.param(Chain.EVM, FORTA_EXPLOIT, "forta:exploit", id="forta-exploiter"),
        pytest.param(Chain.EVM, FORTA_PHISH[:-1] + "4", None, id="one-char-off"),
        pytest.param(Chain.EVM, "0x" + "0" * 40, None, id="zero-address"),
        pytest.param(Chain.EVM, "0xdac17f958d2ee523a2206206994597c13d831ec7", None, id="usdt"),
        pytest.param(Chain.EVM, "0x000000000022d473030f116ddee9f6b43ac78ba3", None, id="permit2"),
        pytest.param(Chain.SOLANA, SPAM_MINT, "phantom:nft-spam-mint", id="phantom-spam-mint"),
        pytest.param(Chain.SOLANA, SPAM_MINT.lower(), None, id="solana-is-case-sensitive"),
        pytest.param(Chain.SOLANA, "11111111111111111111111111111111", None, id="system-program"),
        pytest.param(Chain.SOLANA, FORTA_PHISH, None, id="evm-address-on-solana"),
    ],
)
def test_address_label(index: ThreatIndex, chain: Chain, address: str, label: str | None) -> None:
    """Listed addresses carry their list's label; near misses and legit contracts do not."""
    assert index.address_label(chain, address) == label


@pytest.mark.parametrize(
    ("host", "listed"),
    [
        pytest.param("opensea-pro.io", True, id="listed"),
        pytest.param("claim.opensea-pro.io", True, id="subdomain-of-listed"),
        pytest.param("WWW.OpenSea-Pro.io", True, id="case-and-www"),
        pytest.param("https://opensea-pro.io:8443/claim?x=1", True, id="full-url"),
        pytest.param("opensea-pro.io.", True, id="trailing-dot"),
        pytest.param("dappsnftconnect.netlify.app", True, id="listed-site-on-shared-host"),
        pytest.param("netlify.app", False, id="shared-host-itself"),
        pytest.param("my-docs.netlify.app", False, id="other-site-on-shared-host"),
        pytest.param("opensea-pro.io.example.com", False, id="listed-name-as-a-label"),
        pytest.param("notopensea-pro.io", False, id="suffix-is-not-a-parent"),
        pytest.param("io", False, id="bare-tld"),
        pytest.param("", False, id="empty"),
        pytest.param("uniswap.org", False, id="uniswap"),
        pytest.param("app.uniswap.org", False, id="uniswap-app"),
        pytest.param("metamask.io", False, id="metamask"),
        pytest.param("opensea.io", False, id="opensea"),
        pytest.param("etherscan.io", False, id="etherscan"),
        pytest.param("phantom.app", False, id="phantom"),
        pytest.param("github.com", False, id="github"),
        pytest.param("docs.python.org", False, id="python-docs"),
        pytest.param("sushi.com", False, id="whitelisted-near-brand"),
    ],
)
def test_domain_label(index: ThreatIndex, host: str, listed: bool) -> None:
    """Listed domains and their subdomains match; legit and shared-host parents never do."""
    assert (index.domain_label(host) is not None) is listed


def test_allowlist_wins_over_the_lists(index: ThreatIndex) -> None:
    """``[allowlist] domains`` suppresses a listed domain and its subdomains."""
    assert index.domain_label("claim.opensea-pro.io", allow={"opensea-pro.io"}) is None
    assert index.domain_label("opensea-pro.io", allow={"claim.opensea-pro.io"}) is not None


def test_nothing_is_read_before_the_first_lookup(tmp_path: Path) -> None:
    """Construction touches no file: a missing list only fails at the first lookup."""
    lazy = ThreatIndex(data_dir=tmp_path / "absent", files=[tmp_path / "absent.txt"])
    assert not lazy.loaded
    with pytest.raises((OSError, ConfigError)):
        lazy.address_label(Chain.EVM, FORTA_PHISH)
    guard = Guard(Config(), classifier=False)
    assert not guard.threats.loaded


def write_gz(path: Path, text: str) -> Path:
    path.write_bytes(gzip.compress(text.encode()))
    return path


@pytest.mark.parametrize(
    ("name", "content", "value", "label"),
    [
        pytest.param("mine.txt", f"# my list\n{MIXED} drainer-x\n", MIXED.lower(), "drainer-x",
                     id="text-with-label"),
        pytest.param("mine.txt", "evil-claim.xyz\n", "evil-claim.xyz", "file:mine.txt",
                     id="text-domain"),
        pytest.param("feed.csv", "address,tag\n0x" + "ab" * 20 + ",x\n", "0x" + "ab" * 20,
                     "file:feed.csv", id="csv-first-column"),
        pytest.param("bl.yaml", "---\n  - url: phish.example\n  - mint: " + SPAM_MINT + "\n",
                     "phish.example", "file:bl.yaml", id="phantom-yaml"),
        pytest.param("config.json", json.dumps({"blacklist": ["drain.example"], "whitelist": []}),
                     "drain.example", "file:config.json", id="metamask-config"),
        pytest.param("list.json", json.dumps(["https://drain2.example/x"]), "drain2.example",
                     "file:list.json", id="json-list"),
    ],
)  # fmt: skip
def test_user_files(tmp_path: Path, name: str, content: str, value: str, label: str) -> None:
    """``[threats] files`` reads plain text, CSV, Phantom YAML, MetaMask JSON (and .gz)."""
    for path in (tmp_path / name, write_gz(tmp_path / f"{name}.gz", content)):
        if path.suffix != ".gz":
            path.write_text(content)
        index = ThreatIndex(builtin=False, files=[path])
        kind, normalised = classify(value) or ("", "")
        found = (
            index.domain_label(normalised)
            if kind == "domain"
            else index.address_label(Chain.EVM, normalised)
        )
        assert found == label.replace(".gz", "")


def test_inline_config_lists() -> None:
    """``[threats] evm / solana / domains`` from aiegis.toml are labelled ``config``."""
    config = parse_config(
        {"threats": {"builtin": False, "evm": [FORTA_PHISH], "solana": [SPAM_MINT],
                     "domains": ["drainer.example"]}}
    )  # fmt: skip
    index = ThreatIndex.from_settings(config.threats)
    assert index.address_label(Chain.EVM, FORTA_PHISH) == "config"
    assert index.address_label(Chain.SOLANA, SPAM_MINT) == "config"
    assert index.domain_label("x.drainer.example") == "config"
    assert index.domain_label("opensea-pro.io") is None  # builtin = false


@pytest.mark.parametrize(
    "index",
    [
        pytest.param(ThreatIndex(evm=("not-an-address",)), id="bad-inline-value"),
        pytest.param(
            ThreatIndex.from_settings(ThreatSettings(files=(Path("missing.txt"),))),
            id="missing-file",
        ),
    ],
)
def test_bad_user_lists_are_config_errors(index: ThreatIndex) -> None:
    """Built without the config's checks, a bad entry or a missing file fails at first lookup."""
    with pytest.raises(ConfigError):
        index.domain_label("example.com")


def test_reload_picks_up_new_lists(tmp_path: Path) -> None:
    """Replacing a list file and calling reload() refreshes without a release."""
    path = tmp_path / "feed.txt"
    path.write_text("old-drainer.example\n")
    index = ThreatIndex(builtin=False, files=[path])
    assert index.domain_label("old-drainer.example") is not None
    path.write_text("new-drainer.example\n")
    assert index.domain_label("new-drainer.example") is None  # not re-read implicitly
    index.reload()
    assert index.domain_label("new-drainer.example") is not None
    assert index.domain_label("old-drainer.example") is None


@given(st.text(max_size=300))
def test_normalize_host_never_raises(value: str) -> None:
    """Any string normalises to a host name or None."""
    host = normalize_host(value)
    assert host is None or (host.isascii() and host == host.lower() and "." in host)


# --- shipped data against the public sources (skips without ../shared/data) -----------------


def _domains(path: Path) -> set[str]:
    return {c[1] for v, _ in read_entries(path) if (c := classify(v)) and c[0] == "domain"}


def test_legit_domains_never_match(index: ThreatIndex, data_dir: Path) -> None:
    """No MetaMask-whitelisted or Phantom-whitelisted domain (nor subdomain) is flagged."""
    crypto = data_dir / "crypto"
    config = json.loads((crypto / "metamask-eth-phishing-detect/config.json").read_text())
    legit = {c[1] for v in config["whitelist"] if (c := classify(v))}
    legit |= _domains(crypto / "phantom-blocklist/whitelist.yaml")
    hits = [d for d in legit if index.domain_label(d) or index.domain_label("app." + d)]
    assert hits == []


def shipped(name: str) -> set[str]:
    lines = gzip.decompress((BUILTIN_DIR / name).read_bytes()).decode().splitlines()
    return {ln for ln in lines if ln and ln[0] not in "#@"}


def test_shipped_lists_come_only_from_permissive_sources(data_dir: Path) -> None:
    """Every shipped entry is in Forta / MetaMask / Phantom data (no GPL ScamSniffer data)."""
    crypto = data_dir / "crypto"
    config = json.loads((crypto / "metamask-eth-phishing-detect/config.json").read_text())
    domains = {c[1] for v in config["blacklist"] if (c := classify(v))}
    for name in ("blocklist.yaml", "eth-blocklist.yaml"):
        domains |= _domains(crypto / "phantom-blocklist" / name)
    addresses: set[str] = set()
    for path in sorted((crypto / "forta-labelled-datasets/labels").rglob("*.csv")):
        with path.open() as fh:
            for row in csv.reader(fh):
                addresses.update(v.lower() for v in row if v.startswith("0x") and len(v) == 42)
    mints = {v for v, _ in read_entries(crypto / "phantom-blocklist/nft-blocklist.yaml")}
    assert shipped("threats_evm.txt.gz") <= addresses
    assert shipped("threats_solana.txt.gz") <= mints
    assert domains >= shipped("threats_domains.txt.gz")
    assert len(shipped("threats_domains.txt.gz")) > 40_000


# --- through the Guard ------------------------------------------------------------------------


def evm_tx(to: str, data: str = "0x", value: int = 0) -> dict[str, object]:
    return {"from": OWN_EVM, "to": to, "value": value, "data": data, "chainId": 1, "nonce": 0,
            "gas": 90_000, "maxFeePerGas": 10**9, "maxPriorityFeePerGas": 10**9}  # fmt: skip


USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7"


def word(value: str | int) -> str:
    return (value[2:] if isinstance(value, str) else f"{value:x}").rjust(64, "0")


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(evm_tx(FORTA_PHISH, value=10**15), id="native-to-drainer"),
        pytest.param(
            evm_tx(USDT, "0xa9059cbb" + word(FORTA_PHISH) + word(1)), id="erc20-transfer-to-drainer"
        ),
        pytest.param(
            evm_tx(USDT, "0x095ea7b3" + word(FORTA_PHISH) + word(5)),
            id="bounded-approve-to-drainer",
        ),
        pytest.param(
            evm_tx("0x" + "44" * 20, "0xa22cb465" + word(FORTA_EXPLOIT) + word(1)),
            id="set-approval-for-all-to-exploiter",
        ),
    ],
)
def test_evm_counterparty_on_a_list_is_blocked(tx: dict[str, object]) -> None:
    """Recipient, spender or operator on a threat list: BLOCK tx.evm.threat_address."""
    guard = Guard(Config(), classifier=False)
    verdict = guard.check_transaction(tx, chain="evm", context={"own_evm": [OWN_EVM]})
    assert verdict.action is Action.BLOCK
    assert "tx.evm.threat_address" in verdict.rule_ids


def test_evm_clean_counterparty_is_not_a_threat() -> None:
    """Near miss: the same transfer to an unlisted address carries no threat finding."""
    guard = Guard(Config(), classifier=False)
    tx = evm_tx("0x" + "22" * 20, value=10**15)
    verdict = guard.check_transaction(tx, chain="evm", context={"own_evm": [OWN_EVM]})
    assert "tx.evm.threat_address" not in verdict.rule_ids


@pytest.mark.parametrize("listed", ["builtin", "config", "none"])
def test_solana_counterparty_on_a_list_is_blocked(listed: str) -> None:
    """A SOL transfer to a listed address (shipped or [threats] solana) is BLOCKed."""
    from solders.keypair import Keypair
    from solders.pubkey import Pubkey
    from solders.system_program import TransferParams, transfer
    from spl import legacy_tx

    payer = Keypair()
    drainer = str(Keypair().pubkey())
    target = {"builtin": SPAM_MINT, "config": drainer, "none": drainer}[listed]
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Pubkey.from_string(target),
                                 lamports=10**6))  # fmt: skip
    threats = {"solana": [drainer]} if listed == "config" else {}
    guard = Guard(parse_config({"threats": threats}), classifier=False)
    verdict = guard.check_transaction(
        legacy_tx(payer, [ix]), chain="solana", context={"own_solana": [str(payer.pubkey())]}
    )
    assert ("tx.sol.threat_address" in verdict.rule_ids) is (listed != "none")
    assert (verdict.action is Action.BLOCK) is (listed != "none")
