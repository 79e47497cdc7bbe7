#!/usr/bin/env python3
"""Build the shipped threat lists (``aiegis_guard/data/threats_*.txt.gz`` + ``THREATS.md``).

    .venv/bin/python scripts/build_threat_lists.py ../shared/data [--out aiegis_guard/data]

Only permissively licensed sources are read: Forta labelled-datasets (MIT), MetaMask
eth-phishing-detect (DBAD 1.1), Phantom blocklist (MIT). ScamSniffer (GPL-3.0) is never read
here — see ``scripts/eval_threat_lists.py`` for the evaluation against it.

Output format (what ``aiegis_guard.threats`` loads without parsing): gzip (mtime 0, so a rebuild
from the same data is byte-identical) of ``# comment`` lines, then per label an ``@label`` line
followed by its sorted values, one per line.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from aiegis_guard.threats import SHARED_HOSTS, classify, read_entries

FORTA = "crypto/forta-labelled-datasets"
METAMASK = "crypto/metamask-eth-phishing-detect"
PHANTOM = "crypto/phantom-blocklist"

# Legitimate contracts that must never be listed whatever an upstream list says.
NEVER_EVM = {
    "0x0000000000000000000000000000000000000000",
    "0x000000000000000000000000000000000000dead",
    "0xdac17f958d2ee523a2206206994597c13d831ec7",  # USDT
    "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",  # USDC
    "0x6b175474e89094c44da98b954eedeac495271d0f",  # DAI
    "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2",  # WETH
}

FORTA_SOURCE_LABEL = {
    "etherscan-phish-hack-list": "forta:phish-hack",
    "etherscan-exploit-list": "forta:exploit",
    "etherscan-heist-list": "forta:heist",
}


def _rows(path: Path) -> Iterable[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def forta_evm(data: Path) -> dict[str, str]:
    """Address -> label from the three Ethereum files and the Optimism one."""
    out: dict[str, str] = {}
    labels = data / FORTA / "labels"
    for row in _rows(labels / "1" / "etherscan_malicious_labels.csv"):
        out.setdefault(row["banned_address"], FORTA_SOURCE_LABEL.get(row["data_source"], "forta"))
    for row in _rows(labels / "1" / "phishing_scams.csv"):
        out.setdefault(row["address"], "forta:phish-hack")
    for chain_dir in ("1", "10"):
        for row in _rows(labels / chain_dir / "malicious_smart_contracts.csv"):
            out.setdefault(row["contract_address"], "forta:malicious-contract")
            creator_label = row.get("contract_creator_etherscan_label", "")
            if creator_label and row.get("contract_creator"):
                out.setdefault(row["contract_creator"], f"forta:{creator_label}")
    return out


def well_known(data: Path) -> set[str]:
    path = data / "crypto" / "signatures" / "well_known_addresses.csv"
    if not path.is_file():
        return set()
    return {r["address"].lower() if r["chain"] == "evm" else r["address"] for r in _rows(path)}


def allow_domains(data: Path) -> set[str]:
    """MetaMask whitelist + fuzzylist brands + Phantom whitelist (wildcards: their base)."""
    config = json.loads((data / METAMASK / "config.json").read_text(encoding="utf-8"))
    values = [*config["whitelist"], *config["fuzzylist"]]
    values += [v for v, _ in read_entries(data / PHANTOM / "whitelist.yaml")]
    out = set()
    for value in values:
        kind = classify(value.removeprefix("*."))
        if kind is not None and kind[0] == "domain":
            out.add(kind[1])
    return out


def block_domains(data: Path, allow: set[str]) -> tuple[dict[str, str], dict[str, int]]:
    out: dict[str, str] = {}
    dropped = {"not_a_domain": 0, "whitelisted": 0}
    config = json.loads((data / METAMASK / "config.json").read_text(encoding="utf-8"))
    sources = [
        ("metamask:phishing", config["blacklist"]),
        ("phantom:phishing", [v for v, _ in read_entries(data / PHANTOM / "blocklist.yaml")]),
        (
            "phantom:eth-phishing",
            [v for v, _ in read_entries(data / PHANTOM / "eth-blocklist.yaml")],
        ),
    ]
    for label, values in sources:
        for value in values:
            kind = classify(value)
            if kind is None or kind[0] != "domain":
                dropped["not_a_domain"] += 1
            elif kind[1] in allow or kind[1] in SHARED_HOSTS:
                dropped["whitelisted"] += 1
            else:
                out.setdefault(kind[1], label)
    return out, dropped


def phantom_mints(data: Path) -> dict[str, str]:
    out = {}
    for value, _ in read_entries(data / PHANTOM / "nft-blocklist.yaml"):
        kind = classify(value)
        if kind is not None and kind[0] == "solana":
            out[kind[1]] = "phantom:nft-spam-mint"
    return out


def write_list(path: Path, header: list[str], entries: dict[str, str] | set[str]) -> str:
    """``# header`` lines, then per label an ``@label`` line and its sorted values."""
    groups: dict[str, list[str]] = {}
    if isinstance(entries, dict):
        for value, label in entries.items():
            groups.setdefault(label, []).append(value)
    else:
        groups["allow"] = list(entries)
    text = "".join(f"# {h}\n" for h in header)
    text += "# format: '@label' then one value per line\n"
    for label in sorted(groups):
        text += f"@{label}\n" + "\n".join(sorted(groups[label])) + "\n"
    with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(text.encode("utf-8"))
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="the shared data directory (../shared/data)")
    ap.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "aiegis_guard" / "data"
    )
    args = ap.parse_args(argv)
    data: Path = args.data
    args.out.mkdir(parents=True, exist_ok=True)

    never = well_known(data) | NEVER_EVM
    evm = {a.lower(): lab for a, lab in forta_evm(data).items() if classify(a)}
    evm = {a: lab for a, lab in evm.items() if a not in never}
    sol = {a: lab for a, lab in phantom_mints(data).items() if a not in never}
    allow = allow_domains(data)
    domains, dropped = block_domains(data, allow)

    mit = "licence: MIT"
    files = {
        "threats_evm.txt.gz": (["Forta labelled-datasets (MIT), Etherscan tags", mit], evm),
        "threats_solana.txt.gz": (["Phantom blocklist nft-blocklist.yaml (MIT)", mit], sol),
        "threats_domains.txt.gz": (
            ["MetaMask eth-phishing-detect 1.2.0 blacklist (DBAD 1.1)", "Phantom blocklist (MIT)"],
            domains,
        ),
        "threats_allow_domains.txt.gz": (
            ["MetaMask whitelist+fuzzylist (DBAD 1.1)", "Phantom whitelist (MIT)"],
            allow,
        ),
    }
    digests = {}
    for name, (header, entries) in files.items():
        digests[name] = write_list(args.out / name, header, entries)
        size = (args.out / name).stat().st_size
        print(f"{name}: {len(entries)} entries, {size} bytes", file=sys.stderr)
    print(f"dropped domains: {dropped}", file=sys.stderr)
    counts = {name: len(entries) for name, (_, entries) in files.items()}
    sizes = {name: (args.out / name).stat().st_size for name in files}
    labels: dict[str, int] = {}
    for table in (evm, sol, domains):
        for lab in table.values():
            labels[lab] = labels.get(lab, 0) + 1
    write_licences(data, args.out / "THREATS_LICENSES.txt")
    (args.out / "THREATS.md").write_text(
        render_doc(counts, sizes, digests, labels, dropped), encoding="utf-8"
    )
    return 0


def write_licences(data: Path, path: Path) -> None:
    """The upstream licence texts travel with the data (MIT and DBAD ask for the notice)."""
    parts = [
        ("Forta labelled-datasets", (data / FORTA / "LICENSE.upstream").read_text("utf-8")),
        ("MetaMask eth-phishing-detect", (data / METAMASK / "LICENSE.upstream").read_text("utf-8")),
        ("Phantom blocklist", PHANTOM_NOTICE),
    ]
    text = "".join(f"==== {name} ====\n\n{body.strip()}\n\n" for name, body in parts)
    path.write_text(text, encoding="utf-8")


PHANTOM_NOTICE = """\
github.com/phantom/blocklist declares "license": "MIT" in its package.json and ships no
LICENSE file. MIT terms: permission is hereby granted, free of charge, to any person obtaining
a copy of this software and associated documentation files, to deal in it without restriction,
provided the copyright notice and this permission notice are included in all copies or
substantial portions. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND."""


def render_doc(
    counts: dict[str, int],
    sizes: dict[str, int],
    digests: dict[str, str],
    labels: dict[str, int],
    dropped: dict[str, int],
) -> str:
    rows = "\n".join(
        f"| `{n}` | {counts[n]:,} | {sizes[n]:,} | `{digests[n][:16]}…` |" for n in counts
    )
    label_rows = "\n".join(f"| `{k}` | {v:,} |" for k, v in sorted(labels.items()))
    return DOC.format(rows=rows, labels=label_rows, **dropped)


DOC = """\
# Shipped threat lists — provenance, licences, counts

Generated by `scripts/build_threat_lists.py <shared data dir>`; do not edit by hand.
Loaded lazily by `aiegis_guard.threats.ThreatIndex` (nothing is read before the first lookup).

| file | entries | bytes (gzip) | sha256 |
|---|---|---|---|
{rows}

Labels (what a finding's evidence says, e.g. `threat:forta:phish-hack`):

| label | entries |
|---|---|
{labels}

## Sources

- **Forta labelled-datasets** — github.com/forta-network/labelled-datasets @ 40a9c2f2
  (2023-01-26, stale since). Licence: MIT (Forta Foundation). Used: EVM addresses from
  `etherscan_malicious_labels.csv`, `phishing_scams.csv`, `malicious_smart_contracts.csv`
  (contracts and their labelled creators), Ethereum and Optimism.
- **MetaMask eth-phishing-detect** — npm `eth-phishing-detect@1.2.0` (2024-12-09),
  `src/config.json`. Licence: DBAD Public License 1.1. Used: phishing domains (`blacklist`);
  legitimate domains (`whitelist`, `fuzzylist`) that must never match.
- **Phantom blocklist** — github.com/phantom/blocklist @ f0e8ff9e (2025-05-07). Licence: MIT
  (declared in its package.json). Used: phishing domains (`blocklist.yaml`,
  `eth-blocklist.yaml`), spam NFT mints (`nft-blocklist.yaml`), `whitelist.yaml`.
- **ScamSniffer scam-database** — GPL-3.0: **not shipped**; evaluation only
  (`scripts/eval_threat_lists.py`).

**DBAD 1.1 and redistribution.** Clause 1 grants "do whatever you like with the original work";
the exceptions are plain copying under another name, *selling the unmodified original with no
work done*, and adding hidden harmful content. We redistribute a transformed subset
(normalised, deduplicated, filtered against whitelists, recompressed) inside a larger work,
attributed here and not sold as such — permitted. The upstream licence texts ship next to
the data in `THREATS_LICENSES.txt` (MIT asks for its notice in copies; DBAD is honoured by
attribution).

## Filtering
- Addresses: lower-cased; never the zero/burn address, USDT, USDC, DAI, WETH or the well-known
  contracts/programs in `signatures/well_known_addresses.csv` (Permit2, Multicall3, programs).
- Domains: lower-cased, `www.`/`*.`/scheme/path/port stripped, IDN to punycode; entries that are
  not host names dropped ({not_a_domain}), entries equal to a whitelisted domain or a shared-hosting
  suffix (`netlify.app`, `github.io`, ...) dropped ({whitelisted}). A listed subdomain of a
  shared host (`evil.netlify.app`) stays listed; the host itself never matches.
- Matching: the listed domain and its subdomains; the most specific listed/whitelisted
  ancestor wins; `[allowlist] domains` always wins (subdomains included).

## Refreshing
Point `[threats] files` at newer lists (MetaMask `config.json`, Phantom `*.yaml`, Forta `*.csv`,
or plain text `value [label]` lines, optionally `.gz`), then `ThreatIndex.reload()` or restart.
To rebuild these shipped files: `python scripts/build_threat_lists.py <data dir>`.
"""


if __name__ == "__main__":
    sys.exit(main())
