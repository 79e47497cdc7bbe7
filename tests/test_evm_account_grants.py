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
from decimal import Decimal
from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.evm.typed_data import decode_typed_data
from aiegis_guard.chains.transaction import Approval, AuthorityChange
from aiegis_guard.errors import AiegisError
from aiegis_guard.findings import Action, Chain
from aiegis_guard.policy import Limit, Policy
from tests.evm_builders import EIP712_DOMAIN, call, delegation_typed


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
            "EIP712Domain": EIP712_DOMAIN,
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


# -- spend permissions ------------------------------------------------------------------------


def _permission(spender: str, allowance: int, end: int, token: str = USDC) -> dict[str, Any]:
    return {
        "account": SMART,
        "spender": spender,
        "token": token,
        "allowance": allowance,
        "period": DAY,
        "start": NOW,
        "end": end,
        "salt": 1,
        "extraData": "0x",
    }


def _signed_permission(message: dict[str, Any]) -> dict[str, Any]:
    fields = [
        ("account", "address"), ("spender", "address"), ("token", "address"),
        ("allowance", "uint160"), ("period", "uint48"), ("start", "uint48"), ("end", "uint48"),
        ("salt", "uint256"), ("extraData", "bytes"),
    ]  # fmt: skip
    return {
        "types": {
            "EIP712Domain": EIP712_DOMAIN,
            "SpendPermission": [{"name": n, "type": t} for n, t in fields],
        },
        "primaryType": "SpendPermission",
        "domain": {
            "name": "Spend Permission Manager",
            "version": "1",
            "chainId": 8453,
            "verifyingContract": MANAGER,
        },
        "message": message,
    }


FOREVER = 2**48 - 1
PERMISSIONS = [
    pytest.param(FRIEND, 50 * 10**6, FOREVER, USDC, Action.ALLOW, id="allowlisted-allows"),
    pytest.param(SMART, 50 * 10**6, FOREVER, USDC, Action.ALLOW, id="own-spender-allows"),
    pytest.param(STRANGER, 2**160 - 1, FOREVER, USDC, Action.BLOCK, id="max-to-stranger-blocks"),
    pytest.param(STRANGER, 20 * 10**6, NOW + DAY, USDC, Action.FLAG,
                 id="short-lived-to-stranger-flags"),
    pytest.param(STRANGER, 20 * 10**6, NOW + 3 * 365 * DAY, USDC, Action.BLOCK,
                 id="three-years-to-stranger-blocks"),
    # short-lived is what an everyday dApp asks (Permit2's guide: 30 days), not a year
    pytest.param(STRANGER, 20 * 10**6, NOW + 20 * DAY, USDC, Action.FLAG,
                 id="twenty-days-to-stranger-flags"),
    pytest.param(STRANGER, 20 * 10**6, NOW + 300 * DAY, USDC, Action.BLOCK,
                 id="ten-months-to-stranger-blocks"),
    pytest.param(STRANGER, 10**24, FOREVER, NATIVE, Action.BLOCK,
                 id="native-never-ending-to-stranger-blocks"),
]  # fmt: skip


@pytest.mark.parametrize(("spender", "allowance", "end", "token", "action"), PERMISSIONS)
def test_signed_spend_permission(
    spender: str, allowance: int, end: int, token: str, action: Action
) -> None:
    """A signed permission is a grant of its per-period allowance, lapsing at ``end``."""
    typed = _signed_permission(_permission(spender, allowance, end, token))
    assert _guard().check_typed_data(typed).action is action


@pytest.mark.parametrize(("spender", "allowance", "end", "token", "action"), PERMISSIONS)
def test_onchain_spend_permission(
    spender: str, allowance: int, end: int, token: str, action: Action
) -> None:
    """The same permission approved on-chain by the account gets the same verdict."""
    sp = list(_permission(spender, allowance, end, token).values())
    sp[-1] = b""
    inner = call(f"approve({_SP})", sp)
    batch = call("executeBatch((address,uint256,bytes)[])", [(MANAGER, 0, inner)])
    tx = {"from": OWN, "to": SMART, "value": 0, "data": "0x" + batch.hex(), "chainId": 8453}
    assert _guard().check_transaction(tx).action is action


def test_spend_permission_native_token_and_amount() -> None:
    """ERC-7528 ``0xEeee…`` is the native asset; a permission with no end renews without
    bound: unlimited."""
    typed = _signed_permission(_permission(STRANGER, 10**16, FOREVER, NATIVE))
    (grant,) = decode_typed_data(typed).operations
    assert isinstance(grant, Approval)
    assert grant.asset.address is None and grant.deadline == FOREVER
    assert grant.unlimited and grant.amount is None


def _every(message: dict[str, Any], period: int, start: int = NOW) -> dict[str, Any]:
    return {**message, "period": period, "start": start}


@pytest.mark.parametrize(
    ("message", "total"),
    [
        pytest.param(_permission(STRANGER, 20 * 10**6, NOW + DAY), 20 * 10**6,
                     id="one-day-period-one-day-long"),
        pytest.param(_every(_permission(STRANGER, 20 * 10**6, NOW + DAY), 1), 20 * 10**6 * DAY,
                     id="one-second-period-one-day-long"),
        pytest.param(_every(_permission(STRANGER, 20 * 10**6, NOW + DAY + 1), DAY),
                     40 * 10**6, id="a-started-period-counts-whole"),
        pytest.param(_every(_permission(STRANGER, 20 * 10**6, NOW + DAY), DAY, NOW - 30 * DAY),
                     31 * 20 * 10**6, id="counted-from-start"),
    ],
)  # fmt: skip
def test_spend_permission_amount_is_every_period(message: dict[str, Any], total: int) -> None:
    """The grant is the allowance times the periods between ``start`` and ``end`` (review13
    F7), never one period's allowance."""
    (grant,) = decode_typed_data(_signed_permission(message)).operations
    assert isinstance(grant, Approval)
    assert grant.amount == total and not grant.unlimited


def test_spend_permission_renewing_for_decades_is_unlimited() -> None:
    """An end beyond the horizon (ten years) bounds nothing."""
    typed = _signed_permission(_permission(STRANGER, 10**6, NOW + 20 * 365 * DAY))
    (grant,) = decode_typed_data(typed).operations
    assert isinstance(grant, Approval) and grant.unlimited


def test_spend_permission_starting_at_its_end_grants_nothing() -> None:
    """``start >= end`` reverts ``InvalidStartEnd``: nothing granted."""
    typed = _signed_permission(_every(_permission(STRANGER, 10**6, NOW), DAY, NOW))
    assert decode_typed_data(typed).operations == ()


LIMITED = POLICY.model_copy(
    update={"limits": (Limit(chain=Chain.EVM, asset=USDC, symbol="USDC", decimals=6,
                             per_tx=Decimal(100), per_period=Decimal(150)),)}
)  # fmt: skip


@pytest.mark.parametrize(
    ("typed", "action", "rule"),
    [
        pytest.param(_signed_permission(_every(_permission(STRANGER, 20 * 10**6, NOW + DAY), 1)),
                     Action.BLOCK, "tx.evm.over_limit_approval",
                     id="stranger-20-usdc-a-second-for-a-day-is-over-the-limit"),
        pytest.param(_signed_permission(_permission(STRANGER, 10**6, NOW + 30 * DAY)),
                     Action.FLAG, "tx.evm.approval_unknown_spender",
                     id="stranger-1-usdc-a-day-for-30-days-is-under-the-limit"),
        pytest.param(_signed_permission(_every(_permission(FRIEND, 20 * 10**6, NOW + DAY), 1)),
                     Action.ALLOW, None,
                     id="allowlisted-spender-is-trusted-whatever-the-total"),
        pytest.param(_signed_permission(_permission(FRIEND, 10**6, NOW + 30 * DAY)),
                     Action.ALLOW, None, id="allowlisted-1-usdc-a-day-for-30-days-allows"),
    ],
)  # fmt: skip
def test_limits_see_every_period(typed: dict[str, Any], action: Action, rule: str | None) -> None:
    """A per-tx limit judges what the grant lets a stranger take in all (an allowlisted spender
    is trusted with any amount, as for a plain approval)."""
    verdict = Guard(LIMITED, classifier=False).check_typed_data(typed)
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


def test_spend_permission_revoke_and_off_manager() -> None:
    """A revoke on the manager moves nothing; the same call on another contract is opaque."""
    sp = list(_permission(STRANGER, 10**6, FOREVER).values())
    sp[-1] = b""
    data = call(f"revoke({_SP})", sp)
    on = {"from": SMART, "to": MANAGER, "value": 0, "data": "0x" + data.hex(), "chainId": 8453}
    off = on | {"to": OTHER_FACTORY}
    assert _guard().check_transaction(on).action is Action.ALLOW
    assert _guard().check_transaction(off).action is Action.FLAG


def test_spend_permission_of_the_wrong_types_is_not_allowed() -> None:
    """A permission whose allowance is text is unreadable: FLAG or BLOCK, never nothing."""
    typed = _signed_permission(_permission(STRANGER, 10**6, FOREVER))
    typed["types"]["SpendPermission"][3]["type"] = "string"
    typed["message"]["allowance"] = "lots"
    assert _guard().check_typed_data(typed).action is not Action.ALLOW


# -- MetaMask Delegation Framework ------------------------------------------------------------


def _delegation(delegate: str, caveats: list[tuple[str, bytes]]) -> dict[str, Any]:
    return delegation_typed(delegate, caveats, delegator=SMART, manager=DELEGATION_MANAGER, salt=7)


def _amount(token: str, n: int) -> tuple[str, bytes]:
    return ERC20_AMOUNT, bytes.fromhex(token[2:]) + n.to_bytes(32, "big")


def _period(token: str, n: int) -> tuple[str, bytes]:
    words = b"".join(x.to_bytes(32, "big") for x in (n, DAY, NOW))
    return ERC20_PERIOD, bytes.fromhex(token[2:]) + words


def _until(t: int) -> tuple[str, bytes]:
    return TIMESTAMP, bytes(16) + t.to_bytes(16, "big")


def _each(token: str, n: int, period: int) -> tuple[str, bytes]:
    words = b"".join(x.to_bytes(32, "big") for x in (n, period, NOW))
    return ERC20_PERIOD, bytes.fromhex(token[2:]) + words


@pytest.mark.parametrize(
    ("caveats", "total"),
    [
        pytest.param([_each(USDC, 20 * 10**6, 1), _until(NOW + 3600)], 20 * 10**6 * 3600,
                     id="20-usdc-a-second-for-an-hour"),
        pytest.param([_each(USDC, 20 * 10**6, DAY), _until(NOW + 3600)], 20 * 10**6,
                     id="one-day-period-an-hour-long"),
        pytest.param([_each(USDC, 20 * 10**6, DAY)], None, id="no-expiry-is-unlimited"),
        pytest.param([_each(USDC, 20 * 10**6, 0), _until(NOW + 3600)], None,
                     id="zero-period-is-unlimited"),
    ],
)  # fmt: skip
def test_period_caveat_grants_every_period(
    caveats: list[tuple[str, bytes]], total: int | None
) -> None:
    """``ERC20PeriodTransferEnforcer``: the period amount times the periods until the timestamp
    caveat's end (review13 F7); with no end, unlimited."""
    (grant,) = decode_typed_data(_delegation(STRANGER, caveats)).operations
    assert isinstance(grant, Approval)
    assert grant.amount == total and grant.unlimited is (total is None)


def test_period_caveat_over_the_limit_blocks() -> None:
    """20 USDC a second for an hour is 72 000 USDC: over a 100 USDC limit."""
    caveats = [_each(USDC, 20 * 10**6, 1), _until(NOW + 3600)]
    verdict = Guard(LIMITED, classifier=False).check_typed_data(_delegation(STRANGER, caveats))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.over_limit_approval" in verdict.rule_ids


@pytest.mark.parametrize(
    ("delegate", "caveats", "action"),
    [
        pytest.param(FRIEND, [_period(USDC, 10**8), _until(NOW + 30 * DAY)], Action.ALLOW,
                     id="allowlisted-periodic-allows"),
        pytest.param(FRIEND, [], Action.ALLOW, id="allowlisted-root-allows"),
        pytest.param(STRANGER, [], Action.BLOCK, id="caveatless-to-stranger-blocks"),
        pytest.param(STRANGER, [_amount(USDC, 20 * 10**6), _until(NOW + 3600)], Action.FLAG,
                     id="short-lived-bounded-to-stranger-flags"),
        pytest.param(STRANGER, [_amount(USDC, 5 * 10**10)], Action.BLOCK,
                     id="bounded-no-expiry-to-stranger-blocks"),
        pytest.param(ANY_DELEGATE, [_amount(USDC, 5 * 10**9), _until(NOW + 30 * DAY)],
                     Action.BLOCK, id="bearer-bounded-blocks"),
        pytest.param(STRANGER, [(NATIVE_AMOUNT, (10**16).to_bytes(32, "big")),
                     _until(NOW + 3600)], Action.FLAG,
                     id="native-amount-short-lived-stranger-flags"),
        pytest.param(STRANGER, [(NATIVE_AMOUNT, (10**16).to_bytes(32, "big"))], Action.BLOCK,
                     id="native-amount-only-stranger-blocks"),
        pytest.param(STRANGER, [(ERC20_AMOUNT, b"\x01" * 51)], Action.BLOCK,
                     id="malformed-terms-ignored-blocks"),
    ],
)  # fmt: skip
def test_delegation_verdicts(
    delegate: str, caveats: list[tuple[str, bytes]], action: Action
) -> None:
    """A delegation grants what its caveats bound, or the whole account when nothing does."""
    assert _guard().check_typed_data(_delegation(delegate, caveats)).action is action


def test_native_amount_caveat_leaves_the_calls_open() -> None:
    """NativeTokenTransferAmountEnforcer bounds the value only: the calls stay an authority."""
    caveats = [(NATIVE_AMOUNT, (10**16).to_bytes(32, "big")), _until(NOW + 3600)]
    ops = decode_typed_data(_delegation(STRANGER, caveats)).operations
    kinds = sorted(type(op).__name__ for op in ops)
    assert kinds == ["Approval", "AuthorityChange"]
    authority = next(op for op in ops if isinstance(op, AuthorityChange))
    assert authority.account == SMART and authority.expires == NOW + 3600


def test_delegation_with_bad_terms_is_a_typed_error() -> None:
    """Terms that are not hex never crash the decoder."""
    typed = _delegation(STRANGER, [])
    typed["message"]["caveats"] = [{"enforcer": ERC20_AMOUNT, "terms": "0xzz"}]
    assert _guard().check_typed_data(typed).action is not Action.ALLOW
