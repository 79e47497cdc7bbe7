"""UniversalRouter inputs read as the router reads them (review18 F3).

Uniswap/universal-router ``contracts/base/Dispatcher.sol`` decodes each command's static
inputs with ``calldataload`` into typed variables (``payerIsUser := calldataload(add(
inputs.offset, 0x80))``, ``recipient := calldataload(inputs.offset)``): any non-zero word is
``true``, an address / uint160 keeps its low bits. A command the router knows whose input does
not decode at all is undecodable (FLAG), never a trusted opaque call of an allowlisted router.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import ROUTER, call
from tests.receiver_builders import FRIEND, OWN, STRANGER, USDC, WETH, own_tx, rules

PATH = bytes.fromhex(USDC[2:]) + (500).to_bytes(3, "big") + bytes.fromhex(WETH[2:])
MSG_SENDER = "0x0000000000000000000000000000000000000001"
V3_TYPES = ["address", "uint256", "uint256", "bytes", "bool"]


def _judged(payload: dict[str, Any], router_allowlisted: bool) -> Verdict:
    allow = [FRIEND.lower()] + ([ROUTER] if router_allowlisted else [])
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": allow, "evm_spenders": allow}}
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


def _plan(commands: list[int], inputs: list[bytes]) -> dict[str, Any]:
    data = call("execute(bytes,bytes[],uint256)", bytes(commands), inputs, 2**40)
    return own_tx(ROUTER, data)


def _swap(recipient: str, payer_word: int, minimum: int = 10**15, dirty: bytes = b"") -> bytes:
    enc = bytearray(encode(V3_TYPES, [recipient, 10**9, minimum, PATH, True]))
    enc[128:160] = payer_word.to_bytes(32, "big")
    if dirty:
        enc[: len(dirty)] = dirty
    return bytes(enc)


@pytest.mark.parametrize("allowlisted", [True, False], ids=["router-allowlisted", "router-not"])
@pytest.mark.parametrize(
    "swap",
    [
        _swap(STRANGER, 1),
        _swap(STRANGER, 2),
        _swap(STRANGER, 2**255),
        _swap(STRANGER, 1, dirty=b"\xff" * 12),
    ],
    ids=["payer-1", "payer-2", "payer-2**255", "dirty-recipient"],
)
def test_swap_output_to_a_stranger_blocks_however_encoded(swap: bytes, allowlisted: bool) -> None:
    """The router pays the stranger in every encoding it accepts: BLOCK (swap_recipient)."""
    verdict = _judged(_plan([0x00], [swap]), allowlisted)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.swap_recipient" in rules(verdict)


@pytest.mark.parametrize("allowlisted", [True, False], ids=["router-allowlisted", "router-not"])
def test_swap_to_the_caller_with_a_lenient_bool_passes(allowlisted: bool) -> None:
    """The own twin: output to msg.sender, payerIsUser word 2, a minimum: not a stranger."""
    verdict = _judged(_plan([0x00], [_swap(MSG_SENDER, 2)]), allowlisted)
    assert "tx.evm.swap_recipient" not in rules(verdict)
    assert "tx.undecodable" not in rules(verdict)


def test_sweep_with_a_dirty_recipient_word_is_read_as_the_router_reads_it() -> None:
    """SWEEP(WETH, 0x01..01 || stranger, 0): the router sends to the stranger: BLOCK."""
    sweep = bytearray(encode(["address", "address", "uint256"], [WETH, STRANGER, 0]))
    sweep[32:44] = b"\x01" * 12
    plan = _plan([0x00, 0x04], [_swap("0x" + "00" * 19 + "02", 1), bytes(sweep)])
    assert _judged(plan, True).action is Action.BLOCK


@pytest.mark.parametrize("cut", [40, 100, 200])
def test_truncated_command_input_is_undecodable_even_on_an_allowlisted_router(cut: int) -> None:
    """A V3 swap input cut short: FLAG tx.undecodable, never a trusted opaque call."""
    swap = _swap(STRANGER, 1)[:-cut]
    verdict = _judged(_plan([0x00], [swap]), True)
    assert verdict.action is not Action.ALLOW
    assert "tx.undecodable" in rules(verdict)


def _portions(recipient: str, bips: int, count: int) -> dict[str, Any]:
    """V3 swap into the router, ``count`` PAY_PORTION(bips) to ``recipient``, SWEEP the rest
    to the caller with a minimum (review18 F11)."""
    swap = _swap("0x" + "00" * 19 + "02", 1)
    portion = encode(["address", "address", "uint256"], [WETH, recipient, bips])
    sweep = encode(["address", "address", "uint256"], [WETH, MSG_SENDER, 10**15])
    return _plan([0x00, *[0x06] * count, 0x04], [swap, *[portion] * count, sweep])


@pytest.mark.parametrize("count", [10, 69, 200])
def test_many_small_portions_to_a_stranger_are_its_compounded_share(count: int) -> None:
    """count x 1 % of the router's balance to a stranger compound to 9.6 % .. 87 %: an
    output, BLOCK as one portion of that share."""
    verdict = _judged(_portions(STRANGER, 100, count), False)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.swap_recipient" in rules(verdict)


def test_one_fee_portion_to_a_stranger_stays_a_fee() -> None:
    """A single 0.25 % portion (an interface fee): no swap_recipient."""
    assert "tx.evm.swap_recipient" not in rules(_judged(_portions(STRANGER, 25, 1), False))


def test_small_portions_to_an_allowlisted_recipient_pass() -> None:
    """The allowlisted twin of 200 x 1 %: not a stranger's output."""
    assert "tx.evm.swap_recipient" not in rules(_judged(_portions(FRIEND, 100, 200), False))
