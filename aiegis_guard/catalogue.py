"""The rule-id catalogue: every rule id the package can emit, its family, default action and
what it means. Rule ids are a public contract; this is the one list of them.

The data is ``aiegis_guard/data/rules.toml`` (one line a rule), validated here at first use;
``aiegis-guard rules [--json]`` prints it. ``tests/vectors/rule_ids.json`` pins the set (an id
added, renamed or removed without updating both fails a test), and the test suite checks that
every finding it sees carries a catalogued id.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from aiegis_guard.errors import ConfigError
from aiegis_guard.findings import Action

__all__ = ["RULES_FILE", "RuleInfo", "catalogue", "describe"]

RULES_FILE = Path(__file__).resolve().parent / "data" / "rules.toml"
_ID = r"^[a-z0-9_]+(\.[a-z0-9_]+)+$"


class RuleInfo(BaseModel):
    """One catalogued rule id."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    rule_id: str = Field(pattern=_ID)
    family: str = Field(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)?$")
    action: Action
    description: str = Field(min_length=3)


@cache
def catalogue(path: Path = RULES_FILE) -> Mapping[str, RuleInfo]:
    """rule id -> :class:`RuleInfo`, sorted by id. Raises ConfigError on a malformed file."""
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        rules = {rid: RuleInfo(rule_id=rid, **fields) for rid, fields in sorted(raw.items())}
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the rule catalogue ({exc})") from None
    except (ValidationError, TypeError) as exc:
        raise ConfigError(f"{path}: malformed rule catalogue ({exc})") from None
    for rid, info in rules.items():
        if not rid.startswith(info.family + "."):
            raise ConfigError(f"{path}: {rid}: family {info.family!r} is not its prefix")
    return MappingProxyType(rules)


def describe(rule_id: str) -> RuleInfo | None:
    """The catalogue entry of a rule id, or None for an id the package does not emit."""
    return catalogue().get(rule_id)
