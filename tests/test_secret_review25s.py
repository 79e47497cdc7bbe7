"""The red-team findings on fix25s (review25s), as classes: a compound's part word read in
linear work however long the run of letters before it."""

from __future__ import annotations

import pytest

from aiegis_guard.scanners import part_words
from aiegis_guard.scanners.part_words import part_word_starts


def _linear_starts(text: str) -> set[int]:
    """Reference: every letter run's start found by one forward pass, then the same rule."""
    low = text.lower()
    head = [0] * (len(low) + 1)
    for i in range(1, len(low) + 1):
        head[i] = head[i - 1] if low[i - 1].isalpha() else i
    found: set[int] = set()
    for word in set(part_words._ALL):
        at = low.find(word)
        while at != -1:
            glued = word in part_words._COMPOUND_TAILS and (
                at - head[at] >= 3 and (head[at] == 0 or not low[head[at] - 1].isalnum())
            )
            if at == 0 or not low[at - 1].isalpha() or glued:
                found.add(at)
            at = low.find(word, at + 1)
    return found


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("xteil" * 8000, id="40KB-of-tails"),
        pytest.param("schlüsselteilsleuteldeel" * 40000, id="960KB-de-nl-compounds"),
        pytest.param("9" + "ab" * 5000 + "teil" + "deel" * 3000, id="token-then-tails"),
        pytest.param("Schlüsselteil 1: x, sleuteldeel 2: y, aB3xteil9 deel", id="short"),
    ],
)  # fmt: skip
def test_compound_tails_read_in_linear_work(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run of letters holding many compound tails is read back once, not once a tail: the
    characters read back stay under the text's length, and the starts match a linear reference."""
    made: list[part_words._Runs] = []

    class Counted(part_words._Runs):
        def __init__(self, low: str) -> None:
            super().__init__(low)
            made.append(self)

    monkeypatch.setattr(part_words, "_Runs", Counted)
    lowered = text.encode("ascii", "replace").lower()
    found = part_word_starts(text, lowered)
    assert sum(r.steps for r in made) <= len(text)
    assert found == _linear_starts(text)
