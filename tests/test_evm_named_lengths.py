"""A ``bytes`` of 20 read as a receiver only where an ABI offset points at its length word
(review18c F11, ``calldata._named_addresses`` / ``_pointed``).

An opaque call to an allowlisted contract is FLAGged when its arguments name a stranger; a
cross-chain receiver is often a ``bytes`` of 20 (LayerZero / Across-style ``bytes`` recipients).
A static word of 20 (20 bps, a count) followed by a left-aligned ``bytes32`` tag is no such
length: nothing points at it. Functions are made up (the contract is opaque by design);
addresses are generated.
"""

from __future__ import annotations

import pytest

from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import OWN, STRANGER, USDC, addr, judged, own_tx

ROUTER = addr("router-allowlisted")
TAG = b"metamask".ljust(32, b"\0")  # a left-aligned bytes32 tag (an integrator's name)


def _receiver(address: str) -> bytes:
    return bytes.fromhex(address[2:])


@pytest.mark.parametrize("number", [20, 30])
def test_a_word_of_20_before_a_tag_is_no_bytes_receiver(number: int) -> None:
    """swapAndBridge(token, amount, 20 bps, bytes32 tag, receiver=own): ALLOW (was FLAG)."""
    data = call(
        "swapAndBridge(address,uint256,uint256,bytes32,address)", USDC, 10**9, number, TAG, OWN
    )
    assert judged(own_tx(ROUTER, data), ROUTER).action is Action.ALLOW


def _forms(receiver: str) -> list[bytes]:
    raw = _receiver(receiver)
    return [
        call("bridge(uint256,bytes)", 10**9, raw),
        call("bridge(uint256,(uint256,bytes,uint16))", 10**9, (5, raw, 30)),
        call("bridge(uint256,bytes[])", 10**9, [b"\x01" * 40, raw]),
        call("bridge(uint256,uint256,bytes32,bytes)", 10**9, 20, TAG, raw),
    ]


IDS = ["bytes-argument", "bytes-in-a-tuple", "bytes-in-an-array", "after-a-20-and-a-tag"]


@pytest.mark.parametrize("form", range(4), ids=IDS)
@pytest.mark.parametrize(
    ("receiver", "action"),
    [pytest.param(STRANGER, Action.FLAG, id="stranger"), pytest.param(OWN, Action.ALLOW, id="own")],
)
def test_a_bytes_receiver_an_offset_points_at_is_still_named(
    form: int, receiver: str, action: Action
) -> None:
    """A real ``bytes`` of 20 (top level, in a tuple, in an array): read as a receiver."""
    verdict = judged(own_tx(ROUTER, _forms(receiver)[form]), ROUTER)
    assert verdict.action is action
    if action is Action.FLAG:
        assert any(f"names:{STRANGER}" in f.evidence for f in verdict.findings)


@pytest.mark.parametrize(
    ("signature", "head"),
    [
        ("bridge(uint256,bytes)", (32,)),
        ("bridge(uint256,uint256,bytes)", (64, 10**9)),
        ("bridge(uint256,uint256,bytes)", (10**9, 32)),
        ("bridge(uint256,uint256,uint256,bytes)", (32, 7, 10**9)),
    ],
    ids=["bps-32", "min-gas-64", "amount-then-32", "32-then-a-small-number"],
)
def test_a_static_number_like_an_offset_hides_no_bytes_receiver(
    signature: str, head: tuple[int, ...]
) -> None:
    """A static argument of 32 / 64 before the receiver's offset (review19 F7) may be an
    offset or a number: the walk falls back to reading every word of 20 as a length, so the
    stranger receiver is still named (was ALLOW)."""
    data = call(signature, *head, _receiver(STRANGER))
    verdict = judged(own_tx(ROUTER, data), ROUTER)
    assert verdict.action is Action.FLAG
    assert any(f"names:{STRANGER}" in f.evidence for f in verdict.findings)
