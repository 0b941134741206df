"""What the reading commands do: list, show, status, areas, check, units, where.

Each handler takes the workspace and the command's parameters (declared for
Typer in `gwr_cli.commands.reading`), calls the core and renders; no Typer
here, so the fast path runs them without importing it."""

from __future__ import annotations

from enum import StrEnum

from gwr_cli.command_io import OutputFormat, dump_json, echo, new_output
from gwr_cli.errors import InputError
from gwr_cli.messages import (
    ACTION_LABELS,
    STATUS_LABELS,
    Listing,
    Msg,
    fmt_money,
    localized,
    printable,
    text,
)

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.registry import Registry
    from gwr_cli.workspace import Workspace


def list_tasks(
    session: Workspace,
    area: list[str] | None = None,
    status: list[str] | None = None,
    chapter: list[int] | None = None,
    overdue: bool = False,
    search: list[str] | None = None,
    schedule: list[str] | None = None,
    unit: list[str] | None = None,
    leader: list[str] | None = None,
    key: bool = False,
    tag: list[str] | None = None,
    light: list[str] | None = None,
    output: OutputFormat = OutputFormat.table,
) -> None:
    """List tasks with their progress, status and light.

    Each filter option takes one or more values (None: not given): a task
    passes an option when it matches any of its values (`--unit A --unit B`:
    tasks of either unit), and is listed when it passes every option given.
    A value that names nothing (an unknown area, unit…) is an InputError."""
    from gwr_cli.lights import LIGHTS
    from gwr_cli.lookup import resolve_area, resolve_choice
    from gwr_cli.schedule import SCHEDULE_STATES
    from gwr_cli.status import STATUSES
    from gwr_cli.views import TaskFilter, select, task_record

    registry = session.registry()
    assignments = session.assignments()
    lang = session.lang
    only: set[str] | None = None
    unit_names: frozenset[str] | None = None

    def narrow(ids: set[str]) -> None:
        nonlocal only
        only = ids if only is None else only & ids

    if unit is not None:
        unit_names = frozenset(assignments.match_unit(typed, lang) for typed in unit)
        chosen_ids: set[str] = set()
        for name in unit_names:
            lead, partner = assignments.tasks_of_unit(name)
            chosen_ids.update(lead, partner)
        narrow(chosen_ids)
    if leader is not None:
        names = {assignments.match_leader(typed, lang) for typed in leader}
        narrow({i for name in names for i in assignments.tasks_of_leader(name)})
    if tag is not None:
        names = {assignments.match_tag(typed, lang) for typed in tag}
        narrow({i for name in names for i in assignments.tasks_tagged(name)})
    if key:
        if not assignments:
            raise InputError(
                text("asg.match.empty", lang, kind=text("field.key", lang), path=assignments.path)
            )
        narrow(set(assignments.key_tasks()))

    def each(values: list[str] | None, resolve) -> frozenset[str] | None:
        return frozenset(resolve(value) for value in values) if values else None

    chosen = TaskFilter(
        areas=each(area, lambda typed: resolve_area(registry, typed)),
        statuses=each(status, lambda typed: resolve_choice(typed, STATUSES, "status")),
        chapters=frozenset(_check_chapter(registry, c) for c in chapter) if chapter else None,
        overdue=overdue,
        searches=tuple(typed.lower() for typed in search) if search else None,
        schedules=each(schedule, lambda typed: resolve_choice(typed, SCHEDULE_STATES, "schedule")),
        only=frozenset(only) if only is not None else None,
        lights=each(light, lambda typed: resolve_choice(typed, LIGHTS, "light")),
    )
    # Filters on registry (and 分工) fields narrow the events that need reading.
    narrowed = chosen.areas or chosen.chapters or chosen.searches or only is not None
    candidates = [t.id for t in registry.tasks if chosen.matches_task(t)] if narrowed else None
    all_states = session.states(tasks=candidates)
    schedules, lights = session.schedules_and_lights(all_states)
    states = select(all_states.values(), chosen, schedules, lights)
    shown_assignments = assignments if assignments else None
    if output is OutputFormat.json:
        records = []
        for s in states:
            record = task_record(
                s,
                registry,
                schedules[s.task.id],
                light=lights[s.task.id],
                assignments=shown_assignments,
                lang=lang,
            )
            if unit_names is not None:
                lead = not unit_names.isdisjoint(assignments.lead_units_of(s.task.id))
                record["role"] = "lead" if lead else "partner"
            records.append(record)
        dump_json(records)
        return
    from gwr_cli.task_tables import task_table

    output = new_output()
    if not states:
        output.line(text("no_tasks", lang))
        return
    output.table(
        task_table(
            registry,
            states,
            schedules,
            lang,
            lights=lights,
            assignments=shown_assignments,
            role_of=unit_names,
        )
    )


def _check_chapter(registry: Registry, chapter: int) -> int:
    if registry.chapter(chapter) is None:
        numbers = Listing([str(c.number) for c in registry.report.chapters])
        raise InputError("reading.no_chapter", chapter=chapter, numbers=numbers)
    return chapter


def show(session: Workspace, task_id: str) -> None:
    """Show every field of a task, its source quote and its history."""
    from gwr_cli.lookup import resolve_task
    from gwr_cli.task_tables import detail_table, history_table

    registry = session.registry()
    task = resolve_task(registry, task_id)
    state = session.states(tasks=[task.id])[task.id]
    schedules, lights = session.schedules_and_lights({task.id: state})
    schedule, light = schedules[task.id], lights[task.id]
    assignments = session.assignments()
    output = new_output()
    output.table(
        detail_table(
            registry,
            state,
            schedule,
            session.lang,
            light=light,
            assignments=assignments if assignments else None,
        )
    )
    output.line()
    output.line(text("field.history", session.lang), "bold")
    if state.events:
        output.table(history_table(state.events, session.lang))
    else:
        output.line(text("field.none", session.lang))
    lang = session.lang
    for event in state.contradicted:  # kept in the history, not counted (see `gwr check`)
        line = text(
            "show.contradicted",
            lang,
            on=event.on.isoformat(),
            action=ACTION_LABELS[lang][event.action],
            by=event.by,
            id=event.id,
        )
        output.line(printable(line, single_line=True), "yellow")


class Grouping(StrEnum):
    area = "area"
    chapter = "chapter"
    unit = "unit"
    leader = "leader"


_GROUP_HEADINGS = {
    Grouping.area: "col.area",
    Grouping.chapter: "field.chapter",
    Grouping.unit: "col.lead_unit",
    Grouping.leader: "col.leader",
}


def status(
    session: Workspace, by: Grouping = Grouping.area, output: OutputFormat = OutputFormat.table
) -> None:
    """Completion, schedule and lights per area (chapter, lead unit, leader), and overall.

    By unit or leader a task with two lead units (leaders) counts in each row;
    tasks without one form the 未分工 row, so every task is in some row.
    """
    from gwr_cli.tally import headline_lines, light_line

    counts = session.counts(by.value)
    if output is OutputFormat.json:
        dump_json(counts.to_data())
        return
    from gwr_cli.grouped_tables import grouped_table

    registry = session.registry()
    lang = session.lang
    report_title = localized(registry.report, "title", lang)
    title = f"{report_title} · " + text("as_of", lang, date=counts.as_of.isoformat())
    rows = [(counts.grouping.label(key, lang), t) for key, t in counts.groups.items()]
    heading = text(_GROUP_HEADINGS[by], lang)
    screen = new_output()
    screen.table(
        grouped_table(rows, counts.overall, lang, heading=heading, title=title, lights=True)
    )
    lines = headline_lines(counts.overall, lang)
    lit = light_line(counts.overall, lang)
    for line in [*lines, *([lit] if lit else [])]:
        screen.line(line)


def areas(session: Workspace) -> None:
    """Area keys with their names and task counts."""
    from collections import Counter

    from gwr_cli.grouped_tables import areas_table

    registry = session.registry()
    counts = Counter(t.area for t in registry.tasks)
    new_output().table(areas_table(registry, counts, session.lang))


def check(session: Workspace) -> None:
    """Validate the registry and the ledger; change nothing."""
    from gwr_cli.registry_check import inspect_registry
    from gwr_cli.status import orphan_events
    from gwr_cli.tally import investments

    lang = session.lang
    path = session.locations().registry
    warnings: list[tuple[str, str]] = []
    registry, problems = inspect_registry(path, warnings, lang)
    if registry is None:
        echo(text("check.problems", lang, count=len(problems)))
        for problem in problems:
            echo(f"  {printable(problem, single_line=True)}")
        raise SystemExit(1)
    # The tally's own sums: the district's investment is never part of the projects' total.
    investment, district = investments(list(registry.tasks))
    echo(
        text(
            "check.ok",
            lang,
            tasks=len(registry.tasks),
            indicators=len(registry.indicators),
            areas=len(registry.areas),
            money=fmt_money(investment, lang),
        )
    )
    if district:
        echo(text("check.district_investment", lang, money=fmt_money(district, lang)))
    from collections import Counter

    counts = Counter(t.area for t in registry.tasks)
    for key, area in registry.areas.items():
        echo(f"  {key:<18} {counts.get(key, 0):>4}  {localized(area, 'name', lang)}")
    if warnings:
        echo(text("check.warnings", lang, count=len(warnings)))
        for where, field in warnings:
            echo(f"  {text('check.empty_en', lang, where=printable(where), field=field)}")
    from gwr_cli.ledger import read_ledger_checked

    ledger, broken, unread = read_ledger_checked(session.locations().ledger)
    counted = {"events": len(ledger.events), "files": len(ledger.files)}
    if unread and not ledger.files:
        echo(text("check.ledger_none", lang, unread=unread))
    elif unread:  # what is counted is only the files without errors: say so
        echo(text("check.ledger_partial", lang, **counted, unread=unread))
    else:
        echo(text("check.ledger", lang, **counted))
    if broken:  # each problem named; the files without errors are checked all the same
        others = unread and ledger.files  # "the other files" only where there are some
        heading = "check.ledger_problems" if others else "check.ledger_problems_only"
        echo(text(heading, lang, count=len(broken)))
        for problem in broken:
            echo("  " + printable(problem.text(lang), single_line=True))
    _warn_unkept_values(ledger.events, lang)
    from gwr_cli.refused import event_params, refused_lines  # what a typed command would refuse

    for line in refused_lines(registry, ledger.events, lang, session.today()):
        echo(line)
    failed = bool(broken)
    failed = not _check_assignments(session, registry) or failed
    failed = not _check_clone_file(session) or failed
    orphans = orphan_events(registry, ledger.events)
    if orphans:
        failed = True
        echo(text("check.orphans", lang, count=len(orphans)))
        for event in orphans:
            action = ACTION_LABELS[lang][event.action]
            where = f"{event.file}:{event.line}"
            orphan = f"{event.id} {action} {printable(event.task)}"
            echo("  " + text("reg.at", lang, where=where, message=orphan))
    contradictions = session.contradictions(ledger.events)
    if contradictions:
        failed = True
        echo(text("check.contradictions", lang, count=len(contradictions)))
        for found in contradictions:
            event = found.event
            line = text(
                "check.contradiction",
                lang,
                **event_params(event, lang),
                on=event.on.isoformat(),
                status=STATUS_LABELS[lang][found.status],
            )
            echo("  " + printable(line, single_line=True))
    if failed:
        raise SystemExit(1)


def _warn_unkept_values(events, lang: str) -> None:
    """List the ledger values gwr would refuse if typed today (more digits than
    it keeps, or out of range): read as written, so a warning, not a failure."""
    from gwr_cli.events import KEPT_DIGITS, toml_number, unkept_values
    from gwr_cli.refused import event_params

    unkept = unkept_values(events)
    if not unkept:
        return
    echo(text("check.unkept", lang, count=len(unkept), kept=KEPT_DIGITS))
    for event, problem in unkept:
        line = text(
            "check.unkept_value",
            lang,
            **event_params(event, lang),
            value=toml_number(event.value),  # as the file holds it
            problem=problem,
        )
        echo("  " + printable(line, single_line=True))


def _check_clone_file(session) -> bool:
    """Report a broken `ledger/.gwr-clone` (as a write would refuse it), naming
    the file; False on a problem."""
    from gwr_cli.errors import LedgerError
    from gwr_cli.ledger import check_clone_file

    try:
        check_clone_file(session.locations().ledger)
    except LedgerError as error:
        echo(text("check.clone", session.lang))
        echo(f"  {printable(error.text(session.lang), single_line=True)}")
        return False
    return True


def _check_assignments(session, registry: Registry) -> bool:
    """Report the 分工 file: its size, or every problem with file and line; False on problems."""
    from gwr_cli.assignments import inspect_assignments

    lang = session.lang
    path = session.locations().assignments_file
    assignments, problems = inspect_assignments(path, registry, lang)
    if assignments is None:
        echo(text("check.assignments.problems", lang, count=len(problems)))
        for problem in problems:
            echo(f"  {printable(problem, single_line=True)}")
        return False
    if not path.exists():
        echo(text("check.assignments.none", lang, path=path))
        return True
    echo(
        text(
            "check.assignments.ok",
            lang,
            entries=len(assignments),
            units=len(assignments.units()),
            leaders=len(assignments.leaders()),
            path=path,
        )
    )
    return True


def units(session: Workspace, output: OutputFormat = OutputFormat.table) -> None:
    """Every unit of the 分工: tasks it leads and supports, done, lights, last report."""
    lang = session.lang
    assignments = session.assignments()
    if not assignments:
        raise InputError(text("units.none", lang, path=assignments.path))
    found = session.units()
    if output is OutputFormat.json:
        dump_json([unit.to_data() for unit in found])
        return
    from gwr_cli.grouped_tables import units_table

    new_output().table(units_table(found, lang))


def where(session: Workspace) -> None:
    """Print the registry, home and ledger paths in use."""
    lang, locations = session.lang, session.locations()
    origin = _ORIGINS.get(locations.registry_origin, "packaged")
    registry = text("where.registry", lang, path=locations.registry, origin=Msg(origin))
    echo(registry)
    echo(text("where.home", lang, path=locations.home))
    echo(text("where.ledger", lang, path=locations.ledger))
    echo(text("where.assignments", lang, path=locations.assignments_file))


_ORIGINS = {
    "--registry": "where.origin.option",
    "GWR_REGISTRY": "where.origin.env",
    "GWR_HOME": "where.origin.home",
    "packaged": "where.origin.packaged",
}
