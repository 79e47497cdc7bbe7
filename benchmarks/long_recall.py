"""Recall of attacks buried in long benign text (issue 13's long-text triage must not lose any).

    .venv/bin/python benchmarks/long_recall.py --data ../shared/data [--size 200000] [--limit 120]

Each attack row of the development frozen set (``tests/vectors/frozen_text/attacks.jsonl``)
and of ``tests/vectors/intent.json`` (``flag: true``) that the guard flags on its own is
planted at a seeded random position inside ``--size`` characters of each benign text that
``bench_long_text.py`` builds (``prose``: between paragraphs; ``web``: in an HTML comment
of a section; ``json``: as a string value of one more JSON-RPC result). A row counts as
found when a FLAG or BLOCK finding's span overlaps it: the benign text alone already draws
findings (it quotes scams and EIPs), so the verdict's action says nothing.

Prints found/planted per kind and the ids of the rows missed (``--out`` writes them as
JSON, to diff two runs). Rows are sampled (``--limit``, seed ``--seed``) to keep a run short
on a shared machine. Never reads the held-out set.
"""

from __future__ import annotations

import argparse
import html
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import bench_long_text as bench  # noqa: E402

from aiegis_guard import Guard, Policy  # noqa: E402
from aiegis_guard.findings import Action  # noqa: E402

VECTORS = ROOT / "tests/vectors"


def attack_rows() -> list[tuple[str, str, str]]:
    """(id, text, source) of every development attack row."""
    rows = [json.loads(x) for x in (VECTORS / "frozen_text/attacks.jsonl").open()]
    out = [(r["id"], r["text"], r["source"]) for r in rows]
    cases = json.loads((VECTORS / "intent.json").read_text())["cases"]
    out += [(f"intent:{c['id']}", c["text"], "tool_output") for c in cases if c["flag"]]
    return out


def plant(kind: str, base: str, row: str, rng: random.Random) -> tuple[str, int, int]:
    """``base`` with ``row`` inserted at a random boundary; the row's span in the result."""
    if kind == "prose":
        at = base.find("\n\n", rng.randrange(len(base)))
        at = at if at != -1 else len(base)
        head, piece = base[:at] + "\n\n", row
    elif kind == "web":
        at = base.find("<!-- rev", rng.randrange(len(base)))
        at = at if at != -1 else len(base)
        head, piece = base[:at] + "<!-- ", html.escape(row, quote=False).replace("--", "- -")
        piece += " -->"
    else:
        at = base.find("},{", rng.randrange(len(base)))
        at = at + 1 if at != -1 else len(base)
        value = json.dumps(row, ensure_ascii=False)
        head = base[:at] + ',{"jsonrpc":"2.0","id":7,"result":{"memo":'
        piece = value + "}}"
    text = head + piece + base[at:]
    return text, len(head), len(head) + len(piece)


def found(guard: Guard, text: str, source: str, span: tuple[int, int]) -> bool:
    verdict = guard.check_text(text, source=source)
    lo, hi = span
    return any(
        f.action is not Action.ALLOW and f.span is not None and f.span[0] < hi and f.span[1] > lo
        for f in verdict.findings
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--size", type=int, default=200_000)
    ap.add_argument("--limit", type=int, default=120)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--kinds", default="prose,web,json")
    ap.add_argument("--out", help="write the missed ids per kind as JSON here")
    args = ap.parse_args()
    data = Path(args.data)
    bases = {"prose": bench.prose, "web": bench.web, "json": bench.rpc_json}
    guard = Guard(Policy())
    rows = [r for r in attack_rows() if found(guard, r[1], r[2], (0, len(r[1])))]
    rng = random.Random(args.seed)
    if args.limit and len(rows) > args.limit:
        rows = sorted(rng.sample(rows, args.limit))
    missed: dict[str, list[str]] = {}
    for kind in args.kinds.split(","):
        base = bases[kind](data)[: args.size]
        pos = random.Random(f"{args.seed}:{kind}")
        started = time.perf_counter()
        missed[kind] = []
        for rid, row, source in rows:
            text, lo, hi = plant(kind, base, row, pos)
            if not found(guard, text, source, (lo, hi)):
                missed[kind].append(rid)
        took = time.perf_counter() - started
        print(f"{kind:6} found {len(rows) - len(missed[kind]):4}/{len(rows)}"
              f"  ({took:5.1f} s)  missed: {' '.join(missed[kind]) or '-'}")  # fmt: skip
    if args.out:
        Path(args.out).write_text(json.dumps(missed, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
