"""Sky (ex-Maker) DAI ⇄ USDS converter: one to one, paid to ``usr``.

Source: makerdao/usds ``src/DaiUsds.sol`` (``daiToUsds(address usr, uint256 wad)``: ``wad`` DAI
taken from ``msg.sender`` and burned through ``DaiJoin``, ``wad`` USDS minted to ``usr``;
``usdsToDai(address usr, uint256 wad)``: the reverse), deployed at
``0x3225737a9Bbb6473CB4a45b7244ACa2BeFdB276A`` with DAI
``0x6B175474E89094C44Da98b954EedeAC495271d0F`` and USDS
``0xdC035D45d973E3EC169d2276DDab16f1e407384F`` (Sky chainlog ``DAI_USDS``, ``DAI``, ``USDS``, as
Sky's executive spells and integrations reproduce them).

A conversion is an exchange (``order = SWAP``): the caller gives ``wad`` of one token to the
converter, ``usr`` gets exactly ``wad`` of the other: an output to anyone but the own account
(or an allowlisted recipient) is a ``swap_recipient``. On any other contract the same selectors
run a stranger's code: an unknown call naming ``usr``.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result
from aiegis_guard.chains.evm.protocols.swaps import swap_ops
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call

__all__ = ["CONTRACTS", "DAI_USDS", "TABLE"]

DAI_USDS = "0x3225737a9bbb6473cb4a45b7244aca2befdb276a"
CONTRACTS = frozenset({DAI_USDS})  # what these handlers mean only here (callee.py)
DAI = "0x6b175474e89094c44da98b954eedeac495271d0f"
USDS = "0xdc035d45d973e3ec169d2276ddab16f1e407384f"


def _convert(f: Frame, fn: Function, a: list[Any]) -> Result:
    usr, wad = a
    if f.target != DAI_USDS:
        return [named_call(f, fn, known=False, names=(usr,))]
    given, got = (DAI, USDS) if fn.name.startswith("daiToUsds") else (USDS, DAI)
    return swap_ops(f, f"sky.{fn.name}", (given, wad), (got, wad), usr)


TABLE = (
    ("daiToUsds(address,uint256)", _convert),
    ("usdsToDai(address,uint256)", _convert),
)
