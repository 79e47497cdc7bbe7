"""The scripted upstream and the loopback server runner live in ``examples/scripted_upstream.py``
(the demo and the benchmark use them too)."""

from __future__ import annotations

from scripted_upstream import Reply, Running, ScriptedUpstream, serve

__all__ = ["Reply", "Running", "ScriptedUpstream", "serve"]
