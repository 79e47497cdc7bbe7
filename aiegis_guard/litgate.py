"""Literal gates: the strings one of which every match of a regular expression must hold,
read off the pattern itself, and a cheap test for them before the expression runs.

A case-insensitive alternation that opens with ``\\b`` (most of the intent stage's patterns)
gives ``re`` no first character to skip to: it is tried at every position, each of its
alternatives in turn (~0.3 ms on a 200-character sentence for the longest). Most sentences
hold none of its words, and saying so takes one automaton pass over the sentence.

:func:`required_literals` walks the pattern's parse tree (``re._parser``, the one ``re``
compiles) and returns a set of strings such that every match holds at least one of them, or
None where it cannot say (an optional part, a character class, a back-reference). So the gate
is derived from the pattern, never kept beside it: a word added to the pattern is in its gate.
Strings are compared folded (:func:`fold`) the way ``re.IGNORECASE`` compares characters
(simple lower case, and the extra equivalences of ``re._casefix``: long s, dotless i, the
Greek and Cyrillic variants), which is also sound for a case-sensitive pattern (a fold only
merges characters).

A pattern that is one alternation (``a|b|c``, after a common zero-width or literal head) is
also cut into its alternatives, each with its own literals: :meth:`LiteralGate.search` runs
only those whose literals occur, and the whole pattern from the first place one of them
matches (the same match ``re`` finds from the start: no alternative matches before it).

Which literals: of the sets a pattern offers, the gate keeps the most selective (the longest
shortest string, a run grown by the fixed start of what follows it: ``contr(?:ol|ôle)`` gives
"control" / "contrôle"; one of the commonest English words last). A literal's edge where the
pattern allows no word character beside it (``\\b``, ``(?<!\\w)``, ``^``, ``$``, a space
class) is marked, and an occurrence with a word character on both sides of that edge is
skipped ("pas" in "passed" for ``pas\\b``): in the raw text, as ``re`` reads ``\\b``, and
after a literal only where ``re`` is given the same end (a window's end is the end of the text
to ``re``). Under ``re.ASCII`` / ``re.LOCALE`` no edge is read.
"""

from __future__ import annotations

import importlib
import re
import sys
from collections.abc import Iterator
from functools import cache
from typing import Any

from aiegis_guard.automata import WordAutomaton

# the parser, compiler and case table re itself uses (CPython 3.11+; typeshed has no stubs)
_casefix: Any = importlib.import_module("re._casefix")
_compiler: Any = importlib.import_module("re._compiler")
_c: Any = importlib.import_module("re._constants")
_parser: Any = importlib.import_module("re._parser")

__all__ = ["GATE_SPAN", "LiteralGate", "fold", "match_starts", "required_literals"]
__all__ += ["max_width", "min_width", "word_boundary"]

_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_ASCII_WORDS = re.ASCII | re.LOCALE  # \b and \w of ASCII / locale words: no edge is read
_DOTTED_I = "\u0130"  # "İ": str.lower gives "i" + a combining dot, re compares it as "i"
# longer strings go straight to the pattern: a caller that searches a long text again and
# again from later positions would fold the rest each time
GATE_SPAN = 4096
Literals = frozenset[str]


@cache
def _extra_folds() -> tuple[dict[str, str], re.Pattern[str]]:
    """Each lower-case character ``re`` also equates with others (``s`` / ``ſ``, ``i`` /
    ``ı``, ``σ`` / ``ς``…), mapped to the least of its class, and a pattern finding them."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for a, others in _casefix._EXTRA_CASES.items():
        for b in others:
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    table = {chr(a): chr(root(a)) for a in _casefix._EXTRA_CASES if root(a) != a}
    return table, re.compile("[" + "".join(map(re.escape, sorted(table))) + "]")


def fold(text: str) -> str:
    """``text`` with each character as ``re.IGNORECASE`` compares it (two characters ``re``
    equates fold alike), one character for one: positions are kept (``İ``, the one character
    ``str.lower`` makes two of, folds to ``i`` first)."""
    if text.isascii():
        return text.lower()
    if _DOTTED_I in text:
        text = text.replace(_DOTTED_I, "i")
    low = text.lower()
    table, odd = _extra_folds()
    if odd.search(low) is None:  # str.translate reads a long text at ~50 ns a character
        return low
    return odd.sub(lambda m: table[m.group()], low)


def _better(a: Literals | None, b: Literals | None) -> Literals | None:
    """The more selective of two literal sets (longer shortest string, a word boundary at one
    of its ends counting as a character, then fewer strings)."""
    if a is None or b is None:
        return b if a is None else a
    key_a = (min(map(_worth, a)), -len(a))
    key_b = (min(map(_worth, b)), -len(b))
    return a if key_a >= key_b else b


# the commonest English words: a literal that is one of them occurs in most sentences
_COMMON_WORDS = (
    "a about after all also an and any are as at be been but by can do does for from has have "
    "he her here his i if in into is it its may more new no not now of on one only or other "
    "our out so some such than that the their them then there these they this to under up us "
    "was we were what when which who will with would you your"
)
_COMMON = frozenset(_COMMON_WORDS.split())


def _worth(literal: str) -> float:
    """How selective a literal is: its length, half a character more for each end no word
    character may touch, and next to nothing for one of the commonest words."""
    text, marks = _unmarked(literal)
    if text.strip(" ") in _COMMON:
        return 1.0
    return len(text) + 0.5 * ((marks & _BEFORE) + (marks >> 1))


# A literal's end where the pattern allows no word character beside it (``\bsend``, ``pas\b``,
# ``(?<!\w)не``) is marked with this character in the sets :func:`_literals` returns: the gate
# skips an occurrence inside a word ("pas" in "passed"), which ``re`` could not match there.
_MARK = "\x1f"
_BEGINNINGS = (_c.AT_BEGINNING, _c.AT_BEGINNING_LINE, _c.AT_BEGINNING_STRING)
_ENDINGS = (_c.AT_END, _c.AT_END_LINE, _c.AT_END_STRING)
_WORD_CLASS = (_c.CATEGORY, _c.CATEGORY_WORD)
_BEFORE, _AFTER, _BOUNDARY = 1, 2, 4  # no word character before / after; ``\b``


def _edges(op: Any, av: Any) -> int:
    """What a zero-width item says of the characters beside where it stands (bits above)."""
    if op is _c.AT:
        if av is _c.AT_BOUNDARY:
            return _BOUNDARY
        return _BEFORE if av in _BEGINNINGS else _AFTER if av in _ENDINGS else 0
    if op is _c.ASSERT_NOT and len(av[1]) == 1:  # (?<!\w) / (?!\w), also [\w-]
        kind, items = av[1][0]
        if kind is _c.IN and _WORD_CLASS in items and (_c.NEGATE, None) not in items:
            return _BEFORE if av[0] < 0 else _AFTER
    return 0


def _edges_from(items: list[Any], at: int, then: int, words: bool) -> int:
    """The edges the zero-width items from ``items[at]`` on say, up to the next item that
    consumes (``then``: what stands after ``items``, when they all are zero-width), and that
    item's: one that consumes only characters outside words (``\\s{1,3}``) stands after."""
    found = 0
    for op, av in items[at:]:
        if op not in _ZERO_WIDTH:
            return found | (_AFTER if words and _outside_words(op, av) else 0)
        found |= _edges(op, av) if words else 0
    return found | then


_NOT_WORDS = ((_c.CATEGORY, _c.CATEGORY_SPACE), (_c.CATEGORY, _c.CATEGORY_NOT_WORD))


def _outside_words(op: Any, av: Any) -> bool:
    """Does the item consume at least one character, each outside words (a space, ``-``)?"""
    if op in _REPEATS:
        return av[0] >= 1 and len(av[2]) == 1 and _outside_words(*av[2][0])
    if op is _c.LITERAL:
        return not _is_word(chr(av))
    if op is _c.IN:
        return all(
            item in _NOT_WORDS or (item[0] is _c.LITERAL and not _is_word(chr(item[1])))
            for item in av
        )
    return False


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _marked(run: str, before: int, after: int) -> str:
    """``run`` with a mark at each end where no word character may stand beside it."""
    if before & _BEFORE or (before & _BOUNDARY and _is_word(run[0])):
        run = _MARK + run
    if after & _AFTER or (after & _BOUNDARY and _is_word(run[-1])):
        run += _MARK
    return run


def _literals(seq: Any, before: int = 0, after: int = 0, words: bool = True) -> Literals | None:
    """Strings one of which every match of the parsed sequence ``seq`` holds (None: unknown),
    marked (:data:`_MARK`) at an end where the pattern allows no word character beside it.
    A run of literal characters is one string; a group counts as its content, an alternation
    as the union of its branches (each must have a set), a repeat as its body when it must
    occur at least once. Assertions, classes, anchors and references add nothing.
    ``before`` / ``after``: what stands around ``seq`` (:func:`_edges`); ``words``: its
    ``\\b`` and ``\\w`` are Unicode's (not under ``re.ASCII`` / ``re.LOCALE``)."""
    best: Literals | None = None
    run: list[str] = []
    items = list(seq)
    pending = before  # edges since the last item that consumes
    run_before = 0
    for i, (op, av) in enumerate(items):
        if op is _c.LITERAL:
            if not run:
                run_before = pending
            run.append(chr(av))
            pending = 0
            continue
        if run:
            best = _better(best, _run(run, run_before, _edges_from(items, i, after, words)))
            best = _better(best, _run_and_next(run, run_before, items[i:]))
            run = []
        if op in _ZERO_WIDTH:
            pending |= _edges(op, av) if words else 0
            continue
        edges = (pending, _edges_from(items, i + 1, after, words))
        pending = _BEFORE if words and _outside_words(op, av) else 0
        found: Literals | None = None
        if op is _c.SUBPATTERN:
            inner = words and not av[1] & _ASCII_WORDS  # (?a:…): another \b
            found = _literals(av[-1], *(edges if inner else (0, 0)), words=inner)
        elif op is _c.ATOMIC_GROUP:
            found = _literals(av, *edges, words=words)
        elif op is _c.BRANCH:
            parts = [_literals(branch, *edges, words=words) for branch in av[1]]
            found = None if None in parts else frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in _REPEATS:  # a repeat's body stands beside another of its rounds
            found = _literals(av[2], words=words) if av[0] >= 1 else None
        elif op is _c.GROUPREF_EXISTS and av[2] is not None:
            yes = _literals(av[1], *edges, words=words)
            no = _literals(av[2], *edges, words=words)
            found = None if yes is None or no is None else yes | no
        best = _better(best, found)
    if run:
        best = _better(best, _run(run, run_before, after))
    return best


def _run(run: list[str], before: int, after: int) -> Literals | None:
    text = "".join(run)
    if _MARK in text:  # a pattern holding the mark itself: not gated
        return None
    return frozenset((_marked(text, before, after),))


def _run_and_next(run: list[str], before: int, rest: list[Any]) -> Literals | None:
    """``run`` grown by each string what follows it in its sequence begins with ("contr" +
    "ol" / "ôle" from ``contr(?:ol|ôle)``), where that is fixed (:func:`_starts`)."""
    heads = _starts(rest)
    if heads is None:
        return None
    text = "".join(run)
    if _MARK in text or any(_MARK in h for h, _ in heads):
        return None
    return frozenset(_marked(text + h, before, 0) for h, _ in heads)


def _unmarked(literal: str) -> tuple[str, int]:
    """A marked literal's string and its marks (``_BEFORE`` | ``_AFTER``)."""
    marks = 0
    if literal.startswith(_MARK):
        literal, marks = literal[1:], _BEFORE
    if literal.endswith(_MARK):
        literal, marks = literal[:-1], marks | _AFTER
    return literal, marks


def _folded(found: Literals | None) -> Literals | None:
    """``found`` folded (:func:`fold`, marks kept); None for none or an empty string."""
    if found is None:
        return None
    folded = frozenset(fold(s) for s in found)
    return None if any(not _unmarked(s)[0] for s in folded) else folded


def _bounded(
    found: Iterator[tuple[int, str]], bounds: dict[str, int], raw: str, at: int, last: int
) -> Iterator[tuple[int, str]]:
    """The occurrences in ``found`` (in a folded copy of ``raw[at:]``) that ``bounds`` (each
    literal's marks) allow: one is dropped where the pattern wants no word character beside
    it and ``raw`` has a word character on both sides of that edge. Read in ``raw``, as
    ``re`` reads ``\\b`` and ``\\w`` (a fold may turn a mark into a letter: U+0345). What
    stands before ``at`` is read (``re`` sees it from any ``pos``); after the folded copy's
    ``last`` character nothing is, and ``last`` < 0 reads no end at all: a window's end is
    no end of the text for ``re``, which would match ``pas\\b`` in ``passed`` cut there."""
    for end, s in found:
        marks = bounds.get(s)
        if marks is not None:
            first = at + end + 1 - len(s)
            if marks & _BEFORE and first > 0 and _is_word(raw[first - 1]) and _is_word(raw[first]):
                continue
            after = at + end
            if marks & _AFTER and end < last and _is_word(raw[after]) and _is_word(raw[after + 1]):
                continue
        yield end, s


def _stripped(marked: Literals) -> Literals:
    """``marked`` without its marks."""
    return frozenset(_unmarked(s)[0] for s in marked)


def _unicode_words(tree: Any, flags: int) -> bool:
    """Are ``\\b`` and ``\\w`` Unicode's in the parsed pattern (not ``re.ASCII`` / ``LOCALE``)?"""
    return not (flags | tree.state.flags) & _ASCII_WORDS


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """Folded strings (:func:`fold`) one of which every match of ``pattern`` holds, or None
    when the pattern does not force any (an empty string among them counts as None)."""
    tree = _parser.parse(pattern, flags)
    found = _folded(_literals(tree, words=_unicode_words(tree, flags)))
    return None if found is None else _stripped(found)


def _children(op: Any, av: Any) -> list[Any]:
    """The parsed sub-sequences of one item (a group's, a branch's, a repeat's, an
    assertion's, a conditional's two arms)."""
    if op is _c.SUBPATTERN:
        return [av[-1]]
    if op is _c.ATOMIC_GROUP:
        return [av]
    if op is _c.BRANCH:
        return list(av[1])
    if op in _REPEATS:
        return [av[2]]
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is _c.GROUPREF_EXISTS:
        return [arm for arm in av[1:] if arm is not None]
    return []


def _refers(seq: Any) -> bool:
    """Does the parsed sequence hold a back-reference (its groups live in other parts)?"""
    for op, av in seq:
        if op in (_c.GROUPREF, _c.GROUPREF_EXISTS, _c.GROUPREF_IGNORE):
            return True
        if any(_refers(s) for s in _children(op, av)):
            return True
    return False


_HEAD_OPS = (_c.AT, _c.LITERAL, _c.ASSERT, _c.ASSERT_NOT)
_WINDOW_REACH = 1024  # a longer reach reads most of a text around each literal: not worth it


def _reach(tree: Any) -> int:
    """The most characters a match of the parsed ``tree`` spans plus the farthest any of
    its lookaheads reads past where it stands (``MAXREPEAT`` or more: unbounded)."""
    return int(tree.getwidth()[1]) + _ahead(tree)


def _ahead(seq: Any) -> int:
    """The farthest a lookahead inside the parsed ``seq`` reads past its own position."""
    far = 0
    for op, av in seq:
        if op in (_c.ASSERT, _c.ASSERT_NOT) and av[0] > 0:  # reads its own reach on
            far = max(far, _reach(av[1]))
        else:
            far = max([far, *map(_ahead, _children(op, av))])
    return far


class _Part:
    """One alternative of a gated alternation: its literals, compiled on first use (most
    alternatives of a thirty-language pattern never meet a text holding their words)."""

    __slots__ = ("_compiled", "_flags", "_tree", "literals", "marked")

    def __init__(self, tree: Any, flags: int) -> None:
        self.marked = _folded(_literals(tree, words=_unicode_words(tree, flags)))
        self.literals = None if self.marked is None else _stripped(self.marked)
        self._tree = tree
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def search(self, string: str, pos: int, endpos: int) -> re.Match[str] | None:
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = _compiler.compile(self._tree, self._flags)
        return compiled.search(string, pos, endpos)


def _alternatives(tree: Any, flags: int) -> list[_Part]:
    """The alternatives of a pattern that is one alternation after a head of anchors,
    assertions and literals (what the parser factors out of every branch), each with that
    head and with its own literals; [] for any other pattern."""
    data = list(tree.data)
    if not data or data[-1][0] is not _c.BRANCH or _refers(data):
        return []
    head = data[:-1]
    if any(op not in _HEAD_OPS for op, _ in head):
        return []
    return [
        _Part(_parser.SubPattern(tree.state, head + list(branch.data)), flags)
        for branch in data[-1][1][1]
    ]


class LiteralGate:
    """Could ``pattern`` match in a string? No, when the string holds none of its
    :func:`required_literals` (one pass of an automaton over the folded string); for an
    alternation, only the alternatives whose literals occur are run (:meth:`search`)."""

    __slots__ = ("_automaton", "_bounds", "_few", "_parts", "literals", "reach")

    def __init__(self, marked: Literals, parts: list[_Part], reach: int | None = None) -> None:
        self.literals = _stripped(marked)
        self._parts = parts
        # how far from one of its literals a match, and what it looks ahead at, can reach
        # (None: unbounded or too far to be worth cutting a text into windows)
        self.reach = reach
        # the ends of a literal beside which no word character may stand, wherever it occurs
        bounds: dict[str, int] = {}
        for literal in marked.union(*(p.marked for p in parts if p.marked is not None)):
            text, marks = _unmarked(literal)
            bounds[text] = bounds.get(text, marks) & marks
        self._bounds = {text: marks for text, marks in bounds.items() if marks}
        few = len(bounds) <= 3 and not parts and not self._bounds
        self._few = tuple(sorted(self.literals)) if few else None
        self._automaton = WordAutomaton((s, s) for s in bounds)

    def _occurrences(
        self, text: str, raw: str, at: int, *, ends: bool = True
    ) -> Iterator[tuple[int, str]]:
        """``(end index, literal)`` of each occurrence in ``text``, the folded copy of
        ``raw[at:at + len(text)]``, that the literals' marks allow there (:func:`_bounded`;
        ``ends``: a literal's end is read too, ``re`` being given the same end)."""
        found: Iterator[tuple[int, str]] = self._automaton.iter(text)
        if not self._bounds:
            return found
        return _bounded(found, self._bounds, raw, at, len(text) - 1 if ends else -1)

    @classmethod
    def of(cls, pattern: str, flags: int = 0) -> LiteralGate | None:
        """The gate of ``pattern`` (None: it forces no literal)."""
        tree = _parser.parse(pattern, flags)
        literals = _folded(_literals(tree, words=_unicode_words(tree, flags)))
        if literals is None:
            return None
        parts = _alternatives(tree, flags)
        if sum(p.literals is None for p in parts) > len(parts) // 2:
            parts = []  # most alternatives would run anyway: gate the pattern whole
        reach = _reach(tree)
        return cls(literals, parts, reach if reach <= _WINDOW_REACH else None)

    def windows(self, string: str, pos: int, endpos: int) -> list[tuple[int, int]] | None:
        """Stretches of ``string[pos:endpos]`` that hold every match whole, with all it looks
        at: each occurrence of a literal widened by :attr:`reach` on both sides (one more
        after it), overlapping ones merged; None when the reach is unbounded. A match holds
        a literal, so it lies inside that literal's stretch, and the stretches are apart:
        ``re``'s matches from ``pos`` are those it finds in each stretch from its start."""
        reach = self.reach
        if reach is None:
            return None
        pos, endpos = max(pos, 0), min(endpos, len(string))
        if endpos <= pos:
            return []
        out: list[tuple[int, int]] = []
        for end, s in self._occurrences(fold(string[pos:endpos]), string, pos, ends=False):
            if s not in self.literals:
                continue
            a = max(pos, pos + end + 1 - len(s) - reach)
            b = min(endpos, pos + end + 2 + reach)
            if out and a <= out[-1][1]:
                out[-1] = (out[-1][0], max(b, out[-1][1]))
            else:
                out.append((a, b))
        return out

    def _span(self, string: str, pos: int, endpos: int, limit: int = GATE_SPAN) -> str | None:
        """``string[pos:endpos]`` (as ``re`` reads them) folded, or None when longer than
        ``limit``."""
        pos = max(pos, 0)
        if min(endpos, len(string)) - pos > limit:
            return None
        if pos or endpos < len(string):
            string = string[pos : max(endpos, pos)]
        return fold(string)

    def holds(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        """Does ``string[pos:endpos]`` hold one of the literals (True for a string longer than
        ``GATE_SPAN``)?"""
        text = self._span(string, pos, endpos)
        if text is None:
            return True
        if self._few is not None:
            return any(s in text for s in self._few)
        return any(s in self.literals for _end, s in self._occurrences(text, string, max(pos, 0)))

    def spans(self, string: str, limit: int = GATE_SPAN) -> list[tuple[int, int]] | None:
        """Where the literals occur in ``string`` (a match in any part of it holds one of
        these spans whole), or None when ``string`` is longer than ``limit`` (a caller that
        reads a whole text once passes its length)."""
        text = self._span(string, 0, len(string), limit)
        if text is None:  # fold keeps positions
            return None
        return [
            (end + 1 - len(s), end + 1)
            for end, s in self._occurrences(text, string, 0, ends=False)
            if s in self.literals
        ]

    def search(
        self, compiled: re.Pattern[str], string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        """``compiled.search(string, pos, endpos)`` (``compiled``: this gate's pattern),
        running nothing when no literal occurs and, for an alternation, only the
        alternatives whose literals occur: the whole pattern then runs from the first place
        one of them matches, so the match (and the alternative ``re`` prefers there) is the
        one ``re`` finds from ``pos``."""
        if not self._parts:
            return compiled.search(string, pos, endpos) if self.holds(string, pos, endpos) else None
        text = self._span(string, pos, endpos)
        if text is None:
            return compiled.search(string, pos, endpos)
        present = {s for _end, s in self._occurrences(text, string, max(pos, 0))}
        if not present & self.literals:
            return None
        first = -1
        for part in self._parts:
            if part.literals is None or not part.literals.isdisjoint(present):
                m = part.search(string, pos, endpos)
                if m is not None and (first < 0 or m.start() < first):
                    first = m.start()
        return None if first < 0 else compiled.search(string, first, endpos)


# what a match begins with: match_starts ---------------------------------------------------

_STARTS_CAP = 256  # strings a prefix set may grow to (products of small alternations)
Starts = dict[str, bool]


def _exact(item: tuple[Any, Any]) -> frozenset[str] | None:
    """The strings ``item`` matches, when they are a few fixed ones (a literal, a class of
    literal characters, a group or alternation of such sequences), else None."""
    op, av = item
    if op is _c.LITERAL:
        return frozenset((chr(av),))
    if op is _c.IN:
        if all(o is _c.LITERAL for o, _ in av):
            return frozenset(chr(v) for _, v in av)
        return None
    if op is _c.SUBPATTERN:
        return _exact_seq(av[-1])
    if op is _c.BRANCH:
        parts = [_exact_seq(b) for b in av[1]]
        if None in parts:
            return None
        out = frozenset().union(*parts)  # type: ignore[arg-type]
        return out if len(out) <= _STARTS_CAP else None
    return None


def _exact_seq(seq: Any) -> frozenset[str] | None:
    out = frozenset(("",))
    for item in seq:
        one = _exact(item)
        if one is None or len(out) * len(one) > _STARTS_CAP:
            return None
        out = frozenset(a + b for a in out for b in one)
    return out


def _starts(seq: Any) -> set[tuple[str, bool]] | None:
    """(prefix, boundary) pairs: every match of the parsed ``seq`` begins with one of the
    prefixes (non-empty), and where ``boundary`` is True that match begins at a ``\\b``.
    None where a match may begin otherwise (a class, an optional part, nothing fixed)."""
    boundary = False
    items = list(seq)
    for i, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:  # consumes nothing: the match still begins here
            boundary = boundary or (op is _c.AT and av is _c.AT_BOUNDARY)
            continue
        heads = _exact((op, av))
        if heads is not None and "" not in heads:
            # a fixed start: grow it by what follows while that is fixed too
            for nxt in items[i + 1 :]:
                more = _exact(nxt)
                if more is None:  # not fixed: still, how it begins ("e" + "jecut…", "xecute")
                    begins = _starts([nxt])
                    more = None if begins is None else frozenset(h for h, _ in begins)
                if more is None or len(heads) * len(more) > _STARTS_CAP:
                    break
                heads = frozenset(a + b for a in heads for b in more)
                if _exact(nxt) is None:
                    break
            return {(h, boundary) for h in heads}
        inner: set[tuple[str, bool]] | None = None
        if op is _c.SUBPATTERN:
            inner = _starts(av[-1])
            if inner is not None and av[1] & _ASCII_WORDS:  # (?a:…): another \b
                inner = {(h, False) for h, _ in inner}
        elif op is _c.ATOMIC_GROUP:
            inner = _starts(av)
        elif op is _c.BRANCH:
            parts = [_starts(b) for b in av[1]]
            inner = None if None in parts else set().union(*parts)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            inner = _starts(av[2])
        elif op in _REPEATS:  # optional ("(?:the\s+)?same"): it, or what follows, begins
            body, rest = _starts(av[2]), _starts(items[i + 1 :])
            inner = None if body is None or rest is None else body | rest
        if inner is None:
            return None
        return {(h, b or boundary) for h, b in inner}
    return None


def match_starts(pattern: str, flags: int = 0) -> Starts | None:
    """Folded strings (:func:`fold`) every match of ``pattern`` begins with, each mapped to
    whether every match that begins with it begins at a word boundary (``\\b``), or None
    when the pattern does not fix how its matches begin."""
    tree = _parser.parse(pattern, flags)
    found = _starts(tree)
    if found is None:
        return None
    if (flags | tree.state.flags) & _ASCII_WORDS:  # \b of ASCII / locale words: not read
        found = {(h, False) for h, _ in found}
    out: Starts = {}
    for head, boundary in found:
        key = fold(head)
        out[key] = out.get(key, True) and boundary
    return out


def word_boundary(text: str, at: int) -> bool:
    """Does ``\\b`` hold at ``at`` in ``text``, as ``re`` reads it in a str pattern (a word
    character: ``str.isalnum`` or ``_``, on one side only)?"""
    before = at > 0 and (text[at - 1].isalnum() or text[at - 1] == "_")
    after = at < len(text) and (text[at].isalnum() or text[at] == "_")
    return before != after


def max_width(pattern: str, flags: int = 0) -> int:
    """The most characters a match of ``pattern`` can span (as ``re``'s parser reads it;
    ``MAXREPEAT`` or more: unbounded)."""
    return int(_parser.parse(pattern, flags).getwidth()[1])


def min_width(pattern: str, flags: int = 0) -> int:
    """The fewest characters a match of ``pattern`` spans."""
    return int(_parser.parse(pattern, flags).getwidth()[0])
