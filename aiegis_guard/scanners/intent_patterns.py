"""Compiled patterns of the intent stage (:mod:`aiegis_guard.scanners.intent`), built from
the vocabulary in :mod:`.intent_words`. Most compile on first use
(:class:`~aiegis_guard.lazyre.LazyPattern`): many are gated behind stems that ordinary text
never shows."""

from __future__ import annotations

import re

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners import intent_words as w

F = re.IGNORECASE
OVERSIGHT_RE = LazyPattern(w.OVERSIGHT, F)
VOID_RE = LazyPattern(w.VOID, F)
ADDRESSEE_RE = LazyPattern(w.ADDRESSEE, F)
MODAL_RE = LazyPattern(w.MODAL, F)
NEGATED_RE = LazyPattern(w.NEGATED, F)
# "Bridge quote:", "Transfer of 5 ETH", "Swap fee" - the verb's form used as a noun
NOUN_USE_RE = LazyPattern(
    r"\s*(?:[:(|]|(?:of|successful|succeeded|sent|received|quote|quotes|fee|fees|amount|status|history|request|details|summary|"
    r"limit|tx|transaction|receipt|id|hash|event|events|log|rate|route|price|volume|count|"
    r"total|data|function|method|call|result|failed|succeeded|complete|completed|pending|"
    r"confirmed|executed|submitted|button|page|tab|form|widget)\b)",
    F,
)
NEGATED_AFTER_RE = LazyPattern(w.NEGATED_AFTER, F)
YOURSELF_RE = LazyPattern(w.YOURSELF, F)
LEAD_RE = LazyPattern(w.LEAD, F)
TARGET_RE = LazyPattern(w.TARGET, F)
WALLET_TALK_RE = LazyPattern(w.WALLET_TALK, F)
AUTHORITY_RE = LazyPattern(w.AUTHORITY, F)
URGENCY_RE = LazyPattern(w.URGENCY, F)
SECRECY_RE = LazyPattern(w.SECRECY, F)
COMMAND_RE = LazyPattern(w.COMMAND, F)
LETTERS_RE = re.compile(r"[^\W\d_]{3,}")  # a word (the sentence gate: see intent._wordy)
YOU_RE = LazyPattern(r"\b(?:you|your|tú|tu|você|vous|du|sie|ты|вы)\b|你|您", F)
CLAUSE_RE = LazyPattern(w.CLAUSE, F)
TAMPER_RE = LazyPattern(w.TAMPER, F)
CONSENT_RE = LazyPattern(w.CONSENT, F)
ROUTE_RE = LazyPattern(w.ROUTE, F)
OVERRIDE_RE = LazyPattern(w.OVERRIDE, F)
RECIPIENT_RE = LazyPattern(w.RECIPIENT, F)
MAILBOX_RE = LazyPattern(w.MAILBOX, F)
YOU_ASKED_RE = LazyPattern(
    r"(?<!\bif )(?<!\bwhen )(?<!\bonce )(?<!\bunless )\byou\s+(?:just\s+|now\s+)?$", F
)
DOC_HEAD_RE = LazyPattern(
    r"@(?:notice|dev|param|return)\b|^\s*(?-i:[\w.]*(?:[a-z][A-Z]|_)[\w.]*)\s*:|"
    # a data label before the verb: explorer output, proposal titles, tickets
    r"\b(?:program|instruction|method|action|type|event|function|operation|call|tx|kind|"
    r"proposal|title|motion|resolution|ticket|item|agenda|changelog)\b[\s#\d]*:\s*$",
    F,
)
ENGLISH_RE = LazyPattern(r"\b(?:the|to|and|of|is|are|you|your|for|with|this|that|it|be)\b", F)
RUN_RE = LazyPattern(r"[1-9A-HJ-NP-Za-km-z]{32}")
PERFORM_RE = LazyPattern(w.PERFORM, F)
DECODE_FOLLOW_RE = LazyPattern(w.DECODE_FOLLOW, F)
DESTINATION_RE = LazyPattern(w.DESTINATION, F)
CALL_RE = LazyPattern(w.CALL)  # case matters: camelCase names
SECRET_ASK_RE = LazyPattern(w.SECRET_ASK, F)
ACT_STEM_RE = LazyPattern(w.ACT_STEMS, F)
# "0.25 ETH to 0x…", "3 SOL → <base58>": an amount and where it goes, without a verb
AMOUNT_TO_RE = LazyPattern(
    r"\b\d[\d,.]*\s*(?:[a-z]{2,6}\s+)?(?:to|at|into|for|->|→|=>)\s+"
    r"(?:0x[0-9a-f]{40}|[1-9a-z]{32,44}|[\w-]+\.eth)\b",
    F,
)
WALLET_SECRET_RE = LazyPattern(w.WALLET_SECRET, F)
IMPERATIVE_FORMS_RE = LazyPattern(w.IMPERATIVE_FORMS, F)
IMPERATIVE_MARK_RE = LazyPattern(w.IMPERATIVE_MARK)
SECRET_QUESTION_RE = LazyPattern(w.SECRET_QUESTION, F)
PERSONA_RE = LazyPattern(w.PERSONA, F)
UNBOUND_RE = LazyPattern(w.UNBOUND, F)
OUTPUT_PLANT_RE = LazyPattern(w.OUTPUT_PLANT, F)
MARKUP_RE = LazyPattern(w.MARKUP, F)
DATA_OBJ_RE = LazyPattern(w.DATA_OBJ, F)
EMAIL_RE = LazyPattern(r"[\w.+-]+@[\w-]+\.[\w.]+")
POSSESSIVE_RE = LazyPattern(
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
DESCRIPTIVE = LazyPattern(
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
