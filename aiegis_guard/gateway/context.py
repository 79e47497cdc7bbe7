"""The parts of one running gateway, handed to every route."""

from __future__ import annotations

from dataclasses import dataclass

from aiegis_guard.config import GatewaySettings
from aiegis_guard.gateway.events import EventLog
from aiegis_guard.gateway.health import Health
from aiegis_guard.gateway.judging import ChatJudge
from aiegis_guard.gateway.state import SharedState
from aiegis_guard.gateway.upstream import UpstreamPool
from aiegis_guard.guard import Guard

__all__ = ["Gateway"]


@dataclass
class Gateway:
    guard: Guard
    settings: GatewaySettings
    state: SharedState
    events: EventLog
    health: Health
    judge: ChatJudge
    pool: UpstreamPool | None
    token: str | None
