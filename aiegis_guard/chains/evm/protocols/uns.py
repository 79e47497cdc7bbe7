"""Unstoppable Domains UNS registry: domain NFTs moved, records written.

Sources: unstoppabledomains/uns ``contracts/UNSRegistry.sol`` (an ERC-721 of the domains,
token id = namehash; ``approve`` / ``setApprovalForAll`` / ``transferFrom`` /
``safeTransferFrom`` are the standard ones, decoded as any ERC-721's; ``setOwner(address to,
uint256 tokenId)``: ``_transfer(ownerOf(tokenId), to, tokenId)`` by the owner or an approved
address; ``set`` / ``setMany`` / ``setByHash`` / ``setManyByHash`` / ``reconfigure`` /
``reset``: the domain's resolution records; ``setReverse(tokenId)`` / ``removeReverse()``: the
caller's own reverse record) and ``uns-config.json`` (``UNSRegistry`` on Ethereum, Polygon and
Sonic). On any other contract these selectors stay opaque.

Records and reverse resolution move no value and grant nobody anything over the account: a
known call (the records of a name decide where others' payments to it go, not the account's).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AssetKind, Transfer

__all__ = ["CONTRACTS", "TABLE", "UNS_REGISTRIES"]

UNS_REGISTRIES = frozenset(
    {
        "0x049aba7510f45ba5b64ea9e658e342f904db358d",  # Ethereum
        "0xa9a6a3626993d487d2dbda3173cf58ca1a9d9e9f",  # Polygon
        "0xde1dadcf11a7447c3d093e97fdbd513f488ce3b4",  # Sonic
    }
)
CONTRACTS = UNS_REGISTRIES  # what these handlers mean only here (callee.py)


def _set_owner(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``setOwner(to, tokenId)``: the domain NFT moved from its owner (the caller, or the owner
    who approved the caller) to ``to``."""
    to, token_id = a
    if f.target not in UNS_REGISTRIES:
        return [named_call(f, fn, known=False, names=(to,))]
    nft = asset(f.target, AssetKind.NFT)
    return [
        Transfer(
            via="uns.set_owner",
            asset=nft,
            sender=f.sender,
            recipient=to,
            amount=1,
            token_id=token_id,
        )
    ]


def _records(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [named_call(f, fn, known=f.target in UNS_REGISTRIES)]


TABLE = (
    ("setOwner(address,uint256)", _set_owner),
    ("set(string,string,uint256)", _records),
    ("setMany(string[],string[],uint256)", _records),
    ("setByHash(uint256,string,uint256)", _records),
    ("setManyByHash(uint256[],string[],uint256)", _records),
    ("reconfigure(string[],string[],uint256)", _records),
    ("reset(uint256)", _records),
    ("setReverse(uint256)", _records),
    ("removeReverse()", _records),
)
