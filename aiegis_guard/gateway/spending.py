"""Reserving the spend of a judged tool call (the gateway and the MCP proxy share it)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from aiegis_guard.callbacks.walk import walk
from aiegis_guard.chains.transaction import PayloadKind
from aiegis_guard.errors import DecodeError, GuardBlocked, LedgerError

if TYPE_CHECKING:
    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.guard import Guard
    from aiegis_guard.ledger import SpendReservation

__all__ = ["release", "reserve_spends"]


def reserve_spends(
    guard: Guard, args: Any, transfers: Sequence[DecodedTransaction] = ()
) -> list[SpendReservation]:
    """Reserve every value move ``args`` carries — each transaction and typed-data message
    (a Permit2 signature transfer: ``chains/amounts.SIGNED_TRANSFERS``) in it and the transfers
    its recipient and amount fields name (``transfers``: read outside every payload, so a
    decoy transaction never hides the payment the tool makes) — all or nothing. A payload
    that cannot be decoded was FLAGged by the judge (``tx.undecodable``). Raises GuardBlocked
    (over a limit) / LedgerError."""
    from aiegis_guard.chains.dispatch import decode_typed

    decoded = list(transfers)
    for payload in walk(args).payloads:
        try:
            if payload.kind is PayloadKind.TRANSACTION:
                decoded.append(guard.decode_transaction(payload.value))
            elif payload.kind is PayloadKind.TYPED_DATA:  # a signature transfer is a give too
                decoded.append(decode_typed(payload.value))
        except DecodeError:  # judged already: tx.undecodable needed a human
            continue
    held: list[SpendReservation] = []
    try:
        for tx in decoded:
            held.append(guard.spend(tx))
    except (GuardBlocked, LedgerError):
        release(held)
        raise
    return held


def release(held: Sequence[SpendReservation]) -> None:
    for reservation in held:
        try:
            reservation.rollback()
        except LedgerError:  # it expires by itself
            continue
