"""Secret-shipping configs: a config or manifest the agent reads that ships its secrets away.

A support bundle that collects ``.env`` and ``keys/signer.json`` with ``upload: true``, a
logging config whose ``[remote]`` endpoint gets ``include_signer_secret = true`` and
``include_env = ["WALLET_"]``, a diagnostics result whose ``requested_fields`` name "the first
line of the .env file" beside a ``submit_to`` URL: no sentence asks anything, the structure
does. Found where a secret source (``.env``, a keystore, ``keys/…``, a signer file,
``id.json``, ``WALLET_*`` / ``PRIVATE_KEY`` variables, an ``include_<secret> = true`` switch)
stands under a key that collects (``include``, ``fields``, ``files``, ``attach`` …) — never
one that leaves out (``exclude``, ``ignore``, ``redact`` …) — in a text that also names where
it goes (an ``endpoint`` / ``submit_to`` / ``webhook`` … URL, or ``upload: true``).
``.gitignore`` lists, ``env_file: .env`` and docs that tell a developer to keep ``.env`` local
name no destination or collect nothing.
"""

from __future__ import annotations

import re

__all__ = ["shipped"]

# where it goes: a destination key with a URL, or an upload switch; tried only where one of
# the key words stands (found by str.find: most texts hold none, and a page holds few)
_DESTINATION_WORDS = (
    "endpoint", "submit_to", "send_to", "post_to", "upload", "collector", "webhook", "report_",
    "forward_to", "destination", "target_url", "ingest",
)  # fmt: skip
_SHIP_AT_RE = re.compile(
    r"""(?:endpoint|submit_to|send_to|post_to|upload_to|upload_url|collector(?:_url)?|
    webhook(?:_url)?|report_(?:url|to)|forward_to|destination|target_url|ingest(?:_url)?)
    ["']?\s*[:=]\s*["']?https?://|
    upload["']?\s*[:=]\s*["']?(?:true|yes|on|1)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def _ships(text: str) -> bool:
    """Does ``text`` name a destination (a URL under a destination key, ``upload: true``)?"""
    low = text.lower()
    if "://" not in text and "upload" not in low:  # neither a URL nor an upload switch
        return False
    for word in _DESTINATION_WORDS:
        at = low.find(word)
        while at != -1:
            if (at == 0 or not low[at - 1].isalnum()) and _SHIP_AT_RE.match(text, at):
                return True
            at = low.find(word, at + 1)
    return False


# what is collected: a wallet secret's usual places and names
_SOURCE_RE = re.compile(
    r"""(?<![\w.])\.env\b(?![.\w])|\bkeystores?\b|(?<![\w/])keys?/[\w.*-]+|
    \bsigner[\w-]*\.(?:json|pass|key|txt)\b|\bid\.json\b|\bwallet\.dat\b|
    \b(?:WALLET_|SIGNER_|PRIVATE_KEY|MNEMONIC|SEED_PHRASE|SOLANA_KEYPAIR)\w*|
    \b[\w-]+\.pass\b|
    \binclude_(?:signer|secret|key|private|env|keystore|mnemonic|seed)\w*["']?\s*[:=]\s*
    ["']?(?:true|yes|on|1)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# the key a value stands under: YAML / TOML "key:" / "key =", a JSON "key":, a TOML [section]
_KEY_RE = re.compile(r"""["']?([A-Za-z_][\w.-]*)["']?\s*(?::(?!//)|=)|\[([\w.-]+)\]""")
_COLLECTS = re.compile(
    r"(?:^|[._-])(?:include\w*|fields|requested\w*|collect\w*|attach\w*|files|paths|"
    r"bundle|upload\w*|extra\w*|capture\w*|gather\w*)$",
    re.IGNORECASE,
)
_LEAVES_OUT = re.compile(
    r"exclude|ignore|redact|strip|mask|deny|block|never|skip|omit|drop|filter|blacklist",
    re.IGNORECASE,
)
_REACH = 400  # characters back where the key a value stands under is looked for
MAX_SOURCES = 64


# a URL template that fills a secret into the request ("register the callback as
# https://hooks.example/cb?merchant={id}&k={SOLANA_KEYPAIR}", ".../v1/${WALLET_PRIVATE_KEY}"):
# the secret's name whole inside the template's braces (not a member of it, "keypair.publicKey",
# nor an id of it, "private_key_id"); the URL's scan is bounded (no quadratic run over a page of
# URLs without spaces)
_URL_TEMPLATE_RE = re.compile(
    r"""https?://[^\s"'<>`]{0,512}?[?&#;/=]\s*(?:\{\{?\s*|\$\{|\$|<|%)(?:\w+[._])?
    ((?:WALLET_\w*(?:KEY|SECRET|SEED|MNEMONIC|PHRASE)|SIGNER_\w*(?:KEY|SECRET)|PRIVATE_?KEY|
    MNEMONIC|SEED_PHRASE|SOLANA_KEYPAIR|KEYPAIR|SECRET_KEY|PRIVKEY)\w*)(?:\s*\}\}?|>|%|(?![\w.(\[]))""",
    re.IGNORECASE | re.VERBOSE,
)
_NOT_THE_SECRET = re.compile(r"(?:_?ids?|_?path|_?file|_?name|_?url|_?hash)$", re.IGNORECASE)


def _url_template(text: str) -> tuple[int, int] | None:
    """The span of a URL template that fills a wallet secret in, if ``text`` holds one."""
    for m in _URL_TEMPLATE_RE.finditer(text):
        if _NOT_THE_SECRET.search(m.group(1)) is None:
            return m.span()
    return None


def shipped(text: str) -> list[tuple[int, int]]:
    """Spans of the secret sources that ``text`` (a config, manifest or structured result)
    collects for a destination it names, or fills into a URL."""
    if "://" in text:
        template = _url_template(text)
        if template is not None:
            return [template]
    if not _ships(text):
        return []
    out: list[tuple[int, int]] = []
    for n, m in enumerate(_SOURCE_RE.finditer(text)):
        if n >= MAX_SOURCES:
            break
        if m.group().lower().startswith("include_") or _collected(text, m.start()):
            out.append(m.span())
    return out


def _collected(text: str, at: int) -> bool:
    """Is the value at ``at`` under a key that collects (the nearest key before it within
    ``_REACH`` characters, on its line or above), and none that leaves out?"""
    window = text[max(0, at - _REACH) : at]
    keys = [k.group(1) or k.group(2) for k in _KEY_RE.finditer(window)]
    if not keys:
        return False
    key = keys[-1]
    return _COLLECTS.search(key) is not None and _LEAVES_OUT.search(key) is None
