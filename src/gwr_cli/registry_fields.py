"""The registry's schema as tables of fields, and the checks every table of
data/tasks.toml goes through: a problem collector that lists them all, field
presence and types, the value shown in a message."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from gwr_cli.messages import Listing, Msg


class _Problems:
    """Collects every problem in one pass so `gwr check` can list them all."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.messages: list[Msg] = []
        self._header_lines: dict[str, list[int]] = {}

    def add(self, message: Msg, table: str | None = None, index: int | None = None) -> None:
        line = ""
        if table is not None and index is not None:
            lines = self.header_lines(table)
            if index < len(lines):
                line = f":{lines[index]}"
        self.messages.append(Msg("reg.at", where=f"{self.path}{line}", message=message))

    def header_lines(self, table: str) -> list[int]:
        if table not in self._header_lines:  # found only when there is a problem
            from gwr_cli.events import header_lines

            self._header_lines[table] = header_lines(self.text, table)
        return self._header_lines[table]


def _is_number(value: Any) -> bool:
    """A finite number within TOML's limits: nan, inf and 1e400 are refused."""
    from gwr_cli.events import number_problem

    return number_problem(value) is None


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


def _show(value: Any) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _check_fields(
    entry: Any,
    spec: dict[str, tuple[str, bool]],
    label: Msg | str,
    problems: _Problems,
    table: str | None = None,
    index: int | None = None,
) -> bool:
    """Check presence, types and unknown keys; True when the entry is usable."""
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
        if not check(entry[key]):
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
