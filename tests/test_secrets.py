"""Provider secrets: one vector per provider, near misses, masking, adversarial input."""

from __future__ import annotations

import json
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard import Action, Guard, Policy, Source
from aiegis_guard.normalize import normalize
from aiegis_guard.scanners import ScanContext, Stage, secrets
from tests.conftest import VECTORS

VECTORS_DATA = json.loads((VECTORS / "provider_secrets.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), stages=(Stage("secrets", secrets.scan),), classifier=False)


def test_at_least_25_providers_are_declared() -> None:
    """The declarations cover at least 25 providers, each with a vector."""
    rules = {p.rule for p in secrets.PROVIDERS}
    assert len(rules) >= 25
    assert rules == set(VECTORS_DATA["positives"])


POSITIVES = [
    pytest.param(r, v["text"], v["secret"], id=r) for r, v in VECTORS_DATA["positives"].items()
]


@pytest.mark.parametrize(("rule", "text", "secret"), POSITIVES)
def test_provider_secret_is_found(rule: str, text: str, secret: str) -> None:
    """Each provider's key is reported under secret.<provider> (JWT: FLAG, others: BLOCK)."""
    verdict = GUARD.check_text(text)
    assert f"secret.{rule}" in verdict.rule_ids, verdict.explain()
    assert verdict.action is (Action.FLAG if rule == "jwt" else Action.BLOCK)


@pytest.mark.parametrize(
    ("name", "text"), [pytest.param(n, t, id=n) for n, t in VECTORS_DATA["negatives"].items()]
)
def test_near_miss_is_not_a_secret(name: str, text: str) -> None:
    """Near misses (short, doc examples, context without a key) raise nothing."""
    assert GUARD.check_text(text).findings == ()


@pytest.mark.parametrize(("rule", "text", "secret"), POSITIVES)
def test_span_is_the_secret_and_preview_is_masked(rule: str, text: str, secret: str) -> None:
    """The span covers exactly the secret; the preview shows at most 4 characters of it."""
    (f,) = [f for f in GUARD.check_text(text).findings if f.rule_id == f"secret.{rule}"]
    assert f.span is not None and f.evidence
    assert text[f.span[0] : f.span[1]] == secret
    assert secret not in f.preview and f.preview.split("…")[0] == secret[:4]
    assert f.redact


def test_secret_in_a_base64_layer_is_found() -> None:
    """A key hidden in base64 is found on the decoded layer and mapped to the encoded span."""
    import base64

    inner = VECTORS_DATA["positives"]["github"]["secret"]
    encoded = base64.b64encode(f"please use {inner} now".encode()).decode()
    verdict = GUARD.check_text(f"config: {encoded}")
    assert "secret.github" in verdict.rule_ids
    (f,) = verdict.findings
    assert "layer:base64" in f.evidence and f.span is not None


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("sk-" * 100_000, id="prefix-storm"),
        pytest.param("eyJ" + "a" * 300_000, id="jwt-head-only"),
        pytest.param("eyJa.eyJb." * 30_000, id="jwt-fragments"),
        pytest.param("etherscan " * 30_000, id="context-storm"),
        pytest.param(":AA" * 100_000, id="telegram-anchors"),
    ],
)
def test_adversarial_inputs_finish(text: str) -> None:
    """Anchor storms return a verdict without findings (bounded windows, no backtracking)."""
    assert GUARD.check_text(text).findings == ()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=string.printable, max_size=300))
def test_any_text_yields_valid_spans(text: str) -> None:
    """Spans always lie inside the layer text."""
    layer = normalize(text).layers[0]
    for f in secrets.scan(layer, ScanContext(Source.TOOL_INPUT, Policy())):
        assert f.span is not None and 0 <= f.span[0] < f.span[1] <= len(layer.text)


_KEY32 = "Qm7xT2pL9vR4sK8wZ3nB6yH1cD5fG0jA"  # 32 characters, made up for this test
_HEX32 = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c"  # made up for this test
_UUID = "3c9e1f7a-2b4d-4e6f-8a1c-5d7e9f0b2c4a"  # made up for this test


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        pytest.param(
            f"POST /v2/{_KEY32} HTTP/1.1\nHost: eth-mainnet.g.alchemy.com\n",
            "secret.alchemy",
            id="alchemy-key-in-path-host-below",
        ),
        pytest.param(
            f"GET /v3/{_HEX32} HTTP/1.1\nHost: mainnet.infura.io",
            "secret.infura",
            id="infura-id-in-path-host-below",
        ),
        pytest.param(
            f'{{"headers": [{{"name": "api-key", "value": "{_UUID}"}}]}}',
            "secret.api_key",
            id="api-key-header-as-name-value-pair",
        ),
        pytest.param(
            f'- key: x-api-key\n  value: "{_KEY32}"', "secret.api_key", id="postman-key-value"
        ),
        pytest.param(
            f"HTTPURL = 'https://bsc-mainnet.blastapi.io/{_UUID}'",
            "secret.blastapi",
            id="blastapi-project-id",
        ),
        pytest.param(
            f'{{"url": "https://svc.blockdaemon.com/universal/v1/ethereum/mainnet", '
            f'"headers": {{"Authorization": "Bearer {_KEY32}x7Y2"}}}}',
            "secret.blockdaemon",
            id="blockdaemon-bearer-in-logged-headers",
        ),
    ],
)
def test_provider_key_in_request_shapes(text: str, rule: str) -> None:
    """A provider key in a request's path (host on another line) or a name/value header."""
    assert rule in GUARD.check_text(text).rule_ids


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"POST /v2/{_KEY32} HTTP/1.1\nHost: api.example.com", id="v2-path-other-host"),
        pytest.param(
            f'{{"headers": [{{"name": "x-request-id", "value": "{_UUID}"}}]}}',
            id="request-id-header-pair",
        ),
        pytest.param(
            '{"name": "api-key", "value": "{{NOWNODES_API_KEY}}"}', id="api-key-pair-template"
        ),
        pytest.param(f"https://explorer.example.io/{_UUID}", id="uuid-path-other-host"),
        pytest.param(
            "curl -H 'Authorization: Bearer YOUR_API_KEY_HERE_FROM_THE_DASHBOARD' "
            "https://svc.blockdaemon.com/universal/v1/bitcoin/mainnet/sync/block_number",
            id="blockdaemon-placeholder",
        ),
    ],
)
def test_provider_key_shapes_without_key_are_clean(text: str) -> None:
    """The same shapes with no provider host, another header's name, or a template value."""
    assert GUARD.check_text(text).findings == ()


def _password(rng_seed: int) -> str:
    import random

    rng = random.Random(rng_seed)
    return "".join(
        rng.choice("abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789") for _ in range(18)
    )


@pytest.mark.parametrize(
    "template",
    [
        "DATABASE_URL=postgres://app:{pw}@db.internal:5432/wallet",
        "REDIS_URL=redis://default:{pw}@cache-1.example.net:6379",
        "SMTP_URL=smtp://mailer:{pw}@smtp.example.org:587",
        "amqp://svc:{pw}@mq.example.com/vhost and ftp://backup:{pw}@files.example.com/",
    ],
)
@pytest.mark.parametrize("source", [Source.TOOL_OUTPUT, Source.TOOL_INPUT])
def test_a_password_in_a_url_is_flagged_and_masked(template: str, source: Source) -> None:
    """A credential in a URL's user information is flagged wherever it is (read or sent) and
    never shown."""
    pw = _password(7)
    text = template.format(pw=pw)
    verdict = Guard(Policy(), classifier=False).check_text(text, source=source)
    assert "secret.url_credentials" in verdict.rule_ids
    assert verdict.action is not Action.ALLOW
    assert pw not in verdict.to_json()
    assert pw not in (verdict.redacted_text or "")


@pytest.mark.parametrize(
    "text",
    [
        "DATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/wallet",
        "postgres://user:password@localhost/db",
        "redis://default:****@cache:6379",
        "https://api.example.com/v1/quote?x=1",
        "mongodb://<user>:<password>@cluster0.example.net",
        "git@github.com:org/repo.git",
    ],
)
def test_placeholders_and_plain_urls_are_no_url_credentials(text: str) -> None:
    verdict = Guard(Policy(), classifier=False).check_text(text, source=Source.TOOL_OUTPUT)
    assert "secret.url_credentials" not in verdict.rule_ids
