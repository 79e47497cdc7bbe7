"""MetaMask Delegation Framework (ERC-7710): caveat enforcers read as bounds, and the
``DelegationManager`` calls (``redeemDelegations``, ``disableDelegation``, ``enableDelegation``).

Sources: MetaMask/delegation-framework v1.3.0 ``src/DelegationManager.sol``,
``src/utils/Types.sol``, the enforcers' ``getTermsInfo`` (NativeTokenStreaming 128 bytes,
ERC20Streaming 148, AllowedTargets / Redeemer multiples of 20, AllowedMethods multiples of 4,
ExactCalldata: the calldata itself) and ``documents/Deployments.md`` (addresses). Every party
is a generated key (never funded).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from eth_abi import encode
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.evm.typed_data import decode_typed_data
from aiegis_guard.chains.transaction import Approval, AuthorityChange, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import MAX, approve, call, delegation_typed, transfer


def _key() -> str:
    return str(Account.create().address).lower()


OWN, AGENT, STRANGER, VENDOR = _key(), _key(), _key(), _key()
LOOKALIKE = AGENT[:8] + STRANGER[8:-4] + AGENT[-4:]
USDC = "0x833589fcd6edb6e08f4c7c32d4f71b54bda02913"
MANAGER = "0xdb9b1e94b5b69df7e401ddbede43491141047db3"
ANY_DELEGATE = "0x" + "00" * 18 + "0a11"
ENFORCERS = {
    "targets": "0x7f20f61b1f09b08d970938f6fa563634d65c4eeb",
    "methods": "0x2c21fd0cb9dc8445cb3fb0dc5e7bb0aca01842b5",
    "native_stream": "0xd10b97905a320b13a0608f7e9cc506b56747df19",
    "erc20_stream": "0x56c97ae02f233b29fa03502ecc0457266d9be00e",
    "redeemer": "0xe144b0b2618071b4e56f746313528a669c7e65c5",
    "exact_calldata": "0x99f2e9bf15ce5ec84685604836f71ab835dbbded",
    "native_amount": "0xf71af580b9c3078fbc2bbf16fbb8eed82b330320",
    "timestamp": "0x1046bb45c8d673d4ea75321280db34899413c069",
}
NOW, DAY = int(time.time()), 86_400
_DELEGATION = "(address,address,bytes32,(address,bytes,bytes)[],uint256,bytes)"
POLICY = Policy.model_validate(
    {
        "wallet": {"evm": [OWN]},
        "allowlist": {
            "evm_spenders": [AGENT],
            "evm_operators": [AGENT],
            "evm": [VENDOR],
            "evm_delegates": [AGENT],
        },
    }
)
Caveat = tuple[str, bytes]


def _guard() -> Guard:
    return Guard(POLICY, classifier=False)


def _words(*values: int) -> bytes:
    return b"".join(v.to_bytes(32, "big") for v in values)


def _addr(a: str) -> bytes:
    return bytes.fromhex(a[2:])


def _until(t: int) -> Caveat:
    return ENFORCERS["timestamp"], bytes(16) + t.to_bytes(16, "big")


def _native_stream(cap: int, rate: int = 10**11) -> Caveat:
    return ENFORCERS["native_stream"], _words(10**16, cap, rate, NOW)


def _erc20_stream(token: str, cap: int) -> Caveat:
    return ENFORCERS["erc20_stream"], _addr(token) + _words(10**7, cap, 385, NOW)


def _targets(*targets: str) -> Caveat:
    return ENFORCERS["targets"], b"".join(_addr(t) for t in targets)


def _methods(*hexes: str) -> Caveat:
    return ENFORCERS["methods"], bytes.fromhex("".join(hexes))


def _redeemer(*who: str) -> Caveat:
    return ENFORCERS["redeemer"], b"".join(_addr(w) for w in who)


def _native(cap: int) -> Caveat:
    return ENFORCERS["native_amount"], cap.to_bytes(32, "big")


def _typed(delegate: str, caveats: list[Caveat]) -> dict[str, Any]:
    """A root ``Delegation`` from OWN, as a wallet is asked to sign it."""
    return delegation_typed(delegate, caveats, delegator=OWN, manager=MANAGER, salt=11)


def _abi_delegation(delegate: str, caveats: list[Caveat], delegator: str = OWN) -> tuple[Any, ...]:
    return (delegate, delegator, b"\xff" * 32, [(e, t, b"") for e, t in caveats], 11, b"\x01" * 65)


def _tx(sender: str, to: str, data: bytes) -> dict[str, Any]:
    return {"from": sender, "to": to, "value": 0, "data": "0x" + data.hex(), "chainId": 8453}


# -- caveats -----------------------------------------------------------------------------------

SCOPED = [_targets(USDC), _methods("a9059cbb", "095ea7b3")]


@pytest.mark.parametrize(
    ("delegate", "caveats", "action"),
    [
        pytest.param(AGENT, [_erc20_stream(USDC, 10**9), _until(NOW + 30 * DAY)], Action.ALLOW,
                     id="erc20-stream-to-agent-allows"),
        pytest.param(LOOKALIKE, [_erc20_stream(USDC, 10**9), _until(NOW + 30 * DAY)],
                     Action.BLOCK, id="erc20-stream-to-lookalike-blocks"),
        pytest.param(STRANGER, [_erc20_stream(USDC, MAX)], Action.BLOCK,
                     id="infinite-erc20-stream-blocks"),
        pytest.param(AGENT, [*SCOPED, _until(NOW + DAY)], Action.ALLOW,
                     id="token-scoped-to-agent-allows"),
        pytest.param(STRANGER, SCOPED, Action.BLOCK, id="token-scoped-to-stranger-blocks"),
        pytest.param(ANY_DELEGATE, [_redeemer(AGENT), _native(5 * 10**16), _until(NOW + 3600)],
                     Action.ALLOW, id="open-delegation-redeemer-agent-allows"),
        pytest.param(ANY_DELEGATE, [_redeemer(STRANGER), _native(5 * 10**16),
                     _until(NOW + 3600)], Action.FLAG,
                     id="open-delegation-redeemer-stranger-short-lived-flags"),
        pytest.param(ANY_DELEGATE, [_redeemer(AGENT, STRANGER), *SCOPED], Action.BLOCK,
                     id="open-delegation-second-redeemer-blocks"),
        pytest.param(ANY_DELEGATE, [_native(5 * 10**16), _until(NOW + 3600)], Action.BLOCK,
                     id="open-delegation-without-redeemer-is-bearer-blocks"),
    ],
)  # fmt: skip
def test_caveat_verdicts(delegate: str, caveats: list[Caveat], action: Action) -> None:
    """Each enforcer bounds the delegation the way its source says; a stranger or look-alike
    delegate, stripped caveats or an open delegation without a redeemer stay judged."""
    assert _guard().check_typed_data(_typed(delegate, caveats)).action is action


def test_token_scope_without_amount_is_an_unlimited_grant() -> None:
    """AllowedTargets(token) + AllowedMethods(transfer, approve): any amount of that token."""
    (grant,) = decode_typed_data(_typed(STRANGER, SCOPED)).operations
    assert isinstance(grant, Approval) and grant.unlimited and grant.spender == STRANGER
    assert grant.asset.address == USDC


def test_methods_beyond_token_moves_stay_an_authority() -> None:
    """A method that is no ERC-20 move (here ``multicall``) leaves the delegate's calls open."""
    caveats = [_targets(USDC), _methods("a9059cbb", "ac9650d8")]
    (op,) = decode_typed_data(_typed(STRANGER, caveats)).operations
    assert isinstance(op, AuthorityChange) and op.authority_type == "delegate"


@pytest.mark.parametrize(
    ("caveats", "amount"),
    [
        pytest.param([_native_stream(5 * 10**17), _until(NOW + 30 * DAY)], 5 * 10**17,
                     id="capped-stream-grants-its-cap"),
        pytest.param([_native_stream(MAX, 10**11), _until(NOW + 100)], 10**16 + 100 * 10**11,
                     id="uncapped-stream-grants-what-accrues-until-expiry"),
        pytest.param([_native_stream(MAX)], None, id="uncapped-endless-stream-is-unlimited"),
    ],
)  # fmt: skip
def test_native_stream_grant(caveats: list[Caveat], amount: int | None) -> None:
    """NativeTokenStreamingEnforcer: the cap, or the accrual until the timestamp caveat."""
    ops = decode_typed_data(_typed(STRANGER, caveats)).operations
    grant = next(op for op in ops if isinstance(op, Approval))
    assert grant.amount == amount or (amount is None and grant.unlimited)
    # the stream bounds the value only: calls without value stay an authority
    assert any(isinstance(op, AuthorityChange) for op in ops)


def test_empty_exact_calldata_leaves_plain_transfers_only() -> None:
    """ExactCalldata("") + a native cap: only the grant, no authority over the calls."""
    caveats = [(ENFORCERS["exact_calldata"], b""), _native(10**17)]
    (grant,) = decode_typed_data(_typed(STRANGER, caveats)).operations
    assert isinstance(grant, Approval) and grant.amount == 10**17


# -- DelegationManager ------------------------------------------------------------------------


def _single(target: str, data: bytes, value: int = 0) -> tuple[bytes, bytes]:
    return bytes(32), _addr(target) + value.to_bytes(32, "big") + data


def _batch(*calls: tuple[str, int, bytes]) -> tuple[bytes, bytes]:
    return b"\x01" + bytes(31), encode(["(address,uint256,bytes)[]"], [list(calls)])


def _redeem(
    executions: list[tuple[bytes, bytes]],
    chain: list[tuple[Any, ...]] | None = None,
    manager: str = MANAGER,
    sender: str = AGENT,
) -> dict[str, Any]:
    chain = [_abi_delegation(AGENT, SCOPED)] if chain is None else chain
    context = encode([f"{_DELEGATION}[]"], [chain]) if chain else b""
    data = call(
        "redeemDelegations(bytes[],bytes32[],bytes[])",
        [context] * len(executions),
        [m for m, _ in executions],
        [e for _, e in executions],
    )
    return _tx(sender, manager, data)  # fmt: skip


@pytest.mark.parametrize(
    ("execution", "action"),
    [
        pytest.param(_single(USDC, transfer(VENDOR, 120 * 10**6)), Action.ALLOW,
                     id="pays-allowlisted-vendor-allows"),
        pytest.param(_single(USDC, transfer(STRANGER, 480 * 10**6)), Action.FLAG,
                     id="pays-stranger-flags"),
        pytest.param(_single(USDC, approve(STRANGER, MAX)), Action.BLOCK,
                     id="unlimited-approve-stranger-blocks"),
        pytest.param(_single(VENDOR, b"", 2 * 10**16), Action.ALLOW,
                     id="native-to-allowlisted-allows"),
        pytest.param(_batch((USDC, 0, transfer(VENDOR, 10**6)), (USDC, 0, approve(STRANGER, MAX))),
                     Action.BLOCK, id="approve-hidden-in-batch-blocks"),
    ],
)  # fmt: skip
def test_redeem_is_judged_as_the_delegators_call(
    execution: tuple[bytes, bytes], action: Action
) -> None:
    """The execution runs from the root delegator's account (own), whoever redeems."""
    assert _guard().check_transaction(_redeem([execution])).action is action


def test_redeem_moves_the_root_delegators_funds() -> None:
    """A chain leaf -> root: the root delegator's account makes the call."""
    chain = [_abi_delegation(AGENT, [], delegator=VENDOR), _abi_delegation(VENDOR, SCOPED)]
    ops = decode_evm(_redeem([_single(USDC, transfer(STRANGER, 5))], chain=chain)).operations
    (move,) = [op for op in ops if isinstance(op, Transfer)]
    assert move.sender == OWN and move.recipient == STRANGER and move.amount == 5


def test_self_authorized_redeem_runs_as_the_sender() -> None:
    """An empty permission context: the redeemer executes as itself (own sends it)."""
    payload = _redeem([_single(USDC, approve(STRANGER, MAX))], chain=[], sender=OWN)
    assert _guard().check_transaction(payload).action is Action.BLOCK


def test_same_execution_through_a_safe_like_carrier_same_verdict() -> None:
    """Own's ERC-7579 ``execute`` carrying the same approval: the same verdict as redeemed."""
    mode, execution = _single(USDC, approve(STRANGER, MAX))
    direct = _tx(OWN, OWN, call("execute(bytes32,bytes)", mode, execution))
    redeemed = _redeem([(mode, execution)])
    assert _guard().check_transaction(direct).action is Action.BLOCK
    assert _guard().check_transaction(redeemed).action is Action.BLOCK


def test_redeem_on_a_lookalike_manager_is_not_read_as_the_manager() -> None:
    """The selector on another contract runs a stranger's code: never allowed as a payment."""
    fake = MANAGER[:8] + STRANGER[8:-4] + MANAGER[-4:]
    payload = _redeem([_single(USDC, transfer(VENDOR, 10**6))], manager=fake)
    assert _guard().check_transaction(payload).action is not Action.ALLOW


def test_disable_delegation_is_a_revoke() -> None:
    """``disableDelegation`` on the manager takes a delegation back: allowed, no effect."""
    data = call(f"disableDelegation({_DELEGATION})", _abi_delegation(LOOKALIKE, SCOPED))
    verdict = _guard().check_transaction(_tx(OWN, MANAGER, data))
    assert verdict.action is Action.ALLOW


@pytest.mark.parametrize(
    ("delegate", "action"),
    [pytest.param(AGENT, Action.ALLOW, id="agent"), pytest.param(STRANGER, Action.BLOCK,
     id="stranger")],
)  # fmt: skip
def test_enable_delegation_same_verdict_as_signing_it(delegate: str, action: Action) -> None:
    """Re-enabling on-chain grants what signing the delegation grants."""
    data = call(f"enableDelegation({_DELEGATION})", _abi_delegation(delegate, SCOPED))
    assert _guard().check_transaction(_tx(OWN, MANAGER, data)).action is action
    assert _guard().check_typed_data(_typed(delegate, SCOPED)).action is action
