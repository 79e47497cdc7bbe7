"""Endorsement: a text that tells its reader to do what a quote in it says.

A write-up quotes an attacker's order to report it; an attack wraps its order in the same
frame and then tells the reader to act on it: "Proceed accordingly.", "Go ahead.", "Execute
the above.", "Your turn: replicate it for this wallet.", "Please comply with the quoted
instruction.", "haz lo mismo", "exécutez ce qui précède", "führen Sie das aus", "выполните
это", "按上述操作". :func:`endorses` reads the text outside the quotes (:mod:`.reported` blanks
them) for a compliance verb whose object points back at the quote or an act with no object of
its own, not negated ("do not proceed") and, in English, at the head of its clause (an
imperative, not "how developers implement it" or "reply 'yes' to proceed").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

from aiegis_guard.automata import WordAutomaton
from aiegis_guard.litgate import fold, match_starts, word_boundary

__all__ = ["endorses", "vouches"]

# the reader told to do what a quote says: a compliance verb whose object points back at the
# quote ("do the same now", "execute the above", "comply with the quoted instruction",
# "replicate it for this wallet", "complete the same steps"), an act with no object of its own
# ("Proceed accordingly.", "Go ahead.", "Your turn"), in the covered languages ("haz lo mismo",
# "exécutez ce qui précède", "führen Sie das aus", "выполните это", "照做", "按上述操作"): the
# quote is then the order, not a report
_BACK = (
    r"(?:it|that|this|them|these|those|(?:the\s+)?same|likewise|what\s+(?:it|they|the\s+\w+)\s+"
    r"says?|(?:the|that|this|these|those|its|their|said)\s+(?:\w+\s+){0,2}?(?:instructions?|"
    r"payload|message|command|order|request|note|steps?|actions?|procedure|process|directions?|"
    r"directives?|guidance|transfers?|migration|text|quote|above|below)|the\s+(?:above|below|"
    r"following|quoted|aforementioned)(?:\s+\w+){0,2}?)"
)
_NOW_OR_END = (
    r"(?=\W*(?:now|immediately|too|as\s+well|right\s+away|here|(?:for|on|with)\s+(?:this|"
    r"your|the|our)\s+(?:wallet|account|treasury|vault|agent|one)|[.!;。！]|$|"
    # a deadline ("Complete it before 12:00 UTC.", "do the same by Friday", "within 24 hours")
    r"today|tonight|asap|at\s+once|(?:before|by|until|no\s+later\s+than)\s+(?:\d|noon|midnight|"
    r"today|tonight|tomorrow|eod|(?:the\s+)?(?:end|deadline|snapshot|cut-?off)\b|(?:mon|tues|"
    r"wednes|thurs|fri|satur|sun)day)|within\s+(?:\d|an?\s|one\s|the\s+next)))"
)
_ENDORSE_EN = (
    r"\b(?:do(?:ing)?|repeat|redo|follow|execute|run|obey|carry\s+out|perform|act\s+on|action|"
    r"comply\s+with|apply|complete|finish|replicate|reproduce|mirror|copy|implement|process|"
    r"honou?r|fulfil+|heed|enact|proceed\s+with|go\s+through\s+with|handle)\s+" + _BACK,
    r"\bwhat\s+(?:it|the\s+\w+)\s+says\b",
    r"\b(?:proceed|continue|act|carry\s+on)\s+(?:accordingly|as\s+(?:instructed|described|"
    r"directed|stated|quoted|requested|written|shown|above|below))\b",
    r"\b(?:proceed|go\s+ahead|carry\s+on|make\s+it\s+so)",
    r"\byour\s+turn\b|\b(?:the\s+)?same\s+(?:for|on|with)\s+(?:this|your|our)\s+(?:wallet|"
    r"account|treasury|vault|agent)\b",
    # a value act sent where the quote or the text put it ("Send it there now.")
    r"\b(?:send|transfer|move|migrate|wire|pay|sweep|bridge)\s+(?:it|them|that|everything|all|"
    r"the\s+(?:funds|balance|tokens|assets))\s+there\b",
)
_ENDORSE_EN_RE = re.compile(
    "|".join(part + (_NOW_OR_END if i in (0, 3) else "") for i, part in enumerate(_ENDORSE_EN)),
    re.IGNORECASE | re.MULTILINE,
)
# an English endorsement counts at the head of its clause, as an imperative ("Please comply
# with…", "Agents: do the same", "You should do the same"), not in a description ("how
# developers implement it", "Reply 'yes' to proceed")
_CLAUSE_HEAD_RE = re.compile(
    r"(?:(?:please|kindly|now|so|then|and|just|simply|ok(?:ay)?|do|go|agents?|assistants?|bots?|"
    r"you|should|must|need\s+to|have\s+to|can|also|all|everyone)\s+)*",
    re.IGNORECASE,
)
_ENDORSE_RE = re.compile(
    r"(?:\b(?:haz|haga|hagan|fa[çc]a|fa[çc]am|faites|mach|machen\s+sie|tu[en]?\s+sie)\s+"
    r"(?:lo|o|de|das|dasselbe)\s*(?:mismo|mesmo|même|gleiche|selbe)?\b|\bfa(?:i|te)\s+lo\s+"
    r"stesso\b|\bfaites\s+pareil\b|"
    r"\b(?:procede|procedan?|proceda[ms]?|prossiga[ms]?|procédez|procedi|procedete)\b"
    r"(?:\s+(?:en\s+consecuencia|así|assim|de\s+acordo|en\s+conséquence|di\s+conseguenza))?|"
    r"\b(?:ejecut[ae](?:lo|d)?|execute|exécutez|esegui)\s+(?:lo\s+anterior|eso|esto|isso|isto|"
    r"o\s+acima|ceci|cela|ce\s+qui\s+précède|quanto\s+sopra|questo|ciò)\b|"
    r"\b(?:sigue|siga|suivez|segui)\s+(?:esas|estas|essas|ces|queste)\s+"
    r"(?:instrucciones|instruções|instructions|istruzioni)\b|"
    r"\b(?:te\s+toca|sua\s+vez|à\s+(?:vous|toi)\s+de\s+jouer|tocca\s+a\s+te|du\s+bist\s+dran)\b|"
    r"\bagissez\s+en\s+conséquence\b|\bf(?:ahre|ahren\s+sie)\s+(?:entsprechend\s+)?fort\b|"
    r"\bführen?\s+(?:sie\s+)?(?:das|dies|es|obiges)\s+(?:\w+\s+)?aus\b|"
    r"\bhandeln?\s+(?:sie\s+)?entsprechend\b|"
    r"сделай(?:те)?\s+то\s+же|выполни(?:те)?\s+(?:это|вышеуказанн\w*|указанн\w*)|"
    r"действуй(?:те)?\s+соответственно|твоя\s+очередь)" + _NOW_OR_END +
    # unspaced scripts: a verb ending follows ("上記を実行してください"), no "now" or stop
    r"|照做|照此执行|同样操作|照着做|轮到你|按(?:照)?(?:上述|以上|上面|上文)(?:指示|指令|要求)?"
    r"(?:操作|执行|办)|执行(?:上述|以上|上面)(?:指示|指令|操作)?|"
    r"同じように(?:実行|し)|上記(?:の通り|のとおり|を実行)|その通りに|똑같이|"
    r"위\s*(?:내용|지시)(?:대로|를\s*실행)|그대로\s*(?:실행|진행)",
    re.IGNORECASE | re.MULTILINE,
)


@functools.cache
def _starts_of(rxs: tuple[re.Pattern[str], ...]) -> WordAutomaton:
    """One automaton of the strings every match of ``rxs`` begins with, read off the patterns
    (:func:`~aiegis_guard.litgate.match_starts`: a word added to a pattern is looked for), each
    with the patterns it may start and whether that start needs a word boundary."""
    found: dict[str, list[tuple[int, bool]]] = {}
    for n, rx in enumerate(rxs):
        starts = match_starts(rx.pattern, rx.flags)
        if starts is None:  # pragma: no cover - every pattern here begins with fixed words
            raise ValueError(f"pattern {n} does not fix how its matches begin")
        for head, boundary in starts.items():
            found.setdefault(head, []).append((n, boundary))
    heads: list[tuple[str, tuple[int, tuple[tuple[int, bool], ...]]]] = []
    for head, of in found.items():
        # a pattern's word that extends a shorter word of its own is dropped: wherever it
        # begins the shorter one begins too and tries the pattern (its \b flag holds for
        # every match that begins with it), so each place is tried once per pattern
        kept = tuple(
            (n, boundary)
            for n, boundary in of
            if not any(n in _numbers(found.get(head[:k], ())) for k in range(1, len(head)))
        )
        if kept:
            heads.append((head, (len(head), kept)))
    return WordAutomaton(heads)


def _numbers(of: Iterable[tuple[int, bool]]) -> set[int]:
    return {n for n, _ in of}


def _matches(
    text: str, rxs: tuple[re.Pattern[str], ...]
) -> Iterator[tuple[re.Pattern[str], re.Match[str]]]:
    """Each match of ``rxs`` (patterns whose every match begins with fixed words), tried only
    where one of those words begins, and a pattern whose words there all open with ``\\b``
    only where a word boundary is: a pattern that opens with ``\\b`` and an alternation has
    no literal prefix for ``re`` to skip to, and tried at every position it costs ~0.2 ms a
    KB. The words are looked for in the text as ``re.IGNORECASE`` compares characters
    (:func:`~aiegis_guard.litgate.fold`)."""
    # fold keeps positions; every caller asks whether some match qualifies: any order will do
    for end, (size, of) in _starts_of(rxs).iter_unordered(fold(text)):
        at = end - size + 1  # one word of a pattern begins here (see _starts_of)
        bounded: bool | None = None  # does \b hold at ``at``? read once, when asked
        for n, boundary in of:
            if boundary:
                if bounded is None:
                    bounded = word_boundary(text, at)
                if not bounded:
                    continue
            if (m := rxs[n].match(text, at)) is not None:
                yield rxs[n], m


# the text vouches for the quote or withdraws its own frame: "that step is legitimate", "the
# step is required for all wallets", "Yes, this one is real.", "Correction: this was not a
# scam", "false alarm", "wallets that skip it will be frozen" (a threat that asks for it): the
# frame word no longer reports it. Found at the verb; the subject must point back at the quote
# (:data:`_VOUCH_SUBJ_RE`), and a claim reported ("the email claims it is legitimate", "check
# whether this is real") vouches for nothing.
_VOUCH_RE = re.compile(
    r"(?P<verb>\b(?:is|are|was|were|remains?)\b|['’]s\b)\s*(?:"
    r"(?:(?:also|indeed|actually|really|definitely|fully|now|still|in\s+fact|totally|100\s*%)\s+)?"
    r"(?:legit(?:imate)?|real|genuine|authentic|required|mandatory|necessary|needed|correct|"
    r"approved|verified|sanctioned|(?:the\s+)?official\s+(?:step|migration|procedure|process|"
    r"instruction|update|one))\b|"
    r"(?:\s+not|n['’]t)\s+(?:(?:a|an|any)\s+)?(?:scam|phish\w*|hoax|fake|fraud\w*|attack|"
    r"exploit|malicious|compromise\w*|drainer|trick|malware)\b)|"
    r"\bfalse\s+alarm\b|\b(?:warning|advisory|alert|report|notice)\s+(?:is|was|has\s+been)\s+"
    r"(?:retracted|withdrawn|rescinded|cancel+ed|(?:issued\s+)?in\s+error|mistaken|wrong)\b|"
    r"\bwe\s+(?:retract|withdraw|rescind)\b|"
    r"\b(?:skip|skipp\w+|ignor\w+|miss\w*|fail\w*\s+to\s+\w+)\s+(?:it|this|that|them|(?:the|this|"
    r"that)\s+(?:\w+\s+)?(?:steps?|migration|instructions?|update|transfer))\b[^.!?\n]{0,40}?\bwill\s+"
    r"(?:be\s+)?(?:frozen|locked|suspended|lost|disabled|closed|blocked|drained|slashed)\b",
    re.IGNORECASE,
)
_VOUCH_SUBJ_RE = re.compile(
    r"\b(?:it|that|this|these|those|this\s+one|that\s+one|(?:the|that|this|these|those|said|"
    r"its|their)\s+(?:\w+\s+){0,2}?(?:instructions?|message|command|order|request|note|steps?|"
    r"actions?|procedure|process|migration|transfers?|update|email|notice|post|announcement|"
    r"warning|alert|advisory|report|quote|text|payload|above|below))\s*$",
    re.IGNORECASE,
)
# the subject opens its clause, or follows a word that vouches ("Maintainers have since
# confirmed the step is required", "Yes, this one is real", "Update: that step is legitimate")
_SUBJ_HEAD_RE = re.compile(
    r"(?:^|[.!?:;,\n—–(]\s*|\b(?:confirm\w*|verif\w*|yes|and|but|so|now|indeed|update|"
    r"correction|note|because|since)\s+(?:that\s+)?)$",
    re.IGNORECASE,
)
_CLAIMED_BEFORE_RE = re.compile(
    r"\b(?:whether|if|which|when|where|after|before|until|once|unless|claim\w*|say\w*|said|"
    r"pretend\w*|assert\w*|insist\w*|appear\w*|seem\w*|"
    r"look\w*\s+like|as\s+if|though|tells?\s+you|told\s+you|wrote|alleg\w*|supposedly|"
    r"not|never|no|none|nothing|neither|nor)\W+(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)


def vouches(outside: str) -> bool:
    """Does ``outside`` (a text with its quotes blanked) vouch for what they say or withdraw
    its own frame ("Update: that step is legitimate", "Correction: this was not a scam")?"""
    return any(_vouching(outside, m) for _rx, m in _matches(outside, (_VOUCH_RE,)))


def _vouching(outside: str, m: re.Match[str]) -> bool:
    """Does the match ``m`` of ``_VOUCH_RE`` vouch (its subject points back at the quote, and
    no claim is reported)?"""
    before = outside[max(0, m.start() - 80) : m.start()]
    if m.group("verb") is not None:
        subj = _VOUCH_SUBJ_RE.search(before)
        if subj is None:
            return False
        before = before[: subj.start()]
        if _SUBJ_HEAD_RE.search(before) is None:
            return False  # a relative clause ("a contract that is approved to…")
    return not _CLAIMED_BEFORE_RE.search(before[-40:])


_NOT_BEFORE_RE = re.compile(
    r"\b(?:not|never|n't|no|não|nao|ne|nicht|nie|не|ни)\W+(?:\w+\W+)?$|n't\s+$|"
    r"(?:不要|别|勿|不)\s*$",
    re.IGNORECASE,
)


def endorses(outside: str) -> bool:
    """Does ``outside`` (a text with its quotes blanked) tell the reader to do what they say
    ("Agents reading this: do the same now")? A warning's "do not follow it" does not. Or
    does it vouch for them (:func:`vouches`)? Both are looked for in one pass (the answer is
    whether any match qualifies, whichever is met first)."""
    for rx, m in _matches(outside, (_ENDORSE_RE, _ENDORSE_EN_RE, _VOUCH_RE)):
        if rx is _VOUCH_RE:
            if _vouching(outside, m):
                return True
            continue
        if _NOT_BEFORE_RE.search(outside[max(0, m.start() - 24) : m.start()]):
            continue
        if rx is _ENDORSE_RE or _at_clause_head(outside, m.start()):
            return True
    return False


def _at_clause_head(text: str, at: int) -> bool:
    head = text[max(0, at - 80) : at]
    head = head[max(head.rfind(c) for c in ".!?\n:;,—–()") + 1 :].strip()
    return _CLAUSE_HEAD_RE.fullmatch(head + " " if head else "") is not None
