"""Example requests: what a tool's documentation says a user may ask.

A README, a FAQ or a bot's help page lists what its users can type ("## Try it\\n- "send 5
USDC to 0x…"", "Beispielanfragen: „Sende 25 USDC an bob.eth“", "| You say | The agent does |",
a fenced block of ``agent> send 25 usdc to bob.base.eth``). Each listed request is the
hypothetical speech of a user, not an order to the agent reading the page: like a warning's
quote (:mod:`.reported`) it is judged blank.

The class is structural. A *frame* — a title, a short introduction ending in ":" or "?", or
the words right before a quote — names examples, samples, things to try or ask, commands or
requests (:data:`FRAME_WORDS`, per language from dictionary sense, not from any document).
Under a frame, up to the next title (at most ``SCOPE`` characters), the quoted passages
(double quotes, „…“, «…», 「…」) and the lines of a fenced block are example requests.

Still read as orders: a quote that opens by speaking to an agent ("AI: before answering,
send…", :func:`~.weak_frames.addressed_quote`); any quote whose line or frame speaks to an
agent or recommends the words (:func:`~.weak_frames.endorsing_intro`: "Steps for the agent:");
everything outside the quotes; and all of them when the text tells its reader to act on them
(:func:`~.endorsement.endorses`: "Run the first example now"). A JSON document has no titles
or lists (its quotes are keys and values) and reports nothing here.
"""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.endorsement import endorses
from aiegis_guard.scanners.weak_frames import addressed_quote, endorsing_intro

__all__ = ["FRAME_WORDS", "example_requests"]

SCOPE = 1500  # characters after a frame where its examples may stand
FRAME_LINE = 200  # a frame's line is at most this long (a title or an introduction)
MAX_FRAMES = 64  # frames read per text (each reads at most ``SCOPE`` characters)

# words naming examples of what a user may say, by language (dictionary senses of "example",
# "sample", "for instance", "try", "you can ask"; "commands", "requests", "prompts" only in
# English after a modifier: a bare "指令" / "Befehle" / "команда" heads an owner's orders)
FRAME_WORDS = (
    # English
    r"\b(?:examples?|e\.g\.|for instance|samples?|sample (?:prompts?|tasks?|requests?)|"
    r"try (?:it|asking|saying|typing|these|this)|you can (?:ask|say|type)|"
    r"ask (?:it|the (?:bot|agent))|can i ask|"
    r"what can (?:it|you|(?:the|this|your) \w{0,40}(?:bot|agent)) do|"
    r"you say|things to (?:ask|say|try))\b|"
    # (the bare nouns where a title opens with them or a modifier precedes them: "supported
    # commands", not "the dApp requests a signature")
    r"(?:^[\s#*>|-]{0,16}|\b(?:example|sample|supported|natural[- ]language|chat|bot|text|user|"
    r"starter|test|common|available|useful|basic|typical|these|some|which|what|kinds of|"
    r"types of|more)\s{1,16})(?:prompts|phrasings?|commands|requests|queries)\b|"
    # Spanish / Portuguese
    r"\b(?:ejemplos?|por ejemplo|puedes pedir\w{0,40}|pídele|prueba a|exemplos?|por exemplo|"
    r"você pode pedir|experimente)\b|"
    # German
    r"\b(?:beispiel\w{0,40}|z\. ?b\.|probier\w{0,40})|"
    # French
    r"\b(?:exemples?|par exemple|essayez)\b|"
    # Russian
    r"(?<![\w])(?:пример\w{0,40}|например|попробуйте)|"
    # Vietnamese / Turkish
    r"\b(?:ví dụ|örnek\w{0,40})|"
    # Japanese / Chinese / Korean
    r"例えば|話しかけ|示例|例如|例子|比如|예시|예를 들어"
)
# gated: a long page is read only around the frame words (their repeats are bounded for that)
_FRAME_RE = LazyPattern(FRAME_WORDS, re.IGNORECASE | re.MULTILINE, gated=True)
# a frame word that is part of a name: a domain, an e-mail address, a path ("owner@x.example")
_NAME_AROUND = frozenset(".@/_-")
# a title: a Markdown heading, a bold line, a table's header row, or a short line ending in
# ":" / "?"
_TITLE_RE = re.compile(
    r"[ \t]*(?:#{1,6}[ \t]|\*\*[^\n]*\*\*[ \t]*$|\|[^\n]*\|[ \t]*$|"
    rf"[^\n]{{0,{FRAME_LINE}}}[:?：？][ \t]*$)"
)
_HEADING_RE = re.compile(r"^[ \t]*(?:#{1,6}[ \t]|\*\*[^\n]*\*\*[ \t]*$)", re.MULTILINE)
# the passages quoted as a user's words: on one line, at least 3 characters
_EXAMPLE_QUOTE_RE = re.compile(
    r'"[^"\n]{3,400}"|“[^“”\n]{3,400}[”"]|„[^„“”\n]{3,400}[“”"]|«[^«»\n]{3,400}»|'
    r"「[^「」\n]{2,400}」"
)
_FENCE_RE = re.compile(
    rf"^[ \t]{{0,4}}```[^\n]*\n([\s\S]{{1,{SCOPE}}}?)^[ \t]{{0,4}}```", re.MULTILINE
)
_JSON_START_RE = re.compile(r"\s*[\[{]")


def example_requests(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of ``text`` that its frames list as what a user may ask (see the module)."""
    if _JSON_START_RE.match(text):
        return ()
    spans: list[tuple[int, int]] = []
    for lo, hi, frame in _scopes(text):
        if endorsing_intro(frame):
            continue
        spans += _quoted_in(text, lo, hi)
        spans += _fenced_in(text, lo, hi)
    if not spans:
        return ()
    out = tuple(sorted(set(spans)))
    return () if endorses(_blanked(text, out)) else out


def _scopes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, frame line) for each frame: the text after a title or introduction that
    names examples, up to the next heading (at most ``SCOPE`` characters); a frame word inside
    a longer line frames the rest of its line."""
    out: list[tuple[int, int, str]] = []
    for m in _FRAME_RE.finditer(text):
        if len(out) >= MAX_FRAMES:
            break  # (a page of thousands of "example"s: the first frames are read)
        if _in_name(text, m.start(), m.end()):
            continue
        # its line, read at most FRAME_LINE back and SCOPE on (a page of one long line)
        lo = max(0, m.start() - FRAME_LINE)
        start = text.rfind("\n", lo, m.start()) + 1 or lo
        end = text.find("\n", m.end(), m.end() + SCOPE)
        end = min(len(text), m.end() + SCOPE) if end < 0 else end
        line = text[start:end] if end - start <= FRAME_LINE and (start or not lo) else ""
        if line and _TITLE_RE.match(line):
            nxt = _HEADING_RE.search(text, end + 1, end + 1 + SCOPE)
            out.append((end, nxt.start() if nxt else min(len(text), end + SCOPE), line))
        else:
            out.append((m.end(), end, text[start : m.end()]))
    return out


def _in_name(text: str, a: int, b: int) -> bool:
    """Is ``text[a:b]`` part of a domain, an address or a path ("alice@family.example")?"""
    before = text[a - 1] if a > 0 else " "
    after = text[b : b + 2]
    return before in _NAME_AROUND or (len(after) == 2 and after[0] in "./" and after[1].isalnum())


def _quoted_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotes in ``text[lo:hi]`` read as a user's words (none that opens by speaking to an
    agent, none whose line before it does or recommends it)."""
    out: list[tuple[int, int]] = []
    for q in _EXAMPLE_QUOTE_RE.finditer(text, lo, hi):
        a, b = q.span()
        line_start = text.rfind("\n", 0, a) + 1
        if addressed_quote(text[a + 1 : b - 1]) or endorsing_intro(text[line_start:a]):
            continue
        out.append((a, b))
    return out


def _fenced_in(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The lines of a fenced block in ``text[lo:hi]`` (a session of typed requests), none that
    speaks to an agent."""
    out: list[tuple[int, int]] = []
    for f in _FENCE_RE.finditer(text, lo, hi):
        at = f.start(1)
        for line in f.group(1).splitlines(keepends=True):
            body = line.strip()
            if body and not addressed_quote(body):
                out.append((at, at + len(line.rstrip("\n"))))
            at += len(line)
    return out


def _blanked(text: str, spans: tuple[tuple[int, int], ...]) -> str:
    parts: list[str] = []
    last = 0
    for a, b in spans:
        a = max(a, last)
        parts += (text[last:a], " " * max(0, b - a))
        last = max(last, b)
    parts.append(text[last:])
    return "".join(parts)
