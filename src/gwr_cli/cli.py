"""The Typer app: parse, call the core, render. Nothing else lives here.

Errors: core modules raise GwrError subclasses; `GwrGroup.invoke` turns them
into one line on stderr and exit code 1, for every command, in one place.
Usage errors (bad option syntax) keep Click's exit code 2.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer

# Typer vendors its own Click (version range pinned in pyproject.toml): its
# exception types are what a usage error raises.
from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from gwr_cli import __version__
from gwr_cli.errors import GwrError, InputError
from gwr_cli.messages import STATUS_LABELS, detect_lang, fmt_money, fmt_number, printable, text

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from gwr_cli.ledger import Ledger
    from gwr_cli.paths import Locations
    from gwr_cli.record import Change
    from gwr_cli.registry import Registry
    from gwr_cli.render import Output
    from gwr_cli.schedule import Schedule
    from gwr_cli.status import TaskState
    from gwr_cli.views import Tally


def _value_options(command: Any) -> set[str]:
    return {
        name
        for param in command.params
        if getattr(param, "param_type_name", "") == "option" and not param.is_flag
        for name in param.opts
    }


def hoist_global_options(group: Any, ctx: Any, args: list[str]) -> list[str]:
    """Move root options typed after the command name to the front.

    People write `gwr status --as-of 2021-06-30` as often as
    `gwr --as-of 2021-06-30 status`; both mean the same.
    """
    global_options = _value_options(group)
    front: list[str] = []
    rest: list[str] = []
    command: Any = None
    index = 0
    while index < len(args):
        token = args[index]
        name = token.split("=", 1)[0]
        if token == "--":
            rest.extend(args[index:])
            break
        if command is not None and name in global_options:
            front.append(token)
            if "=" not in token and index + 1 < len(args):
                front.append(args[index + 1])
                index += 1
        elif command is None and name in global_options:
            rest.append(token)
            if "=" not in token and index + 1 < len(args):
                rest.append(args[index + 1])
                index += 1
        elif token.startswith("-"):
            rest.append(token)
            takes_value = command is not None and name in _value_options(command)
            if takes_value and "=" not in token and index + 1 < len(args):
                rest.append(args[index + 1])
                index += 1
        else:
            rest.append(token)
            found = (
                (command or group).get_command(ctx, token)
                if hasattr(command or group, "get_command")
                else None
            )
            if found is not None:
                command = found
        index += 1
    return front + rest


def _fail(message: str, exit_code: int) -> None:
    sys.stderr.write(f"gwr: error: {printable(message, single_line=True)}\n")
    raise SystemExit(exit_code)


class GwrGroup(TyperGroup):
    """Turns every error into one line on stderr and an exit code, in one place.

    gwr's own errors (GwrError) exit 1; usage errors keep Click's exit code 2.
    """

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except NoArgsIsHelpError as error:
            _echo(error.ctx.get_help() if error.ctx else "")
            sys.exit(0)
        except UsageError as error:
            where = f" (see `{error.ctx.command_path} --help`)" if error.ctx else ""
            _fail(error.format_message() + where, error.exit_code)
        except ClickException as error:
            _fail(error.format_message(), error.exit_code)
        except typer.Abort:
            _fail("aborted", 1)
        sys.exit(code if isinstance(code, int) else 0)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:
            args = hoist_global_options(self, ctx, args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except GwrError as error:
            if os.environ.get("GWR_DEBUG"):
                raise
            _fail(str(error), error.exit_code)


app = typer.Typer(
    cls=GwrGroup,
    help="Follow a government work report's promises, task by task.",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Session:
    """Global options plus what they lead to, loaded once and only when needed."""

    def __init__(
        self,
        home_option: str | None,
        registry_option: str | None,
        as_of_option: dt.date | None,
        lang: str,
    ) -> None:
        self.home_option, self.registry_option = home_option, registry_option
        self.as_of_option, self.lang = as_of_option, lang
        self._locations: Locations | None = None
        self._registry: Registry | None = None

    @property
    def as_of(self) -> dt.date:
        from gwr_cli.dates import today

        return self.as_of_option or today()

    def locations(self) -> Locations:
        if self._locations is None:
            from gwr_cli.paths import resolve_locations

            self._locations = resolve_locations(self.home_option, self.registry_option)
        return self._locations

    def registry(self) -> Registry:
        if self._registry is None:
            from gwr_cli.registry import load_registry

            self._registry = load_registry(self.locations().registry, self.cache_dir())
        return self._registry

    def ledger(self, *, use_cache: bool = True, tasks: Iterable[str] | None = None) -> Ledger:
        """Committed events; with `tasks`, only those tasks' events are needed."""
        from gwr_cli.ledger import read_ledger

        cache_dir = self.cache_dir() if use_cache else None
        return read_ledger(self.locations().ledger, cache_dir, tasks)

    def cache_dir(self) -> Path:
        from gwr_cli.cache import CACHE_DIR

        return self.locations().home / CACHE_DIR

    def states(self, tasks: Iterable[str] | None = None) -> dict[str, TaskState]:
        """State of every task (or of the given ones) as of the as-of date."""
        from gwr_cli.status import task_states

        events = self.ledger(tasks=tasks).events
        if tasks is not None:
            wanted = set(tasks)
            events = [e for e in events if e.task in wanted]
        states = task_states(self.registry(), events, self.as_of)
        return states if tasks is None else {t: states[t] for t in tasks}

    def schedules(self, states: dict[str, TaskState]) -> dict[str, Schedule]:
        from gwr_cli.schedule import schedules

        return schedules(self.registry(), states, self.as_of)


def _session(ctx: typer.Context) -> Session:
    return ctx.find_root().obj


def _output() -> Output:
    from gwr_cli.render import Output

    return Output()


def _echo(line: str) -> None:
    sys.stdout.write(line + "\n")


def _parse_date_option(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    from gwr_cli.dates import parse_date

    return parse_date(value, option)


def _show_version(value: bool) -> None:
    if value:
        _echo(f"gwr {__version__}")
        raise typer.Exit()


def _complete_from_registry(ctx: typer.Context, kind: str) -> list[str]:
    # Completion must never fail loudly: it only reads the registry.
    from gwr_cli.paths import resolve_locations
    from gwr_cli.registry import load_registry

    params = ctx.find_root().params
    try:
        registry = load_registry(
            resolve_locations(params.get("home"), params.get("registry")).registry
        )
    except GwrError:
        return []
    if kind == "area":
        return list(registry.areas)
    if kind == "indicator":
        return [i.id for i in registry.indicators]
    return [t.id for t in registry.tasks]


def complete_task(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _complete_from_registry(ctx, "task") if i.startswith(incomplete)]


def complete_area(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _complete_from_registry(ctx, "area") if i.startswith(incomplete)]


def complete_indicator(ctx: typer.Context, incomplete: str) -> list[str]:
    return [i for i in _complete_from_registry(ctx, "indicator") if i.startswith(incomplete)]


@app.callback()
def main_options(
    ctx: typer.Context,
    home: Annotated[
        str | None,
        typer.Option("--home", help="Data folder (default: GWR_HOME or the user data dir)."),
    ] = None,
    registry: Annotated[
        str | None,
        typer.Option(
            "--registry",
            help="Registry file (default: GWR_REGISTRY, HOME/tasks.toml, the shipped one).",
        ),
    ] = None,
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="Compute every view as of this date (YYYY-MM-DD).")
    ] = None,
    lang: Annotated[
        str | None, typer.Option("--lang", help="zh or en (default: GWR_LANG, else your locale).")
    ] = None,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Follow a government work report's promises, task by task."""
    ctx.obj = Session(
        home_option=home,
        registry_option=registry,
        as_of_option=_parse_date_option(as_of, "--as-of"),
        lang=detect_lang(lang),
    )


# --- reading commands -----------------------------------------------------------


class OutputFormat(StrEnum):
    table = "table"
    json = "json"


def _dump_json(data: object) -> None:
    import json

    _echo(json.dumps(data, ensure_ascii=False, indent=2))


@app.command("list")
def list_tasks(
    ctx: typer.Context,
    area: Annotated[
        str | None,
        typer.Option("--area", help="Area key, e.g. education.", autocompletion=complete_area),
    ] = None,
    status: Annotated[
        str | None, typer.Option("--status", help="not-started, in-progress, done or blocked.")
    ] = None,
    chapter: Annotated[
        int | None, typer.Option("--chapter", help="Chapter number of the report.")
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only tasks past their deadline.")
    ] = False,
    search: Annotated[
        str | None, typer.Option("--search", help="Text in the id, title or source.")
    ] = None,
    schedule: Annotated[
        str | None,
        typer.Option("--schedule", help="done, ahead, on-track, behind, not-started or overdue."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table or json.")
    ] = OutputFormat.table,
) -> None:
    """List tasks with their progress and status."""
    from gwr_cli.lookup import resolve_area, resolve_choice
    from gwr_cli.schedule import SCHEDULE_STATES
    from gwr_cli.status import STATUSES
    from gwr_cli.views import TaskFilter, select, task_record

    session = _session(ctx)
    registry = session.registry()
    chosen = TaskFilter(
        area=resolve_area(registry, area) if area else None,
        status=resolve_choice(status, STATUSES, "status") if status else None,
        chapter=_check_chapter(registry, chapter),
        overdue=overdue,
        search=search,
        schedule=resolve_choice(schedule, SCHEDULE_STATES, "schedule state") if schedule else None,
    )
    # Filters on registry fields narrow the events that need reading.
    narrowed = chosen.area or chosen.chapter is not None or chosen.search
    candidates = [t.id for t in registry.tasks if chosen.matches_task(t)] if narrowed else None
    all_states = session.states(tasks=candidates)
    schedules = session.schedules(all_states)
    states = select(all_states.values(), chosen, schedules)
    if output is OutputFormat.json:
        _dump_json([task_record(s, registry, schedules[s.task.id]) for s in states])
        return
    from gwr_cli.tables import task_table

    output = _output()
    if not states:
        output.line(text("no_tasks", session.lang))
        return
    output.table(task_table(registry, states, schedules, session.lang))


def _check_chapter(registry: Registry, chapter: int | None) -> int | None:
    if chapter is not None and registry.chapter(chapter) is None:
        numbers = ", ".join(str(c.number) for c in registry.report.chapters)
        raise InputError(f"--chapter {chapter}: no such chapter (the report has {numbers})")
    return chapter


@app.command()
def show(
    ctx: typer.Context,
    task_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Task id or unique prefix.", autocompletion=complete_task
        ),
    ],
) -> None:
    """Show every field of a task, its source quote and its history."""
    from gwr_cli.lookup import resolve_task
    from gwr_cli.tables import detail_table, history_table

    session = _session(ctx)
    registry = session.registry()
    task = resolve_task(registry, task_id)
    state = session.states(tasks=[task.id])[task.id]
    schedule = session.schedules({task.id: state})[task.id]
    output = _output()
    output.table(detail_table(registry, state, schedule, session.lang))
    output.line()
    output.line(text("field.history", session.lang), "bold")
    if state.events:
        output.table(history_table(state.events, session.lang))
    else:
        output.line(text("field.none", session.lang))


@app.command()
def status(ctx: typer.Context) -> None:
    """Completion and schedule per area, and the overall count in the report's style."""
    from gwr_cli.tables import area_table
    from gwr_cli.views import tally, tally_by_area

    session = _session(ctx)
    registry = session.registry()
    lang = session.lang
    all_states = session.states()
    schedules = session.schedules(all_states)
    states = list(all_states.values())
    overall = tally(states, schedules)
    report_title = registry.report.title if lang == "zh" else registry.report.title_en
    title = f"{report_title} · " + text("as_of", lang, date=session.as_of.isoformat())
    by_area = tally_by_area(registry, states, schedules)
    output = _output()
    output.table(area_table(registry, by_area, overall, lang, title))
    output.line(overall_line(overall, lang))
    output.line(schedule_line(overall, lang))


def schedule_line(overall: Tally, lang: str) -> str:
    from gwr_cli.messages import SCHEDULE_LABELS

    labels = SCHEDULE_LABELS[lang]
    parts = [
        f"{labels[state]}{overall.schedule.get(state, 0)}项"
        if lang == "zh"
        else f"{overall.schedule.get(state, 0)} {labels[state]}"
        for state in ("ahead", "on-track", "behind", "not-started", "overdue")
    ]
    return (
        ("序时进度:" + ",".join(parts) + "。")
        if lang == "zh"
        else "Schedule: " + ", ".join(parts) + "."
    )


def overall_line(overall: Tally, lang: str) -> str:
    """The report's own way of counting: 共N项具体工作,已完成M项,..."""
    blocked = text("overall.blocked", lang, count=overall.blocked) if overall.blocked else ""
    return text(
        "overall",
        lang,
        total=overall.total,
        done=overall.done,
        active=overall.active,
        blocked=blocked,
        idle=overall.not_started,
        overdue=overall.overdue,
    )


@app.command()
def areas(ctx: typer.Context) -> None:
    """Area keys with their names and task counts."""
    from collections import Counter

    from gwr_cli.tables import areas_table

    session = _session(ctx)
    registry = session.registry()
    counts = Counter(t.area for t in registry.tasks)
    _output().table(areas_table(registry, counts, session.lang))


@app.command()
def check(ctx: typer.Context) -> None:
    """Validate the registry and the ledger; change nothing."""
    from gwr_cli.registry import inspect_registry
    from gwr_cli.status import orphan_events

    session = _session(ctx)
    lang = session.lang
    path = session.locations().registry
    registry, problems = inspect_registry(path)
    if registry is None:
        _echo(text("check.problems", lang, count=len(problems)))
        for problem in problems:
            _echo(f"  {printable(problem, single_line=True)}")
        raise typer.Exit(1)
    investment = sum(t.investment_yuan or 0 for t in registry.tasks)
    _echo(
        text(
            "check.ok",
            lang,
            tasks=len(registry.tasks),
            indicators=len(registry.indicators),
            areas=len(registry.areas),
            money=fmt_money(investment, lang),
        )
    )
    from collections import Counter

    counts = Counter(t.area for t in registry.tasks)
    for key, area in registry.areas.items():
        name = area.name if lang == "zh" else area.name_en
        _echo(f"  {key:<18} {counts.get(key, 0):>4}  {name}")
    ledger = session.ledger(use_cache=False)  # check reads every byte, trusting no cache
    _echo(f"ledger: {len(ledger.events)} events in {len(ledger.files)} file(s)")
    orphans = orphan_events(registry, ledger.events)
    if orphans:
        _echo(text("check.orphans", lang, count=len(orphans)))
        for event in orphans:
            _echo(f"  {event.file}:{event.line}: {event.id} {event.action} {printable(event.task)}")
        raise typer.Exit(1)


@app.command()
def where(ctx: typer.Context) -> None:
    """Print the registry, home and ledger paths in use."""
    locations = _session(ctx).locations()
    _echo(f"registry: {locations.registry} ({locations.registry_origin})")
    _echo(f"home:     {locations.home}")
    _echo(f"ledger:   {locations.ledger}")


# --- writing commands -----------------------------------------------------------

NoteOption = Annotated[str, typer.Option("--note", help="What happened, in your words.")]
OnOption = Annotated[
    str | None, typer.Option("--on", help="Date it happened (YYYY-MM-DD; default today).")
]
TaskArgument = Annotated[
    str,
    typer.Argument(metavar="ID", help="Task id or unique prefix.", autocompletion=complete_task),
]


def _summary_of(state: TaskState, lang: str) -> str:
    from gwr_cli.views import progress_text

    label = STATUS_LABELS[lang][state.status]
    if state.task.target is not None or state.percent > 0:
        return f"{label} {progress_text(state, lang)}"
    return label


def _confirm(change: Change, lang: str) -> None:
    from gwr_cli.messages import ACTION_LABELS

    event = change.event
    title = ""
    if change.task is not None:
        title = change.task.title if lang == "zh" else change.task.title_en
    head = text("undone" if change.undone else "recorded", lang)
    action = ACTION_LABELS[lang][change.undone.action if change.undone else event.action]
    line = f"{head}: {action} · {event.task} {title}"
    if change.before is not None and change.after is not None:
        before, after = _summary_of(change.before, lang), _summary_of(change.after, lang)
        if before != after:
            line += f" · {before} → {after}"
    when = change.undone.on if change.undone else event.on
    _echo(printable(f"{line} ({when.isoformat()})", single_line=True))


def _record(
    ctx: typer.Context,
    task_id: str,
    action: str,
    note: str,
    on: str | None,
    value: str | None = None,
) -> None:
    from gwr_cli.dates import today
    from gwr_cli.ledger import append_event
    from gwr_cli.lookup import resolve_task
    from gwr_cli.paths import current_author
    from gwr_cli.record import check_on_date, parse_progress_value, plan_task_event

    session = _session(ctx)
    registry = session.registry()
    task = resolve_task(registry, task_id)
    on_date = _parse_date_option(on, "--on") or today()
    check_on_date(on_date, today())
    amount = parse_progress_value(task, value) if value is not None else None
    author = current_author()
    changes: list[Change] = []

    def build(ledger: Ledger) -> Any:
        change = plan_task_event(
            ledger, task, action, author=author, on=on_date, value=amount, note=note
        )
        changes.append(change)
        return change.event

    ledger_dir, cache_dir = session.locations().ledger, session.cache_dir()
    append_event(ledger_dir, author, build, cache_dir=cache_dir, task=task.id)
    _confirm(changes[-1], session.lang)


@app.command()
def start(
    ctx: typer.Context, task_id: TaskArgument, note: NoteOption = "", on: OnOption = None
) -> None:
    """Mark a task as started."""
    _record(ctx, task_id, "start", note, on)


@app.command()
def done(
    ctx: typer.Context, task_id: TaskArgument, note: NoteOption = "", on: OnOption = None
) -> None:
    """Mark a task as done."""
    _record(ctx, task_id, "done", note, on)


# A negative value must reach the command to be refused with a clear message,
# not be mistaken for an unknown option.
@app.command(context_settings={"ignore_unknown_options": True})
def progress(
    ctx: typer.Context,
    task_id: TaskArgument,
    value: Annotated[
        str, typer.Argument(help="Value in the task's unit (32), or a percent (40%).")
    ],
    note: NoteOption = "",
    on: OnOption = None,
) -> None:
    """Record progress; reaching the target marks the task done."""
    _record(ctx, task_id, "progress", note, on, value=value)


@app.command()
def block(
    ctx: typer.Context, task_id: TaskArgument, note: NoteOption = "", on: OnOption = None
) -> None:
    """Mark a task as blocked (--note says why)."""
    _record(ctx, task_id, "block", note, on)


@app.command()
def note(
    ctx: typer.Context,
    task_id: TaskArgument,
    note_text: Annotated[str, typer.Argument(metavar="TEXT", help="The note.")],
    on: OnOption = None,
) -> None:
    """Add a note to a task without changing its status."""
    _record(ctx, task_id, "note", note_text, on)


@app.command()
def reopen(
    ctx: typer.Context, task_id: TaskArgument, note: NoteOption = "", on: OnOption = None
) -> None:
    """Reopen a done or blocked task."""
    _record(ctx, task_id, "reopen", note, on)


@app.command()
def undo(ctx: typer.Context, note: NoteOption = "", on: OnOption = None) -> None:
    """Cancel your last recorded action (nothing is deleted)."""
    from gwr_cli.dates import today
    from gwr_cli.ledger import append_event
    from gwr_cli.paths import current_author
    from gwr_cli.record import check_on_date, plan_undo

    session = _session(ctx)
    registry = session.registry()
    on_date = _parse_date_option(on, "--on") or today()
    check_on_date(on_date, today())
    author = current_author()
    changes: list[Change] = []

    def build(ledger: Ledger) -> Any:
        change = plan_undo(registry, ledger, author=author, on=on_date, note=note)
        changes.append(change)
        return change.event

    append_event(session.locations().ledger, author, build, cache_dir=session.cache_dir())
    _confirm(changes[-1], session.lang)


# --- indicators -------------------------------------------------------------------

indicator_app = typer.Typer(
    cls=GwrGroup, help="The year's economic indicators and their values.", no_args_is_help=True
)
app.add_typer(indicator_app, name="indicator")


@indicator_app.command("list")
def indicator_list(
    ctx: typer.Context,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="table or json.")
    ] = OutputFormat.table,
) -> None:
    """Targets with the latest recorded value and whether each is met."""
    from gwr_cli.indicators import readings

    session = _session(ctx)
    items = readings(session.registry(), session.ledger().events, session.as_of)
    if output is OutputFormat.json:
        _dump_json(
            [
                {
                    "id": r.indicator.id,
                    "title": r.indicator.title,
                    "title_en": r.indicator.title_en,
                    "target": r.indicator.target,
                    "unit": r.indicator.unit,
                    "comparator": r.indicator.comparator,
                    "value": r.value,
                    "on": r.on.isoformat() if r.on else None,
                    "met": r.met,
                    "note": r.note or None,
                    "source": r.indicator.source,
                }
                for r in items
            ]
        )
        return
    from gwr_cli.tables import indicator_table

    _output().table(indicator_table(items, session.lang))


# A negative growth rate must reach the command, not be taken for an option.
@indicator_app.command("set", context_settings={"ignore_unknown_options": True})
def indicator_set(
    ctx: typer.Context,
    indicator_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Indicator id.", autocompletion=complete_indicator),
    ],
    value: Annotated[str, typer.Argument(help="The measured value, e.g. 6.5 or -1.2.")],
    note: NoteOption = "",
    on: OnOption = None,
) -> None:
    """Record a measured value of an indicator."""
    from gwr_cli.dates import today
    from gwr_cli.indicators import is_met, parse_indicator_value
    from gwr_cli.ledger import append_event
    from gwr_cli.lookup import resolve_indicator
    from gwr_cli.paths import current_author
    from gwr_cli.record import check_on_date, plan_indicator_value

    session = _session(ctx)
    indicator = resolve_indicator(session.registry(), indicator_id)
    amount = parse_indicator_value(value)
    on_date = _parse_date_option(on, "--on") or today()
    check_on_date(on_date, today())
    author = current_author()
    event = plan_indicator_value(indicator, author=author, on=on_date, value=amount, note=note)
    ledger_dir, cache_dir = session.locations().ledger, session.cache_dir()
    append_event(ledger_dir, author, lambda ledger: event, cache_dir=cache_dir, task=indicator.id)
    lang = session.lang
    unit = indicator.unit if lang == "zh" else indicator.unit_en
    title = indicator.title if lang == "zh" else indicator.title_en
    met = text(
        "met.yes" if is_met(indicator.comparator, amount, indicator.target) else "met.no", lang
    )
    _echo(
        f"{text('recorded', lang)}: {indicator.id} {title} = {fmt_number(amount)}{unit} "
        f"({indicator.comparator} {fmt_number(indicator.target)}{unit}: {met}) ({on_date})"
    )


# --- summary and export -------------------------------------------------------------


class SummaryFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


OutputOption = Annotated[
    str | None, typer.Option("--output", help="Write to this file instead of the screen.")
]


def _deliver(content: str, output: str | None, lang: str) -> None:
    if output is None:
        sys.stdout.write(content)
        return
    from pathlib import Path

    from gwr_cli.output import write_atomically

    write_atomically(Path(output), content.encode("utf-8"))
    _echo(text("wrote", lang, path=output))


@app.command()
def summary(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", help="2021-W19, this or last (default: the as-of date's week)."),
    ] = None,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", help="text, markdown or json.")
    ] = SummaryFormat.text,
    output: OutputOption = None,
) -> None:
    """The weekly summary (周报), ready to paste into a message or an email."""
    from gwr_cli.dates import week_bounds
    from gwr_cli.summary import build_summary, render_markdown, render_text

    session = _session(ctx)
    monday, sunday = week_bounds(week, session.as_of)
    data = build_summary(session.registry(), session.ledger().events, monday, sunday, session.as_of)
    if output_format is SummaryFormat.json:
        content = data.to_json() + "\n"
    elif output_format is SummaryFormat.markdown:
        content = render_markdown(data, session.lang)
    else:
        content = render_text(data, session.lang)
    _deliver(content, output, session.lang)


@app.command()
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat, typer.Option("--format", help="csv (Excel, WPS) or json.")
    ] = ExportFormat.csv,
    output: OutputOption = None,
) -> None:
    """Every task with its registry fields and current state."""
    from gwr_cli.export import to_csv
    from gwr_cli.views import task_record

    session = _session(ctx)
    registry = session.registry()
    all_states = session.states()
    schedules = session.schedules(all_states)
    states = list(all_states.values())
    if output_format is ExportFormat.csv:
        content = to_csv(registry, states, schedules, session.lang)
    else:
        records = [task_record(s, registry, schedules[s.task.id]) for s in states]
        import json

        content = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    _deliver(content, output, session.lang)


_ROOT_VALUE_OPTIONS = ("--home", "--registry", "--as-of", "--lang")


def _invoked_name(argv: list[str]) -> str | None:
    """The command argv names, skipping root options and their values."""
    index = 0
    while index < len(argv):
        token = argv[index]
        if token in _ROOT_VALUE_OPTIONS:
            index += 2
        elif token.startswith("-"):
            index += 1
        else:
            return token
    return None


def app_for(argv: list[str]) -> typer.Typer:
    """The app, holding only the command that argv invokes when that is clear.

    Typer turns every registered function into a Click command on each run;
    building just the one in use saves a sixth of gwr's start-up (measured in
    bench/). Help, completion and unknown commands get the whole app.
    """
    name = _invoked_name(argv)
    if name is None or any(v.startswith("_GWR_COMPLETE") for v in os.environ):
        return app
    import copy

    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if not commands and not groups:
        return app
    narrowed = copy.copy(app)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def _command_name(info: Any) -> str:
    return info.name or info.callback.__name__.lower().replace("_", "-")


def main() -> None:
    """Console entry point."""
    # gwr runs for a fraction of a second and builds hundreds of thousands of
    # small objects on a large ledger; the cyclic garbage collector would scan
    # them again and again (a third of the run time, measured) to free nothing
    # that reference counting does not free already.
    import gc

    gc.disable()
    try:
        app_for(sys.argv[1:])(prog_name="gwr")
        code: int | str | None = 0
    except SystemExit as done:
        code = done.code
    if isinstance(code, str):
        sys.stderr.write(code + "\n")
        code = 1
    # Tearing the interpreter down takes longer than most gwr commands run
    # (about 6 ms, measured). Every file gwr writes is closed and fsynced by
    # now and nothing registers exit handlers, so flush the output and leave.
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # `gwr list | head`: the reader left early
        code = code or 1
    os._exit(code or 0)
