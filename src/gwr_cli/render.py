"""The only module that imports Rich: tables for the terminal, plain when piped.

User-typed text always goes through `messages.printable` into `Text` objects,
and the console is created with markup, emoji codes and highlighting off, so a
note like "[red]x[/red]" or ":smile:" is printed exactly as typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gwr_cli.indicators import Reading
from gwr_cli.messages import (
    ACTION_LABELS,
    SCHEDULE_COLUMNS,
    SCHEDULE_LABELS,
    STATUS_LABELS,
    fmt_money,
    fmt_number,
    fmt_percent,
    printable,
    text,
    text_bar,
)
from gwr_cli.registry import Registry
from gwr_cli.schedule import SCHEDULE_STATES, Schedule
from gwr_cli.status import TaskState
from gwr_cli.views import Tally, progress_text

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
PIPED_WIDTH = 1000  # when piped, never wrap: one task per line for grep and cut


def make_console(*, stderr: bool = False) -> Console:
    # Rich honours NO_COLOR and drops colour when the stream is not a terminal.
    console = Console(stderr=stderr, markup=False, emoji=False, highlight=False)
    if not console.is_terminal:
        console.width = PIPED_WIDTH
    return console


def emit(console: Console, renderable: object) -> None:
    """Print; when piped, without the padding Rich adds to the right of cells."""
    if console.is_terminal:
        console.print(renderable)
        return
    with console.capture() as captured:
        console.print(renderable)
    lines = captured.get().split("\n")
    console.file.write("\n".join(line.rstrip() for line in lines))


def _table(console: Console, *headers: str) -> Table:
    piped = not console.is_terminal
    return Table(
        *headers,
        box=None if piped else box.SIMPLE_HEAD,
        header_style="" if piped else "bold",
        pad_edge=False,
    )


def _user(value: str) -> Text:
    return Text(printable(value, single_line=True))


def _status_text(state: TaskState, lang: str) -> Text:
    label = Text(STATUS_LABELS[lang][state.status], style=STATUS_STYLES[state.status])
    if state.overdue:
        label.append(" ")
        label.append(text("overdue", lang), style="bold red")
    return label


def _bar(percent: float, style: str) -> Text:
    return Text(f"{text_bar(percent)} {fmt_percent(percent):>4}", style=style)


def task_title(state: TaskState, lang: str) -> str:
    return state.task.title if lang == "zh" else state.task.title_en


def _schedule_text(schedule: Schedule, lang: str, tolerance: float) -> Text:
    style = SCHEDULE_STYLES[schedule.state]
    if schedule.state == "not-started" and schedule.expected <= tolerance * 100:
        style = "dim"  # nobody expects it started yet
    return Text(SCHEDULE_LABELS[lang][schedule.state], style=style)


def print_task_table(
    console: Console,
    registry: Registry,
    states: Sequence[TaskState],
    schedules: dict[str, Schedule],
    lang: str,
) -> None:
    if not states:
        console.print(text("no_tasks", lang))
        return
    table = _table(
        console,
        text("col.id", lang),
        text("col.task", lang),
        text("col.area", lang),
        text("col.deadline", lang),
        text("col.progress", lang),
        text("col.status", lang),
        text("col.schedule", lang),
    )
    for state in states:
        area = registry.areas[state.task.area]
        progress = _bar(state.percent, STATUS_STYLES[state.status])
        if state.task.target is not None:
            progress.append(f"  {progress_text(state, lang)}")
        table.add_row(
            state.task.id,
            _user(task_title(state, lang)),
            _user(area.name if lang == "zh" else area.name_en),
            state.task.deadline.isoformat(),
            progress,
            _status_text(state, lang),
            _schedule_text(schedules[state.task.id], lang, registry.tolerance),
        )
    emit(console, table)


def print_area_table(
    console: Console,
    registry: Registry,
    tallies: dict[str, Tally],
    overall: Tally,
    lang: str,
    title: str | None = None,
) -> None:
    schedule_states = [state for state in SCHEDULE_STATES if state != "done"]
    table = _table(
        console,
        text("col.area", lang),
        text("col.done", lang),
        text("col.percent", lang),
        *(SCHEDULE_COLUMNS[lang][state] for state in schedule_states),
        text("col.investment", lang),
    )
    for column in table.columns[1:]:
        column.justify = "right"
    rows = [
        (registry.areas[key].name if lang == "zh" else registry.areas[key].name_en, t)
        for key, t in tallies.items()
    ]
    rows.append((text("total", lang), overall))
    for index, (name, tally) in enumerate(rows):
        is_total = index == len(rows) - 1
        counts = [
            Text(
                str(tally.schedule.get(state, 0)),
                style=SCHEDULE_STYLES[state] if tally.schedule.get(state) else "dim",
            )
            for state in schedule_states
        ]
        table.add_row(
            Text(name, style="bold" if is_total else ""),
            f"{tally.done}/{tally.total}",
            _bar(tally.percent, "green" if tally.done == tally.total else ""),
            *counts,
            fmt_money(tally.investment_yuan, lang) if tally.investment_yuan else "",
            end_section=index == len(rows) - 2,
        )
    if title:
        console.print(Text(title, style="bold"))
    emit(console, table)


def print_indicators(console: Console, items: Sequence[Reading], lang: str) -> None:
    table = _table(
        console,
        text("col.id", lang),
        text("col.indicator", lang),
        text("col.target", lang),
        text("col.latest", lang),
        text("col.date", lang),
        text("col.met", lang),
    )
    for reading in items:
        indicator = reading.indicator
        unit = indicator.unit if lang == "zh" else indicator.unit_en
        met = reading.met
        verdict = Text(
            text("met.none" if met is None else "met.yes" if met else "met.no", lang),
            style="dim" if met is None else "green" if met else "red",
        )
        table.add_row(
            indicator.id,
            _user(indicator.title if lang == "zh" else indicator.title_en),
            f"{indicator.comparator} {fmt_number(indicator.target)}{unit}",
            "" if reading.value is None else f"{fmt_number(reading.value)}{unit}",
            reading.on.isoformat() if reading.on else "",
            verdict,
        )
    emit(console, table)


def print_areas(console: Console, registry: Registry, counts: dict[str, int], lang: str) -> None:
    table = _table(console, text("col.key", lang), text("col.name", lang), text("col.tasks", lang))
    table.columns[2].justify = "right"
    for key, area in registry.areas.items():
        name = area.name if lang == "zh" else area.name_en
        other = area.name_en if lang == "zh" else area.name
        table.add_row(key, _user(f"{name} ({other})"), str(counts.get(key, 0)))
    emit(console, table)


def print_task_detail(
    console: Console, registry: Registry, state: TaskState, schedule: Schedule, lang: str
) -> None:
    task = state.task
    area = registry.areas[task.area]
    chapter = registry.chapter(task.chapter)
    fields = _table(console, "", "")
    fields.show_header = False
    fields.columns[0].style = "bold"

    def add(key: str, value: str | Text) -> None:
        fields.add_row(text(key, lang), value if isinstance(value, Text) else _user(value))

    add("field.title", f"{task.title} / {task.title_en}")
    fields.add_row(text("col.id", lang), task.id)
    add("field.area", f"{area.name} / {area.name_en} ({task.area})")
    if chapter is not None:
        add(
            "field.chapter",
            f"{chapter.number}. {chapter.title if lang == 'zh' else chapter.title_en}",
        )
    add("field.deadline", task.deadline.isoformat())
    if task.target is not None:
        unit = task.unit if lang == "zh" else task.unit_en
        add("field.target", f"{fmt_number(task.target)} {unit}".strip())
    if task.investment_yuan:
        add("field.investment", fmt_money(task.investment_yuan, lang))
    if task.milestone:
        add(
            "field.milestone",
            task.milestone_en if lang == "en" and task.milestone_en else task.milestone,
        )
    if task.zone:
        add("field.zone", task.zone)
    if task.lead:
        add("field.lead", task.lead)
    add("field.status", _status_text(state, lang))
    progress = _bar(state.percent, STATUS_STYLES[state.status])
    if task.target is not None:
        progress.append(f"  {progress_text(state, lang)}")
    add("field.progress", progress)
    schedule_text = _schedule_text(schedule, lang, registry.tolerance)
    schedule_text.append(f"  ({fmt_percent(schedule.expected)} {text('field.elapsed', lang)})")
    add("col.schedule", schedule_text)
    if task.tags:
        add("field.tags", ", ".join(task.tags))
    add("field.source", Text(f"“{printable(task.source)}”", style="italic"))
    emit(console, fields)
    console.print()
    console.print(Text(text("field.history", lang), style="bold"))
    print_history(console, state.events, lang)


def print_history(console: Console, events: Iterable[object], lang: str) -> None:
    events = list(events)
    if not events:
        console.print(text("field.none", lang))
        return
    table = _table(
        console,
        text("col.date", lang),
        text("col.action", lang),
        text("col.value", lang),
        text("col.note", lang),
        text("col.by", lang),
    )
    for event in events:
        table.add_row(
            event.on.isoformat(),
            ACTION_LABELS[lang][event.action],
            fmt_number(event.value) if event.value is not None else "",
            _user(event.note),
            _user(event.by),
        )
    emit(console, table)


def print_lines(console: Console, lines: Iterable[str], style: str = "") -> None:
    for line in lines:
        console.print(Text(line, style=style))
