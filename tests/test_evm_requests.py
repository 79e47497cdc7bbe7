"""EIP-7002 withdrawal / exit and EIP-7251 consolidation requests (raw calldata to the system
contracts).

Sources: ethereum/EIPs ``EIPS/eip-7002.md`` (pubkey (48) || amount (uint64 BE, Gwei)) and
``EIPS/eip-7251.md`` (source pubkey (48) || target pubkey (48)); ethereum/consensus-specs
electra ``process_consolidation_request`` (source == target: switch to compounding). The
validator keys are random bytes, the wallets generated keys (never funded).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import Transfer
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call

WITHDRAWALS = "0x00000961Ef480Eb55e80D19ad83579A64c007002"
CONSOLIDATIONS = "0x0000BBdDc7CE488642fb579F8B00f3a590007251"
OWN = str(Account.create().address).lower()
SAFE = str(Account.create().address).lower()
SOURCE, TARGET = os.urandom(48), os.urandom(48)
POLICY = Policy.model_validate({"wallet": {"evm": [OWN, SAFE]}})
_EXEC = "execTransaction(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,bytes)"


def _tx(to: str, data: bytes, value: int = 1, chain_id: int = 1) -> dict[str, Any]:
    return {"from": OWN, "to": to, "value": value, "data": "0x" + data.hex(), "chainId": chain_id}


def _in_safe(to: str, data: bytes) -> dict[str, Any]:
    zero = "0x" + "00" * 20
    inner = call(_EXEC, to, 1, data, 0, 0, 0, 0, zero, zero, b"\x00" * 65)
    return _tx(SAFE, inner, 0)


def _gwei(n: int) -> bytes:
    return n.to_bytes(8, "big")


CASES = [
    pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(0)), Action.ALLOW, None, id="full-exit-allows"),
    pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(10**9)), Action.ALLOW, None,
                 id="partial-withdrawal-allows"),
    pytest.param(_tx(CONSOLIDATIONS, SOURCE + SOURCE), Action.ALLOW, None,
                 id="switch-to-compounding-allows"),
    pytest.param(_tx(CONSOLIDATIONS, SOURCE + TARGET), Action.BLOCK, "tx.evm.unbounded_give",
                 id="consolidation-into-another-validator-blocks"),
    pytest.param(_in_safe(CONSOLIDATIONS, SOURCE + TARGET), Action.BLOCK,
                 "tx.evm.unbounded_give", id="consolidation-from-a-safe-blocks"),
    pytest.param(_in_safe(WITHDRAWALS, SOURCE + _gwei(0)), Action.ALLOW, None,
                 id="exit-from-a-safe-allows"),
    # the system contracts are canonical on Ethereum's chains only: elsewhere the fee is a
    # payment to an unknown contract
    pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(0), chain_id=10), Action.FLAG,
                 "tx.evm.unknown_recipient", id="request-on-another-chain-flags"),
    # the contracts keep the whole msg.value: a "fee" far above any fee is burnt
    pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(10**9), 100 * 10**18), Action.FLAG,
                 "tx.evm.unknown_call", id="withdrawal-100-eth-fee-flags"),
    pytest.param(_tx(CONSOLIDATIONS, SOURCE + SOURCE, 100 * 10**18), Action.FLAG,
                 "tx.evm.unknown_call", id="compounding-100-eth-fee-flags"),
    pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(0), 10**16), Action.ALLOW, None,
                 id="exit-fee-at-the-bound-allows"),
    pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(0), 10**16 + 1), Action.FLAG,
                 "tx.evm.unknown_call", id="exit-fee-above-the-bound-flags"),
]  # fmt: skip


@pytest.mark.parametrize(("tx", "action", "rule"), CASES)
def test_request_verdicts(tx: dict[str, Any], action: Action, rule: str | None) -> None:
    """Exits and compounding switches pay the caller's own credentials; a consolidation into
    another validator gives away the whole stake."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


def test_consolidation_gives_the_source_stake_to_the_target() -> None:
    """The give names the source validator's stake and the target validator."""
    ops = decode_evm(_tx(CONSOLIDATIONS, SOURCE + TARGET)).operations
    [give] = [op for op in ops if isinstance(op, Transfer) and op.via == "eip7251.consolidation"]
    assert give.asset.address == "0x" + SOURCE.hex()
    assert (give.sender, give.recipient, give.amount) == (OWN, "stake:0x" + TARGET.hex(), None)


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(_tx(WITHDRAWALS, SOURCE + _gwei(0)[:4]), id="short-withdrawal"),
        pytest.param(_tx(CONSOLIDATIONS, SOURCE + TARGET[:47]), id="short-consolidation"),
        pytest.param(_tx(CONSOLIDATIONS, SOURCE + TARGET + b"\x00"), id="long-consolidation"),
    ],
)
def test_malformed_requests_are_never_allowed(tx: dict[str, Any]) -> None:
    """A request of the wrong length is undecodable: never a silent ALLOW."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is not Action.ALLOW, verdict.explain()


TRUSTED = Policy.model_validate(
    {"wallet": {"evm": [OWN, SAFE]}, "allowlist": {"evm_validators": ["0x" + TARGET.hex()]}}
)
_OTHER = os.urandom(48)


@pytest.mark.parametrize(
    ("tx", "action"),
    [
        pytest.param(_tx(CONSOLIDATIONS, SOURCE + TARGET), Action.ALLOW, id="into-trusted"),
        pytest.param(_in_safe(CONSOLIDATIONS, SOURCE + TARGET), Action.ALLOW,
                     id="into-trusted-from-a-safe"),
        pytest.param(_tx(CONSOLIDATIONS, SOURCE + _OTHER), Action.BLOCK, id="into-another"),
        pytest.param(_tx(CONSOLIDATIONS, TARGET + SOURCE), Action.BLOCK,
                     id="out-of-the-trusted-one-into-another"),
    ],
)  # fmt: skip
def test_consolidation_into_an_allowlisted_validator(tx: dict[str, Any], action: Action) -> None:
    """A validator in ``evm_validators`` (own / trusted, by its BLS key) may receive a
    consolidation; any other target still gives the whole stake away."""
    verdict = Guard(TRUSTED, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()


def test_allowlisted_validator_from_the_call_context() -> None:
    """The per-call context's ``evm_validators`` trusts the target as the config would."""
    tx = _tx(CONSOLIDATIONS, SOURCE + TARGET)
    guard = Guard(POLICY, classifier=False)
    assert guard.check_transaction(tx).action is Action.BLOCK
    context = {"evm_validators": ["0x" + TARGET.hex().upper()]}
    assert guard.check_transaction(tx, context=context).action is Action.ALLOW
