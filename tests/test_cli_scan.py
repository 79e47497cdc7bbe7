"""``aiegis-guard scan``: inputs, verdict JSON, exit codes, JSONL batch mode (in-process + real
console script)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from aiegis_guard import guard as guard_module
from aiegis_guard.cli import main

VECTORS = json.loads((Path(__file__).parent / "vectors" / "addresses.json").read_text("utf-8"))
OWN = VECTORS["poisoning"]["own_evm"]
FAKE = VECTORS["poisoning"]["evm_lookalike_of_own"]
OTHER = VECTORS["evm_checksum_valid"][0]
BENIGN = "The balance is 1.25 ETH as of block 19500000."
KEY_LIKE = "0x" + os.urandom(32).hex()  # generated per run, never funded
SCRIPT = Path(sys.executable).parent / "aiegis-guard"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "aiegis.toml"
    path.write_text(f'[wallet]\nevm = ["{OWN}"]\n', encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["scan", "--no-classifier", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize(
    ("argv", "code", "rule"),
    [
        pytest.param(["--text", BENIGN], 0, None, id="benign-allow-0"),
        pytest.param(["--text", f"send 1 ETH to {OTHER}"], 10, "address.unknown_recipient",
                     id="unknown-recipient-flag-10"),
        pytest.param(["--text", f"history: {FAKE}", "--source", "tool_output"], 20,
                     "address.lookalike", id="lookalike-block-20"),
        pytest.param(["--text", f"balance of {OTHER}", "--source", "tool_output"], 0, None,
                     id="address-in-output-allow-0"),
    ],
)  # fmt: skip
def test_exit_codes_and_verdict_json(
    capsys: pytest.CaptureFixture[str], config: Path, argv: list[str], code: int, rule: str | None
) -> None:
    """The verdict JSON carries action and findings; the exit code follows the action."""
    got, out, _err = _run(capsys, "--config", str(config), *argv)
    assert got == code
    verdict = json.loads(out)
    assert {"action", "findings", "elapsed_ms", "source"} <= set(verdict)
    assert verdict["action"] == {0: "allow", 10: "flag", 20: "block"}[code]
    if rule is None:
        assert verdict["findings"] == []
    else:
        [finding] = [f for f in verdict["findings"] if f["rule_id"] == rule]
        assert {"rule_id", "category", "severity", "span", "preview", "evidence"} <= set(finding)
        text = argv[1]
        start, end = finding["span"]
        assert text[start:end] in (OTHER, FAKE)
        assert text[start:end] not in finding["preview"]


def test_text_format(capsys: pytest.CaptureFixture[str], config: Path) -> None:
    """--format text prints the summary and one line per finding."""
    code, out, _ = _run(capsys, "--config", str(config), "--format", "text", "--text", FAKE)
    assert code == 20
    assert out.startswith("block: address.lookalike")
    assert "ms)" in out
    assert f"address {FAKE} imitates known address" in out  # both in full: the human compares


def test_file_and_stdin(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--file and stdin are read as bytes; invalid UTF-8 is replaced and reported."""
    path = tmp_path / "input.txt"
    path.write_bytes(f"pay {OTHER}".encode())
    assert _run(capsys, "--file", str(path))[0] == 10
    _stdin(monkeypatch, b"hello \xff\xfe world")
    code, out, _ = _run(capsys, "--source", "tool_output")
    assert code == 10
    assert [f["rule_id"] for f in json.loads(out)["findings"]] == ["input.invalid_utf8"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        pytest.param(["--file", "does-not-exist.txt"], "cannot read", id="missing-file"),
        pytest.param(["--jsonl", "--file", "does-not-exist.jsonl"], "cannot read",
                     id="missing-jsonl-file"),
        pytest.param(["--config", "nope.toml", "--text", "x"], "no such config file",
                     id="missing-config"),
        pytest.param(["--source", "bogus", "--text", "x"], "invalid choice", id="bad-source"),
        pytest.param(["--text", "x", "--file", "y"], "not allowed with", id="text-and-file"),
        pytest.param(["--jsonl", "--text", "x"], "not --text", id="jsonl-with-text"),
    ],
)  # fmt: skip
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    """Bad flags, unreadable input and bad config exit 2 with a message on stderr."""
    code, out, err = _run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err


def test_bad_config_value_names_its_key(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A config with a bad value fails with its key path (exit 2)."""
    path = tmp_path / "bad.toml"
    path.write_text('[wallet]\nevm = ["not-an-address"]\n', encoding="utf-8")
    code, _out, err = _run(capsys, "--config", str(path), "--text", "x")
    assert code == 2 and "wallet.evm" in err


# --- JSONL batch ---------------------------------------------------------------------------------


def _batch_lines() -> list[str]:
    items: list[Any] = [
        {"id": "benign", "text": BENIGN, "source": "tool_output"},
        {"id": "unknown", "text": f"send to {OTHER}"},
        {"id": "poison", "text": f"to {FAKE}", "source": "tool_output",
         "context": {"own_evm": [OWN]}},
        {"id": "allowed", "text": f"send to {OTHER}", "context": {"allow_evm": [OTHER]}},
        {"id": "ctx-string", "text": "x", "context": "own_evm"},
        {"id": "ctx-bad-address", "text": "x", "context": {"own_evm": [KEY_LIKE]}},
        {"id": "ctx-unknown-key", "text": "x", "context": {"own_btc": []}},
        {"id": "no-text", "source": "tool_output"},
        {"id": "bad-source", "text": "x", "source": "transaction"},
    ]  # fmt: skip
    return [json.dumps(item) for item in items] + ["{not json", "[1, 2]", ""]


EXPECTED = {
    "benign": "allow",
    "unknown": "flag",
    "poison": "block",
    "allowed": "allow",
}


def _check_batch(out: str) -> None:
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 11
    by_id = {line["id"]: line for line in lines}
    for ident, action in EXPECTED.items():
        assert by_id[ident]["action"] == action, ident
    for ident in ("ctx-string", "ctx-bad-address", "ctx-unknown-key", "no-text", "bad-source", 10):
        assert "error" in by_id[ident] and "action" not in by_id[ident], ident
    assert "line 10: not JSON" in by_id[10]["error"]
    assert "expected a JSON object" in by_id[11]["error"]
    assert KEY_LIKE not in out  # error messages mask what they quote


def test_jsonl_batch_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each line gets {"id", ...verdict} or an error object; the batch goes on; one Guard."""
    built: list[object] = []
    original_init = guard_module.Guard.__init__

    def counting_init(self: guard_module.Guard, *args: Any, **kwargs: Any) -> None:
        built.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(guard_module.Guard, "__init__", counting_init)
    _stdin(monkeypatch, "\n".join(_batch_lines()).encode())
    code, out, _ = _run(capsys, "--jsonl")
    assert code == 20
    _check_batch(out)
    assert len(built) == 1


def test_jsonl_from_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--jsonl --file reads the batch from a file."""
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(_batch_lines()), encoding="utf-8")
    code, out, _ = _run(capsys, "--jsonl", "--file", str(path))
    assert code == 20
    _check_batch(out)


# --- the real console script --------------------------------------------------------------------


def _script(*argv: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), "scan", "--no-classifier", *argv],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow  # end to end: the installed console script in a subprocess
def test_console_script_exit_codes(config: Path) -> None:
    """The installed aiegis-guard script exits 0 / 10 / 20 / 2 end to end."""
    assert SCRIPT.is_file(), "console script missing: pip install -e '.[dev]'"
    assert _script("--text", BENIGN, "--source", "tool_output").returncode == 0
    flagged = _script(stdin=f"send to {OTHER}")
    assert flagged.returncode == 10
    assert json.loads(flagged.stdout)["action"] == "flag"
    blocked = _script("--config", str(config), "--source", "tool_output", stdin=FAKE)
    assert blocked.returncode == 20
    usage = _script("--source", "nope")
    assert usage.returncode == 2 and usage.stdout == ""


@pytest.mark.slow  # end to end
def test_console_script_jsonl() -> None:
    """Batch mode over a pipe: one output line per input line, worst exit code."""
    result = _script("--jsonl", stdin="\n".join(_batch_lines()) + "\n")
    assert result.returncode == 20
    _check_batch(result.stdout)
