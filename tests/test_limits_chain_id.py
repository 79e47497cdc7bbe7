"""``[[limits]]`` scoped by EVM chain id (review17 L5).

An entry with ``chain_id`` holds only that chain, with its own budget (``evm:137:native``); an
entry without one covers every chain with one budget (as before). Once an asset's entries all
name chain ids, a move on a chain none names is held to zero: a POL-sized limit never admits
ETH on mainnet. Real eth-account signatures through ``GuardedAccount``.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.config import parse_config
from aiegis_guard.errors import ConfigError, GuardBlocked
from aiegis_guard.signers.evm_account import GuardedAccount

FRIEND = "0x" + "44" * 20
ETH = 10**18
POL = {"chain": "evm", "asset": "native", "symbol": "POL", "decimals": 18, "per_tx": "100",
       "per_period": "100", "chain_id": 137}  # fmt: skip
ETH_1 = {"chain": "evm", "asset": "native", "symbol": "ETH", "decimals": 18, "per_tx": "1",
         "per_period": "1", "chain_id": 1}  # fmt: skip
WIDE = {"chain": "evm", "asset": "native", "symbol": "ETH", "decimals": 18, "per_tx": "2",
        "per_period": "2"}  # fmt: skip


def _signer(*limits: dict[str, Any]) -> GuardedAccount:
    config = {"allowlist": {"evm": [FRIEND]}, "ledger": {"backend": "memory"}, "limits": limits}
    guard = Guard(parse_config(config), classifier=False)
    return GuardedAccount(Account.create(), guard=guard)  # generated, never funded


def _pay(signer: GuardedAccount, chain_id: Any, value: int, nonce: int = 0) -> None:
    signer.sign_transaction(
        {
            "to": FRIEND,
            "value": value,
            "gas": 21000,
            "nonce": nonce,
            "chainId": chain_id,
            "maxFeePerGas": 10**9,
            "maxPriorityFeePerGas": 1,
        }
    )


@pytest.mark.parametrize("chain_id", [1, "0x1", 42161, 10])
def test_chain_scoped_limit_never_admits_another_chain(chain_id: Any) -> None:
    """A limit written for Polygon: 99 native units on any other chain are refused."""
    signer = _signer(POL)
    with pytest.raises(GuardBlocked) as info:
        _pay(signer, chain_id, 99 * ETH)
    assert "tx.evm.over_limit" in info.value.verdict.rule_ids
    _pay(signer, 137, 99 * ETH)  # on its own chain it holds as written


def test_each_chain_has_its_own_budget_and_the_wide_entry_covers_the_rest() -> None:
    """Per-chain budgets are separate; a chain with no entry of its own takes the wide one."""
    signer = _signer(POL, ETH_1, WIDE)
    _pay(signer, 137, 60 * ETH)
    _pay(signer, 1, ETH)
    _pay(signer, 10, 2 * ETH)
    with pytest.raises(GuardBlocked):
        _pay(signer, 1, 1, nonce=1)  # mainnet's 1 ETH is spent
    with pytest.raises(GuardBlocked):
        _pay(signer, 8453, 1, nonce=1)  # Base shares the wide budget with Optimism
    _pay(signer, 137, 40 * ETH, nonce=1)
    ledger = signer.guard.ledger
    spent = {k: ledger.spent(k, 86400) for k in ("evm:137:native", "evm:1:native", "evm:native")}
    assert spent == {"evm:137:native": 100 * ETH, "evm:1:native": ETH, "evm:native": 2 * ETH}


def test_chain_id_is_evm_only() -> None:
    """A Solana limit has no chain id: the config says which key is wrong."""
    bad = {"chain": "solana", "asset": "native", "decimals": 9, "per_tx": "1", "chain_id": 1}
    with pytest.raises(ConfigError, match="limits"):
        parse_config({"limits": [bad]})
