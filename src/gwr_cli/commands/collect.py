"""`gwr collect template|import|status` as Typer declares them: the
collection round through Excel. What each does is its handler
(`gwr_cli.handlers.collect`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gwr_cli.app import FormatOption, GwrGroup, GwrTyper, OutputFormat, app, runs
from gwr_cli.handlers import collect as handlers

collect_app = GwrTyper(
    cls=GwrGroup,
    help="The collection round through Excel: templates out, filled workbooks in.",
    short_help="The collection round through Excel: templates out, data in.",
    no_args_is_help=True,
)
app.add_typer(collect_app, name="collect")

MonthOption = Annotated[
    str | None,
    typer.Option("--month", metavar="YYYY-MM", help="2021-05, this or last (default: this month)."),
]
WeekOption = Annotated[
    str | None, typer.Option("--week", metavar="YYYY-Www", help="2021-W19, this or last.")
]


@collect_app.command("template", short_help="Write a unit's 填报表 for a period.")
@runs(handlers.template)
def template(
    ctx: typer.Context,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", metavar="FILE|DIR", help="FILE.xlsx (with --unit) or a folder (with --all)."
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit", metavar="UNIT", help="The unit (exact or a unique part of its name)."
        ),
    ] = None,
    every_unit: Annotated[
        bool, typer.Option("--all", help="One workbook per lead unit, into the --output folder.")
    ] = False,
    month: MonthOption = None,
    week: WeekOption = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Write over existing files, even filled-in workbooks."),
    ] = False,
) -> None:
    """Write a unit's 填报表 (its tasks, last progress and lights) for a period."""


@collect_app.command("import")
@runs(handlers.import_files)
def import_files(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Filled .xlsx workbooks or CSV files.")
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show the changes; record nothing.")
    ] = False,
    unit: Annotated[
        str | None,
        typer.Option("--unit", metavar="UNIT", help="For CSV files: the unit that filled them."),
    ] = None,
    month: Annotated[
        str | None,
        typer.Option(
            "--month", metavar="YYYY-MM", help="For CSV files: the period (default: this one)."
        ),
    ] = None,
    week: Annotated[
        str | None,
        typer.Option("--week", metavar="YYYY-Www", help="For CSV files: the period, if a week."),
    ] = None,
) -> None:
    """Check every row of every file, then record them all, or nothing."""


class _Refused(Exception):
    """Raised inside the lock to write nothing; the errors are printed outside it."""


@collect_app.command("status", short_help="Which lead units reported in the period (未报送).")
@runs(handlers.collect_status)
def collect_status(
    ctx: typer.Context,
    month: MonthOption = None,
    week: WeekOption = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Which lead units reported in the period, and which did not (未报送)."""
