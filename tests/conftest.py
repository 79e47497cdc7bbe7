"""Shared fixtures. Tests never touch the network; data sets are read from ../shared/data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))  # spl.py: SPL instruction builders shared with tests
VECTORS = ROOT / "tests" / "vectors"
DATA = Path(os.environ.get("AIEGIS_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(autouse=True)
def _isolated_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test picks up a developer's aiegis.toml or writes a ledger into the checkout."""
    monkeypatch.delenv("AIEGIS_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def data_dir() -> Path:
    """The public data sets (../shared/data); tests needing them skip when absent."""
    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    return DATA
