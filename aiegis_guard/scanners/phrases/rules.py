"""The rule set a guard runs: the shipped books, plus ``[rules] extra``, minus ``[rules]
disable``.

:func:`load_rules` reads the files' bytes and hashes them (with the engine's sources and the
``disable`` list) into a digest. A rule set seen before comes from the disk cache
(:mod:`aiegis_guard.scanners.phrases.cache`) without parsing any TOML; a new one is parsed,
validated (:mod:`aiegis_guard.scanners.phrases.books`) and cached with its anchor index.

Rules run by category (injection, then drainer), each in file order: the shipped books in
the order of ``books/index.toml``, then the ``extra`` files in the order given.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from aiegis_guard.errors import ConfigError
from aiegis_guard.findings import Category
from aiegis_guard.scanners.phrases.cache import read_cache
from aiegis_guard.scanners.phrases.phrase import Phrase

__all__ = ["BOOKS_DIR", "RuleSet", "default_rules", "load_rules", "rule_id"]

BOOKS_DIR = Path(__file__).resolve().parent / "books"
_HERE = Path(__file__).resolve().parent
_ENGINE = (  # sources whose change changes what the books compile to
    *(_HERE / n for n in ("books.py", "families.py", "index.py", "match.py", "terms.py")),
    *(_HERE / n for n in ("text.py", "slots.py", "rules.py", "phrase.py")),
    _HERE.parents[1] / "confusables.py",
)
_CATEGORIES = (Category.INJECTION, Category.DRAINER)

Rule = tuple[Category, Phrase]


@dataclass(frozen=True, eq=False)
class RuleSet:
    """Phrase rules in run order, with the digest that names them (and their cache)."""

    rules: tuple[Rule, ...]
    digest: str
    cached: dict[str, Any] | None = field(default=None, repr=False)  # the disk cache's data


def rule_id(rule: Rule) -> str:
    """``<category>.<name>.<lang>``: ``drainer.sweep.all_funds.en``."""
    return f"{rule[0].value}.{rule[1].id}"


def _read(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{label}: cannot read rule file ({exc.strerror or exc})") from None


@cache
def _engine_hash() -> bytes:
    h = hashlib.blake2b(digest_size=16)
    version = getattr(sys.modules.get("aiegis_guard"), "__version__", "")
    h.update(f"{version}|{sys.version_info[:2]}|{unicodedata.unidata_version}".encode())
    for path in _ENGINE:
        try:
            h.update(path.read_bytes())
        except OSError:  # an install without sources: the package version stands in
            h.update(path.name.encode())
    return h.digest()


def _shipped() -> list[tuple[str, bytes]]:
    """Every shipped file (``books/*.toml``, the index and the shared vocabulary among them)
    with its bytes, by name: what the digest covers. Their order is the index's business."""
    return [
        (f"books/{p.name}", _read(p, f"books/{p.name}")) for p in sorted(BOOKS_DIR.glob("*.toml"))
    ]


def _ordered_books(shipped: Sequence[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The shared vocabulary, then the books in the order of ``books/index.toml``."""
    import tomllib

    files = dict(shipped)
    try:
        names = tomllib.loads(files["books/index.toml"].decode("utf-8"))["files"]
        order = ["books/vocab.toml", *(f"books/{n}" for n in names)]
        return [(label, files[label]) for label in order]
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"books/index.toml: cannot list the books ({exc})") from None


def _digest(files: Sequence[tuple[str, bytes]], disable: Sequence[str]) -> str:
    h = hashlib.blake2b(_engine_hash(), digest_size=20)
    for label, data in files:
        h.update(b"\0file\0" + label.encode() + b"\0" + hashlib.blake2b(data).digest())
    for item in disable:
        h.update(b"\0disable\0" + item.encode())
    return h.hexdigest()


def _parse(files: Sequence[tuple[str, bytes]]) -> list[Rule]:
    """The rules of ``files`` (the shared vocabulary first, then the books in order)."""
    from aiegis_guard.scanners.phrases.books import read_book, read_vocab

    (vocab_label, vocab_data), *books = files
    shared = read_vocab(vocab_label, vocab_data)
    parsed = [read_book(label, data, shared) for label, data in books]
    out: list[Rule] = []
    seen: dict[str, str] = {}
    for category in _CATEGORIES:
        for book in parsed:
            mine = [r for r in book.rules if r[0] is category]
            for i, rule in enumerate(mine):
                rid = rule_id(rule)
                if rid in seen:
                    raise ConfigError(
                        f"{book.path}: {category.value}[{i}] ({rule[1].name}): name: phrase"
                        f" {rule[1].id!r} is already defined in {seen[rid]}"
                    )
                seen[rid] = book.path
            out += mine
    return out


def _disabled(rules: list[Rule], disable: Sequence[str], where: str) -> list[Rule]:
    """``rules`` without those ``disable`` names: a category (``drainer``), a rule id
    (``drainer.sweep``) or a phrase (``drainer.sweep.all_funds``, ``...all_funds.en``); a
    trailing ``.*`` is allowed (``drainer.*``)."""
    ids = [rule_id(r) for r in rules]
    off: set[int] = set()
    for i, item in enumerate(disable):
        name = item.removesuffix(".*")  # "drainer.*" as in the per-rule actions: a prefix
        hit = {k for k, rid in enumerate(ids) if rid == name or rid.startswith(name + ".")}
        if not hit:
            raise ConfigError(
                f"{where}rules.disable.{i}: {item!r} names no phrase rule (a category such as"
                " 'drainer', a rule id such as 'drainer.sweep', or a phrase such as"
                " 'drainer.sweep.all_funds'; other rules are switched off with"
                ' `"<rule id>" = "allow"` under [rules])'
            )
        off |= hit
    return [r for k, r in enumerate(rules) if k not in off]


def _decode(data: dict[str, Any]) -> tuple[Rule, ...] | None:
    """The rules stored in a cache file, or None when they are not what we wrote."""
    try:
        out = []
        for cat, name, lang, parts, gap, neg, unless, anchor, free, imp, read in data["rules"]:
            spec = tuple(p if isinstance(p, str) else tuple(map(str, p)) for p in parts)
            bools = (neg, free, imp, read)
            if not all(isinstance(b, bool) for b in bools) or not isinstance(gap, int):
                return None
            phrase = Phrase(
                str(name), str(lang), spec, gap, neg, tuple(map(str, unless)), int(anchor),
                free, imp, read,
            )  # fmt: skip
            out.append((Category(cat), phrase))
        return tuple(out)
    except (KeyError, TypeError, ValueError):
        return None


def encode_rules(rules: Sequence[Rule]) -> list[list[Any]]:
    """The rules as JSON data for the cache (read back by the loader)."""
    return [
        [c.value, p.name, p.lang, [x if isinstance(x, str) else list(x) for x in p.parts],
         p.gap, p.negatable, list(p.unless), p.anchor, p.free, p.imp, p.read]
        for c, p in rules
    ]  # fmt: skip


def load_rules(
    extra: Sequence[Path] = (), disable: Sequence[str] = (), *, where: str = ""
) -> RuleSet:
    """The shipped rules plus the ``extra`` files, minus ``disable``. ``where`` prefixes
    errors about ``disable`` (the config file). Raises :class:`ConfigError` naming the file,
    the rule and the field of a malformed rule, or the ``disable`` entry that names none."""
    shipped = _shipped()
    users = [(str(p), _read(p, str(p))) for p in extra]
    digest = _digest(shipped + users, disable)
    data = read_cache(digest)
    rules = _decode(data) if data is not None else None
    if rules is not None:
        return RuleSet(rules, digest, data)
    parsed = _disabled(_parse(_ordered_books(shipped) + users), disable, where)
    return RuleSet(tuple(parsed), digest)


@cache
def default_rules() -> RuleSet:
    """The shipped rule set (loaded once per process)."""
    return load_rules()
