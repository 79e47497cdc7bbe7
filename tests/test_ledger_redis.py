"""Redis fleet ledger against a real ``redis-server`` started by the test (never mocked).

The binary comes from ``scripts/ensure-redis.sh`` (``make services``, run by ``make test``);
when it is missing the fixture fails loudly instead of skipping.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_support import (
    BEHAVIOURS,
    ETH,
    KEY,
    PERIOD,
    TTL,
    Behaviour,
    FakeClock,
    item,
    race,
    redis_server,
)

from aiegis_guard import Guard, GuardBlocked, LedgerError
from aiegis_guard.chains.transaction import Asset, AssetKind, DecodedTransaction, Transfer
from aiegis_guard.config import parse_config
from aiegis_guard.findings import Chain
from aiegis_guard.ledger.redis import RedisLedger

pytestmark = pytest.mark.redis

OWN = "0x" + "11" * 20


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


def ledger(url: str, clock: FakeClock) -> RedisLedger:
    return RedisLedger(url, namespace=uuid.uuid4().hex, ttl=TTL, clock=clock)


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_behaviour(behaviour: Behaviour, redis_url: str) -> None:
    """The Redis backend passes the same behaviour table as SQLite and memory."""
    clock = FakeClock()
    led = ledger(redis_url, clock)
    behaviour(led, clock)
    led.close()


@pytest.mark.slow  # multi-process
def test_processes_never_exceed_the_limit(redis_url: str) -> None:
    """8 spawned processes sharing one Redis budget never spend more than the limit together."""
    limit, committed, spent = race("redis", redis_url, workers=8, attempts=12)
    assert committed <= limit
    assert spent == committed
    assert committed >= limit - 8 * ETH  # the budget was contended, not left idle


def test_keys_expire_on_the_server(redis_url: str) -> None:
    """Ledger keys carry a TTL (until nothing in them counts); reads create no keys."""
    import redis

    led = ledger(redis_url, FakeClock())
    led.reserve("a", [item(ETH)])
    client = redis.Redis.from_url(redis_url)
    ttl_ms = client.pttl(led._keys([item(ETH)])[0])
    assert 0 < ttl_ms <= (PERIOD + TTL) * 1000
    assert led.spent("evm:never-used", PERIOD) == 0
    assert client.exists(*led._keys([item(1, key="evm:never-used")])) == 0  # no stray keys
    client.close()


def test_unreachable_server_is_a_ledger_error(tmp_path: Path) -> None:
    """No server on that port: LedgerError, so callers fail closed."""
    from ledger_support import _free_port

    led = RedisLedger(f"redis://127.0.0.1:{_free_port()}/0", socket_timeout=0.5)
    with pytest.raises(LedgerError):
        led.reserve("a", [item(ETH)])
    with pytest.raises(LedgerError):
        led.spent(KEY, PERIOD)


def test_guard_with_redis_backend(redis_url: str) -> None:
    """Two Guards (two agents) configured for one Redis share a single budget."""
    config = parse_config(
        {
            "wallet": {"evm": [OWN]},
            "limits": [{"chain": "evm", "decimals": 18, "per_period": "5"}],
            "ledger": {"backend": "redis", "url": redis_url, "namespace": uuid.uuid4().hex},
        }
    )
    pay = Transfer(
        via="native",
        asset=Asset(chain=Chain.EVM, kind=AssetKind.NATIVE),
        sender=OWN,
        recipient="0x" + "22" * 20,
        amount=3 * ETH,
    )
    decoded = DecodedTransaction(chain=Chain.EVM, sender=OWN, operations=(pay,))
    agent_a, agent_b = Guard(config, classifier=False), Guard(config, classifier=False)
    with agent_a.spend(decoded):
        pass
    with pytest.raises(GuardBlocked) as excinfo:
        agent_b.spend(decoded)
    assert "tx.evm.over_period_limit" in excinfo.value.verdict.rule_ids


def test_threads_sharing_a_fresh_ledger_connect_once(redis_url: str) -> None:
    """Threads racing on a fresh RedisLedger all reserve: no bare KeyError (review17 R1)."""
    import threading

    errors: list[BaseException] = []
    for _ in range(8):
        shared = ledger(redis_url, FakeClock())
        start = threading.Barrier(12)

        def reserve(shared: RedisLedger = shared, start: threading.Barrier = start) -> None:
            start.wait()
            try:
                assert shared.reserve(uuid.uuid4().hex, [item(ETH // 10)]) is None
            except BaseException as exc:  # collected: the assertion names it
                errors.append(exc)

        threads = [threading.Thread(target=reserve) for _ in range(12)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        shared.close()
    assert [type(e).__name__ for e in errors] == []
