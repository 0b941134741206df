"""Pure: every table gwr shows, as data (headers, rows of styled cells).

`render.py` draws them with Rich on a terminal; `plain_lines` lays them out as
aligned plain text when the output is piped or very long. Cell text that a user
typed has already been through `messages.printable` here, so neither backend
can be tricked into interpreting it.

Nothing a user must read or type is cut: on a narrow terminal `column_widths`
lets prose columns (titles, notes, quotes) fold and other columns wrap only
between words, so an id, a date or a number is never split or shortened; when
even that does not fit, the table is printed in the plain layout.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from gwr_cli.indicators import Reading
from gwr_cli.ledger import Event
from gwr_cli.messages import (
    ACTION_LABELS,
    SCHEDULE_COLUMNS,
    SCHEDULE_LABELS,
    STATUS_LABELS,
    cell_width,
    fmt_amount,
    fmt_money,
    fmt_number,
    fmt_percent,
    fmt_target,
    localized,
    printable,
    text,
    text_bar,
)
from gwr_cli.registry import Registry
from gwr_cli.schedule import SCHEDULE_STATES, Schedule
from gwr_cli.status import TaskState
from gwr_cli.tally import Tally
from gwr_cli.views import progress_text

if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.lights import Light
    from gwr_cli.workspace import UnitView

STATUS_STYLES = {
    "done": "green",
    "in-progress": "yellow",
    "blocked": "red",
    "not-started": "dim",
}
# Traffic lights as supervision offices use them; done has a colour of its own.
SCHEDULE_STYLES = {
    "done": "blue",
    "ahead": "bold green",
    "on-track": "green",
    "behind": "yellow",
    "not-started": "yellow",
    "overdue": "bold red",
}


# A light is a word as well as a colour (绿灯/黄灯/红灯), so print and NO_COLOR read.
LIGHT_STYLES = {"red": "bold red", "yellow": "yellow", "green": "green"}


class Cell(NamedTuple):
    # A NamedTuple: a listing of ten thousand tasks makes seventy thousand.
    text: str
    style: str = ""


class Table:
    """Headers and rows of styled cells; the last row may sum up the others."""

    def __init__(
        self,
        headers: list[str],
        *,
        right: set[int] | None = None,  # right-aligned columns
        title: str = "",
        show_header: bool = True,
        total_row: bool = False,
        label_style: str = "",  # style of the first column
        prose: set[int] | None = None,  # titles, notes, names: may fold anywhere
    ) -> None:
        self.headers: list[str] = [printable(header) for header in headers]
        self.rows: list[list[Cell]] = []
        self.right = right or set()
        self.prose = prose or set()
        self.title, self.show_header = printable(title), show_header
        self.total_row, self.label_style = total_row, label_style

    def add(self, *cells: Cell | str) -> None:
        # Every cell one line of printable text, whoever built the table: a
        # newline in a hand-written name must not break a line-oriented layout.
        # (isprintable first: a listing of ten thousand tasks adds 70,000 cells.)
        row = []
        for cell in cells:
            if isinstance(cell, Cell):
                row.append(
                    cell if cell.text.isprintable() else cell._replace(text=printable(cell.text))
                )
            else:
                row.append(Cell(cell if cell.isprintable() else printable(cell)))
        self.rows.append(row)


def user(value: str) -> Cell:
    """Text someone typed, made safe and kept on one line."""
    return Cell(printable(value, single_line=True))


def plain_lines(table: Table) -> list[str]:
    """Columns aligned by display width (Chinese characters take two cells)."""
    grid = [[Cell(h) for h in table.headers]] if table.show_header else []
    grid += table.rows
    if not grid:
        return []
    known: dict[str, int] = {}  # areas, dates and statuses repeat on every row

    def width(value: str) -> int:
        found = known.get(value)
        if found is None:
            found = known[value] = cell_width(value)
        return found

    measured = [[(cell.text, width(cell.text)) for cell in row] for row in grid]
    columns = range(len(grid[0]))
    widths = [max(row[i][1] for row in measured) for i in columns]
    right = table.right
    lines = [table.title] if table.title else []
    for row in measured:
        cells = [
            " " * (widths[i] - w) + value if i in right else value + " " * (widths[i] - w)
            for i, (value, w) in enumerate(row)
        ]
        lines.append((" " * COLUMN_GAP).join(cells).rstrip())
    return lines


# A prose column is never made narrower than this (five Chinese characters)
# unless all its text is narrower; below it the plain layout reads better.
PROSE_MIN_WIDTH = 10
COLUMN_GAP = 2  # cells between columns, in both layouts


def column_widths(table: Table, available: int) -> list[int] | None:
    """Content widths (terminal cells) that fit the table into `available`
    cells with COLUMN_GAP between columns, or None when it cannot fit readably.

    Every column keeps its natural width if the table fits. Otherwise the
    widest columns give up cells first, as Rich does, but never below a floor,
    tried in this order until one fits:
    1. number columns (right-aligned: counts, percents, amounts) keep every
       value on one line, other columns wrap only between words;
    2. the same, and prose columns (titles, notes) fold down to PROSE_MIN_WIDTH;
    3. number columns too may wrap between words ("CNY 27.5" / "billion").
    No floor ever splits a word, so an id, a date or a number stays whole.
    """
    grid = [table.headers] if table.show_header else []
    body_start = len(grid)
    grid += [[cell.text for cell in row] for row in table.rows]
    if not grid:
        return []
    columns = range(len(grid[0]))
    natural = [max(cell_width(row[i]) for row in grid) for i in columns]
    room = available - COLUMN_GAP * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    words = [
        max((cell_width(word) for row in grid for word in row[i].split()), default=0)
        for i in columns
    ]
    # A number column's heading may wrap ("not" / "started"), its values not.
    whole_values = [
        max([words[i]] + [cell_width(row[i]) for row in grid[body_start:]])
        if i in table.right
        else words[i]
        for i in columns
    ]
    folded = [
        min(natural[i], PROSE_MIN_WIDTH) if i in table.prose else whole_values[i] for i in columns
    ]
    all_folded = [folded[i] if i in table.prose else words[i] for i in columns]
    for floors in (whole_values, folded, all_folded):
        if sum(floors) <= room:
            return _shrink(natural, floors, room)
    return None


def _shrink(natural: list[int], floors: list[int], room: int) -> list[int]:
    """Cap every column at one level, no column below its floor, the highest
    level that fits into room; what rounding leaves goes to capped columns."""

    def at_level(level: int) -> list[int]:
        return [max(floor, min(width, level)) for floor, width in zip(floors, natural, strict=True)]

    low, high = 0, max(natural)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(at_level(middle)) <= room:
            low = middle
        else:
            high = middle - 1
    widths = at_level(low)
    spare = room - sum(widths)
    for i, width in enumerate(widths):
        if spare and width < natural[i] and width == low:
            widths[i] += 1
            spare -= 1
    return widths


# --- the views --------------------------------------------------------------------


def status_cell(state: TaskState, lang: str) -> Cell:
    label = STATUS_LABELS[lang][state.status]
    if state.overdue:
        return Cell(f"{label} {text('overdue', lang)}", "bold red")
    return Cell(label, STATUS_STYLES[state.status])


def schedule_cell(schedule: Schedule, lang: str, tolerance: float) -> Cell:
    style = SCHEDULE_STYLES[schedule.state]
    if schedule.state == "not-started" and schedule.expected <= tolerance * 100:
        style = "dim"  # nobody expects it started yet
    return Cell(SCHEDULE_LABELS[lang][schedule.state], style)


def bar_text(percent: float) -> str:
    return f"{text_bar(percent)} {fmt_percent(percent):>4}"


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
    role_of: str | None = None,
) -> Table:
    """The task listing; with `lights` a 亮灯 column, with `assignments` the lead
    units (未分工 when none), with `role_of` (a unit name) that unit's role."""
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
    # Areas, deadlines, bars, statuses and lights repeat on every row of a long
    # listing: each cell is made once per distinct value (Cells are immutable).
    area_cells: dict[str, Cell] = {}
    deadlines: dict[object, str] = {}
    bars: dict[float, str] = {}
    status_cells: dict[tuple[str, bool], Cell] = {}
    schedule_cells: dict[tuple[str, bool], Cell] = {}
    light_cells: dict[str, Cell] = {}
    tolerance = registry.tolerance
    for state in states:
        task = state.task
        area_cell = area_cells.get(task.area)
        if area_cell is None:
            area = registry.areas[task.area]
            area_cell = area_cells[task.area] = user(localized(area, "name", lang))
        deadline = deadlines.get(task.deadline)
        if deadline is None:
            deadline = deadlines[task.deadline] = task.deadline.isoformat()
        shown = bars.get(state.percent)
        if shown is None:
            shown = bars[state.percent] = bar_text(state.percent)
        if task.target is not None:
            shown += f"  {progress_text(state, lang)}"
        status = status_cells.get((state.status, state.overdue))
        if status is None:
            status = status_cells[state.status, state.overdue] = status_cell(state, lang)
        schedule = schedules[task.id]
        key = (schedule.state, schedule.expected <= tolerance * 100)
        scheduled = schedule_cells.get(key)
        if scheduled is None:
            scheduled = schedule_cells[key] = schedule_cell(schedule, lang, tolerance)
        cells: list[Cell | str] = [
            task.id,
            user(localized(task, "title", lang)),
            area_cell,
            deadline,
            Cell(shown, STATUS_STYLES[state.status]),
            status,
            scheduled,
        ]
        if lights is not None:
            color = lights[task.id].color
            lit = light_cells.get(color)
            if lit is None:
                lit = light_cells[color] = light_cell(lights[task.id], lang)
            cells.append(lit)
        if assignments is not None:
            cells.append(user(units_text(assignments.lead_units_of(task.id), lang)))
        if role_of is not None and assignments is not None:
            role = "lead" if role_of in assignments.lead_units_of(task.id) else "partner"
            cells.append(text(f"asg.role.{role}", lang))
        table.add(*cells)
    return table


def units_table(units: Sequence[UnitView], lang: str) -> Table:
    """`gwr units`: a row per unit: tasks led and supported, done, lights, last report."""
    from gwr_cli.lights import LIGHTS, light_label

    headers = [
        text("col.unit_name", lang),
        text("col.lead_tasks", lang),
        text("col.partner_tasks", lang),
        text("col.done", lang),
        *(light_label(color, lang) for color in LIGHTS),
        text("col.last_report", lang),
    ]
    table = Table(headers, right={1, 2, 3, 4, 5, 6}, prose={0})
    for unit in units:
        lit = [
            Cell(str(unit.lights[color]), LIGHT_STYLES[color] if unit.lights[color] else "dim")
            for color in LIGHTS
        ]
        last = unit.last_report.isoformat() if unit.last_report else text("units.never", lang)
        table.add(
            user(unit.name),
            str(len(unit.lead)),
            str(len(unit.partner)),
            f"{unit.done}/{len(unit.lead)}",
            *lit,
            Cell(last, "" if unit.last_report else "yellow"),
        )
    return table


def grouped_table(
    rows: Sequence[tuple[str, Tally]],
    overall: Tally,
    lang: str,
    *,
    heading: str,
    title: str = "",
    bars: bool = True,
    investment: bool = True,
    lights: bool = False,
    schedule: bool = True,
) -> Table:
    """The one grouped table: a row per group (area, chapter, unit…) and a total.

    `rows` are (group name, its tally) in display order, from `tally.grouped`;
    the columns are the schedule partition (unless `schedule` is False) and,
    with `lights`, the light partition (red, yellow, green): each sums to the
    row's total.
    """
    from gwr_cli.lights import LIGHTS, light_label

    schedule_states = [state for state in SCHEDULE_STATES if state != "done"] if schedule else []
    headers = [heading, text("col.done", lang), text("col.percent", lang)]
    headers += [SCHEDULE_COLUMNS[lang][state] for state in schedule_states]
    if lights:
        headers += [light_label(color, lang) for color in LIGHTS]
    if investment:
        headers.append(text("col.investment", lang))
    table = Table(
        headers, right=set(range(1, len(headers))), title=title, total_row=True, prose={0}
    )
    for name, tally in [*rows, (text("total", lang), overall)]:
        by_state = tally.schedule_counts()
        counts = [
            Cell(
                str(by_state[state.replace("-", "_")]),
                SCHEDULE_STYLES[state] if by_state[state.replace("-", "_")] else "dim",
            )
            for state in schedule_states
        ]
        percent = bar_text(tally.done_percent) if bars else fmt_percent(tally.done_percent)
        cells = [
            user(name),
            f"{tally.done}/{tally.total}",
            Cell(percent, "green" if tally.done == tally.total else ""),
            *counts,
        ]
        if lights:
            by_light = tally.light_counts()
            cells += [
                Cell(str(by_light[color]), LIGHT_STYLES[color] if by_light[color] else "dim")
                for color in LIGHTS
            ]
        if investment:
            cells.append(fmt_money(tally.investment_yuan, lang) if tally.investment_yuan else "")
        table.add(*cells)
    return table


def markdown_lines(table: Table) -> list[str]:
    """A table as GitHub Markdown (pipes in cells escaped), beside `plain_lines`."""

    from gwr_cli.messages import markdown_text as cell

    lines = ["| " + " | ".join(cell(h) for h in table.headers) + " |"]
    alignments = ("---:" if i in table.right else "---" for i in range(len(table.headers)))
    lines.append("|" + "|".join(alignments) + "|")
    lines += ["| " + " | ".join(cell(c.text) for c in row) + " |" for row in table.rows]
    return lines


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
            "" if reading.value is None else fmt_amount(reading.value, unit, lang),
            reading.on.isoformat() if reading.on else "",
            verdict,
        )
    return table


def areas_table(registry: Registry, counts: dict[str, int], lang: str) -> Table:
    table = Table(
        [text("col.key", lang), text("col.name", lang), text("col.tasks", lang)],
        right={2},
        prose={1},
    )
    for key, area in registry.areas.items():
        # One language per output: the user's (the key is what they type).
        table.add(key, user(localized(area, "name", lang)), str(counts.get(key, 0)))
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
    add("col.id", task.id)
    add(
        "field.area",
        text("field.area_key", lang, name=localized(area, "name", lang), key=task.area),
    )
    if chapter is not None:
        title = localized(chapter, "title", lang)
        add("field.chapter", f"{chapter.number}. {title}")
    add("field.deadline", task.deadline.isoformat())
    if task.target is not None:
        unit = localized(task, "unit", lang)
        add("field.target", fmt_amount(task.target, unit, lang))
    if task.investment_yuan:
        district = task.investment_kind == "district"
        label = "field.investment.district" if district else "field.investment"
        add(label, fmt_money(task.investment_yuan, lang))
    milestone = localized(task, "milestone", lang, fallback=False)
    if milestone:  # never the Chinese milestone in English output
        add("field.milestone", milestone)
    if task.zone:
        add("field.zone", task.zone)
    if task.lead:
        add("field.lead", task.lead)
    add("field.status", status_cell(state, lang))
    add("field.progress", progress_cell(state, lang))
    scheduled = schedule_cell(schedule, lang, registry.tolerance)
    entry = assignments.get(task.id) if assignments is not None else None
    # With nodes the expected progress follows them, not the share of time elapsed.
    label = "field.expected_by_nodes_of" if entry and entry.nodes else "field.elapsed_of"
    elapsed = "  " + text(label, lang, percent=fmt_percent(schedule.expected))
    add("col.schedule", Cell(scheduled.text + elapsed, scheduled.style))
    if light is not None:
        from gwr_cli.lights import format_reason

        lit = light_cell(light, lang)
        reason = printable(format_reason(light, lang), single_line=True)
        add(
            "field.light",
            Cell(
                f"{lit.text}（{reason}）" if lang == "zh" else f"{lit.text} ({reason})", lit.style
            ),
        )
    if assignments is not None:
        entry = assignments.get(task.id)
        add("field.lead_units", units_text(entry.lead if entry else (), lang))
        if entry and entry.partners:
            add("field.partners", text("list.sep", lang).join(entry.partners))
        if entry and entry.leader:
            add("field.leaders", text("list.sep", lang).join(entry.leader))
        if entry and entry.key:
            add("field.key", text("field.yes", lang))
        for node in entry.nodes if entry else ():
            goal = f"{fmt_percent(node.percent)}" if node.percent is not None else ""
            if node.value is not None:
                unit = task.unit if lang == "zh" else task.unit_en
                goal = f"{fmt_number(node.value)}{unit}"
            add("field.nodes", " ".join(p for p in (node.by.isoformat(), goal, node.text) if p))
    from gwr_cli.views import latest_report

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
