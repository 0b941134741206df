"""Pure: every task with its registry fields and current state, for Excel/WPS."""

from __future__ import annotations

import csv
import io

from gwr_cli.messages import (
    SCHEDULE_LABELS,
    STATUS_LABELS,
    cut_percent,
    fmt_amount,
    fmt_number,
    localized,
    printable,
    text,
)
from gwr_cli.registry import Registry
from gwr_cli.schedule import Schedule
from gwr_cli.status import TaskState
from gwr_cli.views import latest_report, progress_text

TYPE_CHECKING = False  # not typing's: see records.py
if TYPE_CHECKING:
    from gwr_cli.assignments import Assignments
    from gwr_cli.lights import Light

# Excel on Windows only reads a CSV as UTF-8 when it starts with a BOM.
UTF8_BOM = "\ufeff"

# Excel, WPS and LibreOffice run a CSV field that starts with one of these as a
# formula ("=cmd|' /C calc'!A0"); a leading apostrophe makes it text.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A field that a spreadsheet shows as text, never runs as a formula.

    Only text is guarded: numbers gwr formats ("-1.5") and the bare "-" it
    writes for "no value" pass unchanged.
    """
    if len(value) > 1 and value.startswith(_FORMULA_STARTS):
        try:
            float(value)
        except ValueError:
            return "'" + value
    return value


def latest_update(state: TaskState) -> str:
    if state.last_on is None:
        return ""
    note = printable(state.last_note, single_line=True)
    return f"{state.last_on.isoformat()} {note}".strip()


def export_rows(
    registry: Registry,
    states: list[TaskState],
    schedules: dict[str, Schedule],
    lang: str,
    *,
    lights: dict[str, Light] | None = None,
    assignments: Assignments | None = None,
) -> list[list[str]]:
    """One row per task, in the order of `text("export.headers")`; with `lights`
    and `assignments` also the columns of `export.headers.account` (亮灯, its
    reason, 分工 lead units / partners / leaders, latest 存在问题, 下步措施, 报送单位)."""
    from gwr_cli.lights import format_reason, light_label

    sep = text("list.sep", lang)
    rows = []
    for number, state in enumerate(states, start=1):
        task = state.task
        area = registry.areas[task.area]
        schedule = schedules[task.id]
        unit = localized(task, "unit", lang)
        target = fmt_amount(task.target, unit, lang) if task.target is not None else ""
        rows.append(
            [
                str(number),
                localized(task, "title", lang),
                localized(area, "name", lang),
                task.deadline.isoformat(),
                target,
                progress_text(state, lang),
                STATUS_LABELS[lang][state.status],
                SCHEDULE_LABELS[lang][schedule.state],
                latest_update(state),
                task.source,
                task.id,
                str(task.chapter),
                # The district's own investment has a column of its own, so that
                # summing 项目总投资 in Excel never adds the two (as tally.py keeps them).
                _yuan(task.investment_yuan if task.investment_kind != "district" else None),
                _yuan(task.investment_yuan if task.investment_kind == "district" else None),
                localized(task, "milestone", lang, fallback=False) or "",
                task.zone,
                task.lead,
                f"{cut_percent(state.percent):.1f}",  # cut, as every percent (40.9, not 41.0)
                f"{cut_percent(schedule.expected):.1f}",
            ]
        )
        if lights is not None and assignments is not None:
            light = lights[task.id]
            entry = assignments.get(task.id)
            problems, next_steps, unit_reported = latest_report(state)
            rows[-1] += [
                light_label(light.color, lang),
                format_reason(light, lang),
                sep.join(entry.lead) if entry else text("asg.unassigned", lang),
                sep.join(entry.partners) if entry else "",
                sep.join(entry.leader) if entry else "",
                printable(problems, single_line=True),
                printable(next_steps, single_line=True),
                printable(unit_reported, single_line=True),
            ]
    return rows


def _yuan(amount: float | None) -> str:
    return fmt_number(amount) if amount else ""


def to_csv(
    registry: Registry,
    states: list[TaskState],
    schedules: dict[str, Schedule],
    lang: str,
    *,
    lights: dict[str, Light] | None = None,
    assignments: Assignments | None = None,
) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    headers = text("export.headers", lang).split(",")
    if lights is not None and assignments is not None:
        headers += text("export.headers.account", lang).split(",")
    writer.writerow(headers)
    rows = export_rows(registry, states, schedules, lang, lights=lights, assignments=assignments)
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return UTF8_BOM + buffer.getvalue()
