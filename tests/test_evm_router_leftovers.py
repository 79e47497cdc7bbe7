"""UniversalRouter leftovers (``protocols/universal_router.py``): an ``UNWRAP_WETH`` /
``SWEEP`` of minimum 0 back to the caller in a plan whose output is guaranteed is the
refund of what an exact-out swap left unspent, not an output that accepts any price.

Commands and inputs follow Uniswap/universal-router ``Commands.sol`` / ``Dispatcher.sol``
(WRAP_ETH 0x0b, V3_SWAP_EXACT_OUT 0x01, V3_SWAP_EXACT_IN 0x00, UNWRAP_WETH 0x0c); recipient 1
is ``msg.sender``, 2 the router; tokens are ``data/evm_protocols.json``'s.
"""

from __future__ import annotations

from eth_abi import encode

from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import USDC, WETH, judged, own_tx, rules

ROUTER = "0x66a9893cc07d91d95644aedd05d03f95e1dba8af"  # UniversalRouter (v4 deployment)
SENDER, THIS = "0x" + "00" * 19 + "01", "0x" + "00" * 19 + "02"
ETH = 10**18


def _path(token_out: str, token_in: str) -> bytes:  # exact-out paths run from the output back
    return bytes.fromhex(token_out[2:]) + (500).to_bytes(3, "big") + bytes.fromhex(token_in[2:])


def plan(out_min: int, unwrap_min: int) -> dict[str, object]:
    wrap = encode(["address", "uint256"], [THIS, 2 * ETH])
    swap = encode(["address", "uint256", "uint256", "bytes", "bool"],
                  [SENDER, out_min, 2 * ETH, _path(USDC, WETH), False])  # fmt: skip
    unwrap = encode(["address", "uint256"], [SENDER, unwrap_min])
    data = call("execute(bytes,bytes[],uint256)", bytes([0x0B, 0x01, 0x0C]), [wrap, swap, unwrap],
                2**40)  # fmt: skip
    return own_tx(ROUTER, data, value=2 * ETH)


def test_refund_of_an_exact_out_swap_is_no_unguarded_output() -> None:
    verdict = judged(plan(5_000 * 10**6, 0), ROUTER)
    assert verdict.action is Action.ALLOW, verdict.effect_lines
    assert not any("0 ETH" in line for line in verdict.effect_lines)


def test_a_plan_with_no_guaranteed_output_still_flags() -> None:
    verdict = judged(plan(0, 0), ROUTER)
    assert verdict.action is Action.FLAG
    assert "tx.evm.swap_no_minimum" in rules(verdict)
