"""Detectors. Each module exposes plain functions ``scan(layer, ctx) -> list[Finding]``.

A stage sees one :class:`~aiegis_guard.normalize.Layer` at a time and reports spans *in that
layer's text*; the guard maps them to the original text and adds the layer as evidence.
The guard owns an explicit tuple of stages (see ``aiegis_guard.pipeline.default_stages``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiegis_guard.findings import Finding, Source
from aiegis_guard.normalize import Layer
from aiegis_guard.policy import Audience, Policy

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
    # language views of this check's layers, shared by its judges (segment.views); the
    # context lives for one check (one chunk), so no view outlives its verdict
    views: dict[str, tuple[str, str]] = field(default_factory=dict, compare=False, repr=False)
    # sentences the intent stage judged in this check, by (view, raw): a decoded layer (HTML
    # entities, escapes) repeats most of its parent's sentences
    judged: dict[tuple[str, str], Any] = field(default_factory=dict, compare=False, repr=False)
    # whether a sentence hands something over (the intent stage's :func:`.secret_handover.
    # handed_over`), by its raw text: asked again of each copy in a decoded layer
    handed: dict[str, bool] = field(default_factory=dict, compare=False, repr=False)

    @property
    def untrusted(self) -> bool:
        """Was this text written by someone the agent must not obey? Content it reads, and a
        public user's prompt (``[guard] audience = "public"``)."""
        if self.source is Source.PROMPT:
            return self.policy.audience is Audience.PUBLIC
        return self.source.is_read

    @property
    def rules_source(self) -> Source | None:
        """The source the phrase rules see: a public prompt is judged like read content."""
        return None if self.source is Source.PROMPT and self.untrusted else self.source


ScanFn = Callable[[Layer, ScanContext], Sequence[Finding]]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named detector. ``decoded=False`` runs it on the top layer only; ``language=True``
    (a judge of sentences) reads a layer that a decoded copy re-reads only where the copy does
    not stand for it (:func:`~aiegis_guard.focus.spelled_again`)."""

    name: str
    scan: ScanFn
    decoded: bool = True
    language: bool = False
