"""`gwr draft` as Typer declares it; what it does is its handler
(`gwr_cli.handlers.draft`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from gwr_cli.app import app, runs
from gwr_cli.handlers import draft as handlers


@app.command(short_help="Draft a registry from a report's text, for review.")
@runs(handlers.draft)
def draft(
    ctx: typer.Context,
    report: Annotated[Path, typer.Argument(metavar="REPORT.txt", help="The report's text.")],
    output: Annotated[
        str, typer.Option("--output", metavar="FILE", help="Registry to write.")
    ] = "tasks.toml",
    assignments: Annotated[
        str | None,
        typer.Option(
            "--assignments", metavar="FILE", help="Also write the 分工 found in the report here."
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace existing files.")] = False,
) -> None:
    """Draft a registry from a work report's text, for a person to review."""
