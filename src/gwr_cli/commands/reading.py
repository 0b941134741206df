"""The reading commands as Typer declares them: list, show, status, areas,
check, units, where. What each does is its handler (`gwr_cli.handlers.reading`).

Typer lists commands in the order they are registered, so this module's order
is the order of `gwr --help`."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import FormatOption, OutputFormat, app, complete_area, complete_task, runs
from gwr_cli.handlers import reading as handlers
from gwr_cli.handlers.reading import Grouping


@app.command("list")
@runs(handlers.list_tasks)
def list_tasks(
    ctx: typer.Context,
    area: Annotated[
        list[str] | None,
        typer.Option(
            "--area", metavar="AREA", help="Area key, e.g. education.", autocompletion=complete_area
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", metavar="STATUS", help="not-started, in-progress, done or blocked."
        ),
    ] = None,
    chapter: Annotated[
        list[int] | None,
        typer.Option("--chapter", metavar="N", help="Chapter number of the report."),
    ] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only tasks past their deadline.")
    ] = False,
    search: Annotated[
        list[str] | None,
        typer.Option("--search", metavar="TEXT", help="Text in the id, title or source."),
    ] = None,
    schedule: Annotated[
        list[str] | None,
        typer.Option(
            "--schedule",
            metavar="STATE",
            help="done, ahead, on-track, behind, not-started or overdue.",
        ),
    ] = None,
    unit: Annotated[
        list[str] | None,
        typer.Option(
            "--unit", metavar="UNIT", help="Tasks a unit leads or supports (name or unique part)."
        ),
    ] = None,
    leader: Annotated[
        list[str] | None,
        typer.Option("--leader", metavar="NAME", help="Tasks of a responsible leader (责任领导)."),
    ] = None,
    key: Annotated[bool, typer.Option("--key", help="Only key tasks (★).")] = False,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", metavar="TAG", help="Tasks with a 分工 tag, e.g. 民生实事."),
    ] = None,
    light: Annotated[
        list[str] | None, typer.Option("--light", metavar="COLOR", help="red, yellow or green.")
    ] = None,
    output: FormatOption = OutputFormat.table,
) -> None:
    """List tasks with their progress, status and light.

    A filter given twice means either value (--unit A --unit B: the tasks of
    either unit); different filters narrow together (--unit A --status done).
    """


@app.command()
@runs(handlers.show)
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


@app.command(short_help="Completion, schedule and lights per area, unit or leader.")
@runs(handlers.status)
def status(
    ctx: typer.Context,
    by: Annotated[
        Grouping,
        typer.Option(
            "--by", help="area, chapter, unit (lead unit) or leader.", case_sensitive=False
        ),
    ] = Grouping.area,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Completion, schedule and lights per area (chapter, lead unit, leader), and overall.

    By unit or leader a task with two lead units (leaders) counts in each row;
    tasks without one form the 未分工 row, so every task is in some row.
    """


@app.command()
@runs(handlers.areas)
def areas(ctx: typer.Context) -> None:
    """Area keys with their names and task counts."""


@app.command()
@runs(handlers.check)
def check(ctx: typer.Context) -> None:
    """Validate the registry and the ledger; change nothing."""


@app.command(short_help="Every 分工 unit: tasks led and supported, done, lights.")
@runs(handlers.units)
def units(
    ctx: typer.Context,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Every unit of the 分工: tasks it leads and supports, done, lights, last report."""


@app.command()
@runs(handlers.where)
def where(ctx: typer.Context) -> None:
    """Print the registry, home and ledger paths in use."""
