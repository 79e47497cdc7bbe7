"""Orchestration on real uvicorn servers: failover, breaker open / half-open probe / recovery,
503 + Retry-After when every upstream is open, limp modes, audit records, metrics, auth.
Waits are bounded polls (state changes), never timing assertions."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

openai = pytest.importorskip("openai")
pytest.importorskip("uvicorn")

from aiegis_guard.config import parse_config  # noqa: E402
from aiegis_guard.errors import ConfigError  # noqa: E402
from aiegis_guard.gateway.app import build_gateway, check_bind, create_app  # noqa: E402
from tests.gateway_support import Reply, ScriptedUpstream, serve  # noqa: E402

FRIEND = "0x4444444444444444444444444444444444444444"
PAY = ("transfer_eth", {"to": FRIEND, "amount_wei": 10})


def _config(tmp_path: Path, *, ledger: dict[str, Any] | None = None, **extra: Any) -> Any:
    breaker = {"window": 4, "min_calls": 2, "cooldown": 0.3, "retries": 1, "backoff_base": 0.0}
    return parse_config({
        "allowlist": {"evm": [FRIEND]},
        "ledger": ledger or {"backend": "memory"},
        "audit": {"path": str(tmp_path / "audit.jsonl")},
        "gateway": {"heartbeat_seconds": 0.1, "breaker": breaker, **extra.pop("gateway", {})},
        **extra,
    })  # fmt: skip


def _events(tmp_path: Path) -> list[dict[str, Any]]:
    path = tmp_path / "audit.jsonl"
    if not path.exists():
        return []
    lines = [json.loads(x) for x in path.read_text().splitlines()]
    return [x for x in lines if x.get("kind") == "gateway"]


def _wait(check: Callable[[], bool], seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return check()


@pytest.fixture
def two_upstreams() -> Iterator[tuple[ScriptedUpstream, ScriptedUpstream, list[str]]]:
    a, b = ScriptedUpstream("a"), ScriptedUpstream("b")
    with serve(a.app) as ra, serve(b.app) as rb:
        yield a, b, [f"{ra.url}/v1", f"{rb.url}/v1"]


def test_failover_open_probe_recover(
    tmp_path: Path, two_upstreams: tuple[ScriptedUpstream, ScriptedUpstream, list[str]]
) -> None:
    """A failing upstream opens its breaker, traffic fails over, a half-open probe recovers it;
    each transition is an audit record."""
    a, b, urls = two_upstreams
    a.default = Reply(status=500)
    b.default = Reply(content="from b")
    gw = build_gateway(_config(tmp_path), upstreams=urls, classifier=False)
    with serve(create_app(gw)) as running:
        client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="x", max_retries=0)
        resp = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}]
        )
        assert resp.choices[0].message.content == "from b"
        metrics = httpx.get(f"{running.url}/metrics").text
        assert any(
            line.startswith("aiegis_breaker_state") and line.endswith(" 2.0")
            for line in metrics.splitlines()
        )
        # the proxied turn's verdicts (recorded after its answer went out) are in the scrape
        assert 'aiegis_judge_seconds_count{surface="proxy_in"} 1.0' in metrics
        assert 'aiegis_judge_seconds_count{surface="proxy_out"} 1.0' in metrics
        a.default = Reply(content="from a")  # the upstream recovers
        assert _wait(
            lambda: gw.pool is not None and gw.pool.states()[gw.pool.upstreams[0].name] == "closed"
        )
        resp = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "hi"}]
        )
        assert resp.choices[0].message.content == "from a"
    moves = [(e["from"], e["to"]) for e in _events(tmp_path) if e["what"].startswith("upstream:")]
    # a probe may fail while the upstream is still down (reopening with a longer cooldown)
    assert moves[0] == ("closed", "open") and ("open", "half_open") in moves
    assert moves[-1] == ("half_open", "closed")
    assert all(e["trigger"] and e["time"] for e in _events(tmp_path))


def test_all_open_is_503_with_retry_after(
    tmp_path: Path, two_upstreams: tuple[ScriptedUpstream, ScriptedUpstream, list[str]]
) -> None:
    """When every breaker is open the proxy answers 503 with Retry-After (limp: upstreams)."""
    a, b, urls = two_upstreams
    a.default = b.default = Reply(status=503)
    config = _config(
        tmp_path,
        gateway={"breaker": {"min_calls": 2, "cooldown": 30.0, "retries": 1, "backoff_base": 0.0}},
    )
    gw = build_gateway(config, upstreams=urls, classifier=False)
    with serve(create_app(gw)) as running:
        body = {"model": "m", "messages": [{"role": "user", "content": "hi"}]}
        first = httpx.post(f"{running.url}/v1/chat/completions", json=body, timeout=30)
        assert first.status_code == 502 and first.json()["error"]["type"] == "upstream_failed"
        second = httpx.post(f"{running.url}/v1/chat/completions", json=body, timeout=30)
        assert second.status_code == 503
        assert int(second.headers["retry-after"]) >= 1
        assert "upstreams" in httpx.get(f"{running.url}/readyz").json()["limp"]
    assert any(e["what"] == "limp:upstreams" and e["to"] == "on" for e in _events(tmp_path))


def test_ledger_down_blocks_value_moves(
    tmp_path: Path, two_upstreams: tuple[ScriptedUpstream, ScriptedUpstream, list[str]]
) -> None:
    """Ledger unreachable -> limp mode: value-moving tool calls are blocked, others pass."""
    a, _, urls = two_upstreams
    ledger = {"backend": "redis", "url": "redis://127.0.0.1:1/0"}
    gw = build_gateway(_config(tmp_path, ledger=ledger), upstreams=urls[:1], classifier=False)
    with serve(create_app(gw)) as running:
        client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="x", max_retries=0)
        assert "ledger" in httpx.get(f"{running.url}/readyz").json()["limp"]
        a.script(Reply(tool_calls=[PAY]), Reply(tool_calls=[("get_weather", {"city": "Oslo"})]))
        msgs = [{"role": "user", "content": "pay"}]
        blocked = client.chat.completions.create(model="m", messages=msgs)
        got = blocked.model_extra["aiegis"]["tool_calls"][0]
        assert got["decision"] == "block" and "gateway.ledger_down" in got["rule_ids"]
        fine = client.chat.completions.create(model="m", messages=msgs)
        assert fine.choices[0].message.tool_calls
    limp = [e for e in _events(tmp_path) if e["what"] == "limp:ledger"]
    assert limp and limp[0]["to"] == "on" and limp[0]["outcome"] == "value moves blocked"


def test_model_down_value_moves_need_approval(
    tmp_path: Path, two_upstreams: tuple[ScriptedUpstream, ScriptedUpstream, list[str]]
) -> None:
    """Classifier unavailable -> rules only, and a payment that was fine now needs approval."""
    a, _, urls = two_upstreams
    config = _config(tmp_path, classifier={"path": str(tmp_path / "missing.onnx")})
    gw = build_gateway(config, upstreams=urls[:1])
    with serve(create_app(gw)) as running:
        client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="x", max_retries=0)
        assert "model" in httpx.get(f"{running.url}/readyz").json()["limp"]
        a.script(Reply(tool_calls=[PAY]))
        resp = client.chat.completions.create(
            model="m", messages=[{"role": "user", "content": "pay"}]
        )
        got = resp.model_extra["aiegis"]["tool_calls"][0]
        assert got["decision"] == "denied" and "guard.degraded" in got["rule_ids"]
        metrics = httpx.get(f"{running.url}/metrics").text
        assert 'aiegis_limp_mode{mode="model"} 1.0' in metrics


def test_bearer_token_required_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    two_upstreams: tuple[ScriptedUpstream, ScriptedUpstream, list[str]],
) -> None:  # fmt: skip
    """With a token in the environment every API route needs it; health stays open."""
    token = os.urandom(16).hex()
    monkeypatch.setenv("AIEGIS_GATEWAY_TOKEN", token)
    gw = build_gateway(_config(tmp_path), upstreams=two_upstreams[2][:1], classifier=False)
    check_bind(gw, "0.0.0.0")  # a token makes a non-loopback bind acceptable
    with serve(create_app(gw)) as running:
        assert httpx.get(f"{running.url}/healthz").status_code == 200
        bad = httpx.post(f"{running.url}/v1/scan", json={"text": "x"})
        assert bad.status_code == 401 and token not in bad.text
        good = httpx.post(f"{running.url}/v1/scan", json={"text": "x"},
                          headers={"Authorization": f"Bearer {token}"})  # fmt: skip
        assert good.status_code == 200
        client = openai.OpenAI(base_url=f"{running.url}/v1", api_key=token, max_retries=0)
        assert client.models.list().data


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_non_loopback_bind_needs_token(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    """Binding beyond loopback without a token is refused at start."""
    monkeypatch.delenv("AIEGIS_GATEWAY_TOKEN", raising=False)
    gw = build_gateway(_config(tmp_path), classifier=False)
    with pytest.raises(ConfigError, match="bearer token"):
        check_bind(gw, host)
    check_bind(gw, "127.0.0.1")


def test_upstream_key_from_env_never_logged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
    two_upstreams: tuple[ScriptedUpstream, ScriptedUpstream, list[str]],
) -> None:  # fmt: skip
    """The upstream key comes from the environment, is sent upstream, and appears in no log."""
    secret = "sk-" + os.urandom(24).hex()
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    a, b, urls = two_upstreams
    a.default = Reply(status=500)
    gw = build_gateway(_config(tmp_path), upstreams=urls, classifier=False)
    with serve(create_app(gw)) as running:
        client = openai.OpenAI(base_url=f"{running.url}/v1", api_key="x", max_retries=0)
        client.chat.completions.create(model="m", messages=[{"role": "user", "content": "hi"}])
    assert b.auth[-1] == f"Bearer {secret}"  # the env key, not the client's
    assert secret not in caplog.text
    assert secret not in (tmp_path / "audit.jsonl").read_text()
