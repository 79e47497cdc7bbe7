"""Which tools are wrapped by ``guard_tool`` with a given Guard (the handler defers to them).

A wrapped tool answers the model with its refusal; a handler can only abort the run. So the
handler skips judging the model's calls to tools that judge themselves. Weakly keyed: a Guard
that is gone takes its names with it.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

from aiegis_guard.guard import Guard

__all__ = ["guarded_names", "register_guarded"]

_NAMES: WeakKeyDictionary[Guard, frozenset[str]] = WeakKeyDictionary()
_LOCK = threading.Lock()


def register_guarded(guard: Guard, name: str) -> None:
    """Record that the tool ``name`` is wrapped by ``guard``."""
    with _LOCK:
        _NAMES[guard] = _NAMES.get(guard, frozenset()) | {name}


def guarded_names(guard: Guard) -> frozenset[str]:
    """The names of the tools wrapped by ``guard``."""
    return _NAMES.get(guard, frozenset())
