"""Chat messages as agent payloads carry them: a secret asked for in one message, given alone
in a later one.

Used by :mod:`aiegis_guard.scanners.evm_keys` and :mod:`aiegis_guard.scanners.keystores`. A
chat inside an agent's payload (an OpenAI or Anthropic message array, a coding agent's session
JSONL, a LangGraph checkpoint) writes each message as a JSON string field (``"content": ".."``,
``"text": ".."``), one after another; compact or pretty-printed, its lines say nothing of where
a message ends, so the words before a value are the payload's field names, not what was said.

* :func:`asked_before`: a value that is the whole of its message (a word or two around it:
  "use <hex>") answers the message before it: when that message ends on a key's name ("I need
  a funded deployer key"), the value is one. A tool's result is no answer ("rotate the signer
  key" then a tool message with the transaction's hash). The word nearest the end of the
  previous message decides, as the words before a value do
  (:func:`~.key_words.classify_window`): "what is the tx hash?" names a hash.
* :func:`messages_after`: the next messages after a place (a keystore's password asked for,
  then sent alone two messages later).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners.key_words import ROLE_WORDS, classify_window

__all__ = ["asked_before", "messages_after"]

# a message's text as a JSON string field (JSON escapes inside; a JSON string inside a JSON
# string is one field of the outer message, not a message of its own)
_FIELDS = ('"content"', '"text"', '"message"', '"body"', '"prompt"', '"query"')
_MESSAGE_RE = LazyPattern(
    r'"(?:content|text|message|body|prompt|query)"[ \t]*:[ \t]*"'
    r'(?P<v>(?:[^"\\\r\n]|\\.){0,4000})"'
)
# the opening of the message field whose text holds a value, a few characters before it
_OPENED_RE = LazyPattern(
    r'"(?:content|text|message|body|prompt|query)"[ \t]*:[ \t]*"(?:[^"\\\r\n]|\\.){0,24}$'
)
_OPEN_REACH = 48  # the field's name and at most LEAD_MAX characters of the message
MESSAGE_REACH = 1500  # characters before a value searched for its message and the one before
LEAD_MAX = 24  # characters of a message around the value it gives ("use ", "here: ", " thx")
LEAD_WORDS = 3
ASKED_TAIL = 120  # characters of the message before read for the key's name
_VALUE_ONLY_RE = re.compile(r"[\s\W]*(?:0[xX])?[0-9a-fA-F]*[\s\W]*")
MAX_FIELDS_TRIED = 8  # fields before a message read for the one before it
# a tool's result in the payloads' own words: OpenAI's role "tool" / "function" and Responses'
# "function_call_output", Anthropic's "tool_result" block
_TOOL_ROLE_RE = re.compile(
    r'"(?:role|type)"[ \t]*:[ \t]*"(?:tool|function|tool_result|function_call_output|ipython)"'
)
OBJECT_REACH = 200  # characters each side of a message field searched for its object's role
_LEAD_WORD_RE = re.compile(r"[^\W\d_]+")


def _around(text: str, lo: int, hi: int) -> Iterator[re.Match[str]]:
    """The message fields that start in ``text[lo:hi]`` (and may end after it), in order."""
    for m in _MESSAGE_RE.finditer(text, lo):
        if m.start() >= hi:
            return
        yield m


def _field_before(text: str, lo: int, hi: int) -> re.Match[str] | None:
    """The last message field that starts in ``text[lo:hi]`` (found by C-speed ``rfind``; a
    field of the same name that holds no string, ``"message": {..}``, passed over)."""
    for _ in range(MAX_FIELDS_TRIED):
        at = max(text.rfind(field, lo, hi) for field in _FIELDS)
        if at < 0:
            return None
        m = _MESSAGE_RE.match(text, at)
        if m is not None:
            return m
        hi = at
    return None


def asked_before(text: str, start: int, end: int) -> str | None:
    """The key word that ends the message before the one that ``text[start:end]`` is the
    whole of, else None."""
    opened = _OPENED_RE.search(text, max(0, start - _OPEN_REACH), start)
    if opened is None:  # the value is no message's text, or no message opens near it
        return None
    message = _MESSAGE_RE.match(text, opened.start())
    if message is None or message.end("v") < end:
        return None
    if _from_tool(text, opened.start(), message.end()):
        return None  # a tool's result: what a call returned, no one's answer
    previous = _field_before(text, max(0, opened.start() - MESSAGE_REACH), opened.start())
    if previous is None or previous.end() > opened.start():
        return None
    return _answered(text, start, end, message, previous)


def _from_tool(text: str, field: int, end: int) -> bool:
    """The message object holding the field at ``field`` is a tool's result (its role or
    type, before or after the field, within the object's braces)."""
    lo = text.rfind("{", max(0, field - OBJECT_REACH), field)
    hi = text.find("}", end, end + OBJECT_REACH)
    return lo >= 0 and _TOOL_ROLE_RE.search(text, lo, hi if hi >= 0 else end) is not None


def _answered(
    text: str, start: int, end: int, message: re.Match[str], previous: re.Match[str]
) -> str | None:
    """The key word ending ``previous`` when ``message`` holds nothing but the value and a
    few words that name nothing ("use", "here you go")."""
    lead, trail = text[message.start("v") : start], text[end : message.end("v")]
    said = lead + " " + trail
    if len(said) > 2 * LEAD_MAX or len(_LEAD_WORD_RE.findall(said)) > LEAD_WORDS:
        return None
    asked = previous.group("v")[-ASKED_TAIL:]
    if _VALUE_ONLY_RE.fullmatch(asked):  # a tool's result before: a value, no question
        return None
    named = classify_window(asked, nearest_last=True)
    if named is None or named[0] != "key" or named[1].lower() in ROLE_WORDS:
        return None
    if classify_window(said, nearest_last=True) is not None:
        return None  # "tx hash: <hex>": the message names its value itself
    return named[1]


def messages_after(text: str, at: int, hi: int, count: int) -> Iterator[tuple[int, int]]:
    """The spans of the texts of the next ``count`` messages that start after ``at``."""
    if text.find('"', at, hi) < 0:
        return
    for n, m in enumerate(_around(text, at, hi)):
        if n == count:
            return
        yield m.span("v")
