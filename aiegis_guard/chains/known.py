"""Well-known protocol contracts by address (``aiegis_guard/data/evm_protocols.json``), and
well-known Solana programs and mints (``aiegis_guard/data/solana_known.json``).

Mostly for *words* ("Seaport 1.6" instead of hex). Being known is not being trusted: only
``[allowlist]`` grants trust. Two row fields carry meaning for ``chains/paid_into.py``:
``protocol`` groups one protocol's deployments (an allowlist naming one names the others) and
``kind: conversion`` marks canonical contracts that pay the caller back (WETH9, Lido, ENS
controllers), both bound to the row's chains. ``kind: nft_collection`` (or ``erc721: true`` on
a row of another kind) marks an ERC-721: ``transferFrom`` / ``approve`` there move one NFT.
``kind: erc20_paymaster`` marks published ERC-4337 paymasters paid in ERC-20 tokens.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib import resources
from typing import Any, NamedTuple

from aiegis_guard.findings import Chain

__all__ = [
    "KnownMint",
    "a_token",
    "book_tokens",
    "bridged_token",
    "contract_label",
    "conversion_contract",
    "create2_contracts",
    "imitated_contract",
    "known_collections",
    "known_contracts",
    "known_erc20_paymasters",
    "known_gauges",
    "known_mints",
    "pegs",
    "pool_coins",
    "pool_lp_token",
    "protocol_names",
    "protocol_of",
    "solana_labels",
    "token_decimals",
    "vault_asset",
]


@cache
def _evm_rows() -> tuple[dict[str, Any], ...]:
    raw = resources.files("aiegis_guard").joinpath("data/evm_protocols.json").read_text("utf-8")
    return tuple(json.loads(raw)["contracts"])


@cache
def known_contracts() -> dict[str, tuple[str, frozenset[int] | None]]:
    """lower-case address -> (name, chain ids or None for every chain)."""
    out: dict[str, tuple[str, frozenset[int] | None]] = {}
    for row in _evm_rows():
        chains = row["chains"]
        out[row["address"].lower()] = (row["name"], None if chains == "*" else frozenset(chains))
    names = {a: name for a, (name, _) in out.items()}
    for row in _evm_rows():  # an Aave v3 Pool's aTokens, named by their reserve
        chains = row["chains"]
        for reserve, token in row.get("a_tokens", {}).items():
            reserve_name = names.get(reserve.lower(), reserve.lower())
            name = f"Aave v3 aToken ({reserve_name})"
            out.setdefault(token.lower(), (name, None if chains == "*" else frozenset(chains)))
    return out


@cache
def create2_contracts() -> frozenset[str]:
    """Lower-case addresses of the book's rows deployed by CREATE2 (``create2: true``, from
    the project's deployment script named in ``create2_source``): the same init code wherever
    the address holds code. ``chains: "*"`` alone is no such proof (a CREATE from a deployer's
    nonce, a diamond whose facets differ per chain)."""
    return frozenset(r["address"].lower() for r in _evm_rows() if r.get("create2") is True)


@cache
def known_collections() -> frozenset[str]:
    """Lower-case addresses of well-known NFT collections (``kind: nft_collection``, or a row of
    another kind that is also an ERC-721: ``erc721: true``, Lido's withdrawal NFT)."""
    rows = _evm_rows()
    return frozenset(
        r["address"].lower() for r in rows if r.get("kind") == "nft_collection" or r.get("erc721")
    )


@cache
def known_erc20_paymasters() -> dict[str, frozenset[int] | None]:
    """Lower-case addresses of published ERC-4337 paymasters that take their fee in the
    account's ERC-20 tokens (``kind: erc20_paymaster``: Pimlico, Biconomy, Coinbase, Circle)
    -> the chain ids their publisher lists (None: ``"*"``, every chain it deployed to)."""
    known = known_contracts()
    return {
        r["address"].lower(): known[r["address"].lower()][1]
        for r in _evm_rows()
        if r.get("kind") == "erc20_paymaster"
    }


@cache
def pegs() -> dict[str, tuple[str, int]]:
    """Lower-case address -> (peg, decimals) of the tokens worth one unit of the same thing
    (``peg``: ``ETH`` for WETH, ``USD`` for USDC / USDT / DAI; rows' ``peg`` / ``decimals``)."""
    return {
        r["address"].lower(): (str(r["peg"]), int(r["decimals"])) for r in _evm_rows() if "peg" in r
    }


@cache
def book_tokens() -> frozenset[str]:
    """Lower-case addresses of the book's tokens: ``kind`` token or conversion (WETH9, stETH,
    wstETH), rows with ``decimals``, Aave v3 aTokens."""
    rows = _evm_rows()
    out = {r["address"].lower() for r in rows if r.get("kind") in ("token", "conversion")}
    out |= {r["address"].lower() for r in rows if "decimals" in r}
    out |= {t.lower() for r in rows for t in r.get("a_tokens", {}).values()}
    return frozenset(out)


@cache
def token_decimals() -> dict[str, int]:
    """Lower-case address -> a row's ``decimals`` (its base units per whole token or share:
    the pegged tokens, the Polymarket outcome positions)."""
    out = {r["address"].lower(): int(r["decimals"]) for r in _evm_rows() if "decimals" in r}
    for row in _evm_rows():  # an aToken has its reserve's decimals (aave-v3-core
        for reserve, token in row.get("a_tokens", {}).items():  # ConfiguratorLogic
            if reserve.lower() in out:  # executeInitReserve: underlying decimals())
                out.setdefault(token.lower(), out[reserve.lower()])
    return out


@cache
def _conversions() -> dict[str, frozenset[int] | None]:
    """``kind: conversion`` rows: canonical contracts whose published code pays the caller
    back for what it is paid (WETH9, Lido stETH / wstETH) or sells the caller a name (ENS
    controllers): address -> chain ids."""
    known = known_contracts()
    rows = (r["address"].lower() for r in _evm_rows() if r.get("kind") == "conversion")
    return {a: known[a][1] for a in rows}


def conversion_contract(address: str, chain_id: int | None) -> bool:
    """``address`` is such a canonical contract on ``chain_id`` (an unknown chain id does not
    qualify: the same address elsewhere may be anything)."""
    conversions = _conversions()
    key = address.lower()
    if chain_id is None or key not in conversions:
        return False
    chains = conversions[key]
    return chains is None or chain_id in chains


@cache
def _protocols() -> dict[str, str]:
    """lower-case address -> protocol (a row's ``protocol``, else its name): the deployments
    of one protocol share it (Aave v3 pools and gateways, Paraswap v5 and its proxy)."""
    return {r["address"].lower(): r.get("protocol", r["name"]) for r in _evm_rows()}


@lru_cache(maxsize=256)
def protocol_names(addresses: frozenset[str]) -> frozenset[str]:
    """The protocols of the well-known contracts among ``addresses`` (lower-case): what an
    allowlist names by naming one deployment of it ("Aave v3")."""
    protocols = _protocols()
    return frozenset(protocols[a] for a in addresses if a in protocols)


def protocol_of(address: str, chain_id: int | None) -> str | None:
    """The protocol of a well-known contract deployed at ``address`` on ``chain_id``."""
    if contract_label(Chain.EVM, address, chain_id) is None:
        return None
    return _protocols().get(address.lower())


@lru_cache(maxsize=16)
def _known_ends(n: int) -> dict[tuple[str, str], str]:
    """(first ``n``, last ``n`` hex digits) -> the well-known EVM contract that has them."""
    return {(a[2 : 2 + n], a[-n:]): a for a in known_contracts()}


def imitated_contract(address: str, n: int) -> str | None:
    """The well-known EVM contract ``address`` imitates (same first and last ``n`` hex
    digits, another address: the fake WETH a drainer's offer pays in), if any."""
    a = address.lower()
    if len(a) != 42 or a in known_contracts():
        return None
    return _known_ends(n).get((a[2 : 2 + n], a[-n:]))


class KnownMint(NamedTuple):
    address: str
    symbol: str
    decimals: int
    program: str


@cache
def _solana() -> dict[str, Any]:
    raw = resources.files("aiegis_guard").joinpath("data/solana_known.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


@cache
def known_mints() -> dict[str, KnownMint]:
    """Well-known SPL mints by address (symbol, decimals, token program)."""
    rows = _solana()["mints"]
    return {
        r["address"]: KnownMint(r["address"], r["symbol"], r["decimals"], r["program"])
        for r in rows
    }


@cache
def solana_labels() -> dict[str, str]:
    """Program and mint names by address."""
    out = {r["address"]: r["name"] for r in _solana()["programs"]}
    out.update({m.address: m.symbol for m in known_mints().values()})
    return out


def contract_label(chain: Chain, address: str | None, chain_id: int | None = None) -> str | None:
    """The protocol name of ``address`` on ``chain_id`` (any chain when unknown), or None."""
    if chain is Chain.SOLANA and address:
        return solana_labels().get(address)
    if chain is not Chain.EVM or not address:
        return None
    found = known_contracts().get(address.lower())
    if found is None:
        return None
    name, chains = found
    if chains is not None and chain_id is not None and chain_id not in chains:
        return None
    return name


@cache
def pool_coins(address: str) -> tuple[str, ...] | None:
    """A known exchange pool's coins in index order (a row's ``coins``: Curve ``coins(i)``),
    lower-case; ``0xEeee…EEeE`` is ETH. None for a pool not in the table."""
    for row in _evm_rows():
        if row["address"].lower() == address and "coins" in row:
            return tuple(c.lower() for c in row["coins"])
    return None


@cache
def pool_lp_token(address: str) -> str | None:
    """A known pool's LP token when it is a separate contract (a row's ``lp_token``: Curve's
    ``lp_token_address``), lower-case; None otherwise."""
    for row in _evm_rows():
        if row["address"].lower() == address and "lp_token" in row:
            return str(row["lp_token"]).lower()
    return None


@cache
def known_gauges() -> frozenset[str]:
    """Lower-case addresses of known liquidity gauges (``kind: gauge``): a deposit of the
    ``asset`` (its LP token) credits the same amount of gauge balance (Curve
    ``LiquidityGauge*.vy`` ``deposit``: ``balanceOf[_addr] += _value``)."""
    return frozenset(r["address"].lower() for r in _evm_rows() if r.get("kind") == "gauge")


@cache
def bridged_token(bridge: str, root: str) -> str | None:
    """The token ``bridge`` mints on its other chain for ``root`` (a row's ``bridge`` and
    ``root``: the Polygon PoS bridge's USDC.e for USDC), lower-case; None when not known."""
    for row in _evm_rows():
        if row.get("bridge") == bridge and str(row.get("root", "")).lower() == root:
            return str(row["address"]).lower()
    return None


@cache
@cache
def _a_tokens() -> dict[str, dict[str, str]]:
    return {
        row["address"].lower(): {k.lower(): v.lower() for k, v in row["a_tokens"].items()}
        for row in _evm_rows()
        if "a_tokens" in row
    }


def a_token(pool: str, reserve: str) -> str | None:
    """The aToken an Aave v3 Pool mints for ``reserve`` (a row's ``a_tokens``), lower-case;
    None when the table does not list it."""
    return _a_tokens().get(pool.lower(), {}).get(reserve.lower())


def vault_asset(address: str) -> str | None:
    """A known contract's underlying token (a row's ``asset``: an ERC-4626 vault's ``asset()``,
    a bridge pool's / OFT adapter's ``token()``), lower-case; None for a contract not in the
    table."""
    for row in _evm_rows():
        if row["address"].lower() == address and "asset" in row:
            return str(row["asset"]).lower()
    return None
