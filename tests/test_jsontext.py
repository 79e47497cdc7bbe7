"""``jsontext.loads``: deep JSON is refused before ``json.loads`` recurses (web3 raises the
recursion limit to 100,000 on import, and the C parser then overflows the stack)."""

from __future__ import annotations

import sys

import pytest
import web3  # noqa: F401 - imported for its side effect: the raised recursion limit

from aiegis_guard import jsontext
from aiegis_guard.guard import Guard


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        pytest.param("1", 0, id="scalar"),
        pytest.param("[]", 1, id="empty-list"),
        pytest.param('{"a": [1, {"b": []}]}', 4, id="mixed"),
        pytest.param('["[[[[", "{{{{"]', 1, id="brackets-in-strings"),
        pytest.param('["\\"[[[["]', 1, id="escaped-quote-in-string"),
        pytest.param("[[],[],[[]]]", 3, id="siblings"),
    ],
)
def test_nesting_depth(text: str, depth: int) -> None:
    """The depth counts brackets outside strings only."""
    assert jsontext.nesting_depth(text) == depth


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("[" * 300_000 + "]" * 300_000, id="deep-list"),
        pytest.param('{"a":' * 100_000 + "1" + "}" * 100_000, id="deep-object"),
        pytest.param("[" * 300_000, id="deep-unclosed"),
    ],
)
def test_deep_json_is_a_value_error_not_a_crash(text: str) -> None:
    """Past MAX_DEPTH: JSONDepthError (a ValueError), with web3's recursion limit in force."""
    assert sys.getrecursionlimit() >= 10_000  # the hazard is real in this process
    with pytest.raises(ValueError):
        jsontext.loads(text)


def test_shallow_json_parses() -> None:
    """Ordinary JSON, with brackets in strings beyond the limit, parses as json.loads does."""
    text = '{"memo": "' + "[" * 1000 + '", "n": [1, 2]}'
    assert jsontext.loads(text) == {"memo": "[" * 1000, "n": [1, 2]}


@pytest.mark.parametrize(
    "check",
    [
        pytest.param(lambda g, t: g.check_typed_data(t), id="typed-data"),
        pytest.param(lambda g, t: g.check_transaction(t, chain="evm"), id="json-transaction"),
    ],
)
def test_guard_flags_deep_json_payloads(check: object) -> None:
    """A deep JSON payload is undecodable (FLAG), never a crashed process."""
    deep = '{"a":' * 200_000 + "1" + "}" * 200_000
    verdict = check(Guard(classifier=False), deep)  # type: ignore[operator]
    assert [f.rule_id for f in verdict.findings] == ["tx.undecodable"]
