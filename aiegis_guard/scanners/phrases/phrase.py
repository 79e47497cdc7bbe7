"""One phrase rule, as the engine runs it (its file format: :mod:`.books`)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Phrase"]


@dataclass(frozen=True, slots=True)
class Phrase:
    """One rule: ``parts[anchor]`` is looked up, the others lie within ``gap`` characters."""

    name: str
    lang: str
    parts: tuple[str | tuple[str, ...], ...]
    gap: int = 40
    negatable: bool = False
    unless: tuple[str, ...] = ()
    anchor: int = 0
    free: bool = False
    imp: bool = False
    read: bool = False

    @property
    def id(self) -> str:
        return f"{self.name}.{self.lang}"

    @property
    def family(self) -> str:
        return self.name.split(".", 1)[0]
