"""Gateway overhead: the proxy against calling the same local upstream directly (loopback only).

    .venv/bin/python benchmarks/bench_gateway.py [-n 400] [--concurrency 64] [--total 3000]
        [--svg docs/gateway_latency.svg] [--json] [--fresh-tool-result]

Three processes on loopback: a lean scripted OpenAI-compatible upstream (``lean_upstream.py``:
a plain ASGI app on uvicorn, uvloop + httptools when installed), ``aiegis-guard serve`` in
front of it (default config: rules + classifier, memory ledger) and this load generator
(aiohttp, keep-alive connections). The payload is an agent turn: a system prompt, the user's
request, the model's earlier tool call, its tool result and a fresh user turn (every request
is judged: the new turn is no memo hit; the history was judged once, as for a conversation
that resends it). With ``--fresh-tool-result`` the tool result is new in every request (the
classifier reads it each time). The upstream answers fresh text plus a tool call, or streams
the text in 8 deltas followed by the tool-call deltas.

Measured: per-request latency direct vs through the gateway (non-streaming, sequential: the
same requests both ways, in alternating blocks, after a warm-up of each), time
to the first streamed text delta direct vs through the gateway, requests/s with
``concurrency`` clients, upstream alone and through the gateway (bounded by ``--total``
requests and 60 s), errors, and the gateway's CPU per request (from /proc, load-independent).
Targets (issue 14): p50 overhead <= 2 ms, first-token overhead <= 5 ms, >= 300 req/s at 64
clients, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
DEADLINE_S = 60.0
BLOCKS = 4  # the sequential latency runs alternate direct / proxied blocks


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    import urllib.request

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{url}: process exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not start")


# --- the load generator ----------------------------------------------------------------------


def _body(i: int, stream: bool = False, fresh_tool: bool = False) -> bytes:
    """One agent turn: prompt, request, earlier tool call and its result, a fresh user turn."""
    block = 19_500_000 + (i if fresh_tool else 0)
    result = {"address": ADDRESS, "token": "USDC", "balance": "25310.52", "block": block}
    call = {
        "id": "call_0",
        "type": "function",
        "function": {
            "name": "get_token_balance",
            "arguments": json.dumps({"address": ADDRESS, "token": "USDC"}),
        },
    }
    messages = [
        {
            "role": "system",
            "content": "You are a treasury agent. Check balances, prices and "
            "pay approved invoices; never pay unknown recipients.",
        },
        {"role": "user", "content": "Do we hold enough USDC to pay the March hosting invoice?"},
        {"role": "assistant", "content": None, "tool_calls": [call]},
        {"role": "tool", "tool_call_id": "call_0", "content": json.dumps(result)},
        {"role": "user", "content": f"Good. What does USDC trade at right now? (turn {i})"},
    ]
    return json.dumps({"model": "scripted", "stream": stream, "messages": messages}).encode()


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), load-independent."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


HEADERS = {"Content-Type": "application/json"}


def _session(limit: int) -> Any:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=limit, force_close=False)
    return aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=30))


async def _latencies(url: str, n: int, offset: int, fresh: bool) -> list[float]:
    out = []
    async with _session(1) as session:
        for i in range(n):
            started = time.perf_counter()
            async with session.post(
                url, data=_body(offset + i, False, fresh), headers=HEADERS
            ) as r:
                r.raise_for_status()
                await r.read()
            out.append((time.perf_counter() - started) * 1000)
    return out


async def _first_token(url: str, n: int, offset: int, fresh: bool) -> list[float]:
    out = []
    async with _session(1) as session:
        for i in range(n):
            started = time.perf_counter()
            first = None
            async with session.post(url, data=_body(offset + i, True, fresh), headers=HEADERS) as r:
                r.raise_for_status()
                async for line in r.content:
                    if first is None and line.startswith(b"data: {") and b'"content"' in line:
                        chunk = json.loads(line[6:])
                        if chunk["choices"][0]["delta"].get("content"):
                            first = (time.perf_counter() - started) * 1000
            out.append(first if first is not None else float("nan"))
    return out


async def _throughput(url: str, workers: int, total: int, fresh: bool) -> dict[str, float]:
    import aiohttp

    counter = iter(range(total))
    errors = 0
    deadline = time.monotonic() + DEADLINE_S

    async def worker(session: Any) -> int:
        nonlocal errors
        done = 0
        for i in counter:
            if time.monotonic() > deadline:
                break
            try:
                async with session.post(
                    url, data=_body(10**6 + i, False, fresh), headers=HEADERS
                ) as resp:
                    await resp.read()
                    if resp.status == 200:
                        done += 1
                    else:
                        errors += 1
            except (aiohttp.ClientError, TimeoutError):
                errors += 1
        return done

    async with _session(workers) as session:
        started = time.perf_counter()
        done = sum(await asyncio.gather(*(worker(session) for _ in range(workers))))
        elapsed = time.perf_counter() - started
    return {"requests": done, "errors": errors, "seconds": elapsed, "rps": done / elapsed}


def _blocks(n: int, parts: int) -> list[int]:
    """``n`` split into ``parts`` near-equal block sizes (none empty)."""
    parts = max(1, min(parts, n))
    return [n // parts + (1 if k < n % parts else 0) for k in range(parts)]


def _summary(values: list[float]) -> dict[str, float]:
    return {
        "p50": _pct(values, 50),
        "p95": _pct(values, 95),
        "p99": _pct(values, 99),
        "mean": statistics.fmean(values),
    }


def _svg(direct: list[float], proxied: list[float], path: Path) -> None:
    """Latency CDF of both paths (hand-written SVG: no plotting dependency)."""
    width, height, pad = 640, 360, 50
    top = _pct(direct + proxied, 99) * 1.1
    xs = lambda v: pad + (min(v, top) / top) * (width - 2 * pad)  # noqa: E731
    ys = lambda q: height - pad - q * (height - 2 * pad)  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        'font-family="sans-serif" font-size="12">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
        "Chat completion latency on loopback (CDF, non-streaming)</text>",
    ]
    for i in range(6):
        v = top * i / 5
        parts.append(f'<line x1="{xs(v)}" y1="{ys(0)}" x2="{xs(v)}" y2="{ys(1)}" stroke="#ddd"/>')
        parts.append(f'<text x="{xs(v)}" y="{ys(0) + 16}" text-anchor="middle">{v:.1f}</text>')
    for q in (0, 0.5, 0.95, 1):
        parts.append(f'<line x1="{xs(0)}" y1="{ys(q)}" x2="{xs(top)}" y2="{ys(q)}" stroke="#ddd"/>')
        parts.append(f'<text x="{pad - 6}" y="{ys(q) + 4}" text-anchor="end">{q:.2f}</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">ms</text>')
    lines = (
        (direct, "#1f77b4", "direct to upstream", 0),
        (proxied, "#d62728", "through aiegis-guard serve", 1),
    )
    for values, colour, label, row in lines:
        ordered = sorted(values)
        points = " ".join(
            f"{xs(v):.1f},{ys((k + 1) / len(ordered)):.1f}" for k, v in enumerate(ordered)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        y = 45 + 16 * row
        parts.append(
            f'<line x1="{width - 230}" y1="{y}" x2="{width - 210}" y2="{y}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
        parts.append(f'<text x="{width - 204}" y="{y + 4}">{label}</text>')
    parts.append("</svg>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def _run(coro: Any) -> Any:
    """Run the load generator on uvloop when installed (it shares the 2 cores: keep it lean)."""
    try:
        import uvloop
    except ImportError:
        return asyncio.run(coro)
    return uvloop.run(coro)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=400, help="sequential requests per latency run")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--total", type=int, default=3000, help="requests in the throughput run")
    ap.add_argument("--svg", type=Path, help="write the latency CDF here")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-classifier", action="store_true")
    ap.add_argument(
        "--fresh-tool-result",
        action="store_true",
        help="a new tool result in every request (the classifier reads each)",
    )
    args = ap.parse_args()
    up_port, gw_port = _port(), _port()
    direct, proxied = f"http://127.0.0.1:{up_port}/v1", f"http://127.0.0.1:{gw_port}/v1"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "aiegis.toml"
        config.write_text('[ledger]\nbackend = "memory"\n', encoding="utf-8")
        up = subprocess.Popen(
            [sys.executable, str(ROOT / "benchmarks" / "lean_upstream.py"), str(up_port)],
            env=env,
            cwd=ROOT,
        )
        gw_args = [
            sys.executable,
            "-m",
            "aiegis_guard.cli",
            "serve",
            "--config",
            str(config),
            "--port",
            str(gw_port),
            "--upstream",
            direct,
        ]
        if args.no_classifier:
            gw_args.append("--no-classifier")
        gw = subprocess.Popen(gw_args, env=env, cwd=ROOT)
        try:
            _wait(f"{direct}/models", up)
            _wait(f"http://127.0.0.1:{gw_port}/healthz", gw)
            result = _run(_measure(args, direct, proxied, gw.pid, up.pid))
        finally:
            for proc in (gw, up):
                proc.terminate()
                proc.wait(timeout=15)
    if args.svg:
        _svg(result.pop("_direct"), result.pop("_proxied"), args.svg)
    else:
        result.pop("_direct"), result.pop("_proxied")
    print(json.dumps(result, indent=2) if args.json else _table(result))
    return 0


async def _measure(
    args: argparse.Namespace, direct: str, proxied: str, gw_pid: int, up_pid: int
) -> dict[str, Any]:
    url_d, url_p = f"{direct}/chat/completions", f"{proxied}/chat/completions"
    fresh = args.fresh_tool_result
    await _latencies(url_p, 50, 0, fresh)  # warm-up (classifier load, connection pools)
    await _latencies(url_d, 50, 0, fresh)
    # the same requests both ways, in alternating blocks: a burst of load from elsewhere on
    # the machine hits both sides alike
    d: list[float] = []
    p: list[float] = []
    gw_cpu = 0.0
    for block in _blocks(args.n, BLOCKS):
        offset = 1000 + len(d)
        d += await _latencies(url_d, block, offset, fresh)
        before = _cpu_seconds(gw_pid)
        p += await _latencies(url_p, block, offset, fresh)
        gw_cpu += _cpu_seconds(gw_pid) - before
    gw_cpu_seq = gw_cpu / args.n * 1000
    fd = await _first_token(url_d, args.n // 2, 5000, fresh)
    fp = await _first_token(url_p, args.n // 2, 5000, fresh)
    tput_d = await _throughput(url_d, args.concurrency, args.total, fresh)
    cpu = (_cpu_seconds(gw_pid), _cpu_seconds(up_pid), time.process_time())
    tput = await _throughput(url_p, args.concurrency, args.total, fresh)
    after = (_cpu_seconds(gw_pid), _cpu_seconds(up_pid), time.process_time())
    gw_cpu_load, up_cpu, load_cpu = (
        (b - a) / max(1, tput["requests"]) * 1000 for a, b in zip(cpu, after, strict=True)
    )
    sd, sp, tfd, tfp = _summary(d), _summary(p), _summary(fd), _summary(fp)
    over = [b - a for a, b in zip(sorted(d), sorted(p), strict=True)]
    return {
        "non_streaming_ms": {
            "direct": sd,
            "gateway": sp,
            "overhead_p50": sp["p50"] - sd["p50"],
            "overhead_p95": _pct(over, 95),
        },
        "first_token_ms": {"direct": tfd, "gateway": tfp, "overhead_p50": tfp["p50"] - tfd["p50"]},
        "throughput": {"concurrency": args.concurrency, **tput},
        "throughput_direct": {"concurrency": args.concurrency, **tput_d},
        "gateway_cpu_ms_per_request": {"sequential": gw_cpu_seq, "under_load": gw_cpu_load},
        "others_cpu_ms_per_request": {"upstream": up_cpu, "load_generator": load_cpu},
        "fresh_tool_result": fresh,
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "_direct": d,
        "_proxied": p,
    }


def _table(r: dict[str, Any]) -> str:
    ns, ft, tp, cpu = (
        r["non_streaming_ms"],
        r["first_token_ms"],
        r["throughput"],
        r["gateway_cpu_ms_per_request"],
    )
    td, others = r["throughput_direct"], r["others_cpu_ms_per_request"]
    rows = [
        "| measure | direct p50 | gateway p50 | gateway p95 | overhead p50 | overhead p95 |",
        "|---|---|---|---|---|---|",
        f"| non-streaming request | {ns['direct']['p50']:.2f} ms | {ns['gateway']['p50']:.2f} ms "
        f"| {ns['gateway']['p95']:.2f} ms | {ns['overhead_p50']:.2f} ms "
        f"| {ns['overhead_p95']:.2f} ms |",
        f"| first streamed token | {ft['direct']['p50']:.2f} ms | {ft['gateway']['p50']:.2f} ms "
        f"| {ft['gateway']['p95']:.2f} ms | {ft['overhead_p50']:.2f} ms | |",
        "",
        f"throughput with {tp['concurrency']} clients: {tp['rps']:.0f} req/s through the gateway "
        f"({tp['requests']} requests in {tp['seconds']:.1f} s, {tp['errors']} errors); the "
        f"upstream alone {td['rps']:.0f} req/s ({td['errors']} errors)",
        f"gateway CPU per request: {cpu['sequential']:.2f} ms sequential, "
        f"{cpu['under_load']:.2f} ms under load (upstream {others['upstream']:.2f} ms, load "
        f"generator {others['load_generator']:.2f} ms); fresh tool result per request: "
        f"{r['fresh_tool_result']}; load average {r['load_average']:.1f} on {r['cpus']} CPUs",
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
