"""The forms secret_forms_dev15 missed, as classes (tests/vectors/secret_forms21.json, read by
test_secret_form_tables.py): the carriers read back as one text (stream deltas, frame
variables, JSON strings escaped twice, quoted-printable), their spans into the original, their
cheap gates; and a digest of a key named as one (a digest function's argument, a hash word of
another script naming the key)."""

from __future__ import annotations

import json

import pytest

from aiegis_guard.carriers import may_carry, read_carriers
from aiegis_guard.normalize import LayerKind, normalize
from aiegis_guard.scanners.key_words import classify_words, foreign_hash_word

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
    """A stream whose call came in one event gives no layer (nothing was split)."""
    assert not read_carriers(_sse([json.dumps({"k": SECRET})]))


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


def test_json_once_escaped_not_read() -> None:
    """One level of escaping is the scanners' own reading: no layer."""
    assert not may_carry(json.dumps({"SecretString": json.dumps({"password": SECRET})}))


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
    ("window", "kind"),
    [
        pytest.param("sha256(signer.key) = ", "hash", id="digest-call"),
        pytest.param("keccak256(privateKey): ", "hash", id="keccak-call"),
        pytest.param("sign(keccak256(msg), privateKey=", "key", id="call-closed-before"),
        pytest.param("signer.key = ", "key", id="key-itself"),
    ],
)
def test_digest_call(window: str, kind: str) -> None:
    """A key word inside a digest function's open call names what the value is a digest of."""
    got = classify_words(window)
    assert got is not None and got[0] == kind


@pytest.mark.parametrize(
    ("window", "hashed"),
    [
        pytest.param("хеш приватного ключа: ", True, id="russian-hash-of-key"),
        pytest.param("कुंजी फ़िंगरप्रिंट: ", True, id="hindi-fingerprint"),
        pytest.param("хеш: 0x00 приватный ключ: ", False, id="hash-then-another-label"),
        pytest.param("приватный ключ: ", False, id="key-alone"),
    ],
)
def test_foreign_digest_of_key(window: str, hashed: bool) -> None:
    """A hash word of another script naming the key as its object says the value is a hash."""
    assert (foreign_hash_word(window) is not None) is hashed
