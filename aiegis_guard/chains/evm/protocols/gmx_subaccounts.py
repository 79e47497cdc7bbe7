"""GMX v2 SubaccountRouter: one-click-trading subaccounts that trade the caller's account.

Source: gmx-io/gmx-synthetics ``contracts/router/SubaccountRouter.sol`` (``addSubaccount(address
subaccount)``, ``removeSubaccount(address)``, ``setSubaccountExpiresAt(address, bytes32
actionType, uint256 expiresAt)``, ``setMaxAllowedSubaccountActionCount(address, bytes32,
uint256)``, ``setSubaccountAutoTopUpAmount(address, uint256)``, ``setIntegrationId(address,
bytes32)``; each keyed by ``msg.sender``, the account) and ``BaseRouter.sol`` (``sendWnt(receiver,
amount)`` wraps ``amount`` of the call's ETH and sends it on; ``multicall(bytes[])``).
Deployment: SubaccountRouter_1 ``0x78F4…68aa`` on Arbitrum (gmx-synthetics ``config/roles.ts``
ROUTER_PLUGIN members; gmx-interface contracts config ``SubaccountRouter``).

A subaccount may create, update and cancel orders for the account (``_handleSubaccountAction``:
``createOrder(account, params)``, the collateral pulled from the account through the Router
plugin) until its action count or expiry runs out: an authority ``agent`` over the caller's
account, given by ``addSubaccount``. The count, expiry, top-up and integration setters tune a
subaccount already added (no party gains anything new); ``removeSubaccount`` takes the power
back. ``sendWnt`` on this router passes the caller's ETH on (``perps.py``; gas money for the
subaccount): own's give to the receiver when the call's value is exactly what it sends on
(``forwarded``), so the ETH is not read as a payment to the router.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.abi import decode_args, parse_types
from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import AuthorityChange
from aiegis_guard.checksums import keccak256

__all__ = ["CONTRACTS", "SUBACCOUNT_ROUTERS", "TABLE", "forwarded"]

SUBACCOUNT_ROUTERS = frozenset({"0x78f414436148b8588bdee4771ea5eb75148668aa"})  # Arbitrum
CONTRACTS = SUBACCOUNT_ROUTERS  # what these handlers mean only here (callee.py)

_MULTICALL = keccak256(b"multicall(bytes[])")[:4]
_SENDS = frozenset(keccak256(s)[:4] for s in (b"sendWnt(address,uint256)",
                                              b"sendNativeToken(address,uint256)"))  # fmt: skip
_PAIR = parse_types("f(address,uint256)")
_BYTES_LIST = parse_types("f(bytes[])")


def _sent_on(data: bytes) -> int | None:
    """ETH a ``sendWnt`` / ``sendNativeToken`` call (or a multicall of them) sends on."""
    if data[:4] in _SENDS:
        return int(decode_args(_PAIR, data[4:])[1])
    if data[:4] != _MULTICALL:
        return None
    calls = [bytes(inner) for inner in decode_args(_BYTES_LIST, data[4:])[0]]
    return sum(int(decode_args(_PAIR, c[4:])[1]) for c in calls if c[:4] in _SENDS)


def forwarded(target: str, data: bytes, value: int | None) -> bool:
    """The call's whole value is sent on by a SubaccountRouter (module docstring)."""
    if target.lower() not in SUBACCOUNT_ROUTERS or value is None:
        return False
    try:
        return _sent_on(data) == value
    except Exception:  # undecodable calldata: the ETH stays a payment to the router
        return False


def _add(f: Frame, fn: Function, a: list[Any]) -> Result:
    return [
        named_call(f, fn),
        AuthorityChange(
            via="gmx.add_subaccount",
            account=f.sender or "",
            new_authority=a[0],
            authority_type="agent",
            current_authority=None,
        ),
    ]


def _configure(f: Frame, fn: Function, a: list[Any]) -> Result:
    """Limits of a subaccount already added, or its removal: nobody gains a power."""
    return [named_call(f, fn)]


TABLE = (
    ("addSubaccount(address)", _add),
    ("removeSubaccount(address)", _configure),
    ("setSubaccountExpiresAt(address,bytes32,uint256)", _configure),
    ("setMaxAllowedSubaccountActionCount(address,bytes32,uint256)", _configure),
    ("setSubaccountAutoTopUpAmount(address,uint256)", _configure),
    ("setIntegrationId(address,bytes32)", _configure),
)
