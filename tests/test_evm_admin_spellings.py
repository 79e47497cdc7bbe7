"""The same authority in other deployed spellings (review18 F14).

dapphub ds-auth ``setOwner`` / ``setAuthority`` (Maker DSProxy's owner and authority),
ds-proxy ``execute(address,bytes)`` (a DELEGATECALL in the proxy), and pos-portal
``executeMetaTransaction`` (the on-chain form of the typed MetaTransaction). A stranger gaining
the power BLOCKs; own / allowlisted twins do not.
"""

from __future__ import annotations

import pytest

from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, judged, own_tx, rules

PROXY = addr("own-ds-proxy")
MAX = 2**256 - 1
R = (1).to_bytes(32, "big")


@pytest.mark.parametrize(
    ("signature", "rule"),
    [
        ("setOwner(address)", "tx.evm.transfer_ownership"),
        ("setAuthority(address)", "tx.evm.authority_change"),
    ],
)
def test_dsauth_power_to_a_stranger_blocks(signature: str, rule: str) -> None:
    """setOwner / setAuthority(stranger): BLOCK as transferOwnership does."""
    verdict = judged(own_tx(PROXY, call(signature, STRANGER)))
    assert verdict.action is Action.BLOCK
    assert rule in rules(verdict)


@pytest.mark.parametrize("signature", ["setOwner(address)", "setAuthority(address)"])
def test_dsauth_power_to_own_or_allowlisted_passes(signature: str) -> None:
    """The same to own / to an allowlisted address: no BLOCK."""
    assert judged(own_tx(PROXY, call(signature, OWN)), PROXY).action is not Action.BLOCK
    assert judged(own_tx(PROXY, call(signature, FRIEND)), PROXY, FRIEND).action is not Action.BLOCK


def test_ds_proxy_execute_is_a_delegatecall() -> None:
    """DSProxy.execute(target, data) to a target nobody vouches for: BLOCK delegatecall."""
    data = call("execute(address,bytes)", addr("some-target"), b"\x12\x34\x56\x78")
    verdict = judged(own_tx(PROXY, data))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.delegatecall" in rules(verdict)


def test_ds_proxy_execute_of_an_allowlisted_target_is_not_a_delegatecall_block() -> None:
    """The allowlisted twin (the proxy actions contract the owner uses)."""
    target = addr("proxy-actions")
    verdict = judged(
        own_tx(PROXY, call("execute(address,bytes)", target, b"\x12\x34\x56\x78")), target
    )
    assert "tx.evm.delegatecall" not in rules(verdict)


@pytest.mark.parametrize(("spender", "action"), [(STRANGER, Action.BLOCK), (FRIEND, Action.ALLOW)])
def test_execute_meta_transaction_is_the_signers_call(spender: str, action: Action) -> None:
    """executeMetaTransaction(own, approve(spender, MAX)): judged as own's approve."""
    inner = call("approve(address,uint256)", spender, MAX)
    data = call("executeMetaTransaction(address,bytes,bytes32,bytes32,uint8)", OWN, inner, R, R, 27)
    assert judged(own_tx(USDC, data), FRIEND).action is action
