"""Permits sent as transactions: the same grant as the typed-data form, whoever submits it.

Sources: EIP-2612 (``permit(owner, spender, value, deadline, v, r, s)``, typed ``Permit(owner,
spender, value, nonce, deadline)``); makerdao/dss ``src/dai.sol`` (``permit(holder, spender,
nonce, expiry, allowed, v, r, s)``, typed ``Permit(holder, spender, nonce, expiry, allowed)``);
Uniswap/permit2 ``src/interfaces/IAllowanceTransfer.sol`` (``permit(owner, PermitSingle,
signature)``); OpenZeppelin ``governance/utils/Votes.sol`` (``delegateBySig(delegatee, nonce,
expiry, v, r, s)``, typed ``Delegation(delegatee, nonce, expiry)``); aave/aave-v3-periphery
``contracts/misc/WrappedTokenGatewayV3.sol`` (``withdrawETHWithPermit``). Addresses are
fixed test constants or generated keys (never funded); signatures are placeholders (the guard
judges what a permit grants, not whether its signature verifies).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import (
    FRIEND,
    MAX,
    OWN,
    PERMIT2,
    STRANGER,
    TOKEN,
    call,
    permit2_single,
    permit_typed_data,
)

POLICY = Policy.model_validate(
    {
        "wallet": {"evm": [OWN]},
        "allowlist": {"evm_spenders": [FRIEND], "evm_delegates": [FRIEND], "evm": [FRIEND]},
    }
)
RELAYER = str(Account.create().address).lower()  # a third party submitting the permit
_V, _R, _S = 27, b"\x11" * 32, b"\x22" * 32
_SIG65 = _R + _S + bytes([_V])
DEADLINE = 2**40
_EIP2612 = "permit(address,address,uint256,uint256,uint8,bytes32,bytes32)"
_DAI = "permit(address,address,uint256,uint256,bool,uint8,bytes32,bytes32)"
_PERMIT2 = "permit(address,((address,uint160,uint48,uint48),address,uint256),bytes)"
_DELEGATE_BY_SIG = "delegateBySig(address,uint256,uint256,uint8,bytes32,bytes32)"
_GATEWAY = "0x893411580e590d62ddbca8a703d61cc4a8c7b2b9"  # Aave v3 WrappedTokenGateway (2023)
_WITHDRAW = "withdrawETHWithPermit(address,uint256,address,uint256,uint8,bytes32,bytes32)"
_POOL = "0x87870bca3f3fd6335c3f4ce8392d69350b4fa4e2"
_AWETH = "0x4d5f47fa6a74757f35c14fd3a6ef8e3c9bc514e8"  # the Pool's WETH aToken (aave-address-book)
UNI = "0x1f9840a85d5af5bf1d1762f925bdaddc4201f984"  # a vote token (ERC20Votes-style)


def _tx(to: str, data: bytes, sender: str = OWN) -> dict[str, Any]:
    return {"from": sender, "to": to, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


def _eip2612_tx(spender: str, value: int, sender: str = OWN) -> dict[str, Any]:
    return _tx(TOKEN, call(_EIP2612, OWN, spender, value, DEADLINE, _V, _R, _S), sender)


def _dai_typed(spender: str, allowed: bool) -> dict[str, Any]:
    data = permit_typed_data(spender, 0)
    data["types"]["Permit"] = [
        {"name": "holder", "type": "address"},
        {"name": "spender", "type": "address"},
        {"name": "nonce", "type": "uint256"},
        {"name": "expiry", "type": "uint256"},
        {"name": "allowed", "type": "bool"},
    ]
    data["message"] = {
        "holder": OWN,
        "spender": spender,
        "nonce": 0,
        "expiry": DEADLINE,
        "allowed": allowed,
    }
    return data


def _dai_tx(spender: str, allowed: bool, sender: str = OWN) -> dict[str, Any]:
    args = (OWN, spender, 0, DEADLINE, allowed, _V, _R, _S)
    return _tx(TOKEN, call(_DAI, *args), sender)


def _permit2_tx(spender: str, amount: int, sender: str = OWN) -> dict[str, Any]:
    single = ((TOKEN, amount, 2**40, 0), spender, 2**40)
    return _tx(PERMIT2, call(_PERMIT2, OWN, single, _SIG65), sender)


def _delegation_typed(delegatee: str, token: str = TOKEN) -> dict[str, Any]:
    data = permit_typed_data(delegatee, 0, token)
    data["types"].pop("Permit")
    data["types"]["Delegation"] = [
        {"name": "delegatee", "type": "address"},
        {"name": "nonce", "type": "uint256"},
        {"name": "expiry", "type": "uint256"},
    ]
    data["primaryType"] = "Delegation"
    data["message"] = {"delegatee": delegatee, "nonce": 0, "expiry": DEADLINE}
    return data


def _delegate_by_sig_tx(delegatee: str, sender: str = OWN, token: str = TOKEN) -> dict[str, Any]:
    return _tx(token, call(_DELEGATE_BY_SIG, delegatee, 0, DEADLINE, _V, _R, _S), sender)


def _grants(effects: tuple[dict[str, Any], ...]) -> list[tuple[Any, ...]]:
    """What a grant is: kind, asset, counterparty, amount / unlimited, role."""
    keys = ("kind", "asset", "counterparty", "amount", "unlimited", "what")
    return sorted(
        tuple(str(e.get(k)) for k in keys) for e in effects if e["kind"] in ("grants", "authority")
    )


PAIRS = [
    pytest.param(permit_typed_data(STRANGER, MAX), _eip2612_tx(STRANGER, MAX), Action.BLOCK,
                 id="eip2612-unlimited-stranger"),
    pytest.param(permit_typed_data(STRANGER, 10**6), _eip2612_tx(STRANGER, 10**6), None,
                 id="eip2612-bounded-stranger"),
    pytest.param(permit_typed_data(FRIEND, MAX), _eip2612_tx(FRIEND, MAX), Action.ALLOW,
                 id="eip2612-allowlisted"),
    pytest.param(_dai_typed(STRANGER, True), _dai_tx(STRANGER, True), Action.BLOCK,
                 id="dai-allowed-stranger"),
    pytest.param(_dai_typed(FRIEND, True), _dai_tx(FRIEND, True), Action.ALLOW,
                 id="dai-allowed-allowlisted"),
    pytest.param(_dai_typed(STRANGER, False), _dai_tx(STRANGER, False), Action.ALLOW,
                 id="dai-revoke"),
    pytest.param(permit2_single(STRANGER, 2**160 - 1), _permit2_tx(STRANGER, 2**160 - 1),
                 Action.BLOCK, id="permit2-single-unlimited-stranger"),
    pytest.param(permit2_single(FRIEND, 2**160 - 1), _permit2_tx(FRIEND, 2**160 - 1),
                 Action.ALLOW, id="permit2-single-allowlisted"),
    pytest.param(_delegation_typed(STRANGER), _delegate_by_sig_tx(STRANGER), Action.BLOCK,
                 id="delegation-stranger"),
    pytest.param(_delegation_typed(FRIEND, UNI), _delegate_by_sig_tx(FRIEND, token=UNI),
                 Action.ALLOW, id="delegation-allowlisted"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "sent", "action"), PAIRS)
def test_submitted_permit_is_the_signed_grant(
    typed: dict[str, Any], sent: dict[str, Any], action: Action | None
) -> None:
    """The permit sent as a transaction grants what its typed-data form grants, with the
    same verdict (``action`` pinned where the policy names it)."""
    guard = Guard(POLICY, classifier=False)
    signed, submitted = guard.check_typed_data(typed), guard.check_transaction(sent)
    assert _grants(submitted.effects) == _grants(signed.effects)
    assert _grants(submitted.effects), "a grant is listed"
    assert submitted.action is signed.action, (submitted.explain(), signed.explain())
    if action is not None:
        assert submitted.action is action


@pytest.mark.parametrize(
    "sent",
    [
        pytest.param(_eip2612_tx(STRANGER, MAX, RELAYER), id="eip2612"),
        pytest.param(_dai_tx(STRANGER, True, RELAYER), id="dai"),
        pytest.param(_permit2_tx(STRANGER, 2**160 - 1, RELAYER), id="permit2"),
    ],
)
def test_own_permit_relayed_by_anyone_blocks(sent: dict[str, Any]) -> None:
    """The own account's standing permit to a stranger blocks whoever submits it."""
    verdict = Guard(POLICY, classifier=False).check_transaction(sent)
    assert verdict.action is Action.BLOCK, verdict.explain()


def _withdraw(amount: int, to: str) -> dict[str, Any]:
    args = (_POOL, amount, to, DEADLINE, _V, _R, _S)
    return _tx(_GATEWAY, call(_WITHDRAW, *args))


@pytest.mark.parametrize(
    ("tx", "action"),
    [
        pytest.param(_withdraw(32 * 10**17, OWN), Action.ALLOW, id="own-amount"),
        pytest.param(_withdraw(MAX, OWN), Action.ALLOW, id="own-all"),
        pytest.param(_withdraw(MAX, FRIEND), Action.ALLOW, id="allowlisted-all"),
        pytest.param(_withdraw(MAX, STRANGER), Action.BLOCK, id="stranger-all"),
        pytest.param(_withdraw(32 * 10**17, STRANGER), Action.FLAG, id="stranger-amount"),
    ],
)
def test_gateway_withdrawal_with_permit(tx: dict[str, Any], action: Action) -> None:
    """``withdrawETHWithPermit`` is ``withdrawETH`` (the permit it carries is spent by the
    call): ETH to ``to``; the whole position to a stranger blocks."""
    assert Guard(POLICY, classifier=False).check_transaction(tx).action is action


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(_withdraw(MAX, STRANGER), id="gateway-withdraw"),
        pytest.param(_delegate_by_sig_tx(STRANGER), id="delegate-by-sig"),
        pytest.param(_eip2612_tx(STRANGER, MAX), id="eip2612"),
    ],
)
def test_truncated_calls_are_never_allowed(tx: dict[str, Any]) -> None:
    """Cut short, the call is undecodable: a FLAG or a BLOCK, never a silent ALLOW."""
    cut = {**tx, "data": tx["data"][: 2 + 8 + 64 * 2 + 10]}
    verdict = Guard(POLICY, classifier=False).check_transaction(cut)
    assert verdict.action is not Action.ALLOW, verdict.explain()


# --- F3 (review12b): the gateway's and vote tokens' selectors on a stranger's contract ---------
X = str(Account.create().address).lower()  # a stranger's contract
_GATEWAYS = (
    _GATEWAY,
    "0xd322a49006fc828f9b5b37ab215f99b4e5cab19c",  # data/evm_protocols.json
    "0xd01607c3c5ecaba394d8be377a08590149325722",  # aave-address-book AaveV3Ethereum
)
_VOTE_TOKENS = (
    UNI,
    "0xc00e94cb662c3520282e6f5717214004a7f26888",  # COMP
    "0xc18360217d8f7ab5e7c516566761ea12ce7f9d72",  # ENS
    "0x4200000000000000000000000000000000000042",  # OP
)


def _withdraw_at(to: str, amount: int, recipient: str = OWN) -> dict[str, Any]:
    return _tx(to, call(_WITHDRAW, _POOL, amount, recipient, DEADLINE, _V, _R, _S))


@pytest.mark.parametrize("amount", [MAX, 10**18])
def test_gateway_permit_on_a_stranger_is_the_permit_sent(amount: int) -> None:
    """Off the gateway, ``withdrawETHWithPermit``'s (v, r, s) is the own aWETH permit to that
    contract (``address(this)``): judged as the same permit sent to the aToken, plus an unknown
    call; never the "withdraw to own" the gateway would make of it."""
    guard = Guard(POLICY, classifier=False)
    carried = guard.check_transaction(_withdraw_at(X, amount))
    sent = guard.check_transaction(
        _tx(_AWETH, call(_EIP2612, OWN, X, amount, DEADLINE, _V, _R, _S))
    )
    assert _grants(carried.effects) == _grants(sent.effects), carried.explain()
    assert carried.action is not Action.ALLOW, carried.explain()
    assert "tx.evm.unknown_call" in {f.rule_id for f in carried.findings}
    if amount == MAX:
        assert carried.action is Action.BLOCK and sent.action is Action.BLOCK


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(call("withdrawETH(address,uint256,address)", _POOL, MAX, OWN), id="withdraw"),
        pytest.param(call("repayETH(address,uint256,address)", _POOL, MAX, OWN), id="repay"),
        pytest.param(call("borrowETH(address,uint256,uint16)", _POOL, 10**18, 0), id="borrow"),
        pytest.param(call("depositETH(address,address,uint16)", _POOL, OWN, 0), id="deposit"),
        pytest.param(call(_DELEGATE_BY_SIG, OWN, 0, DEADLINE, _V, _R, _S), id="delegate-own"),
        pytest.param(call(_DELEGATE_BY_SIG, "0x" + "00" * 20, 0, DEADLINE, _V, _R, _S),
                     id="delegate-zero"),
    ],
)  # fmt: skip
def test_canonical_selectors_on_a_stranger_are_unknown(data: bytes) -> None:
    """A gateway / vote-token call on another contract runs that contract's code: FLAG."""
    verdict = Guard(POLICY, classifier=False).check_transaction(_tx(X, data))
    assert verdict.action is Action.FLAG, verdict.explain()
    assert "tx.evm.unknown_call" in {f.rule_id for f in verdict.findings}


@pytest.mark.parametrize("gateway", _GATEWAYS)
def test_genuine_gateways_keep_their_reading(gateway: str) -> None:
    """On a WrappedTokenGateway the permit is spent by the call: to own ALLOW, all to a
    stranger BLOCK."""
    guard = Guard(POLICY, classifier=False)
    assert guard.check_transaction(_withdraw_at(gateway, MAX)).action is Action.ALLOW
    assert guard.check_transaction(_withdraw_at(gateway, MAX, STRANGER)).action is Action.BLOCK
    plain = _tx(gateway, call("withdrawETH(address,uint256,address)", _POOL, MAX, OWN))
    assert guard.check_transaction(plain).action is Action.ALLOW


@pytest.mark.parametrize("token", _VOTE_TOKENS)
def test_vote_tokens_keep_their_reading(token: str) -> None:
    """On a vote token ``delegateBySig`` keeps its reading: own / zero ALLOW, a stranger BLOCK."""
    guard = Guard(POLICY, classifier=False)
    for delegatee, action in ((OWN, Action.ALLOW), ("0x" + "00" * 20, Action.ALLOW),
                              (STRANGER, Action.BLOCK)):  # fmt: skip
        verdict = guard.check_transaction(_delegate_by_sig_tx(delegatee, token=token))
        assert verdict.action is action, (token, delegatee, verdict.explain())


def test_delegation_to_a_stranger_on_a_stranger_is_never_weaker() -> None:
    """The signed delegation a stranger's contract is handed is still judged (a grant)."""
    verdict = Guard(POLICY, classifier=False).check_transaction(
        _delegate_by_sig_tx(STRANGER, token=X)
    )
    assert verdict.action is Action.BLOCK, verdict.explain()


_EETH = "0x35fa164735182de50811e8e2e824cfb9b6118ac2"  # ether.fi eETH (data/evm_protocols.json)
_ETHERFI_REQUEST = (
    "requestWithdrawWithPermit(address,uint256,(uint256,uint256,uint8,bytes32,bytes32))"
)


@pytest.mark.parametrize("value", [MAX, 10**18])
def test_etherfi_permit_on_a_stranger_is_the_permit_sent(value: int) -> None:
    """Off ether.fi's pool, ``requestWithdrawWithPermit``'s PermitInput is the own eETH permit
    to that contract: the same grants as the permit sent to eETH, never a known call."""
    guard = Guard(POLICY, classifier=False)
    data = call(_ETHERFI_REQUEST, OWN, 10**18, (value, DEADLINE, _V, _R, _S))
    carried = guard.check_transaction(_tx(X, data))
    sent = guard.check_transaction(_tx(_EETH, call(_EIP2612, OWN, X, value, DEADLINE, _V, _R, _S)))
    assert _grants(carried.effects) == _grants(sent.effects), carried.explain()
    assert carried.action is not Action.ALLOW, carried.explain()
    if value == MAX:
        assert carried.action is Action.BLOCK
