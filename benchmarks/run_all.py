"""Every benchmark, one after the other: ``make bench`` (or ``python benchmarks/run_all.py``).

Each script prints its own table and the command that reproduces it. Speed figures on a
shared machine vary with load: each script prints a yardstick (a fixed pure-Python loop)
next to its figures so runs can be compared.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"))
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, no 10 MB")
    args = parser.parse_args()
    text = ["--data", args.data] + (["--quick", "--sizes", "10k,100k,1m"] if args.quick else [])
    runs = [
        ["bench_text.py", *text],
        ["bench_rules.py", args.data, "--timing"],
        ["bench_classifier.py", "--data", args.data],
        ["bench_tx.py", "-n", "300" if args.quick else "1000"],
        ["bench_agent_overhead.py", "--cpu", "--runs", "40" if args.quick else "150"],
        ["bench_coldstart.py", "--runs", "3" if args.quick else "7"],
        ["bench_adversarial.py", "--data", args.data],
        ["bench_long_text.py", "--data", args.data, "--reps", "1" if args.quick else "3"],
        ["bench_gateway.py", "-n", "100" if args.quick else "200", "--total", "1000"],
    ]
    failed = 0
    for script, *rest in runs:
        print(f"\n$ python benchmarks/{script} {' '.join(rest)}", flush=True)
        failed += subprocess.call([sys.executable, str(HERE / script), *rest]) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
