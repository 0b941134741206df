"""`gwr indicator list|set` as Typer declares them; what each does is its
handler (`gwr_cli.handlers.indicators`)."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import (
    FormatOption,
    GwrGroup,
    GwrTyper,
    NoteOption,
    OnOption,
    OutputFormat,
    app,
    complete_indicator,
    runs,
)
from gwr_cli.handlers import indicators as handlers

indicator_app = GwrTyper(
    cls=GwrGroup, help="The year's economic indicators and their values.", no_args_is_help=True
)
app.add_typer(indicator_app, name="indicator")


@indicator_app.command("list")
@runs(handlers.indicator_list)
def indicator_list(
    ctx: typer.Context,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Targets with the latest recorded value and whether each is met."""


# A negative growth rate must reach the command, not be taken for an option.
@indicator_app.command("set", context_settings={"ignore_unknown_options": True})
@runs(handlers.indicator_set)
def indicator_set(
    ctx: typer.Context,
    indicator_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Indicator id.", autocompletion=complete_indicator),
    ],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The measured value, e.g. 6.5 or -1.2.")
    ],
    note: NoteOption = "",
    on: OnOption = None,
) -> None:
    """Record a measured value of an indicator."""
