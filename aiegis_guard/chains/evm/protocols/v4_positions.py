"""Uniswap V4 PositionManager ``modifyLiquidities(unlockData, deadline)``: every action.

Sources: Uniswap/v4-periphery ``src/PositionManager.sol`` (``modifyLiquidities``,
``modifyLiquiditiesWithoutUnlock(actions, params)``, ``_handleAction``: the parameters of
each action, ``_mapRecipient``: 1 = ``msgSender()``, 2 = the manager), ``src/libraries/
Actions.sol`` (INCREASE_LIQUIDITY 0x00, DECREASE_LIQUIDITY 0x01, MINT_POSITION 0x02,
BURN_POSITION 0x03, INCREASE_LIQUIDITY_FROM_DELTAS 0x04, MINT_POSITION_FROM_DELTAS 0x05,
SETTLE 0x0b, SETTLE_PAIR 0x0d, TAKE 0x0e, TAKE_PAIR 0x11, CLOSE_CURRENCY 0x12, CLEAR_OR_TAKE
0x13, SWEEP 0x14, WRAP 0x15, UNWRAP 0x16), ``src/libraries/CalldataDecoder.sol``
(``unlockData = abi.encode(bytes actions, bytes[] params)``; ``decodeMintParams``: PoolKey,
tickLower, tickUpper, liquidity, amount0Max, amount1Max, owner, hookData;
``decodeModifyLiquidityParams``: tokenId, liquidity, amount0 limit, amount1 limit, hookData;
``decodeBurnParams``: tokenId, amount0Min, amount1Min, hookData).

The whole plan is one exchange of the caller (``order = SWAP``): a mint pays up to its
maximums of the pool's currencies and the position NFT goes to ``owner``; an increase pays up
to its maximums (the currencies are those the following SETTLE_PAIR / SETTLE / CLOSE_CURRENCY
names); a decrease / burn releases the position's currencies (a burn also gives the position
NFT up), which TAKE_PAIR / TAKE / SWEEP pay to their recipient: at least the decrease's
minimums (a minimum of 0 states none: "all" of it, as a V3 ``collect``). The delta-closing
actions shared with the UniversalRouter's V4_SWAP are read by
:func:`~.universal_router.v4_action`. An action not listed is an opaque call on the manager.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.aggregators import ORDER_DUST
from aiegis_guard.chains.evm.protocols.swaps import SWAP, exchange_ops, resolve, swap_ops
from aiegis_guard.chains.evm.protocols.universal_router import v4_action
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import AssetKind, Call, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE"]

_T = parse_types
_POOL_KEY = "(address,address,uint24,int24,address)"
_ACTIONS = {
    0x00: ("INCREASE_LIQUIDITY", _T("f(uint256,uint256,uint128,uint128,bytes)")),
    0x01: ("DECREASE_LIQUIDITY", _T("f(uint256,uint256,uint128,uint128,bytes)")),
    0x02: (
        "MINT_POSITION",
        _T(f"f({_POOL_KEY},int24,int24,uint256,uint128,uint128,address,bytes)"),
    ),
    0x03: ("BURN_POSITION", _T("f(uint256,uint128,uint128,bytes)")),
    0x04: ("INCREASE_LIQUIDITY_FROM_DELTAS", _T("f(uint256,uint128,uint128,bytes)")),
    0x05: (
        "MINT_POSITION_FROM_DELTAS",
        _T(f"f({_POOL_KEY},int24,int24,uint128,uint128,address,bytes)"),
    ),
    0x0B: ("SETTLE", _T("f(address,uint256,bool)")),
    0x0D: ("SETTLE_PAIR", _T("f(address,address)")),
    0x11: ("TAKE_PAIR", _T("f(address,address,address)")),
    0x12: ("CLOSE_CURRENCY", _T("f(address)")),
}
_SHARED = frozenset({0x0E, 0x13, 0x14})  # TAKE, CLEAR_OR_TAKE, SWEEP: as in the router
_INTERNAL = frozenset({0x15, 0x16})  # WRAP / UNWRAP: between the manager and WETH
_PLAN = _T("f(bytes,bytes[])")
VIA = "uniswap_v4.position_manager"


@dataclass
class _Plan:
    """What earlier actions left open: maximums an increase pays, minimums a decrease frees."""

    pay: tuple[int | None, int | None] | None = None
    free: tuple[int | None, int | None] | None = None
    floors: dict[str, int] = field(default_factory=dict)
    kept: set[str] = field(default_factory=set)  # outputs taken to the manager itself ...
    swept: set[str] = field(default_factory=set)  # ... and the currencies a SWEEP pays out


def _least(amount: int) -> int | None:
    return amount or None


def _pays(f: Frame, currency: str, amount: int | None) -> Result:
    """The caller pays ``amount`` (None: up to what is owed) of ``currency`` (ETH: the call's
    value, already a transfer)."""
    if currency == ZERO:
        return []
    return exchange_ops(f, VIA, (asset(currency), amount), f.sender, None)


def _gets(f: Frame, currency: str, amount: int | None, recipient: str, plan: _Plan) -> Result:
    to = resolve(f, recipient)
    if to is None:
        plan.kept.add(currency)  # left in the manager: a later SWEEP must pay it out
    return swap_ops(f, VIA, (None, None), (currency, amount), to)


def _liquidity(f: Frame, name: str, a: list[Any], plan: _Plan) -> Result:
    if name in ("MINT_POSITION", "MINT_POSITION_FROM_DELTAS"):
        pool, owner = a[0], a[-2]
        max0, max1 = a[-4], a[-3]
        out = _pays(f, pool[0], max0) + _pays(f, pool[1], max1)
        to = resolve(f, owner)
        if to is not None:
            nft = asset(f.target, AssetKind.NFT)
            out.append(Receipt(via=VIA, asset=nft, recipient=to, amount=None, order=SWAP))
        return out
    if name in ("INCREASE_LIQUIDITY", "INCREASE_LIQUIDITY_FROM_DELTAS"):
        plan.pay = (a[-3], a[-2])
        return []
    plan.free = (_least(a[-3]), _least(a[-2]))  # DECREASE_LIQUIDITY / BURN_POSITION
    if name == "BURN_POSITION":
        nft = asset(f.target, AssetKind.NFT)
        give = Transfer(
            via=VIA,
            asset=nft,
            sender=f.sender,
            recipient=f.target,
            amount=1,
            token_id=a[0],
            order=SWAP,
        )
        return [give]
    return []


def _close(f: Frame, name: str, a: list[Any], plan: _Plan) -> Result:
    if name == "SETTLE_PAIR":  # the caller pays what an increase owes (a mint's is paid)
        pay, plan.pay = plan.pay, None
        return [] if pay is None else _pays(f, a[0], pay[0]) + _pays(f, a[1], pay[1])
    if name == "TAKE_PAIR":
        free, plan.free = plan.free or (None, None), None
        return _gets(f, a[0], free[0], a[2], plan) + _gets(f, a[1], free[1], a[2], plan)
    if name == "SETTLE":
        currency, amount, payer_is_user = a
        return _pays(f, currency, amount or None) if payer_is_user and plan.pay else []
    # CLOSE_CURRENCY: owed by the caller (an increase) or paid to it (a decrease)
    if plan.pay is not None:
        return _pays(f, a[0], None)
    return _gets(f, a[0], None, f.sender or ZERO, plan) if plan.free is not None else []


_SWEEP, _CLEAR_OR_TAKE = 0x14, 0x13
_CURRENCY_AMOUNT = _T("f(address,uint256)")


def _action(f: Frame, action: int, data: bytes, plan: _Plan) -> Result:
    if action == _SWEEP:
        plan.swept.add(str(decode_args(_CURRENCY_AMOUNT, data)[0]))
    if action == _CLEAR_OR_TAKE and plan.free is not None:
        # after a decrease, up to ``amountMax`` of what it freed may be cleared: forfeited
        currency, most = decode_args(_CURRENCY_AMOUNT, data)
        if most >= ORDER_DUST:
            what = native() if currency == ZERO else asset(currency)
            lost = Transfer(via=f"{VIA}.clear", asset=what, sender=f.sender, recipient=ZERO,
                            amount=most)  # fmt: skip
            return [lost, *v4_action(f, action, data, plan.floors)]
    if action in _SHARED:
        return v4_action(f, action, data, plan.floors)
    if action in _INTERNAL:
        return []
    if action not in _ACTIONS:
        call = Call(via="evm.call", target=f.target, name=f"{VIA}.action_0x{action:02x}")
        return [call.replace(touches_own=True, sender=f.sender)]
    name, types = _ACTIONS[action]
    a = decode_args(types, data)
    if action <= 0x05:
        return _liquidity(f, name, a, plan)
    return _close(f, name, a, plan)


def _plan(f: Frame, actions: bytes, params: list[bytes]) -> Result:
    if len(actions) != len(params):
        raise EvmDecodeError("modifyLiquidities: actions and params differ in length")
    out: Result = []
    plan = _Plan()
    for action, data in zip(actions, params, strict=True):
        out += _action(f, action, data, plan)
    for currency in sorted(plan.kept - plan.swept):  # stranded in the manager: anyone's next
        # SWEEP takes it (read as paid to the zero address, which no policy trusts)
        what = native() if currency == ZERO else asset(currency)
        out.append(Receipt(via=f"{VIA}.left", asset=what, recipient=ZERO, amount=None, order=SWAP))
    return out


def _modify(f: Frame, fn: Function, a: list[Any]) -> Result:
    actions, params = decode_args(_PLAN, a[0])
    return _plan(f, actions, params)


def _modify_without_unlock(f: Frame, fn: Function, a: list[Any]) -> Result:
    return _plan(f, a[0], a[1])


TABLE = (
    ("modifyLiquidities(bytes,uint256)", _modify),
    ("modifyLiquiditiesWithoutUnlock(bytes,bytes[])", _modify_without_unlock),
)
