"""EIP-712 ``types`` kept across requests (``chains/evm/typed_schema.py``): a schema seen
before is reused, a payload whose types only resemble it is still checked in full, and
nothing of a message is kept.
"""

from __future__ import annotations

import copy
import gc
import os
from typing import Any

import pytest

from aiegis_guard.chains.evm import typed_schema
from aiegis_guard.chains.evm.decode import decode_typed_data
from aiegis_guard.errors import EvmDecodeError

_TYPES: dict[str, Any] = {
    "EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}],
    "Mail": [
        {"name": "to", "type": "address"},
        {"name": "amount", "type": "uint256"},
        {"name": "note", "type": "string"},
        {"name": "tags", "type": "Tag[]"},
    ],
    "Tag": [{"name": "id", "type": "uint8"}],
}
_MESSAGE = {"to": "0x" + "ab" * 20, "amount": "7", "note": "hi", "tags": [{"id": 1}, {"id": "2"}]}


def _payload(types: Any) -> dict[str, Any]:
    return {
        "types": types,
        "primaryType": "Mail",
        "domain": {"name": "Mailer", "chainId": 1},
        "message": _MESSAGE,
    }


def _broken(edit: str) -> Any:
    types = copy.deepcopy(_TYPES)
    if edit == "field-type-missing":
        del types["Mail"][1]["type"]
    elif edit == "field-not-object":
        types["Mail"][1] = ["amount", "uint256"]
    elif edit == "fields-tuple":
        types["Mail"] = tuple(types["Mail"])
    elif edit == "name-not-identifier":
        types["Mail"][1]["name"] = 7
    elif edit == "unhashable-type":
        types["Mail"][1]["type"] = ["uint256"]
    elif edit == "undefined-struct":
        types["Mail"][3]["type"] = "Label[]"
    elif edit == "type-name-not-identifier":
        types["Tag 2"] = types.pop("Tag")
    elif edit == "too-many-types":
        types.update({f"T{i}": [] for i in range(300)})
    return types


_BROKEN = [
    "field-type-missing",
    "field-not-object",
    "fields-tuple",
    "name-not-identifier",
    "unhashable-type",
    "undefined-struct",
    "type-name-not-identifier",
    "too-many-types",
]


@pytest.mark.parametrize("edit", _BROKEN)
def test_resembling_types_are_checked(edit: str) -> None:
    """After a valid schema is kept, types that differ from it in one place still fail."""
    decode_typed_data(_payload(_TYPES))
    with pytest.raises(EvmDecodeError):
        decode_typed_data(_payload(_broken(edit)))


_KEPT = [
    pytest.param(_TYPES, True, id="plain-types-kept"),
    pytest.param(
        {**_TYPES, "Mail": [*_TYPES["Mail"], {"name": "x" * 41, "type": "bool"}]},
        False,
        id="long-field-name-not-kept",
    ),
    pytest.param(
        {"EIP712Domain": [], "Mail": [{"name": "t", "type": "T" + "a" * 40}], "T" + "a" * 40: []},
        False,
        id="long-type-name-not-kept",
    ),
]


@pytest.mark.parametrize(("types", "kept"), _KEPT)
def test_schema_kept(types: dict[str, Any], kept: bool) -> None:
    """The same names give the same schema; a name longer than 40 characters is not kept."""
    first = typed_schema.schema_of(copy.deepcopy(types))
    again = typed_schema.schema_of(copy.deepcopy(types))
    assert (first is again) is kept
    assert first.types == again.types


_SAME = [
    pytest.param(lambda t: t, id="same-object"),
    pytest.param(copy.deepcopy, id="fresh-copy"),
    pytest.param(lambda t: dict(reversed(list(t.items()))), id="types-reordered"),
]


@pytest.mark.parametrize("variant", _SAME)
def test_decode_same_with_kept_schema(variant: Any) -> None:
    """A payload decodes the same with its schema kept or built afresh."""
    typed_schema._SCHEMAS.clear()
    fresh = decode_typed_data(_payload(variant(_TYPES)))
    kept = decode_typed_data(_payload(variant(_TYPES)))
    assert fresh == kept
    assert fresh.message_text == "hi"


def test_message_values_not_kept() -> None:
    """A message's values (here a generated key in a string field) are not in any kept
    schema after the decode."""
    key = os.urandom(32).hex()
    payload = _payload(_TYPES)
    payload["message"] = {**_MESSAGE, "note": f"key {key}"}
    decode_typed_data(payload)
    del payload
    gc.collect()
    seen: set[int] = set()
    todo: list[Any] = [typed_schema._SCHEMAS]
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, str):
            assert key[:12] not in obj
            continue
        if isinstance(obj, type) or callable(obj):
            continue
        todo.extend(gc.get_referents(obj))
    assert len(seen) > 10
