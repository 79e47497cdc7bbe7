"""The student: hashed character n-grams -> pooled embeddings -> MLP (torch twin of the ONNX).

The featurizer (text -> n-gram bucket ids per 256-char segment) is the runtime's own
``aiegis_guard.scanners.onnx_model.Featurizer``; ``export_onnx.py`` builds the graph that
computes exactly this forward pass from those ids.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from aiegis_guard.scanners.classifier import Featurizer


@dataclass(frozen=True)
class Spec:
    buckets: int = 1 << 17
    dim: int = 32
    hidden: int = 64
    orders: tuple[int, ...] = (2, 3, 4, 5)
    prime: int = 1_000_003
    segment: int = 256
    blank_run: int = 20

    def featurizer(self) -> Featurizer:
        return Featurizer(self.segment, self.orders, self.buckets, self.prime, self.blank_run)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


class Student(nn.Module):
    def __init__(self, spec: Spec) -> None:
        super().__init__()
        self.spec = spec
        # one extra row (index ``buckets``) pads: zero and never trained
        self.emb = nn.Embedding(spec.buckets + 1, spec.dim, padding_idx=spec.buckets)
        with torch.no_grad():
            nn.init.normal_(self.emb.weight, std=0.05)
            self.emb.weight[spec.buckets].zero_()
        self.fc1 = nn.Linear(2 * spec.dim, spec.hidden)
        self.fc2 = nn.Linear(spec.hidden, 1)
        self.drop = nn.Dropout(0.1)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """Logits for every pair of consecutive segment rows: ``len(ids) - 1`` values."""
        e = self.emb(ids)  # [S, K, D]; padding rows are zero
        total = e.sum(1)
        cnt = (ids < self.spec.buckets).sum(1, keepdim=True).to(torch.float32)
        peak = e.amax(1)
        mean = (total[:-1] + total[1:]) / torch.clamp(cnt[:-1] + cnt[1:], min=1.0)
        mx = torch.clamp(torch.maximum(peak[:-1], peak[1:]), min=0.0)
        feat = torch.cat([mean, mx], dim=1)
        return self.fc2(torch.relu(self.fc1(self.drop(feat)))).squeeze(1)
