"""Phrase books: TOML files of phrase rules, validated when they are loaded.

A book (``books/*.toml`` in the package, or your own file named in ``[rules] extra``)::

    lang = "en"                  # the language of its rules (a rule may set its own)

    [vocab]                      # named term lists; a part uses them as ``$name``
    leave = "send|move|transfer"

    [[drainer]]                  # or [[injection]]; the family is the name's first word
    name = "sweep.everything"    # rule id drainer.sweep, phrase id sweep.everything.en
    parts = ["$leave", "everything|all funds", "@addr"]
    gap = 40                     # characters between parts (default 40)

A part is a ``|``-separated string of alternatives (``word``, ``stem*``, ``@slot``,
``$vocab``); a TOML array instead lists literal terms that may hold ``|`` themselves
(``["<|im_start|>", "[/inst]"]``). A long string may go on over several lines: TOML's
multi-line string with a backslash at the end of each line.

Options of a rule (all optional): ``gap``; ``anchor`` (the index of the part looked up
first: the rarest; never one of only slots); ``free`` (parts in any order around the
anchor); ``imperative`` (the first part must be an imperative); ``read`` (about content the
agent reads: the user's own prompt is not reported); ``negatable`` (skipped when its
sentence says no); ``unless`` (``|``-separated words that cancel a match). Parts, slots and
matching: :mod:`aiegis_guard.scanners.phrases.match`. The shared vocabulary
(``books/vocab.toml``: ``$send``, ``$payee``, ``$keys`` ...) is usable in every book.

A malformed book fails with :class:`~aiegis_guard.errors.ConfigError` naming the file, the
rule and the field: ``my_rules.toml: drainer[0] (sweep.everything): parts[1]: unknown
vocabulary '$leav'``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from aiegis_guard.errors import ConfigError
from aiegis_guard.findings import Category
from aiegis_guard.scanners.phrases.families import FAMILIES
from aiegis_guard.scanners.phrases.phrase import Phrase
from aiegis_guard.scanners.phrases.terms import SLOTS, terms

__all__ = ["Book", "Phrase", "parse_book", "read_book"]

_NAME = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
_LANG = r"^[a-z]{2,5}$"
_VOCAB_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


_Text = Annotated[str, StringConstraints(min_length=1)]


class _RuleSpec(_Strict):
    name: Annotated[str, StringConstraints(pattern=_NAME, max_length=120)]
    lang: Annotated[str, StringConstraints(pattern=_LANG)] | None = None
    parts: list[_Text | list[_Text]] = Field(min_length=1, max_length=8)
    gap: int = Field(default=40, ge=1, le=400)
    anchor: int = Field(default=0, ge=0, le=7)
    free: bool = False
    imperative: bool = False
    read: bool = False
    negatable: bool = False
    unless: str = ""


class _BookSpec(_Strict):
    lang: Annotated[str, StringConstraints(pattern=_LANG)] | None = None
    vocab: dict[str, str] = Field(default_factory=dict)
    injection: list[dict[str, Any]] = Field(default_factory=list)
    drainer: list[dict[str, Any]] = Field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Book:
    """The rules of one file, by category, in file order."""

    path: str
    rules: tuple[tuple[Category, Phrase], ...]
    vocab: Mapping[str, str]


def _loc(loc: Iterable[int | str]) -> str:
    out = ""
    for p in loc:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else p)
    return out


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = _loc(err["loc"]) or "<file>"
    if err["type"] == "extra_forbidden":
        return f"{where}: unknown key"
    return f"{where}: {str(err['msg']).removeprefix('Value error, ')}"


def _expand(spec: str, vocab: Mapping[str, str], field: str, seen: tuple[str, ...] = ()) -> str:
    """``spec`` with every ``$name`` alternative replaced by that vocabulary (recursively)."""
    if "$" not in spec:
        return spec
    out = []
    for alt in spec.split("|"):
        name = alt.strip()
        if not name.startswith("$"):
            out.append(alt)
            continue
        name = name[1:]
        if name not in vocab:
            raise ValueError(f"{field}: unknown vocabulary '${name}'")
        if name in seen:
            raise ValueError(f"{field}: vocabulary '${name}' refers to itself")
        out.append(_expand(vocab[name], vocab, field, (*seen, name)))
    return "|".join(out)


def _check_alternatives(spec: str, field: str) -> None:
    for alt in spec.split("|"):
        word = alt.strip()
        if not word:
            raise ValueError(f"{field}: empty alternative (a stray '|')")
        if any(ord(c) < 0x20 for c in word):
            raise ValueError(f"{field}: control character in {word!r}")
        if word.startswith("@") and word not in SLOTS:
            known = ", ".join(sorted(SLOTS))
            raise ValueError(f"{field}: unknown slot {word!r} (known: {known})")


def _phrase(
    spec: _RuleSpec, category: Category, lang: str | None, vocab: Mapping[str, str]
) -> Phrase:
    family = spec.name.split(".", 1)[0]
    if family not in FAMILIES[category]:
        known = ", ".join(FAMILIES[category])
        raise ValueError(f"name: unknown {category.value} family {family!r} (known: {known})")
    lang = spec.lang or lang
    if lang is None:
        raise ValueError("lang: missing (set it on the rule or at the top of the file)")
    if spec.anchor >= len(spec.parts):
        raise ValueError(f"anchor: {spec.anchor} is not a part index (0..{len(spec.parts) - 1})")
    parts: list[str | tuple[str, ...]] = []
    for i, raw in enumerate(spec.parts):
        if isinstance(raw, list):  # literal terms: no '|', '$' or '@' syntax inside
            parts.append(tuple(raw))
            continue
        part = _expand(raw, vocab, f"parts[{i}]")
        _check_alternatives(part, f"parts[{i}]")
        parts.append(part)
    if not terms(parts[spec.anchor]):
        raise ValueError(f"parts[{spec.anchor}]: the anchor part needs words, not only slots")
    unless = tuple(w for w in _expand(spec.unless, vocab, "unless").split("|") if w)
    return Phrase(
        spec.name,
        lang,
        tuple(parts),
        spec.gap,
        spec.negatable,
        unless,
        spec.anchor,
        spec.free,
        spec.imperative,
        spec.read,
    )


def _vocab(raw: Mapping[str, str], shared: Mapping[str, str]) -> dict[str, str]:
    for name in raw:
        if not _VOCAB_RE.match(name):
            raise ValueError(f"vocab.{name}: a name is lower-case letters, digits and '_'")
        if name in shared:
            raise ValueError(f"vocab.{name}: shadows the shared vocabulary '${name}'")
    return {**shared, **raw}


def parse_book(data: Mapping[str, Any], path: str, shared: Mapping[str, str] | None = None) -> Book:
    """Validate one book (a parsed TOML table). ``shared``: the vocabulary every book sees."""
    try:
        book = _BookSpec.model_validate(data)
        vocab = _vocab(book.vocab, shared or {})
    except (ValidationError, ValueError) as exc:
        msg = _first_error(exc) if isinstance(exc, ValidationError) else str(exc)
        raise ConfigError(f"{path}: {msg}") from None
    rules: list[tuple[Category, Phrase]] = []
    for category in (Category.INJECTION, Category.DRAINER):
        for i, raw in enumerate(getattr(book, category.value)):
            where = f"{path}: {category.value}[{i}]"
            name = raw.get("name")
            if isinstance(name, str):
                where += f" ({name})"
            try:
                spec = _RuleSpec.model_validate(raw)
                rules.append((category, _phrase(spec, category, book.lang, vocab)))
            except ValidationError as exc:
                raise ConfigError(f"{where}: {_first_error(exc)}") from None
            except ValueError as exc:
                raise ConfigError(f"{where}: {exc}") from None
    return Book(path, tuple(rules), vocab)


def read_book(path: str, data: bytes, shared: Mapping[str, str] | None = None) -> Book:
    """Parse and validate the TOML bytes of one book (``path`` names it in errors)."""
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return parse_book(table, path, shared)


def read_vocab(path: str, data: bytes) -> dict[str, str]:
    """The shared vocabulary file: one ``[vocab]`` table (entries may use each other)."""
    book = read_book(path, data)
    if book.rules:
        raise ConfigError(f"{path}: the shared vocabulary file holds no rules")
    try:
        return {name: _expand(v, book.vocab, f"vocab.{name}") for name, v in book.vocab.items()}
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def rule_ids(rules: Sequence[tuple[Category, Phrase]]) -> list[str]:
    """``<category>.<name>.<lang>`` of every rule (what ``[rules] disable`` matches)."""
    return [f"{c.value}.{p.id}" for c, p in rules]
