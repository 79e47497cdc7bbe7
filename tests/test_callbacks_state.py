"""The review middleware's state schema is our own, yet holds every key LangChain's
human-in-the-loop step writes (a LangChain upgrade that adds one fails here, not in a run)."""

from __future__ import annotations

from typing import get_type_hints

from langchain.agents.middleware import HumanInTheLoopMiddleware

from aiegis_guard.callbacks.review import GuardReview
from aiegis_guard.callbacks.state import GuardState, ReviewState


def test_review_state_covers_hitl_state() -> None:
    """Every key of HumanInTheLoopMiddleware.state_schema is declared by ReviewState."""
    hitl = set(get_type_hints(HumanInTheLoopMiddleware.state_schema))
    assert hitl <= set(get_type_hints(ReviewState))


def test_review_state_is_not_langchains_private_class() -> None:
    """GuardReview's schema is the guard's state extended, with no private LangChain base."""
    assert GuardReview.state_schema is ReviewState
    assert set(get_type_hints(GuardState)) <= set(get_type_hints(ReviewState))
    assert not any(name.startswith("_") for name in _bases(ReviewState))


def _bases(cls: type) -> list[str]:
    """Names of every declared base, transitively (TypedDicts keep them in __orig_bases__)."""
    out: list[str] = []
    for base in getattr(cls, "__orig_bases__", ()):
        origin = getattr(base, "__origin__", base)
        out.append(getattr(origin, "__name__", str(origin)))
        if isinstance(origin, type):
            out += _bases(origin)
    return out
