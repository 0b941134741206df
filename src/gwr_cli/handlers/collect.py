"""What `gwr collect template|import|status` do: the collection round through Excel.

Declared for Typer in `gwr_cli.commands.collect` (import's file list is parsed
by Typer; template and status run on the fast path too). Each handler calls
the core (`collect.gather`, `collect.importing`, the workspace) and renders;
openpyxl is imported only inside the collect modules that write or read a
workbook.
"""

from __future__ import annotations

import sys
from pathlib import Path

from gwr_cli.command_io import OutputFormat, dump_json, echo, new_output
from gwr_cli.errors import InputError
from gwr_cli.messages import printable, text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.collect.importing import ImportResult
    from gwr_cli.periods import Period
    from gwr_cli.registry import Registry
    from gwr_cli.workspace import Workspace


def _assignments(session: Workspace) -> Assignments:
    """The 分工, or one line saying where to write it."""
    assignments = session.assignments()
    if not len(assignments):
        path = session.locations().assignments_file
        raise InputError(text("collect.need_assignments", session.lang, path=path))
    return assignments


def _period(session: Workspace, month: str | None, week: str | None) -> Period:
    """--month or --week; neither: the current period of the registry's [collection]."""
    from gwr_cli.periods import current_period, period_from_options

    if month is None and week is None:
        every = session.registry().collection.every
        return current_period(every, session.as_of, session.lang)
    return period_from_options(session.as_of, session.lang, month=month, week=week)


def template(
    session: Workspace,
    output: str | None = None,
    unit: str | None = None,
    every_unit: bool = False,
    month: str | None = None,
    week: str | None = None,
    force: bool = False,
) -> None:
    """Write a unit's 填报表 (its tasks, last progress and lights) for a period."""
    from gwr_cli.collect.gather import lead_units, unit_template
    from gwr_cli.collect.read import is_blank_template
    from gwr_cli.collect.template import template_bytes, template_filenames
    from gwr_cli.output import write_file
    from gwr_cli.periods import state_date
    from gwr_cli.status import task_states

    lang = session.lang
    if unit is None and not every_unit:
        raise InputError(text("collect.template.choose", lang))
    if unit is not None and every_unit:
        raise InputError(text("collect.template.both", lang))
    if not output:
        raise InputError(text("collect.template.output", lang))
    _check_template_output(output, every_unit, lang)
    registry = session.registry()
    assignments = _assignments(session)
    period = _period(session, month, week)
    if unit is not None:
        name = assignments.match_unit(unit, lang)
        targets = [(name, output)]
        if not output.lower().endswith(".xlsx"):
            raise InputError(text("collect.template.xlsx", lang, path=output))
    else:
        folder = Path(output)
        if folder.exists() and not folder.is_dir():
            raise InputError(text("collect.template.not_folder", lang, path=output))
        names = lead_units(registry, assignments)
        if not names:
            raise InputError(text("collect.template.none", lang))
        files = template_filenames(names, period.key)
        targets = [(name, str(folder / files[name])) for name in names]
    # The folder templates go out from is often the one filled ones come back to:
    # never write over a unit's filled workbook (or any other file), and check every
    # target before writing the first, so a refusal writes nothing.
    if not force:
        for _, path in targets:
            if Path(path).exists() and not is_blank_template(Path(path), registry.report.id):
                raise InputError(text("collect.template.exists", lang, path=path))
    # The state at the period's end (or the as-of date, if earlier), as the
    # period's summary takes it: May's template shows May's lights, not today's.
    on = state_date(period, session.as_of)
    states = task_states(registry, session.ledger().events, on)
    lights = session.lights(states, on)
    # Every workbook made before the first is written: a unit without tasks
    # refuses the whole run, and the files are then written all or none.
    made = []
    for name, path in targets:
        spec = unit_template(registry, assignments, name, period, states, lights, lang, on)
        if not spec.rows:
            raise InputError(text("collect.template.no_tasks", lang, unit=name))
        made.append((name, path, len(spec.rows), template_bytes(spec)))
    if unit is not None:
        write_file(output, made[0][3], lang)
    else:
        _write_templates(Path(output), [(Path(path), data) for _, path, _, data in made], lang)
    for name, path, count, _ in made:
        line = text(
            "collect.template.wrote", lang, path=path, unit=name, period=period.key, count=count
        )
        echo(printable(line))


def _write_templates(folder: Path, files: list[tuple[Path, bytes]], lang: str) -> None:
    """Every unit's workbook, all or none: into a new folder, built beside it
    and renamed into place; into an existing one (where filled workbooks come
    back), each written beside its target, then all renamed
    (`whole_writes.replace_files`). InputError (one line) when one cannot be."""
    import os

    from gwr_cli import whole_writes
    from gwr_cli.ledger import lock_timeout

    shown = str(folder)
    if folder.is_symlink():  # written through, as --output FILE is
        folder = Path(os.path.realpath(folder))
    try:
        if folder.is_dir():
            whole_writes.replace_files(files)
            return
        folder.parent.mkdir(parents=True, exist_ok=True)
        with whole_writes.folder_lock(folder.parent, lock_timeout()):
            whole_writes.recover(folder)
            staging = whole_writes.new_folder_beside(folder)
            try:
                for path, data in files:
                    whole_writes.write_new(staging / path.name, data)
                whole_writes.swap_in(staging, folder)
            except BaseException:
                whole_writes.remove_quietly(staging)
                raise
    except TimeoutError:
        raise InputError(text("collect.template.busy", lang, path=shown)) from None
    except OSError as error:
        raise InputError(text("output.cannot_write", lang, path=shown, reason=error)) from None


def _check_template_output(output: str, every_unit: bool, lang: str) -> None:
    """Refuse an --output the templates cannot go to, before anything is read
    or written: "-" (a workbook, or a folder of them, is not for the screen);
    with --unit a folder (existing, or named with a trailing separator); with
    --all a new folder named like a file (x.xlsx, one a program would open as
    a workbook). InputError in `lang`."""
    import os

    from gwr_cli.output import FORMAT_SUFFIXES, STDOUT_NAME, check_output_name

    if output == STDOUT_NAME:
        if every_unit:
            values = {"command": "gwr collect template --all", "example": "templates/"}
            raise InputError(text("output.screen_folder", lang, **values))
        raise InputError(text("output.screen_template", lang))
    if not every_unit:
        check_output_name(output, lang)
        if os.path.isdir(output):
            raise InputError(text("output.is_folder", lang, option="--output", path=output))
        return
    suffix = os.path.splitext(output.rstrip("/" + os.sep))[1].lower()
    file_suffixes = {one for suffixes in FORMAT_SUFFIXES.values() for one in suffixes}
    if suffix in file_suffixes | {".xls", ".xlsm"} and not os.path.isdir(output):
        raise InputError(text("collect.template.folder_suffix", lang, path=output, suffix=suffix))


def import_files(
    session: Workspace,
    files: list[Path],
    dry_run: bool = False,
    unit: str | None = None,
    month: str | None = None,
    week: str | None = None,
) -> None:
    """Check every row of every file, then record them all, or nothing."""
    from gwr_cli.collect.importing import plan_import
    from gwr_cli.collect.read import csv_meta, read_submission
    from gwr_cli.paths import current_author

    lang = session.lang
    registry = session.registry()
    assignments = _assignments(session)
    has_csv = any(path.suffix.lower() == ".csv" for path in files)
    if not has_csv and (unit is not None or month is not None or week is not None):
        raise InputError(text("collect.import.unit_needs_csv", lang))
    meta = None
    if has_csv and unit is not None:
        name = assignments.match_unit(unit, lang)
        meta = csv_meta(registry.report.id, name, _period(session, month, week), lang)
    # Every file is read before the ledger is touched: one that cannot be read
    # stops the import with one line, nothing recorded.
    submissions = [
        read_submission(path, lang, registry_id=registry.report.id, csv_meta=meta) for path in files
    ]
    today = session.today()
    author = current_author()

    def plan(events) -> ImportResult:
        return plan_import(
            registry, assignments, events, submissions, today=today, author=author, lang=lang
        )

    if dry_run:
        result = plan(session.ledger().events)
        _refuse_if_wrong(result, lang)
        _print_plans(result, registry, lang, recorded=False)
        echo(text("collect.import.dry_run", lang))
        return
    results: list[ImportResult] = []

    def build(ledger):
        result = plan(ledger.events)
        results.append(result)
        if result.errors:
            raise _Refused()
        return list(result.events)

    from gwr_cli.ledger import append_events

    try:
        append_events(session.locations().ledger, author, build, cache_dir=session.cache_dir())
    except _Refused:
        _refuse_if_wrong(results[-1], lang)
    result = results[-1]
    from gwr_cli.handlers.recording import confirmed

    summary = text("collect.import.recorded", lang, count=len(result.events), files=len(files))

    def report() -> None:
        _print_plans(result, registry, lang, recorded=True)
        if result.events:
            echo(summary)

    # Recorded already: a full disk under `> file` must not read as a failure.
    confirmed(report, text("recorded", lang), summary, lang, "gwr collect status")


class _Refused(Exception):
    """Raised inside the lock to write nothing; the errors are printed outside it."""


def _refuse_if_wrong(result: ImportResult, lang: str) -> None:
    """Every row error on stderr, one per line, then exit 1 with the count."""
    if not result.errors:
        return
    from gwr_cli.output import write_text

    for error in result.errors:
        write_text(printable(error.message, single_line=True) + "\n", sys.stderr)
    raise InputError(text("collect.import.refused", lang, count=len(result.errors)))


def _print_plans(result: ImportResult, registry: Registry, lang: str, *, recorded: bool) -> None:
    from gwr_cli.collect.plan_text import change_headers, change_rows, plan_headline
    from gwr_cli.messages import localized
    from gwr_cli.tables import Table, user

    labels = {}
    for task in registry.tasks:
        unit = (localized(task, "unit", lang) or "") if task.target is not None else "%"
        if lang == "en" and unit and unit != "%":
            unit = " " + unit
        labels[task.id] = (localized(task, "title", lang), unit)
    output = new_output()
    for plan in result.plans:
        output.line(plan_headline(plan, lang, recorded=recorded))
        if not plan.changes:
            continue
        table = Table(change_headers(lang), prose={1})
        for row in change_rows(plan, labels, lang):
            table.add(row[0], user(row[1]), row[2], row[3], row[4])
        output.table(table)


def collect_status(
    session: Workspace,
    month: str | None = None,
    week: str | None = None,
    output: OutputFormat = OutputFormat.table,
) -> None:
    """Which lead units reported in the period, and which did not (未报送)."""
    from gwr_cli.collect.gather import collection_status
    from gwr_cli.periods import period_label
    from gwr_cli.tables import Cell, Table, user

    lang = session.lang
    registry = session.registry()
    assignments = _assignments(session)
    period = _period(session, month, week)
    status = collection_status(
        registry, assignments, session.ledger().events, period, session.as_of
    )
    if output is OutputFormat.json:
        dump_json(status.to_data())
        return
    screen = new_output()
    reported = sum(1 for u in status.units if u.reported)
    screen.line(
        text(
            "collect.status.title",
            lang,
            period=period_label(period, lang),
            due=status.due.isoformat(),
            total=len(status.units),
            reported=reported,
            missing=len(status.missing),
        )
    )
    keys = ("unit", "tasks", "last", "state")
    table = Table([text(f"collect.status.col.{k}", lang) for k in keys], right={1}, prose={0})
    late = status.as_of > status.due
    for row in status.units:
        if row.reported:
            state = Cell(text("collect.status.reported", lang), "green")
        elif late:
            state = Cell(text("collect.status.late", lang), "bold red")
        else:
            state = Cell(text("collect.status.missing", lang), "yellow")
        never = text("collect.status.never", lang)
        last = row.last_report.isoformat() if row.last_report else never
        table.add(user(row.unit), str(row.lead_tasks), last, state)
    screen.table(table)
    if status.missing:
        names = text("list.sep", lang).join(status.missing)
        screen.line(text("collect.status.missing_list", lang, units=names))
