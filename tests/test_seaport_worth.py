"""What an order returns must be worth something: the junk-token bid, the listing for a junk
NFT, a one-value token returned at a fraction (review11 F1), symmetric with the bid for an
NFT nobody vouches for (``effect_rules._unvalued``).

Sources: ProjectOpenSea/seaport ``contracts/lib/ConsiderationStructs.sol`` (``OrderComponents``,
``OfferItem``, ``ConsiderationItem``; item types 0 ETH, 1 ERC-20, 2 ERC-721, 3 ERC-1155) and
``lib/BasicOrderFulfiller.sol`` (route 4 ERC721_TO_ERC20). The pegs and well-known tokens are
``data/evm_protocols.json``'s; the junk token / collection and the seller are generated keys.
"""

from __future__ import annotations

from typing import Any

import pytest
from eth_account import Account

from aiegis_guard import Guard
from aiegis_guard.findings import Action
from aiegis_guard.policy import Policy
from tests.test_hidden_gives import AZUKI, BAYC, FINNEY, SAFE, SHARED, ZERO, _order
from tests.test_seaport_basic import _params, _tx

JUNK = Account.create().address.lower()  # the attacker's token / collection (no lookalike)
WETH = "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"
USDC = "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48"
USDT = "0xdac17f958d2ee523a2206206994597c13d831ec7"
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
CTF = "0x4d97dcd97ec945f40cf65f87097ace5ea0476045"  # Polymarket positions: 10**6 units a share
USDC_E = "0x2791bca1f2de4661ed88a30c99a7a9449aa84174"  # Polygon USDC.e, the CTF collateral
ETH = 10**18
CONTEXT = {"own_evm": [SAFE]}


def _listing(offer: list[tuple[int, str, int]], back: list[tuple[int, str, int]]) -> dict[str, Any]:
    """A signed OrderComponents (offerer = own) whose consideration ``back`` all goes to own."""
    typed = _order(offer, [])
    typed["message"]["consideration"] = [
        {"itemType": kind, "token": token, "identifierOrCriteria": "1", "startAmount": str(n),
         "endAmount": str(n), "recipient": SAFE}
        for kind, token, n in back
    ]  # fmt: skip
    return typed


LISTINGS = [
    # the return is worth nothing anyone can establish
    pytest.param([(2, AZUKI, 1)], [(1, JUNK, 10**30)], Action.BLOCK, id="azuki-for-junk-token"),
    pytest.param([(2, AZUKI, 1)], [(2, JUNK, 1)], Action.BLOCK, id="azuki-for-junk-nft"),
    pytest.param([(2, BAYC, 1), (2, AZUKI, 1)], [(3, JUNK, 5)], Action.BLOCK,
                 id="two-nfts-for-junk-1155"),
    # one-value tokens back at less than half
    pytest.param([(1, WETH, 100 * ETH)], [(0, ZERO, 2 * FINNEY)], Action.BLOCK,
                 id="100-weth-for-0.002-eth"),
    pytest.param([(2, AZUKI, 1), (1, WETH, 100 * ETH)], [(0, ZERO, 11 * FINNEY // 10)],
                 Action.BLOCK, id="azuki-and-100-weth-for-0.0011-eth"),
    pytest.param([(1, USDC, 10_000 * 10**6)], [(1, DAI, 4_000 * ETH)], Action.BLOCK,
                 id="10k-usdc-for-4k-dai"),
    # ERC-1155 units count in the per-NFT floor
    pytest.param([(3, SHARED, 1000)], [(0, ZERO, FINNEY)], Action.BLOCK,
                 id="1000-copies-for-0.001-eth"),
    pytest.param([(3, CTF, 1000 * 10**6)], [(1, USDC_E, 1)], Action.BLOCK,
                 id="1000-shares-for-1-base-unit"),
    # fair returns, and returns in what the policy or the table vouches for
    pytest.param([(3, CTF, 1000 * 10**6)], [(1, USDC_E, 910 * 10**6)], Action.ALLOW,
                 id="1000-shares-for-910-usdc-e"),
    pytest.param([(3, SHARED, 1000)], [(0, ZERO, 2 * ETH)], Action.ALLOW,
                 id="1000-copies-for-2-eth"),
    pytest.param([(1, WETH, 100 * ETH)], [(0, ZERO, 99 * ETH)], Action.ALLOW,
                 id="100-weth-for-99-eth"),
    pytest.param([(1, USDC, 10_000 * 10**6)], [(1, USDT, 9_990 * 10**6)], Action.ALLOW,
                 id="usdc-for-usdt-at-par"),
    pytest.param([(1, USDC, 10_000 * 10**6)], [(1, DAI, 9_990 * ETH)], Action.ALLOW,
                 id="usdc-for-dai-at-par"),
    pytest.param([(1, USDC, 3_000 * 10**6)], [(1, WETH, ETH)], Action.ALLOW,
                 id="usdc-for-weth-another-peg"),
    pytest.param([(2, AZUKI, 1)], [(1, USDC, 9_000 * 10**6)], Action.ALLOW, id="azuki-for-usdc"),
    pytest.param([(2, AZUKI, 1)], [(2, BAYC, 1)], Action.ALLOW, id="azuki-for-bayc"),
    pytest.param([(2, AZUKI, 1)], [(0, ZERO, 10 * ETH)], Action.ALLOW, id="azuki-for-10-eth"),
    # money for a token nobody names: maybe a purchase, maybe the attacker's own token (FLAG)
    pytest.param([(1, WETH, 5 * ETH)], [(1, JUNK, 10**24)], Action.FLAG,
                 id="weth-for-a-token-nobody-names"),
    pytest.param([(1, WETH, 100)], [(1, JUNK, 10**24)], Action.ALLOW,
                 id="dust-weth-for-a-token"),
]  # fmt: skip


@pytest.mark.parametrize(("offer", "back", "action"), LISTINGS)
def test_listing_returns(
    offer: list[tuple[int, str, int]], back: list[tuple[int, str, int]], action: Action
) -> None:
    """An order giving value for nothing anyone vouches for, or for a fraction of the same
    value, gives it away (BLOCK order_gives_away); money for a token nobody vouches for
    flags (order_unvalued); fair or vouched returns are allowed."""
    verdict = Guard(Policy(), classifier=False).check_typed_data(
        _listing(offer, back), context=CONTEXT
    )
    assert verdict.action is action, verdict.explain()
    if action is Action.BLOCK:
        assert "tx.evm.order_gives_away" in verdict.rule_ids
    if action is Action.FLAG:
        assert "tx.evm.order_unvalued" in verdict.rule_ids


def test_allowlisted_token_is_vouched_for() -> None:
    """A token the policy names is worth what the signer agreed: ALLOW stays ALLOW."""
    policy = Policy.model_validate({"allowlist": {"evm_spenders": [JUNK]}})
    verdict = Guard(policy, classifier=False).check_typed_data(
        _listing([(2, AZUKI, 1)], [(1, JUNK, 10**24)]), context=CONTEXT
    )
    assert verdict.action is Action.ALLOW, verdict.explain()


@pytest.mark.parametrize(
    ("token", "action"),
    [
        pytest.param(JUNK, Action.BLOCK, id="junk-token-blocks"),
        pytest.param(WETH, Action.ALLOW, id="weth-allows"),
    ],
)
def test_accepted_bid_paid_in_a_token(token: str, action: Action) -> None:
    """``fulfillBasicOrder`` route 4: the caller's Azuki for the offerer's ERC-20."""
    sell = _params((AZUKI, 7730, 1), (token, 0, 8 * ETH), 16, 0)
    verdict = Guard(Policy(), classifier=False).check_transaction(_tx(sell))
    assert verdict.action is action, verdict.explain()
