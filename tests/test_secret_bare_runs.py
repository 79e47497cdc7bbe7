"""review18b F9 as a class, with generated keypairs (tests/vectors/keygen.py): 64 byte values
without brackets are a Solana keypair wherever a 64-value window of a run of byte values
re-derives (certain by derivation, no label needed): a run that ends a sentence ("…, 7."),
one separated by semicolons, spaces or escaped breaks, one with a length prefix (65 values).
Near twins: 64 noise bytes, a public key twice, decimals ("12.5") ending a run."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from aiegis_guard import Action, Guard, Policy
from aiegis_guard.findings import Category, Source
from aiegis_guard.scanners.wallet_keys import _bare_byte_lists
from tests.vectors.keygen import KeyGen

GUARD = Guard(Policy(), classifier=False)
GEN = KeyGen(18_220)
PAIR = list(GEN.solana())
NOISE = [GEN.rng.randrange(256) for _ in range(64)]
PUBLIC_TWICE = PAIR[32:] * 2
SOURCES = [Source.LLM_OUTPUT, Source.TOOL_INPUT, Source.TOOL_OUTPUT]


def _j(values: list[int], sep: str) -> str:
    return sep.join(map(str, values))


LAYOUTS = [
    ("sentence-stop", lambda v: f"my keypair (id.json): {_j(v, ', ')}."),
    ("sentence-stop-more", lambda v: f"my keypair: {_j(v, ', ')}. Keep it safe."),
    ("semicolons", lambda v: f"PAYER_SECRET={_j(v, ';')}"),
    ("spaces", lambda v: f"PAYER_SECRET={_j(v, ' ')}"),
    ("length-prefix", lambda v: f"PAYER_SECRET=64,{_j(v, ',')}"),
    ("trailing-values", lambda v: f"bytes: {_j([*v, 0, 0, 1], ', ')}"),
    ("escaped-breaks", lambda v: '{"content": "secret:\\n' + _j(v, "\\n") + '"}'),
    ("commas", lambda v: f"PAYER_SECRET={_j(v, ',')}"),
]


def _blocked(text: str, source: Source) -> bool:
    verdict = GUARD.check_text(text, source=source)
    return any(f.category is Category.SECRET and f.action is Action.BLOCK for f in verdict.findings)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize(("name", "layout"), LAYOUTS)
def test_bare_keypair_blocks(name: str, layout: Callable[[list[int]], str], source: Source) -> None:
    assert _blocked(layout(PAIR), source)


@pytest.mark.parametrize("twin", [NOISE, PUBLIC_TWICE], ids=["noise", "public-twice"])
@pytest.mark.parametrize(("name", "layout"), LAYOUTS)
def test_bare_twins_pass(name: str, layout: Callable[[list[int]], str], twin: list[int]) -> None:
    assert not _blocked(layout(twin), Source.LLM_OUTPUT)


def test_decimal_end_is_no_stop() -> None:
    """``…, 7.5``: the run goes on past the last value; it is not 64 bytes."""
    assert _bare_byte_lists(f"values: {_j(PAIR, ', ')}.5") == []


def test_span_covers_the_window() -> None:
    text = f"PAYER_SECRET=64,{_j(PAIR, ',')}"
    (hit,) = _bare_byte_lists(text)
    assert hit.span == (len("PAYER_SECRET=64,"), len(text))


@pytest.mark.slow
@pytest.mark.parametrize("sep", [" ", ",", ";", "\\n"])
def test_long_runs_take_any_text(sep: str) -> None:
    """A run of a million characters of byte values answers (a bounded number of windows)."""
    text = sep.join(["7"] * 300_000)
    assert _bare_byte_lists(text) == []
