"""SPL Governance (Realms) instructions -> operations: who votes with the own account's
deposited governing tokens.

Source: solana-labs/solana-program-library ``governance/program/src/instruction.rs``
(``GovernanceInstruction``, a Borsh enum with a u8 tag; index 3 ``SetGovernanceDelegate {
new_governance_delegate: Option<Pubkey> }``, accounts ``0. [signer]`` current governance
delegate or governing token owner, ``1. [writable]`` TokenOwnerRecord, the PDA ``['governance',
realm, governing_token_mint, governing_token_owner]``). The delegate votes and creates
proposals for the owner with the owner's whole deposit in that realm and mint: an
:class:`AuthorityChange` (``votes``) on the TokenOwnerRecord by the signer. ``None`` takes
the delegation back: nobody gains anything. The program's other instructions are not read
(opaque calls).

SPL Governance program id ``GovER5Lthms3bLBqWub97yVrMmEogzX7xNjdXpPPCVZw`` (the program's
``README.md`` / Realms' default).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from aiegis_guard.chains.solana.layout import Ix, Layout, authority_change, known
from aiegis_guard.chains.transaction import Operation

__all__ = ["GOVERNANCE_BUILDERS", "GOVERNANCE_PROGRAM", "governance_layout"]

GOVERNANCE_PROGRAM: Final = "GovER5Lthms3bLBqWub97yVrMmEogzX7xNjdXpPPCVZw"

_SET_DELEGATE: Final = Layout(
    "SetGovernanceDelegate",
    (("new_governance_delegate", "opt_pubkey"),),
    ("authority", "token_owner_record"),
)


def governance_layout(data: bytes) -> tuple[Layout | None, int]:
    """The layout of a read SPL Governance instruction (u8 tag), ``(None, 0)`` otherwise."""
    return (_SET_DELEGATE, 1) if data[:1] == b"\x03" else (None, 0)


def _set_delegate(ix: Ix, refs: Any) -> list[Operation]:
    new = ix.args["new_governance_delegate"]
    if new is None:
        return known(ix)
    via = "governance.set_delegate"
    current = ix.acc["authority"]
    return [authority_change(ix, "token_owner_record", via, "votes", new, current=current)]


_Builder = Callable[[Ix, Any], list[Operation]]
GOVERNANCE_BUILDERS: Final[dict[tuple[str, str], _Builder]] = {
    ("governance", "SetGovernanceDelegate"): _set_delegate,
}
