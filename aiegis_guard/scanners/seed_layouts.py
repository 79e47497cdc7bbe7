"""How the words of a phrase may be laid out around them: markup, escaped line breaks, notes
between its halves, numbering in Chinese numerals.

Used by :mod:`aiegis_guard.scanners.seed_phrases` to read a text as it is shown: the tags of
HTML item lists and the bare layout tags of a note or a page (``<div>``, ``</p>``, ``<br>``)
blanked, and, as a second reading, the escaped line breaks of a JSON string between list
words (``"..zoo\\nabandon.."``) read as breaks. Offsets are kept (same length, spaces).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Set

__all__ = [
    "cjk_numbering_blanked",
    "dictation_blanked",
    "escapes_as_breaks",
    "interjected",
    "untagged",
]

_ITEM_TAGS = "li|td|th|dd|option|string|item|entry|value|word|span|code"  # "string": a plist
_ITEM = rf"<(?:{_ITEM_TAGS})\b[^<>]{{0,60}}>[^<]{{0,40}}</(?:{_ITEM_TAGS})>"
_ITEM_GLUE = r"(?:\s*</?(?:ol|ul|tr|tbody|dl|dt|select)\b[^<>]{0,60}>)*\s*"
_ITEM_LIST_RE = re.compile(rf"{_ITEM}(?:{_ITEM_GLUE}{_ITEM}){{11,}}")  # 12+ items in a row
# one word an element whatever the tag (a key cap's <kbd>, a chip's <button>, <b>): the same
# tag closes one item and opens the next, a word (numbered or not) and nothing else inside.
# Found from the first item's closing tag on ("</" first: a literal the engine skips to)
_TAG_NAME = r"[A-Za-z][A-Za-z0-9]{0,9}"
_WORD_ITEM = r"[ \t]*(?:\d{1,2}[.):]?[ \t]*)?[^\W\d_]{1,12}[ \t]*"
_WORD_ITEMS_RE = re.compile(  # 11 more after the first: 12+ in a row
    rf"</(?P<tag>{_TAG_NAME})>(?:\s*<(?P=tag)\b[^<>]{{0,60}}>{_WORD_ITEM}</(?P=tag)>){{11,}}"
)
ITEM_REACH = 80  # characters before the first closing tag searched for its opening tag
# \n, \r\n, \t.. before a word (or a list's bullet or number, then the word: a Markdown list
# in a JSON string, "with:\n- abandon\n- ability"): breaks; escaped again in a JSON string
# inside a JSON string ("\\n": a tool call's arguments). One escape, then any more: the same
# pattern as "(?:\\+[nrt])+", with a literal backslash first, which re skips to at C speed
_MARKER = r"[ \t]*(?:(?:[-*+\u2022]|\d{1,2}[.):])[ \t]*)?"
# (a run of backslashes is taken whole, from its first: a long run with no n / r / t after it
# would otherwise be tried from each of its characters, each backtracking through the rest)
_ESCAPED_GAP_RE = re.compile(rf"(?<!\\)(?:\\++[nrt])++(?={_MARKER}[^\W\d_])")
_MARKED_WORD_RE = re.compile(rf"{_MARKER}([^\W\d_]+)")
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>]{0,200})?/?>")
# bare tags (no attributes) that lay out text: no word of it, wherever they stand
_LAYOUT_TAGS = ("div", "p", "br", "span", "li", "td", "th", "tr", "b", "i", "u", "em", "strong",
    "code", "pre", "font", "small", "mark", "tt", "ol", "ul", "dd", "dt", "h1", "h2", "h3", "h4",
    "h5", "h6", "blockquote", "section", "article")  # fmt: skip
_BARE_TAG_RE = re.compile(r"</?(?:" + "|".join(_LAYOUT_TAGS) + r")(?: ?/)?>")
ESCAPED_REACH = 24 * 12  # characters each side of an escaped break read again (24 words)
MAX_ESCAPES = 4096  # escaped breaks looked at per text (bounds the work on escaped code)
# the list word that ends right before an escaped break (separators allowed: "zoo,\\n")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t.,;\"']{0,3}$")
# or a label's colon ("backup for the wallet (do not forward):\\napple ..", a message's text in
# a tool call's JSON): a word of 2+ letters, maybe a closing bracket, then ":" ("C:\\north"'s
# drive letter is one letter)
_LABEL_BEFORE_RE = re.compile(r"[^\W\d_]{2,}[)\]]?[ \t]*:[ \t]*$")
_WORD_RE = re.compile(r"[^\W\d_]+")


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _tags_blanked(text: str, s: int, e: int) -> str:
    return text[:s] + _TAG_RE.sub(_blank, text[s:e]) + text[e:]


def untagged(text: str) -> str:
    """Lists and tables of short HTML items (``<li>abandon</li><li>ability</li>..``, a
    ``<td>`` per word) with their tags blanked to spaces (offsets kept), and every bare tag
    of a note or a page (``<div>``, ``</p>``, ``<br/>``: an Apple Notes export's phrase over two
    ``<div>`` lines); the rest as it is."""
    if "<" not in text:
        return text
    for m in _ITEM_LIST_RE.finditer(text):
        text = _tags_blanked(text, *m.span())
    for m in _WORD_ITEMS_RE.finditer(text):
        opening = text.rfind("<" + m.group("tag"), max(0, m.start() - ITEM_REACH), m.start())
        text = _tags_blanked(text, opening if opening >= 0 else m.start(), m.end())
    for tag in set(_BARE_TAG_RE.findall(text)):  # the kinds a text holds are few
        text = text.replace(tag, " " * len(tag))
    return text


def _as_break(m: re.Match[str]) -> str:
    """An escaped line break read as one (a phrase's line ends there: ``"..line):\\nwasp``"),
    a tab as spaces; the same length."""
    gap = m.group()
    return ("\n" + " " * (len(gap) - 1)) if "n" in gap or "r" in gap else " " * len(gap)


def _unescaped(text: str, word: re.Match[str]) -> str:
    """The list word before an escaped break, less the letter of an escape before it: one word
    a line after a first line ("backup:\\nabandon\\nability": "abandon", not "nabandon")."""
    at = word.start(1)
    if at and text[at - 1] == "\\" and word.group(1)[0] in "nrt":
        return word.group(1)[1:]
    return word.group(1)


def escapes_as_breaks(text: str, known: Set[str]) -> str | None:
    """The text with its escaped line breaks (``\\n``, ``\\t`` before a word) read as breaks,
    a second reading ("\\north" may be a backslash and "north"): only around a break between
    two list words (``known``: "..zoo\\nabandon..", a phrase over two lines of a note or one
    word a line) or after a label's colon before a list word, ``ESCAPED_REACH`` characters
    each side; the rest blanked, not read again.
    None where there is no such place."""
    places: list[tuple[int, int]] = []
    for n, m in enumerate(_ESCAPED_GAP_RE.finditer(text)):
        if n == MAX_ESCAPES:
            break
        after = _MARKED_WORD_RE.match(text, m.end())
        if after is None or after.group(1).lower() not in known:
            continue
        before = _WORD_BEFORE_RE.search(text, max(0, m.start() - 16), m.start())
        if (before is None or _unescaped(text, before).lower() not in known) and (
            _LABEL_BEFORE_RE.search(text, max(0, m.start() - 16), m.start()) is None
        ):
            continue
        lo, hi = max(0, m.start() - ESCAPED_REACH), min(len(text), m.end() + ESCAPED_REACH)
        if places and lo <= places[-1][1]:
            places[-1] = (places[-1][0], hi)
        else:
            places.append((lo, hi))
    if not places:
        return None
    pieces, done = [], 0
    for lo, hi in places:
        pieces += [" " * (lo - done), _ESCAPED_GAP_RE.sub(_as_break, text[lo:hi])]
        done = hi
    return "".join([*pieces, " " * (len(text) - done)])


# a note between two flagged runs of list words (a 24-word phrase's halves with "continued",
# "(next page)" or "...and" between): blanked, the halves read as one run
INTERJECTION = 48  # characters between the two runs
_LETTERS_RE = re.compile(r"[^\W\d_]+")
# a line's number in Chinese numerals ("一、", "十二.", "第三：", "（四）"): blanked, the words
# read in their lines' order (the numerals are list words of the Chinese lists themselves)
_CJK_NUMBERING_RE = re.compile(
    r"(?m)^[ \t]*[（(]?第?[一二三四五六七八九十]{1,3}[、.．:：)）][ \t]*"
)


def interjected(text: str, likes: list[tuple[int, int]]) -> Iterator[tuple[str, tuple[int, int]]]:
    """(the text with the note between two checksum-failing runs blanked, the span of both
    runs) for each pair of runs (``likes``, in order) close enough: "<12 words>\\n  *
    continued\\n<12 words>". The caller keeps only a phrase of both runs whole (a 12-word
    window of one list passes the checksum by chance 1 time in 16)."""
    for a, b in itertools.pairwise(likes):
        if b[0] - a[1] <= INTERJECTION and text.count("\n", a[1], b[0]) <= 2:
            blanked = _LETTERS_RE.sub(_blank, text[a[1] : b[0]])
            yield text[: a[1]] + blanked + text[b[0] :], (a[0], b[1])


def cjk_numbering_blanked(text: str) -> str:
    """The text with its lines' numbers in Chinese numerals blanked (offsets kept)."""
    return _CJK_NUMBERING_RE.sub(_blank, text)


# a phrase dictated with its words' places said aloud ("word one is abandon, word two is
# ability, three is able, four about, .. and the last one is zoo"): the places and the filler
# words blanked, the words read one after another. English numbers are list words themselves
# ("one", "two", "seven"), so a text is read so only with MIN_PLACES of them said beside the
# word "word"
_PLACES = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|"
    "eighth|ninth|tenth|eleventh|twelfth"
)
_FILLERS = "word|words|is|then|next|and|the|last|comes|followed|by|finally|after|so|number|no"
_PLACE_RE = re.compile(rf"(?i)(?<![\w-])(?:{_PLACES})(?![\w-])")
_DICTATION_RE = re.compile(rf"(?i)(?<![\w-])(?:{_PLACES}|{_FILLERS})(?![\w-])")
MIN_PLACES = 4
MAX_DICTATIONS = 16  # places read per text
DICTATION_REACH = 600  # characters after "word one" read as the dictation (24 words said)
# "word one" / "first word" in any case but the first letter's: four C-speed finds
_STARTS = ("ord one", "irst word", "ORD ONE", "IRST WORD")  # each one letter in


def dictation_blanked(text: str) -> str | None:
    """The text within ``DICTATION_REACH`` after each "word one" (or "first word"), with the
    places and filler words of a dictated phrase blanked (offsets kept; the rest blanked, not
    read again), or None where no place is said so, or fewer than ``MIN_PLACES`` near it."""
    places: list[tuple[int, int]] = []
    for start in _STARTS:  # no lower() of the whole text
        at = text.find(start)
        while at >= 1 and len(places) < MAX_DICTATIONS:
            places.append((at - 1, min(len(text), at + DICTATION_REACH)))
            at = text.find(start, at + len(start))
    out, end = [], 0
    for lo, hi in sorted(places):
        said = {m.group().lower() for m in _PLACE_RE.finditer(text, lo, hi)}
        if len(said) < MIN_PLACES or lo < end:
            continue
        out += [" " * (lo - end), _DICTATION_RE.sub(_blank, text[lo:hi])]
        end = hi
    return "".join([*out, " " * (len(text) - end)]) if out else None
