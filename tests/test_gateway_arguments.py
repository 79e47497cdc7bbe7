"""Tool-call arguments read as agent frameworks read them (review17 G6): a vector table of the
lenient shapes, each checked against LangChain's own ``parse_partial_json`` where installed,
and properties (any text: readings or a typed error; exact JSON: one exact reading)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiegis_guard import jsontext
from aiegis_guard.gateway.arguments import read_arguments

PAY = {"to": "0x4444444444444444444444444444444444444444", "amount_eth": "100"}

VECTORS = [
    pytest.param(json.dumps(PAY), [PAY], True, id="exact-json"),
    pytest.param(json.dumps({**PAY, "memo": "a\tb"}), [{**PAY, "memo": "a\tb"}], True,
                 id="raw-tab-is-exact-strict-false"),
    pytest.param("", [{}], True, id="empty-is-no-arguments"),
    pytest.param(json.dumps(PAY) + " ok", [PAY], False, id="trailing-text"),
    pytest.param(json.dumps(PAY) + json.dumps({"x": 1}), [PAY, {"x": 1}], False,
                 id="two-objects-both-read"),
    pytest.param(json.dumps(PAY)[:-2], [PAY], False, id="unclosed-string-and-object"),
    pytest.param('{"to": "0x44", "memo": "line\nbreak', [{"to": "0x44", "memo": "line\nbreak"}],
                 False, id="raw-newline-in-unclosed-string"),
    pytest.param("{not json", [{}], False, id="garbage-after-brace"),
    pytest.param("hello", [], False, id="prose-has-no-reading"),
    pytest.param('{"a": ]', [], False, id="mismatched-bracket"),
]  # fmt: skip


@pytest.mark.parametrize(("raw", "readings", "exact"), VECTORS)
def test_readings(raw: str, readings: list[Any], exact: bool) -> None:
    """Each shape gives the readings a lenient framework may run (plus the raw text)."""
    got = read_arguments(raw)
    assert got.exact is exact
    expected = readings if exact else [*readings, raw]
    assert list(got.readings) == expected


@pytest.mark.parametrize(("raw", "readings", "exact"), VECTORS)
def test_langchain_reading_is_among_ours(raw: str, readings: list[Any], exact: bool) -> None:
    """Whatever LangChain's streaming parser runs is one of the readings judged."""
    lc = pytest.importorskip("langchain_core.utils.json")
    try:
        theirs = lc.parse_partial_json(raw) if raw else {}
    except ValueError:
        return  # LangChain runs nothing
    if theirs is None:
        return
    assert theirs in read_arguments(raw).readings


@given(st.text(max_size=200))
def test_any_text_reads_or_raises_a_typed_error(raw: str) -> None:
    """Any text: readings (the raw text last when inexact), never a crash."""
    try:
        got = read_arguments(raw)
    except jsontext.JSONDepthError:
        return
    assert got.readings
    if not got.exact:
        assert got.readings[-1] == raw


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@pytest.mark.slow
@given(st.dictionaries(st.text(max_size=8), JSON, max_size=6))
def test_exact_json_is_one_exact_reading(args: dict[str, Any]) -> None:
    """Arguments that are JSON read as exactly that, once."""
    got = read_arguments(json.dumps(args))
    assert got.exact and list(got.readings) == [args]


@given(st.text(alphabet='{}[]":,. \t\nab01\\', max_size=40))
def test_langchain_reading_is_among_ours_for_any_text(raw: str) -> None:
    """Property: for any JSON-ish text, what LangChain's streaming parser runs is judged."""
    lc = pytest.importorskip("langchain_core.utils.json")
    try:
        theirs = lc.parse_partial_json(raw) if raw.strip() else {}
    except (ValueError, RecursionError):
        return
    if theirs is None:
        return
    try:
        ours = read_arguments(raw).readings
    except jsontext.JSONDepthError:
        return
    assert theirs in ours
