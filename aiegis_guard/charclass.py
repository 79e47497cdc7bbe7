"""Fast candidate finding: runs of one character class, found at C speed.

Python's ``re`` spends ~40 ns per position on a pattern that starts with a character class,
which alone would eat the latency budget of a 1 KB check. Translating the text once into a
byte "class view" (``b`` for a member character, ``.`` otherwise) lets ``bytes.find`` and a
literal-prefixed regex skip everything else. Positions are preserved: every non-ASCII
character becomes exactly one byte.

    for start, end in runs(text, HEX, 40): ...   # every run of >= 40 hex digits
"""

from __future__ import annotations

import string
from collections.abc import Iterator

from aiegis_guard.textcache import DigestLRU

__all__ = [
    "BASE58",
    "BASE64",
    "DIGIT",
    "HEX",
    "LETTER",
    "MARKS",
    "WORD",
    "CharClass",
    "has_run",
    "run_windows",
    "runs",
    "view",
]


class CharClass:
    """A set of ASCII characters with its 256-byte translation table."""

    __slots__ = ("chars", "name", "table")

    def __init__(self, name: str, chars: str) -> None:
        self.name = name
        self.chars = frozenset(chars)
        table = bytearray(b"." * 256)
        for c in chars:
            table[ord(c)] = ord("b")
        self.table = bytes(table)


HEX = CharClass("hex", string.hexdigits)
DIGIT = CharClass("digit", string.digits)
BASE58 = CharClass("base58", "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz")
BASE64 = CharClass("base64", string.ascii_letters + string.digits + "+/-_")
WORD = CharClass("word", string.ascii_letters + string.digits + "_")


# Combining marks of the scripts that write vowels and tones as marks (Indic vowel signs, Arabic
# and Hebrew points, Thai / Lao / Tibetan / Myanmar / Khmer signs, combining diacritics, kana
# voicing): Unicode categories Mn / Mc / Me in those blocks (generated with ``unicodedata``).
# ``[^\W\d_]`` alone stops at them and cuts "पढ़ रहा" into pieces of one or two letters.
MARKS = (
    r"\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1-\u05c2\u05c4-\u05c5\u05c7"
    r"\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7-\u06e8"
    r"\u06ea-\u06ed\u0900-\u0903\u093a-\u093c\u093e-\u094f\u0951-\u0957\u0962-\u0963"
    r"\u0981-\u0983\u09bc\u09be-\u09c4\u09c7-\u09c8\u09cb-\u09cd\u09d7\u09e2-\u09e3"
    r"\u09fe\u0a01-\u0a03\u0a3c\u0a3e-\u0a42\u0a47-\u0a48\u0a4b-\u0a4d\u0a51"
    r"\u0a70-\u0a71\u0a75\u0a81-\u0a83\u0abc\u0abe-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd"
    r"\u0ae2-\u0ae3\u0afa-\u0aff\u0b01-\u0b03\u0b3c\u0b3e-\u0b44\u0b47-\u0b48"
    r"\u0b4b-\u0b4d\u0b55-\u0b57\u0b62-\u0b63\u0b82\u0bbe-\u0bc2\u0bc6-\u0bc8"
    r"\u0bca-\u0bcd\u0bd7\u0c00-\u0c04\u0c3c\u0c3e-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d"
    r"\u0c55-\u0c56\u0c62-\u0c63\u0c81-\u0c83\u0cbc\u0cbe-\u0cc4\u0cc6-\u0cc8"
    r"\u0cca-\u0ccd\u0cd5-\u0cd6\u0ce2-\u0ce3\u0d00-\u0d03\u0d3b-\u0d3c\u0d3e-\u0d44"
    r"\u0d46-\u0d48\u0d4a-\u0d4d\u0d57\u0d62-\u0d63\u0d81-\u0d83\u0dca\u0dcf-\u0dd4"
    r"\u0dd6\u0dd8-\u0ddf\u0df2-\u0df3\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u0eb1"
    r"\u0eb4-\u0ebc\u0ec8-\u0ecd\u0f18-\u0f19\u0f35\u0f37\u0f39\u0f3e-\u0f3f"
    r"\u0f71-\u0f84\u0f86-\u0f87\u0f8d-\u0f97\u0f99-\u0fbc\u0fc6\u102b-\u103e"
    r"\u1056-\u1059\u105e-\u1060\u1062-\u1064\u1067-\u106d\u1071-\u1074\u1082-\u108d"
    r"\u108f\u109a-\u109d\u17b4-\u17d3\u17dd\u3099-\u309a"
)
LETTER = rf"(?:[^\W\d_]|[{MARKS}])"  # a letter, or a mark joined to one


CACHE_MAX_CHARS = 64 * 1024
"""Views of texts up to this size are shared across scanners; longer ones (the Guard's
256 KB chunks) are built per call so no cache keeps megabytes alive after a check."""

CACHE_MIN_CHARS = 2048
"""Views of shorter texts are built per call: translating them (~0.4 us for 80 characters,
~2 us for 2 KB) costs less than a cache look-up (~2 us: key, lock, LRU move)."""

# (str hash, length, class) -> class view. A view holds only ``b`` / ``.``, never the text,
# and the key is Python's per-process keyed hash (cached on the str, so O(1) per call; a
# digest of a 64 KB text would cost more than the view): no secret outlives its verdict.
_views: DigestLRU[bytes] = DigestLRU(maxsize=32)


def view(text: str, cls: CharClass) -> bytes:
    """``text`` as bytes with ``b`` where the character is in ``cls`` and ``.`` elsewhere."""
    if not CACHE_MIN_CHARS <= len(text) <= CACHE_MAX_CHARS:
        return text.encode("ascii", "replace").translate(cls.table)
    key = (hash(text), len(text), cls.name)
    found = _views.get(key)
    if found is None:
        found = text.encode("ascii", "replace").translate(cls.table)
        _views.put(key, found)
    return found


def has_run(text: str, cls: CharClass, n: int) -> bool:
    """Is there a run of at least ``n`` characters of ``cls``?"""
    return view(text, cls).find(b"b" * n) >= 0


def runs(
    text: str, cls: CharClass, n: int, max_len: int | None = None
) -> Iterator[tuple[int, int]]:
    """Spans of every maximal run of ``cls`` characters with ``n <= length (<= max_len)``."""
    v = view(text, cls)
    needle = b"b" * max(n, 1)
    # bytes.find skips at C speed; the first n-run found starts a maximal run, which ends at
    # the next non-member byte.
    start = v.find(needle)
    while start >= 0:
        end = v.find(b".", start + len(needle))
        if end < 0:
            end = len(v)
        if max_len is None or end - start <= max_len:
            yield start, end
        start = v.find(needle, end)


def run_windows(text: str, cls: CharClass, n: int) -> list[tuple[int, int]]:
    """Where to read a pattern whose matches hold only characters of ``cls`` and span ``n``
    or more (a class that also holds ``?`` stands for every non-ASCII character too): each
    maximal run of ``n`` or more with the character after it (what a look-ahead at the end
    of a match reads; a look-behind reads before the window as in the whole text)."""
    return [(start, min(len(text), end + 1)) for start, end in runs(text, cls, n)]
