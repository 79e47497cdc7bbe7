"""Losing the SQLite ledger file fails closed: deleted or replaced mid-run, every connection and
every new process refuses (LedgerError) until an operator restores the file or starts a new
budget on purpose. Without this, 4 ETH were signed against a 2 ETH budget."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT
from ledger_support import ETH, KEY, PERIOD, item

from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.ledger.sqlite import SqliteLedger

LIMIT = 2 * ETH


def _unlink(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _spend(led: SqliteLedger, rid: str) -> None:
    refusal = led.reserve(rid, [item(ETH, limit=LIMIT)])
    assert refusal is None
    led.commit(rid, [item(ETH, limit=LIMIT)])


def _replace_with_other_ledger(path: Path) -> None:
    other = path.with_name("other.sqlite")
    SqliteLedger(other).spent(KEY, PERIOD)  # a valid ledger of its own
    _unlink(path)
    os.replace(other, path)


def _backup(path: Path) -> Path:
    copy = path.with_name("backup.sqlite")
    with sqlite3.connect(path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    return copy


LOSSES: list[object] = [
    pytest.param(_unlink, id="deleted"),
    pytest.param(_replace_with_other_ledger, id="replaced-by-other-ledger"),
    pytest.param(lambda p: (_unlink(p), sqlite3.connect(p).close()), id="replaced-by-empty-file"),
]


@pytest.mark.parametrize("lose", LOSSES)
def test_open_connections_refuse_after_the_file_is_lost(
    tmp_path: Path, lose: Callable[[Path], None]
) -> None:
    """The connection that was writing, another thread's, and another instance's all refuse."""
    path = tmp_path / "ledger.sqlite"
    led, other = SqliteLedger(path), SqliteLedger(path)
    _spend(led, "a")
    assert other.spent(KEY, PERIOD) == ETH
    seen: list[BaseException] = []
    lose(path)
    for call in (
        lambda: led.reserve("b", [item(ETH, limit=LIMIT)]),
        lambda: led.spent(KEY, PERIOD),
        lambda: led.commit("a", [item(ETH, limit=LIMIT)]),
        lambda: other.reserve("c", [item(ETH, limit=LIMIT)]),
    ):
        with pytest.raises(LedgerError):
            call()

    def in_thread() -> None:
        try:
            led.reserve("d", [item(ETH, limit=LIMIT)])
        except LedgerError as exc:
            seen.append(exc)

    thread = threading.Thread(target=in_thread)
    thread.start()
    thread.join()
    assert len(seen) == 1


def test_a_new_instance_refuses_a_deleted_ledger(tmp_path: Path) -> None:
    """A process starting after the deletion does not begin an empty budget."""
    path = tmp_path / "ledger.sqlite"
    _spend(SqliteLedger(path), "a")
    _unlink(path)
    with pytest.raises(LedgerError, match="deleted"):
        SqliteLedger(path).reserve("b", [item(ETH, limit=LIMIT)])
    assert not path.exists()  # nothing was silently recreated


def test_restoring_the_file_resumes_with_its_totals(tmp_path: Path) -> None:
    """An operator restoring the file (same ledger id) lets running instances carry on."""
    path = tmp_path / "ledger.sqlite"
    led = SqliteLedger(path)
    _spend(led, "a")
    backup = _backup(path)
    _unlink(path)
    with pytest.raises(LedgerError):
        led.spent(KEY, PERIOD)
    shutil.copy(backup, path)
    assert led.spent(KEY, PERIOD) == ETH
    _spend(led, "b")
    assert led.reserve("c", [item(ETH, limit=LIMIT)]) is not None  # the budget still holds


def test_starting_a_new_budget_is_an_explicit_act(tmp_path: Path) -> None:
    """Deleting the marker starts a new ledger; instances bound to the old one keep refusing."""
    path = tmp_path / "ledger.sqlite"
    old = SqliteLedger(path)
    _spend(old, "a")
    _unlink(path)
    (tmp_path / "ledger.sqlite.id").unlink()
    fresh = SqliteLedger(path)
    assert fresh.spent(KEY, PERIOD) == 0
    with pytest.raises(LedgerError):
        old.reserve("b", [item(ETH, limit=LIMIT)])


def test_a_fresh_ledger_needs_no_operator(tmp_path: Path) -> None:
    """The first ever open creates the file and its marker."""
    path = tmp_path / "sub" / "ledger.sqlite"
    _spend(SqliteLedger(path), "a")
    assert path.exists() and (path.parent / "ledger.sqlite.id").exists()


_CHILD = """
import sys
from aiegis_guard.errors import GuardBlocked, LedgerError
from aiegis_guard.ledger import SpendItem
from aiegis_guard.ledger.sqlite import SqliteLedger
led = SqliteLedger(sys.argv[1])
item = [SpendItem("evm:native", 10**18, 2 * 10**18, 100.0)]
for line in sys.stdin:
    try:
        refused = led.reserve(line.strip(), item)
        if refused is None:
            led.commit(line.strip(), item)
        print("refused" if refused else "spent", flush=True)
    except LedgerError:
        print("ledger-error", flush=True)
"""


@pytest.mark.slow
def test_processes_refuse_after_the_file_is_deleted(tmp_path: Path) -> None:
    """Real processes: the one already running and one started after the deletion refuse."""
    path = tmp_path / "ledger.sqlite"

    def child() -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    running = child()
    assert running.stdin and running.stdout
    running.stdin.write("a\n")
    running.stdin.flush()
    assert running.stdout.readline().strip() == "spent"
    _unlink(path)
    running.stdin.write("b\n")
    running.stdin.flush()
    assert running.stdout.readline().strip() == "ledger-error"
    late = child()
    out, _ = late.communicate("c\nd\n", timeout=60)
    assert out.split() == ["ledger-error", "ledger-error"]
    running.stdin.close()
    running.wait(timeout=60)
    running.stdout.close()


def test_guarded_account_cannot_sign_past_the_budget_by_deleting_it(tmp_path: Path) -> None:
    """The red-team scenario: 2 ETH budget, 1 ETH signed, file deleted: the next 1 ETH fails."""
    from eth_account import Account

    from aiegis_guard.config import parse_config
    from aiegis_guard.guard import Guard
    from aiegis_guard.signers.evm_account import GuardedAccount

    account = Account.create()
    config = parse_config(
        {
            "allowlist": {"evm": ["0x" + "44" * 20]},
            "limits": [{"chain": "evm", "decimals": 18, "per_period": "2"}],
            "ledger": {"path": str(tmp_path / "g.sqlite")},
            "threats": {"builtin": False},
        }
    )
    signer = GuardedAccount(account, guard=Guard(config, classifier=False))
    tx = {"to": "0x" + "44" * 20, "value": ETH, "gas": 21000, "nonce": 0, "chainId": 1,
          "maxFeePerGas": 10**10, "maxPriorityFeePerGas": 1}  # fmt: skip
    signer.sign_transaction(tx)
    _unlink(tmp_path / "g.sqlite")
    with pytest.raises((LedgerError, GuardBlocked)):  # the limit check or the reservation
        signer.sign_transaction({**tx, "nonce": 1})
    fresh = GuardedAccount(account, guard=Guard(config, classifier=False))
    with pytest.raises((LedgerError, GuardBlocked)):
        fresh.sign_transaction({**tx, "nonce": 2})
