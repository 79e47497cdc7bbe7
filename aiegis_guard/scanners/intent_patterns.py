"""Compiled patterns of the intent stage (:mod:`aiegis_guard.scanners.intent`), built from
the vocabulary in :mod:`.intent_words`. Most compile on first use (:class:`Lazy`): many are
gated behind stems that ordinary text never shows."""

from __future__ import annotations

import re
import sys
from typing import Any

from aiegis_guard.scanners import intent_words as w


class Lazy:
    """A pattern compiled on first use: the stage has ~40, most gated behind stems that
    ordinary text never shows, and compiling them all costs ~150 ms at import."""

    __slots__ = ("_flags", "_rx", "_src")

    def __init__(self, src: str, flags: int = 0) -> None:
        self._src, self._flags = src, flags
        self._rx: re.Pattern[str] | None = None

    def _get(self) -> re.Pattern[str]:
        if self._rx is None:
            self._rx = re.compile(self._src, self._flags)
        return self._rx

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._get().search(text, pos, endpos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._get().match(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._get().fullmatch(text)

    def split(self, text: str) -> list[str | Any]:
        return self._get().split(text)


F = re.IGNORECASE
OVERSIGHT_RE = Lazy(w.OVERSIGHT, F)
VOID_RE = Lazy(w.VOID, F)
ADDRESSEE_RE = Lazy(w.ADDRESSEE, F)
MODAL_RE = Lazy(w.MODAL, F)
NEGATED_RE = Lazy(w.NEGATED, F)
# "Bridge quote:", "Transfer of 5 ETH", "Swap fee" - the verb's form used as a noun
NOUN_USE_RE = Lazy(
    r"\s*(?:[:(|]|(?:of|successful|succeeded|sent|received|quote|quotes|fee|fees|amount|status|history|request|details|summary|"
    r"limit|tx|transaction|receipt|id|hash|event|events|log|rate|route|price|volume|count|"
    r"total|data|function|method|call|result|failed|succeeded|complete|completed|pending|"
    r"confirmed|executed|submitted|button|page|tab|form|widget)\b)",
    F,
)
NEGATED_AFTER_RE = Lazy(w.NEGATED_AFTER, F)
YOURSELF_RE = Lazy(w.YOURSELF, F)
LEAD_RE = Lazy(w.LEAD, F)
TARGET_RE = Lazy(w.TARGET, F)
AUTHORITY_RE = Lazy(w.AUTHORITY, F)
URGENCY_RE = Lazy(w.URGENCY, F)
SECRECY_RE = Lazy(w.SECRECY, F)
COMMAND_RE = Lazy(w.COMMAND, F)
WORDY_RE = re.compile(r"[^\W\d_]{3}")
YOU_RE = Lazy(r"\b(?:you|your|tú|tu|você|vous|du|sie|ты|вы)\b|你|您", F)
CLAUSE_RE = Lazy(w.CLAUSE, F)
TAMPER_RE = Lazy(w.TAMPER, F)
CONSENT_RE = Lazy(w.CONSENT, F)
ROUTE_RE = Lazy(w.ROUTE, F)
OVERRIDE_RE = Lazy(w.OVERRIDE, F)
RECIPIENT_RE = Lazy(w.RECIPIENT, F)
YOU_ASKED_RE = Lazy(
    r"(?<!\bif )(?<!\bwhen )(?<!\bonce )(?<!\bunless )\byou\s+(?:just\s+|now\s+)?$", F
)
DOC_HEAD_RE = Lazy(
    r"@(?:notice|dev|param|return)\b|^\s*(?-i:[\w.]*(?:[a-z][A-Z]|_)[\w.]*)\s*:|"
    # a data label before the verb: explorer output, proposal titles, tickets
    r"\b(?:program|instruction|method|action|type|event|function|operation|call|tx|kind|"
    r"proposal|title|motion|resolution|ticket|item|agenda|changelog)\b[\s#\d]*:\s*$",
    F,
)
ENGLISH_RE = Lazy(r"\b(?:the|to|and|of|is|are|you|your|for|with|this|that|it|be)\b", F)
RUN_RE = Lazy(r"[1-9A-HJ-NP-Za-km-z]{32}")
PERFORM_RE = Lazy(w.PERFORM, F)
DECODE_FOLLOW_RE = Lazy(w.DECODE_FOLLOW, F)
DESTINATION_RE = Lazy(w.DESTINATION, F)
CALL_RE = Lazy(w.CALL)  # case matters: camelCase names
SECRET_ASK_RE = Lazy(w.SECRET_ASK, F)
WALLET_SECRET_RE = Lazy(w.WALLET_SECRET, F)
IMPERATIVE_FORMS_RE = Lazy(w.IMPERATIVE_FORMS, F)
IMPERATIVE_MARK_RE = Lazy(w.IMPERATIVE_MARK)
SECRET_QUESTION_RE = Lazy(w.SECRET_QUESTION, F)
PERSONA_RE = Lazy(w.PERSONA, F)
UNBOUND_RE = Lazy(w.UNBOUND, F)
OUTPUT_PLANT_RE = Lazy(w.OUTPUT_PLANT, F)
MARKUP_RE = Lazy(w.MARKUP, F)
DATA_OBJ_RE = Lazy(w.DATA_OBJ, F)
EMAIL_RE = Lazy(r"[\w.+-]+@[\w-]+\.[\w.]+")
POSSESSIVE_RE = Lazy(
    r"\b(?:your|its|the agent's|each signer's|ihre?n?|su|sua|seu|votre|vos|ваш\w*)\s+"
    r"(?:\w+\s+){0,3}?(?:seed|mnemonic|recovery|secret|private|signing|signer|identity|key|"
    r"keystore|keypair|\d+|palabras|wiederherstellungsphrase|clave|chave|clé|сид)",
    F,
)
# a full stop ends a sentence before a space, a closing quote or bracket, or a tag; "0.1 ETH",
# "v2.1", "example.com" and "![img](…)" stay inside theirs (the language view blanks digits)
SENTENCE_RE = re.compile(
    r"[^.!?。！？|\n]*(?:[.!?](?=[^\s.!?\"')\]}<>,;])[^.!?。！？|\n]*)*(?:[.!?。！？|]+|\n|$)"
)
DESCRIPTIVE = Lazy(
    r"@notice|@dev|@param|@return|\b(?:phishing|phishers?|scammers?|attackers?|hackers?|"
    r"drainers?|malicious|fraudsters?|users|people|they|in order to|in this case|red flags?|"
    r"warning signs?|scams?|"
    r"for example|such as|"
    r"e\.g\.|could(?! you)|would(?! you)|can be|is used|"
    r"of (?:the )?(?:tokens?|funds|securities|ownership)|"
    r"this (?:tool|function|method|action|eip|erc|standard|proposal|contract)|"
    r"(?:allows?|lets|enables?|returns?|emits?|defines?|specifies|describes|is used to|"
    r"can be used to)\b)",
    F,
)
