"""The report commands as Typer declares them: summary and export. What each
does is its handler (`gwr_cli.handlers.reports`)."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import app, runs
from gwr_cli.handlers import reports as handlers
from gwr_cli.handlers.reports import ExportFormat, SummaryFormat

OutputOption = Annotated[
    str | None,
    typer.Option("--output", metavar="FILE", help="Write to this file instead of the screen."),
]


@app.command(short_help="The 周报, 月报 or quarter's, half-year's or year's report.")
@runs(handlers.summary)
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


@app.command()
@runs(handlers.export)
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
