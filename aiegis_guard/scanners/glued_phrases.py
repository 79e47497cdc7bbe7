"""Seed phrases written without separators in the BIP-39 lists of CJK scripts.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. Chinese, Japanese and Korean are written
without spaces, so a phrase of those lists is often pasted glued ("助記詞：…" followed by twelve
characters): each Chinese word (simplified and traditional lists) is one character; a Japanese
word is 3-7 kana and a Korean one 2-4 Hangul syllables, so a run of them is cut into list words
every way it can be (a bounded number of ways). Lists from python-mnemonic's ``wordlist/``
(bitcoin/bips ``bip-0039/*.txt``), via :func:`aiegis_guard.checksums.bip39_index`.

Prose of these scripts is made of the same characters (the Chinese lists are the 2048 most
common ones), so a glued run counts only as a whole phrase: 12-24 words with a valid checksum,
nothing glued to it but its label, introduced as a pasted value is (a colon, a quote, a line
break, or a phrase label glued to it: ``_introduced``), and a seed / backup / wallet word in
reach (``LABEL_RE``: 助记词, ニーモニック, 니모닉, seed...). Spaced phrases are
:mod:`~aiegis_guard.scanners.seed_phrases`'s.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from aiegis_guard.checksums import BIP39_WORD_COUNTS, bip39_index
from aiegis_guard.findings import Finding
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.seed_numbered import phrase_finding

__all__ = ["find_glued_phrases"]

LANGUAGES = ("chinese_simplified", "chinese_traditional", "japanese", "korean")
LABEL_GLUE = 8  # a label glued to the phrase ("助记词是…") ends in the run's first characters
LABEL_BEFORE = 80  # characters before the run searched for a label
LABEL_AFTER = 40
MAX_CUTS = 256  # ways of cutting one Japanese / Korean run into words that are checked
MAX_RUN = 24 * 7  # characters of one run read (the longest phrase of the longest words)
LABEL_RE = LazyPattern(
    r"(?i)助[记記]|[记記]忆[词詞]|[記记]憶[詞词]|[种種]子|密[语語]|恢[复復]|[备備]份|[钱錢]包|私[钥鑰]|"
    r"[单單][词詞]|ニーモニック|シード|復元|バックアップ|ウォレット|秘密|니모닉|시드|복구|백업|지갑|"
    r"mnemonic|seed|phrase|recovery|backup|wallet|bip-?39"
)


_CJK = "[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"  # kana, CJK ideographs, Hangul
_CJK_RE = re.compile(_CJK)
_CJK_RUN_RE = re.compile(_CJK + "+")
MIN_WORDS = 12


@cache
def _lists() -> dict[str, dict[str, int]]:
    return {language: bip39_index(language) for language in LANGUAGES}


@cache
def _run_re() -> re.Pattern[str]:
    """12+ consecutive characters of the CJK lists' words (compiled on first use)."""
    chars = sorted({c for index in _lists().values() for word in index for c in word})
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]{12,}")


@cache
def _word_lengths(language: str) -> tuple[int, ...]:
    return tuple(sorted({len(w) for w in _lists()[language]}))


def _cuts(run: str, language: str) -> Iterator[list[tuple[int, int]]]:
    """Ways of cutting ``run`` into 12-24 words of the list (spans in ``run``), at most
    ``MAX_CUTS``; positions from which the end cannot be reached are not walked."""
    words, lengths, n = _lists()[language], _word_lengths(language), len(run)
    ends = [False] * n + [True]  # ends[i]: run[i:] cuts into list words
    for i in range(n - 1, -1, -1):
        ends[i] = any(i + k <= n and ends[i + k] and run[i : i + k] in words for k in lengths)
    budget = [MAX_CUTS]

    def walk(i: int, cut: list[tuple[int, int]]) -> Iterator[list[tuple[int, int]]]:
        if budget[0] <= 0:
            return
        if i == n or len(cut) > max(BIP39_WORD_COUNTS):  # a leaf: counted against the budget
            budget[0] -= 1
            if i == n and len(cut) in BIP39_WORD_COUNTS:
                yield cut
            return
        for k in lengths:
            if i + k <= n and ends[i + k] and run[i : i + k] in words:
                yield from walk(i + k, [*cut, (i, i + k)])

    if ends[0]:
        yield from walk(0, [])


def _starts(text: str, start: int) -> list[int]:
    """Where the phrase may start in the run at ``start``: the run's start, or after a label
    glued to it (and after one character more, such as 是 / は / 는)."""
    leads = [0]
    for label in LABEL_RE.finditer(text, max(0, start - LABEL_GLUE), start + LABEL_GLUE):
        if label.end() > start:  # the label's end (or all of it) is part of the run
            leads += [label.end() - start, label.end() - start + 1]
    return leads


# what introduces a pasted phrase: a colon, an equals sign, a quote or a line break before it
# (spaces between), or a label naming a phrase glued to it ("助记词…"); a clause of prose after
# "。" / "，" or after a word such as 钱包 is made of the same characters and passes the
# checksum one time in 16 (12 words) to 256 (24)
_INTRODUCED_RE = re.compile(r"(?:[:：=\n\"'「『“]|^)[ \t]*$")
_PHRASE_LABEL = (  # a label that names a seed phrase
    r"助[记記][词詞]|[记記]忆[词詞]|[記记]憶[詞词]|ニーモニック|シード|니모닉|시드|"
    r"mnemonic|seed ?phrase"
)
# glued before the run ("种子…", "助记词…"), or on its line after it ("，这是我的助记词")
_PHRASE_LABEL_RE = re.compile(rf"(?i)(?:{_PHRASE_LABEL}|[种種]子[词詞]?)$")
_PHRASE_LABEL_IN_RE = re.compile(rf"(?i){_PHRASE_LABEL}|[种種]子[词詞]|recovery ?phrase")
_VALUE_MARKS = ":：=\"'「『“"  # what introduces a value (a colon, an equals sign, a quote)


COMMON = 64  # the Chinese lists are ordered by frequency: 的 一 是 在 不 了 有 和 人 这…


def _prose_like(part: str, words: dict[str, int]) -> bool:
    """A clause of Chinese prose, not twelve characters drawn at random from the list: prose
    is full of the most common characters (about 40 % of it), a drawn phrase holds about one
    in thirty — three in a 12-15 word run (four in a longer one) happens to ~0.6 % of
    phrases and nearly every clause."""
    common = sum(1 for c in part if words[c] < COMMON)
    return common >= (3 if len(part) <= 15 else 4)


def _introduced(text: str, at: int, end: int) -> bool:
    """Is the run ``text[at:end]`` introduced as a pasted value: after a colon, an equals sign
    or a quote, or a phrase label glued to it ("助记词…"); or at a line start (or the text's),
    unless a clause of prose goes on from it — a list character's run glued to a clause mark
    ("，" "、" "；") and more of the script: a line of prose opens with a clause of the same
    characters ("攻击者搭建仿冒的空投或铸造页面，诱导用户连接钱包后签名。" passes the checksum of
    15 words one time in 32). A note set off after a pasted phrase (a space, a bracket, an
    arrow, "#wallet1", a date) is no clause of it; a phrase label glued on ("，这是我的助记词")
    keeps it a phrase. Reads at most ``LABEL_AFTER`` characters after the run."""
    before = text[max(0, at - 24) : at]
    if _PHRASE_LABEL_RE.search(before):
        return True
    intro = _INTRODUCED_RE.search(before)
    if intro is None:
        return False
    mark = intro.group()[:1]
    if mark and mark in _VALUE_MARKS:
        return True  # a value's mark; else a line's start (or the window's)
    after = text[end : end + LABEL_AFTER]
    if _CLAUSE_GOES_ON_RE.match(after) is None:
        return True
    return _PHRASE_LABEL_IN_RE.search(after) is not None


# a clause mark glued to the run, then more of a CJK script: the sentence goes on
_CLAUSE_GOES_ON_RE = re.compile(r"[，、；,;][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def _phrase(text: str, start: int, run: str) -> Finding | None:
    for lead in _starts(text, start):
        if not _introduced(text, start + lead, start + len(run)):
            continue
        part = run[lead:]
        for language in LANGUAGES:
            words = _lists()[language]
            if language.startswith("chinese"):  # one character a word
                if len(part) not in BIP39_WORD_COUNTS or not all(c in words for c in part):
                    continue
                if _prose_like(part, words):
                    continue
                cuts: Iterator[list[tuple[int, int]]] = iter(
                    [[(i, i + 1) for i in range(len(part))]]
                )
            else:
                cuts = _cuts(part, language)
            for cut in cuts:
                tokens = [(start + lead + s, start + lead + e, part[s:e]) for s, e in cut]
                hit = phrase_finding(text, tokens)
                if hit is not None:
                    return hit
    return None


def _cjk_runs(text: str) -> Iterator[tuple[int, int]]:
    """Spans of 12+ kana / CJK / Hangul characters in a row: a C-speed search for the next
    such character, then the run from it (no regex repeat tried at every position)."""
    at = _CJK_RE.search(text)
    while at is not None:
        run = _CJK_RUN_RE.match(text, at.start())
        end = run.end() if run is not None else at.end()
        if end - at.start() >= MIN_WORDS:
            yield at.start(), end
        at = _CJK_RE.search(text, end)


def find_glued_phrases(text: str) -> list[Finding]:
    """Seed phrases of the Chinese, Japanese and Korean lists written without separators."""
    if text.isascii():
        return []
    found: list[Finding] = []
    for lo, hi in _cjk_runs(text):
        for m in _run_re().finditer(text, lo, hi):
            if m.end() - m.start() > MAX_RUN:
                continue
            label_lo = max(0, m.start() - LABEL_BEFORE)
            near = LABEL_RE.search(text, label_lo, m.start() + LABEL_GLUE)
            if near is None and LABEL_RE.search(text, m.end(), m.end() + LABEL_AFTER) is None:
                continue
            hit = _phrase(text, m.start(), m.group())
            if hit is not None:
                found.append(hit)
    return found
