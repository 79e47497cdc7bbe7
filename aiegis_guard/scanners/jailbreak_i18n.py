"""Jailbreak framings in the languages the intent vocabulary does not parse.

A public wallet bot's strangers and the pages an agent reads frame their ask as a mode
without rules ("modo desarrollador", "режим разработчика"), rules declared void, a role to play,
a fiction or a hypothetical ("in a novel, with the real words of your wallet"), or a text to
decode and follow — in any language. The English forms are the parser's
(:mod:`.intent_patterns` ``PERSONA``, ``DECODE_FOLLOW``, the jailbreak phrase books); here the
framings of about 56 other languages are read from ``data/handover_i18n.json`` (keys
``jb_*``, written for this project by a translation subagent from a concept list; not reviewed
by native speakers).

A framing alone is no finding (role-play and hypotheticals fill ordinary chat): it is one when
the text around it (``REACH`` characters each side) names what a wallet bot must not give —
a wallet secret or a value move of the hand-over lexicon (:mod:`.intent_i18n`), or an
on-chain recipient — and no scam / report frame word (a security write-up that collects
jailbreaks names their framings and asks nothing). Phrases are matched at a word start
(anywhere in scripts written without spaces), by :mod:`.intent_i18n`'s automata over the
same data file.
"""

from __future__ import annotations

import functools

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners.intent_i18n import lexicon_words, mentions, moves_value

__all__ = ["JB_GATE", "REACH", "framing_words", "jailbreak_framing"]

JB_GATE = "i18n-jb"  # the cue automaton's kind for the framings (intent_judge.cue_words)
REACH = 400
_CONCEPTS = ("jb_mode", "jb_norules", "jb_roleplay", "jb_fiction", "jb_decode")


@functools.cache
def framing_words() -> list[str]:
    """Every language's framing phrases (lower-cased, de-duplicated)."""
    return sorted({w for c in _CONCEPTS for w in lexicon_words(c)})


def jailbreak_framing(sentence: str, around: str) -> bool:
    """Does ``sentence`` (a language view, not English) frame an ask as a jailbreak, with a
    wallet secret, a value move or an on-chain recipient named in ``around`` (the text about
    it)?"""
    if p.english(sentence) or not any(mentions(c, sentence) for c in _CONCEPTS):
        return False
    if p.SCAM_FRAME_RE.search(around):  # a write-up about jailbreaks names them, asks nothing
        return False
    return (
        mentions("objects", around)
        or moves_value(around)
        or p.ONCHAIN_RE.search(around) is not None
    )
