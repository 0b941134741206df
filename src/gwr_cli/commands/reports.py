"""Reports to send on: the weekly summary and the export for Excel."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from gwr_cli.app import app, json_text, session_of

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


OutputOption = Annotated[
    str | None,
    typer.Option("--output", metavar="FILE", help="Write to this file instead of the screen."),
]


def _deliver(content: str, output: str | None, lang: str, *, data: bool = True) -> None:
    from gwr_cli.output import deliver

    deliver(content, output, lang, data=data)


@app.command(short_help="The 周报, 月报 or quarter's, half-year's or year's report.")
def summary(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option(
            "--week",
            metavar="YYYY-Www",
            help="2021-W19, this or last (default: the as-of date's week).",
        ),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option("--month", metavar="YYYY-MM", help="2021-05, this or last: the 月报."),
    ] = None,
    quarter: Annotated[
        str | None,
        typer.Option("--quarter", metavar="YYYY-Qn", help="2021-Q2, this or last: the 季度通报."),
    ] = None,
    half: Annotated[
        str | None,
        typer.Option("--half", metavar="YYYY-Hn", help="2021-H1, this or last: the 半年通报."),
    ] = None,
    year: Annotated[
        str | None, typer.Option("--year", metavar="YYYY", help="2021, this or last: 年度完成情况.")
    ] = None,
    output_format: Annotated[
        SummaryFormat,
        typer.Option("--format", help="text, markdown, json or html.", case_sensitive=False),
    ] = SummaryFormat.text,
    output: OutputOption = None,
) -> None:
    """The summary of a week (周报), month, quarter, half-year or year, ready to send."""
    session = session_of(ctx)
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
    _deliver(
        content,
        output,
        session.lang,
        data=output_format in (SummaryFormat.json, SummaryFormat.html),
    )


def _summary_html(session: Workspace, data: WeeklySummary) -> str:
    """The summary as one HTML page; with the office's 分工, its lights table
    and per-unit bars at the summary's own date (a past week's end)."""
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
        lights=extras.light_rows if extras else (),
        states=states,
    )


@app.command()
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="csv (Excel, WPS), json, or xlsx (the 台账 workbook).",
            case_sensitive=False,
        ),
    ] = ExportFormat.csv,
    output: OutputOption = None,
) -> None:
    """Every task with its registry fields and current state."""
    from gwr_cli.export import to_csv
    from gwr_cli.views import task_record

    session = session_of(ctx)
    if output_format is ExportFormat.xlsx:
        from gwr_cli.commands.collect import export_workbook

        export_workbook(session, output)
        return
    registry = session.registry()
    all_states = session.states()
    schedules = session.schedules(all_states)
    lights = session.lights(all_states)
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
    _deliver(content, output, session.lang)
