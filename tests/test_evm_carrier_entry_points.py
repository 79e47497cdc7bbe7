"""Every entry point of a decoded carrier (review18 F6, F9).

``(to, value, data, operation)`` carriers: Safe ``execTransactionFromModule[ReturnData]``
(safe-global/safe-smart-account ``contracts/base/ModuleManager.sol``), Zodiac Roles
``execTransactionWithRole`` (gnosisguild/zodiac-modifier-roles ``Roles.sol``, v1 and v2);
Multicall3 ``blockAndAggregate`` / ``tryBlockAndAggregate`` (mds1/multicall
``src/Multicall3.sol``); ERC-7821 batch of batches (mode ``0x01000000000078210002``, calls
to address(0) meaning the account); EntryPoint ``handleAggregatedOps`` and the
``executeUserOp`` callData prefix (eth-infinitism/account-abstraction ``EntryPoint.sol``,
``IAccountExecute.sol``). Each carrying approve(stranger, MAX) BLOCKs as bare; the
allowlisted twin passes.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import MULTICALL3, call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, own_tx, rules

MAX = 2**256 - 1
SAFE = addr("own-safe")
ROLES = addr("roles-modifier")
EP07 = "0x0000000071727de22e5e9d8baf0edac6f37da032"
EXEC_USER_OP = bytes.fromhex("8dd7712f")
PACKED = "(address,uint256,bytes,bytes,bytes32,uint256,bytes32,bytes,bytes)"


def _judged(payload: dict[str, Any]) -> Verdict:
    allow = [FRIEND.lower()]
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN, SAFE]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def _approve(spender: str) -> bytes:
    return call("approve(address,uint256)", spender, MAX)


def _packed_op(sender: str, call_data: bytes) -> tuple[Any, ...]:
    return (sender, 0, b"", call_data, bytes(32), 0, bytes(32), b"", b"")


def _mode(selector: str) -> bytes:
    return bytes.fromhex("01" + "00" * 5 + selector) + bytes(22)


def _carriers(spender: str) -> list[tuple[str, dict[str, Any]]]:
    inner = _approve(spender)
    execute = call("execute(address,uint256,bytes)", USDC, 0, inner)
    batch = encode(["(address,uint256,bytes)[]", "bytes"], [[(USDC, 0, inner)], b"\x01"])
    sig = "execTransactionWithRole(address,uint256,bytes,uint8,bytes32,bool)"
    aggregated = [([_packed_op(SAFE, execute)], ZERO, b"")]
    return [
        (
            "module",
            own_tx(
                SAFE,
                call("execTransactionFromModule(address,uint256,bytes,uint8)", USDC, 0, inner, 0),
            ),
        ),
        (
            "module-return-data",
            own_tx(
                SAFE,
                call(
                    "execTransactionFromModuleReturnData(address,uint256,bytes,uint8)",
                    USDC,
                    0,
                    inner,
                    0,
                ),
            ),
        ),
        ("roles-v2", own_tx(ROLES, call(sig, USDC, 0, inner, 0, bytes(32), True))),
        (
            "roles-v1",
            own_tx(
                ROLES,
                call(
                    "execTransactionWithRole(address,uint256,bytes,uint8,uint16,bool)",
                    USDC,
                    0,
                    inner,
                    0,
                    1,
                    True,
                ),
            ),
        ),
        (
            "mc3-block-and-aggregate",
            own_tx(MULTICALL3, call("blockAndAggregate((address,bytes)[])", [(USDC, inner)])),
        ),
        (
            "mc3-try-block-and-aggregate",
            own_tx(
                MULTICALL3,
                call("tryBlockAndAggregate(bool,(address,bytes)[])", True, [(USDC, inner)]),
            ),
        ),
        (
            "7821-batch-of-batches",
            own_tx(
                OWN,
                call("execute(bytes32,bytes)", _mode("78210002"), encode(["bytes[]"], [[batch]])),
            ),
        ),
        (
            "ep07-handle-aggregated-ops",
            own_tx(
                EP07,
                call(f"handleAggregatedOps(({PACKED}[],address,bytes)[],address)", aggregated, OWN),
            ),
        ),
        (
            "ep07-execute-user-op-prefix",
            own_tx(
                EP07,
                call(
                    f"handleOps({PACKED}[],address)",
                    [_packed_op(SAFE, EXEC_USER_OP + execute)],
                    OWN,
                ),
            ),
        ),
        (
            "execute-user-op",
            own_tx(
                SAFE,
                call(
                    f"executeUserOp({PACKED},bytes32)",
                    _packed_op(SAFE, EXEC_USER_OP + execute),
                    bytes(32),
                ),
            ),
        ),
    ]


ZERO = "0x" + "00" * 20
IDS = [name for name, _ in _carriers(STRANGER)]


@pytest.mark.parametrize("index", range(len(IDS)), ids=IDS)
def test_carrier_of_an_unlimited_approve_to_a_stranger_blocks(index: int) -> None:
    """Each entry point carrying approve(stranger, MAX): BLOCK."""
    verdict = _judged(_carriers(STRANGER)[index][1])
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


@pytest.mark.parametrize("index", range(len(IDS)), ids=IDS)
def test_carrier_of_an_approve_to_an_allowlisted_spender_is_no_grant(index: int) -> None:
    """The allowlisted twin: no grant finding, nothing undecodable."""
    found = rules(_judged(_carriers(FRIEND)[index][1]))
    assert "tx.evm.unlimited_approval" not in found
    assert "tx.undecodable" not in found


def test_module_delegatecall_blocks() -> None:
    """execTransactionFromModule(stranger, data, DELEGATECALL): as a Safe delegatecall, BLOCK."""
    data = call(
        "execTransactionFromModule(address,uint256,bytes,uint8)",
        STRANGER,
        0,
        b"\x12\x34\x56\x78",
        1,
    )
    verdict = _judged(own_tx(SAFE, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.delegatecall" in rules(verdict)


def test_7821_call_to_zero_is_the_account_itself() -> None:
    """A batch call to address(0) runs on the account (ERC-7821): an unknown selector there
    is own-account code (FLAG), not a call to nobody."""
    batch = encode(["(address,uint256,bytes)[]"], [[(ZERO, 0, b"\xde\xad\xbe\xef")]])
    verdict = _judged(own_tx(OWN, call("execute(bytes32,bytes)", _mode("78210001"), batch)))
    assert verdict.action is Action.FLAG
    assert any("reason:own-account-code" in f.evidence for f in verdict.findings)
