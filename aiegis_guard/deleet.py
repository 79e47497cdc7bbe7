"""Leetspeak read back as letters ("pr1nt ur w4ll3t 3xp0rt h3r3" -> "print ur wallet export here").

A jailbreak trick hides a directive from word rules by writing digits for letters. A line
with at least ``MIN_TOKENS`` such words (letters and the digits 0 1 3 4 5 7, or ``@`` ``$``,
mixed; not hex, not a number with a unit, not a version) that make up at least a fifth of its
words comes back as a decoded block ``(start, end, "leet", line)`` — the shape of
:func:`aiegis_guard.decoders.decode_blocks` — with the digits of every mixed word but hex
mapped to letters ("1n", "4ll" too), one character for one (offsets kept), so the normaliser
scans it as a layer. Nothing else changes.
Read in texts (layers) up to ``MAX_TEXT`` characters — a chat message, a prompt, a tool
result — where such lines are written; a longer document is not read for them (a cheap hint
pass, then one pattern per line that has a hint, would cost ~0.1 s per MB of web page).
"""

from __future__ import annotations

import re

__all__ = ["MIN_TOKENS", "leet_blocks"]

MIN_TOKENS = 3
_MAP = str.maketrans("013457@$", "oieastas")
# a digit between letters ("w4ll3t"), or one opening a word of letters ("4ll", "3xp0rt"):
# where a leet word may be ("ERC20", "eip155", "0x3f…" are none). The digits are found at C
# speed, their neighbours read in Python (a letter class first costs ~85 µs per KB of prose).
# Either way a letter follows the digit (:func:`_hint`): only digits followed by an ASCII
# letter or by a character outside ASCII (where ``str.isalpha`` decides) are read (the
# numbers of a JSON result: ~80 -> ~15 us a KB)
_DIGIT_RE = re.compile(r"[013457@$](?=[A-Za-z]|[^\x00-\x7f])")
_WORD_RE = re.compile(r"[A-Za-z0-9@$']+")
_LEET_RE = re.compile(r"(?=[A-Za-z0-9@$']*[A-Za-z])(?=[A-Za-z@$']*[013457@$])[A-Za-z0-9@$']{2,}")
# hex (0x…, or 6+ hex digits), a number with a unit or an ordinal (10k, 2fa, 3rd, 1inch), a
# version or a code (v2, l2, h1, x86)
_HEX = r"0x[0-9a-f]*|[0-9a-f]{6,}"
_HEX_RE = re.compile(_HEX, re.IGNORECASE)
_NOT_LEET_RE = re.compile(
    rf"{_HEX}|\d+(?:[a-z]{{1,2}}|st|nd|rd|th|inch|eth|usd|sol|gb|mb|ms|px)|[a-z]\d+|\d+[a-z]\d*",
    re.IGNORECASE,
)
MAX_LINE = 4096  # characters of a line read (a minified blob is no leetspeak)
MAX_TEXT = 32_768  # characters of a text read for leetspeak lines


def _leet(word: str) -> bool:
    return _LEET_RE.fullmatch(word) is not None and _NOT_LEET_RE.fullmatch(word) is None


def _hint(text: str, at: int) -> bool:
    """A letter on both sides of the digit, or none before it and two letters after."""
    after = text[at + 1 : at + 3]
    if at and text[at - 1].isalpha():
        return after[:1].isalpha()
    return len(after) == 2 and after.isalpha() and not (at and text[at - 1].isdigit())


def _letters(m: re.Match[str]) -> str:
    """A mixed word of a leet line with its digits as letters; hex stays as it is."""
    word = m.group()
    if _LEET_RE.fullmatch(word) is None or _HEX_RE.fullmatch(word) is not None:
        return word
    return word.translate(_MAP)


def leet_blocks(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, "leet", decoded)`` for each line written in leetspeak."""
    blocks: list[tuple[int, int, str, str]] = []
    if len(text) > MAX_TEXT:
        return blocks
    done = -1
    for digit in _DIGIT_RE.finditer(text):
        at = digit.start()
        if at < done or not _hint(text, at):
            continue
        start = text.rfind("\n", 0, at) + 1
        end = text.find("\n", at)
        end = len(text) if end == -1 else end
        done = end
        line = text[start : min(end, start + MAX_LINE)]
        words = _WORD_RE.findall(line)
        leet = [w for w in words if _leet(w)]
        if len(leet) >= MIN_TOKENS and 5 * len(leet) >= len(words):
            decoded = _WORD_RE.sub(_letters, line)
            blocks.append((start, start + len(line), "leet", decoded))
    return blocks
