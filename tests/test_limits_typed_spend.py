"""A Permit2 signature transfer in typed data is a spend (review17b B18): reserved against the
per-period limits by the gateway / MCP proxy (``gateway/spending.reserve_spends``), the guarded
signer (``GuardedAccount.sign_typed_data``) and counted by the judge, as a transaction's give.

Types from Uniswap/permit2 ``src/libraries/PermitHash.sol`` (``tests/evm_builders.py``);
keys generated per test (never funded).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from eth_account import Account
from evm_builders import FRIEND, OWN, PERMIT2, STRANGER, TOKEN, permit2_single, permit2_transfer

from aiegis_guard.config import Config, LedgerBackend, LedgerSettings
from aiegis_guard.errors import GuardBlocked
from aiegis_guard.findings import Action
from aiegis_guard.gateway.spending import release, reserve_spends
from aiegis_guard.guard import Guard
from aiegis_guard.policy import Policy
from aiegis_guard.signers.approval import allow_all
from aiegis_guard.signers.evm_account import GuardedAccount

KEY = "evm:" + TOKEN.lower()
TENTHS = 900_000  # 0.9 TKN: under the 1 TKN per-transaction limit


def _guard(*own: str) -> Guard:
    limit = {"chain": "evm", "asset": TOKEN, "symbol": "TKN", "decimals": 6, "per_tx": "1",
             "per_period": "1"}  # fmt: skip
    policy = Policy.model_validate({
        "wallet": {"evm": [OWN, *own]},
        "allowlist": {"evm": [FRIEND, TOKEN, PERMIT2], "evm_spenders": [FRIEND]},
        "limits": [limit],
    })  # fmt: skip
    return Guard(Config(policy=policy, ledger=LedgerSettings(backend=LedgerBackend.MEMORY)),
                 classifier=False)  # fmt: skip


def _spent(guard: Guard) -> int:
    return guard.ledger.spent(KEY, timedelta(hours=24))


@pytest.mark.parametrize("witness", [False, True], ids=["transfer", "witness"])
def test_gateway_reserves_signature_transfers(witness: bool) -> None:
    """Two 0.9 TKN signature transfers to an allowlisted spender: the first is reserved, the
    second is over the 1 TKN period (GuardBlocked), and the judge then BLOCKs a third."""
    guard = _guard()
    typed = permit2_transfer(FRIEND, TENTHS, witness=witness)
    if witness:
        typed["message"]["witness"] = {key: OWN for key in typed["message"]["witness"]}
    assert guard.check_typed_data(typed).action is Action.ALLOW
    for held in reserve_spends(guard, {"typed_data": typed}):
        held.commit()
    assert _spent(guard) == TENTHS
    with pytest.raises(GuardBlocked):
        reserve_spends(guard, {"typed_data": typed})
    verdict = guard.check_typed_data(typed)
    assert verdict.action is Action.BLOCK
    assert "tx.evm.over_period_limit" in verdict.rule_ids


def test_a_grant_is_not_a_spend() -> None:
    """A PermitSingle grant to the allowlisted spender moves nothing yet: nothing reserved."""
    guard = _guard()
    held = reserve_spends(guard, {"typed_data": permit2_single(FRIEND, TENTHS)})
    release(held)
    assert _spent(guard) == 0


def test_undecodable_typed_data_reserves_nothing() -> None:
    """Malformed typed data (judged as such elsewhere) is no crash here and reserves nothing."""
    guard = _guard()
    bad: dict[str, Any] = {"typed_data": {"types": {}, "primaryType": "X", "message": {}}}
    assert reserve_spends(guard, bad) == []


def test_guarded_account_reserves_a_signed_transfer() -> None:
    """GuardedAccount.sign_typed_data holds the transfer's spend: a second 0.9 TKN is refused."""
    account = Account.create()  # generated per test, never funded
    guard = _guard(account.address)
    signer = GuardedAccount(account, guard=guard, approver=allow_all)
    typed = permit2_transfer(FRIEND, TENTHS)
    signer.sign_typed_data(full_message=typed)
    assert _spent(guard) == TENTHS
    with pytest.raises(GuardBlocked):
        signer.sign_typed_data(full_message=typed)
    assert _spent(guard) == TENTHS


def test_stranger_spender_signature_transfer_still_judged() -> None:
    """The twin to a stranger spender is judged as before (not ALLOWed)."""
    verdict = _guard().check_typed_data(permit2_transfer(STRANGER, TENTHS))
    assert verdict.action is not Action.ALLOW


def test_web3_middleware_hands_the_transfer_to_reserve() -> None:
    """eth_signTypedData_v4 through the web3 middleware: the decoded transfer is what it
    reserves before the node signs (``_sending``); an undecodable one hands nothing."""
    import json

    from web3 import Web3

    from aiegis_guard.signers.evm_middleware import GuardWeb3Middleware

    middleware = GuardWeb3Middleware(Web3(), _guard())
    typed = json.dumps(permit2_transfer(FRIEND, TENTHS))
    verdict, decoded, _ = middleware.judge("eth_signTypedData_v4", [OWN, typed])
    assert verdict.action is Action.ALLOW
    assert [d.kind.value for d in decoded] == ["typed_data"]
    _, nothing, _ = middleware.judge("eth_signTypedData_v4", [OWN, "{"])
    assert nothing == []
