"""Claims that mint what the caller pays for to a named receiver: thirdweb drops and Manifold
lazy claims.

Sources:

- thirdweb-dev/contracts ``contracts/extension/interface/IDrop.sol`` (``DropERC721``,
  ``DropERC20``, ``Drop.sol``): ``claim(receiver, quantity, currency, pricePerToken,
  AllowlistProof{bytes32[] proof, uint256 quantityLimitPerWallet, uint256 pricePerToken,
  address currency}, bytes data) payable`` and ``IDrop1155.sol`` (``DropERC1155``):
  ``claim(receiver, tokenId, quantity, currency, pricePerToken, AllowlistProof, data)``:
  ``quantity`` tokens of the drop are minted to ``receiver``; the price is paid by the caller
  in ``currency`` (``CurrencyTransferLib.NATIVE_TOKEN`` ``0xEeee…EEeE``: the call's ETH,
  already a transfer; any other: pulled from the caller by the drop, at most ``quantity *
  pricePerToken`` base units: a DropERC20 divides that by 10**18).
- manifoldxyz/creator-core-extensions-solidity ``contracts/manifold/lazyclaim/
  ILazyPayableClaim.sol``: ``mint(creatorContractAddress, claimIndex, mintIndex, merkleProof,
  mintFor)``, ``mintBatch(..., uint16 mintCount, mintIndices, merkleProofs, mintFor)``,
  ``mintProxy(...)`` (the same arguments; any ``mintFor``), all payable: ``mintCount`` (1 for
  ``mint``) tokens of the creator contract minted to ``mintFor``. The extensions are one
  deployment each, the same address on every chain they run on (CREATE2):
  ``ERC1155LazyPayableClaim`` ``0x26BB…02bE``, ``ERC721LazyPayableClaim`` ``0x23aA…26E4`` (as
  several integrations name them, e.g. 6529-Collections' ``MEMES_MANIFOLD_PROXY_CONTRACT``).

A drop is a contract each creator deploys: no deployment to check, so the call stays opaque
(an unknown contract, judged by the allowlist: a drop earns trust only by being allowlisted; a
stranger's contract with a friendly function name is stranger code), and beside it the tokens
minted are an output to ``receiver`` (the whole drop's token: the call does not say whether it
is an ERC-721 or an ERC-20). A Manifold claim is read only on its extension; the same selector
elsewhere is an unknown call naming what it carries. On the extension the claim is also a
payment the call does not show: ``LazyPayableClaim.sol`` ``_transferFunds`` pulls
``cost * mintCount`` of the claim's ``erc20`` from ``msg.sender`` to the claim's
``paymentReceiver``, all three set (and updatable) by the creator on-chain; so beside the
mint the claim is an opaque call of the creator contract (``known=False``): a creator nobody
vouches for is FLAGged, an allowlisted (or own) creator's claim is judged by its mint. An
output to anyone but the caller (or an allowlisted recipient) is the caller's purchase given
away (``swap_recipient``), as for SeaDrop's and Zora's mints (``mints.py``, ``zora.py``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import SWAP_ORDER, AssetKind, Receipt

__all__ = ["CONTRACTS", "TABLE"]

NATIVE_TOKEN = "0x" + "ee" * 20  # thirdweb CurrencyTransferLib.NATIVE_TOKEN
MANIFOLD_1155 = "0x26bbea7803dcac346d5f5f135b57cf2c752a02be"  # ERC1155LazyPayableClaim
MANIFOLD_721 = "0x23aa05a271debffaa3d75739af5581f744b326e4"  # ERC721LazyPayableClaim
CONTRACTS = frozenset({MANIFOLD_1155, MANIFOLD_721})  # (callee.py)


def _thirdweb(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``claim`` on a thirdweb drop (``IDrop`` 6 arguments, ``IDrop1155`` 7 with ``tokenId``)."""
    multi = len(a) == 7
    receiver, quantity, currency, price = (a[0], *a[2:5]) if multi else a[:4]
    out: Result = [named_call(f, fn, known=False)]  # the drop's code: not a deployment
    kind = AssetKind.NFT if multi else AssetKind.UNKNOWN
    minted = asset(f.target, kind)
    token_id = a[1] if multi else None
    via = "thirdweb.claim"
    if currency not in (NATIVE_TOKEN, ZERO) and price:
        out += exchange_ops(f, via, (asset(currency), quantity * price), f.sender, None)
    out.append(
        Receipt(
            via=via,
            asset=minted,
            recipient=receiver or ZERO,
            amount=quantity,
            token_id=token_id,
            order=SWAP_ORDER,
        )
    )
    return out


def _manifold(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``mint`` / ``mintBatch`` / ``mintProxy`` on a Manifold lazy-claim extension."""
    creator, mint_for = a[0], a[-1]
    if f.target not in CONTRACTS or f.sender is None:
        return [named_call(f, fn, known=False, names=(creator, mint_for))]
    count = 1 if fn.name == "mint" else a[2]
    nfts = asset(creator, AssetKind.NFT)
    via = f"manifold.{fn.name}"
    receipt = Receipt(
        via=via, asset=nfts, recipient=mint_for or ZERO, amount=count, order=SWAP_ORDER
    )
    # the claim's cost: the ERC-20, price and payee the creator set on-chain (not in the call),
    # pulled from the caller by the extension: an opaque call of the creator's (module doc)
    cost = named_call(f, fn, known=False)
    return [receipt, replace(cost, target=creator, via=via, value=0)]


_PROOF = "(bytes32[],uint256,uint256,address)"
_LAZY = "(address,uint256,uint16,uint32[],bytes32[][],address)"
TABLE = (
    (f"claim(address,uint256,address,uint256,{_PROOF},bytes)", _thirdweb),
    (f"claim(address,uint256,uint256,address,uint256,{_PROOF},bytes)", _thirdweb),
    ("mint(address,uint256,uint32,bytes32[],address)", _manifold),
    (f"mintBatch{_LAZY}", _manifold),
    (f"mintProxy{_LAZY}", _manifold),
)
