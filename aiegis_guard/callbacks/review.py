"""``GuardReview``: LangChain's ``HumanInTheLoopMiddleware`` asking about what the guard FLAGs.

    guard_mw = GuardMiddleware(guard=guard)
    agent = create_agent(model, tools, middleware=[guard_mw, guard_mw.human_review(tools)],
                         checkpointer=InMemorySaver())

Its ``when`` predicate is :meth:`GuardMiddleware.review_needed`, which reads only the tool call
and the agent state (taint included), so it answers the same when the run resumes. What the
human approved is written to the state (``aiegis_approved``), where the guard's tool hook finds
it; a rejected call is answered by LangChain's own error ``ToolMessage`` and never runs.
"""

from __future__ import annotations

from typing import Any, Protocol

from langchain.agents.middleware import HumanInTheLoopMiddleware
from langchain_core.messages import ToolCall, ToolMessage
from langgraph.runtime import Runtime

from aiegis_guard.callbacks.state import ReviewState

__all__ = ["GuardReview", "ReviewPredicate"]


class ReviewPredicate(Protocol):
    """What the review asks of the guard's middleware: does this call need a human?"""

    def review_needed(self, call: ToolCall, state: Any) -> bool: ...


class GuardReview(HumanInTheLoopMiddleware):
    """LangChain's human-in-the-loop middleware, asking about what the guard FLAGs.

    Build it with :meth:`GuardMiddleware.human_review`. Approvals are written to the agent
    state (``aiegis_approved``), where the guard's tool hook finds them.
    """

    state_schema = ReviewState  # the guard's state + the HITL key (works on its own too)

    def __init__(
        self, guard_mw: ReviewPredicate, interrupt_on: dict[str, Any], description_prefix: str
    ) -> None:
        super().__init__(interrupt_on, description_prefix=description_prefix)
        self.guard_mw = guard_mw

    @property
    def name(self) -> str:
        return "GuardReview"

    def after_model(self, state: Any, runtime: Runtime[Any]) -> dict[str, Any] | None:
        result = super().after_model(state, runtime)
        if not result or not result.get("messages"):
            return result
        ai, *answers = result["messages"]
        refused = {m.tool_call_id for m in answers if isinstance(m, ToolMessage)}
        approved = [
            c["id"]
            for c in ai.tool_calls
            if c["id"]
            and c["id"] not in refused
            and c["name"] in self.interrupt_on
            and self.guard_mw.review_needed(c, state)
        ]
        return {**result, "aiegis_approved": approved}

    async def aafter_model(self, state: Any, runtime: Runtime[Any]) -> dict[str, Any] | None:
        return self.after_model(state, runtime)
