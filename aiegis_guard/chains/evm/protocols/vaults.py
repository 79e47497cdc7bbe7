"""ERC-4626 tokenized vaults: who gets the shares, who gets the assets, whose shares are burnt.

Source: EIP-4626 (``deposit(uint256 assets, address receiver)``, ``mint(uint256 shares,
address receiver)``, ``withdraw(uint256 assets, address receiver, address owner)``,
``redeem(uint256 shares, address receiver, address owner)``); OpenZeppelin
``ERC4626.sol``. A standard: recognised by selector on any contract. The underlying token
(``asset()``) is on-chain; the well-known vaults carry it in ``data/evm_protocols.json``
(``asset``). For any other vault the underlying side is written as the vault's "underlying"
(an asset without an address) and the call stays an unknown call on that vault, so a vault
the policy does not name is still judged as an unknown contract.

A deposit is an exchange (``order = SWAP``): own's assets in, the vault's shares out to
``receiver`` (the amount is computed on-chain: "all" of it; a known liquidity gauge, whose
``deposit(_value, _addr)`` has the same selector, credits ``_value`` itself: curvefi/
curve-dao-contracts ``contracts/gauges/LiquidityGaugeV2.vy``). A redemption: ``owner``'s shares
in, the assets out to ``receiver``. An output to anyone but the own account is a swap output
paid away (``swap_recipient``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import contract_label, known_gauges, vault_asset
from aiegis_guard.chains.transaction import Asset, AssetKind
from aiegis_guard.findings import Chain
from aiegis_guard.redact import mask_address

__all__ = ["TABLE", "stand_in", "underlying"]


def stand_in(what: str, contract: str) -> Asset:
    """An asset known only by its place in a contract ("coin 2 of <pool>"): no address."""
    name = contract_label(Chain.EVM, contract) or mask_address(contract)
    return Asset(chain=Chain.EVM, kind=AssetKind.UNKNOWN, symbol=f"{what} of {name}")


def underlying(vault: str) -> Asset:
    """The vault's ``asset()`` when the table knows it, else an address-less stand-in."""
    token = vault_asset(vault)
    return asset(token) if token is not None else stand_in("underlying", vault)


def _ops(
    f: Frame, fn: Function, give: tuple[Asset, int | None], payer: str | None, get: Any
) -> Result:
    out = exchange_ops(f, f"erc4626.{fn.name}", give, payer, get)
    if vault_asset(f.target) is None:  # a vault nobody named: still an unknown contract
        out.insert(0, named_call(f, fn, known=False))
    return out


def _deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``deposit(assets, receiver)``: own's assets in, shares to ``receiver``;
    ``mint(shares, receiver)``: the assets it costs (on-chain) in, ``shares`` out."""
    amount, receiver = a
    shares = asset(f.target)
    if f.target in known_gauges():  # a liquidity gauge credits its LP token 1:1
        give, got = (underlying(f.target), amount), (shares, amount, receiver)
    elif fn.name == "mint":
        give, got = (underlying(f.target), None), (shares, amount, receiver)
    else:
        give, got = (underlying(f.target), amount), (shares, None, receiver)
    return _ops(f, fn, give, f.sender, got)


def _withdraw(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``withdraw(assets, receiver, owner)`` / ``redeem(shares, receiver, owner)``: ``owner``'s
    shares burnt (own's only when the owner is the caller), the assets to ``receiver``."""
    amount, receiver, owner = a
    shares = asset(f.target)
    if fn.name == "redeem":
        give, got = (shares, amount), (underlying(f.target), None, receiver)
    else:
        give, got = (shares, None), (underlying(f.target), amount, receiver)
    return _ops(f, fn, give, owner, got)


TABLE = (
    ("deposit(uint256,address)", _deposit),
    ("mint(uint256,address)", _deposit),
    ("withdraw(uint256,address,address)", _withdraw),
    ("redeem(uint256,address,address)", _withdraw),
)
