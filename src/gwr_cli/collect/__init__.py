"""The collection round through Excel/WPS: templates out, filled workbooks in.

- `template.py`: one unit's workbook for one period (`write_template`).
- `read.py`: a filled workbook or CSV -> metadata + raw cells with positions.
- `validate.py`: pure; raw rows + task facts -> the events a unit meant, or
  every row-level error at once.
- `cells.py`: pure; one filled cell read as a status, a date or text.
- `plan_text.py`: pure; an import plan shown as its 上期 → 本期 table.
- `ledger_workbook.py`: the 台账 as a workbook (`gwr export --format xlsx`).

This module holds what they share and imports nothing heavy: openpyxl is
imported inside the functions that write or read a workbook.
"""

from __future__ import annotations

from collections.abc import Iterable

from gwr_cli.periods import Period  # the one reporting period of gwr
from gwr_cli.records import Record

# Raised when the columns, the metadata sheet or the meaning of a cell change;
# import refuses a workbook of another version rather than guess.
TEMPLATE_VERSION = 1
FORMAT_NAME = "gwr-collect"

# The template's columns, in order. The first seven are written by gwr and
# locked; the last six are the unit's to fill in.
COLUMNS = (
    "id",
    "task",
    "quote",
    "deadline",
    "target",
    "milestone",
    "last",
    "value",
    "status",
    "note",
    "problems",
    "next",
    "date",
)
INPUT_COLUMNS = ("value", "status", "note", "problems", "next", "date")
TEXT_INPUT_COLUMNS = ("note", "problems", "next")

SHEET_KEY = "sheet.report"  # message key of the visible sheet's name
META_SHEET = "_gwr"  # the very hidden sheet holding the metadata
TITLE_ROW = 1
HEADER_ROW = 2
FIRST_DATA_ROW = 3

# The statuses a unit may choose in 状态, as registry status keys.
REPORTABLE_STATUSES = ("not-started", "in-progress", "done", "blocked")


class Meta(Record):
    """What a gwr workbook says about itself (its hidden sheet)."""

    registry_id: str
    unit: str
    period: Period
    lang: str
    version: int
    task_ids: tuple[str, ...] | None  # the rows gwr wrote, in order; None for a CSV


# Spreadsheet programs run a cell that starts with one of these as a formula
# (CSV/DDE injection: "=cmd|' /C calc'!A0"). gwr writes every user text as a
# string cell, never a formula, and marks such cells as literal text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def put_text(cell, value: str) -> None:
    """Store user or report text in an openpyxl cell literally, never as a formula.

    openpyxl turns any string starting with "=" into a formula on assignment;
    forcing the string type keeps the characters, and the quote prefix makes
    Excel, WPS and LibreOffice show and keep it as typed text.
    """
    from gwr_cli.messages import printable

    # A line break is "\n" inside a cell (Alt+Enter); other control characters
    # are not allowed in the file format and are shown as \xNN.
    value = printable(value.replace("\r\n", "\n").replace("\r", "\n"), single_line=False)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True


def light_with_reason(light: str, reason: str, lang: str) -> str:
    """A light as text ("黄灯：滞后序时32个百分点"); "" for no light."""
    from gwr_cli import lights

    if not light:
        return ""
    color = lights.light_label(light, lang)
    if not reason:
        return color
    return f"{color}：{reason}" if lang == "zh" else f"{color}: {reason}"


# Points per line of 11-point text, as Excel and LibreOffice lay it out.
LINE_HEIGHT = 15.0


def fit_row_height(sheet, row: int, widths: list[float], max_lines: int = 12) -> None:
    """Set a row's height so wrapped text shows whole (up to max_lines lines).

    Neither Excel nor LibreOffice grows a row for wrapped text in a file they
    did not lay out themselves, so the height is estimated here: each cell's
    lines at its column width, a Chinese character taking two width units.
    """
    from gwr_cli.messages import cell_width

    lines = 1
    for index, width in enumerate(widths, start=1):
        value = sheet.cell(row, index).value
        if not isinstance(value, str) or not value:
            continue
        usable = max(width - 0.5, 1.0)
        count = sum(max(1, -(-cell_width(part) // usable)) for part in value.split("\n"))
        lines = max(lines, int(count))
    sheet.row_dimensions[row].height = min(lines, max_lines) * LINE_HEIGHT + 3


# The header's fill (Excel's light blue) in both workbooks, the 填报表 and the 台账.
HEADER_FILL = "DDEBF7"


def id_width(width: float, ids: Iterable[str]) -> float:
    """The 编号 column's width: `width`, or wider for the longest id. An id is
    never wrapped at a hyphen, so it reads (and is typed into a search) whole."""
    longest = max((len(task_id) for task_id in ids), default=0)
    return max(width, longest * 1.1 + 2)


def thin_border():
    """The grey hairline around every cell of a table, header and rows."""
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="A6A6A6")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def put_header(cell, label: str, border) -> None:
    """A header cell: bold, centred, wrapped, on the header fill."""
    from openpyxl.styles import Alignment, Font, PatternFill

    put_text(cell, label)
    cell.font = Font(bold=True)
    cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    cell.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
    cell.border = border


def print_landscape(sheet) -> None:
    """Print settings of both workbooks: A4 landscape, as wide as one page,
    the header row on every page, page numbers in the footer."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddFooter.center.text = "&P / &N"
