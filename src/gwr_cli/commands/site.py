"""`gwr site` as Typer declares it; what it does is its handler
(`gwr_cli.handlers.site`)."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import app, runs
from gwr_cli.handlers import site as handlers


@app.command(short_help="A static public tracker: index, task, area, status pages.")
@runs(handlers.site)
def site(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output", metavar="DIR", help="Folder to write the site into (made if missing)."
        ),
    ],
    internal: Annotated[
        bool,
        typer.Option(
            "--internal", help="Also show who recorded each event, problems and next steps."
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url", metavar="URL", help="Where the site will be published, for the sitemap."
        ),
    ] = None,
) -> None:
    """A static public tracker: an index, a page per task, area and status."""
