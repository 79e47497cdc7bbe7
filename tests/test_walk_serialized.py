"""Serialized transactions in tool-call arguments under any transaction-like name, in lists,
as byte arrays and in JSON-RPC params are judged (review18 F3: they were ALLOWed unread); a
transaction hash or id under such a name is no transaction."""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account
from evm_builders import approve, tx

from aiegis_guard.callbacks.judge import judge_call
from aiegis_guard.callbacks.walk import walk
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy

GUARD = Guard(Policy(), classifier=False)
TOKEN = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
STRANGER = Account.create().address
_KEY = Account.create()  # generated, never funded


def _raw() -> str:
    unsigned = {k: v for k, v in tx(TOKEN, approve(STRANGER, 2**256 - 1)).items() if k != "from"}
    unsigned["to"] = "0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48"
    return "0x" + bytes(_KEY.sign_transaction(unsigned).raw_transaction).hex()


RAW = _raw()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param({"raws": [RAW]}, id="list-under-raws"),
        pytest.param({"signedTxs": [RAW, RAW]}, id="signed-txs"),
        pytest.param({"tx_bytes": RAW}, id="tx-bytes"),
        pytest.param({"method": "eth_sendRawTransaction", "params": [RAW]}, id="json-rpc-params"),
    ],
)
def test_a_serialized_drainer_under_any_tx_name_blocks(args: dict[str, Any]) -> None:
    judged = judge_call(GUARD, "send_raw_transaction", args, value_moving=True)
    assert judged.verdict.action is Action.BLOCK, judged.verdict.explain()


@pytest.mark.parametrize(
    "args",
    [
        pytest.param({"txHash": "0x" + "ab" * 32}, id="tx-hash"),
        pytest.param({"transactions": ["0x" + "cd" * 32, "0x" + "ef" * 32]}, id="hash-list"),
        pytest.param({"tx_id": "5" * 88}, id="solana-signature-as-id"),
        pytest.param({"txSignature": "5" * 88}, id="solana-signature"),
    ],
)
def test_a_hash_under_a_tx_name_is_no_transaction(args: dict[str, Any]) -> None:
    assert walk(args).payloads == []
