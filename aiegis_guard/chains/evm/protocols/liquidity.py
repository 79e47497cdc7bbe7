"""Pool liquidity with a beneficiary parameter: who receives the LP tokens or the coins.

Sources:

- balancer/balancer-v2-monorepo ``pkg/interfaces/contracts/vault/IVault.sol``:
  ``joinPool(poolId, sender, recipient, JoinPoolRequest(assets, maxAmountsIn, userData,
  fromInternalBalance))`` and ``exitPool(poolId, sender, recipient, ExitPoolRequest(assets,
  minAmountsOut, userData, toInternalBalance))``; the pool (its BPT) is the first 20 bytes
  of ``poolId`` (``PoolRegistry._getPoolAddress``).
- curvefi/curve-contract ``StableSwap*.vy`` / curvefi/stableswap-ng
  ``CurveStableSwapNG.vy``: ``add_liquidity(amounts, min_mint_amount, _receiver)``,
  ``remove_liquidity(_burn_amount, _min_amounts, _receiver)``,
  ``remove_liquidity_one_coin(_burn_amount, i, _min_received, _receiver)``; the forms
  without ``_receiver`` (``contracts/pools/3pool/StableSwap3Pool.vy`` and the other plain
  pools: ``add_liquidity(amounts, min_mint_amount)``, ``remove_liquidity(_amount,
  min_amounts)``, ``remove_liquidity_one_coin(_token_amount, i, min_amount)``) pay
  ``msg.sender``. The LP token is on-chain (the pool itself in the factory pools): a known
  pool's ``lp_token`` (``pooldata.json`` ``lp_token_address``), else the pool's "LP token".

Each is an exchange of the caller (``order = SWAP``): what it pays in, and what comes out to
the receiver (an output to anyone but own is paid away: ``swap_recipient``). A pool nobody
named stays an unknown call.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.pools import coin
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import pool_coins, pool_lp_token
from aiegis_guard.chains.transaction import Asset

__all__ = ["TABLE"]


def _lp(pool: str) -> Asset:
    token = pool_lp_token(pool)
    return asset(token) if token is not None else stand_in("LP token", pool)


def _to_caller(f: Frame, a: list[Any]) -> list[Any]:
    """The arguments of a form without ``_receiver``, the caller appended as the receiver."""
    return [*a, f.sender or f.context]


def _curve_call(f: Frame, fn: Function, out: Result) -> Result:
    if pool_coins(f.target) is None:
        out.insert(0, named_call(f, fn, known=False))
    return out


def _curve_add(f: Frame, fn: Function, a: list[Any]) -> Result:
    amounts, min_mint, receiver = a if len(a) == 3 else _to_caller(f, a)
    via = "curve.add_liquidity"
    out: Result = []
    for index, amount in enumerate(amounts):
        if amount:
            out += exchange_ops(f, via, (coin(f, index), amount), f.sender, None)
    out += exchange_ops(f, via, (None, None), f.sender, (_lp(f.target), min_mint, receiver))
    return _curve_call(f, fn, out)


def _curve_remove(f: Frame, fn: Function, a: list[Any]) -> Result:
    burn, minimums, receiver = a if len(a) == 3 else _to_caller(f, a)
    via = "curve.remove_liquidity"
    out = exchange_ops(f, via, (_lp(f.target), burn), f.sender, None)
    for index, minimum in enumerate(minimums):
        out += exchange_ops(f, via, (None, None), f.sender, (coin(f, index), minimum, receiver))
    return _curve_call(f, fn, out)


def _curve_remove_one(f: Frame, fn: Function, a: list[Any]) -> Result:
    burn, index, minimum, receiver = a if len(a) == 4 else _to_caller(f, a)
    get = (coin(f, index), minimum, receiver)
    out = exchange_ops(f, "curve.remove_liquidity_one_coin", (_lp(f.target), burn), f.sender, get)
    return _curve_call(f, fn, out)


def _balancer_pool(pool_id: bytes) -> str:
    return "0x" + pool_id[:20].hex()


def _balancer_join(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``joinPool``: each asset up to its max in from ``sender``; the BPT to ``recipient``."""
    pool_id, payer, recipient, (assets, max_in, _data, _internal) = a
    via = "balancer.join_pool"
    out: Result = []
    for token, amount in zip(assets, max_in, strict=False):
        if amount:
            out += exchange_ops(f, via, (asset(token), amount), payer, None)
    bpt = asset(_balancer_pool(pool_id))
    return out + exchange_ops(f, via, (None, None), payer, (bpt, None, recipient))


def _balancer_exit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``exitPool``: ``sender``'s BPT burnt; each asset (at least its minimum) to
    ``recipient``."""
    pool_id, payer, recipient, (assets, min_out, _data, _internal) = a
    via = "balancer.exit_pool"
    out = exchange_ops(f, via, (asset(_balancer_pool(pool_id)), None), payer, None)
    for token, minimum in zip(assets, min_out, strict=False):
        out += exchange_ops(f, via, (None, None), payer, (asset(token), minimum, recipient))
    return out


_JOIN = "(address[],uint256[],bytes,bool)"
TABLE = (
    ("add_liquidity(uint256[2],uint256)", _curve_add),
    ("add_liquidity(uint256[3],uint256)", _curve_add),
    ("add_liquidity(uint256[4],uint256)", _curve_add),
    ("remove_liquidity(uint256,uint256[2])", _curve_remove),
    ("remove_liquidity(uint256,uint256[3])", _curve_remove),
    ("remove_liquidity(uint256,uint256[4])", _curve_remove),
    ("remove_liquidity_one_coin(uint256,int128,uint256)", _curve_remove_one),
    ("add_liquidity(uint256[2],uint256,address)", _curve_add),
    ("add_liquidity(uint256[3],uint256,address)", _curve_add),
    ("add_liquidity(uint256[4],uint256,address)", _curve_add),
    ("add_liquidity(uint256[],uint256,address)", _curve_add),
    ("remove_liquidity(uint256,uint256[2],address)", _curve_remove),
    ("remove_liquidity(uint256,uint256[3],address)", _curve_remove),
    ("remove_liquidity(uint256,uint256[4],address)", _curve_remove),
    ("remove_liquidity(uint256,uint256[],address)", _curve_remove),
    ("remove_liquidity_one_coin(uint256,int128,uint256,address)", _curve_remove_one),
    ("remove_liquidity_one_coin(uint256,uint256,uint256,address)", _curve_remove_one),
    (f"joinPool(bytes32,address,address,{_JOIN})", _balancer_join),
    (f"exitPool(bytes32,address,address,{_JOIN})", _balancer_exit),
)
