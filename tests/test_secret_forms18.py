"""The forms secret_forms_dev12 missed, as classes (tests/vectors/secret_forms18.json): a key
wrapped by line continuations, inside casts of any width, named by a role noun with a
contraction after it, 64 byte values without brackets over lines, a phrase behind escaped
breaks (escaped twice, every four words, a Markdown list), a secret asked for in one message
of an agent's payload and given alone in a later one; each with its near twins (hashes named
in another script, salts, noise bytes, checksum failures, a hash asked for)."""

from __future__ import annotations

import json

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Source
from aiegis_guard.scanners.secret_turns import asked_before, messages_after
from tests.conftest import VECTORS

FORMS = json.loads((VECTORS / "secret_forms18.json").read_text(encoding="utf-8"))
GUARD = Guard(Policy(), classifier=False)


def test_keystore_alone_is_flagged() -> None:
    """A keystore whose password never comes is as safe as that password: FLAG, not BLOCK."""
    case = next(c for c in FORMS["cases"] if c["id"] == "answered:keystore-alone-twin")
    verdict = GUARD.check_text(case["text"], source=Source.TOOL_OUTPUT)
    assert [f.action for f in verdict.findings if f.rule_id == "secret.keystore_json"] == [
        Action.FLAG
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"content": "I need the key"', id="unclosed"),
        pytest.param('"content": "' + "x\\" * 3000, id="escapes"),
        pytest.param('"content": ""' * 50, id="empty-messages"),
        pytest.param("", id="empty"),
    ],
)
def test_message_reading_takes_any_text(text: str) -> None:
    """Broken or odd payloads answer None / nothing, never raise."""
    assert asked_before(text, len(text), len(text)) is None
    assert all(0 <= s <= e <= len(text) for s, e in messages_after(text, 0, len(text), 3))
