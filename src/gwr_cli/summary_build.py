"""Pure: the summary of a period built from the registry, the ledger's events,
the 分工 and the as-of date (`build_summary`); the shapes it returns are in
summary.py, with the rules of what "the end of the period" and "this period"
mean."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from gwr_cli.assignments import Assignments
from gwr_cli.indicators import is_met
from gwr_cli.ledger import Event
from gwr_cli.lights import LIGHTS, format_reason
from gwr_cli.messages import cut_percent
from gwr_cli.periods import Period, state_date
from gwr_cli.registry import Registry, Task
from gwr_cli.schedule import needs_warning
from gwr_cli.schedule_lights import schedules_and_lights, worst_first
from gwr_cli.status import (
    TaskState,
    effective_events,
    events_by_task,
    fold_task,
    states_from_effective,
    step,
)
from gwr_cli.summary import (
    SUMMARY_SCHEMA,
    UPCOMING_DAYS,
    Alert,
    AreaRow,
    Blocked,
    Dated,
    IndicatorValue,
    Note,
    PeriodInfo,
    Progressed,
    Report,
    SilentUnit,
    TaskRef,
    UnitRow,
    Upcoming,
    Warning,
    WeeklySummary,
)
from gwr_cli.tally import by_area, by_unit, count, counted, grouped
from gwr_cli.unit_reports import reports_in
from gwr_cli.views import progress_text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from typing import Any


def _ref(task: Task) -> TaskRef:
    return TaskRef(task.id, task.title, task.title_en, task.area)


def build_summary(
    registry: Registry,
    events: Iterable[Event],
    period: Period | dt.date,
    end_or_as_of: dt.date,
    as_of: dt.date | None = None,
    *,
    assignments: Assignments | None = None,
) -> WeeklySummary:
    """The summary of `period` with the state at min(period end, as_of).

    `build_summary(registry, events, period, as_of, assignments=…)`; the
    earlier week form `(registry, events, monday, sunday, as_of)` still works.
    `assignments` (分工) adds alerts, units and silent_units and lets tasks
    with nodes follow them (schedule and light alike).
    """
    if isinstance(period, Period):
        as_of = end_or_as_of
    else:
        assert as_of is not None
        year, number, _ = period.isocalendar()
        period = Period("week", f"{year}-W{number:02d}", period, end_or_as_of)
    week_start, week_end = period.start, period.end
    events = list(events)
    nodes = assignments.nodes_by_task() if assignments else {}
    end = state_date(period, as_of)  # the one rule of every period's output
    effective = effective_events(events, end)  # sorted once, filtered for both dates
    after = states_from_effective(registry, effective, end)
    in_week = [e for e in effective if e.on >= week_start]
    moved = {e.task for e in in_week}
    # The day before the week (the first week of year 1 has none: nothing is
    # before it), or the as-of date when the whole week is still to come.
    before_day = week_start - dt.timedelta(days=1) if week_start > dt.date.min else week_start
    before_day = min(before_day, end)
    before = _states_before(registry, after, effective, moved, week_start, before_day)
    after_schedule, after_lights = schedules_and_lights(registry, after, end, nodes)
    before_schedule, before_lights = schedules_and_lights(registry, before, before_day, nodes)

    week = _WeekChanges()
    week_events = events_by_task(in_week)
    for task in registry.tasks:
        if task.id in moved:
            week.add(task, before[task.id], after[task.id], week_events[task.id])
    # Worst first by the one key (schedule_lights.severity), ties in registry order:
    # the 预警 and the 亮灯预警 of one report rank any two tasks alike.
    warned = [t.id for t in registry.tasks if needs_warning(registry, after_schedule[t.id])]
    warnings = [
        Warning(
            task=_ref(state.task),
            schedule=schedule.state,
            deadline=state.task.deadline.isoformat(),
            days_overdue=schedule.days_overdue,
            percent=cut_percent(schedule.actual),
            expected_percent=cut_percent(schedule.expected),
        )
        for state, schedule in (
            (after[task_id], after_schedule[task_id])
            for task_id in worst_first(warned, after_schedule, after_lights)
        )
    ]
    upcoming = [
        Upcoming(
            task=_ref(state.task),
            deadline=state.task.deadline.isoformat(),
            days_left=(state.task.deadline - end).days,
            status=state.status,
            percent=cut_percent(state.percent),
            progress=progress_text(state, "zh"),
            progress_en=progress_text(state, "en"),
        )
        for state in sorted(after.values(), key=lambda s: (s.task.deadline, s.task.id))
        if state.status != "done" and 0 <= (state.task.deadline - end).days <= UPCOMING_DAYS
    ]
    overall, by_areas = counted(after.values(), after_schedule, by_area(registry), after_lights)
    areas = [
        AreaRow(key, registry.areas[key].name, registry.areas[key].name_en, t.to_data())
        for key, t in by_areas.items()
    ]
    assigned = assignments is not None and len(assignments) > 0
    alerts, unit_rows, silent = [], [], []
    if assigned:
        alerts = _alerts(registry, after, after_schedule, after_lights, effective, assignments)
        grouping = by_unit(assignments)
        unit_rows = [
            UnitRow(key, *grouping.labels[key], t.to_data())
            for key, t in grouped(after.values(), after_schedule, grouping, after_lights).items()
        ]
        last, without = reports_in(assignments, events, period, end)
        silent = [
            SilentUnit(name, last[name].isoformat() if last.get(name) else None) for name in without
        ]
    reports = [
        Report(_ref(registry.task(e.task)), e.on.isoformat(), e.unit, e.problems, e.next)
        for e in in_week
        if e.action != "indicator" and (e.problems or e.next) and registry.task(e.task)
    ]
    year_end = None
    if period.kind == "year":
        year_end = {
            "total": overall.total,
            "done": overall.done,
            "ongoing": overall.total - overall.done,
        }
    indicator_values = [_indicator_value(registry, e) for e in in_week if e.action == "indicator"]
    return WeeklySummary(
        schema=SUMMARY_SCHEMA,
        report_id=registry.report.id,
        report_title=registry.report.title,
        report_title_en=registry.report.title_en,
        week=period.key if period.kind == "week" else None,
        week_start=week_start.isoformat(),
        week_end=week_end.isoformat(),
        as_of=end.isoformat(),
        counts=overall.to_data(),
        counts_at_week_start=count(before.values(), before_schedule, before_lights).to_data(),
        completed=week.completed,
        withdrawn=week.withdrawn,
        started=week.started,
        progressed=week.progressed,
        corrected=week.corrected,
        blocked=week.blocked,
        notes=week.notes,
        warnings=warnings,
        upcoming=upcoming,
        areas=areas,
        indicators=[v for v in indicator_values if v is not None],
        period=PeriodInfo(period.kind, period.key, week_start.isoformat(), week_end.isoformat()),
        has_assignments=assigned,
        alerts=alerts,
        units=unit_rows,
        silent_units=silent,
        reports=reports,
        year_end=year_end,
    )


def _alerts(
    registry: Registry,
    after: dict[str, TaskState],
    schedules: dict[str, Any],
    lit: dict[str, Any],
    effective: list[Event],
    assignments: Assignments,
) -> list[Alert]:
    """Red then yellow tasks, worst first (`schedule_lights.worst_first`), each
    with its lead units, leaders, the light's reason and its latest 存在问题
    (up to the state's date)."""
    problems: dict[str, Event] = {}
    for event in effective:  # chronological: the last one wins
        if event.problems:
            problems[event.task] = event
    flagged = worst_first(
        (t.id for t in registry.tasks if lit[t.id].color in LIGHTS[:2]), schedules, lit
    )
    found = []
    # Tasks with the same light share one Light (schedule_lights): each is
    # worded once (10,000 tasks: about 800 lights for 5,800 alerts). By
    # identity, as a Light holds a dict; every one stays alive in `lit`.
    reasons: dict[int, tuple[str, str]] = {}
    for task_id in flagged:
        light = lit[task_id]
        worded = reasons.get(id(light))
        if worded is None:
            worded = reasons[id(light)] = (
                format_reason(light, "zh"),
                format_reason(light, "en"),
            )
        latest = problems.get(task_id)
        found.append(
            Alert(
                task=_ref(after[task_id].task),
                light=light.color,
                reason_key=light.reason_key,
                reason=worded[0],
                reason_en=worded[1],
                lead=list(assignments.lead_units_of(task_id)),
                leader=list(assignments.leaders_of(task_id)),
                problems=latest.problems if latest else "",
                problems_on=latest.on.isoformat() if latest else None,
            )
        )
    return found


class _WeekChanges:
    """What happened in the week, event by event, so that a change reversed
    within the week still appears, and each line carries its own event's date
    and note. A note is shown once: with its section's line, or among notes."""

    def __init__(self) -> None:
        self.completed: list[Dated] = []
        self.withdrawn: list[Dated] = []
        self.started: list[Dated] = []
        self.progressed: list[Progressed] = []
        self.corrected: list[Progressed] = []
        self.blocked: list[Blocked] = []
        self.notes: list[Note] = []

    def add(self, task: Task, old: TaskState, new: TaskState, in_week: list[Event]) -> None:
        """One task's changes from its own events of the week, in order."""
        ref = _ref(task)
        status = old.status
        started = old.started
        shown: set[str] = set()  # ids of events whose note a section line carries
        open_block: Blocked | None = None
        for event in in_week:
            changed = step(task, status, event)
            if changed is None or event.action == "note":
                continue  # contradicted (see `gwr check`), or a plain note
            if not started and changed in ("in-progress", "done"):
                started = True
                self.started.append(Dated(ref, event.on.isoformat(), ""))
            if changed == "done" and status != "done":
                self.completed.append(Dated(ref, event.on.isoformat(), event.note))
                shown.add(event.id)
            elif status == "done" and changed != "done":
                self.withdrawn.append(Dated(ref, event.on.isoformat(), event.note))
                shown.add(event.id)
            if changed == "blocked" and status != "blocked":
                open_block = Blocked(ref, event.on.isoformat(), event.note, None)
                self.blocked.append(open_block)
                shown.add(event.id)
            elif status == "blocked" and changed != "blocked" and open_block is not None:
                index = self.blocked.index(open_block)
                self.blocked[index] = open_block._replace(lifted_on=event.on.isoformat())
                open_block = None
            status = changed
        old_value, new_value = old.value, new.value
        if new_value is not None and new_value != old_value:
            change = _progressed(task, old, new)
            if old_value is not None and new_value < old_value:
                self.corrected.append(change)
            elif not (new.status == "done" and old.status != "done"):
                self.progressed.append(change)
        self.notes.extend(
            Note(ref, e.on.isoformat(), e.by, e.note)
            for e in in_week
            if e.note and e.id not in shown
        )


def _states_before(
    registry: Registry,
    after: dict[str, TaskState],
    effective: list[Event],
    moved: set[str],
    week_start: dt.date,
    before_day: dt.date,
) -> dict[str, TaskState]:
    """States at the start of the week: folded again only for tasks that had
    events during it; for the others only what depends on the date changes."""
    earlier = events_by_task(e for e in effective if e.task in moved and e.on < week_start)
    return {
        task_id: fold_task(state.task, earlier.get(task_id, ()), before_day)
        if task_id in moved
        else state._replace(overdue=state.status != "done" and state.task.deadline < before_day)
        for task_id, state in after.items()
    }


def _progressed(task: Task, old: TaskState, new: TaskState) -> Progressed:
    return Progressed(
        task=_ref(task),
        unit=task.unit,
        unit_en=task.unit_en,
        target=task.target,
        before_status=old.status,
        after_status=new.status,
        before_value=old.value,
        after_value=new.value,
        before_percent=cut_percent(old.percent),
        after_percent=cut_percent(new.percent),
    )


def _indicator_value(registry: Registry, event: Event) -> IndicatorValue | None:
    indicator = registry.indicator(event.task)
    if indicator is None or event.value is None:
        return None
    return IndicatorValue(
        id=indicator.id,
        title=indicator.title,
        title_en=indicator.title_en,
        value=event.value,
        unit=indicator.unit,
        unit_en=indicator.unit_en,
        target=indicator.target,
        comparator=indicator.comparator,
        met=is_met(indicator.comparator, event.value, indicator.target),
        on=event.on.isoformat(),
    )
