"""Aave v3 supplies mint the reserve's aToken (``data/evm_protocols.json`` ``a_tokens``).

Sources: aave/aave-v3-core ``contracts/interfaces/IPool.sol`` (``supply(asset, amount,
onBehalfOf, referralCode)``: the aToken minted to ``onBehalfOf``); bgd-labs/aave-address-book
``src/AaveV3Ethereum.sol`` / ``src/AaveV3Base.sol`` (``<SYMBOL>_UNDERLYING`` ->
``<SYMBOL>_A_TOKEN``). Wallets are generated keys (never funded).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.known import a_token
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy, is_evm_address
from tests.evm_builders import call

OWN = str(Account.create().address).lower()
STRANGER = str(Account.create().address).lower()
POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2"  # Aave v3 Pool, Ethereum
BASE_POOL = "0xa238dd80c259a72e81d7e4664a9801593f98d1c5"  # Aave v3 Pool, Base
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
A_USDC = "0x98c23e9d8f34fefb1b7bd6a91b7ff122f4e16f5c"  # aEthUSDC
BASE_USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
A_BASE_USDC = "0x4e65fe4dba92790696d040ac24aa414708f5c0ab"  # aBasUSDC
UNLISTED = str(Account.create().address).lower()  # a reserve the table does not list
_SUPPLY = "supply(address,uint256,address,uint16)"


def _supply(pool: str, token: str, on_behalf: str, chain_id: int = 1) -> dict[str, Any]:
    data = call(_SUPPLY, token, 5 * 10**9, on_behalf, 0)
    return {"from": OWN, "to": pool, "value": 0, "data": "0x" + data.hex(), "chainId": chain_id}


def _policy(pool: str) -> Policy:
    return Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm": [pool], "evm_spenders": [pool]}}
    )


@pytest.mark.parametrize(
    ("tx", "pool", "minted", "action"),
    [
        pytest.param(_supply(POOL, USDC, OWN), POOL, A_USDC, Action.ALLOW, id="own-ethereum"),
        pytest.param(_supply(BASE_POOL, BASE_USDC, OWN, 8453), BASE_POOL, A_BASE_USDC,
                     Action.ALLOW, id="own-base"),
        pytest.param(_supply(POOL, USDC, STRANGER), POOL, A_USDC, Action.BLOCK,
                     id="on-behalf-of-a-stranger"),
        pytest.param(_supply(POOL, UNLISTED, OWN), POOL, UNLISTED, Action.ALLOW,
                     id="unlisted-reserve-stands-for-itself"),
    ],
)  # fmt: skip
def test_supply_mints_the_atoken(
    tx: dict[str, Any], pool: str, minted: str, action: Action
) -> None:
    """What comes back is the reserve's aToken (the reserve itself when unlisted), to
    ``onBehalfOf``: a stranger's position blocks."""
    verdict = Guard(_policy(pool), classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    [out] = [e for e in verdict.effects if e.get("what") == "output"]
    assert out["asset"] == "evm:" + minted
    assert out["amount"] == 5 * 10**9


def test_a_tokens_are_addresses_of_their_pool_only() -> None:
    """Every listed aToken is an address; another contract has none."""
    assert a_token(POOL, USDC.upper().replace("0X", "0x")) == A_USDC
    assert a_token(BASE_POOL, USDC) is None  # Ethereum's USDC is no Base reserve
    assert a_token(STRANGER, USDC) is None
    assert is_evm_address(a_token(BASE_POOL, BASE_USDC) or "")
