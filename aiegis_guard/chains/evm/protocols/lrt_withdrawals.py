"""Liquid-restaking withdrawal queues: whose the ETH of a queued withdrawal becomes.

Source: PufferFinance/puffer-contracts ``mainnet-contracts/src/PufferWithdrawalManager.sol``:
``requestWithdrawal(uint128 pufETHAmount, address recipient)`` pulls ``pufETHAmount`` pufETH
(``PUFFER_VAULT``) from ``msg.sender`` and queues a withdrawal for ``recipient`` ("the address
to receive the withdrawn ETH"); ``completeQueuedWithdrawal`` later pays it, at the
finalisation rate (the amount is not in the request), wrapped as ``WETH`` and transferred to
that recipient whoever completes it. Mainnet manager and pufETH (PufferVault) as in
PufferFinance/puffer-sdk ``lib/contracts/addresses.ts`` ("source of truth:
PufferFinance/Deployments-and-ACL").

The request is an exchange (``order = SWAP``): the pufETH given to the manager, the payout (no
amount) received by ``recipient``: a recipient neither own nor allowlisted BLOCKs
(``swap_recipient``). The reading holds wherever it is called (``callee.py`` adds the opaque
call of a manager outside the book beside it); the token pulled is the manager's ``asset`` in
``data/evm_protocols.json``, else a stand-in.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import Frame, Result, asset
from aiegis_guard.chains.evm.protocols.swaps import exchange_ops
from aiegis_guard.chains.evm.protocols.vaults import stand_in
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.known import vault_asset

__all__ = ["TABLE"]


def _puffer_request(f: Frame, fn: Function, a: list[Any]) -> Result:
    amount, recipient = a[:2]
    token = vault_asset(f.target)
    given = asset(token) if token is not None else stand_in("pufETH", f.target)
    payout = stand_in("ETH (as WETH) paid out", f.target)
    return exchange_ops(f, "puffer.request_withdrawal", (given, amount), f.sender,
                        (payout, None, recipient))  # fmt: skip


TABLE = (("requestWithdrawal(uint128,address)", _puffer_request),)
