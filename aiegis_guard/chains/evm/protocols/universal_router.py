"""Uniswap UniversalRouter ``execute(commands, inputs[, deadline])``: every command.

Sources: Uniswap/universal-router ``contracts/libraries/Commands.sol`` and
``contracts/base/Dispatcher.sol`` (input encodings), Uniswap/v4-periphery
``src/libraries/Actions.sol`` and ``src/interfaces/IV4Router.sol`` (V4_SWAP actions).
Recipient constants: 1 = msg.sender, 2 = the router (``ActionConstants``).

Swaps are exchanges (:mod:`.swaps`): inputs paid by the caller are gives, outputs (swap
recipients, SWEEP, TRANSFER, UNWRAP, V4 TAKE*) are receipts; PAY_PORTION / TAKE_PORTION up
to 1 % is a fee, the portions of one recipient compounded across the plan. A command or V4
action not decoded is an opaque call touching the own account (never excused by the router
being well known); one the router knows but whose input does not decode is also undecodable
(``tx.undecodable``, FLAG: never a trusted opaque call of an allowlisted router). Inputs are
read as the Dispatcher reads them (``clean_words``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import AbiType, decode_args, parse_types
from aiegis_guard.chains.evm.frames import MAX_DEPTH, ZERO, Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import SWAP, resolve, swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import TOKEN_HANDLERS
from aiegis_guard.chains.transaction import Call, Receipt
from aiegis_guard.errors import EvmDecodeError

__all__ = ["ROUTER_TYPES", "universal_router", "v4_action"]

_T = parse_types
ROUTER_TYPES = {
    0x00: ("V3_SWAP_EXACT_IN", _T("f(address,uint256,uint256,bytes,bool)")),
    0x01: ("V3_SWAP_EXACT_OUT", _T("f(address,uint256,uint256,bytes,bool)")),
    0x02: ("PERMIT2_TRANSFER_FROM", _T("f(address,address,uint160)")),
    0x03: (
        "PERMIT2_PERMIT_BATCH",
        _T("f(((address,uint160,uint48,uint48)[],address,uint256),bytes)"),
    ),
    0x04: ("SWEEP", _T("f(address,address,uint256)")),
    0x05: ("TRANSFER", _T("f(address,address,uint256)")),
    0x06: ("PAY_PORTION", _T("f(address,address,uint256)")),
    0x08: ("V2_SWAP_EXACT_IN", _T("f(address,uint256,uint256,address[],bool)")),
    0x09: ("V2_SWAP_EXACT_OUT", _T("f(address,uint256,uint256,address[],bool)")),
    0x0A: ("PERMIT2_PERMIT", _T("f(((address,uint160,uint48,uint48),address,uint256),bytes)")),
    0x0B: ("WRAP_ETH", _T("f(address,uint256)")),
    0x0C: ("UNWRAP_WETH", _T("f(address,uint256)")),
    0x0D: ("PERMIT2_TRANSFER_FROM_BATCH", _T("f((address,address,uint160,address)[])")),
    0x0E: ("BALANCE_CHECK_ERC20", _T("f(address,address,uint256)")),
    0x10: ("V4_SWAP", _T("f(bytes,bytes[])")),
    0x21: ("EXECUTE_SUB_PLAN", _T("f(bytes,bytes[])")),
}
_V4 = {
    0x06: (
        "SWAP_EXACT_IN_SINGLE",
        _T("f(((address,address,uint24,int24,address),bool,uint128,uint128,bytes))"),
    ),
    0x08: (
        "SWAP_EXACT_OUT_SINGLE",
        _T("f(((address,address,uint24,int24,address),bool,uint128,uint128,bytes))"),
    ),
    0x0B: ("SETTLE", _T("f(address,uint256,bool)")),
    0x0C: ("SETTLE_ALL", _T("f(address,uint256)")),
    0x0D: ("SETTLE_PAIR", _T("f(address,address)")),
    0x0E: ("TAKE", _T("f(address,address,uint256)")),
    0x0F: ("TAKE_ALL", _T("f(address,uint256)")),
    0x10: ("TAKE_PORTION", _T("f(address,address,uint256)")),
    0x11: ("TAKE_PAIR", _T("f(address,address,address)")),
    0x12: ("CLOSE_CURRENCY", _T("f(address)")),
    0x13: ("CLEAR_OR_TAKE", _T("f(address,uint256)")),
    0x14: ("SWEEP", _T("f(address,address)")),
}
_V4_SWAPS_MULTI = {0x07: "SWAP_EXACT_IN", 0x09: "SWAP_EXACT_OUT"}  # recipients come from TAKE*
# IV4Router ExactInputParams{currencyIn, PathKey[] path, amountIn, amountOutMinimum} /
# ExactOutputParams{currencyOut, path, amountOut, amountInMaximum}; PathKey{intermediateCurrency,
# fee, tickSpacing, hooks, hookData} (Uniswap/v4-periphery src/libraries/PathKey.sol)
_V4_MULTI_TYPES = _T("f((address,(address,uint24,int24,address,bytes)[],uint128,uint128))")
FEE_BIPS = 100  # a portion up to 1 % paid elsewhere is a fee, above that an output
_NO_FN = Function("universal_router()", "universal_router", ())


def clean_words(types: tuple[AbiType, ...], data: bytes) -> bytes:
    """``data`` with each top-level static word as Solidity reads it with ``calldataload``
    into a typed variable (the router's ``Dispatcher`` and v4-periphery ``CalldataDecoder``
    decode inputs so, not with ``abi.decode``): an address / uintN keeps its low bits (the
    value the router passes on, cleaned when ABI-encoded into the pool, Permit2 or token
    call), a bool is any non-zero word. The strict decoder then reads what the router runs."""
    out: bytearray | None = None
    for i, t in enumerate(types):
        at = 32 * i
        kind = t.kind
        if t.dynamic or kind not in _CLEANED or at + 32 > len(data):
            continue
        high = 12 if kind == "address" else 31 if kind == "bool" else 32 - (t.size or 256) // 8
        if not any(data[at : at + high]) and (kind != "bool" or data[at + 31] <= 1):
            continue  # already clean: the common case, no copy
        out = out if out is not None else bytearray(data)
        out[at : at + high] = bytes(high)
        if kind == "bool":
            out[at + 31] = 1  # any non-zero word is true
    return data if out is None else bytes(out)


_CLEANED = frozenset({"address", "uint", "bool"})


def _opaque(f: Frame, name: str) -> Call:
    return Call(via="evm.call", target=f.target, name=name, touches_own=True, sender=f.sender)


def _get(f: Frame, via: str, token: str, recipient: str, amount: int | None) -> Result:
    to = resolve(f, recipient)
    if to is None:
        return []
    return swap_ops(f, via, (None, None), (token, amount), to)


Shares = dict[tuple[str, str], float]


def _portion(
    f: Frame, via: str, token: str, recipient: str, bips: int, *, shares: Shares | None = None
) -> Result:
    """``PAY_PORTION`` / ``TAKE_PORTION``: ``bips`` of the router's *current* balance of
    ``token`` (universal-router ``Payments.payPortion``). A recipient's portions of one token
    compound across the plan (``shares``: what the balance keeps, 1 - its share); once its
    share passes ``FEE_BIPS`` the portion is an output, whatever the number of slices."""
    to = resolve(f, recipient)
    if to is None:
        return []
    if shares is not None:
        kept = shares.get((to, token), 1.0) * (1 - min(bips, 10_000) / 10_000)
        shares[(to, token)] = kept
        bips = max(bips, round((1 - kept) * 10_000))
    if bips > FEE_BIPS:
        return swap_ops(f, via, (None, None), (token, None), to)
    fee = Receipt(via=f"{via}.fee", asset=asset(token), recipient=to, amount=None, order=SWAP)
    return [fee]


def _swap_token(name: str, a: list[Any]) -> tuple[str, str]:
    path = a[3]
    if name.startswith("V2"):
        if len(path) < 2:
            raise EvmDecodeError("UniversalRouter: short V2 path")
        return str(path[0]), str(path[-1])
    if len(path) < 43:
        raise EvmDecodeError("UniversalRouter: short V3 path")
    first, last = "0x" + path[:20].hex(), "0x" + path[-20:].hex()
    return (last, first) if name == "V3_SWAP_EXACT_OUT" else (first, last)


def _swap(f: Frame, name: str, a: list[Any]) -> Result:
    recipient, amount, limit, _path, payer_is_user = a
    token_in, token_out = _swap_token(name, a)
    exact_in = name.endswith("EXACT_IN")
    give = (amount if exact_in else limit) if payer_is_user else None
    get = limit if exact_in else amount
    via = f"universal_router.{name.lower()}"
    to = resolve(f, recipient)
    return swap_ops(f, via, (token_in if payer_is_user else None, give), (token_out, get), to)


def _permit2(f: Frame, name: str, a: list[Any]) -> Result:
    if name == "PERMIT2_PERMIT":
        return TOKEN_HANDLERS["permit2_permit_single"](f, _NO_FN, [f.sender, a[0], a[1]])
    if name == "PERMIT2_PERMIT_BATCH":
        return TOKEN_HANDLERS["permit2_permit_batch"](f, _NO_FN, [f.sender, a[0], a[1]])
    if name == "PERMIT2_TRANSFER_FROM_BATCH":
        return TOKEN_HANDLERS["permit2_transfer_batch"](f, _NO_FN, a)
    token, recipient, amount = a  # PERMIT2_TRANSFER_FROM: caller -> recipient (router: a give)
    to = resolve(f, recipient)
    via = "universal_router.permit2_transfer_from"
    if to is None:
        return swap_ops(f, via, (token, amount), (None, None), None)
    return TOKEN_HANDLERS["permit2_transfer_from"](f, _NO_FN, [f.sender, to, amount, token])


def _command(f: Frame, cmd: int, data: bytes, shares: Shares) -> Result:
    name, types = ROUTER_TYPES[cmd]
    a = decode_args(types, data)
    via = f"universal_router.{name.lower()}"
    if name.startswith("PERMIT2"):
        return _permit2(f, name, a)
    if name in ("V3_SWAP_EXACT_IN", "V3_SWAP_EXACT_OUT", "V2_SWAP_EXACT_IN", "V2_SWAP_EXACT_OUT"):
        return _swap(f, name, a)
    if name in ("SWEEP", "TRANSFER"):
        return _get(f, via, a[0], a[1], a[2])
    if name == "PAY_PORTION":
        return _portion(f, via, a[0], a[1], a[2], shares=shares)
    if name == "UNWRAP_WETH":
        return _get(f, via, ZERO, a[0], a[1])
    if name == "WRAP_ETH":
        return []  # ETH already sent with the call; WETH stays in the router or goes to a[0]
    if name == "BALANCE_CHECK_ERC20":
        return []
    if name == "V4_SWAP":
        return _v4(f, a[0], a[1], shares)
    return router_plan(f.inner(f.data), a[0], a[1], shares)  # EXECUTE_SUB_PLAN


def v4_action(
    f: Frame, action: int, data: bytes, floors: dict[str, int], shares: Shares | None = None
) -> Result:
    """One V4 action; ``floors``: the least each single-pool swap so far delivers, by the
    currency it pays out (what a later ``TAKE`` of the whole open delta takes at least)."""
    if action in _V4_SWAPS_MULTI:  # amounts and recipients are settled by SETTLE*/TAKE*
        _multi_floor(action, data, floors)
        return []
    if action not in _V4:
        return [_opaque(f, f"universal_router.v4_action_0x{action:02x}")]
    name, types = _V4[action]
    a = decode_args(types, clean_words(types, data))  # v4-periphery CalldataDecoder: calldataload
    via = f"universal_router.v4.{name.lower()}"
    if name in ("SWAP_EXACT_IN_SINGLE", "SWAP_EXACT_OUT_SINGLE"):
        (pool, zero_for_one, amount, limit, _hook) = a[0]
        out = str(pool[1] if zero_for_one else pool[0])
        floors[out] = limit if name == "SWAP_EXACT_IN_SINGLE" else amount
        return []  # the recipient is that of the TAKE* that follows
    if name == "SETTLE_ALL":
        return swap_ops(f, via, (a[0], a[1]), (None, None), None)
    if name == "SETTLE":
        return swap_ops(f, via, (a[0], a[1] or None), (None, None), None) if a[2] else []
    if name == "TAKE_ALL":
        return _get(f, via, a[0], f.sender or ZERO, a[1])
    if name == "TAKE":  # amount 0: the whole open delta, at least what the swap delivers
        return _get(f, via, a[0], a[1], a[2] or floors.get(str(a[0])))
    if name == "TAKE_PORTION":
        return _portion(f, via, a[0], a[1], a[2], shares=shares)
    if name == "TAKE_PAIR":
        return [*_get(f, via, a[0], a[2], None), *_get(f, via, a[1], a[2], None)]
    if name == "SWEEP":
        return _get(f, via, a[0], a[1], None)
    return []  # SETTLE_PAIR / CLOSE_CURRENCY / CLEAR_OR_TAKE: between router and pool manager


def _multi_floor(action: int, data: bytes, floors: dict[str, int]) -> None:
    """The least a multi-hop swap delivers of the currency it pays out: an exact-in path's
    last ``intermediateCurrency`` at least ``amountOutMinimum``, an exact-out's ``currencyOut``
    exactly ``amountOut``. Params that do not read leave no floor (the TAKE names none)."""
    try:
        ((currency, path, amount, limit),) = decode_args(_V4_MULTI_TYPES, data)
    except EvmDecodeError:
        return
    if _V4_SWAPS_MULTI[action] == "SWAP_EXACT_IN" and path:
        floors[str(path[-1][0])] = limit
    elif _V4_SWAPS_MULTI[action] == "SWAP_EXACT_OUT":
        floors[str(currency)] = amount


def _v4(f: Frame, actions: bytes, params: list[bytes], shares: Shares) -> Result:
    if len(actions) != len(params):
        raise EvmDecodeError("V4_SWAP: actions and params differ in length")
    out: Result = []
    floors: dict[str, int] = {}
    for action, data in zip(actions, params, strict=True):
        out += v4_action(f, action, data, floors, shares)
    return out


def router_plan(
    f: Frame, commands: bytes, inputs: list[bytes], shares: Shares | None = None
) -> Result:
    if f.depth > MAX_DEPTH:
        return [_opaque(f, "universal_router.sub_plan"), "depth-limit"]
    if len(commands) != len(inputs):
        raise EvmDecodeError("UniversalRouter: commands and inputs differ in length")
    out: Result = []
    shares = {} if shares is None else shares  # portions paid so far (``_portion``)
    unspent: set[str] = set()  # what exact-out swaps pay in: their leftover may come back
    for command, data in zip(commands, inputs, strict=True):
        cmd = command & 0x3F
        if cmd in ROUTER_TYPES:
            name, types = ROUTER_TYPES[cmd]
            try:
                data = clean_words(types, data)  # what the Dispatcher's calldataload reads
                out += _command(f, cmd, data, shares)
                if name in ("V3_SWAP_EXACT_OUT", "V2_SWAP_EXACT_OUT"):
                    unspent.add(_swap_token(name, decode_args(types, data))[0])
            except EvmDecodeError:  # never a trusted opaque call: undecodable (FLAG at least)
                out.append(_opaque(f, f"universal_router.{name.lower()}"))
                out.append(f"undecodable:universal_router.{name.lower()}")
        else:
            out.append(_opaque(f, f"universal_router.command_0x{cmd:02x}"))
    return _leftovers(f, out, unspent) if unspent else out


def _leftovers(f: Frame, out: Result, unspent: set[str]) -> Result:
    """A plan with exact-out swaps whose output to the caller is guaranteed (a receipt with a
    positive minimum) may end with a ``SWEEP`` of minimum 0 of what such a swap pays in, or an
    ``UNWRAP_WETH`` of minimum 0 (the wrapped ETH it paid with), back to the caller: what the
    swap left unspent (the Uniswap interface's refund), not an output accepting any price.
    Those receipts are dropped; a plan with no guaranteed output keeps them
    (``swap_no_minimum``)."""
    to_caller = [op for op in out if isinstance(op, Receipt) and op.recipient == f.sender]
    if not any(op.amount for op in to_caller):
        return out

    def refund(op: object) -> bool:
        if not isinstance(op, Receipt) or op not in to_caller or op.amount != 0:
            return False
        if op.via == "universal_router.unwrap_weth":
            return True
        return op.via == "universal_router.sweep" and op.asset.address in unspent

    return [op for op in out if not refund(op)]


def universal_router(f: Frame, fn: Function, a: list[Any]) -> Result:
    return router_plan(f, a[0], a[1])
