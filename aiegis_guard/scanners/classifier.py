"""The prompt-injection classifier: a small ONNX model over hashed character n-grams
(:mod:`.onnx_model` scores; this module decides when a score is a finding).

A text's score is its best 512-character window (stride 256): an injection at the end of a
50 KB document is still seen at full strength.

* Lazy: nothing is read until the first check (``import aiegis_guard`` never loads it).
* Verified: every file's sha256 must match ``manifest.json`` before a session is built.
* Limp mode: a missing / corrupt / failing model leaves the guard on rules only; ``degraded``
  is then True (every verdict says so and value-moving checks FLAG). A circuit breaker
  retries loading after ``retry_seconds``, doubling up to ``MAX_BACKOFF`` — never per call.
* Batched (``prefetch``) and cached (LRU), single-threaded by default (``threads``).

By default it runs on what the agent *reads* from outside — tool_output, retrieved, memory —
where any instruction at all is suspect. The user's own prompt is *meant* to instruct, and
the model's own output echoes what it read; both are judged by the rules, and
``[classifier] sources`` can add them (the manifest's stricter ``prompt`` threshold then
applies). Never on tool_input: an agent's own "send 5 ETH to 0x..." is an instruction by
design and the rules (drainer / exfiltration / entropy) judge it.

The model reads the :func:`~aiegis_guard.segment.language_view` of each layer: JSON keys and
data strings, HTML tags, URLs, e-mail addresses and identifiers are blanked (same length, so
spans are spans of the text), so structured tool output is not scored as language; numbers,
hex and base58 are left to the featurizer (digits folded, runs of 20+ blanked), as in training.

In what the agent reads (not a public user's prompt), a score over the threshold on text about
wallets is a finding only when the text points somewhere
(:func:`~aiegis_guard.scanners.aim.aimed`: a target or recipient, agents addressed,
instructions overridden); generic text stays the model's call: explanations,
warnings and docs that *mention* keys, permits and approvals score high on words alone.

In untrusted text, a window that names where value would go — an EVM address or a Solana
account that is not the agent's own nor allowlisted, within ``ADDRESS_REACH`` characters of
it — needs only the manifest's ``addressed_threshold`` (absent: no such path): an order to
pay a stranger is what the guard exists for, and the model's mid-range scores on such
windows are attacks in the development sets (issue 13: frozen-dev +9 of 367 attacks, no
benign row; independent rounds 4 and 5 +28 of 620 attacks, no benign row; public tool docs,
EIPs, BFCL, scam posts: none; see the manifest's ``addressed_why``). The evidence says
``addressed``.

A window with fewer than ``MIN_CONTENT`` letters (after addresses, hashes and blobs are
blanked) is not scored: "confirmed: 5VfY…" or "Hello" carries no instruction, and a model
that sees almost nothing guesses. In what the agent reads, a best window with fewer than
``SNIPPET_CONTENT`` letters (a post, a name, a memo, one chat line) is a finding only on the
addressed path (a stranger's address beside it): on such snippets the model's high scores
were mostly ordinary posts and chat (training/README.md, "Snippets"). A public user's prompt
is judged whatever its length: the whole message is aimed at the bot.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from aiegis_guard.config import CLASSIFIER_SOURCES as SOURCES
from aiegis_guard.config import ClassifierSettings
from aiegis_guard.errors import ModelError
from aiegis_guard.findings import Action, Category, Chain, Finding, Severity, Source
from aiegis_guard.normalize import Layer, normalize
from aiegis_guard.policy import Policy
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners.aim import mentions_only
from aiegis_guard.scanners.onnx_model import (
    MIN_CONTENT,
    SNIPPET_CONTENT,
    Featurizer,
    Model,
    SessionFactory,
    WindowScore,
    load_model,
    model_dir,
    ort_session,
)
from aiegis_guard.scanners.reported import reported as quoted_spans
from aiegis_guard.scanners.reported import unquoted
from aiegis_guard.segment import Memo, views
from aiegis_guard.textcache import text_digest

__all__ = ["MIN_CONTENT", "SOURCES", "Classifier", "Featurizer", "WindowScore", "model_dir"]

log = logging.getLogger("aiegis_guard")

RULE_ID = "injection.classifier"
SMOKE_TEXT = "smoke test: the quick brown fox jumps over the lazy dog"  # enough letters to run
MIN_DECODED_CHARS = 16  # decoded layers shorter than this carry no sentence
MAX_BACKOFF = 3600.0
CACHE_SIZE = 4096


ADDRESS_REACH = 64
# an EVM address, or a base58 account with a digit in it (a long word is not an account) and
# a letter past f (a run of hex digits is a piece of a hash between its zeros)
_ADDRESS_RE = re.compile(
    r"(?<![0-9a-fA-F])0x[0-9a-fA-F]{40}(?![0-9a-fA-F])|"
    r"(?<![1-9A-HJ-NP-Za-km-z])(?=[A-HJ-NP-Za-km-z]*[1-9])"
    r"(?![0-9a-fA-F]{32,44}(?![1-9A-HJ-NP-Za-km-z]))[1-9A-HJ-NP-Za-km-z]{32,44}"
    r"(?![1-9A-HJ-NP-Za-km-z])"
)


def _names_a_stranger(text: str, s: WindowScore, policy: Policy) -> bool:
    """Does the window (or ``ADDRESS_REACH`` characters around it) hold an address that is
    neither the agent's own nor allowlisted?"""
    near = text[max(0, s.start - ADDRESS_REACH) : s.end + ADDRESS_REACH]
    for m in _ADDRESS_RE.finditer(near):
        addr = m.group()
        if not policy.is_known(addr, Chain.EVM if addr.startswith("0x") else Chain.SOLANA):
            return True
    return False


def _finding(s: WindowScore, model: Model, threshold: float, *notes: str) -> Finding:
    return Finding(
        rule_id=RULE_ID,
        category=Category.INJECTION,
        severity=Severity.HIGH if s.score >= max(0.9, threshold) else Severity.MEDIUM,
        action=Action.FLAG,
        message=f"prompt-injection classifier score {s.score:.3f} "
        f"(threshold {threshold:.3f}) in chars {s.start}-{s.end}",
        span=(s.start, s.end),
        evidence=(
            f"model:{model.name}",
            f"score:{s.score:.3f}",
            f"window:{s.index + 1}/{s.windows}",
            f"chars:{s.start}-{s.end}",
            *notes,
        ),
        score=round(min(1.0, max(0.0, s.score)), 4),
    )


class Classifier:
    """The lazily loaded, self-healing ONNX injection classifier used by the Guard.

    ``clock`` and ``session_factory`` are injectable (tests drive the circuit breaker
    without sleeping, and can hand in a session that fails).
    """

    def __init__(
        self,
        settings: ClassifierSettings,
        *,
        clock: Callable[[], float] = time.monotonic,
        session_factory: SessionFactory = ort_session,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._factory = session_factory
        self._lock = threading.Lock()
        self._model: Model | None = None
        self._failures = 0
        self._retry_at = float("-inf")
        self._cache: OrderedDict[bytes, WindowScore] = OrderedDict()
        self._cache_size = cache_size

    # --- state -----------------------------------------------------------------------

    @property
    def degraded(self) -> bool:
        """True while the model is unavailable (loading it first if it never was)."""
        return self._ready() is None

    @property
    def failures(self) -> int:
        """Consecutive failed loads / runs since the model last worked."""
        return self._failures

    @property
    def threshold(self) -> float | None:
        """The threshold for sources without their own (tool output, retrieved, memory)."""
        model = self._ready()
        return model.threshold if model else None

    @property
    def addressed_threshold(self) -> float | None:
        """The threshold for a window of untrusted text that names a stranger's address
        (None: the model has none, or is not loaded)."""
        model = self._ready()
        return model.addressed if model else None

    def threshold_for(self, source: Source | str) -> float | None:
        """The threshold a text from ``source`` must reach (None while degraded)."""
        model = self._ready()
        return model.threshold_for(Source(source)) if model else None

    @property
    def sources(self) -> frozenset[Source]:
        """The sources this classifier judges (``[classifier] sources`` or the default)."""
        return self.settings.judged

    def _ready(self) -> Model | None:
        model = self._model
        if model is not None:
            return model
        with self._lock:
            if self._model is not None:
                return self._model
            if self._clock() < self._retry_at:
                return None
            try:
                model = load_model(self.settings, self._factory)
                model.score_many([SMOKE_TEXT])
            except Exception as exc:
                self._trip("load", exc)
                return None
            if self._failures:
                log.warning(
                    "aiegis_guard classifier recovered after %d failure(s); leaving limp mode",
                    self._failures,
                )
            else:
                log.info("aiegis_guard classifier loaded (%s)", model.name)
            self._model, self._failures = model, 0
            return model

    def _trip(self, phase: str, exc: BaseException) -> None:
        """Open the breaker: rules only until the backoff has passed."""
        self._model = None
        self._failures += 1
        delay = min(self.settings.retry_seconds * 2 ** (self._failures - 1), MAX_BACKOFF)
        self._retry_at = self._clock() + delay
        reason = str(exc) if isinstance(exc, ModelError) else type(exc).__name__
        log.error(
            "aiegis_guard classifier %s failed (%s); limp mode: rules only, retry in %.0fs",
            phase,
            reason,
            delay,
        )

    # --- scoring ---------------------------------------------------------------------

    def score_texts(self, texts: Sequence[str]) -> list[WindowScore | None]:
        """Best window of each text (cached); None for every text while degraded."""
        return self._scores(
            [_cache_key(t) for t in texts],
            lambda model, todo: model.score_many([texts[i] for i in todo]),
        )

    def _scores(
        self, keys: Sequence[bytes], run: Callable[[Model, list[int]], list[WindowScore]]
    ) -> list[WindowScore | None]:
        """Scores by cache key; ``run(model, todo)`` scores the items (indices) whose keys
        are not cached, so a hit costs no view and no featurizing."""
        model = self._ready()
        if model is None:
            return [None] * len(keys)
        with self._lock:
            known = {k: self._cache[k] for k in keys if k in self._cache}
            for k in known:
                self._cache.move_to_end(k)
        todo = {k: i for i, k in enumerate(keys) if k not in known}
        if todo:
            try:
                fresh = run(model, list(todo.values()))
            except Exception as exc:
                with self._lock:
                    if self._model is model:
                        self._trip("inference", exc)
                return [None] * len(keys)
            with self._lock:
                for k, s in zip(todo, fresh, strict=True):
                    known[k] = s
                    self._cache[k] = s
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
        return [known[k] for k in keys]

    def score(self, text: str) -> float | None:
        """The probability that ``text`` carries an injection (None while degraded)."""
        (s,) = self.score_texts([text])
        return s.score if s else None

    def prefetch(self, texts: Sequence[str], *, public: bool = False) -> None:
        """Score the layers of many texts in one batch so the later checks hit the cache
        (``public``: a public user's prompts, scored with their quotes; read content without
        what it reports, as :meth:`scan_layers` does)."""
        if self._ready() is None:
            return
        layers: list[Layer] = []
        for text in texts:
            if len(text) <= 256 * 1024:
                layers += _targets(normalize(text).layers)
        if layers:
            self._score_layers(layers, None, reported=not public)

    def scan_layers(
        self, layers: Sequence[Layer], ctx: ScanContext
    ) -> Iterable[tuple[Layer, Finding]]:
        """``injection.classifier`` findings (spans in each layer's text) for untrusted text."""
        public = ctx.source is Source.PROMPT and ctx.untrusted  # [guard] audience = "public"
        if ctx.source not in self.sources and not public:
            return ()
        model = self._ready()
        if model is None:
            return ()
        targets = _targets(layers)
        scores = self._score_layers(targets, ctx.views, reported=not public)
        threshold = self._threshold(model, ctx.source, public)
        addressed = model.addressed if ctx.untrusted and model.addressed else threshold
        found = []
        for layer, s in zip(targets, scores, strict=True):
            if s is None or s.score < min(threshold, addressed):
                continue
            if not public and mentions_only(layer.text):
                continue
            if s.score >= threshold and (public or s.content >= SNIPPET_CONTENT):
                found.append((layer, _finding(s, model, threshold)))
            elif s.score >= addressed and _names_a_stranger(layer.text, s, ctx.policy):
                found.append((layer, _finding(s, model, addressed, "addressed")))
        return found

    def _threshold(self, model: Model, source: Source, public: bool) -> float:
        """A public user's prompt is untrusted content: the document threshold, not the
        stricter one for what an owner types (unless ``[classifier] thresholds`` sets one)."""
        if public and source not in self.settings.thresholds:
            return model.threshold
        return model.threshold_for(source)

    def _score_layers(
        self, layers: Sequence[Layer], memo: Memo | None, *, reported: bool = False
    ) -> list[WindowScore | None]:
        """Scores of the language views of ``layers``, cached by the digest of each text: a
        text seen before costs one digest (no view, no model). A decoded layer that copies
        most of its parent (an HTML or percent unescape of a whole page) is scored only on
        the windows whose view differs from the parent's; the others the parent shows."""
        index = {id(la): i for i, la in enumerate(layers)}
        parents = [index.get(id(la.parent)) if la.origin is None else None for la in layers]
        keys = [
            (_UNQUOTED_KEY if reported else _VIEW_KEY)
            + _cache_key(la.text)
            + (b"" if p is None else _cache_key(layers[p].text))
            for la, p in zip(layers, parents, strict=True)
        ]

        def run(model: Model, todo: list[int]) -> list[WindowScore]:
            texts = [views(la.text, memo)[1] for la in layers]
            if reported:  # what a warning quotes is scored as blank (.reported)
                texts = [
                    unquoted(t, quoted_spans(la.text)) for t, la in zip(texts, layers, strict=True)
                ]
            seg = model.featurizer.segment
            seen = [
                None if (p := parents[i]) is None else _seen(layers[i], texts[i], texts[p], seg)
                for i in todo
            ]
            return model.score_many([texts[i] for i in todo], seen)

        return self._scores(keys, run)


def _seen(layer: Layer, view: str, parent_view: str, segment: int) -> np.ndarray:
    """Windows of a decoded layer's view that are, character for character, a stretch of
    its parent's view (copied one to one, nothing decoded inside): content the parent's
    windows, which overlap by half, already show the model."""
    rows = max(2, -(-len(view) // segment))
    out = np.zeros(rows - 1, dtype=bool)
    offsets = layer.offsets
    for k in range(rows - 1):
        a = k * segment
        b = min(a + 2 * segment, len(view))
        run = (a, len(view)) if offsets is None else offsets.linear_run(a)
        if run is not None and b <= run[1] and view[a:b] == parent_view[run[0] : run[0] + b - a]:
            out[k] = True
    return out


def _targets(layers: Sequence[Layer]) -> list[Layer]:
    return [
        layer
        for layer in layers
        if layer.depth == 0 or len(layer.text.strip()) >= MIN_DECODED_CHARS
    ]


_VIEW_KEY = b"view:"  # a text's view and the same text scored as is are different entries
_UNQUOTED_KEY = b"unquoted:"  # a read text's view with its reported quotes blanked


def _cache_key(text: str) -> bytes:
    return text_digest(text)  # never the text: no window of a secret outlives its verdict
