"""``record.fast_init``: the faster ``__init__`` of the frozen slotted value types takes the
same parameters, applies the same defaults and keeps them frozen."""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any

import pytest

from aiegis_guard.chains.effects import Effect
from aiegis_guard.chains.evm.envelope import Envelope
from aiegis_guard.chains.evm.frames import Frame
from aiegis_guard.chains.solana.wire import WireInstruction, WireMessage
from aiegis_guard.chains.transaction import (
    Approval,
    Asset,
    DecodedTransaction,
    Receipt,
    TokenAccountRef,
    Transfer,
)
from aiegis_guard.findings import Finding
from aiegis_guard.record import Record, fast_init
from aiegis_guard.verdict import Verdict

TYPES = [
    pytest.param(cls, id=cls.__name__)
    for cls in (
        Finding,
        Verdict,
        Effect,
        Asset,
        Transfer,
        Approval,
        Receipt,
        TokenAccountRef,
        DecodedTransaction,
        Frame,
        Envelope,
        WireInstruction,
        WireMessage,
    )
]


def _values(cls: type[Any]) -> dict[str, Any]:
    """A distinct marker value per field (types do not matter to __init__)."""
    return {f.name: f"<{f.name}>" for f in dataclasses.fields(cls)}


# conftest wraps Finding.__init__ (to record rule ids), so its signature is the wrapper's
SIGNED = [p for p in TYPES if p.values[0] is not Finding]


@pytest.mark.parametrize("cls", SIGNED)
def test_signature_is_the_dataclass_one(cls: type[Any]) -> None:
    """Same parameter names, kinds and defaults as the fields declare."""
    params = inspect.signature(cls).parameters
    fields = dataclasses.fields(cls)
    assert list(params) == [f.name for f in sorted(fields, key=lambda f: f.kw_only)]
    for f in fields:
        p = params[f.name]
        assert p.kind is (p.KEYWORD_ONLY if f.kw_only else p.POSITIONAL_OR_KEYWORD)
        want = p.empty if f.default is dataclasses.MISSING else f.default
        assert p.default == want


@pytest.mark.parametrize("cls", TYPES)
def test_every_field_is_stored_and_frozen(cls: type[Any]) -> None:
    """Each value lands in its own field; assigning one afterwards raises."""
    values = _values(cls)
    made = cls(**values)
    assert {name: getattr(made, name) for name in values} == values
    name = next(iter(values))
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, name, "changed")


@pytest.mark.parametrize("cls", TYPES)
def test_defaults_and_bad_arguments(cls: type[Any]) -> None:
    """Only the required fields given: defaults fill the rest; an unknown or missing
    argument is a TypeError, as with the generated __init__."""
    fields = dataclasses.fields(cls)
    required = {f.name: f"<{f.name}>" for f in fields if f.default is dataclasses.MISSING}
    made = cls(**required)
    for f in fields:
        if f.default is not dataclasses.MISSING:
            assert getattr(made, f.name) == f.default
    with pytest.raises(TypeError):
        cls(**required, not_a_field=1)
    if required:
        with pytest.raises(TypeError):
            cls(**dict(list(required.items())[1:]))


def _plain() -> type:
    @dataclasses.dataclass
    class Plain:
        x: int

    return Plain


def _unslotted() -> type:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:
        x: int

    return Unslotted


def _post_init() -> type:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithPostInit:
        x: int

        def __post_init__(self) -> None:
            pass

    return WithPostInit


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(_plain, id="not-frozen"),
        pytest.param(_unslotted, id="no-slots"),
        pytest.param(_post_init, id="post-init"),
    ],
)
def test_refuses_what_it_cannot_reproduce(make: Any) -> None:
    """A class it would change the behaviour of is refused at decoration time."""
    with pytest.raises(TypeError):
        fast_init(make())


RECORDS = [p for p in TYPES if issubclass(p.values[0], Record)]


@pytest.mark.parametrize("cls", RECORDS)
def test_model_copy_equals_dataclasses_replace(cls: type[Any]) -> None:
    """model_copy (the straight-line copy fast_init adds) gives what dataclasses.replace
    gives, for each field replaced alone and all at once; an unknown field is a TypeError."""
    made = cls(**_values(cls))
    for f in dataclasses.fields(cls):
        update = {f.name: f"new {f.name}"}
        assert made.model_copy(update=update) == dataclasses.replace(made, **update)
    every = {f.name: f"all {f.name}" for f in dataclasses.fields(cls)}
    assert made.model_copy(update=every) == dataclasses.replace(made, **every)
    assert made.model_copy(update={}) is made
    assert cls._aiegis_copy.__module__ == cls.__module__  # introspection (leak walks) works
    with pytest.raises(TypeError):
        made.model_copy(update={"not_a_field": 1})


def test_subclass_without_fast_init_copies_its_own_fields() -> None:
    """A subclass of a fast_init class (not decorated itself) is copied by dataclasses.replace,
    so its own fields survive."""

    @dataclasses.dataclass(frozen=True, kw_only=True, slots=True)
    class Tagged(Asset):
        tag: str = "t"

    made = Tagged(chain="evm", kind="native", tag="kept")  # type: ignore[arg-type]
    copy = made.model_copy(update={"symbol": "ETH"})
    assert (type(copy), copy.tag, copy.symbol) == (Tagged, "kept", "ETH")
    assert made.replace(symbol="ETH") == copy
