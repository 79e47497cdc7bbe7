"""Findings: what a detector saw, why, and where — never the raw value.

A :class:`Finding` is frozen, carries a stable ``rule_id`` (a public contract, never renamed),
a span into the *original* text (``None`` for transaction findings), a masked preview and the
evidence that made the detector fire.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum, StrEnum

from aiegis_guard.record import Record, fast_init

__all__ = ["Action", "Category", "Chain", "Finding", "Severity", "Source"]


class Action(StrEnum):
    """What the caller must do. Ordered: ALLOW < FLAG < BLOCK."""

    ALLOW = "allow"
    FLAG = "flag"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _ACTION_RANK[self]

    @classmethod
    def strongest(cls, actions: object) -> Action:
        best = cls.ALLOW
        for action in actions:  # type: ignore[attr-defined]
            if _ACTION_RANK[action] > _ACTION_RANK[best]:
                best = action
        return best


_ACTION_RANK = {Action.ALLOW: 0, Action.FLAG: 1, Action.BLOCK: 2}


class Severity(IntEnum):
    """How bad a finding is, independent of the action the policy takes."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    def __str__(self) -> str:
        return self.name.lower()


class Category(StrEnum):
    """Families of findings; policy can act on a whole family."""

    SECRET = "secret"
    PII = "pii"
    ADDRESS = "address"
    INJECTION = "injection"
    DRAINER = "drainer"
    EXFILTRATION = "exfiltration"
    OBFUSCATION = "obfuscation"
    TRANSACTION = "transaction"
    THREAT = "threat"
    TAINT = "taint"
    GUARD = "guard"


class Chain(StrEnum):
    """The chains the guard understands."""

    EVM = "evm"
    SOLANA = "solana"

    @property
    def tag(self) -> str:
        """The chain's part of transaction rule ids: ``tx.evm.*`` / ``tx.sol.*``."""
        return "evm" if self is Chain.EVM else "sol"


class Source(StrEnum):
    """Where a text came from; several rules depend on it (e.g. unknown addresses)."""

    TOOL_INPUT = "tool_input"
    TOOL_OUTPUT = "tool_output"
    RETRIEVED = "retrieved"
    PROMPT = "prompt"
    LLM_OUTPUT = "llm_output"
    MEMORY = "memory"
    TRANSACTION = "transaction"

    @property
    def is_read(self) -> bool:
        """What the agent reads from outside: a tool's output, a retrieved document, memory."""
        return self in (Source.TOOL_OUTPUT, Source.RETRIEVED, Source.MEMORY)

    @property
    def is_untrusted_input(self) -> bool:
        """Content the agent *reads* (where injections arrive)."""
        return self in (Source.TOOL_OUTPUT, Source.RETRIEVED, Source.MEMORY, Source.PROMPT)


@fast_init
@dataclass(frozen=True, kw_only=True, slots=True)
class Finding(Record):
    """One thing a detector saw. Frozen; no field ever holds a raw secret.

    ``action`` is the detector's default judgement; :func:`aiegis_guard.policy.decide` may
    override it per rule id or per category. ``redact`` marks a span to be masked in a
    redacted pass-through text. ``score`` is a model's probability (0..1) where one decided.
    """

    rule_id: str
    category: Category
    severity: Severity
    action: Action
    message: str
    span: tuple[int, int] | None = None
    preview: str = ""
    evidence: tuple[str, ...] = ()
    redact: bool = False
    score: float | None = None

    def with_span(self, start: int, end: int, *extra_evidence: str) -> Finding:
        """The same finding moved to another span (e.g. from a decoded layer to the original)."""
        return self.model_copy(
            update={"span": (start, end), "evidence": self.evidence + tuple(extra_evidence)}
        )

    def brief(self) -> str:
        """One line for humans and for a model reading a tool error."""
        where = f" at {self.span[0]}-{self.span[1]}" if self.span else ""
        preview = f" [{self.preview}]" if self.preview else ""
        return f"{self.rule_id}{where}: {self.message}{preview}"
