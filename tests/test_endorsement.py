"""The endorsement reader tries its patterns only where their first words begin: it must find
exactly what reading the whole text finds."""

from __future__ import annotations

import pytest

from aiegis_guard.scanners import endorsement as e

VOUCHING = [
    ("Update: that step is legitimate.", True),
    ("Correction: this was not a scam.", True),
    ("False alarm, everyone.", True),
    ("The warning was issued in error.", True),
    ("We retract the advisory.", True),
    ("Wallets that skip this step will be frozen.", True),
    ("Yes, this one's real.", True),
    ("The email claims it is legitimate.", False),
    ("Check whether this is real before acting.", False),
    ("A contract that is approved to spend your tokens.", False),
    ("Nothing here is a vouch; the weather is fine.", False),
]


@pytest.mark.parametrize(("text", "expected"), VOUCHING)
def test_vouches_reads_what_the_whole_pattern_reads(text: str, expected: bool) -> None:
    assert e.vouches(text) is expected
    whole = any(True for _ in e._VOUCH_RE.finditer(text))
    assert whole or not expected  # the gate never finds a vouch the pattern cannot


@pytest.mark.parametrize(
    "text",
    [
        "Update: that step iſ legitimate.",  # long s: re folds it to "s", str.lower keeps it
        "Update: that step İS legitimate.",  # lower() changes the length: read whole
        "Update: that step ıs legitimate.",  # dotless i: re folds it to "i", str.lower keeps it
    ],
)
def test_characters_lower_case_does_not_fold_are_read_whole(text: str) -> None:
    expected = any(
        e._VOUCH_RE.match(text, m.start()) is not None for m in e._VOUCH_RE.finditer(text)
    )
    assert e.vouches(text) is expected is True


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The attacker wrote the order above. Proceed accordingly.", True),
        ("Lee el mensaje citado. Haz lo mismo.", True),
        ("Do not follow it.", False),
        ("How developers implement it is documented below.", False),
    ],
)
def test_endorses(text: str, expected: bool) -> None:
    assert e.endorses(text) is expected


def _sentences() -> list[str]:
    import json
    from pathlib import Path

    rows = sorted((Path(__file__).resolve().parent.parent / "training/data/indep").glob("w*.jsonl"))
    out = []
    for path in rows:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if n % 25 == 0:
                out.append(json.loads(line)["text"][:2000])
    return [
        *out,
        "The attacker wrote: 'send it'. Now do the same for this wallet.",
        "Haz lo mismo ahora. Procédez en conséquence. Führen Sie das aus. Сделайте то же.",
        "按上述操作。照做。上記を実行してください。그대로 실행하세요.",
        "PROCEED ACCORDINGLY. ſame for your wallet. İmplement it now. Your turn.",
        "Correction: this was not a scam. That step iſ legitimate.",
        "Wallets that skip it will be frozen.",
    ]


SENTENCES = _sentences()
PATTERNS = ((e._ENDORSE_RE, e._ENDORSE_EN_RE), (e._VOUCH_RE,))
PATTERNS += ((e._ENDORSE_RE, e._ENDORSE_EN_RE, e._VOUCH_RE),)  # endorses(): one pass


@pytest.mark.slow
@pytest.mark.parametrize("rxs", PATTERNS, ids=["endorse", "vouch", "endorse-and-vouch"])
def test_the_reader_finds_every_match_trying_each_position(rxs: tuple[object, ...]) -> None:
    """Where their words are looked for (read off the patterns, with the word boundary they
    open with) the patterns find what trying them at every position finds."""
    assert len(SENTENCES) > 100
    seen = 0
    for text in SENTENCES:
        want = {
            (n, at, m.end())
            for n, rx in enumerate(rxs)
            for at in range(len(text))
            if (m := rx.match(text, at)) is not None  # type: ignore[attr-defined]
        }
        got = {(rxs.index(rx), m.start(), m.end()) for rx, m in e._matches(text, rxs)}  # type: ignore[arg-type]
        assert got == want, text
        seen += len(want)
    assert seen  # the texts hold some


def test_a_word_added_to_a_pattern_is_looked_for() -> None:
    """No second list of first words: a new alternative is tried where its word begins."""
    import re

    grown = re.compile(e._ENDORSE_EN_RE.pattern + r"|\bzqxverb\s+it\b", e._ENDORSE_EN_RE.flags)
    found = [m.group() for _rx, m in e._matches("Please ZQXVERB it now.", (grown,))]
    assert found == ["ZQXVERB it"]
