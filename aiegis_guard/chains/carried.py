"""A transaction or typed data presented for signing as a *message*.

Decoders that find one inside an ``eth_sign`` / ``personal_sign`` / Solana ``signMessage``
payload decode it as what it is and note ``carried-by:<method>``; the inspectors judge its
effects exactly as ``check_transaction`` / ``check_typed_data`` would, and say so with an
informational finding (the verdict is the one its effects get):

===================================  ======  ==============================================
``tx.<tag>.transaction_as_message``  ALLOW   a transaction is being signed as a message
``tx.<tag>.typed_data_as_message``   ALLOW   typed data / a permit is being signed as text
===================================  ======  ==============================================
"""

from __future__ import annotations

from aiegis_guard.chains.transaction import DecodedTransaction, PayloadKind
from aiegis_guard.findings import Action, Category, Finding, Severity

__all__ = ["CARRIED", "carried_findings"]

CARRIED = "carried-by:"


def carried_findings(decoded: DecodedTransaction, tag: str) -> list[Finding]:
    """The one informational finding for a request carried by a message, else none."""
    method = next((n[len(CARRIED) :] for n in decoded.notes if n.startswith(CARRIED)), None)
    if method is None:
        return []
    shape = next((n[8:] for n in decoded.notes if n.startswith("message:")), "?")
    is_tx = decoded.kind is PayloadKind.TRANSACTION
    what = "a transaction" if is_tx else "typed data (a permit or an order)"
    return [
        Finding(
            rule_id=f"tx.{tag}.{'transaction' if is_tx else 'typed_data'}_as_message",
            category=Category.TRANSACTION,
            severity=Severity.LOW,
            action=Action.ALLOW,
            message=f"{what} is being signed as a message ({method}); judged by what it does",
            evidence=(f"method:{method}", f"shape:{shape}"),
        )
    ]
