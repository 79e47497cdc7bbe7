"""A sent transaction stays counted whatever the ledger does afterwards (issue 11 #13).

Decision: **commit before send**. The web3 middleware records the spend in the ledger before
the node sees the transaction; a ledger that cannot record it stops the send. The spend is
released only when the node definitively refuses (a JSON-RPC error, eth-tester's validation);
a transport failure after the request went out keeps it counted (it may have been broadcast).

Real parts: eth-tester behind web3, a real ``redis-server`` that is frozen (SIGSTOP) at the
worst moment, the reservation TTL shortened so that an uncounted reservation would expire.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from eth_account import Account
from ledger_support import _free_port, _wait_ready
from web3 import Web3
from web3.middleware.base import Web3Middleware
from web3.providers.eth_tester import EthereumTesterProvider

from aiegis_guard.config import parse_config
from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.guard import Guard
from aiegis_guard.signers.evm_middleware import guard_middleware

pytestmark = pytest.mark.slow  # end to end on eth-tester

ETH = 10**18
TTL = 0.3  # seconds a pending reservation holds budget


@pytest.fixture
def redis(tmp_path: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A real redis-server of this test's own (it gets frozen and thawed)."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: run scripts/ensure-redis.sh", pytrace=False)
    port = _free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path)]
    args += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_ready(port, proc)
        yield f"redis://127.0.0.1:{port}/0", proc
    finally:
        proc.send_signal(signal.SIGCONT)
        proc.terminate()
        proc.wait(timeout=10)


class Fault(Web3Middleware):
    """Innermost layer: runs ``after`` once the node has answered a raw send."""

    after: Callable[[], None] = staticmethod(lambda: None)

    def wrap_make_request(self, make_request: Any) -> Any:
        def middleware(method: Any, params: Any) -> Any:
            response = make_request(method, params)
            if method == "eth_sendRawTransaction" and "error" not in response:
                Fault.after()
            return response

        return middleware


def _chain(url: str) -> tuple[Web3, Any, Guard]:
    config = parse_config(
        {
            "allowlist": {"evm": ["0x" + "44" * 20]},
            "limits": [{"chain": "evm", "decimals": 18, "per_period": "4"}],
            "ledger": {"backend": "redis", "url": url, "reservation_ttl": TTL,
                       "namespace": os.urandom(8).hex()},
            "threats": {"builtin": False},
        }
    )  # fmt: skip
    guard = Guard(config, classifier=False)
    w3 = Web3(EthereumTesterProvider())
    agent = Account.create()
    w3.eth.send_transaction({"from": w3.eth.accounts[0], "to": agent.address, "value": 10 * ETH})
    w3.middleware_onion.inject(guard_middleware(guard), name="aiegis", layer=0)
    w3.middleware_onion.inject(Fault, name="fault", layer=0)  # innermost: after the node
    return w3, agent, guard


def _send(w3: Web3, agent: Any, nonce: int) -> Any:
    tx = {"to": "0x" + "44" * 20, "value": ETH, "gas": 21000, "nonce": nonce,
          "chainId": w3.eth.chain_id, "maxFeePerGas": 10**10,
          "maxPriorityFeePerGas": 1}  # fmt: skip
    return w3.eth.send_raw_transaction(agent.sign_transaction(tx).raw_transaction)


def _spent(guard: Guard) -> int:
    limit = guard.policy.limits[0]
    return guard.ledger.spent(limit.key, limit.period)


def _received(w3: Web3) -> int:
    return w3.eth.get_balance(w3.to_checksum_address("0x" + "44" * 20))


def test_ledger_frozen_after_the_node_accepted(
    redis: tuple[str, subprocess.Popen[bytes]],
) -> None:
    """Redis freezes right after each accepted send: every send is still counted, and the
    budget (4 ETH) holds across 6 attempts once the reservation TTL has passed."""
    url, proc = redis
    w3, agent, guard = _chain(url)
    Fault.after = staticmethod(lambda: proc.send_signal(signal.SIGSTOP))
    refused = 0
    try:
        for nonce in range(6):
            try:
                _send(w3, agent, nonce - refused)
            except GuardBlocked:
                refused += 1
            proc.send_signal(signal.SIGCONT)
            time.sleep(TTL * 1.5)  # a reservation that was never committed would expire now
            assert _spent(guard) == _received(w3)
    finally:
        Fault.after = staticmethod(lambda: None)
        proc.send_signal(signal.SIGCONT)
    assert _received(w3) == 4 * ETH and refused == 2


def test_transport_error_after_broadcast_stays_counted(
    redis: tuple[str, subprocess.Popen[bytes]],
) -> None:
    """The connection drops after the node took the transaction: it stays counted."""

    def drop() -> None:
        raise ConnectionResetError("connection reset by peer")

    w3, agent, guard = _chain(redis[0])
    Fault.after = staticmethod(drop)
    try:
        with pytest.raises(ConnectionResetError):
            _send(w3, agent, 0)
    finally:
        Fault.after = staticmethod(lambda: None)
    time.sleep(TTL * 1.5)
    assert _received(w3) == ETH and _spent(guard) == ETH


def test_node_refusal_releases_the_spend(redis: tuple[str, subprocess.Popen[bytes]]) -> None:
    """A transaction the node refuses (nonce too low) is not counted."""
    w3, agent, guard = _chain(redis[0])
    _send(w3, agent, 0)
    with pytest.raises(Exception) as raised:
        _send(w3, agent, 0)
    assert not isinstance(raised.value, GuardBlocked | ConnectionError)
    assert _spent(guard) == ETH == _received(w3)


def test_ledger_down_before_the_send_sends_nothing(
    redis: tuple[str, subprocess.Popen[bytes]],
) -> None:
    """With the ledger unreachable before the request, nothing reaches the node."""
    url, proc = redis
    w3, agent, _ = _chain(url)
    proc.send_signal(signal.SIGSTOP)
    try:
        with pytest.raises((GuardBlocked, LedgerError)):  # the limit check or the commit
            _send(w3, agent, 0)
    finally:
        proc.send_signal(signal.SIGCONT)
    assert _received(w3) == 0


def test_solana_send_counted_when_the_ledger_freezes_after_sending(
    redis: tuple[str, subprocess.Popen[bytes]],
) -> None:
    """GuardedKeypair.send_transaction on LiteSVM: Redis frozen once the transaction landed;
    the spend is counted (it was committed before ``send``)."""
    from solders.keypair import Keypair
    from solders.litesvm import LiteSVM
    from solders.message import Message
    from solders.system_program import TransferParams, transfer

    from aiegis_guard.signers.solana_keypair import GuardedKeypair

    url, proc = redis
    agent, friend = Keypair(), Keypair().pubkey()
    config = parse_config(
        {
            "allowlist": {"solana": [str(friend)]},
            "limits": [{"chain": "solana", "decimals": 9, "per_period": "4"}],
            "ledger": {"backend": "redis", "url": url, "reservation_ttl": TTL,
                       "namespace": os.urandom(8).hex()},
            "threats": {"builtin": False},
        }
    )  # fmt: skip
    guard = Guard(config, classifier=False)
    svm = LiteSVM()
    svm.airdrop(agent.pubkey(), 10 * 10**9)
    signer = GuardedKeypair(agent, guard)

    def send_then_freeze(tx: Any) -> Any:
        result = svm.send_transaction(tx)
        proc.send_signal(signal.SIGSTOP)
        return result

    ix = transfer(TransferParams(from_pubkey=agent.pubkey(), to_pubkey=friend, lamports=10**9))
    try:
        signer.send_transaction(
            Message.new_with_blockhash([ix], agent.pubkey(), svm.latest_blockhash()),
            send_then_freeze,
        )
    finally:
        proc.send_signal(signal.SIGCONT)
    time.sleep(TTL * 1.5)
    assert svm.get_balance(friend) == 10**9
    assert _spent(guard) == 10**9
