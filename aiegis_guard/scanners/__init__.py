"""Detectors. Each module exposes plain functions ``scan(layer, ctx) -> list[Finding]``.

A stage sees one :class:`~aiegis_guard.normalize.Layer` at a time and reports spans *in that
layer's text*; the guard maps them to the original text and adds the layer as evidence.
The guard owns an explicit tuple of stages (see ``aiegis_guard.guard.TEXT_STAGES``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from aiegis_guard.findings import Finding, Source
from aiegis_guard.normalize import Layer
from aiegis_guard.policy import Policy

if TYPE_CHECKING:
    from aiegis_guard.chains.transaction import ThreatLookup
    from aiegis_guard.scanners.phrases.rules import RuleSet

__all__ = ["ScanContext", "ScanFn", "Stage"]


@dataclass(frozen=True, slots=True)
class ScanContext:
    """What a detector may know besides the text: where it came from and the policy."""

    source: Source
    policy: Policy
    value_moving: bool = False
    original: str = ""  # the original chunk (for context words around a decoded value)
    threats: ThreatLookup | None = None  # the Guard's threat lists (None: the shipped ones)
    phrases: RuleSet | None = None  # the Guard's phrase rules (None: the shipped ones)


ScanFn = Callable[[Layer, ScanContext], Sequence[Finding]]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named detector. ``decoded=False`` runs it on the top layer only."""

    name: str
    scan: ScanFn
    decoded: bool = True
