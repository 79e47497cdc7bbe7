"""The CLI under hostile input: one error line per bad record, the batch goes on, exit codes
hold (0 allow, 10 flag, 20 block, 2 usage error), and no error ever echoes a secret.

Keys are generated per run; the seed phrase is a checksum-valid vector from
``tests/vectors/wallet_keys.json``.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, VECTORS

from aiegis_guard.cli import main

KEY = os.urandom(32).hex()
SEED = next(
    c["text"].split(": ", 1)[1]
    for c in json.loads((VECTORS / "wallet_keys.json").read_text())["cases"]
    if c["id"] == "bip39-12-plain"
)
DEEP = "[" * 100_000 + "]" * 100_000
DEEP_OBJ = '{"a":' * 50_000 + "1" + "}" * 50_000
BAD_UTF8 = b'{"id": "bad", "text": "caf\xe9 \xff\xfe hello"}'
GOOD_SCAN = b'{"id": "ok", "text": "hello there"}'
GOOD_TX = json.dumps(
    {"id": "ok", "payload": {"to": "0x" + "22" * 20, "value": 1, "chainId": 1, "nonce": 0}}
).encode()


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def _run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes, *argv: str
) -> tuple[int, list[dict[str, object]], str]:
    _stdin(monkeypatch, data)
    code = main([*argv, "--no-classifier"])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


BATCHES = [
    pytest.param(["scan", "--jsonl"], DEEP.encode(), GOOD_SCAN, id="scan-deep-array"),
    pytest.param(
        ["scan", "--jsonl"], json.dumps({"text": "x", "context": json.loads("[" * 500 + "]" * 500)})
        .encode(), GOOD_SCAN, id="scan-deep-context"),
    pytest.param(["inspect-tx", "--jsonl"], DEEP_OBJ.encode(), GOOD_TX, id="tx-deep-object"),
    pytest.param(
        ["inspect-tx", "--jsonl"], json.dumps({"payload": DEEP}).encode(), GOOD_TX,
        id="tx-payload-deep-json-string"),
    pytest.param(["inspect-tx", "--jsonl"], b'{"payload": "\xff\xfe"}', GOOD_TX, id="tx-bad-utf8"),
]  # fmt: skip


@pytest.mark.parametrize(("argv", "bad", "good"), BATCHES)
def test_bad_record_is_one_error_line_and_the_batch_goes_on(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    bad: bytes,
    good: bytes,
) -> None:
    """A record too deep or not UTF-8 yields one error line; the next record is still judged."""
    code, lines, err = _run(monkeypatch, capsys, bad + b"\n" + good + b"\n", *argv)
    assert len(lines) == 2, err
    assert "error" in lines[0]
    assert lines[1]["id"] == "ok" and "action" in lines[1]
    assert code == 10  # an error line counts as FLAG
    assert "Traceback" not in err


def test_scan_jsonl_invalid_utf8_is_reported(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Invalid UTF-8 in a scan line is judged with ``input.invalid_utf8`` (FLAG), as --text."""
    code, lines, _ = _run(monkeypatch, capsys, BAD_UTF8 + b"\n", "scan", "--jsonl")
    assert [f["rule_id"] for f in lines[0]["findings"]] == ["input.invalid_utf8"]  # type: ignore[index, union-attr]
    assert code == 10


def test_scan_jsonl_file_invalid_utf8(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``scan --jsonl --file`` with invalid UTF-8: judged and reported, no traceback."""
    path = tmp_path / "batch.jsonl"
    path.write_bytes(BAD_UTF8 + b"\n" + GOOD_SCAN + b"\n")
    code = main(["scan", "--jsonl", "--file", str(path), "--no-classifier"])
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["bad", "ok"]
    assert "input.invalid_utf8" in out and code == 10 and not err


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(DEEP.encode(), 2, id="deep-array-usage-2"),
        pytest.param(DEEP_OBJ.encode(), 2, id="deep-object-usage-2"),
        pytest.param(b"\xff\xfe0x1234", 2, id="bad-utf8-usage-2"),
        pytest.param(json.dumps({"typed_data": DEEP}).encode(), 10, id="deep-typed-data-flag-10"),
    ],
)
def test_inspect_tx_stdin_bad_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: bytes, expected: int
) -> None:
    """``inspect-tx`` on a hostile single payload: usage error (2) or undecodable (FLAG 10)."""
    _stdin(monkeypatch, data)
    code = main(["inspect-tx", "--no-classifier"])
    out, err = capsys.readouterr()
    assert code == expected
    assert "Traceback" not in err
    assert err.startswith("aiegis-guard:") if expected == 2 else "tx.undecodable" in out


def test_console_script_deep_batch() -> None:
    """The real script over a pipe: the deep line does not end the batch."""
    data = DEEP.encode() + b"\n" + BAD_UTF8 + b"\n" + GOOD_SCAN + b"\n"
    result = subprocess.run(
        [sys.executable, "-m", "aiegis_guard.cli", "scan", "--jsonl", "--no-classifier"],
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3 and "error" in lines[0]
    assert "input.invalid_utf8" in json.dumps(lines[1])
    assert result.returncode == 10 and b"Traceback" not in result.stderr


# --- item 15: no error echoes the input ---------------------------------------------------------

SECRETS = [pytest.param("0x" + KEY, id="hex-key"), pytest.param(SEED, id="seed-phrase")]


def _leaks(secret: str, text: str) -> bool:
    """True when the text shows the secret or a run of it (8+ hex chars, 2+ seed words)."""
    if " " in secret:
        words = secret.split()
        return any(" ".join(words[i : i + 2]) in text for i in range(len(words) - 1))
    body = secret.removeprefix("0x")
    return any(body[i : i + 8] in text.lower() for i in range(len(body) - 7))


def _records(secret: str) -> list[dict[str, object]]:
    typed = {"types": {"A": [{"name": secret, "type": "B"}]}, "primaryType": "A", "message": {}}
    return [
        {"payload": {"method": secret, "params": []}},
        {"payload": {"jsonrpc": "2.0", "method": secret, "params": [1]}},
        {"payload": {"personal_sign": "hi"}, "context": {secret: []}},
        {"payload": {"typed_data": typed}},
        {"payload": {"typed_data": {**typed, "types": {"A": [{"name": "x", "type": secret}]}}}},
        {"payload": "0x00", "chain": secret},
        {"payload": {"message": "AAAA", "encoding": secret}, "chain": "solana"},
        {"payload": {"eth_sign": 5}, "context": {"own_evm": [secret]}},
        {"id": secret, "payload": {"method": "nope", "params": []}},
    ]


@pytest.mark.parametrize("secret", SECRETS)
def test_jsonl_errors_never_echo_a_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], secret: str
) -> None:
    """Every error line of a batch built around a secret is free of it."""
    data = b"\n".join(json.dumps(r).encode() for r in _records(secret)) + b"\n"
    _, lines, err = _run(monkeypatch, capsys, data, "inspect-tx", "--jsonl")
    assert len(lines) == len(_records(secret))
    for line in lines:
        assert not _leaks(secret, json.dumps(line, ensure_ascii=False)), line
    assert not _leaks(secret, err)


@pytest.mark.parametrize("secret", SECRETS)
def test_single_payload_error_never_echoes_a_secret(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], secret: str
) -> None:
    """``inspect-tx`` (stdin) with a secret in the JSON-RPC method: exit 2, nothing echoed."""
    _stdin(monkeypatch, json.dumps({"method": secret, "params": [{}]}).encode())
    code = main(["inspect-tx", "--no-classifier"])
    out, err = capsys.readouterr()
    assert code == 2
    assert not _leaks(secret, out + err)


@pytest.mark.parametrize("secret", SECRETS)
def test_config_errors_never_echo_a_secret(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, secret: str
) -> None:
    """A key pasted where an address, asset or option belongs is not echoed by a config error."""
    for body in (
        f'[wallet]\nevm = ["{secret}"]\n',
        f'[wallet]\nsolana = ["{secret}"]\n',
        f'[rules]\n"{secret}" = "block"\n',
        f'[[limits]]\nchain = "evm"\nasset = "{secret}"\nper_tx = "1"\n',
        f'[guard]\non_error = "{secret}"\n',
    ):
        path = tmp_path / "aiegis.toml"
        path.write_text(body, encoding="utf-8")
        main(["scan", "--config", str(path), "--text", "x", "--no-classifier"])
        out, err = capsys.readouterr()
        assert not _leaks(secret, out + err), err
