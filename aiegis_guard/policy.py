"""Policy: who the agent is, whom it may pay, how much — and the pure ``decide``.

Everything here is a value. Strings from ``aiegis.toml`` become enums, sets and integers in
:mod:`aiegis_guard.config`; after that nothing compares raw config strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from datetime import timedelta
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any

import base58

from aiegis_guard.errors import quote
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.passkeys import passkey_set
from aiegis_guard.record import Check, Record
from aiegis_guard.verdict import Verdict

__all__ = [
    "VALIDATOR_PREFIX",
    "Allowlist",
    "Limit",
    "Mode",
    "PiiType",
    "Policy",
    "RuleModes",
    "TaintMode",
    "Wallet",
    "decide",
    "is_bech32_address",
    "is_evm_address",
    "is_solana_address",
    "is_validator_key",
]

_EVM_RE = re.compile(r"0x[0-9a-fA-F]{40}")
_B58_RE = re.compile(r"[1-9A-HJ-NP-Za-km-z]{32,44}")
LOOKALIKE_CHARS = 4
"""Address poisoning: same first and last this-many characters, different in between."""


class Mode(StrEnum):
    """What the policy does with a finding of a rule (``[rules]`` / ``[pii]`` in the config)."""

    ALLOW = "allow"
    FLAG = "flag"
    REDACT = "redact"
    BLOCK = "block"


class PiiType(StrEnum):
    SSN = "ssn"
    CARD = "card"
    EMAIL = "email"
    PHONE = "phone"
    IBAN = "iban"
    IP = "ip"


class Audience(StrEnum):
    """Who writes the agent's prompts (``[guard] audience``)."""

    OWNER = "owner"  # the operator: prompts are instructions (today's behaviour)
    PUBLIC = "public"  # anyone (a Telegram / Discord / Freysa-style bot): prompts are untrusted


class TaintMode(StrEnum):
    """What a tainted run does with a value-moving action."""

    APPROVE = "approve"  # escalate to FLAG -> the approval path
    BLOCK = "block"
    OFF = "off"


def is_evm_address(value: str) -> bool:
    return _EVM_RE.fullmatch(value) is not None


def _home(address: str, chain: Chain) -> Chain:
    """The chain whose address book names ``address``: an EVM address met on Solana (the
    recipient a bridge pays on the other chain) is judged by the EVM one (base58 has no
    ``0``: no Solana key reads ``0x``), and a Solana key met on EVM (a deBridge order's
    32-byte receiver) by the Solana one."""
    if chain is Chain.SOLANA and address[:2] == "0x" and is_evm_address(address):
        return Chain.EVM
    if chain is Chain.EVM and address[:2] != "0x" and is_solana_address(address):
        return Chain.SOLANA
    return chain


def is_solana_address(value: str) -> bool:
    if _B58_RE.fullmatch(value) is None:
        return False
    try:
        return len(base58.b58decode(value)) == 32
    except ValueError:
        return False


def _listed(values: Iterable[str], what: str) -> Iterable[str]:
    """``values`` when it is a list (TOML array, JSON list, a set), else a ValueError: one
    string, a number or a table in its place is a mistake to name, not a crash."""
    if not isinstance(values, list | tuple | set | frozenset):
        kind = "one string" if isinstance(values, str) else type(values).__name__
        raise ValueError(f"expected a list of {what}, not {kind}")
    return values


def _evm_set(values: Iterable[str]) -> frozenset[str]:
    values = _listed(values, "EVM addresses")
    out = set()
    for i, value in enumerate(values):
        if not isinstance(value, str) or not is_evm_address(value.strip()):
            raise ValueError(f"[{i}] {quote(value)} is not an EVM address (0x + 40 hex)")
        out.add(value.strip().lower())
    return frozenset(out)


def _solana_set(values: Iterable[str]) -> frozenset[str]:
    values = _listed(values, "Solana addresses")
    out = set()
    for i, value in enumerate(values):
        if not isinstance(value, str) or not is_solana_address(value.strip()):
            raise ValueError(f"[{i}] {quote(value)} is not a Solana address (base58, 32 bytes)")
        out.add(value.strip())
    return frozenset(out)


VALIDATOR_PREFIX = "stake:"
"""How a decoder names a beacon-chain validator as a recipient: ``stake:0x<BLS key>``."""
_VALIDATOR_RE = re.compile(r"0x[0-9a-fA-F]{96}")
"""A beacon-chain validator's BLS12-381 public key (48 bytes, compressed G1 point)."""


def is_validator_key(value: str) -> bool:
    return _VALIDATOR_RE.fullmatch(value) is not None


def _validator_set(values: Iterable[str]) -> frozenset[str]:
    values = _listed(values, "validator keys")
    out = set()
    for i, value in enumerate(values):
        if not isinstance(value, str) or not is_validator_key(value.strip()):
            raise ValueError(f"[{i}] {quote(value)} is not a validator key (0x + 48-byte hex)")
        out.add(value.strip().lower())
    return frozenset(out)


_BECH32_RE = re.compile(r"[a-z][a-z0-9-]{0,82}1[02-9ac-hj-np-z]{6,88}")
"""A bech32 string's shape (BIP-173: human-readable part, ``1``, data characters; at most 90
characters, one case); the decoders name only those whose checksum holds."""


def is_bech32_address(value: str) -> bool:
    """``value`` has a bech32 string's shape (one case, ``hrp1data``, at most 90 characters)."""
    one_case = value in (value.lower(), value.upper())
    return len(value) <= 90 and one_case and _BECH32_RE.fullmatch(value.lower()) is not None


def _bech32_set(values: Iterable[str]) -> frozenset[str]:
    values = _listed(values, "bech32 addresses")
    out = set()
    for i, value in enumerate(values):
        text = value.strip() if isinstance(value, str) else ""
        if not is_bech32_address(text):
            raise ValueError(f"[{i}] {quote(value)} is not a bech32 address (hrp1data)")
        out.add(text.lower())
    return frozenset(out)


def _passkey_set(values: Iterable[str]) -> frozenset[str]:
    return passkey_set(_listed(values, "passkeys"))


def _domain_set(values: Iterable[str]) -> frozenset[str]:
    values = _listed(values, "domains")
    return frozenset(str(v).strip().lower().lstrip(".") for v in values)


EvmAddresses = Annotated[frozenset[str], Check(before=_evm_set)]
SolanaAddresses = Annotated[frozenset[str], Check(before=_solana_set)]
_NORMAL_FORM = {"evm": _evm_set, "solana": _solana_set, "domains": _domain_set}
_NORMAL_FORM["bech32"] = _bech32_set
"""The normaliser of an address-book field, by the field name's first word (``_BY_NAME``
first)."""
_BY_NAME = {"evm_validators": _validator_set, "passkeys": _passkey_set}


@dataclass(frozen=True, kw_only=True)
class _AddressBook(Record):
    """Sets of addresses, checked and stored in their one form (EVM lower-case) however they
    are built: from the config, a per-call context or a constructor call."""

    def __post_init__(self) -> None:
        for f in fields(self):
            normal = _BY_NAME.get(f.name) or _NORMAL_FORM[f.name.partition("_")[0]]
            object.__setattr__(self, f.name, normal(getattr(self, f.name)))


@dataclass(frozen=True, kw_only=True)
class Wallet(_AddressBook):
    """The agent's own addresses (``[wallet]``). EVM addresses are stored lower-case.
    ``passkeys``: the owner's P-256 public keys, a smart account's passkey owners
    (:mod:`aiegis_guard.passkeys`), stored as ``p256:0x<x><y>``. ``bech32``: the agent's own
    accounts on chains that spell them in bech32 (Cosmos ``osmo1…``), stored lower-case: a
    bridge paying one pays own (review25t F5)."""

    evm: EvmAddresses = frozenset()
    solana: SolanaAddresses = frozenset()
    bech32: Annotated[frozenset[str], Check(before=_bech32_set)] = frozenset()
    passkeys: Annotated[frozenset[str], Check(before=_passkey_set)] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Allowlist(_AddressBook):
    """Counterparties the agent may deal with (``[allowlist]``).

    ``evm`` / ``solana`` are recipients. Spenders, operators and delegates are separate because
    letting someone *pull* funds is a different grant from paying them. ``evm_validators``
    are beacon-chain validators (own or trusted), named by their BLS public key: a
    consolidation into one or a deposit to one pays a validator, not an address. ``bech32``
    are recipients on chains that spell accounts in bech32 (Cosmos ``osmo1…``), as a bridge
    request names them (Axelar's ``destinationAddress``), stored lower-case.
    """

    evm: EvmAddresses = frozenset()
    solana: SolanaAddresses = frozenset()
    evm_spenders: EvmAddresses = frozenset()
    evm_operators: EvmAddresses = frozenset()
    evm_delegates: EvmAddresses = frozenset()
    evm_validators: Annotated[frozenset[str], Check(before=_validator_set)] = frozenset()
    solana_programs: SolanaAddresses = frozenset()
    solana_delegates: SolanaAddresses = frozenset()
    domains: Annotated[frozenset[str], Check(before=_domain_set)] = frozenset()
    bech32: Annotated[frozenset[str], Check(before=_bech32_set)] = frozenset()


_PERIOD_RE = re.compile(r"(\d+)\s*([smhdw])")
_PERIOD_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


def _parse_period(value: Any) -> Any:
    if isinstance(value, str):
        m = _PERIOD_RE.fullmatch(value.strip().lower())
        if not m:
            raise ValueError(f"{quote(value)} is not a period like '24h', '7d', '30m'")
        return timedelta(seconds=int(m.group(1)) * _PERIOD_UNITS[m.group(2)])
    return value


def _check_asset(value: str) -> str:
    value = value.strip()
    if value == "native":
        return value
    if is_evm_address(value):
        return value.lower()
    if is_solana_address(value):
        return value
    raise ValueError(f"{quote(value)} is neither 'native' nor a token/mint address")


@dataclass(frozen=True, kw_only=True)
class Limit(Record):
    """A spend limit for one asset on one chain (``[[limits]]``).

    ``asset`` is ``"native"`` or the token contract (EVM) / mint (Solana). Amounts are in whole
    units (``"1.5"`` ETH) and converted with ``decimals``. ``chain_id`` (EVM) scopes the limit
    and its budget to one chain (``evm:137:native``); without it the limit covers every chain
    of the family with one budget (:meth:`Policy.limit_for` says which applies).
    """

    chain: Chain
    asset: Annotated[str, Check(after=_check_asset)] = "native"
    symbol: str = ""
    decimals: Annotated[int, Check(ge=0, le=36)]
    per_tx: Annotated[Decimal | None, Check(ge=0)] = None
    per_period: Annotated[Decimal | None, Check(ge=0)] = None
    period: Annotated[timedelta, Check(before=_parse_period)] = timedelta(hours=24)
    chain_id: Annotated[int | None, Check(ge=0)] = None

    def __post_init__(self) -> None:
        """One stored form however the limit was built: enum chain, lower-case EVM asset,
        Decimal amounts, timedelta period (``Limit(chain="evm", per_tx="5")`` works too)."""
        set_ = object.__setattr__
        set_(self, "chain", Chain(self.chain))
        set_(self, "asset", _check_asset(self.asset))
        for name in ("per_tx", "per_period"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Decimal):
                set_(self, name, Decimal(str(value)))
        set_(self, "period", _parse_period(self.period))
        if self.chain_id is not None and self.chain is not Chain.EVM:
            raise ValueError("chain_id scopes an EVM limit; a Solana limit has none")

    @property
    def key(self) -> str:
        """Ledger key: ``evm:native`` / ``evm:137:native`` / ``solana:<mint>``."""
        if self.chain_id is not None:
            return f"{self.chain.value}:{self.chain_id}:{self.asset}"
        return f"{self.chain.value}:{self.asset}"

    def to_units(self, amount: Decimal) -> int:
        return int(amount * (Decimal(10) ** self.decimals))

    @property
    def per_tx_units(self) -> int | None:
        return None if self.per_tx is None else self.to_units(self.per_tx)

    @property
    def per_period_units(self) -> int | None:
        return None if self.per_period is None else self.to_units(self.per_period)


def _strictness(limit: Limit) -> tuple[int, int]:
    cap = 1 << 512
    per_tx, per_period = limit.per_tx_units, limit.per_period_units
    return (cap if per_tx is None else per_tx, cap if per_period is None else per_period)


def _check_rule_keys(value: Mapping[str, Mode]) -> Mapping[str, Mode]:
    for key in value:
        if not re.fullmatch(r"[a-z0-9_]+(\.[a-z0-9_]+)*(\.\*)?|\*", key):
            raise ValueError(f"{quote(key)} is not a rule id or prefix like 'pii.*'")
    return value


RuleModes = Annotated[Mapping[str, Mode], Check(after=_check_rule_keys)]


@dataclass(frozen=True, kw_only=True)
class Policy(Record):
    """The judgement inputs of the guard. Build it from ``aiegis.toml`` via ``config``, from
    raw data with ``Policy.model_validate``, or from typed values with the constructor."""

    wallet: Wallet = field(default_factory=Wallet)
    allowlist: Allowlist = field(default_factory=Allowlist)
    limits: tuple[Limit, ...] = ()
    rules: RuleModes = field(default_factory=dict)
    pii: Mapping[PiiType, Mode] = field(default_factory=dict)
    on_error: Action = Action.BLOCK
    taint: TaintMode = TaintMode.APPROVE
    lookalike_chars: Annotated[int, Check(ge=3, le=10)] = LOOKALIKE_CHARS
    audience: Audience = Audience.OWNER

    def __post_init__(self) -> None:
        """Enums, not their strings, however the policy was built (``Policy(rules={"pii.*":
        "redact"})`` works like ``Mode.REDACT``)."""
        set_ = object.__setattr__
        set_(self, "rules", {key: Mode(mode) for key, mode in self.rules.items()})
        set_(self, "pii", {PiiType(kind): Mode(mode) for kind, mode in self.pii.items()})
        set_(self, "on_error", Action(self.on_error))
        set_(self, "taint", TaintMode(self.taint))
        set_(self, "audience", Audience(self.audience))

    # --- derived lookups (computed once per policy) ----------------------------------------

    @cached_property
    def _modes(self) -> dict[str, Mode]:
        modes = {f"pii.{t.value}": m for t, m in self.pii.items()}
        modes.update(self.rules)
        return modes

    def mode_for(self, rule_id: str) -> Mode | None:
        """The configured mode for a rule: exact id first, then the longest ``prefix.*``."""
        modes = self._modes
        if not modes:
            return None
        if rule_id in modes:
            return modes[rule_id]
        parts = rule_id.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mode = modes.get(".".join(parts[:i]) + ".*")
            if mode is not None:
                return mode
        return modes.get("*")

    @cached_property
    def known_evm(self) -> frozenset[str]:
        """Own and allowlisted EVM addresses (lower-case), all roles."""
        a = self.allowlist
        return self.wallet.evm | a.evm | a.evm_spenders | a.evm_operators | a.evm_delegates

    @cached_property
    def known_solana(self) -> frozenset[str]:
        a = self.allowlist
        return self.wallet.solana | a.solana | a.solana_delegates | a.solana_programs

    @cached_property
    def _lookalike_index(self) -> dict[tuple[Chain, str, str], tuple[str, ...]]:
        n = self.lookalike_chars
        index: dict[tuple[Chain, str, str], list[str]] = {}
        for addr in self.known_evm:
            body = addr[2:]
            index.setdefault((Chain.EVM, body[:n], body[-n:]), []).append(addr)
        for addr in self.known_solana:
            index.setdefault((Chain.SOLANA, addr[:n], addr[-n:]), []).append(addr)
        return {k: tuple(v) for k, v in index.items()}

    def is_own(self, address: str, chain: Chain) -> bool:
        chain = _home(address, chain)
        if chain is Chain.EVM:
            return address.lower() in self.wallet.evm or address.lower() in self.wallet.bech32
        return address in self.wallet.solana

    def is_known(self, address: str, chain: Chain) -> bool:
        """Own or allowlisted in any role."""
        chain = _home(address, chain)
        if chain is Chain.EVM:
            a = address.lower()
            return a in self.known_evm or a in self.allowlist.bech32 or a in self.wallet.bech32
        return address in self.known_solana

    def is_trusted_validator(self, key: str) -> bool:
        """``key`` (``0x`` + a BLS public key) is an allowlisted beacon-chain validator."""
        return key.lower() in self.allowlist.evm_validators

    def is_allowed_recipient(self, address: str, chain: Chain) -> bool:
        chain = _home(address, chain)
        if chain is Chain.EVM:
            a = address.lower()
            if a.startswith(VALIDATOR_PREFIX):  # a validator's balance, by its key
                return self.is_trusted_validator(a.removeprefix(VALIDATOR_PREFIX))
            own = a in self.wallet.evm or a in self.wallet.bech32
            return own or a in self.allowlist.evm or a in self.allowlist.bech32
        return address in self.wallet.solana or address in self.allowlist.solana

    def lookalike_of(self, address: str, chain: Chain) -> str | None:
        """The own/allowlisted address this one imitates (poisoning), if any."""
        n = self.lookalike_chars
        if chain is Chain.EVM:
            body = address.lower()[2:]
            key = (Chain.EVM, body[:n], body[-n:])
            candidate = address.lower()
        else:
            key = (Chain.SOLANA, address[:n], address[-n:])
            candidate = address
        for known in self._lookalike_index.get(key, ()):
            if known != candidate:
                return known
        return None

    def limit_for(self, chain: Chain, asset: str, chain_id: int | None = None) -> Limit | None:
        """The limit of ``asset`` on ``chain`` (None: unlimited).

        The entry for ``chain_id``, else the one without a chain id (every chain, one budget).
        When the asset's only entries name other chain ids, a move on a chain no entry names
        is held to a zero limit (a POL-sized limit never admits ETH on mainnet); with the
        chain id unknown, the strictest entry applies.
        """
        asset = asset.lower() if chain is Chain.EVM and asset != "native" else asset
        found = [lim for lim in self.limits if lim.chain is chain and lim.asset == asset]
        if not found:
            return None
        exact = next((lim for lim in found if lim.chain_id == chain_id), None)
        wide = next((lim for lim in found if lim.chain_id is None), None)
        if exact is not None or wide is not None:
            return exact or wide
        if chain_id is None:
            return min(found, key=_strictness)
        first = found[0]
        return Limit(
            chain=chain,
            asset=asset,
            symbol=first.symbol,
            decimals=first.decimals,
            per_tx=Decimal(0),
            per_period=Decimal(0),
            chain_id=chain_id,
        )

    def with_addresses(
        self,
        *,
        own_evm: Iterable[str] = (),
        own_solana: Iterable[str] = (),
        allow_evm: Iterable[str] = (),
        allow_solana: Iterable[str] = (),
    ) -> Policy:
        """A copy with extra own / allowlisted addresses (validated like the config)."""
        own_evm, own_solana = tuple(own_evm), tuple(own_solana)
        allow_evm, allow_solana = tuple(allow_evm), tuple(allow_solana)
        if not (own_evm or own_solana or allow_evm or allow_solana):
            return self
        wallet = self.wallet.model_copy(
            update={
                "evm": self.wallet.evm | _evm_set(own_evm),
                "solana": self.wallet.solana | _solana_set(own_solana),
            }
        )
        allowlist = self.allowlist.model_copy(
            update={
                "evm": self.allowlist.evm | _evm_set(allow_evm),
                "solana": self.allowlist.solana | _solana_set(allow_solana),
            }
        )
        return self.model_copy(update={"wallet": wallet, "allowlist": allowlist})

    def with_context(self, context: Mapping[str, Any]) -> Policy:
        """A copy with per-call additions (``CONTEXT_KEYS``: every ``[wallet]`` / ``[allowlist]``
        key), validated like the config. Unknown keys raise ``ValueError``."""
        parts: dict[str, dict[str, list[Any]]] = {"wallet": {}, "allowlist": {}}
        for key, values in context.items():
            if key not in CONTEXT_KEYS:
                raise ValueError(f"unknown context key {str(key)[:30]!r}")
            if not values:
                continue
            if isinstance(values, str) or not isinstance(values, Iterable):
                raise ValueError(f"context.{key} must be a list of strings")
            section, name = CONTEXT_KEYS[key]
            current = getattr(getattr(self, section), name)
            parts[section][name] = [*current, *values]
        if not parts["wallet"] and not parts["allowlist"]:
            return self
        wallet = self.wallet.model_validate({**self.wallet.model_dump(), **parts["wallet"]})
        allow = self.allowlist.model_validate({**self.allowlist.model_dump(), **parts["allowlist"]})
        return self.model_copy(update={"wallet": wallet, "allowlist": allow})


CONTEXT_KEYS: dict[str, tuple[str, str]] = {
    "own_evm": ("wallet", "evm"),
    "own_solana": ("wallet", "solana"),
    "own_passkeys": ("wallet", "passkeys"),
    "allow_evm": ("allowlist", "evm"),
    "allow_solana": ("allowlist", "solana"),
    **{f"wallet.{f.name}": ("wallet", f.name) for f in fields(Wallet)},
    **{f"allowlist.{f.name}": ("allowlist", f.name) for f in fields(Allowlist)},
    **{f.name: ("allowlist", f.name) for f in fields(Allowlist) if f.name not in ("evm", "solana")},
}
"""Per-call context keys (``Guard.check_*(context=...)``, the CLI's JSONL ``context``): the
``own_*`` / ``allow_*`` short names (``own_passkeys`` is ``[wallet] passkeys``), every key as
``wallet.<key>`` / ``allowlist.<key>``, and the role lists by their config name
(``evm_spenders``, ``evm_operators``, ``evm_delegates``, ``evm_validators``,
``solana_delegates``, ``solana_programs``, ``domains``, ``bech32``)."""

_MODE_TO_ACTION = {
    Mode.ALLOW: Action.ALLOW,
    Mode.FLAG: Action.FLAG,
    Mode.REDACT: Action.ALLOW,
    Mode.BLOCK: Action.BLOCK,
}


def decide(
    findings: Iterable[Finding],
    policy: Policy,
    *,
    value_moving: bool = False,
    degraded: bool = False,
    **about: Any,
) -> Verdict:
    """Pure: apply the policy's per-rule modes and return the strongest action.

    A degraded guard (classifier unavailable) never ALLOWs a value-moving action: it FLAGs.
    ``about`` carries the verdict's other fields (``source``, ``elapsed_ms``, ``tainted_by``...).
    """
    judged: list[Finding] = []
    for finding in findings:
        mode = policy.mode_for(finding.rule_id)
        if finding.rule_id == "guard.stage_error":
            finding = finding.model_copy(update={"action": policy.on_error})
        elif mode is not None:
            finding = finding.model_copy(
                update={"action": _MODE_TO_ACTION[mode], "redact": mode is Mode.REDACT}
            )
        judged.append(finding)
    action = Action.strongest(f.action for f in judged)
    if degraded and value_moving and action is Action.ALLOW:
        judged.append(
            Finding(
                rule_id="guard.degraded",
                category=Category.GUARD,
                severity=Severity.MEDIUM,
                action=Action.FLAG,
                message="classifier unavailable: value-moving action needs approval",
                evidence=("limp-mode",),
            )
        )
        action = Action.FLAG
    return Verdict(action=action, findings=tuple(judged), degraded=degraded, **about)
