"""Every permit shape read bare is the grant it carries when handed to a contract (review18 F8).

Shapes: EIP-2612 ``permit(..., v, r, s)``; USDC FiatTokenV2_2 ``permit(owner, spender, value,
deadline, bytes signature)`` (circlefin/stablecoin-evm); DAI ``permit(holder, spender,
nonce, expiry, allowed, v, r, s)`` (makerdao dai.sol); Permit2 ``permit(owner,
PermitSingle, bytes)`` (Uniswap/permit2 ``IAllowanceTransfer.sol``). Carried as a whole call
in a ``bytes`` argument or flattened into an unknown function's arguments. Signatures are
placeholders.
"""

from __future__ import annotations

import pytest
from eth_abi import encode

from aiegis_guard.findings import Action
from tests.evm_builders import PERMIT2, call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, addr, judged, own_tx, rules

KIT = addr("drainer-kit-contract")
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
MAX = 2**256 - 1
SIG65 = (1).to_bytes(32, "big") + (2).to_bytes(32, "big") + b"\x1b"
R, S = (1).to_bytes(32, "big"), (2).to_bytes(32, "big")


def _permits(spender: str) -> list[tuple[str, str, bytes]]:
    return [
        (
            "usdc-bytes",
            USDC,
            call("permit(address,address,uint256,uint256,bytes)", OWN, spender, MAX, 2**40, SIG65),
        ),
        (
            "dai",
            DAI,
            call(
                "permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)",
                OWN,
                spender,
                0,
                0,
                True,
                27,
                R,
                S,
            ),
        ),
        (
            "permit2-single",
            PERMIT2,
            call(
                "permit(address,((address,uint160,uint48,uint48),address,uint256),bytes)",
                OWN,
                ((USDC, 2**160 - 1, 2**48 - 1, 0), spender, 2**40),
                SIG65,
            ),
        ),
    ]


IDS = [name for name, _, _ in _permits(STRANGER)]


@pytest.mark.parametrize("index", range(3), ids=IDS)
def test_bare_permit_to_a_stranger_blocks(index: int) -> None:
    """The permit submitted bare (USDC's bytes-signature permit included): BLOCK."""
    _, token, data = _permits(STRANGER)[index]
    assert judged(own_tx(token, data)).action is Action.BLOCK


@pytest.mark.parametrize("index", range(3), ids=IDS)
def test_permit_call_handed_to_a_kit_blocks(index: int) -> None:
    """kit.claim(token, permitCall): the own permit it carries is the grant: BLOCK."""
    _, token, data = _permits(STRANGER)[index]
    verdict = judged(own_tx(KIT, call("claim(address,bytes)", token, data)))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


@pytest.mark.parametrize("index", range(3), ids=IDS)
def test_flattened_permit_arguments_block(index: int) -> None:
    """The permit's arguments flattened into an unknown function after a token word: BLOCK."""
    _, token, data = _permits(STRANGER)[index]
    payload = own_tx(KIT, bytes.fromhex("c0ffee00") + encode(["address"], [token]) + data[4:])
    assert judged(payload).action is Action.BLOCK


@pytest.mark.parametrize("index", range(3), ids=IDS)
def test_permit_to_an_allowlisted_spender_handed_over_is_no_grant_finding(index: int) -> None:
    """The allowlisted twin: no unlimited_approval (the unknown call to the kit still FLAGs)."""
    _, token, data = _permits(FRIEND)[index]
    verdict = judged(own_tx(KIT, call("claim(address,bytes)", token, data)), FRIEND)
    assert "tx.evm.unlimited_approval" not in rules(verdict)


def test_someone_elses_permit_is_not_own_grant() -> None:
    """A kit handed a permit of another owner: not own's grant (no unlimited_approval)."""
    other = addr("someone-else")
    data = call("permit(address,address,uint256,uint256,bytes)", other, STRANGER, MAX, 2**40, SIG65)
    verdict = judged(own_tx(KIT, call("claim(address,bytes)", USDC, data)))
    assert "tx.evm.unlimited_approval" not in rules(verdict)
