"""Seed words stamped on a metal backup plate: the first four letters of each word.

BIP-39's English list is built so that four letters name one word (bitcoin/bips
``bip-0039/english.txt`` and the BIP's "the first four letters uniquely identify a word"):
steel backup plates (Cryptosteel, Billfodl and the like) stamp only those, and a phrase
typed off such a plate reads "ZONE DAD FOLD LAYE ETHI …". A run of 12, 15, 18, 21 or 24 upper-
case tokens of three or four letters, each a whole three-letter word or a four-letter prefix of
one, whose words pass the checksum is the phrase itself (BLOCK). Upper case only: prose of
short words in lower case would match the shape too often.
"""

from __future__ import annotations

import re
import string
from functools import cache

from aiegis_guard.charclass import CharClass, run_windows
from aiegis_guard.checksums import BIP39_WORD_COUNTS, bip39_index
from aiegis_guard.findings import Finding
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.litgate import min_width
from aiegis_guard.scanners.seed_numbered import phrase_finding

__all__ = ["find_plate_phrases"]

_PLATE_RE = LazyPattern(  # compiled when a text first reaches it (~0.3 ms), not at import
    r"(?<![A-Za-z])(?:[A-Z]{3,4}(?:[ \t]*[\n,;/|·-][ \t]*|[ \t]+)){11,23}[A-Z]{3,4}(?![A-Za-z])"
)
_TOKEN_RE = re.compile(r"[A-Z]{3,4}")


@cache
def _by_prefix() -> dict[str, str]:
    """Each English word's first four letters (its whole self when shorter) -> the word."""
    return {word[:4]: word for word in bip39_index("english")}


def find_plate_phrases(text: str) -> list[Finding]:
    """Phrases written as the stamped four-letter prefixes of their words."""
    if len(text) < 47:  # 12 tokens of 3 letters and 11 gaps
        return []
    found: list[Finding] = []
    prefixes = _by_prefix()
    windows = run_windows(text, _PLATE_CHARS, _plate_min())  # no match runs past one
    for m in (m for a, b in windows for m in _PLATE_RE.finditer(text, a, b)):
        words = []
        for t in _TOKEN_RE.finditer(text, m.start(), m.end()):
            word = prefixes.get(t.group().lower())
            if word is None or (len(t.group()) == 3 and word != t.group().lower()):
                break
            words.append((t.start(), t.end(), word))
        else:
            if len(words) in BIP39_WORD_COUNTS:
                hit = phrase_finding(text, words)
                if hit is not None:
                    found.append(hit)
    return found


# what a match of ``_PLATE_RE`` holds: capitals and its separators ("?": the "·", as any
# character outside ASCII reads in a class view)
_PLATE_CHARS = CharClass("plate", string.ascii_uppercase + " \t\n,;/|-?")


@cache
def _plate_min() -> int:
    return min_width(_PLATE_RE.pattern)  # 12 three-letter tokens and 11 gaps
