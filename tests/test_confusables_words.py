"""Look-alike folding reads only the words around look-alikes: it must pick exactly the words
the whole-text regex definition picks (kept here as the oracle)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.confusables import _C, _GENUINE, _TABLE, _W, CONTEXT, fold_confusables

_ONLY = re.compile(rf"(?<!{_W})[{_C}]++(?!{_W})")
_MIXED = re.compile(rf"(?<!{_W})(?=(?:{_W})*?[A-Za-z])(?:{_W})*?[{_C}](?:{_W})*+")


def _russian_here(text: str, a: int, b: int) -> bool:
    """The word at [a, b) stands among genuine words of its script: within CONTEXT characters
    either side, at least one word, and as many as the Latin or look-alike-only words, hold a
    letter of that script without a Latin twin."""
    genuine = other = 0
    lo, hi = max(0, a - CONTEXT), b + CONTEXT
    brk = text.rfind("\n\n", lo, a)
    lo = lo if brk == -1 else brk + 2
    brk = text.find("\n\n", b, hi)
    hi = hi if brk == -1 else brk
    for m in re.finditer(rf"{_W}+", text[lo:hi]):
        c, d = lo + m.start(), lo + m.end()
        if c == a or re.search("[0-9]", text[max(0, c - 1) : d + 1]):
            continue  # the word itself; a piece of a token with digits
        word = m.group()
        if _GENUINE.compiled.search(word):
            genuine += 1
        elif re.search("[A-Za-z]", word) or (len(word) > 1 and all(c in _C for c in word)):
            other += 1
    return genuine >= max(1, other)


def _oracle(text: str) -> str:
    """Every word mixing Latin and look-alikes folded, and every word made only of look-alikes
    unless it stands among genuine words of its script."""
    out = list(text)
    for m in _ONLY.finditer(text):
        a, b = m.span()
        if not _russian_here(text, a, b):
            out[a:b] = m.group(0).translate(_TABLE)
    for m in _MIXED.finditer(text):
        out[m.start() : m.end()] = m.group(0).translate(_TABLE)
    return "".join(out)


# Latin, look-alikes, genuine Cyrillic/Greek letters without a twin, digits, underscore,
# combining marks, a superscript digit (\w but not a letter), separators
ALPHABET = "abcXYZ" + "аеорсКМ" + "αορ" + "жбдлλπ" + "09_" + "\u0301\u0308" + "²" + " -.,\n"


@pytest.mark.slow
@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=60))
def test_same_words_as_the_regex_definition(text: str) -> None:
    """Random mixes of scripts, marks, digits and separators fold exactly as the oracle."""
    folded, _ = fold_confusables(text)
    assert folded == _oracle(text)


def test_cases() -> None:
    """Mixed words fold, all-look-alike words fold, genuine foreign words stay."""
    cases = {
        "pаypal": "paypal",  # Cyrillic а inside Latin
        "рор": "pop",  # only look-alikes
        "жена": "жена",  # genuine Russian word with a letter without a twin
        "λόγος ok": "λόγος ok",  # genuine Greek word
        "sеnd all": "send all",
        # Russian words made only of look-alikes among genuine ones stay Russian
        "вставте фразу на эту страницу": "вставте фразу на эту страницу",
        "Please сору your seed": "Please copy your seed",  # a disguised English word
        "Reply with your ѕееԁ phrase (Ж)": "Reply with your seed phrase (Ж)",  # one planted letter
        "Мама мыла раму": "Мама мыла раму",
    }
    for text, want in cases.items():
        assert fold_confusables(text)[0] == want, want
