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
"kus", "fél") are left out: a part word is read as a part's label on its own near hex digits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiegis_guard.lazyre import LazyPattern

__all__ = ["PART_WORDS", "STRONG_PART_RE", "part_word_starts"]

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
_COMPOUND_TAILS = frozenset(PART_WORDS["de"] + PART_WORDS["nl"])
_ALL = sorted({w for words in PART_WORDS.values() for w in words}, key=len, reverse=True)
# a count ("1/2", "2 of 3") says "part" in any language
STRONG_PART_RE = LazyPattern(
    "(?i)" + "|".join(re.escape(w) for w in _ALL) + r"|\d\s*(?:/|of)\s*\d", gated=True
)
_OTHERS = tuple(w for w in _ALL if not w.isascii())
# the same, for a text that lower-casing lengthens (offsets lost: "İ" is two characters)
_OTHERS_RE = LazyPattern("(?i)" + "|".join(re.escape(w) for w in _OTHERS), gated=True)
_ASCII_WORDS = tuple(w.encode() for w in _ALL if w.isascii())
_ASCII_TAILS = tuple(w.encode() for w in _COMPOUND_TAILS if w.isascii())
_LETTERS = frozenset(b"abcdefghijklmnopqrstuvwxyz?")  # "?": a character outside ASCII


def part_word_starts(text: str, lowered: bytes) -> set[int]:
    """Offsets of the part words in ``text`` where a word starts (or where a compound's part
    noun ends it). ``lowered``: the text lower-cased and encoded as ASCII with "?" for every
    other character (one byte a character: offsets kept); ASCII words are found in it at C
    speed, the others in the lower-cased text only when it holds characters outside ASCII."""
    found: set[int] = set()
    for needle in _ASCII_WORDS:
        tail = needle in _ASCII_TAILS
        i = lowered.find(needle)
        while i >= 0:
            if tail or i == 0 or lowered[i - 1] not in _LETTERS:
                found.add(i)
            i = lowered.find(needle, i + len(needle))
    if text.isascii():
        return found
    low = text.lower()
    if len(low) == len(text):
        hits = ((i, w) for w in _OTHERS for i in _finds(low, w))
    else:
        hits = ((m.start(), m.group().lower()) for m in _OTHERS_RE.finditer(text))
    for at, word in hits:
        if at == 0 or not text[at - 1].isalpha() or word in _COMPOUND_TAILS:
            found.add(at)
    return found


def _finds(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))
