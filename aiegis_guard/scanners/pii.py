"""PII -> FLAG where it leaves, noted where it is read; ``[pii]`` / ``Policy.pii`` sets allow /
flag / redact / block per type for every source.

Personal data the agent is about to send (a tool's input, the model's output, the user's prompt
on its way to the model) is FLAGged: that is where it leaks. In what the agent reads (a tool's
output, a retrieved document, a memory entry) it is a finding with action ALLOW: an inbox or a
support ticket full of addresses is no leak, and flagging it nags the owner on every read; it is
flagged again if the agent goes on to send it.

=========  ==================================================================================
rule id    what
=========  ==================================================================================
pii.ssn    US SSN ``ddd-dd-dddd`` / ``ddd dd dddd`` (Presidio's invalid ranges + 9xx areas);
           9 plain digits only next to "ssn" / "social security"
pii.card   payment card: 13-19 digits (plain, or 4-4-4-4 / Amex 4-6-5 / Diners 4-6-4 groups),
           Luhn, a known issuer prefix; not an amount (wei, lamports, trailing zeros)
pii.email  RFC-5322-ish address around each ``@``
pii.phone  ``+`` international, ``(ddd) ddd-dddd``, three or more digit groups, trunk-``0``
           numbers; plain digit runs only next to "phone" / "call" / "tel" ...
pii.iban   ISO 13616: country length + mod-97
pii.ip     IPv4 dotted quads, IPv6 (validated by :mod:`ipaddress`)
=========  ==================================================================================

Numeric PII never matches inside hex blobs, addresses or identifiers: a candidate must start
and end at a token boundary (no letter, digit, ``_`` or ``.`` glued to it), so the digits of
``0x9e5e1e79...`` never form a number. Dates, decimals and thousands-grouped amounts are not
phones. Runs only on the top layer (``decoded=False`` in the guard).
"""

from __future__ import annotations

import ipaddress
import re
import string
from collections.abc import Iterator

from aiegis_guard.charclass import CharClass, view
from aiegis_guard.checksums import is_valid_iban, is_valid_luhn
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.normalize import Layer
from aiegis_guard.redact import mask
from aiegis_guard.scanners import ScanContext

__all__ = ["IBAN_LENGTHS", "scan"]

# --- declarations ---------------------------------------------------------------------------
# The patterns run only behind a cheaper test (a digit run, an "@", a ":"): compiled on first
# use, not at import (~10 ms of every process that judges a text without numbers).

NUMERIC_RE = LazyPattern(r"[+(]?\d(?:[ .\-()]{0,3}\d){0,31}")  # matched at token starts only
MAX_SPLIT_PARTS = 8  # a group of more space-separated numbers than this is not split further
EXTENSION_RE = LazyPattern(r"\s?(?:x|ext\.?|#)\s?\d{1,6}(?![A-Za-z0-9_])", re.IGNORECASE)
DOMAIN_RE = LazyPattern(r"[A-Za-z0-9-]{1,63}\.[A-Za-z0-9.-]{2,250}")
EMAIL_RE = LazyPattern(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@"
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
IPV4_RE = LazyPattern(r"\d{1,3}(?:\.\d{1,3}){3}")
IPV6_HINT_RE = LazyPattern(r":[0-9A-Fa-f]{0,4}:")  # starts with a literal: fast to search
IPV6_CHARS = frozenset("0123456789abcdefABCDEF:.")
IPV6_RUN_RE = LazyPattern(r"[0-9A-Fa-f:.]*")
SSN_RE = LazyPattern(r"(\d{3})([- ])(\d{2})\2(\d{4})")
_MONTH, _DAY, _YEAR = r"(?:0?[1-9]|1[0-2])", r"(?:0?[1-9]|[12]\d|3[01])", r"(?:1[89]|20)\d\d"
DATE_RE = LazyPattern(  # y-m-d, d.m.y, m/d/y: a date (or a timestamp's date part) is no phone
    rf"{_YEAR}([-./ ]){_MONTH}\1{_DAY}"
    rf"|{_DAY}([-./ ]){_MONTH}\2{_YEAR}"
    rf"|{_MONTH}([-./ ]){_DAY}\3{_YEAR}"
)
IBAN_RE = LazyPattern(
    r"[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,3})?)"
)
SSN_CONTEXT_RE = LazyPattern(r"ssn|social\s*security", re.IGNORECASE)
PHONE_CONTEXT_RE = LazyPattern(
    r"phone|\btel\b|telephone|mobile|\bcell|\bcall|\bfax|whatsapp|\bsms\b|contact|\bdial"
    r"|answering|reach (?:me|us)|\bring\b",
    re.IGNORECASE,
)
PHONE_AFTER_RE = LazyPattern(
    r"\W{0,3}(?:office|offi|home|work|mobile|cell|fax|desk)", re.IGNORECASE
)
CARD_CONTEXT_RE = LazyPattern(r"card|\bcc\b|\bpan\b|visa|mastercard|amex", re.IGNORECASE)
AMOUNT_CONTEXT_RE = LazyPattern(
    r"amount|value|balance|wei|lamport|supply|price|fee|gas|qty|quantity|total|\bsum\b"
    r"|reserve|liquidity|nonce|block|slot|height|timestamp|\bid\b|_id\b|\bts\b",
    re.IGNORECASE,
)
# a unit right after the number makes it an amount ("155 000 USDC", "1 250 000 €", "2 500 tokens"):
# a currency or a wallet's token (not any capitalised word: "ASAP", "EST", "EXT 4", "CA")
UNIT_AFTER_RE = LazyPattern(
    r"\s?(?:(?:USDC|USDT|USD|EUR|GBP|JPY|CHF|CAD|AUD|DAI|ETH|WETH|STETH|BTC|WBTC|SOL|MATIC|POL|BNB|"
    r"AVAX|ARB|OP|LINK|UNI|AAVE|CRV|TON|TRX|XRP|ADA|DOGE|SHIB|PEPE)\b|[€£¥₿%]|"
    r"(?:tokens?|coins?|shares?|dollars?|euros?|gwei|wei|lamports?|sats?)\b)",
    re.IGNORECASE,
)
CONTEXT_WINDOW = 32
SSN_SAMPLES = ("000", "666", "123456789", "98765432", "078051120")  # Presidio's invalid prefixes

# Issuer prefixes (IIN) of the cards we accept; anything else is an amount or an identifier.
CARD_PREFIXES = (
    ("4", (13, 16, 19)), ("51", (16,)), ("52", (16,)), ("53", (16,)), ("54", (16,)),
    ("55", (16,)), ("22", (16,)), ("23", (16,)), ("24", (16,)), ("25", (16,)), ("26", (16,)),
    ("27", (16,)), ("34", (15,)), ("37", (15,)), ("30", (14, 16, 19)), ("36", (14, 16, 19)),
    ("38", (14, 16, 19)), ("39", (14, 16, 19)), ("35", (16, 17, 18, 19)), ("1800", (15,)),
    ("2131", (15,)), ("6", (16, 17, 18, 19)), ("50", (13, 16, 19)),
)  # fmt: skip
_IBAN_TABLE = """
AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DK18 DO28
EE20 EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IQ23 IS26
IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18
NO15 PK24 PL28 PS29 PT25 QA29 RO24 RS22 SA24 SC31 SE24 SI19 SK24 SM27 ST25 SV28 TL23 TN24
TR26 UA29 VA22 VG24 XK20
"""
IBAN_LENGTHS = {item[:2]: int(item[2:]) for item in _IBAN_TABLE.split()}
_GLUE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")


def _token_class() -> CharClass:
    """A view of the text where token starts are literal byte pairs: ``" d"`` / ``"sd"`` is a
    digit not glued to a letter, digit, ``_`` or ``.``; ``" aadd"`` may start an IBAN.
    ``s`` marks the separators a number may contain (those of ``NUMERIC_RE``), so a digit
    followed by ``,`` or ``%`` (an amount) is not even tried."""
    cls = CharClass("pii-tokens", "")
    table = bytearray(b" " * 256)
    for c in string.ascii_letters + "_":
        table[ord(c)] = ord("a")
    for c in string.digits:
        table[ord(c)] = ord("d")
    for c in " -()":
        table[ord(c)] = ord("s")
    table[ord(".")] = ord(".")
    cls.table = bytes(table)
    return cls


_TOKENS = _token_class()
# what may follow a number's first digit inside the number (NUMERIC_RE): digits, " .-()"
_NUMBER_BODY = bytes(
    ord("n") if chr(b) in string.digits + " .-()" else ord("x") for b in range(256)
)
_NUMBER_START = re.compile(rb"[ s]d(?=[d.s]{6})")  # 7+ characters: "1.1.1.1" is the shortest
_IBAN_START = re.compile(rb"[ s]aadd")


def _pii(kind: str, span: tuple[int, int], value: str, *evidence: str) -> Finding:
    sensitive = kind in ("ssn", "card", "iban")
    return Finding(
        rule_id=f"pii.{kind}",
        category=Category.PII,
        severity=Severity.MEDIUM if sensitive else Severity.LOW,
        action=Action.FLAG,
        message=f"personal data: {kind}",
        span=span,
        preview=mask(value),
        evidence=evidence,
    )


def _before(text: str, start: int, pattern: LazyPattern) -> bool:
    return pattern.search(text, max(0, start - CONTEXT_WINDOW), start) is not None


# --- numbers ----------------------------------------------------------------------------------


def _ssn(text: str, start: int, value: str, digits: str) -> bool:
    m = SSN_RE.fullmatch(value)
    if m is None or len(set(digits)) == 1:
        return False
    if m.group(2) == " " and not _before(text, start, SSN_CONTEXT_RE):
        return False  # "Suite 680 36 4022": spaced digits are an SSN only when named as one
    if digits[3:5] == "00" or digits[5:] == "0000" or digits[0] == "9":
        return False
    return not digits.startswith(SSN_SAMPLES)


def _card_layout(value: str, digits: str) -> bool:
    if value == digits:
        return True
    seps = {c for c in value if not c.isdigit()}
    if len(seps) != 1 or not seps <= {" ", "-"}:
        return False
    groups = [len(g) for g in value.split(seps.pop())]
    return groups in ([4, 6, 5], [4, 6, 4]) or (
        all(g == 4 for g in groups[:-1]) and 1 <= groups[-1] <= 4 and len(groups) >= 4
    )


def _card(text: str, start: int, value: str, digits: str) -> bool:
    if not 13 <= len(digits) <= 19 or not _card_layout(value, digits):
        return False
    if not any(digits.startswith(p) and len(digits) in n for p, n in CARD_PREFIXES):
        return False
    if not is_valid_luhn(digits):
        return False
    if value == digits and not _before(text, start, CARD_CONTEXT_RE):
        # a bare digit run is more often an amount (wei, lamports) than a card
        return not (digits.endswith("00000") or _before(text, start, AMOUNT_CONTEXT_RE))
    return True


def _phone_groups(value: str) -> list[str]:
    return [g for g in re.split(r"[ .\-()]+", value.lstrip("+")) if g]


def _phone_context(text: str, start: int, end: int) -> bool:
    return _before(text, start, PHONE_CONTEXT_RE) or PHONE_AFTER_RE.match(text, end) is not None


def _glued(text: str, start: int, end: int) -> bool:
    """Is the digit group at ``text[start:end]`` part of a longer token: the tail of a number
    ("48,013 (86.42%)"), of a date with a month name ("Dec-06-2026 08:12:47"), or before a
    percent sign? (A label glued by a hyphen, "Tel-555-867-5309", stays a phone.)"""
    before = text[max(0, start - 2) : start]
    if len(before) == 2 and before[1] in ",." and before[0].isdigit():
        return True
    if before[-1:] == "-" and _MONTH_BEFORE_RE.search(text, max(0, start - 5), start):
        return True
    return text[end : end + 1] == "%"


_MONTH_BEFORE_RE = re.compile(
    r"(?<![A-Za-z])(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)-$", re.I
)


def _phone(text: str, start: int, value: str, digits: str) -> bool:
    if not 7 <= len(digits) <= 15 or DATE_RE.match(value):
        return False
    if value[0] not in "+(" and _glued(text, start, start + len(value)):
        return False
    groups = _phone_groups(value)
    end = start + len(value)
    if len(groups) == 1:  # a plain run: only with "+" or a phone word next to it
        return len(digits) >= 8 and (value[0] == "+" or _phone_context(text, start, end))
    if any(len(g) > 5 for g in groups[1:-1]) or len(groups[-1]) < 2:
        return False
    if "." in value and not any(c in value for c in " -()"):
        thousands = all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3
        if len(groups) == 2 or thousands:
            return False  # a decimal or an amount like 1.234.567
    if SSN_RE.fullmatch(value) and not _phone_context(text, start, end):
        return False  # ddd-dd-dddd that failed the SSN rules is not a phone either
    if (
        not any(c in value for c in "+()-")
        and UNIT_AFTER_RE.match(text, end) is not None
        and not _phone_context(text, start, end)
    ):
        return False  # an amount with its unit ("1. 155 000 USDC": a list number, then one)
    if value[0] in "+(" or len(groups) >= 3:
        return True
    if groups[0].startswith("0") and len(digits) >= 9:
        return True  # trunk-prefixed "0393 1144137"
    return _phone_context(text, start, end)  # "call me on 9472 7916"


def _number(text: str, start: int, end: int) -> Finding | None:
    value = text[start:end]
    digits = "".join(c for c in value if c.isdigit())
    if IPV4_RE.fullmatch(value):
        octets = [int(o) for o in value.split(".")]
        return _pii("ip", (start, end), value, "pattern:ipv4") if max(octets) <= 255 else None
    if _ssn(text, start, value, digits):
        return _pii("ssn", (start, end), value, "pattern:ssn", "ranges:valid")
    if len(digits) == 9 and value == digits and _before(text, start, SSN_CONTEXT_RE):
        return _pii("ssn", (start, end), value, "pattern:ssn-plain", "context:ssn")
    if _card(text, start, value, digits):
        return _pii("card", (start, end), value, "pattern:card", "luhn:valid", "iin:known")
    if _phone(text, start, value, digits):
        return _pii("phone", (start, end), value, "pattern:phone")
    return None


def _split(text: str, start: int, end: int) -> list[Finding]:
    """A group of numbers written next to each other: the longest parts that classify."""
    parts = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    found: list[Finding] = []
    if len(parts) > MAX_SPLIT_PARTS:
        return found
    i = 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            hit = _number(text, parts[i][0], parts[j - 1][1]) if (i, j) != (0, len(parts)) else None
            if hit is not None:
                found.append(hit)
                i = j
                break
        else:
            i += 1
    return found


def _starts(text: str, pattern: re.Pattern[bytes]) -> Iterator[int]:
    """Offsets in ``text`` where ``pattern`` (on the token view) says a token starts."""
    marked = b" " + view(text, _TOKENS)
    for m in pattern.finditer(marked):
        yield m.start()  # the leading space shifts the view by one: this is the token start


def _numbers(text: str) -> list[Finding]:
    found: list[Finding] = []
    resume = 0
    body: bytes | None = None
    for pos in _starts(text, _NUMBER_START):
        if pos < resume:
            continue
        if body is None:
            body = text.encode("ascii", "replace").translate(_NUMBER_BODY)
        if b"x" in body[pos + 1 : pos + 6]:  # 7 chars, maybe counting a leading "+" or "("
            continue  # "4,681.20", "0.05%": an amount, not one 7+ character number
        if pos and text[pos - 1] in "+(":
            pos -= 1
        m = NUMERIC_RE.match(text, pos)
        if m is None:
            continue
        start, end = m.span()
        resume = end
        if end - start < 7:  # shortest numeric PII: "1.1.1.1"
            continue
        if text[start] == "(" and ")" not in text[start:end]:
            start += 1
        ext = EXTENSION_RE.match(text, end)
        if end < len(text) and text[end] in _GLUE and ext is None:
            continue  # glued to letters: an identifier or part of a hex blob
        hit = _number(text, start, end)
        if hit is not None and hit.rule_id == "pii.phone" and ext is not None:
            hit = _pii("phone", (start, ext.end()), text[start : ext.end()], "pattern:phone")
        if hit is not None:
            found.append(hit)
        elif " " in text[start:end] and end - start >= 9:
            found += _split(text, start, end)
    return found


# --- IBAN, email, IPv6 --------------------------------------------------------------------


def _iban(value: str) -> bool:
    compact = value.replace(" ", "").upper()
    length = IBAN_LENGTHS.get(compact[:2])
    return length is not None and len(compact) == length and is_valid_iban(compact)


def _ibans(text: str) -> list[Finding]:
    found: list[Finding] = []
    resume = 0
    for pos in _starts(text, _IBAN_START):
        m = IBAN_RE.match(text, pos) if pos >= resume else None
        if m is None:
            continue
        start, end = m.span()
        resume = end
        while end < len(text) and text[end] in _GLUE and " " in text[start:end]:
            end = text.rfind(" ", start, end)  # grouped form ran into a word: drop it
        if end < len(text) and text[end] in _GLUE:
            continue
        value = text[start:end]
        if not _iban(value) and " " in value:
            end = text.rfind(" ", start, end)  # a trailing short word taken as the last group
            value = text[start:end]
        if _iban(value):
            found.append(_pii("iban", (start, end), value, "pattern:iban", "mod97:valid"))
    return found


def _emails(text: str) -> list[Finding]:
    found: list[Finding] = []
    at = text.find("@")
    while at >= 0:
        domain = DOMAIN_RE.match(text, at + 1)
        if domain is None:  # checked first: cheap, and it bounds the search
            at = text.find("@", at + 1)
            continue
        m = EMAIL_RE.search(text, max(0, at - 64), min(len(text), domain.end() + 1))
        if m is not None and m.start() <= at < m.end():
            found.append(_pii("email", m.span(), m.group(), "pattern:email"))
            at = text.find("@", m.end())
        else:
            at = text.find("@", at + 1)
    return found


def _ipv6(text: str) -> list[Finding]:
    found: list[Finding] = []
    resume = 0
    for hint in IPV6_HINT_RE.finditer(text):
        if hint.start() < resume:
            continue
        run = IPV6_RUN_RE.match(text, hint.end())
        start, end = hint.start(), run.end() if run else hint.end()
        floor = max(0, start - 46)
        while start > floor and text[start - 1] in IPV6_CHARS:
            start -= 1
        resume = end
        glued = (start and text[start - 1] in _GLUE) or (end < len(text) and text[end] in _GLUE)
        value = text[start:end].rstrip(".")
        if glued or value.count(":") < 2 or len(value) > 45:  # 45: longest IPv6 text form
            continue
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            continue
        found.append(_pii("ip", (start, start + len(value)), value, "pattern:ipv6"))
    return found


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """PII in ``layer.text`` (spans relative to it). The policy turns FLAG into its mode."""
    text = layer.text
    found = _numbers(text)
    found += _ibans(text)
    if "@" in text:
        found += _emails(text)
    if ":" in text:
        found += _ipv6(text)
    if found and ctx.source.is_read:
        found = [
            f.model_copy(update={"action": Action.ALLOW, "message": f"{f.message} (read)"})
            for f in found
        ]
    return found
