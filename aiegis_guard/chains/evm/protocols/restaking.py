"""Restaking and liquid staking: EigenLayer deposits, withdrawals and delegation; Rocket Pool
deposits and rETH redemptions.

Sources:

- Layr-Labs/eigenlayer-contracts ``src/contracts/interfaces/IStrategyManager.sol``
  (``depositIntoStrategy(strategy, token, amount)``: ``token`` moves from ``msg.sender`` to
  the strategy, shares are credited to the caller; ``depositIntoStrategyWithSignature(
  strategy, token, amount, staker, expiry, signature)``: from ``msg.sender``, shares to
  ``staker``), ``IDelegationManager.sol`` (``delegateTo(operator, SignatureWithExpiry{bytes
  signature, uint256 expiry}, bytes32 approverSalt)``: the caller's restaked shares are
  delegated to ``operator``; M2 ``queueWithdrawals(QueuedWithdrawalParams{IStrategy[]
  strategies, uint256[] shares, address withdrawer}[])``: the shares leave the staker and are
  paid out to ``withdrawer`` when the withdrawal completes; the slashing release keeps the
  layout, the third field ``__deprecated_withdrawer``) and ``src/contracts/core/
  DelegationManager.sol`` (M2 requires ``withdrawer == msg.sender``; M1 did not: a request
  naming another withdrawer is judged by what it asks); mainnet deployments from the
  repository's README (DelegationManager, StrategyManager, the stETH / rETH strategies, the
  Beacon Chain ETH pseudo-strategy ``0xbeaC0eeE…beaC0``).
- rocket-pool/rocketpool ``contracts/contract/deposit/RocketDepositPool.sol`` (``deposit()
  payable``: ``rocketTokenRETH.mint(depositNet, msg.sender)``) and
  ``contracts/contract/token/RocketTokenRETH.sol`` (``burn(uint256 _rethAmount)``: the rETH
  of ``msg.sender`` burnt, its ETH value sent to ``msg.sender``); the deposit pool's mainnet
  address as RocketStorage resolves it in several independent integrations (the pool moves
  with Rocket Pool upgrades: a newer pool is an unknown contract until listed here).

Every function is decoded on the listed deployments only; the same selector anywhere else is
an opaque call (a look-alike contract is no explanation).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority, native
from aiegis_guard.chains.evm.protocols.swaps import SWAP, swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Asset, Receipt, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["ROCKET_DEPOSIT_POOL", "TABLE", "rocket_deposit"]

DELEGATION_MANAGER = "0x39053d51b77dc0d36036fc1fcc8cb819df8ef37a"
STRATEGY_MANAGER = "0x858646372cc42e1a627fce94aa7a7033e7cf075a"
ROCKET_DEPOSIT_POOL = "0xdd3f50f8a6cafbe9b31a427582963f465e745af8"
RETH = "0xae78736cd615f374d3085123a210448e74fc6393"
_BEACON_CHAIN_ETH = "0xbeac0eeeeeeeeeeeeeeeeeeeeeeeeeeeeeebeac0"
# strategy -> what a completed withdrawal pays (eigenlayer-contracts README, mainnet)
_UNDERLYING = {
    "0x93c4b944d05dfe6df7645a86cd2206016c51564d": "0xae7ab96520de3a18e5e111b5eaab095312d7fe84",
    "0x1bee69b7dfffa4e2d53c2a2df135c388ad25dcd2": RETH,
    _BEACON_CHAIN_ETH: ZERO,
}


def _paid_out(strategy: str) -> Asset:
    """What a completed withdrawal from ``strategy`` pays: its token when listed, else the
    strategy's shares themselves."""
    token = _UNDERLYING.get(strategy)
    if token is None:
        return asset(strategy)
    return native() if token == ZERO else asset(token)


def _deposit(f: Frame, via: str, deal: tuple[str, str, int], staker: str) -> Result:
    """``amount`` of ``token`` from the caller into ``strategy``; the shares (an amount at
    the on-chain rate) credited to ``staker``: an exchange, a stranger credited is the
    deposit given away."""
    strategy, token, amount = deal
    give = Transfer(
        via=via, asset=asset(token), sender=f.sender, recipient=strategy, amount=amount, order=SWAP
    )
    shares = Receipt(via=via, asset=asset(strategy), recipient=staker, amount=None, order=SWAP)
    return [give, shares]


def _deposit_into_strategy(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != STRATEGY_MANAGER or f.sender is None:
        return [named_call(f, fn, known=False)]
    return _deposit(f, "eigenlayer.deposit", (a[0], a[1], a[2]), f.sender)


def _deposit_with_signature(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != STRATEGY_MANAGER or f.sender is None:
        return [named_call(f, fn, known=False)]
    strategy, token, amount, staker = a[:4]
    return _deposit(f, "eigenlayer.deposit_for", (strategy, token, amount), staker)


def _delegate_to(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The caller's restaked shares follow ``operator`` (who decides what they are slashed
    for): an authority over the caller's stake in the DelegationManager."""
    if f.target != DELEGATION_MANAGER or f.sender is None:
        return [named_call(f, fn, known=False)]
    return [authority(f, "eigenlayer.delegate", "delegate", a[0])]


def _queue_withdrawals(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Each ``(strategies, shares, withdrawer)``: the staker's shares leave for the
    withdrawer; to the caller it is a receipt of what the strategy pays, to anyone else a
    give of that many shares (the amount the request names)."""
    if f.target != DELEGATION_MANAGER or f.sender is None:
        return [named_call(f, fn, known=False)]
    out: Result = []
    for strategies, shares, withdrawer in a[0]:
        if len(strategies) != len(shares):
            raise EvmDecodeError("queueWithdrawals: strategies and shares differ in length")
        for strategy, count in zip(strategies, shares, strict=True):
            if withdrawer == f.sender:
                what = _paid_out(strategy)
                out.append(
                    Receipt(via="eigenlayer.withdraw", asset=what, recipient=f.sender, amount=None)
                )
            else:
                give = Transfer(
                    via="eigenlayer.withdraw",
                    asset=asset(strategy),
                    sender=f.sender,
                    recipient=withdrawer,
                    amount=count,
                )
                out.append(give)
    return out


def rocket_deposit(f: Frame, fn: Function, a: list[Any]) -> Result:
    """RocketDepositPool ``deposit()``: the ETH sent (the call's value, already a transfer)
    comes back as rETH minted to ``msg.sender`` (the amount at the on-chain rate)."""
    if f.target != ROCKET_DEPOSIT_POOL or f.sender is None:
        return [named_call(f, fn, known=False)]
    return [Receipt(via="rocketpool.deposit", asset=asset(RETH), recipient=f.sender, amount=None)]


def _reth_burn(f: Frame, fn: Function, a: list[Any]) -> Result:
    """rETH ``burn(amount)``: the caller's rETH for its ETH value, paid to ``msg.sender``.
    ``burn(uint256)`` on any other token stays opaque."""
    if f.target != RETH or f.sender is None:
        return [named_call(f, fn, known=False)]
    return swap_ops(f, "rocketpool.burn", (RETH, a[0]), (ZERO, None), f.sender)


TABLE = (
    ("depositIntoStrategy(address,address,uint256)", _deposit_into_strategy),
    (
        "depositIntoStrategyWithSignature(address,address,uint256,address,uint256,bytes)",
        _deposit_with_signature,
    ),
    ("delegateTo(address,(bytes,uint256),bytes32)", _delegate_to),
    ("queueWithdrawals((address[],uint256[],address)[])", _queue_withdrawals),
    ("burn(uint256)", _reth_burn),
)
