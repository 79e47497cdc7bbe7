"""Grants and authority a smart account hands out: owners named in a UserOperation's
``initCode``, Coinbase spend permissions (signed and on-chain) and MetaMask Delegation
Framework delegations with caveats.

Sources: eth-infinitism/account-abstraction (``handleOps``, v0.6 ``UserOperation``),
coinbase/smart-wallet ``CoinbaseSmartWalletFactory.createAccount(bytes[],uint256)`` /
``MultiOwnable.sol``, coinbase/spend-permissions ``SpendPermissionManager.sol``,
MetaMask/delegation-framework v1.3.0 (``Delegation`` / ``Caveat`` types, enforcer terms,
``documents/Deployments.md``). Every account here is a generated key (never funded).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.errors import AiegisError
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call


def _key() -> str:
    return str(Account.create().address).lower()


OWN, SMART, FRIEND, STRANGER, OTHER_FACTORY = _key(), _key(), _key(), _key(), _key()
USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
ENTRY_POINT = "0x5ff137d4b0fdcd49dca30c7cf57e578a026d2789"  # v0.6
FACTORY = "0x0ba5ed0c6aa8c49038f819e587e2633c4a9f428a"  # Coinbase Smart Wallet factory
MANAGER = "0xf85210b21cc50302f477ba56686d2019dc9b67ad"  # SpendPermissionManager
DELEGATION_MANAGER = "0xdb9b1e94b5b69df7e401ddbede43491141047db3"
ERC20_AMOUNT = "0xf100b0819427117ecf76ed94b358b1a5b5c6d2fc"
ERC20_PERIOD = "0x474e3ae7e169e940607cc624da8a15eb120139ab"
NATIVE_AMOUNT = "0xf71af580b9c3078fbc2bbf16fbb8eed82b330320"
TIMESTAMP = "0x1046bb45c8d673d4ea75321280db34899413c069"
ANY_DELEGATE = "0x" + "00" * 18 + "0a11"
NATIVE = "0x" + "ee" * 20
POLICY = Policy.model_validate(
    {
        "wallet": {"evm": [OWN, SMART]},
        "allowlist": {"evm_spenders": [FRIEND], "evm_operators": [MANAGER]},
    }
)
_USER_OP = "(address,uint256,bytes,bytes,uint256,uint256,uint256,uint256,uint256,bytes,bytes)"
_SP = "(address,address,address,uint160,uint48,uint48,uint48,uint256,bytes)"
NOW = int(time.time())
DAY = 86_400


def _guard() -> Guard:
    return Guard(POLICY, classifier=False)


# -- initCode: the owners of the account the first UserOperation deploys ----------------------


def _first_op(init_code: bytes) -> dict[str, Any]:
    """A self-bundled v0.6 handleOps: SMART's first operation, paying nothing (empty callData)."""
    op = [SMART, 0, init_code, b"", 10**6, 10**6, 10**5, 10**9, 10**9, b"", b"\x00" * 65]
    data = call(f"handleOps({_USER_OP}[],address)", [op], OWN)
    return {"from": OWN, "to": ENTRY_POINT, "value": 0, "data": "0x" + data.hex(), "chainId": 8453}


def _cbsw(*owners: bytes, factory: str = FACTORY) -> bytes:
    return bytes.fromhex(factory[2:]) + call("createAccount(bytes[],uint256)", list(owners), 0)


def _addr(a: str) -> bytes:
    return encode(["address"], [a])


PASSKEY = bytes(range(64))


@pytest.mark.parametrize(
    ("init_code", "action"),
    [
        pytest.param(_cbsw(_addr(OWN)), Action.ALLOW, id="own-sole-owner-allows"),
        pytest.param(_cbsw(_addr(OWN), _addr(STRANGER)), Action.BLOCK,
                     id="stranger-co-owner-blocks"),
        pytest.param(_cbsw(_addr(OWN), _addr(FRIEND)), Action.ALLOW,
                     id="allowlisted-co-owner-allows"),
        pytest.param(_cbsw(_addr(OWN), PASSKEY), Action.BLOCK, id="unknown-passkey-owner-blocks"),
        pytest.param(_cbsw(_addr(OWN), factory=OTHER_FACTORY), Action.FLAG,
                     id="unknown-factory-flags"),
        pytest.param(_cbsw(_addr(STRANGER), factory=OTHER_FACTORY), Action.BLOCK,
                     id="unknown-factory-stranger-owner-blocks"),
        pytest.param(bytes.fromhex(FACTORY[2:]) + call("createAccount(address,uint256)",
                     STRANGER, 0), Action.BLOCK, id="simple-account-stranger-owner-blocks"),
        pytest.param(_cbsw(b"\x01" * 32), Action.FLAG, id="dirty-address-owner-reverts-flags"),
        pytest.param(_cbsw(b"\x00" * 31), Action.FLAG, id="bad-owner-length-flags"),
        pytest.param(bytes.fromhex(FACTORY[2:]) + b"\x3f\xfb\xa3", Action.FLAG,
                     id="truncated-factory-data-flags"),
        pytest.param(bytes.fromhex(FACTORY[2:]) + b"\xde\xad\xbe\xef", Action.FLAG,
                     id="unknown-factory-function-flags"),
    ],
)  # fmt: skip
def test_init_code_owners(init_code: bytes, action: Action) -> None:
    """Every owner the deployment names is judged as an owner added later would be."""
    verdict = _guard().check_transaction(_first_op(init_code))
    assert verdict.action is action, verdict.explain()


def test_init_code_owner_is_authority_over_the_account() -> None:
    """The stranger owner is an owner authority over the op's sender; the signer is not listed."""
    decoded = decode_evm(_first_op(_cbsw(_addr(OWN), _addr(STRANGER))))
    changes = [op for op in decoded.operations if isinstance(op, AuthorityChange)]
    assert [(c.account, c.new_authority, c.authority_type) for c in changes] == [
        (SMART, STRANGER, "owner")
    ]


def _signed_op(init_code: bytes) -> dict[str, Any]:
    """An EntryPoint v0.8 ``PackedUserOperation`` signed as EIP-712 (domain ``ERC4337``)."""
    fields = [
        ("sender", "address"), ("nonce", "uint256"), ("initCode", "bytes"),
        ("callData", "bytes"), ("accountGasLimits", "bytes32"),
        ("preVerificationGas", "uint256"), ("gasFees", "bytes32"),
        ("paymasterAndData", "bytes"),
    ]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": [
                {"name": "name", "type": "string"},
                {"name": "version", "type": "string"},
                {"name": "chainId", "type": "uint256"},
                {"name": "verifyingContract", "type": "address"},
            ],
            "PackedUserOperation": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "PackedUserOperation",
        "domain": {"name": "ERC4337", "version": "1", "chainId": 8453, "verifyingContract": _key()},
        "message": {
            "sender": SMART,
            "nonce": 0,
            "initCode": "0x" + init_code.hex(),
            "callData": "0x",
            "accountGasLimits": "0x" + "00" * 32,
            "preVerificationGas": 0,
            "gasFees": "0x" + "00" * 32,
            "paymasterAndData": "0x",
        },
    }


@pytest.mark.parametrize(
    ("init_code", "action"),
    [
        pytest.param(_cbsw(_addr(OWN)), Action.ALLOW, id="signed-own-owner-allows"),
        pytest.param(_cbsw(_addr(OWN), _addr(STRANGER)), Action.BLOCK,
                     id="signed-stranger-owner-blocks"),
    ],
)  # fmt: skip
def test_signed_user_operation_init_code(init_code: bytes, action: Action) -> None:
    """A UserOperation signed as typed data deploys the same owners as one sent in handleOps."""
    assert _guard().check_typed_data(_signed_op(init_code)).action is action


def test_init_code_shorter_than_an_address_is_a_typed_error() -> None:
    """Nineteen bytes of initCode cannot name a factory: a DecodeError, never a crash."""
    with pytest.raises(AiegisError):
        decode_evm(_first_op(b"\x01" * 19))
