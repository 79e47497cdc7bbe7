"""Approval for LangChain surfaces, including LangGraph's ``interrupt`` for graph agents.

    tools = guard_tools(tools, guard=guard, approver=interrupt_approver)
    graph = builder.compile(checkpointer=InMemorySaver())
    out = graph.invoke(inputs, {"configurable": {"thread_id": "t1"}})   # pauses: __interrupt__
    graph.invoke(Command(resume="approve"), {"configurable": {"thread_id": "t1"}})

The interrupt value is a masked description (``{"type": "aiegis_approval", ...}``); resume
with ``"approve"`` / ``True`` / ``{"type": "approve"}`` to approve, anything else rejects.
On resume LangGraph runs the tool again: the guard re-judges the same call (the run taint is
kept per thread, so the verdict is the same) and the interrupt returns the answer.
Every decision goes to the guard's audit log (``aiegis_guard.signers.approval.ask``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from aiegis_guard.guard import Guard
from aiegis_guard.signers.approval import ApprovalRequest, ask, ask_async
from aiegis_guard.verdict import Verdict

__all__ = ["interrupt_approver", "is_approval", "request_approval", "request_approval_async"]

_YES = frozenset({"approve", "approved", "yes", "y", "allow", "accept"})


def is_approval(answer: Any) -> bool:
    """Read a resume value: ``True``, ``"approve"``, ``{"type": "approve"}`` approve."""
    if answer is True:
        return True
    if isinstance(answer, str):
        return answer.strip().lower() in _YES
    if isinstance(answer, Mapping):
        if answer.get("approved") is True:
            return True
        kind = answer.get("type") or answer.get("decision")
        return isinstance(kind, str) and kind.strip().lower() in _YES
    return False


def interrupt_approver(request: ApprovalRequest) -> bool:
    """Ask a human through LangGraph's ``interrupt`` (needs a checkpointer and a thread_id).

    Raises LangGraph's ``GraphInterrupt`` the first time (the graph pauses); returns the
    human's answer when the graph is resumed with ``Command(resume=...)``.
    """
    from langgraph.types import interrupt

    value = {
        "type": "aiegis_approval",
        "action": request.action,
        "summary": request.verdict.summary(),
        "explanation": request.verdict.explain(),
        "effects": list(request.verdict.effect_lines),
        "details": dict(request.details),
        "allowed_decisions": ["approve", "reject"],
    }
    return is_approval(interrupt(value))


interrupt_approver.raises_interrupt = True  # type: ignore[attr-defined]


def _request(action: str, verdict: Verdict, details: Mapping[str, Any]) -> ApprovalRequest:
    return ApprovalRequest(action=action, verdict=verdict, details=dict(details))


def request_approval(
    approver: Any, action: str, verdict: Verdict, details: Mapping[str, Any], guard: Guard
) -> bool:
    """Ask ``approver`` (None -> deny); audited. A LangGraph interrupt is let through."""
    request = _request(action, verdict, details)
    if getattr(approver, "raises_interrupt", False):
        answer = approver(request)  # GraphInterrupt propagates: the graph pauses here
        return ask(lambda _r: answer is True, request, audit=guard.audit)
    return ask(approver, request, audit=guard.audit)


async def request_approval_async(
    approver: Any, action: str, verdict: Verdict, details: Mapping[str, Any], guard: Guard
) -> bool:
    """Async :func:`request_approval` (sync and async approvers both work)."""
    request = _request(action, verdict, details)
    if getattr(approver, "raises_interrupt", False):
        answer = approver(request)
        return await ask_async(lambda _r: answer is True, request, audit=guard.audit)
    return await ask_async(approver, request, audit=guard.audit)
