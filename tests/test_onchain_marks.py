"""OnchainMarks: a span where ``ONCHAIN_RE`` finds a match always holds one of the marks (the
gate of the reported-speech reading's destination test), read off the pattern itself."""

from __future__ import annotations

import random
import re
import sys

import pytest

from aiegis_guard.charclass import view
from aiegis_guard.litgate import fold
from aiegis_guard.scanners import intent_judge
from aiegis_guard.scanners import intent_patterns as p
from aiegis_guard.scanners.onchain_marks import BASE58_RUN, LITERALS, MAY_BASE58, OnchainMarks
from aiegis_guard.scanners.reported import _names_destination

try:  # Python 3.11+: the regex parser the marks are read against
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]


def test_the_pattern_has_the_three_branches_the_marks_read() -> None:
    """An address after ``0x``, a base58 run, a ``.eth`` / ``.sol`` name: a fourth branch
    (or another literal) would need a mark of its own."""
    parsed = sre_parse.parse(p.ONCHAIN_RE.pattern, p.ONCHAIN_RE.flags)
    assert parsed.data[0][0] is sre_parse.BRANCH
    assert len(parsed.data[0][1][1]) == 3
    source = p.ONCHAIN_RE.pattern
    assert source.startswith(r"(?<![0-9a-f])0x[0-9a-f]{40}")
    assert source.endswith(r"|\b[\w-]+\.(?:eth|sol)\b")
    assert intent_judge.BASE58_CLASS + "{32,44}" in source
    assert min(int(n) for n in re.findall(r"\{(\d+),44\}", source)) == BASE58_RUN
    assert set(LITERALS) == {"0x", ".eth", ".sol"}


def test_every_character_of_the_base58_class_may_be_in_a_run() -> None:
    """Every character the base58 class matches (any case: also İ ı ſ K) reads as a member
    of the marks' class view."""
    cls = re.compile(intent_judge.BASE58_CLASS, p.F)
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        if cls.fullmatch(c):
            assert view(c, MAY_BASE58) == b"b", hex(code)


def test_a_literal_matched_in_any_case_is_found_folded() -> None:
    """``0X``, ``.ETH``, ``.ſol`` (the pattern's letters as ``re.IGNORECASE`` compares them)
    fold to the marks' literals."""
    for word in ("0X", "0x", ".ETH", ".eTh", ".SOL", ".ſol", ".ſOL"):
        assert re.fullmatch(r"0x|\.(?:eth|sol)", word, p.F)
        assert fold(word) in LITERALS


PIECES = ["0x", "0X", "ab12", "f" * 20, "9" * 10, "So1ana", "x", " ", "-", ".", ".eth", ".ETH"]
PIECES += [".sol", ".ſol", "vitalik", "İ", "ı", "ſ", "\u212a", "é", "\n", "_", "@", "l0", "O"]


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_a_match_in_a_span_is_always_marked(seed: int) -> None:
    """For random texts and spans: where the pattern finds a match in ``[a, b)``, the marks
    say it may; and the destination test answers as it does without the marks."""
    rnd = random.Random(seed)
    found = 0
    for _ in range(1500):
        text = "".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 40)))
        marks = OnchainMarks(text)
        for _ in range(8):
            a = rnd.randint(0, len(text))
            b = rnd.randint(a, len(text))
            if p.ONCHAIN_RE.search(text, a, b) is not None:
                found += 1
                assert marks.may_match(a, b), (text, a, b)
            assert _names_destination(text, a, b, marks) == _names_destination(text, a, b)
    assert found > 200
