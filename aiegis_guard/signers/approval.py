"""Human approval for FLAGged value-moving actions. Default when nobody can answer: deny.

An approver is any callable taking an :class:`ApprovalRequest` and returning ``True``
(approve) or ``False`` (reject); async callables are awaited by async callers. Every decision
goes to the audit log when the guard has one. LangGraph's ``interrupt`` approver lives in
``aiegis_guard.callbacks`` (it needs LangGraph).
"""

from __future__ import annotations

import inspect
import logging
import sys
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import IO, Any

from aiegis_guard.verdict import Verdict

__all__ = [
    "ApprovalRequest",
    "Approver",
    "ConsoleApprover",
    "allow_all",
    "ask",
    "ask_async",
    "deny_all",
]

log = logging.getLogger("aiegis_guard")


@dataclass(frozen=True)
class ApprovalRequest:
    """What a human is asked to approve. ``details`` must already be masked."""

    action: str  # "sign_transaction", a tool name, ...
    verdict: Verdict
    details: Mapping[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """The request in words: what it does (its effects, like a wallet's balance-change
        preview), then why it was stopped."""
        lines = [f"aiegis_guard asks for approval: {self.action}"]
        if self.verdict.effects:
            lines.append(
                "what it does: " + "; ".join(_effect_line(e) for e in self.verdict.effects)
            )
        lines.append(self.verdict.explain())
        lines += [f"  {k}: {v}" for k, v in self.details.items()]
        return "\n".join(lines)


def _effect_line(effect: Mapping[str, Any]) -> str:
    """An effect in words, with its counterparty's address whole (the words mask it to
    ``0x28c6…1d60``, exactly the part an address-poisoning look-alike copies)."""
    text = str(effect.get("text", ""))
    party = effect.get("counterparty")
    if isinstance(party, str) and party and party not in text:
        return f"{text} [{party}]"
    return text


Approver = Callable[[ApprovalRequest], bool | Awaitable[bool]]


def deny_all(request: ApprovalRequest) -> bool:
    """The default: nobody is there to approve, so the answer is no."""
    return False


def allow_all(request: ApprovalRequest) -> bool:
    """Approve everything (tests and demos only)."""
    return True


class ConsoleApprover:
    """Asks on the terminal; denies when there is no interactive terminal."""

    def __init__(self, stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout

    def __call__(self, request: ApprovalRequest) -> bool:
        if not (hasattr(self.stdin, "isatty") and self.stdin.isatty()) and self.stdin is sys.stdin:
            return False
        self.stdout.write(request.describe() + "\nApprove? [y/N] ")
        self.stdout.flush()
        answer = self.stdin.readline().strip().lower()
        return answer in ("y", "yes")


def _audit(request: ApprovalRequest, approved: bool, audit: Any) -> None:
    log.info("aiegis_guard approval %s: %s", "approved" if approved else "denied", request.action)
    if audit is not None:
        audit.record(
            "approval",
            request.verdict,
            approval="approved" if approved else "denied",
            action=request.action,
        )


def ask(approver: Approver | None, request: ApprovalRequest, *, audit: Any = None) -> bool:
    """Ask synchronously. A crash, an awaitable (from sync code) or no approver means deny."""
    approved = False
    if approver is not None:
        try:
            answer = approver(request)
            if inspect.isawaitable(answer):
                close = getattr(answer, "close", None)
                if close:
                    close()
                log.warning("aiegis_guard: async approver called from sync code; denying")
            else:
                approved = answer is True
        except Exception as exc:  # an approver that fails is a "no"
            log.error("aiegis_guard approver failed: %s", type(exc).__name__)
    _audit(request, approved, audit)
    return approved


async def ask_async(
    approver: Approver | None, request: ApprovalRequest, *, audit: Any = None
) -> bool:
    """Ask from async code; sync and async approvers both work."""
    approved = False
    if approver is not None:
        try:
            answer = approver(request)
            if inspect.isawaitable(answer):
                answer = await answer
            approved = answer is True
        except Exception as exc:
            log.error("aiegis_guard approver failed: %s", type(exc).__name__)
    _audit(request, approved, audit)
    return approved
