"""EigenLayer RewardsCoordinator: rewards claims and the claimer an earner names.

Source: Layr-Labs/eigenlayer-contracts ``src/contracts/interfaces/IRewardsCoordinator.sol``
(``processClaim(RewardsMerkleClaim claim, address recipient)``, ``processClaims(
RewardsMerkleClaim[] claims, address recipient)``: for each ``TokenTreeMerkleLeaf{token,
cumulativeEarnings}`` of ``claim.earnerLeaf.earner``, the difference between the earnings and
what was claimed so far is transferred to ``recipient``; only the earner, or the claimer the
earner set, may call it; ``RewardsMerkleClaim{uint32 rootIndex, uint32 earnerIndex, bytes
earnerTreeProof, EarnerTreeMerkleLeaf{address earner, bytes32 earnerTokenRoot}, uint32[]
tokenIndices, bytes[] tokenTreeProofs, TokenTreeMerkleLeaf[] tokenLeaves}``;
``setClaimerFor(address claimer)``: ``claimer`` may call ``processClaim`` for the caller's
rewards, and so chooses their recipient; 0 leaves it to the earner) and
``docs/core/RewardsCoordinator.md``. Mainnet RewardsCoordinator in ``data/evm_protocols.json``.

A claim is what the earner is owed, "all" of each token, and it is the earner's: paid to the
caller, a receipt; paid to the earner, nothing moves; paid to anyone else, a give of all of it
from the earner (the withdrawal rule). Whose funds those are is the policy's question, not
the decoder's: the caller may be the claimer of another own account (a Safe whose hot wallet
claims), so the give names the earner as its sender and the judge weighs the recipient as for
any give (never "none of the caller's funds, so nothing").
A claimer is an authority over the caller's rewards (``claimer``). Decoded on the listed
RewardsCoordinator only: the same selectors elsewhere are opaque calls.
"""

from __future__ import annotations

from typing import Any

from aiegis_guard.chains.evm.frames import ZERO, Frame, Result, asset, authority
from aiegis_guard.chains.evm.selectors import Function
from aiegis_guard.chains.evm.tokens import named_call
from aiegis_guard.chains.transaction import Receipt, Transfer

__all__ = ["REWARDS_COORDINATOR", "TABLE"]

REWARDS_COORDINATOR = "0x7750d328b314effa365a0402ccfd489b80b0adda"
_VIA = "eigenlayer.rewards_claim"


def _claim_ops(f: Frame, claim: Any, recipient: str) -> Result:
    """One ``RewardsMerkleClaim``: each token leaf of the earner paid to ``recipient``."""
    (earner, _root), leaves = claim[3], claim[6]
    out: Result = []
    for token, _cumulative in leaves:
        if recipient == f.sender:
            out.append(Receipt(via=_VIA, asset=asset(token), recipient=recipient, amount=None))
        elif recipient != earner:  # the earner's rewards, paid elsewhere: all of them
            give = Transfer(
                via=_VIA, asset=asset(token), sender=earner, recipient=recipient, amount=None
            )
            out.append(give)
    return out


def _process_claim(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``processClaim(claim, recipient)`` / ``processClaims(claims, recipient)``."""
    if f.target != REWARDS_COORDINATOR or f.sender is None:
        return [named_call(f, fn, known=False, names=(a[1],))]
    claims = a[0] if fn.name == "processClaims" else [a[0]]
    out: Result = []
    for claim in claims:
        out += _claim_ops(f, claim, a[1])
    return out or [named_call(f, fn)]


def _set_claimer_for(f: Frame, fn: Function, a: list[Any]) -> Result:
    """``setClaimerFor(claimer)``: ``claimer`` may claim the caller's rewards to any
    recipient; 0 gives the claim back to the earner (no one gains it)."""
    if f.target != REWARDS_COORDINATOR or f.sender is None:
        return [named_call(f, fn, known=False, names=(a[0],))]
    if a[0] == ZERO:
        return [named_call(f, fn)]
    return [authority(f, "eigenlayer.set_claimer", "claimer", a[0])]


_CLAIM = "(uint32,uint32,bytes,(address,bytes32),uint32[],bytes[],(address,uint256)[])"
TABLE = (
    (f"processClaim({_CLAIM},address)", _process_claim),
    (f"processClaims({_CLAIM}[],address)", _process_claim),
    ("setClaimerFor(address)", _set_claimer_for),
)
