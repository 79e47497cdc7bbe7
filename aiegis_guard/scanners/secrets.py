"""Provider secrets -> BLOCK (JWTs -> FLAG): API keys an agent must never send or echo.

Each provider is one declaration: literal anchors (a key prefix such as ``ghp_``, or context
words such as ``etherscan``), one strict pattern (group ``secret`` when only part of the match
is the secret) and an optional check. Every secret holds a run of 16+ ``[A-Za-z0-9_-]``
characters, so only the regions around such runs (found at C speed, words and ``0x`` hex
skipped) go through one Aho-Corasick pass that finds the anchors; a pattern runs only next to
its anchor, in a bounded window. The declarations live in
:mod:`~aiegis_guard.scanners.providers`.
"""

from __future__ import annotations

import re
import string
from dataclasses import replace
from functools import cache
from typing import Any

from aiegis_guard.automata import WordAutomaton
from aiegis_guard.charclass import CharClass, runs
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.litgate import min_width
from aiegis_guard.normalize import Layer
from aiegis_guard.redact import mask
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.providers import NEAR, PROVIDERS, Provider

__all__ = ["PROVIDERS", "Provider", "scan"]

_TOKEN = CharClass("secret-token", string.ascii_letters + string.digits + "_-")
_HEX = frozenset(string.hexdigits)
MIN_TOKEN = 16  # every declared secret holds a run of at least this many token characters


_BACK = max(p.after + max(map(len, p.anchors)) + p.before for p in PROVIDERS)


@cache
def _automaton() -> Any:
    by_anchor: dict[str, list[Provider]] = {}
    for provider in PROVIDERS:
        for anchor in provider.anchors:
            by_anchor.setdefault(anchor, []).append(provider)
    return WordAutomaton(
        (anchor, (len(anchor), tuple(providers))) for anchor, providers in by_anchor.items()
    )


def _search(provider: Provider, text: str, start: int, end: int) -> re.Match[str] | None:
    """The provider's secret next to an anchor at ``text[start:end]``."""
    if provider.after:
        return provider.pattern.search(text, end, min(len(text), end + provider.after))
    stop = min(len(text), start + provider.max_len + 1)
    if not provider.before:
        return provider.pattern.match(text, start, stop)
    return provider.pattern.search(text, max(0, start - provider.before), stop)


def _named(provider: Provider, text: str, start: int, end: int) -> str | None:
    """Evidence of the name ``provider.near`` requires around ``text[start:end]``, or None."""
    assert provider.near is not None
    m = provider.near.search(text, max(0, start - NEAR), start) or provider.near.search(
        text, end, min(len(text), end + NEAR)
    )
    return f"named:{m.group()!r}" if m is not None else None


def _finding(provider: Provider, m: re.Match[str], anchor: str, text: str) -> Finding | None:
    group = "secret" if "secret" in provider.pattern.groupindex and m.group("secret") else 0
    value = m.group(group)
    evidence = [f"pattern:{provider.rule}"]
    if provider.after:
        evidence.append(f"context:{anchor!r}")
    if provider.near is not None:
        named = _named(provider, text, *m.span(group))
        if named is None:
            return None
        evidence.append(named)
    if provider.check is not None:
        extra = provider.check(value)
        if extra is None:
            return None
        evidence.append(extra)
    if _filled(value, anchor if not provider.after else ""):
        return None
    return Finding(
        rule_id=f"secret.{provider.rule}",
        category=Category.SECRET,
        severity=provider.severity,
        action=provider.action,
        message=provider.name,
        span=m.span(group),
        preview=mask(value),
        evidence=tuple(evidence),
        redact=True,
    )


def _regions(text: str) -> list[tuple[int, int]]:
    """Where a secret can be: around tokens of 16+ ``[A-Za-z0-9_-]`` (not pure words, not
    ``0x`` hex), with room before them for context words. Merged, in order."""
    regions: list[tuple[int, int]] = []
    for start, end in runs(text, _TOKEN, MIN_TOKEN):
        token = text[start:end]
        if token.isalpha() or (token[:2] == "0x" and _HEX.issuperset(token[2:])):
            continue
        lo = max(0, start - _BACK)
        if regions and lo <= regions[-1][1]:
            regions[-1] = (regions[-1][0], end)
        else:
            regions.append((lo, end))
    return regions


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """Provider secrets in ``layer.text`` (spans relative to it), and passwords in URLs."""
    text = layer.text
    found = _providers(text)
    if '"value"' in text or "'value'" in text:
        found += _pairs(text, [f.span for f in found if f.span is not None])
    return found + (_url_credentials(text) if "://" in text else [])


# a header or query parameter kept as a name / value pair (a HAR's {"name": "dkey", "value":
# ".."}, Postman's {"key": "x-access-key", "value": ".."}): read as "name=value"
# (one pattern per name: a literal first is found at C speed)
_PAIR = (
    r"[\"']\s*:\s*[\"']([\w.-]{1,40})[\"']\s*,\s*[\"']value[\"']\s*:\s*[\"']([^\"'\s]{16,512})[\"']"
)
_PAIR_RES = (LazyPattern("name" + _PAIR), LazyPattern("key" + _PAIR))
# Postman's apikey auth helper holds the key under a generic name: {"type": "apikey", "apikey":
# [{"key": "value", "value": ".."}, {"key": "key", "value": "X-API-Key"}]}: the helper names it
# (its bearer helper is a bearer token: as in a header, judged by the token's own format)
_AUTH_HELPER_RE = LazyPattern(r"[\"'](apikey)[\"']\s*:\s*\[")
_HELPER_FIELD = {"apikey": ("value", "api_key=")}
AUTH_REACH = 300  # characters before a pair searched for the helper it belongs to


def _pairs(text: str, held: list[tuple[int, int]]) -> list[Finding]:
    found: list[Finding] = []
    for m in (m for pattern in _PAIR_RES for m in pattern.finditer(text)):
        name, value = m.group(1), m.group(2)
        if text[m.start() - 1 : m.start()] not in ('"', "'") or any(
            s < m.end(2) and m.start(2) < e for s, e in held
        ):
            continue
        line = f"{name}={value}"
        if name.lower() == "value":
            helpers = list(
                _AUTH_HELPER_RE.finditer(text, max(0, m.start() - AUTH_REACH), m.start())
            )
            field, spelled = _HELPER_FIELD[helpers[-1].group(1)] if helpers else ("", "")
            if field != name.lower():
                continue
            line = spelled + value
        shift = m.start(2) - (len(line) - len(value))
        for f in _providers(line):
            if f.span is not None:
                found.append(f.with_span(f.span[0] + shift, f.span[1] + shift, "pair:name-value"))
    return found


# a password in a URL's user information ("postgres://app:<password>@db:5432", "redis://default:
# …@cache", "amqp://", "smtp://", "ftp://"): a database or broker credential printed by an
# `env` dump, a `docker inspect` or a config file. FLAG (not a wallet secret; masked where shown)
_URL_CREDENTIALS = re.compile(
    r"://(?P<user>[^\s:/@?#\"'<>]{1,64}):(?P<pw>[^\s/@?#\"'<>]{3,128})@(?=[a-z0-9\[])",
    re.IGNORECASE,
)  # "://" first: re skips to it; the scheme before it is checked apart
_SCHEME_RE = re.compile(r"\b[a-z][a-z0-9+.-]{1,20}$", re.IGNORECASE)
# what a template or a redacted value puts where the password goes
_PLACEHOLDER_PW = re.compile(
    r"(?:\*+|x{3,}|\.{3}|…|<[^>]*>|\[[^\]]*\]|\$\{?[A-Za-z_][\w]*\}?|%[A-Za-z_]\w*%|\{\{.*\}\}|"
    r"pass(?:word|wd)?|pwd|secret|your[-_]?pass(?:word)?|change[-_]?me|redacted|hidden|masked)",
    re.IGNORECASE,
)


def _url_credentials(text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _URL_CREDENTIALS.finditer(text):
        if _PLACEHOLDER_PW.fullmatch(m.group("pw")) or not _SCHEME_RE.search(
            text, max(0, m.start() - 21), m.start()
        ):
            continue
        found.append(
            Finding(
                rule_id="secret.url_credentials",
                category=Category.SECRET,
                severity=Severity.HIGH,
                action=Action.FLAG,
                message="password in a URL (user:password@host)",
                span=m.span("pw"),
                preview=mask(m.group("pw")),
                evidence=("pattern:url_userinfo",),
                redact=True,
            )
        )
        if len(found) >= 32:
            break
    return found


def _providers(text: str) -> list[Finding]:
    found: dict[tuple[int, int], Finding] = {}
    for lo, hi in _regions(text):
        part = text[lo:hi]
        lowered = part.lower()
        if len(lowered) != len(part):  # a few non-ASCII letters lower-case to two characters
            lowered = part
        for last, (length, providers) in _automaton().iter(lowered):
            start = lo + last - length + 1
            anchor = lowered[last - length + 1 : last + 1]
            for provider in providers:
                m = _search(provider, text, start, start + length)
                finding = _finding(provider, m, anchor, text) if m is not None else None
                if finding is not None and finding.span is not None:
                    held = found.get(finding.span)
                    if held is None or (_generic(held) and not provider.generic):
                        found[finding.span] = finding
    own = [span for span, f in found.items() if not _generic(f)]
    return [  # a generic finding yields to a provider's own one over the same characters
        _truncated(f) if _generic(f) and _malformed(text, span) else f
        for span, f in found.items()
        if not _generic(f) or not any(s[0] < span[1] and span[0] < s[1] for s in own)
    ]


def _truncated(finding: Finding) -> Finding:
    """A named value cut shorter than its prefix's format: reported (FLAG), not blocked. It may
    be a revoked token's stub, or another secret wearing the prefix: never hidden."""
    return replace(
        finding,
        action=Action.FLAG,
        severity=Severity.MEDIUM,
        evidence=(*finding.evidence, "format:truncated"),
    )


_RUN_RE = re.compile(r"(.)\1{3,}")  # one character 4+ times: filler
_FILL_RE = re.compile(r"(.)\1{7}", re.DOTALL)  # one character 8+ times: a template's filler
_KEY_LEFT = 16  # characters a key's random part keeps at the least


def _filled(value: str, anchor: str = "") -> bool:
    """A template's value (``hf_xxxx..``, ``sk-or-v1-0000..``): one character repeated 8+ times
    and, once every such run (4+) and the provider's prefix are taken out, too little left to
    be a key (under ``_KEY_LEFT``). A real key padded with filler (``sk_live_<key>000..``,
    ``<key>------``) keeps its random part: still a key."""
    if _FILL_RE.search(value) is None:
        return False
    if anchor and value.lower().startswith(anchor):
        value = value[len(anchor) :]
    return len(_RUN_RE.sub("", value)) < _KEY_LEFT


@cache
def _own_formats() -> tuple[tuple[str, int], ...]:
    """(prefix, shortest length of the provider's format) of the key prefixes that name one
    provider's fixed format (``sk-or-v1-``, ``ghp_``, ``hf_``), not the bare ``sk-`` that several
    providers share."""
    return tuple(
        (anchor, min_width(p.pattern.pattern, re.VERBOSE))
        for p in PROVIDERS
        if not (p.after or p.before or p.generic or p.near is not None)
        for anchor in p.anchors
        if anchor[-1] in "-_" and anchor != "sk-"
    )


def _malformed(text: str, span: tuple[int, int]) -> bool:
    """A value given by its name that wears a provider's own prefix and is shorter than that
    provider's format (a truncated ``sk-or-v1-`` token, a ``ghp_`` cut short): not a credential
    of that provider, nor a whole one of any other. A value as long as the format or longer
    (``ghp_<another provider's key>``, a token kind the provider's rule does not know yet,
    ``sk-ant-ort01-..``) is still a credential: a strict rule is a lower bound of a provider's
    formats, not a reason to clear a named value."""
    value = text[span[0] : span[1]]
    lowered = value.lower()
    return any(
        lowered.startswith(prefix) and len(value) < least for prefix, least in _own_formats()
    )


@cache
def _generic_rules() -> frozenset[str]:
    return frozenset(f"secret.{p.rule}" for p in PROVIDERS if p.generic)


def _generic(finding: Finding) -> bool:
    """A key given by its name (``secret.api_key``), not in a provider's own format: where a
    provider's rule finds the same secret (``OPENAI_API_KEY=sk-..``), that one is reported."""
    return finding.rule_id in _generic_rules()
