"""Who may act for a lending or perps position (``protocols/euler_evc.py``,
``protocols/position_managers.py``): an operator, permission or manager handed to a stranger is
authority over own's position (BLOCK), to an allowlisted operator it passes, and taking one
away gives nobody anything.

Signatures from euler-xyz/ethereum-vault-connector ``IEthereumVaultConnector.sol`` (and its
``PERMIT_TYPEHASH``), Synthetixio/synthetix-v3 ``IAccountModule``, liquity/bold
``IAddRemoveManagers`` / ``IBorrowerOperations``; calldata is eth_abi's encoding. The EVC is
its mainnet deployment (euler-xyz/euler-interfaces ``addresses/1/CoreAddresses.json``); the
Liquity BorrowerOperations, operators and accounts are generated addresses."""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard import Action, Guard
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.policy import Policy
from tests.evm_builders import call
from tests.receiver_builders import OWN, STRANGER, USDC, ZERO, addr, operations, own_tx

EVC = "0x0c9a3dd6b8f28529d72d7f9ce918d493519ee383"
OTHER_EVC = addr("evc look-alike")
PERPS = "0x0a2af931effd34b81ebcc57e3d3c9b1e1de1c9ce"  # Synthetix v3 Base PerpsMarketProxy
BORROWER_OPS = addr("liquity borrower operations")
KEEPER = addr("keeper")
SUB_1 = OWN[:-2] + f"{int(OWN[-2:], 16) ^ 1:02x}"  # own's EVC account 1
ALL = (1 << 256) - 1


def verdict(payload: dict[str, Any], *contracts: str, typed: bool = False) -> Action:
    """OWN's verdict, KEEPER allowlisted as operator and ``contracts`` as callees."""
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [OWN]},
            "allowlist": {"evm": list(contracts), "evm_operators": [KEEPER]},
        }
    )
    guard = Guard(policy, classifier=False)
    if typed:
        return guard.check_typed_data(payload).action
    return guard.check_transaction(payload, chain="evm").action


def _operator(account: str, who: str, on: bool = True) -> bytes:
    return call("setAccountOperator(address,address,bool)", account, who, on)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_operator(SUB_1, STRANGER), Action.BLOCK, id="operator-stranger"),
        pytest.param(_operator(OWN, KEEPER), Action.ALLOW, id="operator-allowlisted-keeper"),
        pytest.param(_operator(SUB_1, STRANGER, False), Action.ALLOW, id="operator-revoked"),
        pytest.param(call("setOperator(bytes19,address,uint256)", bytes.fromhex(OWN[2:40]),
                          STRANGER, ALL), Action.BLOCK, id="prefix-operator-every-account"),
        pytest.param(call("setOperator(bytes19,address,uint256)", bytes.fromhex(OWN[2:40]),
                          KEEPER, 2), Action.ALLOW, id="prefix-operator-keeper-account-1"),
        pytest.param(call("setOperator(bytes19,address,uint256)", bytes.fromhex(OWN[2:40]),
                          STRANGER, 0), Action.ALLOW, id="prefix-operator-cleared"),
    ],
)  # fmt: skip
def test_evc_operator(data: bytes, expected: Action) -> None:
    """An EVC operator acts for the account: a stranger BLOCKs, the keeper passes."""
    assert verdict(own_tx(EVC, data)) is expected


def _batch(*items: tuple[str, str, int, bytes]) -> bytes:
    return call("batch((address,address,uint256,bytes)[])", list(items))


def _transfer(to: str) -> bytes:
    return call("transfer(address,uint256)", to, 10**9)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_batch((EVC, ZERO, 0, _operator(SUB_1, STRANGER))), Action.BLOCK,
                     id="batch-self-call-operator-stranger"),
        pytest.param(_batch((EVC, ZERO, 0, _operator(SUB_1, KEEPER))), Action.ALLOW,
                     id="batch-self-call-operator-keeper"),
        pytest.param(call("call(address,address,uint256,bytes)", USDC, SUB_1, 0,
                          _transfer(STRANGER)), Action.FLAG,
                     id="call-for-sub-account-pays-stranger"),
        pytest.param(_batch((USDC, SUB_1, 0, _transfer(OWN))), Action.ALLOW,
                     id="batch-for-sub-account-pays-own"),
    ],
)  # fmt: skip
def test_evc_call_and_batch(data: bytes, expected: Action) -> None:
    """The EVC's calls are decoded as the caller's (its own) or the account's it acts for."""
    assert verdict(own_tx(EVC, data), EVC) is expected


def test_evc_batch_off_the_book_is_opaque() -> None:
    """``batch`` on a contract that is not an EVC deployment forwards nothing we can read."""
    data = _batch((USDC, SUB_1, 0, _transfer(OWN)))
    assert verdict(own_tx(OTHER_EVC, data)) is Action.FLAG


def test_evc_operator_off_the_book_is_not_allowed() -> None:
    """The name on another contract is that contract's: an opaque call too (FLAG)."""
    assert verdict(own_tx(OTHER_EVC, _operator(OWN, KEEPER))) is Action.FLAG


def _permit(data: bytes, relayer: str) -> dict[str, Any]:
    fields = [("signer", "address"), ("sender", "address"), ("nonceNamespace", "uint256"),
              ("nonce", "uint256"), ("deadline", "uint256"), ("value", "uint256"),
              ("data", "bytes")]  # fmt: skip
    domain = [("name", "string"), ("version", "string"), ("chainId", "uint256"),
              ("verifyingContract", "address")]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": [{"name": n, "type": t} for n, t in domain],
            "Permit": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "Permit",
        "domain": {"name": "Ethereum Vault Connector", "version": "1", "chainId": 1,
                   "verifyingContract": EVC},
        "message": {"signer": OWN, "sender": relayer, "nonceNamespace": 0, "nonce": 1,
                    "deadline": 1_900_000_000, "value": 0, "data": "0x" + data.hex()},
    }  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_operator(SUB_1, STRANGER), Action.BLOCK, id="permit-operator-stranger"),
        pytest.param(_operator(SUB_1, KEEPER), Action.ALLOW, id="permit-operator-keeper"),
        pytest.param(_batch((EVC, ZERO, 0, _operator(OWN, STRANGER))), Action.BLOCK,
                     id="permit-batch-operator-stranger"),
    ],
)  # fmt: skip
def test_evc_permit_runs_the_signers_call(data: bytes, expected: Action) -> None:
    """A signed EVC permit is the signer's own call of the EVC, whoever relays it."""
    assert verdict(_permit(data, KEEPER), typed=True) is expected


def _grant(permission: bytes, who: str) -> bytes:
    return call("grantPermission(uint128,bytes32,address)", 7, permission.ljust(32, b"\0"), who)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_grant(b"ADMIN", STRANGER), Action.BLOCK, id="admin-to-stranger"),
        pytest.param(_grant(b"WITHDRAW", STRANGER), Action.BLOCK, id="withdraw-to-stranger"),
        pytest.param(_grant(b"PERPS_COMMIT_ASYNC_ORDER", KEEPER), Action.ALLOW,
                     id="commit-order-to-keeper"),
        pytest.param(_grant(b"ADMIN", ZERO), Action.ALLOW, id="grant-to-nobody"),
        pytest.param(call("revokePermission(uint128,bytes32,address)", 7,
                          b"ADMIN".ljust(32, b"\0"), STRANGER), Action.ALLOW, id="revoke"),
        pytest.param(call("renouncePermission(uint128,bytes32)", 7, b"ADMIN".ljust(32, b"\0")),
                     Action.ALLOW, id="renounce"),
    ],
)  # fmt: skip
def test_synthetix_permission(data: bytes, expected: Action) -> None:
    """Every Synthetix account permission lets its holder act on the account's value."""
    assert verdict(own_tx(PERPS, data)) is expected


def test_synthetix_permission_names_the_permission() -> None:
    """The effect says which permission and which account (a wallet preview)."""
    (op,) = operations(own_tx(PERPS, _grant(b"PERPS_MODIFY_COLLATERAL", STRANGER)))
    assert isinstance(op, AuthorityChange)
    assert op.authority_type == "manager (PERPS_MODIFY_COLLATERAL) of account 7"
    assert op.new_authority == STRANGER


_WITH_RECEIVER = "setRemoveManagerWithReceiver(uint256,address,address)"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(call(_WITH_RECEIVER, 5, STRANGER, STRANGER), Action.BLOCK,
                     id="manager-stranger"),
        pytest.param(call(_WITH_RECEIVER, 5, KEEPER, STRANGER), Action.BLOCK,
                     id="keeper-manager-paying-a-stranger"),
        pytest.param(call(_WITH_RECEIVER, 5, KEEPER, OWN), Action.ALLOW,
                     id="keeper-manager-paying-own"),
        pytest.param(call(_WITH_RECEIVER, 5, KEEPER, ZERO), Action.ALLOW,
                     id="keeper-manager-paying-the-owner"),
        pytest.param(call("setRemoveManager(uint256,address)", 5, STRANGER), Action.BLOCK,
                     id="two-argument-manager-stranger"),
        pytest.param(call(_WITH_RECEIVER, 5, ZERO, ZERO), Action.ALLOW, id="wiped"),
        pytest.param(call("setAddManager(uint256,address)", 5, STRANGER), Action.ALLOW,
                     id="add-manager-pays-in-only"),
        pytest.param(call("setInterestBatchManager(uint256,address,uint256,uint256,uint256)",
                          5, STRANGER, 0, 0, 10**18), Action.FLAG, id="batch-manager-stranger"),
        pytest.param(call("setInterestBatchManager(uint256,address,uint256,uint256,uint256)",
                          5, KEEPER, 0, 0, 10**18), Action.ALLOW, id="batch-manager-keeper"),
    ],
)  # fmt: skip
def test_liquity_trove_managers(data: bytes, expected: Action) -> None:
    """A remove manager withdraws the trove's collateral to its receiver; both are judged."""
    assert verdict(own_tx(BORROWER_OPS, data), BORROWER_OPS) is expected


def test_liquity_manager_off_an_allowlisted_contract_is_not_allowed() -> None:
    """The BorrowerOperations the request names is not in the book: an opaque call too."""
    data = call(_WITH_RECEIVER, 5, KEEPER, OWN)
    assert verdict(own_tx(BORROWER_OPS, data)) is Action.FLAG


_OPEN = (
    "openTrove(address,uint256,uint256,uint256,uint256,uint256,uint256,uint256,address,address,"
    "address)"
)
_OPEN_BATCH = (
    "openTroveAndJoinInterestBatchManager((address,uint256,uint256,uint256,uint256,uint256,"
    "address,uint256,address,address,address))"
)


def _open(owner: str, manager: str, receiver: str) -> bytes:
    return call(_OPEN, owner, 0, 10**19, 2 * 10**21, 0, 0, 5 * 10**16, 10**19, ZERO, manager,
                receiver)  # fmt: skip


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(_open(OWN, ZERO, ZERO), Action.ALLOW, id="open-own-trove"),
        pytest.param(_open(OWN, KEEPER, OWN), Action.ALLOW, id="open-with-keeper-manager"),
        pytest.param(_open(OWN, STRANGER, STRANGER), Action.BLOCK, id="open-with-stranger-manager"),
        pytest.param(_open(OWN, KEEPER, STRANGER), Action.BLOCK,
                     id="open-with-keeper-paying-a-stranger"),
        pytest.param(_open(STRANGER, ZERO, ZERO), Action.BLOCK, id="open-for-a-stranger"),
        pytest.param(call(_OPEN_BATCH, (OWN, 0, 10**19, 2 * 10**21, 0, 0, STRANGER, 10**19, ZERO,
                                        ZERO, ZERO)), Action.FLAG,
                     id="open-joining-a-stranger-batch"),
    ],
)  # fmt: skip
def test_liquity_open_trove_names_its_owner_and_managers(data: bytes, expected: Action) -> None:
    """A trove opened on an allowlisted BorrowerOperations still hands its powers out: the
    owner and managers it names are judged (the collateral itself stays an opaque call)."""
    assert verdict(own_tx(BORROWER_OPS, data), BORROWER_OPS) is expected
