"""Decoder limits and strictness never downgrade what was found (review18 F4, F5).

Encodings the EVM runs are decoded: overlapping ABI offsets (Solidity's decoder accepts
them), a tail after Safe MultiSend records that ``MultiSend.sol``'s loop never reads
(``let i := 0x20 ... lt(i, length)``: safe-global/safe-smart-account
``contracts/libraries/MultiSend.sol``). Past ``MAX_OPS`` decoding stops and what was found
stands (with ``tx.undecodable``); past ``MAX_DEPTH`` a leaf call is still decoded and an own
account's undecoded call carries its embedded calls.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.chains.evm.calldata import MAX_OPS
from aiegis_guard.chains.evm.frames import MAX_DEPTH
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call, selector
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, own_tx, rules

MAX = 2**256 - 1
SAFE = addr("own-safe")
EXEC_TX = (
    "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"
)
ZERO = "0x" + "00" * 20


def _judged(payload: dict[str, Any]) -> Verdict:
    allow = [FRIEND.lower()]
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN, SAFE]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def _approve(spender: str) -> bytes:
    return call("approve(address,uint256)", spender, MAX)


def _record(to: str, data: bytes, value: int = 0) -> bytes:
    return (
        b"\x00"
        + bytes.fromhex(to[2:])
        + value.to_bytes(32, "big")
        + len(data).to_bytes(32, "big")
        + data
    )


def _multisend(records: bytes) -> dict[str, Any]:
    inner = call("multiSend(bytes)", records)
    ms = "0x38869bf66a61cF6bDB996A6aE40D5853Fd43B526"
    return own_tx(SAFE, call(EXEC_TX, ms, 0, inner, 1, 0, 0, 0, ZERO, ZERO, b"\x01" * 65))


@pytest.mark.parametrize(
    "tail", [b"", b"\x00", b"\x01" * 31, bytes(32)], ids=["none", "1", "31", "32"]
)
def test_multisend_tail_the_loop_never_reads_keeps_the_block(tail: bytes) -> None:
    """A tail of at most 32 bytes after the last record is never read by MultiSend: BLOCK."""
    verdict = _judged(_multisend(_record(USDC, _approve(STRANGER)) + tail))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


def test_multisend_tail_the_loop_reads_is_undecodable() -> None:
    """A 33-byte tail starts a record MultiSend reads past the end: not silently ALLOWed."""
    verdict = _judged(_multisend(_record(USDC, _approve(FRIEND)) + b"\x00" * 33))
    assert verdict.action is not Action.ALLOW


def _shared_batch(n: int, payload: bytes) -> bytes:
    """executeBatch((address,uint256,bytes)[]) whose n tuples all point at one payload."""
    tuples_at, size = 32 * n, 96
    shared_at = tuples_at + size * n
    offsets = b"".join((tuples_at + size * k).to_bytes(32, "big") for k in range(n))
    tuples = b"".join(
        bytes(12)
        + bytes.fromhex(USDC[2:])
        + bytes(32)
        + (shared_at - tuples_at - size * k).to_bytes(32, "big")
        for k in range(n)
    )
    padded = payload + bytes(-len(payload) % 32)
    body = offsets + tuples + len(payload).to_bytes(32, "big") + padded
    return (
        selector("executeBatch((address,uint256,bytes)[])")
        + (32).to_bytes(32, "big")
        + n.to_bytes(32, "big")
        + body
    )


@pytest.mark.parametrize("n", [1, 2, 8, 64])
def test_overlapping_offsets_decode_as_solidity_does(n: int) -> None:
    """n Call tuples sharing one padded approve payload: the approve runs, BLOCK."""
    verdict = _judged(own_tx(OWN, _shared_batch(n, _approve(STRANGER) + bytes(2000))))
    assert verdict.action is Action.BLOCK


def test_overlapping_offsets_allowlisted_twin_passes() -> None:
    """The same sharing to an allowlisted spender: no grant finding, not undecodable."""
    verdict = _judged(own_tx(OWN, _shared_batch(8, _approve(FRIEND) + bytes(2000))))
    assert "tx.undecodable" not in rules(verdict)
    assert "tx.evm.unlimited_approval" not in rules(verdict)


def test_past_max_ops_what_was_found_stands() -> None:
    """An approve to a stranger first, then more than MAX_OPS harmless calls: BLOCK (and
    tx.undecodable for the rest)."""
    harmless = call("transfer(address,uint256)", FRIEND, 1)
    calls = [(USDC, 0, _approve(STRANGER))] + [(USDC, 0, harmless)] * (MAX_OPS + 8)
    verdict = _judged(own_tx(OWN, call("executeBatch((address,uint256,bytes)[])", calls)))
    assert verdict.action is Action.BLOCK
    assert {"tx.evm.unlimited_approval", "tx.undecodable"} <= rules(verdict)


def test_many_harmless_calls_under_the_limit_stay_decoded() -> None:
    """600 one-unit transfers to an allowlisted recipient and the approve after them: BLOCK."""
    harmless = call("transfer(address,uint256)", FRIEND, 1)
    calls = [(USDC, 0, harmless)] * 600 + [(USDC, 0, _approve(STRANGER))]
    verdict = _judged(own_tx(OWN, call("executeBatch((address,uint256,bytes)[])", calls)))
    assert verdict.action is Action.BLOCK
    assert "tx.undecodable" not in rules(verdict)


def _nested_execute(levels: int, inner: bytes) -> bytes:
    data, target = inner, USDC
    for _ in range(levels):
        data, target = call("execute(address,uint256,bytes)", target, 0, data), OWN
    return data


def _nested_multicall(levels: int, inner: bytes) -> bytes:
    data = inner
    for _ in range(levels):
        data = call("multicall(bytes[])", [data])
    return data


@pytest.mark.parametrize("levels", [MAX_DEPTH, MAX_DEPTH + 1, MAX_DEPTH + 2, 30])
def test_depth_limit_keeps_the_block(levels: int) -> None:
    """An approve to a stranger nested past the depth limit (own.execute, token
    self-multicall): BLOCK, as bare."""
    assert _judged(own_tx(OWN, _nested_execute(levels, _approve(STRANGER)))).action is Action.BLOCK
    assert (
        _judged(own_tx(USDC, _nested_multicall(levels, _approve(STRANGER)))).action is Action.BLOCK
    )


@pytest.mark.parametrize("levels", [MAX_DEPTH + 2, 30])
def test_depth_limit_allowlisted_twin_is_not_blocked(levels: int) -> None:
    """The same nesting of an approve to an allowlisted spender: never BLOCK (decode_limit
    FLAG at most)."""
    assert (
        _judged(own_tx(OWN, _nested_execute(levels, _approve(FRIEND)))).action is not Action.BLOCK
    )
    assert (
        _judged(own_tx(USDC, _nested_multicall(levels, _approve(FRIEND)))).action
        is not Action.BLOCK
    )
