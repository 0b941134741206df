"""The registry's schema as tables of fields, and the checks every table of
data/tasks.toml goes through: a problem collector that lists them all, field
presence and types, the value shown in a message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwr_cli.events import KEPT_DIGITS, LARGEST, SMALLEST, kept_problem
from gwr_cli.messages import Listing, Msg, Quoted

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any


class _Problems:
    """Collects every problem in one pass so `gwr check` can list them all."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.messages: list[Msg] = []
        self._header_lines: dict[str, list[int]] = {}

    def add(self, message: Msg, table: str | None = None, index: int | None = None) -> None:
        self.messages.append(Msg("reg.at", where=self.where(table, index), message=message))

    def where(self, table: str | None = None, index: int | None = None) -> str:
        """`path:line` of entry `index` of `[[table]]`; the path alone when the
        entry's header is not found or no entry is named."""
        if table is None or index is None:
            return str(self.path)
        if table not in self._header_lines:  # found only when there is a problem
            from gwr_cli.events import header_lines

            self._header_lines[table] = header_lines(self.text, table)
        lines = self._header_lines[table]
        return f"{self.path}:{lines[index]}" if index < len(lines) else str(self.path)


def _is_number(value: Any) -> bool:
    """A number gwr keeps exactly (events.kept_problem, the rule of every number
    gwr is given): nan, inf, 1e400 and 20 significant digits are refused."""
    return kept_problem(value) is None


def _number_problem(value: Any) -> Msg | None:
    """Why a number (not a text or a date: those are told by type) is not one
    gwr keeps, or None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return kept_problem(value)


def _is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


_TYPE_CHECKS: dict[str, tuple[Any, Msg]] = {
    "str": (lambda v: isinstance(v, str), Msg("reg.type.str")),
    "int": (lambda v: isinstance(v, int) and not isinstance(v, bool), Msg("reg.type.int")),
    "number": (_is_number, Msg("reg.type.number")),
    "date": (_is_date, Msg("reg.type.date")),
    "strlist": (
        lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
        Msg("reg.type.strlist"),
    ),
    "chapters": (lambda v: isinstance(v, list), Msg("reg.type.chapters")),
}


_REPORT_FIELDS = {
    "id": ("str", True),
    "title": ("str", True),
    "title_en": ("str", True),
    "region": ("str", True),
    "year": ("int", True),
    "delivered": ("date", True),
    "text": ("str", True),
    "chapters": ("chapters", True),
    "timezone": ("str", False),
}


_TASK_FIELDS = {
    "id": ("str", True),
    "title": ("str", True),
    "title_en": ("str", True),
    "area": ("str", True),
    "chapter": ("int", True),
    "deadline": ("date", True),
    "source": ("str", True),
    "target": ("number", False),
    "unit": ("str", False),
    "unit_en": ("str", False),
    "investment_yuan": ("number", False),
    "milestone": ("str", False),
    "milestone_en": ("str", False),
    "zone": ("str", False),
    "lead": ("str", False),
    "start": ("date", False),
    "tags": ("strlist", False),
    "investment_kind": ("str", False),
}


_INDICATOR_FIELDS = {
    "id": ("str", True),
    "title": ("str", True),
    "title_en": ("str", True),
    "target": ("number", True),
    "unit": ("str", True),
    "unit_en": ("str", False),
    "comparator": ("str", True),
    "source": ("str", True),
}


_TOP_LEVEL = {"schema", "report", "schedule", "collection", "areas", "tasks", "indicators"}


def _show(value: Any) -> str | Msg:
    """A value for a message: a string in the language's quotes (“x” / 'x',
    worded in the message's language), anything else as str; at most 40 characters."""
    if isinstance(value, str):
        return Quoted(value, 40)
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


# The exact types the TOML parsers give for each kind, for the fast path of
# `_check_fields`; a kind absent here (numbers, lists) is checked by its own
# function there. Anything else goes to the field-by-field check, which decides.


_KEPT_INT = 10**KEPT_DIGITS  # an int below it in size has at most KEPT_DIGITS digits
_KEPT_FORMAT = f".{KEPT_DIGITS}g"


def _plain_number(value: Any) -> bool:
    """Numbers `_is_number` accepts, told in C-level steps for the common ones: an
    int of at most 15 digits, or a float of at most 15 significant digits (the
    decimal to 15 digits reads back as it) from 1e-307 to 1e308 in size, or 0.
    False sends the value to `_is_number`, which decides."""
    kind = value.__class__
    if kind is int:
        return -_KEPT_INT < value < _KEPT_INT
    return (
        kind is float
        and (SMALLEST <= abs(value) <= LARGEST or value == 0)
        and float(format(value, _KEPT_FORMAT)) == value
    )


_EXACT_TYPE: dict[str, Any] = {"str": str, "int": int, "date": dt.date, "number": _plain_number}
# id(spec) -> (the spec itself, kept so that its id is never reused, required
# keys, known keys, key -> exact type or check function). Specs are module
# constants: a handful of entries.
_FAST_SPECS: dict[int, tuple[Any, frozenset[str], frozenset[str], dict[str, Any]]] = {}


def _fast_spec(
    spec: dict[str, tuple[str, bool]],
) -> tuple[Any, frozenset[str], frozenset[str], dict[str, Any]]:
    made = _FAST_SPECS.get(id(spec))
    if made is None or made[0] is not spec:
        required = frozenset(key for key, (_, needed) in spec.items() if needed)
        checks = {key: _EXACT_TYPE.get(kind) or _TYPE_CHECKS[kind][0]
                  for key, (kind, _) in spec.items()}  # fmt: skip
        made = _FAST_SPECS[id(spec)] = (spec, required, frozenset(spec), checks)
    return made


def _fields_pass(entry: dict[str, Any], spec: dict[str, tuple[str, bool]]) -> bool:
    """True when `entry` has every required key, no unknown one, and values of
    the exact types the parsers give (or that pass their kind's check): what
    `_check_fields` accepts without a problem, a set operation and one type
    test per field instead of a check call per field of the spec (the cold
    read checks 10,000 tasks, issue 15). False means "look field by field"."""
    _, required, known, checks = _fast_spec(spec)
    keys = entry.keys()
    if not (required <= keys and keys <= known):
        return False
    for key, value in entry.items():
        check = checks[key]
        if value.__class__ is not check and (check.__class__ is type or not check(value)):
            return False
    return True


def _check_fields(
    entry: Any,
    spec: dict[str, tuple[str, bool]],
    label: Msg | str,
    problems: _Problems,
    table: str | None = None,
    index: int | None = None,
) -> bool:
    """Check presence, types and unknown keys; True when the entry is usable."""
    if entry.__class__ is dict and _fields_pass(entry, spec):
        return True
    if not isinstance(entry, dict):
        problems.add(Msg("reg.not_table", label=label), table, index)
        return False
    usable = True
    for key, (kind, required) in spec.items():
        if key not in entry:
            if required:
                problems.add(Msg("reg.missing", label=label, field=key), table, index)
                usable = False
            continue
        check, expected = _TYPE_CHECKS[kind]
        if kind == "number" and _number_problem(entry[key]):  # a number, but not kept
            problem = _number_problem(entry[key])
            problems.add(
                Msg("reg.bad_number", label=label, field=key, problem=problem), table, index
            )
            usable = False
        elif not check(entry[key]):
            problems.add(
                Msg("reg.type", label=label, field=key, expected=expected, got=_show(entry[key])),
                table,
                index,
            )
            usable = False
    for key in entry:
        if key not in spec:
            known = Listing(list(spec))
            problems.add(
                Msg("reg.unknown_field", label=label, field=key, known=known), table, index
            )
            usable = False
    return usable


_SCHEDULE_FIELDS = {
    "tolerance": ("number", False),
    "yellow": ("number", False),
    "red": ("number", False),
    "red_after_days": ("int", False),
}


_COLLECTION_FIELDS = {"every": ("str", False), "due_day": ("int", False)}
