"""Patterns compiled on first use (aiegis_guard.lazyre) are valid: a typo fails here, not on the
first text that reaches the pattern in production."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.secrets import PROVIDERS

PACKAGE = Path(__file__).resolve().parent.parent / "aiegis_guard"
_PROVIDERS_MODULE = "aiegis_guard.scanners.secrets"  # its patterns sit in PROVIDERS (below)
USERS = sorted(
    name
    for path in PACKAGE.rglob("*.py")
    if "LazyPattern(" in path.read_text(encoding="utf-8") and path.name != "lazyre.py"
    if (name := ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))
    != _PROVIDERS_MODULE
)


def test_the_lazy_pattern_users_are_found() -> None:
    """The module walk finds the known users (else the next test would check nothing)."""
    assert {"aiegis_guard.scanners.pii", "aiegis_guard.confusables"} <= set(USERS)


@pytest.mark.parametrize("module", USERS)
def test_every_module_level_lazy_pattern_compiles(module: str) -> None:
    """Each module-level LazyPattern compiles to the pattern and flags it was given."""
    patterns = [
        v for v in vars(importlib.import_module(module)).values() if isinstance(v, LazyPattern)
    ]
    assert patterns
    for lazy in patterns:
        assert lazy.compiled.pattern == lazy.pattern
        assert lazy.compiled.flags & lazy.flags == lazy.flags


@pytest.mark.parametrize("provider", PROVIDERS, ids=lambda p: p.rule)
def test_every_provider_pattern_compiles(provider: object) -> None:
    """Provider secret patterns (compiled when an anchor first leads to one) are valid."""
    pattern = provider.pattern  # type: ignore[attr-defined]
    assert isinstance(pattern, LazyPattern)
    assert pattern.compiled.flags & re.VERBOSE


@pytest.mark.parametrize(
    ("source", "text", "span"),
    [
        pytest.param(r"\d+", "ab 123", (3, 6), id="search-finds"),
        pytest.param(r"x", "abc", None, id="search-misses"),
    ],
)
def test_a_lazy_pattern_searches_like_the_compiled_one(
    source: str, text: str, span: tuple[int, int] | None
) -> None:
    """search / match / fullmatch / finditer answer as ``re.compile(source)`` does."""
    lazy, eager = LazyPattern(source), re.compile(source)
    found = lazy.search(text)
    assert (found.span() if found else None) == span
    for pos in range(len(text) + 1):
        assert bool(lazy.match(text, pos)) == bool(eager.match(text, pos))
        assert bool(lazy.fullmatch(text, pos)) == bool(eager.fullmatch(text, pos))
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
