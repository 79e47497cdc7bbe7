"""Spend ledger: one behaviour table run against every backend, atomicity across threads and
processes (SQLite shared file), and ``reserve_spend`` / ``Guard.spend`` semantics."""

from __future__ import annotations

import multiprocessing
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from ledger_support import BEHAVIOURS, ETH, KEY, PERIOD, TTL, Behaviour, FakeClock, item, race

from aiegis_guard import Config, Guard, GuardBlocked, LedgerError, Policy
from aiegis_guard.chains.dispatch import spend_totals
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    AssetKind,
    Creation,
    DecodedTransaction,
    Transfer,
)
from aiegis_guard.config import LedgerBackend, LedgerSettings, parse_config
from aiegis_guard.findings import Action, Chain
from aiegis_guard.ledger import (
    MemoryLedger,
    SpendItem,
    SpendLedger,
    SpendReservation,
    open_ledger,
    reserve_spend,
)
from aiegis_guard.ledger.sqlite import SqliteLedger

OWN = "0x" + "11" * 20
OTHER = "0x" + "22" * 20
TOKEN = "0x" + "33" * 20
SOL_OWN = "4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T"
SOL_MINT = "EPjFWdd5AufqSSqeM2qN1xzybapC8G2wEGGkZwyTDt1v"


def make_ledger(kind: str, tmp_path: Path, clock: FakeClock) -> SpendLedger:
    if kind == "sqlite":
        return SqliteLedger(tmp_path / "ledger.sqlite", ttl=TTL, clock=clock)
    return MemoryLedger(ttl=TTL, clock=clock)


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_behaviour(kind: str, behaviour: Behaviour, tmp_path: Path) -> None:
    """Every backend implements the same sliding-window / reserve / commit / expiry contract."""
    clock = FakeClock()
    led = make_ledger(kind, tmp_path, clock)
    behaviour(led, clock)
    led.close()


def test_sqlite_survives_reopen(tmp_path: Path) -> None:
    """A committed spend is on disk: a new ledger on the same file sees it."""
    clock = FakeClock()
    first = SqliteLedger(tmp_path / "l.sqlite", clock=clock)
    first.reserve("a", [SpendItem(KEY, ETH, 2 * ETH, PERIOD)])
    first.commit("a", [SpendItem(KEY, ETH, 2 * ETH, PERIOD)])
    first.close()
    assert SqliteLedger(tmp_path / "l.sqlite", clock=clock).spent(KEY, PERIOD) == ETH


def test_namespaces_isolate(tmp_path: Path) -> None:
    """Two namespaces on one file keep separate budgets."""
    a = SqliteLedger(tmp_path / "l.sqlite", namespace="agent-a")
    b = SqliteLedger(tmp_path / "l.sqlite", namespace="agent-b")
    a.reserve("x", [SpendItem(KEY, ETH, ETH, PERIOD)])
    assert b.spent(KEY, PERIOD) == 0


@pytest.mark.parametrize("kind", ["memory", "sqlite"])
def test_threads_never_exceed_the_limit(kind: str, tmp_path: Path) -> None:
    """16 threads racing for a 10-spend budget get exactly 10 spends."""
    led = make_ledger(kind, tmp_path, FakeClock())
    wins: list[str] = []
    start = threading.Barrier(16)

    def spend() -> None:
        start.wait()
        for _ in range(5):
            rid = uuid.uuid4().hex
            if led.reserve(rid, [SpendItem(KEY, ETH, 10 * ETH, PERIOD)]) is None:
                led.commit(rid, [SpendItem(KEY, ETH, 10 * ETH, PERIOD)])
                wins.append(rid)

    threads = [threading.Thread(target=spend) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(wins) == 10
    assert led.spent(KEY, PERIOD) == 10 * ETH


@pytest.mark.slow
def test_processes_never_exceed_the_limit_sqlite(tmp_path: Path) -> None:
    """8 spawned processes on one SQLite file never spend more than the shared limit."""
    limit, committed, spent = race("sqlite", str(tmp_path / "shared.sqlite"))
    assert committed <= limit
    assert spent == committed
    assert committed >= limit - 8 * ETH  # the budget was actually contended, not left idle


def _open_ledger(path: str, barrier: Any, results: Any) -> None:
    ledger = SqliteLedger(path, timeout=10)
    barrier.wait()
    try:
        ledger.spent(KEY, PERIOD)
        results.put("ok")
    except LedgerError as exc:
        results.put(str(exc))


@pytest.mark.slow
def test_processes_opening_one_fresh_sqlite_ledger_together_all_get_in(tmp_path: Path) -> None:
    """A fleet starting at once on a new ledger file: nobody fails with "database is locked"
    (switching a fresh file to WAL takes a lock SQLite does not wait for)."""
    ctx = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    for round_ in range(20):
        barrier, results = ctx.Barrier(12), ctx.Queue()
        path = str(tmp_path / f"fresh-{round_}.sqlite")
        procs = [ctx.Process(target=_open_ledger, args=(path, barrier, results)) for _ in range(12)]
        for proc in procs:
            proc.start()
        outcomes += [results.get(timeout=60) for _ in procs]
        for proc in procs:
            proc.join()
    assert set(outcomes) == {"ok"}, [o for o in outcomes if o != "ok"][:3]


# --- reserve_spend / Guard.spend -----------------------------------------------------------


def native(amount: int, sender: str | None = OWN, to: str = OTHER) -> Transfer:
    return Transfer(
        via="native",
        asset=Asset(chain=Chain.EVM, kind=AssetKind.NATIVE),
        sender=sender,
        recipient=to,
        amount=amount,
    )


def erc20(amount: int | None) -> Transfer:
    asset = Asset(chain=Chain.EVM, kind=AssetKind.FUNGIBLE, address=TOKEN, decimals=6)
    return Transfer(via="erc20.transfer", asset=asset, sender=OWN, recipient=OTHER, amount=amount)


def tx(*ops: Any, sender: str | None = OWN, chain: Chain = Chain.EVM) -> DecodedTransaction:
    return DecodedTransaction(chain=chain, sender=sender, operations=ops)


def policy(**rules: str) -> Policy:
    return parse_config(
        {
            "wallet": {"evm": [OWN], "solana": [SOL_OWN]},
            "limits": [
                {"chain": "evm", "decimals": 18, "per_tx": "3", "per_period": "5"},
                {"chain": "evm", "asset": TOKEN, "decimals": 6, "per_period": "100"},
                {"chain": "solana", "asset": SOL_MINT, "decimals": 6, "per_period": "1"},
            ],
            "rules": rules,
        }
    ).policy


def reserve(
    ledger: SpendLedger, pol: Policy, decoded: DecodedTransaction, *, enforce: bool = True
) -> SpendReservation:
    """What ``Guard.spend`` does: the transaction's totals per limit, then the reservation."""
    return reserve_spend(ledger, pol, decoded.chain, spend_totals(decoded, pol), enforce=enforce)


class Unreachable(SpendLedger):
    """A ledger whose backend is down: every call raises LedgerError."""

    def spent(self, key: str, period: Any) -> int:
        raise LedgerError("down")

    def reserve(self, rid: str, items: Any) -> None:
        raise LedgerError("down")

    def commit(self, rid: str, items: Any) -> None:
        raise LedgerError("down")

    def rollback(self, rid: str, items: Any) -> None:
        raise LedgerError("down")


def blocked_rules(excinfo: pytest.ExceptionInfo[GuardBlocked]) -> tuple[str, ...]:
    return excinfo.value.verdict.rule_ids


@pytest.mark.parametrize(
    ("first", "second", "rule"),
    [
        pytest.param(native(3 * ETH), native(3 * ETH), "tx.evm.over_period_limit", id="native"),
        pytest.param(erc20(60 * 10**6), erc20(60 * 10**6), "tx.evm.over_period_limit", id="erc20"),
        pytest.param(native(ETH), native(4 * ETH), "tx.evm.over_limit", id="per-tx-limit"),
        pytest.param(native(ETH), erc20(None), "tx.evm.over_period_limit", id="unknown-amount"),
    ],
)
def test_reserve_spend_refuses_over_limit(first: Any, second: Any, rule: str) -> None:
    """The second spend would cross a limit: GuardBlocked with the limit's rule id."""
    led, pol = MemoryLedger(), policy()
    reserve(led, pol, tx(first)).commit()
    with pytest.raises(GuardBlocked) as excinfo:
        reserve(led, pol, tx(second))
    assert rule in blocked_rules(excinfo)
    assert excinfo.value.verdict.action is Action.BLOCK


def test_solana_rule_tag() -> None:
    """Solana refusals use the ``tx.sol.`` prefix."""
    asset = Asset(chain=Chain.SOLANA, kind=AssetKind.FUNGIBLE, address=SOL_MINT, decimals=6)
    op = Transfer(via="spl.transfer", asset=asset, sender=SOL_OWN, recipient="x", amount=2 * 10**6)
    with pytest.raises(GuardBlocked) as excinfo:
        reserve(MemoryLedger(), policy(), tx(op, sender=SOL_OWN, chain=Chain.SOLANA))
    assert blocked_rules(excinfo) == ("tx.sol.over_period_limit",)


@pytest.mark.parametrize(
    "ops",
    [
        pytest.param(
            (
                Approval(
                    via="erc20.approve",
                    asset=Asset(chain=Chain.EVM, kind=AssetKind.FUNGIBLE, address=TOKEN),
                    owner=OWN,
                    spender=OTHER,
                    amount=10**30,
                ),
            ),
            id="approval-is-not-a-spend",
        ),
        pytest.param((native(10 * ETH, sender=OTHER),), id="someone-elses-transfer"),
        pytest.param((native(0),), id="zero-value"),
    ],
)
def test_not_spends(ops: tuple[Any, ...]) -> None:
    """Approvals, transfers from others and zero value reserve nothing (no ledger call)."""
    reservation = reserve(Unreachable(), policy(), tx(*ops, sender=None))
    assert reservation.items == ()
    with reservation:
        pass
    assert reservation.state == "committed"


def test_creation_value_counts_as_native() -> None:
    """Value sent with a contract creation counts against the native limit."""
    led = MemoryLedger()
    reserve(led, policy(), tx(Creation(value=3 * ETH))).commit()
    assert led.spent("evm:native", 86400) == 3 * ETH


def test_transfers_of_one_asset_add_up() -> None:
    """Two transfers of the same asset in one tx are checked as their sum."""
    with pytest.raises(GuardBlocked):
        reserve(MemoryLedger(), policy(), tx(native(2 * ETH), native(2 * ETH)))


def test_context_manager_commits_on_success() -> None:
    """Leaving the block normally commits: the spend outlives the pending TTL."""
    clock = FakeClock()
    led = MemoryLedger(ttl=TTL, clock=clock)
    with reserve(led, policy(), tx(native(2 * ETH))) as res:
        assert res.state == "pending"
    assert res.state == "committed"
    clock.advance(TTL * 10)
    assert led.spent("evm:native", 86400) == 2 * ETH


def test_context_manager_rolls_back_when_sending_fails() -> None:
    """An exception in the block (send failed) releases the budget and propagates."""
    led = MemoryLedger()
    with pytest.raises(ConnectionError), reserve(led, policy(), tx(native(3 * ETH))):
        raise ConnectionError("rpc down")
    assert led.spent("evm:native", 86400) == 0


def test_reservation_state_machine() -> None:
    """commit is idempotent, rollback after commit keeps the spend, commit after rollback fails."""
    led = MemoryLedger()
    res = reserve(led, policy(), tx(native(ETH)))
    res.commit()
    res.commit()
    res.rollback()
    assert led.spent("evm:native", 86400) == ETH
    other = reserve(led, policy(), tx(native(ETH)))
    other.rollback()
    with pytest.raises(LedgerError):
        other.commit()
    assert "evm:native" in repr(other)


def test_rule_mode_allow_records_without_cap() -> None:
    """``[rules] "tx.evm.over_period_limit" = "allow"`` lets it through, still recorded."""
    led, pol = MemoryLedger(), policy(**{"tx.evm.over_period_limit": "allow"})
    reserve(led, pol, tx(native(3 * ETH))).commit()
    reserve(led, pol, tx(native(3 * ETH))).commit()
    assert led.spent("evm:native", 86400) == 6 * ETH


def test_enforce_false_after_approval() -> None:
    """A human approved: enforce=False records the spend over the limit."""
    led = MemoryLedger()
    reserve(led, policy(), tx(native(3 * ETH))).commit()
    reserve(led, policy(), tx(native(3 * ETH)), enforce=False).commit()
    assert led.spent("evm:native", 86400) == 6 * ETH


def test_unreachable_ledger_fails_closed() -> None:
    """A limited spend with the ledger down raises LedgerError (never a silent allow)."""
    with pytest.raises(LedgerError):
        reserve(Unreachable(), policy(), tx(native(ETH)))


def test_sqlite_unopenable_path_is_a_ledger_error(tmp_path: Path) -> None:
    """A ledger path that cannot be created raises LedgerError on first use."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LedgerError):
        SqliteLedger(blocker / "sub" / "ledger.sqlite").spent(KEY, PERIOD)


@pytest.mark.parametrize(
    ("backend", "cls"),
    [
        pytest.param(LedgerBackend.SQLITE, SqliteLedger, id="sqlite-default"),
        pytest.param(LedgerBackend.MEMORY, MemoryLedger, id="memory"),
    ],
)
def test_open_ledger(backend: LedgerBackend, cls: type, tmp_path: Path) -> None:
    """``[ledger]`` picks the backend and TTL; nothing is opened before first use."""
    settings = LedgerSettings(backend=backend, path=tmp_path / "l.sqlite", reservation_ttl=42)
    led = open_ledger(settings)
    assert isinstance(led, cls)
    assert led.ttl == 42
    assert not (tmp_path / "l.sqlite").exists()


def test_guard_spend_uses_the_configured_ledger(tmp_path: Path) -> None:
    """Guard.spend reserves in the [ledger] file; Guard's tx context sees the pending spend."""
    config = parse_config(
        {
            "wallet": {"evm": [OWN]},
            "limits": [{"chain": "evm", "decimals": 18, "per_period": "5"}],
            "ledger": {"path": str(tmp_path / "g.sqlite")},
        }
    )
    guard = Guard(config, classifier=False)
    with guard.spend(tx(native(4 * ETH))) as res:
        assert isinstance(res, SpendReservation)
        limit = config.policy.limits[0]
        assert guard.ledger.spent(limit.key, limit.period) == 4 * ETH
    again = Guard(config, classifier=False)
    with pytest.raises(GuardBlocked):
        again.spend(tx(native(2 * ETH)))


def test_guard_default_config_has_no_limits() -> None:
    """Without limits Guard.spend reserves nothing and creates no ledger file."""
    guard = Guard(Config(), classifier=False)
    with guard.spend(tx(native(10**24))) as res:
        assert res.items == ()
    assert not Path(".aiegis").exists()


def _create_token_account_in_litesvm() -> None:
    """Create a mint and an associated token account in LiteSVM (the ATA program's run is what
    leaves the x87 state dirty in this process, as observed with solders 0.29)."""
    from solders.keypair import Keypair
    from solders.litesvm import LiteSVM
    from solders.message import Message
    from solders.system_program import CreateAccountParams, create_account
    from solders.transaction import Transaction
    from spl import MINT_SIZE, TOKEN, create_ata, initialize_mint2

    svm, payer, mint = LiteSVM(), Keypair(), Keypair()
    svm.airdrop(payer.pubkey(), 10**10)

    def send(ixs: list[Any], *signers: Keypair) -> None:
        msg = Message.new_with_blockhash(ixs, payer.pubkey(), svm.latest_blockhash())
        svm.send_transaction(Transaction([payer, *signers], msg, svm.latest_blockhash()))

    rent = svm.minimum_balance_for_rent_exemption(MINT_SIZE)
    params = CreateAccountParams(
        from_pubkey=payer.pubkey(), to_pubkey=mint.pubkey(), lamports=rent, space=MINT_SIZE,
        owner=TOKEN,
    )  # fmt: skip
    send([create_account(params), initialize_mint2(mint.pubkey(), 6, payer.pubkey())], mint)
    send([create_ata(payer.pubkey(), Keypair().pubkey(), mint.pubkey())])


def test_sqlite_limit_holds_after_native_code_dirtied_the_fpu(tmp_path: Path) -> None:
    """A spend 0.5 s before the window ends is still refused right after LiteSVM ran (SQLite
    compares integers with REALs in x87 long double, which that leaves dirty once)."""
    clock = FakeClock()
    led = SqliteLedger(tmp_path / "ledger.sqlite", ttl=TTL, clock=clock)
    led.reserve("a", [item(5 * ETH)])
    led.commit("a", [item(5 * ETH)])
    clock.advance(PERIOD - 0.5)
    _create_token_account_in_litesvm()
    assert led.reserve("b", [item(1)]) is not None
