"""Terms and parts of the phrase rules (:mod:`aiegis_guard.scanners.phrases.match`).

A *part* is a ``|``-separated list of alternatives. A word alternative is matched in lower
case with word boundaries (Latin/Cyrillic; CJK needs none); ``word*`` matches a word prefix.
Each alternative is also matched in its confusable-folded form (the normaliser folds
all-look-alike Cyrillic words: ``все`` -> ``bce``), without its accents (``dirección`` ->
``direccion``: people drop them) and with its non-ASCII letters deleted (Unicode-tag smuggling
carries ASCII only: ``a été remplacé`` arrives as ``a t remplac``).

Alternatives starting with ``@`` are *slots*, small regexes over the lowered text:
``@amount`` (``5 eth``, ``$20``), ``@addr`` (EVM / Solana address, ENS name), ``@url``
(a URL or a bare domain), ``@file`` (``security.txt``, ``readme``), ``@pct`` (a percentage of
20 % or more), ``@zero`` (a bare ``0``), ``@maxarg`` (``max`` / ``uint256`` / ``true``
inside a call's parentheses), ``@code`` (a function call or identifier such as ``foo_bar(``
/ ``foo_bar``). A slot may be mixed with words: ``@addr|this address``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from aiegis_guard.automata import WordAutomaton
from aiegis_guard.normalize import fold_confusables
from aiegis_guard.scanners.phrases.slots import INDEXED

__all__ = [
    "AMOUNT_RE",
    "SLOTS",
    "Part",
    "Term",
    "bounded",
    "clause_start",
    "imperative",
    "is_cjk",
    "is_wordy",
    "lowered",
    "part",
    "squeeze",
    "terms",
]

AMOUNT_RE = re.compile(
    r"\d[\d,._]*\s?(?:k\s?|m\s?)?(?:eth|ether|weth|sol|usdc|usdt|dai|btc|wbtc|bnb|matic|pol|"
    r"avax|arb|op|link|uni|jup|bonk|lamports|gwei|wei|tokens?|coins?|以太|个)(?![a-z])|[$€£]\s?\d"
)
_WINDOW_SLOTS: dict[str, tuple[str, int]] = {  # slots searched in the window by regex
    "@amount": (
        r"[0-9][0-9,._]*+ ?(?:[km] ?)?(?:eth|ether|weth|sol|usdc|usdt|dai|btc|wbtc|bnb|matic|"
        r"pol|avax|arb|op|link|uni|jup|bonk|lamports|gwei|wei|tokens?|coins?|以太|个)(?![a-z])"
        r"|[$€£] ?[0-9]",
        28,
    ),
    "@zero": (r"(?<![\w.,$])0(?:[.,]0+)?(?![\w%]|[.,]\d)", 6),
    "@maxarg": (  # a max / unlimited value inside the call's parentheses (a bare uint256 is
        # a type: ``approve(address,uint256)`` in a selector table or an ABI is no request)
        r"[^)\n]{0,60}?(?:\bmax|uint256_max|uint_max|uint256\s*\(\s*-1|2\*\*256|2\^256|"
        r"type\(uint|infinite|unlimited|\btrue\b|,\s*-1\b|0xf{16,}|115792089237316195423570985)",
        80,
    ),
}
_SLOT_REACH = {"@addr": 70, "@url": 100, "@file": 64, "@pct": 12, "@code": 44, "@fn": 44}
SLOTS = frozenset(_WINDOW_SLOTS) | frozenset(INDEXED)
"""Every slot name a part may use (``@addr``, ``@amount`` ...)."""


def is_cjk(ch: str) -> bool:
    return ord(ch) >= 0x2E80


def is_wordy(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    left: bool  # needs a word boundary before it
    right: bool  # needs a word boundary after it


def _latin(text: str) -> bool:
    """Are all non-ASCII characters of ``text`` accented Latin letters?"""
    return all(c.isascii() or (c.isalpha() and ord(c) < 0x250) for c in text)


def _forms(alt: str) -> list[str]:
    """The spellings matched for one alternative (see the module docstring)."""
    forms = [alt, fold_confusables(alt)[0].lower()]
    if not alt.isascii() and _latin(alt):
        nfd = unicodedata.normalize("NFD", alt.replace("ß", "ss"))
        forms.append("".join(c for c in nfd if not unicodedata.combining(c)))
        words = alt.split()
        dropped = [w.encode("ascii", "ignore").decode() for w in words]
        if all(dropped) and len(" ".join(dropped)) >= 4:
            forms.append(" ".join(dropped))
    return forms


def terms(part: str | tuple[str, ...]) -> tuple[Term, ...]:
    """The word terms of a part (slots left out)."""
    out: dict[str, Term] = {}
    for alt in part.split("|") if isinstance(part, str) else part:
        alt = alt.strip().lower()
        if alt in _WINDOW_SLOTS or alt in INDEXED:
            continue
        stem = alt.endswith("*")
        for form in _forms(alt.rstrip("*")):
            if form and form not in out:
                out[form] = Term(form, is_wordy(form[0]), not stem and is_wordy(form[-1]))
    return tuple(out.values())


_AUTOMATON_MIN = 24  # a part with this many word terms is scanned by automaton, not regex


@dataclass(frozen=True, slots=True)
class Part:
    """A non-anchor part. Its words are found by one regex (with the window slots), or by a
    small automaton when there are many (a regex alternation tries every branch at every
    position); its indexed slots once per text (:mod:`aiegis_guard.scanners.phrases.slots`)."""

    terms: dict[str, Term]
    regex: re.Pattern[str] | None
    auto: WordAutomaton | None
    longest: int
    indexed: tuple[str, ...]


@cache
def part(spec: str | tuple[str, ...]) -> Part:
    """Compile one part (words and ``@slots``); rules that share a part share the object
    (and so its per-text matches)."""
    alts = [a.strip() for a in (spec.split("|") if isinstance(spec, str) else spec)]
    window = [_WINDOW_SLOTS[a] for a in alts if a in _WINDOW_SLOTS]
    indexed = tuple(a for a in alts if a in INDEXED)
    words = {t.text: t for t in terms(spec)}
    auto = None
    if len(words) >= _AUTOMATON_MIN:
        auto = WordAutomaton(words.items())
    pattern = "|".join(
        [f"(?:{regex})" for regex, _ in window]
        + ([] if auto else [re.escape(t) for t in sorted(words, key=len, reverse=True)])
    )
    longest = max(
        [len(t) for t in words] + [reach for _, reach in window] + [_SLOT_REACH[a] for a in indexed]
    )
    return Part(words, re.compile(pattern) if pattern else None, auto, longest, indexed)


def bounded(low: str, start: int, term: Term) -> bool:
    """Word boundaries around ``term`` at ``start`` (CJK characters never need one)."""
    if term.left and start and low[start - 1].isalnum() and low[start - 1] < "\u2e80":
        return False
    end = start + len(term.text)
    return not (term.right and end < len(low) and low[end].isalnum() and low[end] < "\u2e80")


_LEAD_WORDS = (  # words that may stand before an imperative: "please send", "bitte sende"
    "please|now|then|and|so|just|simply|also|first|immediately|kindly|always|must|"
    "silently|quietly|secretly|discreetly|covertly|"
    "therefore|thus|next|finally|quickly|directly|asap|favor|ahora|luego|y|primero|"
    "entonces|bitte|jetzt|dann|und|zuerst|sofort|also|nun|maintenant|puis|et|ensuite|"
    "alors|agora|depois|e|então|entao|пожалуйста|теперь|сейчас|затем|потом|и|сначала|"
    "срочно|请|现在|然后|并|再|先"
)
_LEADS = frozenset(_LEAD_WORDS.split("|"))
_CLAUSE_PUNCT = frozenset(".!?:;\"'()[]{}-*•>,—–|/#=。！？：；，、\n")


def clause_start(low: str, pos: int) -> bool:
    """Does a clause (an imperative) start at ``pos``? After punctuation, at the start of the
    text, or after a lead word (``please``, ``now``, ``then``, ``bitte`` ...)."""
    i = pos - 1
    while i >= 0 and low[i] == " ":
        i -= 1
    if i < 0 or low[i] in _CLAUSE_PUNCT:
        return True
    if is_cjk(low[i]):
        return low[i] in _LEADS or not is_wordy(low[i])
    j = i
    while j >= 0 and low[j].isalnum():
        j -= 1
    return low[j + 1 : i + 1] in _LEADS


# what follows a label rather than an order's verb: punctuation, the end, a field name, or
# the close of a quoted value (``"action": "approve",``: a JSON field, not an imperative)
_LABEL_RE = re.compile(r" *(?:[:=|.,;!?)\n]|$|[\w'-]+ *[:=|]|[\"'] *[,}\]:])")


def imperative(low: str, start: int, end: int, *, line: bool = False) -> bool:
    """Is the verb at ``low[start:end]`` an imperative: it starts a clause (``line``: it starts
    a line) and an object follows (``Method: Transfer``, ``Transfer Status: locked`` and
    ``"action": "approve",`` are labels)? A function written as code is no imperative: a call
    (``approve(spender, amount)``, ``Function: approve(address spender, …)``) or a member
    (``WETH.approve``) names the function a proposal, a decoded input or a doc lists (the code
    rules read its arguments: ``unlimited_approval.code_max``), unless a run verb opens its
    clause ("call token.transfer(0x…, …) immediately")."""
    if low.startswith("(", end) or (
        start > 1 and low[start - 1] == "." and _ends_identifier(low[start - 2])
    ):
        # a call is an order where a run verb opens its clause ("call token.transfer(0x…) now")
        run = _RUN_BEFORE_RE.search(low, max(0, start - 40), start)
        return (
            run is not None
            and clause_start(low, run.start(1))
            and _CONCRETE_ARGS_RE.match(low, end) is not None
        )
    return (line or clause_start(low, start)) and not _LABEL_RE.match(low, end)


# a call's arguments that name a party or an amount ("(0x7a3f…, balanceOf(owner))"), not the
# parameters a doc or an error message lists ("call approve(spender, amount) on the token")
_CONCRETE_ARGS_RE = re.compile(r"\(\s*[^)\n]{0,80}?(?:0x[0-9a-f]{6}|\d)")
_RUN_BEFORE_RE = re.compile(r"\b(call|run|execute|invoke|trigger|exec|perform)\s+`?(?:[\w$]+\.)*$")


def _ends_identifier(c: str) -> bool:  # "weth.", "pool().", "tokens[0]."
    return c.isalnum() or c in "_)]"


_QUOTES = (("’", "'"), ("‘", "'"), ("“", '"'), ("”", '"'), ("«", '"'), ("»", '"'))


def _plain_quotes(text: str) -> str:
    """Curly and angle quotes as ASCII ones (replace() is ~10x faster than str.translate)."""
    for quote, plain in _QUOTES:
        if quote in text:
            text = text.replace(quote, plain)
    return text


def lowered(text: str) -> str:
    """Lower-cased, quotes and whitespace unified, paragraph breaks kept as one ``\\n``
    (no rule reaches across one); always the same length as ``text``."""
    if text.isascii():
        low = text.lower()
    else:
        low = _plain_quotes(text).lower()
        if len(low) != len(text):  # e.g. 'İ'.lower() is two characters
            low = "".join(c.lower()[0] for c in _plain_quotes(text))
    if "\r" in low:
        low = low.replace("\r\n\r\n", "\n\n  ").replace("\r\n", " \n").replace("\r", " ")
    if "\t" in low:
        low = low.replace("\t", " ")
    if "\n" in low:  # a blank line stays one "\n" (plus a space); a line break is a space
        low = low.replace("\n\n", "\x00\x00").replace("\n", " ").replace("\x00\x00", " \n")
    return low


_SPACES_RE = re.compile(r"  +")


def squeeze(low: str) -> tuple[str, list[int], list[int]]:
    """``low`` with runs of spaces as one space, and the map back: a position ``p`` of the
    squeezed text is ``p + shift[k]`` in ``low``, ``k`` the last index with ``at[k] <= p``."""
    at: list[int] = []
    shift: list[int] = []
    removed = 0
    for m in _SPACES_RE.finditer(low):
        removed += m.end() - m.start() - 1
        at.append(m.start() + 1 - (removed - (m.end() - m.start() - 1)))
        shift.append(removed)
    return _SPACES_RE.sub(" ", low), at, shift
