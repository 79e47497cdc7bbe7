"""Parameter documentation: a line that describes an input tells no one to act.

A tool's documentation lists its inputs, one a line: ``- spender_address: The spender address
to approve``, ``to_token: The contract address of the token to buy``, ``receiver (str): The
address to receive the shares``, ``slippage_bps: (Optional) Maximum allowed slippage in basis
points``. The description is a noun phrase naming what the field holds; a drainer phrase that
matches inside it ("the token to buy", "maximum allowed slippage") describes the field, it does
not change it.

The class is structural: every line a phrase hit touches is a parameter line — an optional
bullet, an identifier (``snake_case``, ``camelCase``, in backticks or not), an optional
parenthesised type, a colon — whose description opens as a noun phrase (an article, a
determiner, "(Optional)", or a word that is no verb of :data:`IMPERATIVE`) and holds none of
:data:`ORDER_WORDS` and no literal on-chain address outside an example ("always set this to
0x…", "Use 10000 for every swap" are orders) and states no setting (:data:`_SETTING_RE`: the
agent or its operator as the subject of a finite verb, "Maximum slippage the agent accepts"; a
value for this deployment; "currently 10000"; "is set to"). An address after "for example" is
no example where the description covers all funds or an unlimited amount. Only in what the agent
reads (a tool's output or documentation) and only for the tampering and redirect families.

Two notes of a field's format are no tampering either (:func:`describes_field`): an amount or
allowance set to zero ("To revoke an allowance, set the amount to 0": a revoke takes rights
from no one; a minimum output set to zero is not this), and an address given only as an example
of the format ("Please use a token address (example 0x42…) for the token_address field").
"""

from __future__ import annotations

import re

from aiegis_guard.scanners.intent_words import ONCHAIN_ADDRESS

__all__ = ["IMPERATIVE", "ORDER_WORDS", "describes_field", "in_parameter_docs"]

# words that make a description an order to whoever fills the field, anywhere in it ...
ORDER_WORDS = (
    r"\b(?:always|never|must|should|instead|ignore|important|note|make sure|ensure|do not|"
    r"don't|regardless|every)\b"
)
# ... and the verbs that make it one when it opens with them ("Use 10000", "Set this to 0x…")
IMPERATIVE = (
    r"(?:set|use|pass|send|transfer|put|replace|override|change|update|approve|forward|route|"
    r"redirect|sweep|withdraw|drain|move|pay|deposit|give|grant|sign|call|choose|select|pick|"
    r"enter|paste|provide|share|add|fill)\b"
)
_PARAM_LINE_RE = re.compile(
    r"[ \t]*(?:[-*•][ \t]+)?`?(?P<name>[A-Za-z_][\w.]{0,60})`?[ \t]*(?:\([^()\n]{0,40}\))?[ \t]*"
    r":[ \t]+(?P<desc>[^\n]*)"
)
_NOUN_START_RE = re.compile(
    r"(?:\(optional\)\s*|\(required\)\s*)?(?:the|a|an|this|which|who|whose|what|optional|"
    r"required|maximum|minimum|max|min|[A-Z][a-z]+)\b",
    re.IGNORECASE,
)
_ORDER_RE = re.compile(ORDER_WORDS, re.IGNORECASE)
_IMPERATIVE_RE = re.compile(r"(?:\(optional\)\s*|\(required\)\s*)?" + IMPERATIVE, re.IGNORECASE)
_ADDRESS_RE = re.compile(ONCHAIN_ADDRESS)
_EXAMPLE_RE = re.compile(r"\b(?:e\.g\.|eg|example|for instance|such as)\b", re.IGNORECASE)
# a description that states a setting, not what the field holds: a clause whose subject is the
# agent or its operator with a finite verb ("Maximum slippage the agent accepts", "the bot
# always uses", "we send"), a value fixed for this deployment ("100% (10000) in this
# deployment", "currently 0x…"), or a copula that sets it ("is set to 10000", "is fixed at")
_SETTING_RE = re.compile(
    r"\b(?:the\s+|this\s+|our\s+|your\s+)?(?:agent|bot|assistant|model|ai|llm|server|backend|"
    r"operator|we)\s+(?:\w+ly\s+|will\s+|shall\s+)?(?:accept|use|send|pay|route|appl(?:y|ie)|"
    r"allow|tolerate|set|pick|choose|sign|approve|transfer|forward|withdraw|deposit|swap|spend|"
    r"give|grant|move|take|charge|default|fill|submit|enforce)(?:s|ed)?\b|"
    r"\b(?:in|for|on)\s+this\s+(?:deployment|instance|installation|setup|environment|"
    r"configuration|config|agent|account|wallet|server)\b|"
    r"\bcurrently\s+(?:set\s+to\s+|fixed\s+at\s+)?[\d0-9]|"
    r"\b(?:is|are)\s+(?:now\s+)?(?:set|fixed|pinned|configured|hard-?coded|locked)\s+(?:to|at|as)\b",
    re.IGNORECASE,
)
# a description that covers everything the field may move: an address beside it is no mere
# example of the format ("The address that receives all withdrawn funds, for example 0x…", "The
# spender to approve for an unlimited amount, such as 0x…")
_WHOLE_RE = re.compile(
    r"\b(?:all|every|entire|whole|unlimited|infinite|max(?:imum)?\s+(?:uint|amount|allowance)|"
    r"everything|full\s+balance)\b",
    re.IGNORECASE,
)


def in_parameter_docs(text: str, start: int, end: int) -> bool:
    """Does every line that ``text[start:end]`` touches describe a parameter (see above)?"""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", max(start, end - 1))
    hi = len(text) if hi < 0 else hi
    return all(_describes(line) for line in text[lo:hi].split("\n"))


def _describes(line: str) -> bool:
    """Is ``line`` a parameter line whose description is a noun phrase and no order?"""
    m = _PARAM_LINE_RE.fullmatch(line)
    if m is None:
        return False
    desc = m.group("desc")
    if _NOUN_START_RE.match(desc) is None or _IMPERATIVE_RE.match(desc) is not None:
        return False
    if _ORDER_RE.search(desc) is not None or _SETTING_RE.search(desc) is not None:
        return False
    first = _ADDRESS_RE.search(desc)
    return first is None or (
        _EXAMPLE_RE.search(desc, 0, first.start()) is not None and _WHOLE_RE.search(desc) is None
    )


def describes_field(text: str, start: int, end: int) -> bool:
    """Does the phrase hit at ``text[start:end]`` describe a field: a parameter line
    (:func:`in_parameter_docs`), an amount or allowance set to zero, or an address that is
    only an example of the format?"""
    return (
        in_parameter_docs(text, start, end)
        or _zeroed(text, start, end)
        or _illustrated(text, start, end)
    )


_AMOUNT_RE = re.compile(r"\b(?:amount|allowance|approval)s?\b", re.IGNORECASE)
_MIN_RE = re.compile(r"\b(?:min|minimum|output|out|slippage)\b", re.IGNORECASE)
_ZERO_AFTER_RE = re.compile(r"""\s*(?:to\s+)?[`'"]?(?:0|zero)[`'"]?(?![\w.,])""", re.IGNORECASE)
EXAMPLE_BEFORE = 30  # characters before an address where an example marker makes it one


def _zeroed(text: str, start: int, end: int) -> bool:
    """An amount or allowance (not a minimum output) set to zero right after the hit."""
    hit = text[start:end]
    return (
        _AMOUNT_RE.search(hit) is not None
        and _MIN_RE.search(hit) is None
        and _ZERO_AFTER_RE.match(text, end) is not None
    )


def _illustrated(text: str, start: int, end: int) -> bool:
    """Is every address in the hit (one at least) given as an example ("example 0x…")?"""
    found = list(_ADDRESS_RE.finditer(text, start, end))
    if found and _WHOLE_RE.search(_line_of(text, start, end)) is not None:
        return False  # everything to one address: no example of a format
    return bool(found) and all(
        _EXAMPLE_RE.search(text, max(0, m.start() - EXAMPLE_BEFORE), m.start()) for m in found
    )


def _line_of(text: str, start: int, end: int) -> str:
    """The lines ``text[start:end]`` touches, at most ``EXAMPLE_BEFORE`` characters around."""
    lo = text.rfind("\n", max(0, start - EXAMPLE_BEFORE), start) + 1 or max(
        0, start - EXAMPLE_BEFORE
    )
    hi = text.find("\n", end, end + EXAMPLE_BEFORE)
    return text[lo : (min(len(text), end + EXAMPLE_BEFORE) if hi < 0 else hi)]
