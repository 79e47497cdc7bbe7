"""A guarded Solana signer: the last line of defence around a solders ``Keypair``.

:class:`GuardedKeypair` signs only what the guard lets through. It decodes the *exact message
bytes* it is about to sign, asks the :class:`~aiegis_guard.guard.Guard`, and then:

* BLOCK -> raises :class:`~aiegis_guard.errors.GuardBlocked` (nothing is signed);
* FLAG  -> asks the approver (:func:`aiegis_guard.signers.approval.ask`; default :func:`deny_all`),
  raises ``GuardBlocked`` unless approved;
* ALLOW / approved -> reserves the spend in the ledger (``Guard.spend``, per-period limits)
  and signs; the spend is committed once signed (:meth:`sign_transaction`) or once the
  signed transaction was handed to the caller's ``send`` (:meth:`send_transaction`; it stays
  counted when ``send`` raises: the transaction may have left).

solders' signer protocol is implemented in Rust (``Keypair``, ``Presigner``, ``NullSigner``),
so a Python object cannot be passed where solders expects a signer; :meth:`presigner` returns a
solders ``Presigner`` for a checked message instead, usable in ``VersionedTransaction(msg,
[...])``. The keypair is never exposed: no property returns it and ``repr`` shows the pubkey.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from solders.keypair import Keypair
from solders.message import Message, MessageV0, from_bytes_versioned, to_bytes_versioned
from solders.presigner import Presigner
from solders.pubkey import Pubkey
from solders.signature import Signature
from solders.transaction import Transaction, VersionedTransaction

from aiegis_guard.chains.solana.decode import (
    LookupTables,
    decode_offchain_message,
    decode_solana,
    text_bytes,
)
from aiegis_guard.chains.solana.inspect import resolve_solana
from aiegis_guard.chains.solana.wire import parse_wire
from aiegis_guard.chains.transaction import DecodedTransaction, PayloadKind
from aiegis_guard.errors import GuardBlocked, InputError, SolanaDecodeError
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.signers.approval import ApprovalRequest, Approver, ask, deny_all
from aiegis_guard.verdict import Verdict

__all__ = ["GuardedKeypair", "Signable"]

log = logging.getLogger("aiegis_guard")

Signable = Transaction | VersionedTransaction | Message | MessageV0 | bytes | str
T = TypeVar("T")


@dataclass(frozen=True)
class _Target:
    """What will be signed: the message, its bytes, the signatures so far, our slot."""

    message: Message | MessageV0
    raw: bytes
    signatures: list[Signature]
    index: int
    legacy: bool  # return a legacy ``Transaction``

    def signed(self, signature: Signature) -> Transaction | VersionedTransaction:
        sigs = list(self.signatures)
        sigs[self.index] = signature
        if self.legacy:
            assert isinstance(self.message, Message)
            return Transaction.populate(self.message, sigs)
        return VersionedTransaction.populate(self.message, sigs)


def _text_payload(text: str) -> bytes:
    try:
        return text_bytes(text.strip(), "base64")
    except SolanaDecodeError:
        return text_bytes(text.strip(), "base58")


def _parse(tx: Signable) -> tuple[Message | MessageV0, list[Signature] | None, bool]:
    if isinstance(tx, Transaction):
        return tx.message, list(tx.signatures), True
    if isinstance(tx, VersionedTransaction):
        return tx.message, list(tx.signatures), False  # type: ignore[return-value]
    if isinstance(tx, Message):
        return tx, None, True
    if isinstance(tx, MessageV0):
        return tx, None, False
    raw = _text_payload(tx) if isinstance(tx, str) else bytes(tx)
    signatures, _ = parse_wire(raw)  # tells a transaction from a bare message, strictly
    try:
        if signatures is None:
            return from_bytes_versioned(raw), None, False  # type: ignore[return-value]
        vtx = VersionedTransaction.from_bytes(raw)
        return vtx.message, list(vtx.signatures), False  # type: ignore[return-value]
    except ValueError:
        raise SolanaDecodeError("not a serialized Solana transaction or message") from None


class GuardedKeypair:
    """A solders ``Keypair`` that signs only what the guard allows (or a human approves)."""

    def __init__(
        self,
        keypair: Keypair,
        guard: Guard | None = None,
        *,
        approver: Approver | None = deny_all,
        context: Mapping[str, Any] | None = None,
        lookup_tables: LookupTables | None = None,
    ) -> None:
        self._keypair = keypair
        self.guard = guard or Guard()
        self.approver = approver
        own = str(keypair.pubkey())
        self.context: dict[str, Any] = dict(context or {})
        self.context["own_solana"] = (*self.context.get("own_solana", ()), own)
        self.lookup_tables = lookup_tables

    def __repr__(self) -> str:
        return f"GuardedKeypair({self.pubkey()})"

    def pubkey(self) -> Pubkey:
        return self._keypair.pubkey()

    # --- judging ---------------------------------------------------------------------------

    def _target(self, tx: Signable) -> _Target:
        message, signatures, legacy = _parse(tx)
        keys = list(message.account_keys[: message.header.num_required_signatures])
        if self.pubkey() not in keys:
            raise InputError(f"{self.pubkey()} is not a required signer of this transaction")
        sigs = signatures or [Signature.default()] * len(keys)
        return _Target(
            message, to_bytes_versioned(message), sigs, keys.index(self.pubkey()), legacy
        )

    def check(self, tx: Signable, *, lookup_tables: LookupTables | None = None) -> Verdict:
        """The guard's verdict on the message ``tx`` carries (nothing is signed)."""
        return self._verdict(self._target(tx).raw, lookup_tables)

    def _verdict(self, raw: bytes, lookup_tables: LookupTables | None) -> Verdict:
        tables = lookup_tables if lookup_tables is not None else self.lookup_tables
        payload = {"transaction": raw, "lookup_tables": tables}
        return self.guard.check_transaction(payload, chain="solana", context=self.context)

    def _enforce(self, verdict: Verdict, action: str, details: Mapping[str, Any]) -> None:
        if verdict.action is Action.BLOCK:
            raise GuardBlocked(verdict)
        if verdict.action is Action.FLAG:
            request = ApprovalRequest(action=action, verdict=verdict, details=details)
            if not ask(self.approver, request, audit=self.guard.audit):
                raise GuardBlocked(verdict, f"not approved: {verdict.summary()}")

    def _authorize(self, raw: bytes, lookup_tables: LookupTables | None) -> DecodedTransaction:
        """Judge ``raw`` (BLOCK raises, FLAG asks); the resolved decode for the ledger."""
        tables = lookup_tables if lookup_tables is not None else self.lookup_tables
        try:  # decode once: judge what was decoded, reserve what was judged
            decoded = decode_solana(raw, lookup_tables=tables)
        except SolanaDecodeError:
            verdict = self._verdict(raw, tables)  # tx.undecodable, or a crash: never signed
            raise GuardBlocked(verdict, "not signing what cannot be decoded") from None
        verdict = self.guard.check_decoded(decoded, context=self.context)
        if verdict.action is Action.BLOCK:
            raise GuardBlocked(verdict)
        details = {
            "signer": str(self.pubkey()),
            "operations": "; ".join(op.via for op in decoded.operations),
        }
        self._enforce(verdict, "solana.sign_transaction", details)
        return resolve_solana(decoded, self.guard.policy_for(self.context))

    # --- signing ---------------------------------------------------------------------------

    def sign_transaction(
        self, tx: Signable, *, lookup_tables: LookupTables | None = None
    ) -> Transaction | VersionedTransaction:
        """Check, reserve the spend and add this keypair's signature (other signatures kept).

        Returns a ``Transaction`` for legacy ``Transaction``/``Message`` input, else a
        ``VersionedTransaction``. Raises ``GuardBlocked`` (BLOCK, FLAG not approved, over a
        per-period limit) and ``SolanaDecodeError`` (not a transaction).
        """
        target = self._target(tx)
        decoded = self._authorize(target.raw, lookup_tables)
        with self.guard.spend(decoded, context=self.context):
            return target.signed(self._keypair.sign_message(target.raw))

    def send_transaction(
        self,
        tx: Signable,
        send: Callable[[Transaction | VersionedTransaction], T],
        *,
        lookup_tables: LookupTables | None = None,
    ) -> T:
        """Check, sign and ``send``. The spend is committed *before* ``send`` (a ledger that
        cannot record it raises :class:`LedgerError` and nothing is sent) and stays counted
        whatever ``send`` does: once the signed transaction is handed to it, it may be on the
        network (solana-py raises *after* broadcasting on a confirmation timeout), and a
        transaction that left is always counted."""
        target = self._target(tx)
        decoded = self._authorize(target.raw, lookup_tables)
        signed = target.signed(self._keypair.sign_message(target.raw))
        reservation = self.guard.spend(decoded, context=self.context)
        with reservation:
            reservation.commit()
        try:
            return send(signed)
        except BaseException as exc:  # the spend stays: the transaction may have left
            log.info("aiegis_guard: send raised %s after signing; its spend stays", type(exc))
            raise

    def presigner(self, tx: Signable, *, lookup_tables: LookupTables | None = None) -> Presigner:
        """A solders ``Presigner`` for this (checked) message, usable as a solders signer."""
        target = self._target(tx)
        decoded = self._authorize(target.raw, lookup_tables)
        with self.guard.spend(decoded, context=self.context):
            return Presigner(self.pubkey(), self._keypair.sign_message(target.raw))

    def sign_message(self, message: bytes | str) -> Signature:
        """Sign an off-chain message (``signMessage``) after the guard read it.

        Text goes through the text guard; binary blobs are FLAGged (blind); bytes that are a
        serialized transaction are judged as that transaction (signing them signs it).
        """
        raw = message.encode("utf-8") if isinstance(message, str) else bytes(message)
        decoded = decode_offchain_message(raw)  # what is signed: a text's UTF-8 bytes
        if decoded.kind is PayloadKind.TRANSACTION:
            resolved = self._authorize(raw, None)
            with self.guard.spend(resolved, context=self.context):
                return self._keypair.sign_message(raw)
        verdict = self.guard.check_message(raw, method="solana_signMessage", context=self.context)
        self._enforce(verdict, "solana.sign_message", {"signer": str(self.pubkey())})
        return self._keypair.sign_message(raw)
