"""EIP-2612 permits carried by calls the decoder cannot read (``chains/evm/carried_permits.py``).

The carrier shapes: the DYNAMO210/ultimate-resolution kit's ``resolveWithPermit(token, owner,
value, deadline, v, r, s)`` (no spender: the called contract's), EIP-2612 ``permit``'s own
argument order ``(owner, spender, value, deadline, v, r, s)`` in an unknown function, and an
inner ``permit(...)`` call in a ``bytes`` argument. Signatures are placeholders; addresses are
generated (``tests/receiver_builders.py``).
"""

from __future__ import annotations

import pytest

from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import Approval
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, judged, own_tx, rules

KIT = addr("drainer-contract")
MAX = 2**256 - 1
DEADLINE = 1_800_000_000
R, S = b"\x33" * 32, b"\x44" * 32
RESOLVE = "resolveWithPermit(address,address,uint256,uint256,uint8,bytes32,bytes32)"
PERMIT = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"


def _grants(payload: dict[str, object]) -> list[Approval]:
    return [op for op in decode_evm(payload).operations if isinstance(op, Approval)]


def test_kit_carrier_is_an_unlimited_grant_to_the_called_contract() -> None:
    """resolveWithPermit(USDC, own, max, ...) to an unknown contract: the own permit it is
    handed is an unlimited grant of USDC to that contract: BLOCK."""
    payload = own_tx(KIT, call(RESOLVE, USDC, OWN, MAX, DEADLINE, 28, R, S))
    (grant,) = _grants(payload)
    assert (grant.owner, grant.spender, grant.asset.address, grant.unlimited) == (
        OWN,
        KIT,
        USDC,
        True,
    )
    verdict = judged(payload)
    assert verdict.action is Action.BLOCK
    assert {"tx.evm.unlimited_approval", "tx.evm.unknown_call"} <= rules(verdict)


def test_permit_argument_order_names_its_spender() -> None:
    """(owner, spender, value, deadline, v, r, s) in an unknown function: a grant to spender;
    a bounded one that never expires to a stranger is BLOCKed, to an allowlisted spender it
    is not."""
    data = call(
        "depositWithPermit(address,address,uint256,uint256,uint8,bytes32,bytes32)",
        OWN,
        STRANGER,
        10**9,
        DEADLINE,
        27,
        R,
        S,
    )
    (grant,) = _grants(own_tx(KIT, data))
    assert (grant.spender, grant.amount, grant.asset.address) == (STRANGER, 10**9, None)
    assert "tx.evm.approval_unknown_spender" in rules(judged(own_tx(KIT, data), KIT))
    friendly = data.replace(bytes.fromhex(STRANGER[2:]), bytes.fromhex(FRIEND[2:]))
    assert judged(own_tx(KIT, friendly), KIT, FRIEND).action is Action.ALLOW


def test_inner_permit_call_in_a_bytes_argument() -> None:
    """An unknown multicall-like function whose bytes argument is a permit(...) call."""
    inner = call(PERMIT, OWN, STRANGER, MAX, DEADLINE, 27, R, S)
    payload = own_tx(KIT, call("run(address,bytes)", USDC, inner))
    (grant,) = _grants(payload)
    assert (grant.owner, grant.spender, grant.unlimited) == (OWN, STRANGER, True)
    assert judged(payload).action is Action.BLOCK


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call(RESOLVE, USDC, STRANGER, MAX, DEADLINE, 28, R, S), id="not-own"),
        pytest.param(call(RESOLVE, USDC, OWN, MAX, DEADLINE, 29, R, S), id="v-not-27-28"),
        pytest.param(call(RESOLVE, USDC, OWN, MAX, DEADLINE, 28, bytes(32), S), id="r-zero"),
        pytest.param(call("f(address,uint256,uint256)", USDC, 5, 6), id="too-short"),
    ],
)
def test_no_permit_of_the_own_account_no_grant(data: bytes) -> None:
    """Another owner's permit, a malformed signature or a short call: no grant read."""
    assert not _grants(own_tx(KIT, data))


def test_known_permit_carrier_is_judged_by_its_decoder() -> None:
    """Aave supplyWithPermit is decoded: its permit is the decoder's exact grant of the amount
    to the Pool until the deadline (spent by the supply in the same call), no carried grant."""
    pool = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2"
    data = call(
        "supplyWithPermit(address,uint256,address,uint16,uint256,uint8,bytes32,bytes32)",
        USDC,
        5 * 10**9,
        OWN,
        0,
        DEADLINE,
        27,
        R,
        S,
    )
    (grant,) = _grants(own_tx(pool, data))
    assert (grant.via, grant.spender, grant.amount, grant.deadline) == (
        "aave_v3.permit",
        pool,
        5 * 10**9,
        DEADLINE,
    )
    assert judged(own_tx(pool, data), pool).action is Action.ALLOW
