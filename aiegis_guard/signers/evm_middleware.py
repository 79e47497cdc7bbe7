"""A web3.py (v7/v8) middleware that checks what is sent to the node before it gets there.

``eth_sendTransaction`` / ``eth_sendRawTransaction`` are judged like
:meth:`Guard.check_transaction`; ``eth_signTypedData*``, ``eth_sign`` and ``personal_sign``
like :meth:`Guard.check_typed_data` / :meth:`Guard.check_message`. BLOCK raises
:class:`~aiegis_guard.errors.GuardBlocked`; FLAG asks the approver (default: deny). A sent
transaction's spend is recorded before the request and released only when the node answers
with an error (see :meth:`GuardWeb3Middleware._sending` for why)::

    w3.middleware_onion.inject(guard_middleware(guard), name="aiegis", layer=0)

Placed as the innermost layer (``layer=0``) it sees the raw transaction that web3's own
signing middleware produced; any layer works.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

from web3.exceptions import ProviderConnectionError
from web3.middleware.base import Web3Middleware

from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.findings import Action, Chain
from aiegis_guard.signers.approval import ApprovalRequest, Approver, ask_async, deny_all
from aiegis_guard.signers.evm_account import decode_or_none, enforce
from aiegis_guard.verdict import Verdict

if TYPE_CHECKING:
    from web3 import AsyncWeb3, Web3
    from web3.types import AsyncMakeRequestFn, MakeRequestFn, RPCEndpoint, RPCResponse

    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.guard import Guard
    from aiegis_guard.ledger import SpendReservation

__all__ = ["GuardWeb3Middleware", "guard_middleware"]

log = logging.getLogger("aiegis_guard")

SEND = frozenset({"eth_sendTransaction", "eth_sendRawTransaction"})
TYPED = frozenset({"eth_signTypedData", "eth_signTypedData_v3", "eth_signTypedData_v4"})
MESSAGES = frozenset({"eth_sign", "personal_sign"})


def _is_address(value: Any) -> bool:
    return isinstance(value, str) and len(value) == 42 and value[:2] in ("0x", "0X")


class GuardWeb3Middleware(Web3Middleware):
    """Checks transactions and signature requests on their way to the node."""

    def __init__(
        self,
        w3: Web3 | AsyncWeb3[Any],
        guard: Guard,
        approver: Approver = deny_all,
        context: Mapping[str, Any] | None = None,
        chain_id: int | None = None,
    ) -> None:
        super().__init__(w3)
        self.guard = guard
        self.approver = approver
        self.context = context
        self.chain_id = chain_id  # None: asked of the node (``eth_chainId``) for each message

    # --- judging ---------------------------------------------------------------------------

    def _context(self, signer: str | None) -> dict[str, Any]:
        ctx = dict(self.context or {})
        if signer:
            ctx["own_evm"] = [*ctx.get("own_evm", ()), signer]
        return ctx

    def judge(
        self, method: str, params: Any, chain_id: int | None = None
    ) -> tuple[Verdict, DecodedTransaction | None]:
        """The verdict for one request, and the decoded transaction whose spend to reserve;
        ``chain_id``: the chain the node is on (a message has none of its own)."""
        params = list(params or ())
        payload = params[0] if params else None
        g = self.guard
        if method in SEND:
            signer = payload.get("from") if isinstance(payload, Mapping) else None
            decoded = decode_or_none(g, payload)
            signer = signer or (decoded.sender if decoded else None)
            context = self._context(signer)
            if decoded is None:  # judged as undecodable (FLAG)
                return g.check_transaction(payload, chain=Chain.EVM, context=context), None
            return g.check_decoded(decoded, context=context), decoded
        if method in TYPED:
            signer, data = [*params, None, None][:2]
            return g.check_typed_data(data, context=self._context(signer)), None
        # eth_sign(address, data) / personal_sign(data, address)
        data, signer = (params[1], params[0]) if method == "eth_sign" else (payload, None)
        if not isinstance(data, str | bytes):
            data = ""  # nothing to sign: an empty message, judged like any other
        if method == "personal_sign" and len(params) > 1 and _is_address(params[1]):
            signer = params[1]
        verdict = g.check_message(
            data, method=method, context=self._context(signer), chain_id=chain_id
        )
        return verdict, None

    @contextlib.contextmanager
    def _sending(self, decoded: DecodedTransaction | None) -> Iterator[list[bool]]:
        """Count the spend *before* the node sees the transaction (commit before send).

        The body marks ``refused[0]`` when the node answers with a JSON-RPC error.

        * Reserve and commit first: a ledger that cannot record the spend raises
          :class:`LedgerError` and nothing is sent. (Committing after the send, a ledger
          failing between the node's acceptance and the commit left money gone and nothing
          counted once the reservation expired.)
        * The node refused (an ``error`` answer): the spend is released. If releasing fails,
          the spend stays counted until its period ends: over-counting is the safe side.
        * The request raised an error the node gave (an RPC error, eth-tester's validation):
          released as well.
        * The transport failed (timeout, connection reset: ``OSError``, web3's
          ``ProviderConnectionError``): the node may have broadcast the transaction, so the
          spend stays counted.
        """
        refused = [False]
        if decoded is None or not self.guard.policy.limits:
            yield refused
            return
        reservation = self.guard.spend(decoded)
        try:
            reservation.commit()
        except BaseException:
            with contextlib.suppress(LedgerError):  # else the reservation expires by itself
                reservation.rollback()
            raise
        try:
            yield refused
        except Exception as exc:
            if not isinstance(exc, _TRANSPORT_ERRORS):
                _release(reservation)
            raise
        if refused[0]:
            _release(reservation)

    # --- sync ------------------------------------------------------------------------------

    def wrap_make_request(self, make_request: MakeRequestFn) -> MakeRequestFn:
        def middleware(method: RPCEndpoint, params: Any) -> RPCResponse:
            if method not in SEND and method not in TYPED and method not in MESSAGES:
                return make_request(method, params)
            chain_id = self.chain_id
            if chain_id is None and method in MESSAGES:
                chain_id = _node_chain_id(lambda: make_request(_CHAIN_ID, []))
            verdict, decoded = self.judge(method, params, chain_id)
            enforce(self.guard, verdict, str(method), self.approver, {"method": method})
            with self._sending(decoded if method in SEND else None) as refused:
                response = make_request(method, params)
                refused[0] = "error" in response
            return response

        return middleware

    # --- async -----------------------------------------------------------------------------

    async def async_wrap_make_request(self, make_request: AsyncMakeRequestFn) -> AsyncMakeRequestFn:
        async def middleware(method: RPCEndpoint, params: Any) -> RPCResponse:
            if method not in SEND and method not in TYPED and method not in MESSAGES:
                return await make_request(method, params)
            chain_id = self.chain_id
            if chain_id is None and method in MESSAGES:
                answer = await _async_answer(make_request)
                chain_id = _node_chain_id(lambda: answer)
            verdict, decoded = self.judge(method, params, chain_id)
            await self._approve_async(verdict, str(method))
            with self._sending(decoded if method in SEND else None) as refused:
                response = await make_request(method, params)
                refused[0] = "error" in response
            return response

        return middleware

    async def _approve_async(self, verdict: Verdict, method: str) -> None:
        if verdict.action is Action.ALLOW:
            return
        if verdict.action is Action.BLOCK:
            raise GuardBlocked(verdict)
        request = ApprovalRequest(action=method, verdict=verdict, details={"method": method})
        if not await ask_async(self.approver, request, audit=self.guard.audit):
            raise GuardBlocked(verdict, f"not approved: {verdict.summary()}")


_TRANSPORT_ERRORS = (OSError, ProviderConnectionError)
_CHAIN_ID = cast("RPCEndpoint", "eth_chainId")


def _node_chain_id(ask: Callable[[], Any]) -> int | None:
    """The node's chain id, or None when it cannot say (a hint for judging, never a reason
    to fail the request: the message is judged without it, as before)."""
    try:
        answer = ask()
    except Exception:  # any failure leaves the chain unknown
        return None
    result = answer.get("result") if isinstance(answer, Mapping) else None
    if isinstance(result, str) and result[:2] in ("0x", "0X") and len(result) <= 18:
        try:
            return int(result, 16)
        except ValueError:
            return None
    return result if type(result) is int and result >= 0 else None


async def _async_answer(make_request: AsyncMakeRequestFn) -> Any:
    try:
        return await make_request(_CHAIN_ID, [])
    except Exception:  # any failure leaves the chain unknown
        return None


def _release(reservation: SpendReservation) -> None:
    try:
        reservation.release()
    except LedgerError as exc:  # stays counted: over-counting is the safe side
        log.error("aiegis_guard: releasing a refused send failed (%s); it stays counted", exc)


def guard_middleware(
    guard: Guard | None = None,
    *,
    approver: Approver = deny_all,
    context: Mapping[str, Any] | None = None,
    chain_id: int | None = None,
) -> Any:
    """A middleware for ``w3.middleware_onion`` (sync ``Web3`` and ``AsyncWeb3``).

    ``chain_id``: the chain signatures are for; by default the node's (``eth_chainId``),
    asked when a message (``personal_sign`` / ``eth_sign``) is to be judged."""
    if guard is None:
        from aiegis_guard.guard import Guard

        guard = Guard()
    return functools.partial(_build, guard, approver, context, chain_id)


def _build(
    guard: Guard,
    approver: Approver,
    context: Mapping[str, Any] | None,
    chain_id: int | None,
    w3: Web3 | AsyncWeb3[Any],
) -> GuardWeb3Middleware:
    return GuardWeb3Middleware(w3, guard, approver, context, chain_id)
