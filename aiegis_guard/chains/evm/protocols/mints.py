"""Mints and stakes that pay their output to a named recipient: who gets what the caller pays for.

Sources:

- ProjectOpenSea/seadrop ``src/SeaDrop.sol`` (SeaDrop 1.0, README "Deployments":
  ``0x00005EA0…4bf5``): ``mintPublic(nftContract, feeRecipient, minterIfNotPayer, quantity)
  payable``: ``quantity`` tokens of ``nftContract`` are minted to ``minterIfNotPayer`` (the
  payer, ``msg.sender``, when it is zero); the price (``msg.value``) is split between the
  creator and ``feeRecipient`` (a share of the price, not more of the payer's).
- FraxFinance/frxETH-public ``src/frxETHMinter.sol``: ``submit()`` mints frxETH 1:1 for the ETH
  sent to ``msg.sender``, ``submitAndGive(recipient)`` to ``recipient``,
  ``submitAndDeposit(recipient)`` deposits it into sfrxETH for ``recipient`` (the shares are
  computed on-chain). Mainnet minter ``0xbAFA…1138``, frxETH ``0x5E84…Aa1f``, sfrxETH
  ``0xac3E…e38F`` (cross-checked in several integrations, e.g. curvefi/curve-js
  ``src/router.ts`` "frxETH minter").
- Ethena ``StakedUSDeV2.sol`` (the audited source, code-423n4/2023-10-ethena; mainnet sUSDe
  ``0x9D39…3497``, USDe ``0x4c9E…68B3``): ``cooldownShares(shares)`` / ``cooldownAssets(assets)``
  burn the caller's sUSDe and park the USDe in the silo under the caller's own cooldown
  (nothing leaves its control); ``unstake(receiver)`` pays the caller's whole cooled-down USDe
  to ``receiver``.

Each is decoded only on its deployment (``data/evm_protocols.json``); the same selector
elsewhere is an opaque call. What is paid out is a :class:`Receipt` to its recipient: to
anyone but the caller it is the caller's output given away (``swap_recipient``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AssetKind, Receipt

__all__ = ["CONTRACTS", "TABLE"]

SEADROP = "0x00005ea00ac477b1030ce78506496e8c2de24bf5"
FRXETH_MINTER = "0xbafa44efe7901e04e39dad13167d089c559c1138"
FRXETH = "0x5e8422345238f34275888049021821e8e08caa1f"
SFRXETH = "0xac3e018457b222d93114458476f3e3416abbe38f"
SUSDE = "0x9d39a5de30e57443bff2a8307a4256c8797a3497"
CONTRACTS = frozenset({SEADROP, FRXETH_MINTER, SFRXETH, SUSDE})  # (callee.py)
USDE = "0x4c9edd5852cd905f086c759e8383e09bff1e68b3"


def _mint_public(f: Frame, fn: Function, a: list[Any]) -> Result:
    nft, _fee_recipient, minter, quantity = a
    if f.target != SEADROP or f.sender is None:
        return [named_call(f, fn, known=False, names=(nft, minter))]
    to = f.sender if minter == ZERO else minter
    nfts = asset(nft, AssetKind.NFT)
    return [Receipt(via="seadrop.mint_public", asset=nfts, recipient=to, amount=quantity)]


def _frxeth(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != FRXETH_MINTER or f.sender is None:
        return [named_call(f, fn, known=False, names=tuple(a))]
    to = a[0] if a else f.sender
    if fn.name == "submitAndDeposit":  # sfrxETH shares: their number is computed on-chain
        return [Receipt(via="frxeth.submit_and_deposit", asset=asset(SFRXETH), recipient=to,
                        amount=None)]  # fmt: skip
    return [Receipt(via=f"frxeth.{fn.name}", asset=asset(FRXETH), recipient=to, amount=f.value)]


def _cooldown(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The caller's sUSDe burnt, its USDe held for it in the silo: nothing leaves it."""
    return [named_call(f, fn, known=f.target == SUSDE and not f.value)]


def _unstake(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != SUSDE or f.sender is None:
        return [named_call(f, fn, known=False, names=(a[0],))]
    return [Receipt(via="ethena.unstake", asset=asset(USDE), recipient=a[0], amount=None)]


TABLE = (
    ("mintPublic(address,address,address,uint256)", _mint_public),
    ("submit()", _frxeth),
    ("submitAndGive(address)", _frxeth),
    ("submitAndDeposit(address)", _frxeth),
    ("cooldownShares(uint256)", _cooldown),
    ("cooldownAssets(uint256)", _cooldown),
    ("unstake(address)", _unstake),
)
