"""Pure: which units reported in a period (未报送单位), and when each last reported.

The rule: an event counts for a unit when its `unit` field names the unit (a
clerk recording on the unit's behalf), or when the event's task is one the
unit leads. So a report on a task counts for every lead unit of that task,
and a report a partner unit made under its own name counts for it as well.
An event counts in a period when the day it happened (`on`, not the day it was
recorded) falls in the period, and on or before `as_of` when that is given.
Undone events and the undo records themselves never count; notes do (a unit
that wrote "no progress, because…" did report).

Events may not carry `unit` yet (an older ledger): `getattr(event, "unit", "")`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gwr_cli.assignments import Assignments
from gwr_cli.periods import Period
from gwr_cli.status import cancelled_ids


def _reports(
    assignments: Assignments, events: Iterable, as_of: dt.date | None
) -> Iterable[tuple[str, dt.date]]:
    """(unit name, date) for every counting event, each unit once per event."""
    events = list(events)
    cancelled = cancelled_ids(events)
    leads: dict[str, frozenset[str]] = {}  # per task: its lead units, looked up once
    for event in events:
        if event.action == "undo" or event.id in cancelled:
            continue
        if as_of is not None and event.on > as_of:
            continue
        units = leads.get(event.task)
        if units is None:
            entry = assignments.get(event.task)
            units = leads[event.task] = frozenset(entry.lead if entry else ())
        named = getattr(event, "unit", "")
        if named and named not in units:
            units = units | {named}
        for unit in units:
            yield unit, event.on


def units_without_reports(
    assignments: Assignments, events: Iterable, period: Period, as_of: dt.date | None = None
) -> tuple[str, ...]:
    """Lead units (牵头单位) with no counting event in the period, in the file's order.

    `events`: every ledger event (undo records included, so undone events are
    dropped); `as_of` caps the period's end when it comes first.
    """
    reported = {unit for unit, day in _reports(assignments, events, as_of) if period.contains(day)}
    return tuple(u.name for u in assignments.units() if u.lead and u.name not in reported)


def last_reports(
    assignments: Assignments, events: Iterable, as_of: dt.date | None = None
) -> dict[str, dt.date | None]:
    """Every unit in the assignments -> the date of its latest counting event, or None."""
    latest: dict[str, dt.date | None] = {u.name: None for u in assignments.units()}
    for unit, day in _reports(assignments, events, as_of):
        if unit in latest and (latest[unit] is None or day > latest[unit]):
            latest[unit] = day
    return latest


def reports_in(
    assignments: Assignments, events: Iterable, period: Period, as_of: dt.date | None = None
) -> tuple[dict[str, dt.date | None], tuple[str, ...]]:
    """`(last_reports(...), units_without_reports(...))` from one pass over the
    events (the summary needs both: each pass is most of its per-event work)."""
    latest: dict[str, dt.date | None] = {u.name: None for u in assignments.units()}
    reported: set[str] = set()
    contains = period.contains
    for unit, day in _reports(assignments, events, as_of):
        if unit in latest and (latest[unit] is None or day > latest[unit]):
            latest[unit] = day
        if unit not in reported and contains(day):
            reported.add(unit)
    silent = tuple(u.name for u in assignments.units() if u.lead and u.name not in reported)
    return latest, silent
