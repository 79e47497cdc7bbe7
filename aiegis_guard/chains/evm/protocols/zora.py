"""Zora Creator 1155 mints: who receives the minted tokens.

Sources: ourzora/zora-protocol ``packages/1155-contracts/src/nft/ZoraCreator1155Impl.sol``
(``mint(IMinter1155 minter, uint256 tokenId, uint256 quantity, address[] rewardsRecipients,
bytes minterArguments)``; earlier versions ``mintWithRewards(IMinter1155, uint256, uint256,
bytes minterArguments, address mintReferral)``; their ``mint(IMinter1155, uint256, uint256,
bytes)`` shares its selector with the common ERC-1155 ``mint(to, id, amount, data)`` and is
left undecoded): the ETH sent pays the mint fee and the sale price, and the collection runs
the commands ``minter.requestMint(...)`` returns; ``packages/1155-contracts/src/minters/
fixed-price/ZoraCreatorFixedPriceSaleStrategy.sol`` (``requestMint``: ``minterArguments`` is
``abi.encode(address mintTo)`` (32 bytes) or ``abi.encode(address mintTo, string comment)``;
the command mints ``quantity`` of ``tokenId`` to ``mintTo``); the strategy's deployments from
``packages/1155-deployments/addresses/{1,8453,7777777,10,42161}.json``
(``FIXED_PRICE_SALE_STRATEGY``).

A collection is any contract (each creator deploys one): its code is not a known deployment,
so the call stays opaque (an unknown contract judged by the allowlist), and with the fixed-price
strategy as the minter the tokens minted are an output to ``mintTo`` (a stranger receiving what
the own account pays for is a redirected output). Another minter's arguments are not read.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import SWAP_ORDER, AssetKind, Receipt

__all__ = ["FIXED_PRICE_SALE_STRATEGIES", "TABLE"]

FIXED_PRICE_SALE_STRATEGIES = frozenset(
    {
        "0x04e2516a2c207e84a1839755675dfd8ef6302f0a",  # Ethereum, Base, Zora Network
        "0x3678862f04290e565cca2ef163baeb92bb76790c",  # Optimism
        "0x1cd1c1f3b8b779b50db23155f2cb244fcca06b21",  # Arbitrum One
    }
)


def _mint_to(minter_arguments: bytes) -> str | None:
    """The fixed-price strategy's ``mintTo``: the first word of its arguments (32 bytes, or
    the head of ``(address, string)``); None when that word is no address."""
    if len(minter_arguments) < 32 or any(minter_arguments[:12]):
        return None
    return "0x" + minter_arguments[12:32].hex()


def _mint(f: Frame, fn: Function, a: list[Any]) -> Result:
    minter, token_id, quantity = a[0], a[1], a[2]
    arguments: bytes = a[-1] if isinstance(a[-1], bytes) else a[3]
    mint_to = _mint_to(arguments)
    if minter not in FIXED_PRICE_SALE_STRATEGIES or mint_to is None:  # a recipient unplaced
        rewards = tuple(a[3]) if isinstance(a[3], list) else (a[-1],)
        named = (minter, *rewards, *([mint_to] if mint_to else []))
        return [named_call(f, fn, known=False, names=named)]
    out: Result = [named_call(f, fn, known=False)]  # the collection's code: not a deployment
    nft = asset(f.target, AssetKind.NFT)
    via = f"zora.{fn.name}"
    out.append(
        Receipt(
            via=via,
            asset=nft,
            recipient=mint_to,
            amount=quantity,
            token_id=token_id,
            order=SWAP_ORDER,
        )
    )
    return out


TABLE = (
    ("mint(address,uint256,uint256,address[],bytes)", _mint),
    ("mintWithRewards(address,uint256,uint256,bytes,address)", _mint),
)
