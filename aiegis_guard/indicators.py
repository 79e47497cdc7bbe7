"""What a threat-list entry is: an EVM address, a Solana address or a site's domain.

Shared by the threat index (``threats.py``, lists read at first lookup) and the config, which
rejects an inline ``[threats]`` entry at load with its key path.
"""

from __future__ import annotations

import re

from aiegis_guard.policy import is_evm_address, is_solana_address

__all__ = ["SHARED_HOSTS", "classify", "normalize_host"]

SHARED_HOSTS = frozenset(
    """
    netlify.app netlify.com pages.dev web.app firebaseapp.com vercel.app github.io gitbook.io
    gitlab.io blogspot.com medium.com notion.site webflow.io wixsite.com weebly.com
    000webhostapp.com azurewebsites.net herokuapp.com glitch.me surge.sh repl.co onrender.com
    duckdns.org ddns.net tumblr.com typeform.com godaddysites.com ipfs.io dweb.link arweave.net
    ic0.app icp0.io amplifyapp.com 4everland.io spheron.app sphn.link tistory.com google.com
    sites.google.com docs.google.com forms.gle bitballoon.com epizy.com rf.gd plesk.page
    dedyn.io duia.us bero-webspace.de kissr.com ilil.pw appspot.com cloudfront.net
    s3.amazonaws.com amazonaws.com fleek.co on.fleek.co replit.app workers.dev r2.dev
    translate.goog t.me twitter.com x.com discord.gg discord.com youtube.com
    """.split()  # noqa: SIM905 - a word list reads better as words
)
"""Hosts under which anyone can publish: a listed subdomain matches, the suffix never does."""

_PUBLIC_SECOND = frozenset(("co", "com", "net", "org", "gov", "edu", "ac", "or", "ne", "go", "mil"))
_HOST_RE = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,62}\.)+[a-z0-9-]{1,63}")


def normalize_host(value: str) -> str | None:
    """``https://User@WWW.Evil.com:8443/x`` -> ``evil.com``; None if it is not a host name."""
    host = value.strip().lower().strip("\"',;")
    if "://" in host:
        host = host.split("://", 1)[1]
    host = host.split("/", 1)[0].split("?", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    host = host.strip(".").removeprefix("*.").removeprefix("www.")
    if not host.isascii():
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            return None
    if len(host) > 253 or _HOST_RE.fullmatch(host) is None:
        return None
    return host


def classify(value: str) -> tuple[str, str] | None:
    """``("evm"|"solana"|"domain", normalised value)`` or None for anything else."""
    value = value.strip()
    if is_evm_address(value):
        return "evm", value.lower()
    if 32 <= len(value) <= 44 and "." not in value and is_solana_address(value):
        return "solana", value
    host = normalize_host(value)
    if host is None or host in SHARED_HOSTS:
        return None
    first, _, rest = host.partition(".")
    if "." not in rest and first in _PUBLIC_SECOND:
        return None  # "co.uk", "com.br": a public suffix, not a site
    return "domain", host
