"""BIP-39 seed phrases: 12-24 words of one official list whose checksum holds -> BLOCK.

Called by :mod:`aiegis_guard.scanners.wallet_keys` (not a stage of its own). Any case; words
separated by spaces, newlines, commas, numbering (``1. abandon 2. ability``) or written as a
JSON array. Every official list is checked (English, Spanish, French, Italian, Portuguese,
Czech, Japanese, Korean, Chinese) plus python-mnemonic's Russian and Turkish lists; Chinese
characters must be separated (by spaces, commas...) like the words of any other list.

A run of at least 12 list words whose checksum fails is ``secret.bip39_like`` (FLAG): a seed
phrase with one mistyped word is still recoverable by trying 2048 words per position, and such
runs do not occur in prose (the longest run in 16 MB of English prompt/chat data is 11 words).

Speed: ASCII text is reduced at C speed to a "shape" (letters ``a``, separators `` ``, others
``#``); words of 1-2 or 10+ letters cannot be list words, so they break runs too. Only stretches
long enough to hold 12 words are tokenised in Python.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from functools import cache

from aiegis_guard.charclass import CharClass, runs
from aiegis_guard.checksums import BIP39_LANGUAGES, BIP39_WORD_COUNTS, bip39_index, is_valid_bip39
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.redact import mask_words

__all__ = ["RULE_BIP39", "RULE_BIP39_LIKE", "find_seed_phrases"]

RULE_BIP39 = "secret.bip39_mnemonic"
RULE_BIP39_LIKE = "secret.bip39_like"

MIN_WORDS = 12
MAX_RUN = 256  # tokens examined per run (bounds the work on pathological input)
SLACK = 2  # list words allowed around a phrase in the same run ("seed phrase ...")
_SEPARATORS = string.whitespace + string.digits + ".,;()[]\"'"
_LATIN = ("english", "spanish", "french", "italian", "portuguese", "czech", "turkish")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _lower_table() -> bytes:
    table = bytearray(b"#" * 256)
    for c in string.ascii_letters:
        table[ord(c)] = ord(c.lower())
    for c in _SEPARATORS:
        table[ord(c)] = ord(" ")
    return bytes(table)


_LOWER = _lower_table()
_LIST_CHARS = CharClass("bip39", string.ascii_letters + _SEPARATORS)
_MIN_STRETCH = MIN_WORDS * 3 + MIN_WORDS - 1  # 12 words of >= 3 letters, 11 separators
_TWELVE = b"\x01" * MIN_WORDS


def _strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@cache
def _index(language: str) -> dict[str, int]:
    """The list's words (NFKC) plus accent-free spellings for the Latin-script lists."""
    index = dict(bip39_index(language))
    if language in _LATIN:
        for word, i in list(index.items()):
            index.setdefault(_strip_accents(word), i)
    return index


@cache
def _any_word() -> frozenset[str]:
    return frozenset(w for lang in BIP39_LANGUAGES for w in _index(lang))


@cache
def _ascii_words() -> frozenset[bytes]:
    return frozenset(w.encode("ascii") for w in _any_word() if w.isascii())


def _ascii_stretches(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` (ASCII) holding 12 consecutive list words; found at C speed.

    Letters-and-separators stretches long enough for 12 words are split into words and
    looked up in one ``map`` call; only a stretch with 12 list words in a row is tokenised
    (with offsets) in Python.
    """
    words = _ascii_words()
    for start, end in runs(text, _LIST_CHARS, _MIN_STRETCH):
        tokens = text[start:end].encode("ascii").translate(_LOWER).split()
        if len(tokens) >= MIN_WORDS and bytes(map(words.__contains__, tokens)).find(_TWELVE) >= 0:
            yield start, end


def _tokens(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Lower-cased words of ``text[start:end]`` with their offsets."""
    for m in _WORD_RE.finditer(text, start, end):
        yield m.start(), m.end(), m.group().lower()


def _unicode_stretches(text: str) -> Iterator[tuple[int, int]]:
    """Non-ASCII text: the whole text, if 12 list words follow each other at all."""
    words = _any_word()
    flags = bytes(map(words.__contains__, _WORD_RE.findall(text.lower())))
    if flags.find(_TWELVE) >= 0:
        yield 0, len(text)


def _runs(text: str, start: int, end: int) -> Iterator[list[tuple[int, int, str]]]:
    """Maximal runs of list words (any language) separated only by separators."""
    known = _any_word()
    run: list[tuple[int, int, str]] = []
    for tok in _tokens(text, start, end):
        gap_ok = not run or all(c in _SEPARATORS for c in text[run[-1][1] : tok[0]])
        if tok[2] in known and gap_ok and len(run) < MAX_RUN:
            run.append(tok)
            continue
        if len(run) >= MIN_WORDS:
            yield run
        run = [tok] if tok[2] in known else []
    if len(run) >= MIN_WORDS:
        yield run


def _language_runs(
    run: list[tuple[int, int, str]],
) -> Iterator[tuple[str, list[tuple[int, int, int]]]]:
    """Sub-runs of >= 12 consecutive words of one language, as (start, end, index) triples."""
    for language in BIP39_LANGUAGES:
        index = _index(language)
        sub: list[tuple[int, int, int]] = []
        for s, e, word in [*run, (0, 0, "")]:
            i = index.get(word)
            if i is not None:
                sub.append((s, e, i))
                continue
            if len(sub) >= MIN_WORDS:
                yield language, sub
            sub = []


def _valid_window(words: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """The (first, last+1) window with a valid checksum, or None.

    Only the longest valid word count that fits the run, with at most ``SLACK`` extra list
    words around it ("seed phrase abandon ..."): sliding 12-word windows over a longer run
    would pass a 4-bit checksum by chance (1 in 16 per window).
    """
    size = len(words)
    n = next((c for c in BIP39_WORD_COUNTS if c <= size), 0)
    if not n or size - n > SLACK:
        return None
    for i in range(size - n + 1):
        if is_valid_bip39([w[2] for w in words[i : i + n]]):
            return i, i + n
    return None


def _finding(
    rule: str, language: str, words: list[tuple[int, int, int]], text: str, valid: bool
) -> Finding:
    span = (words[0][0], words[-1][1])
    shown = [text[s:e] for s, e, _ in words]
    return Finding(
        rule_id=rule,
        category=Category.SECRET,
        severity=Severity.CRITICAL if valid else Severity.MEDIUM,
        action=Action.BLOCK if valid else Action.FLAG,
        message=(
            f"BIP-39 seed phrase ({len(words)} {language} words, valid checksum)"
            if valid
            else f"{len(words)} consecutive BIP-39 {language} words (checksum fails: "
            "a mistyped seed phrase is still recoverable)"
        ),
        span=span,
        preview=mask_words(shown),
        evidence=(
            "pattern:bip39",
            f"language:{language}",
            f"words:{len(words)}",
            f"checksum:{'valid' if valid else 'invalid'}",
        ),
        redact=True,
    )


def find_seed_phrases(text: str) -> list[Finding]:
    """Seed phrases (BLOCK) and checksum-failing word-list runs (FLAG) in ``text``."""
    stretches = _ascii_stretches(text) if text.isascii() else _unicode_stretches(text)
    found: list[Finding] = []
    for start, end in stretches:
        for run in _runs(text, start, end):
            for language, words in _language_runs(run):
                window = _valid_window(words)
                if window is not None:
                    found.append(_finding(RULE_BIP39, language, words[slice(*window)], text, True))
                else:
                    found.append(_finding(RULE_BIP39_LIKE, language, words, text, False))
    return _dedupe(found)


def _dedupe(found: list[Finding]) -> list[Finding]:
    """One finding per span: a phrase valid in two lists (rare) is reported once."""
    seen: set[tuple[int, int] | None] = set()
    out: list[Finding] = []
    for f in sorted(found, key=lambda f: f.rule_id != RULE_BIP39):
        if f.span in seen or (
            f.rule_id == RULE_BIP39_LIKE and any(_overlaps(f.span, s) for s in seen)
        ):
            continue
        seen.add(f.span)
        out.append(f)
    return out


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]
