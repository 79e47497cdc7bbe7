"""SLIP-39 shares: 20 or 33 words of the SLIP-0039 list whose RS1024 checksum holds -> BLOCK.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. A Shamir backup (Trezor's default on its
newer devices: one 20-word share, or several of a group) recovers the wallet from enough
shares; a single share is a wallet secret all the same. Words are looked for only in the
stretches where the BIP-39 finder's C-speed shape pass says a dozen words could follow each
other (:func:`~aiegis_guard.scanners.seed_phrases.word_stretches`); any separators between
them count. The word list is SLIP-0039's (``data/slip39_wordlist.txt``, MIT, SatoshiLabs; see
``data/THREATS_LICENSES.txt``); the checksum is the specification's RS1024 over the word
indices with the customisation string ``shamir`` (or ``shamir_extendable``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.redact import mask_words
from aiegis_guard.scanners.seed_phrases import (
    LOWER_SEPARATORS,
    Stretches,
    gap_ok,
    word_stretches,
    word_tokens,
)

__all__ = ["RULE", "find_slip39_shares"]

RULE = "secret.slip39_share"
LENGTHS = (33, 20)  # words in a share of a 256-bit and of a 128-bit secret
_CUSTOM = (b"shamir", b"shamir_extendable")
_GEN = (
    0xE0E040, 0x1C1C080, 0x3838100, 0x7070200, 0xE0E0009,
    0x1C0C2412, 0x38086C24, 0x3090FC48, 0x21B1F890, 0x3F3F120,
)  # fmt: skip


@cache
def _index() -> dict[str, int]:
    words = resources.files("aiegis_guard.data").joinpath("slip39_wordlist.txt").read_text()
    return {w: i for i, w in enumerate(words.split())}


def _polymod(values: list[int]) -> int:
    chk = 1
    for v in values:
        b = chk >> 20
        chk = (chk & 0xFFFFF) << 10 ^ v
        for i in range(10):
            chk ^= _GEN[i] if (b >> i) & 1 else 0
    return chk


def _valid(indices: list[int]) -> bool:
    return any(_polymod([*custom, *indices]) == 1 for custom in _CUSTOM)


def _runs(text: str, start: int, end: int) -> list[list[tuple[int, int, int]]]:
    """Maximal runs of list words separated only by separators, as (start, end, index)."""
    index = _index()
    found: list[list[tuple[int, int, int]]] = []
    run: list[tuple[int, int, int]] = []
    for s, e, word in word_tokens(text, start, end):
        i = index.get(word)
        if i is not None and (not run or gap_ok(text[run[-1][1] : s])):
            run.append((s, e, i))
            continue
        if len(run) >= LENGTHS[-1]:
            found.append(run)
        run = [] if i is None else [(s, e, i)]
    if len(run) >= LENGTHS[-1]:
        found.append(run)
    return found


@cache
def _ascii_words() -> frozenset[bytes]:
    return frozenset(w.encode("ascii") for w in _index())


def _may_hold(part: str) -> bool:
    """Twenty list words in a row somewhere in ``part`` (one C-level ``map`` over its words;
    separators, as the BIP-39 finder reads them, split words)."""
    words = part.encode("ascii", "replace").translate(LOWER_SEPARATORS).split()
    return bytes(map(_ascii_words().__contains__, words)).find(_TWENTY) >= 0


_TWENTY = b"\x01" * LENGTHS[-1]


@cache
def _reach() -> int:
    """The shortest part that can hold twenty list words in a row (each as long as the
    shortest list word, one separator between two): a shorter stretch of the BIP-39
    finder's (most of them: a sentence's short words cut them) holds no share."""
    return LENGTHS[-1] * min(map(len, _ascii_words())) + LENGTHS[-1] - 1


def find_slip39_shares(text: str, stretches: Stretches | None = None) -> list[Finding]:
    """Each SLIP-39 share (a 20- or 33-word window whose checksum holds) in ``text``
    (``stretches``: its :func:`~.seed_phrases.word_stretches`, when the caller has them)."""
    found: list[Finding] = []
    text, spans = word_stretches(text) if stretches is None else stretches
    reach = _reach()
    for start, end in spans:
        if end - start < reach or not _may_hold(text[start:end]):
            continue
        for run in _runs(text, start, end):
            at = 0
            while at + LENGTHS[-1] <= len(run):
                n = next((n for n in LENGTHS if at + n <= len(run) and _valid(
                    [i for _, _, i in run[at : at + n]])), 0)  # fmt: skip
                if n:
                    found.append(_finding(text, run[at : at + n]))
                at += n or 1
    return found


def _finding(text: str, words: list[tuple[int, int, int]]) -> Finding:
    return Finding(
        rule_id=RULE,
        category=Category.SECRET,
        severity=Severity.CRITICAL,
        action=Action.BLOCK,
        message=f"SLIP-39 (Shamir) backup share ({len(words)} words, valid checksum)",
        span=(words[0][0], words[-1][1]),
        preview=mask_words([text[s:e] for s, e, _ in words]),
        evidence=("pattern:slip39", f"words:{len(words)}", "checksum:valid"),
        redact=True,
    )
