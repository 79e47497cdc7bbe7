"""Known drainer / exploit addresses and phishing domains, offline, looked up in O(1).

Sources (see ``aiegis_guard/data/THREATS.md`` for provenance, licences and counts):

* shipped lists in ``aiegis_guard/data/threats_*.txt.gz`` (built by
  ``scripts/build_threat_lists.py`` from permissively licensed upstream data);
* ``[threats] evm / solana / domains`` inline in ``aiegis.toml`` (label ``config``);
* ``[threats] files``: your own or newer lists. Each file may be plain text (one address or
  domain per line, optional label after whitespace, ``#`` comments), CSV (first column),
  Phantom-style YAML (``- url: x`` / ``- mint: x`` / ``- address: x``), MetaMask's
  ``config.json`` (its ``blacklist``) or a JSON list; ``.gz`` is read transparently.

**Refreshing without a release**: download newer lists, point ``[threats] files`` at them (or
overwrite the files already listed) and call :meth:`ThreatIndex.reload` (or restart). Nothing
is read before the first lookup.

Domains match the listed domain and its subdomains. The most specific listed/whitelisted
ancestor wins, so MetaMask's whitelist (shipped) keeps legitimate dApp domains clean while a
listed ``evil.netlify.app`` still matches. Shared hosting suffixes (``netlify.app``,
``github.io``...) and public suffixes are never listed as a whole. Domains the caller passes in
``allow`` (``[allowlist] domains``) never match, subdomains included.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aiegis_guard.errors import ConfigError, quote
from aiegis_guard.findings import Chain
from aiegis_guard.indicators import SHARED_HOSTS, classify, normalize_host

if TYPE_CHECKING:
    from aiegis_guard.config import ThreatSettings

__all__ = [
    "BUILTIN_DIR",
    "SHARED_HOSTS",
    "ThreatIndex",
    "classify",
    "is_allowed_domain",
    "normalize_host",
    "read_entries",
]

BUILTIN_DIR = Path(__file__).resolve().parent / "data"
BUILTIN_BLOCK = ("threats_evm.txt.gz", "threats_solana.txt.gz", "threats_domains.txt.gz")
BUILTIN_ALLOW = "threats_allow_domains.txt.gz"

_YAML_RE = re.compile(r"^\s*-\s*(?:url|mint|address|domain)\s*:\s*[\"']?([^\"'#\s]+)")


def _text(path: Path) -> str:
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8", errors="replace")


def read_entries(path: Path) -> Iterator[tuple[str, str | None]]:
    """``(value, label or None)`` for every entry of a list file, whatever its format."""
    name = path.name.removesuffix(".gz")
    text = _text(path)
    if name.endswith(".json"):
        data = json.loads(text)
        values = data.get("blacklist", []) if isinstance(data, dict) else data
        yield from ((str(v), None) for v in values if isinstance(v, str))
        return
    yaml = name.endswith((".yaml", ".yml"))
    for line in io.StringIO(text):
        if yaml:
            m = _YAML_RE.match(line)
            if m:
                yield m.group(1), None
            continue
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if name.endswith(".csv"):
            yield line.split(",", 1)[0].strip('"'), None
            continue
        value, _, label = line.partition(" ") if " " in line else line.partition("\t")
        yield value, label.strip() or None


@dataclass
class _Tables:
    evm: dict[str, str] = field(default_factory=dict)
    solana: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    allow: set[str] = field(default_factory=set)

    def add(self, value: str, label: str) -> bool:
        """Add a user entry (it overrides a shipped label); False if it is not classifiable."""
        kind = classify(value)
        if kind is None:
            return False
        {"evm": self.evm, "solana": self.solana, "domain": self.domains}[kind[0]][kind[1]] = label
        return True


class ThreatIndex:
    """Threat lists in memory. Thread-safe; loaded on the first lookup; :meth:`reload`-able."""

    def __init__(
        self,
        *,
        builtin: bool = True,
        evm: Iterable[str] = (),
        solana: Iterable[str] = (),
        domains: Iterable[str] = (),
        files: Iterable[Path] = (),
        data_dir: Path = BUILTIN_DIR,
    ) -> None:
        self.builtin = builtin
        self.inline = (*evm, *solana, *domains)
        self.files = tuple(Path(f) for f in files)
        self.data_dir = data_dir
        self._tables: _Tables | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: ThreatSettings) -> ThreatIndex:
        """The index ``[threats]`` describes (nothing is read yet)."""
        return cls(
            builtin=settings.builtin,
            evm=settings.evm,
            solana=settings.solana,
            domains=settings.domains,
            files=settings.files,
        )

    # --- loading -----------------------------------------------------------------------------

    def _load(self) -> _Tables:
        tables = _Tables()
        if self.builtin:
            _load_builtin(tables, self.data_dir)
        for value in self.inline:
            if not tables.add(value, "config"):
                raise ConfigError(f"threats: {quote(value)} is not an address or a domain")
        for i, path in enumerate(self.files):
            label = f"file:{path.name.removesuffix('.gz')}"
            try:
                for value, own_label in read_entries(path):
                    tables.add(value, own_label or label)
            except (OSError, ValueError) as exc:
                raise ConfigError(f"threats.files[{i}]: cannot read {path}: {exc}") from None
        return tables

    @property
    def tables(self) -> _Tables:
        tables = self._tables
        if tables is None:
            with self._lock:
                if self._tables is None:
                    self._tables = self._load()
                tables = self._tables
        return tables

    @property
    def loaded(self) -> bool:
        return self._tables is not None

    def reload(self) -> None:
        """Re-read every list now (e.g. after replacing the files); swaps atomically."""
        tables = self._load()
        with self._lock:
            self._tables = tables

    def counts(self) -> dict[str, int]:
        t = self.tables
        return {
            "evm": len(t.evm),
            "solana": len(t.solana),
            "domains": len(t.domains),
            "allow_domains": len(t.allow),
        }

    # --- lookups -----------------------------------------------------------------------------

    def address_label(self, chain: Chain, address: str) -> str | None:
        """The list label of a known-bad address (``forta:phish-hack``...), else None."""
        if chain is Chain.EVM:
            return self.tables.evm.get(address.lower())
        return self.tables.solana.get(address)

    def domain_label(self, host: str, *, allow: Collection[str] = ()) -> str | None:
        """The list label if ``host`` or a parent domain is listed (most specific wins)."""
        name = host.lower().strip(".")
        if not name.isascii() or "/" in name or ":" in name or "@" in name:
            normalised = normalize_host(host)
            if normalised is None:
                return None
            name = normalised
        t = self.tables
        domains, whitelist = t.domains, t.allow
        while True:
            if name in SHARED_HOSTS or (allow and name in allow):
                return None
            label = domains.get(name)
            if label is not None:
                return None if allow and _allowed_above(name, allow) else label
            if name in whitelist:
                return None
            dot = name.find(".")
            if dot < 0 or name.find(".", dot + 1) < 0:
                return None  # never look up a bare TLD
            name = name[dot + 1 :]


def _load_builtin(tables: _Tables, data_dir: Path) -> None:
    """The shipped lists, normalised at build time: ``@label`` lines, each followed by its
    values one per line (so loading is ``dict.fromkeys`` at C speed, no parsing)."""
    for name, table in zip(BUILTIN_BLOCK, (tables.evm, tables.solana, tables.domains), strict=True):
        for section in _text(data_dir / name).split("\n@")[1:]:
            label, _, body = section.partition("\n")
            table.update(dict.fromkeys(body.split(), sys.intern(label.strip())))
    for section in _text(data_dir / BUILTIN_ALLOW).split("\n@")[1:]:
        tables.allow.update(section.partition("\n")[2].split())


def is_allowed_domain(name: str, allow: Collection[str]) -> bool:
    """Is ``name`` or a parent domain in ``allow`` (``[allowlist] domains``)?"""
    return bool(allow) and (name in allow or _allowed_above(name, allow))


def _allowed_above(name: str, allow: Collection[str]) -> bool:
    """Is a parent of ``name`` in the caller's allowlist (which covers subdomains)?"""
    while True:
        dot = name.find(".")
        if dot < 0:
            return False
        name = name[dot + 1 :]
        if name in allow:
            return True
