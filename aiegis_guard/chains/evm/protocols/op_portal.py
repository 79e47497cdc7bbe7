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
makes into ``_to`` (the portal does not alias an EOA caller): decoded as a call of the caller's
(a frame), so an effect it carries (an approval, a transfer) is judged as the same call on L1
would be, and a call to the caller itself is kept, since an account with code (an EIP-7702
delegation, whose chain-id-0 authorisations apply on L2 too, or a smart account) runs it as
itself: its ``execute`` is the account's own authority.
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

__all__ = ["PORTALS", "TABLE"]

# OptimismPortal proxies on Ethereum mainnet (rows of ``data/evm_protocols.json``)
PORTALS = frozenset(
    {
        "0xbeb5fc579115071764c7423a4f12edde41f106ed",  # OP Mainnet
        "0x49048044d57e1c92a77f79988d21fa8faf74e97e",  # Base
    }
)


def _l2_call(f: Frame, to: str, value: int, data: bytes) -> Frame:
    """The L2 transaction ``from = caller, to = _to``, decoded like any call of the caller's:
    a call to itself runs the account's own code there (an EIP-7702 delegate or a smart
    account's ``execute``, authorised by ``msg.sender == address(this)``), never a no-op."""
    return Frame(to, f.sender, to, value, data, f.depth + 1, False, f.origin, f.path)


def _deposit_transaction(f: Frame, fn: Function, a: list[Any]) -> Result:
    to, value, _gas, creation, data = a
    if f.target not in PORTALS:
        return [named_call(f, fn, known=False, names=(to,))]
    if creation:
        return [named_call(f, fn, known=False)]
    out: Result = []
    if value:
        out = bridge_ops(f, "op_portal.deposit_transaction", (None, None), (native(), value), to)
    if data:  # the caller's L2 account makes this call, a call to itself included
        out.append(_l2_call(f, to, value, bytes(data)))
    return out or [named_call(f, fn)]


TABLE = (("depositTransaction(address,uint256,uint64,bool,bytes)", _deposit_transaction),)
