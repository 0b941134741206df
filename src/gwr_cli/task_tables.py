"""Pure: the tables about tasks, as data: the task list (`gwr list`), one
task's detail and history (`gwr show`), and the indicators. Laid out by
tables.py (plain, Markdown) or drawn by render.py."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gwr_cli.indicators import Reading
from gwr_cli.messages import (
    ACTION_LABELS,
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_amount,
    fmt_money,
    fmt_number,
    fmt_percent,
    fmt_target,
    localized,
    printable,
    text,
)
from gwr_cli.registry import Registry
from gwr_cli.schedule import Schedule
from gwr_cli.status import TaskState
from gwr_cli.tables import (
    LIGHT_STYLES,
    SCHEDULE_STYLES,
    STATUS_STYLES,
    Cell,
    Table,
    bar_text,
    printable_cell,
    user,
    whole,
)
from gwr_cli.views import latest_report, progress_text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.events import Event
    from gwr_cli.lights import Light


def status_cell(state: TaskState, lang: str) -> Cell:
    label = STATUS_LABELS[lang][state.status]
    if state.overdue:
        return Cell(text("status.overdue", lang, status=label), "bold red")
    return Cell(label, STATUS_STYLES[state.status])


def schedule_cell(schedule: Schedule, lang: str, tolerance: float) -> Cell:
    style = SCHEDULE_STYLES[schedule.state]
    if schedule.state == "not-started" and schedule.expected <= tolerance * 100:
        style = "dim"  # nobody expects it started yet
    return Cell(SCHEDULE_LABELS[lang][schedule.state], style)


def progress_cell(state: TaskState, lang: str) -> Cell:
    shown = bar_text(state.percent)
    if state.task.target is not None:
        shown += f"  {progress_text(state, lang)}"
    return Cell(shown, STATUS_STYLES[state.status])


def light_cell(light: Light, lang: str) -> Cell:
    from gwr_cli.lights import light_label

    return Cell(light_label(light.color, lang), LIGHT_STYLES[light.color])


def units_text(names: Sequence[str], lang: str) -> str:
    """Unit or leader names joined (区水务局、前山街道); 未分工 when there are none."""
    return text("list.sep", lang).join(names) if names else text("asg.unassigned", lang)


def task_table(
    registry: Registry,
    states: Sequence[TaskState],
    schedules: dict[str, Schedule],
    lang: str,
    *,
    lights: dict[str, Light] | None = None,
    assignments: Assignments | None = None,
    role_of: frozenset[str] | None = None,
) -> Table:
    """The task listing; with `lights` a 亮灯 column, with `assignments` the lead
    units (未分工 when none), with `role_of` (unit names) their role: 牵头 when
    one of them leads the task, else 配合."""
    headers = [
        text("col.id", lang),
        text("col.task", lang),
        text("col.area", lang),
        text("col.deadline", lang),
        text("col.progress", lang),
        text("col.status", lang),
        text("col.schedule", lang),
    ]
    if lights is not None:
        headers.append(text("col.light", lang))
    if assignments is not None:
        headers.append(text("col.lead_unit", lang))
    if role_of is not None:
        headers.append(text("col.role", lang))
    prose = {1, 2} | ({len(headers) - 1 - (role_of is not None)} if assignments else set())
    table = Table(headers, prose=prose)
    # Every cell but the id and the title repeats along a long listing: each is
    # made once per distinct value of what it shows, by the same function that
    # makes it for one task, made printable then (Cells are immutable), and
    # looked up after that. The id and the title are checked on each row, so
    # the rows go in whole (`add_printable`): `add` would check 90,000 cells.
    area_cells: dict[str, Cell] = {}
    deadlines: dict[object, Cell] = {}
    progress_cells: dict[tuple[object, ...], Cell] = {}
    status_cells: dict[tuple[str, bool], Cell] = {}
    schedule_cells: dict[tuple[str, bool], Cell] = {}
    light_cells: dict[str, Cell] = {}
    unit_cells: dict[tuple[str, ...], Cell] = {}
    role_cells: dict[str, Cell] = {}
    tolerance = registry.tolerance
    not_expected = tolerance * 100  # what schedule_cell compares `expected` with
    rows = []
    for state in states:
        task = state.task
        area_cell = area_cells.get(task.area)
        if area_cell is None:
            area = registry.areas[task.area]
            area_cell = area_cells[task.area] = user(localized(area, "name", lang))
        deadline = deadlines.get(task.deadline)
        if deadline is None:
            deadline = deadlines[task.deadline] = printable_cell(task.deadline.isoformat())
        # what progress_cell reads: the bar (percent), the value against the
        # target in the task's unit, the status's style
        key = (state.status, state.percent, state.value, task.target, task.unit, task.unit_en)
        progress = progress_cells.get(key)
        if progress is None:
            progress = progress_cells[key] = printable_cell(progress_cell(state, lang))
        status = status_cells.get((state.status, state.overdue))
        if status is None:
            status = status_cells[state.status, state.overdue] = printable_cell(
                status_cell(state, lang)
            )
        schedule = schedules[task.id]
        key = (schedule.state, schedule.expected <= not_expected)
        scheduled = schedule_cells.get(key)
        if scheduled is None:
            scheduled = schedule_cells[key] = printable_cell(
                schedule_cell(schedule, lang, tolerance)
            )
        # The title as `localized` gives it (the English, else the Chinese), made
        # printable as `user` would, without a call per row for either.
        title = task.title if lang == "zh" else task.title_en or task.title
        row = [
            Cell(task.id) if task.id.isprintable() else user(task.id),
            Cell(title) if title.isprintable() else user(title),
            area_cell,
            deadline,
            progress,
            status,
            scheduled,
        ]
        if lights is not None:
            light = lights[task.id]
            lit = light_cells.get(light.color)
            if lit is None:
                lit = light_cells[light.color] = printable_cell(light_cell(light, lang))
            row.append(lit)
        if assignments is not None:
            lead = assignments.lead_units_of(task.id)
            units = unit_cells.get(lead)
            if units is None:
                units = unit_cells[lead] = user(units_text(lead, lang))
            row.append(units)
            if role_of is not None:
                role = "partner" if role_of.isdisjoint(lead) else "lead"
                role_cell = role_cells.get(role)
                if role_cell is None:
                    role_cell = role_cells[role] = user(text(f"asg.role.{role}", lang))
                row.append(role_cell)
        rows.append(row)
    table.add_printable(rows)
    return table


def indicator_table(items: Sequence[Reading], lang: str) -> Table:
    table = Table(
        [
            text("col.id", lang),
            text("col.indicator", lang),
            text("col.target", lang),
            text("col.latest", lang),
            text("col.date", lang),
            text("col.met", lang),
        ],
        prose={1},
    )
    for reading in items:
        indicator = reading.indicator
        unit = localized(indicator, "unit", lang)
        met = reading.met
        verdict = Cell(
            text("met.none" if met is None else "met.yes" if met else "met.no", lang),
            "dim" if met is None else "green" if met else "red",
        )
        table.add(
            indicator.id,
            user(localized(indicator, "title", lang)),
            fmt_target(indicator.comparator, indicator.target, unit, lang),
            # the digits that decide the verdict beside it (3.001 is not met by <= 3)
            ""
            if reading.value is None
            else fmt_amount(reading.value, unit, lang, against=indicator.target),
            reading.on.isoformat() if reading.on else "",
            verdict,
        )
    return table


def detail_table(
    registry: Registry,
    state: TaskState,
    schedule: Schedule,
    lang: str,
    *,
    light: Light | None = None,
    assignments: Assignments | None = None,
) -> Table:
    """Every field of a task; with `light` its 亮灯 and reason, with `assignments`
    its 分工 (lead units or 未分工, partners, leaders, ★, nodes), and the latest
    存在问题 and 下步措施 recorded."""
    task = state.task
    area = registry.areas[task.area]
    chapter = registry.chapter(task.chapter)
    table = Table(["", ""], show_header=False, label_style="bold", prose={1})

    def add(key: str, value: Cell | str) -> None:
        table.add(text(key, lang), value if isinstance(value, Cell) else user(value))

    add("field.title", localized(task, "title", lang))
    # Values that are tokens (an id, a date, an amount, the status, the bar,
    # the light word) are never broken, though the column is prose.
    add("col.id", whole(task.id))
    add(
        "field.area",
        text("field.area_key", lang, name=localized(area, "name", lang), key=task.area),
    )
    if chapter is not None:
        title = localized(chapter, "title", lang)
        add("field.chapter", f"{chapter.number}. {title}")
    add("field.deadline", whole(task.deadline.isoformat()))
    if task.target is not None:
        unit = localized(task, "unit", lang)
        add("field.target", whole(fmt_amount(task.target, unit, lang)))
    if task.investment_yuan:
        district = task.investment_kind == "district"
        label = "field.investment.district" if district else "field.investment"
        add(label, whole(fmt_money(task.investment_yuan, lang)))
    milestone = localized(task, "milestone", lang, fallback=False)
    if milestone:  # never the Chinese milestone in English output
        add("field.milestone", milestone)
    if task.zone:
        add("field.zone", task.zone)
    if task.lead:
        add("field.lead", task.lead)
    status = status_cell(state, lang)
    add("field.status", whole(status.text, status.style))
    progress = progress_cell(state, lang)
    add("field.progress", whole(progress.text, progress.style))
    scheduled = schedule_cell(schedule, lang, registry.tolerance)
    entry = assignments.get(task.id) if assignments is not None else None
    # With nodes the expected progress follows them, not the share of time elapsed.
    label = "field.expected_by_nodes_of" if entry and entry.nodes else "field.elapsed_of"
    # An aside in parentheses: appended as it is (English ones lead with a space).
    elapsed = text(label, lang, percent=fmt_percent(schedule.expected))
    add("col.schedule", Cell(scheduled.text + elapsed, scheduled.style, len(scheduled.text)))
    if light is not None:
        from gwr_cli.lights import format_reason, light_label, with_reason

        reason = printable(format_reason(light, lang), single_line=True)
        lit = with_reason(light.color, reason, lang)
        kept = len(light_label(light.color, lang))  # the light word stays whole
        add("field.light", Cell(lit, LIGHT_STYLES[light.color], kept))
    if assignments is not None:
        add("field.lead_units", units_text(entry.lead if entry else (), lang))
        if entry and entry.partners:
            add("field.partners", text("list.sep", lang).join(entry.partners))
        if entry and entry.leader:
            add("field.leaders", text("list.sep", lang).join(entry.leader))
        if entry and entry.key:
            add("field.key", text("field.yes", lang))
        from gwr_cli.lights import node_text

        for node in entry.nodes if entry else ():
            unit = localized(task, "unit", lang)
            add("field.nodes", node_text(node, unit, lang, actual=state.percent))
    problems, next_steps, _ = latest_report(state)
    if problems:
        add("field.problems", problems)
    if next_steps:
        add("field.next", next_steps)
    if task.tags:
        add("field.tags", text("list.sep", lang).join(task.tags))
    add("field.source", Cell(f"“{printable(task.source, single_line=True)}”", "italic"))
    return table


def history_table(events: Iterable[Event], lang: str) -> Table:
    """Every event; 存在问题, 下步措施 and the reporting unit get a column when any
    event has them."""
    events = list(events)
    extra = [
        (field, key)
        for field, key in (
            ("problems", "col.problems"),
            ("next", "col.next"),
            ("unit", "col.reported_by"),
        )
        if any(getattr(event, field) for event in events)
    ]
    headers = [
        text("col.date", lang),
        text("col.action", lang),
        text("col.value", lang),
        text("col.note", lang),
        *(text(key, lang) for _, key in extra),
        text("col.by", lang),
    ]
    table = Table(headers, prose=set(range(3, len(headers))))
    for event in events:
        table.add(
            event.on.isoformat(),
            ACTION_LABELS[lang][event.action],
            fmt_number(event.value) if event.value is not None else "",
            user(event.note),
            *(user(getattr(event, field)) for field, _ in extra),
            user(event.by),
        )
    return table
