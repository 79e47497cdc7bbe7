"""Literal gates (aiegis_guard.litgate): the strings read off a pattern are a superset gate
(every match holds one), and a gated search finds exactly what the pattern finds.

The gated patterns are the intent stage's (``intent_patterns``, ``intent_aside``, the
oversight, bypass, example-request, part-word and refused-quote scanners'); the texts
are the repository's written training rows (attacks, secret asks and benign pages in about
thirty languages), cut into sentences as the stage reads them, also with the characters
``re.IGNORECASE`` folds but ``str.lower`` does not (long s, Kelvin sign, dotless and dotted
i, final sigma) put in.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiegis_guard.lazyre import LazyPattern
from aiegis_guard.litgate import GATE_SPAN, LiteralGate, fold, required_literals
from aiegis_guard.scanners import (
    example_requests,
    intent_aside,
    intent_patterns,
    oversight_asks,
    part_words,
    refused_quotes,
    user_bypass,
)

ROOT = Path(__file__).resolve().parent.parent
ROWS = sorted((ROOT / "training/data/indep").glob("w*.jsonl"))
GATED = {
    f"{module.__name__.rsplit('.', 1)[-1]}.{name}": v
    for module in (
        intent_patterns,
        intent_aside,
        oversight_asks,
        user_bypass,
        example_requests,
        part_words,
        refused_quotes,
    )
    for name, v in vars(module).items()
    if isinstance(v, LazyPattern) and v.gated
}


def _odd(text: str) -> str:
    """``text`` with letters re folds but str.lower does not (or not alike)."""
    return (
        text.replace("s", "\u017f")
        .replace("K", "\u212a")
        .replace("i", "\u0131")
        .replace("I", "\u0130")
        .replace("σ", "ς")
    )


def _texts() -> list[str]:
    texts: list[str] = []
    for path in ROWS:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if n % 10:
                continue  # a tenth of the rows: every language and class is still there
            text = json.loads(line)["text"]
            pieces = [m.group() for m in intent_patterns.SENTENCE_RE.finditer(text)]
            texts += pieces if n % 60 else [text[:GATE_SPAN], *pieces]
            if n % 42 == 0:
                texts += [_odd(t) for t in pieces] + [t.upper() for t in pieces]
    return texts


TEXTS = _texts()
LONG = "\n".join(TEXTS[::7])  # ~200 KB: more than GATE_SPAN


def test_the_gated_patterns_and_texts_are_found() -> None:
    """The walk finds the gated patterns and the rows (else the tests below check nothing)."""
    assert {"intent_patterns.SECRET_FORM_RE", "intent_patterns.SEND_ACT_RE"} <= set(GATED)
    assert "intent_patterns.ENGLISH_RE" not in GATED  # nearly every sentence holds "the"
    assert len(TEXTS) > 3_000
    assert all(GATED[name].gate is not None for name in ("intent_patterns.SECRET_FORM_RE",))


@pytest.mark.slow  # every gated pattern over ~4 000 texts: about a minute in all
@pytest.mark.parametrize("name", sorted(GATED))
def test_every_match_holds_a_literal_and_the_gated_search_is_the_search(name: str) -> None:
    """On every text: each match of the pattern holds one of the gate's literals (folded),
    and the gated ``search`` / ``finditer`` / ``searches`` return what the compiled pattern
    returns."""
    lazy = GATED[name]
    rx, gate = lazy.compiled, lazy.gate
    if gate is None:
        pytest.skip("the pattern forces no literal: not gated")
    for text in TEXTS:
        want = rx.search(text)
        got = lazy.search(text)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))
        spans = gate.spans(text)
        for m in rx.finditer(text):
            assert any(s in fold(m.group()) for s in gate.literals), (name, m.group())
            assert gate.holds(text, m.start(), m.end())
            assert spans is None or any(m.start() <= a and b <= m.end() for a, b in spans)
        if want is not None:
            at = want.start() + 1  # from a later position too (the callers' pos / endpos)
            again = rx.search(text, at, len(text) - 1)
            got = lazy.search(text, at, len(text) - 1)
            assert (got and got.span()) == (again and again.span())
            want_all = [m.span() for m in rx.finditer(text, at)]
            assert [m.span() for m in lazy.finditer(text, at)] == want_all
            assert [m.span() for m in lazy.searches(text, at)] == want_all
    # a long text is read in windows around the literals (finditer, sparse)
    for start in range(0, len(LONG), len(LONG) // 3):
        want_all = [m.span() for m in rx.finditer(LONG, start)]
        assert [m.span() for m in lazy.finditer(LONG, start)] == want_all
    assert [m.span() for m in lazy.sparse(LONG)] == [m.span() for m in rx.finditer(LONG)]


@pytest.mark.slow  # an equivalence / property sweep: make test runs it
def test_most_gated_patterns_match_some_text() -> None:
    """The texts exercise the gates: most gated patterns match in some of them (a few are
    read only on a slice the callers cut: "could you" before a verb, a passive's tail)."""
    matching = [name for name, lazy in GATED.items() if any(map(lazy.compiled.search, TEXTS))]
    assert len(matching) >= 0.8 * len(GATED), sorted(set(GATED) - set(matching))


@pytest.mark.parametrize("name", sorted(GATED))
def test_a_word_added_to_a_pattern_is_in_its_gate(name: str) -> None:
    """The gate is read off the pattern: an alternative added to it is in the literals (no
    second list to forget)."""
    lazy = GATED[name]
    if lazy.gate is None:
        pytest.skip("the pattern forces no literal: not gated")
    head = re.match(r"\(\?[aiLmsux]+\)", lazy.pattern)  # global flags stay in front
    cut = head.end() if head else 0
    grown = LazyPattern(
        f"{lazy.pattern[:cut]}(?:{lazy.pattern[cut:]})|zqxwords", lazy.flags, gated=True
    )
    assert grown.gate is not None
    assert "zqxwords" in grown.gate.literals
    assert grown.search("a zqxwords here") is not None


@pytest.mark.parametrize(
    ("pattern", "flags", "literals"),
    [
        pytest.param(
            r"\bsend(?:s|ing)? (?:it|them)\b",
            0,
            {"sends", "sending", "send it", "send them"},
            id="run-and-what-follows",
        ),
        pytest.param(r"\bcontr(?:ol|ôle)s?\b", 0, {"control", "contrôle"}, id="factored-prefix"),
        pytest.param(r"\b(?:is|are) (?:void|moot)\b", 0, {" void", " moot"}, id="common-words"),
        pytest.param(r"ab|cd", 0, {"ab", "cd"}, id="alternation"),
        pytest.param(r"(?:ab)?cd", 0, {"cd"}, id="optional-skipped"),
        pytest.param(r"(?:ab)?", 0, None, id="only-optional"),
        pytest.param(r"x(?:ab|)yz", 0, {"yz"}, id="empty-branch"),
        pytest.param(r"(?:wallet){2,}", 0, {"wallet"}, id="repeat"),
        pytest.param(r"[abc]+\d", 0, None, id="classes"),
        pytest.param(r"(?<=seed )\w+", 0, None, id="lookbehind-not-in-match"),
        pytest.param(r"(?=.*key)\w+", 0, None, id="lookahead-not-in-match"),
        pytest.param(r"KEY|Seed", re.IGNORECASE, {"key", "seed"}, id="folded"),
    ],
)
def test_required_literals(pattern: str, flags: int, literals: set[str] | None) -> None:
    assert required_literals(pattern, flags) == (None if literals is None else literals)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        pytest.param(r"\bseed\b", "ſEED", id="long-s"),
        pytest.param(r"\bkey\b", "\u212aEY", id="kelvin-sign"),
        pytest.param(r"\bprivate key\b", "PRİVATE KEY", id="dotted-capital-i"),
        pytest.param(r"\bprivate key\b", "prıvate key", id="dotless-i"),
        pytest.param(r"\bσας\b", "ΣΑΣ", id="final-sigma"),
        pytest.param(r"\bµ\b", "μ", id="micro-sign"),
    ],
)
def test_a_character_re_folds_passes_the_gate(pattern: str, text: str) -> None:
    """Where ``re.IGNORECASE`` matches, the gate lets the text through."""
    rx = re.compile(pattern, re.IGNORECASE)
    assert rx.search(text) is not None
    gate = LiteralGate.of(pattern, re.IGNORECASE)
    assert gate is not None and gate.holds(text)
    assert gate.search(rx, text) is not None


def test_an_alternation_finds_the_leftmost_and_first_alternative() -> None:
    """Cut into its alternatives, the pattern still returns ``re``'s match: the leftmost,
    and there the first alternative that matches."""
    pattern = r"\b(?:send|transfer) all\b|\bsend\b|\ball funds\b|(\d+) eth"
    rx = re.compile(pattern, re.IGNORECASE)
    gate = LiteralGate.of(pattern, re.IGNORECASE)
    assert gate is not None
    for text in ("please SEND ALL funds", "all funds: send", "12 ETH then send all", "nothing"):
        got, want = gate.search(rx, text), rx.search(text)
        assert (got and (got.span(), got.groups())) == (want and (want.span(), want.groups()))


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        pytest.param(r"\bsend\b|\bpaste(?:s)?\b", "send it, PASTE it, pastes, sends", id="words"),
        pytest.param(r"x*|\bsend\b", "send xx a send", id="empty-matches"),
        pytest.param(r"(?:send)?|\bpost\b", "post send", id="empty-first-alternative"),
        pytest.param(r"\bsend\b|\bpost\b", "nothing here", id="no-match"),
    ],
)
def test_searches_yields_what_finditer_yields(pattern: str, text: str) -> None:
    """``searches`` (the gated search from each match's end) yields ``re``'s ``finditer``
    matches, from any start and end, empty matches included."""
    lazy = LazyPattern(pattern, re.IGNORECASE, gated=True)
    for pos in range(len(text) + 1):
        for endpos in (len(text), max(pos, len(text) - 3)):
            want = [(m.span(), m.group()) for m in lazy.compiled.finditer(text, pos, endpos)]
            assert [(m.span(), m.group()) for m in lazy.searches(text, pos, endpos)] == want


@pytest.mark.parametrize(
    ("pattern", "flags", "inside", "alone"),
    [
        pytest.param(
            r"\bne\s{1,3}\w+\s{1,3}pas\b", re.I, "we passed it", "ne dis pas", id="b-after"
        ),
        pytest.param(r"(?<!\w)без(?!\w)", re.I, "безопасно", "без вопросов", id="lookarounds"),
        pytest.param(r"(?:owner|boss)\s{1,3}here\b", re.I, "go there", "boss here", id="space"),
        pytest.param(r"^send$", re.M, "resend", "send", id="anchors"),
        pytest.param(r"\bkey\b", re.I | re.ASCII, "monkey", "key", id="ascii-not-read"),
        pytest.param(r"\bπρέπει\b", re.I, "πρέπειν", "πρέπε\u0345_", id="a-mark-folds-to-a-letter"),
    ],
)
def test_a_literal_inside_a_word_opens_no_window_where_the_pattern_needs_a_boundary(
    pattern: str, flags: int, inside: str, alone: str
) -> None:
    """A literal beside which the pattern allows no word character (``\\b``, ``(?<!\\w)``,
    ``^``, a space) does not open the gate inside a word; where it stands alone it does, at
    every start and end ``re`` may be given (what lies beyond ``endpos`` is not read)."""
    rx = re.compile(pattern, flags)
    gate = LiteralGate.of(pattern, flags)
    assert gate is not None
    assert gate.holds(alone) and gate.search(rx, alone) is not None
    if flags & re.ASCII:  # \b of ASCII words: the gate reads no boundary
        assert gate.holds(inside)
        return
    assert not gate.holds(inside) and rx.search(inside) is None
    for text in (inside, alone, f"{inside} {alone}", f"{alone}{inside}", f"x{alone}x"):
        for pos in range(len(text) + 1):
            for endpos in range(pos, len(text) + 1):
                want = rx.search(text, pos, endpos)
                got = gate.search(rx, text, pos, endpos)
                assert (got and got.span()) == (want and want.span()), (text, pos, endpos)
                spans = gate.spans(text[pos:endpos])
                for m in rx.finditer(text[pos:endpos]):
                    assert spans is not None
                    assert any(m.start() <= a and b <= m.end() for a, b in spans)


def test_a_back_reference_keeps_the_pattern_whole() -> None:
    pattern = r"(['\"])key\1|seed"
    rx = re.compile(pattern)
    gate = LiteralGate.of(pattern)
    assert gate is not None
    assert gate.search(rx, "the 'key' here") is not None
    assert gate.search(rx, "the \"key' here") is None


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [
        pytest.param(r"(?<!\w)(?:refused|ignored)(?!\w)", 7 + 1, id="words-and-lookarounds"),
        pytest.param(r"\bsend\b(?=.{0,9}eth)", 4 + 12, id="a-lookahead-reads-on"),
        pytest.param(r"seed(?:ed)?$", 6, id="an-anchor"),
        pytest.param(r"\bsend\b.*", None, id="unbounded"),
        pytest.param(r"send(?=.*eth)", None, id="an-unbounded-lookahead"),
    ],
)
def test_a_gate_knows_how_far_a_match_reaches(pattern: str, reach: int | None) -> None:
    """The reach: a match's widest span plus what its lookaheads read on (None: unbounded)."""
    gate = LiteralGate.of(pattern, re.IGNORECASE)
    assert gate is not None
    assert gate.reach == reach


WINDOWED = [
    r"(?<!\w)(?:refused|ignored|did not|не выполнил)(?!\w)|未执行",
    r"\bsend\b(?=.{0,9}eth)|\bpay\b",
    r"seed(?:ed)?$|^key",
    r"(['\"])key\1|seed",
]


_WORDS = "refused Ignored did_not не_выполнил 未执行 send eth pay seed seeded key 'key' ſend . x"
WINDOW_WORDS = [*_WORDS.split(), "\n", " ", "a" * 40]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(WINDOW_WORDS), max_size=60), st.integers(0, 30), st.integers(0, 30))
def test_a_long_text_read_in_windows_finds_what_re_finds(
    words: list[str], pos: int, cut: int
) -> None:
    """Over a long text, ``finditer`` reads only the windows around the literals and yields
    ``re``'s matches, groups included, from any start and end (words meeting a window's
    edge, anchors, lookarounds, a back-reference)."""
    filler = "z" * (GATE_SPAN // 2)
    words = [w.replace("_", " ") for w in words]
    text = filler + "".join(words) + filler + "".join(reversed(words)) + "\n"
    for pattern in WINDOWED:
        lazy = LazyPattern(pattern, re.IGNORECASE, gated=True)
        for a, b in ((0, len(text)), (pos, len(text) - cut), (len(filler) + pos, len(text))):
            want = [(m.span(), m.groups()) for m in lazy.compiled.finditer(text, a, b)]
            assert [(m.span(), m.groups()) for m in lazy.finditer(text, a, b)] == want


def test_windows_are_apart_and_hold_the_literals() -> None:
    gate = LiteralGate.of(r"\bsend\b|\bpay\b", re.IGNORECASE)
    assert gate is not None and gate.reach == 4
    text = "x" * 100 + " send " + "x" * 100 + " pay pay " + "x" * 100
    windows = gate.windows(text, 0, len(text))
    assert windows == [(97, 110), (203, 219)]
    assert gate.windows("no word here " * 400, 0, 5200) == []


def test_a_long_string_goes_straight_to_the_pattern() -> None:
    gate = LiteralGate.of("seed")
    assert gate is not None
    assert gate.holds("x" * (GATE_SPAN + 1))  # not read: the pattern decides


@pytest.mark.slow  # an equivalence / property sweep: make test runs it
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAsSkKiIıİſ\u212a eydrwo.-ΣσςÆæ", max_size=40))
def test_fold_equates_what_re_equates(text: str) -> None:
    """A pattern of ``text``'s own characters, matched case-insensitively against any text,
    passes the gate wherever it matches."""
    for word in {text[i : i + 3] for i in range(0, max(1, len(text) - 2))}:
        if not word:
            continue
        for other in (word.upper(), word.lower(), word.swapcase(), _odd(word)):
            rx = re.compile(re.escape(word), re.IGNORECASE)
            if rx.search(other):
                gate = LiteralGate.of(re.escape(word), re.IGNORECASE)
                assert gate is not None and gate.holds(other), (word, other)


def _every_gated_pattern() -> list[LazyPattern]:
    import gc
    import importlib
    import pkgutil

    import aiegis_guard

    for module in pkgutil.walk_packages(aiegis_guard.__path__, "aiegis_guard."):
        importlib.import_module(module.name)
    found = [o for o in gc.get_objects() if isinstance(o, LazyPattern) and o.gated]
    return sorted((o for o in found if o.gate is not None), key=lambda o: o.pattern)


# characters put around and between a gate's literals: word characters of several scripts, a
# mark that folds to a letter (U+0345 folds to iota, yet is no word character), separators
_AROUND = ["a", "x", "é", "1", "_", " ", "-", "\n", ".", "'", "ж", "中", "\t", "\u0345", ""]


@pytest.mark.slow  # every gated pattern of the package, 200 built texts each: ~20 s
def test_texts_built_from_a_gates_own_literals_find_what_re_finds() -> None:
    """Texts made of a gate's literals with word and other characters beside them (where the
    gate's marks drop an occurrence), read from random starts and ends, and repeated past
    ``GATE_SPAN`` (read in windows, whose ends ``re`` takes for the text's end): the gated
    ``search`` / ``finditer`` / ``searches`` / ``sparse`` find what the compiled pattern
    finds."""
    import random

    rnd = random.Random(20261208)
    patterns = _every_gated_pattern()
    assert len(patterns) > 80
    for lazy in patterns:
        rx, literals = lazy.compiled, sorted(lazy.gate.literals)  # type: ignore[union-attr]
        for n in range(200):
            parts = ["".join(rnd.choice(_AROUND) for _ in range(rnd.randint(0, 3)))]
            for _ in range(rnd.randint(1, 5)):
                word = rnd.choice(literals)
                parts += [word.upper() if rnd.random() < 0.3 else word]
                parts += ["".join(rnd.choice(_AROUND) for _ in range(rnd.randint(0, 3)))]
            text = "".join(parts)
            pos = rnd.randint(0, len(text))
            end = rnd.randint(pos, len(text))
            for a, b in ((0, len(text)), (pos, end)):
                want = [m.span() for m in rx.finditer(text, a, b)]
                assert [m.span() for m in lazy.finditer(text, a, b)] == want, (text, a, b)
                assert [m.span() for m in lazy.searches(text, a, b)] == want, (text, a, b)
            assert [m.span() for m in lazy.sparse(text)] == [m.span() for m in rx.finditer(text)]
            if n % 10 == 0:
                long = (text + " ") * (2 * GATE_SPAN // max(len(text), 1) + 1)
                want = [m.span() for m in rx.finditer(long)]
                assert [m.span() for m in lazy.finditer(long)] == want, text
                assert [m.span() for m in lazy.sparse(long)] == want, text
