"""Look-alike folding reads only the words around look-alikes: it must pick exactly the words
the whole-text regex definition picks (kept here as the oracle)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.confusables import _C, _GENUINE, _TABLE, _W, CONTEXT, fold_confusables

_ONLY = re.compile(rf"(?<!{_W})[{_C}]++(?!{_W})")
_MIXED = re.compile(rf"(?<!{_W})(?=(?:{_W})*?[A-Za-z])(?:{_W})*?[{_C}](?:{_W})*+")


def _oracle(text: str) -> str:
    """Every word mixing Latin and look-alikes folded, and every word made only of look-alikes
    unless a letter of those scripts without a Latin twin stands within CONTEXT characters."""
    out = list(text)
    genuine = [m.start() for m in _GENUINE.compiled.finditer(text)]
    for m in _ONLY.finditer(text):
        a, b = m.span()
        if not any(a - CONTEXT <= g < a or b <= g < b + CONTEXT for g in genuine):
            out[a:b] = m.group(0).translate(_TABLE)
    for m in _MIXED.finditer(text):
        out[m.start() : m.end()] = m.group(0).translate(_TABLE)
    return "".join(out)


# Latin, look-alikes, genuine Cyrillic/Greek letters without a twin, digits, underscore,
# combining marks, a superscript digit (\w but not a letter), separators
ALPHABET = "abcXYZ" + "аеорсКМ" + "αορ" + "жбдлλπ" + "09_" + "\u0301\u0308" + "²" + " -.,\n"


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
    }
    for text, want in cases.items():
        assert fold_confusables(text)[0] == want, want
