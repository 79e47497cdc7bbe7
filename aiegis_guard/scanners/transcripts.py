"""Chat transcripts: a secret sent over several messages, other people's lines between.

Called by :mod:`aiegis_guard.scanners.wallet_keys`. A chat export or log writes one message a
line, ``[09:12] ana: ...`` / ``[06/12/26, 01:15:03] Marco: ...``: a key or a phrase sent in
pieces ("0x08d1…" / "67f2…" / "da02…", four words a message) is whole again once each
speaker's messages are read together, one per line. Only texts with two or more such lines
from one speaker are read again; what is found there covers that speaker's lines.

A quoted reply (e-mail, forum, Markdown: ``> `` before each line) wraps a key or a phrase
over quoted lines: :func:`unquoted` blanks the markers, so the value reads as it did before
it was quoted ("> 0x4c08..\n> 9e1f.." is a key wrapped over two lines, like "0x4c08..\n9e1f..").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.secret_messages import CHAT_ROLES
from aiegis_guard.scanners.seed_phrases import languages_of

__all__ = ["Pieces", "speaker_pieces", "speaker_texts", "unquoted", "words_only"]

# "[time or date] name: message" (WhatsApp, Telegram exports, chat logs) and IRC's
# "[time] <nick> message"
LINE_RE = LazyPattern(
    r"^[ \t]*\[[^\]\n]{3,40}\][ \t]*(?:-[ \t]*)?"
    r"(?:<(?P<nick>[^<>\s]{1,40})>|(?P<name>[^:\n\[\]]{1,40}?):)[ \t]?(?P<said>.*)$",
    re.MULTILINE,
)
# "role: message" without a time (an agent's conversation log, a pasted chat: "user: ..",
# "assistant: ..", "Nutzer: ..", "用户 10:02：.."): the roles of a chat, not any "name:" (a
# YAML or an .env file has those); a time may follow the role
ROLES = CHAT_ROLES
ROLE_LINE_RE = LazyPattern(
    r"(?im)^[ \t]*(" + "|".join(ROLES) + r")(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*[:：>][ \t]?"
    r"(.*)$"
)
# a line that opens with a role, as written (lower case or capitalised): read only then
_ROLE_START_RE = re.compile(
    r"\n[ \t]*(?:"
    + "|".join(sorted({v for r in ROLES for v in (r, r.capitalize(), r.upper())}, key=len)[::-1])
    + r")(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*[:：>]"
)
MIN_LINES = 2  # messages of one speaker
# the quote markers opening a line ("> ", "> > ", ">>"), nested or not
_QUOTE_RE = re.compile(r"[ \t]*>(?:[ \t]*>)*[ \t]?")
_MARKERS = ("\n> > > ", "\n> > ", "\n>> ", "\n>>", "\n > ", "\n> ", "\n>")
MAX_SPEAKERS = 16


def _by_speaker(lines: list[re.Match[str]]) -> dict[str, list[re.Match[str]]] | None:
    """Transcript lines by speaker (a time line's name or nick, a role), in order; None over
    ``MAX_SPEAKERS`` speakers (no chat: a log's or a table's first fields)."""
    out: dict[str, list[re.Match[str]]] = {}
    for m in lines:
        out.setdefault((m.group(1) or m.group(2) or "").strip().lower(), []).append(m)
        if len(out) > MAX_SPEAKERS:
            return None
    return out


def _said(m: re.Match[str]) -> int:
    """Where the message of a transcript line starts (its last group: LINE_RE's or a role's)."""
    return m.start(m.re.groups)


def speaker_texts(
    text: str, worded: Callable[[str], bool] | None = None
) -> list[tuple[str, tuple[int, int]]]:
    """(one speaker's messages joined by line breaks, the span from their first message to
    their last) for every speaker with ``MIN_LINES`` messages or more; with ``worded`` (is a
    message nothing but the words of a secret?), also those of their messages alone where
    others came between ("ok here" / six words / "wait the rest" / six words)."""
    timed = text.count("] ") >= MIN_LINES
    roles = _ROLE_START_RE.search(text) is not None or (
        _ROLE_START_RE.match("\n" + text[:64]) is not None
    )
    if not (timed or roles):
        return []
    lines = [*LINE_RE.finditer(text)] if timed else []
    if not lines and roles:
        lines = [*ROLE_LINE_RE.finditer(text)]
    by_speaker = _by_speaker(lines)
    if by_speaker is None:
        return []
    if len(by_speaker) < 2 and not timed:
        return []  # one role alone is a form's "user:" field, not a conversation
    said = [lines for lines in by_speaker.values() if len(lines) >= MIN_LINES]
    if worded is not None:
        kept = [[m for m in lines if worded(m.group(m.re.groups))] for lines in said]
        said += [k for k, lines in zip(kept, said, strict=True) if MIN_LINES <= len(k) < len(lines)]
    return [
        ("\n".join(m.group(m.re.groups) for m in lines), (_said(lines[0]), lines[-1].end()))
        for lines in said
    ]


def unquoted(text: str) -> str:
    """``text`` with the quote markers of its quoted lines blanked (same length), or ``text``
    itself where fewer than two lines are quoted (C-speed ``count`` first; the markers are
    replaced at C speed too: a Markdown page's block quotes are many)."""
    if text.count("\n>") + text.count("\n >") + text.startswith(">") < MIN_LINES:
        return text
    if text.startswith((">", " >")):
        head = _QUOTE_RE.match(text)
        text = " " * head.end() + text[head.end() :] if head is not None else text
    for marker in _MARKERS:  # the longest first: "> > " before "> "
        text = text.replace(marker, "\n" + " " * (len(marker) - 1))
    return text


_WORD_RE = re.compile(r"[^\W\d_]+")


def words_only(message: str) -> bool:
    """A chat message that is list words and nothing else, after its label ("seed: w1 w2"):
    two or more (a phrase sent a few words a message, other messages between)."""
    words = _WORD_RE.findall(message.rsplit(":", 1)[-1])
    known = languages_of()
    return len(words) >= 2 and all(w.lower() in known for w in words)


# "Anna: ..." (a pasted chat without times: a capitalised name of one or two words, no digit,
# no "_" / "-" / ".": an .env's or a YAML's keys are none of these) and a dialogue's dash
# lines ("— ок"), whose speakers are not written
_NAME_LINE_RE = re.compile(r"(?P<name>[^\W\d_]{2,20}(?: [^\W\d_]{2,20})?)[ \t]*:[ \t]?(?P<said>.*)")
_DASH_LINE_RE = re.compile(r"[ \t]*[—–][ \t]+(?P<said>.*)")
# a message's piece: what follows its last label ("yes. last: 7b6..", "kolejne: w1 w2 w3 w4"),
# one token of hex / base58 (an 0x first), or two or more list words
_TOKEN_RE = re.compile(r"[\"'`]?(?P<t>(?:0x)?[0-9A-Za-z]{8,120})[\"'`.]?")
PIECES_CHARS = 16384  # a chat sent in pieces is short: longer texts are not read for names
MAX_WINDOWS = 12  # joined windows of pieces read per text
PIECES = (2, 3, 4)  # pieces a secret is sent in


def _piece(message: str) -> tuple[str, str] | None:
    """("token" | "words", the piece) when a message is nothing but a piece after its label."""
    tail = message.rsplit(": ", 1)[-1].strip()
    if (m := _TOKEN_RE.fullmatch(tail)) is not None and any(c.isdigit() for c in m["t"]):
        return "token", m["t"]
    return ("words", tail) if words_only(tail) else None


def _chat_lines(text: str) -> tuple[dict[str, list[re.Match[str]]], bool] | None:
    """Each speaker's message lines (None: no chat) and whether the speakers are unwritten."""
    if text.count("] ") >= MIN_LINES:
        lines = [*LINE_RE.finditer(text)]
    elif _ROLE_START_RE.search(text) is not None:
        lines = [*ROLE_LINE_RE.finditer(text)]
    else:
        lines = []
    if not lines and len(text) <= PIECES_CHARS:
        rows = text.splitlines()
        named = [m for r in rows if (m := _NAME_LINE_RE.fullmatch(r)) and r[:1].isupper()]
        dashed = [m for r in rows if (m := _DASH_LINE_RE.fullmatch(r)) is not None]
        if len(dashed) >= 3 and not named:
            return {"": dashed}, True
        lines = named
    by_speaker = _by_speaker(lines)
    if by_speaker is None or len(by_speaker) < 2:
        return None
    return by_speaker, False


class Pieces(NamedTuple):
    """A secret re-joined from 2-4 consecutive pieces one speaker sent as messages of their
    own, other messages between."""

    joined: str  # the pieces, joined ("words": by spaces)
    context: str  # the speaker's message before the first piece ("sending the key in 3 bits")
    span: tuple[int, int]  # from the first piece's message to the last's
    unwritten: bool  # the speakers are unwritten: only a self-checking secret may be read
    words: bool  # the pieces are list words (else tokens of hex / base58)


def speaker_pieces(text: str) -> list[Pieces]:
    """Every window of 2-4 pieces one speaker sent (:class:`Pieces`). The context is context
    only: its words never join the pieces (a reply made of list words is no part of a phrase)."""
    if text.count("\n") < 3:
        return []
    chat = _chat_lines(text)
    if chat is None:
        return []
    by_speaker, unwritten = chat
    out: list[Pieces] = []
    for lines in by_speaker.values():
        pieces = [(i, p) for i, m in enumerate(lines) if (p := _piece(m.group(m.re.groups)))]
        for n in PIECES:
            for w in range(len(pieces) - n + 1):
                run = pieces[w : w + n]
                if len({kind for _, (kind, _) in run}) > 1 or len(out) >= MAX_WINDOWS:
                    continue
                words = run[0][1][0] == "words"
                joined = (" " if words else "").join(p for _, (_, p) in run)
                first = run[0][0]
                said = "" if first == 0 else lines[first - 1].group(lines[0].re.groups)
                span = (_said(lines[first]), lines[run[-1][0]].end())
                out.append(Pieces(joined, said, span, unwritten, words))
    return out
