"""Verdicts: the one value a caller acts on."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aiegis_guard.findings import Action, Finding, Source
from aiegis_guard.record import Record, fast_init

__all__ = ["Verdict", "combine"]


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Verdict(Record):
    """ALLOW / FLAG / BLOCK plus the findings that caused it. Frozen and masked."""

    action: Action
    findings: tuple[Finding, ...] = ()
    source: Source | None = None
    degraded: bool = False
    elapsed_ms: float = 0.0
    redacted_text: str | None = None
    tainted_by: tuple[str, ...] = ()
    effects: tuple[dict[str, Any], ...] = ()  # transactions: ``Effect.to_json()`` each

    @property
    def effect_lines(self) -> tuple[str, ...]:
        """The effects in plain words ("gives BAYC #1234 — to 0xAb…12")."""
        return tuple(str(e.get("text", "")) for e in self.effects)

    @property
    def allowed(self) -> bool:
        return self.action is Action.ALLOW

    @property
    def flagged(self) -> bool:
        return self.action is Action.FLAG

    @property
    def blocked(self) -> bool:
        return self.action is Action.BLOCK

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(f.rule_id for f in self.findings))

    def deciding(self) -> tuple[Finding, ...]:
        """The findings whose action equals the verdict's (the reasons for it)."""
        return tuple(f for f in self.findings if f.action is self.action)

    def summary(self) -> str:
        """``block: secret.evm_private_key, tx.evm.unlimited_approval`` — for errors and logs."""
        reasons = self.deciding() or self.findings
        ids = ", ".join(dict.fromkeys(f.rule_id for f in reasons)) or "no findings"
        extra = " (degraded)" if self.degraded else ""
        taint = f" (tainted by {', '.join(self.tainted_by)})" if self.tainted_by else ""
        return f"{self.action.value}: {ids}{extra}{taint}"

    def explain(self) -> str:
        """Readable multi-line explanation (masked)."""
        lines = [self.summary()]
        lines += [f"  = {line}" for line in self.effect_lines]
        lines += [f"  - {f.action.value} {f.brief()}" for f in self.findings]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action.value,
            "findings": [
                {
                    "rule_id": f.rule_id,
                    "category": f.category.value,
                    "severity": str(f.severity),
                    "action": f.action.value,
                    "message": f.message,
                    "span": list(f.span) if f.span else None,
                    "preview": f.preview,
                    "evidence": list(f.evidence),
                    **({"score": round(f.score, 4)} if f.score is not None else {}),
                }
                for f in self.findings
            ],
            "source": self.source.value if self.source else None,
            "degraded": self.degraded,
            "tainted_by": list(self.tainted_by),
            **({"effects": [dict(e) for e in self.effects]} if self.effects else {}),
            **({"effects_text": "; ".join(self.effect_lines)} if self.effects else {}),
            "elapsed_ms": round(self.elapsed_ms, 4),
            **({"redacted_text": self.redacted_text} if self.redacted_text is not None else {}),
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)


def combine(verdicts: Sequence[Verdict]) -> Verdict:
    """One verdict for several checks of one action: strongest action, all findings (once
    per rule and span), every effect, every taint source."""
    if len(verdicts) == 1:
        return verdicts[0]
    first = verdicts[0]
    seen: set[tuple[str, tuple[int, int] | None]] = set()
    findings = []
    for v in verdicts:
        for f in v.findings:
            if (f.rule_id, f.span) not in seen:
                seen.add((f.rule_id, f.span))
                findings.append(f)
    return Verdict(
        action=Action.strongest(v.action for v in verdicts),
        findings=tuple(findings),
        source=first.source,
        degraded=any(v.degraded for v in verdicts),
        elapsed_ms=sum(v.elapsed_ms for v in verdicts),
        redacted_text=first.redacted_text,
        tainted_by=tuple(dict.fromkeys(s for v in verdicts for s in v.tainted_by)),
        effects=tuple(e for v in verdicts for e in v.effects),
    )
