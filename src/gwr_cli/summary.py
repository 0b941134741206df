"""Pure: the weekly summary (周报) as data, then as text, Markdown or JSON.

The week and the as-of date fully determine it: the state "at the end of the
week" is taken at the week's Sunday, or at the as-of date when that comes
first; "this week" is Monday to that date. The same events always give the
same summary.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, NamedTuple

from gwr_cli.indicators import is_met
from gwr_cli.ledger import Event
from gwr_cli.messages import (
    SCHEDULE_COLUMNS,
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_number,
    fmt_percent,
    markdown_text,
    printable,
    text,
)
from gwr_cli.registry import Registry, Task
from gwr_cli.schedule import SCHEDULE_STATES, schedules, worst_first
from gwr_cli.status import TaskState, effective_events, states_from_effective
from gwr_cli.views import Tally, progress_text, tally, tally_by_area

if TYPE_CHECKING:
    from gwr_cli.tables import Table

UPCOMING_DAYS = 28
SUMMARY_SCHEMA = 1


class TaskRef(NamedTuple):
    id: str
    title: str
    title_en: str
    area: str


class Counts(NamedTuple):
    total: int
    done: int
    done_percent: float
    in_progress: int
    blocked: int
    not_started: int
    overdue: int
    ahead: int
    on_track: int
    behind: int


class Completed(NamedTuple):
    task: TaskRef
    done_on: str
    note: str


class Progressed(NamedTuple):
    task: TaskRef
    unit: str
    unit_en: str
    target: float | None
    before_status: str
    after_status: str
    before_value: float | None
    after_value: float | None
    before_percent: float
    after_percent: float


class Blocked(NamedTuple):
    task: TaskRef
    on: str
    note: str


class Note(NamedTuple):
    task: TaskRef
    on: str
    by: str
    note: str


class Warning(NamedTuple):
    task: TaskRef
    schedule: str
    deadline: str
    days_overdue: int
    percent: float
    expected_percent: float


class Upcoming(NamedTuple):
    task: TaskRef
    deadline: str
    days_left: int
    status: str
    percent: float
    progress: str
    progress_en: str


class AreaRow(NamedTuple):
    area: str
    name: str
    name_en: str
    counts: Counts


class IndicatorValue(NamedTuple):
    id: str
    title: str
    title_en: str
    value: float
    unit: str
    unit_en: str
    target: float
    comparator: str
    met: bool
    on: str


class WeeklySummary(NamedTuple):
    schema: int
    report_id: str
    report_title: str
    report_title_en: str
    week: str
    week_start: str
    week_end: str
    as_of: str
    counts: Counts
    counts_at_week_start: Counts
    completed: list[Completed]
    started: list[TaskRef]
    progressed: list[Progressed]
    blocked: list[Blocked]
    notes: list[Note]
    warnings: list[Warning]
    upcoming: list[Upcoming]
    areas: list[AreaRow]
    indicators: list[IndicatorValue]

    def to_json(self) -> str:
        import json

        return json.dumps(_plain(self), ensure_ascii=False, indent=2)


def _plain(value: Any) -> Any:
    """Records as dicts, all the way down, for JSON."""
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return {key: _plain(item) for key, item in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


# --- building the data ------------------------------------------------------------


def _ref(task: Task) -> TaskRef:
    return TaskRef(task.id, task.title, task.title_en, task.area)


def _counts(t: Tally) -> Counts:
    return Counts(
        total=t.total,
        done=t.done,
        done_percent=round(t.percent, 1),
        in_progress=t.in_progress,
        blocked=t.blocked,
        not_started=t.not_started,
        overdue=t.overdue,
        ahead=t.schedule.get("ahead", 0),
        on_track=t.schedule.get("on-track", 0),
        behind=t.schedule.get("behind", 0),
    )


def _week_label(monday: dt.date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def build_summary(
    registry: Registry,
    events: Iterable[Event],
    week_start: dt.date,
    week_end: dt.date,
    as_of: dt.date,
) -> WeeklySummary:
    events = list(events)
    end = min(week_end, as_of)
    before_day = week_start - dt.timedelta(days=1)
    effective = effective_events(events, end)  # sorted once, filtered for both dates
    after = states_from_effective(registry, effective, end)
    in_week = [e for e in effective if e.on >= week_start]
    before = _states_before(registry, after, effective, {e.task for e in in_week}, before_day)
    after_schedule = schedules(registry, after, end)
    before_schedule = schedules(registry, before, before_day)

    completed, started, progressed, blocked = [], [], [], []
    for task in registry.tasks:
        old, new = before[task.id], after[task.id]
        if new.status == "done" and old.status != "done":
            completed.append(Completed(_ref(task), new.done_on.isoformat(), new.last_note))
            continue
        if old.status == "not-started" and new.status != "not-started":
            started.append(_ref(task))
        if new.status == "blocked" and old.status != "blocked":
            note = next(
                (e.note for e in reversed(new.events) if e.action == "block"), new.last_note
            )
            blocked.append(Blocked(_ref(task), new.last_on.isoformat(), note))
        if new.percent != old.percent or (new.value != old.value and new.value is not None):
            progressed.append(_progressed(task, old, new))

    # Notes of done and block events are shown in their own sections.
    notes = [
        Note(_ref(registry.task(e.task)), e.on.isoformat(), e.by, e.note)
        for e in in_week
        if e.note
        and e.action in ("note", "progress", "start", "reopen")
        and registry.task(e.task) is not None
    ]
    warnings = [
        Warning(
            task=_ref(state.task),
            schedule=schedule.state,
            deadline=state.task.deadline.isoformat(),
            days_overdue=schedule.days_overdue,
            percent=round(schedule.actual, 1),
            expected_percent=round(schedule.expected, 1),
        )
        for state, schedule in worst_first(
            [
                (after[t.id], after_schedule[t.id])
                for t in registry.tasks
                if after_schedule[t.id].state in ("behind", "overdue")
            ]
        )
    ]
    upcoming = [
        Upcoming(
            task=_ref(state.task),
            deadline=state.task.deadline.isoformat(),
            days_left=(state.task.deadline - end).days,
            status=state.status,
            percent=round(state.percent, 1),
            progress=progress_text(state, "zh"),
            progress_en=progress_text(state, "en"),
        )
        for state in sorted(after.values(), key=lambda s: (s.task.deadline, s.task.id))
        if state.status != "done" and 0 <= (state.task.deadline - end).days <= UPCOMING_DAYS
    ]
    areas = [
        AreaRow(key, registry.areas[key].name, registry.areas[key].name_en, _counts(t))
        for key, t in tally_by_area(registry, after.values(), after_schedule).items()
    ]
    indicator_values = [_indicator_value(registry, e) for e in in_week if e.action == "indicator"]
    return WeeklySummary(
        schema=SUMMARY_SCHEMA,
        report_id=registry.report.id,
        report_title=registry.report.title,
        report_title_en=registry.report.title_en,
        week=_week_label(week_start),
        week_start=week_start.isoformat(),
        week_end=week_end.isoformat(),
        as_of=end.isoformat(),
        counts=_counts(tally(after.values(), after_schedule)),
        counts_at_week_start=_counts(tally(before.values(), before_schedule)),
        completed=completed,
        started=started,
        progressed=progressed,
        blocked=blocked,
        notes=notes,
        warnings=warnings,
        upcoming=upcoming,
        areas=areas,
        indicators=[v for v in indicator_values if v is not None],
    )


def _states_before(
    registry: Registry,
    after: dict[str, TaskState],
    effective: list[Event],
    moved: set[str],
    before_day: dt.date,
) -> dict[str, TaskState]:
    """States at the start of the week: folded again only for tasks that had
    events during it; for the others only what depends on the date changes."""
    earlier = [e for e in effective if e.task in moved and e.on <= before_day]
    refolded = states_from_effective(registry.replace(tasks=tuple(
        t for t in registry.tasks if t.id in moved)), earlier, before_day)  # fmt: skip
    return {
        task_id: refolded.get(task_id)
        or state._replace(overdue=state.status != "done" and state.task.deadline < before_day)
        for task_id, state in after.items()
    }


def _progressed(task: Task, old: TaskState, new: TaskState) -> Progressed:
    numeric = task.target is not None
    return Progressed(
        task=_ref(task),
        unit=task.unit,
        unit_en=task.unit_en,
        target=task.target,
        before_status=old.status,
        after_status=new.status,
        before_value=old.reported_value if numeric else old.value,
        after_value=new.reported_value if numeric else new.value,
        before_percent=round(old.percent, 1),
        after_percent=round(new.percent, 1),
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


# --- rendering --------------------------------------------------------------------


class _Section(NamedTuple):
    heading: str
    items: tuple[str, ...] | list[str] = ()
    table: Table | None = None


def _zh_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _title(ref: TaskRef, lang: str) -> str:
    title = ref.title if lang == "zh" else ref.title_en
    return f"{printable(title, single_line=True)} [{ref.id}]"


def _value_change(item: Progressed, lang: str) -> str:
    statuses = STATUS_LABELS[lang]
    if item.target is not None:
        unit = item.unit if lang == "zh" else item.unit_en
        before = fmt_number(item.before_value or 0)
        after = fmt_number(item.after_value or 0)
        return f"{before} → {after} {unit} ({fmt_percent(item.after_percent)})"
    if item.before_percent != item.after_percent:
        return f"{fmt_percent(item.before_percent)} → {fmt_percent(item.after_percent)}"
    return f"{statuses[item.before_status]} → {statuses[item.after_status]}"


def _sections(summary: WeeklySummary, lang: str) -> tuple[list[str], list[_Section]]:
    report = printable(summary.report_title if lang == "zh" else summary.report_title_en)
    start, end = dt.date.fromisoformat(summary.week_start), dt.date.fromisoformat(summary.week_end)
    year, week, _ = start.isocalendar()
    c = summary.counts
    date = _zh_date(summary.as_of) if lang == "zh" else summary.as_of
    header = [
        text("sum.title", lang, report=report),
        text("sum.week", lang, year=year, week=week, start=start.isoformat(), end=end.isoformat()),
        "",
        text(
            "sum.headline",
            lang,
            date=date,
            report=report,
            total=c.total,
            done=c.done,
            percent=f"{c.done_percent:.1f}%",
            ahead=c.ahead,
            on_track=c.on_track,
            behind=c.behind,
            not_started=c.not_started,
            overdue=c.overdue,
        ),
    ]
    moved = (summary.completed, summary.started, summary.progressed, summary.blocked)
    if any(moved):
        header[-1] += " " if lang == "en" else ""
        header[-1] += text(
            "sum.change",
            lang,
            completed=len(summary.completed),
            started=len(summary.started),
            progressed=len(summary.progressed),
            blocked=len(summary.blocked),
        )
    else:
        header[-1] += (" " if lang == "en" else "") + text("sum.nochange", lang)

    sections: list[_Section] = []
    if summary.completed:
        sections.append(
            _Section(
                text("sum.completed", lang, count=len(summary.completed)),
                [
                    f"{_title(i.task, lang)} · {text('sum.done_on', lang, date=i.done_on)}"
                    + (f" · {printable(i.note, single_line=True)}" if i.note else "")
                    for i in summary.completed
                ],
            )
        )
    if summary.progressed:
        sections.append(
            _Section(
                text("sum.progressed", lang, count=len(summary.progressed)),
                [f"{_title(i.task, lang)}: {_value_change(i, lang)}" for i in summary.progressed],
            )
        )
    if summary.blocked:
        sections.append(
            _Section(
                text("sum.blocked", lang, count=len(summary.blocked)),
                [
                    f"{_title(i.task, lang)} · {i.on}: {printable(i.note, single_line=True)}"
                    for i in summary.blocked
                ],
            )
        )
    if summary.notes:
        sections.append(
            _Section(
                text("sum.notes", lang, count=len(summary.notes)),
                [
                    f"{_title(i.task, lang)} · {i.on} · {printable(i.by)}: "
                    f"{printable(i.note, single_line=True)}"
                    for i in summary.notes
                ],
            )
        )
    if summary.warnings:
        sections.append(
            _Section(
                text("sum.warnings", lang, count=len(summary.warnings)),
                [_warning_line(i, lang) for i in summary.warnings],
            )
        )
    if summary.upcoming:
        sections.append(
            _Section(
                text("sum.upcoming", lang, count=len(summary.upcoming)),
                [
                    f"{_title(i.task, lang)} · "
                    + text(
                        "sum.due_in",
                        lang,
                        deadline=i.deadline,
                        days=i.days_left,
                        progress=_upcoming_progress(i, lang),
                    )
                    for i in summary.upcoming
                ],
            )
        )
    sections.append(_area_section(summary, lang))
    if summary.indicators:
        sections.append(
            _Section(
                text("sum.indicators", lang, count=len(summary.indicators)),
                [_indicator_line(i, lang) for i in summary.indicators],
            )
        )
    return header, sections


def _upcoming_progress(item: Upcoming, lang: str) -> str:
    if item.progress.endswith("%"):
        return item.progress
    shown = item.progress if lang == "zh" else item.progress_en
    return f"{shown} ({fmt_percent(item.percent)})"


def _warning_line(item: Warning, lang: str) -> str:
    label = SCHEDULE_LABELS[lang][item.schedule]
    if item.schedule == "overdue":
        detail = text("sum.overdue_by", lang, days=item.days_overdue)
        detail += (
            f", {fmt_percent(item.percent)}"
            if lang == "en"
            else f",完成{fmt_percent(item.percent)}"
        )
    else:
        detail = text(
            "sum.behind_by",
            lang,
            actual=fmt_percent(item.percent),
            expected=fmt_percent(item.expected_percent),
        )
    return f"{_title(item.task, lang)} · {label} · {detail}"


def _indicator_line(item: IndicatorValue, lang: str) -> str:
    unit = item.unit if lang == "zh" else item.unit_en
    return (
        text(
            "sum.indicator",
            lang,
            title=printable(item.title if lang == "zh" else item.title_en),
            value=fmt_number(item.value),
            unit=unit,
            comparator=item.comparator,
            target=fmt_number(item.target),
            met=text("met.yes" if item.met else "met.no", lang),
        )
        + f" · {item.on}"
    )


def _area_section(summary: WeeklySummary, lang: str) -> _Section:
    columns = SCHEDULE_COLUMNS[lang]
    headers = [text("col.area", lang), text("col.done", lang), text("col.percent", lang)] + [
        columns[state] for state in SCHEDULE_STATES if state != "done"
    ]
    from gwr_cli.tables import Table  # only the text and Markdown renderings need it

    table = Table(headers, right=set(range(1, len(headers))))
    for row in [
        *summary.areas,
        AreaRow("", text("total", lang), text("total", lang), summary.counts),
    ]:
        c = row.counts
        by_state = {
            "ahead": c.ahead,
            "on-track": c.on_track,
            "behind": c.behind,
            "not-started": c.not_started,
            "overdue": c.overdue,
        }
        table.add(
            row.name if lang == "zh" else row.name_en,
            f"{c.done}/{c.total}",
            fmt_percent(c.done_percent),
            *(str(by_state[state]) for state in SCHEDULE_STATES if state != "done"),
        )
    return _Section(text("sum.areas", lang), table=table)


_ZH_NUMERALS = "一二三四五六七八九十"


def render_text(summary: WeeklySummary, lang: str) -> str:
    header, sections = _sections(summary, lang)
    lines = list(header)
    for number, section in enumerate(sections, start=1):
        lines.append("")
        prefix = f"{_ZH_NUMERALS[number - 1]}、" if lang == "zh" else f"{number}. "
        lines.append(prefix + section.heading)
        for index, item in enumerate(section.items, start=1):
            lines.append(f"  {index}. {item}")
        if section.table:
            from gwr_cli.tables import plain_lines

            lines.extend("  " + line for line in plain_lines(section.table))
    return "\n".join(lines) + "\n"


def _md_cell(value: str) -> str:
    return markdown_text(value)


def render_markdown(summary: WeeklySummary, lang: str) -> str:
    header, sections = _sections(summary, lang)
    lines = [f"# {_md_cell(header[0])}", "", f"**{header[1]}**", "", _md_cell(header[3])]
    for section in sections:
        lines += ["", f"## {section.heading}", ""]
        lines += [f"{index}. {_md_cell(item)}" for index, item in enumerate(section.items, 1)]
        if section.table:
            table = section.table
            lines.append("| " + " | ".join(table.headers) + " |")
            alignments = ("---:" if i in table.right else "---" for i in range(len(table.headers)))
            lines.append("|" + "|".join(alignments) + "|")
            lines += ["| " + " | ".join(_md_cell(c.text) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"
