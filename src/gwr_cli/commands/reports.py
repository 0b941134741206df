"""Reports to send on: the weekly summary and the export for Excel."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from gwr_cli.app import app, json_text, session_of


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
    str | None, typer.Option("--output", help="Write to this file instead of the screen.")
]


def _deliver(content: str, output: str | None, lang: str, *, data: bool = True) -> None:
    from gwr_cli.output import deliver

    deliver(content, output, lang, data=data)


@app.command()
def summary(
    ctx: typer.Context,
    week: Annotated[
        str | None,
        typer.Option("--week", help="2021-W19, this or last (default: the as-of date's week)."),
    ] = None,
    output_format: Annotated[
        SummaryFormat, typer.Option("--format", help="text, markdown, json or html.")
    ] = SummaryFormat.text,
    output: OutputOption = None,
) -> None:
    """The weekly summary (周报), ready to paste into a message or an email."""
    session = session_of(ctx)
    data = session.summary(week)
    if output_format is SummaryFormat.html:
        from gwr_cli.html.report import summary_page

        content = summary_page(data, session.registry(), session.ledger().events, session.lang)
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


@app.command()
def export(
    ctx: typer.Context,
    output_format: Annotated[
        ExportFormat,
        typer.Option("--format", help="csv (Excel, WPS), json, or xlsx (the 台账 workbook)."),
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
    states = list(all_states.values())
    if output_format is ExportFormat.csv:
        content = to_csv(registry, states, schedules, session.lang)
    else:
        records = [task_record(s, registry, schedules[s.task.id]) for s in states]
        content = json_text(records)
    _deliver(content, output, session.lang)
