"""`gwr indicator list|set`: the year's economic indicators."""

from __future__ import annotations

from typing import Annotated

import typer

from gwr_cli.app import (
    FormatOption,
    GwrGroup,
    NoteOption,
    OnOption,
    OutputFormat,
    app,
    complete_indicator,
    dump_json,
    echo,
    new_output,
    session_of,
)
from gwr_cli.messages import fmt_amount, fmt_target, localized, text

indicator_app = typer.Typer(
    cls=GwrGroup, help="The year's economic indicators and their values.", no_args_is_help=True
)
app.add_typer(indicator_app, name="indicator")


@indicator_app.command("list")
def indicator_list(
    ctx: typer.Context,
    output: FormatOption = OutputFormat.table,
) -> None:
    """Targets with the latest recorded value and whether each is met."""
    from gwr_cli.indicators import readings

    session = session_of(ctx)
    items = readings(session.registry(), session.ledger().events, session.as_of)
    if output is OutputFormat.json:
        dump_json(
            [
                {
                    "id": r.indicator.id,
                    "title": r.indicator.title,
                    "title_en": r.indicator.title_en,
                    "target": r.indicator.target,
                    "unit": r.indicator.unit,
                    "comparator": r.indicator.comparator,
                    "value": r.value,
                    "on": r.on.isoformat() if r.on else None,
                    "met": r.met,
                    "note": r.note or None,
                    "source": r.indicator.source,
                }
                for r in items
            ]
        )
        return
    from gwr_cli.task_tables import indicator_table

    new_output().table(indicator_table(items, session.lang))


# A negative growth rate must reach the command, not be taken for an option.
@indicator_app.command("set", context_settings={"ignore_unknown_options": True})
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
    from gwr_cli.indicators import is_met

    workspace = session_of(ctx)
    event = workspace.set_indicator(indicator_id, value, on=on, note=note)
    indicator = workspace.registry().indicator(event.task)
    amount = event.value
    lang = workspace.lang
    unit = localized(indicator, "unit", lang)
    title = localized(indicator, "title", lang)
    met = text(
        "met.yes" if is_met(indicator.comparator, amount, indicator.target) else "met.no", lang
    )
    target = fmt_target(indicator.comparator, indicator.target, unit, lang)
    echo(
        text(
            "indicator.recorded",
            lang,
            id=indicator.id,
            title=title,
            value=fmt_amount(amount, unit, lang),
            target=target,
            met=met,
            on=event.on.isoformat(),
        )
    )
