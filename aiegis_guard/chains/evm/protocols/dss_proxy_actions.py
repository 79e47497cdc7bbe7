"""Maker DssProxyActions: a vault's actions run by its owner's DSProxy (``execute``).

Source: makerdao/dss-proxy-actions ``src/DssProxyActions.sol`` and its README (the functions
a DSProxy DELEGATECALLs, so ``address(this)`` is the proxy, the vaults' owner, and
``msg.sender`` the proxy's caller): ``lockETH(manager, ethJoin, cdp) payable`` /
``safeLockETH(..., owner)`` lock ``msg.value`` (as WETH through ``ethJoin``) in the vault;
``lockGem(manager, gemJoin, cdp, wad, transferFrom)`` / ``safeLockGem(..., owner)`` lock
``wad`` of the join's collateral token (pulled from ``msg.sender`` when ``transferFrom``, else
the proxy's own); ``freeETH`` / ``freeGem(manager, join, cdp, wad)`` pay the freed collateral
to ``msg.sender``; ``draw(manager, jug, daiJoin, cdp, wad)`` mints ``wad`` DAI to
``msg.sender``; ``wipe(manager, daiJoin, cdp, wad)`` / ``wipeAll(manager, daiJoin, cdp)`` burn
the caller's DAI against the debt; the ``lockETHAndDraw`` / ``openLockETHAndDraw`` /
``lockGemAndDraw`` / ``openLockGemAndDraw`` / ``wipeAndFree*`` / ``wipeAllAndFree*`` forms
combine them. ``open`` / ``give`` / ``cdpAllow`` / ``urnAllow`` / ``flux`` / ``move`` /
``quit`` / ``frob(manager, ...)`` forward to ``ManagerLike(manager)`` with the same arguments
after ``manager``: decoded as the proxy's call of that manager (``maker_vaults.py``: read
only at the CDP manager's deployment); ``giveToProxy(proxyRegistry, manager, cdp, dst)``
gives the vault to ``dst``'s proxy (``dst`` holds it).

Read only when DELEGATECALLed into the deployment (``0x82ecD135…5038``, the MCD release's
PROXY_ACTIONS, as DeFi Saver / Oasis and the dss-proxy-actions interfaces quote it); the
collateral token of a gem join is on-chain (``gem()``): written as the join's "collateral
token"; internal DAI is DAI (``maker_vaults.DAI``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.maker_vaults import DAI
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Asset, AuthorityChange, Receipt, Transfer
from aiegis_guard.checksums import keccak256

__all__ = ["CONTRACTS", "TABLE"]

PROXY_ACTIONS = "0x82ecd135dce65fbc6dbdd0e4237e0af93ffd5038"
CONTRACTS = frozenset({PROXY_ACTIONS})


def _word(value: Any) -> bytes:
    if isinstance(value, str):  # an address
        return bytes(12) + bytes.fromhex(value[2:])
    if isinstance(value, bytes):  # a bytes32
        return value.ljust(32, b"\0")
    return int(value).to_bytes(32, "big", signed=True)


def _forward(f: Frame, signature: str, manager: str, *args: Any) -> Frame:
    """The proxy's call of ``manager`` with ``args`` (all static words)."""
    data = keccak256(signature.encode())[:4] + b"".join(_word(x) for x in args)
    return f.call(manager, 0, data)


def _gem(join: str) -> Asset:
    return stand_in("collateral token", join)


def _lock(f: Frame, via: str, join: str, gem: tuple[Asset, int, bool] | None) -> Result:
    """Collateral into ``join`` for the proxy's vault: ``gem`` (token, wad, pulled from the
    caller), else the call's ETH."""
    payer: str | None
    if gem is None:
        amount: int | None = f.value
        token, payer = native(), f.context
    else:
        token, amount, pull = gem
        payer = f.sender if pull else f.context
    if not amount or payer is None:
        return []
    return [Transfer(via=via, asset=token, sender=payer, recipient=join, amount=amount)]


def _paid(f: Frame, via: str, token: Asset, amount: int | None) -> Result:
    """Freed collateral / drawn DAI paid to the proxy's caller."""
    if f.sender is None:
        return []
    return [Receipt(via=via, asset=token, recipient=f.sender, amount=amount)]


def _wipe(f: Frame, via: str, dai_join: str, wad: int | None) -> Result:
    """DAI of the caller burnt through ``daiJoin`` against the vault's debt."""
    return [Transfer(via=via, asset=asset(DAI), sender=f.sender, recipient=dai_join, amount=wad)]


def _actions(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The value each action moves (module docstring)."""
    if not f.delegate or f.target not in CONTRACTS:
        return [named_call(f, fn, known=False)]
    name, via = fn.name, f"dss_proxy_actions.{fn.name}"
    out: Result = [named_call(f, fn)]
    if name in ("lockETH", "safeLockETH"):
        out += _lock(f, via, a[1], None)
    elif name in ("lockGem", "safeLockGem"):
        out += _lock(f, via, a[1], (_gem(a[1]), a[3], bool(a[4])))
    elif name in ("freeETH", "freeGem"):
        out += _paid(f, via, native() if name == "freeETH" else _gem(a[1]), a[3])
    elif name == "draw":
        out += _paid(f, via, asset(DAI), a[4])
    elif name in ("wipe", "wipeAll"):
        out += _wipe(f, via, a[1], a[3] if name == "wipe" else None)
    elif name in ("lockETHAndDraw", "openLockETHAndDraw"):
        out += _lock(f, via, a[2], None) + _paid(f, via, asset(DAI), a[5])
    elif name in ("lockGemAndDraw", "openLockGemAndDraw"):
        out += _lock(f, via, a[2], (_gem(a[2]), a[5], bool(a[7])))
        out += _paid(f, via, asset(DAI), a[6])
    elif name.startswith(("wipeAndFree", "wipeAllAndFree")):
        wad_d = a[5] if name.startswith("wipeAnd") else None
        token = native() if name.endswith("ETH") else _gem(a[1])
        out += _wipe(f, via, a[2], wad_d) + _paid(f, via, token, a[4])
    return out


def _forwarded(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``open`` / ``give`` / ``cdpAllow`` / ``urnAllow`` / ``flux`` / ``move`` / ``quit`` /
    ``frob``: the manager's function of the same name with the arguments after ``manager``."""
    if not f.delegate or f.target not in CONTRACTS:
        return [named_call(f, fn, known=False)]
    inner = fn.signature.replace("(address,", "(", 1)
    return [_forward(f, inner, a[0], *a[1:])]


def _give_to_proxy(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``giveToProxy(proxyRegistry, manager, cdp, dst)``: the vault to ``dst``'s proxy."""
    if not f.delegate or f.target not in CONTRACTS:
        return [named_call(f, fn, known=False)]
    _registry, manager, cdp, dst = a
    what = f"owner of vault {cdp} (its collateral and debt)"
    owner = AuthorityChange(
        via="maker.give",
        account=manager,
        new_authority=dst,
        authority_type=what,
        current_authority=f.context,
    )
    return [owner]


TABLE = (
    ("lockETH(address,address,uint256)", _actions),
    ("safeLockETH(address,address,uint256,address)", _actions),
    ("lockGem(address,address,uint256,uint256,bool)", _actions),
    ("safeLockGem(address,address,uint256,uint256,bool,address)", _actions),
    ("freeETH(address,address,uint256,uint256)", _actions),
    ("freeGem(address,address,uint256,uint256)", _actions),
    ("draw(address,address,address,uint256,uint256)", _actions),
    ("wipe(address,address,uint256,uint256)", _actions),
    ("wipeAll(address,address,uint256)", _actions),
    ("lockETHAndDraw(address,address,address,address,uint256,uint256)", _actions),
    ("openLockETHAndDraw(address,address,address,address,bytes32,uint256)", _actions),
    ("lockGemAndDraw(address,address,address,address,uint256,uint256,uint256,bool)", _actions),
    (
        "openLockGemAndDraw(address,address,address,address,bytes32,uint256,uint256,bool)",
        _actions,
    ),
    ("wipeAndFreeETH(address,address,address,uint256,uint256,uint256)", _actions),
    ("wipeAllAndFreeETH(address,address,address,uint256,uint256)", _actions),
    ("wipeAndFreeGem(address,address,address,uint256,uint256,uint256)", _actions),
    ("wipeAllAndFreeGem(address,address,address,uint256,uint256)", _actions),
    ("open(address,bytes32,address)", _forwarded),
    ("give(address,uint256,address)", _forwarded),
    ("cdpAllow(address,uint256,address,uint256)", _forwarded),
    ("urnAllow(address,address,uint256)", _forwarded),
    ("flux(address,uint256,address,uint256)", _forwarded),
    ("move(address,uint256,address,uint256)", _forwarded),
    ("quit(address,uint256,address)", _forwarded),
    ("frob(address,uint256,int256,int256)", _forwarded),
    ("giveToProxy(address,address,uint256,address)", _give_to_proxy),
)
