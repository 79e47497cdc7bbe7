"""Calls whose targets are kept apart from their calldata, in parallel arrays (issue 12).

Executors laid out as ``(address[] targets, uint256[] values, bytes[] datas, ...)`` or
``(address[] targets, bytes[] datas)``: eth-infinitism/account-abstraction
``contracts/samples/SimpleAccount.sol`` ``executeBatch(address[],uint256[],bytes[])`` (v0.7) /
``executeBatch(address[],bytes[])`` (v0.6), OpenZeppelin ``contracts/governance/
TimelockController.sol`` ``executeBatch(address[],uint256[],bytes[],bytes32,bytes32)`` and
``Governor.execute(address[],uint256[],bytes[],bytes32)``. Under a selector the decoder does
not know, the generic scan (``chains/evm/embedded.py``) pairs the i-th target with the i-th
bytes, so a carried call is read on its token as it is bare.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode
from eth_utils import keccak

from aiegis_guard.chains.evm.embedded import embedded_calls
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from tests.receiver_builders import OWN, STRANGER, USDC

WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
FILLER = bytes.fromhex("12345678")  # a call no scan reads


def _call(signature: str, types: list[str], args: list[Any]) -> bytes:
    return keccak(text=signature)[:4] + encode(types, args)


APPROVE = _call("approve(address,uint256)", ["address", "uint256"], [STRANGER, 10**6])
TRANSFER = _call("transfer(address,uint256)", ["address", "uint256"], [STRANGER, 5 * 10**6])


def _shaped(shape: str, targets: list[str], datas: list[bytes]) -> bytes:
    values = [0] * len(targets)
    if shape == "unknown-three-arrays":
        return bytes.fromhex("deadbeef") + encode(
            ["address[]", "uint256[]", "bytes[]"], [targets, values, datas]
        )
    if shape == "unknown-two-arrays":
        return bytes.fromhex("deadbeef") + encode(["address[]", "bytes[]"], [targets, datas])
    if shape == "timelock-execute-batch":
        sig = "executeBatch(address[],uint256[],bytes[],bytes32,bytes32)"
        types = ["address[]", "uint256[]", "bytes[]", "bytes32", "bytes32"]
        return _call(sig, types, [targets, values, datas, bytes(32), b"\x02" * 32])
    sig = "execute(address[],uint256[],bytes[],bytes32)"  # Governor
    types = ["address[]", "uint256[]", "bytes[]", "bytes32"]
    return _call(sig, types, [targets, values, datas, b"\x01" * 32])


SHAPES = ["unknown-three-arrays", "unknown-two-arrays", "timelock-execute-batch", "governor"]


@pytest.mark.parametrize("shape", SHAPES)
def test_ith_target_pairs_with_ith_bytes(shape: str) -> None:
    """Each carried call is read on the target at its own index."""
    data = _shaped(shape, [WETH, USDC, WETH], [APPROVE, FILLER, TRANSFER])
    assert embedded_calls(data, OWN.lower()) == [(WETH, APPROVE), (WETH, TRANSFER)]
    data = _shaped(shape, [WETH, USDC], [FILLER, APPROVE])
    assert embedded_calls(data, OWN.lower()) == [(USDC, APPROVE)]


@pytest.mark.parametrize("shape", SHAPES)
def test_arrays_of_other_lengths_are_not_paired(shape: str) -> None:
    """An address[] and a bytes[] of different lengths are no pair: the target is not read
    from the array (no call put on a wrong token)."""
    data = _shaped(shape, [WETH, WETH], [APPROVE])
    assert [t for t, _ in embedded_calls(data, OWN.lower())] != [WETH]


def test_non_canonical_bytes_table_is_not_paired() -> None:
    """A bytes[] whose table does not lay its elements one after the other (an element
    pointed at twice) is not read as parallel to the targets."""
    data = bytearray(_shaped("unknown-two-arrays", [WETH, USDC], [APPROVE, APPROVE]))
    head = 4 + int.from_bytes(data[4 + 32 : 4 + 64], "big")  # the bytes[] count word
    table = head + 32
    data[table + 32 : table + 64] = data[table : table + 32]  # element 1 -> element 0
    assert all(t not in (WETH, USDC) for t, _ in embedded_calls(bytes(data), OWN.lower()))


def _guard() -> Guard:
    return Guard(
        Policy.model_validate(
            {
                "wallet": {"evm": [OWN]},
                "limits": [{"chain": "evm", "asset": USDC, "decimals": 6, "per_tx": "100"}],
            }
        ),
        classifier=False,
    )


def _tx(to: str, data: bytes) -> dict[str, Any]:
    return {"from": OWN, "to": to, "value": "0x0", "data": "0x" + data.hex(), "chainId": 1}


@pytest.mark.parametrize("shape", SHAPES)
def test_carried_grant_is_judged_on_its_token(shape: str) -> None:
    """An approve carried by a parallel-array executor on the own account is judged as the
    bare approve of USDC (same rule, same evidence: the amount read in USDC's decimals)."""
    guard = _guard()
    bare = guard.check_transaction(_tx(USDC, APPROVE))
    carried = guard.check_transaction(_tx(OWN, _shaped(shape, [WETH, USDC], [FILLER, APPROVE])))
    assert bare.action is Action.BLOCK and carried.action is Action.BLOCK, carried.explain()
    wanted = {(f.rule_id, f.evidence) for f in bare.findings}
    assert wanted <= {(f.rule_id, f.evidence) for f in carried.findings}, carried.explain()
