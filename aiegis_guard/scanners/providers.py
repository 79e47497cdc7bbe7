"""Provider secrets, declared: one :class:`Provider` per key format (what
:mod:`aiegis_guard.scanners.secrets` searches for).

``Provider.before``: for key-prefix anchors, how far before the anchor the secret may start
(0: it starts with the anchor). ``Provider.after``: for context anchors, the window after the
context word searched for the secret (0: the anchor is a key prefix). ``Provider.near``: a
name required within ``NEAR`` characters of the secret.
"""

from __future__ import annotations

import base64
import binascii
import re
import string
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiegis_guard import jsontext
from aiegis_guard.charclass import BASE58
from aiegis_guard.checksums import b58decode
from aiegis_guard.findings import Action, Severity
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.public_values import public_chain_value

__all__ = ["NEAR", "PROVIDERS", "Provider"]

B = r"(?<![A-Za-z0-9_-])"  # token boundaries
E = r"(?![A-Za-z0-9_-])"
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


@dataclass(frozen=True, slots=True)
class Provider:
    """One provider's secret format."""

    rule: str  # rule id: ``secret.<rule>``
    name: str
    anchors: tuple[str, ...]  # lower-case literals
    pattern: LazyPattern  # compiled when an anchor first leads to it
    max_len: int  # longest match (bounds the search window)
    before: int = 0
    after: int = 0
    check: Callable[[str], str | None] | None = None  # evidence, or None to reject
    action: Action = Action.BLOCK
    severity: Severity = Severity.CRITICAL
    near: LazyPattern | None = None  # a name required within ``NEAR`` characters of the secret
    generic: bool = False  # yields to a provider's own rule on the same secret


def _re(pattern: str) -> LazyPattern:
    """Compiled on first use: a text reaches a pattern only next to its anchor, so most
    processes compile few of the ~35 (all of them took ~20 ms of every import)."""
    return LazyPattern(pattern, re.VERBOSE)


def _crc32_base62(value: str) -> str | None:
    """GitHub / npm tokens end in a base62 CRC32 of their random part (evidence, not a gate)."""
    body, tail = value[4:-6], value[-6:]
    number = 0
    for c in tail:
        number = number * 62 + _BASE62.index(c)
    return "checksum:crc32" if binascii.crc32(body.encode()) == number else "checksum:none"


def _mixed(value: str) -> str | None:
    """Generic-alphabet keys found by context must mix letters and digits (not a word/number)."""
    has_digit = any(c.isdigit() for c in value)
    has_alpha = any(c.isalpha() for c in value)
    return "charset:mixed" if has_digit and has_alpha else None


# a page / sync / CSRF token is none, nor a paging cursor (AWS PaginationToken, a scroll,
# cursor or change-stream resume token) or a request's idempotency token (one bounded run for
# the name: no nested repeats)
_NOT_AFTER = "".join(
    f"(?<!{w})(?<!{w}[_.-])"
    for w in ("page", "next", "csrf", "xsrf", "sync", "continuation", "cancel", "pagination",
              "paging", "scroll", "cursor", "resume", "idempotency")
)  # fmt: skip
_PUBLIC_VALUE_RE = LazyPattern(
    r"0x[0-9a-fA-F]{40}|[xyztuvXYZTUV]pub[1-9A-HJ-NP-Za-km-z]{100,}|eyJ[A-Za-z0-9_.-]*"
)


def _credential_value(value: str) -> str | None:
    """A value named as a credential that is one (letters and digits mixed), not an address, a
    Solana mint or account (32 bytes of base58), an extended public key, another chain's
    address or asset id by its own checksum (:mod:`~aiegis_guard.scanners.public_values`:
    ``"usdtToken": "TR7N.."``) or a JWT (left to the JWT rules)."""
    if _mixed(value) is None or _PUBLIC_VALUE_RE.fullmatch(value) is not None:
        return None
    if public_chain_value(value) is not None:
        return None
    if 32 <= len(value) <= 44 and BASE58.chars.issuperset(value):
        raw = b58decode(value)
        if raw is not None and len(raw) == 32:
            return None
    return "charset:mixed"


def _not_example(value: str) -> str | None:
    return None if "EXAMPLE" in value else "not-doc-example"


def _b64json(part: str) -> dict[str, Any] | None:
    try:
        data = jsontext.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
    except (ValueError, binascii.Error):
        return None
    return data if isinstance(data, dict) else None


def _jwt(value: str) -> str | None:
    header = _b64json(value.split(".", 1)[0])
    return "header:alg" if header is not None and "alg" in header else None


def _basic(value: str) -> str | None:
    """Base64 of ``user:secret`` whose secret mixes letters and digits (not "user:password")."""
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4)).decode("ascii")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    user, sep, secret = decoded.partition(":")
    if not sep or not user or len(secret) < 8 or not decoded.isprintable():
        return None
    return "decodes-to:user:secret" if _mixed(secret) else None


def _ed25519_b64(value: str) -> str | None:
    try:
        return "decodes-to:64-bytes" if len(base64.b64decode(value)) == 64 else None
    except (ValueError, binascii.Error):
        return None


def _discord(value: str) -> str | None:
    """The first segment of a Discord bot token is the base64 of the bot's numeric id."""
    part = value.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    except (ValueError, binascii.Error):
        return None
    return "segment:user-id" if decoded.isdigit() else None


NEAR = 48  # characters each side of a secret searched for the name ``Provider.near`` requires
# "moralis_api_key:", "X-API-Key", "apiKey", "service_role", "SERVICE_KEY" (not "anon" keys)
_API_KEY_NAME = LazyPattern(r"(?i)(?<![a-z])(?:x[_-]?)?api[_-]?key|service[_-]?(?:role|key)")


# --- the declarations ---------------------------------------------------------------------

PROVIDERS: tuple[Provider, ...] = (
    Provider("openai", "OpenAI API key", ("sk-",), _re(
        rf"{B}sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{{16,200}}T3BlbkFJ[A-Za-z0-9_-]{{16,200}}{E}"
        rf"|{B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{{64,250}}{E}"), 420),
    Provider("anthropic", "Anthropic API key", ("sk-ant-",), _re(
        rf"{B}sk-ant-(?:api|admin|oat)\d\d-[A-Za-z0-9_-]{{80,120}}{E}"), 140),
    Provider("deepseek", "DeepSeek API key", ("sk-",), _re(rf"{B}sk-[0-9a-f]{{32}}{E}"), 35),
    Provider("openrouter", "OpenRouter API key", ("sk-or-v1-",), _re(
        rf"{B}sk-or-v1-[0-9a-f]{{64}}{E}"), 73),
    Provider("google_api_key", "Google API key", ("aiza",), _re(
        rf"{B}AIza[0-9A-Za-z_-]{{35}}{E}"), 39),
    # not in a SigV4 credential scope (an Authorization header's Credential=, a presigned
    # URL's X-Amz-Credential=): there it names who signed, beside a signature, not a secret
    Provider("aws_access_key", "AWS access key id", ("akia", "asia", "abia", "acca"), _re(
        r"(?<![A-Za-z0-9])(?<![Cc]redential=)(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])"),
        20,
        check=_not_example),
    Provider("aws_secret_key", "AWS secret access key",
        ("aws_secret", "secret_access_key", "secretaccesskey", "aws secret"), _re(
        r"(?<![A-Za-z0-9/+])(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])"), 40, after=64,
        check=lambda v: _not_example(v) and _mixed(v)),
    Provider("github", "GitHub token", ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        _re(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})"
            r"(?![A-Za-z0-9_])"), 93,
        check=lambda v: _crc32_base62(v) if v[3] == "_" else "format:fine-grained"),
    Provider("gitlab", "GitLab token", ("glpat-", "gldt-", "glrt-", "glptt-", "glsoat-"), _re(
        rf"{B}gl(?:pat|dt|rt|ptt|soat)-[A-Za-z0-9_-]{{20,64}}{E}"), 71),
    Provider("slack", "Slack token or webhook", (
        "xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xoxe-", "hooks.slack.com/services/"), _re(
        rf"{B}xox[abeprs]-[0-9]{{6,15}}(?:-[0-9]{{6,15}}){{1,2}}-[A-Za-z0-9]{{24,64}}{E}"
        r"|https://hooks\.slack\.com/services/T[A-Z0-9]{6,12}/B[A-Z0-9]{6,12}/[A-Za-z0-9]{20,32}"),
        130, before=8),
    Provider("stripe", "Stripe live secret key", ("sk_live_", "rk_live_"), _re(
        r"(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])"), 255),
    Provider("telegram_bot", "Telegram bot token", (":aa",), _re(
        r"(?:(?<=bot)|(?<![A-Za-z0-9_:]))(?P<secret>\d{8,10}:AA[A-Za-z0-9_-]{33})(?![A-Za-z0-9_-])"),
        46, before=10),
    Provider("discord_bot", "Discord bot token", ("discord",), _re(
        rf"{B}(?P<secret>[MNO][A-Za-z0-9_-]{{23,27}}\.[A-Za-z0-9_-]{{6}}\.[A-Za-z0-9_-]{{27,40}}){E}"),
        75, after=120, check=_discord),
    Provider("twilio", "Twilio API key or auth token", ("twilio",), _re(
        r"(?<![A-Za-z0-9_])(?P<secret>SK[0-9a-fA-F]{32}|[0-9a-f]{32})(?![A-Za-z0-9_])"), 34,
        after=100, check=_mixed),
    Provider("sendgrid", "SendGrid API key", ("sg.",), _re(
        r"(?<![A-Za-z0-9_.])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])"), 69),
    # hf_ + 34 letters and digits (User Access Tokens: huggingface.co/docs/hub/security-tokens;
    # the shape trufflehog's huggingface detector matches)
    Provider("huggingface", "Hugging Face token", ("hf_",), _re(
        r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34}(?![A-Za-z0-9_])"), 37),
    Provider("azure", "Azure storage key or client secret", ("accountkey=", "q~"), _re(
        r"AccountKey=(?P<secret>[A-Za-z0-9+/]{86}==)"
        r"|(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])"),
        99, before=4),
    Provider("npm", "npm access token", ("npm_",), _re(
        r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])"), 40, check=_crc32_base62),
    Provider("pypi", "PyPI upload token", ("pypi-ageichlwas5vcmc",), _re(
        rf"{B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{{50,300}}{E}"), 320),
    Provider("alchemy", "Alchemy API key", ("alchemy",), _re(
        r"(?:alchemy\.com/v2/|alchemyapi\.io/v2/|(?<![A-Za-z0-9_-]))"
        rf"(?P<secret>[A-Za-z0-9_-]{{32}}){E}"), 50, after=120, check=_mixed),
    # the same keys in a request's path with the provider's host on its own line (an HTTP
    # dump: "POST /v2/<key> HTTP/1.1" then "Host: eth-mainnet.g.alchemy.com")
    Provider("alchemy", "Alchemy API key", ("/v2/",), _re(
        rf"/v2/(?P<secret>[A-Za-z0-9_-]{{32}}){E}"), 36, check=_mixed,
        near=LazyPattern(r"(?i)alchemy(?:api)?\.(?:com|io)\b")),
    Provider("infura", "Infura project secret / id", ("/v3/",), _re(
        rf"/v3/(?P<secret>[0-9a-f]{{32}}){E}"), 36, check=_mixed,
        near=LazyPattern(r"(?i)infura\.io\b")),
    Provider("infura", "Infura project secret / id", ("infura",), _re(
        rf"(?:infura\.io/(?:ws/)?v3/|{B})(?P<secret>[0-9a-f]{{32}}){E}"), 50, after=80,
        check=_mixed),
    Provider("etherscan", "Etherscan-family API key", (
        "etherscan", "bscscan", "polygonscan", "arbiscan", "basescan", "snowtrace", "ftmscan",
        "celoscan", "lineascan", "blastscan"), _re(
        r"(?<![A-Za-z0-9])(?P<secret>[A-Z0-9]{34})(?![A-Za-z0-9])"), 34, after=200,
        check=_mixed),
    Provider("helius", "Helius API key", ("helius",), _re(
        rf"(?:api[-_]?key=|key[\"'\s:=]+)(?P<secret>{UUID})"), 60, after=120),
    # Blast API: the project id (a UUID) is the path of the endpoint,
    # https://<network>.blastapi.io/<project id> (wss:// likewise)
    Provider("blastapi", "Blast API project id", ("blastapi.io/",), _re(
        rf"blastapi\.io/(?P<secret>{UUID})(?![A-Za-z0-9_-])"), 49),
    # NodeReal MegaNode: https://<chain>-<network>.nodereal.io/v1/<API key> (32 hex; the
    # endpoint shape of docs.nodereal.io's MegaNode introduction, linked from BNB Chain's
    # JSON-RPC docs), wss:// likewise
    Provider("nodereal", "NodeReal API key", ("nodereal.io/",), _re(
        r"nodereal\.io/(?:ws/)?v1/(?P<secret>[0-9a-f]{32})(?![A-Za-z0-9_])"), 48, check=_mixed),
    # Blockdaemon API Suite: the key as a bearer token to svc.blockdaemon.com (or the legacy
    # ubiquity.api.blockdaemon.com); docs.blockdaemon.com "Authenticate Your API Requests"
    # (?apiKey= and X-API-Key: the generic api_key rule). The header after the URL (a log's
    # captured request) or before it (curl -H .. URL)
    Provider("blockdaemon", "Blockdaemon API key", ("blockdaemon.com",), _re(
        rf"(?i:bearer)\s+(?P<secret>[A-Za-z0-9_-]{{30,64}}){E}"), 75, after=240, check=_mixed),
    Provider("blockdaemon", "Blockdaemon API key", ("bearer",), _re(
        rf"(?i:bearer)\s+(?P<secret>[A-Za-z0-9_-]{{30,64}}){E}"), 75, check=_mixed,
        near=LazyPattern(r"(?i)blockdaemon\.com")),
    Provider("quicknode", "QuickNode endpoint token", ("quiknode.pro/",), _re(
        r"quiknode\.pro/(?P<secret>[0-9a-f]{32,64})(?![A-Za-z0-9_])"), 78),
    Provider("ankr", "Ankr RPC token", ("rpc.ankr.com/",), _re(
        r"rpc\.ankr\.com/[a-z0-9_]{2,30}/(?P<secret>[0-9a-f]{64})(?![A-Za-z0-9_])"), 110),
    # node providers' endpoint keys, in the URL shapes their docs give: Chainstack
    # (nd-NNN-NNN-NNN.p2pify.com/<key>, *.core.chainstack.com/<key>), GetBlock
    # (go.getblock.io/<token>), Tenderly Node RPC (<network>.gateway.tenderly.co/<key>), dRPC
    # (lb.drpc.org/...&dkey=<key>)
    # (the anchor is where the match starts: the whole "core.chainstack.com/", not its middle)
    Provider("chainstack", "Chainstack node endpoint key", (
        "p2pify.com/", "core.chainstack.com/"), _re(
        r"(?:p2pify|core\.chainstack)\.com/(?P<secret>[0-9a-f]{32})(?![A-Za-z0-9_])"), 60),
    Provider("getblock", "GetBlock access token", ("getblock.io/",), _re(
        r"getblock\.io/(?P<secret>[0-9a-f]{32})(?![A-Za-z0-9_])"), 48),
    Provider("tenderly", "Tenderly Node RPC access key", ("gateway.tenderly.co/",), _re(
        r"gateway\.tenderly\.co/(?P<secret>[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"), 90,
        check=_mixed),
    Provider("drpc", "dRPC key", ("dkey=",), _re(
        r"dkey=(?P<secret>[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"), 70, check=_mixed),
    Provider("coinbase_cdp", "Coinbase CDP API secret (base64 Ed25519 key)", (
        "/apikeys/", "cdp_api_key", "apikeysecret", "api_key_secret", "privatekey"), _re(
        r"(?<![A-Za-z0-9+/])(?P<secret>[A-Za-z0-9+/]{86}==)"), 88, after=200, check=_ed25519_b64),
    Provider("groq", "Groq API key", ("gsk_",), _re(
        r"(?<![A-Za-z0-9_])gsk_[A-Za-z0-9]{52}(?![A-Za-z0-9_])"), 56),
    Provider("mistral", "Mistral API key", ("mistral",), _re(
        rf"{B}(?P<secret>[A-Za-z0-9]{{32}}){E}"), 32, after=64, check=_mixed),
    Provider("cohere", "Cohere API key", ("cohere", "co_api_key"), _re(
        rf"{B}(?P<secret>[A-Za-z0-9]{{40}}){E}"), 40, after=64, check=_mixed),
    Provider("replicate", "Replicate API token", ("r8_",), _re(
        r"(?<![A-Za-z0-9_])r8_[A-Za-z0-9]{37}(?![A-Za-z0-9_])"), 40),
    Provider("xai", "xAI API key", ("xai-",), _re(rf"{B}xai-[A-Za-z0-9]{{80}}{E}"), 84),
    Provider("perplexity", "Perplexity API key", ("pplx-",), _re(
        rf"{B}pplx-[A-Za-z0-9]{{48}}{E}"), 53),
    Provider("digitalocean", "DigitalOcean token", ("dop_v1_", "doo_v1_", "dor_v1_"), _re(
        r"(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])"), 71),
    Provider("shopify", "Shopify access token", ("shpat_", "shpca_", "shppa_", "shpss_"), _re(
        r"(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])"), 38),
    # node / data providers' keys in the shapes their docs give: Triton One
    # (https://<name>.rpcpool.com/<token>), Covalent / GoldRush (cqt_...)
    Provider("triton", "Triton One RPC token", ("rpcpool.com/",), _re(
        r"rpcpool\.com/(?P<secret>[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])"), 80, check=_mixed),
    Provider("covalent", "Covalent (GoldRush) API key", ("cqt_",), _re(
        r"(?<![A-Za-z0-9_])cqt_[A-Za-z0-9]{20,40}(?![A-Za-z0-9_])"), 44, check=_mixed),
    # any key given by its name: an x-api-key / api-key header, an ?apikey= parameter, an
    # /api-key/<key> path, a secretKey field (Shyft, Birdeye, 0x, Pimlico, Syndica, thirdweb),
    # the other credential headers / fields (Tenderly's X-Access-Key, X-Auth-Token, GitLab's
    # PRIVATE-TOKEN): letters and digits mixed (a name or a placeholder is neither)
    Provider("api_key", "API key given by its name", (
        "api-key", "api_key", "apikey", "secretkey", "secret_key", "secret-key", "access-key",
        "access_key", "accesskey", "auth-token", "auth_token", "authtoken", "private-token",
        "private_token"), _re(
        r"(?i:api[-_]?key|secret[-_]?key|access[-_]?key|auth[-_]?token|private[-_]?token)[\"'`]?"
        # a header kept as a name / value pair (Insomnia, Postman, HAR: {"name": "api-key",
        # "value": ".."}, {"key": "x-api-key", "value": ".."})
        r"(?:[\s,]{1,8}[\"'`]?value[\"'`]?)?\s*[:=/]\s*[\"'`]?"
        r"(?P<secret>[A-Za-z0-9_-]{16,128})(?![A-Za-z0-9_-])"), 150, check=_mixed, generic=True),
    # a credential named by a variable or field whose name ends in "token" or "secret" after a
    # qualifier (API_TOKEN, BOT_TOKEN, authToken, CLIENT_SECRET, WEBHOOK_SECRET): letters and
    # digits mixed. Not a bare "token" / "secret" (a wallet's token is a contract), not a
    # page / sync / CSRF token, not an address, a mint or an xpub (a watch-only "secret")
    Provider("api_key", "credential given by its name", ("token", "secret"), _re(
        rf"(?i:(?<![a-z0-9_.-])[a-z0-9][a-z0-9_.-]{{0,60}}{_NOT_AFTER}(?:token|secret))"
        r"[\"'`]?[ \t]*[:=][ \t]*[\"'`]?(?P<secret>[A-Za-z0-9_.~-]{16,256})(?![A-Za-z0-9_.~+/=-])"),
        330, before=64,
        check=_credential_value, generic=True),
    # the same credentials as curl's -u / --user writes them, before encoding ("-u <project
    # id>:<secret>"): the secret of letters and digits mixed
    Provider("basic_auth", "HTTP Basic credentials", ("-u ", "--user ", "--user="), _re(
        r"(?:-u|--user)[ =][ \t]*[\"']?[^\s:\"'@$]{1,64}:(?P<secret>[A-Za-z0-9_.~+/-]{16,128})"
        r"(?![^\s\"'])"), 210, check=_mixed, generic=True),
    # HTTP Basic credentials (Infura IPFS: base64 of "<project id>:<secret>"): decoded, a name
    # and a secret of letters and digits
    Provider("basic_auth", "HTTP Basic credentials", ("basic ",), _re(
        r"(?i:basic)\s+(?P<secret>[A-Za-z0-9+/]{16,300}={0,2})(?![A-Za-z0-9+/=])"), 320,
        check=_basic, generic=True),
    # a JWT named as an API / service key (Moralis' keys, a Supabase service_role key) is the
    # key itself; any other JWT (a session's bearer token) is only flagged
    Provider("jwt_api_key", "API key in JWT form", ("eyj",), _re(
        rf"{B}eyJ[A-Za-z0-9_-]{{8,2000}}\.eyJ[A-Za-z0-9_-]{{8,8000}}\.[A-Za-z0-9_-]{{8,2000}}{E}"),
        12010, check=_jwt, near=_API_KEY_NAME),
    Provider("jwt", "JSON Web Token", ("eyj",), _re(
        rf"{B}eyJ[A-Za-z0-9_-]{{8,2000}}\.eyJ[A-Za-z0-9_-]{{8,8000}}\.[A-Za-z0-9_-]{{8,2000}}{E}"),
        12010, check=_jwt, action=Action.FLAG, severity=Severity.MEDIUM),
)  # fmt: skip
