"""Gateway overhead: the proxy against calling the same local upstream directly (loopback only).

    .venv/bin/python benchmarks/bench_gateway.py [-n 400] [--concurrency 64] [--total 3000]
        [--svg docs/gateway_latency.svg] [--json]

Three processes: a scripted OpenAI-compatible upstream, ``aiegis-guard serve`` in front of it
(default config: rules + classifier, memory ledger) and this client (httpx, one keep-alive
connection per worker). Every request carries a fresh user turn, so the gateway judges it
(no memo hit); the upstream answers a short text (non-streaming) or streams it in 8 deltas.

Measured: per-request latency direct vs through the gateway (non-streaming), time to the
first streamed text delta direct vs through the gateway, and requests/s with ``concurrency``
clients through the gateway (bounded by ``--total`` requests and 60 s). Targets (issue 14):
p50 overhead <= 2 ms, first-token overhead <= 5 ms, >= 300 req/s at 64 clients, no errors.
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
REPLY = "Your balance is 1.25 ETH as of block 19500000. Nothing else needs doing today."


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_upstream(port: int) -> None:
    """The scripted upstream (a child process of the benchmark)."""
    import uvicorn

    sys.path.insert(0, str(ROOT / "examples"))
    from scripted_upstream import Reply, ScriptedUpstream

    up = ScriptedUpstream()
    up.default = Reply(content=REPLY, chunk=len(REPLY) // 8 + 1)
    up.requests = _Sink()  # type: ignore[assignment]
    uvicorn.run(up.app, host="127.0.0.1", port=port, log_level="warning", access_log=False)


class _Sink(list):  # type: ignore[type-arg]
    def append(self, item: Any) -> None:  # the benchmark keeps no request bodies
        pass


def _wait(url: str, proc: subprocess.Popen[bytes]) -> None:
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{url}: process exited with {proc.returncode}")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not start")


def _body(i: int, stream: bool = False) -> dict[str, Any]:
    return {
        "model": "scripted",
        "stream": stream,
        "messages": [
            {"role": "system", "content": "You are a treasury agent."},
            {"role": "user", "content": f"What is my balance? (request {i})"},
        ],
    }


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), load-independent."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


async def _latencies(base: str, n: int, offset: int) -> list[float]:
    import httpx

    out = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for i in range(n):
            started = time.perf_counter()
            resp = await client.post("/v1/chat/completions", json=_body(offset + i))
            resp.raise_for_status()
            out.append((time.perf_counter() - started) * 1000)
    return out


async def _first_token(base: str, n: int, offset: int) -> list[float]:
    import httpx

    out = []
    async with httpx.AsyncClient(base_url=base, timeout=30) as client:
        for i in range(n):
            started = time.perf_counter()
            first = None
            async with client.stream(
                "POST", "/v1/chat/completions", json=_body(offset + i, True)
            ) as resp:
                async for line in resp.aiter_lines():
                    if first is None and line.startswith("data: {") and '"content": "' in line:
                        chunk = json.loads(line[6:])
                        if chunk["choices"][0]["delta"].get("content"):
                            first = (time.perf_counter() - started) * 1000
            out.append(first if first is not None else float("nan"))
    return out


async def _throughput(base: str, workers: int, total: int) -> dict[str, float]:
    import httpx

    counter = iter(range(total))
    errors = 0
    deadline = time.monotonic() + 60

    async def worker() -> int:
        nonlocal errors
        done = 0
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            for i in counter:
                if time.monotonic() > deadline:
                    break
                try:
                    resp = await client.post("/v1/chat/completions", json=_body(10**6 + i))
                    if resp.status_code == 200:
                        done += 1
                    else:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1
        return done

    started = time.perf_counter()
    done = sum(await asyncio.gather(*(worker() for _ in range(workers))))
    elapsed = time.perf_counter() - started
    return {"requests": done, "errors": errors, "seconds": elapsed, "rps": done / elapsed}


def _summary(values: list[float]) -> dict[str, float]:
    return {"p50": _pct(values, 50), "p95": _pct(values, 95), "p99": _pct(values, 99),
            "mean": statistics.fmean(values)}  # fmt: skip


def _svg(direct: list[float], proxied: list[float], path: Path) -> None:
    """Latency CDF of both paths (hand-written SVG: no plotting dependency)."""
    width, height, pad = 640, 360, 50
    top = _pct(direct + proxied, 99) * 1.1
    xs = lambda v: pad + (min(v, top) / top) * (width - 2 * pad)  # noqa: E731
    ys = lambda q: height - pad - q * (height - 2 * pad)  # noqa: E731
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<text x="{width / 2}" y="20" text-anchor="middle" font-size="14">'
             'Chat completion latency on loopback (CDF, non-streaming)</text>']  # fmt: skip
    for i in range(6):
        v = top * i / 5
        parts.append(f'<line x1="{xs(v)}" y1="{ys(0)}" x2="{xs(v)}" y2="{ys(1)}" stroke="#ddd"/>')
        parts.append(f'<text x="{xs(v)}" y="{ys(0) + 16}" text-anchor="middle">{v:.1f}</text>')
    for q in (0, 0.5, 0.95, 1):
        parts.append(f'<line x1="{xs(0)}" y1="{ys(q)}" x2="{xs(top)}" y2="{ys(q)}" stroke="#ddd"/>')
        parts.append(f'<text x="{pad - 6}" y="{ys(q) + 4}" text-anchor="end">{q:.2f}</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 12}" text-anchor="middle">ms</text>')
    lines = ((direct, "#1f77b4", "direct to upstream", 0),
             (proxied, "#d62728", "through aiegis-guard serve", 1))  # fmt: skip
    for values, colour, label, row in lines:
        ordered = sorted(values)
        points = " ".join(
            f"{xs(v):.1f},{ys((k + 1) / len(ordered)):.1f}" for k, v in enumerate(ordered)
        )
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>'
        )
        y = 45 + 16 * row
        parts.append(f'<line x1="{width - 230}" y1="{y}" x2="{width - 210}" y2="{y}" '
                     f'stroke="{colour}" stroke-width="2"/>')  # fmt: skip
        parts.append(f'<text x="{width - 204}" y="{y + 4}">{label}</text>')
    parts.append("</svg>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts) + "\n", encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=400, help="sequential requests per latency run")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--total", type=int, default=3000, help="requests in the throughput run")
    ap.add_argument("--svg", type=Path, help="write the latency CDF here")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--no-classifier", action="store_true")
    ap.add_argument(
        "--role", choices=("bench", "upstream"), default="bench", help=argparse.SUPPRESS
    )
    ap.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.role == "upstream":
        run_upstream(args.port)
        return 0
    up_port, gw_port = _port(), _port()
    direct, proxied = f"http://127.0.0.1:{up_port}/v1", f"http://127.0.0.1:{gw_port}/v1"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "aiegis.toml"
        config.write_text('[ledger]\nbackend = "memory"\n', encoding="utf-8")
        up = subprocess.Popen([sys.executable, __file__, "--role", "upstream", "--port",
                               str(up_port)], env=env, cwd=ROOT)  # fmt: skip
        gw_args = [sys.executable, "-m", "aiegis_guard.cli", "serve", "--config", str(config),
                   "--port", str(gw_port), "--upstream", direct]  # fmt: skip
        if args.no_classifier:
            gw_args.append("--no-classifier")
        gw = subprocess.Popen(gw_args, env=env, cwd=ROOT)
        try:
            _wait(f"{direct}/models", up)
            _wait(f"http://127.0.0.1:{gw_port}/healthz", gw)
            result = asyncio.run(_measure(args, direct, proxied, gw.pid, up.pid))
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
    base_d, base_p = direct.removesuffix("/v1"), proxied.removesuffix("/v1")
    await _latencies(base_p, 50, 0)  # warm-up (classifier load, connection pools)
    await _latencies(base_d, 50, 0)
    d = await _latencies(base_d, args.n, 1000)
    up_cpu = _cpu_seconds(up_pid)
    gw_cpu = _cpu_seconds(gw_pid)
    p = await _latencies(base_p, args.n, 1000)
    gw_cpu = (_cpu_seconds(gw_pid) - gw_cpu) / args.n * 1000
    up_cpu = (_cpu_seconds(up_pid) - up_cpu) / args.n * 1000
    fd = await _first_token(base_d, args.n // 2, 5000)
    fp = await _first_token(base_p, args.n // 2, 5000)
    tput_d = await _throughput(base_d, args.concurrency, args.total)
    tput = await _throughput(base_p, args.concurrency, args.total)
    sd, sp, tfd, tfp = _summary(d), _summary(p), _summary(fd), _summary(fp)
    return {
        "non_streaming_ms": {"direct": sd, "gateway": sp, "overhead_p50": sp["p50"] - sd["p50"]},
        "first_token_ms": {"direct": tfd, "gateway": tfp, "overhead_p50": tfp["p50"] - tfd["p50"]},
        "throughput": {"concurrency": args.concurrency, **tput},
        "throughput_direct": {"concurrency": args.concurrency, **tput_d},
        "cpu_ms_per_request": {"gateway": gw_cpu, "upstream": up_cpu},
        "load_average": os.getloadavg()[0],
        "cpus": os.cpu_count(),
        "_direct": d,
        "_proxied": p,
    }


def _table(r: dict[str, Any]) -> str:
    ns, ft, tp = r["non_streaming_ms"], r["first_token_ms"], r["throughput"]
    rows = [
        "| measure | direct p50 | gateway p50 | gateway p95 | overhead p50 |",
        "|---|---|---|---|---|",
        f"| non-streaming request | {ns['direct']['p50']:.2f} ms | {ns['gateway']['p50']:.2f} ms "
        f"| {ns['gateway']['p95']:.2f} ms | {ns['overhead_p50']:.2f} ms |",
        f"| first streamed token | {ft['direct']['p50']:.2f} ms | {ft['gateway']['p50']:.2f} ms "
        f"| {ft['gateway']['p95']:.2f} ms | {ft['overhead_p50']:.2f} ms |",
        "",
        f"throughput: {tp['rps']:.0f} req/s with {tp['concurrency']} clients "
        f"({tp['requests']} requests in {tp['seconds']:.1f} s, {tp['errors']} errors, "
        f"{r['cpus']} CPUs); the upstream alone: {r['throughput_direct']['rps']:.0f} req/s",
        f"CPU per proxied request: gateway {r['cpu_ms_per_request']['gateway']:.2f} ms, "
        f"upstream {r['cpu_ms_per_request']['upstream']:.2f} ms; "
        f"load average {r['load_average']:.1f} on {r['cpus']} CPUs",
    ]
    return "\n".join(rows)


if __name__ == "__main__":
    sys.exit(main())
