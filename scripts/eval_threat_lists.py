#!/usr/bin/env python3
"""How much of ScamSniffer's data the shipped (permissive) threat lists catch — evaluation only.

    .venv/bin/python scripts/eval_threat_lists.py ../shared/data

ScamSniffer is GPL-3.0: it is read here from the shared data directory to *measure* the
shipped lists and is never copied into the package or the repository. Also checks that no
whitelisted (MetaMask / Phantom) domain and none of the legit token contracts that
ScamSniffer's ``combined.json`` mentions is flagged.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from aiegis_guard.findings import Chain
from aiegis_guard.threats import ThreatIndex, classify, read_entries

LEGIT_TOKENS = {
    "0x6b175474e89094c44da98b954eedeac495271d0f": "DAI",
    "0xdac17f958d2ee523a2206206994597c13d831ec7": "USDT",
    "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48": "USDC",
    "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2": "WETH",
}


def scamsniffer_domains(root: Path) -> list[str]:
    with gzip.open(root / "archive_domains_first_seen.tsv.gz", "rt", encoding="utf-8") as fh:
        return [line.split("\t", 1)[0] for line in fh if line.strip()]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path)
    args = ap.parse_args(argv)
    crypto = args.data / "crypto"
    scam = crypto / "scamsniffer"
    index = ThreatIndex()

    addresses = json.loads((scam / "address.json").read_text(encoding="utf-8"))
    hit = sum(index.address_label(Chain.EVM, a) is not None for a in addresses)
    print(f"ScamSniffer addresses caught: {hit}/{len(addresses)} ({hit / len(addresses):.1%})")

    domains = scamsniffer_domains(scam)
    hosts = [c[1] for d in domains if (c := classify(d)) and c[0] == "domain"]
    caught = sum(index.domain_label(h) is not None for h in hosts)
    print(f"ScamSniffer domains caught: {caught}/{len(hosts)} ({caught / len(hosts):.1%})")

    config = json.loads((crypto / "metamask-eth-phishing-detect/config.json").read_text())
    legit = [c[1] for v in config["whitelist"] if (c := classify(v))]
    legit += [c[1] for v, _ in read_entries(crypto / "phantom-blocklist/whitelist.yaml")
              if (c := classify(v.removeprefix("*.")))]  # fmt: skip
    false_hits = [d for d in legit if index.domain_label(d) or index.domain_label("app." + d)]
    print(f"whitelisted domains flagged: {len(false_hits)}/{len(legit)} {false_hits[:5]}")
    tokens = [n for a, n in LEGIT_TOKENS.items() if index.address_label(Chain.EVM, a)]
    print(f"legit token contracts flagged: {tokens or 'none'}")
    return 1 if false_hits or tokens else 0


if __name__ == "__main__":
    sys.exit(main())
