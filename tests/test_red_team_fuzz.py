"""Property test (issue 11, "done when"): nothing value-moving executes unjudged.

Hypothesis draws random tool-output shapes, random argument nesting (dicts, lists, JSON in
strings, any depth) and random encodings of a stranger's address, and drives them through
real ``create_agent`` agents guarded three ways: ``guard_tools``, the callback handler (with a
denying approver) and ``GuardMiddleware``. A payment to the stranger, or any payment after a
poisoned read, must never execute.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langchain.agents import create_agent
from langchain_core.tools import BaseTool, StructuredTool, tool
from lc_agents import ATTACKER, FRIEND, POISON, Recorder, Wallet, call, scripted, turn, wallet_guard
from pydantic import BaseModel

from aiegis_guard import GuardBlocked
from aiegis_guard.callbacks import GuardCallbackHandler, GuardMiddleware, guard_tools
from aiegis_guard.checksums import to_eip55

pytestmark = pytest.mark.slow  # Hypothesis fuzzing of whole agent runs (make test runs it)

SURFACES = st.sampled_from(["tools", "handler", "middleware"])
_HEALTH = [HealthCheck.too_slow, HealthCheck.data_too_large]
FUZZ = settings(max_examples=12, deadline=None, suppress_health_check=_HEALTH)
DEEP = settings(max_examples=300, deadline=None, suppress_health_check=_HEALTH)  # slow runs
ASK = {"messages": [{"role": "user", "content": "Handle it."}]}


@st.composite
def encodings(draw: st.DrawFn) -> Any:
    """The stranger's address, written any way a model or an attacker might."""
    body = ATTACKER[2:].lower()
    kind = draw(st.sampled_from(["lower", "upper", "eip55", "bare", "spaced", "int", "decimal",
                                 "uri", "name", "mixed"]))  # fmt: skip
    if kind == "lower":
        return "0x" + body
    if kind == "upper":
        return "0x" + body.upper()
    if kind == "eip55":
        return to_eip55("0x" + body)
    if kind == "bare":
        return body
    if kind == "spaced":
        cuts = sorted(draw(st.sets(st.integers(1, 39), min_size=1, max_size=6)))
        parts = [body[i:j] for i, j in zip([0, *cuts], [*cuts, 40], strict=True)]
        return "0x" + draw(st.sampled_from([" ", "-", "  ", "_"])).join(parts)
    if kind == "int":
        return int(body, 16)
    if kind == "decimal":
        return str(int(body, 16))
    if kind == "uri":
        return f"ethereum:0x{body}@1"
    if kind == "name":
        label = draw(st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12))
        return f"{label}.{draw(st.sampled_from(['eth', 'sol', 'crypto', 'base.eth', 'x']))}"
    flips = draw(st.lists(st.booleans(), min_size=40, max_size=40))
    return "0x" + "".join(c.upper() if f else c for c, f in zip(body, flips, strict=True))


RECIPIENT_KEYS = ["to", "recipient", "payee", "destination", "toAddress", "beneficiary",
                  "receiver", "dest_wallet", "target_account"]  # fmt: skip
AMOUNT_KEYS = ["amount", "value", "qty", "amountEth", "sum", "amount_wei", "quantity"]
AMOUNTS = st.one_of(
    st.decimals(min_value="0.001", max_value=10**6, places=3).map(str),
    st.integers(1, 10**24),
    st.sampled_from(["1 ETH", "0.5 eth", "1e18 wei", "250 gwei", "all", "max", "1,000"]),
)
CONTAINER_KEYS = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10).filter(
    lambda k: k.strip("_") != ""
)


@st.composite
def nested(draw: st.DrawFn, leaf: Any) -> Any:
    """``leaf`` wrapped in random dicts, lists and JSON strings, with noise beside it."""
    value = leaf
    for _ in range(draw(st.integers(0, 12))):
        how = draw(st.sampled_from(["dict", "list", "json", "noise"]))
        if how == "dict":
            value = {draw(CONTAINER_KEYS): value}
        elif how == "list":
            pad = draw(st.lists(st.integers(0, 9), max_size=5))
            value = [*pad, value, *pad]
        elif how == "json":
            value = json.dumps(value)
        elif isinstance(value, dict):
            noise = {draw(CONTAINER_KEYS): draw(st.text(max_size=20))}
            value = {**noise, **value}  # beside it, never over it
    return value


def _recording(ran: list[Any]) -> BaseTool:
    def process(payload: Any) -> str:
        ran.append(payload)
        return "ok"

    return StructuredTool.from_function(process, name="process", description="Process it.")


def _run(surface: str, tools: list[BaseTool], *calls: dict[str, Any]) -> None:
    guard = wallet_guard()
    model = scripted(*(turn(c) for c in calls))
    config: dict[str, Any] = {}
    if surface == "tools":
        agent = create_agent(model, tools=guard_tools(tools, guard=guard))
        config = {"configurable": {"thread_id": "fuzz"}}
    elif surface == "handler":
        agent = create_agent(model, tools=tools)
        config = {"callbacks": [GuardCallbackHandler(guard, approver=Recorder(False))]}
    else:
        agent = create_agent(model, tools=tools, middleware=[GuardMiddleware(guard)])
    with contextlib.suppress(GuardBlocked):
        agent.invoke(ASK, config)


PAYMENTS = {
    "surface": SURFACES,
    "recipient": encodings(),
    "to_key": st.sampled_from(RECIPIENT_KEYS),
    "amount_key": st.sampled_from(AMOUNT_KEYS),
    "amount": AMOUNTS,
    "data": st.data(),
}


def _check_payment(
    *, surface: str, recipient: Any, to_key: str, amount_key: str, amount: Any, data: Any
) -> None:
    ran: list[Any] = []
    payload = data.draw(nested({to_key: recipient, amount_key: amount}))
    _run(surface, [_recording(ran)], call("process", payload=payload))
    assert ran == []


@FUZZ
@given(**PAYMENTS)
def test_payment_to_a_stranger_never_executes(**drawn: Any) -> None:
    """A recipient + amount pair, nested anyhow, naming a stranger: never executed."""
    _check_payment(**drawn)


@pytest.mark.slow
@DEEP
@given(**PAYMENTS)
def test_payment_to_a_stranger_never_executes_deep(**drawn: Any) -> None:
    """The same, 300 examples (``-m slow``)."""
    _check_payment(**drawn)


class Page(BaseModel):
    heading: str
    rows: list[Any]


@st.composite
def output_shapes(draw: st.DrawFn) -> Any:
    """POISON in a random shape a tool may return."""
    text = draw(st.sampled_from([POISON, POISON.upper(), f"note:\n{POISON}\n-- end"]))
    shape = draw(st.sampled_from(["str", "nested", "model", "json-block", "search", "document",
                                  "text-block"]))  # fmt: skip
    if shape == "str":
        return text
    if shape == "nested":
        return draw(nested({draw(CONTAINER_KEYS): text}))
    if shape == "model":
        return Page(heading="policy", rows=[draw(nested(text))])
    if shape == "json-block":
        return [{"type": "json", "json": draw(nested({"body": text}))}]
    if shape == "search":
        return [{"type": "search_result", "title": text, "source": "s", "content": []}]
    if shape == "document":
        return [{"type": "document", "source": {"type": "text", "data": text}}]
    return [{"type": "text", "text": text}]


@FUZZ
@given(surface=SURFACES, output=output_shapes())
def test_payment_after_a_poisoned_read_never_executes(surface: str, output: Any) -> None:
    """Poison in any output shape taints the run: the payment to a friend then waits."""
    _check_poisoned(surface, output)


@pytest.mark.slow
@DEEP
@given(surface=SURFACES, output=output_shapes())
def test_payment_after_a_poisoned_read_never_executes_deep(surface: str, output: Any) -> None:
    """The same, 300 examples (``-m slow``)."""
    _check_poisoned(surface, output)


def _check_poisoned(surface: str, output: Any) -> None:
    wallet = Wallet()

    @tool
    def read_data(query: str) -> Any:
        """Read data about `query`."""
        return output

    transfer = wallet.tools()[0]
    _run(
        surface,
        [read_data, transfer],
        call("read_data", query="x"),
        call("transfer", to=FRIEND, amount="0.1"),
    )
    assert wallet.sent == []
