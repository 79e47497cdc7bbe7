"""A secret sent in pieces, one chat message each: the client's message headers between them.

Used by :mod:`~aiegis_guard.scanners.key_forms` (hex parts of an EVM key),
:mod:`~aiegis_guard.scanners.seed_phrases` (a phrase's words) and
:mod:`~aiegis_guard.scanners.split_secrets` (a phrase's pieces after a label in each message).
A chat client copies each message with its header: on the message's own line (``[10:41] marco:
<body>``, WhatsApp's ``[06/12/2026, 10:41] Ana: <body>`` / ``06/12/2026, 10:41 - Ana: <body>``,
IRC's ``[10:41] <ana> <body>`` and ``10:41 <ana> <body>``, Markdown's ``**Ana:** <body>``) or on a
line of its own above the body (Telegram Desktop's ``Ana,
[06.12.26 10:41]``, Teams' ``[10:41] Priya Raman``, Discord's ``ana — Today at 10:41``). A value
broken over two messages of **one speaker**, each message holding nothing but its piece, was sent
in pieces on purpose (a client breaks no message 36 characters in): the pieces are read as one
value, and the header between them as a line break. Two speakers' messages are never joined, nor a
piece with words of its own around it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

__all__ = [
    "CHAT_ROLES", "answer_header", "headers_blanked", "message_header", "message_pieces",
    "message_speaker", "messages_above",
]  # fmt: skip

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[ \u202f]?[AaPp]\.?[Mm]\.?)?"
_DATE = r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}"
_NAME = r"[^\s:\[\]<>,|][^\n:\[\]<>,|]{0,38}?"
# a header that opens the message's own line; group "n": the speaker
_PREFIX = (
    rf"(?:\[(?:{_DATE},?[ \t]+)?{_TIME}\][ \t]*(?:(?P<n1>{_NAME}):|<(?P<n2>[^\s<>]{{1,32}})>)"
    rf"|{_DATE},?[ \t]+{_TIME}[ \t]+-[ \t]+(?P<n3>{_NAME}):"
    rf"|<(?P<n4>[^\s<>]{{1,32}})>|{_TIME}[ \t]+<(?P<n8>[^\s<>]{{1,32}})>"
    rf"|\*\*(?P<n9>{_NAME}):\*\*|\*\*(?P<n10>{_NAME})\*\*:)[ \t]*"
)
# a header on a line of its own, above the message's body
_LINE = (
    rf"(?:(?P<n5>{_NAME}),[ \t]+\[(?:{_DATE}[ \t]+)?{_TIME}\]"
    rf"|\[(?:{_DATE},?[ \t]+)?{_TIME}\][ \t]+(?P<n6>{_NAME})"
    rf"|(?P<n7>{_NAME})[ \t]+[—–-][ \t]+(?:(?:Today|Yesterday)[ \t]+at[ \t]+{_TIME}"
    rf"|{_DATE}(?:[ \t]+{_TIME})?|{_TIME}))"
    r"[ \t]*"
)
_PREFIX_RE = re.compile(rf"(?m)^[ \t]*{_PREFIX}")
_LINE_RE = re.compile(rf"(?m)^[ \t]*{_LINE}\r?$")
# what may stand around a piece in its message: quotes, backticks
_QUOTES = " \t\"'`"
# between two pieces: the end of one message, blank lines, the next message's header
_BREAK_RE = re.compile(
    rf"[{_QUOTES}]*\r?\n(?:[ \t]*\r?\n)*(?:[ \t]*{_LINE}\r?\n(?:[ \t]*\r?\n)*)?"
    rf"(?:[ \t]*{_PREFIX})?[{_QUOTES}]*"
)
_CLOCK_RE = re.compile(r"\d:\d\d")
# "role: message" without a time (an agent's conversation log, a pasted chat: "user: ..",
# "assistant: ..", "Nutzer: ..", "用户 10:02：.."): the roles of a chat, not any "name:" (a
# YAML or an .env file has those); a time may follow the role
CHAT_ROLES = (
    "user", "assistant", "human", "ai", "bot", "agent", "model", "me", "customer", "support",
    "nutzer", "benutzer", "assistent", "usuario", "asistente", "utilisateur", "assistant",
    "utente", "assistente", "usuário", "пользователь", "ассистент", "用户", "助手", "用戶",
    "ユーザー", "アシスタント", "사용자", "어시스턴트",
)  # fmt: skip
_ROLE_RE = re.compile(
    r"(?i)[ \t]*(?P<r>" + "|".join(CHAT_ROLES) + r")(?:[ \t]+\d{1,2}:\d{2}(?::\d{2})?)?[ \t]*[:：]"
    r"[ \t]*"
)
REACH = 400  # characters before a piece searched for its message's header


def _speaker(m: re.Match[str]) -> str | None:
    return next((v.strip().lower() for k, v in m.groupdict().items() if v and k[0] == "n"), None)


def _header_before(text: str, at: int) -> tuple[re.Match[str], bool] | None:
    """The header of the message holding ``at`` (its match, and whether it opens ``at``'s own
    line rather than a line above, past blank ones), within ``REACH``."""
    lo = max(0, at - REACH)
    line = text.rfind("\n", lo, at) + 1
    m = _PREFIX_RE.match(text, line, at)
    if m is not None:
        return m, True
    end = line - 1
    while end > lo:
        begin = text.rfind("\n", lo, end) + 1
        if text[begin:end].strip():
            m = _LINE_RE.match(text, begin, end)
            return (m, False) if m is not None else None
        end = begin - 1
    return None


def message_pieces(text: str, parts: list[tuple[int, int]]) -> bool:
    """``parts`` (2+ spans, in order) are the whole of consecutive messages of one speaker."""
    opener = _header_before(text, parts[0][0])
    if opener is None:
        return False
    header, own_line = opener
    speaker = _speaker(header)
    before = text[header.end() if own_line else text.rfind("\n", 0, parts[0][0]) + 1 : parts[0][0]]
    if speaker is None or before.strip(_QUOTES):
        return False  # words before the first piece in its message
    for (_, end), (start, _) in itertools.pairwise(parts):
        gap = _BREAK_RE.fullmatch(text, end, start)
        if gap is None or "\n" not in text[end:start] or _speaker(gap) != speaker:
            return False
    last = parts[-1][1]
    line_end = text.find("\n", last)
    return not text[last : len(text) if line_end < 0 else line_end].strip(_QUOTES + "\r")


def _line_starts(text: str) -> Iterator[int]:
    """Where a line begins: the only places a header's pattern (``(?m)^``, no line break in
    a match) can match. Tried there alone, it finds what ``finditer`` finds (one match a line
    at most), without ``re`` testing ``^`` at every character: a JSON result or a page of
    few long lines costs a few tries, not ~7 ms a 256 KB chunk."""
    at = 0
    while at >= 0:
        yield at
        at = text.find("\n", at)
        at = at + 1 if at >= 0 else -1


def headers_blanked(text: str) -> str | None:
    """The text with the header of every message that follows one of the same speaker blanked
    (spaces; line breaks kept, offsets too), or None when no header was blanked."""
    if "\n" not in text or (_CLOCK_RE.search(text) is None and "<" not in text):
        return None  # no header without a time of day, but IRC's <nick>
    found = sorted(
        (m.start(), m.end(), _speaker(m))
        for at in _line_starts(text)
        for rx in (_PREFIX_RE, _LINE_RE)
        if (m := rx.match(text, at)) is not None
    )
    chars: list[str] | None = None  # the text's characters, copied at the first blanking
    previous = None
    for start, end, speaker in found:
        if speaker is not None and speaker == previous:
            chars = list(text) if chars is None else chars
            chars[start:end] = [c if c in "\r\n" else " " for c in text[start:end]]
        previous = speaker
    return "".join(chars) if chars is not None else None


def message_speaker(text: str, line: int, at: int) -> str | None:
    """The speaker of the message whose header opens the line at ``line`` and ends before
    ``at`` (``[10:41] Julie : <body>``), else None."""
    m = _PREFIX_RE.match(text, line, max(line, at))
    return _speaker(m) if m is not None else None


def message_header(text: str, line: int, at: int) -> tuple[str, int] | None:
    """(speaker, where the body begins) of the message whose header opens the line at
    ``line`` and ends before ``at``, else None."""
    m = _PREFIX_RE.match(text, line, max(line, at))
    speaker = _speaker(m) if m is not None else None
    return (speaker, m.end()) if m is not None and speaker is not None else None


def _turn_header(text: str, line: int, at: int) -> tuple[str, int] | None:
    """(speaker, body start) of a header opening the line at ``line``: a client's
    (:func:`message_header`) or a conversation log's role ("user: ..", "assistant: ..")."""
    header = message_header(text, line, at)
    if header is not None:
        return header
    m = _ROLE_RE.match(text, line, max(line, at))
    return (m.group("r").lower(), m.end()) if m is not None else None


def _own_line_speaker(text: str, begin: int, end: int) -> str | None:
    """The speaker of a header that is the whole line ``text[begin:end]`` (Discord's ``Ana —
    Today at 9:41 AM``, Telegram Desktop's ``Ana, [06.12.26 10:41]``), else None."""
    m = _LINE_RE.match(text, begin, end)
    return _speaker(m) if m is not None else None


def answer_header(text: str, line: int, at: int) -> tuple[str, int, int] | None:
    """(speaker, body start, where its header's line starts) of the chat message holding the
    text from ``line`` (a line's start) to ``at``: its header opens the line, or is the
    nearest line above (past blank ones) that is a header on its own; else None."""
    header = _turn_header(text, line, at)
    if header is not None:
        return header[0], header[1], line
    lo = max(0, line - REACH)
    end = line - 1
    while end > lo:
        begin = text.rfind("\n", lo, end) + 1
        if text[begin:end].strip():
            speaker = _own_line_speaker(text, begin, end)
            return (speaker, line, begin) if speaker is not None else None
        end = begin - 1
    return None


def messages_above(text: str, top: int, lines: int, reach: int) -> Iterator[tuple[str, str]]:
    """(speaker, body) of the messages whose headers lie on the ``lines`` lines above the one
    starting at ``top``, nearest first; the body of a header on its own line is the lines
    below it, up to the next message. Stops at a line longer than ``reach``."""
    above = top - 1
    body_end = above
    for _ in range(lines):
        if above <= 0:
            return
        floor = max(0, above - reach)
        begin = text.rfind("\n", floor, above) + 1
        if begin == 0 and floor > 0:
            return  # a line longer than any chat message
        header = _turn_header(text, begin, above)
        if header is not None:
            yield header[0], text[header[1] : above]
            body_end = begin - 1
        elif (speaker := _own_line_speaker(text, begin, above)) is not None:
            yield speaker, text[above + 1 : max(above + 1, body_end)]
            body_end = begin - 1
        above = begin - 1
