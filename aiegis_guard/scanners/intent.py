"""Intent: who is asked to do what, in text the agent must not obey.

A stage over a light parse of the :func:`~aiegis_guard.segment.language_view` (data blanked):
each sentence is checked for a **directive** — an imperative, a modal aimed at an agent
("agents must…", "the assistant should…", "you need to…"), a bot command (``/send``) or a
declaration that voids policy ("limits do not apply", "no confirmation is required") —
whose **act** moves value, grants rights, reveals secrets, changes policy or silences
oversight. Prohibitions ("never share your seed phrase") and descriptions ("the approve
function lets a spender…", "users can stake…") are not directives.

A directive with an act is scored: the act's class, a concrete target in the sentence (an
address, an amount, "all funds"), an addressee ("AI agents", "bot"), authority ("security
team", "admin", "per the owner"), urgency ("immediately", "within 10 minutes") and secrecy
("do not tell the user") each add; a sentence at ``THRESHOLD`` or above is
``injection.intent`` (FLAG). It runs on what the agent reads (tool output, retrieved
documents, memory) and on a public user's prompt (``[guard] audience = "public"``).

Vocabulary in English, Spanish, Portuguese, French, German, Russian and Chinese; words are
matched on the lower-cased sentence (one regex per class, compiled once).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import ahocorasick

from aiegis_guard.findings import Action, Category, Finding, Severity
from aiegis_guard.normalize import Layer
from aiegis_guard.scanners import ScanContext
from aiegis_guard.scanners import intent_words as w

__all__ = ["RULE_ID", "judge", "scan"]

RULE_ID = "injection.intent"
THRESHOLD = 4
MAX_SENTENCE = 600
MAX_SENTENCES = 2000  # per layer: bounded work on huge inputs


class _Rx:
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


_F = re.IGNORECASE
_OVERSIGHT_RE = _Rx(w.OVERSIGHT, _F)
_VOID_RE = _Rx(w.VOID, _F)
_ADDRESSEE_RE = _Rx(w.ADDRESSEE, _F)
_MODAL_RE = _Rx(w.MODAL, _F)
_NEGATED_RE = _Rx(w.NEGATED, _F)
# "Bridge quote:", "Transfer of 5 ETH", "Swap fee" - the verb's form used as a noun
_NOUN_USE_RE = _Rx(
    r"\s*(?:[:(|]|(?:of|successful|succeeded|sent|received|quote|quotes|fee|fees|amount|status|history|request|details|summary|"
    r"limit|tx|transaction|receipt|id|hash|event|events|log|rate|route|price|volume|count|"
    r"total|data|function|method|call|result|failed|succeeded|complete|completed|pending|"
    r"confirmed|executed|submitted|button|page|tab|form|widget)\b)",
    _F,
)
_NEGATED_AFTER_RE = _Rx(w.NEGATED_AFTER, _F)
_YOURSELF_RE = _Rx(w.YOURSELF, _F)
_LEAD_RE = _Rx(w.LEAD, _F)
_TARGET_RE = _Rx(w.TARGET, _F)
_AUTHORITY_RE = _Rx(w.AUTHORITY, _F)
_URGENCY_RE = _Rx(w.URGENCY, _F)
_SECRECY_RE = _Rx(w.SECRECY, _F)
_COMMAND_RE = _Rx(w.COMMAND, _F)
_WORDY_RE = re.compile(r"[^\W\d_]{3}")
_YOU_RE = _Rx(r"\b(?:you|your|tú|tu|você|vous|du|sie|ты|вы)\b|你|您", _F)
_CLAUSE_RE = _Rx(w.CLAUSE, _F)
_TAMPER_RE = _Rx(w.TAMPER, _F)
_CONSENT_RE = _Rx(w.CONSENT, _F)
_ROUTE_RE = _Rx(w.ROUTE, _F)
_OVERRIDE_RE = _Rx(w.OVERRIDE, _F)
_RECIPIENT_RE = _Rx(w.RECIPIENT, _F)
_YOU_ASKED_RE = _Rx(
    r"(?<!\bif )(?<!\bwhen )(?<!\bonce )(?<!\bunless )\byou\s+(?:just\s+|now\s+)?$", _F
)
_DOC_HEAD_RE = _Rx(
    r"@(?:notice|dev|param|return)\b|^\s*(?-i:[\w.]*(?:[a-z][A-Z]|_)[\w.]*)\s*:|"
    # a data label before the verb: explorer output, proposal titles, tickets
    r"\b(?:program|instruction|method|action|type|event|function|operation|call|tx|kind|"
    r"proposal|title|motion|resolution|ticket|item|agenda|changelog)\b[\s#\d]*:\s*$",
    _F,
)
_ENGLISH_RE = _Rx(r"\b(?:the|to|and|of|is|are|you|your|for|with|this|that|it|be)\b", _F)
_RUN_RE = _Rx(r"[1-9A-HJ-NP-Za-km-z]{32}")
_PERFORM_RE = _Rx(w.PERFORM, _F)
_DESTINATION_RE = _Rx(w.DESTINATION, _F)
_CALL_RE = _Rx(w.CALL)  # case matters: camelCase names
_SECRET_ASK_RE = _Rx(w.SECRET_ASK, _F)
_WALLET_SECRET_RE = _Rx(w.WALLET_SECRET, _F)
_IMPERATIVE_FORMS_RE = _Rx(w.IMPERATIVE_FORMS, _F)
_IMPERATIVE_MARK_RE = _Rx(w.IMPERATIVE_MARK)
_SECRET_QUESTION_RE = _Rx(w.SECRET_QUESTION, _F)
_PERSONA_RE = _Rx(w.PERSONA, _F)
_UNBOUND_RE = _Rx(w.UNBOUND, _F)
_OUTPUT_PLANT_RE = _Rx(w.OUTPUT_PLANT, _F)
_MARKUP_RE = _Rx(w.MARKUP, _F)
_DATA_OBJ_RE = _Rx(w.DATA_OBJ, _F)
_EMAIL_RE = _Rx(r"[\w.+-]+@[\w-]+\.[\w.]+")
_POSSESSIVE_RE = _Rx(
    r"\b(?:your|its|the agent's|each signer's|ihre?n?|su|sua|seu|votre|vos|ваш\w*)\s+"
    r"(?:\w+\s+){0,3}?(?:seed|mnemonic|recovery|secret|private|signing|signer|identity|key|"
    r"keystore|keypair|\d+|palabras|wiederherstellungsphrase|clave|chave|clé|сид)",
    _F,
)
# split on the original text: a full stop ends a sentence only before a space or the end, so
# "0.1 ETH", "v2.1" and "example.com" stay inside theirs (the language view blanks digits)
_SENTENCE_RE = re.compile(
    r"[^.!?。！？|\n]*(?:[.!?](?=[^\s.!?])[^.!?。！？|\n]*)*(?:[.!?。！？|]+|\n|$)"
)
_DESCRIPTIVE = _Rx(
    r"@notice|@dev|@param|@return|\b(?:phishing|phishers?|scammers?|attackers?|hackers?|"
    r"drainers?|malicious|fraudsters?|users|people|they|in order to|in this case|red flags?|"
    r"warning signs?|scams?|"
    r"for example|such as|"
    r"e\.g\.|could(?! you)|would(?! you)|can be|is used|"
    r"of (?:the )?(?:tokens?|funds|securities|ownership)|"
    r"this (?:tool|function|method|action|eip|erc|standard|proposal|contract)|"
    r"(?:allows?|lets|enables?|returns?|emits?|defines?|specifies|describes|is used to|"
    r"can be used to)\b)",
    _F,
)


@dataclass(frozen=True, slots=True)
class Judgement:
    """Why a sentence reads as a directive to the agent."""

    score: int
    act: str
    cues: tuple[str, ...]


def _negated(sentence: str, start: int, end: int) -> bool:
    """A prohibition ("never share", "ne partagez jamais", "teile niemals"), or advice to
    the human reader ("move your assets yourself")."""
    return bool(
        _NEGATED_RE.search(sentence[max(0, start - 40) : start])
        or _NEGATED_AFTER_RE.match(sentence, end)
        or _YOURSELF_RE.search(sentence)
    )


def _verbs(sentence: str) -> tuple[dict[str, list[tuple[int, int]]], set[str]]:
    """Act verbs and objects by class as (start, end) from one automaton pass, and which
    stems occur (``stem``: the declaration patterns; ``g:*``: a gated pattern's)."""
    low = sentence.lower()
    if len(low) != len(sentence):  # a few characters change length when lower-cased
        low = sentence
    found: dict[str, list[tuple[int, int]]] = {}
    present: set[str] = set()
    for end, (word, kinds, stems) in _cues().iter(low):
        start = end - len(word) + 1
        present |= stems
        if not kinds:
            continue
        if not w.is_unspaced(word[0]) and (
            (start and low[start - 1].isalpha()) or (end + 1 < len(low) and low[end + 1].isalpha())
        ):
            continue
        for kind in kinds:
            found.setdefault(kind, []).append((start, end + 1))
    return found, present


def _declared(sentence: str, value: bool, present: set[str]) -> tuple[str, int] | None:
    if "g:void" in present and _VOID_RE.search(sentence):
        return "policy-void", 0
    if "g:route" in present and _ROUTE_RE.search(sentence):
        return "value-route", 0
    if (
        "g:consent" in present
        and _CONSENT_RE.search(sentence)
        and (value or _TARGET_RE.search(sentence))
    ):
        return "consent-claim", 0
    m = _TAMPER_RE.search(sentence) if "g:tamper" in present else None
    if m and not _negated(sentence, m.start(), m.end()):
        return "tamper", m.start()
    return None


def _candidates(sentence: str, raw: str) -> Iterator[tuple[str, int]]:
    """Each act asked for (class, where its verb starts), most telling first."""
    verbs, present = _verbs(sentence)
    declared = _declared(sentence, "value" in verbs, present) if "stem" in present else None
    if declared is not None:
        yield declared
    secret = "reveal" in verbs and bool(
        "secret" in verbs
        or ("g:wsecret" in present and _WALLET_SECRET_RE.search(raw))
        or ("g:data" in present and "@" in raw and _EMAIL_RE.search(raw))
    )
    policy_objects = [start for start, _ in verbs.get("pobj", ())]
    for name in ("reveal", "value", "rights", "policy"):
        for start, end in sorted(verbs.get(name, ())):
            if name == "reveal" and not secret:
                continue
            if (
                name == "reveal"
                and sentence[start:end].lower() in w.WEAK_REVEAL
                and not _DESTINATION_RE.search(raw, end)
            ):
                continue
            if name == "policy" and not any(at >= end for at in policy_objects):
                continue
            if _negated(sentence, start, end) or _NOUN_USE_RE.match(raw, end):
                continue
            yield name, start
    m = _PERFORM_RE.search(raw) if "g:perform" in present else None
    if m and not _negated(sentence, m.start(), m.end()):
        yield "value", m.start()
    m = _CALL_RE.search(raw) if "g:call" in present else None
    if m and not _negated(sentence, m.start(), m.end()):
        yield "call", m.start()
    m = _SECRET_ASK_RE.search(raw) if {"g:ask", "g:wsecret"} <= present else None
    if m and _WALLET_SECRET_RE.search(raw, m.end()) and not _negated(raw, m.start(), m.end()):
        yield "secret-ask", m.start()
    yield from _jailbreak(sentence, raw, present)
    m = _OVERSIGHT_RE.search(sentence) if {"stem", "g:oversight"} <= present else None
    if m:
        yield "oversight", m.start()


def _jailbreak(sentence: str, raw: str, present: set[str]) -> Iterator[tuple[str, int]]:
    """Acts on the agent itself: its instructions asked for, a persona without rules, text
    planted in its answer."""
    m = _SECRET_QUESTION_RE.search(sentence) if "g:question" in present else None
    if m:
        yield "secret-question", m.start()
    m = _PERSONA_RE.search(sentence) if "g:persona" in present else None
    if m and _UNBOUND_RE.search(raw):
        yield "persona", m.start()
    m = _OUTPUT_PLANT_RE.search(raw) if "g:plant" in present else None
    if m and not _negated(raw, m.start(), m.end()):
        yield "output-plant", m.start()


def _has_recipient(raw: str, pos: int = 0) -> bool:
    """An address, name, mailbox, handle or account number at or after ``pos``."""
    low = raw.lower()
    if not ("0x" in low or "@" in raw or ".eth" in low or "account" in low or _RUN_RE.search(raw)):
        return False
    return _RECIPIENT_RE.search(raw, pos) is not None


def _imperative(sentence: str, raw: str, verb_at: int) -> bool:
    """The verb opens its clause (after a vocative, a courtesy or a causative), has an
    imperative form, or a verb-final language's imperative ending follows it. A doc
    comment (``@notice Transfer…``) or a tool's name before a colon (``send_email: Send…``)
    describes."""
    if _DOC_HEAD_RE.search(raw[:verb_at]):
        return False
    for before in (sentence[:verb_at], raw[:verb_at]):
        if _LEAD_RE.fullmatch(before) or _LEAD_RE.fullmatch(_CLAUSE_RE.split(before)[-1]):
            return True
    if _IMPERATIVE_FORMS_RE.match(raw, verb_at):
        return True
    return w.is_unspaced(raw[verb_at : verb_at + 1]) and bool(
        _IMPERATIVE_MARK_RE.search(raw, verb_at)
    )


def _directive(sentence: str, raw: str, verb_at: int, act: str) -> str | None:
    """How the act is asked for: imperative, modal, command, declaration; None: described."""
    if act in _DECLARED:
        return "declaration"
    if _COMMAND_RE.search(sentence):
        return "command"
    if _imperative(sentence, raw, verb_at):
        return "imperative"
    before = sentence[:verb_at]
    modal = _MODAL_RE.search(before[-60:])
    if modal and modal.group().isupper() and not _has_recipient(raw):
        modal = None  # a specification's MUST / SHOULD, unless it names where value goes
    if modal and not _DESCRIPTIVE.search(before):
        # aimed at the agent ("agents must", "you should") or at a named recipient, not a
        # third party or a question
        aimed = (
            _ADDRESSEE_RE.search(sentence) or _YOU_RE.search(before) or _has_recipient(raw, verb_at)
        )
        if aimed and not (sentence.rstrip().endswith("?") and not _YOU_RE.search(before)):
            return "modal"
    if _YOU_ASKED_RE.search(before[-40:]) and _has_recipient(raw, verb_at):
        return "modal"  # "…is that you perform a transfer to 0x…", "you send me 1 ETH at 0x…"
    if act == "oversight":
        return "imperative"
    return None


_BASE = {"value": 2, "rights": 2, "reveal": 4, "policy": 2, "oversight": 2, "call": 2}
_BASE |= {"unparsed": 0, "secret-ask": 2, "secret-question": 3, "persona": 3, "output-plant": 2}
_DECLARED = frozenset(
    {"policy-void", "value-route", "consent-claim", "secret-ask", "secret-question", "persona"}
)


def judge(sentence: str, raw: str | None = None, addressed: bool = False) -> Judgement | None:
    """The directive in ``sentence`` (language view) and its score; ``raw`` (the same span
    of the original text) is where targets such as addresses are looked for; ``addressed``:
    the text around it speaks to agents or bots."""
    full = raw if raw is not None and len(raw) == len(sentence) else sentence
    for act, at in _candidates(sentence, full):
        how = _directive(sentence, full, at, act)
        if how is not None:
            return _score(sentence, full, act, how)
    return _unparsed(sentence, full, addressed)


def _unparsed(sentence: str, full: str, addressed: bool) -> Judgement | None:
    """A sentence the vocabulary cannot parse (a language it does not cover) that names a
    recipient: judged by its cues alone, which must add up on their own (an amount or token,
    agents addressed, authority, urgency, secrecy)."""
    if _ENGLISH_RE.search(sentence) or not _has_recipient(full):
        return None
    j = _score(sentence, full, "unparsed", "none")
    if addressed and "addressee" not in j.cues:
        return Judgement(j.score + 1, j.act, (*j.cues, "addressee"))
    return j


def _score(sentence: str, full: str, act: str, how: str) -> Judgement:
    cues = [f"act:{act}", f"directive:{how}"]
    score = _BASE.get(act, 3)
    if act == "policy" and _OVERRIDE_RE.search(sentence):
        cues.append("override")  # "ignore all previous instructions"
        score += 2
    score += 1 if how in ("modal", "command", "declaration") else 0
    if act != "policy-void" and _has_recipient(full):
        cues.append("recipient")  # where the value or the secret goes
        score += 1
    for name, rx in (
        ("target", _TARGET_RE),
        ("addressee", _ADDRESSEE_RE),
        ("authority", _AUTHORITY_RE),
        ("urgency", _URGENCY_RE),
        ("secrecy", _SECRECY_RE),
    ):
        if rx.search(full):
            cues.append(name)
            score += 1
    if act == "output-plant" and _MARKUP_RE.search(full):
        cues.append("markup")  # an image or link that carries data out, or an encoding
        score += 2
    if act == "secret-ask" and _POSSESSIVE_RE.search(full):
        cues.append("possessive")  # "your 24 words", "each signer's key"
        score += 1
    if _DESCRIPTIVE.search(sentence) and "addressee" not in cues:
        score -= 2
    return Judgement(score, act, tuple(cues))


@cache
def _cues() -> ahocorasick.Automaton:
    """Every act word (with its classes) and declaration stem, for one C-speed pass per
    sentence: a sentence without any cannot hold an act and skips the regexes."""
    kinds: dict[str, set[str]] = {}
    stems: dict[str, set[str]] = {}
    lists = (
        ("value", w.VALUE_WORDS),
        ("rights", w.RIGHTS_WORDS),
        ("reveal", w.REVEAL_WORDS),
        ("policy", w.POLICY_WORDS),
        ("secret", w.SECRET_OBJ_WORDS),
        ("pobj", w.POLICY_OBJ_WORDS),
    )
    for kind, words in lists:
        for word in words.lower().split():
            kinds.setdefault(word.replace("_", " "), set()).add(kind)
    for kind, words in (("stem", w.CUE_STEMS), *((f"g:{k}", v) for k, v in w.GATES.items())):
        for word in words.lower().split():
            stems.setdefault(word.replace("_", " "), set()).add(kind)
    auto = ahocorasick.Automaton()
    for word in kinds.keys() | stems.keys():
        of = (frozenset(kinds.get(word, ())), frozenset(stems.get(word, ())))
        auto.add_word(word, (word, *of))
    auto.make_automaton()
    return auto


def _has_cue(sentence: str) -> bool:
    return next(_cues().iter(sentence.lower()), None) is not None


def _sentences(view: str, text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _SENTENCE_RE.finditer(text):
        a, b = m.span()
        if b - a > MAX_SENTENCE:
            b = a + MAX_SENTENCE
        if _WORDY_RE.search(view, a, b) and (_has_cue(view[a:b]) or "0x" in text[a:b]):
            out.append((a, b))
            if len(out) >= MAX_SENTENCES:
                break
    return out


def _finding(j: Judgement, span: tuple[int, int]) -> Finding:
    return Finding(
        rule_id=RULE_ID,
        category=Category.INJECTION,
        severity=Severity.HIGH if j.score >= THRESHOLD + 2 else Severity.MEDIUM,
        action=Action.FLAG,
        message=f"content tells the agent to act ({j.act}; score {j.score})",
        span=span,
        evidence=tuple(j.cues),
        score=min(1.0, j.score / 8),
    )


def scan(layer: Layer, ctx: ScanContext) -> list[Finding]:
    """``injection.intent`` for each directive sentence in untrusted text."""
    if not ctx.untrusted:
        return []
    from aiegis_guard.segment import language_view  # numpy: only for untrusted text

    text = layer.text
    view = language_view(text)
    found: list[Finding] = []
    addressed: bool | None = None  # does the text speak to agents anywhere (asked once)
    for a, b in _sentences(view, text):
        j = judge(view[a:b], text[a:b])
        if j is not None and j.act == "unparsed" and j.score == THRESHOLD - 1:
            if addressed is None:
                addressed = _ADDRESSEE_RE.search(view) is not None
            j = judge(view[a:b], text[a:b], addressed)
        if j is not None and j.score >= THRESHOLD:
            found.append(_finding(j, (a, b)))
            if len(found) >= 8:
                break
    return found
