"""Routers whose output goes to a named receiver: Aerodrome / Velodrome, KyberSwap, Odos,
Pendle, GMX v2, Sudoswap pairs (``protocols/solidly.py``, ``aggregators.py``, ``pendle.py``,
``perps.py``, ``nft_pools.py``).

Calldata is eth_abi's encoding of each project's published signature; addresses are generated
(``tests/receiver_builders.py``) but for well-known tokens.
"""

from __future__ import annotations

from typing import Any

import pytest

from aiegis_guard.chains.evm.decode import decode_evm
from aiegis_guard.chains.transaction import AssetKind, Transfer
from aiegis_guard.errors import EvmDecodeError
from aiegis_guard.findings import Action
from tests.evm_builders import call
from tests.receiver_builders import (
    FRIEND,
    OWN,
    STRANGER,
    USDC,
    WETH,
    ZERO,
    addr,
    assert_verdict,
    gives,
    judged,
    operations,
    own_tx,
    receipts,
    rules,
)

SOLIDLY = addr("solidly-router")
FACTORY = addr("pool-factory")
AERO = addr("aero")
KYBER = addr("kyber-router")
ODOS = addr("odos-router")
PENDLE = addr("pendle-router")
MARKET = addr("pendle-market")
GMX = addr("gmx-exchange-router")
VAULT = addr("gmx-order-vault")
GMX_MARKET = addr("gmx-eth-usd-market")
PAIR = addr("sudoswap-pair")
ETH_MARKER = "0x" + "ee" * 20

_ROUTES = "(address,address,bool,address)[]"


def solidly(to: str, minimum: int = 3_100 * 10**18) -> bytes:
    routes = [(USDC, WETH, False, FACTORY), (WETH, AERO, False, FACTORY)]
    sig = f"swapExactTokensForTokens(uint256,uint256,{_ROUTES},address,uint256)"
    return call(sig, 4_000 * 10**6, minimum, routes, to, 1_700_003_600)


_KYBER_DESC = (
    "(address,address,address[],uint256[],address[],uint256[],address,uint256,uint256,uint256,"
    "bytes)"
)


def kyber(receiver: str, minimum: int = 2 * 10**18, src: str = USDC) -> bytes:
    desc = (src, WETH, [addr("executor")], [7_000 * 10**6], [], [], receiver, 7_000 * 10**6,
            minimum, 0, b"")  # fmt: skip
    return call(f"swap((address,address,bytes,{_KYBER_DESC},bytes))", (ZERO, ZERO, b"", desc, b""))


def odos(receiver: str, minimum: int = 29 * 10**17, amount: int = 10_000 * 10**18) -> bytes:
    info = (addr("dai"), amount, addr("odos-executor"), WETH, 3 * 10**18, minimum, receiver)
    sig = "swap((address,uint256,address,address,uint256,uint256,address),bytes,address,uint32)"
    return call(sig, info, b"\x01", addr("odos-executor"), 0)


_SWAP_DATA = "(uint8,address,bytes,bool)"
_TOKEN_IO = f"(address,uint256,address,address,{_SWAP_DATA})"
_ORDER = (
    "(uint256,uint256,uint256,uint8,address,address,address,address,uint256,uint256,uint256,bytes)"
)
_LIMIT = f"(address,uint256,({_ORDER},bytes,uint256)[],({_ORDER},bytes,uint256)[],bytes)"
_APPROX = "(uint256,uint256,uint256,uint256,uint256)"
_NO_SWAP = (0, ZERO, b"", False)
_NO_LIMIT = (ZERO, 0, [], [], b"")


def pendle_buy_pt(receiver: str, minimum: int = 9_800 * 10**18) -> bytes:
    sig = f"swapExactTokenForPt(address,address,uint256,{_APPROX},{_TOKEN_IO},{_LIMIT})"
    token_in = (USDC, 10_000 * 10**6, USDC, ZERO, _NO_SWAP)
    return call(sig, receiver, MARKET, minimum, (0, 2**255, 0, 256, 10**14), token_in, _NO_LIMIT)


def pendle_sell_pt(receiver: str) -> bytes:
    sig = f"swapExactPtForToken(address,address,uint256,{_TOKEN_IO},{_LIMIT})"
    token_out = (USDC, 9_700 * 10**6, USDC, ZERO, _NO_SWAP)
    return call(sig, receiver, MARKET, 9_900 * 10**18, token_out, _NO_LIMIT)


_CREATE_ORDER = (
    "createOrder(((address,address,address,address,address,address,address[]),"
    "(uint256,uint256,uint256,uint256,uint256,uint256,uint256,uint256),uint8,uint8,bool,bool,bool,"
    "bytes32))"
)


def gmx(receiver: str, order_type: int, minimum: int = 0, cancel_to: str | None = None) -> bytes:
    """multicall([sendWnt(vault, 2.0002 ETH), createOrder(...)]) as the GMX interface builds it."""
    path = [GMX_MARKET] if order_type in (0, 1) else []
    market = ZERO if order_type in (0, 1) else GMX_MARKET
    addresses = (receiver, cancel_to or receiver, ZERO, ZERO, market, WETH, path)
    numbers = (20_000 * 10**30, 0, 0, 3_100 * 10**30, 2 * 10**14, 0, minimum, 0)
    order = (addresses, numbers, order_type, 0, True, False, False, bytes(32))
    inner = [call("sendWnt(address,uint256)", VAULT, 20_002 * 10**14), call(_CREATE_ORDER, order)]
    return call("multicall(bytes[])", inner)


_IDS = [311, 4120, 5077]


def sudo_sell(recipient: str) -> bytes:
    sig = "swapNFTsForToken(uint256[],uint256,address,bool,address)"
    return call(sig, _IDS, 21 * 10**17, recipient, False, ZERO)


def sudo_buy(recipient: str) -> bytes:
    sig = "swapTokenForSpecificNFTs(uint256[],uint256,address,bool,address)"
    return call(sig, _IDS, 24 * 10**17, recipient, False, ZERO)


SWAP_TO = {"tx.evm.swap_recipient"}
NO_MIN = {"tx.evm.swap_no_minimum"}
CASES = [
    pytest.param(own_tx(SOLIDLY, solidly(OWN)), SOLIDLY, Action.ALLOW, set(), id="solidly-own"),
    pytest.param(own_tx(SOLIDLY, solidly(STRANGER)), SOLIDLY, Action.BLOCK, SWAP_TO,
                 id="solidly-to-stranger"),
    pytest.param(own_tx(SOLIDLY, solidly(OWN, minimum=0)), SOLIDLY, Action.FLAG, NO_MIN,
                 id="solidly-min-zero"),
    pytest.param(own_tx(KYBER, kyber(OWN)), KYBER, Action.ALLOW, set(), id="kyber-own"),
    pytest.param(own_tx(KYBER, kyber(ZERO)), KYBER, Action.ALLOW, set(), id="kyber-zero-is-caller"),
    pytest.param(own_tx(KYBER, kyber(STRANGER)), KYBER, Action.BLOCK, SWAP_TO,
                 id="kyber-to-stranger"),
    pytest.param(own_tx(ODOS, odos(OWN)), ODOS, Action.ALLOW, set(), id="odos-own"),
    pytest.param(own_tx(ODOS, odos(STRANGER)), ODOS, Action.BLOCK, SWAP_TO, id="odos-to-stranger"),
    pytest.param(own_tx(ODOS, odos(OWN, minimum=0)), ODOS, Action.FLAG, NO_MIN,
                 id="odos-min-zero"),
    pytest.param(own_tx(PENDLE, pendle_buy_pt(OWN)), PENDLE, Action.ALLOW, set(), id="pendle-buy"),
    pytest.param(own_tx(PENDLE, pendle_buy_pt(STRANGER)), PENDLE, Action.BLOCK, SWAP_TO,
                 id="pendle-buy-to-stranger"),
    pytest.param(own_tx(PENDLE, pendle_buy_pt(OWN, minimum=0)), PENDLE, Action.FLAG, NO_MIN,
                 id="pendle-buy-min-zero"),
    pytest.param(own_tx(PENDLE, pendle_sell_pt(OWN)), PENDLE, Action.ALLOW, set(),
                 id="pendle-sell"),
    pytest.param(own_tx(PENDLE, pendle_sell_pt(STRANGER)), PENDLE, Action.BLOCK, SWAP_TO,
                 id="pendle-sell-to-stranger"),
    pytest.param(own_tx(PAIR, sudo_sell(OWN)), PAIR, Action.ALLOW, set(), id="sudo-sell-own"),
    pytest.param(own_tx(PAIR, sudo_sell(STRANGER)), PAIR, Action.BLOCK, SWAP_TO,
                 id="sudo-sell-to-stranger"),
    pytest.param(own_tx(PAIR, sudo_buy(OWN), value=24 * 10**17), PAIR, Action.ALLOW, set(),
                 id="sudo-buy-own"),
    pytest.param(own_tx(PAIR, sudo_buy(STRANGER), value=24 * 10**17), PAIR, Action.BLOCK,
                 SWAP_TO, id="sudo-buy-to-stranger"),
]  # fmt: skip


@pytest.mark.parametrize(("payload", "router", "action", "expected"), CASES)
def test_receiver_verdict(
    payload: dict[str, Any], router: str, action: Action, expected: set[str]
) -> None:
    """Output to own passes; to a stranger blocks; a zero minimum flags."""
    assert_verdict(payload, router, action, expected)


GMX_CASES = [
    pytest.param((OWN, 2, 0, None), Action.ALLOW, set(), id="gmx-increase-own"),
    pytest.param((STRANGER, 2, 0, None), Action.BLOCK, SWAP_TO, id="gmx-increase-to-stranger"),
    pytest.param((OWN, 0, 5_990 * 10**6, None), Action.ALLOW, set(), id="gmx-swap-own"),
    pytest.param((OWN, 0, 0, None), Action.FLAG, NO_MIN, id="gmx-swap-min-zero"),
    pytest.param((STRANGER, 0, 3 * 10**9, None), Action.BLOCK, SWAP_TO, id="gmx-swap-stranger"),
    pytest.param((OWN, 2, 0, STRANGER), Action.BLOCK, SWAP_TO, id="gmx-cancel-to-stranger"),
]


@pytest.mark.parametrize(("order", "action", "expected"), GMX_CASES)
def test_gmx_order(order: tuple[Any, ...], action: Action, expected: set[str]) -> None:
    """GMX order: the position / swap output (and a cancellation refund) go to their receiver;
    ``order`` is (receiver, order type, minOutputAmount, cancellationReceiver)."""
    payload = own_tx(GMX, gmx(*order), value=20_002 * 10**14)
    verdict = judged(payload, GMX, VAULT)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_gmx_v22_order_with_data_list() -> None:
    """The v2.2 ``CreateOrderParams`` (``bytes32[] dataList`` appended) reads the same receiver."""
    sig = _CREATE_ORDER[:-2] + ",bytes32[]))"
    addresses = (STRANGER, STRANGER, ZERO, ZERO, GMX_MARKET, WETH, [])
    numbers = (10**30, 0, 0, 10**30, 10**14, 0, 0, 0)
    data = call(sig, (addresses, numbers, 2, 0, True, False, False, bytes(32), [bytes(32)]))
    verdict = judged(own_tx(GMX, data), GMX)
    assert verdict.action is Action.BLOCK and rules(verdict) == SWAP_TO


def test_gmx_eth_is_given_once_by_own() -> None:
    """The call's ETH is own's give to the router; sendWnt is the router passing it on."""
    payload = own_tx(GMX, gmx(OWN, 2), value=20_002 * 10**14)
    own_native = [g for g in gives(payload) if g.asset.kind is AssetKind.NATIVE]
    assert [(g.recipient, g.amount) for g in own_native] == [(GMX, 20_002 * 10**14)]
    passed = [op for op in operations(payload) if isinstance(op, Transfer) and op.sender == GMX]
    assert [(p.recipient, p.amount) for p in passed] == [(VAULT, 20_002 * 10**14)]


def test_gmx_send_tokens_is_own_collateral() -> None:
    """sendTokens moves the caller's tokens to the receiver named (the order vault)."""
    data = call("sendTokens(address,address,uint256)", USDC, VAULT, 10**9)
    (give,) = gives(own_tx(GMX, data))
    assert (give.recipient, give.amount, give.asset.address) == (VAULT, 10**9, USDC)
    assert judged(own_tx(GMX, call("sendTokens(address,address,uint256)", USDC, STRANGER, 10**9)),
                  GMX).action is Action.FLAG  # fmt: skip


def test_solidly_reads_route_ends_and_eth_forms() -> None:
    """First route's ``from`` in, last route's ``to`` out; the ETH forms use the call's value."""
    payload = own_tx(SOLIDLY, solidly(OWN))
    assert [(g.asset.address, g.amount) for g in gives(payload)] == [(USDC, 4_000 * 10**6)]
    assert [(r.asset.address, r.amount) for r in receipts(payload)] == [(AERO, 3_100 * 10**18)]
    sig = f"swapExactETHForTokens(uint256,{_ROUTES},address,uint256)"
    eth_in = own_tx(
        SOLIDLY, call(sig, 5, [(WETH, AERO, False, FACTORY)], STRANGER, 1), value=10**18
    )
    assert judged(eth_in, SOLIDLY).action is Action.BLOCK


def test_solidly_liquidity_receivers() -> None:
    """addLiquidity sends the LP token to ``to``; removeLiquidity sends both tokens to ``to``."""
    add = "addLiquidity(address,address,bool,uint256,uint256,uint256,uint256,address,uint256)"
    remove = "removeLiquidity(address,address,bool,uint256,uint256,uint256,address,uint256)"
    mine = own_tx(SOLIDLY, call(add, USDC, WETH, False, 10**9, 10**18, 1, 1, OWN, 1))
    assert judged(mine, SOLIDLY).action is Action.ALLOW
    away = own_tx(SOLIDLY, call(remove, USDC, WETH, False, 10**18, 10**9, 10**17, STRANGER, 1))
    verdict = judged(away, SOLIDLY)
    assert verdict.action is Action.BLOCK and rules(verdict) == SWAP_TO
    assert {r.recipient for r in receipts(away)} == {STRANGER}


def test_solidly_friend_allowlisted_passes() -> None:
    """An allowlisted friend as ``to`` receives the swap output."""
    assert judged(own_tx(SOLIDLY, solidly(FRIEND)), SOLIDLY, FRIEND).action is Action.ALLOW


def test_kyber_eth_marker_input_is_the_call_value() -> None:
    """``0xEeee…`` as srcToken: the ETH sent is the input (no token give)."""
    payload = own_tx(KYBER, kyber(OWN, src=ETH_MARKER), value=10**18)
    assert [g.asset.kind for g in gives(payload)] == [AssetKind.NATIVE]


def test_odos_zero_input_amount_is_the_whole_balance() -> None:
    """Odos ``inputAmount`` 0 spends all the caller holds: the give's amount is unknown."""
    (give,) = [g for g in gives(own_tx(ODOS, odos(OWN, amount=0)))]
    assert give.amount is None


def test_pendle_pt_is_named_after_the_market() -> None:
    """A market's PT is read on-chain: the output is a stand-in named after the market."""
    (get,) = receipts(own_tx(PENDLE, pendle_buy_pt(OWN)))
    assert get.asset.address is None and (get.asset.symbol or "").startswith("PT of")


def test_sudoswap_sell_gives_each_nft() -> None:
    """Selling gives every listed NFT id to the pair."""
    payload = own_tx(PAIR, sudo_sell(OWN))
    assert sorted(g.token_id or 0 for g in gives(payload)) == _IDS
    assert {g.recipient for g in gives(payload)} == {PAIR}


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(solidly(OWN)[:-64], id="solidly-short"),
        pytest.param(kyber(OWN)[:200], id="kyber-short"),
        pytest.param(pendle_buy_pt(OWN)[:300], id="pendle-short"),
        pytest.param(call("swapExactTokensForTokens(uint256,uint256,"
                          f"{_ROUTES},address,uint256)", 1, 1, [], OWN, 1), id="solidly-no-route"),
    ],
)  # fmt: skip
def test_bad_calldata_is_a_decode_error(data: bytes) -> None:
    """Truncated calldata or an empty route raises the typed error; the guard does not allow."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(SOLIDLY, data))
    assert judged(own_tx(SOLIDLY, data), SOLIDLY).action is not Action.ALLOW


def compact(receiver: bytes, src: bytes | None = None, amount: bytes = b"\x02\x27\x10") -> bytes:
    """Odos ``swapCompact`` calldata in the router's packed layout (``OdosRouterV2.sol``)."""
    quote = (3 * 10**18).to_bytes(8, "big")
    return (
        bytes.fromhex("83bd37f9")
        + (src if src is not None else _inline(USDC))
        + _inline(WETH)
        + amount
        + bytes([len(quote)])
        + quote
        + (0x000A3D).to_bytes(3, "big")  # slippage 0xA3D / 0xFFFFFF (about 0.016 %)
        + _inline(addr("odos-executor"))
        + b"\x00\x00"  # input to the executor
        + receiver
        + (0).to_bytes(4, "big")
        + b"\x01"
        + bytes(32)
    )


def _inline(address: str) -> bytes:
    return b"\x00\x01" + bytes.fromhex(address[2:])


ODOS_COMPACT = [
    pytest.param(compact(b"\x00\x00"), Action.ALLOW, set(), id="compact-receiver-0-is-caller"),
    pytest.param(compact(_inline(OWN)), Action.ALLOW, set(), id="compact-receiver-own"),
    pytest.param(compact(_inline(STRANGER)), Action.BLOCK, SWAP_TO, id="compact-to-stranger"),
]


@pytest.mark.parametrize(("data", "action", "expected"), ODOS_COMPACT)
def test_odos_compact(data: bytes, action: Action, expected: set[str]) -> None:
    """swapCompact's packed receiver: 0 is the caller, an inline address is read as is."""
    verdict = judged(own_tx(ODOS, data), ODOS)
    assert verdict.action is action, verdict.effect_lines
    assert rules(verdict) == expected


def test_odos_compact_amounts() -> None:
    """Input amount from its length-prefixed bytes; outputMin = quote * (1 - slippage)."""
    payload = own_tx(ODOS, compact(b"\x00\x00"))
    assert [(g.asset.address, g.amount) for g in gives(payload)] == [(USDC, 10_000)]
    (get,) = receipts(payload)
    assert (get.asset.address, get.recipient) == (WETH, OWN)
    assert get.amount == 3 * 10**18 * (0xFFFFFF - 0x000A3D) // 0xFFFFFF


def test_odos_compact_cached_receiver_is_opaque() -> None:
    """A receiver from the router's stored address list cannot be read: an unknown call."""
    verdict = judged(own_tx(ODOS, compact(b"\x00\x07")))
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_call" in rules(verdict)


def test_odos_compact_truncated_is_a_decode_error() -> None:
    """Packed calldata that ends inside a field raises the typed error."""
    with pytest.raises(EvmDecodeError):
        decode_evm(own_tx(ODOS, compact(b"\x00\x00")[:30]))


def test_odos_swap_receiver_zero_burns_the_output() -> None:
    """In ``swap`` (not compact) an outputReceiver of 0 is the zero address: paid away."""
    verdict = judged(own_tx(ODOS, odos(ZERO)), ODOS)
    assert verdict.action is Action.BLOCK and rules(verdict) == SWAP_TO


def test_odos_swap_multi_outputs_to_their_receivers() -> None:
    """swapMulti: each output to its receiver (amounts bounded only in total value)."""
    sig = (
        "swapMulti((address,uint256,address)[],(address,uint256,address)[],uint256,bytes,address,"
        "uint32)"
    )
    outputs = [(WETH, 1, OWN), (AERO, 1, STRANGER)]
    data = call(sig, [(USDC, 10**9, ZERO)], outputs, 10**6, b"", addr("odos-executor"), 0)
    verdict = judged(own_tx(ODOS, data), ODOS)
    assert verdict.action is Action.BLOCK and rules(verdict) == SWAP_TO
    assert {(r.recipient, r.amount) for r in receipts(own_tx(ODOS, data))} == {
        (OWN, None),
        (STRANGER, None),
    }


def test_gmx_send_wnt_to_a_stranger_is_flagged() -> None:
    """The router passing the caller's ETH on to an address nobody allowlisted: FLAG."""
    data = call("multicall(bytes[])", [call("sendWnt(address,uint256)", STRANGER, 10**18)])
    verdict = judged(own_tx(GMX, data, value=10**18), GMX)
    assert verdict.action is Action.FLAG
    assert "tx.evm.unknown_recipient" in rules(verdict)
