"""Pure: task states shaped for the commands — filters and rows (counts: tally.py)."""

from __future__ import annotations

from collections.abc import Iterable

from gwr_cli.messages import cut_percent, fmt_decided, fmt_number, fmt_percent, localized
from gwr_cli.records import Record
from gwr_cli.registry import Registry, Task
from gwr_cli.status import TaskState

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.lights import Light
    from gwr_cli.schedule import Schedule


class TaskFilter(Record):
    """Which tasks `gwr list` shows. Each field is one option's values: a task
    matches a field when it matches any of them (`--area a --area b`: either
    area), and the filter when it matches every field given (None or False:
    not given). Values are sets, so a task costs one lookup per field however
    many values were typed."""

    areas: frozenset[str] | None = None  # area keys
    statuses: frozenset[str] | None = None  # status keys
    chapters: frozenset[int] | None = None
    overdue: bool = False
    searches: tuple[str, ...] | None = None  # lower-cased texts, any of them
    schedules: frozenset[str] | None = None  # schedule states
    only: frozenset[str] | None = None  # task ids chosen by 分工 (--unit, --leader, --key, --tag)
    lights: frozenset[str] | None = None  # red, yellow, green

    def matches(
        self, state: TaskState, schedule: Schedule | None = None, light: Light | None = None
    ) -> bool:
        if self.schedules and (schedule is None or schedule.state not in self.schedules):
            return False
        if self.lights and (light is None or light.color not in self.lights):
            return False
        if self.statuses and state.status not in self.statuses:
            return False
        if self.overdue and not state.overdue:
            return False
        return self.matches_task(state.task)

    def matches_task(self, task: Task) -> bool:
        """The part of the filter that looks at registry (and 分工) fields only."""
        if self.only is not None and task.id not in self.only:
            return False
        if self.areas and task.area not in self.areas:
            return False
        if self.chapters and task.chapter not in self.chapters:
            return False
        if self.searches:
            haystack = " ".join(
                (task.id, task.title, task.title_en, task.source, task.zone, *task.tags)
            ).lower()
            if not any(needle in haystack for needle in self.searches):
                return False
        return True


_NO_FILTER = TaskFilter()


def select(
    states: Iterable[TaskState],
    task_filter: TaskFilter,
    schedules: dict[str, Schedule] | None = None,
    lights: dict[str, Light] | None = None,
) -> list[TaskState]:
    if task_filter == _NO_FILTER:  # a plain `gwr list`: nothing to look up per task
        return list(states)
    schedules, lights = schedules or {}, lights or {}
    return [
        s for s in states if task_filter.matches(s, schedules.get(s.task.id), lights.get(s.task.id))
    ]


def latest_report(state: TaskState) -> tuple[str, str, str]:
    """(存在问题, 下步措施, reporting unit) of the task's latest counted events
    that say them, each on its own: a later note without problems keeps them."""
    known = getattr(state.events, "latest_report", None)
    if known is not None:  # a folded state (folded.History): known without the history
        return known
    problems = next_steps = unit = ""
    ignored = {e.id for e in state.contradicted}
    for event in state.events:
        if event.id in ignored:
            continue
        problems = event.problems or problems
        next_steps = event.next or next_steps
        unit = event.unit or unit
    return problems, next_steps, unit


def progress_text(state: TaskState, lang: str, other: TaskState | None = None) -> str:
    """'32/50 公里' for numeric tasks, '40%' for the others. With `other` (the
    state on the other side of a before → after) the value gets the digits
    that tell the two apart (24 → 24.001, not 24 → 24)."""
    task = state.task
    if task.target is None:
        if other is not None and other.percent != state.percent:
            return f"{fmt_decided(state.percent, other.percent, places=0)}%"
        return fmt_percent(state.percent)
    unit = localized(task, "unit", lang)
    separator = "" if lang == "zh" or not unit else " "
    value = state.reported_value
    # Done without a recorded value: the value is unknown, not the target.
    # fmt_number cuts, never rounds up: 49.999 is not yet 50.
    unknown = "-" if state.status == "done" else "0"
    shown = unknown if value is None else fmt_number(value)
    if value is not None and other is not None and other.value is not None:
        shown = fmt_decided(value, other.value)
    return f"{shown}/{fmt_number(task.target)}{separator}{unit}"


def _value_of(state: TaskState) -> float | None:
    """Recorded value; 0 for a numeric task not yet reported, None when unknown."""
    if state.value is None and state.task.target is not None and state.status != "done":
        return 0.0
    return state.value


def task_record(
    state: TaskState,
    registry: Registry,
    schedule: Schedule | None = None,
    *,
    light: Light | None = None,
    assignments: Assignments | None = None,
    lang: str = "zh",
) -> dict[str, object]:
    """A task and its state as plain JSON-ready data (keys are documented).

    With `light`: light, light_reason (in `lang`), light_reason_key. With
    `assignments`: lead_units, partners, leaders ([] when 未分工), key, tags
    from the 分工, and always problems, next, reported_by (the latest said)."""
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
        "percent": cut_percent(state.percent),
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
        record["expected_percent"] = cut_percent(schedule.expected)
    if light is not None:
        from gwr_cli.lights import light_fields

        record.update(light_fields(light, lang))
    if assignments is not None:
        entry = assignments.get(task.id)
        record["lead_units"] = list(entry.lead) if entry else []
        record["partners"] = list(entry.partners) if entry else []
        record["leaders"] = list(entry.leader) if entry else []
        record["key"] = bool(entry and entry.key)
        record["assignment_tags"] = list(entry.tags) if entry else []
        problems, next_steps, unit = latest_report(state)
        record["problems"] = problems or None
        record["next"] = next_steps or None
        record["reported_by"] = unit or None
    return record
