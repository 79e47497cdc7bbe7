"""Part words in many languages: the nouns a label uses for a piece of a split secret.

Used by :mod:`~aiegis_guard.scanners.key_forms` (hex parts of an EVM key) and
:mod:`~aiegis_guard.scanners.split_secrets` (base58 and seed-word parts). A label names a
part by a noun for a part, a half or a piece ("Teil 1:", "Deel 2:", "Część 1:", "Часть 2:",
"Metà 1:", "Stück 2:", "première moitié :"); an ordinal before a half word ("erste Hälfte",
"eerste helft", "primera mitad") holds the half word. The lexicon is a table by language, each
word a stem matched at a word's start ("part" in "partie", "parte", "parts"; "половин" in
"половина", "половинка"). German and Dutch glue the noun to what it is a part of
("Schlüsselteil", "sleuteldeel"): their part words also match at a compound's end.

Words of three letters or fewer that are other words as often ("del": Spanish "of the"; "osa",
"kus", "fél") are left out of the table: a part word is read as a part's label on its own near
hex digits. They name a part in a label only counted and at its end, where the value follows
("Privat nyckel, del 1:", "osa 2:", "その1:"; :data:`COUNTED_PART_WORDS`).

:func:`names_key_part` reads a label that names a key's part in one word or in a phrase the
ASCII word pass does not hold: a compound of a key noun and a part word ("sleuteldeel",
"Schlüsselhälfte"), or "private key" in a language written in ASCII letters ("Yksityinen
avain, osa 1:").
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterator

from aiegis_guard.automata import WordAutomaton
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_scripts import FOREIGN_KEY_WORDS

__all__ = ["COUNTED_PART_WORDS", "PART_WORDS", "names_key_part", "names_part", "part_word_starts"]

# (language: part / half / piece nouns as stems); sources: the languages' own dictionaries
PART_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("part", "half", "halves", "piece", "chunk", "segment", "fragment", "shard"),
    "de": ("teil", "hälfte", "haelfte", "stück", "stueck"),
    "nl": ("deel", "helft", "stuk", "gedeelte"),
    "fr": ("partie", "moitié", "moitie", "morceau"),
    "es": ("parte", "mitad", "trozo", "pedazo", "fragmento"),
    "pt": ("metade", "pedaço", "pedaco"),
    "it": ("metà", "meta", "pezzo", "frammento"),
    "pl": ("część", "czesc", "połow", "polow", "kawałek", "kawalek"),
    "cs": ("část", "polovin"),
    "sk": ("časť", "polovic"),
    "ru": ("часть", "части", "половин", "кусок", "фрагмент"),
    "uk": ("частин", "шматок"),
    "sv": ("halva", "halvdel"),
    "da-no": ("halvdel", "halvpart", "stykke"),
    "fi": ("puolikas", "osuus"),
    "hu": ("rész", "darab"),
    "ro": ("jumătate", "jumatate", "bucată", "bucata"),
    "tr": ("parça", "parca", "kısım", "yarı"),
    "el": ("μέρος", "κομμάτι", "μισό"),
    "ar": ("جزء", "الجزء", "نصف"),
    "fa": ("بخش", "قسمت", "نیمه"),
    "he": ("חלק", "חצי"),
    "hi": ("भाग", "हिस्सा", "आधा"),
    "th": ("ส่วน", "ครึ่ง"),
    "zh-ja": ("部分", "一半", "前半", "后半", "後半", "半分"),
    "ko": ("부분", "절반", "파트"),
    "vi": ("phần", "nửa"),
    "id-ms": ("bagian", "bahagian", "separuh", "setengah", "potongan"),
}
# part words that end a compound noun ("Schlüsselteil", "Schlüsselhälfte", "sleuteldeel")
_COMPOUND_TAILS_WORDS = PART_WORDS["de"] + PART_WORDS["nl"]
_COMPOUND_TAILS = frozenset(_COMPOUND_TAILS_WORDS)
_ALL = sorted({w for words in PART_WORDS.values() for w in words}, key=len, reverse=True)
# a part word anywhere in a lower-cased label ("schlüsselteil", "key part a"), or a count
# ("1/2", "2 of 3"): "part" in any language
_PART_RE = re.compile("|".join(re.escape(w) for w in _ALL) + r"|\d\s*(?:/|of)\s*\d")


# short part words (sv / da / no "del", fi "osa", et "osa", cs / sk "díl", hu "fél", ja "その"
# "No."): a part's only with a count after them, at the label's end
COUNTED_PART_WORDS = ("del", "osa", "díl", "fél", "その")
_COUNTED_RE = re.compile(
    r"(?:(?<![^\W\d_])(?:del|osa|díl|fél)\s*|その\s*)(?:\d{1,2}|[ivx]{1,4}|[a-d])"
    r"[ \t]*(?:[:.)=\-–—]+[ \t]*)?$"
)


def names_part(label: str) -> bool:
    """``label`` holds a part word (anywhere: "Schlüsselteil", "Key part A"), a count ("1/2",
    "2 of 3"), or ends on a short part word counted ("del 1:", "その2:")."""
    lowered = label.lower()
    return _PART_RE.search(lowered) is not None or _COUNTED_RE.search(lowered) is not None


# a key noun heading a compound whose tail is a part word (de / nl glue them)
_KEY_HEADS = ("schlüssel", "schluessel", "sleutel")
_KEY_COMPOUND_RE = re.compile(
    "(?:" + "|".join(_KEY_HEADS) + ")(?:" + "|".join(sorted(_COMPOUND_TAILS_WORDS)) + ")"
)
# "private key" in the languages written in ASCII letters ("yksityinen avain", "titkos
# kulcs"): the ASCII word pass reads none of them
_ASCII_KEY_PHRASES = tuple(w for w in FOREIGN_KEY_WORDS if w.isascii() and " " in w)


def names_key_part(label: str) -> bool:
    """``label`` names a key by a compound of a key noun and a part word ("sleuteldeel 1:") or
    by an ASCII phrase of another language for a private key ("Yksityinen avain, osa 1:")."""
    lowered = label.lower()
    return _KEY_COMPOUND_RE.search(lowered) is not None or any(
        w in lowered for w in _ASCII_KEY_PHRASES
    )


_OTHERS = tuple(w for w in _ALL if not w.isascii())
# the same, for a text that lower-casing lengthens (offsets lost: "İ" is two characters)
_OTHERS_RE = LazyPattern("(?i)" + "|".join(re.escape(w) for w in _OTHERS), gated=True)


@functools.cache
def _automaton() -> WordAutomaton:
    """Every part word, read in one pass (built on first use)."""
    return WordAutomaton((w, w) for w in _ALL)


def part_word_starts(text: str, lowered: bytes) -> set[int]:
    """Offsets of the part words in ``text`` where a word starts (or where a compound's part
    noun ends it). ``lowered``: the text lower-cased and encoded as ASCII with "?" for every
    other character (one byte a character: offsets kept). One automaton pass over the
    lower-cased text; where lower-casing changes its length, the ASCII words are read in
    ``lowered`` and the others by a pattern."""
    low = lowered.decode("ascii") if text.isascii() else text.lower()
    hits: Iterator[tuple[int, str]]
    if len(low) == len(text):
        hits = ((end - len(w) + 1, w) for end, w in _automaton().iter(low))
    else:
        low = lowered.decode("ascii")
        ascii_hits = ((end - len(w) + 1, w) for end, w in _automaton().iter(low))
        other_hits = ((m.start(), m.group().lower()) for m in _OTHERS_RE.finditer(text))
        hits = itertools.chain(ascii_hits, other_hits)
    found: set[int] = set()
    runs = _Runs(low)
    for at, word in hits:
        if at == 0 or not low[at - 1].isalpha() or (word in _COMPOUND_TAILS and runs.glued(at)):
            found.add(at)
    return found


class _Runs:
    """The letter runs of a lower-cased text, read back at most once each: a run's head is
    kept at every compound tail asked about, so a run of many tails ("xteilxteil…") costs its
    length once, not its length for every tail."""

    def __init__(self, low: str) -> None:
        self.low = low
        self.heads: dict[int, int] = {}  # offset → the start of the letter run that holds it
        self.steps = 0  # characters read back (bounded by the text's length per hit order)

    def head(self, at: int) -> int:
        """Start of the letter run that ends just before ``at``."""
        low, heads = self.low, self.heads
        pos = at
        while pos > 0 and low[pos - 1].isalpha():
            known = heads.get(pos - 1)
            if known is not None:
                pos = known
                break
            pos -= 1
            self.steps += 1
        if at > pos:
            heads[at - 1] = pos
        return pos

    def glued(self, at: int) -> bool:
        """The letters before ``at`` are a word's (a compound's head: "schlüssel|teil"), not
        the inside of a token with digits (base64, an id)."""
        head = self.head(at)
        return at - head >= 3 and (head == 0 or not self.low[head - 1].isalnum())
