"""The carriers secret_forms21 left open, as classes (tests/vectors/secret_forms22.json, read by
test_secret_form_tables.py): other LLM stream framings and events read back as one text
(Vercel AI SDK, Gemini, Bedrock, Ollama, JSON lines, SSE events over several data lines),
traceback variables with ASCII connectors and rich's locals panels, a key cut into a few
groups, a keypair array with comments; their spans, their cheap gates, events of odd shapes."""

from __future__ import annotations

import hashlib
import json

import pytest

from aiegis_guard.carriers import may_carry, read_carriers
from aiegis_guard.config import parse_config
from aiegis_guard.findings import Action, Source
from aiegis_guard.guard import Guard
from aiegis_guard.normalize import normalize

GUARD = Guard(parse_config({}), classifier=False)
SECRET = "ab12" * 16  # a stand-in value, never a key
VALUE = hashlib.sha256(b"secret_forms22").hexdigest()  # 64 random-looking digits, never a key
ARGS = json.dumps({"private_key": SECRET})
PIECES = [ARGS[:7], ARGS[7:20], ARGS[20:41], ARGS[41:]]


def _sse(events: list[object]) -> str:
    return "".join(f"data: {json.dumps(e)}\n\n" for e in events)


def _lines(events: list[object]) -> str:
    return "\n".join(json.dumps(e) for e in events) + "\n"


def _gemini(part: object) -> dict[str, object]:
    return {"candidates": [{"index": 0, "content": {"role": "model", "parts": [part]}}]}


def _bedrock(piece: str) -> dict[str, object]:
    return {"contentBlockDelta": {"contentBlockIndex": 1, "delta": {"toolUse": {"input": piece}}}}


STREAMS = {
    "vercel-v4": "".join(
        "c:" + json.dumps({"toolCallId": "call_1", "argsTextDelta": p}) + "\n" for p in PIECES
    ),
    "vercel-v5": _sse(
        [{"type": "tool-input-delta", "toolCallId": "call_1", "inputTextDelta": p} for p in PIECES]
    ),
    "gemini-sse": _sse([_gemini({"text": p}) for p in PIECES]),
    "gemini-array": "[" + ",\r\n".join(json.dumps(_gemini({"text": p}), indent=2) for p in PIECES)
    + "]",
    "bedrock-json": _lines([_bedrock(p) for p in PIECES]),
    "bedrock-boto3": "\n".join(repr(_bedrock(p)) for p in PIECES) + "\n",
    "bedrock-payload": _lines(
        [{"contentBlockIndex": 0, "delta": {"text": p}, "p": "abcd"} for p in PIECES]
    ),
    "ollama": _lines([
        {"model": "m", "created_at": "t", "message": {"content": p}, "done": False}
        for p in PIECES
    ]),
    "chunks-ndjson": _lines([{"choices": [{"index": 0, "delta": {"content": p}}]} for p in PIECES]),
    "sse-multiline": "\n".join(
        "\n".join(f"data: {line}" for line in json.dumps(
            {"choices": [{"delta": {"tool_calls": [{"function": {"arguments": p}}]}}]}, indent=1
        ).splitlines()) + "\n" for p in PIECES
    ),
    "after-a-bracketed-line": "[2026-03-02 10:14:22] INFO stream:\n" + _sse(
        [{"type": "text-delta", "id": "t", "delta": p} for p in PIECES]
    ),
    "sse-without-blank-lines": "".join(
        "data: " + json.dumps({"type": "text-delta", "id": "t", "delta": p}) + "\n" for p in PIECES
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", STREAMS)
def test_stream_fragments_joined(name: str) -> None:
    """Each framing's fragments of one call (or message) are read back as one text, mapped
    into the original."""
    text = STREAMS[name]
    assert may_carry(text)
    (decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "stream"]
    assert decoded == ARGS + "\n"
    at = decoded.index(SECRET)
    start, end = spans.span(at, at + len(SECRET))
    assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("name", ["vercel-v4", "bedrock-boto3", "gemini-array", "sse-multiline"])
def test_stream_piece_spans_are_the_fragments_own(name: str) -> None:
    """A fragment maps onto its own string in the original (inside its quotes), whatever the
    framing: a JSON field, a Python literal, an array element, an event over several lines."""
    text = STREAMS[name]
    (_decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "stream"]
    start, end = spans.span(0, len(PIECES[0]))
    assert text[start:end] in (PIECES[0], json.dumps(PIECES[0])[1:-1])


def test_vercel_text_parts_joined() -> None:
    """The data stream's text parts (``0:"…"``) are one message; a part's span is its string."""
    text = (
        "".join(f"0:{json.dumps(p)}\n" for p in ["Here is ", "the key: ", SECRET]) + 'd:{"a":1}\n'
    )
    (decoded, spans, _kind), *_ = read_carriers(text)
    assert decoded == f"Here is the key: {SECRET}\n"
    at = decoded.index(SECRET)
    assert text[slice(*spans.span(at, at + len(SECRET)))] == SECRET


def test_gemini_partial_args_named_by_their_path() -> None:
    """Vertex's streamed function arguments carry no name of their own: the jsonPath names the
    joined value."""
    parts = [{"functionCall": {"name": "f", "partialArgs": [
        {"jsonPath": "$.signer.private_key", "stringValue": p, "willContinue": True}]}}
        for p in (SECRET[:20], SECRET[20:])]  # fmt: skip
    (decoded, _spans, _kind), *_ = read_carriers(_sse([_gemini(p) for p in parts]))
    assert decoded == f"private_key: {SECRET}\n"


def test_unsplit_streams_give_no_layer() -> None:
    """A stream whose call came in one event (Ollama's whole tool call, one chunk) is the
    scanners' own reading: no layer."""
    one = _lines([{"model": "m", "created_at": "t", "message": {"content": ARGS}, "done": True}])
    assert not read_carriers(one)


@pytest.mark.parametrize(
    "text",
    [
        '{"candidates": 5}\n{"candidates": 5}\n',
        '{"candidates":[{"content":{"parts":7}}]}\n{"candidates":[{"content":{"parts":[8]}}]}\n',
        '{"candidates":[{"content":{"parts":[{"functionCall":{"partialArgs":[{"jsonPath":3}]}}]}}]}'
        "\n" * 2,
        '{"contentBlockDelta": {"delta": []}}\n{"contentBlockDelta": 1}\n',
        '{"type":"tool-input-delta","toolCallId":[1],"inputTextDelta":"a"}\n' * 2,
        'c:[1,2]\nc:{}\n0:5\n0:"a\n',
        "{'contentBlockDelta': {'delta': {'text': (}}\n{'a': " + "[" * 500 + "\n",
        '[{"candidates": ' + "[" * 5000 + "\n",
        '{"done": false, "created_at": 1, "message": 5}\n' * 2,
    ],
)
def test_stream_events_of_odd_shapes_are_read_without_error(text: str) -> None:
    """Events of other shapes, broken JSON or Python, deep nesting: no stage error."""
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    assert "guard.stage_error" not in verdict.rule_ids


def _ascii_frame(value: str) -> str:
    return (
        "Traceback (most recent call last):\n"
        '  File "/srv/app.py", line 9, in main\n'
        "    tx = sign(w3, key, nonce)\n"
        "              |   |    -> 17\n"
        f"              |   -> '{value}'\n"
        "              -> <Web3>\n"
    )


def test_ascii_frame_variables_named() -> None:
    """better-exceptions / loguru with "|" and "->" (an output that cannot encode "│") read as
    their Unicode connectors are."""
    text = _ascii_frame(SECRET)
    (decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "frames"]
    assert decoded.splitlines() == ["nonce = 17", f"key = '{SECRET}'", "w3 = <Web3>"]
    at = decoded.index(SECRET)
    assert text[slice(*spans.span(at, at + len(SECRET)))] == SECRET


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Steps:\n    restart the node\n    -> it syncs again\n", id="no-traceback"),
        pytest.param("Traceback (most recent call last):\n    Then restart the node\n"
                     "    -> it syncs again\n", id="prose-above"),
    ],
)  # fmt: skip
def test_ascii_arrows_under_prose_are_no_frames(text: str) -> None:
    """An arrow under prose, or outside a traceback, names nothing."""
    assert not [c for c in read_carriers(text) if c[2] == "frames"]


def test_rich_locals_panel_rows_and_folded_values() -> None:
    """A rich locals panel's rows read as ``name = value``; a value folded onto the next row
    is joined back."""
    rows = [f"private_key = '{SECRET[:30]}", f"              {SECRET[30:]}'", "      nonce = 17"]
    top, bottom = "╭" + " locals ".center(52, "─") + "╮", "╰" + "─" * 52 + "╯"
    text = "\n".join(
        [f"│ {top} │"] + [f"│ │ {r.ljust(50)} │ │" for r in rows] + [f"│ {bottom} │"]
    )  # fmt: skip
    (decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "frames"]
    assert decoded.splitlines() == [f"private_key = '{SECRET}'", "nonce = 17"]
    at = decoded.index(SECRET)
    start, end = spans.span(at, at + len(SECRET))
    assert text[start : start + 30] == SECRET[:30] and text[:end].endswith(SECRET[30:])


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The quick brown fox jumps over the lazy dog. " * 20, id="prose"),
        pytest.param('{"jsonrpc": "2.0", "result": "0x' + "0" * 64 + '"}', id="rpc"),
        pytest.param("def f(x: int) -> int:\n    return x\n", id="type-hint-arrow"),
        pytest.param("| a | b |\n|---|---|\n| 1 | 2 |\n", id="markdown-table"),
    ],
)
def test_plain_text_not_gated(text: str) -> None:
    """Plain text, code with arrows and tables pass the carriers' gate and keep
    normalisation's fast path."""
    assert not may_carry(text)
    assert len(normalize(text).layers) == 1


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"private key: {VALUE[:32]} {VALUE[32:]}", True, id="two-groups"),
        pytest.param(f"signer key {VALUE[:16]}:{VALUE[16:32]}:{VALUE[32:48]}:{VALUE[48:]}",
                     True, id="four-groups-colons"),
        pytest.param(f"private key: {VALUE[:32]} {VALUE[32:40]}:{VALUE[40:]}", False,
                     id="mixed-separators"),
        pytest.param(f"private key: {VALUE[:40]} {VALUE[40:]}", True, id="wrapped-at-40"),
        pytest.param(f"private key: {VALUE[:30]} {VALUE[30:50]} {VALUE[50:]}", False,
                     id="not-one-width"),
        pytest.param(f"Signing key ids: {VALUE[:32]} {VALUE[32:]}", False, id="key-ids"),
        pytest.param(f"tx hash: {VALUE[:32]} {VALUE[32:]}", False, id="hash-label"),
        pytest.param(f"private key: {VALUE[:4]} {VALUE[4:]}", False, id="group-under-8"),
    ],
)  # fmt: skip
def test_key_cut_in_few_groups(text: str, blocked: bool) -> None:
    """A key cut into 2-8 groups (one separator throughout, 8+ digits each) behind a key's own
    singular label is one key; a list of ids, a hash, mixed separators are not."""
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    assert (verdict.action is Action.BLOCK) is blocked, verdict.explain()
