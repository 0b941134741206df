"""Record types (Task, Event, Light, …): immutable tuples with named fields.

A record is declared as a `typing.NamedTuple` is — annotated fields, trailing
defaults, methods, properties and a docstring in a class body:

    class Node(Record):
        \"\"\"One 节点目标 of a task.\"\"\"
        due: dt.date
        target: str
        percent: float | None = None

and made by `collections.namedtuple`, so it is the same kind of class: a
tuple subclass with `_fields`, `_field_defaults`, `_make`, `_replace` and
`_asdict`, equal to a plain tuple of its values, and pickled by name.

Why not `typing.NamedTuple` itself: importing `typing` costs about 3 ms of
every gwr command and checking each field's type ~30 µs a record type
(measured on the 10,000-task `status` of bench/, whose whole start-up is
~35 ms). Annotations are kept as written, never checked; `field_types`
resolves them for the one reader that needs them (cache.RowCodec).
"""

from __future__ import annotations

import sys
from collections import namedtuple

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
        made = namedtuple(
            name,
            fields,
            defaults=[namespace[field] for field in defaulted],
            module=namespace["__module__"],
        )
        made.__qualname__ = namespace.get("__qualname__", name)
        made.__annotations__ = fields
        for key, value in namespace.items():
            if key in _RESERVED:
                raise TypeError(f"record type {name}: {key} is the tuple's own")
            if key not in _MADE and key not in fields:
                setattr(made, key, value)
        return made


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
