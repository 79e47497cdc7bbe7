"""``examples/gateway_demo.py`` end to end: a plain openai-client agent on eth-tester behind the
gateway; every scenario ends as expected and the chain shows it."""

from __future__ import annotations

import io

import pytest

pytest.importorskip("openai")
pytest.importorskip("web3")

pytestmark = pytest.mark.slow


def test_gateway_demo_scenarios() -> None:
    """Poisoned tool result denied, key and drainer tx blocked, legitimate payment executed."""
    import gateway_demo

    out = io.StringIO()
    results = gateway_demo.main(out)
    assert [r.name for r in results] == [
        "poisoned tool result",
        "key in a tool call",
        "drainer transaction in a tool call",
        "legitimate payment",
    ]
    assert all(r.ok for r in results), out.getvalue()[-2000:]
    assert "friend ETH +0.1000" in results[-1].effect
