"""Transaction speed: decode + inspect per payload, full ``Guard`` calls, and the spend ledger.

    .venv/bin/python benchmarks/bench_tx.py [-n 2000] [--json] [--no-redis]

Payloads: the EVM engineer's representative tx dicts (``tests/evm_builders.bench_payloads``),
the same signed as raw RLP (eth-account, generated key), EIP-2612 / Permit2 typed data, and
Solana legacy + v0 transactions (solders, generated keys) as base64 wire bytes.

Two timings per payload: ``decode+inspect`` (``chains.dispatch`` decode and the chain
inspector, which is what the targets mean) and ``guard`` (``Guard.check_*``: policy context,
decide, verdict, and the scan of every signed byte for the own keys). Each payload is timed
repeatedly, so the Guard column reads the key derivations of that scan (~60-90 us per
high-entropy 32-byte window, EVM and Solana) from their digest caches: a payload never seen
pays them once per such window. Likewise in both columns: a signed raw transaction's sender
(and a 7702 authority) is read from the recovery cache (a signature never seen pays ~50 us of
libsecp256k1 once), and the text a transaction carries (memo, typed-data strings) from the
Guard's verdict cache for that text and policy (a text never seen pays the text guard, ~100
us, once). Typed data's ``types`` are checked and planned once per distinct set of type and
field names (``chains/evm/typed_schema.py``): a request with types never seen pays that once
(~30-60 us for a Seaport order's types, against ~6-10 us to find them kept); its message is
walked every time. Targets: EVM dict and typed data <= 200 us p50, Solana <= 300 us p50.
Threat lists are loaded before timing (their one-off lazy load is reported separately). The
ledger part times reserve+commit on SQLite (a temp file), Redis (a real redis-server on a free
port) and memory.

Addresses: the test builders' parties repeat one byte (``0x2222…``, ``0x3333…``), and those
bytes are printable ASCII (``"``, ``3``, ``D``, ``U``, ``f``, ``w``): the Guard's scan of signed
bytes for the own secrets reads each such address in calldata as 20 characters of text and
runs the wallet-key scanners over it. A real address (a keccak output) holds a run of 12
printable bytes about once in 16,000, so every EVM payload is timed with those addresses
replaced by fixed random-looking ones (same verdict, checked), and one row,
``dict/erc20_transfer+text``, keeps a printable recipient: what text in calldata costs.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import re
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "examples"))

from aiegis_guard import Config, Guard  # noqa: E402
from aiegis_guard.chains.dispatch import decode_any, inspect_decoded  # noqa: E402
from aiegis_guard.findings import Chain  # noqa: E402

TARGET_US = {"evm-dict": 200.0, "solana": 300.0}


def percentiles(fn: Callable[[], object], n: int) -> tuple[float, float]:
    """(p50, p99) in microseconds over ``n`` calls after a warm-up."""
    for _ in range(min(50, n)):
        fn()
    samples = []
    clock = time.perf_counter_ns
    for _ in range(n):
        start = clock()
        fn()
        samples.append(clock() - start)
    samples.sort()
    return samples[len(samples) // 2] / 1000, samples[int(len(samples) * 0.99)] / 1000


_HEX = re.compile(r"0x(?:[0-9a-fA-F]{2})+")
ORIGINALS: dict[str, Any] = {}  # payload name -> the payload with the test addresses
# a test address: one printable byte (0x20-0x7e) twenty times
_PRINTABLE_ADDRESSES = {bytes([b]) * 20: b for b in range(0x20, 0x7F)}


def _real_address(byte: int) -> bytes:
    """A fixed random-looking address standing in for ``0x<byte>…<byte>``."""
    return hashlib.sha256(f"aiegis bench {byte:02x}".encode()).digest()[:20]


def realistic(payload: Any) -> Any:
    """``payload`` with every printable repeated-byte test address replaced (see above), in
    addresses and inside calldata alike (replaced in the bytes, so alignment is kept)."""
    if isinstance(payload, str) and _HEX.fullmatch(payload):
        raw = bytes.fromhex(payload[2:])
        for pattern, byte in _PRINTABLE_ADDRESSES.items():
            if pattern in raw:
                raw = raw.replace(pattern, _real_address(byte))
        return "0x" + raw.hex()
    if isinstance(payload, dict):
        return {k: realistic(v) for k, v in payload.items()}
    if isinstance(payload, list):
        return [realistic(v) for v in payload]
    return payload


def evm_payloads() -> dict[str, tuple[str, Any]]:
    """name -> (kind, payload) with kind in evm-dict | evm-raw | typed-data."""
    from eth_account import Account
    from evm_builders import STRANGER, bench_payloads, permit2_single, permit_typed_data

    dicts = {k: realistic(v) for k, v in bench_payloads().items()}
    out: dict[str, tuple[str, Any]] = {f"dict/{k}": ("evm-dict", v) for k, v in dicts.items()}
    ORIGINALS.update({f"dict/{k}": v for k, v in bench_payloads().items()})
    out["dict/erc20_transfer+text"] = ("evm-dict", bench_payloads()["erc20_transfer"])
    account = Account.create()  # generated per run, never funded
    for name in ("native_transfer", "erc20_transfer", "erc20_approve_unlimited"):
        tx = {k: v for k, v in dicts[name].items() if k != "from"}
        raw = account.sign_transaction({**tx, "to": _checksum(tx["to"])}).raw_transaction
        out[f"raw/{name}"] = ("evm-raw", "0x" + bytes(raw).hex())
    typed = {
        "eip2612_permit": permit_typed_data(STRANGER, 10**30),
        "permit2_single": permit2_single(STRANGER, 10**18),
    }
    out.update({f"typed/{k}": ("typed-data", realistic(v)) for k, v in typed.items()})
    ORIGINALS.update({f"typed/{k}": v for k, v in typed.items()})
    return {**out, **effect_payloads()}


_TYPED_BENCH = (
    "seaport-drainer-dust",
    "seaport-bulk-one-drained",
    "safetx-add-owner-stranger",
    "blur-sell-legit",
    "cow-receiver-owner",
    "lookalike-approval-unlimited",
)
_CALL_BENCH = (
    "ur-v4-take-all-own",
    "swaprouter02-multicall-unwrap-to-stranger",
    "safe-add-owner-stranger",
    "4337-handleops-transfer-stranger",
)


def effect_payloads() -> dict[str, tuple[str, Any]]:
    """Protocol requests from the effects vectors, and one call flat and in every carrier
    (``nested/<carrier>/<call>``: Safe, Safe+MultiSend, 7702 batch, ERC-7579, ERC-4337)."""
    from evm_builders import STRANGER, TOKEN

    from tests.effect_vectors import build_tx, carriers

    vectors = {}
    for name in ("evm_protocols.json", "evm_typed_effects.json"):
        data = json.loads((ROOT / "tests" / "vectors" / name).read_text())
        vectors.update({v["id"]: v for v in data["vectors"]})
    out: dict[str, tuple[str, Any]] = {}
    for vid in _TYPED_BENCH:
        ORIGINALS[f"typed/{vid}"] = vectors[vid]["typed_data"]
        out[f"typed/{vid}"] = ("typed-data", realistic(vectors[vid]["typed_data"]))
    for vid in _CALL_BENCH:
        ORIGINALS[f"dict/{vid}"] = build_tx(vectors[vid]["tx"])
        out[f"dict/{vid}"] = ("evm-dict", realistic(ORIGINALS[f"dict/{vid}"]))
    calls = {
        "erc20_transfer": ["transfer(address,uint256)", STRANGER, 5],
        "approve_max": ["approve(address,uint256)", STRANGER, 2**256 - 1],
    }
    for call_name, call in calls.items():
        for form, spec in carriers(TOKEN, 0, {"$call": call}).items():
            ORIGINALS[f"nested/{form}/{call_name}"] = build_tx(spec)
            out[f"nested/{form}/{call_name}"] = ("evm-dict", realistic(build_tx(spec)))
    return out


def _checksum(address: str) -> str:
    from eth_utils import to_checksum_address

    return str(to_checksum_address(address))


def solana_payloads() -> dict[str, tuple[str, Any]]:
    """name -> ("solana", base64 wire transaction) for legacy and v0 messages."""
    import spl as ix
    from solders.keypair import Keypair
    from solders.pubkey import Pubkey
    from solders.system_program import TransferParams, transfer
    from solders.token.associated import get_associated_token_address

    payer, dest = Keypair(), Keypair().pubkey()
    mint = Pubkey.from_string("EPjFWdd5AufqSSqeM2qN1xzybapC8G2wEGGkZwyTDt1v")
    src = get_associated_token_address(payer.pubkey(), mint)
    dst = get_associated_token_address(dest, mint)
    sol = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=dest, lamports=10**6))
    budget = [ix.compute_unit_limit(200_000), ix.compute_unit_price(1000)]
    spl = [
        *budget,
        ix.create_ata(payer.pubkey(), dest, mint),
        ix.transfer_checked(src, mint, dst, payer.pubkey(), 5 * 10**6, 6),
    ]
    usdc, usdt, wsol = (
        Pubkey.from_string(m)
        for m in (
            "EPjFWdd5AufqSSqeM2qN1xzybapC8G4wEGGkZwyTDt1v",
            "Es9vMFrzaCERmJfrF4H2FYD4KCoNkY11McCe8BenwNYB",
            "So11111111111111111111111111111111111111112",
        )
    )
    me = payer.pubkey()

    def ata(wallet: Pubkey, m: Pubkey) -> Pubkey:
        return get_associated_token_address(wallet, m)

    sweep = [  # unchecked transfers: mints and the recipient's ATAs found by derivation
        ix.transfer(ata(me, m), ata(dest, m), me, 10**6) for m in (usdc, usdt, wsol)
    ]
    stake = Keypair().pubkey()
    cases = {
        "sol_transfer": [sol],
        "spl_transfer_checked": spl,
        "spl_approve": [ix.approve(src, dest, payer.pubkey(), 10**6)],
        "memo_and_transfer": [*budget, ix.memo("invoice 42 paid", payer.pubkey()), sol],
        "stake_authorize": [ix.stake_authorize(stake, me, dest, ix.WITHDRAWER)],
        "jupiter_route": [
            *budget,
            ix.create_ata(me, me, usdc),
            ix.jupiter_route(me, ata(me, wsol), ata(me, usdc), usdc, (10**9, 15 * 10**7, 50)),
        ],
        "multi_asset_sweep": [*sweep, sol],
        "raydium_swap": [  # an AMM that names no mint: the output ATA is found by derivation
            *budget,
            ix.raydium_swap_base_in(me, ata(me, wsol), ata(me, usdc), dest, 10**9, 15 * 10**7),
        ],
    }
    out: dict[str, tuple[str, Any]] = {}
    for name, instructions in cases.items():
        for version, build in (("legacy", ix.legacy_tx), ("v0", ix.v0_tx)):
            wire = bytes(build(payer, instructions))
            out[f"{version}/{name}"] = ("solana", base64.b64encode(wire).decode())
    return out


def bench_payloads(guard: Guard, n: int) -> list[dict[str, Any]]:
    from evm_builders import OWN

    context: dict[str, Any] = {"own_evm": [OWN]}
    tx_ctx = guard._tx_context(guard.policy_for(context))
    rows = []
    for name, (kind, payload) in {**evm_payloads(), **solana_payloads()}.items():
        chain = Chain.SOLANA if kind == "solana" else Chain.EVM
        if kind == "typed-data":
            from aiegis_guard.chains.evm.decode import decode_typed_data

            def core(p: Any = payload) -> object:
                return inspect_decoded(decode_typed_data(p), tx_ctx)

            def full(p: Any = payload) -> object:
                return guard.check_typed_data(p, context=context)
        else:

            def core(p: Any = payload, c: Chain = chain) -> object:
                return inspect_decoded(decode_any(p, chain=c), tx_ctx)

            def full(p: Any = payload, c: Chain = chain) -> object:
                return guard.check_transaction(p, chain=c, context=context)

        verdict = full()
        if name in ORIGINALS:  # realistic addresses must not change what is judged
            check = guard.check_typed_data if kind == "typed-data" else guard.check_transaction
            was = check(ORIGINALS[name], context=context)
            same = [(f.rule_id, f.action) for f in was.findings] == [
                (f.rule_id, f.action) for f in verdict.findings
            ]
            if not same or len(was.effects) != len(verdict.effects):
                raise SystemExit(f"{name}: realistic addresses changed the verdict")
        p50, p99 = percentiles(core, n)
        g50, g99 = percentiles(full, n)
        rows.append(
            {"payload": name, "kind": kind, "verdict": getattr(verdict, "action", "?"),
             "core_p50_us": p50, "core_p99_us": p99, "guard_p50_us": g50, "guard_p99_us": g99}
        )  # fmt: skip
    return rows


def bench_ledgers(n: int, with_redis: bool) -> list[dict[str, Any]]:
    from ledger_support import redis_server

    from aiegis_guard.ledger import MemoryLedger, SpendItem, SpendLedger
    from aiegis_guard.ledger.sqlite import SqliteLedger

    def reserve_commit(led: SpendLedger) -> Callable[[], None]:
        items = [SpendItem("evm:native", 10**15, 10**40, 86400.0)]

        def run() -> None:
            rid = uuid.uuid4().hex
            led.reserve(rid, items)
            led.commit(rid, items)

        return run

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        backends: list[tuple[str, SpendLedger]] = [
            ("memory", MemoryLedger()),
            ("sqlite", SqliteLedger(Path(tmp) / "bench.sqlite")),
        ]
        for name, led in backends:
            p50, p99 = percentiles(reserve_commit(led), n)
            rows.append({"ledger": name, "p50_us": p50, "p99_us": p99, "entries": n + 50})
        if with_redis:
            from aiegis_guard.ledger.redis import RedisLedger

            with redis_server(Path(tmp)) as url:
                led = RedisLedger(url, namespace=uuid.uuid4().hex)
                p50, p99 = percentiles(reserve_commit(led), n)
                rows.append({"ledger": "redis", "p50_us": p50, "p99_us": p99, "entries": n + 50})
                led.close()
    return rows


def nesting_ratios(rows: list[dict[str, Any]]) -> list[str]:
    """Each nested form's p50 over its flat form's (target: <= 2x)."""
    by_name = {r["payload"]: r["core_p50_us"] for r in rows}
    out = []
    for name, p50 in by_name.items():
        parts = name.split("/")
        if parts[0] != "nested" or parts[1] == "flat":
            continue
        flat = by_name[f"nested/flat/{parts[2]}"]
        status = "ok" if p50 <= 2 * flat else "OVER"
        out.append(f"nested {parts[1]}/{parts[2]}: {p50 / flat:.2f}x flat (<= 2x: {status})")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=2000, help="timed calls per payload")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-redis", action="store_true")
    args = ap.parse_args(argv)

    guard = Guard(Config(), classifier=False)
    started = time.perf_counter()
    guard.threats.domain_label("example.com")  # the one-off lazy load, outside the timings
    load_ms = (time.perf_counter() - started) * 1000
    payload_rows = bench_payloads(guard, args.n)
    ledger_rows = bench_ledgers(max(200, args.n // 4), not args.no_redis)
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())  # shared machines: say how busy
    if args.json:
        print(json.dumps({"threat_load_ms": load_ms, "payloads": payload_rows,
                          "ledgers": ledger_rows, "loadavg": load}, indent=2))  # fmt: skip
        return 0
    print(f"load average {load} on {os.cpu_count()} CPUs")
    print(f"threat lists lazy load: {load_ms:.1f} ms (once per process)\n")
    print(
        f"{'payload':52} {'verdict':7} {'decode+inspect p50/p99 us':>26} {'Guard p50/p99 us':>18}"
    )
    for r in payload_rows:
        core = f"{r['core_p50_us']:.0f} / {r['core_p99_us']:.0f}"
        full = f"{r['guard_p50_us']:.0f} / {r['guard_p99_us']:.0f}"
        print(f"{r['payload']:52} {r['verdict']:7} {core:>26} {full:>18}")
    print()
    for kind, target in {**TARGET_US, "typed-data": TARGET_US["evm-dict"]}.items():
        worst = max(r["core_p50_us"] for r in payload_rows if r["kind"] == kind)
        status = "ok" if worst <= target else "OVER"
        print(f"target {kind}: worst p50 {worst:.0f} us <= {target:.0f} us: {status}")
    for line in nesting_ratios(payload_rows):
        print(line)
    print(f"\n{'ledger reserve+commit':22} {'p50 us':>8} {'p99 us':>8}")
    for r in ledger_rows:
        print(f"{r['ledger']:22} {r['p50_us']:8.0f} {r['p99_us']:8.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
