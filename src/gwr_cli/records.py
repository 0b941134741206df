"""Record types (Task, Event, Light, …): immutable tuples with named fields.

A record is declared as a `typing.NamedTuple` is — annotated fields, trailing
defaults, methods, properties and a docstring in a class body:

    class Node(Record):
        \"\"\"One 节点目标 of a task.\"\"\"
        due: dt.date
        target: str
        percent: float | None = None

and made as `collections.namedtuple` makes its classes, so it is the same
kind of class: a tuple subclass with `_fields`, `_field_defaults`, `_make`,
`_replace`, `_asdict` and `__match_args__`, fields read by index in C, equal
to a plain tuple of its values, and pickled by name (tests/test_records.py
holds it equal to what `typing.NamedTuple` makes).

Why not `typing.NamedTuple` itself: importing `typing` costs about 3 ms of
every gwr command and checking each field's type ~30 µs a record type
(measured on the 10,000-task `status` of bench/, whose whole start-up is
~35 ms). Why not `collections.namedtuple` either: it compiles each class's
`__new__` from source and makes its five methods anew, ~90 µs a record type,
about 2 ms of a `gwr status` (25 record types). Here `__new__` is a
precompiled one of its arity renamed to the fields (`CodeType.replace`), and
the methods are shared: ~20 µs a record type. Annotations are kept as
written, never checked; `field_types` resolves them for the one reader that
needs them (cache.RowCodec).
"""

from __future__ import annotations

import sys
from operator import itemgetter
from types import FunctionType

try:  # the C descriptor collections.namedtuple gives each field (CPython)
    from collections import _tuplegetter  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python

    def _tuplegetter(index: int, doc: str) -> property:
        return property(itemgetter(index), doc=doc)


TYPE_CHECKING = False  # not typing.TYPE_CHECKING: this module exists to avoid typing
if TYPE_CHECKING:
    from typing import Any

# A record's body may not define these: they are the tuple's own machinery.
_RESERVED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__"}
    | {"_fields", "_field_defaults", "_make", "_replace", "_asdict"}
)
# Set by namedtuple from the name and module given, or by Record below.
_MADE = frozenset({"__module__", "__qualname__", "__annotations__", "__classcell__"})


class _RecordType(type):
    """The metaclass of `Record`: turns a class body into a namedtuple class.

    TypeError for a body that defines the tuple's own machinery, a field
    without a default after one with a default, or a base besides Record.
    """

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if not bases:  # Record itself
            return super().__new__(mcls, name, bases, namespace)
        if bases != (Record,):
            raise TypeError(f"record type {name}: Record must be its only base")
        fields = dict(namespace.get("__annotations__", {}))
        defaulted = [field for field in fields if field in namespace]
        if defaulted != list(fields)[len(fields) - len(defaulted) :]:
            raise TypeError(f"record type {name}: a field without a default follows one with")
        made = _record_class(name, tuple(fields), [namespace[f] for f in defaulted], namespace)
        made.__annotations__ = fields
        return made


def _record_class(
    name: str, fields: tuple[str, ...], defaults: list[Any], body: dict[str, Any]
) -> type:
    """The tuple class `collections.namedtuple(name, fields, defaults=defaults)`
    makes, with the class body's own attributes (methods, docstring, module,
    qualified name) in it."""
    for field in fields:
        if field.startswith("_"):
            raise ValueError(f"Field names cannot start with an underscore: {field!r}")
    listed = ", ".join(fields)
    template = _NEW_BY_ARITY[len(fields)] if len(fields) < len(_NEW_BY_ARITY) else None
    if template is None:  # no field, or more than any record type has: compile one
        values = f"({listed},)" if fields else "()"
        template = eval(
            f"lambda _cls{''.join(', ' + f for f in fields)}: _tuple_new(_cls, {values})"
        )
    qualname = body.get("__qualname__", name)
    code = template.__code__.replace(
        co_varnames=("_cls", *fields), co_name="__new__", co_qualname=f"{qualname}.__new__"
    )
    new = FunctionType(code, template.__globals__, "__new__", tuple(defaults) or None)
    new.__doc__ = f"Create new instance of {name}({listed})"
    namespace: dict[str, Any] = {
        "__module__": body["__module__"],
        "__qualname__": qualname,
        "__doc__": f"{name}({listed})",
        "__slots__": (),
        "_fields": fields,
        "_field_defaults": dict(zip(fields[len(fields) - len(defaults) :], defaults, strict=True)),
        "__new__": new,
        "_make": _make,
        "_replace": _replace,
        "__repr__": _repr,
        "_asdict": _asdict,
        "__getnewargs__": _getnewargs,
        "__match_args__": fields,
    }
    for index, field in enumerate(fields):
        namespace[field] = _tuplegetter(index, sys.intern(f"Alias for field number {index}"))
    for key, value in body.items():
        if key in _RESERVED:
            raise TypeError(f"record type {name}: {key} is the tuple's own")
        if key not in _MADE and key not in fields:
            namespace[key] = value
    return type(name, (tuple,), namespace)


_tuple_new = tuple.__new__

# `__new__` of each arity, compiled with this module (namedtuple compiles one
# per class from source at import); `_record_class` renames the arguments.
# fmt: off
_NEW_BY_ARITY = (
    None,
    lambda _cls, a: _tuple_new(_cls, (a,)),
    lambda _cls, a, b: _tuple_new(_cls, (a, b)),
    lambda _cls, a, b, c: _tuple_new(_cls, (a, b, c)),
    lambda _cls, a, b, c, d: _tuple_new(_cls, (a, b, c, d)),
    lambda _cls, a, b, c, d, e: _tuple_new(_cls, (a, b, c, d, e)),
    lambda _cls, a, b, c, d, e, f: _tuple_new(_cls, (a, b, c, d, e, f)),
    lambda _cls, a, b, c, d, e, f, g: _tuple_new(_cls, (a, b, c, d, e, f, g)),
    lambda _cls, a, b, c, d, e, f, g, h: _tuple_new(_cls, (a, b, c, d, e, f, g, h)),
    lambda _cls, a, b, c, d, e, f, g, h, i: _tuple_new(_cls, (a, b, c, d, e, f, g, h, i)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j: _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m, n)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, p:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, p)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, p, q:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, p, q)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, p, q, r:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, p, q, r)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, p, q, r, s:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, p, q, r, s)),
    lambda _cls, a, b, c, d, e, f, g, h, i, j, k, m, n, p, q, r, s, t:
        _tuple_new(_cls, (a, b, c, d, e, f, g, h, i, j, k, m, n, p, q, r, s, t)),
)
# fmt: on


# The methods collections.namedtuple makes for each class, shared by all.
@classmethod  # type: ignore[misc]
def _make(cls: type, iterable: Any) -> Any:
    """Make a new record from a sequence or iterable"""
    result = _tuple_new(cls, iterable)
    if len(result) != len(cls._fields):  # type: ignore[attr-defined]
        raise TypeError(f"Expected {len(cls._fields)} arguments, got {len(result)}")  # type: ignore[attr-defined]
    return result


def _replace(self: Any, /, **changes: Any) -> Any:
    """Return a new record replacing specified fields with new values"""
    result = self._make(map(changes.pop, self._fields, self))
    if changes:
        raise ValueError(f"Got unexpected field names: {list(changes)!r}")
    return result


def _repr(self: Any) -> str:
    """Return a nicely formatted representation string"""
    shown = ", ".join(f"{field}={value!r}" for field, value in zip(self._fields, self, strict=True))
    return f"{self.__class__.__name__}({shown})"


def _asdict(self: Any) -> dict[str, Any]:
    """Return a new dict which maps field names to their values."""
    return dict(zip(self._fields, self, strict=True))


def _getnewargs(self: Any) -> tuple[Any, ...]:
    """Return self as a plain tuple.  Used by copy and pickle."""
    return tuple(self)


class Record(metaclass=_RecordType):
    """The base a record type is declared on (see the module doc); the class
    made is a namedtuple class, not a subclass of Record."""

    __slots__ = ()


def field_types(cls: type) -> dict[str, Any]:
    """{field: its annotation as an object} of a record type (or of a
    typing.NamedTuple), in field order.

    An annotation written as a string (`from __future__ import annotations`;
    typing.NamedTuple keeps it as a ForwardRef) is evaluated in the module
    that declares the type, as `typing.get_type_hints` does; NameError when
    it names what that module does not import at run time.
    """
    module = vars(sys.modules[cls.__module__])
    types = {}
    for field in cls._fields:  # type: ignore[attr-defined]
        hint = cls.__annotations__[field]
        written = hint if isinstance(hint, str) else getattr(hint, "__forward_arg__", None)
        types[field] = hint if written is None else eval(written, module)
    return types
