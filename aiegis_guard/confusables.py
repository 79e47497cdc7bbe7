"""Look-alike letters: Cyrillic, Greek, Armenian, Cherokee and Lisu letters that read as Latin.

Mathematical alphanumerics, full-width and other compatibility forms are folded by NFKC before
this runs; what is left are letters of other scripts that *look* Latin. Folding is per word:
a word that mixes Latin with look-alikes (``pаypal`` with a Cyrillic ``а``) is folded; a word
made only of look-alikes is folded unless it stands among genuine words of another script
(within ``CONTEXT`` characters either side, at least as many words hold a letter of that
script without a Latin twin as hold a Latin letter or are look-alikes only): in
"вставте фразу на эту страницу" the words "вставте" and "на" are Russian, not "bctabte" and
"ha", while a lone "сосk" in an English sentence is folded. A genuine Cyrillic or Greek word
(which has letters without a Latin twin) is kept, so rules for those languages still match.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern

__all__ = ["CONFUSABLES", "fold_confusables"]

CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "һ": "h",
    "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l", "ѵ": "v", "ү": "y", "ɡ": "g", "ԍ": "g", "ӕ": "ae",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ї": "I", "Ј": "J", "Һ": "H",
    "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I", "Ѵ": "V", "Ү": "Y", "Ԍ": "G",
    # Greek
    "α": "a", "β": "b", "ε": "e", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t",
    "υ": "u", "χ": "x", "γ": "y", "ω": "w", "ϲ": "c", "ϳ": "j", "ς": "c",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C", "Ϳ": "J",
    # Armenian
    "ա": "w", "հ": "h", "ո": "n", "ս": "u", "օ": "o", "ց": "g", "զ": "q", "ռ": "n",
    "Օ": "O", "Տ": "S", "Ս": "U",
    # Latin letters outside ASCII that NFKC keeps (IPA, dotless)
    "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ʏ": "y", "ɪ": "i", "ʀ": "r", "ᴄ": "c", "ᴏ": "o",
    "ᴠ": "v", "ᴡ": "w", "ᴢ": "z", "ꜱ": "s",
    # Cherokee (upper case; NFKC does not touch them)
    "Ꭺ": "A", "Ᏼ": "B", "Ꮯ": "C", "Ꭰ": "D", "Ꭼ": "E", "Ꮐ": "G", "Ꮋ": "H", "Ꭻ": "J",
    "Ꮶ": "K", "Ꮮ": "L", "Ꮇ": "M", "Ꮲ": "P", "Ꭱ": "R", "Ꮪ": "S", "Ꭲ": "T", "Ꮩ": "V",
    "Ꮃ": "W", "Ꮓ": "Z",
    # Lisu
    "ꓐ": "B", "ꓚ": "C", "ꓓ": "D", "ꓰ": "E", "ꓝ": "F", "ꓖ": "G", "ꓧ": "H", "ꓲ": "I",
    "ꓙ": "J", "ꓗ": "K", "ꓡ": "L", "ꓟ": "M", "ꓠ": "N", "ꓑ": "P", "ꓣ": "R", "ꓢ": "S",
    "ꓔ": "T", "ꓴ": "U", "ꓦ": "V", "ꓪ": "W", "ꓫ": "X", "ꓬ": "Y", "ꓜ": "Z",
}  # fmt: skip
"""Look-alike -> Latin. Values are one character except ligature-like ``ӕ``."""

# Same-length folding keeps offsets 1:1; multi-character targets are folded to their first.
_TABLE = str.maketrans({k: v[0] for k, v in CONFUSABLES.items()})
_C = "".join(sorted(CONFUSABLES))
# a letter (word character that is not a digit or underscore) or a combining mark on one:
# "А̀" is one letter to a reader, and a word split at its accent would fold differently
# once NFKC has composed it (normalising twice must change nothing)
_W = r"(?:[^\W\d_]|[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f])"
# Every look-alike is non-ASCII: ASCII text skips the search. Any other text (an accent, an
# emoji) needs it, so it is compiled at import.
_ANY_RE = re.compile(f"[{_C}]")
_LOOKALIKES = frozenset(CONFUSABLES)
_LETTER = LazyPattern(_W)  # one letter or combining mark: the characters words are made of
_LATIN = LazyPattern("[A-Za-z]")
_WORD = LazyPattern(f"{_W}+")
_DIGIT = LazyPattern("[0-9]")
CONTEXT = 40  # characters either side read for genuine words of a look-alike's script
# letters of the scripts above that have no Latin twin: a text holding them near a word of
# look-alikes is written in that script (Cyrillic, Greek, Armenian blocks less CONFUSABLES)
_GENUINE = LazyPattern(
    "["
    + "".join(
        chr(c)
        for c in (*range(0x0400, 0x0530), *range(0x0370, 0x0400), *range(0x0531, 0x0588))
        if chr(c).isalpha() and chr(c) not in CONFUSABLES
    )
    + "]"
)


def _word_around(text: str, i: int) -> tuple[int, int]:
    """The span of the word (maximal run of letters and marks) holding ``text[i]``."""
    letter = _LETTER.match
    start, end = i, i + 1
    while start and letter(text, start - 1):
        start -= 1
    while end < len(text) and letter(text, end):
        end += 1
    return start, end


def _folded_words(text: str) -> list[tuple[int, int]]:
    """Words made only of look-alikes, and words with a Latin letter and a look-alike. Only
    the words around a look-alike are read: the cost follows the look-alikes, not the text."""
    spans: list[tuple[int, int]] = []
    done = 0
    for m in _ANY_RE.finditer(text):
        if m.start() < done:
            continue  # a look-alike in a word already judged
        start, end = _word_around(text, m.start())
        done = end
        word = text[start:end]
        if _LATIN.search(word) or (
            _LOOKALIKES.issuperset(word) and not _among_genuine(text, start, end)
        ):
            spans.append((start, end))
    return spans


def _among_genuine(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]`` a word of a text written in its script: within ``CONTEXT``
    characters either side, at least as many words hold a letter of that script without a
    Latin twin as hold a Latin letter or are made of look-alikes too? One planted "Ж" or
    "Привет" beside a sentence of disguised words (Latin or all look-alike capitals) does not
    make it Russian; "вставте" among Russian words is Russian."""
    lo, hi = max(0, start - CONTEXT), end + CONTEXT
    brk = text.rfind("\n\n", lo, start)  # the word's paragraph only: a text of several
    lo = lo if brk == -1 else brk + 2  # languages is judged a paragraph at a time
    brk = text.find("\n\n", end, hi)
    hi = hi if brk == -1 else brk
    genuine = other = 0
    for m in _WORD.finditer(text, lo, hi):
        a, b = m.span()
        if a == start or _DIGIT.search(text, max(0, a - 1), b + 1):
            continue  # the word itself; a piece of an address, a hash or an amount ("0x8c4ea6…")
        word = m.group()
        if _GENUINE.search(word) is not None:
            genuine += 1
        elif _LATIN.search(word) is not None or (len(word) > 1 and _LOOKALIKES.issuperset(word)):
            other += 1  # a lone look-alike letter ("о т п р а в ь", spelled out) says nothing
    return genuine >= max(1, other)


def fold_confusables(text: str) -> tuple[str, int]:
    """Fold look-alike letters in words that mix scripts (or are made only of look-alikes).

    Returns the folded text (same length: offsets are unchanged) and how many words were
    folded. Plain text costs one search; otherwise only the words around look-alikes are read.
    """
    if text.isascii() or _ANY_RE.search(text) is None:
        return text, 0
    spans = _folded_words(text)
    if not spans:
        return text, 0
    parts: list[str] = []
    last = folded = 0
    for start, end in spans:
        word = text[start:end]
        new = word.translate(_TABLE)
        if new != word:
            parts.append(text[last:start])
            parts.append(new)
            last = end
            folded += 1
    if not folded:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), folded
