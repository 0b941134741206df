"""Pure: the tables of counts, as data: the one grouped table (area, chapter,
unit, leader; a parameter, not a copy), the units of the 分工, and the areas
of `gwr check`. Laid out by tables.py (plain, Markdown) or drawn by render.py."""

from __future__ import annotations

from collections.abc import Sequence

from gwr_cli.messages import (
    SCHEDULE_COLUMNS,
    fmt_money,
    fmt_percent,
    localized,
    text,
)
from gwr_cli.registry import Registry
from gwr_cli.schedule import SCHEDULE_STATES
from gwr_cli.tables import LIGHT_STYLES, SCHEDULE_STYLES, Cell, Table, bar_text, user
from gwr_cli.tally import Tally

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.workspace import UnitView


def units_table(units: Sequence[UnitView], lang: str) -> Table:
    """`gwr units`: a row per unit: tasks led and supported, done, lights, last report."""
    from gwr_cli.lights import LIGHTS, light_label

    headers = [
        text("col.unit_name", lang),
        text("col.lead_tasks", lang),
        text("col.partner_tasks", lang),
        text("col.done", lang),
        *(light_label(color, lang) for color in LIGHTS),
        text("col.last_report", lang),
    ]
    table = Table(headers, right={1, 2, 3, 4, 5, 6}, prose={0})
    for unit in units:
        lit = [_count(unit.lights[color], LIGHT_STYLES[color]) for color in LIGHTS]
        last = unit.last_report.isoformat() if unit.last_report else text("units.never", lang)
        table.add(
            user(unit.name),
            str(len(unit.lead)),
            str(len(unit.partner)),
            f"{unit.done}/{len(unit.lead)}",
            *lit,
            Cell(last, "" if unit.last_report else "yellow"),
        )
    return table


def grouped_table(
    rows: Sequence[tuple[str, Tally]],
    overall: Tally,
    lang: str,
    *,
    heading: str,
    title: str = "",
    bars: bool = True,
    investment: bool = True,
    lights: bool = False,
    schedule: bool = True,
) -> Table:
    """The one grouped table: a row per group (area, chapter, unit…) and a total.

    `rows` are (group name, its tally) in display order, from `tally.grouped`;
    the columns are the schedule partition (unless `schedule` is False) and,
    with `lights`, the light partition (red, yellow, green): each sums to the
    row's total.
    """
    from gwr_cli.lights import LIGHTS, light_label

    schedule_states = [state for state in SCHEDULE_STATES if state != "done"] if schedule else []
    headers = [heading, text("col.done", lang), text("col.percent", lang)]
    headers += [SCHEDULE_COLUMNS[lang][state] for state in schedule_states]
    if lights:
        headers += [light_label(color, lang) for color in LIGHTS]
    # The district's own money (区级投入) is never added to the projects' totals.
    district = investment and overall.district_investment_yuan > 0
    if investment:
        headers.append(text("col.investment", lang))
    if district:
        headers.append(text("field.investment.district", lang))
    table = Table(
        headers, right=set(range(1, len(headers))), title=title, total_row=True, prose={0}
    )
    for name, tally in [*rows, (text("total", lang), overall)]:
        by_state = tally.schedule_counts()
        counts = [
            _count(by_state[state.replace("-", "_")], SCHEDULE_STYLES[state])
            for state in schedule_states
        ]
        percent = bar_text(tally.done_percent) if bars else fmt_percent(tally.done_percent)
        cells = [
            user(name),
            f"{tally.done}/{tally.total}",
            Cell(percent, "green" if tally.done == tally.total else ""),
            *counts,
        ]
        if lights:
            by_light = tally.light_counts()
            cells += [_count(by_light[color], LIGHT_STYLES[color]) for color in LIGHTS]
        if investment:
            cells.append(fmt_money(tally.investment_yuan, lang) if tally.investment_yuan else "")
        if district:
            amount = tally.district_investment_yuan
            cells.append(fmt_money(amount, lang) if amount else "")
        table.add(*cells)
    return table


def _count(number: int, style: str) -> Cell:
    """A count in its partition's colour; a zero dimmed, so the eye finds the others."""
    return Cell(str(number), style if number else "dim")


def areas_table(registry: Registry, counts: dict[str, int], lang: str) -> Table:
    table = Table(
        [text("col.key", lang), text("col.name", lang), text("col.tasks", lang)],
        right={2},
        prose={1},
    )
    for key, area in registry.areas.items():
        # One language per output: the user's (the key is what they type).
        table.add(key, user(localized(area, "name", lang)), str(counts.get(key, 0)))
    return table
