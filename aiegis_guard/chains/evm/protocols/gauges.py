"""Curve gauge reward receivers and the ENS primary name: calls that name who gets something.

Sources:

- curvefi/curve-factory ``contracts/LiquidityGauge.vy`` (and curvefi/curve-dao-contracts
  ``contracts/gauges/LiquidityGaugeV4.vy`` / ``V5.vy``): ``set_rewards_receiver(_receiver)``
  sets ``rewards_receiver[msg.sender]``, the default receiver of every later
  ``claim_rewards`` of the caller's rewards (zero: the caller), and ``claim_rewards`` may be
  called by anyone for the caller: a lasting authority over where the caller's rewards go
  (:class:`AuthorityChange` ``rewards_receiver`` on the gauge). ``claim_rewards(_addr,
  _receiver)`` with a receiver pays the caller's pending rewards there once (Curve asserts
  ``_addr == msg.sender`` then); ``claim_rewards()`` / ``claim_rewards(_addr)`` pay to the
  default receiver already set: nothing the request decides. The reward tokens are not in
  the calldata, so the gauge stands for them in a one-time claim. Gauges are many (one per
  pool, factory-made), but the selectors are plain names any contract can carry ("claim your
  rewards" is the textbook lure): a call that moves nothing is a known call only on a gauge
  of ``data/evm_protocols.json`` (``kind: gauge``); elsewhere it stays opaque (the policy's
  allowlist decides). What names a receiver (a lasting ``rewards_receiver``, a one-time
  receiver) is read on any contract: it is the caller's word wherever it goes.
- ensdomains/ens-contracts ``ReverseRegistrar.sol`` / ``deployments/mainnet/ReverseRegistrar.json``
  (``0xa58E…c7Cb``): ``setName(string)`` sets the caller's own reverse record (its primary
  name): nothing of value or control moves. Only on that deployment; elsewhere opaque.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.known import known_gauges
from aiegis_guard.chains.transaction import Receipt

__all__ = ["CONTRACTS", "ENS_REVERSE_REGISTRAR", "TABLE"]

ENS_REVERSE_REGISTRAR = "0xa58e81fe9b61b5c3fe2afd33cf304c454abfc7cb"
CONTRACTS = frozenset({ENS_REVERSE_REGISTRAR})  # (callee.py; the gauges: data/evm_protocols.json)


def _gauge_call(f: Frame, fn: Function) -> Result:
    """A gauge call that moves nothing: known on a known gauge, else an opaque call."""
    return [named_call(f, fn, known=f.target in known_gauges())]


def _set_rewards_receiver(f: Frame, fn: Function, a: list[Any]) -> Result:
    if a[0] == ZERO:  # back to the caller itself: nobody gains anything
        return _gauge_call(f, fn)
    return [authority(f, "curve_gauge.rewards_receiver", "rewards_receiver", a[0])]


def _claim_rewards(f: Frame, fn: Function, a: list[Any]) -> Result:
    receiver = a[1] if len(a) == 2 else ZERO
    if receiver in (ZERO, f.sender) or f.sender is None:  # the default receiver already set
        return _gauge_call(f, fn)
    rewards = asset(f.target)  # the gauge's reward tokens: not named by the calldata
    return [Receipt(via="curve_gauge.claim_rewards", asset=rewards, recipient=receiver,
                    amount=None)]  # fmt: skip


def _set_name(f: Frame, fn: Function, a: list[Any]) -> Result:
    """The caller's own primary name; on any other contract, or with ETH, opaque."""
    return [named_call(f, fn, known=f.target == ENS_REVERSE_REGISTRAR and not f.value)]


TABLE = (
    ("set_rewards_receiver(address)", _set_rewards_receiver),
    ("claim_rewards()", _claim_rewards),
    ("claim_rewards(address)", _claim_rewards),
    ("claim_rewards(address,address)", _claim_rewards),
    ("setName(string)", _set_name),
)
