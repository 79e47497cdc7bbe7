"""Balancer V2 Vault user operations, Zora 1155 mints, UNS domains and lending withdrawals
(``protocols/balancer.py``, ``zora.py``, ``uns.py``, ``lending.py``).

Calldata is encoded from the functions' published signatures (balancer-v2-monorepo
``IVault.sol``; zora-protocol ``ZoraCreator1155Impl.sol`` and
``ZoraCreatorFixedPriceSaleStrategy.sol``; uns ``UNSRegistry.sol``; aave-v3-core ``IPool.sol``,
comet ``CometMainInterface.sol``); addresses other than deployments are generated
(``tests/receiver_builders.py``).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_abi import encode

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    WETH,
    ZERO,
    addr,
    gives,
    judged,
    own_tx,
    receipts,
    rules,
)

VAULT = "0xba12222222228d8ba445958a75a0704d566bf2c8"  # Balancer V2 Vault (evm_protocols.json)
FIXED_PRICE = "0x04e2516a2c207e84a1839755675dfd8ef6302f0a"  # Zora FIXED_PRICE_SALE_STRATEGY
COLLECTION = addr("zora-collection")
UNS_POLYGON = "0xa9a6a3626993d487d2dbda3173cf58ca1a9d9e9f"  # uns-config.json UNSRegistry (137)
AAVE_POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2"
COMET_USDC = "0xc3d688b66703497daa19211eedff47f25384cdc3"
MAX = 2**256 - 1
DEPOSIT, WITHDRAW, TRANSFER_INTERNAL, TRANSFER_EXTERNAL = range(4)
MANAGE = "manageUserBalance((uint8,address,uint256,address,address)[])"
RELAYER = "setRelayerApproval(address,address,bool)"


def _effects(verdict: Any) -> list[tuple[str, str | None, Any]]:
    return [(e["kind"], e["counterparty"], e["amount"]) for e in verdict.to_dict()["effects"]]


# --- Balancer V2 Vault ------------------------------------------------------------------------


def test_relayer_approved_for_a_stranger_is_an_authority_over_own_vault_balances() -> None:
    """setRelayerApproval(own, stranger, true): authority ``relayer`` on the Vault: BLOCK."""
    verdict = judged(own_tx(VAULT, call(RELAYER, OWN, STRANGER, True)), VAULT)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.relayer_approval" in rules(verdict)
    (effect,) = [e for e in verdict.to_dict()["effects"] if e["kind"] == "authority"]
    assert (effect["account"], effect["counterparty"], effect["what"]) == (
        VAULT,
        STRANGER,
        "relayer",
    )


def test_relayer_disapproval_and_allowlisted_relayer_pass() -> None:
    """approved = false revokes (no effect); a relayer the policy names as operator passes."""
    revoked = judged(own_tx(VAULT, call(RELAYER, OWN, STRANGER, False)), VAULT)
    assert revoked.action is Action.ALLOW and not revoked.effects
    policy = Policy.model_validate(
        {"wallet": {"evm": [OWN]}, "allowlist": {"evm_operators": [FRIEND]}}
    )
    payload = own_tx(VAULT, call(RELAYER, OWN, FRIEND, True))
    assert Guard(policy, classifier=False).check_transaction(payload).action is Action.ALLOW


@pytest.mark.parametrize(
    ("kind", "token"),
    [
        pytest.param(WITHDRAW, WETH, id="withdraw-internal"),
        pytest.param(TRANSFER_INTERNAL, WETH, id="transfer-internal"),
        pytest.param(TRANSFER_EXTERNAL, USDC, id="transfer-external"),
        pytest.param(DEPOSIT, USDC, id="deposit-for-another"),
    ],
)
def test_user_balance_moved_to_a_stranger_is_a_give_of_its_amount(kind: int, token: str) -> None:
    """Any operation whose recipient is a stranger gives its explicit amount: FLAG."""
    payload = own_tx(VAULT, call(MANAGE, [(kind, token, 9 * 10**18, OWN, STRANGER)]))
    (give,) = gives(payload)
    assert (give.recipient, give.amount, give.asset.address) == (STRANGER, 9 * 10**18, token)
    verdict = judged(payload, VAULT)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_recipient" in rules(verdict)


def test_user_balance_between_own_balances_moves_nothing_away() -> None:
    """Deposit into and withdrawal from own Internal Balance, a transfer to itself: ALLOW,
    the deposit a give to the Vault."""
    ops = [
        (DEPOSIT, USDC, 30_000 * 10**6, OWN, OWN),
        (WITHDRAW, WETH, 10**18, OWN, OWN),
        (TRANSFER_EXTERNAL, USDC, 5, OWN, OWN),
    ]
    payload = own_tx(VAULT, call(MANAGE, ops))
    verdict = judged(payload, VAULT)
    assert verdict.action is Action.ALLOW, verdict.explain()
    assert ("gives", VAULT, 30_000 * 10**6) in _effects(verdict)
    assert [r.recipient for r in receipts(payload)] == [OWN]


def test_eth_deposit_credited_to_a_stranger_is_judged_as_an_output_to_them() -> None:
    """ETH (asset 0, the call's value) deposited into a stranger's Internal Balance: BLOCK."""
    payload = own_tx(VAULT, call(MANAGE, [(DEPOSIT, ZERO, 10**18, OWN, STRANGER)]), 10**18)
    assert judged(payload, VAULT).action is Action.BLOCK


def test_unknown_user_balance_kind_is_a_decode_error() -> None:
    """A kind outside the enum (4) is refused by the Vault: a typed decode error here."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(VAULT, call(MANAGE, [(4, USDC, 1, OWN, OWN)])))


# --- Zora 1155 ----------------------------------------------------------------------------------

ZORA_MINT = "mint(address,uint256,uint256,address[],bytes)"
ZORA_LEGACY = "mintWithRewards(address,uint256,uint256,bytes,address)"


def _zora(mint_to: str, minter: str = FIXED_PRICE, legacy: bool = False) -> bytes:
    arguments = encode(["address", "string"], [mint_to, "gm"])
    if legacy:
        return call(ZORA_LEGACY, minter, 3, 2, arguments, FRIEND)
    return call(ZORA_MINT, minter, 3, 2, [FRIEND], arguments)


@pytest.mark.parametrize("legacy", [False, True], ids=["mint", "mintWithRewards"])
def test_zora_mint_to_own_on_an_allowlisted_collection_passes(legacy: bool) -> None:
    """Fixed-price mint, mintTo = own: the ERC-1155 comes to own; the fee goes to the
    allowlisted collection: ALLOW."""
    payload = own_tx(COLLECTION, _zora(OWN, legacy=legacy), value=222 * 10**12)
    (receipt,) = receipts(payload)
    assert (receipt.recipient, receipt.token_id, receipt.amount) == (OWN, 3, 2)
    assert judged(payload, COLLECTION).action is Action.ALLOW


def test_zora_mint_to_a_stranger_is_a_redirected_output() -> None:
    """minterArguments.mintTo = stranger: own pays, a stranger receives: BLOCK."""
    payload = own_tx(COLLECTION, _zora(STRANGER), value=10**17)
    verdict = judged(payload, COLLECTION)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.swap_recipient" in rules(verdict)


def test_zora_shaped_mint_elsewhere_or_by_an_unknown_minter_stays_opaque() -> None:
    """A collection the policy does not name is an unknown contract (FLAG); an unknown minter's
    arguments are not read, and the addresses they name are unplaced (FLAG even when the
    collection is allowlisted)."""
    copycat = judged(own_tx(addr("copycat"), _zora(OWN), value=35 * 10**16), COLLECTION)
    assert copycat.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(copycat)
    other = own_tx(COLLECTION, _zora(STRANGER, minter=addr("other-minter")), value=10**15)
    assert not receipts(other)
    assert judged(other, COLLECTION).action is Action.FLAG


# --- Unstoppable Domains ------------------------------------------------------------------------

DOMAIN = 0x0989_2F1B_040B_DC1F_9217_5670_641A_3AFC_FE7D_C234_DE4B_8C04_0B41_CD62_21D9_81D7


@pytest.mark.parametrize(
    ("to", "action"),
    [pytest.param(FRIEND, Action.ALLOW, id="to-allowlisted"), (STRANGER, Action.FLAG)],
)
def test_uns_set_owner_gives_the_domain(to: str, action: Action) -> None:
    """setOwner(to, tokenId) moves the domain NFT: a give of one named NFT."""
    payload = own_tx(UNS_POLYGON, call("setOwner(address,uint256)", to, DOMAIN), chain_id=137)
    (give,) = gives(payload)
    assert (give.recipient, give.token_id, give.asset.address) == (to, DOMAIN, UNS_POLYGON)
    assert judged(payload, FRIEND).action is action


def test_uns_records_are_known_only_on_the_registry() -> None:
    """setMany on the registry moves nothing (ALLOW); setOwner elsewhere is opaque and names
    its stranger (FLAG even on an allowlisted contract)."""
    records = call("setMany(string[],string[],uint256)", ["crypto.ETH.address"], [OWN], DOMAIN)
    assert judged(own_tx(UNS_POLYGON, records, chain_id=137)).action is Action.ALLOW
    other = addr("not-uns")
    payload = own_tx(other, call("setOwner(address,uint256)", STRANGER, DOMAIN))
    assert not gives(payload)
    assert judged(payload, other).action is Action.FLAG


# --- lending withdrawals and repayments to another ----------------------------------------------

WITHDRAW_AAVE = "withdraw(address,uint256,address)"
WITHDRAW_TO = "withdrawTo(address,address,uint256)"
TRANSFER_ASSET = "transferAsset(address,address,uint256)"
REPAY = "repay(address,uint256,uint256,address)"


@pytest.mark.parametrize(
    ("target", "data", "action"),
    [
        pytest.param(AAVE_POOL, call(WITHDRAW_AAVE, USDC, 5 * 10**9, STRANGER), Action.FLAG),
        pytest.param(AAVE_POOL, call(WITHDRAW_AAVE, USDC, MAX, STRANGER), Action.BLOCK),
        pytest.param(AAVE_POOL, call(REPAY, USDC, 5 * 10**10, 2, STRANGER), Action.FLAG),
        pytest.param(COMET_USDC, call(WITHDRAW_TO, STRANGER, WETH, 30 * 10**18), Action.FLAG),
        pytest.param(COMET_USDC, call(WITHDRAW_TO, STRANGER, USDC, MAX), Action.BLOCK),
        pytest.param(COMET_USDC, call(TRANSFER_ASSET, STRANGER, USDC, 10**9), Action.FLAG),
        pytest.param(COMET_USDC, call(TRANSFER_ASSET, STRANGER, USDC, MAX), Action.BLOCK),
        pytest.param(COMET_USDC, call(WITHDRAW_TO, FRIEND, USDC, 10**10), Action.ALLOW),
        pytest.param(AAVE_POOL, call(WITHDRAW_AAVE, USDC, 5 * 10**9, OWN), Action.ALLOW),
    ],
)
def test_lending_value_to_another_explicit_flags_all_blocks(
    target: str, data: bytes, action: Action
) -> None:
    """An explicit amount of the own position to a stranger is a give (FLAG); the whole of it
    (``type(uint256).max``) is BLOCKed; to an allowlisted wallet or to own: ALLOW."""
    verdict = judged(own_tx(target, data), target, FRIEND)
    assert verdict.action is action, verdict.explain()
