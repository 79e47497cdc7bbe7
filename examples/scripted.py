"""Shared parts of the example agents: the scripted model, the reviewer, the transcript.

The default model is *scripted*: it plays a model that obeys whatever it reads — a poisoned
document, token metadata, a fake "past conversation" — so that the guard, not the model's good
sense, is what stops each attack. ``AIEGIS_LLM=openai:<model>`` or ``AIEGIS_LLM=ollama:<model>``
runs the same agents with a real model instead.
"""

from __future__ import annotations

import json
import os
import re
import sys
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import IO, Any, Protocol

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, ToolMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from langchain_core.tools import BaseTool

from aiegis_guard import Guard, Source
from aiegis_guard.redact import redact_spans
from aiegis_guard.signers.approval import ApprovalRequest
from aiegis_guard.verdict import Verdict

__all__ = [
    "Reviewer",
    "Scenario",
    "ScenarioResult",
    "ScriptedChatModel",
    "Transcript",
    "VerdictLog",
    "World",
    "addresses_in",
    "call",
    "choose_model",
    "describe",
    "final",
    "last_tool_text",
    "moved",
    "run_all",
    "run_scenario",
    "unchanged",
]

Turn = Callable[[Sequence[BaseMessage]], AIMessage]


class ScriptedChatModel(BaseChatModel):
    """A chat model that plays a fixed script of turns, each computed from the conversation.

    Turn *n* answers the *n*-th model call after the latest human message, so a script can read
    tool results (and obey what they say) before choosing its next tool call.
    """

    turns: list[Turn]

    @property
    def _llm_type(self) -> str:
        return "aiegis-scripted"

    def bind_tools(self, tools: Any, **kwargs: Any) -> ScriptedChatModel:  # type: ignore[override]
        return self

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: Any = None,
        **kwargs: Any,
    ) -> ChatResult:
        last_human = max(i for i, m in enumerate(messages) if isinstance(m, HumanMessage))
        step = sum(isinstance(m, AIMessage) for m in messages[last_human:])
        turn = self.turns[min(step, len(self.turns) - 1)]
        return ChatResult(generations=[ChatGeneration(message=turn(messages))])


def call(name: str, **args: Any) -> AIMessage:
    """A model message asking for one tool call."""
    return AIMessage(
        content="",
        tool_calls=[{"name": name, "args": args, "id": f"call_{uuid.uuid4().hex[:8]}"}],
    )


def final(text: str | None = None) -> Turn:
    """The closing answer: repeats the last tool result so the reader sees what happened."""

    def turn(messages: Sequence[BaseMessage]) -> AIMessage:
        return AIMessage(content=text or f"Done. Last tool said: {last_tool_text(messages)}")

    return turn


def last_tool_text(messages: Sequence[BaseMessage]) -> str:
    for message in reversed(messages):
        if isinstance(message, ToolMessage):
            return str(message.content)
    return ""


ADDRESS_RE = re.compile(r"0x[0-9a-fA-F]{40}(?![0-9a-fA-F])|[1-9A-HJ-NP-Za-km-z]{32,44}")


def addresses_in(text: str) -> list[str]:
    """Addresses in the order they appear (the obedient model takes the *last* one it read)."""
    return ADDRESS_RE.findall(text)


def choose_model(turns: list[Turn]) -> BaseChatModel:
    """The scripted model, or the real one named by ``AIEGIS_LLM`` (provider:model)."""
    spec = os.environ.get("AIEGIS_LLM", "").strip()
    if not spec:
        return ScriptedChatModel(turns=turns)
    provider, _, model = spec.partition(":")
    if provider not in ("openai", "ollama") or not model:
        raise SystemExit(f"AIEGIS_LLM={spec!r}: expected openai:<model> or ollama:<model>")
    package = {"openai": "langchain-openai", "ollama": "langchain-ollama"}[provider]
    if provider == "openai" and not os.environ.get("OPENAI_API_KEY"):
        raise SystemExit("AIEGIS_LLM=openai:… needs OPENAI_API_KEY in the environment.")
    try:
        from langchain.chat_models import init_chat_model

        return init_chat_model(model, model_provider=provider, temperature=0)
    except ImportError:
        raise SystemExit(
            f"AIEGIS_LLM={spec}: install {package} first (.venv/bin/pip install {package})."
        ) from None


class Reviewer:
    """The human in the loop for the demo: records every request and answers ``answer``."""

    def __init__(self, answer: bool = False) -> None:
        self.answer = answer
        self.requests: list[ApprovalRequest] = []

    def __call__(self, request: ApprovalRequest) -> bool:
        self.requests.append(request)
        return self.answer


@dataclass
class Scenario:
    """One story: a user request, what the scripted model does, and what must be true after."""

    name: str
    expected: str  # "executes", "blocked", "approval denied"
    prompt: str
    turns: list[Turn]
    # (chain state before, after) -> (as expected?, the on-chain effect in words)
    check: Callable[[dict[str, int], dict[str, int]], tuple[bool, str]]
    history: list[BaseMessage] = field(default_factory=list)  # earlier conversation / memory
    reviewer_approves: bool = False  # what the human answers if the guard asks


def unchanged(*keys: str) -> Callable[[dict[str, int], dict[str, int]], tuple[bool, str]]:
    """Check: none of these state entries moved."""

    def check(before: dict[str, int], after: dict[str, int]) -> tuple[bool, str]:
        changed = [k for k in keys if before[k] != after[k]]
        return not changed, (
            f"CHANGED: {', '.join(changed)}" if changed else f"unchanged: {', '.join(keys)}"
        )

    return check


def moved(key: str, delta: int, unit: int, label: str) -> Callable[..., tuple[bool, str]]:
    """Check: one state entry moved by exactly ``delta``."""

    def check(before: dict[str, int], after: dict[str, int]) -> tuple[bool, str]:
        got = after[key] - before[key]
        return got == delta, f"{key} {'+' if got >= 0 else ''}{got / unit:g} {label}"

    return check


class VerdictLog:
    """Collects every verdict the guard records (duck-types ``AuditLog``)."""

    def __init__(self) -> None:
        self.entries: list[tuple[str, Verdict, dict[str, Any]]] = []

    def record(self, kind: str, verdict: Verdict, **extra: Any) -> None:
        self.entries.append((kind, verdict, extra))


def describe(entries: Sequence[tuple[str, Verdict, dict[str, Any]]], asked: Sequence[Any]) -> str:
    """The verdict that mattered in a scenario, in a few words."""
    worst = max((v for _, v, _ in entries), key=lambda v: v.action.rank, default=None)
    blocked = worst is not None and worst.blocked
    said = ""
    if asked:
        ids = ", ".join(dict.fromkeys(r for a in asked for r in a.verdict.rule_ids))
        answer = (
            "approved"
            if any(x.get("approval") == "approved" for _, _, x in entries)
            else ("denied")
        )
        said = f"flag -> human {answer} ({ids})"
        if not blocked:
            return said
    if worst is None or worst.allowed:
        return "allow"
    ids = ", ".join(dict.fromkeys(f.rule_id for f in worst.deciding()))
    verdict = f"{worst.action.value} ({ids})"
    if worst.effects:  # what the request did, like a wallet's balance-change preview
        verdict += ": " + "; ".join(worst.effect_lines[:3])
    return f"{said}; then {verdict}" if said else verdict


@dataclass
class ScenarioResult:
    name: str
    expected: str
    verdict: str
    effect: str
    ok: bool


class World(Protocol):
    """What an example world offers the shared scenario runner."""

    guard: Guard
    log: VerdictLog
    reviewer: Reviewer
    transcript: Transcript
    system_prompt: str

    def tools(self) -> list[BaseTool]: ...

    def state(self) -> dict[str, int]: ...


def run_scenario(world: World, scenario: Scenario) -> ScenarioResult:
    """Run one scenario through a fresh guarded agent and read the chain before and after."""
    from langchain.agents import create_agent

    from aiegis_guard import GuardBlocked
    from aiegis_guard.callbacks import GuardCallbackHandler

    world.transcript.header(scenario.name)
    world.reviewer.answer = scenario.reviewer_approves
    before = world.state()
    start, asked = len(world.log.entries), len(world.reviewer.requests)
    model = choose_model(scenario.turns)
    agent = create_agent(model, tools=world.tools(), system_prompt=world.system_prompt)
    inputs = {"messages": [*scenario.history, HumanMessage(scenario.prompt)]}
    handler = GuardCallbackHandler(guard=world.guard)
    try:
        result = agent.invoke(inputs, config={"callbacks": [handler], "recursion_limit": 20})
        world.transcript.messages(result["messages"][len(scenario.history) :])
    except GuardBlocked as stop:  # the handler ended the run (a hard block it observed)
        world.transcript.say(f"  guard  ! run aborted: {stop.verdict.summary()}")
    verdict = describe(world.log.entries[start:], world.reviewer.requests[asked:])
    ok, effect = scenario.check(before, world.state())
    world.transcript.say(f"  guard  : {verdict}")
    world.transcript.say(f"  chain  : {effect}")
    return ScenarioResult(scenario.name, scenario.expected, verdict, effect, ok)


def run_all(world: World, scenarios: Sequence[Scenario], title: str) -> list[ScenarioResult]:
    """Every scenario in order, then the summary table."""
    world.transcript.say(title)
    results = [run_scenario(world, s) for s in scenarios]
    world.transcript.table(results)
    return results


class Transcript:
    """Readable, masked transcript of an agent run. Secrets never reach the terminal."""

    def __init__(self, guard: Guard, out: IO[str] | None = None) -> None:
        # its own guard, rules only and unaudited: masking the transcript is not a decision of
        # the run, so its checks must not land in the scenario's verdict log
        config = replace(guard.config, audit=guard.config.audit.model_copy(update={"path": None}))
        self.guard = Guard(config, classifier=False)
        self.out = out or sys.stdout

    def mask(self, text: str) -> str:
        verdict = self.guard.check_text(text, source=Source.TOOL_OUTPUT)
        spans = [f.span for f in verdict.findings if f.category.value == "secret" and f.span]
        return redact_spans(text, spans, "SECRET") if spans else text

    def say(self, line: str = "") -> None:
        self.out.write(line + "\n")

    def header(self, title: str) -> None:
        self.say()
        self.say(f"=== {title} " + "=" * max(0, 72 - len(title)))

    def messages(self, messages: Sequence[BaseMessage]) -> None:
        for m in messages:
            if isinstance(m, HumanMessage):
                self.say(f"  user   > {self.mask(str(m.content))}")
            elif isinstance(m, AIMessage):
                for tc in m.tool_calls:
                    args = self.mask(json.dumps(tc["args"], ensure_ascii=False))
                    self.say(f"  model  > calls {tc['name']}({_clip(args)})")
                if m.content:
                    self.say(f"  model  > {_clip(self.mask(str(m.content)), 200)}")
            elif isinstance(m, ToolMessage):
                self.say(f"  tool   < {_clip(self.mask(str(m.content)), 200)}")

    def table(self, results: Sequence[ScenarioResult]) -> None:
        self.say()
        cols = ("scenario", "expected", "verdict", "on-chain effect", "")
        rows = [(r.name, r.expected, r.verdict, r.effect, "ok" if r.ok else "FAILED")
                for r in results]  # fmt: skip
        widths = [max(len(str(x)) for x in col) for col in zip(cols, *rows, strict=True)]
        line = " | ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True))
        self.say(line)
        self.say("-+-".join("-" * w for w in widths))
        for row in rows:
            self.say(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
