"""Placeholder for the ONNX injection classifier (issue 3)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from aiegis_guard.config import ClassifierSettings
from aiegis_guard.findings import Finding
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners import ScanContext

__all__ = ["Classifier"]


class Classifier:
    def __init__(self, settings: ClassifierSettings) -> None:
        self.settings = settings

    @property
    def degraded(self) -> bool:
        return False

    def prefetch(self, texts: Sequence[str]) -> None:
        return None

    def scan_layers(
        self, layers: Sequence[Layer], ctx: ScanContext
    ) -> Iterable[tuple[Layer, Finding]]:
        return ()
