"""What the report commands do: the summary of a period and the export.

Each handler takes the workspace and the command's parameters (declared for
Typer in `gwr_cli.commands.reports`); no Typer here (see `fast_path.py`)."""

from __future__ import annotations

from enum import StrEnum

from gwr_cli.command_io import echo, json_text
from gwr_cli.errors import InputError
from gwr_cli.messages import printable, text
from gwr_cli.output import check_output_suffix, deliver

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.summary import WeeklySummary
    from gwr_cli.workspace import Workspace


class SummaryFormat(StrEnum):
    text = "text"
    markdown = "markdown"
    json = "json"
    html = "html"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    xlsx = "xlsx"


def summary(
    session: Workspace,
    week: str | None = None,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
    year: str | None = None,
    output_format: SummaryFormat = SummaryFormat.text,
    output: str | None = None,
) -> None:
    """The summary of a week (周报), month, quarter, half-year or year, ready to send."""
    check_output_suffix(output, output_format.value, tuple(SummaryFormat), session.lang)
    period = session.period(week=week, month=month, quarter=quarter, half=half, year=year)
    data = session.summary(period=period)
    if output_format is SummaryFormat.html:
        content = _summary_html(session, data)
    elif output_format is SummaryFormat.json:
        content = json_text(data.to_data())
    elif output_format is SummaryFormat.markdown:
        from gwr_cli.summary_text import render_markdown

        content = render_markdown(data, session.lang)
    else:
        from gwr_cli.summary_text import render_text

        content = render_text(data, session.lang)
    deliver(
        content,
        output,
        session.lang,
        data=output_format in (SummaryFormat.json, SummaryFormat.html),
    )


def _summary_html(session: Workspace, data: WeeklySummary) -> str:
    """The summary as one HTML page; with the office's 分工, its lights table
    (the summary's 亮灯预警) and per-unit bars at the summary's own date (a
    past week's end)."""
    import datetime as dt

    from gwr_cli.html.accountability import office_extras
    from gwr_cli.html.report import summary_page
    from gwr_cli.status import task_states

    registry, events = session.registry(), session.ledger().events
    as_of = dt.date.fromisoformat(data.as_of)
    states = task_states(registry, events, as_of)
    extras = office_extras(session, states, as_of, session.lang)
    return summary_page(
        data,
        registry,
        events,
        session.lang,
        units=extras.units if extras else (),
        states=states,
    )


def export(
    session: Workspace, output_format: ExportFormat = ExportFormat.csv, output: str | None = None
) -> None:
    """Every task with its registry fields and current state."""
    from gwr_cli.export import to_csv
    from gwr_cli.views import task_record

    check_output_suffix(output, output_format.value, tuple(ExportFormat), session.lang)
    if output_format is ExportFormat.xlsx:
        _export_workbook(session, output)
        return
    registry = session.registry()
    all_states = session.states()
    schedules, lights = session.schedules_and_lights(all_states)
    assignments = session.assignments()
    states = list(all_states.values())
    if output_format is ExportFormat.csv:
        content = to_csv(
            registry, states, schedules, session.lang, lights=lights, assignments=assignments
        )
    else:
        records = [
            task_record(
                s,
                registry,
                schedules[s.task.id],
                light=lights[s.task.id],
                assignments=assignments,
                lang=session.lang,
            )
            for s in states
        ]
        content = json_text(records)
    deliver(content, output, session.lang, data=True)


def _export_workbook(session: Workspace, output: str | None) -> None:
    """`gwr export --format xlsx --output FILE`: the 台账 workbook (sheets 台账,
    进展记录, 分单位). The 分工 columns stay empty (未分工) without an assignments file."""
    from gwr_cli.collect.gather import ledger_book
    from gwr_cli.collect.ledger_workbook import ledger_workbook_bytes
    from gwr_cli.output import STDOUT_NAME, write_file

    lang = session.lang
    if not output or output == STDOUT_NAME:
        raise InputError(text("export.xlsx_output", lang))
    registry = session.registry()
    states = session.states()
    book = ledger_book(
        registry,
        session.assignments(),
        states,
        *session.schedules_and_lights(states),
        session.ledger().events,
        session.as_of,
        lang,
    )
    write_file(output, ledger_workbook_bytes(book), lang)
    echo(text("wrote", lang, path=printable(output)))
