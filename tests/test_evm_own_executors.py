"""Opaque calls into an own programmable account (review18 F1, ``chains/evm/embedded.py``).

An own EIP-7702 delegated EOA or an own smart account is an executor whatever its ABI: an
unknown selector on it is at least FLAG (``unknown_call``, own-account-code), and the calls
its calldata carries (at any byte offset) are judged as calls the account makes. Executor
ABIs are those of real accounts: Ambire ``executeBySender((address,uint256,bytes)[])``
(AmbireTech/ambire-common ``AmbireAccount7702``), Uniswap Calibur
``execute(((address,uint256,bytes)[],bool))``, Biconomy v2 ``execute_ncC`` /
``executeBatch_y6U``; Ambire's and Biconomy's are decoded (``chains/evm/selectors.py``), so
the undecoded batch of Ambire's shape is ``executeCalls((address,uint256,bytes)[])`` (no
account's published name); addresses are generated (``tests/receiver_builders.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard.chains.evm.embedded import MAX_EMBEDDED, embedded_calls
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, own_tx, rules

SAFE = addr("own-smart-account")
OTHER = addr("someone-elses-contract")
MAX = 2**256 - 1
EXEC_BY_SENDER = "executeBySender((address,uint256,bytes)[])"
UNKNOWN_BATCH = "executeCalls((address,uint256,bytes)[])"  # Ambire's shape, decoded nowhere
CALIBUR = "execute(((address,uint256,bytes)[],bool))"
# Ambire and Biconomy v2 executors: chains/evm/selectors.py
DECODED = {"ambire", "biconomy-single", "biconomy-batch"}


def _judged(payload: dict[str, Any]) -> Verdict:
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN, SAFE]},
            "allowlist": {"evm": [FRIEND.lower()], "evm_spenders": [FRIEND.lower()]},
        }
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def _approve(spender: str, amount: int = MAX) -> bytes:
    return call("approve(address,uint256)", spender, amount)


def _carriers(inner: bytes) -> list[tuple[str, bytes]]:
    return [
        ("ambire", call(EXEC_BY_SENDER, [(USDC, 0, inner)])),
        ("calibur", call(CALIBUR, ([(USDC, 0, inner)], True))),
        ("biconomy-single", call("execute_ncC(address,uint256,bytes)", USDC, 0, inner)),
        (
            "biconomy-batch",
            call("executeBatch_y6U(address[],uint256[],bytes[])", [USDC], [0], [inner]),
        ),
        (
            "made-up",
            bytes.fromhex("deadbeef") + encode(["address", "uint256", "bytes"], [USDC, 0, inner]),
        ),
        ("trailing-byte", call(UNKNOWN_BATCH, [(USDC, 0, inner + b"\x00")])),
    ]


@pytest.mark.parametrize("account", [OWN, SAFE], ids=["7702-eoa", "own-smart-account"])
@pytest.mark.parametrize("carrier", range(6), ids=[c for c, _ in _carriers(b"")])
def test_embedded_unlimited_approve_to_a_stranger_blocks(account: str, carrier: int) -> None:
    """An unknown executor on the own account carrying approve(stranger, MAX): BLOCK, as bare."""
    name, data = _carriers(_approve(STRANGER))[carrier]
    verdict = _judged(own_tx(account, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)
    # Ambire's and Biconomy v2's executors are decoded (the account's own execute), the
    # others are not
    assert ("tx.evm.unknown_call" in rules(verdict)) is (name not in DECODED)


@pytest.mark.parametrize("carrier", range(6), ids=[c for c, _ in _carriers(b"")])
def test_embedded_approve_to_allowlisted_spender_is_only_the_own_code_flag(carrier: int) -> None:
    """The allowlisted twin: only the own-account-code FLAG stays (never ALLOW) on an executor
    nobody decodes; a decoded one (Ambire, Biconomy v2) is the account's own call: ALLOW."""
    name, data = _carriers(_approve(FRIEND))[carrier]
    verdict = _judged(own_tx(OWN, data))
    if name in DECODED:
        assert verdict.action is Action.ALLOW, verdict.findings
        return
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.evm.unknown_call"}
    assert any("reason:own-account-code" in f.evidence for f in verdict.findings)


def test_stranger_contract_carrying_an_approve_is_not_own_approve() -> None:
    """The same calldata sent to someone else's contract: its embedded approve is that
    contract's, not own's (an opaque call: FLAG, no unlimited_approval)."""
    data = call(UNKNOWN_BATCH, [(USDC, 0, _approve(STRANGER))])
    verdict = _judged(own_tx(OTHER, data))
    assert "tx.evm.unlimited_approval" not in rules(verdict)


def test_unknown_selector_on_own_account_is_never_allow() -> None:
    """A random selector with random-looking words on the own 7702 account: FLAG."""
    data = bytes.fromhex("12345678") + bytes(range(64))
    verdict = _judged(own_tx(OWN, data))
    assert verdict.action is Action.FLAG
    assert any("reason:own-account-code" in f.evidence for f in verdict.findings)


def test_text_note_to_self_stays_a_note() -> None:
    """An ethscription-style self-send of text (``data:,...``) runs nothing: ALLOW."""
    verdict = _judged(own_tx(OWN, b"data:,hello world"))
    assert verdict.action is Action.ALLOW


def test_nested_unknown_executors_keep_the_block() -> None:
    """executeBySender nested four deep on the own account: the innermost approve BLOCKs."""
    data = _approve(STRANGER)
    target = USDC
    for _ in range(4):
        data, target = call(EXEC_BY_SENDER, [(target, 0, data)]), OWN
    assert _judged(own_tx(OWN, data)).action is Action.BLOCK


def test_embedded_target_is_read_from_the_tuple() -> None:
    """(address,uint256,bytes): the target is the tuple's address word; the call's bytes end
    at its length."""
    inner = _approve(STRANGER)
    found = embedded_calls(call(EXEC_BY_SENDER, [(USDC, 0, inner)]))
    assert found == [(USDC, inner)]


def test_embedded_scan_is_bounded() -> None:
    """A calldata of nothing but approve calls: at most MAX_EMBEDDED are read."""
    data = bytes(4) + _approve(STRANGER) * 4000
    assert len(embedded_calls(data)) == MAX_EMBEDDED


@pytest.mark.parametrize("cut", [1, 5, 36, 67])
def test_truncated_embedded_call_is_not_read(cut: int) -> None:
    """An approve whose arguments are cut short is no call: nothing is read from it."""
    data = bytes(4) + _approve(STRANGER)[:-cut]
    assert embedded_calls(data) == []
