"""The last line of defence for EVM keys: a guarded eth-account ``LocalAccount``.

:class:`GuardedAccount` checks exactly what is about to be signed — a transaction, EIP-712
typed data (the full message), an ``encode_defunct`` / EIP-191 message, an EIP-7702
authorization — before the key is used:

* BLOCK raises :class:`~aiegis_guard.errors.GuardBlocked` (nothing is signed);
* FLAG asks the approver (:mod:`aiegis_guard.signers.approval`; default :func:`deny_all`), and a
  denial raises :class:`GuardBlocked`;
* ALLOW (or approved) reserves the spend against the per-period limits (``Guard.spend``) and
  signs; the reservation commits once the signature exists, and rolls back if signing fails.

Framework-independent: any code that would call ``account.sign_transaction`` can hold a
``GuardedAccount`` instead. The wrapped key is never exposed by this class.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from eth_account.messages import SignableMessage
from eth_typing import Hash32

from aiegis_guard.errors import DecodeError, GuardBlocked
from aiegis_guard.findings import Action, Chain
from aiegis_guard.signers.approval import ApprovalRequest, Approver, ask, deny_all
from aiegis_guard.verdict import Verdict

if TYPE_CHECKING:
    from eth_account.signers.local import LocalAccount

    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.guard import Guard

__all__ = ["GuardedAccount", "decode_or_none", "enforce", "judge_payload", "reserved"]

T = TypeVar("T")
_DOMAIN_ORDER = (
    ("name", "string"),
    ("version", "string"),
    ("chainId", "uint256"),
    ("verifyingContract", "address"),
    ("salt", "bytes32"),
)


def enforce(
    guard: Guard,
    verdict: Verdict,
    action: str,
    approver: Approver,
    details: Mapping[str, Any] | None = None,
) -> None:
    """Raise :class:`GuardBlocked` unless the verdict allows, or a FLAG is approved."""
    if verdict.action is Action.ALLOW:
        return
    if verdict.action is Action.BLOCK:
        raise GuardBlocked(verdict)
    request = ApprovalRequest(action=action, verdict=verdict, details=dict(details or {}))
    if not ask(approver, request, audit=guard.audit):
        raise GuardBlocked(verdict, f"not approved: {verdict.summary()}")


@contextlib.contextmanager
def reserved(
    guard: Guard, decoded: DecodedTransaction | None, context: Mapping[str, Any] | None = None
) -> Iterator[None]:
    """Hold the spend while the body signs/sends: committed on success, rolled back on error."""
    if decoded is None or not guard.policy.limits:
        yield
        return
    with guard.spend(decoded, context=context):
        yield


def decode_or_none(guard: Guard, payload: Any) -> DecodedTransaction | None:
    try:
        return guard.decode_transaction(payload, chain=Chain.EVM)
    except DecodeError:
        return None  # judged as tx.undecodable (FLAG); an approved one has nothing to reserve


def decode_typed_or_none(payload: Any) -> DecodedTransaction | None:
    """The typed-data message decoded, to reserve what it moves (a Permit2 signature transfer);
    None when it does not decode (judged as such, nothing to reserve)."""
    from aiegis_guard.chains.dispatch import decode_typed

    try:
        return decode_typed(payload)
    except DecodeError:
        return None


def judge_payload(
    guard: Guard, payload: Any, context: Mapping[str, Any] | None
) -> tuple[Verdict, DecodedTransaction | None]:
    """Decode once and judge what was decoded (an undecodable payload is judged as such)."""
    decoded = decode_or_none(guard, payload)
    if decoded is None:
        return guard.check_transaction(payload, chain=Chain.EVM, context=context), None
    return guard.check_decoded(decoded, context=context), decoded


def _full_typed_data(
    domain: Mapping[str, Any] | None,
    types: Mapping[str, Any] | None,
    message: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """eth-account's three-part form -> one ``eth_signTypedData_v4`` payload."""
    domain = dict(domain or {})
    types = {k: v for k, v in (types or {}).items() if k != "EIP712Domain"}
    referenced = {
        f.get("type", "").split("[")[0]
        for fields in types.values()
        for f in fields
        if isinstance(f, Mapping)
    }
    roots = [name for name in types if name not in referenced]
    domain_type = [{"name": n, "type": t} for n, t in _DOMAIN_ORDER if n in domain]
    return {
        "types": {"EIP712Domain": domain_type, **types},
        "primaryType": roots[0] if len(roots) == 1 else "",
        "domain": domain,
        "message": dict(message or {}),
    }


class GuardedAccount:
    """An eth-account ``LocalAccount`` that asks the guard before every signature."""

    def __init__(
        self,
        account: LocalAccount,
        *,
        guard: Guard | None = None,
        approver: Approver = deny_all,
        context: Mapping[str, Any] | None = None,
        chain_id: int | None = None,
    ) -> None:
        """``chain_id``: the chain this account signs for. Messages carry none of their own:
        a sign-in (EIP-4361) for another chain is flagged. (A transaction is judged on its
        own ``chainId``; one signed without is valid on every chain, so none is assumed.)"""
        if guard is None:
            from aiegis_guard.guard import Guard

            guard = Guard()
        if chain_id is not None and (type(chain_id) is not int or chain_id < 0):
            raise TypeError(f"chain_id must be a non-negative int, not {chain_id!r:.40}")
        self._account = account
        self.guard = guard
        self.approver = approver
        self.chain_id = chain_id
        own = [*(context or {}).get("own_evm", ()), account.address]
        self.context: dict[str, Any] = {**(context or {}), "own_evm": own}

    @property
    def address(self) -> str:
        return str(self._account.address)

    def __repr__(self) -> str:
        return f"GuardedAccount({self.address})"

    def _signed(
        self,
        verdict: Verdict,
        action: str,
        decoded: DecodedTransaction | None,
        sign: Callable[[], T],
    ) -> T:
        enforce(self.guard, verdict, action, self.approver, {"account": self.address})
        with reserved(self.guard, decoded, self.context):
            return sign()

    def sign_transaction(self, transaction_dict: Mapping[str, Any]) -> Any:
        """Check, reserve the spend, then sign (returns eth-account's ``SignedTransaction``)."""
        tx = dict(transaction_dict)
        checked = {**tx, "from": tx.get("from") or self.address}
        verdict, decoded = judge_payload(self.guard, checked, self.context)
        return self._signed(
            verdict, "sign_transaction", decoded, lambda: self._account.sign_transaction(tx)
        )

    def sign_typed_data(
        self,
        domain_data: Mapping[str, Any] | None = None,
        message_types: Mapping[str, Any] | None = None,
        message_data: Mapping[str, Any] | None = None,
        full_message: Mapping[str, Any] | None = None,
    ) -> Any:
        """Check the whole EIP-712 payload (either form eth-account accepts), then sign."""
        payload = (
            dict(full_message)
            if full_message is not None
            else _full_typed_data(domain_data, message_types, message_data)
        )
        verdict = self.guard.check_typed_data(payload, context=self.context)

        def sign() -> Any:
            if full_message is not None:
                return self._account.sign_typed_data(full_message=dict(full_message))
            parts = (domain_data, message_types, message_data)
            return self._account.sign_typed_data(*(None if p is None else dict(p) for p in parts))

        return self._signed(verdict, "sign_typed_data", decode_typed_or_none(payload), sign)

    def sign_message(self, signable_message: SignableMessage) -> Any:
        """Check an EIP-191 message (``encode_defunct`` text, validator data) and sign it.

        A version-0x01 message (``encode_typed_data`` output) carries only hashes: it is blind
        and blocked — sign the full payload with :meth:`sign_typed_data` instead.
        """
        if not isinstance(signable_message, SignableMessage):
            raise TypeError("sign_message expects an eth_account SignableMessage")
        structured = bytes(signable_message.version) == b"\x01"
        body = bytes(signable_message.body)  # 0x01: the struct hash, not the message
        method = "eth_sign" if structured else "personal_sign"
        verdict = self.guard.check_message(
            body, method=method, context=self.context, chain_id=self.chain_id
        )
        return self._signed(
            verdict, "sign_message", None, lambda: self._account.sign_message(signable_message)
        )

    def unsafe_sign_hash(self, message_hash: bytes) -> Any:
        """Signing a bare hash is blind (``tx.evm.blind_signature``): blocked by default."""
        verdict = self.guard.check_message(
            bytes(message_hash), method="eth_sign", context=self.context, chain_id=self.chain_id
        )
        return self._signed(
            verdict,
            "unsafe_sign_hash",
            None,
            lambda: self._account.unsafe_sign_hash(Hash32(message_hash)),
        )

    def sign_authorization(self, authorization_data: Mapping[str, Any]) -> Any:
        """Check an EIP-7702 delegation of this account's code, then sign it."""
        auth = dict(authorization_data)
        as_tx = {"from": self.address, "to": self.address, "type": 4, "authorizationList": [auth]}
        verdict = self.guard.check_transaction(as_tx, chain=Chain.EVM, context=self.context)
        return self._signed(
            verdict, "sign_authorization", None, lambda: self._account.sign_authorization(auth)
        )
