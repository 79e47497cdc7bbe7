"""Issue 12: protocol families judged by effect (``tests/vectors/effects_families.json``).

Each row is one request of a family (Aave v3 Pool, WETH / Lido / wstETH, ENS controllers,
CoW ``Order``, Safe ``execTransaction`` / ``SafeTx``, Ownable, Solana SPL / Token-2022 / ATA /
Stake) built from the protocol's published definitions by ``make_effects_families.py``; the
row names the verdict and the effects a wallet guard must derive with the row's own address
and allowlist (judged exactly as ``aiegis-guard eval --set effects`` does).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from aiegis_guard.evaluation.effects import judge

VECTORS = Path(__file__).parent / "vectors"
TABLE = VECTORS / "effects_families.json"
ROWS: list[dict[str, Any]] = json.loads(TABLE.read_text("utf-8"))["entries"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_family_row(row: dict[str, Any]) -> None:
    """The row gets its expected verdict and carries its expected effects."""
    outcome = judge(row)
    assert outcome.action.value == row["expected_verdict"], (outcome.rule_ids, row["notes"])
    assert outcome.effects_ok, outcome.effect_lines


def test_every_family_has_both_kinds() -> None:
    """Each family pins legitimate requests and the drainer shape next to them."""
    kinds: dict[str, set[str]] = {}
    for row in ROWS:
        kinds.setdefault(row["family"], set()).add(row["kind"])
    assert all(k == {"legitimate", "drainer"} for k in kinds.values()), kinds


def test_table_is_what_the_generator_writes() -> None:
    """The JSON is the generator's output (no hand edits that the source does not explain)."""
    spec = importlib.util.spec_from_file_location("fam", VECTORS / "make_effects_families.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.render() == TABLE.read_text("utf-8")
