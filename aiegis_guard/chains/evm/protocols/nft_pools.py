"""Sudoswap pairs (LSSVM v1 and v2): NFTs for tokens and back, and who receives the output.

Source: sudoswap/lssvm2 ``src/LSSVMPair.sol`` (``swapTokenForSpecificNFTs(nftIds,
maxExpectedTokenInput, nftRecipient, isRouter, routerCaller)`` (payable: the ETH pair takes
the call's value, an ERC-20 pair pulls at most ``maxExpectedTokenInput`` of its token),
``swapNFTsForToken(nftIds, minExpectedTokenOutput, tokenRecipient, isRouter,
routerCaller)``); sudoswap/lssvm ``src/LSSVMPair.sol`` (v1, the same two plus
``swapTokenForAnyNFTs(numNFTs, maxExpectedTokenInput, nftRecipient, isRouter,
routerCaller)``). The pair's collection (``nft()``) and token are read on-chain: stand-ins
named after the pair.

A trade is an exchange of the caller (``order = SWAP``): buying pays the token in and sends
the NFTs to ``nftRecipient``; selling gives the NFTs to the pair and sends at least
``minExpectedTokenOutput`` to ``tokenRecipient`` (to anyone but own: ``swap_recipient``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.protocols.swaps import SWAP, exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.known import contract_label
from aiegis_guard.chains.transaction import Asset, AssetKind, Receipt, Transfer
from aiegis_guard.findings import Chain
from aiegis_guard.redact import mask_address

__all__ = ["TABLE"]


def _collection(pair: str) -> Asset:
    name = contract_label(Chain.EVM, pair) or mask_address(pair)
    return Asset(chain=Chain.EVM, kind=AssetKind.NFT, symbol=f"NFT of {name}")


def _pay(f: Frame, maximum: int) -> tuple[Asset | None, int | None]:
    """What buying costs: the call's ETH (already a transfer) or the pair's ERC-20 token."""
    return (None, None) if f.value else (stand_in("token", f.target), maximum)


def _buy_specific(f: Frame, fn: Function, a: list[Any]) -> Result:
    ids, maximum, recipient = a[:3]
    via = "sudoswap.swap_token_for_specific_nfts"
    out = exchange_ops(f, via, _pay(f, maximum), f.sender, None)
    nft = _collection(f.target)
    for token_id in ids:
        out.append(
            Receipt(
                via=via, asset=nft, recipient=recipient, amount=1, token_id=token_id, order=SWAP
            )
        )
    return out


def _buy_any(f: Frame, fn: Function, a: list[Any]) -> Result:
    count, maximum, recipient = a[:3]
    via = "sudoswap.swap_token_for_any_nfts"
    return exchange_ops(
        f, via, _pay(f, maximum), f.sender, (_collection(f.target), count, recipient)
    )


def _sell(f: Frame, fn: Function, a: list[Any]) -> Result:
    ids, minimum, recipient = a[:3]
    via = "sudoswap.swap_nfts_for_token"
    nft = _collection(f.target)
    out: Result = [
        Transfer(
            via=via,
            asset=nft,
            sender=f.sender,
            recipient=f.target,
            amount=1,
            token_id=token_id,
            order=SWAP,
        )
        for token_id in ids
    ]
    return out + exchange_ops(
        f, via, (None, None), f.sender, (stand_in("token", f.target), minimum, recipient)
    )


TABLE = (
    ("swapTokenForSpecificNFTs(uint256[],uint256,address,bool,address)", _buy_specific),
    ("swapTokenForAnyNFTs(uint256,uint256,address,bool,address)", _buy_any),
    ("swapNFTsForToken(uint256[],uint256,address,bool,address)", _sell),
)
