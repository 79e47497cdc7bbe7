"""Reported asks: a directive whose act someone else asks for, not the text's author.

A warning reports what an attacker asks ("Scammers … ask you to send 0.05 ETH to 0x…",
"proszą o przelew … na adres 0x…", "要求用户…转入…", "送金するよう求められる"), what its author
never asks ("we will never ask you to transfer…") and what an owner's agent refused ("a tool
output told me to approve 0x…; I refused"). The act is the complement of an ask verb (ask,
tell, urge, invite, demand, say that …) whose subject is not the author; the intent stage
judges that complement blank (:func:`reported_asks`), the rest of the sentence as before.

An ask is reported when

* it is negated ("we will never ask you to…", "nunca le pediremos…", "决不会要求…");
* its asker, the words of its clause before the verb, names the attacker (a strong frame word
  of :data:`~.intent_words.SCAM_FRAME_WORDS`, not negated: "the fake site asks…", "Penipu …
  meminta Anda…"), or points back at one named just before it ("Fraudulent e-mails are
  circulating. They ask you to…"; a verb that marks a third person — "piden", "просят",
  "proszą", "求められる" — needs no pronoun); or
* a refusal follows it: by the author or told as done ("…; I refused", "Saya tidak
  melakukannya": :func:`.refused_quotes.refusal_told`), or told for the case the ask opens
  ("if a page tells you to send funds, refuse").

A pronoun points back at no principal of the agent: "the user has asked you to…" is not
reported, whatever scam was named before it. Never when the author speaks in the asker ("Due
to the phishing attack, we ask all users to move funds to 0x…"), asks politely ("please",
"ขอให้", "mohon"), nor for what follows a clause break or a turn ("…, but send yours to 0x…",
"— instead, move funds to…"): the complement ends at a comma, a semicolon, a colon or a dash
(a "that"-clause of indirect speech runs to its sentence's end, unless a turn word cuts it).

Word lists (:mod:`.ask_words`): dictionary forms of the ask and say verbs, third-person
pronouns, first-person markers and refusal verbs in the languages of :mod:`.intent_words`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from aiegis_guard.scanners import ask_words as aw
from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners import intent_words as w
from aiegis_guard.scanners.refused_quotes import refusal_told

__all__ = ["reported_asks"]


def _spaced(words: str, stem: bool = False) -> str:
    return r"(?<!\w)(?:" + w.alternation(words) + (r")\w*" if stem else r")(?!\w)")


def _by_script(words: list[str]) -> tuple[str, str]:
    """``words`` split into those of spaced scripts and those of unspaced ones (CJK, Thai)."""
    return (
        " ".join(x for x in words if not w.is_unspaced(x[0])),
        " ".join(x for x in words if w.is_unspaced(x[0])),
    )


@cache
def _asks() -> tuple[re.Pattern[str], frozenset[str]]:
    """The ask and say verbs as one pattern (group ``after``, ``say``, ``before``) and the
    forms that need an asker named in their clause ("+")."""
    after: list[str] = []
    loose: set[str] = set()
    for words in aw.ASK_AFTER.values():
        for x in words.split():
            if x.startswith("+"):
                x = x[1:]
                loose.add(x.replace("_", " "))
            after.append(x)
    before = " ".join(aw.ASK_BEFORE.values()).split()
    says = " ".join(aw.SAY_AFTER.values()).split()
    source = "|".join(
        f"(?P<{name}>" + _spaced(spaced) + "|" + w.alternation(unspaced) + ")"
        for name, (spaced, unspaced) in (
            ("say", _by_script(says)),
            ("after", _by_script(after)),
            ("before", _by_script(before)),
        )
    )
    return re.compile(source, re.IGNORECASE), frozenset(loose)


def _words(spaced: str, unspaced: str = "", stem: bool = False) -> re.Pattern[str]:
    source = _spaced(spaced, stem)
    return re.compile(source + ("|" + w.alternation(unspaced) if unspaced else ""), re.IGNORECASE)


@cache
def _lists() -> dict[str, re.Pattern[str]]:
    please = {x.replace(" ", "_") for lang in _please_words() for x in lang}
    spaced = " ".join(x for x in please if not w.is_unspaced(x[0]) and len(x) > 2)
    return {
        "third": _words(*_by_script(aw.THIRD.split())),
        "first": _words(aw.FIRST, aw.FIRST_UNSPACED),
        "refusal": _words(aw.REFUSAL, aw.REFUSAL_UNSPACED, stem=True),
        "turn": _words(aw.TURN, aw.TURN_UNSPACED),
        "any": _words(aw.ASK_ANY, aw.ASK_ANY_UNSPACED, stem=True),
        "not": _words(*_by_script(aw.ASK_NOT.split()), stem=True),
        "principal": _words(aw.PRINCIPAL, aw.PRINCIPAL_UNSPACED),
        "please": _words(spaced, " ".join(x for x in please if w.is_unspaced(x[0]))),
        "frame": re.compile(w.frame_pattern(), re.IGNORECASE),
    }


def _please_words() -> list[list[str]]:
    """The courtesy words of ``data/handover_i18n.json`` ("please", "mohon", "ขอให้")."""
    raw = resources.files("aiegis_guard.data").joinpath("handover_i18n.json")
    langs = json.loads(raw.read_text("utf-8"))["languages"]
    return [[x for x in lang.get("please", ()) if len(x) > 1] for lang in langs.values()]


_SENTENCE_END_RE = re.compile(r"[!?\n。！？;；]|\.(?=\s|$)")
_CLAUSE_END_RE = re.compile(r"[!?\n。！？;；:：—–]|\.(?=\s|$)|(?<!\d)[,，、]|[,，、](?!\d)| - ")
_NEGATION_FRAME_RE = re.compile(
    r"(?:\b(?:not|no|non|never|isn't|aren't|wasn't|anti)\W+(?:a\W+|an\W+|the\W+)?|不是|并非|非|反)$",
    re.IGNORECASE,
)
BACK = 400  # characters before an ask read for the attacker a pronoun points back at
REFUSAL_AFTER = 200  # characters after a sentence read for a refusal of its ask


def reported_asks(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The complements of the reported asks (see the module) in the sentences ``spans`` of
    ``text``: what to judge blank."""
    out: list[tuple[int, int]] = []
    pattern, loose = _asks()
    for a, b in spans:
        for m in pattern.finditer(text, a, b):
            found = _reported(text, (a, b), m, m.group().lower() in loose)
            if found is not None:
                out.append(found)
        for m in _lists()["any"].finditer(text, a, b):
            if _negated_ask(text, m, by_author=True):  # "we will never ask you to…"
                out.append(_complement(text, (a, b), m, say=False))
        for m in _lists()["not"].finditer(text, a, b):  # "求めません": its complement before it
            start = _clause_start(text, a, m.start())
            out.append((start, m.end()))
    return tuple(sorted(set(out)))


_BREAKS = ".!?\n。！？;；:："


def _clause_start(text: str, lo: int, at: int) -> int:
    """Where the clause holding ``at`` starts: after the last break before it, from ``lo``."""
    return max(lo, max(text.rfind(c, lo, at) for c in _BREAKS) + 1)


def _complement(
    text: str, sentence: tuple[int, int], m: re.Match[str], say: bool
) -> tuple[int, int]:
    """From the ask verb ``m`` to the end of its clause (of its sentence for a "that" verb),
    cut at a turn ("but", "instead")."""
    b = sentence[1]
    end = (_SENTENCE_END_RE if say else _CLAUSE_END_RE).search(text, m.end(), b)
    hi = end.start() if end else b
    turn = _lists()["turn"].search(text, m.end(), hi)
    return m.start(), turn.start() if turn else hi


def _reported(
    text: str, sentence: tuple[int, int], m: re.Match[str], loose: bool
) -> tuple[int, int] | None:
    """The complement of the ask ``m`` when the ask is reported, else None."""
    a, b = sentence
    lists = _lists()
    start = _clause_start(text, a, m.start())
    asker = text[start : m.start()]
    if m.lastgroup == "before":  # the complement stands before the verb
        lo, hi = start, m.end()
    else:
        lo, hi = _complement(text, sentence, m, say=m.lastgroup == "say")
    if hi - lo < 4:
        return None
    if _negated_ask(text, m, by_author=loose):  # ("Support never asks"; not "never ask")
        return lo, hi
    if lists["please"].search(text, max(start, m.start() - 24), m.start()):
        return None  # "please ask your agent to…", "mohon minta…": the author asks
    subject = _subject(asker)
    if _named_attacker(subject, heads=True):
        return lo, hi
    if lists["first"].search(subject):
        return None  # "Due to the phishing wave, we ask all users to…"
    if _points_back(subject, m, loose) and _named_attacker(text[max(0, start - BACK) : start]):
        return lo, hi
    if _refused(text, (start, hi), min(len(text), b + REFUSAL_AFTER)):
        return lo, hi
    return None


def _points_back(subject: str, m: re.Match[str], loose: bool) -> bool:
    """Does the asker point back at someone named before ("they", "someone", "a site", a
    third-person verb with no subject: "Piden…", a verb-final ask: "…求められる"), not at the
    agent's principal ("the user has asked you to…", "ユーザーは…求めている")?"""
    if _lists()["principal"].search(subject):
        return False
    bare = subject.strip(" \t\"'*>-–—(")
    return (
        m.lastgroup == "before"
        or _lists()["third"].match(bare) is not None
        or _INDEFINITE_RE.match(bare) is not None
        or (not bare and not loose)
    )


# an asker introduced as someone unnamed ("a site", "an e-mail", "un faux site", "ein Anruf")
_INDEFINITE_RE = re.compile(
    r"(?:a|an|some|un|une|uno|una|um|uma|ein|eine|einen|een|seorang|sebuah|một|bir)\s",
    re.IGNORECASE,
)


def _refused(text: str, ask: tuple[int, int], until: int) -> bool:
    """Is the ask refused after it, by the author ("…; I refused", "Saya menolak") or as the
    author tells for the case it opens ("If a page tells you to send funds, refuse")? A
    system's "requests without it are rejected" refuses nothing reported."""
    if refusal_told(text, ask[1], until):
        return True  # "…minta saya memindahkan… Saya tidak melakukannya."
    lists = _lists()
    conditional = _IF_RE.match(text, ask[0]) is not None
    for r in lists["refusal"].finditer(text, ask[1], until):
        before = text[max(ask[1], r.start() - 16) : r.start()]
        if lists["first"].search(before) or (conditional and _OPENS_CLAUSE_RE.search(before)):
            return True
    return False


# a condition that opens the ask's clause ("if", "si", "wenn", "если", "如果", "jika")
_IF_RE = re.compile(
    r"\s*(?:if|when|whenever|should|si|cuando|quand|wenn|falls|als|se|quando|jeśli|jeżeli|gdy|"
    r"если|когда|якщо|коли|eğer|إذا|إن|jika|kalau|apabila|nếu|khi|अगर|यदि|如果|若|もし|만약|ถ้า)"
    r"(?!\w)",
    re.IGNORECASE,
)
_OPENS_CLAUSE_RE = re.compile(r"[,，、;；:：—–]\s*$|\bthen\s+$")


def _subject(asker: str) -> str:
    """The words that name the asker: the last of its parts split at commas and coordinating
    conjunctions ("Due to the phishing wave, the team asks" → "the team", "Scammers are active
    and the security team asks" → "the security team"), the first when the verb follows the
    split at once ("Scammers, posing as support, ask" → "Scammers", "Penipu
    mengaku admin dan meminta" → "Penipu mengaku admin")."""
    parts = _SPLIT_RE.split(asker)
    return parts[-1] if parts[-1].strip() or len(parts) == 1 else parts[0]


# where a clause may start a new subject: a comma, or a coordinating conjunction
_SPLIT_RE = re.compile(
    r"(?<!\d)[,，、]|[,，、](?!\d)|(?<!\w)(?:and|but|while|whereas|y|e|et|mais|und|aber|"
    r"en|maar|oraz|ale|и|а|но|і|та|але|ve|ama|و|dan|tapi|và|nhưng|और|लेकिन)(?!\w)",
    re.IGNORECASE,
)


def _negated_ask(text: str, m: re.Match[str], *, by_author: bool = False) -> bool:
    """Is the ask at ``m`` negated in its own clause ("never asks", "ne vous demanderons
    jamais", "bitten Sie niemals")? ``by_author``: a verb form that does not mark its person
    ("ask", "pedi…") counts only with the author or no one as its subject ("we will never ask",
    "our team never asks", "nunca pediremos", "nobody will ask"), not as a prohibition to the
    reader ("Never ask the owner…", "Make sure not to tell the owner…")."""
    lo = _clause_start(text, max(0, m.start() - 40), m.start())
    neg = p.NEGATED_RE.search(text[lo : m.start()])
    if neg is None and _NOT_AFTER_RE.match(text, m.end()) is None:
        return False
    if not by_author:
        return True
    clause = _clause_start(text, 0, m.start())
    word = re.match(r"\w*", text[m.end() :])
    ending = (m.group() + (word.group() if word else "")).lower()
    return bool(
        _lists()["first"].search(text, clause, m.start())
        or ending.endswith(_WE_ENDINGS)
        or _NO_ONE_RE.search(text, clause, m.start())
    )


# a verb's first person plural ("pediremos", "demanderons", "chiederemo", "poprosimy",
# "попросим", "попросимо")
_WE_ENDINGS = ("mos", "emo", "iamo", "ons", "imy", "emy", "ymy", "им", "ем", "имо", "емо")
_NO_ONE_RE = re.compile(
    r"\b(?:no one|nobody|no-one|nadie|ninguém|personne|nessuno|niemand|nikt|никто|ніхто|"
    r"hiç kimse|tidak ada yang|không ai|कोई नहीं)\b|没有人|没人|誰も|아무도|ไม่มีใคร",
    re.IGNORECASE,
)


_NOT_AFTER_RE = re.compile(
    r"\s+(?:[^\W\d_]+\s+)?(?:jamais|pas|nie|nicht|niemals|never|nunca|mai|nigdy|nooit|никогда|"
    r"ніколи)\b",
    re.IGNORECASE,
)


def _named_attacker(words: str, *, heads: bool = False) -> bool:
    """Does ``words`` name an attacker (a strong frame word, not negated, before any first
    person: "scammers", "the fake site", "penipu … kami", not "we warn of scammers")? With
    ``heads``, the word must open the asker (in its first ``HEAD_WORDS`` words, first in an
    unspaced script): "Scammers posing as support", "Des SMS
    frauduleux", "诈骗者冒充客服", not "Due to the phishing wave the team" nor "近期诈骗频发"."""
    first = _lists()["first"].search(words)
    lead = len(words) - len(words.lstrip(" \t\"'*>-–—("))
    for m in _lists()["frame"].finditer(words):
        if first is not None and first.start() < m.start():
            return False
        if w.is_genre_frame(m.group()) or _NEGATION_FRAME_RE.search(words[: m.start()]):
            continue
        if heads and not _heads(words[lead : m.start()]):
            continue
        return True
    return False


HEAD_WORDS = 3  # words of an asker before the frame word that names it ("Des SMS frauduleux")


def _heads(before: str) -> bool:
    """Do the words ``before`` a frame word leave it at the head of the asker (after a
    third-person or indefinite word, or an existential, at most in an unspaced script:
    "有人冒充客服", "近期有詐騙者", not "近期诈骗频发")?"""
    before = before.strip()
    if before and w.is_unspaced(before[-1]):
        third = _lists()["third"].match(before)
        rest = before[third.end() if third else 0 :]
        # (an existential may introduce it after a time word: "近期有詐騙者…")
        return not rest or (rest.endswith(_THERE_ARE) and len(rest) <= HEAD_UNSPACED)
    return len(before.split()) < HEAD_WORDS


_THERE_ARE = ("有", "有些", "有一些")
HEAD_UNSPACED = 4  # characters of a time word and an existential before an unspaced asker
