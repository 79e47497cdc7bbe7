"""Lido stETH share transfers: ``transferShares`` / ``transferSharesFrom``.

Source: lidofinance/lido-dao ``contracts/0.4.24/StETH.sol`` (``transferShares(address
_recipient, uint256 _sharesAmount)``: ``_sharesAmount`` shares move from ``msg.sender`` to
``_recipient``; ``transferSharesFrom(address _sender, address _recipient, uint256
_sharesAmount)``: from ``_sender``, spending the caller's stETH allowance of the shares'
worth). The amount is a number of shares, not of stETH (one share is worth
``getPooledEthByShares(1)``, more than one stETH, and the rate moves with every oracle
report): the stETH the shares are worth is not in the request, and the shares figure is below
it. The give is written as stETH of an unknown amount, never as the smaller figure, so a
stETH ``[[limits]]`` entry refuses it (a limited asset needs a known amount) instead of
counting it short; the shares moved are a note (``lido-shares:<n>``).

Decoded on the mainnet stETH (``data/evm_protocols.json``) only: the same selector elsewhere
is an opaque call.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Transfer

__all__ = ["STETH", "TABLE"]

STETH = "0xae7ab96520de3a18e5e111b5eaab095312d7fe84"


def _shares(f: Frame, fn: Function, sender: str | None, to: str, shares: int) -> Result:
    if f.target != STETH:
        return [named_call(f, fn, known=False, names=(to,))]
    via = "lido.transfer_shares" if fn.name == "transferShares" else "lido.transfer_shares_from"
    give = Transfer(
        via=via, asset=asset(STETH), sender=sender, recipient=to, amount=None if shares else 0
    )
    return [give, f"lido-shares:{shares}"]


def _transfer_shares(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``transferShares(_recipient, _sharesAmount)``: the caller's shares to ``_recipient``."""
    return _shares(f, fn, f.sender, a[0], a[1])


def _transfer_shares_from(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``transferSharesFrom(_sender, _recipient, _sharesAmount)``: ``_sender``'s shares (own's
    only when ``_sender`` is an own account) to ``_recipient``."""
    return _shares(f, fn, a[0], a[1], a[2])


TABLE = (
    ("transferShares(address,uint256)", _transfer_shares),
    ("transferSharesFrom(address,address,uint256)", _transfer_shares_from),
)
