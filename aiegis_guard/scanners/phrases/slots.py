"""Slots of the phrase rules: addresses, amounts, URLs, files, percentages, identifiers.

A rule part like ``@addr`` is not a word list but a kind of token. Searching for it with a
regex in every window around every anchor would cost ~40 ns per position each time; instead
each slot is found **once per text, on first use**, at C speed (``str.find`` for a literal
cue, :func:`aiegis_guard.charclass.runs` for character runs) and kept as a sorted span list
that the windows look up by bisection. All finders work on the lowered text.

* ``@addr``: an EVM address (``0x`` + 40 hex), a Solana address (a 32-44 character
  alphanumeric run without ``0``), an ENS / SNS name (``name.eth``, ``name.sol``);
* ``@url``: ``scheme://...``, ``www.x.y`` or a bare domain with a common TLD;
* ``@file``: a file name with a text/config extension (``security.txt``, ``notes.md``);
* ``@pct``: a percentage of 20 or more (``100%``, ``50 percent``);
* ``@code``: an identifier that is code, not prose: ``snake_case``, a call ``name(``, or a
  word glued to a wallet verb (``fastSend``, ``safeWithdrawAll`` lower-cased);
* ``@fn``: a *wallet* function name: an identifier built on a wallet verb that looks like
  code (``send_token``, ``transfer(``, ``fastSend`` in the original case). Found by
  ``str.find`` alone, so it is cheap enough to anchor rules on.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from aiegis_guard.automata import WordAutomaton
from aiegis_guard.charclass import CharClass, runs

__all__ = ["INDEXED", "find_slot"]

Span = tuple[int, int]
_ALNUM = CharClass("lower-alnum", string.ascii_lowercase + string.digits)
_IDENT = frozenset(string.ascii_lowercase + string.digits + "_")
_HOST = frozenset(string.ascii_lowercase + string.digits + "-.")
_HEX = frozenset("0123456789abcdef")


def _finds(low: str, needle: str) -> list[int]:
    out = []
    i = low.find(needle)
    while i >= 0:
        out.append(i)
        i = low.find(needle, i + 1)
    return out


def _word_char(low: str, i: int) -> bool:
    return 0 <= i < len(low) and (low[i].isalnum() or low[i] == "_")


def _addresses(low: str) -> list[Span]:
    out = [
        (s, e)
        for s, e in runs(low, _ALNUM, 32, 44)
        if (e - s == 42 and low.startswith("0x", s) and _HEX.issuperset(low[s + 2 : e]))
        or "0" not in low[s:e]
    ]
    for tld in (".eth", ".sol"):
        for i in _finds(low, tld):
            end = i + 4
            if _word_char(low, end) or (end < len(low) and low[end] == "-"):
                continue
            s = i
            while s > 0 and i - s < 63 and (low[s - 1].isalnum() or low[s - 1] == "-"):
                s -= 1
            if s < i and not (s > 0 and (_word_char(low, s - 1) or low[s - 1] in ".-")):
                out.append((s, end))
    return sorted(out)


_TLD_LIST = (
    "io|xyz|app|help|com|org|net|finance|fi|link|site|online|top|info|me|dev|cc|gg|so|pro|"
    "live|network|support|claim|claims"
)
_TLDS = _TLD_LIST.split("|")


_TLD_RE = re.compile(r"\.(?:" + _TLD_LIST + r")(?![\w-])")
_FILE_RE = re.compile(r"\.(?:txt|md|json|ya?ml|toml|pdf|html?|cfg|ini)(?![\w-])")


# the rest of a URL after "://" (up to a stop character), and after a host's TLD (also ",")
_URL_REST_RE = re.compile(r"[^ \n\"'<>()\[\]{}|`]*")
_HOST_REST_RE = re.compile(r"[^ \n\"'<>()\[\]{}|`,]*")


def _urls(low: str) -> list[Span]:
    out = []
    for i in _finds(low, "://"):
        s = i
        while s > 0 and low[s - 1].isalpha() and i - s < 8:
            s -= 1
        m = _URL_REST_RE.match(low, i + 3)
        e = m.end() if m else i + 3
        if s < i and e > i + 3:
            out.append((s, e))
    for m in _TLD_RE.finditer(low):
        i, end = m.span()
        s = i
        while s > 0 and low[s - 1] in _HOST and i - s < 100:
            s -= 1
        if s < i and not (s > 0 and (_word_char(low, s - 1) or low[s - 1] in "@/")):
            rest = _HOST_REST_RE.match(low, end)
            out.append((s, rest.end() if rest else end))
    return _merged(out)


def _files(low: str) -> list[Span]:
    out = []
    for m in _FILE_RE.finditer(low):
        i, end = m.span()
        s = i
        while s > 0 and (low[s - 1] in _IDENT or low[s - 1] in "/.-") and i - s < 60:
            s -= 1
        if s < i:
            out.append((s, end))
    return out


_PCT_RE = re.compile(r"(?:100|[2-9]\d)(?:[.,]\d+)?\s?$")


def _percents(low: str) -> list[Span]:
    out = []
    for word in ("%", "percent", "процент"):
        for i in _finds(low, word):
            m = _PCT_RE.search(low, max(0, i - 8), i)
            if m and not (m.start() and low[m.start() - 1] in "0123456789.,"):
                out.append((m.start(), i + len(word)))
    return sorted(out)


_VERBS = ("send", "transfer", "withdraw", "deposit", "swap", "bridge", "approve", "settle")
_ENDINGS = (  # a wallet verb followed by one of these is an English word, not an identifier
    "s es ed d ing er ers al als ment ments able ance ances ee ees or ors red ring rer rers "
    "ped ping per pers pable ory ories ability rable ation ations off"
)
_INFLECTIONS = frozenset(_ENDINGS.split())


def _verb_automaton() -> WordAutomaton:
    return WordAutomaton((verb, verb) for verb in (*_VERBS, "pay", "exit"))


_VERB_AUTO = _verb_automaton()


def _codes(low: str) -> list[Span]:
    out = [_ident(low, i) for i in _finds(low, "_")]
    out += [_ident(low, i) for i in _finds(low, "(")]
    for last, verb in _VERB_AUTO.iter(low):
        i = last + 1 - len(verb)
        s, e = _ident(low, i)
        word = low[s:e]
        head, tail = low[s:i], low[i + len(verb) : e]
        glued = len(head) >= 4 or (len(tail) >= 3 and tail not in _INFLECTIONS)
        if glued and (verb in _VERBS or head) and word.isalnum() and len(word) <= 40:
            out.append((s, e))
    return sorted({span for span in out if span[1] - span[0] >= 3 and low[span[0]].isalpha()})


_WALLET_WORDS = (*_VERBS, "pay", "exit", "migrate", "payout", "sweep")
_SHAPE = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("a")
        if chr(b).islower() and b < 128
        else ord("A")
        if chr(b).isupper() and b < 128
        else 32
        for b in range(256)
    ),
)


def _wallet_functions(low: str, src: str = "") -> list[Span]:
    """Identifiers built on a wallet verb that look like code: snake_case (``send_token``),
    a call (``transfer(``) or camelCase in the original text (``fastSend``). Candidates come
    from ``str.find`` / ``bytes.find`` alone, so prose costs a few C calls; only those in or
    next to an identifier run holding a wallet word are read (a JSON result's thousands of
    camelCase keys are not walked one by one)."""
    homes = _wallet_runs(low)
    if not homes:
        return []
    cands = _finds(low, "_") + _finds(low, "(")
    if src and len(src) == len(low):
        shape = src.encode("ascii", "replace").translate(_SHAPE)
        i = shape.find(b"aA")
        while i >= 0:
            cands.append(i + 1)
            i = shape.find(b"aA", i + 2)
    cands.sort()
    out = set()
    for a, b in homes:  # a candidate's identifier holds a wallet word only in [a - 1, b]
        for i in cands[bisect_left(cands, a - 1) : bisect_right(cands, b)]:
            s, e = _ident(low, i)
            word = low[s:e].rstrip("(")
            if len(word) >= 4 and low[s].isalpha() and any(v in word for v in _WALLET_WORDS):
                out.add((s, e))
    return sorted(out)


def _wallet_runs(low: str) -> list[Span]:
    """The maximal runs of identifier characters that hold a wallet word."""
    found = set()
    for verb in _WALLET_WORDS:
        for i in _finds(low, verb):
            s, e = i, i + len(verb)
            while s > 0 and low[s - 1] in _IDENT:
                s -= 1
            while e < len(low) and low[e] in _IDENT:
                e += 1
            found.add((s, e))
    return sorted(found)


def _ident(low: str, i: int) -> Span:
    """The identifier around position ``i`` (a ``(`` ends it)."""
    s = i
    while s > 0 and low[s - 1] in _IDENT:
        s -= 1
    e = i + 1 if low[i] != "(" else i
    while e < len(low) and low[e] in _IDENT:
        e += 1
    if s > 0 and low[s - 1] == ".":
        return (i, i)  # a method of some object: not ours to judge
    return (s, e + (1 if e < len(low) and low[e] == "(" else 0))


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


INDEXED: dict[str, Callable[[str], list[Span]]] = {
    "@addr": _addresses,
    "@url": _urls,
    "@file": _files,
    "@pct": _percents,
    "@code": _codes,
    "@fn": _wallet_functions,
}


def find_slot(name: str, low: str, src: str = "") -> list[Span]:
    """Every span of slot ``name`` in ``low`` (``src``: the text before lowering, same
    length, for the slots that read case), sorted by start."""
    if name == "@fn":
        return _wallet_functions(low, src)
    return INDEXED[name](low)
