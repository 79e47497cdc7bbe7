"""A web3.py (v7/v8) middleware that checks what is sent to the node before it gets there.

Every transaction a request carries (``eth_sendTransaction``, ``eth_signTransaction``,
``eth_sendRawTransaction*``, Flashbots' ``eth_sendPrivateTransaction`` / ``eth_sendBundle``,
EIP-5792 ``wallet_sendCalls``: :mod:`~aiegis_guard.chains.evm.rpc_methods`) is judged like
:meth:`Guard.check_transaction`; ``eth_signTypedData*``, ``eth_sign`` and ``personal_sign``
like :meth:`Guard.check_typed_data` / :meth:`Guard.check_message`; any other method whose name
says it signs or sends is FLAGged (``guard.uninspected``). BLOCK raises
:class:`~aiegis_guard.errors.GuardBlocked`; FLAG asks the approver (default: deny). A signed
or sent transaction's spend is recorded before the request (with the middleware's ``context``
and the request's sender as own addresses) and released only when the node answers with an
error (see :meth:`GuardWeb3Middleware._sending` for why)::

    w3.middleware_onion.inject(guard_middleware(guard), name="aiegis", layer=0)

Placed as the innermost layer (``layer=0``) it sees the raw transaction that web3's own
signing middleware produced; any layer works.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from web3.exceptions import ProviderConnectionError
from web3.middleware.base import Web3Middleware

from aiegis_guard.chains.evm.rpc_methods import (
    MESSAGES,
    TYPED,
    carried_transactions,
    signs_or_sends,
)
from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity
from aiegis_guard.signers.approval import ApprovalRequest, Approver, ask_async, deny_all
from aiegis_guard.signers.evm_account import decode_or_none, decode_typed_or_none, enforce
from aiegis_guard.verdict import Verdict, combine

if TYPE_CHECKING:
    from web3 import AsyncWeb3, Web3
    from web3.types import AsyncMakeRequestFn, MakeRequestFn, RPCEndpoint, RPCResponse

    from aiegis_guard.chains.transaction import DecodedTransaction
    from aiegis_guard.guard import Guard
    from aiegis_guard.ledger import SpendReservation

__all__ = ["GuardWeb3Middleware", "guard_middleware"]

log = logging.getLogger("aiegis_guard")


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

    def _context(self, *signers: str | None) -> dict[str, Any]:
        ctx = dict(self.context or {})
        own = [s for s in signers if s]
        if own:
            ctx["own_evm"] = [*ctx.get("own_evm", ()), *dict.fromkeys(own)]
        return ctx

    def judge(
        self, method: str, params: Any, chain_id: int | None = None
    ) -> tuple[Verdict, list[DecodedTransaction], dict[str, Any]]:
        """The verdict for one request, the decoded transactions whose spend to reserve and
        the context they were judged with; ``chain_id``: the chain the node is on (a message
        has none of its own)."""
        g = self.guard
        carried = carried_transactions(method, params)
        if carried is not None:
            return self._judge_transactions(carried.payloads, carried.signer, carried.unreadable)
        params = list(params or ())
        payload = params[0] if params else None
        if method in TYPED:
            signer, data = [*params, None, None][:2]
            context = self._context(signer)
            typed = decode_typed_or_none(data)  # its signature transfers are reserved
            return g.check_typed_data(data, context=context), [typed] if typed else [], context
        if method not in MESSAGES:  # signs or sends by its name, and not read here
            reason = f"{method} signs or sends; aiegis_guard does not read it"
            return g.check_text("", extra_findings=[_uninspected(reason)]), [], self._context(None)
        # eth_sign(address, data) / personal_sign(data, address)
        data, signer = (params[1], params[0]) if method == "eth_sign" else (payload, None)
        if not isinstance(data, str | bytes):
            data = ""  # nothing to sign: an empty message, judged like any other
        if method == "personal_sign" and len(params) > 1 and _is_address(params[1]):
            signer = params[1]
        context = self._context(signer)
        verdict = g.check_message(data, method=method, context=context, chain_id=chain_id)
        return verdict, [], context

    def _judge_transactions(
        self, payloads: list[Any], signer: str | None, unreadable: list[str]
    ) -> tuple[Verdict, list[DecodedTransaction], dict[str, Any]]:
        """Every carried transaction judged; the strongest verdict decides."""
        g = self.guard
        verdicts: list[Verdict] = []
        decoded_all: list[DecodedTransaction] = []
        senders = [signer] if signer else []
        decodes = [decode_or_none(g, payload) for payload in payloads]
        senders += [d.sender for d in decodes if d is not None and d.sender]
        context = self._context(*senders)
        for payload, decoded in zip(payloads, decodes, strict=True):
            if decoded is None:  # judged as undecodable (FLAG)
                verdicts.append(g.check_transaction(payload, chain=Chain.EVM, context=context))
            else:
                verdicts.append(g.check_decoded(decoded, context=context))
                decoded_all.append(decoded)
        if unreadable or not verdicts:
            reasons = ", ".join(unreadable) or "no transaction in the request"
            verdicts.append(g.check_text("", extra_findings=[_uninspected(reasons)]))
        if len(verdicts) == 1:
            return verdicts[0], decoded_all, context
        return combine(verdicts), decoded_all, context

    @contextlib.contextmanager
    def _sending(
        self, decoded: list[DecodedTransaction], context: Mapping[str, Any]
    ) -> Iterator[list[bool]]:
        """Count the spend *before* the node sees the transactions (commit before send).

        The body marks ``refused[0]`` when the node answers with a JSON-RPC error.

        * Reserve and commit first (with the context the transactions were judged with: a
          transfer out of a context-own vault is the agent's spend): a ledger that cannot
          record the spend raises :class:`LedgerError` and nothing is sent. (Committing after
          the send, a ledger failing between the node's acceptance and the commit left money
          gone and nothing counted once the reservation expired.)
        * The node refused (an ``error`` answer): the spend is released. If releasing fails,
          the spend stays counted until its period ends: over-counting is the safe side.
        * The request raised an error the node gave (an RPC error, eth-tester's validation):
          released as well.
        * The transport failed (timeout, connection reset: ``OSError``, web3's
          ``ProviderConnectionError``): the node may have broadcast the transaction, so the
          spend stays counted.
        """
        refused = [False]
        if not decoded or not self.guard.policy_for(context).limits:
            yield refused
            return
        reservations: list[SpendReservation] = []
        try:
            for one in decoded:
                reservation = self.guard.spend(one, context=context)
                reservations.append(reservation)
                reservation.commit()
        except BaseException:  # one over its limit, or the ledger failed: none is sent
            for reservation in reservations:
                with contextlib.suppress(LedgerError):  # else it expires / stays counted
                    reservation.release()
            raise
        try:
            yield refused
        except Exception as exc:
            if not isinstance(exc, _TRANSPORT_ERRORS):
                _release(reservations)
            raise
        if refused[0]:
            _release(reservations)

    # --- sync ------------------------------------------------------------------------------

    def wrap_make_request(self, make_request: MakeRequestFn) -> MakeRequestFn:
        def middleware(method: RPCEndpoint, params: Any) -> RPCResponse:
            if not signs_or_sends(method):
                return make_request(method, params)
            chain_id = self.chain_id
            if chain_id is None and method in MESSAGES:
                chain_id = _node_chain_id(lambda: make_request(_CHAIN_ID, []))
            verdict, decoded, context = self.judge(method, params, chain_id)
            enforce(self.guard, verdict, str(method), self.approver, {"method": method})
            with self._sending(decoded, context) as refused:
                response = make_request(method, params)
                refused[0] = "error" in response
            return response

        return middleware

    # --- async -----------------------------------------------------------------------------

    async def async_wrap_make_request(self, make_request: AsyncMakeRequestFn) -> AsyncMakeRequestFn:
        async def middleware(method: RPCEndpoint, params: Any) -> RPCResponse:
            if not signs_or_sends(method):
                return await make_request(method, params)
            chain_id = self.chain_id
            if chain_id is None and method in MESSAGES:
                answer = await _async_answer(make_request)
                chain_id = _node_chain_id(lambda: answer)
            verdict, decoded, context = self.judge(method, params, chain_id)
            await self._approve_async(verdict, str(method))
            with self._sending(decoded, context) as refused:
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


def _uninspected(reason: str) -> Finding:
    """FLAG: a request that signs or sends and could not be read (never a silent pass)."""
    return Finding(
        rule_id="guard.uninspected",
        category=Category.GUARD,
        severity=Severity.MEDIUM,
        action=Action.FLAG,
        message=f"part of the request was not inspected ({reason}); needs a human",
        evidence=(f"reason:{reason}"[:120],),
    )


def _release(reservations: Sequence[SpendReservation]) -> None:
    for reservation in reservations:
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
