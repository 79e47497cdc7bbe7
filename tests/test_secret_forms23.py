"""The forms secret_forms_dev16 missed, as classes (tests/vectors/secret_forms23.json, read by
test_secret_form_tables.py): JSON escaped inside a JSON string read back, its gate; redis-cli's
numbered field / value lines; a key in a link named by the link's own words; the hash of a key;
a numbered list of 24 list words judged whole."""

from __future__ import annotations

import hashlib
import json

import pytest

from aiegis_guard.carriers import may_carry, read_carriers
from aiegis_guard.config import parse_config
from aiegis_guard.findings import Action, Category, Source
from aiegis_guard.guard import Guard

GUARD = Guard(parse_config({}), classifier=False)
SECRET = "ab12" * 16  # a stand-in value, never a key
VALUE = hashlib.sha256(b"secret_forms23").hexdigest()  # 64 random-looking digits, never a key


def _blocked(text: str) -> bool:
    verdict = GUARD.check_text(text, source=Source.TOOL_OUTPUT)
    return any(f.category is Category.SECRET and f.action is Action.BLOCK for f in verdict.findings)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(json.dumps({"text": json.dumps({"password": SECRET})}), id="object"),
        pytest.param(json.dumps({"raw": json.dumps({"params": [SECRET]}, indent=1)}), id="indent"),
        pytest.param('2) "{\\"kdf\\":\\"' + SECRET + '\\"}"\n', id="redis-reply"),
    ],
)  # fmt: skip
def test_escaped_json_unescaped(text: str) -> None:
    """JSON escaped once inside a string is read back with its quotes, mapped into the text."""
    assert may_carry(text)
    (decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "json_string"]
    at = decoded.index(SECRET)
    assert decoded[at - 2 : at] in (': "', ':"', ' "') or decoded[at - 1] == '"'
    start, end = spans.span(at, at + len(SECRET))
    assert text[start:end] == SECRET


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('{"note": "she said \\"hi\\" twice"}', id="quoted-words"),
        pytest.param('{"msg": "key \\"a\\" missing"}', id="quoted-name-no-colon"),
        pytest.param('print("\\"x\\": 1")', id="no-object"),
    ],
)
def test_escaped_quotes_not_json(text: str) -> None:
    """Escaped quotes that open no member of an escaped object pass the gate."""
    assert not [c for c in read_carriers(text) if c[2] == "json_string"]


def test_escaped_arguments_of_a_stream_left_to_the_stream_reader() -> None:
    """A tool call's escaped arguments in an LLM stream are the stream reader's to join."""
    event = {"choices": [{"delta": {"tool_calls": [{"function": {"arguments": '{"k": 1}'}}]}}]}
    assert not [c for c in read_carriers(f"data: {json.dumps(event)}\n\n") if c[2] == "json_string"]


def test_doubled_unicode_escapes_read() -> None:
    """A key whose every character is a doubled ``\\u00XX`` escape inside an escaped body."""
    key = "0x" + VALUE
    body = '{"privateKey":"' + "".join(f"\\u{ord(c):04x}" for c in key) + '"}'
    assert _blocked(json.dumps({"postData": {"text": body}}))
    twin = body.replace("privateKey", "txHash")
    assert not _blocked(json.dumps({"postData": {"text": twin}}))


@pytest.mark.parametrize(
    ("field", "value", "blocked"),
    [
        pytest.param("password", "Quartz*quartz9713", True, id="password"),
        pytest.param("passphrase", "Tq8mWx2kLp", True, id="passphrase"),
        pytest.param("password_ref", "aws-sm://prod/relayer-5/pass", False, id="reference"),
        pytest.param("password", "op://vault/relayer/password", False, id="uri-value"),
        pytest.param("passwordPath", "vault-prod-7", False, id="path-name"),
    ],
)
def test_redis_hash_password(field: str, value: str, blocked: bool) -> None:
    """redis-cli numbers a hash's fields and values one a line: a password field's value is
    the next line's; a field that says where the password is kept holds none."""
    crypto = {"ciphertext": VALUE, "kdf": "scrypt", "mac": VALUE[::-1], "iv": VALUE[:32]}
    keystore = json.dumps({"crypto": crypto, "version": 3})
    text = f'1) "keystore"\n2) {json.dumps(keystore)}\n3) "{field}"\n4) "{value}"\n'
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param(f"keyFingerprint=keccak256(privateKey)=0x{VALUE}", False, id="go-panic"),
        pytest.param(f"sha256(private_key).hexdigest() -> {VALUE}", False, id="python-arrow"),
        pytest.param(f">>> hashlib.sha256(pk).hexdigest()\n'{VALUE}'", False, id="repl"),
        pytest.param(f"指纹: keccak256(私钥) = 0x{VALUE}", False, id="chinese"),
        pytest.param(f"privateKey = sha256(passphrase) = 0x{VALUE}", True, id="brain-wallet"),
        pytest.param(f"PRIVATE_KEY=0x{VALUE}", True, id="plain-key"),
    ],
)
def test_hash_of_a_key(text: str, blocked: bool) -> None:
    """What a hash function gave is a hash, unless it is bound to a key's name."""
    assert _blocked(text) is blocked


@pytest.mark.parametrize(
    ("prefix", "blocked"),
    [
        pytest.param('{"data": {"to": "/claim/confirm?k=0x', True, id="root-path-claim"),
        pytest.param('{"data": {"to": "https://gift.app/#/0x', True, id="fragment"),
        pytest.param('{"data": {"to": "/claim/status?tx=0x', False, id="claim-tx-param"),
        pytest.param('{"data": {"to": "/tx/0x', False, id="tx-path"),
    ],
)
def test_link_named_by_its_own_words(prefix: str, blocked: bool) -> None:
    """A value in a link is named by the link's words, not by the fields around the link."""
    assert _blocked(prefix + VALUE + '"}}') is blocked


def _signed(raw: bytes) -> str:
    return "[" + ", ".join(str(b - 256 if b > 127 else b) for b in raw) + "]"


@pytest.mark.parametrize(
    ("text", "blocked"),
    [
        pytest.param("-- Evaluate expression: Arrays.toString(privBytes)\nresult = {}", True,
                     id="java-evaluated-key"),
        pytest.param(">>> list(signer_key)\n{}", True, id="python-repl-key"),
        pytest.param("private key bytes: {}", True, id="named"),
        pytest.param("-- Evaluate expression: Arrays.toString(txHash)\nresult = {}", False,
                     id="evaluated-tx-hash"),
        pytest.param("result = {}", False, id="result-alone"),
    ],
)  # fmt: skip
def test_signed_bytes(text: str, blocked: bool) -> None:
    """Java / Kotlin print a byte[] signed (-128..127): read as the bytes it stores, named by
    the expression a debugger evaluated."""
    assert _blocked(text.format(_signed(bytes.fromhex(VALUE)))) is blocked


def test_signed_and_unsigned_mixed_is_no_byte_list() -> None:
    """A list with both -1 and 200 is no byte array in any language."""
    values = [-1, 200, *list(bytes.fromhex(VALUE))[2:]]
    assert not _blocked(f"private key bytes: {values}")


def _dump(address: int, raw: bytes, step: int = 16) -> str:
    return "".join(
        f"0x{address + i:x}: " + " ".join(f"{b:02x}" for b in raw[i : i + step]) + "  ....\n"
        for i in range(0, len(raw), step)
    )


@pytest.mark.parametrize(
    ("above", "blocked"),
    [
        pytest.param("(T) s = {\n  key = 0x0000600003a1c040 32 bytes\n}\n", True, id="address-key"),
        pytest.param("(T) s = {\n  digest = 0x0000600003a1c040 32 bytes\n}\n", False,
                     id="address-digest"),
        pytest.param("(gdb) x/32xb &priv_key\n", True, id="command-names-key"),
        pytest.param("(gdb) x/32xb &tx_hash\n", False, id="command-names-hash"),
        pytest.param("(lldb) memory read 0x600003a1c040\n", False, id="unnamed"),
    ],
)  # fmt: skip
def test_memory_dump(above: str, blocked: bool) -> None:
    """A 32-byte memory dump over lines is a key when what it dumps is named as one."""
    text = above + "(lldb) memory read --size 1 --count 32 0x600003a1c040\n" * (
        not above.startswith("(gdb)")
    )
    assert _blocked(text + _dump(0x600003A1C040, bytes.fromhex(VALUE))) is blocked


def test_dump_offsets_must_go_on() -> None:
    """Two lines whose offsets do not follow one another are not one dump."""
    raw = bytes.fromhex(VALUE)
    lines = _dump(0x1000, raw[:16]) + _dump(0x2000, raw[16:])
    assert not _blocked("private key dump:\n" + lines)
    assert _blocked("private key dump:\n" + _dump(0x1000, raw))


def test_message_chunks_joined() -> None:
    """LangChain message chunks printed one per event are joined, mapped into the text."""
    pieces = ["Use ", SECRET[:20], SECRET[20:]]
    text = "\n".join(f"{{'chunk': AIMessageChunk(content={p!r})}}" for p in pieces)
    (decoded, spans, _kind), *_ = [c for c in read_carriers(text) if c[2] == "stream"]
    assert decoded == "Use " + SECRET
    at = decoded.index(SECRET)
    start, end = spans.span(at, at + len(SECRET))
    assert SECRET[:20] in text[start:end] and SECRET[20:] in text[start:end]


def test_one_message_chunk_not_read() -> None:
    """One chunk alone is the scanners' own reading."""
    assert not read_carriers("{'chunk': AIMessageChunk(content='hello there')}")


def test_pytest_diff_sides() -> None:
    """Each side of a pytest Full diff is read whole: the shared lines with its own."""
    text = (
        "E         Full diff:\nE           [\nE               'a',\n"
        "E         -     'b',\nE         +     'c',\nE           ]\n\nt.py:1: AssertionError\n"
    )
    sides = [c[0] for c in read_carriers(text) if c[2] == "frames"]
    assert sides == ["[\n'a',\n'c',\n]\n", "[\n'a',\n'b',\n]\n"]
