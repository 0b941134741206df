"""What `gwr site` does: the static public tracker, written into a folder.

Declared for Typer in `gwr_cli.commands.site`; no Typer here (see `fast_path.py`)."""

from __future__ import annotations

from gwr_cli.command_io import echo
from gwr_cli.messages import text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.workspace import Workspace


def site(
    session: Workspace, output: str, internal: bool = False, base_url: str | None = None
) -> None:
    """A static public tracker: an index, a page per task, area and status."""
    from pathlib import Path

    from gwr_cli.html.accountability import office_extras
    from gwr_cli.html.site import build_site
    from gwr_cli.html.site_write import check_base_url, write_site
    from gwr_cli.output import STDOUT_NAME
    from gwr_cli.status import task_states

    lang = session.lang
    if not output:  # a script's empty variable must not make the current folder the site
        from gwr_cli.errors import InputError

        raise InputError(text("site.empty", lang))
    if output == STDOUT_NAME:  # "-" is the screen elsewhere; a site is a folder of pages
        from gwr_cli.errors import InputError

        values = {"command": "gwr site", "example": "site/"}
        raise InputError(text("output.screen_folder", lang, **values))
    prefix = check_base_url(base_url, lang)
    # The pages show every task's history: its states folded once from the
    # events, for the pages and for the lights alike.
    registry, events, as_of = session.registry(), session.ledger().events, session.as_of
    states = task_states(registry, events, as_of)
    # With the office's 分工: a light, its reason, lead units and leaders per
    # task, a light filter and completion per lead unit.
    extras = office_extras(session, states, as_of, lang)
    files = build_site(
        registry,
        events,
        as_of,
        lang,
        states=states,
        internal=internal,
        base_url=prefix,
        accountability=extras.by_task if extras else None,
        units=extras.units if extras else (),
        nodes_of=session.assignments().nodes_by_task(),
    )
    count, restored = write_site(Path(output), files, lang)
    if restored:  # a run killed mid-swap had set the old site aside: it was put back first
        echo(text("site.restored", lang, path=output))
    echo(text("site.wrote", lang, path=output, count=count))
