"""Frozen value types that import without pydantic; pydantic validates them only when asked.

A :class:`Record` is a frozen, keyword-only dataclass built from values of the right types
(``Policy(on_error=Action.FLAG)``). Raw data — a TOML table, a JSON request, a per-call
context — goes through :meth:`Record.model_validate`, which builds a pydantic validator for the
type on first use: constraints and validators are ``Annotated`` metadata (:class:`Check`)
that pydantic reads then, never at import. So ``Guard()`` and a cold ``aiegis-guard scan``
start without pydantic (~0.2 s of imports), and a bad config value still fails at load with
its key path. The method names follow pydantic's (``model_validate`` / ``model_copy`` /
``model_dump``), so callers keep one vocabulary for our values and LangChain's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Self, TypeVar, cast

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

__all__ = ["Check", "Record", "fast_init"]

R = TypeVar("R")


class Check:
    """Validation metadata for a field: pydantic's ``Field`` constraints (``ge``, ``lt``,
    ``pattern``, ``min_length``…) and before / after validator functions, applied by
    :meth:`Record.model_validate` only (a typed constructor call is trusted)."""

    __slots__ = ("after", "before", "constraints")

    def __init__(
        self,
        *,
        before: Callable[[Any], Any] | None = None,
        after: Callable[[Any], Any] | None = None,
        **constraints: Any,
    ) -> None:
        self.before, self.after, self.constraints = before, after, constraints

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic import AfterValidator, BeforeValidator, Field

        meta: list[Any] = [Field(**self.constraints)] if self.constraints else []
        if self.before is not None:
            meta.append(BeforeValidator(self.before))
        if self.after is not None:
            meta.append(AfterValidator(self.after))
        return handler(Annotated[(source, *meta)])


class Record:
    """Base of the frozen value types (use with ``@dataclass(frozen=True, kw_only=True)``)."""

    __slots__ = ()
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    @classmethod
    def model_validate(cls, data: Any) -> Self:
        """Raw data -> a value, or ``pydantic.ValidationError`` naming each bad key path. The
        error never shows the input: a value in it may be a secret typed into the wrong field
        (a private key as an address), and pydantic prints ~50 characters of each."""
        from pydantic import ValidationError

        try:
            return cast(Self, _adapter(cls).validate_python(data))
        except ValidationError as exc:
            raise ValidationError.from_exception_data(
                exc.title, cast(Any, exc.errors()), hide_input=True
            ) from None

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Self:
        """A copy with some fields replaced (not validated, like pydantic's)."""
        if not update:
            return self
        fast = type(self).__dict__.get("_aiegis_copy")  # this very class's (see fast_init)
        if fast is not None:
            return cast(Self, fast(self, update))
        return cast(Self, dataclasses.replace(cast(Any, self), **update))

    def model_dump(self) -> dict[str, Any]:
        """The fields as a dict, nested records as dicts."""
        return dataclasses.asdict(cast(Any, self))


_ADAPTERS: dict[type[Record], TypeAdapter[Any]] = {}


def _adapter(cls: type[Record]) -> TypeAdapter[Any]:
    """The type's validator, built on its first use (the first import of pydantic)."""
    adapter = _ADAPTERS.get(cls)
    if adapter is None:
        from pydantic import TypeAdapter

        adapter = _ADAPTERS[cls] = TypeAdapter(cls)
    return adapter


def fast_init(cls: type[R]) -> type[R]:
    """Give a frozen, slotted dataclass a faster ``__init__`` (the same parameters and
    defaults).

    The generated one stores each field with ``object.__setattr__`` (a global and an
    attribute look-up per field, since ``__setattr__`` of a frozen class raises); this one
    calls each slot's descriptor directly: about half the cost, for values built by the
    thousand per request (findings, operations, effects). Apply it above ``@dataclass``.
    ``model_copy`` of such a class stores the values through the same descriptors, without
    ``dataclasses.replace``'s field walk and keyword call (what ``__init__`` would store).
    """
    fields = dataclasses.fields(cast(Any, cls))
    params = cast(Any, cls).__dataclass_params__
    simple = all(f.init for f in fields) and not hasattr(cls, "__post_init__")
    if not (params.frozen and "__slots__" in cls.__dict__ and simple):
        raise TypeError(f"fast_init: {cls.__name__} is not a frozen slotted dataclass")
    names: dict[str, Any] = {"_aiegis_missing": dataclasses.MISSING}
    args: list[str] = []
    body: list[str] = []
    # positional fields first, in order, then the keyword-only ones (as dataclasses does)
    ordered = [f for f in fields if not f.kw_only] + [f for f in fields if f.kw_only]
    for f in ordered:
        if f.kw_only and "*" not in args:
            args.append("*")
        slot = next(k.__dict__[f.name] for k in cls.__mro__ if f.name in k.__dict__)
        names[f"_aiegis_set_{f.name}"] = slot.__set__
        if f.default is not dataclasses.MISSING:
            names[f"_aiegis_default_{f.name}"] = f.default
            args.append(f"{f.name}=_aiegis_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            names[f"_aiegis_factory_{f.name}"] = f.default_factory
            args.append(f"{f.name}=_aiegis_missing")
            body.append(
                f"    if {f.name} is _aiegis_missing: {f.name} = _aiegis_factory_{f.name}()"
            )
        else:
            args.append(f.name)
        body.append(f"    _aiegis_set_{f.name}(self, {f.name})")
    source = f"def __init__({', '.join(['self', *args])}):\n" + "\n".join(body or ["    pass"])
    exec(source, names)  # a fixed template over the class's own field names
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__doc__ = cast(Any, cls).__init__.__doc__
    cast(Any, cls).__init__ = init
    cast(Any, cls)._aiegis_copy = _copier(cls, names, [f.name for f in ordered])
    return cls


def _copier(cls: type[Any], names: dict[str, Any], fields: list[str]) -> Callable[..., Any]:
    """``copy(self, update)``: a new instance with ``update`` over ``self``'s values, straight-line
    over the fields (an unknown field name is a TypeError, as with ``dataclasses.replace``)."""
    known = frozenset(fields)

    def unknown(update: Mapping[str, Any]) -> TypeError:
        return TypeError(f"{cls.__name__} has no field {sorted(set(update) - known)}")

    scope = {**names, "_aiegis_cls": cls, "_aiegis_known": known, "_aiegis_unknown": unknown}
    body = [
        "def copy(self, update):",
        "    if not _aiegis_known.issuperset(update): raise _aiegis_unknown(update)",
        "    new = object.__new__(_aiegis_cls)",
        "    get = update.get",
        *(f"    _aiegis_set_{n}(new, get({n!r}, self.{n}))" for n in fields),
        "    return new",
    ]
    exec("\n".join(body), scope)  # a fixed template over the class's own field names
    copy = scope["copy"]
    copy.__qualname__ = f"{cls.__qualname__}._aiegis_copy"
    copy.__module__ = cls.__module__
    return cast(Callable[..., Any], copy)
