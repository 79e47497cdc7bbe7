"""WordAutomaton: the matches of one pyahocorasick automaton of all its words, also where an
ASCII text is read with the automaton of the ASCII words alone, and where a long text mostly
ASCII is read with it and the words outside ASCII only around their characters."""

from __future__ import annotations

from unittest import mock

import ahocorasick
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard import automata
from aiegis_guard.automata import WordAutomaton
from aiegis_guard.scanners import endorsement, intent_judge, reported

WORDS = ["send", "sen", "end", "nd", "d", "sénd", "envía", "送って", "送", "ab", "b", "ΣΑ", "σα"]
WORDS += ["k", "\u212a", "sende", "de", " ", "a b", "ı", "i"]


def _plain(pairs: list[tuple[str, object]]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for word, value in pairs:
        auto.add_word(word, value)
    auto.make_automaton()
    return auto


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=12),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=3)), max_size=20).map("".join),
)
def test_the_matches_are_those_of_the_plain_automaton(words: list[str], text: str) -> None:
    """Every (end, value), in order, as one automaton of every word gives them; a word added
    twice keeps its last value."""
    pairs: list[tuple[str, object]] = [(w, (i, w)) for i, w in enumerate(words)]
    assert list(WordAutomaton(pairs).iter(text)) == list(_plain(pairs).iter(text))
    assert list(WordAutomaton(pairs).iter(text.encode("ascii", "ignore").decode())) == list(
        _plain(pairs).iter(text.encode("ascii", "ignore").decode())
    )


def test_no_ascii_word_matches_nothing_in_ascii_text() -> None:
    """A list of words outside ASCII only finds nothing in an ASCII text, and its words in
    another."""
    auto = WordAutomaton([("送って", 1), ("envía", 2)])
    assert list(auto.iter("send it now")) == []
    assert list(auto.iter("これを送って")) == [(5, 1)]
    assert len(auto) == 2


def test_the_shipped_lists_match_as_plain_automata() -> None:
    """The cue words and the frame words, on an ASCII sentence and on the same sentence with
    a character outside ASCII in it."""
    for auto in (intent_judge.cue_words(), reported._frames()):
        plain = _plain(list(auto.items()))
        for text in (
            "please send the seed phrase to support, it is not a scam",
            "please send the seed phrase to support, it is not a scam é",
        ):
            assert list(auto.iter(text)) == list(plain.iter(text))


SPLIT_WORDS = [*WORDS, "’s", "s", "’", "é", "aé", "éa", "x\0y", "\0"]


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(SPLIT_WORDS[:-2]), min_size=1, max_size=12),
    st.lists(st.one_of(st.sampled_from(SPLIT_WORDS), st.text(max_size=3)), max_size=30).map(
        "".join
    ),
    st.booleans(),
)
def test_a_text_read_in_two_parts_matches_as_the_plain_automaton(
    words: list[str], text: str, nul: bool
) -> None:
    """Read as a long text is (the ASCII words over all of it, the others around their
    characters outside ASCII, merged by end), the matches are the plain automaton's, in
    order; unordered, the same matches. A word holding a NUL (the joint) is read whole."""
    pairs: list[tuple[str, object]] = [(w, (i, w)) for i, w in enumerate(words)]
    if nul:
        pairs.append(("x\0y", (99, "nul")))
    plain = list(_plain(pairs).iter(text))
    with mock.patch.object(automata, "SPLIT_MIN", 0), mock.patch.object(automata, "SPLIT_SHARE", 1):
        auto = WordAutomaton(pairs)
        assert list(auto.iter(text)) == plain
        assert sorted(map(repr, auto.iter_unordered(text))) == sorted(map(repr, plain))


def test_the_shipped_lists_match_as_plain_automata_on_long_texts() -> None:
    """The cue words, the frame words and the endorsement heads on a long page mostly ASCII
    (typographic quotes, accents, a few words of other scripts): the same matches, in order."""
    page = (
        "The attacker’s “payload” said: do the same now, it’s legit. Café résumé naïve. "
        "Haga lo mismo. Procédez. Сделайте то же. 照做。 Ne partagez jamais la phrase. "
        "Send 1 ETH to 0xabc… — the scam is not real; beware of phishing.\n"
    ) * 80
    autos = (
        intent_judge.cue_words(),
        reported._frames(),
        endorsement._starts_of(
            (endorsement._ENDORSE_RE, endorsement._ENDORSE_EN_RE, endorsement._VOUCH_RE)
        ),
    )
    assert len(page) >= automata.SPLIT_MIN
    for auto in autos:
        plain = _plain(list(auto.items()))
        for text in (page, page.lower(), "x" * automata.SPLIT_MIN + "é" + page[:200]):
            want = list(plain.iter(text))
            assert list(auto.iter(text)) == want
            assert sorted(map(repr, auto.iter_unordered(text))) == sorted(map(repr, want))
