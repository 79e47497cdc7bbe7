"""A Seaport fulfilment made by a wrapper: what is bought is paid to ``msg.sender``, the
wrapper (review11 F8).

Sources: ProjectOpenSea/seaport ``contracts/lib/BasicOrderFulfiller.sol`` (the basic routes pay
the offer to ``msg.sender``) and ``ConsiderationInterface.sol`` (``fulfillAdvancedOrder``:
``recipient`` 0 is ``msg.sender``); mds1/multicall ``src/Multicall3.sol`` (``aggregate3Value``
calls each target as Multicall3, which anyone may call next to take what it holds);
safe-global/safe-smart-account ``Safe.sol`` (``execTransaction``: the Safe is the caller).
Counterparties are generated placeholders; Azuki is the mainnet collection.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Guard
from aiegis_guard.chains.evm.selectors import MULTICALL3
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.test_hidden_gives import EXEC, OWNER, SAFE
from tests.test_seaport_basic import AZUKI, BASIC, BUY_AZUKI, ETH, OWN, SEAPORT, SELLER, ZERO

_PARAMS = (
    "(address,address,(uint8,address,uint256,uint256,uint256)[],"
    "(uint8,address,uint256,uint256,uint256,address)[],uint8,uint256,uint256,bytes32,uint256,"
    "bytes32,uint256)"
)
ADVANCED = (
    f"fulfillAdvancedOrder(({_PARAMS},uint120,uint120,bytes,bytes),"
    "(uint256,uint8,uint256,uint256,bytes32[])[],bytes32,address)"
)
PRICE = 9 * ETH


def _advanced(recipient: str) -> bytes:
    """A listing of Azuki #5521 for 9 ETH, filled with ``recipient`` (0: ``msg.sender``)."""
    key = bytes(32)
    params = (SELLER, ZERO, [(2, AZUKI, 5521, 1, 1)], [(0, ZERO, 0, PRICE, PRICE, SELLER)], 0,
              1_700_000_000, 1_900_000_000, key, 7, key, 1)  # fmt: skip
    return call(ADVANCED, (params, 1, 1, b"\x11" * 65, b""), [], key, recipient)


BASIC_BUY = call(f"fulfillBasicOrder({BASIC})", BUY_AZUKI)


def _via_multicall3(data: bytes) -> dict[str, Any]:
    mc = call("aggregate3Value((address,bool,uint256,bytes)[])", [(SEAPORT, False, PRICE, data)])
    return {"from": OWN, "to": MULTICALL3, "value": PRICE, "data": "0x" + mc.hex(), "chainId": 1}


def _flat(data: bytes) -> dict[str, Any]:
    return {"from": OWN, "to": SEAPORT, "value": PRICE, "data": "0x" + data.hex(), "chainId": 1}


def _via_safe(data: bytes) -> dict[str, Any]:
    sig = bytes(12) + bytes.fromhex(OWNER[2:]) + bytes(32) + b"\x01"  # pre-validated owner
    exec_data = call(EXEC, SEAPORT, PRICE, data, 0, 0, 0, 0, ZERO, ZERO, sig)
    return {"from": OWNER, "to": SAFE, "value": 0, "data": "0x" + exec_data.hex(), "chainId": 1}


CASES = [
    pytest.param(_via_multicall3(BASIC_BUY), Action.BLOCK, id="basic-via-multicall3-blocks"),
    pytest.param(_via_multicall3(_advanced(ZERO)), Action.BLOCK,
                 id="advanced-to-caller-via-multicall3-blocks"),
    pytest.param(_flat(BASIC_BUY), Action.ALLOW, id="basic-flat-allows"),
    pytest.param(_flat(_advanced(ZERO)), Action.ALLOW, id="advanced-to-caller-flat-allows"),
    pytest.param(_flat(_advanced(OWN)), Action.ALLOW, id="advanced-to-own-flat-allows"),
    pytest.param(_via_safe(BASIC_BUY), Action.ALLOW, id="basic-from-own-safe-allows"),
    pytest.param(_via_safe(_advanced(ZERO)), Action.ALLOW, id="advanced-from-own-safe-allows"),
]  # fmt: skip


@pytest.mark.parametrize(("tx", "action"), CASES)
def test_fulfilment_output_stays_with_the_caller(tx: dict[str, Any], action: Action) -> None:
    """What a wrapper anyone may call buys stays with it: the output given away (BLOCK
    swap_recipient); bought by the own account or its Safe, it is the own account's."""
    verdict = Guard(Policy(), classifier=False).check_transaction(tx, context={"own_evm": [SAFE]})
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.evm.swap_recipient" in verdict.rule_ids


def test_named_recipient_via_multicall3_is_not_left_with_it() -> None:
    """A fulfilment through Multicall3 that names the own account as recipient delivers there:
    no output given away (the ETH paid to Multicall3 is judged as a payment)."""
    verdict = Guard(Policy(), classifier=False).check_transaction(_via_multicall3(_advanced(OWN)))
    assert "tx.evm.swap_recipient" not in verdict.rule_ids, verdict.explain()


def test_allowlisted_wrapper_does_not_keep_what_it_buys() -> None:
    """A wrapper the policy names as a recipient is trusted as a callee, not as the holder of
    the output: what it keeps, anyone's next ``aggregate3`` takes (review13 F6: proceeds left
    in the contract that settles the request are nobody's the owner controls)."""
    policy = Policy.model_validate({"allowlist": {"evm": [MULTICALL3, SEAPORT]}})
    verdict = Guard(policy, classifier=False).check_transaction(_via_multicall3(BASIC_BUY))
    assert verdict.action is Action.BLOCK, verdict.explain()
    assert "tx.evm.swap_recipient" in verdict.rule_ids
