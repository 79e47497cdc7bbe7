"""A Safe gas refund's receiver and bound (review11 F4 / F5).

Source: safe-global/safe-smart-account ``contracts/Safe.sol`` (``execTransaction`` ->
``handlePayment``: ``refundReceiver`` 0 pays ``tx.origin``; an ERC-20 ``gasToken`` is paid
``(gasUsed + baseGas) * gasPrice`` with no ``tx.gasprice`` cap). ``tx.origin`` is the request's
sender only when ``execTransaction`` is the top-level call of its transaction: relayed in an
ERC-2771 ``ForwardRequest`` (OpenZeppelin ``MinimalForwarder``: the relayer sends it) or nested
under Multicall3, whoever executes is nobody the request names. Addresses are generated keys
(never funded); USDC is the mainnet token.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm, decode_typed_data
from aiegis_guard.chains.evm.protocols.safe import EXECUTOR
from aiegis_guard.chains.evm.selectors import MULTICALL3
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.test_hidden_gives import (
    FRIEND,
    GAS,
    OWNER,
    POLICY,
    SAFE,
    STRANGER,
    USDC,
    ZERO,
    _exec_tx,
    _refunds,
    _safe_tx,
)

FORWARDER = "0x" + "12" * 20  # an ERC-2771 forwarder (the relayer calls it)
OPEN = (0, 0, 10**40)  # safeTxGas = baseGas = 0: (gasUsed) * 1e40 USDC, no bound
HUGE = (10**6, 0, 10**40)  # a bound of 1e46 USDC base units: above any supply
CONTEXT = {"own_evm": [SAFE]}


def _forwarded(gas: tuple[int, int, int], receiver: str) -> dict[str, Any]:
    """The execTransaction relayed as an ERC-2771 ForwardRequest signed by the Safe owner."""
    fields = [("from", "address"), ("to", "address"), ("value", "uint256"), ("gas", "uint256"),
              ("nonce", "uint256"), ("data", "bytes")]  # fmt: skip
    domain = [{"name": "chainId", "type": "uint256"},
              {"name": "verifyingContract", "type": "address"}]  # fmt: skip
    data = _exec_tx(gas, USDC, receiver)["data"]
    return {
        "types": {
            "EIP712Domain": domain,
            "ForwardRequest": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "ForwardRequest",
        "domain": {"chainId": 1, "verifyingContract": FORWARDER},
        "message": {
            "from": OWNER,
            "to": SAFE,
            "value": "0",
            "gas": "1000000",
            "nonce": "1",
            "data": data,
        },
    }


def _nested(gas: tuple[int, int, int], receiver: str) -> dict[str, Any]:
    """The execTransaction made by Multicall3 ``aggregate3`` for the owner."""
    inner = bytes.fromhex(_exec_tx(gas, USDC, receiver)["data"][2:])
    data = call("aggregate3((address,bool,bytes)[])", [(SAFE, False, inner)])
    return {"from": OWNER, "to": MULTICALL3, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


def test_zero_receiver_is_the_sender_only_at_the_top() -> None:
    """refundReceiver 0: the sender of a top-level execTransaction is paid; relayed or nested,
    the executor is nobody the request names."""
    assert _refunds(decode_evm(_exec_tx(GAS, USDC, ZERO)).operations)[0][1] == OWNER
    assert _refunds(decode_typed_data(_forwarded(GAS, ZERO)).operations)[0][1] == EXECUTOR
    assert _refunds(decode_evm(_nested(GAS, ZERO)).operations)[0][1] == EXECUTOR


REFUNDS = [
    pytest.param(OPEN, STRANGER, Action.BLOCK, id="unknown-amount-to-stranger-blocks"),
    pytest.param(HUGE, STRANGER, Action.BLOCK, id="above-any-supply-to-stranger-blocks"),
    pytest.param(GAS, STRANGER, Action.FLAG, id="bounded-to-stranger-flags"),
    pytest.param(OPEN, FRIEND, Action.ALLOW, id="unknown-amount-to-allowlisted-allows"),
    pytest.param(HUGE, FRIEND, Action.ALLOW, id="above-any-supply-to-allowlisted-allows"),
]


@pytest.mark.parametrize(("gas", "receiver", "action"), REFUNDS)
def test_unbounded_refund_verdicts(
    gas: tuple[int, int, int], receiver: str, action: Action
) -> None:
    """A refund with no bound to a stranger is all of the token (BLOCK unbounded_give), in
    calldata and in the SafeTx it signs; to an allowlisted receiver it is allowed."""
    guard = Guard(POLICY, classifier=False)
    for verdict in (
        guard.check_transaction(_exec_tx(gas, USDC, receiver), context=CONTEXT),
        guard.check_typed_data(_safe_tx(gas, USDC, receiver), context=CONTEXT),
    ):
        assert verdict.action is action, verdict.explain()
        if action is Action.BLOCK:
            assert "tx.evm.unbounded_give" in verdict.rule_ids


@pytest.mark.parametrize(
    ("gas", "action"),
    [
        pytest.param(OPEN, Action.ALLOW, id="unbounded-to-own-sender-allows"),
        pytest.param(GAS, Action.ALLOW, id="bounded-to-own-sender-allows"),
    ],
)
def test_top_level_refund_to_own_sender(gas: tuple[int, int, int], action: Action) -> None:
    """refundReceiver 0 in the owner's own transaction pays the owner: ALLOW, bound or not."""
    tx = _exec_tx(gas, USDC, ZERO)
    verdict = Guard(POLICY, classifier=False).check_transaction(tx, context=CONTEXT)
    assert verdict.action is action, verdict.explain()


@pytest.mark.parametrize(
    ("gas", "action", "rule"),
    [
        pytest.param(OPEN, Action.BLOCK, "tx.evm.unbounded_give", id="unbounded-blocks"),
        pytest.param(GAS, Action.FLAG, "tx.evm.unknown_recipient", id="bounded-flags"),
    ],
)
def test_relayed_refund_pays_the_relayer(
    gas: tuple[int, int, int], action: Action, rule: str
) -> None:
    """Relayed (ForwardRequest) or nested (Multicall3), refundReceiver 0 pays a stranger."""
    guard = Guard(POLICY, classifier=False)
    for verdict in (
        guard.check_typed_data(_forwarded(gas, ZERO), context=CONTEXT),
        guard.check_transaction(_nested(gas, ZERO), context=CONTEXT),
    ):
        assert verdict.action is action, verdict.explain()
        assert rule in verdict.rule_ids
