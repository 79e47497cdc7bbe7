"""X2Y2 end to end: the maker's real signing form (personal_sign of a hash) is blind, the
taker's ``run`` on a real chain (eth-tester) is judged by its effects before the node sees it.

Table vectors (calldata and typed data) live in ``tests/vectors/evm_protocols.json`` and
``tests/vectors/evm_typed_effects.json`` (ids ``x2y2-*``); source: X2Y2-io/x2y2-sdk.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account
from eth_account.messages import encode_defunct
from eth_utils import keccak
from web3 import Web3
from web3.providers.eth_tester import EthereumTesterProvider

from aiegis_guard import Guard, GuardBlocked
from aiegis_guard.config import Config, LedgerBackend, LedgerSettings, ThreatSettings
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from aiegis_guard.signers.evm_account import GuardedAccount
from aiegis_guard.signers.evm_middleware import guard_middleware
from tests.effect_vectors import _bytes

X2Y2 = "0x74312363e45DCaBA76c59ec49a7Aa8A65a67EeD3"
DELEGATE = "0xf849de01b080adc3a814fabe1e2087475cf2e354"
BAYC = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
STRANGER = "0x3333333333333333333333333333333333333333"
ZERO = "0x" + "00" * 20
H = "0x" + "00" * 32
_ORDER_TYPES = ["uint256", "address", "uint256", "uint256", "uint256", "uint256", "address",
                "bytes", "uint256", "(uint256,bytes)[]"]  # fmt: skip
_RUN = (
    "run(((uint256,address,uint256,uint256,uint256,uint256,address,bytes,(uint256,bytes)[],"
    "bytes32,bytes32,uint8,uint8)[],(uint8,uint256,uint256,uint256,bytes32,address,bytes,uint256,"
    "uint256,uint256,(uint256,address)[])[],(uint256,uint256,uint256,uint256,address,bool),"
    "bytes32,bytes32,uint8))"
)


def _order_hash(maker: str, price: int) -> bytes:
    """x2y2-sdk ``signOrder``: keccak256 of the ABI-encoded order (items.length included)."""
    item = (price, encode(["(address,uint256)[]"], [[(BAYC, 7)]]))
    values = [1, maker, 1, 1, 1, 2_000_000_000, ZERO, b"", 1, [item]]
    return keccak(encode(_ORDER_TYPES, values))


@pytest.mark.parametrize(
    "price",
    [
        pytest.param(10**18, id="fair-listing"),
        pytest.param(0, id="zero-price-listing"),
    ],
)
def test_maker_signature_is_blind(price: int) -> None:
    """X2Y2 makers sign a 32-byte hash: whatever the order says, it is a blind signature
    (BLOCK, as ``eth_sign`` of the hash: the order it approves is not shown)."""
    account = Account.create()  # generated, never funded
    signer = GuardedAccount(account, guard=Guard(Policy(), classifier=False))
    with pytest.raises(GuardBlocked) as stop:
        signer.sign_message(encode_defunct(primitive=_order_hash(account.address, price)))
    assert "tx.evm.blind_signature" in stop.value.verdict.rule_ids
    assert stop.value.verdict.action is Action.BLOCK


def _run(taker: str, intent: int, price: int, fee_pct: int) -> bytes:
    """A taker's ``run`` settling one item of one order (op 2: sell into an offer)."""
    data = {"$abi": ["((address,uint256)[])", [[BAYC, 7]]]}
    order = [1, STRANGER, 1, intent, 1, 2_000_000_000, WETH, {"$hex": "0x"}, [[price, data]],
             H, H, 27, 1]  # fmt: skip
    fees = [[fee_pct, STRANGER]] if fee_pct else []
    detail = [2, 0, 0, price, H, DELEGATE, {"$hex": "0x"}, 0, 0, 0, fees]
    shared = [5, 2_000_000_000, 0, 0, taker, False]
    return _bytes({"$call": [_RUN, [[order], [detail], shared, H, H, 27]]})


def _guard() -> Guard:
    config = Config(
        policy=Policy(),
        threats=ThreatSettings(builtin=False),
        ledger=LedgerSettings(backend=LedgerBackend.MEMORY),
    )
    return Guard(config, classifier=False)


@pytest.mark.parametrize(
    ("price", "fee_pct", "action"),
    [
        pytest.param(10**18, 5_000, Action.ALLOW, id="offer-1-weth-fee-0.5pct"),
        pytest.param(0, 0, Action.BLOCK, id="offer-zero"),
        pytest.param(10**18, 990_000, Action.BLOCK, id="fee-99pct-to-stranger"),
    ],
)
def test_run_on_eth_tester(price: int, fee_pct: int, action: Action) -> None:
    """The middleware judges a raw ``run`` before eth-tester sees it: a give-away never lands."""
    w3 = Web3(EthereumTesterProvider())
    agent = Account.create()  # generated; funded on the in-process chain only
    w3.eth.send_transaction({"from": w3.eth.accounts[0], "to": agent.address, "value": 10**18})
    w3.middleware_onion.inject(guard_middleware(_guard()), name="aiegis", layer=0)
    tx: dict[str, Any] = {"to": X2Y2, "value": 0, "data": _run(agent.address, 3, price, fee_pct),
                          "gas": 1_000_000, "nonce": 0, "chainId": w3.eth.chain_id,
                          "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 1}  # fmt: skip
    raw = agent.sign_transaction(tx).raw_transaction
    if action is Action.BLOCK:
        with pytest.raises(GuardBlocked) as stop:
            w3.eth.send_raw_transaction(raw)
        assert "tx.evm.order_gives_away" in stop.value.verdict.rule_ids
        assert w3.eth.get_transaction_count(agent.address) == 0
    else:
        w3.eth.wait_for_transaction_receipt(w3.eth.send_raw_transaction(raw))
        assert w3.eth.get_transaction_count(agent.address) == 1
