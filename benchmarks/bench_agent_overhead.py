"""Added latency per tool call of the LangChain integration, inside a real agent loop.

    .venv/bin/python benchmarks/bench_agent_overhead.py [--runs 200] [--calls 12] [--classifier]

The same scripted conversation (``create_agent`` + a scripted chat model, ``--calls`` tool
calls over benign wallet tools returning ~1 KB outputs) runs unguarded and guarded, the
variants interleaved run by run. Added latency per tool call = (guarded run - unguarded run
of the same repetition) / calls; p50 / p90 over the repetitions. Variants:

- ``tools``            ``guard_tools(tools, guard=g)``
- ``tools+handler``    the same plus ``GuardCallbackHandler(guard=g)`` in the run config
- ``middleware``       ``create_agent(..., middleware=[GuardMiddleware(g)])``

LangGraph charges for every middleware node whatever it does, so the middleware is also
compared with a no-op middleware with the same hooks (``noop-middleware``): the difference
is what the guard itself adds.

Also reported: the guard's own work per tool call outside any agent (judging the arguments
and the output), which is the floor of the added latency. Rules only by default
(``Guard(classifier=False)``); ``--classifier`` turns the ONNX classifier on.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import time
from collections.abc import Callable
from typing import Any

from langchain.agents import create_agent
from langchain.agents.middleware import AgentMiddleware
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage
from langchain_core.tools import BaseTool, tool

from aiegis_guard import Guard, Policy
from aiegis_guard.callbacks import GuardCallbackHandler, GuardMiddleware, guard_tools
from aiegis_guard.callbacks.judge import judge_action, judge_output

FRIEND = "0x1111111111111111111111111111111111111111"
DOC = (
    "Shipping and returns. Orders placed before 14:00 ship the same business day from our "
    "warehouse; others ship the next business day. Standard delivery takes two to four days "
    "in the EU and five to eight days elsewhere. Tracking numbers are e-mailed when the parcel "
    "leaves the warehouse. Returns are accepted within 30 days of delivery for unused items in "
    "their original packaging; refunds are issued to the original payment method within five "
    "business days of receiving the return. Crypto payments are refunded in the same asset at "
    "the amount paid, minus network fees. Gift cards and downloadable goods cannot be returned. "
    "For damaged items, send a photo to the support desk within 48 hours of delivery and we "
    "will replace the item at no cost. Support is open Monday to Friday, 9:00 to 17:00 CET, "
    "and answers within one business day. Bulk orders of more than 50 units get a 10% discount."
)


class ScriptedModel(GenericFakeChatModel):
    def bind_tools(self, tools: Any, **kwargs: Any) -> Any:
        return self


_SERIAL = iter(range(10**9))


def make_tools() -> list[BaseTool]:
    """Benign wallet tools; every output differs (no cache anywhere can answer for free)."""

    @tool
    def read_docs(query: str) -> str:
        """Read the shop documentation."""
        return f"Document {next(_SERIAL)}. {DOC}"

    @tool
    def get_balance(address: str) -> str:
        """Balance of an address."""
        n = next(_SERIAL)
        note = f"statement {n}: {DOC[:700]}"
        return json.dumps({"address": address, "ETH": f"1.{n}", "USDC": "310.00", "note": note})

    @tool
    def transfer(to: str, amount: str) -> str:
        """Send ETH."""
        return f"sent {amount} ETH to {to}; tx 0x{'ab' * 32}"

    return [read_docs, get_balance, transfer]


_RUN = iter(range(10**9))


def script(calls: int) -> list[AIMessage]:
    """The conversation; fresh tool-call ids each run (nothing cached across runs)."""
    run = next(_RUN)
    pattern = [
        ("read_docs", {"query": f"shipping and returns policy, order {run}"}),
        ("get_balance", {"address": FRIEND}),
        ("transfer", {"to": FRIEND, "amount": f"0.0{run % 10}1"}),
    ]
    turns = []
    for i in range(calls):
        name, args = pattern[i % len(pattern)]
        tc = {"name": name, "args": args, "id": f"r{run}c{i}", "type": "tool_call"}
        turns.append(AIMessage(content="", tool_calls=[tc]))
    return [*turns, AIMessage(content="All done.")]


Runner = Callable[[], float]
CLOCK = time.perf_counter


class NoopMiddleware(AgentMiddleware[Any, Any]):
    """The same hooks as GuardMiddleware, doing nothing: LangGraph's own cost."""

    def before_model(self, state: Any, runtime: Any) -> None:
        return None

    def wrap_model_call(self, request: Any, handler: Any) -> Any:
        return handler(request)

    def wrap_tool_call(self, request: Any, handler: Any) -> Any:
        return handler(request)


def runner(guard: Guard | None, variant: str, calls: int) -> Runner:
    model = ScriptedModel(messages=iter([]))
    tools = make_tools()
    config: dict[str, Any] = {"recursion_limit": 4 * calls + 10}
    middleware: list[Any] = []
    if guard is not None and variant.startswith("tools"):
        tools = guard_tools(tools, guard=guard)  # type: ignore[assignment]
    if guard is not None and variant == "tools+handler":
        config["callbacks"] = [GuardCallbackHandler(guard=guard)]
    if guard is not None and variant == "middleware":
        middleware = [GuardMiddleware(guard)]
    if variant == "noop-middleware":
        middleware = [NoopMiddleware()]
    agent = create_agent(model, tools=tools, middleware=middleware)
    inputs = {"messages": [{"role": "user", "content": "Check the docs and pay my friend."}]}

    def run() -> float:
        model.messages = iter(script(calls))
        started = CLOCK()
        agent.invoke(inputs, config)
        return CLOCK() - started

    return run


def guard_work(guard: Guard, repeat: int) -> list[float]:
    """Per tool call: judge the arguments and the output, no agent around it (ms)."""
    calls = [
        ("read_docs", {"query": "shipping and returns policy"}, DOC, False),
        ("get_balance", {"address": FRIEND}, DOC[:900], False),
        ("transfer", {"to": FRIEND, "amount": "0.01"}, f"sent 0.01 ETH to {FRIEND}", True),
    ]
    out = []
    for i in range(repeat):
        name, args, output, vm = calls[i % len(calls)]
        started = CLOCK()
        judge_action(guard, name, {**args, "n": str(i)}, value_moving=vm)
        judge_output(guard, f"{i}: {output}")
        out.append((CLOCK() - started) * 1000)
    return out


def per_call(guarded: list[float], baseline: list[float], calls: int) -> list[float]:
    """Added ms per tool call, paired run by run."""
    return [(g - b) * 1000 / calls for g, b in zip(guarded, baseline, strict=True)]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--calls", type=int, default=12)
    parser.add_argument("--classifier", action="store_true")
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="time with process CPU time (all threads) instead of wall time: stable on a "
        "loaded machine, and the guard's cost is CPU",
    )
    args = parser.parse_args()
    global CLOCK  # noqa: PLW0603 (one switch for every timing in this script)
    CLOCK = time.process_time if args.cpu else time.perf_counter

    policy = Policy.model_validate({"allowlist": {"evm": [FRIEND]}})
    guard = Guard(policy, classifier=args.classifier)
    variants = ["plain (control)", "tools", "tools+handler", "noop-middleware", "middleware"]
    runners = {"plain": runner(None, "plain", args.calls)}
    runners |= {
        v: runner(None if v.startswith("plain") else guard, v, args.calls) for v in variants
    }
    for run in runners.values():  # warm up: imports, schema caches, classifier session
        for _ in range(3):
            run()
    times: dict[str, list[float]] = {name: [] for name in runners}
    gc.disable()
    try:
        for _ in range(args.runs):
            for name, run in runners.items():
                times[name].append(run())
    finally:
        gc.enable()

    clf = guard.classifier
    mode = "rules only" if clf is None else f"classifier (degraded={guard.degraded})"
    clock = "process CPU time" if args.cpu else "wall time"
    print(f"guard: {mode}; {args.runs} runs x {args.calls} tool calls, create_agent, sync invoke,"
          f" {clock}")  # fmt: skip
    plain = times["plain"]
    print(f"unguarded run: p50 {statistics.median(plain) * 1000:.2f} ms "
          f"({statistics.median(plain) * 1000 / args.calls:.3f} ms per tool call)")  # fmt: skip
    print(f"{'variant':<16}{'added/call p50':>16}{'p90':>10}   (ms)")
    for name in variants:
        added = per_call(times[name], plain, args.calls)
        print(f"{name:<16}{statistics.median(added):>16.3f}{pct(added, 0.9):>10.3f}")
    added = per_call(times["middleware"], times["noop-middleware"], args.calls)
    print(f"{'middleware - noop-middleware':<28}{statistics.median(added):>4.3f}"
          f"{pct(added, 0.9):>10.3f}")  # fmt: skip
    work = guard_work(guard, 3000)
    print(f"guard work per tool call (args + output, no agent): p50 {statistics.median(work):.3f}"
          f" ms, p90 {pct(work, 0.9):.3f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
