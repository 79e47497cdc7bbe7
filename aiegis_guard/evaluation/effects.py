"""``aiegis-guard eval --set effects``: signing requests from real sources, judged by effects.

Reads a vector table shaped like ``tests/vectors/effects_real.json`` (see its ``.md``): each
row is one request (EVM tx dict, EIP-712 typed data, ``personal_sign``, Solana base64
transaction) with the agent's own address, its allowlist, the expected verdict and the
expected effects. Each row gets its own :class:`~aiegis_guard.guard.Guard` built from a
:class:`~aiegis_guard.policy.Policy` (own address in ``[wallet]``; recipients, spenders,
operators and delegators in the matching ``[allowlist]`` keys of the row's chain) and is
judged through the Guard method a wallet would call.

Reported per family and kind, and in total per kind: how many rows were blocked / flagged /
allowed, how many got exactly the expected verdict, and how many carry the expected effects
(:mod:`aiegis_guard.evaluation.effects_match`). The issue's targets read off the totals:
drainer rows blocked, legitimate rows allowed (a FLAG on a legitimate request is a miss).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiegis_guard.evaluation.effects_match import effects_match
from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard
from aiegis_guard.policy import (
    VALIDATOR_PREFIX,
    Policy,
    is_bech32_address,
    is_evm_address,
    is_solana_address,
    is_validator_key,
)
from aiegis_guard.verdict import Verdict

__all__ = ["EffectsReport", "Outcome", "RateRow", "default_vectors", "evaluate_effects"]

# The held-out table (written independently, never looked at by the builders); the first one,
# ``effects_real.json``, has been a development set since its misses were studied (2026-12-05).
VECTORS = Path("tests") / "vectors" / "effects_real_2.json"
_EVM_KEYS = {"recipients": "evm", "spenders": "evm_spenders", "operators": "evm_operators"}
_EVM_KEYS["delegators"] = "evm_delegates"
_SOL_KEYS = {"recipients": "solana", "spenders": "solana_delegates"}
_SOL_KEYS.update(operators="solana_delegates", delegators="solana_delegates")


def default_vectors() -> Path | None:
    """The repository's ``tests/vectors/effects_real_2.json`` (checkout or cwd), if present."""
    here = Path(__file__).resolve().parents[2] / VECTORS
    for path in (here, Path.cwd() / VECTORS):
        if path.is_file():
            return path
    return None


@dataclass(frozen=True)
class Outcome:
    """One row, judged."""

    id: str
    family: str
    kind: str
    expected: Action
    action: Action
    effects_ok: bool
    rule_ids: tuple[str, ...]
    effect_lines: tuple[str, ...]

    @property
    def verdict_ok(self) -> bool:
        return self.action is self.expected


@dataclass
class RateRow:
    """Counts for one (family, kind) group or a total."""

    family: str
    kind: str
    n: int = 0
    block: int = 0
    flag: int = 0
    allow: int = 0
    verdict_ok: int = 0
    effects_ok: int = 0

    def add(self, o: Outcome) -> None:
        self.n += 1
        self.block += o.action is Action.BLOCK
        self.flag += o.action is Action.FLAG
        self.allow += o.action is Action.ALLOW
        self.verdict_ok += o.verdict_ok
        self.effects_ok += o.effects_ok

    def pct(self, count: int) -> float:
        return 100.0 * count / self.n if self.n else 0.0

    def to_dict(self) -> dict[str, Any]:
        keys = ("block", "flag", "allow", "verdict_ok", "effects_ok")
        rates = {f"{k}_pct": round(self.pct(getattr(self, k)), 1) for k in keys}
        return {"family": self.family, "kind": self.kind, "n": self.n, **rates}


@dataclass
class EffectsReport:
    rows: list[RateRow]
    totals: list[RateRow]
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not (o.verdict_ok and o.effects_ok)]

    def to_dict(self, *, rows: bool = True) -> dict[str, Any]:
        """The rates, and each miss (``rows``) or only how many (a held-out table's rows are
        not printed: whoever reads them can tune to them)."""
        misses: Any = [_miss_dict(o) for o in self.misses] if rows else len(self.misses)
        return {
            "families": [r.to_dict() for r in self.rows],
            "totals": [r.to_dict() for r in self.totals],
            "misses": misses,
        }

    def format(self, *, rows: bool = True) -> str:
        head = f"{'family':<24} {'kind':<11} {'n':>4} {'block':>6} {'flag':>6} {'allow':>6}"
        head += f" {'verdict=':>8} {'effects=':>8}"
        lines = [head, "-" * len(head)]
        for r in [*self.rows, *self.totals]:
            cells = (r.block, r.flag, r.allow, r.verdict_ok, r.effects_ok)
            pcts = " ".join(f"{r.pct(c):5.1f}%" for c in cells[:3])
            pcts += " " + " ".join(f"{r.pct(c):7.1f}%" for c in cells[3:])
            lines.append(f"{r.family[:24]:<24} {r.kind:<11} {r.n:>4} {pcts}")
        lines.append("")
        if not rows:
            lines.append(
                f"misses: {len(self.misses)} (a held-out table: its rows are not listed; "
                "--vectors <a development table> lists a table's misses)"
            )
            return "\n".join(lines)
        lines.append(f"misses ({len(self.misses)}):")
        lines += [_miss_line(o) for o in self.misses]
        return "\n".join(lines)


def _miss_dict(o: Outcome) -> dict[str, Any]:
    return {
        "id": o.id,
        "expected": o.expected.value,
        "got": o.action.value,
        "effects_ok": o.effects_ok,
        "rule_ids": list(o.rule_ids),
        "effects": list(o.effect_lines),
    }


def _miss_line(o: Outcome) -> str:
    effects = "" if o.effects_ok else "  [effects differ]"
    rules = ",".join(o.rule_ids[:6])
    return f"  {o.id}: expected {o.expected.value}, got {o.action.value}{effects}  ({rules})"


def _validators(values: Iterable[str]) -> list[str]:
    """The ``stake:0x<BLS key>`` entries' keys."""
    keys = (v.removeprefix(VALIDATOR_PREFIX) for v in values if v.startswith(VALIDATOR_PREFIX))
    return [k for k in keys if is_validator_key(k)]


def row_policy(row: Mapping[str, Any]) -> Policy:
    """The row's own address and allowlist as a Policy (the row's chain only). A validator
    named by its BLS key (``stake:0x<key>``, any role) is an ``evm_validators`` entry; any
    other entry that is no address of the row's chain has no place in a policy: it is left
    out, and the row is judged without it (one odd entry must not stop the whole table)."""
    solana = row["chain"] == "solana"
    keys = _SOL_KEYS if solana else _EVM_KEYS
    address = is_solana_address if solana else is_evm_address
    lists: dict[str, list[str]] = {}
    for name, values in (row.get("allowlist") or {}).items():
        lists.setdefault(keys[name], []).extend(v for v in values if address(v))
        if solana:  # the other chain's recipient of a bridge transfer (Wormhole target)
            evm = [v for v in values if is_evm_address(v)]
            if evm:
                lists.setdefault(_EVM_KEYS[name], []).extend(evm)
        else:
            lists.setdefault("evm_validators", []).extend(_validators(values))
            # a deBridge order's receiver; an API key written ``ed25519:<base58>`` (an Orderly
            # key: protocols/linked_signers.py) is that public key, spelt as a Solana address
            keys_b58 = (v.removeprefix("ed25519:") for v in values)
            sol = [v for v in keys_b58 if is_solana_address(v)]
            if sol:
                lists.setdefault(_SOL_KEYS[name], []).extend(sol)
            if name == "recipients":  # a bridge's recipient on a bech32 (Cosmos) chain
                lists.setdefault("bech32", []).extend(v for v in values if is_bech32_address(v))
    wallet = {"solana" if solana else "evm": [row["own"]]}
    return Policy.model_validate({"wallet": wallet, "allowlist": lists})


def judge_row(guard: Guard, row: Mapping[str, Any]) -> Verdict:
    """Judge the row's payload through the Guard method for its payload type."""
    payload, kind = row["payload"], row["payload_type"]
    if kind == "typed_data":
        return guard.check_typed_data(payload)
    if kind in ("personal_sign", "eth_sign"):
        return guard.check_message(payload["message"], method=kind)
    if kind == "solana_tx_base64":
        return guard.check_transaction(payload["tx"], chain="solana")
    return guard.check_transaction(payload, chain="evm")


def judge(row: Mapping[str, Any]) -> Outcome:
    verdict = judge_row(Guard(row_policy(row), classifier=False), row)
    return Outcome(
        id=row["id"],
        family=row["family"],
        kind=row["kind"],
        expected=Action(row["expected_verdict"].lower()),
        action=verdict.action,
        effects_ok=effects_match(row["expected_effects"], verdict.effects, row["own"]),
        rule_ids=tuple(f.rule_id for f in verdict.findings if f.action is not Action.ALLOW),
        effect_lines=verdict.effect_lines,
    )


def _group(outcomes: Iterable[Outcome]) -> tuple[list[RateRow], list[RateRow]]:
    rows: dict[tuple[str, str], RateRow] = {}
    totals: dict[str, RateRow] = {}
    for o in outcomes:
        rows.setdefault((o.family, o.kind), RateRow(o.family, o.kind)).add(o)
        totals.setdefault(o.kind, RateRow("ALL", o.kind)).add(o)
        totals.setdefault("all", RateRow("ALL", "all")).add(o)
    return [rows[k] for k in sorted(rows)], [totals[k] for k in sorted(totals)]


def evaluate_effects(path: Path) -> EffectsReport:
    """Judge every row of the table at ``path``."""
    entries = json.loads(Path(path).read_text(encoding="utf-8"))["entries"]
    outcomes = [judge(row) for row in entries]
    rows, totals = _group(outcomes)
    return EffectsReport(rows, totals, outcomes)
