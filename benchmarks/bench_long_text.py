"""Long benign text through the text guard, model on and off (issue 13's speed target).

    .venv/bin/python benchmarks/bench_long_text.py --data ../shared/data [--reps 3]

Inputs (benign, built here from public data, ~1 MB each):

* ``prose``  EIP/ERC text and ordinary crypto posts (``<data>/crypto``);
* ``web``    the same prose in an HTML page (nav, links, images, comments, style, script);
* ``json``   JSON-RPC responses (``<data>/pii/ethereum-execution-apis``) in one array.

Also ~1 KB of each with detect-secrets 1.5 ``scan_line`` (line by line) for the 10x rule:
``guard+model`` checks the same text each time (what an agent re-reading a page costs: the
model and the intent stage answer from their digest caches), ``fresh`` a text never seen
(:func:`unseen`). MB/s is size / median time; one thread.

For 1 MB, the first figure re-reads the same text, read once before it is timed (the model
and the intent stage answer from their caches); ``fresh`` reads a text never seen
(:func:`unseen`).
"""

from __future__ import annotations

import argparse
import html
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from aiegis_guard import Guard, Policy  # noqa: E402

SIZE = 1_000_000


def prose(data: Path) -> str:
    rows = [json.loads(x)["text"] for x in (data / "crypto/ethereum-eips-ercs/data.jsonl").open()]
    posts = (json.loads(x) for x in (data / "crypto/janitr-crypto-scam/data.jsonl").open())
    rows += [p["text"] for p in posts if p["label"] == 0]
    random.Random(1).shuffle(rows)
    return "\n\n".join(rows)[:SIZE]


def web(data: Path) -> str:
    paras = prose(data).split("\n\n")
    parts = ["<!doctype html><html><head><style>body{margin:0 auto}</style>"
             "<script>window.dataLayer=[];function g(){dataLayer.push(arguments)}</script>"
             "</head><body>"]  # fmt: skip
    i = 0
    while sum(map(len, parts)) < SIZE:
        i += 1
        parts.append(
            f'<div class="s" id="s{i}"><nav><a href="https://example.org/docs/p-{i}?ref=nav">'
            f"Page {i}</a></nav><h2>Section {i}</h2><p>{html.escape(paras[i % len(paras)])}</p>"
            f'<img src="https://cdn.example.org/{i:08x}.png" alt="diagram {i}">'
            f"<!-- rev {i} --></div>\n"
        )
    return "".join(parts)[:SIZE]


def rpc_json(data: Path) -> str:
    root = data / "pii/ethereum-execution-apis/tests"
    out = [ln[3:] for p in sorted(root.rglob("*.io")) for ln in p.read_text().splitlines()
           if ln.startswith("<< ")]  # fmt: skip
    body = "[" + ",".join(out)
    while len(body) < SIZE:
        body += "," + ",".join(out)
    return body[:SIZE]


def unseen(text: str, n: int) -> str:
    """``text`` as never seen: ``n`` spaces in front (every chunk shifts: no layer digest
    hits) and ``n`` after every full stop and paragraph break (no sentence is one the intent
    stage's per-sentence caches know). A JSON result stays JSON (its strings change)."""
    mark = str(n)
    return " " * n + text.replace(". ", f". {mark} ").replace("\n\n", f"\n\n{mark} ")


def _median(fn, text: str, reps: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn(text)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--reps", type=int, default=3)
    args = ap.parse_args()
    data = Path(args.data)
    inputs = {"prose": prose(data), "web": web(data), "json": rpc_json(data)}
    # one counter for both passes: the intent stage's digest cache is the module's, so a
    # text the model-on pass read would be answered from it in the rules-only pass
    seen = iter(range(1, 10**9))
    for model in (True, False):
        guard = Guard(Policy(), classifier=model)
        guard.check_text(
            "warm up: the quick brown fox jumps over the lazy dog", source="tool_output"
        )
        for name, text in inputs.items():
            guard.check_text(text, source="tool_output")  # read once: "again" is what it times
            dt = _median(lambda t, g=guard: g.check_text(t, source="tool_output"), text, args.reps)
            fresh = _median(
                lambda t, g=guard, n=seen: g.check_text(unseen(t, next(n)), source="tool_output"),
                text,
                args.reps,
            )
            label = "model on " if model else "rules only"
            print(f"{label} {name:6} 1 MB  {len(text) / dt / 1e6:6.2f} MB/s"
                  f"  fresh {len(text) / fresh / 1e6:6.2f} MB/s")  # fmt: skip
    try:
        from detect_secrets.core.scan import scan_line
        from detect_secrets.settings import default_settings
    except ImportError:
        print("detect-secrets not installed: 1 KB comparison skipped")
        return 0
    guard = Guard(Policy())
    guard.check_text("warm up: the quick brown fox jumps over the lazy dog", source="tool_output")
    with default_settings():
        for name, text in inputs.items():
            kb = text[:1024]
            reps = 200
            g = _median(lambda t: guard.check_text(t + " ", source="tool_output"), kb, reps)
            fresh = iter(range(10**9))
            f = _median(
                lambda t, n=fresh: guard.check_text(unseen(t, next(n)), source="tool_output"),
                kb,
                reps,
            )
            d = _median(lambda t: [list(scan_line(x)) for x in t.splitlines()], kb, reps)
            print(f"1 KB {name:6} guard+model {g * 1e3:6.2f} ms  detect-secrets {d * 1e3:6.2f} ms"
                  f"  ratio {d / g:5.1f}x  fresh {f * 1e3:6.2f} ms"
                  f"  ratio {d / f:5.1f}x")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
