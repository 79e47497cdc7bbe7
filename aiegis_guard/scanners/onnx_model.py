"""The shipped injection model: its featurizer, its ONNX session and its manifest.

``text -> lower-case, digits -> 0 -> code points -> segments of 256 chars -> ONNX``. The
graph hashes character 2..5-grams of each segment into an embedding table, pools them per
segment (mean and max), joins neighbouring segments into 512-char windows (stride 256) and
scores every window with a small MLP (:meth:`Model.score_many`). :func:`load_model` verifies
every file's sha256 against ``manifest.json`` before a session is built (``ModelError``
otherwise). :mod:`.classifier` decides when a score is a finding; this module only scores.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from aiegis_guard.charclass import CharClass, has_run
from aiegis_guard.config import ClassifierSettings
from aiegis_guard.errors import ModelError
from aiegis_guard.findings import Source

__all__ = [
    "FEATURIZER",
    "MIN_CONTENT",
    "SNIPPET_CONTENT",
    "Featurizer",
    "Model",
    "Session",
    "SessionFactory",
    "WindowScore",
    "load_model",
    "model_dir",
    "ort_session",
]

FEATURIZER = "char-ngram-hash-v1"
MIN_CONTENT = 20  # letters a window needs to be scored (a CJK character counts 3)
# letters the best window of what an agent reads needs for a finding at the model's own
# threshold (classifier.scan_layers): on a snippet — a post, a name, a memo, a chat line — the
# model guesses from a handful of words, so the rules judge it (training/README.md, "snippets")
SNIPPET_CONTENT = 50
BATCH_SEGMENTS = 128
SHORT_MASK = 64  # window masks up to this long are read in Python (_runs_of)


def model_dir() -> Path:
    """Where the shipped model and its manifest live."""
    return Path(__file__).resolve().parent.parent / "models"


@dataclass(frozen=True, slots=True)
class Featurizer:
    """Text -> hashed character n-gram ids per 256-char segment (``char-ngram-hash-v1``).

    Lower-cased, digits folded to ``0`` (amounts vary; wording does not); runs of
    ``blank_run``+ letters/digits (addresses, hashes, keys, base58/base64 blobs) are blanked:
    their n-grams are noise that would drown a sentence sharing their window. Row ``i``
    holds the ids of every n-gram (``orders``) that starts in segment ``i`` and ends inside
    it; ``buckets`` (one past the table) pads. At least two rows, so every text has at least
    one window (a window is two neighbouring rows).
    """

    segment: int = 256
    orders: tuple[int, ...] = (2, 3, 4, 5)
    buckets: int = 1 << 17
    prime: int = 1_000_003
    blank_run: int = 20

    @classmethod
    def from_manifest(cls, feat: dict[str, Any]) -> Featurizer:
        return cls(
            int(feat["segment_chars"]),
            tuple(feat["orders"]),
            int(feat["buckets"]),
            int(feat["prime"]),
            int(feat.get("blank_alnum_run", 0)),
        )

    def codes(self, text: str) -> np.ndarray:
        """Code points + 1 (0 pads) as ``(rows, segment)`` int64."""
        low = text.lower()
        prepared = low if len(low) == len(text) else text  # keep positions aligned
        raw = np.frombuffer(prepared.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        cp = raw.astype(np.int64) + 1
        cp[(cp >= 49) & (cp <= 58)] = 49  # '0'..'9' (+1) -> '0'
        if self.blank_run and has_run(prepared, _ALNUM, self.blank_run):
            _blank_long_runs(cp, self.blank_run)  # (a-z and 0-9 are the codes it blanks)
        rows = max(2, -(-len(cp) // self.segment))
        out = np.zeros(rows * self.segment, dtype=np.int64)
        out[: len(cp)] = cp
        return out.reshape(rows, self.segment)

    def ids(self, codes: np.ndarray) -> np.ndarray:
        """``(rows, sum(segment - n + 1))`` bucket ids; n-grams touching padding -> ``buckets``."""
        if (
            self.buckets & (self.buckets - 1) == 0
            and self.buckets <= 1 << 31
            and self.prime < 1 << 32
        ):
            return self._ids_masked(codes)
        parts = []
        h = codes
        pad = codes == 0
        blank = pad
        for n in range(2, max(self.orders) + 1):
            h = self._bucket(h[:, :-1] * self.prime + codes[:, n - 1 :])
            blank = blank[:, :-1] | pad[:, n - 1 :]
            if n in self.orders:
                parts.append(np.where(blank, self.buckets, self._bucket(h + n * 7_919)))
        return np.concatenate(parts, axis=1)

    def _ids_masked(self, codes: np.ndarray) -> np.ndarray:
        """:meth:`ids` for a power-of-two ``buckets`` in uint32: the low bits of a sum or a
        product do not depend on the bits above them, so arithmetic that wraps at 2**32 gives
        the same ids as exact int64, with half the memory traffic (~2.5x faster)."""
        mask, prime = np.uint32(self.buckets - 1), np.uint32(self.prime)
        c32 = codes.astype(np.uint32)
        h, pad = c32, codes == 0
        blank = pad
        parts = []
        for n in range(2, max(self.orders) + 1):
            h = (h[:, :-1] * prime + c32[:, n - 1 :]) & mask
            blank = blank[:, :-1] | pad[:, n - 1 :]
            if n in self.orders:
                ids = (h + np.uint32(n * 7_919)) & mask
                ids[blank] = self.buckets
                parts.append(ids)
        return np.concatenate(parts, axis=1).astype(np.int64)

    def _bucket(self, h: np.ndarray) -> np.ndarray:
        """``h % buckets`` (a mask when ``buckets`` is a power of two: same ids, faster)."""
        if self.buckets & (self.buckets - 1) == 0:
            return h & (self.buckets - 1)
        return h % self.buckets

    def __call__(self, text: str) -> np.ndarray:
        return self.ids(self.codes(text))


def _content(codes: np.ndarray) -> np.ndarray:
    """Letters per window (two neighbouring rows); a CJK character counts 3."""
    latin = (codes >= 98) & (codes <= 123)  # a-z (+1)
    other = codes > 0xC0
    per_row = (latin | other).sum(axis=1) + 2 * (codes > 0x2E80).sum(axis=1)
    return np.asarray(per_row[:-1] + per_row[1:])


def _runs_of(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) indices of each run of True in ``mask``."""
    if len(mask) <= SHORT_MASK:  # a few windows (a KB has 4): read in Python, no numpy calls
        out: list[tuple[int, int]] = []
        start = -1
        for i, on in enumerate(mask.tolist()):
            if on and start < 0:
                start = i
            elif not on and start >= 0:
                out.append((start, i - 1))
                start = -1
        if start >= 0:
            out.append((start, len(mask) - 1))
        return out
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return [(int(a), int(b) - 1) for a, b in zip(edges[::2], edges[1::2], strict=True)]


_ALNUM = CharClass("lower-alnum", "abcdefghijklmnopqrstuvwxyz0123456789")


def _blank_long_runs(cp: np.ndarray, length: int) -> None:
    """Zero (pad) every run of at least ``length`` ASCII letters/digits, in place."""
    is_alnum = ((cp >= 98) & (cp <= 123)) | (cp == 49)  # a-z or '0' (codes are + 1)
    edges = np.flatnonzero(np.diff(np.concatenate(([False], is_alnum, [False])).astype(np.int8)))
    starts, ends = edges[::2], edges[1::2]
    for a, b in zip(starts[ends - starts >= length], ends[ends - starts >= length], strict=True):
        cp[a:b] = 0


@dataclass(frozen=True, slots=True)
class WindowScore:
    """A text's best window: probability, char span in the text, 0-based index, count, and
    the letters in it (``_content``)."""

    score: float
    start: int
    end: int
    index: int
    windows: int
    content: int = 0


class Session(Protocol):
    def run(self, output_names: Any, input_feed: dict[str, Any]) -> list[Any]: ...


SessionFactory = Callable[[Path, int], Session]


def ort_session(path: Path, threads: int) -> Session:
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.log_severity_level = 3
    session: Session = ort.InferenceSession(
        str(path), sess_options=opts, providers=["CPUExecutionProvider"]
    )
    return session


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


@dataclass(frozen=True, slots=True)
class Model:
    session: Session
    name: str
    featurizer: Featurizer
    threshold: float  # for sources without their own
    thresholds: dict[Source, float]
    addressed: float | None = None  # for a window that names a stranger's address

    def threshold_for(self, source: Source) -> float:
        return self.thresholds.get(source, self.threshold)

    def score_many(
        self, texts: Sequence[str], seen: Sequence[np.ndarray | None] = ()
    ) -> list[WindowScore]:
        """Best window of each text; only windows with content go through ONNX, all texts'
        in shared batches (a window without enough letters scores 0 unseen). ``seen[i]``
        marks windows of ``texts[i]`` whose content another text of the batch already
        shows the model (a decoded layer's unchanged stretches): they score 0 here."""
        codes = [self.featurizer.codes(t) for t in texts]
        contents = [_content(c) for c in codes]
        wanted = [content >= MIN_CONTENT for content in contents]
        for want, skip in zip(wanted, seen, strict=False):
            if skip is not None:
                want &= ~skip
        runs = [_runs_of(want) for want in wanted]
        pieces: list[np.ndarray] = []
        for c, spans in zip(codes, runs, strict=True):
            pieces += [self.featurizer.ids(c[a : b + 2]) for a, b in spans]
        probs = self._window_probs(np.concatenate(pieces)) if pieces else np.zeros(0)
        out: list[WindowScore] = []
        row = 0
        for text, want, spans, content in zip(texts, wanted, runs, contents, strict=True):
            p = np.zeros(len(want))
            for a, b in spans:
                p[a : b + 1] = probs[row : row + b - a + 1]
                row += b - a + 2  # the pair straddling two pieces is not a window
            k = int(np.argmax(p))
            start = k * self.featurizer.segment
            end = min(len(text), start + 2 * self.featurizer.segment)
            letters = int(content[k]) if len(content) else 0
            out.append(WindowScore(float(p[k]), min(start, len(text)), end, k, len(want), letters))
        return out

    def _window_probs(self, ids: np.ndarray) -> np.ndarray:
        """Probability for every pair of consecutive rows (``len(ids) - 1`` values)."""
        parts = []
        step = BATCH_SEGMENTS - 1
        for lo in range(0, len(ids) - 1, step):
            batch = ids[lo : lo + BATCH_SEGMENTS]
            (logits,) = self.session.run(["logits"], {"ids": batch})
            parts.append(np.asarray(logits, dtype=np.float64).reshape(-1))
        logits = np.concatenate(parts)
        return np.asarray(0.5 * (1.0 + np.tanh(0.5 * logits)))  # sigmoid, never overflows


def load_model(settings: ClassifierSettings, factory: SessionFactory = ort_session) -> Model:
    """Read the manifest, verify every file's sha256, build the session. Raises ModelError."""
    path = settings.path or model_dir()
    directory = path if path.is_dir() else path.parent
    manifest_path = directory / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {manifest_path.name}: {type(exc).__name__}") from exc
    files: dict[str, str] = manifest.get("files", {})
    model_name = path.name if path.is_file() else manifest.get("model", "model.onnx")
    if model_name not in files:
        raise ModelError(f"manifest lists no sha256 for {model_name}")
    for name, digest in files.items():
        file = directory / name
        if not file.is_file():
            raise ModelError(f"model file {name} is missing")
        if _sha256(file) != digest:
            raise ModelError(f"sha256 mismatch for {name}: file is corrupt or was replaced")
    feat = manifest.get("featurizer", {})
    if feat.get("name") != FEATURIZER:
        raise ModelError(f"unknown featurizer {feat.get('name')!r} (expected {FEATURIZER})")
    try:
        session = factory(directory / model_name, settings.threads)
    except Exception as exc:
        raise ModelError(f"onnxruntime could not load {model_name}: {type(exc).__name__}") from exc
    threshold, thresholds = _thresholds(manifest, settings)
    name = str(manifest.get("name", model_name))
    featurizer = Featurizer.from_manifest(feat)
    return Model(session, name, featurizer, threshold, thresholds, _addressed(manifest))


def _addressed(manifest: dict[str, Any]) -> float | None:
    value = manifest.get("addressed_threshold")
    if value is None:
        return None
    if not isinstance(value, int | float) or not 0 < value <= 1:
        raise ModelError("manifest addressed_threshold is invalid")
    return float(value)


def _thresholds(
    manifest: dict[str, Any], settings: ClassifierSettings
) -> tuple[float, dict[Source, float]]:
    """(default, per source): settings.threshold > settings.thresholds > the manifest's."""
    if settings.threshold:
        return settings.threshold, {}
    try:
        default = float(manifest["threshold"])
        per = {Source(k): float(v) for k, v in manifest.get("thresholds", {}).items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"manifest thresholds are invalid: {type(exc).__name__}") from exc
    return default, {**per, **settings.thresholds}
