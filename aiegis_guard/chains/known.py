"""Well-known protocol contracts by address (``aiegis_guard/data/evm_protocols.json``).

Used for *words* only ("Seaport 1.6" instead of hex). Being known is not being trusted: only
``[allowlist]`` grants trust.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from aiegis_guard.findings import Chain

__all__ = ["contract_label", "known_contracts"]


@cache
def known_contracts() -> dict[str, tuple[str, frozenset[int] | None]]:
    """lower-case address -> (name, chain ids or None for every chain)."""
    raw = resources.files("aiegis_guard").joinpath("data/evm_protocols.json").read_text("utf-8")
    out: dict[str, tuple[str, frozenset[int] | None]] = {}
    for row in json.loads(raw)["contracts"]:
        chains = row["chains"]
        out[row["address"].lower()] = (row["name"], None if chains == "*" else frozenset(chains))
    return out


def contract_label(chain: Chain, address: str | None, chain_id: int | None = None) -> str | None:
    """The protocol name of ``address`` on ``chain_id`` (any chain when unknown), or None."""
    if chain is not Chain.EVM or not address:
        return None
    found = known_contracts().get(address.lower())
    if found is None:
        return None
    name, chains = found
    if chains is not None and chain_id is not None and chain_id not in chains:
        return None
    return name
