"""Secrets handed over, for the intent judge (:mod:`.intent_judge`): is a wallet secret named
(by name, in a form's or runbook's words, by what it does or where it lives), asked for after
an ask word, handed to a third party's place, or referred to as what a send verb hands over?

Patterns from :mod:`.intent_patterns`; the judge decides whether the sentence asks at all.
"""

from __future__ import annotations

import re

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners import intent_words as w

__all__ = ["SECRET_GATES", "asked_secret", "blank_for_secret", "handed_over", "names_secret"]
__all__ += ["sends_secret"]


def asked_secret(raw: str, ask: re.Match[str], present: set[str]) -> bool:
    """A wallet secret after the ask word (before it in a verb-final script), by name ("your
    private key") or in the words a runbook uses for it ("your credentials block, the
    environment")."""
    at = 0 if _verb_final(ask.group()) else ask.end()
    return bool(
        ("g:wsecret" in present and p.WALLET_SECRET_RE.search(raw, at))
        or ("g:xsecret" in present and p.SECRET_FORM_RE.search(raw, at))
        or ("g:byuse" in present and p.SECRET_BY_USE_RE.search(raw, at))
        or ("g:byplace" in present and p.SECRET_BY_PLACE_RE.search(raw, at))
    )


SECRET_GATES = frozenset(("g:wsecret", "g:xsecret", "g:byuse", "g:byplace"))


def names_secret(raw: str, present: set[str] | None = None) -> bool:
    """Does ``raw`` name a wallet secret — by name, in the words a form or runbook uses, by
    what it does or where it lives (:mod:`.secret_places`)? ``present``: the sentence's stems
    (:func:`.intent_judge.cues_of`), when known, skip the rarer vocabularies none of whose
    stems occur."""
    if p.WALLET_SECRET_RE.search(raw) or p.SECRET_FORM_RE.search(raw):
        return True
    return any(
        (present is None or gate in present) and rx.search(raw)
        for gate, rx in (("g:byuse", p.SECRET_BY_USE_RE), ("g:byplace", p.SECRET_BY_PLACE_RE))
    )


def sends_secret(raw: str, secret_near: bool = False, present: set[str] | None = None) -> bool:
    """A wallet secret (also as "the 24 words", ".env", ``PRIVATE_KEY``) handed to a third
    party's place ("the field below", "this thread", an endpoint, "us") in a sentence that
    neither negates nor describes it, and not into the owner's own device. With
    ``secret_near``, the secret may be named next door and only referred to here, as what
    is handed over ("…the list of words. Type them here in order")."""
    if names_secret(raw, present):
        send = p.SEND_ACT_RE.search(raw) or p.SEND_ACT_MORE_RE.search(raw)
        if send is None:
            return False
        send_at = send.start()
    elif secret_near and (raw := handed_over(raw) or ""):
        send_at = len(raw)  # a reference handed over: any negation in the sentence stops it
    else:
        return False
    return bool(
        p.THIRD_PARTY_RE.search(raw)
        and not _not_asked(raw, send_at)
        and not p.SCAM_FRAME_RE.search(raw)
        and not p.own_place(raw)
    )


_BLANK_RE = re.compile(r"_{4,}|\[\s*_{2,}\s*\]")


def blank_for_secret(raw: str, present: set[str] | None = None) -> bool:
    """A form's blank left for a wallet secret ("Private key (automated agents only):
    ______", "[ recovery phrase ____ ]"): the reader is to fill it in, and the form goes back
    to whoever sent it. Not where a secret is written down on paper or kept offline, nor in
    a sentence that negates or describes it."""
    blank = _BLANK_RE.search(raw) if "__" in raw else None
    if blank is None or not names_secret(raw[: blank.start()], present):
        return False
    return not (_not_asked(raw, blank.start()) or p.SCAM_FRAME_RE.search(raw) or p.own_place(raw))


def _not_asked(raw: str, send_at: int) -> bool:
    """A negation or a description in the sentence; an English negation only before the
    send verb ("support will never ask you to paste…"), not after it ("attach what it
    prints to this ticket — don't trim anything")."""
    for m in p.NOT_ASKED_RE.finditer(raw):
        if m.start() < send_at and p.in_reason_clause(raw, m.start(), send_at):
            continue  # a reason given first ("Since support could not reset it, send…")
        if m.start() < send_at or not p.ENGLISH_NEGATION_RE.fullmatch(m.group()):
            return True
    return False


def handed_over(raw: str) -> str | None:
    """``raw`` with what a send verb hands over blanked, when that is a reference to
    something named elsewhere ("type them", "paste the full output"; the place it goes must
    be named apart from it: "copy the API key" names none), else None."""
    verbs = p.SEND_ACT_RE.literal_spans(raw)  # a send verb holds one of these (None: unread)
    if verbs == []:  # no send verb anywhere: no reference handed over
        return None
    for ref in p.SECRET_REF_RE.finditer(raw):  # the small pattern first (~1 µs a sentence)
        start, end = ref.span()
        lo = max(0, end - _REF_REACH - _VERB_MAX)
        if verbs is not None and not any(lo <= a and b <= start for a, b in verbs):
            continue  # no send verb's literal between lo and the reference
        if any(
            m.end() <= start and end - m.end() <= _REF_REACH
            for m in p.SEND_ACT_RE.searches(raw, lo, start)  # gated: only the verbs present
        ):
            return raw[:start] + " " * (end - start) + raw[end:]
    return None


_REF_REACH = 40  # the reference ends this close after the send verb
_VERB_MAX = 24  # the longest send verb form looked back for


def _verb_final(word: str) -> bool:
    """An ask word of a verb-final script (Korean, Japanese, Hindi, Bengali): the secret it
    asks for stands before it ("개인 키가 필요합니다")."""
    return w.is_unspaced(word[0]) or "\u0900" <= word[0] <= "\u09ff"
