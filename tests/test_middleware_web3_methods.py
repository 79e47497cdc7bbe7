"""The web3 guard middleware judges every method that signs or sends (review17 E2, L3).

A real ``Web3`` on eth-tester; the node records which methods reached it. Each signing /
sending method carrying an unlimited approval to a stranger is refused before the node sees
it; a method the middleware does not read is FLAGged (default approver: deny); the spend of
every carried transaction is counted, with the middleware's ``context`` as own addresses.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from eth_account import Account
from evm_builders import MAX, STRANGER, TOKEN, approve
from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

from aiegis_guard.config import Config, LedgerBackend, LedgerSettings, ThreatSettings
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Chain
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Allowlist, Limit, Policy
from aiegis_guard.signers.evm_middleware import guard_middleware

FRIEND = "0x" + "44" * 20
VAULT = "0x" + "55" * 20  # an own cold wallet that approved the agent (context only)
ETH = 10**18


class RecordingNode(EthereumTesterProvider):
    """eth-tester that records the methods it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def make_request(self, method: Any, params: Any) -> Any:
        self.seen.append(str(method))
        return super().make_request(method, params)


def _guard(*limits: Limit) -> Guard:
    config = Config(
        policy=Policy(allowlist=Allowlist(evm=frozenset({FRIEND})), limits=limits),
        threats=ThreatSettings(builtin=False),
        ledger=LedgerSettings(backend=LedgerBackend.MEMORY),
    )
    return Guard(config, classifier=False)


def _setup(guard: Guard, context: Any = None) -> tuple[Web3, RecordingNode, Any]:
    node = RecordingNode()
    w3 = Web3(node)
    agent = Account.create()  # generated per test, funded only on eth-tester
    w3.eth.send_transaction({"from": w3.eth.accounts[0], "to": agent.address, "value": 10 * ETH})
    w3.middleware_onion.inject(guard_middleware(guard, context=context), name="aiegis", layer=0)
    return w3, node, agent


def _tx(w3: Web3, agent: Any, to: str, value: int = 0, *, data: bytes = b"", nonce: int = 0) -> Any:
    return {
        "to": Web3.to_checksum_address(to),
        "value": value,
        "data": data,
        "gas": 100_000,
        "nonce": nonce,
        "chainId": w3.eth.chain_id,
        "maxFeePerGas": 10**10,
        "maxPriorityFeePerGas": 1,
    }


def _raw(w3: Web3, agent: Any, tx: dict[str, Any]) -> str:
    return str(agent.sign_transaction(tx).raw_transaction.to_0x_hex())


Request = Callable[[Web3, Any, dict[str, Any]], tuple[str, list[Any]]]
METHODS: list[Any] = [
    pytest.param(lambda w3, a, tx: ("eth_signTransaction", [{**tx, "from": a.address}]), id="sign"),
    pytest.param(
        lambda w3, a, tx: ("eth_sendPrivateTransaction", [{"tx": _raw(w3, a, tx)}]), id="private"
    ),
    pytest.param(
        lambda w3, a, tx: ("eth_sendBundle", [{"txs": [_raw(w3, a, tx)], "blockNumber": "0x1"}]),
        id="bundle",
    ),
    pytest.param(
        lambda w3, a, tx: ("eth_sendRawTransactionConditional", [_raw(w3, a, tx), {}]),
        id="conditional",
    ),
    pytest.param(
        lambda w3, a, tx: (
            "wallet_sendCalls",
            [
                {
                    "version": "2.0.0",
                    "from": a.address,
                    "chainId": hex(tx["chainId"]),
                    "atomicRequired": True,
                    "calls": [{"to": tx["to"], "data": "0x" + tx["data"].hex(), "value": "0x0"}],
                }
            ],
        ),
        id="wallet-send-calls",
    ),
]


@pytest.mark.parametrize("request_of", METHODS)
def test_every_signing_method_is_judged(request_of: Request) -> None:
    """An unlimited approval to a stranger never reaches the node, whatever method carries it."""
    w3, node, agent = _setup(_guard())
    method, params = request_of(w3, agent, _tx(w3, agent, TOKEN, data=approve(STRANGER, MAX)))
    node.seen.clear()
    with pytest.raises(GuardBlocked) as info:
        w3.manager.request_blocking(method, params)
    assert "tx.evm.unlimited_approval" in info.value.verdict.rule_ids
    assert method not in node.seen


def test_unread_signing_method_is_refused() -> None:
    """A method that signs or sends and is not read here is FLAGged: default deny."""
    w3, node, _ = _setup(_guard())
    node.seen.clear()
    with pytest.raises(GuardBlocked) as info:
        w3.manager.request_blocking("eth_sendUserOperation", [{"sender": FRIEND}, FRIEND])
    assert info.value.verdict.rule_ids == ("guard.uninspected",)
    assert node.seen == []


def test_bundle_spend_counts_every_transaction() -> None:
    """A bundle's transactions add up against the period limit before the node sees them."""
    limit = Limit(chain=Chain.EVM, decimals=18, per_tx=Decimal(1), per_period=Decimal(2))
    guard = _guard(limit)
    w3, node, agent = _setup(guard)
    txs = [_raw(w3, agent, _tx(w3, agent, FRIEND, 8 * ETH // 10, nonce=i)) for i in range(3)]
    with pytest.raises(GuardBlocked) as info:
        w3.manager.request_blocking("eth_sendBundle", [{"txs": txs, "blockNumber": "0x1"}])
    assert "tx.evm.over_period_limit" in info.value.verdict.rule_ids
    assert "eth_sendBundle" not in node.seen
    assert guard.ledger.spent("evm:native", 86400) == 0


def test_transfer_out_of_a_context_vault_is_counted() -> None:
    """``transferFrom`` out of an own vault named in the middleware's context fills the budget."""
    usdc = Limit(
        chain=Chain.EVM,
        asset=TOKEN.lower(),
        symbol="USDC",
        decimals=6,
        per_tx=Decimal(100),
        per_period=Decimal(100),
    )
    guard = _guard(usdc)
    w3, _, agent = _setup(guard, context={"own_evm": [VAULT]})
    selector = bytes.fromhex("23b872dd")  # transferFrom(address,address,uint256), EIP-20

    def transfer_from(amount: int, nonce: int) -> Any:
        words = [int(VAULT, 16), int(FRIEND, 16), amount]
        data = selector + b"".join(w.to_bytes(32, "big") for w in words)
        return agent.sign_transaction(_tx(w3, agent, TOKEN, data=data, nonce=nonce))

    w3.eth.send_raw_transaction(transfer_from(60 * 10**6, 0).raw_transaction)
    with pytest.raises(GuardBlocked) as info:
        w3.eth.send_raw_transaction(transfer_from(60 * 10**6, 1).raw_transaction)
    assert "tx.evm.over_period_limit" in info.value.verdict.rule_ids
    assert guard.ledger.spent("evm:" + TOKEN.lower(), 86400) == 60 * 10**6


def test_reads_pass_whatever_their_nouns() -> None:
    """A read whose name merely contains "Sender" is not a signing method: it reaches the node."""
    w3, node, agent = _setup(_guard())
    node.seen.clear()
    w3.eth.get_balance(agent.address)
    with contextlib.suppress(Exception):  # eth-tester may not serve it: it reached the node
        w3.manager.request_blocking("eth_getTransactionBySenderAndNonce", [agent.address, "0x0"])
    assert "eth_getTransactionBySenderAndNonce" in node.seen and "eth_getBalance" in node.seen
