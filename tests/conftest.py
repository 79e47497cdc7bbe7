"""Shared fixtures. Tests never touch the network; data sets are read from ../shared/data."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# A test asserts behaviour, never speed: no property test fails for taking long on a busy box
# (Hypothesis' default is a 200 ms deadline per example).
settings.register_profile("aiegis", deadline=None)
settings.load_profile("aiegis")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "examples"))  # spl.py: SPL instruction builders shared with tests
VECTORS = ROOT / "tests" / "vectors"
DATA = Path(os.environ.get("AIEGIS_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def _empty_cwd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cwd")


@pytest.fixture(autouse=True)
def _isolated_config(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, _empty_cwd: Path
) -> Iterator[None]:
    """No test picks up a developer's aiegis.toml or writes a ledger into the checkout: a test
    runs in its ``tmp_path`` when it asks for one, else in an empty folder (one per worker,
    emptied again after the test: a fresh ``tmp_path`` for each of ~15 000 tests cost more
    than most of the tests themselves)."""
    monkeypatch.delenv("AIEGIS_CONFIG", raising=False)
    if "tmp_path" in request.fixturenames:
        monkeypatch.chdir(request.getfixturevalue("tmp_path"))
        yield
        return
    monkeypatch.chdir(_empty_cwd)
    yield
    for left in _empty_cwd.iterdir():
        if left.is_dir() and not left.is_symlink():
            shutil.rmtree(left)
        else:
            left.unlink()


@pytest.fixture
def data_dir() -> Path:
    """The public data sets (../shared/data); tests needing them skip when absent."""
    if not DATA.is_dir():
        pytest.skip(f"public data not found at {DATA}")
    return DATA


# --- every rule id the package emits during the run is in the catalogue ------------------------

_EMITTED: dict[str, str] = {}  # rule id -> the package module that made the finding
NEVER_EMITTED = frozenset({"tx.sol.contract_creation"})
"""Made by the generic inspector and always dropped by the Solana one (create_account judges)."""


def _record(rule_id: str, depth: int = 2) -> None:
    module = sys._getframe(depth).f_globals.get("__name__", "")
    if module.startswith("aiegis_guard") and rule_id not in _EMITTED:
        _EMITTED[rule_id] = module


def pytest_configure(config: pytest.Config) -> None:
    """Wrap Finding construction / copies made by package code to record their rule ids."""
    from aiegis_guard.findings import Finding

    init, copy = Finding.__init__, Finding.model_copy

    def recording_init(self: Finding, /, **data: object) -> None:
        init(self, **data)
        _record(self.rule_id)

    def recording_copy(self: Finding, *args: object, **kwargs: object) -> Finding:
        out = copy(self, *args, **kwargs)  # type: ignore[arg-type]
        if out.rule_id != self.rule_id:  # a copy that renames (drainer escalation)
            _record(out.rule_id)
        return out

    Finding.__init__ = recording_init  # type: ignore[method-assign]
    Finding.model_copy = recording_copy  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the run when package code made a finding whose rule id is not catalogued."""
    from aiegis_guard.catalogue import catalogue

    known = {*catalogue(), *NEVER_EMITTED}
    unknown = {rid: where for rid, where in _EMITTED.items() if rid not in known}
    if unknown:
        lines = "\n".join(f"  {rid} (made in {where})" for rid, where in sorted(unknown.items()))
        print(f"\nrule ids missing from aiegis_guard/data/rules.toml:\n{lines}", file=sys.stderr)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
