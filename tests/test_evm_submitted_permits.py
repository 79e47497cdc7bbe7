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


def _delegation_typed(delegatee: str) -> dict[str, Any]:
    data = permit_typed_data(delegatee, 0)
    data["types"].pop("Permit")
    data["types"]["Delegation"] = [
        {"name": "delegatee", "type": "address"},
        {"name": "nonce", "type": "uint256"},
        {"name": "expiry", "type": "uint256"},
    ]
    data["primaryType"] = "Delegation"
    data["message"] = {"delegatee": delegatee, "nonce": 0, "expiry": DEADLINE}
    return data


def _delegate_by_sig_tx(delegatee: str, sender: str = OWN) -> dict[str, Any]:
    return _tx(TOKEN, call(_DELEGATE_BY_SIG, delegatee, 0, DEADLINE, _V, _R, _S), sender)


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
    pytest.param(_delegation_typed(FRIEND), _delegate_by_sig_tx(FRIEND), Action.ALLOW,
                 id="delegation-allowlisted"),
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
