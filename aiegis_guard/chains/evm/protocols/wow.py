"""WOW (Zora) bonding-curve tokens: who receives what a buy or a sell pays out.

Sources: Coop-Records/wow ``src/Wow.sol`` (``buy(address recipient, address refundRecipient,
address orderReferrer, string comment, MarketType expectedMarketType, uint256 minOrderSize,
uint160 sqrtPriceLimitX96) payable``: the ETH sent buys the token itself, at least
``minOrderSize`` of it minted (bonding curve) or swapped (its Uniswap v3 pool) to
``recipient``; on the curve the ETH past the last tokens is refunded to ``refundRecipient``;
``sell(uint256 tokensToSell, address recipient, address orderReferrer, string comment,
MarketType expectedMarketType, uint256 minPayoutSize, uint160 sqrtPriceLimitX96)``:
``tokensToSell`` of ``msg.sender``'s tokens in, the ETH payout (at least ``minPayoutSize``
before the 1 % fee) sent to ``recipient``; ``MarketType`` is an enum, ABI ``uint8``);
coinbase/agentkit ``typescript/agentkit/src/action-providers/wow/wowActionProvider.ts``
(the same argument order, recipient and refund recipient = the wallet, referrer 0).

Every WOW token is its own contract (a factory clone), so none is a known deployment: the
call stays an unknown call on that token (``callee.py``), judged by the allowlist, and what
it pays out is judged beside it. A buy or a sell is an exchange (``order = SWAP``): an output
to anyone but the own account is a swap output paid away; so is a refund to someone else.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import SWAP_ORDER, Receipt

__all__ = ["TABLE"]


def _buy(f: Frame, fn: Function, a: list[Any]) -> Result:
    recipient, refund_to, least = a[0], a[1], a[5]
    out = exchange_ops(
        f, "wow.buy", (native(), f.value), f.sender, (asset(f.target), least, recipient)
    )
    if refund_to != f.sender:  # the ETH the curve does not use, paid to another
        refund = Receipt(
            via="wow.buy_refund", asset=native(), recipient=refund_to, amount=None, order=SWAP_ORDER
        )
        out.append(refund)
    return out


def _sell(f: Frame, fn: Function, a: list[Any]) -> Result:
    tokens, recipient, least = a[0], a[1], a[5]
    give = (asset(f.target), tokens)
    return exchange_ops(f, "wow.sell", give, f.sender, (native(), least, recipient))


TABLE = (
    ("buy(address,address,address,string,uint8,uint256,uint160)", _buy),
    ("sell(uint256,address,address,string,uint8,uint256,uint160)", _sell),
)
