"""`gwr site`: the static public tracker, written into a folder."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import app, echo, session_of
from gwr_cli.messages import text


@app.command(short_help="A static public tracker: index, task, area, status pages.")
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
        str,
        typer.Option(
            "--base-url", metavar="URL", help="Where the site will be published, for the sitemap."
        ),
    ] = "",
) -> None:
    """A static public tracker: an index, a page per task, area and status."""
    from pathlib import Path

    from gwr_cli.html.accountability import office_extras
    from gwr_cli.html.site import build_site
    from gwr_cli.html.site_write import check_base_url, write_site

    session = session_of(ctx)
    lang = session.lang
    if not output:  # a script's empty variable must not make the current folder the site
        from gwr_cli.errors import InputError

        raise InputError(text("site.empty", lang))
    prefix = check_base_url(base_url, lang)
    # With the office's 分工: a light, its reason, lead units and leaders per
    # task, a light filter and completion per lead unit.
    extras = office_extras(session, session.states(), session.as_of, lang)
    files = build_site(
        session.registry(),
        session.ledger().events,
        session.as_of,
        lang,
        internal=internal,
        base_url=prefix,
        accountability=extras.by_task if extras else None,
        units=extras.units if extras else (),
        nodes_of=session.assignments().nodes_by_task(),
    )
    count = write_site(Path(output), files, lang)
    echo(text("site.wrote", lang, path=output, count=count))
