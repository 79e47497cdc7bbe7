"""OP Stack ``OptimismPortal.depositTransaction``: a deposit that becomes an L2 transaction.

Source: ethereum-optimism/optimism ``packages/contracts-bedrock/src/L1/OptimismPortal2.sol``
(``depositTransaction(address _to, uint256 _value, uint64 _gasLimit, bool _isCreation, bytes
_data) payable``: ``msg.value`` is minted on L2 to the caller (aliased when the caller is a
contract), then an L2 transaction from the caller sends ``_value`` to ``_to`` with ``_data``;
``_isCreation`` deploys a contract instead, ``_to`` must then be 0). The portal proxies
(OP Mainnet, Base) are in ``data/evm_protocols.json``.

A bridge transfer (``bridges.bridge_ops``): the call's ETH (already a transfer to the
portal) out to ``_to`` on L2 as ``_value`` (``_value`` above ``msg.value`` draws on the
caller's L2 balance: ``_to`` still gets it). ``_data`` is a call the caller's L2 account
makes into ``_to``: an opaque call from the own account (on L2) unless ``_to`` is the caller.
A deployment on L2 names no recipient: the code it creates decides where the value goes, an
opaque call. Any other contract with the
selector is an opaque call (a look-alike portal is no explanation).
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, native
from aiegis_guard.chains.evm.protocols.bridges import bridge_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Call

__all__ = ["PORTALS", "TABLE"]

# OptimismPortal proxies on Ethereum mainnet (rows of ``data/evm_protocols.json``)
PORTALS = frozenset(
    {
        "0xbeb5fc579115071764c7423a4f12edde41f106ed",  # OP Mainnet
        "0x49048044d57e1c92a77f79988d21fa8faf74e97e",  # Base
    }
)


def _deposit_transaction(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, value, _gas, creation, data = a
    if f.target not in PORTALS:
        return [named_call(f, fn, known=False, names=(to,))]
    if creation:
        return [named_call(f, fn, known=False)]
    out: Result = []
    if value:
        out = bridge_ops(f, "op_portal.deposit_transaction", (None, None), (native(), value), to)
    if data and to != f.sender:  # the caller's L2 account calls code the request does not show
        l2_call = Call(
            via="op_portal.l2_call",
            target=to,
            selector="0x" + bytes(data[:4]).hex() if len(data) >= 4 else None,
            known=False,
            sender=f.sender,
        )
        out.append(l2_call)
    return out or [named_call(f, fn)]


TABLE = (("depositTransaction(address,uint256,uint64,bool,bytes)", _deposit_transaction),)
