"""BIP-39 seed phrases: 12-24 words of one official list whose checksum holds -> BLOCK.

Called by :mod:`aiegis_guard.scanners.wallet_keys` (not a stage of its own). Any case; words
separated by spaces, newlines, commas, numbering (``1. abandon 2. ability``) or written as a
JSON array (words numbered out of order, in columns or after themselves:
:mod:`~aiegis_guard.scanners.seed_numbered`). Every official list is checked (English,
Spanish, French, Italian, Portuguese, Czech, Japanese, Korean, Chinese) plus
python-mnemonic's Russian and Turkish lists; Chinese characters separated (by spaces,
commas...) like the words of any other list (glued ones, and glued kana / Hangul words:
:mod:`~aiegis_guard.scanners.glued_phrases`).

A run of at least 12 list words whose checksum fails is ``secret.bip39_like`` (FLAG): a seed
phrase with one mistyped word is still recoverable by trying 2048 words per position, and such
runs do not occur in prose (the longest run in 16 MB of English prompt/chat data is 11 words).

Speed: ASCII text is reduced at C speed to a "shape" (letters ``a``, separators `` ``, others
``#``); words of 1-2 or 10+ letters cannot be list words, so they break runs too. Only stretches
long enough to hold 12 words are split into words (one ``map`` over a set), and only a stretch
with 12 list words in a row is tokenised with offsets.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from functools import cache

from aiegis_guard.checksums import BIP39_LANGUAGES, BIP39_WORD_COUNTS, bip39_index, is_valid_bip39
from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.redact import mask_words
from aiegis_guard.scanners.secret_messages import headers_blanked
from aiegis_guard.scanners.seed_labels import labels_blanked
from aiegis_guard.scanners.seed_layouts import (
    cjk_numbering_blanked,
    dictation_blanked,
    escapes_as_breaks,
    interjected,
    untagged,
)

__all__ = [
    "LOWER_SEPARATORS",
    "MIN_DISTINCT",
    "RULE_BIP39",
    "RULE_BIP39_LIKE",
    "Stretches",
    "bip39_finding",
    "dedupe_phrases",
    "find_seed_phrases",
    "gap_ok",
    "is_placeholder_phrase",
    "languages_of",
    "overlaps",
    "strip_accents",
    "word_index",
    "word_stretches",
    "word_tokens",
]

RULE_BIP39 = "secret.bip39_mnemonic"
RULE_BIP39_LIKE = "secret.bip39_like"

MIN_WORDS = 12
MIN_DISTINCT = 8  # distinct words in a checksum-failing run before it is flagged
MAX_RUN = 256  # tokens examined per run (bounds the work on pathological input)
SLACK = 2  # list words allowed around a phrase in the same run ("seed phrase ...")
# Between the words of a phrase: spaces, numbering and the punctuation of lists, tables,
# JSON and key=value dumps ("abandon-ability", "| 3 | able |", "#4: about", "5) above").
_SEPARATORS = string.whitespace + string.digits + ".,;()[]{}\"'`-_|/\\+:*#>=<~&^"
_LABEL_COLON = re.compile(r":\s")
_GAPS = frozenset(_SEPARATORS + "\u2022\u00b7\u2013\u2014\u2192\u00bb\u3001\uff0c")
# non-ASCII punctuation, symbols and emoji between the words ("palace 🔥 hood ⭐ eight",
# "magnet·enact·cheap"): separators, one character each (offsets kept); so are the commas,
# semicolons and full stops of other scripts ("jelly، author": the Arabic / Persian comma;
# Armenian, Hebrew, Devanagari's danda, Ethiopic's word space and comma, the small and
# vertical forms, fullwidth ";" and "?"; not the fullwidth colon, a label's)
_WIDE_GAP_RE = re.compile(
    "[\u00a0-\u00a9\u00ab-\u00b4\u00b6-\u00b9\u00bb-\u00bf\u2000-\u20cf\u2190-\u2bff"
    "\u3000-\u3003\u3008-\u3011\ufe0f\u200d\uff01-\uff0f\U0001f000-\U0001faff"
    "\u0589\u055d\u05c3\u060c\u061b\u061f\u06d4\u0964\u0965\u1361-\u1368"
    "\ufe10-\ufe19\ufe50-\ufe6b\uff1b\uff1f]"
)
# words glued in CamelCase ("ForgetAbandonCrewEight…"): 12-24 capitalised list-word shapes,
# looked for only in runs of 36+ ASCII letters (found on a one-byte-a-character shape)
_CAMEL_RE = re.compile(r"(?<![A-Za-z])(?:[A-Z][a-z]{2,7}){12,24}(?![a-z])")
_CAMEL_WORD_RE = re.compile(r"[A-Z][a-z]+")
_LETTER_RUN = b"a" * 36
_LETTERS = bytes(
    ord("a") if chr(i).isascii() and chr(i).isalpha() else ord(".") for i in range(256)
)
_LATIN = ("english", "spanish", "french", "italian", "portuguese", "czech", "turkish")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _tables() -> tuple[bytes, bytes, bytes, bytes]:
    lower, shape, runnable = bytearray(b"#" * 256), bytearray(b"#" * 256), bytearray(b"." * 256)
    for c in string.ascii_letters:
        lower[ord(c)], shape[ord(c)] = ord(c.lower()), ord("a")
    for c in _SEPARATORS:
        lower[ord(c)] = shape[ord(c)] = ord(" ")
    shape[ord("?")] = ord("u")  # a non-ASCII character (encode errors="replace"): maybe a letter
    runnable[ord("a")] = runnable[ord("u")] = runnable[ord(" ")] = ord("b")
    # UTF-8 lead bytes of Cyrillic (D0-D3) and of kana / CJK / Hangul (E3-ED)
    scripts = bytearray(b"." * 256)
    for lead in (*range(0xD0, 0xD4), *range(0xE3, 0xEE)):
        scripts[lead] = ord("o")
    return bytes(lower), bytes(shape), bytes(runnable), bytes(scripts)


_LOWER, _SHAPE, _RUNNABLE, _SCRIPTS = _tables()
LOWER_SEPARATORS = _LOWER  # bytes.translate: letters lower-cased, separators to spaces
# 12 words and 11 separators: >= 3 letters a word in Latin lists, 1 in Chinese, 2 in Korean.
_NEEDLE_LATIN = b"b" * (MIN_WORDS * 3 + MIN_WORDS - 1)
_NEEDLE_OTHER = b"b" * (MIN_WORDS * 2 - 1)
_TWELVE = b"\x01" * MIN_WORDS


def strip_accents(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@cache
def word_index(language: str) -> dict[str, int]:
    """The list's words (NFKC) plus accent-free spellings for the Latin-script lists."""
    index = dict(bip39_index(language))
    if language in _LATIN:
        for word, i in list(index.items()):
            index.setdefault(strip_accents(word), i)
    return index


@cache
def _any_word() -> frozenset[str]:
    return frozenset(w for lang in BIP39_LANGUAGES for w in word_index(lang))


@cache
def languages_of() -> dict[str, int]:
    """Each list word -> a bit mask of the languages (``BIP39_LANGUAGES`` order) holding it."""
    masks: dict[str, int] = {}
    for bit, language in enumerate(BIP39_LANGUAGES):
        for word in word_index(language):
            masks[word] = masks.get(word, 0) | 1 << bit
    return masks


# the word before the last of a list in prose ("…, zoo and abandon"): passed over
# (3+ letters: the shape pass cuts runs at shorter words, and they would widen its reach)
CONJUNCTIONS = frozenset(("and", "und", "och"))
# a comma said aloud between the words of a dictated phrase (a voice note's transcript)
# ("coma" and "virgola" are Italian list words too: a text is read without them only when
# one of them recurs, as a second reading)
SPOKEN_COMMAS = ("coma", "comma", "virgule", "komma", "virgola", "virgula")
_SPOKEN_RE = re.compile(r"(?i)\b(?:" + "|".join(SPOKEN_COMMAS) + r")\b")
DICTATED_MIN = 5  # spoken commas before a text is read without them


@cache
def _run_words() -> frozenset[str]:
    """Every list word, and the conjunctions a run of them may hold."""
    return _any_word() | CONJUNCTIONS


@cache
def _ascii_words() -> frozenset[bytes]:
    """The ASCII list words, and the conjunctions a run of them may hold."""
    words = {w.encode("ascii") for w in _any_word() if w.isascii()}
    return frozenset(words | {c.encode() for c in CONJUNCTIONS})


def _other_script(text: str) -> bool:
    """Does the text hold Cyrillic, kana, CJK or Hangul (lists whose words are not Latin)?"""
    return not text.isascii() and text.encode().translate(_SCRIPTS).find(b"o") >= 0


def _word_shaped(text: str, other: bool) -> Iterator[tuple[int, int]]:
    """Spans where 12 list words could follow each other; found in a few C-speed passes.

    The text becomes a shape: ASCII letters ``a``, other characters ``u`` (maybe letters of
    another script), separators `` ``, anything else ``#``. ASCII words of 1-2 or 10+ letters
    are no list word, so they turn into ``#`` too (hex blobs, whose digits are separators,
    fall apart into such short words).
    """
    raw = text.encode("ascii", "replace")  # one byte per character: offsets are kept
    shape = b" " + raw.translate(_SHAPE) + b" "
    shape = shape.replace(b" a ", b" # ").replace(b" aa ", b" ## ").replace(b"a" * 10, b"#" * 10)
    view = shape.translate(_RUNNABLE)
    needle = _NEEDLE_OTHER if other else _NEEDLE_LATIN
    start = view.find(needle)
    while start >= 0:
        end = view.find(b".", start)
        end = len(view) if end < 0 else end
        yield max(start - 1, 0), min(end - 1, len(text))
        start = view.find(needle, end)


def _list_words(part: str, other: bool) -> bytes:
    """One byte per word of ``part``: 1 if it is a word of some list (one C-level ``map``)."""
    if other:
        return bytes(map(_run_words().__contains__, _WORD_RE.findall(part.lower())))
    if not part.isascii():  # Latin with accents or typographic quotes: compare unaccented
        part = _WIDE_GAP_RE.sub(" ", part)  # "magnet·enact": the dot is no part of a word
        part = unicodedata.normalize("NFKD", part).encode("ascii", "ignore").decode()
    return bytes(map(_ascii_words().__contains__, part.encode().translate(_LOWER).split()))


@cache
def _latin_reach() -> int:
    """The shortest run of letters and separators that can hold 12 ASCII list words."""
    return MIN_WORDS * min(map(len, _ascii_words())) + MIN_WORDS - 1


Stretches = tuple[str, list[tuple[int, int]]]


def word_stretches(text: str) -> Stretches:
    """``text`` with its HTML / plist item tags blanked (offsets kept) and the spans of it
    where a dozen words of 3-9 letters (of any script) could follow each other: computed
    once for the BIP-39 and the SLIP-39 finders."""
    plain = untagged(text)
    return plain, list(_word_shaped(plain, _other_script(plain)))


def _stretches(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` holding 12 consecutive list words (of any list); only those are
    tokenised with offsets in Python.

    One Cyrillic or Chinese post makes a whole page ``other`` (shorter needle, words by a
    regex): a stretch of it that is ASCII letters and separators only (no ``?``, the shape
    of a non-ASCII character) splits into the same words either way, so it takes the ASCII
    path, and one too short for 12 ASCII list words is no phrase."""
    other = _other_script(text)
    for start, end in spans:
        part = text[start:end]
        if other and part.isascii() and "?" not in part:
            if end - start >= _latin_reach() and _list_words(part, False).find(_TWELVE) >= 0:
                yield start, end
        elif _list_words(part, other).find(_TWELVE) >= 0:
            yield start, end


def word_tokens(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """Lower-cased words of ``text[start:end]`` with their offsets."""
    for m in _WORD_RE.finditer(text, start, end):
        yield m.start(), m.end(), m.group().lower()


def gap_ok(gap: str) -> bool:
    """Separators only, and no "label: " (the word before a colon names what follows)."""
    return all(c in _GAPS or _WIDE_GAP_RE.match(c) for c in gap) and not (
        ":" in gap and _LABEL_COLON.search(gap)
    )


def _runs(text: str, start: int, end: int) -> Iterator[list[tuple[int, int, str]]]:
    """Maximal runs of list words (any language) separated only by separators."""
    known = _any_word()
    run: list[tuple[int, int, str]] = []
    bridge = -1  # end of an "and" between the last two words of a list
    for tok in word_tokens(text, start, end):
        sep_ok = not run or gap_ok(text[max(run[-1][1], bridge) : tok[0]])
        glued = text[tok[1] : tok[1] + 1].isdigit()  # word1, word2..: a name, not a word
        if tok[2] in CONJUNCTIONS and sep_ok and len(run) >= MIN_WORDS - 4 and bridge < 0:
            bridge = tok[1]  # "…, zoo, and abandon": prose lists its last word so
            continue
        bridge = -1
        if tok[2] in known and sep_ok and not glued and len(run) < MAX_RUN:
            run.append(tok)
            continue
        if len(run) >= MIN_WORDS:
            yield run
        run = [tok] if tok[2] in known and not glued else []
    if len(run) >= MIN_WORDS:
        yield run


def _language_runs(
    run: list[tuple[int, int, str]],
) -> Iterator[tuple[str, list[tuple[int, int, int]]]]:
    """Sub-runs of >= 12 consecutive words of one language, as (start, end, index) triples."""
    masks = [languages_of().get(word, 0) for _, _, word in run]
    union = 0
    for mask in masks:
        union |= mask
    for bit, language in enumerate(BIP39_LANGUAGES):
        if not union >> bit & 1 or sum(m >> bit & 1 for m in masks) < MIN_WORDS:
            continue  # most runs are one language: the other nine are not walked
        index = word_index(language)
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
        indices = [w[2] for w in words[i : i + n]]
        if not is_placeholder_phrase(indices) and is_valid_bip39(indices):
            return i, i + n
    return None


_DELIMITERS = frozenset("\"'`\n:=>\u2192")  # also a label's arrow ("words 1-12 → ..")


def _delimited_window(text: str, words: list[tuple[int, int, int]]) -> tuple[int, int] | None:
    """A phrase quoted or set off inside a longer run of list words (``cast wallet
    derive-private-key "<12 words>" 0``: wallet, private and key are list words too): a
    window of 12-24 words with a quote, a line break, a colon or an equals sign on both
    sides."""
    size = len(words)
    for n in (c for c in BIP39_WORD_COUNTS if c < size):
        for i in range(size - n + 1):
            before = text[words[i - 1][1] : words[i][0]] if i else "\n"
            after = text[words[i + n - 1][1] : words[i + n][0]] if i + n < size else "\n"
            if _DELIMITERS.isdisjoint(before) or _DELIMITERS.isdisjoint(after):
                continue
            indices = [w[2] for w in words[i : i + n]]
            if not is_placeholder_phrase(indices) and is_valid_bip39(indices):
                return i, i + n
    return None


def is_placeholder_phrase(indices: list[int]) -> bool:
    """One word repeated ("word word .." of a form's empty slots), or one word every other
    place between different words (a label repeated before each value: "seed[0]=fossil&seed[1]=
    ..": "seed" is a list word too; the phrase is the values, read by their numbers): no
    secret in it."""
    if len(set(indices)) == 1:
        return True
    return any(
        len(set(indices[p::2])) == 1 and len(set(indices[1 - p :: 2])) >= MIN_DISTINCT // 2 + 1
        for p in (0, 1)
    )


def bip39_finding(
    rule: str, language: str, words: list[tuple[int, int, int]], text: str, valid: bool
) -> Finding:
    # numbered out of order ("12. zoo" first): the span holds every word wherever it stands
    span = (min(s for s, _, _ in words), max(e for _, e, _ in words))
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


def find_seed_phrases(text: str, stretches: Stretches | None = None) -> list[Finding]:
    """Seed phrases (BLOCK) and checksum-failing word-list runs (FLAG) in ``text``
    (``stretches``: its :func:`word_stretches`, when the caller has them)."""
    text, spans = word_stretches(text) if stretches is None else stretches
    found = _listed_phrases(text, spans)
    for again in _second_readings(text, found, bool(spans)):
        found += [f for f in _listed_phrases(*word_stretches(again)) if f.rule_id == RULE_BIP39]
    none = not any(f.rule_id == RULE_BIP39 for f in found)  # two flagged halves: one phrase?
    likes = sorted(f.span for f in found if none and f.rule_id == RULE_BIP39_LIKE and f.span)
    for again, (lo, hi) in interjected(text, likes):  # the whole of both runs, or nothing
        found += [
            f
            for f in _listed_phrases(*word_stretches(again))
            if f.rule_id == RULE_BIP39 and f.span and f.span[0] <= lo and hi <= f.span[1]
        ]
    found += _camel_phrases(text)
    return dedupe_phrases(found)


def _second_readings(text: str, found: list[Finding], stretched: bool) -> Iterator[str]:
    """The text as it may have been meant, when the first reading found no phrase: the
    escaped line breaks of a JSON string as breaks (``"abandon\\nability.."``, a note app's
    export; "\\north" may be a backslash and "north", so only then), the commas of a dictation
    said aloud blanked ("abandon coma ability ..": coma is an Italian list word too), the
    places said in a dictation blanked ("word one is .."), the chat headers between one
    speaker's messages blanked (:mod:`.secret_messages`; only where a dozen words could
    follow each other, ``stretched``), a numbering in Chinese numerals
    blanked (一、 .. 十二、: list words themselves)."""
    if any(f.rule_id == RULE_BIP39 for f in found):
        return
    escaped = escapes_as_breaks(text, _any_word()) if "\\n" in text or "\\t" in text else None
    if escaped is not None:
        yield escaped
    if sum(text.count(w) for w in SPOKEN_COMMAS) >= DICTATED_MIN:
        yield _SPOKEN_RE.sub(lambda m: " " * len(m.group()), text)
    if (dictated := dictation_blanked(text)) is not None:  # "word one is .., two is .."
        yield dictated
    if stretched and (joined := headers_blanked(text)) is not None:  # 8 words, "Ana, [..]", 4
        yield joined
    if "十二" in text:  # numbered with Chinese numerals: 一、.. 十二、 (list words themselves)
        yield cjk_numbering_blanked(text)
    if sum(map(text.count, (': "', ':"', ": '"))) >= MIN_WORDS - 1:  # quoted labelled words
        labelled = labels_blanked(text, MIN_WORDS - 1, _any_word())
        if labelled is not None:
            yield labelled


def _listed_phrases(text: str, spans: list[tuple[int, int]]) -> list[Finding]:
    """Phrases (and checksum-failing runs) of words one after another in the stretches."""
    found: list[Finding] = []
    for start, end in _stretches(text, spans):
        for run in _runs(text, start, end):
            for language, words in _language_runs(run):
                window = _valid_window(words) or _delimited_window(text, words)
                if window is not None:
                    found.append(
                        bip39_finding(RULE_BIP39, language, words[slice(*window)], text, True)
                    )
                elif len({w[2] for w in words}) >= MIN_DISTINCT:  # not "begin-private-key" x N
                    found.append(bip39_finding(RULE_BIP39_LIKE, language, words, text, False))
    return found


def _camel_phrases(text: str) -> list[Finding]:
    """A phrase glued in CamelCase ("ForgetAbandonCrew…"): each capitalised part a word."""
    found: list[Finding] = []
    shape = text.encode("ascii", "replace").translate(_LETTERS)
    spans = []
    at = shape.find(_LETTER_RUN)
    while at >= 0:
        end = shape.find(b".", at)
        end = len(shape) if end < 0 else end
        spans.append((at, end))
        at = shape.find(_LETTER_RUN, end)
    for m in (c for a, b in spans for c in _CAMEL_RE.finditer(text, a, b)):
        words = [
            (w.start(), w.end(), w.group().lower())
            for w in _CAMEL_WORD_RE.finditer(text, m.start(), m.end())
        ]
        for language, indexed in _language_runs(words):
            window = _valid_window(indexed)
            if window is not None:
                found.append(
                    bip39_finding(RULE_BIP39, language, indexed[slice(*window)], text, True)
                )
    return found


def dedupe_phrases(found: list[Finding]) -> list[Finding]:
    """One finding per span: a phrase valid in two lists (rare) is reported once."""
    seen: set[tuple[int, int] | None] = set()
    out: list[Finding] = []
    for f in sorted(found, key=lambda f: f.rule_id != RULE_BIP39):
        if f.span in seen or (
            f.rule_id == RULE_BIP39_LIKE and any(overlaps(f.span, s) for s in seen)
        ):
            continue
        seen.add(f.span)
        out.append(f)
    return out


def overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]
