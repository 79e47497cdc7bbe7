"""Compound III Bulker ``invoke``: each action decoded as the Comet call it amounts to.

Source: compound-finance/comet ``contracts/bulkers/BaseBulker.sol`` (``invoke(bytes32[],
bytes[])``, the ``ACTION_*`` bytes32 constants and their payload tuples) and
``deployments/mainnet/usdc/roots.json`` (the mainnet Bulker). Accounts are generated keys
(never funded); cUSDCv3 / cWETHv3 / USDC / WETH are the mainnet contracts.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import Call, Receipt, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call

BULKER = "0xa397a8c2086c554b531c02e29f3291c9704b00c7"
CUSDC = "0xc3d688b66703497daa19211eedff47f25384cdc3"
CWETH = "0xa17581a9e3356d9a858b789d68b4d866e593ae94"
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
OWN = Account.create().address.lower()
STRANGER = Account.create().address.lower()
MAX = 2**256 - 1
ETH = 10**18
POLICY = Policy.model_validate({"allowlist": {"evm": [CUSDC, CWETH]}})  # the markets used


def _asset_action(name: str, comet: str, to: str, token: str, amount: int) -> tuple[bytes, bytes]:
    return name.encode().ljust(32, b"\0"), encode(
        ["address", "address", "address", "uint256"], [comet, to, token, amount]
    )


def _native_action(name: str, comet: str, to: str, amount: int) -> tuple[bytes, bytes]:
    payload = encode(["address", "address", "uint256"], [comet, to, amount])
    return name.encode().ljust(32, b"\0"), payload


def _tx(actions: list[tuple[bytes, bytes]], value: int = 0, to: str = BULKER) -> dict[str, Any]:
    data = call("invoke(bytes32[],bytes[])", [a for a, _ in actions], [d for _, d in actions])
    return {"from": OWN, "to": to, "value": value, "data": "0x" + data.hex(), "chainId": 1}


SUPPLY_ETH = _tx([_native_action("ACTION_SUPPLY_NATIVE_TOKEN", CWETH, OWN, 5 * ETH)], 5 * ETH)
SUPPLY_AND_BORROW = _tx(
    [
        _asset_action("ACTION_SUPPLY_ASSET", CUSDC, OWN, WETH, 10 * ETH),
        _asset_action("ACTION_WITHDRAW_ASSET", CUSDC, OWN, USDC, 10**10),
    ]
)


def _moves(tx: dict[str, Any]) -> list[tuple[str, Any, Any, Any]]:
    out: list[tuple[str, Any, Any, Any]] = []
    for op in decode_evm(tx).operations:
        if isinstance(op, Transfer):
            out.append(("gives", op.asset.address or "eth", op.recipient, op.amount))
        elif isinstance(op, Receipt):
            out.append(("gets", op.asset.address or "eth", op.recipient, op.amount))
        elif isinstance(op, Call):
            out.append(("call", op.name, op.known, op.target))
    return out


def test_supply_native_pays_the_comet_not_the_bulker() -> None:
    """The ETH sent is wrapped and supplied: a give to the Comet, none to the Bulker."""
    assert _moves(SUPPLY_ETH) == [("gives", "eth", CWETH, 5 * ETH)]


def test_asset_actions_are_the_comet_calls_of_the_caller() -> None:
    """Supply WETH and borrow USDC: the caller's supplyTo / withdrawTo on the Comet."""
    moves = _moves(SUPPLY_AND_BORROW)
    assert ("gets", USDC, OWN, 10**10) in moves
    assert not any(m[0] == "gives" and m[2] != CUSDC for m in moves)


VERDICTS = [
    pytest.param(SUPPLY_ETH, Action.ALLOW, None, id="supply-eth-allows"),
    pytest.param(SUPPLY_AND_BORROW, Action.ALLOW, None, id="supply-and-borrow-to-own-allows"),
    pytest.param(
        _tx([_asset_action("ACTION_WITHDRAW_ASSET", CUSDC, STRANGER, USDC, MAX)]),
        Action.BLOCK,
        "tx.evm.swap_recipient",
        id="withdraw-everything-to-a-stranger-blocks",
    ),
    pytest.param(
        _tx([_asset_action("ACTION_TRANSFER_ASSET", CWETH, STRANGER, WETH, MAX)]),
        Action.BLOCK,
        "tx.evm.swap_recipient",
        id="transfer-whole-balance-to-a-stranger-blocks",
    ),
    pytest.param(
        _tx([_native_action("ACTION_WITHDRAW_NATIVE_TOKEN", CWETH, STRANGER, MAX)]),
        Action.BLOCK,
        "tx.evm.swap_recipient",
        id="withdraw-all-eth-to-a-stranger-blocks",
    ),
    pytest.param(
        _tx([_asset_action("ACTION_WITHDRAW_ASSET", CUSDC, STRANGER, USDC, 10**9)]),
        Action.FLAG,
        "tx.evm.unknown_recipient",
        id="withdraw-an-amount-to-a-stranger-flags",
    ),
    pytest.param(
        _tx([(b"ACTION_SUPPLY_STETH".ljust(32, b"\0"), b"\x01" * 96)]),
        Action.FLAG,
        "tx.evm.unknown_call",
        id="undecoded-action-is-opaque",
    ),
    pytest.param(
        _tx([_native_action("ACTION_SUPPLY_NATIVE_TOKEN", CWETH, OWN, ETH)], ETH, STRANGER),
        Action.FLAG,
        None,
        id="invoke-on-a-non-bulker-is-opaque",
    ),
]


@pytest.mark.parametrize(("tx", "action", "rule"), VERDICTS)
def test_bulker_verdicts(tx: dict[str, Any], action: Action, rule: str | None) -> None:
    """Own's position paid to a stranger is a give (all: BLOCK); own-directed actions allow."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(
            _tx([_asset_action("ACTION_SUPPLY_ASSET", CUSDC, OWN, WETH, 1)])
            | {"data": "0x" + call("invoke(bytes32[],bytes[])", [b"A" * 32], []).hex()},
            id="lengths-differ",
        ),
        pytest.param(
            _tx([(b"ACTION_SUPPLY_ASSET".ljust(32, b"\0"), b"\x00" * 40)]),
            id="payload-truncated",
        ),
    ],
)
def test_malformed_invoke_is_never_allowed(tx: dict[str, Any]) -> None:
    """Bad action lists are undecodable: never a silent ALLOW."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is not Action.ALLOW, verdict.explain()
