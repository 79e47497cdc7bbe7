"""Patterns read only where a match can stand: each window (a run of the characters a match
holds, the reach before the literal every match ends in, the places a match can open at) is
a superset gate, so the reader finds exactly what the pattern finds over the whole text.

Texts: generated from the pieces each pattern is made of (so matches occur, next to near
misses), and the three long benchmark-like inputs' building blocks (prose, markup, JSON).
"""

from __future__ import annotations

import random
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard import decoders
from aiegis_guard.charclass import CharClass, run_windows
from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.scanners import (
    evm_keys,
    key_calls,
    key_notations,
    keystores,
    reported,
    seed_layouts,
    seed_plates,
    slip39,
    wallet_keys,
)

SAMPLES = (
    "EIP-1313: the signer signs 13 times; rot 13, ROT-13 and caesar shift 13 in 2013.\n" * 20,
    '<div id="s13"><p>Page 63: {"63": 5}</p><img src="/00000013.png" alt="d 13"></div>\n' * 20,
    '[{"jsonrpc":"2.0","id":63,"result":"0x13","63":"1234 5678 9012"}]' * 20,
)


def _texts(pieces: list[str], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return [*SAMPLES] + [
        "".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 60))) for _ in range(n)
    ]


def _reference_rot13(text: str) -> list[tuple[int, int]]:
    low = text.lower()
    if len(low) != len(text):
        low = text.translate(decoders._ASCII_LOWER)
    return [m.span() for m in decoders._ROT13_RE.finditer(low)][: decoders._ROT13_NAMES]


ROT13_PIECES = ["rot", "13", "1", "3", "ROT", " ", "-", "_", "caesar", "Cäsar", "césar"]
ROT13_PIECES += ["цезарь", "\n", "x" * 20, "shift", "İ", "2", ", "]


def test_rot13_names_read_only_before_each_13() -> None:
    """Reading only the stretches that end in a "13" finds what the pattern finds in the
    whole text, the first 16 of them."""
    found = 0
    for text in _texts(ROT13_PIECES, 4000, 13):
        want = _reference_rot13(text) if "13" in text else []
        assert list(decoders._rot13_names(text)) == want, text
        found += bool(want)
    assert found > 100


def test_the_rot13_reach_is_the_widest_match() -> None:
    """The reach is read off the pattern: the widest ``caesar…13`` match fits it."""
    widest = "caesar" + "y" * 32 + "13"
    assert len(widest) == decoders._ROT13_WIDTH
    assert decoders._ROT13_RE.fullmatch(widest)


INDEX_PIECES = ["63", ":", " ", '"', "'", "5", "a", "_", "\n", "6", "3", "{", ","]


def test_the_last_index_is_looked_for_at_each_63() -> None:
    """Trying the pattern at each "63" and the character before it answers as a search."""
    found = 0
    for text in _texts(INDEX_PIECES, 6000, 63):
        want = key_notations._LAST_INDEX_RE.search(text) is not None
        assert key_notations._names_last_index(text) is want, text
        found += want
    assert found > 100


GROUPED_PIECES = ["1234", "5678", "0420", " ", "-", "\n", "\r\n", "a", ".", "٣٤٥٦", "12"]


def _grouped_texts(n: int, seed: int) -> list[str]:
    """Runs of 11-25 four-digit groups under one separator, a piece of noise put in."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        sep = rnd.choice([" ", "-", "\n", "\r\n", ""])
        groups = [rnd.choice(["1234", "0420", "2047", "٣٤٥٦"]) for _ in range(rnd.randint(11, 25))]
        run = sep.join(groups)
        at = rnd.randint(0, len(run))
        out.append(_noised(rnd, run, at, ["", "", "a", ".", " ", "7", "\n"], "seed: "))
    return out


def _noised(rnd: random.Random, run: str, at: int, noises: list[str], label: str) -> str:
    """``run`` with one of ``noises`` put in at ``at``, after a random lead (``label`` is one)."""
    noise = rnd.choice(noises)
    return rnd.choice(["", "x", "1 ", label]) + run[:at] + noise + run[at:]


def _windows_read_alike(rx: LazyPattern, texts: list[str], cls: CharClass, n: int) -> int:
    """Does ``rx`` find the same matches in its :func:`run_windows` (of ``cls``, ``n``) as in
    each text? The number of texts it matches in."""
    found = 0
    for text in texts:
        want = [m.span() for m in rx.finditer(text)]
        windows = run_windows(text, cls, n)
        assert [m.span() for a, b in windows for m in rx.finditer(text, a, b)] == want, text
        found += bool(want)
    return found


def test_grouped_seedqr_is_read_in_runs_of_digits_and_separators() -> None:
    """The grouped SeedQR pattern finds the same matches in its windows as in the text."""
    texts = _texts(GROUPED_PIECES, 2000, 48) + _grouped_texts(3000, 48)
    rx, cls = key_notations.GROUPED_SEEDQR_RE, key_notations._GROUPED_CHARS
    found = _windows_read_alike(rx, texts, cls, key_notations._grouped_min())
    assert found > 20


PLATE_PIECES = ["ABAN", "ABIL", "ZOO", "ACT", " ", ", ", "\n", " · ", "-", "\t", "|", "x", "AB"]


def _plate_texts(n: int, seed: int) -> list[str]:
    """Runs of 11-25 capital tokens under separators, a piece of noise put in."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        tokens = [
            rnd.choice(["ABAN", "ABIL", "ZOO", "ACT", "WXYZ"]) for _ in range(rnd.randint(11, 25))
        ]
        run = "".join(t + rnd.choice([" ", ", ", "\n", " · ", "-", "\t", " | "]) for t in tokens)
        at = rnd.randint(0, len(run))
        out.append(_noised(rnd, run, at, ["", "", "a", "x ", "AB", "é", "?"], "Plate: "))
    return out


def test_plates_are_read_in_runs_of_capitals_and_separators() -> None:
    """The plate pattern finds the same matches in its windows as in the text."""
    texts = _texts(PLATE_PIECES, 2000, 47) + _plate_texts(3000, 47)
    rx, cls, n = seed_plates._PLATE_RE, seed_plates._PLATE_CHARS, seed_plates._plate_min()
    found = _windows_read_alike(rx, texts, cls, n)
    assert found > 20


@pytest.mark.slow  # an equivalence / property sweep: make test runs it
@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(sorted(slip39._index())), min_size=20, max_size=20),
    st.lists(st.sampled_from([" ", "\n", ", ", " 3. ", "-"]), min_size=19, max_size=19),
)
def test_a_slip39_run_is_never_shorter_than_the_reach(words: list[str], gaps: list[str]) -> None:
    """Twenty list words and the separators between them span the reach or more, and the
    shortest words with one-character gaps span exactly the reach (the gate is tight)."""
    part = words[0] + "".join(g + word for g, word in zip(gaps, words[1:], strict=True))
    assert len(part) >= slip39._reach()
    assert slip39._may_hold(part)
    shortest = min(slip39._index(), key=len)
    assert len(" ".join([shortest] * 20)) == slip39._reach()


@pytest.mark.slow  # an equivalence / property sweep: make test runs it
@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=string.ascii_letters[:6] + " .!?\n;,:：-—\"'", max_size=1500),
    st.integers(0, 1500),
    st.integers(0, 300),
)
def test_a_quote_is_framed_only_from_within_its_reach(text: str, a: int, size: int) -> None:
    """Every place the frame test reads for a quote ``[a, b)`` lies in ``[a - FRAME_BEFORE,
    b + FRAME_AFTER)``: a quote with no frame word there is not framed (the gate)."""
    a = min(a, len(text))
    b = min(len(text), a + size)
    lead, tail = reported._clause_before(text, a), reported._clause_after(text, a, b)
    assert a - reported.FRAME_BEFORE <= lead <= a
    assert b <= tail <= b + reported.FRAME_AFTER
    assert lead <= reported._last_words(text, lead, a, 3) <= a


@pytest.mark.parametrize("text", SAMPLES)
def test_the_samples_read_alike(text: str) -> None:
    """The three samples give the same answers through every window as whole."""
    assert list(decoders._rot13_names(text)) == _reference_rot13(text)
    want = key_notations._LAST_INDEX_RE.search(text) is not None
    assert key_notations._names_last_index(text) is want


USE_PIECES = ["OWNER", "OWN", "ACCT", " ", "\t", "\n", "(", "[", "{", ",", ".", ":", "=", "+"]
USE_PIECES += ["x", "_", "$", "é", "\u3000", "OWNERS", "aa"]


def test_a_name_s_uses_are_read_where_it_is_written() -> None:
    """Trying the use pattern at the opener before each place the name is written finds
    the pattern's matches over the whole text, in order."""
    found = 0
    for text in _texts(USE_PIECES, 6000, 7):
        for name in ("OWNER", "ACCT", "aa"):
            want = [u.start(1) for u in re.finditer(key_calls._USE.format(re.escape(name)), text)]
            assert list(key_calls._uses(text, name)) == want, (name, text)
            found += bool(want)
    assert found > 1000


@pytest.mark.slow  # an equivalence / property sweep: make test runs it
@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet='ab0_ -"é²½١٣x\u3000中', max_size=24), st.integers(0, 24), st.integers(0, 24)
)
def test_word_start_passes_over_the_word_it_cuts(text: str, at: int, stop: int) -> None:
    """The run read at C speed ends where the character-by-character walk ends."""
    at, stop = min(at, len(text)), min(stop, len(text))
    walk = at
    while 0 < walk < stop and text[walk - 1].isalnum() and text[walk].isalnum():
        walk += 1
    assert evm_keys._word_start(text, at, stop) == walk


def _keystore_texts(n: int, seed: int) -> list[str]:
    """Keystore and vault fields, quoted plainly or escaped, once or twice, between noise."""
    rnd = random.Random(seed)
    q = ['"', '\\"', '""', '\\"\\"']
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rnd.randint(1, 4)):
            a, b = rnd.choice(q), rnd.choice(q)
            parts.append(rnd.choice([
                f'{a}ciphertext{b}: {a}{"ab12" * rnd.randint(7, 12)}{b}',
                f'{a}data{b} : {a}{"QUJD" * rnd.randint(9, 14)}={b}, {a}iv{b}: "x", {a}salt{b}:',
                "ciphertext", "data", '"', "\\", rnd.choice(["x", " ", "\n", ":", "9"]),
            ]))  # fmt: skip
        out.append("".join(parts))
    return out


def test_keystore_fields_are_read_where_they_open() -> None:
    """The keystore and vault patterns, tried only where their opening quotes can stand
    before the field, find what they find over the whole text."""
    found = 0
    for text in [*_keystore_texts(4000, 3), *SAMPLES]:
        for rx, field in ((keystores.KEYSTORE_RE, "ciphertext"), (keystores.VAULT_RE, "data")):
            want = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in keystores._opened(rx, text, field)] == want, text
            found += bool(want)
    assert found > 1000


@pytest.mark.slow
@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\\n", "\\t", "\\r", "\\", "n", "a", "1", "_", " ", "é", "-", "."]),
        max_size=20,
    )
)
def test_the_escaped_gap_pattern_is_its_repeat(pieces: list[str]) -> None:
    """The escaped-gap pattern, written with its first escape apart, matches as the repeat."""
    text = "".join(pieces)
    repeat = re.compile(rf"(?:\\+[nrt])+(?={seed_layouts._MARKER}[^\W\d_])")
    assert [m.span() for m in seed_layouts._ESCAPED_GAP_RE.finditer(text)] == [
        m.span() for m in repeat.finditer(text)
    ]


BYTE_PIECES = ["12", "255", "0x1f", "7u8", "0", ",", ", ", ";", " ", "\n", "\\n", "\\t", ".", "a"]
BYTE_PIECES += ["[", "x", "é", "٣", "\u2003", "_", "256", "1.5"]


def _byte_list_texts(n: int, seed: int) -> list[str]:
    """Runs of 60-70 byte values under one separator, a piece of noise put in."""
    rnd = random.Random(seed)
    out = []
    for _ in range(n):
        sep = rnd.choice([",", ", ", " ", ";", "\n", "\\n", " , "])
        values = [
            rnd.choice(["12", "255", "0x1f", "7u8", "0", "٣", "300"])
            for _ in range(rnd.randint(60, 70))
        ]
        run = sep.join(values)
        at = rnd.randint(0, len(run))
        out.append(_noised(rnd, run, at, ["", "", "a", ".", " ", "\u2003", "\n\n", "["], "key="))
    return out


def test_bare_byte_lists_are_read_in_runs_of_their_characters() -> None:
    """The bare byte-list pattern finds the same long matches (64 values or more: 2 * 64 - 1
    characters at least, the only ones read) in the runs of its characters as in the text."""
    rx, cls = wallet_keys.BARE_BYTES_RE, wallet_keys.BARE_CHARS
    least = 2 * wallet_keys.BARE_VALUES - 1
    found = 0
    for text in _texts(BYTE_PIECES, 1500, 64) + _byte_list_texts(3000, 64):
        want = [m.span() for m in rx.finditer(text) if m.end() - m.start() >= least]
        windows = run_windows(text, cls, least)
        got = [m.span() for a, b in windows for m in rx.finditer(text, a, b)]
        assert [(a, b) for a, b in got if b - a >= least] == want, text
        found += bool(want)
    assert found > 500


def test_every_character_of_a_bare_byte_list_is_in_its_class() -> None:
    """The class holds the pattern's characters (digits, hex digits, "x", "u8", separators,
    the escapes \\n \\r \\t; "?" stands for every character outside ASCII), and no match
    holds an ASCII character outside it, wherever it stands among byte values."""
    members = string.hexdigits + "xXu,;\\nrt?" + string.whitespace + "\x1c\x1d\x1e\x1f"
    table = wallet_keys.BARE_CHARS.table
    assert {chr(i) for i in range(128) if table[i] == ord("b")} == set(members)
    contexts = ("1,2{}3,4", "1, {} 2", "0x{}1, 2", "1 {}2 3", "1\\{}2, 3", "1u{}8, 2", "{}1, 2")
    for c in map(chr, range(128)):
        if c in members:
            continue
        for context in contexts:
            text = context.format(c)
            at = text.index(c)
            assert not any(
                m.start() <= at < m.end() for m in wallet_keys.BARE_BYTES_RE.finditer(text)
            ), (c, text)
