"""An on-chain signature of unseen contents is a blind signature (review18 F12).

Safe ``approveHash(bytes32)`` (safe-smart-account ``Safe.sol``: the same owner approval as a
signature of the hash) and CoW ``setPreSignature(bytes orderUid, bool signed)``
(cowprotocol/contracts ``GPv2Signing.sol``: the order is only its digest in the uid) BLOCK
``tx.evm.blind_signature`` as ``eth_sign`` of a 32-byte hash does; withdrawing a
pre-signature or approving on an allowlisted Safe does not.
"""

from __future__ import annotations

from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import OWN, addr, judged, own_tx, rules

GPV2 = "0x9008d19f58aabd9ed0d60971565aa8510560ab41"
TEAM_SAFE = addr("team-safe")
DIGEST = bytes(range(32))
UID = DIGEST + bytes.fromhex(OWN[2:]) + (2**32 - 1).to_bytes(4, "big")


def test_approve_hash_on_a_safe_not_allowlisted_is_blind() -> None:
    """approveHash(h) on a Safe nobody vouches for: BLOCK blind_signature."""
    verdict = judged(own_tx(TEAM_SAFE, call("approveHash(bytes32)", DIGEST)))
    assert verdict.action is Action.BLOCK
    assert {"tx.evm.blind_signature", "tx.evm.safe_approve_hash"} <= rules(verdict)


def test_approve_hash_on_an_allowlisted_safe_passes() -> None:
    """The allowlisted twin (the team Safe the owner co-signs for): no blind signature."""
    verdict = judged(own_tx(TEAM_SAFE, call("approveHash(bytes32)", DIGEST)), TEAM_SAFE)
    assert "tx.evm.blind_signature" not in rules(verdict)


def test_cow_pre_signature_is_blind() -> None:
    """setPreSignature(uid, true): an order seen only as its digest, BLOCK."""
    verdict = judged(own_tx(GPV2, call("setPreSignature(bytes,bool)", UID, True)))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.blind_signature" in rules(verdict)


def test_cow_pre_signature_withdrawn_is_not_blind() -> None:
    """setPreSignature(uid, false) withdraws a pre-signature: no blind signature."""
    verdict = judged(own_tx(GPV2, call("setPreSignature(bytes,bool)", UID, False)))
    assert "tx.evm.blind_signature" not in rules(verdict)
