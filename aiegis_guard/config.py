"""``aiegis.toml`` -> :class:`Config`. The one place where strings become enums and types.

A bad value fails here, at load, naming its key path::

    ConfigError: guard.on_error: 'blok' is not valid (expected one of 'allow', 'flag', 'block')

``Guard()`` finds its file in ``$AIEGIS_CONFIG``, else ``./aiegis.toml``, else uses the defaults.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from aiegis_guard.errors import ConfigError, quote
from aiegis_guard.findings import Action, Source
from aiegis_guard.indicators import classify
from aiegis_guard.policy import (
    Allowlist,
    Audience,
    Limit,
    Mode,
    PiiType,
    Policy,
    RuleModes,
    TaintMode,
    Wallet,
)
from aiegis_guard.record import Check, Record

__all__ = [
    "CLASSIFIER_SOURCES",
    "DEFAULT_TOML",
    "AuditSettings",
    "BreakerSettings",
    "ClassifierSettings",
    "Config",
    "GatewaySettings",
    "LedgerBackend",
    "LedgerSettings",
    "PhraseRuleSettings",
    "ThreatSettings",
    "ToolSettings",
    "find_config_path",
    "load_config",
    "parse_config",
]

ENV_VAR = "AIEGIS_CONFIG"
DEFAULT_FILENAME = "aiegis.toml"


@dataclass(frozen=True, kw_only=True)
class GuardSection(Record):
    on_error: Action = Action.BLOCK
    taint: TaintMode = TaintMode.APPROVE
    lookalike_chars: Annotated[int, Check(ge=3, le=10)] = 4
    quarantine: bool = False
    audience: Audience = Audience.OWNER


CLASSIFIER_SOURCES = frozenset({Source.TOOL_OUTPUT, Source.RETRIEVED, Source.MEMORY})
"""The sources the classifier judges unless ``[classifier] sources`` says otherwise."""


@dataclass(frozen=True, kw_only=True)
class ClassifierSettings(Record):
    """The ONNX injection classifier (``[classifier]``)."""

    enabled: bool = True
    path: Path | None = None  # None: the model shipped in the package
    threshold: Annotated[float | None, Check(gt=0.0, lt=1.0)] = None  # None: the manifest's
    threads: Annotated[int, Check(ge=1, le=64)] = 1
    retry_seconds: Annotated[float, Check(gt=0)] = 30.0
    # sources the model judges; None: the shipped default (tool_output, retrieved, memory);
    # "prompt" and "llm_output" may be added; never tool_input, which the rules judge
    sources: tuple[Source, ...] | None = None
    # per-source thresholds over the manifest's (e.g. {prompt = 0.99}); `threshold` beats both
    thresholds: dict[Source, Annotated[float, Check(gt=0.0, lt=1.0)]] = field(default_factory=dict)

    @property
    def judged(self) -> frozenset[Source]:
        """The sources the model judges (``sources`` or the shipped default)."""
        return CLASSIFIER_SOURCES if self.sources is None else frozenset(self.sources)


@dataclass(frozen=True, kw_only=True)
class AuditSettings(Record):
    """Optional JSONL decision log (``[audit]``); values are always masked."""

    path: Path | None = None
    include_allow: bool = True


class LedgerBackend(StrEnum):
    SQLITE = "sqlite"
    REDIS = "redis"
    MEMORY = "memory"


@dataclass(frozen=True, kw_only=True)
class LedgerSettings(Record):
    """Where per-period spend is recorded (``[ledger]``)."""

    backend: LedgerBackend = LedgerBackend.SQLITE
    path: Path = Path(".aiegis/ledger.sqlite")
    url: str = "redis://127.0.0.1:6379/0"
    namespace: str = "aiegis"
    reservation_ttl: Annotated[float, Check(gt=0)] = 600.0  # s a pending spend holds budget


def _entry_of(kind: str, what: str) -> Check:
    """A list-item validator: the entry classifies as ``kind`` (checked at load)."""

    def check(value: str) -> str:
        found = classify(value)
        if found is None or found[0] != kind:
            raise ValueError(f"{value!r} is not {what}")
        return value

    return Check(after=check)


def _compiles(pattern: str) -> str:
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"{pattern!r} is not a valid regular expression ({exc})") from None
    return pattern


@dataclass(frozen=True, kw_only=True)
class ThreatSettings(Record):
    """Known-bad addresses and domains (``[threats]``): the shipped lists plus your own."""

    builtin: bool = True
    evm: tuple[Annotated[str, _entry_of("evm", "an EVM address")], ...] = ()
    solana: tuple[Annotated[str, _entry_of("solana", "a Solana address")], ...] = ()
    domains: tuple[Annotated[str, _entry_of("domain", "a listable domain")], ...] = ()
    files: tuple[Path, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ToolSettings(Record):
    """How LangChain tools are recognised as value-moving (``[tools]``)."""

    # regular expressions searched in tool names (case-insensitive); compiled at load
    value_moving_patterns: tuple[Annotated[str, Check(after=_compiles)], ...] = ()
    value_moving: tuple[str, ...] = ()  # exact tool names
    read_only: tuple[str, ...] = ()  # exact tool names never treated as value-moving
    on_block: Annotated[str, Check(pattern="^(tool_error|raise)$")] = "tool_error"


@dataclass(frozen=True, kw_only=True)
class BreakerSettings(Record):
    """Per-upstream circuit breaker and retry backoff (``[gateway.breaker]``)."""

    window: Annotated[int, Check(ge=2, le=1000)] = 20  # the last N calls judged
    min_calls: Annotated[int, Check(ge=1)] = 5  # fewer calls in the window never open it
    error_rate: Annotated[float, Check(gt=0.0, le=1.0)] = 0.5  # open at this share of failures
    jitter_ms: Annotated[float, Check(gt=0)] = 5000.0  # open when latency stdev exceeds this
    cooldown: Annotated[float, Check(gt=0)] = 5.0  # s open before a half-open probe
    max_cooldown: Annotated[float, Check(gt=0)] = 300.0  # cap of the doubling cooldown
    retries: Annotated[int, Check(ge=0, le=10)] = 2  # attempts per upstream beyond the first
    backoff_base: Annotated[float, Check(ge=0)] = 0.05  # base * 2**n + random(0, base), capped
    backoff_cap: Annotated[float, Check(ge=0)] = 2.0


@dataclass(frozen=True, kw_only=True)
class GatewaySettings(Record):
    """``aiegis-guard serve`` / ``mcp-proxy`` (``[gateway]``). Keys only from the environment."""

    host: str = "127.0.0.1"
    port: Annotated[int, Check(ge=0, le=65535)] = 8787
    upstreams: tuple[str, ...] = ()  # OpenAI-compatible base URLs, in failover order
    token_env: str = "AIEGIS_GATEWAY_TOKEN"  # bearer token clients must send (non-loopback)
    upstream_key_env: str = "OPENAI_API_KEY"  # forwarded to upstreams as the bearer token
    max_body_bytes: Annotated[int, Check(ge=1024)] = 8 * 1024 * 1024
    request_timeout: Annotated[float, Check(gt=0)] = 60.0
    on_block: Annotated[str, Check(pattern="^(message|error)$")] = "message"
    approval: Annotated[str, Check(pattern="^(deny|https?://.+)$")] = "deny"  # or a webhook URL
    approval_timeout: Annotated[float, Check(gt=0)] = 10.0
    redis_url: str | None = None  # shared taint + reservations across replicas
    conversation_header: str = "X-Aiegis-Conversation"
    heartbeat_seconds: Annotated[float, Check(gt=0)] = 5.0
    breaker: BreakerSettings = field(default_factory=BreakerSettings)


@dataclass(frozen=True, kw_only=True)
class PhraseRuleSettings(Record):
    """Your own phrase-rule files and shipped phrase rules switched off (``[rules] extra``,
    ``[rules] disable``; the other keys of ``[rules]`` set per-rule actions). The files are
    checked, and ``disable`` matched against the rule ids, when a ``Guard`` is built."""

    extra: tuple[Path, ...] = ()
    disable: tuple[Annotated[str, Check(min_length=1)], ...] = ()


_RULE_FILE_KEYS = ("extra", "disable")


@dataclass(frozen=True, kw_only=True)
class _ConfigFile(Record):
    """Mirror of the TOML layout, so validation errors carry the file's key paths."""

    guard: GuardSection = field(default_factory=GuardSection)
    wallet: Wallet = field(default_factory=Wallet)
    allowlist: Allowlist = field(default_factory=Allowlist)
    limits: tuple[Limit, ...] = ()
    rules: RuleModes = field(default_factory=dict)
    pii: dict[PiiType, Mode] = field(default_factory=dict)
    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    ledger: LedgerSettings = field(default_factory=LedgerSettings)
    threats: ThreatSettings = field(default_factory=ThreatSettings)
    tools: ToolSettings = field(default_factory=ToolSettings)
    gateway: GatewaySettings = field(default_factory=GatewaySettings)


@dataclass(frozen=True)
class Config:
    """A loaded configuration: the :class:`Policy` plus runtime settings. The defaults are the
    sections' own defaults (a ``Guard()`` without a file never imports pydantic)."""

    policy: Policy = field(default_factory=Policy)
    classifier: ClassifierSettings = field(default_factory=ClassifierSettings)
    audit: AuditSettings = field(default_factory=AuditSettings)
    ledger: LedgerSettings = field(default_factory=LedgerSettings)
    threats: ThreatSettings = field(default_factory=ThreatSettings)
    tools: ToolSettings = field(default_factory=ToolSettings)
    gateway: GatewaySettings = field(default_factory=GatewaySettings)
    quarantine: bool = False
    path: Path | None = None
    phrase_rules: PhraseRuleSettings = field(default_factory=PhraseRuleSettings)


def _format_error(err: Any) -> str:
    loc = ".".join(str(p) for p in err.get("loc", ())) or "<root>"
    kind = err.get("type", "")
    value = err.get("input")
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        return f"{loc}: unknown key"
    if kind == "enum":
        expected = err.get("ctx", {}).get("expected", "")
        return f"{loc}: {quote(value)} is not valid (expected one of {expected})"
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{loc}: {msg}"


def parse_config(data: dict[str, Any], *, path: Path | None = None) -> Config:
    """Validate a TOML-shaped dict. Raises :class:`ConfigError` naming the key path."""
    rules = data.get("rules")
    files: dict[str, Any] = {}
    if isinstance(rules, dict):  # [rules] extra / disable: phrase rules; the rest: actions
        files = {k: rules[k] for k in _RULE_FILE_KEYS if k in rules}
        data = {**data, "rules": {k: v for k, v in rules.items() if k not in files}}
    from pydantic import ValidationError  # validation only: a bare Guard() never imports it

    where = f"{path}: " if path else ""
    try:
        raw = _ConfigFile.model_validate(data)
        phrase_rules = PhraseRuleSettings.model_validate(files)
    except ValidationError as exc:
        prefix = "rules." if exc.title == PhraseRuleSettings.__name__ else ""
        problems = "; ".join(prefix + _format_error(e) for e in exc.errors())
        raise ConfigError(f"{where}{problems}") from None
    policy = Policy(
        wallet=raw.wallet,
        allowlist=raw.allowlist,
        limits=raw.limits,
        rules=raw.rules,
        pii=raw.pii,
        on_error=raw.guard.on_error,
        taint=raw.guard.taint,
        lookalike_chars=raw.guard.lookalike_chars,
        audience=raw.guard.audience,
    )
    base = path.parent if path else Path.cwd()

    def resolve(p: Path) -> Path:
        p = p.expanduser()
        return p if p.is_absolute() else base / p

    ledger = raw.ledger.model_copy(update={"path": resolve(raw.ledger.path)})
    audit = raw.audit
    if audit.path is not None:
        audit = audit.model_copy(update={"path": resolve(audit.path)})
    threats = raw.threats.model_copy(update={"files": tuple(resolve(p) for p in raw.threats.files)})
    for i, file in enumerate(threats.files):
        if not file.is_file():
            where = f"{path}: " if path else ""
            raise ConfigError(f"{where}threats.files.{i}: no such file: {file}")
    classifier = raw.classifier
    if classifier.path is not None:
        classifier = classifier.model_copy(update={"path": resolve(classifier.path)})
    phrase_rules = phrase_rules.model_copy(
        update={"extra": tuple(resolve(p) for p in phrase_rules.extra)}
    )
    return Config(
        policy=policy,
        classifier=classifier,
        audit=audit,
        ledger=ledger,
        threats=threats,
        tools=raw.tools,
        gateway=raw.gateway,
        quarantine=raw.guard.quarantine,
        path=path,
        phrase_rules=phrase_rules,
    )


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read and validate an ``aiegis.toml``."""
    import tomllib  # only when a file is read (~10 ms of import a bare Guard() never needs)

    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such config file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc})") from None
    return parse_config(data, path=p)


def find_config_path() -> Path | None:
    """``$AIEGIS_CONFIG`` if set (it must exist), else ``./aiegis.toml`` if present."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    local = Path.cwd() / DEFAULT_FILENAME
    return local if local.is_file() else None


DEFAULT_TOML = """\
# aiegis.toml — configuration for aiegis_guard. Every value below is the default.
# Values that are wrong fail at load time with their key path.

[guard]
# What a crashing detector stage does to the verdict: "block" (fail closed) or "flag".
on_error = "block"
# A run that has read injected / redirecting content: what happens to its next value-moving
# action. "approve" = send it to the approval hook, "block" = refuse, "off" = no taint.
taint = "approve"
# Address poisoning: an address with the same first and last N characters as one of yours.
lookalike_chars = 4
# Replace flagged tool outputs / retrieved documents with a notice before the model reads them.
quarantine = false
# Who writes the prompts. "owner": the operator; prompts are instructions (rules only).
# "public": anyone (a Telegram / Discord bot, a Freysa-style agent); user prompts are
# untrusted like tool output: the classifier and the intent rules judge them for jailbreaks
# and value directives, and a flagged prompt taints the run.
audience = "owner"

[wallet]
# The agent's own addresses. A private key that derives to one of these is always blocked.
evm = []      # ["0xYourAddress..."]
solana = []   # ["YourBase58Pubkey..."]
# Your own accounts on chains that spell them in bech32 (Cosmos: "osmo1..."): a bridge
# (Axelar, Gravity) paying one pays you.
bech32 = []
# The owner's passkeys (P-256 public keys, "0x" + 64 bytes hex: x then y), as a smart account
# (Coinbase Smart Wallet) names a passkey owner: deploying or changing the account with one
# of these as an owner hands nothing to a stranger. Any other passkey owner is a new owner.
passkeys = []

[allowlist]
# Trust is given here only: a well-known protocol (Seaport, a router, Permit2) is named in the
# effects ("gives BAYC #1234 — to Seaport 1.6") but is not trusted unless listed.
# Recipients the agent may pay without approval (also: marketplaces / settlement contracts an
# order gives to, e.g. Seaport 1.6 0x0000000000000068F116a894984e2DB1123eB395; swap outputs).
evm = []
solana = []
# Who may pull funds: ERC-20 / Permit2 / EIP-2612 spenders, Aave credit delegatees.
evm_spenders = []
# Who may act for you: NFT operators (setApprovalForAll, e.g. the OpenSea conduit
# 0x1E0049783F008A0085193E00003D00cd54003c71), ERC-777 operators, Compound III managers, new
# Safe owners / modules / guards.
evm_operators = []
# EIP-7702 code delegates (smart-account implementations you chose).
evm_delegates = []
# Beacon-chain validators you own or trust, by BLS public key ("0x" + 48 bytes hex): an EIP-7251
# consolidation into one, or a deposit (top-up) to one, pays a validator, not an address.
evm_validators = []
# SPL token delegates and new authorities; Solana programs beyond the well-known ones.
solana_delegates = []
solana_programs = []
# Web domains never flagged by the threat lists.
domains = []
# Recipients on chains that spell accounts in bech32 (Cosmos: "osmo1..."), as a bridge request
# names them (Axelar's destinationAddress).
bech32 = []

# Spend limits, one table per asset. Amounts in whole units; period like "24h", "7d".
# [[limits]]
# chain = "evm"        # or "solana"
# asset = "native"     # or a token contract / SPL mint address
# symbol = "ETH"
# decimals = 18
# per_tx = "0.5"
# per_period = "2"
# period = "24h"

[rules]
# Override any rule by id or prefix: "allow" | "flag" | "redact" | "block".
# "secret.jwt" = "block"
# "address.unknown" = "allow"
# Your own phrase-rule files (TOML, paths relative to this file; see the README):
# extra = ["./my_rules.toml"]
# Shipped phrase rules switched off: a category, a rule id or one phrase.
# disable = ["drainer.sweep", "injection.persona.dan"]

[pii]
# Per PII type: "allow" | "flag" | "redact" | "block", for every source. Unset types FLAG
# where the agent sends them (tool input, model output, prompt) and are noted (ALLOW) in what
# it reads (tool output, retrieved documents, memory).
# email = "redact"
# card = "block"

[classifier]
enabled = true
# path = "my-model.onnx"   # default: the model shipped in the package
# threshold = 0.5          # default: the manifest's per-source thresholds
# thresholds = { prompt = 0.99 }   # per-source override of the manifest's thresholds
# sources = ["tool_output", "retrieved", "memory"]   # the default; may add "prompt", "llm_output"
threads = 1
retry_seconds = 30.0       # limp mode: retry loading a failed model after this (with backoff)

[audit]
# JSONL decision log (masked). Unset = no log file.
# path = "aiegis-audit.jsonl"
include_allow = true

[ledger]
# Spend ledger for per-period limits: "sqlite" (default, a local file), "redis" (fleets), "memory".
backend = "sqlite"
path = ".aiegis/ledger.sqlite"
url = "redis://127.0.0.1:6379/0"
namespace = "aiegis"
# Seconds a reserved-but-not-yet-sent spend holds budget (a crashed process frees it then).
reservation_ttl = 600.0

[threats]
# Known drainer addresses / phishing domains: the lists shipped in the package plus yours.
builtin = true
evm = []
solana = []
domains = []
files = []   # text files, one address or domain per line

[tools]
# LangChain tools: extra name patterns (regex) that mark a tool as value-moving, exact names,
# and names that are never value-moving. on_block = "tool_error" (the model sees why) | "raise".
value_moving_patterns = []
value_moving = []
read_only = []
on_block = "tool_error"

[gateway]
# `aiegis-guard serve` (sidecar API + OpenAI-compatible proxy) and `aiegis-guard mcp-proxy`.
host = "127.0.0.1"         # a non-loopback bind requires the bearer token below
port = 8787
upstreams = []             # ["http://127.0.0.1:9000/v1", ...] in failover order
token_env = "AIEGIS_GATEWAY_TOKEN"      # env var holding the clients' bearer token
upstream_key_env = "OPENAI_API_KEY"     # env var holding the upstream API key (never logged)
max_body_bytes = 8388608
request_timeout = 60.0
# a blocked tool call: "message" = replaced by an assistant message saying why; "error" = HTTP 403
on_block = "message"
approval = "deny"          # FLAGged tool calls: "deny" or a webhook URL replying {"approved": true}
approval_timeout = 10.0
# who writes the user turns: [guard] audience ("public": untrusted, judged, taint the conversation)
# redis_url = "redis://127.0.0.1:6379/0"   # share taint and reservations between replicas
conversation_header = "X-Aiegis-Conversation"
heartbeat_seconds = 5.0

[gateway.breaker]
window = 20
min_calls = 5
error_rate = 0.5
jitter_ms = 5000.0
cooldown = 5.0
max_cooldown = 300.0
retries = 2
backoff_base = 0.05
backoff_cap = 2.0
"""
