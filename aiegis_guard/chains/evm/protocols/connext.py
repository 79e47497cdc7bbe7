"""Connext (Amarok) ``xcall``: what leaves this chain and who receives it on the other one.

Source: connext/monorepo ``packages/deployments/contracts/contracts/core/connext/facets/
BridgeFacet.sol`` and the published ``IConnext`` interface (docs.connext.network, "xcall"):

- ``xcall(uint32 _destination, address _to, address _asset, address _delegate, uint256
  _amount, uint256 _slippage, bytes _callData) payable`` (the call's ETH pays the relayer),
  ``xcall(..., bytes _callData, uint256 _relayerFee)`` (the relayer fee "paid in the
  transacting asset", pulled with ``_amount``), and ``xcallIntoLocal`` in both forms ("xcalls
  as normal but forces the receipt of the local (Connext-flavored) asset at destination");
- ``_to``: "address receiving the funds on the destination" (and, when ``_callData`` is not
  empty, the contract whose ``xReceive`` runs with them);
- ``_slippage``: "the maximum slippage a user is willing to take, in BPS, due to the
  StableSwap Pool(s)": at least ``_amount × (10000 − _slippage) / 10000`` arrives (10000 or
  more: nothing is guaranteed);
- ``_delegate``: the "address that can revert or forceLocal on destination"
  (``forceUpdateSlippage`` / ``forceReceiveLocal``): a delegate other than the caller and the
  recipient may lower the minimum to nothing, so the minimum guarantees nothing then;
- ``_asset`` 0 with ``_amount`` 0 is a message only: ``_callData`` for ``_to`` (no value).

The transfer is a bridge exchange (``bridges.bridge_ops``): a give of ``_amount`` (+ the
relayer fee) of ``_asset`` to the Connext diamond, a receipt of the minimum to ``_to`` (a
recipient neither own nor allowlisted BLOCKs; a minimum of 0 FLAGs). The destination token
is not named by the request: the source asset stands for it. A message to a contract on the
destination is an opaque call of ``_to`` (FLAG unless own or allowlisted); so is the
``xReceive`` that runs with a transfer's funds when ``_callData`` is not empty: ``_to``
decides where they go from there. An allowlisted ``_to`` is trusted with them, as any
allowlisted callee and as an Across deposit's recipient with a ``message`` is (only Across's
public MulticallHandler has its instructions read: ``across_handler.py``).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, word_address
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.transaction import Call

__all__ = ["TABLE", "connext_minimum"]

_BPS = 10_000


def connext_minimum(amount: int, slippage: int, delegate: str, keepers: tuple[str, ...]) -> int:
    """What ``xcall`` guarantees to arrive: ``amount`` less ``slippage`` bps; nothing when the
    slippage is total or a ``delegate`` outside ``keepers`` may reset it on the destination."""
    if slippage >= _BPS or delegate not in (ZERO, *keepers):
        return 0
    return amount * (_BPS - slippage) // _BPS


def _xcall(f: Frame, fn: Function, a: list[Any]) -> Result:
    _domain, to, token, delegate, amount, slippage, call_data = a[:7]
    fee = a[7] if len(a) > 7 else 0
    via = f"connext.{fn.name}"
    if token == ZERO:  # a message only: the calldata runs on ``to`` over there
        if not call_data:
            return []
        return [_destination_call(f, via, to, f"{fn.name} message", bytes(call_data))]
    minimum = connext_minimum(amount, slippage, delegate, (f.sender or ZERO, to))
    paid = (asset(token), amount + fee)
    out = bridge_ops(f, via, paid, (asset(token), minimum), to)
    if call_data:  # ``xReceive`` of ``to`` runs with the funds: what it does is ``to``'s code
        out.append(_destination_call(f, via, to, f"{fn.name} xReceive", bytes(call_data)))
    return out


def _destination_call(f: Frame, via: str, to: str, name: str, data: bytes) -> Call:
    """``to``'s code run on the destination with ``data`` (``xReceive(..., _callData)``): an
    opaque call there, naming the addresses ``data``'s words hold (an allowlisted ``to`` whose
    data names a stranger FLAGs, as any opaque call of an allowlisted contract that names one:
    ``judge_gives._third_party``); it settles nothing on this chain (``remote``)."""
    words = (word_address(data[at : at + 32]) for at in range(0, len(data) - 31, 32))
    names = tuple(dict.fromkeys(a for a in words if a and a not in (to, f.origin)))
    return Call(via=via, target=to, name=name, sender=f.sender, names=names, remote=True)


_XCALL = "uint32,address,address,address,uint256,uint256,bytes"
TABLE = (
    (f"xcall({_XCALL})", _xcall),
    (f"xcall({_XCALL},uint256)", _xcall),
    (f"xcallIntoLocal({_XCALL})", _xcall),
    (f"xcallIntoLocal({_XCALL},uint256)", _xcall),
)
