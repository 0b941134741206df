"""What `gwr indicator list|set` do: the year's economic indicators.

Declared for Typer in `gwr_cli.commands.indicators`; no Typer here (see
`fast_path.py`)."""

from __future__ import annotations

from gwr_cli.command_io import OutputFormat, dump_json, new_output
from gwr_cli.messages import fmt_amount, fmt_target, localized, printable, text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.workspace import Workspace


def indicator_list(session: Workspace, output: OutputFormat = OutputFormat.table) -> None:
    """Targets with the latest recorded value and whether each is met."""
    from gwr_cli.indicators import readings

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
def indicator_set(
    session: Workspace, indicator_id: str, value: str, note: str = "", on: str | None = None
) -> None:
    """Record a measured value of an indicator."""
    from gwr_cli.handlers.recording import confirm_head, shown_or_said
    from gwr_cli.indicators import is_met

    event = session.set_indicator(indicator_id, value, on=on, note=note)
    indicator = session.registry().indicator(event.task)
    amount = event.value
    lang = session.lang
    unit = localized(indicator, "unit", lang)
    met = text(
        "met.yes" if is_met(indicator.comparator, amount, indicator.target) else "met.no", lang
    )
    target = fmt_target(indicator.comparator, indicator.target, unit, lang)
    # Named as a task's record is (已记录：指标 · id 标题), the value with the
    # digits that decide it against the target (3.001 is not the 3 that is met).
    line = confirm_head("recorded", "indicator", indicator, indicator.id, lang)
    line += text(
        "confirm.indicator", lang, value=fmt_amount(amount, unit, lang, against=indicator.target),
        target=target, met=met,
    )  # fmt: skip
    line += text("confirm.on", lang, on=event.on.isoformat())
    recorded = text("recorded", lang)
    see = "gwr indicator list"
    shown_or_said(printable(line, single_line=True), recorded, indicator.id, lang, see)
