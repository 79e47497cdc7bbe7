"""Symbiotic vaults: deposits credited to ``onBehalfOf``, withdrawals claimable by ``claimer``,
claims paid to ``recipient``.

Source: symbioticfi/core ``src/interfaces/vault/v1/IVault.sol`` and ``src/contracts/vault/
Vault.sol`` (``deposit(address onBehalfOf, uint256 amount)``: ``amount`` of the collateral
pulled from ``msg.sender``, active shares minted to ``onBehalfOf``; ``withdraw(address
claimer, uint256 amount)``: the caller's active shares worth ``amount`` burnt, ``amount``
of collateral claimable by ``claimer`` after the epoch; v1.1 ``redeem(address claimer,
uint256 shares)``: the same for ``shares`` active shares; ``claim(address recipient, uint256
epoch)`` / ``claimBatch(address recipient, uint256[] epochs)``: the caller's matured
withdrawals of those epochs transferred to ``recipient``). Vault shares are no ERC-20: the
shares are an asset of the vault's address.

These selectors are common words (``deposit(address,uint256)`` is also ``deposit(token,
amount)`` on many contracts): they are read as a Symbiotic vault only on the vaults listed in
``data/evm_protocols.json`` (``protocol: Symbiotic``, ``asset``: the collateral, from
symbioticfi/metadata-mainnet); on a Compound III market of the book ``withdraw(address,
uint256)`` is Comet's ``withdraw(asset, amount)`` (``lending.py``); on any other contract the
call stays opaque.

A deposit is an exchange (``order = SWAP``): own's collateral in, the shares to
``onBehalfOf`` (a stranger credited is the deposit given away). A withdrawal to another
claimer gives the named amount (or the named shares) away; a claim to another recipient
gives all of the matured withdrawal (the withdrawal rule: explicit amount FLAG, "all" BLOCK).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.lending import comet_withdraw, is_comet
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import protocol_names, vault_asset
from aiegis_guard.chains.transaction import Asset, Receipt, Transfer

__all__ = ["TABLE"]


def _collateral(vault: str) -> str | None:
    """The collateral of a listed Symbiotic vault, else None (not a vault we know)."""
    if protocol_names(frozenset({vault})) != frozenset({"Symbiotic"}):
        return None
    return vault_asset(vault)


def _out(f: Frame, via: str, what: tuple[Asset, int | None], to: str) -> Result:
    """``what`` of the caller's paid out to ``to``: a receipt when ``to`` is the caller, else
    a give of it."""
    token, amount = what
    if to == f.sender:
        return [Receipt(via=via, asset=token, recipient=to, amount=amount)]
    return [Transfer(via=via, asset=token, sender=f.sender, recipient=to, amount=amount)]


def _vault_call(f: Frame, fn: Function, a: list[Any]) -> Result:
    if fn.name == "withdraw" and is_comet(f.target):  # Comet withdraw(asset, amount)
        return comet_withdraw(f, fn, a)
    collateral = _collateral(f.target)
    if collateral is None or f.sender is None:
        return [named_call(f, fn, known=False, names=(a[0],))]
    via = f"symbiotic.{fn.name}"
    who, amount = a[0], a[1]
    if fn.name == "deposit":
        give = (asset(collateral), amount)
        return exchange_ops(f, via, give, f.sender, (asset(f.target), None, who))
    if fn.name == "withdraw":
        return _out(f, via, (asset(collateral), amount), who)
    if fn.name == "redeem":  # the shares' worth: the shares themselves when given away
        what = (asset(collateral), None) if who == f.sender else (asset(f.target), amount)
        return _out(f, via, what, who)
    return _out(f, via, (asset(collateral), None), who)  # claim / claimBatch: all of it


TABLE = (
    ("deposit(address,uint256)", _vault_call),
    ("withdraw(address,uint256)", _vault_call),
    ("redeem(address,uint256)", _vault_call),
    ("claim(address,uint256)", _vault_call),
    ("claimBatch(address,uint256[])", _vault_call),
)
