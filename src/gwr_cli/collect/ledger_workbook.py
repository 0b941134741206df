"""The 台账 as a workbook (`gwr export --format xlsx`), from plain rows.

Three sheets: 台账 (one row per task with its 分工, state, light and latest
report), 进展记录 (every event, oldest first, who recorded it and for which
unit) and 分单位 (per-unit counts, taken from the one tally by the caller).
Every text is written as a string cell, never a formula (`collect.put_text`).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from gwr_cli.collect import (
    fit_row_height,
    id_width,
    light_with_reason,
    print_landscape,
    put_header,
    put_text,
    thin_border,
)
from gwr_cli.collect.template import DATE_FORMAT, LIGHT_FILLS
from gwr_cli.messages import ACTION_LABELS, STATUS_LABELS, cut_percent, text
from gwr_cli.output import write_atomically
from gwr_cli.records import Record


class LedgerTaskRow(Record):
    task_id: str
    title: str
    lead: tuple[str, ...]  # 牵头单位; () when the task has no 分工
    partners: tuple[str, ...]
    leader: tuple[str, ...]
    deadline: dt.date
    target: float | None
    unit: str  # in the workbook's language
    value: float | None  # current value: in unit, or the percent without a target
    percent: float  # 0..100
    status: str  # status key
    light: str  # "green", "yellow", "red" or ""
    light_reason: str  # why, as the lights formatter words it ("滞后序时32个百分点")
    expected_percent: float  # 序时进度, 0..100
    note: str  # latest 进展情况
    problems: str
    next: str
    source: str  # the report's words, verbatim


class LedgerEventRow(Record):
    on: dt.date
    at: dt.datetime  # UTC, as recorded
    task_id: str
    title: str
    action: str  # action key
    value: float | None
    note: str
    problems: str
    next: str
    unit: str  # the unit it was reported for, "" when none
    by: str


class LedgerUnitRow(Record):
    unit: str
    lead_tasks: int
    partner_tasks: int
    done: int
    green: int
    yellow: int
    red: int
    last_report: dt.date | None  # None: shown as 未报送


class LedgerBook(Record):
    report_title: str  # in the workbook's language
    as_of: dt.date
    lang: str
    tasks: Sequence[LedgerTaskRow]
    events: Sequence[LedgerEventRow]  # oldest first
    units: Sequence[LedgerUnitRow]


TASK_COLUMNS = (
    ("id", 18), ("task", 30), ("lead", 16), ("partners", 18), ("leader", 12),
    ("deadline", 12), ("target", 12), ("value", 12), ("percent", 9), ("status", 9),
    ("light", 22), ("expected", 9), ("note", 34), ("problems", 28), ("next", 28),
    ("source", 40),
)  # fmt: skip
EVENT_COLUMNS = (
    ("on", 12), ("at", 20), ("id", 18), ("task", 28), ("action", 9), ("event_value", 10),
    ("event_note", 34), ("problems", 28), ("next", 28), ("unit", 16), ("by", 12),
)  # fmt: skip
UNIT_COLUMNS = (
    ("name", 20), ("lead_tasks", 10), ("partner_tasks", 10), ("done", 9),
    ("light_green", 8), ("light_yellow", 8), ("light_red", 8), ("last_report", 12),
)  # fmt: skip


def write_ledger_workbook(path: Path, book: LedgerBook) -> None:
    """Write the 台账 workbook to path, whole or not at all (InputError if it cannot)."""
    write_atomically(path, ledger_workbook_bytes(book))


def ledger_workbook_bytes(book: LedgerBook) -> bytes:
    from openpyxl import Workbook

    from gwr_cli.messages import fmt_date

    lang = book.lang
    workbook = Workbook()
    # The title is a sentence: its date as the summary writes one (2021年7月25日).
    title = text("ledger.title", lang, report=book.report_title, date=fmt_date(book.as_of, lang))
    tasks = workbook.active
    tasks.title = text("ledger.sheet.tasks", lang)
    _table(tasks, title, TASK_COLUMNS, [_task_cells(r, lang) for r in book.tasks], lang)
    for offset, row in enumerate(book.tasks):
        if row.light in LIGHT_FILLS:
            from openpyxl.styles import PatternFill

            light_column = [c for c, _ in TASK_COLUMNS].index("light") + 1
            tasks.cell(3 + offset, light_column).fill = PatternFill(
                "solid", fgColor=LIGHT_FILLS[row.light]
            )
    events = workbook.create_sheet(text("ledger.sheet.events", lang))
    _table(events, title, EVENT_COLUMNS, [_event_cells(r, lang) for r in book.events], lang)
    units = workbook.create_sheet(text("ledger.sheet.units", lang))
    _table(units, title, UNIT_COLUMNS, [_unit_cells(r, lang) for r in book.units], lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _joined(names: tuple[str, ...], lang: str) -> str:
    return text("list.sep", lang).join(names)


def _task_cells(row: LedgerTaskRow, lang: str) -> list[object]:
    light = light_with_reason(row.light, row.light_reason, lang)
    return [
        row.task_id,
        row.title,
        _joined(row.lead, lang) or text("ledger.unassigned", lang),
        _joined(row.partners, lang),
        _joined(row.leader, lang),
        row.deadline,
        text("ledger.target.percent", lang)
        if row.target is None
        else _target(row.target, row.unit, lang),
        row.value,
        cut_percent(row.percent) / 100,  # one decimal, cut: shown as 0.0%
        STATUS_LABELS[lang][row.status],
        light,
        cut_percent(row.expected_percent) / 100,
        row.note,
        row.problems,
        row.next,
        row.source,
    ]


def _target(target: float, unit: str, lang: str) -> str:
    from gwr_cli.messages import fmt_amount

    return fmt_amount(target, unit, lang).strip()


def _event_cells(row: LedgerEventRow, lang: str) -> list[object]:
    at = row.at.astimezone(dt.UTC).replace(tzinfo=None) if row.at.tzinfo else row.at
    return [
        row.on,
        at,
        row.task_id,
        row.title,
        ACTION_LABELS[lang].get(row.action, row.action),
        row.value,
        row.note,
        row.problems,
        row.next,
        row.unit,
        row.by,
    ]


def _unit_cells(row: LedgerUnitRow, lang: str) -> list[object]:
    last = row.last_report if row.last_report is not None else text("ledger.not_reported", lang)
    return [
        row.unit, row.lead_tasks, row.partner_tasks, row.done, row.green, row.yellow,
        row.red, last,
    ]  # fmt: skip


_PERCENT_COLUMNS = frozenset({"percent", "expected"})


def _header(column: str, lang: str) -> str:
    if column.startswith("light_"):
        from gwr_cli.lights import light_label

        return light_label(column.removeprefix("light_"), lang)
    return text(f"ledger.col.{column}", lang)


def _table(sheet, title: str, columns, rows: list[list[object]], lang: str) -> None:
    """Title row, frozen header, the rows; dates, percents and wrap formatted; A4 landscape."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    border = thin_border()
    wrap = Alignment(wrap_text=True, vertical="top")
    last_column = get_column_letter(len(columns))
    put_text(sheet.cell(1, 1), title)
    sheet.cell(1, 1).font = Font(bold=True, size=13)
    sheet.merge_cells(f"A1:{last_column}1")
    sheet.row_dimensions[1].height = 24
    for index, (column, width) in enumerate(columns, start=1):
        put_header(sheet.cell(2, index), _header(column, lang), border)
        sheet.column_dimensions[get_column_letter(index)].width = width
    keys = [column for column, _ in columns]
    # An id is never wrapped at a hyphen: its column fits the longest one.
    if "id" in keys:
        position = keys.index("id")
        width = id_width(columns[position][1], (str(r[position]) for r in rows))
        columns = [*columns[:position], ("id", width), *columns[position + 1 :]]
        sheet.column_dimensions[get_column_letter(position + 1)].width = width
    for row_offset, values in enumerate(rows):
        for index, value in enumerate(values, start=1):
            cell = sheet.cell(3 + row_offset, index)
            if isinstance(value, str):
                put_text(cell, value)
            else:
                cell.value = value
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif keys[index - 1] in _PERCENT_COLUMNS:
                # 0.0%: "0%" would round 40.9% up to 41% (and 99.9% to 100%)
                cell.number_format = "0.0%"
            cell.alignment = wrap
            cell.border = border
        fit_row_height(sheet, 3 + row_offset, [width for _, width in columns])
    sheet.freeze_panes = "C3" if len(columns) > 8 else "B3"
    if rows:
        sheet.auto_filter.ref = f"A2:{last_column}{2 + len(rows)}"
    print_landscape(sheet)
