"""The public Guard API judges text only: anything else is a ``TypeError`` at once, never a
huge allocation and a verdict (``bytes(300_000_000)`` is 300 MB of zeros)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from aiegis_guard.findings import Action
from aiegis_guard.guard import Guard

GUARD = Guard(classifier=False)
NOT_TEXT: list[Any] = [
    pytest.param(300_000_000, id="int"),
    pytest.param(None, id="none"),
    pytest.param({"text": "hi"}, id="dict"),
    pytest.param(["hi"], id="list"),
    pytest.param(3.5, id="float"),
    pytest.param(object(), id="object"),
]
CALLS: list[Any] = [
    pytest.param(GUARD.check_text, id="check_text"),
    pytest.param(GUARD.check_action, id="check_action"),
    pytest.param(lambda x: GUARD.check_texts([x]), id="check_texts-item"),
    pytest.param(GUARD.check_message, id="check_message"),
]


@pytest.mark.parametrize("call", CALLS)
@pytest.mark.parametrize("value", NOT_TEXT)
def test_non_text_is_a_type_error(call: Callable[[Any], Any], value: Any) -> None:
    """int, None, dict, list... given as text raise TypeError."""
    with pytest.raises(TypeError):
        call(value)


@pytest.mark.parametrize("value", [pytest.param(5, id="int"), pytest.param(None, id="none")])
def test_typed_data_must_be_an_object_or_text(value: Any) -> None:
    """Typed data is a mapping or its JSON text; anything else is a TypeError."""
    with pytest.raises(TypeError):
        GUARD.check_typed_data(value)


@pytest.mark.parametrize("texts", [pytest.param("abc", id="str"), pytest.param(b"abc", id="bytes")])
def test_check_texts_rejects_a_single_text(texts: Any) -> None:
    """``check_texts("abc")`` is a mistake (it would judge three one-letter texts)."""
    with pytest.raises(TypeError):
        GUARD.check_texts(texts)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("hello", id="str"),
        pytest.param(b"hello", id="bytes"),
        pytest.param(bytearray(b"hello"), id="bytearray"),
        pytest.param(memoryview(b"hello"), id="memoryview"),
    ],
)
def test_text_and_bytes_are_accepted(value: Any) -> None:
    """str, bytes, bytearray and memoryview stay accepted."""
    assert GUARD.check_text(value).action is Action.ALLOW
