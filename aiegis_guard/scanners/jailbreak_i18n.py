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
(anywhere in scripts written without spaces), by one automaton pass.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import ahocorasick

from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners.intent_i18n import handover_object, moves_value
from aiegis_guard.scanners.intent_words import is_unspaced

__all__ = ["JB_GATE", "REACH", "framing_words", "jailbreak_framing"]

JB_GATE = "i18n-jb"  # the cue automaton's kind for the framings (intent_judge.cue_words)
REACH = 400
_CONCEPTS = ("jb_mode", "jb_norules", "jb_roleplay", "jb_fiction", "jb_decode")


@functools.cache
def framing_words() -> list[str]:
    """Every language's framing phrases (lower-cased, de-duplicated)."""
    raw = resources.files("aiegis_guard.data").joinpath("handover_i18n.json").read_text("utf-8")
    langs: dict[str, dict[str, list[str]]] = json.loads(raw)["languages"]
    words = {
        w.strip().lower() for lang in langs.values() for c in _CONCEPTS for w in lang.get(c, ())
    }
    return sorted(w for w in words if w)


@functools.cache
def _automaton() -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word in framing_words():
        auto.add_word(word, word)
    auto.make_automaton()
    return auto


def _framed(sentence: str) -> bool:
    low = sentence.lower()
    if len(low) != len(sentence):
        low = sentence
    for end, word in _automaton().iter(low):
        start = end - len(word) + 1
        if is_unspaced(word[0]) or not (start and low[start - 1].isalnum()):
            return True
    return False


def jailbreak_framing(sentence: str, around: str) -> bool:
    """Does ``sentence`` (a language view, not English) frame an ask as a jailbreak, with a
    wallet secret, a value move or an on-chain recipient named in ``around`` (the text about
    it)?"""
    if p.ENGLISH_RE.search(sentence) or not _framed(sentence):
        return False
    if p.SCAM_FRAME_RE.search(around):  # a write-up about jailbreaks names them, asks nothing
        return False
    return handover_object(around) or moves_value(around) or p.ONCHAIN_RE.search(around) is not None
