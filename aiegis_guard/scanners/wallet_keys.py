"""Placeholder: filled in by its owner (see the issue); returns no findings yet."""

from __future__ import annotations

from aiegis_guard.findings import Finding
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners import ScanContext

__all__ = ["scan"]


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    return []
