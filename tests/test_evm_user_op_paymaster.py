"""An ERC-20 paymaster's fee in a UserOperation (review18c F10, ``judge_grants._paymaster_fee``).

The operation names its paymaster (eth-infinitism/account-abstraction: v0.7 RPC ``paymaster``
+ ``paymasterData``; v0.6 ``paymasterAndData``, whose first 20 bytes are the paymaster, as
EntryPoint ``_validatePaymasterPrepayment`` reads them); an ERC-20 paymaster (Pimlico /
Circle token paymasters) is paid by an allowance of the account's token it pulls in
``postOp``: a bounded ``approve`` to it in the same batch is the gas fee. Batches use Coinbase
Smart Wallet ``executeBatch((address,uint256,bytes)[])``; addresses are generated, but for
Circle Paymaster v0.8 (Circle developer docs 'Paymaster Addresses and Events').

The request names its paymaster itself (review19 F0): a paymaster the policy lets hold
allowances (``evm_spenders``) is ALLOWed as any allowlisted spender; a published ERC-20
paymaster's fee is FLAGged; a stranger named as paymaster, or an address allowlisted only as a
recipient (review19b P1), gets the verdict of a plain approve to a stranger.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.verdict import Verdict
from tests.evm_builders import call
from tests.receiver_builders import FRIEND, STRANGER, USDC, addr, rules

ACCOUNT = addr("own-4337-account")
PAYMASTER = addr("erc20-paymaster")
TOKEN = addr("token-of-unknown-worth")
EP07 = "0x0000000071727De22E5E9d8BAf0edAc6f37da032"
MAX = 2**256 - 1
CIRCLE_V08 = "0x0578cFB241215b77442a541325d6A4E6dFE700Ec"


def _user_op(
    approvals: list[tuple[str, str, int]],
    v06: bool = False,
    paymaster: str = PAYMASTER,
    sig: str = "approve(address,uint256)",
) -> dict[str, Any]:
    batch = [(t, 0, call(sig, s, a)) for t, s, a in approvals]
    batch.append((USDC, 0, call("transfer(address,uint256)", FRIEND, 100 * 10**6)))
    data = call("executeBatch((address,uint256,bytes)[])", batch)
    op: dict[str, Any] = {
        "sender": ACCOUNT,
        "nonce": "0x0",
        "callData": "0x" + data.hex(),
        "callGasLimit": "0x30000",
        "verificationGasLimit": "0x30000",
        "preVerificationGas": "0xc000",
        "maxFeePerGas": "0x3b9aca00",
        "maxPriorityFeePerGas": "0x3b9aca00",
        "signature": "0x",
    }
    mode = "00" + USDC[2:]  # paymasterData: mode 0 and the token (Pimlico ERC-20 paymaster)
    if v06:
        op.update(initCode="0x", paymasterAndData=paymaster + mode)
        return op
    op.update(paymaster=paymaster, paymasterData="0x" + mode)
    op.update(paymasterVerificationGasLimit="0x10000", paymasterPostOpGasLimit="0x10000")
    return {"method": "eth_sendUserOperation", "params": [op, EP07]}


def _check(payload: Any, spenders: tuple[str, ...] = ()) -> Verdict:
    policy = Policy.model_validate(
        {
            "wallet": {"evm": [ACCOUNT]},
            # the paymaster is allowlisted as a recipient only (a role that holds no allowance)
            "allowlist": {
                "evm": [FRIEND.lower(), PAYMASTER],
                "evm_spenders": [FRIEND.lower(), *spenders],
            },
        }
    )
    return Guard(policy, classifier=False).check_transaction(payload, chain="evm")


@pytest.mark.parametrize("v06", [False, True], ids=["v07-rpc", "v06-op"])
@pytest.mark.parametrize("sig", ["approve(address,uint256)", "increaseAllowance(address,uint256)"])
def test_a_recipient_only_paymaster_gets_no_allowance(v06: bool, sig: str) -> None:
    """review19b P1: approve / increaseAllowance(paymaster, 5 USDC), the paymaster allowlisted
    as a recipient only: BLOCK approval_unknown_spender as without the paymaster (was ALLOW
    paymaster_fee: a payee named as paymaster collected a standing allowance); allowlisted as
    a spender: ALLOW."""
    op = _user_op([(USDC, PAYMASTER, 5 * 10**6)], v06, PAYMASTER, sig)
    verdict = _check(op)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.approval_unknown_spender" in rules(verdict)
    assert "tx.evm.paymaster_fee" not in rules(verdict)
    assert _check(op, spenders=(PAYMASTER,)).action is Action.ALLOW


@pytest.mark.parametrize("v06", [False, True], ids=["v07-rpc", "v06-op"])
def test_unlimited_approve_to_the_paymaster_still_blocks(v06: bool) -> None:
    """No bound is no fee: BLOCK unlimited_approval."""
    verdict = _check(_user_op([(USDC, PAYMASTER, MAX)], v06))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.unlimited_approval" in rules(verdict)


@pytest.mark.parametrize(
    ("token", "amount"),
    [
        pytest.param(USDC, 500 * 10**6, id="above-the-cap"),
        pytest.param(TOKEN, 5 * 10**18, id="token-of-unknown-worth"),
    ],
)
def test_fee_above_the_cap_or_of_unknown_worth_flags(token: str, amount: int) -> None:
    """More than gas costs (50 USD), or a token whose worth is unknown, to a published
    paymaster: FLAG paymaster_fee, saying so."""
    verdict = _check(_user_op([(token, CIRCLE_V08, amount)], paymaster=CIRCLE_V08))
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.evm.paymaster_fee"}
    fee = [f for f in verdict.findings if f.rule_id == "tx.evm.paymaster_fee"]
    assert "above what gas costs" in fee[0].message or "unknown worth" in fee[0].message


def test_approve_to_another_address_is_judged_as_today() -> None:
    """The same bounded approve to an address that is not the op's paymaster: BLOCK."""
    verdict = _check(_user_op([(USDC, STRANGER, 5 * 10**6)]))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.approval_unknown_spender" in rules(verdict)


def test_many_bounded_grants_to_the_paymaster_are_judged_as_their_sum() -> None:
    """Twenty increaseAllowance(paymaster, 5 USDC): 100 USDC, above the cap: FLAG."""
    grant = ("increaseAllowance(address,uint256)", CIRCLE_V08, 5 * 10**6)
    op = _user_op([], paymaster=CIRCLE_V08)
    batch = [(USDC, 0, call(*grant))] * 20
    data = call("executeBatch((address,uint256,bytes)[])", batch)
    op["params"][0]["callData"] = "0x" + data.hex()
    verdict = _check(op)
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.evm.paymaster_fee"}
    fee = [f for f in verdict.findings if f.rule_id == "tx.evm.paymaster_fee"]
    assert "above what gas costs" in fee[0].message


@pytest.mark.parametrize("v06", [False, True], ids=["v07-rpc", "v06-op"])
@pytest.mark.parametrize("sig", ["approve(address,uint256)", "increaseAllowance(address,uint256)"])
def test_a_stranger_named_as_paymaster_is_a_stranger(v06: bool, sig: str) -> None:
    """The op names STRANGER its paymaster: a bounded grant to him is BLOCK as without it."""
    verdict = _check(_user_op([(USDC, STRANGER, 50 * 10**6)], v06, STRANGER, sig))
    assert verdict.action is Action.BLOCK
    assert "tx.evm.approval_unknown_spender" in rules(verdict)
    assert "tx.evm.paymaster_fee" not in rules(verdict)


@pytest.mark.parametrize("v06", [False, True], ids=["v07-rpc", "v06-op"])
def test_a_published_erc20_paymaster_not_allowlisted_flags_the_fee(v06: bool) -> None:
    """Circle Paymaster v0.8, not allowlisted: FLAG paymaster_fee with the fee line."""
    verdict = _check(_user_op([(USDC, CIRCLE_V08, 5 * 10**6)], v06, CIRCLE_V08))
    assert verdict.action is Action.FLAG
    assert rules(verdict) == {"tx.evm.paymaster_fee"}
    fee = [f for f in verdict.findings if f.rule_id == "tx.evm.paymaster_fee"]
    assert "fee to the operation's own paymaster" in fee[0].message


EP08 = "0x4337084D9E255Ff0702461CF8895CE9E3b5Ff108"
CIRCLE_V07 = "0x6C973eBe80dCD8660841D4356bf15c32460271C9"  # Circle: Arbitrum and Base only
_PACKED = [
    ("sender", "address"), ("nonce", "uint256"), ("initCode", "bytes"), ("callData", "bytes"),
    ("accountGasLimits", "bytes32"), ("preVerificationGas", "uint256"), ("gasFees", "bytes32"),
    ("paymasterAndData", "bytes"),
]  # fmt: skip
_DOMAIN = [
    {"name": "name", "type": "string"},
    {"name": "version", "type": "string"},
    {"name": "chainId", "type": "uint256"},
    {"name": "verifyingContract", "type": "address"},
]


def _signed_op(chain_id: int, paymaster: str) -> dict[str, Any]:
    """An EntryPoint v0.8 ``PackedUserOperation`` signed as EIP-712 (domain ``ERC4337`` on
    ``chain_id``; ``paymasterAndData`` = paymaster, two 16-byte gas limits, its data)."""
    batch = [
        (USDC, 0, call("approve(address,uint256)", paymaster, 5 * 10**6)),
        (USDC, 0, call("transfer(address,uint256)", FRIEND, 100 * 10**6)),
    ]
    data = call("executeBatch((address,uint256,bytes)[])", batch)
    return {
        "types": {
            "EIP712Domain": _DOMAIN,
            "PackedUserOperation": [{"name": n, "type": t} for n, t in _PACKED],
        },
        "primaryType": "PackedUserOperation",
        "domain": {
            "name": "ERC4337",
            "version": "1",
            "chainId": chain_id,
            "verifyingContract": EP08,
        },
        "message": {
            "sender": ACCOUNT,
            "nonce": 0,
            "initCode": "0x",
            "callData": "0x" + data.hex(),
            "accountGasLimits": "0x" + "00" * 32,
            "preVerificationGas": 0,
            "gasFees": "0x" + "00" * 32,
            "paymasterAndData": paymaster + "00" * 32 + "00" + USDC[2:],
        },
    }


@pytest.mark.parametrize(
    ("chain_id", "paymaster", "action", "rule"),
    [
        pytest.param(1, CIRCLE_V08, Action.FLAG, "tx.evm.paymaster_fee", id="v08-on-ethereum"),
        pytest.param(8453, CIRCLE_V07, Action.FLAG, "tx.evm.paymaster_fee", id="v07-on-base"),
        pytest.param(
            56, CIRCLE_V08, Action.BLOCK, "tx.evm.approval_unknown_spender", id="v08-on-bnb"
        ),
        pytest.param(
            1, CIRCLE_V07, Action.BLOCK, "tx.evm.approval_unknown_spender", id="v07-on-ethereum"
        ),
    ],
)
def test_a_published_paymaster_is_published_on_its_chains_only(
    chain_id: int, paymaster: str, action: Action, rule: str
) -> None:
    """Circle lists its paymasters per chain (evm_protocols.json ``chains``): on another chain
    the address is nobody's published paymaster, and the grant to it is judged as a plain
    approve to a stranger (issue 12); on a listed chain it is the fee (FLAG)."""
    policy = Policy.model_validate(
        {"wallet": {"evm": [ACCOUNT]}, "allowlist": {"evm": [FRIEND], "evm_spenders": [FRIEND]}}
    )
    verdict = Guard(policy, classifier=False).check_typed_data(_signed_op(chain_id, paymaster))
    assert verdict.action is action, verdict.explain()
    assert rules(verdict) == {rule}
