"""Agent state of the guard's ``create_agent`` middleware (checkpointed with the thread).

``GuardState``    what :class:`~aiegis_guard.callbacks.middleware.GuardMiddleware` keeps
``ReviewState``   the same plus the key LangChain's ``HumanInTheLoopMiddleware`` writes, for
                  :class:`~aiegis_guard.callbacks.review.GuardReview` (public API only: the
                  key is declared here, not inherited from LangChain's private state class)
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired

from langchain.agents.middleware import AgentState
from langchain.agents.middleware.types import OmitFromInput, PrivateStateAttr

from aiegis_guard.taint import merge_sources

__all__ = ["MAX_APPROVED", "GuardState", "ReviewState"]

MAX_APPROVED = 256


def _merge_recent(left: list[str] | None, right: list[str] | None) -> list[str]:
    return list(dict.fromkeys([*(left or ()), *(right or ())]))[-MAX_APPROVED:]


class GuardState(AgentState[Any]):
    """Agent state added by :class:`GuardMiddleware` (checkpointed with the thread)."""

    aiegis_taint: NotRequired[Annotated[list[str], OmitFromInput, merge_sources]]
    aiegis_approved: NotRequired[Annotated[list[str], PrivateStateAttr, _merge_recent]]
    aiegis_checked: NotRequired[Annotated[bool, PrivateStateAttr]]


class ReviewState(GuardState):
    """The guard's state plus the tool-call edits that the human-in-the-loop step records."""

    hitl_edited_tool_calls: NotRequired[Annotated[dict[str, Any], PrivateStateAttr]]
