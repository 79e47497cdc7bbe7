"""Disperse: one payment of the caller split over a list of recipients.

Source: banteg/disperse ``contracts/Disperse.sol``: ``disperseEther(address[] recipients,
uint256[] values)`` sends ``values[i]`` wei to ``recipients[i]`` and refunds the rest of
``msg.value`` to ``msg.sender``; ``disperseToken(token, recipients, values)`` pulls the total
from ``msg.sender`` (``transferFrom``) and pays each recipient; ``disperseTokenSimple`` pulls
each payment straight from ``msg.sender`` to its recipient. Deployed at
``DISPERSE`` (``data/evm_protocols.json``).

Each recipient is a give of the caller (one per recipient: a name listed several times is
one give of its total). ``disperseEther`` on Disperse itself forwards the call's value
(``wrappers.forwards_value``); the same selector on any other contract keeps the ETH sent
to that contract and stays an unknown call.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset, native
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Asset, Transfer
from aiegis_guard.errors import EvmDecodeError

__all__ = ["DISPERSE", "DISPERSE_ETHER", "TABLE"]

DISPERSE = "0xd152f549545093347a162dce210e7293f1452150"
DISPERSE_ETHER = bytes.fromhex("e63d38ed")  # disperseEther(address[],uint256[])


def _gives(f: Frame, via: str, what: Asset, recipients: list[str], values: list[int]) -> Result:
    if len(recipients) != len(values):
        raise EvmDecodeError("disperse: recipients and values differ in length")
    totals: dict[str, int] = {}
    for to, value in zip(recipients, values, strict=True):
        totals[to] = totals.get(to, 0) + value
    return [
        Transfer(via=via, asset=what, sender=f.sender, recipient=to, amount=amount)
        for to, amount in totals.items()
    ]


def _disperse_ether(f: Frame, fn: Function, a: list[Any]) -> Result:
    if f.target != DISPERSE:
        return [named_call(f, fn, known=False)]
    return _gives(f, "disperse.ether", native(), a[0], a[1])


def _disperse_token(f: Frame, fn: Function, a: list[Any]) -> Result:
    token, recipients, values = a
    out = _gives(f, f"disperse.{fn.name}", asset(token), recipients, values)
    if f.target != DISPERSE:  # someone else's contract pulling own's tokens: also unknown
        out.insert(0, named_call(f, fn, known=False))
    return out


TABLE = (
    ("disperseEther(address[],uint256[])", _disperse_ether),
    ("disperseToken(address,address[],uint256[])", _disperse_token),
    ("disperseTokenSimple(address,address[],uint256[])", _disperse_token),
)
