"""Mints and stakes paying their output to a named recipient: SeaDrop ``mintPublic``, Frax
frxETHMinter ``submit*``, Ethena sUSDe ``cooldown*`` / ``unstake``.

Sources: ProjectOpenSea/seadrop ``src/SeaDrop.sol`` (``minterIfNotPayer``: zero = the payer);
FraxFinance/frxETH-public ``src/frxETHMinter.sol``; Ethena ``StakedUSDeV2.sol``
(code-423n4/2023-10-ethena). Deployed addresses as in ``data/evm_protocols.json``; payers,
recipients and the drop contract are generated keys (never funded).
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call

SEADROP = "0x00005ea00ac477b1030ce78506496e8c2de24bf5"
MINTER = "0xbafa44efe7901e04e39dad13167d089c559c1138"
SUSDE = "0x9d39a5de30e57443bff2a8307a4256c8797a3497"
OPENSEA_FEE = "0x0000a26b00c1f0df003000390027140000faa719"
OWN = Account.create().address.lower()
STRANGER = Account.create().address.lower()
COLD = Account.create().address.lower()  # own's allowlisted cold wallet
DROP = Account.create().address.lower()  # an NFT drop contract
ZERO = "0x" + "00" * 20
ETH = 10**18
POLICY = Policy.model_validate({"allowlist": {"evm": [COLD]}})
# paying a minter for an output to someone else (even an allowlisted cold wallet) is a payment
# nothing comes back for unless the minter itself is named (``paid_into``: as for WETH / Lido)
NAMED = Policy.model_validate({"allowlist": {"evm": [COLD, SEADROP, MINTER]}})
MINT = "mintPublic(address,address,address,uint256)"


def _tx(to: str, data: bytes, value: int = 0) -> dict[str, Any]:
    return {"from": OWN, "to": to, "value": value, "data": "0x" + data.hex(), "chainId": 1}


CASES = [
    # the price goes to the drop's payout / fee recipient (chosen by whoever deployed the
    # drop): a payment to a stranger unless the policy names SeaDrop (``NAMED`` below)
    pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, ZERO, 2), ETH // 10), Action.FLAG,
                 "tx.evm.unknown_recipient", id="seadrop-mint-to-payer-pays-unnamed-drop"),
    pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, OWN, 1), 9 * ETH), Action.FLAG,
                 "tx.evm.unknown_recipient", id="seadrop-mint-to-own-pays-unnamed-drop"),
    pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, COLD, 1), ETH // 20), Action.FLAG,
                 "tx.evm.unknown_recipient", id="seadrop-mint-to-allowlisted-pays-unnamed-drop"),
    pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, STRANGER, 5), ETH // 4),
                 Action.BLOCK, "tx.evm.swap_recipient", id="seadrop-mint-for-a-stranger-blocks"),
    pytest.param(_tx(STRANGER, call(MINT, DROP, OPENSEA_FEE, ZERO, 2), ETH // 10), Action.FLAG,
                 "tx.evm.unknown_call", id="mintpublic-elsewhere-is-opaque"),
    pytest.param(_tx(MINTER, call("submit()"), ETH), Action.ALLOW, None,
                 id="frxeth-submit-allows"),
    pytest.param(_tx(MINTER, call("submitAndDeposit(address)", OWN), 3 * ETH), Action.ALLOW,
                 None, id="frxeth-stake-for-own-allows"),
    pytest.param(_tx(MINTER, call("submitAndDeposit(address)", STRANGER), 3 * ETH),
                 Action.BLOCK, "tx.evm.swap_recipient", id="frxeth-stake-for-a-stranger-blocks"),
    pytest.param(_tx(MINTER, call("submitAndGive(address)", STRANGER), 8 * ETH), Action.BLOCK,
                 "tx.evm.swap_recipient", id="frxeth-give-to-a-stranger-blocks"),
    pytest.param(_tx(MINTER, call("submitAndGive(address)", COLD), ETH), Action.FLAG,
                 "tx.evm.unknown_recipient", id="frxeth-give-to-allowlisted-pays-unnamed-minter"),
    pytest.param(_tx(SUSDE, call("cooldownShares(uint256)", 12_000 * ETH)), Action.ALLOW, None,
                 id="susde-cooldown-allows"),
    pytest.param(_tx(SUSDE, call("unstake(address)", OWN)), Action.ALLOW, None,
                 id="susde-unstake-to-own-allows"),
    pytest.param(_tx(SUSDE, call("unstake(address)", STRANGER)), Action.BLOCK,
                 "tx.evm.swap_recipient", id="susde-unstake-to-a-stranger-blocks"),
    pytest.param(_tx(STRANGER, call("unstake(address)", OWN)), Action.FLAG,
                 "tx.evm.unknown_call", id="unstake-elsewhere-is-opaque"),
]  # fmt: skip


@pytest.mark.parametrize(("tx", "action", "rule"), CASES)
def test_mint_and_stake_recipients(tx: dict[str, Any], action: Action, rule: str | None) -> None:
    """What the caller pays for goes to the caller / allowlisted (ALLOW) or elsewhere (BLOCK)."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()
    if rule:
        assert rule in verdict.rule_ids


@pytest.mark.parametrize(
    ("tx", "action"),
    [
        pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, COLD, 1), ETH // 20), Action.ALLOW,
                     id="seadrop-mint-to-allowlisted"),
        pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, ZERO, 2), ETH // 10), Action.ALLOW,
                     id="seadrop-mint-to-payer"),
        pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, OWN, 1), ETH // 20), Action.ALLOW,
                     id="seadrop-mint-to-own-named"),
        pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, STRANGER, 1), ETH // 20),
                     Action.BLOCK, id="seadrop-mint-for-a-stranger"),
        pytest.param(_tx(MINTER, call("submitAndGive(address)", COLD), ETH), Action.ALLOW,
                     id="frxeth-give-to-allowlisted"),
        pytest.param(_tx(MINTER, call("submitAndGive(address)", STRANGER), ETH), Action.BLOCK,
                     id="frxeth-give-to-a-stranger"),
    ],
)  # fmt: skip
def test_named_minters_pay_allowlisted_recipients(tx: dict[str, Any], action: Action) -> None:
    """With the minter named by the policy, an output to an allowlisted wallet is allowed."""
    verdict = Guard(NAMED, classifier=False).check_transaction(tx)
    assert verdict.action is action, verdict.explain()


@pytest.mark.parametrize(
    "tx",
    [
        pytest.param(_tx(SEADROP, call(MINT, DROP, OPENSEA_FEE, ZERO, 2)[:70], ETH), id="mint"),
        pytest.param(_tx(MINTER, call("submitAndGive(address)", OWN)[:20], ETH), id="give"),
        pytest.param(_tx(SUSDE, call("unstake(address)", OWN)[:10]), id="unstake"),
    ],
)
def test_truncated_calls_are_never_allowed(tx: dict[str, Any]) -> None:
    """Calldata cut short is undecodable: never a silent ALLOW."""
    verdict = Guard(POLICY, classifier=False).check_transaction(tx)
    assert verdict.action is not Action.ALLOW, verdict.explain()
