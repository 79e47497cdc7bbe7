"""Links to listed phishing domains: ``threat.phishing_domain`` (FLAG).

Any URL or bare host name (``https://app.evil.xyz/claim``, ``visit evil.xyz``,
``support@evil.xyz``) whose domain or a parent domain is on a threat list
(:mod:`aiegis_guard.threats`) is flagged; ``[allowlist] domains`` never match.

Cheap by construction: text without a ``.`` followed by a letter costs one ``str.find`` and
one literal-prefixed regex search; host boundaries are found on a byte class view at C speed
(:mod:`aiegis_guard.charclass`), and each candidate is a handful of dict lookups. The layer
is confusable-folded, so ``uniswаp.org`` written with a Cyrillic ``а`` is looked up as ASCII.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from aiegis_guard.charclass import CharClass, view
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners import ScanContext
from aiegis_guard.threats import ThreatIndex, is_allowed_domain

__all__ = ["RULE_ID", "scan"]

RULE_ID = "threat.phishing_domain"
HOST = CharClass("host", string.ascii_letters + string.digits + "-._")
_DOT_LETTER = re.compile(r"\.[A-Za-z]")
_DOT_TAIL = re.compile(r"\.[A-Za-z][A-Za-z0-9._-]*")  # from a host's first dot to its end
MAX_HOST_CHARS = 253  # RFC 1035: the longest DNS name
MAX_HOSTS = 64  # candidates per layer (a wall of dotted names cannot make a scan slow)


@lru_cache(maxsize=1)
def builtin_index() -> ThreatIndex:
    """The shipped lists, for scans without a Guard (a Guard passes its own index)."""
    return ThreatIndex()


def _hosts(text: str) -> dict[str, tuple[int, int]]:
    """Each dotted host-name token (``a.b``) in ``text``, lower-cased -> its first span."""
    if _DOT_LETTER.search(text) is None:
        return {}
    v = view(text, HOST)
    hosts: dict[str, tuple[int, int]] = {}
    for m in _DOT_TAIL.finditer(text):
        start = v.rfind(b".", 0, m.start()) + 1
        token = text[start : m.end()]
        host = token.lstrip("._-")
        start += len(token) - len(host)
        host = host.rstrip("._-").lower()
        if len(host) > MAX_HOST_CHARS:
            continue  # not a DNS name; looking up its every suffix would be quadratic
        if host not in hosts:
            hosts[host] = (start, start + len(host))
            if len(hosts) >= MAX_HOSTS:
                break
    return hosts


def _finding(host: str, label: str, span: tuple[int, int]) -> Finding:
    shown = host.replace(".", "[.]")
    return Finding(
        rule_id=RULE_ID,
        category=Category.THREAT,
        severity=Severity.HIGH,
        action=Action.FLAG,
        message=f"link to a listed phishing domain {shown} ({label})",
        span=span,
        preview=shown,
        evidence=(f"list:{label}", f"domain:{shown}"),
    )


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    text = layer.text
    if "." not in text:
        return []
    hosts = _hosts(text)
    if not hosts:
        return []
    index = ctx.threats or builtin_index()
    allow = ctx.policy.allowlist.domains
    out: list[Finding] = []
    for host, span in hosts.items():
        if allow and is_allowed_domain(host, allow):
            continue
        label = index.domain_label(host)
        if label is not None:
            out.append(_finding(host, label, span))
    return out
