"""Maker (MCD) vaults: who may operate a vault, who owns it, where its collateral and DAI go.

Sources: makerdao/dss-cdp-manager ``src/DssCdpManager.sol`` (the deployed manager's interface,
as DSS proxy actions and DeFi Saver / Instadapp call it: ``open(bytes32 ilk, address usr)``,
``give(uint cdp, address dst)``, ``cdpAllow(uint cdp, address usr, uint ok)``, ``urnAllow(
address usr, uint ok)``, ``frob(uint cdp, int dink, int dart)``, ``flux(uint cdp, address dst,
uint wad)``, ``flux(bytes32 ilk, uint cdp, address dst, uint wad)``, ``move(uint cdp, address
dst, uint rad)``, ``quit(uint cdp, address dst)``, ``enter(address src, uint cdp)``, ``shift(uint
cdpSrc, uint cdpDst)``) and makerdao/dss ``src/vat.sol`` (``hope(usr)`` / ``nope(usr)``: ``can[
msg.sender][usr]``, who may move the caller's internal DAI and collateral; ``move(src, dst,
rad)``, ``flux(ilk, src, dst, wad)``). Deployments (Ethereum): CDP manager ``0x5ef30b99…5E39``,
Vat ``0x35D1b3F3…492B`` (DSS proxy actions / DeFi Saver ``MANAGER_ADDRESS`` / ``VAT_ADDRESS``).

- Only at the book's deployments (the manager's functions at the manager, the Vat's at the
  Vat): the same selector on another contract runs that contract's code, an unknown call
  naming the addresses it carries (review25t F7; as ``crosschain.bridges_only``).
- ``cdpAllow(cdp, usr, 1)``: ``usr`` may ``frob`` / ``flux`` / ``move`` / ``quit`` the vault
  (withdraw its collateral, draw DAI, send either anywhere): a ``manager`` authority; any
  other ``ok`` takes it back (``cdpAllowed``: ``cdpCan[owner][cdp][sender] == 1``; review25t
  F10; the same for ``urnAllow`` / ``urnCan``). ``urnAllow(usr, 1)``: ``usr`` may ``enter``
  the caller's urn into a vault
  (its own) or ``quit`` a vault into it: the same power over the caller's direct position.
- ``give(cdp, dst)``: the vault (its collateral and its debt) becomes ``dst``'s: ``owner``.
- ``flux`` / ``move`` to another address: the vault's collateral (``wad``, in the Vat's
  ledger) or its internal DAI (``rad``, 45 decimals; DaiJoin exits it 1:1 as DAI, so it is
  given as ``rad / 10**27`` DAI) given to it; ``quit(cdp, dst)``: the
  whole position moved into ``dst``'s urn (``dst`` owns it there).
- ``enter(src, cdp)`` / ``shift(cdpSrc, cdpDst)`` move a whole position (collateral and debt)
  into vault ``cdp`` / ``cdpDst``, any vault whose owner ran ``cdpAllow(cdp, caller, 1)``: its
  owner is not in the request, so the call names that vault's owner as a party nobody vouches
  for (``vault:<id>``): FLAG even on the allowlisted manager (review25t F2).
- Vat ``hope(usr)``: ``manager`` of the caller's Vat balances; ``nope`` takes it back; Vat
  ``move`` / ``flux`` from the caller to another: a give of that internal balance.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Transfer

__all__ = ["CONTRACTS", "TABLE"]

CDP_MANAGER = "0x5ef30b9986345249bc32d8928b7ee64de9435e39"
VAT = "0x35d1b3f3d7966a1dfe207aa4514c12a259a0492b"
CONTRACTS = frozenset({CDP_MANAGER, VAT})
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"  # what MCD DaiJoin exits
_RAY = 10**27  # rad = wad * ray (dss: ``dai`` balances in rad)


def _cdp_allow(f: Frame, fn: Function, a: list[Any]) -> Result:
    cdp, usr, ok = a
    if ok != 1:
        return [named_call(f, fn)]
    return [authority(f, "maker.cdp_allow", f"manager of vault {cdp}", usr)]


def _urn_allow(f: Frame, fn: Function, a: list[Any]) -> Result:
    usr, ok = a
    if ok != 1:
        return [named_call(f, fn)]
    return [authority(f, "maker.urn_allow", "manager of the caller's urn (enter / quit)", usr)]


def _give(f: Frame, fn: Function, a: list[Any]) -> Result:
    cdp, dst = a
    return [authority(f, "maker.give", f"owner of vault {cdp} (its collateral and debt)", dst)]


def _internal(f: Frame, via: str, src: str | None, dst: str, amount: int) -> Result:
    """``amount`` of a Vat balance (collateral ``wad`` / DAI ``rad``) from ``src`` to ``dst``."""
    if dst == src:
        return []
    return [Transfer(via=via, asset=asset(VAT), sender=src, recipient=dst, amount=amount)]


def _flux(f: Frame, fn: Function, a: list[Any]) -> Result:
    dst, wad = a[-2], a[-1]
    return [named_call(f, fn), *_internal(f, "maker.flux", f.sender, dst, wad)]


def _move(f: Frame, fn: Function, a: list[Any]) -> Result:
    _cdp, dst, rad = a
    return [named_call(f, fn), *_dai(f, "maker.move", f.sender, dst, rad)]


def _dai(f: Frame, via: str, src: str | None, dst: str, rad: int) -> Result:
    """Internal DAI (``rad``: 45 decimals), which DaiJoin exits 1:1 as DAI: given as DAI
    (18 decimals), so a limit on DAI reads it."""
    if dst == src:
        return []
    wad = rad // _RAY
    return [Transfer(via=via, asset=asset(DAI), sender=src, recipient=dst, amount=wad)]


def _quit(f: Frame, fn: Function, a: list[Any]) -> Result:
    cdp, dst = a
    if dst == f.sender:
        return [named_call(f, fn)]
    return [authority(f, "maker.quit", f"owner of vault {cdp}'s collateral and debt (quit)", dst)]


def _own_vault(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``open`` (an empty vault) / ``frob`` (the vault's own urn): nobody else gains."""
    return [named_call(f, fn)]


def _unplaced(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``enter`` / ``shift``: a position moved into vault ``a[-1]``, whose owner the request
    does not name: an opaque call naming that owner (``vault:<id>``), never vouched for."""
    return [named_call(f, fn, known=False, names=(f"vault:{a[-1]}",))]


def _hope(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [authority(f, "maker.vat_hope", "manager of the caller's Vat DAI and collateral", a[0])]


def _vat_move(f: Frame, fn: Function, a: list[Any]) -> Result:
    src, dst, rad = a
    return [named_call(f, fn), *_dai(f, "maker.vat_move", src, dst, rad)]


def _vat_flux(f: Frame, fn: Function, a: list[Any]) -> Result:
    _ilk, src, dst, wad = a
    return [named_call(f, fn), *_internal(f, "maker.vat_flux", src, dst, wad)]


_Handler = Callable[[Frame, Function, list[Any]], Result]


def _only_at(contract: str) -> Callable[[_Handler], _Handler]:
    """``handler`` at ``contract`` (the book's deployment); elsewhere the same selector runs
    another contract's code: an unknown call naming the addresses it carries."""

    def bind(handler: _Handler) -> _Handler:
        @wraps(handler)  # the registry keys handlers by name
        def decode(f: Frame, fn: Function, a: list[Any]) -> Result:
            if f.target != contract:
                names = tuple(x for x in a if isinstance(x, str) and x.startswith("0x"))
                return [named_call(f, fn, known=False, names=names)]
            return handler(f, fn, a)

        return decode

    return bind


_manager, _vat = _only_at(CDP_MANAGER), _only_at(VAT)

TABLE = (
    ("cdpAllow(uint256,address,uint256)", _manager(_cdp_allow)),
    ("urnAllow(address,uint256)", _manager(_urn_allow)),
    ("give(uint256,address)", _manager(_give)),
    ("flux(uint256,address,uint256)", _manager(_flux)),
    ("flux(bytes32,uint256,address,uint256)", _manager(_flux)),
    ("move(uint256,address,uint256)", _manager(_move)),
    ("quit(uint256,address)", _manager(_quit)),
    ("open(bytes32,address)", _manager(_own_vault)),
    ("frob(uint256,int256,int256)", _manager(_own_vault)),
    ("enter(address,uint256)", _manager(_unplaced)),
    ("shift(uint256,uint256)", _manager(_unplaced)),
    ("hope(address)", _vat(_hope)),
    ("nope(address)", _vat(_own_vault)),
    ("move(address,address,uint256)", _vat(_vat_move)),
    ("flux(bytes32,address,address,uint256)", _vat(_vat_flux)),
)
