"""Train the shipped injection classifier (the student) and export it to ONNX.

    .venv/bin/pip install -e '.[train]'
    .venv/bin/python training/gen_wallet.py
    .venv/bin/python training/train_student.py --data ../shared/data --out aiegis_guard/models
    .venv/bin/python training/train_student.py --data ../shared/data --loso   # leave-one-source-out

Multiple-instance learning: a text is a bag of 512-char windows and its logit is the max
over its windows, exactly as the runtime scores it. Training rows are the corpus ``train``
split (``aiegis_guard.evaluation.pi_corpus``) without obfuscated copies (the Guard decodes
those before the model sees them); 10% of them (by hash) plus the ``dev`` split choose the
epoch and the threshold. Held-out sources are never looked at here.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from student import Spec, Student  # noqa: E402

from aiegis_guard.evaluation.pi_corpus import Sample, _insert, load_corpus  # noqa: E402

MAX_SEGMENTS = 13  # 12 windows (3 KB) of a long training text
NGRAM_DROPOUT = 0.15  # share of n-gram ids blanked per training text
LOSO_FRACTION = 0.5  # CPU budget: each LOSO model sees half the rows for one epoch
LOSO_GROUPS = {
    "promptshield/hackaprompt": ("promptshield/hackaprompt",),
    "promptshield/ultrachat": ("promptshield/ultrachat",),
    "promptshield/ifeval": ("promptshield/ifeval",),
    "promptshield/dolly": ("promptshield/dolly",),
    "jailbreakhub": ("jailbreakhub",),
    "bipia": ("bipia/email", "bipia/table", "bipia/code"),
    "wallet": ("wallet",),
}


def is_dev(text: str) -> bool:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()[0] < 26  # ~10%


def segments(text: str, spec: Spec, r: random.Random, dropout: float = 0.0) -> np.ndarray:
    """Bucket ids of the text's segments (a random run of MAX_SEGMENTS for long texts)."""
    feat = spec.featurizer()
    codes = feat.codes(text)
    if len(codes) > MAX_SEGMENTS:
        start = r.randrange(0, len(codes) - MAX_SEGMENTS + 1) if r.random() < 0.5 else 0
        codes = codes[start : start + MAX_SEGMENTS]
    ids = feat.ids(codes)
    if dropout:
        mask = np.random.default_rng(r.randrange(1 << 30)).random(ids.shape) < dropout
        ids[mask] = spec.buckets
    return ids


def augment(rows: Sequence[Sample], r: random.Random, limit: int = 3000) -> list[Sample]:
    """Short injections re-embedded in long benign training documents (mind the carrier).

    The model must find an instruction wherever it sits, not learn which carriers held
    attacks in training; BIPIA builds its positives the same way.
    """
    contexts = [s.text for s in rows if not s.label and len(s.text) > 300]
    payloads = [s for s in rows if s.label and len(s.text) < 600 and s.category != "indirect"]
    r.shuffle(payloads)
    out = []
    for s in payloads[:limit]:
        ctx = r.choice(contexts)
        if len(ctx) > 1500:
            start = r.randrange(0, len(ctx) - 1500)
            ctx = ctx[start : start + 1500]
        out.append(Sample(_insert(ctx, s.text, r), True, s.source, "indirect", "train"))
    return out


def bag_logits(model: Student, blocks: Sequence[np.ndarray]) -> torch.Tensor:
    """Max window logit of each text in one forward pass over the concatenated segments."""
    win = model(torch.from_numpy(np.concatenate(blocks)))
    out = []
    row = 0
    for b in blocks:
        out.append(win[row : row + len(b) - 1].max())
        row += len(b)
    return torch.stack(out)


def score(model: Student, texts: Sequence[str], spec: Spec, batch: int = 64) -> np.ndarray:
    model.eval()
    r = random.Random(0)
    out = []
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            blocks = [segments(t, spec, r) for t in texts[i : i + batch]]
            out.append(torch.sigmoid(bag_logits(model, blocks)).numpy())
    return np.concatenate(out) if out else np.zeros(0)


def train(
    rows: Sequence[Sample], dev: Sequence[Sample], spec: Spec, epochs: int, seed: int = 7
) -> tuple[Student, float]:
    torch.manual_seed(seed)
    r = random.Random(seed)
    model = Student(spec)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    pos = sum(s.label for s in rows)
    weight = torch.tensor([(len(rows) - pos) / max(pos, 1)])
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=weight, reduction="none")
    per_source: dict[tuple[str, bool], int] = {}
    for s in rows:
        per_source[(s.source, s.label)] = per_source.get((s.source, s.label), 0) + 1
    mean_size = len(rows) / len(per_source)
    best: tuple[float, dict[str, torch.Tensor]] | None = None
    dev_texts, dev_y = [s.text for s in dev], np.array([s.label for s in dev])
    for epoch in range(epochs):
        model.train()
        order = list(rows)
        r.shuffle(order)
        t0, total = time.time(), 0.0
        for i in range(0, len(order), 32):
            batch = order[i : i + 32]
            blocks = [segments(s.text, spec, r, NGRAM_DROPOUT) for s in batch]
            logits = bag_logits(model, blocks)
            y = torch.tensor([float(s.label) for s in batch])
            w = torch.tensor(
                [source_weight(per_source[(s.source, s.label)], mean_size) for s in batch]
            )
            loss = (loss_fn(logits, y) * w).sum() / w.sum()
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(batch)
        p = score(model, dev_texts, spec)
        f1, thr = best_f1(p, dev_y)
        print(
            f"epoch {epoch + 1}: loss {total / len(order):.4f} dev F1 {f1:.4f} @ {thr:.2f} "
            f"({time.time() - t0:.0f}s)",
            flush=True,
        )
        if best is None or f1 >= best[0]:
            best = (f1, {k: v.clone() for k, v in model.state_dict().items()})
    assert best is not None
    model.load_state_dict(best[1])
    model.eval()
    return model, best[0]


BALANCE = 0.0  # 0: every row counts the same; 1: every (source, label) group counts the same


def source_weight(group_size: int, mean_size: float) -> float:
    """Down-weight big sources so no single one decides what an injection looks like."""
    return float((mean_size / group_size) ** BALANCE)


def best_f1(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    best = (0.0, 0.5)
    for thr in np.arange(0.05, 0.99, 0.01):
        pred = p >= thr
        tp = int((pred & (y == 1)).sum())
        fp = int((pred & (y == 0)).sum())
        fn = int((~pred & (y == 1)).sum())
        f1 = 2 * tp / max(2 * tp + fp + fn, 1)
        if f1 > best[0]:
            best = (f1, float(thr))
    return best


def choose_threshold(p: np.ndarray, y: np.ndarray, max_fpr: float = 0.005) -> float:
    """Lowest threshold with dev FPR <= max_fpr, never below the best-F1 threshold."""
    neg = np.sort(p[y == 0])
    k = int(np.floor(len(neg) * (1 - max_fpr)))
    fpr_thr = float(neg[min(k, len(neg) - 1)]) + 1e-4 if len(neg) else 0.5
    return round(max(fpr_thr, best_f1(p, y)[1]), 3)


def metrics(p: np.ndarray, y: np.ndarray, thr: float) -> dict[str, float | int | None]:
    pred = p >= thr
    tp = int((pred & (y == 1)).sum())
    fp = int((pred & (y == 0)).sum())
    fn = int((~pred & (y == 1)).sum())
    tn = int((~pred & (y == 0)).sum())
    prec = tp / (tp + fp) if tp + fp else None
    rec = tp / (tp + fn) if tp + fn else None
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fn else None
    return {
        "n": len(y),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": prec,
        "recall": rec,
        "f1": f1,
        "fpr": fp / (fp + tn) if fp + tn else None,
    }


def split(corpus: Sequence[Sample], augmented: bool = True) -> tuple[list[Sample], list[Sample]]:
    plain = [s for s in corpus if s.split == "train" and s.obfuscation == "none"]
    train_rows = [s for s in plain if not is_dev(s.text)]
    if augmented:
        train_rows += augment(train_rows, random.Random(11))
    dev = [s for s in plain if is_dev(s.text)] + [s for s in corpus if s.split == "dev"]
    return train_rows, dev


def run_loso(corpus: Sequence[Sample], spec: Spec, epochs: int, out: Path) -> None:
    train_rows, dev = split(corpus, augmented=False)
    results = {}
    for group, sources in LOSO_GROUPS.items():
        keep = [s for s in train_rows if s.source not in sources]
        keep = random.Random(5).sample(keep, int(len(keep) * LOSO_FRACTION))
        keep += augment(keep, random.Random(11), limit=1500)  # contexts of kept sources only
        held = [s for s in train_rows + dev if s.source in sources]
        kdev = [s for s in dev if s.source not in sources]
        model, _ = train(keep, kdev, spec, epochs)
        kp = score(model, [s.text for s in kdev], spec)
        thr = choose_threshold(kp, np.array([s.label for s in kdev]))
        p = score(model, [s.text for s in held], spec)
        results[group] = {"threshold": thr, **metrics(p, np.array([s.label for s in held]), thr)}
        print(f"LOSO {group}: {results[group]}", flush=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "loso.json").write_text(json.dumps(results, indent=2) + "\n")
    summary = {
        k: round(float(np.mean([r[k] for r in results.values() if r[k] is not None])), 4)
        for k in ("recall", "fpr")
    }
    print(f"LOSO mean recall {summary['recall']} mean FPR {summary['fpr']}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=ROOT / "training" / "out")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--loso", action="store_true")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--dim", type=int, default=Spec.dim)
    ap.add_argument("--buckets-log2", type=int, default=17)
    ap.add_argument("--segment", type=int, default=Spec.segment, help="chars per segment")
    ap.add_argument("--balance", type=float, default=0.0, help="source balancing, 0..1")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    global BALANCE  # noqa: PLW0603 (a script knob)
    BALANCE = args.balance
    spec = Spec(buckets=1 << args.buckets_log2, dim=args.dim, segment=args.segment)
    global MAX_SEGMENTS  # noqa: PLW0603 (a script knob)
    MAX_SEGMENTS = 1 + 3072 // spec.segment  # ~3 KB of a long training text
    corpus = load_corpus(args.data)
    if args.loso:
        run_loso(corpus, spec, 1, ROOT / "training" / "out")
        return
    train_rows, dev = split(corpus)
    print(f"train {len(train_rows)} rows, dev {len(dev)} rows", flush=True)
    model, _ = train(train_rows, dev, spec, args.epochs)
    p = score(model, [s.text for s in dev], spec)
    y = np.array([s.label for s in dev])
    thr = choose_threshold(p, y)
    print(f"threshold {thr}: dev {metrics(p, y, thr)}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    from export_onnx import save

    save(model, args.out / "model.onnx")
    counts: dict[str, list[int]] = {}
    for s in train_rows:
        counts.setdefault(s.source, [0, 0])[int(s.label)] += 1
    meta = {
        "spec": spec.to_dict(),
        "threshold": thr,
        "dev": metrics(p, y, thr),
        "train_counts": counts,
        "epochs": args.epochs,
    }
    (args.out / "train_meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    torch.save(model.state_dict(), ROOT / "training" / "out" / "student.pt")
    print(f"wrote {args.out / 'model.onnx'}", flush=True)


if __name__ == "__main__":
    main()
