"""Seed-phrase stretches: a page made ``other`` by one Cyrillic or Chinese post still reads
its ASCII stretches on the ASCII path (issue 13: long text), and finds exactly the stretches
the one-path definition finds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.checksums import bip39_index
from aiegis_guard.scanners import seed_phrases as sp

ENGLISH = sorted(bip39_index("english"))
RUSSIAN = sorted(bip39_index("russian"))
CHINESE = sorted(bip39_index("chinese_simplified"))
PHRASE = " ".join(ENGLISH[:12])


def _stretched(text: str) -> Iterator[tuple[int, int]]:
    """The fast path: the shape pass's spans, then the word filter."""
    return sp._stretches(text, list(sp._word_shaped(text, sp._other_script(text))))


def _reference(text: str) -> Iterator[tuple[int, int]]:
    """The definition: every shaped span split by the page's one path."""
    other = sp._other_script(text)
    for start, end in sp._word_shaped(text, other):
        if sp._list_words(text[start:end], other).find(sp._TWELVE) >= 0:
            yield start, end


VECTORS = [
    ("ascii-phrase-on-cyrillic-page", "Привет всем. " + PHRASE + " and more"),
    ("ascii-phrase-on-chinese-page", "你好。 " + PHRASE),
    ("russian-phrase", " ".join(RUSSIAN[:12])),
    ("chinese-phrase", " ".join(CHINESE[:12]) + " Привет"),
    ("question-marks-in-ascii", "Привет " + "?".join(ENGLISH[:12])),
    ("accented-latin", "Привет " + " ".join(["café", *ENGLISH[:11]])),
    ("short-ascii-run", "Привет " + " ".join(ENGLISH[:11])),
    ("prose", "Привет. The contract emits a Transfer event whenever tokens move. " * 20),
]


@pytest.mark.parametrize(("text",), [(t,) for _i, t in VECTORS], ids=[i for i, _t in VECTORS])
def test_stretches_equal_the_one_path_definition(text: str) -> None:
    """Same stretches as splitting every span of the page by its one path."""
    assert list(_stretched(text)) == list(_reference(text))


def test_ascii_phrase_on_a_cyrillic_page_is_still_found() -> None:
    """Not vacuous: the ASCII phrase next to a Russian post is a stretch and a finding."""
    text = "Привет всем. " + PHRASE
    assert list(_stretched(text))
    assert sp.find_seed_phrases(text)


_PIECES = st.one_of(
    st.sampled_from(ENGLISH[:40] + RUSSIAN[:20] + CHINESE[:20]),
    st.sampled_from([" ", ", ", "\n", "?", "1. ", "-", "é", "’", "a", "ab", "abcdefghijkl"]),
    st.text(max_size=4),
    st.lists(st.sampled_from(ENGLISH[:40]), min_size=10, max_size=14).map(" ".join),
)


@pytest.mark.slow
@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.booleans())
def test_stretches_property(parts: list[str], cyrillic: bool) -> None:
    """List words of three scripts, separators, '?', accents and noise: same stretches."""
    text = ("Привет " if cyrillic else "") + "".join(parts)
    assert list(_stretched(text)) == list(_reference(text))
