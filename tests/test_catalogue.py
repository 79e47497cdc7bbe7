"""The rule-id catalogue (aiegis_guard/data/rules.toml): pinned by a snapshot, complete with
respect to the rule tables and the rule-id literals in the source, printed by the CLI.

(tests/conftest.py also fails the run when package code makes a finding whose id is missing.)
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from aiegis_guard.catalogue import RuleInfo, catalogue, describe
from aiegis_guard.cli import main
from aiegis_guard.errors import ConfigError
from aiegis_guard.findings import Action
from tests.conftest import NEVER_EMITTED, ROOT, VECTORS

SNAPSHOT = VECTORS / "rule_ids.json"
PACKAGE = ROOT / "aiegis_guard"
FAMILIES = (
    r"(secret|pii|injection|drainer|obfuscation|exfiltration|address|threat|taint|guard|input|tx)"
)
RULE_LITERAL = re.compile(rf"^{FAMILIES}(\.[a-z0-9_]+)+$")
CHAIN_CALLS = frozenset({"f", "_finding"})  # j.f("rule", ...) / _finding("rule", ...)
EVM_ONLY = (
    "paymaster",
    "decode_limit",
    "eip7702",
    "contract_creation",
    "set_approval_for_all",
    "safe_",
    "unknown_venue",
    "unbounded_give",
)  # unbounded_give: SPL amounts are u64, below 2**128
SOLANA_ONLY = ("durable_nonce", "unresolved_lookup_tables", "close_account")


def test_snapshot_pins_the_set() -> None:
    """Adding, renaming or removing an id needs rules.toml and rule_ids.json updated together."""
    assert list(catalogue()) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def test_every_entry_is_well_formed() -> None:
    """Each id sits in its family, has an action and a description (validated at load)."""
    for rid, info in catalogue().items():
        assert info.rule_id == rid and rid.startswith(info.family + ".")
        assert info.description and info.action in Action
    assert describe("secret.evm_private_key") is not None
    assert describe("secret.no_such_rule") is None


def _phrase_families() -> set[str]:
    from aiegis_guard.scanners.phrases.families import FAMILIES as PHRASE_FAMILIES

    return {f"{cat.value}.{fam}" for cat, fams in PHRASE_FAMILIES.items() for fam in fams}


def _table_ids() -> set[str]:
    from aiegis_guard.normalize import _RULES as OBFUSCATION
    from aiegis_guard.policy import PiiType
    from aiegis_guard.scanners.secrets import PROVIDERS

    return (
        _phrase_families()
        | {f"secret.{p.rule}" for p in PROVIDERS}
        | {f"pii.{kind.value}" for kind in PiiType}
        | set(OBFUSCATION)
    )


def _literal_ids() -> set[str]:
    """Every rule-id-shaped string constant in the package source."""
    family_names = {info.family for info in catalogue().values()}
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            value = node.value if isinstance(node, ast.Constant) else None
            if isinstance(value, str) and RULE_LITERAL.match(value) and value not in family_names:
                found.add(value)
    return found - NEVER_EMITTED


def _chain_rule_names(path: Path) -> set[str]:
    """First string arguments of ``j.f(...)`` / ``_finding(...)`` calls in a chain inspector."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if name in CHAIN_CALLS and isinstance(first, ast.Constant):
                names.add(str(first.value))
    return names


def _chain_ids() -> set[str]:
    from aiegis_guard.chains.judge_grants import AUTHORITY_RULES
    from aiegis_guard.chains.judging import SOLANA_RULES

    chains = PACKAGE / "chains"
    judges = ("inspect.py", "judge_gives.py", "judge_grants.py")
    generic = {"over_limit", "over_period_limit"}.union(
        *(_chain_rule_names(chains / name) for name in judges)
    )
    ids = {f"tx.evm.{n}" for n in _chain_rule_names(chains / "evm" / "inspect.py")}
    ids |= {f"tx.sol.{n}" for n in _chain_rule_names(chains / "solana" / "inspect.py")}
    ids |= {f"tx.evm.{n}" for n in generic if not n.startswith(SOLANA_ONLY)}
    ids |= {f"tx.sol.{n}" for n in generic if not n.startswith(EVM_ONLY)}
    ids |= {f"tx.sol.{SOLANA_RULES.unknown_call_rule}", "tx.evm.unknown_call"}
    for tag in ("evm", "sol"):
        roles = ("recipient", "spender", "operator", "delegate", "authority", "destination")
        ids |= {f"tx.{tag}.lookalike_{role}" for role in (*roles, "target")}
    authority = set(AUTHORITY_RULES.values())
    catalogued = set(catalogue())
    missing = {a for a in authority if not {f"tx.evm.{a}", f"tx.sol.{a}"} & catalogued}
    return ids | {f"tx.?.{a}" for a in missing}


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(_table_ids, id="rule-tables"),
        pytest.param(_literal_ids, id="source-literals", marks=pytest.mark.slow),  # every literal
        pytest.param(_chain_ids, id="chain-inspectors"),
    ],
)
def test_catalogue_covers(source: object) -> None:
    """Every id the tables, the source literals and the chain inspectors can make is listed."""
    ids = source()  # type: ignore[operator]
    assert ids, "the scan found nothing: it is broken"
    assert sorted(ids - set(catalogue())) == []


def test_phrase_families_are_all_catalogued_with_their_category() -> None:
    """The phrase-rule families (data) map one to one onto injection.* / drainer.* ids."""
    phrase_ids = {rid for rid in catalogue() if rid.split(".")[0] in ("injection", "drainer")}
    extra = {"injection.classifier", "injection.intent", "drainer.redirect_with_address"}
    assert phrase_ids - extra == _phrase_families()


def test_cli_rules_table_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    """``aiegis-guard rules`` prints every id; ``--json`` gives the same entries as data."""
    assert main(["rules"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in table] == list(catalogue())
    assert main(["rules", "--json"]) == 0
    entries = [RuleInfo(**e) for e in json.loads(capsys.readouterr().out)]
    assert entries == list(catalogue().values())


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        pytest.param('"secret.x" = { family = "pii", action = "block", description = "xyz" }',
                     "not its prefix", id="family-not-prefix"),
        pytest.param('"secret.x" = { family = "secret", action = "blok", description = "xyz" }',
                     "malformed", id="bad-action"),
        pytest.param('"Secret X" = { family = "secret", action = "block", description = "xyz" }',
                     "malformed", id="bad-id"),
        pytest.param('"secret.x" = { family = "secret", action = "block" }', "malformed",
                     id="no-description"),
        pytest.param('"secret.x" = [', "cannot read", id="not-toml"),
    ],
)  # fmt: skip
def test_malformed_catalogue_is_a_config_error(tmp_path: Path, text: str, needle: str) -> None:
    """A broken catalogue file names itself and what is wrong."""
    path = tmp_path / "rules.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=needle):
        catalogue(path)
