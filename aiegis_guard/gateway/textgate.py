"""A look-behind gate for streamed model text: no secret is ever emitted, not even in part.

Text is released as soon as it can no longer be part of a secret: the gate holds back the
trailing *suspicious tail* — the unfinished last token (a key, an address, a token), preceded
by any run of BIP-39 list words or digit groups (a seed phrase or a JSON byte-array key being
typed out) — up to ``hold`` characters. Before releasing anything it judges the released text
together with the ``hold`` characters emitted before it and masks every secret span that
reaches the new text. A secret no longer than ``hold`` is therefore complete when its first
character is judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from aiegis_guard.findings import Action, Category
from aiegis_guard.redact import redact_spans
from aiegis_guard.verdict import Verdict

__all__ = ["HOLD", "TextGate", "secret_spans"]

HOLD = 512
_TAIL_TOKEN = re.compile(r"\S*\Z")
_WORD_BEFORE = re.compile(r"(?:\A|(?<=\s))([^\s]+)\s+\Z")


def secret_spans(verdict: Verdict) -> list[tuple[int, int]]:
    """Spans to withhold: redactable findings and secrets the policy did not allow (a bare
    64-hex that may be a transaction hash is ``secret.evm_key_candidate``, ALLOW: kept)."""
    return [
        f.span
        for f in verdict.findings
        if f.span and (f.redact or (f.category is Category.SECRET and f.action is not Action.ALLOW))
    ]


def _list_words() -> frozenset[str]:
    from aiegis_guard.scanners.seed_phrases import _any_word  # the official BIP-39 lists

    return _any_word()


class TextGate:
    """Per-stream buffer: ``push(delta) -> releasable text``, ``flush() -> the rest``."""

    def __init__(self, judge: Callable[[str], Verdict], hold: int = HOLD) -> None:
        self._judge = judge
        self.hold = hold
        self.pending = ""
        self.context = ""
        self.masked = 0
        self._words = _list_words()

    def push(self, text: str) -> str:
        self.pending += text
        if self._safe_cut() <= 0:
            return ""
        return self._release(final=False)

    def flush(self) -> str:
        return self._release(final=True) if self.pending else ""

    def _safe_cut(self) -> int:
        """Index into ``pending`` before which nothing can still grow into a secret."""
        text = self.pending
        floor = max(0, len(text) - self.hold)
        end = _TAIL_TOKEN.search(text)
        cut = end.start() if end else len(text)
        while cut > floor:
            m = _WORD_BEFORE.search(text, max(floor, cut - 64), cut)
            if m is None or not self._suspicious(m.group(1)):
                break
            cut = m.start(1)
        return max(cut, floor)

    def _suspicious(self, word: str) -> bool:
        w = word.strip(".,;:()[]\"'").lower()
        return w.isdigit() or w in self._words

    def _release(self, *, final: bool) -> str:
        window = self.context + self.pending
        offset = len(self.context)
        verdict = self._judge(window)
        spans = [
            (max(0, start - offset), end - offset)
            for start, end in secret_spans(verdict)
            if end > offset
        ]
        if spans:
            self.masked += len(spans)
            self.pending = redact_spans(self.pending, spans, "WITHHELD")
        cut = len(self.pending) if final else self._safe_cut()
        out, self.pending = self.pending[:cut], self.pending[cut:]
        self.context = (self.context + out)[-self.hold :]
        return out
