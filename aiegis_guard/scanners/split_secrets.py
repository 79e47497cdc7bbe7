"""Wallet secrets split in labelled parts whose pieces prove nothing alone.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. A red team splits a secret so that no piece
has the shape a scanner knows: "first half: <6 seed words> / second half: <6 seed words>",
"part 1/2: <44 base58 characters>" (half a Solana keypair), "chunk 1: xprv9s21.." / "chunk 2:
..". Hex parts of EVM keys are :mod:`~aiegis_guard.scanners.key_forms`' job.

Each part stands after a part label ("part 1/2:", "first half -", "words 1-6:", "chunk 3 =")
or, for seed words, before a label that annotates its line ("<6 words>  <- first half",
"<6 words> (part 2)", "<6 words> # second half"); consecutive labelled parts (each at most
``GAP`` characters after the previous one) are joined and the whole must pass the same
certain test as an unsplit secret: a BIP-39 checksum over 12-24 list words, a base58check
xprv / WIF, a Solana keypair whose public half re-derives. Nothing is judged on the labels
alone, so prose with "first part: open the app" costs a few look-ups and never blocks.

Speed: the text is lower-cased once and searched for the part words of many languages
(:mod:`~aiegis_guard.scanners.part_words`) at C speed; only
a label followed by ``:`` / ``=`` / ``-`` within ``LABEL_TAIL`` characters is read further.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiegis_guard.checksums import b58decode
from aiegis_guard.findings import Finding
from aiegis_guard.scanners.key_checks import base58_secret
from aiegis_guard.scanners.part_labels import sequence_stem
from aiegis_guard.scanners.part_words import part_word_starts
from aiegis_guard.scanners.secret_messages import message_speaker
from aiegis_guard.scanners.seed_numbered import phrase_finding
from aiegis_guard.scanners.seed_phrases import languages_of

__all__ = ["find_split_secrets"]

# a label's word: a part word of any language (:mod:`.part_words`), or "words" ("words 1-6:")
LABEL_TAIL = 24  # characters from the label word to its ":" / "=" / "-"
GAP = 160  # characters between the end of one part and the label of the next
# base58 parts may stand further apart (a part near the top, the next in an appendix): their
# join must still pass base58check or re-derive, which no two unrelated values do
FAR_GAP = 2400
MAX_HITS = 256  # labels read per text (bounds the work on pathological input)
MAX_PARTS = 4
MIN_SAID = 3  # seed words after a label in one chat message, to be a piece of a phrase
SAID_BETWEEN = 2  # messages of the same speaker between two pieces
ANNOTATED_LINE = 320  # characters before an annotating label searched for the part's words
_ALPHA = frozenset(b"abcdefghijklmnopqrstuvwxyz?")  # "?": a non-ASCII character
# the label's end: a colon, "=", a dash or an arrow; or a space after the part's count ("part
# 1/2 4bYk..", "chunk 2 of 3 xprv..": the count ends the label)
_SEP_RE = re.compile(
    r"[^\n:=]{0,24}?(?::|=|\s-\s|\s–\s|\s?(?:→|->|=>)\s?|(?<=\d/\d)[ \t]|(?<=\d of \d)[ \t])[ \t]*"
)
_EMPHASIS_RE = re.compile(r"(?:\*{1,2}|_{1,2})[ \t]+")
_B58_RE = re.compile(r"[1-9A-HJ-NP-Za-km-z]{12,111}(?![A-Za-z0-9])")
_WORDS_RE = re.compile(r"(?:[^\W\d_]{2,12}(?:[ \t,;|/.\-]{1,3}(?=[^\W\d_]))?){2,24}")
_WORD_RE = re.compile(r"[^\W\d_]+")
# a label's ":" / "=" (any language) before a value (a letter or a digit, maybe quoted): one
# pattern a separator (a literal first: the engine skips to it at C speed; a character class
# would be tried at every position); the label is read first, the value only after a label
# with a mark that counts (a base58 run or seed words: ``_B58_RE`` / ``_WORDS_RE``)
_COUNTED_SEP_RES = {  # ":" then a space or a quote (a clock's "10:41" is no label's)
    sep: re.compile(re.escape(sep) + tail + r"(?=[^\W_])")
    for sep, tail in (
        (":", r"(?:[ \t]+[\"'`]?|[\"'`])"),
        ("=", r"[ \t]*[\"'`]?"),
        ("：", r"[ \t]*"),
    )
}
LABEL_MAX = 40  # characters of a counted part's label
# what may count in a label: a digit, a letter standing alone, a Roman numeral
_MARK_RE = re.compile(
    r"\d|(?<![^\W\d_])[^\W\d_](?![^\W\d_])|(?<![A-Za-z])[ivxIVX]{1,4}(?![A-Za-z])"
)
# a chat message's last words after a label's colon, three or more ("..: les 6 premiers mots :
# astuce mauve friable"): two of them, or no phrase's pieces end messages
_SAID_RES = {
    sep: re.compile(sep + r"[ \t]*+(?P<v>[^\W\d_][^\n:：]{6,240}+)$", re.M) for sep in (":", "：")
}
_SAID_GAPS = str.maketrans(",;", "  ")
# what may stand between a line's words and the part label annotating them: a marker ("<-",
# "(", "#", "//", "--", "—") and ordinals / numbers ("first", "2nd", "1/2", "ii")
_ANNOTATION_RE = re.compile(
    r"[ \t]*(?:<-+|<=|\u2190|\(|\[|#|//|--|\u2014|\u2013|-)[ \t]*"
    r"(?:(?:first|second|third|fourth|last|other|one|two|[ivx]{1,3}|\d{1,2}(?:st|nd|rd|th)?)"
    r"[ \t]*)*$",
    re.IGNORECASE,
)


def _values(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, kind) of the value after each part label (kind: ``b58`` / ``words``)."""
    lowered = text.encode("ascii", "replace").lower()  # one byte a character: offsets kept
    hits = part_word_starts(text, lowered)
    hits.update(i for i in _finds(lowered, b"words") if i == 0 or lowered[i - 1] not in _ALPHA)
    for i in sorted(hits)[:MAX_HITS]:
        sep = _SEP_RE.match(text, i, min(len(text), i + LABEL_TAIL + 4))
        if sep is None:
            before = _annotated(text, i)
            if before is not None:
                yield before
            continue
        at = sep.end()
        emphasis = _EMPHASIS_RE.match(text, at)  # "**Part 1:** <words>": Markdown's bold closed
        at = emphasis.end() if emphasis is not None else at
        at += text.startswith(('"', "'", "`"), at)  # a quoted value ("seed_part_1": "..")
        m = _B58_RE.match(text, at)
        if m is not None and any(c.isdigit() for c in m.group()):
            yield at, m.end(), "b58"
            continue
        m = _WORDS_RE.match(text, at)
        if m is not None:
            yield at, m.end(), "words"


def _annotated(text: str, label: int) -> tuple[int, int, str] | None:
    """The words on the label's line before it, when the label annotates them."""
    line = max(text.rfind("\n", 0, label) + 1, label - ANNOTATED_LINE)
    marker = _ANNOTATION_RE.search(text, line, label)
    if marker is None:
        return None
    end = marker.start()
    start = end
    count = 0
    for token in reversed(text[line:end].replace(",", " ").split()):
        if not (2 <= len(token) <= 12 and token.isalpha()) or count == 24:
            break
        start = text.rindex(token, line, start)
        count += 1
    return (start, end, "words") if count >= 3 else None


def _finds(lowered: bytes, word: bytes) -> Iterator[int]:
    i = lowered.find(word)
    while i >= 0:
        yield i
        i = lowered.find(word, i + len(word))


def _chains(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Consecutive labelled values of one kind, each close to the one before."""
    chain: list[tuple[int, int, str]] = []
    for value in _values(text):
        gap = FAR_GAP if value[2] == "b58" else GAP
        if chain and (value[2] != chain[-1][2] or value[0] - chain[-1][1] > gap):
            if len(chain) > 1:
                yield chain
            chain = []
        if chain and value[0] < chain[-1][1]:
            continue
        chain.append(value)
    if len(chain) > 1:
        yield chain


def _base58(text: str, chain: list[tuple[int, int, str]]) -> Finding | None:
    for n in range(2, min(MAX_PARTS, len(chain)) + 1):
        for i in range(len(chain) - n + 1):
            parts = chain[i : i + n]
            joined = "".join(text[s:e] for s, e, _ in parts)
            if b58decode(joined) is None:
                continue
            hit = base58_secret(joined, (parts[0][0], parts[-1][1]))
            if hit is not None:
                return hit.model_copy(update={"evidence": (*hit.evidence, "split:labelled-parts")})
    return None


def _words(text: str, chain: list[tuple[int, int, str]]) -> Finding | None:
    words = [
        (m.start(), m.end(), m.group().lower())
        for s, e, _ in chain[: MAX_PARTS * 2]
        for m in _WORD_RE.finditer(text, s, e)
    ]
    hit = phrase_finding(text, words)
    if hit is None:
        return None
    return hit.model_copy(update={"evidence": (*hit.evidence, "split:labelled-parts")})


def _in_order(patterns: dict[str, re.Pattern[str]], text: str) -> list[re.Match[str]]:
    """The matches of one pattern a separator (only those the text holds), in text order."""
    found = [list(rx.finditer(text)) for sep, rx in patterns.items() if sep in text]
    if len(found) == 1:
        return found[0]
    return sorted((m for ms in found for m in ms), key=lambda m: m.start())


def _ends_in_mark(text: str, at: int) -> bool:
    """The label ending at ``at`` may end in a counting mark: a digit, a letter standing alone
    or a Roman numeral's ("Μέρος Α", "ส่วนที่ 1", "Teil 1/2", "Часть II"); one character read."""
    at = len(text[max(0, at - 4) : at].rstrip(" \t\"'`")) + max(0, at - 4)
    c = text[at - 1] if at else ""
    return c.isdigit() or c in "IVXivx" or (c.isalpha() and not text[at - 2 : at - 1].isalpha())


def _counted_chains(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Values on consecutive lines after labels of any language that count up ("ส่วนที่ 1:" /
    "ส่วนที่ 2:", "Μέρος Α:" / "Μέρος Β:"): :func:`.part_labels.sequence_stem`. Seed words
    need a stem with a word ("1:" / "2:" alone may number anything); a base58 key needs
    none (its join must re-derive)."""
    chain: list[tuple[str, int, int, str]] = []
    for m in _in_order(_COUNTED_SEP_RES, text):
        if not _ends_in_mark(text, m.start()):
            continue  # "Le portefeuille: ..": no count before the separator
        line = text.rfind("\n", 0, m.start()) + 1
        if m.start() - line > LABEL_MAX + 8:
            continue  # a sentence's colon, not a label's
        label = text[line : m.start()].strip(" \t\"'`")
        if not label or len(label) > LABEL_MAX or ":" in label or "=" in label or "：" in label:
            continue  # no label, or the separator is not the line's first
        if _MARK_RE.search(label) is None:
            continue  # no mark to count
        hit = _B58_RE.match(text, m.end())
        kind = "b58" if hit is not None and any(c.isdigit() for c in hit.group()) else "words"
        hit = hit if kind == "b58" else _WORDS_RE.match(text, m.end())
        if hit is None:
            continue
        value = (label, *hit.span(), kind)
        if chain and (kind != chain[-1][3] or value[1] - chain[-1][2] > GAP):
            chain = []
        chain = [*chain[-(MAX_PARTS - 1) :], value]
        for n in range(len(chain), 1, -1):
            stem = sequence_stem([c[0] for c in chain[-n:]])
            if stem is not None and (kind == "b58" or _WORD_RE.search(stem) is not None):
                yield [(s, e, k) for _, s, e, k in chain[-n:]]
                break


def _said_chains(text: str) -> Iterator[list[tuple[int, int, str]]]:
    """Seed words that end messages of one speaker after a label's colon ("[10:41] Julie :
    les 6 premiers mots : astuce .." .. "[10:44] Julie : et la fin : oreille .."), a chat
    message or two of the same speaker between them ("wait, looking for the rest"): the
    pieces of one phrase sent on purpose, whatever the labels' language. Another speaker's
    message ends the chain."""
    ends = _in_order(_SAID_RES, text)
    if len(ends) < 2:
        return
    chain: list[tuple[int, int, str]] = []
    speaker, line_end = "", -1
    known = languages_of()
    for m in ends:
        if m.group("v").split(None, 1)[0].lower().rstrip(",;") not in known:
            continue  # the first word says it: not seed words ("ok pour moi")
        words = m.group("v").lower().translate(_SAID_GAPS).split()
        if len(words) < MIN_SAID or not all(w in known for w in words):
            continue  # not seed words ("ok pour moi")
        line = text.rfind("\n", 0, m.start()) + 1
        said = message_speaker(text, line, m.start())
        if said is None:
            continue  # no message, or words said with no label (a message of its own)
        between = _messages_between(text, line_end, line, said) if chain else None
        if said != speaker or between is None or between > SAID_BETWEEN:
            chain = []
        speaker, line_end = said, m.end()
        end = m.start("v") + len(m.group("v").rstrip())
        chain = [*chain[-(MAX_PARTS - 1) :], (m.start("v"), end, "words")]
        for n in range(2, len(chain) + 1):  # the pieces ending here, fewest first
            yield chain[-n:]


def _messages_between(text: str, lo: int, hi: int, speaker: str) -> int | None:
    """How many lines stand between two pieces, each a message of ``speaker``; None when one
    is not (another speaker's message, a line of something else)."""
    count = 0
    at = text.find("\n", lo, hi)
    while at >= 0 and at + 1 < hi:
        end = text.find("\n", at + 1, hi)
        if message_speaker(text, at + 1, hi if end < 0 else end) != speaker:
            return None
        count += 1
        at = end
    return count


def find_split_secrets(text: str) -> list[Finding]:
    """Seed phrases, base58 keys (xprv, WIF, Solana) split over labelled parts: BLOCK."""
    found: list[Finding] = []
    labelled = ":" in text or "=" in text
    chains = [*_chains(text), *(_counted_chains(text) if labelled else ())]
    chains += _said_chains(text) if labelled and "\n" in text else ()
    for chain in chains:
        if any(f.span is not None and f.span[0] <= chain[0][0] < f.span[1] for f in found):
            continue  # read already, under an English part label
        hit = _base58(text, chain) if chain[0][2] == "b58" else _words(text, chain)
        if hit is not None:
            found.append(hit)
    return found
