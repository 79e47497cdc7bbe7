"""Seed phrases whose words are numbered: "1. abandon / 2. ability", two columns, "Word 12:
zoo", ordinals ("twelfth word"), numbers after the words ("zoo (7), abandon (1)"); and
:func:`phrase_finding`, the check of a whole phrase given word by word (numbered lines, split
parts, plates, glued CJK runs).

Called by :mod:`aiegis_guard.scanners.wallet_keys` after
:func:`~aiegis_guard.scanners.seed_phrases.find_seed_phrases` (words one after another).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, partial

from aiegis_guard.checksums import BIP39_LANGUAGES, BIP39_WORD_COUNTS, is_valid_bip39
from aiegis_guard.findings import Finding
from aiegis_guard.scanners.seed_phrases import (
    MIN_DISTINCT,
    RULE_BIP39,
    RULE_BIP39_LIKE,
    bip39_finding,
    dedupe_phrases,
    is_placeholder_phrase,
    languages_of,
    overlaps,
    strip_accents,
    word_index,
)

__all__ = ["find_numbered_phrases", "phrase_finding"]


def find_numbered_phrases(text: str, found: list[Finding]) -> list[Finding]:
    """``found`` (the phrases of words one after another) with the numbered phrases that do
    not overlap one of them, deduplicated."""
    valid = [f.span for f in found if f.rule_id == RULE_BIP39]
    numbered = _numbered_phrases(text)
    ordinal = _ordinals_as_numbers(text)
    numbered += _numbered_phrases(ordinal) if ordinal is not text else []
    for counted in _cardinals_as_numbers(text):
        numbered += _numbered_phrases(counted)
    numbered += _numbered_phrases(keycaps) if (keycaps := _keycaps_as_numbers(text)) else []
    numbered += _numbers_after(text)
    return dedupe_phrases(
        found + [f for f in numbered if not any(overlaps(f.span, s) for s in valid)]
    )


# "Word 1: abandon / Word 2: ...", two columns ("1. a   7. g"), "Wort 3 - x": the numbers give
# the order, whatever stands between the words. Found from the 12th word, present in every
# phrase: the windows around each "12 <word>" are read once.

NUMBERED_REACH = 800  # characters each side of the 12th word (24 numbered lines)
# a number glued to its label ("word12": ..) needs a separator after it (not hex "0x12ab");
# an ordinal suffix ("12th", "12番") is part of the number when a separator follows it
_SUFFIX = r"(?:(?:st|nd|rd|th|番|번)(?=[^\w\n]))?"  # 1st, 1番 (Japanese), 1번 (Korean)


# a number starts a token, or ends a dotted key ("seed.words.11=x": a .properties file, a
# flattened config), not a decimal ("1.12")
_START = r"(?:(?<![\w.])|(?<=[A-Za-z_]\.))"


def _nth_re(n: int) -> re.Pattern[str]:
    """A word numbered ``n`` ("12. abandon", "12 abandon", "[12]=abandon", "words.12=abandon")."""
    return re.compile(
        rf"(?:{_START}{n}(?!\d){_SUFFIX}[^\w\n]{{0,4}}|(?<![\d.]){n}[^\w\n]{{1,4}})[^\W\d_]"
    )


_TWELFTH_RE = _nth_re(12)
# a numbered phrase needs its 11th word too: a window without one is not read word by word
_ELEVENTH_RE = _nth_re(11)
# counted from zero (form fields "seed[0]=..&seed[11]=..", array dumps "[0] abandon"): the
# 12th word is numbered 11, the 11th 10; read only where some word is numbered 0
_ZERO_RE = re.compile(  # not "0x.."; "0" first: fast
    r"0(?:(?<![\w.]0)|(?<=[A-Za-z_]\.0))[^\w\n]{1,4}[^\W\d_]"
)
_TENTH_RE = _nth_re(10)
# a label between the number and its word ("1. Wort: camp", "3) word = cave"): passed over
_LABEL = r"(?:[^\W\d_]{1,12}[ \t]*[:\uff1a=][ \t]*)?"
_NUMBERED_RE = re.compile(
    rf"(?:{_START}(\d{{1,2}})(?!\d){_SUFFIX}[^\w\n]{{0,4}}|(?<![\d.])(\d{{1,2}})[^\w\n]{{1,4}})"
    rf"{_LABEL}([^\W\d_]{{1,12}})"
)


_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth")  # fmt: skip
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
_ORDINALS.update({f"twenty-{w}": 20 + i for w, i in _ORDINALS.items() if i <= 4})
_ORDINALS.update({f"twenty {w}": 20 + i for w, i in _ORDINALS.items() if i <= 4})
_ORDINAL_RE = re.compile(
    r"(?i)\b(twenty[- ](?:first|second|third|fourth)|"
    + "|".join(sorted((w for w in _ORDINALS if " " not in w and "-" not in w), key=len)[::-1])
    + r")(?:\s+word)?\b"
)


def _numbered_words(
    text: str, lo: int, hi: int, anchor: int, base: int = 1
) -> list[tuple[int, int, str]]:
    """Words ``base``..N (N the longest valid phrase length) in number order; of two words with
    one number, the one nearest to ``anchor``."""
    best: dict[int, tuple[int, int, str]] = {}
    for m in _NUMBERED_RE.finditer(text, lo, hi):
        n = int(m.group(1) or m.group(2))
        if base <= n <= base + 23:
            old = best.get(n)
            if old is None or abs(m.start() - anchor) < abs(old[0] - anchor):
                best[n] = (m.start(), m.end(), m.group(3).lower())
    count = next((c for c in BIP39_WORD_COUNTS if all(i in best for i in range(base, base + c))), 0)
    return [best[i] for i in range(base, base + count)]


def _common_languages(words: list[tuple[int, int, str]]) -> Iterator[str]:
    masks = languages_of()
    common = -1
    for _, _, word in words:
        common &= masks.get(strip_accents(word), 0) | masks.get(word, 0)
    return (lang for bit, lang in enumerate(BIP39_LANGUAGES) if common >> bit & 1)


def _indexed(language: str, words: list[tuple[int, int, str]]) -> list[tuple[int, int, int]]:
    index = word_index(language)
    return [(s, e, index.get(w, index.get(strip_accents(w), 0))) for s, e, w in words]


def phrase_finding(text: str, words: list[tuple[int, int, str]]) -> Finding | None:
    """BLOCK when ``words`` (lower-case, with their spans) are a whole valid phrase of one list
    (used for phrases whose words are numbered or split over labelled parts)."""
    if len(words) not in BIP39_WORD_COUNTS:
        return None
    for language in _common_languages(words):
        triples = _indexed(language, words)
        indices = [i for _, _, i in triples]
        if not is_placeholder_phrase(indices) and is_valid_bip39(indices):
            return bip39_finding(RULE_BIP39, language, triples, text, True)
    return None


def _leading_phrases(text: str, words: list[tuple[int, int, str]]) -> list[Finding]:
    """The valid phrases the numbered words (1..N, N a phrase length) start with: the longest
    valid run from word 1 (12 words, then other numbered lines: "13. Keep it offline"; a
    phrase with 3, 6 or 9 more list words numbered on after it). A list numbered 1..24 (the
    longest phrase) whose words are all of one wordlist is one phrase of 24 or two of 12
    numbered on, each valid (1 in 256 by chance, as a whole 24); its first 12 alone, or 15, 18
    or 21, pass the checksum by chance once in 16 .. 128 (a game's table of 24 list words)."""
    if len(words) == BIP39_WORD_COUNTS[0] and next(_common_languages(words), None) is not None:
        whole = phrase_finding(text, words)
        if whole is not None:
            return [whole]
        halves = [phrase_finding(text, half) for half in (words[:12], words[12:])]
        return [f for f in halves if f is not None] if all(halves) else []
    for count in (c for c in BIP39_WORD_COUNTS if c <= len(words)):
        valid = phrase_finding(text, words[:count])
        if valid is not None:
            return [valid]
    return []


def _numbered_phrase(text: str, lo: int, hi: int, anchor: int, base: int = 1) -> list[Finding]:
    if (_ELEVENTH_RE if base else _TENTH_RE).search(text, lo, hi) is None:
        return []  # words 1..12 at least: no 11th, no phrase (and no per-word loop)
    words = _numbered_words(text, lo, hi, anchor, base)
    if not words:
        return []
    valid = _leading_phrases(text, words)
    if valid or len({w for _, _, w in words}) < MIN_DISTINCT:
        return valid
    language = next(_common_languages(words), None)
    if language is None:
        return []
    return [bip39_finding(RULE_BIP39_LIKE, language, _indexed(language, words), text, False)]


def _ordinals_as_numbers(text: str) -> str:
    """ "first word: abandon / ... / twelfth word: .." with each ordinal (and a "word" after
    it) replaced by its number, right-aligned in the same width: offsets are kept."""
    if "welfth" not in text and "WELFTH" not in text:
        return text
    return _ORDINAL_RE.sub(lambda m: str(_ORDINALS[m.group(1).lower()]).rjust(len(m.group())), text)


# numbers written as words ("one: abandon; two: ability", "uno: ábaco"), one list per
# language (en, es, pt, fr, de, it), read where the language's "twelve" is: 1..24
_CARDINALS = {
    "twelve": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three "
    "twenty-four",
    "doce": "uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
    "dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro",
    "doze": "um dois três quatro cinco seis sete oito nove dez onze doze treze catorze quinze "
    "dezesseis dezessete dezoito dezenove vinte vinte-e-um vinte-e-dois vinte-e-três "
    "vinte-e-quatro",
    "douze": "un deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
    "seize dix-sept dix-huit dix-neuf vingt vingt-et-un vingt-deux vingt-trois vingt-quatre",
    "zwölf": "eins zwei drei vier fünf sechs sieben acht neun zehn elf zwölf dreizehn vierzehn "
    "fünfzehn sechzehn siebzehn achtzehn neunzehn zwanzig einundzwanzig zweiundzwanzig "
    "dreiundzwanzig vierundzwanzig",
    "dodici": "uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici "
    "quattordici quindici sedici diciassette diciotto diciannove venti ventuno ventidue ventitré "
    "ventiquattro",
}


@cache
def _cardinal_re(twelve: str) -> tuple[re.Pattern[str], dict[str, int]]:
    words = _CARDINALS[twelve].split()
    numbers = {w: i + 1 for i, w in enumerate(words)}
    spelled = sorted((w.replace("-", "[- ]") for w in words), key=len, reverse=True)
    return re.compile(r"(?i)(?<!\w)(" + "|".join(spelled) + r")(?!\w)"), numbers


def _cardinals_as_numbers(text: str) -> Iterator[str]:
    """For each language whose "twelve" labels a word ("twelve: zoo", "doce - zoo"): the
    text with that language's numbers written as words replaced by their digits, right-aligned
    in the same width, within ``NUMBERED_REACH`` of each such label (offsets kept; the rest
    blanked, not read again)."""
    lowered = text.lower()
    for twelve in _CARDINALS:
        if twelve not in lowered:
            continue
        places = [
            (max(0, m.start() - NUMBERED_REACH), m.start() + NUMBERED_REACH)
            for m in _twelve_re(twelve).finditer(lowered)
            if not (m.start() and lowered[m.start() - 1].isalnum())  # a word of its own
        ]
        if not places:
            continue
        pattern, numbers = _cardinal_re(twelve)
        out, done = [], 0
        for lo, hi in places:
            lo = max(lo, done)
            out += [" " * (lo - done), pattern.sub(partial(_digits, numbers=numbers), text[lo:hi])]
            done = max(done, min(hi, len(text)))
        yield "".join([*out, " " * (len(text) - done)])


@cache
def _twelve_re(twelve: str) -> re.Pattern[str]:
    """The language's "twelve" as a word's number (lower-cased text): a mark (":", "-", ")",
    "=", "."), a letter; the word first (a literal: found at C speed)."""
    return re.compile(rf"{twelve}(?!\w)[ \t]*[:=).\-\u2013\u2014][^\w\n]{{0,3}}[^\W\d_]")


def _digits(m: re.Match[str], numbers: dict[str, int]) -> str:
    spelled = m.group(1).lower().replace(" ", "-")  # "vinte e-um": each gap either way
    return str(numbers.get(spelled, 0) or " ").rjust(len(m.group()))


# keycap numbers ("1️⃣ abandon", "1️⃣2️⃣ zoo": a digit, VS16, U+20E3) and 🔟 (one character)
_KEYCAPS_RE = re.compile("(?:[0-9]\ufe0f?\u20e3)+")
_TWELVE_KEYCAPS = ("1\ufe0f\u20e32\ufe0f\u20e3", "1\u20e32\u20e3")  # 1️⃣2️⃣: the 12th word
_TEN = "\U0001f51f"


def _keycaps_as_numbers(text: str) -> str | None:
    """The text with keycap numbers as digits, right-aligned in the same width (🔟 takes the
    character before it: "10"), or None where no word is numbered 1️⃣2️⃣."""
    if not any(k in text for k in _TWELVE_KEYCAPS):
        return None
    at = text.find(_TEN, 1)
    while at > 0:
        text = text[: at - 1] + "10" + text[at + 1 :]
        at = text.find(_TEN, at + 1)
    return _KEYCAPS_RE.sub(
        lambda m: "".join(c for c in m.group() if c.isdigit()).rjust(len(m.group())), text
    )


# a number after its word: "abandon (1), zoo (7)", "abandon [1]", "abandon #1" (a shuffled list)
_NUMBER_AFTER_RE = re.compile(r"([^\W\d_]{3,12})[ \t]*(?:\((\d{1,2})\)|\[(\d{1,2})\]|#(\d{1,2}))")
_AFTER_MARKS = (("(12)", "(11)"), ("[12]", "[11]"), ("#12", "#11"))


def _numbers_after(text: str) -> list[Finding]:
    """Phrases numbered after their words, read around each "(12)" / "[12]" / "#12" with
    "11" marked the same way in reach: each window rewritten "1 abandon" (same width, offsets
    kept) and read as a numbered phrase."""
    found: list[Finding] = []
    for twelfth, eleventh in _AFTER_MARKS:
        covered = -1
        at = text.find(twelfth)
        while at >= 0:
            lo, hi = max(0, at - NUMBERED_REACH), min(len(text), at + NUMBERED_REACH)
            if at > covered and text.find(eleventh, lo, hi) >= 0:
                window = _NUMBER_AFTER_RE.sub(
                    lambda m: f"{m.group(2) or m.group(3) or m.group(4)} {m.group(1)}".ljust(
                        len(m.group())
                    ),
                    text[lo:hi],
                )
                for hit in _numbered_phrase(window, 0, len(window), at - lo):
                    if hit.span is not None:
                        found.append(hit.with_span(hit.span[0] + lo, hit.span[1] + lo))
                covered = at + NUMBERED_REACH // 2
            at = text.find(twelfth, at + len(twelfth))
    return found


def _numbered_phrases(text: str) -> list[Finding]:
    found = _anchored_phrases(text, "12", _TWELFTH_RE, 1)
    if _ZERO_RE.search(text) is not None:
        found += _anchored_phrases(text, "11", _ELEVENTH_RE, 0)
    return found


def _anchored_phrases(text: str, last: str, last_re: re.Pattern[str], base: int) -> list[Finding]:
    """Numbered phrases read around each word numbered ``last`` (the 12th word)."""
    found: list[Finding] = []
    covered = -1
    start = text.find(last)
    while start >= 0:
        m = last_re.match(text, start)
        if m is not None and start > covered:
            lo, hi = max(0, start - NUMBERED_REACH), min(len(text), start + NUMBERED_REACH)
            found += _numbered_phrase(text, lo, hi, start, base)
            covered = start + NUMBERED_REACH // 2  # bounded work: windows overlap <= 4x
        start = text.find(last, start + 2)
    return found
