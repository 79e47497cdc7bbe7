"""The forms secret_forms_dev14 missed, as classes (tests/vectors/secret_forms20.json, read by
test_secret_form_tables.py): part labels of any language that count up, a keystore's password
after a dash, in another language or as a GraphQL variable, the separators of other scripts
between a phrase's words and a key's byte groups, an escaped break after a label's colon, a key
noun's plural, a written line continuation, a key at its stated place in a longer blob; each
with its near twins."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.scanners import key_layouts, keystores
from aiegis_guard.scanners.part_labels import sequence_stem
from aiegis_guard.scanners.secret_messages import message_speaker
from aiegis_guard.scanners.seed_layouts import escapes_as_breaks


@pytest.mark.parametrize(
    ("labels", "stem"),
    [
        pytest.param(("Μέρος Α: ", "Μέρος Β: "), "μέροσ", id="greek-letters"),
        pytest.param(("ส่วนที่ 1: ", "ส่วนที่ 2: "), "ส่วนที่", id="thai-marks-kept"),
        pytest.param(("ส่วนที่ ๑", "ส่วนที่ ๒"), "ส่วนที่", id="thai-digits"),
        pytest.param(("Teil 1/2:", "Teil 2/2:"), "teil / 2", id="count-of-total"),
        pytest.param(("Часть I", "Часть II", "Часть III"), "часть", id="roman-three"),
        pytest.param(("1:", "2:"), "", id="bare-numbers"),
        pytest.param(("Μέρος Α", "Μέρος Γ"), None, id="skips-a-letter"),
        pytest.param(("part 2", "part 1"), None, id="counts-down"),
        pytest.param(("Hash A", "Block B"), None, id="two-stems"),
        pytest.param(("part 1",), None, id="one-label"),
    ],
)  # fmt: skip
def test_sequence_stem(labels: tuple[str, ...], stem: str | None) -> None:
    """Labels are a part's when one mark counts up and the rest is the same."""
    assert sequence_stem(labels) == stem


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("time.", False, id="a-sentence-word"),
        pytest.param("required.", False, id="required"),
        pytest.param("горизонт-2026", True, id="dash-and-digits"),
        pytest.param("hunter2.", True, id="digit-then-stop"),
        pytest.param("Tq8!mW", True, id="symbol-inside"),
    ],
)  # fmt: skip
def test_password_like_ignores_a_sentence_stop(value: str, expected: bool) -> None:
    """A full stop ending a sentence is no password's symbol."""
    assert keystores._password_like(value) is expected


def test_password_variable_follows_the_request() -> None:
    """``password: $pw`` reads the variable's value; one read from the environment is none."""
    text = (
        'mutation($pw: String!) { importKeystore(password: $pw) } {"variables": {"pw": "Ab3-x9"}}'
    )
    span = keystores._password_variable(text, 0, len(text))
    assert span is not None and text[span[0] : span[1]] == "Ab3-x9"
    env = text.replace('"Ab3-x9"', '"$KEYSTORE_PW"')
    assert keystores._password_variable(env, 0, len(env)) is None


def test_escaped_break_after_a_label_colon() -> None:
    """An escaped break after a label's colon before a list word is read as a break; a drive
    letter's colon is no label."""
    known = frozenset(("apple", "delay"))
    text = '"text": "backup (do not share):\\napple delay"'
    again = escapes_as_breaks(text, known)
    assert again is not None and "\\n" not in again
    assert escapes_as_breaks('"path": "C:\\napple"', known) is None


@pytest.mark.parametrize(
    ("layout", "fields", "key_at"),
    [
        pytest.param("privateKey (32 bytes) || salt (32 bytes)",
                     [("privateKey", 32), ("salt", 32)], 0, id="bytes"),
        pytest.param("iv[16] | signer_key[32] | mac[32]",
                     [("iv", 16), ("signer_key", 32), ("mac", 32)], 16, id="brackets"),
        pytest.param("publicKey (32 bytes) || salt (32 bytes)",
                     [("publicKey", 32), ("salt", 32)], None, id="public-key"),
        pytest.param("private key (16 bytes) + tag (16 bytes)",
                     [("private key", 16), ("tag", 16)], None, id="not-32-bytes"),
    ],
)  # fmt: skip
def test_stated_layout(layout: str, fields: list[tuple[str, int]], key_at: int | None) -> None:
    """A stated layout's fields and sizes, and the offset of the 32-byte field named a key."""
    assert key_layouts._fields(layout) == fields
    located = key_layouts._key_field(fields)
    assert (located[0] if located else None) == key_at


def test_message_speaker() -> None:
    """The speaker of a message whose header opens the line, before a given offset."""
    text = "[10:41] Julie : a: b\nno header here\n[10:42] <bo> c d\n"
    assert message_speaker(text, 0, text.index("a:")) == "julie"
    assert message_speaker(text, text.index("no"), text.index("here")) is None
    assert message_speaker(text, text.index("[10:42]"), text.index("c d")) == "bo"
    assert message_speaker("Julie: a b", 0, 8) is None  # no time, no IRC nick


_H = "3f5a9c0e71b24d86a1c3e5f7092b4d6f8a0c2e4f61837a5b9d0f2143657b8c9d"  # a sha256-like value


@pytest.mark.parametrize(
    "text",
    [
        # review20b F5: four 16-hex GPG / HSM key ids near "key" are no grouped key
        f"Signing key ids: {_H[:16]} {_H[16:32]} {_H[32:48]} {_H[48:]}",
        # F8: "recovery" names no key (a disaster-recovery snapshot id)
        f"Disaster recovery snapshot: {_H}",
        # F10: a plural key noun's list holds addresses (Aptos / Sui signers are 32 bytes)
        f'signers = [\n  "0x{_H}",\n]',
        # F11: a stated layout's key field that holds the key sealed
        f"encrypted_private_key[32] | iv[16] | tag[16]: {_H}{_H[:64]}",
    ],
)
def test_review20b_look_alikes_are_not_blocked(text: str) -> None:
    from aiegis_guard import Guard, Policy
    from aiegis_guard.findings import Action, Source

    verdict = Guard(Policy(), classifier=False).check_text(text, source=Source.TOOL_OUTPUT)
    assert verdict.action is not Action.BLOCK, verdict.explain()


_HEADS = (
    "[10:41] alice: ", "[2024-01-02, 10:41] <bob> ", "12/01/2024, 10:41 - carol: ", "<dave> ",
    "erin, [10:41]\n", "[10:41] frank\n", "gina — Today at 10:41 PM\n", "hal - 12/01/2024 10:41\n",
    "  \t[9:05 a.m.] ivy: ", "\r\n", "\n\n", "x", "<<a>> ", "send it", " ok\n",
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_HEADS), max_size=16))
def test_message_headers_are_found_at_line_starts_as_finditer_finds_them(parts: list[str]) -> None:
    """The headers tried at each line start are every match a whole-text pass finds."""
    from aiegis_guard.scanners import secret_messages as sm

    text = "".join(parts)
    whole = sorted(
        [(m.start(), m.end(), sm._speaker(m)) for m in sm._PREFIX_RE.finditer(text)]
        + [(m.start(), m.end(), sm._speaker(m)) for m in sm._LINE_RE.finditer(text)]
    )
    lines = [
        (m.start(), m.end(), sm._speaker(m))
        for at in sm._line_starts(text)
        for rx in (sm._PREFIX_RE, sm._LINE_RE)
        if (m := rx.match(text, at)) is not None
    ]
    assert sorted(lines) == whole
