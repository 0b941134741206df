"""One unit's 填报表 for one period, as an .xlsx workbook (openpyxl).

The caller gathers plain data (`TemplateSpec`, `TemplateRow`) from the
registry, the 分工 file, the ledger and the lights; this module only lays it
out. The visible sheet has a title row, a frozen header, the columns of
`collect.COLUMNS`; the first seven are locked by sheet protection without a
password (a unit can unlock it on purpose, never by accident), the six input
columns are unlocked and checked by Excel's own data validation. A very hidden
sheet `_gwr` records what import needs to know what it reads (`read.py`).
One module (about 370 lines): every cell style, width, validation and print
setting of the one workbook, which a reader checks against a printed page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from gwr_cli.collect import (
    COLUMNS,
    FIRST_DATA_ROW,
    FORMAT_NAME,
    HEADER_ROW,
    INPUT_COLUMNS,
    LINE_HEIGHT,
    META_SHEET,
    SHEET_KEY,
    TEMPLATE_VERSION,
    TEXT_INPUT_COLUMNS,
    TITLE_ROW,
    Period,
    fit_row_height,
    id_width,
    light_with_reason,
    print_landscape,
    put_header,
    put_text,
    thin_border,
)
from gwr_cli.messages import STATUS_LABELS, fmt_number, text
from gwr_cli.output import write_atomically
from gwr_cli.records import Record


class TemplateRow(Record):
    """One task as the unit sees it. Text is shown as given (report text verbatim)."""

    task_id: str
    title: str
    quote: str  # the report's words, verbatim
    deadline: dt.date
    target: float | None  # None: the unit reports a percent 0..100
    unit: str  # the target's unit in the template's language ("公里"), "" without target
    milestone: str  # 节点目标 as text, "" when none
    role: str  # "lead" or "partner"
    last_progress: str = ""  # "24/50公里" or "40%"; "" when nothing was recorded
    last_status: str = ""  # status key ("in-progress"…); "" when nothing was recorded
    last_on: dt.date | None = None
    last_note: str = ""
    light: str = ""  # "green", "yellow", "red"; "" for none
    light_reason: str = ""  # why, as the lights formatter words it ("滞后序时32个百分点")


class TemplateSpec(Record):
    registry_id: str
    report_title: str  # in the template's language
    unit: str  # the 牵头/配合 unit the workbook is for, as written in 分工
    period: Period
    lang: str  # "zh" or "en": headers, prompts and labels
    rows: Sequence[TemplateRow]  # lead tasks first, then the supported ones
    version: int = TEMPLATE_VERSION
    # The date 上期进展 and the lights are taken at (periods.state_date), named
    # in the title row; None: not named.
    as_of: dt.date | None = None


# Fills for the light (Excel's own good / neutral / bad colours); the header's
# is collect.HEADER_FILL.
LIGHT_FILLS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}
_INPUT_FILL = "FFFFF0"  # a light tint says "type here"

# Widths in Excel character units (a Chinese character takes about two).
COLUMN_WIDTHS = {
    "id": 16,
    "task": 24,
    "quote": 30,
    "deadline": 11,
    "target": 14,
    "milestone": 18,
    "last": 26,
    "value": 11,
    "status": 9,
    "note": 28,
    "problems": 22,
    "next": 22,
    "date": 11,
}
DATE_FORMAT = "yyyy-mm-dd"

_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def column_widths(rows: Sequence[TemplateRow]) -> dict[str, float]:
    """COLUMN_WIDTHS, with 编号 wide enough for the longest id: an id is never
    wrapped at a hyphen, so it reads (and is typed into a search) whole."""
    widths: dict[str, float] = dict(COLUMN_WIDTHS)
    widths["id"] = id_width(widths["id"], (row.task_id for row in rows))
    return widths


def template_filename(unit: str, period_key: str) -> str:
    """A file name for `--all`: the unit and period, without characters Windows forbids."""
    name = _UNSAFE_NAME.sub("_", f"{unit}-{period_key}").strip(" .")
    return f"{name or 'unit'}.xlsx"


def template_filenames(units: Iterable[str], period_key: str) -> dict[str, str]:
    """Unit -> its file name for `--all`, each different from the others.

    Two names may come out the same once unsafe characters are replaced
    ("区住建局/城管" and "区住建局:城管"), or differ only in case, which Windows
    and macOS folders do not tell apart: the later unit gets "-2", "-3", so no
    workbook is written over by another unit's.
    """
    names: dict[str, str] = {}
    taken: set[str] = set()
    for unit in units:
        name = template_filename(unit, period_key)
        stem, number = name.removesuffix(".xlsx"), 2
        while name.casefold() in taken:
            name, number = f"{stem}-{number}.xlsx", number + 1
        taken.add(name.casefold())
        names[unit] = name
    return names


def header_labels(lang: str) -> list[str]:
    return [text(f"collect.col.{column}", lang) for column in COLUMNS]


def period_label(period: Period, lang: str) -> str:
    return text(
        "collect.period",
        lang,
        name=period.key,
        start=period.start.isoformat(),
        end=period.end.isoformat(),
    )


def target_text(row: TemplateRow, lang: str) -> str:
    if row.target is None:
        return text("collect.target.percent", lang)
    return text("collect.target.value", lang, target=fmt_number(row.target), unit=row.unit)


def last_text(row: TemplateRow, lang: str) -> str:
    """上期进展: light, then value · status · date, then the note, one per line."""
    if row.last_on is None and not row.last_status:
        facts = text("collect.last.none", lang)
    else:
        parts = [row.last_progress]
        if row.last_status:
            parts.append(STATUS_LABELS[lang][row.last_status])
        if row.last_on is not None:
            parts.append(row.last_on.isoformat())
        facts = " · ".join(p for p in parts if p)
    lines = [light_with_reason(row.light, row.light_reason, lang), facts, row.last_note]
    return "\n".join(line for line in lines if line)


def write_template(path: Path, spec: TemplateSpec) -> None:
    """Write the unit's workbook to path, whole or not at all (InputError if it cannot)."""
    write_atomically(path, template_bytes(spec))


def template_bytes(spec: TemplateSpec) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = text(SHEET_KEY, spec.lang)
    _fill_report_sheet(sheet, spec)
    _write_meta_sheet(workbook.create_sheet(META_SHEET), spec)
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill_report_sheet(sheet, spec: TemplateSpec) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    lang = spec.lang
    last_column = get_column_letter(len(COLUMNS))
    wrap = Alignment(wrap_text=True, vertical="top")
    border = thin_border()
    unlocked = Protection(locked=False)
    input_fill = PatternFill("solid", fgColor=_INPUT_FILL)

    title = text(
        "collect.title",
        lang,
        report=spec.report_title,
        unit=spec.unit,
        period=period_label(spec.period, lang),
    )
    if spec.as_of is not None:
        title += text("collect.title.as_of", lang, date=spec.as_of.isoformat())
    put_text(sheet.cell(TITLE_ROW, 1), title)
    sheet.cell(TITLE_ROW, 1).font = Font(bold=True, size=13)
    sheet.cell(TITLE_ROW, 1).alignment = Alignment(vertical="center")
    sheet.merge_cells(f"A{TITLE_ROW}:{last_column}{TITLE_ROW}")
    sheet.row_dimensions[TITLE_ROW].height = 26

    for index, label in enumerate(header_labels(lang), start=1):
        put_header(sheet.cell(HEADER_ROW, index), label, border)
    widths = column_widths(spec.rows)
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = widths[column]

    position = {column: index for index, column in enumerate(COLUMNS, start=1)}
    for offset, row in enumerate(spec.rows):
        number = FIRST_DATA_ROW + offset
        role = text(f"collect.role.{row.role}", lang)
        values = {
            "id": row.task_id,
            "task": f"{row.title}{role}",
            "quote": row.quote,
            "target": target_text(row, lang),
            "milestone": row.milestone,
            "last": last_text(row, lang),
        }
        for column, value in values.items():
            put_text(sheet.cell(number, position[column]), value)
        deadline = sheet.cell(number, position["deadline"])
        deadline.value = row.deadline
        deadline.number_format = DATE_FORMAT
        if row.light in LIGHT_FILLS:
            sheet.cell(number, position["last"]).fill = PatternFill(
                "solid", fgColor=LIGHT_FILLS[row.light]
            )
        for column in COLUMNS:
            cell = sheet.cell(number, position[column])
            cell.alignment = wrap
            cell.border = border
            if column in INPUT_COLUMNS:
                cell.protection = unlocked
                cell.fill = input_fill
            if column in TEXT_INPUT_COLUMNS:
                # Text format: what a unit types there ("=…", "+86…") stays text
                # in Excel and WPS instead of becoming a formula or a number.
                cell.number_format = "@"
            elif column == "date":
                cell.number_format = DATE_FORMAT
        # Room for two typed lines at least, more when gwr's own text is longer.
        fit_row_height(sheet, number, [widths[c] for c in COLUMNS])
        height = sheet.row_dimensions[number].height
        sheet.row_dimensions[number].height = max(height, 2 * LINE_HEIGHT + 3)

    _add_validations(sheet, spec, position)

    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, 3)  # header and 编号/任务 stay in view
    # Locked, no password; resizing rows and columns stays allowed so that long
    # text can be read (False means "not protected" in the file format).
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False

    print_landscape(sheet)
    sheet.print_options.gridLines = False
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5


def _add_validations(sheet, spec: TemplateSpec, position: dict[str, int]) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    lang = spec.lang
    error_title = text("collect.error.title", lang)
    prompt_title = text("collect.col.value", lang)
    value_column = get_column_letter(position["value"])
    # One validation per distinct unit (its prompt names the unit), one for percents.
    by_kind: dict[str, DataValidation] = {}
    for offset, row in enumerate(spec.rows):
        kind = "%" if row.target is None else row.unit
        validation = by_kind.get(kind)
        if validation is None:
            if row.target is None:
                validation = DataValidation(
                    type="decimal",
                    operator="between",
                    formula1="0",
                    formula2="100",
                    error=text("collect.error.percent", lang),
                    prompt=text("collect.prompt.percent", lang),
                )
            else:
                validation = DataValidation(
                    type="decimal",
                    operator="greaterThanOrEqual",
                    formula1="0",
                    error=text("collect.error.value", lang),
                    prompt=text("collect.prompt.value", lang, unit=row.unit),
                )
            by_kind[kind] = validation
        validation.add(f"{value_column}{FIRST_DATA_ROW + offset}")

    last_row = FIRST_DATA_ROW + max(len(spec.rows), 1) - 1
    labels = [STATUS_LABELS[lang][s] for s in ("not-started", "in-progress", "done", "blocked")]
    status = DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        error=text("collect.error.status", lang),
        prompt=text("collect.prompt.status", lang),
    )
    status_column = get_column_letter(position["status"])
    status.add(f"{status_column}{FIRST_DATA_ROW}:{status_column}{last_row}")
    date = DataValidation(
        type="date",
        operator="between",
        formula1="DATE(2000,1,1)",
        formula2="DATE(2099,12,31)",
        error=text("collect.error.date", lang),
        prompt=text("collect.prompt.date", lang),
    )
    date_column = get_column_letter(position["date"])
    date.add(f"{date_column}{FIRST_DATA_ROW}:{date_column}{last_row}")

    titled = [(v, prompt_title) for v in by_kind.values()]
    titled += [(status, text("collect.col.status", lang)), (date, text("collect.col.date", lang))]
    for validation, title in titled:
        validation.allow_blank = True
        validation.showErrorMessage = True
        validation.showInputMessage = True
        validation.errorTitle = error_title
        validation.promptTitle = title
        if spec.rows:
            sheet.add_data_validation(validation)


def _write_meta_sheet(sheet, spec: TemplateSpec) -> None:
    """Key/value rows, then the task ids gwr wrote, in order (read.py reads them)."""
    period = spec.period
    rows = [
        ("format", FORMAT_NAME),
        ("version", str(spec.version)),
        ("registry", spec.registry_id),
        ("unit", spec.unit),
        ("period_kind", period.kind),
        ("period_key", period.key),
        ("period_start", period.start.isoformat()),
        ("period_end", period.end.isoformat()),
        ("lang", spec.lang),
        ("first_row", str(FIRST_DATA_ROW)),
    ]
    rows += [("task", row.task_id) for row in spec.rows]
    for number, (key, value) in enumerate(rows, start=1):
        put_text(sheet.cell(number, 1), key)
        put_text(sheet.cell(number, 2), value)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True
