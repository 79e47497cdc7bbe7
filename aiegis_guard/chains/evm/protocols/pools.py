"""Exchange pools called directly: Curve pools and the Balancer V2 Vault.

Sources:

- curvefi/curve-contract ``contracts/pools/*/StableSwap*.vy`` (``exchange(int128 i, int128 j,
  uint256 dx, uint256 min_dy)``, payable in the ETH pools, and ``exchange_underlying``: the
  output to ``msg.sender``); curvefi/stableswap-ng ``CurveStableSwapNG.vy`` and the factory
  pools (the same with ``address _receiver``); curvefi/tricrypto-ng / twocrypto-ng
  (``exchange(uint256 i, uint256 j, uint256 dx, uint256 min_dy[, bool use_eth][, address
  receiver])``). The coins behind ``i`` / ``j`` are on-chain (``coins(i)``): the well-known
  pools carry them in ``data/evm_protocols.json`` (``coins``); for any other pool a coin is
  written by its index (an asset without an address) and the pool stays an unknown call,
  so a pool the policy does not name is judged as an unknown contract.
- curvefi/curve-router-ng ``CurveRouterNG.vy`` (``exchange(_route: address[11], _swap_params:
  uint256[5][5], _amount, _expected, _pools: address[5], _receiver)``, with the Vyper default
  forms) and the older curvefi/curve-pool-registry ``Router`` (``exchange_multiple(address[9],
  uint256[3][4], ...)``): the route's first token in, its last token out to ``_receiver``.
- balancer/balancer-v2-monorepo ``pkg/interfaces/contracts/vault/IVault.sol``: ``swap(SingleSwap
  (poolId, kind, assetIn, assetOut, amount, userData), FundManagement(sender,
  fromInternalBalance, recipient, toInternalBalance), limit, deadline)`` and ``batchSwap(kind,
  BatchSwapStep[], assets, FundManagement, int256[] limits, deadline)``. ``kind`` 0 =
  GIVEN_IN (``limit``: the minimum out), 1 = GIVEN_OUT (``limit``: the maximum in); asset 0 is
  ETH; a batch limit > 0 is the most that asset may take in, < 0 the least it must pay out.
  The Vault pulls from ``funds.sender`` (own's only when it is the caller) and pays
  ``funds.recipient``.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, native
from aiegis_guard.chains.evm.protocols.swaps import ETH_MARKER, exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import pool_coins
from aiegis_guard.chains.transaction import Asset
from aiegis_guard.errors import EvmDecodeError

__all__ = ["TABLE", "coin"]


def coin(f: Frame, index: int, underlying: bool = False) -> Asset:
    """Coin ``index`` of the pool ``f.target`` (by index when the pool is not in the table)."""
    coins = None if underlying else pool_coins(f.target)
    if coins is not None and 0 <= index < len(coins):
        return native() if coins[index] == ETH_MARKER else asset(coins[index])
    what = "underlying coin" if underlying else "coin"
    return stand_in(f"{what} {index}", f.target)


def _curve(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Curve ``exchange`` / ``exchange_underlying``: coin ``i`` in, at least ``min_dy`` of coin
    ``j`` out to ``_receiver`` (the forms without one: to ``msg.sender``)."""
    i, j, dx, min_dy = a[:4]
    receiver = a[-1] if isinstance(a[-1], str) else (f.sender or f.context)
    underlying = fn.name == "exchange_underlying"
    give, got = coin(f, i, underlying), coin(f, j, underlying)
    out = exchange_ops(f, f"curve.{fn.name}", (give, dx), f.sender, (got, min_dy, receiver))
    if underlying or pool_coins(f.target) is None:
        out.insert(0, named_call(f, fn, known=False))
    return out


def _curve_router(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Curve Router (NG ``exchange``, the older ``exchange_multiple``): ``_route`` is token,
    pool, token, ... (zero-padded); the first token in, the last one out, at least
    ``_expected`` of it to ``_receiver`` (the forms without one: ``msg.sender``)."""
    route, amount, expected = a[0], a[2], a[3]
    receiver = a[5] if len(a) > 5 else (f.sender or f.context)
    tokens = [t for t in route[::2] if t != ZERO]
    if len(tokens) < 2:
        raise EvmDecodeError("curve router: a route without an output token")
    give, got = _token(tokens[0]), _token(tokens[-1])
    return exchange_ops(f, f"curve.{fn.name}", (give, amount), f.sender, (got, expected, receiver))


def _token(address: str) -> Asset:
    return native() if address == ETH_MARKER else asset(address)


def _balancer_swap(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Vault ``swap``: GIVEN_IN ``amount`` of ``assetIn`` for at least ``limit`` of
    ``assetOut``; GIVEN_OUT at most ``limit`` in for exactly ``amount`` out."""
    (_pool, kind, token_in, token_out, amount, _data), funds, limit = a[0], a[1], a[2]
    payer, recipient = funds[0], funds[2]
    give, get = (amount, limit) if kind == 0 else (limit, amount)
    return exchange_ops(
        f, "balancer.swap", (asset(token_in), give), payer, (asset(token_out), get, recipient)
    )


def _balancer_batch(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Vault ``batchSwap``: the assets only taken in are inputs (up to their positive limit),
    those only paid out are outputs (at least their negated limit; 0 when not negative)."""
    _kind, steps, assets, funds, limits = a[:5]
    ins = {s[1] for s in steps}
    outs = {s[2] for s in steps}
    payer, recipient = funds[0], funds[2]
    out: Result = []
    for index, token in enumerate(assets):
        limit = limits[index] if index < len(limits) else 0
        if index in ins and index not in outs:
            give = (asset(token), limit if limit > 0 else None)
            out += exchange_ops(f, "balancer.batch_swap", give, payer, None)
        elif index in outs and index not in ins:
            get = (asset(token), -limit if limit < 0 else 0, recipient)
            out += exchange_ops(f, "balancer.batch_swap", (None, None), payer, get)
    return out


_SINGLE = "(bytes32,uint8,address,address,uint256,bytes)"
_FUNDS = "(address,bool,address,bool)"
_STEP = "(bytes32,uint256,uint256,uint256,bytes)"
TABLE = (
    ("exchange(int128,int128,uint256,uint256)", _curve),
    ("exchange(int128,int128,uint256,uint256,address)", _curve),
    ("exchange_underlying(int128,int128,uint256,uint256)", _curve),
    ("exchange_underlying(int128,int128,uint256,uint256,address)", _curve),
    ("exchange(uint256,uint256,uint256,uint256)", _curve),
    ("exchange(uint256,uint256,uint256,uint256,bool)", _curve),
    ("exchange(uint256,uint256,uint256,uint256,address)", _curve),
    ("exchange(uint256,uint256,uint256,uint256,bool,address)", _curve),
    ("exchange_underlying(uint256,uint256,uint256,uint256)", _curve),
    ("exchange_underlying(uint256,uint256,uint256,uint256,address)", _curve),
    ("exchange(address[11],uint256[5][5],uint256,uint256)", _curve_router),
    ("exchange(address[11],uint256[5][5],uint256,uint256,address[5])", _curve_router),
    ("exchange(address[11],uint256[5][5],uint256,uint256,address[5],address)", _curve_router),
    ("exchange_multiple(address[9],uint256[3][4],uint256,uint256)", _curve_router),
    ("exchange_multiple(address[9],uint256[3][4],uint256,uint256,address[4])", _curve_router),
    (
        "exchange_multiple(address[9],uint256[3][4],uint256,uint256,address[4],address)",
        _curve_router,
    ),
    (f"swap({_SINGLE},{_FUNDS},uint256,uint256)", _balancer_swap),
    (f"batchSwap(uint8,{_STEP}[],address[],{_FUNDS},int256[],uint256)", _balancer_batch),
)
