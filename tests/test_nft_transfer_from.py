"""``transferFrom(from, to, id)`` on a well-known ERC-721 moves that one NFT (EIP-721); on an
unknown contract the same selector stays ERC-20-or-ERC-721.

Collections from ``data/evm_protocols.json`` (BAYC; Lido's WithdrawalQueueERC721, lidofinance
``WithdrawalQueueERC721.sol``: each withdrawal request is an ERC-721). Wallets are generated.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AssetKind, Transfer
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.evm_builders import call

BAYC = "0xbc4ca0eda7647a8ab7c2061c2e118a18a936f13d"
UNSTETH = "0x889edc2edab5f40e902b864ad4d7ade8e412f9b1"
OWN = Account.create().address.lower()
COLD = Account.create().address.lower()
STRANGER = Account.create().address.lower()
UNKNOWN = Account.create().address.lower()
MOVE = "transferFrom(address,address,uint256)"


def _tx(token: str, to: str, token_id: int) -> dict[str, Any]:
    data = call(MOVE, OWN, to, token_id)
    return {"from": OWN, "to": token, "value": 0, "data": "0x" + data.hex(), "chainId": 1}


@pytest.mark.parametrize(
    ("token", "kind", "amount", "token_id"),
    [
        pytest.param(BAYC, AssetKind.NFT, 1, 48215, id="bayc"),
        pytest.param(UNSTETH, AssetKind.NFT, 1, 48215, id="lido-withdrawal-nft"),
        pytest.param(UNKNOWN, AssetKind.UNKNOWN, 48215, None, id="unknown-contract"),
    ],
)
def test_transfer_from_reads_the_token_id_on_known_collections(
    token: str, kind: AssetKind, amount: int, token_id: int | None
) -> None:
    """On a known ERC-721 the third word is a token id, not an amount."""
    [op] = [
        o for o in decode_evm(_tx(token, STRANGER, 48215)).operations if isinstance(o, Transfer)
    ]
    assert (op.asset.kind, op.amount, op.token_id, op.recipient) == (
        kind,
        amount,
        token_id,
        STRANGER,
    )


@pytest.mark.parametrize(
    ("to", "action"),
    [pytest.param(COLD, Action.ALLOW, id="to-allowlisted"),
     pytest.param(STRANGER, Action.FLAG, id="to-stranger")],
)  # fmt: skip
def test_withdrawal_nft_transfer_verdicts(to: str, action: Action) -> None:
    """One withdrawal NFT to a stranger is an explicit give (FLAG); to own's cold wallet ALLOW."""
    policy = Policy.model_validate({"allowlist": {"evm": [COLD]}})
    verdict = Guard(policy, classifier=False).check_transaction(_tx(UNSTETH, to, 7))
    assert verdict.action is action, verdict.explain()
