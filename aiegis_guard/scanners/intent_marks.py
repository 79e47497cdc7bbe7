"""The intent stage's per-sentence gate: which sentences the judge need not read, and the
marks of one text it is read from, once a layer.

The intent stage (:mod:`.intent`) judges each of thousands of sentences of a long text. The
judge (:func:`~.intent_judge.judge`) can only return a judgement where one of its acts has a
way in, and :func:`may_direct` asks exactly those ways, cheapest first, off the sentence's
cues (one automaton pass of the judge's own vocabulary, :func:`~.intent_judge.cues_of`):

* an act word (value, rights, reveal, policy: the ``*_WORDS`` lists of :mod:`.intent_words`);
* a gated act whose gate words occur (``GATES``: a directive to perform, call or ask, a
  question for the agent's instructions, a persona, a decoding, a planted output; a
  declaration — policy voided, a value route, consent, tampering, oversight — only with a
  cue stem, ``CUE_STEMS``; the owner silenced: both of its gates);
* a wallet secret that may be sent (a secret form's gate words, or the secret hint
  ``SECRET_HINT_RE``: the judge's own first test);
* a payment expected (something on-chain: :meth:`Marks.onchain`, asked last) or a recipient
  named in a sentence the vocabulary does not parse (the judge's recipient test opens with
  ``0x``, ``@``, ``.eth``, ``account`` or a base58 run).

:class:`Marks` answers :func:`~.intent_judge.may_be_onchain` for each sentence ``[a, b)`` of a
text from marks read once over the whole text, with what the sentence's own test says:

* ``0x`` / ``0X``, ``.eth`` / ``.sol`` in any case, looked for in the lower-cased text
  between the sentence's bounds: lower-casing reads one character at a time (where no
  ``İ`` changes the length), and no character outside ASCII lower-cases to one of these;
* a run of 32 characters of ``BASE58_CLASS`` (with its flags): class membership is read one
  character at a time, so a sentence holds 32 in a row exactly where one of the text's
  maximal runs overlaps it by 32 (:func:`base58_runs`).

A mark is positions only; the marks live as long as one call of the stage.
"""

from __future__ import annotations

import bisect
import re
import string
from collections.abc import Callable
from functools import cache

from aiegis_guard.charclass import CharClass, runs
from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners.intent_judge import BASE58_CLASS, MAY_BASE58, Cues, may_be_onchain
from aiegis_guard.scanners.secret_handover import SECRET_GATES

__all__ = ["Marks", "base58_runs", "may_direct"]


@cache
def _base58_runs_re() -> re.Pattern[str]:
    return re.compile(BASE58_CLASS + "{32,}", p.F)


# where the class may match: a base58 character in any case, or "?" (as any character outside
# ASCII reads in a class view: the class also matches a few others, İ ı ſ K)
_MAY_BASE58 = MAY_BASE58
# the same where no character outside ASCII can match
_BASE58_ANY_CASE = CharClass("base58_any_case", string.ascii_letters + "123456789")
_OTHERS = "\u0130\u0131\u017f\u212a"  # İ ı ſ K: the class's members outside ASCII


def base58_runs(text: str) -> list[tuple[int, int]]:
    """The maximal runs of 32 characters or more of ``BASE58_CLASS`` (with its flags) in
    ``text``: found on a class view at C speed (:func:`~aiegis_guard.charclass.runs`). Where a
    character outside ASCII stands in a run, the run is read again with it as no member,
    unless one of the class's few members outside ASCII is there: then the pattern reads it."""
    found: list[tuple[int, int]] = []
    for start, end in runs(text, _MAY_BASE58, 32):
        part = text[start:end]
        if "?" not in part and part.isascii():
            found.append((start, end))
        elif any(c in part for c in _OTHERS):  # asked exactly
            found += [m.span() for m in _base58_runs_re().finditer(text, start, end)]
        else:
            found += [(start + a, start + b) for a, b in runs(part, _BASE58_ANY_CASE, 32)]
    return found


class Marks:
    """The gate's marks of ``text`` (each read on first use)."""

    __slots__ = ("_low", "_runs", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._low: str | None = None
        self._runs: tuple[list[int], list[tuple[int, int]]] | None = None

    def onchain(self, a: int, b: int) -> bool:
        """:func:`~.intent_judge.may_be_onchain` of ``text[a:b]``."""
        low = self._low
        if low is None:
            low = self._low = self.text.lower()
        if len(low) != len(self.text):  # "İ" lower-cases to two characters: asked as is
            return may_be_onchain(self.text[a:b])
        if low.find("0x", a, b) >= 0 or low.find(".eth", a, b) >= 0 or low.find(".sol", a, b) >= 0:
            return True
        if self._runs is None:
            runs = base58_runs(self.text)
            # a run may start before the sentence and still hold 32 characters of it
            self._runs = ([end for _, end in runs], runs)
        ends, runs = self._runs
        i = bisect.bisect_right(ends, a)
        while i < len(runs) and runs[i][0] < b:
            start, end = runs[i]
            if min(end, b) - max(start, a) >= 32:
                return True
            i += 1
        return False


# the ways into an act (see the module docstring): act classes, gates enough alone, gates
# enough with a cue stem (a declaration), pairs of gates enough together
ACT_CLASSES = frozenset(("value", "rights", "reveal", "policy"))
ALONE = (
    frozenset(("g:perform", "g:call", "g:ask", "g:question", "g:persona", "g:decode", "g:plant"))
    | {"g:safeguard"}
    | SECRET_GATES
)
WITH_STEM = frozenset(("g:void", "g:void_more", "g:consent", "g:authority"))
PAIRS = (
    frozenset(("g:silence", "g:silence_what")),
    frozenset(("stem", "g:route", "g:route_how")),
    frozenset(("stem", "g:tamper", "g:tamper_what")),
    frozenset(("stem", "g:oversight", "g:oversight_how")),
)


def may_direct(cues: Cues, raw: str, onchain: Callable[[], bool]) -> bool:
    """Could :func:`~.intent_judge.judge` of a sentence with these ``cues`` (its view's) and
    original text ``raw`` (``onchain()``: what :func:`~.intent_judge.may_be_onchain` says of
    it, asked last) return a judgement? False only where none of its acts has a way in (see
    the module docstring); a sentence next to a wallet secret (``secret_near``) is judged
    apart, whatever this says."""
    verbs, present, _any = cues
    if not ACT_CLASSES.isdisjoint(verbs) or not ALONE.isdisjoint(present):
        return True
    if "stem" in present and not WITH_STEM.isdisjoint(present):
        return True
    if any(pair <= present for pair in PAIRS):
        return True
    if "@" in raw or "account" in raw.lower() or p.SECRET_HINT_RE.search(raw) is not None:
        return True
    if "_" in raw and p.SAFEGUARD_OFF_RE.search(raw) is not None:
        return True  # a safety flag set off ("set GUARD_ENABLED=False"): blanked in the view
    if p.POLICY_APPROVED_RE.search(raw) is not None:
        return True  # a safeguard's change declared approved by the owner, in any language
    return onchain()
