"""Sign-in messages: EIP-4361 Sign-In with Ethereum and its Solana twin (SIWS): parse the
message, say what it does, judge it.

Message format (EIP-4361, https://eips.ethereum.org/EIPS/eip-4361, ABNF §"Message Format";
SIWS, github.com/phantom/sign-in-with-solana and docs.phantom.com "Sign-In-With (SIW)
standards": the same lines with ``Solana account``, a base58 address, ``Chain ID: mainnet``)::

    ${scheme}://${domain} wants you to sign in with your Ethereum account:   (scheme optional)
    ${address}

    ${statement}                                                              (optional)

    URI: ${uri}
    Version: ${version}
    Chain ID: ${chain-id}
    Nonce: ${nonce}
    Issued At: ${issued-at}
    Expiration Time: ${expiration-time}                                       (optional)
    Not Before: ${not-before}                                                 (optional)
    Request ID: ${request-id}                                                 (optional)
    Resources:                                                                (optional)
    - ${resources[0]}

A sign-in moves nothing: it reads ``signs in to <domain>``. What makes one suspicious is said
in plain words (rule ids ``tx.evm.siwe_<rule>``, ``tx.sol.siws_<rule>``; default action):

=========================  ======  ==============================================================
``siwe_phishing_domain``   BLOCK   the domain (or the URI's host) is on a shipped phishing list
                                   (``aiegis_guard/data/THREATS.md``); ``[allowlist] domains``
                                   never match
``siwe_address_mismatch``  FLAG    the account signing in is not the own account
``siwe_chain_mismatch``    FLAG    the Chain ID differs from the chain the signer is on (EVM)
``siwe_uri_mismatch``      FLAG    an http(s) URI on another site than the domain asking
``siwe_resources``         FLAG    ``urn:recap:`` resources (ReCaps, EIP-5573) grant the relying
                                   party abilities beyond the sign-in (one ``grants`` effect each)
=========================  ======  ==============================================================
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from datetime import datetime
from urllib.parse import urlsplit

from aiegis_guard.chains.effect_derive import own_accounts
from aiegis_guard.chains.effects import Effect, EffectKind
from aiegis_guard.chains.transaction import DecodedTransaction, SignIn, TxContext
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.redact import mask_address
from aiegis_guard.threats import is_allowed_domain

__all__ = ["inspect_sign_ins", "judge_sign_in", "parse_siwe", "sign_in_effects"]

_HEADER = re.compile(
    r"(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://)?(?P<domain>[^\s/?#]{1,253})"
    r"\s+wants\s+you\s+to\s+sign\s+in\s+with\s+your\s+(?P<chain>ethereum|solana)"
    r"\s+account:?",
    re.IGNORECASE,
)
_CHAINS = {"ethereum": Chain.EVM, "solana": Chain.SOLANA}
_HEADER_LINES = 20  # a header below other lines still asks for a sign-in (judged, not trusted)
_ADDRESS = {
    Chain.EVM: re.compile(r"0x[0-9a-fA-F]{40}"),
    Chain.SOLANA: re.compile(r"[1-9A-HJ-NP-Za-km-z]{32,44}"),
}
_FIELDS = {
    "URI": "uri",
    "Version": "version",
    "Chain ID": "chain_id",
    "Nonce": "nonce",
    "Issued At": "issued_at",
    "Expiration Time": "expiration_time",
    "Not Before": "not_before",
    "Request ID": "request_id",
}
MAX_RESOURCES = 64
MAX_FIELD = 512
MAX_RESOURCE = 8192  # a ReCap carries its capabilities base64url-encoded in the URI
_RECAP = "urn:recap:"


def _timestamp(value: str | None) -> int | None:
    if not value:
        return None
    try:
        return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())
    except (ValueError, OverflowError, OSError):
        return None


def _fields(lines: list[str]) -> tuple[dict[str, str], list[str], str | None]:
    """``Key: value`` fields, the resources, and the statement (the free line before them)."""
    found: dict[str, str] = {}
    resources: list[str] = []
    statement: str | None = None
    in_resources = False
    for line in lines:
        line = line.strip()
        if in_resources and line.startswith("- "):
            if len(resources) < MAX_RESOURCES:
                resources.append(line[2:].strip()[:MAX_RESOURCE])
            continue
        in_resources = line == "Resources:"
        key, sep, value = line.partition(": ")
        if sep and key in _FIELDS and _FIELDS[key] not in found:
            found[_FIELDS[key]] = value.strip()[:MAX_FIELD]
        elif line and not in_resources and statement is None and not found:
            statement = line[:MAX_FIELD]
    return found, resources, statement


def _header(lines: list[str]) -> tuple[re.Match[str], int] | None:
    for at, line in enumerate(lines[:_HEADER_LINES]):
        header = _HEADER.fullmatch(line.strip("\ufeff \t\r"))
        if header is not None:
            return header, at
    return None


def parse_siwe(text: str, chain: Chain = Chain.EVM) -> SignIn | None:
    """The sign-in a text asks for on ``chain``, or None when it is not a sign-in message (a
    header line among the first lines; case and spacing are not checked). Lenient on what
    follows: a missing field stays None."""
    lines = text.replace("\r\n", "\n").split("\n")
    located = _header(lines)
    if located is None:
        return None
    header, at = located
    if _CHAINS[header["chain"].lower()] is not chain:
        return None
    lines = lines[at:]
    second = lines[1].strip() if len(lines) > 1 else ""
    address = second if _ADDRESS[chain].fullmatch(second) else ""
    found, resources, statement = _fields(lines[2:] if address else lines[1:])
    chain_id = found.get("chain_id", "")
    return SignIn(
        via="eip4361" if chain is Chain.EVM else "siws",
        domain=header["domain"].lower(),
        address=address,
        uri=found.get("uri"),
        chain_id=int(chain_id) if chain_id.isdigit() and len(chain_id) <= 20 else None,
        nonce=found.get("nonce"),
        resources=tuple(resources),
        expiry=_timestamp(found.get("expiration_time")),
        statement=statement,
    )


# --- ReCaps (EIP-5573): urn:recap:<base64url JSON {"att": {target: {ability: [...]}}}> ----------


def _is_recap(resource: str) -> bool:
    return resource[: len(_RECAP)].lower() == _RECAP


def _recap_grants(resource: str) -> list[tuple[str, str]]:
    """(target, abilities) pairs a ReCap grants; one opaque pair when it cannot be read."""
    body = resource[len(_RECAP) :]
    try:
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        att = json.loads(raw.decode("utf-8"))["att"]
        pairs = [
            (str(target)[:MAX_FIELD], ", ".join(str(a)[:64] for a in list(abilities)[:16]))
            for target, abilities in list(att.items())[:MAX_RESOURCES]
        ]
    except (ValueError, TypeError, KeyError, AttributeError, binascii.Error, RecursionError):
        return [("an unreadable capability", "unknown abilities")]
    return pairs or [("nothing", "no abilities")]


# --- effects and findings -------------------------------------------------------------------


def _own(op: SignIn, own: frozenset[str]) -> bool:
    address = op.address.lower() if op.via == "eip4361" else op.address
    return bool(address) and address in own


def sign_in_effects(op: SignIn, own: frozenset[str]) -> list[Effect]:
    """``signs in to <domain>``, plus one ``grants`` effect per ReCap target."""
    is_own = _own(op, own)
    account = op.address or None
    out = [
        Effect(
            kind=EffectKind.SIGNS_IN,
            account=account,
            own=is_own,
            what="sign_in",
            target=op.domain,
            protocol="EIP-4361" if op.via == "eip4361" else "SIWS",
            via=op.via,
            expiry=op.expiry,
        )
    ]
    for resource in op.resources:
        if _is_recap(resource):
            out += [
                Effect(
                    kind=EffectKind.GRANTS,
                    account=account,
                    own=is_own,
                    what=f"recap:{abilities}",
                    target=target,
                    protocol=op.domain,
                    via=f"{op.via} > recap",
                    expiry=op.expiry,
                )
                for target, abilities in _recap_grants(resource)
            ]
    return out


def _finding(rule: str, action: Action, message: str, *evidence: str) -> Finding:
    """``rule`` is ``<tag>.<prefix>_<name>``: ``evm.siwe_...`` / ``sol.siws_...``."""
    return Finding(
        rule_id=f"tx.{rule}",
        category=Category.THREAT if rule.endswith("_phishing_domain") else Category.TRANSACTION,
        severity=Severity.CRITICAL if action is Action.BLOCK else Severity.MEDIUM,
        action=action,
        message=message,
        evidence=evidence,
    )


def _host(authority: str) -> str:
    """``user@host:port`` -> ``host`` (lower-case)."""
    host = authority.rpartition("@")[2]
    if host.startswith("["):
        return host.partition("]")[0] + "]"
    return host.partition(":")[0].lower().strip(".")


def _related(a: str, b: str) -> bool:
    return a == b or a.endswith("." + b) or b.endswith("." + a)


def _uri_host(op: SignIn) -> str | None:
    if not op.uri:
        return None
    try:
        parts = urlsplit(op.uri)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return _host(parts.netloc)


def _phishing(hosts: list[str], ctx: TxContext, rules: str) -> list[Finding]:
    allow = ctx.policy.allowlist.domains
    for host in dict.fromkeys(hosts):
        if allow and is_allowed_domain(host, allow):
            continue
        label = ctx.threats.domain_label(host)
        if label is not None:
            shown = host.replace(".", "[.]")
            msg = f"sign-in for {shown}, a listed phishing domain ({label})"
            return [
                _finding(
                    f"{rules}_phishing_domain",
                    Action.BLOCK,
                    msg,
                    f"list:{label}",
                    f"domain:{shown}",
                )
            ]
    return []


def judge_sign_in(
    op: SignIn, decoded: DecodedTransaction, ctx: TxContext, own: frozenset[str]
) -> list[Finding]:
    """The findings for one sign-in (see the module docstring)."""
    rules = "evm.siwe" if op.via == "eip4361" else "sol.siws"
    domain = _host(op.domain)
    uri_host = _uri_host(op)
    out = _phishing([domain, *([uri_host] if uri_host else [])], ctx, rules)
    if own and not _own(op, own):
        who = mask_address(op.address) if op.address else "no valid address"
        msg = f"sign-in to {domain} as {who}, which is not the own account"
        out.append(_finding(f"{rules}_address_mismatch", Action.FLAG, msg, f"address:{op.address}"))
    evm_chain = decoded.chain_id if op.via == "eip4361" else None  # SIWS names clusters
    if evm_chain is not None and op.chain_id not in (None, evm_chain):
        msg = f"sign-in for chain {op.chain_id} while the signer is on chain {evm_chain}"
        ev = (f"chain_id:{op.chain_id}", f"signer_chain_id:{evm_chain}")
        out.append(_finding("evm.siwe_chain_mismatch", Action.FLAG, msg, *ev))
    if uri_host is not None and not _related(uri_host, domain):
        msg = f"sign-in asked by {domain} for a URI on another site ({uri_host})"
        ev = (f"domain:{domain}", f"uri_host:{uri_host}")
        out.append(_finding(f"{rules}_uri_mismatch", Action.FLAG, msg, *ev))
    recaps = [r for r in op.resources if _is_recap(r)]
    if recaps:
        grants = "; ".join(f"{a} on {t}" for r in recaps for t, a in _recap_grants(r))
        msg = f"the sign-in also grants {domain}: {grants[:300]}"
        out.append(_finding(f"{rules}_resources", Action.FLAG, msg, f"recaps:{len(recaps)}"))
    return out


def inspect_sign_ins(decoded: DecodedTransaction, ctx: TxContext) -> list[Finding]:
    """Every sign-in of a decoded message: its effects (added to ``ctx.effects``) and
    findings."""
    out: list[Finding] = []
    own = own_accounts(decoded, ctx.policy)
    for op in decoded.operations:
        if isinstance(op, SignIn):
            ctx.effects.extend(sign_in_effects(op, own))
            out += judge_sign_in(op, decoded, ctx, own)
    return out
