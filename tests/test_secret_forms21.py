"""The forms secret_forms_dev15 missed, as classes (tests/vectors/secret_forms21.json, read by
test_secret_form_tables.py): the carriers read back as one text (stream deltas, frame
variables, JSON strings escaped twice, quoted-printable), their spans into the original, their
cheap gates; events of odd shapes read without error; the frame reader in one pass."""

from __future__ import annotations

import json

import pytest

from aiegis_guard.carriers import may_carry, read_carriers
from aiegis_guard.config import parse_config
from aiegis_guard.findings import Source
from aiegis_guard.guard import Guard
from aiegis_guard.normalize import LayerKind, normalize

GUARD = Guard(parse_config({}), classifier=False)

QP = "Content-Transfer-Encoding: quoted-printable\n\n"
SECRET = "ab12" * 16  # a stand-in value, never a key


def _sse(pieces: list[str]) -> str:
    calls = [{"index": 0, "function": {"arguments": p}} for p in pieces]
    events = [{"choices": [{"index": 0, "delta": {"tool_calls": [c]}}]} for c in calls]
    return "\n\n".join(f"data: {json.dumps(e)}" for e in events) + "\n\ndata: [DONE]\n"


def _only(text: str, kind: str) -> tuple[str, tuple[int, int]]:
    """The decoded text of the one carrier reading of ``kind`` and the span of SECRET in the
    original text."""
    (decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == kind]
    at = decoded.index(SECRET)
    return decoded, spans.span(at, at + len(SECRET))


def test_stream_fragments_joined() -> None:
    """A tool call's arguments streamed in fragments are read as one JSON text."""
    args = json.dumps({"private_key": SECRET})
    text = _sse([args[:7], args[7:20], args[20:41], args[41:]])
    decoded, (start, end) = _only(text, "stream")
    assert decoded == args + "\n"
    assert 0 < start < end <= len(text)


def test_anthropic_partial_json_joined() -> None:
    """Anthropic's input_json_delta fragments are joined per content block."""
    args = json.dumps({"k": SECRET})
    lines = [
        "data: " + json.dumps({"type": "content_block_delta", "index": 1,
                               "delta": {"type": "input_json_delta", "partial_json": p}})
        for p in (args[:9], args[9:30], args[30:])
    ]  # fmt: skip
    decoded, _ = _only("\n\n".join(lines), "stream")
    assert decoded == args + "\n"


def test_unsplit_stream_not_read() -> None:
    """A stream whose call came in one event gives no stream layer (nothing was split)."""
    assert all(c[2] != "stream" for c in read_carriers(_sse([json.dumps({"k": SECRET})])))


def test_frame_variable_named() -> None:
    """A value under a frame reads as ``name = value``, the name at its connector's column."""
    text = (
        "    tx = sign(w3, key, nonce)\n"
        "              │   │    └ 17\n"
        f"              │   └ '{SECRET}'\n"
        "              └ <Web3>\n"
    )
    decoded, (start, end) = _only(text, "frames")
    assert decoded.splitlines() == ["nonce = 17", f"key = '{SECRET}'", "w3 = <Web3>"]
    assert text[start:end] == SECRET


def test_json_twice_escaped_unescaped_once() -> None:
    """JSON inside a JSON string inside JSON loses one level of escapes."""
    inner = json.dumps({"password": SECRET})
    text = json.dumps({"SecretString": json.dumps({"keystore": inner})})
    decoded, (start, end) = _only(text, "json_string")
    assert '\\"password\\": \\"' in decoded
    assert text[start:end] == SECRET


def test_json_once_escaped_read() -> None:
    """JSON escaped once inside a JSON string (a HAR body, a Postman raw body) is unescaped
    (secrets23: the scanners read its members' names beside their values)."""
    text = json.dumps({"SecretString": json.dumps({"password": SECRET})})
    decoded, (start, end) = _only(text, "json_string")
    assert '{"password": "' in decoded
    assert text[start:end] == SECRET


@pytest.mark.parametrize(
    ("text", "decoded"),
    [
        pytest.param(f"{QP}r=C3=A9cup=\n=C3=A9ration\n", f"{QP}récupération\n", id="declared"),
        pytest.param("caf=C3=A9 et th=C3=A9, soft=\nbreak\n", "café et thé, softbreak\n",
                     id="plainly-qp"),
    ],
)  # fmt: skip
def test_quoted_printable(text: str, decoded: str) -> None:
    """A QP body is decoded: escapes to UTF-8, soft line breaks removed."""
    (got, spans, kind), *_ = read_carriers(text)
    assert (got, kind) == (decoded, "quoted_printable")
    at = got.index("é")
    assert text[slice(*spans.span(at, at + 1))] == "=C3=A9"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x =\ny = 1\n", id="assignment-continued"),
        pytest.param("a=C3=A9 once, no soft break\n", id="one-escape"),
        pytest.param("padding: dGVzdA==\n", id="base64-padding"),
    ],
)
def test_not_quoted_printable(text: str) -> None:
    """Text that is not plainly QP and does not say so is left as it is."""
    assert not [c for c in read_carriers(text) if c[2] == "quoted_printable"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The quick brown fox jumps over the lazy dog. " * 20, id="prose"),
        pytest.param('{"jsonrpc": "2.0", "result": "0x' + "0" * 64 + '"}', id="rpc"),
        pytest.param("data: ping\n\ndata: pong\n", id="sse-without-deltas"),
    ],
)
def test_plain_text_not_gated(text: str) -> None:
    """Plain text passes the carriers' gate and keeps normalisation's fast path."""
    assert not may_carry(text)
    assert len(normalize(text).layers) == 1


def test_layer_kinds() -> None:
    """Each reading is a layer of its own kind, mapped into the original."""
    text = _sse(['{"a": "', SECRET[:20], SECRET[20:], '"}'])
    layers = [la for la in normalize(text).layers if la.kind is LayerKind.STREAM]
    assert len(layers) == 1
    at = layers[0].text.index(SECRET)
    start, end = layers[0].to_original(at, at + len(SECRET))
    assert 0 <= start < end <= len(text)


@pytest.mark.parametrize(
    "event",
    [
        '{"choices":[{"index":[1],"delta":{"content":"a"}}]}',
        '{"type":"response.output_text.delta","item_id":{},"delta":"a"}',
        '{"choices":7}',
        '{"choices":[{"delta":{"tool_calls":5}}]}',
        '{"type":"content_block_delta","index":{"x":1},"delta":{"type":"text_delta","text":"a"}}',
    ],
)
def test_stream_events_of_odd_shapes_are_read_without_error(event: str) -> None:
    """review21b: valid JSON of another shape (a list as an index, an object as an item id, a
    number for choices) is a stream event like any other, never a stage error."""
    text = f"data: {event}\n\ndata: {event}\n\n"
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    assert "guard.stage_error" not in verdict.rule_ids


def test_frame_reader_names_values_under_many_connector_lines() -> None:
    """The frame reader finds each value's name in one pass (review21b: a walk back over every
    connector line made 60 KB of them take seconds); names still come from the source line."""
    rows = "".join(f"    │\n    └ {i}\n" for i in range(3000))
    text = f"    total = price * count\n{rows}"
    found = [c for c in read_carriers(text) if c[2] == "frames"]
    assert found and found[0][0].startswith("total = 0\ntotal = 1\n")
    assert found[0][0].count("total = ") == 3000


def test_declared_qp_reads_lower_case_escapes_past_a_dashed_line() -> None:
    """review21b: a declared body runs to its MIME boundary, not to any line that opens with
    "--" ("--network mainnet"), and its escapes may be lower-case ("=c3=a9")."""
    text = (
        'Content-Type: multipart/alternative; boundary="b1_9f3a"\n\n--b1_9f3a\n'
        f"{QP}run it with\n--network mainnet\ncl=c3=a9: {SECRET}\n--b1_9f3a--\n"
    )
    (decoded, _spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "quoted_printable"]
    assert f"clé: {SECRET}" in decoded


def test_plain_text_with_lower_case_escapes_is_not_read_as_qp() -> None:
    """Undeclared, only the standard's upper-case escapes make text quoted-printable."""
    text = f"a=\nb =c3=a9 =c3=a8 {SECRET}"
    assert not [c for c in read_carriers(text) if c[2] == "quoted_printable"]
