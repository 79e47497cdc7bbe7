"""Swap routers: what goes in, what must come out, and to whom.

Sources: Uniswap/v3-periphery ``ISwapRouter.sol`` (exactInput*/exactOutput*, with deadline),
Uniswap/swap-router-contracts ``IV3SwapRouter.sol`` / ``IV2SwapRouter.sol`` /
``IPeripheryPaymentsWithFeeExtended.sol`` (SwapRouter02: no deadline; recipient 1 =
msg.sender, 2 = the router), Uniswap/v2-periphery ``IUniswapV2Router02.sol``, 1inch
``AggregationRouterV5/V6.swap(executor, SwapDescription, ...)``, 0x ``ITransformERC20Feature``.

A swap is an exchange (``order = SWAP``): the input is a :class:`Transfer` from the caller
to the router, the output a :class:`Receipt` to the recipient with the guaranteed minimum.
An output kept by the router (recipient = router / 2 / zero) is an intermediate step that a
later ``sweepToken`` / ``unwrapWETH9`` pays out. ``0xEeee…EEeE`` is ETH to 1inch, 0x and
Paraswap (their ``ETH_ADDRESS`` constants): an ETH input is the call's value, not a token.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.known import known_contracts
from aiegis_guard.chains.transaction import SWAP_ORDER, Asset, AssetKind, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["MSG_SENDER", "ROUTER_SELF", "SWAP", "TABLE", "exchange_ops", "last_step_to", "swap_ops"]

SWAP = SWAP_ORDER  # order index shared by every swap step of one request
MSG_SENDER = "0x" + "00" * 19 + "01"
ROUTER_SELF = "0x" + "00" * 19 + "02"
ETH_MARKER = "0x" + "ee" * 20  # 1inch / 0x / Paraswap: ETH


def resolve(f: Frame, recipient: str) -> str | None:
    """The real recipient; None when the router keeps the output for a later step."""
    if recipient == MSG_SENDER:
        return f.sender
    if recipient in (ROUTER_SELF, ZERO, f.target, f.context):
        return None
    return recipient


def last_step_to(f: Frame, to: str) -> str:
    """``to`` as a router with no later step pays it (Solidly / Aerodrome, LFJ Liquidity Book):
    an output to the router itself is stranded there and one to 0 is burnt (WETH9 allows it),
    both read as the zero address, which no policy trusts (a Universal Router's
    ``ADDRESS_THIS`` is another matter: :func:`resolve`)."""
    return ZERO if to == f.target else to


def _wrapped_from_value(f: Frame, give: tuple[str | None, int | None]) -> bool:
    """A WETH input paid with the call's ETH: the router wraps ``msg.value`` itself
    (Uniswap/v3-periphery ``PeripheryPayments.pay``: ``token == WETH9 && balance >= value``),
    so the input is the ETH already sent, not a second payment in WETH."""
    token, amount = give
    if not f.value or token is None or amount is None or f.value < amount:
        return False
    known = known_contracts().get(token)
    return known is not None and known[0] == "WETH"


def exchange_ops(
    f: Frame, via: str, give: tuple[Asset | None, int | None], payer: str | None, get: Any
) -> Result:
    """One exchange (``order = SWAP``): ``payer`` gives ``give`` to the contract (own's only
    when the payer is the caller; ETH in is the call's value, already a transfer), and
    ``get = (asset, minimum or None, receiver)`` (None: no output here) comes out to the
    receiver."""
    out: Result = []
    token, amount = give
    if payer == f.sender and token is not None and token.kind is not AssetKind.NATIVE:
        gives = Transfer(
            via=via, asset=token, sender=payer, recipient=f.target, amount=amount, order=SWAP
        )
        out.append(gives)
    if get is None:
        return out
    got, minimum, receiver = get
    out.append(Receipt(via=via, asset=got, recipient=receiver, amount=minimum, order=SWAP))
    return out


def swap_ops(
    f: Frame,
    via: str,
    give: tuple[str | None, int | None],
    get: tuple[str | None, int | None],
    recipient: str | None,
) -> Result:
    """The give (``(token, amount)`` from the caller) and the get (``(token, minimum)`` to the
    recipient) of one swap, by token address (:func:`exchange_ops`); a ``None`` token or
    recipient leaves that side out."""
    (token_in, amount_in), (token_out, min_out) = give, get
    token_in = ZERO if token_in == ETH_MARKER or _wrapped_from_value(f, give) else token_in
    token_out = ZERO if token_out == ETH_MARKER else token_out
    paid = asset(token_in) if token_in is not None and token_in != ZERO else None
    got = None
    if recipient is not None and token_out is not None:
        got = (native() if token_out == ZERO else asset(token_out), min_out, recipient)
    return exchange_ops(f, via, (paid, amount_in), f.sender, got)


def _v3_path(path: bytes, exact_out: bool) -> tuple[str, str]:
    if len(path) < 43:
        raise EvmDecodeError("swap path shorter than one pool")
    first, last = "0x" + path[:20].hex(), "0x" + path[-20:].hex()
    return (last, first) if exact_out else (first, last)


def _exact_input_single(f: Frame, fn: Function, a: list[Any]) -> Result:
    p = a[0]
    token_in, token_out, _fee, recipient = p[:4]
    amount_in, min_out = p[-3], p[-2]
    via = "uniswap_v3.exact_input_single"
    return swap_ops(f, via, (token_in, amount_in), (token_out, min_out), resolve(f, recipient))


def _exact_output_single(f: Frame, fn: Function, a: list[Any]) -> Result:
    p = a[0]
    token_in, token_out, _fee, recipient = p[:4]
    amount_out, max_in = p[-3], p[-2]
    via = "uniswap_v3.exact_output_single"
    return swap_ops(f, via, (token_in, max_in), (token_out, amount_out), resolve(f, recipient))


def _exact_input(f: Frame, fn: Function, a: list[Any]) -> Result:
    p = a[0]
    token_in, token_out = _v3_path(p[0], exact_out=False)
    amount_in, min_out = p[-2], p[-1]
    via = "uniswap_v3.exact_input"
    return swap_ops(f, via, (token_in, amount_in), (token_out, min_out), resolve(f, p[1]))


def _exact_output(f: Frame, fn: Function, a: list[Any]) -> Result:
    p = a[0]
    token_in, token_out = _v3_path(p[0], exact_out=True)
    amount_out, max_in = p[-2], p[-1]
    via = "uniswap_v3.exact_output"
    return swap_ops(f, via, (token_in, max_in), (token_out, amount_out), resolve(f, p[1]))


def _v2_path(path: list[str]) -> tuple[str, str]:
    if len(path) < 2:
        raise EvmDecodeError("swap path shorter than one pair")
    return path[0], path[-1]


def _v2_exact_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount_in, min_out, path, to = a[:4]
    token_in, token_out = _v2_path(path)
    if fn.name.endswith(("ForETH", "ForETHSupportingFeeOnTransferTokens")):
        token_out = ZERO
    return swap_ops(
        f, "uniswap_v2." + fn.name, (token_in, amount_in), (token_out, min_out), resolve(f, to)
    )


def _v2_exact_out(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount_out, max_in, path, to = a[:4]
    token_in, token_out = _v2_path(path)
    if fn.name == "swapTokensForExactETH":
        token_out = ZERO
    return swap_ops(
        f, "uniswap_v2." + fn.name, (token_in, max_in), (token_out, amount_out), resolve(f, to)
    )


def _v2_eth_in(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount, path, to = a[:3]  # exact ETH in (min out) or ETH for exact tokens (amount out)
    _, token_out = _v2_path(path)
    return swap_ops(
        f, "uniswap_v2." + fn.name, (None, f.value), (token_out, amount), resolve(f, to)
    )


def _sweep_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, min_out = a[0], a[1]
    to = a[2] if len(a) > 2 else f.sender
    return swap_ops(f, "router.sweep_token", (None, None), (token, min_out), resolve(f, to or ZERO))


def _unwrap_weth(f: Frame, fn: Function, a: list[Any]) -> Result:
    min_out = a[0]
    to = a[1] if len(a) > 1 else f.sender
    return swap_ops(f, "router.unwrap_weth9", (None, None), (ZERO, min_out), resolve(f, to or ZERO))


def _oneinch_swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    src, dst, _src_receiver, dst_receiver, amount, min_return, _flags = a[1]
    to = dst_receiver if dst_receiver != ZERO else f.sender
    return swap_ops(f, "1inch.swap", (src, amount), (dst, min_return), to)


def _zeroex_transform(f: Frame, fn: Function, a: list[Any]) -> Result:
    token_in, token_out, amount_in, min_out = a[:4]
    return swap_ops(f, "0x.transform_erc20", (token_in, amount_in), (token_out, min_out), f.sender)


_V3_SINGLE = "(address,address,uint24,address,uint256,uint256,uint256,uint160)"
_V3_SINGLE_02 = "(address,address,uint24,address,uint256,uint256,uint160)"
_ONEINCH_DESC = "(address,address,address,address,uint256,uint256,uint256)"
TABLE = (
    (f"exactInputSingle({_V3_SINGLE})", _exact_input_single),
    (f"exactInputSingle({_V3_SINGLE_02})", _exact_input_single),
    (f"exactOutputSingle({_V3_SINGLE})", _exact_output_single),
    (f"exactOutputSingle({_V3_SINGLE_02})", _exact_output_single),
    ("exactInput((bytes,address,uint256,uint256,uint256))", _exact_input),
    ("exactInput((bytes,address,uint256,uint256))", _exact_input),
    ("exactOutput((bytes,address,uint256,uint256,uint256))", _exact_output),
    ("exactOutput((bytes,address,uint256,uint256))", _exact_output),
    ("swapExactTokensForTokens(uint256,uint256,address[],address,uint256)", _v2_exact_in),
    ("swapExactTokensForTokens(uint256,uint256,address[],address)", _v2_exact_in),
    ("swapExactTokensForETH(uint256,uint256,address[],address,uint256)", _v2_exact_in),
    (
        "swapExactTokensForTokensSupportingFeeOnTransferTokens(uint256,uint256,address[],address,"
        "uint256)",
        _v2_exact_in,
    ),
    (
        "swapExactTokensForETHSupportingFeeOnTransferTokens(uint256,uint256,address[],address,"
        "uint256)",
        _v2_exact_in,
    ),
    ("swapTokensForExactTokens(uint256,uint256,address[],address,uint256)", _v2_exact_out),
    ("swapTokensForExactTokens(uint256,uint256,address[],address)", _v2_exact_out),
    ("swapTokensForExactETH(uint256,uint256,address[],address,uint256)", _v2_exact_out),
    ("swapExactETHForTokens(uint256,address[],address,uint256)", _v2_eth_in),
    ("swapETHForExactTokens(uint256,address[],address,uint256)", _v2_eth_in),
    (
        "swapExactETHForTokensSupportingFeeOnTransferTokens(uint256,address[],address,uint256)",
        _v2_eth_in,
    ),
    ("sweepToken(address,uint256,address)", _sweep_token),
    ("sweepToken(address,uint256)", _sweep_token),
    ("unwrapWETH9(uint256,address)", _unwrap_weth),
    ("unwrapWETH9(uint256)", _unwrap_weth),
    (f"swap(address,{_ONEINCH_DESC},bytes,bytes)", _oneinch_swap),
    (f"swap(address,{_ONEINCH_DESC},bytes)", _oneinch_swap),
    ("transformERC20(address,address,uint256,uint256,(uint32,bytes)[])", _zeroex_transform),
)
