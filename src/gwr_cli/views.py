"""Pure: task states shaped for the commands — filters and rows (counts: tally.py)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from gwr_cli.messages import fmt_number, fmt_percent, localized
from gwr_cli.registry import Registry, Task
from gwr_cli.status import TaskState

if TYPE_CHECKING:
    from gwr_cli.schedule import Schedule


class TaskFilter(NamedTuple):
    area: str | None = None
    status: str | None = None
    chapter: int | None = None
    overdue: bool = False
    search: str | None = None
    schedule: str | None = None

    def matches(self, state: TaskState, schedule: Schedule | None = None) -> bool:
        if self.schedule and (schedule is None or schedule.state != self.schedule):
            return False
        if self.status and state.status != self.status:
            return False
        if self.overdue and not state.overdue:
            return False
        return self.matches_task(state.task)

    def matches_task(self, task: Task) -> bool:
        """The part of the filter that looks at registry fields only."""
        if self.area and task.area != self.area:
            return False
        if self.chapter is not None and task.chapter != self.chapter:
            return False
        if self.search:
            needle = self.search.lower()
            haystack = " ".join(
                (task.id, task.title, task.title_en, task.source, task.zone, *task.tags)
            ).lower()
            if needle not in haystack:
                return False
        return True


def select(
    states: Iterable[TaskState],
    task_filter: TaskFilter,
    schedules: dict[str, Schedule] | None = None,
) -> list[TaskState]:
    schedules = schedules or {}
    return [s for s in states if task_filter.matches(s, schedules.get(s.task.id))]


def progress_text(state: TaskState, lang: str) -> str:
    """'32/50 公里' for numeric tasks, '40%' for the others."""
    task = state.task
    if task.target is None:
        return fmt_percent(state.percent)
    unit = localized(task, "unit", lang)
    separator = "" if lang == "zh" or not unit else " "
    value = state.reported_value
    if value is None:
        # Done without a recorded value: the value is unknown, not the target.
        shown = "-" if state.status == "done" else "0"
    elif state.status == "done":
        shown = fmt_number(value)
    else:
        # Rounded down (49.999 of 50 is not yet 50), to fmt_number's two decimals.
        shown = fmt_number(math.floor(value * 100 + 1e-9) / 100)
    return f"{shown}/{fmt_number(task.target)}{separator}{unit}"


def _value_of(state: TaskState) -> float | None:
    """Recorded value; 0 for a numeric task not yet reported, None when unknown."""
    if state.value is None and state.task.target is not None and state.status != "done":
        return 0.0
    return state.value


def task_record(
    state: TaskState, registry: Registry, schedule: Schedule | None = None
) -> dict[str, object]:
    """A task and its state as plain JSON-ready data (keys are documented)."""
    task = state.task
    area = registry.areas[task.area]
    record = {
        "id": task.id,
        "title": task.title,
        "title_en": task.title_en,
        "area": task.area,
        "area_name": area.name,
        "area_name_en": area.name_en,
        "chapter": task.chapter,
        "deadline": task.deadline.isoformat(),
        "target": task.target,
        "unit": task.unit or None,
        "unit_en": task.unit_en or None,
        "value": _value_of(state),
        "percent": round(state.percent, 1),
        "status": state.status,
        "overdue": state.overdue,
        "milestone": task.milestone or None,
        "milestone_en": task.milestone_en or None,
        "investment_yuan": task.investment_yuan,
        "investment_kind": task.investment_kind if task.investment_yuan else None,
        "zone": task.zone or None,
        "lead": task.lead or None,
        "started_on": state.started_on.isoformat() if state.started_on else None,
        "done_on": state.done_on.isoformat() if state.done_on else None,
        "last_update": state.last_on.isoformat() if state.last_on else None,
        "last_note": state.last_note or None,
        "source": task.source,
    }
    if schedule is not None:
        record["schedule"] = schedule.state
        record["expected_percent"] = round(schedule.expected, 1)
    return record
