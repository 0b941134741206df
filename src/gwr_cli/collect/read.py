"""Read a filled 填报表 (.xlsx, or CSV with the same headers) into raw cells.

Nothing is interpreted here beyond finding the cells: `validate.py` decides
what they mean. What cannot be read at all is refused with one line
(InputError, in the user's language): an old .xls, a password-protected or
damaged file, a workbook gwr did not write, another template version or
registry, a CSV in an unknown encoding.

The workbook is opened with formulas kept as written (not their cached
results): a note that looks like a formula is the unit's text, stored as such.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gwr_cli.collect import COLUMNS, FORMAT_NAME, META_SHEET, TEMPLATE_VERSION, Meta, Period
from gwr_cli.errors import InputError
from gwr_cli.messages import LANGS, text
from gwr_cli.records import Record

# An OLE compound file: an old .xls, or an .xlsx encrypted with a password to
# open (Office wraps the encrypted package in this container).
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# The header row is looked for in the first rows only (title rows above it).
_HEADER_SEARCH_ROWS = 10


class RawCell(Record):
    value: object  # str, int, float, datetime, bool or None, as the file holds it
    column: str  # the column's letter ("H"), for messages
    formula: bool = False  # the cell holds a formula (value is its text, "=…")


class RawRow(Record):
    sheet: str
    row: int  # 1-based, as the spreadsheet program numbers it
    cells: dict[str, RawCell]  # keyed by collect.COLUMNS


class Submission(Record):
    file: str  # as given, for messages
    meta: Meta
    sheet: str
    rows: tuple[RawRow, ...]  # every non-empty row under the header, in order
    headers: dict[str, str]  # column key -> header as it reads in the file


def csv_meta(registry_id: str, unit: str, period: Period, lang: str) -> Meta:
    """What the command line says about a CSV (`--unit`, `--month`/`--week`)."""
    return Meta(registry_id, unit, period, lang, TEMPLATE_VERSION, None)


def read_submission(
    path: Path, lang: str, *, registry_id: str, csv_meta: Meta | None = None
) -> Submission:
    """A filled workbook or CSV as raw rows, or InputError with one clear line.

    registry_id: the registry in use; a workbook of another is refused.
    csv_meta: what a CSV cannot say about itself (unit, period), from the
    command line; a CSV without it is refused.
    """
    name = str(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InputError(text("collect.err.missing", lang, file=name)) from None
    # A folder or a file one may not read is not a damaged workbook: say what it is.
    except IsADirectoryError:
        raise InputError(text("collect.err.directory", lang, file=name)) from None
    except PermissionError:
        raise InputError(text("collect.err.unreadable", lang, file=name)) from None
    except OSError:
        raise InputError(text("collect.err.corrupt", lang, file=name)) from None
    suffix = path.suffix.lower()
    if head.startswith(OLE_SIGNATURE):
        if _ENCRYPTED_STREAM in path.read_bytes():
            raise InputError(text("collect.err.encrypted", lang, file=name))
        raise InputError(text("collect.err.xls", lang, file=name))
    if suffix == ".xls":
        raise InputError(text("collect.err.xls", lang, file=name))
    if suffix == ".csv":
        return _read_csv(path, lang, csv_meta)
    if suffix not in (".xlsx", ".xlsm"):
        raise InputError(text("collect.err.extension", lang, file=name))
    if not head.startswith(ZIP_SIGNATURE):
        raise InputError(text("collect.err.corrupt", lang, file=name))
    return _read_xlsx(path, lang, registry_id)


def is_blank_template(path: Path, registry_id: str) -> bool:
    """True when `path` is a gwr 填报表 of this registry with no input cell filled in.

    Only such a file may be written over by a new template: a filled one is a
    unit's submission not yet imported (or kept as its record), and any other
    file is not gwr's to replace. Unreadable or foreign files are not blank.
    """
    from gwr_cli.collect import INPUT_COLUMNS

    try:
        submission = read_submission(path, "en", registry_id=registry_id)
    except InputError:
        return False
    return not any(
        (cell := row.cells.get(column)) is not None and cell.value is not None
        for row in submission.rows
        for column in INPUT_COLUMNS
    )


def _read_xlsx(path: Path, lang: str, registry_id: str) -> Submission:
    from openpyxl import load_workbook

    name = str(path)
    try:
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as error:
        if _is_damage(error):
            raise InputError(text("collect.err.corrupt", lang, file=name)) from None
        raise
    try:
        if META_SHEET not in workbook.sheetnames:
            raise InputError(text("collect.err.not_gwr", lang, file=name))
        meta = _parse_meta(
            [tuple(r) for r in workbook[META_SHEET].iter_rows(values_only=True)], name, lang
        )
        if meta.registry_id != registry_id:
            raise InputError(
                text(
                    "collect.err.registry",
                    lang,
                    file=name,
                    found=meta.registry_id,
                    expected=registry_id,
                )
            )
        for sheet_name in workbook.sheetnames:
            if sheet_name == META_SHEET:
                continue
            grid = [
                [(cell.value, getattr(cell, "data_type", None) == "f") for cell in row]
                for row in workbook[sheet_name].iter_rows()
            ]
            found = _find_header(grid)
            if found is not None:
                header_index, positions, headers = found
                rows = _rows_below(grid, header_index, positions, sheet_name)
                return Submission(name, meta, sheet_name, rows, headers)
    except InputError:
        raise
    except Exception as error:
        # read-only mode parses each sheet while it is read: damage shows here.
        if _is_damage(error):
            raise InputError(text("collect.err.corrupt", lang, file=name)) from None
        raise
    finally:
        workbook.close()
    raise InputError(text("collect.err.no_header", lang, file=name))


def _is_damage(error: Exception) -> bool:
    """An error openpyxl, zipfile or an XML parser raise for a damaged file."""
    import zipfile

    if isinstance(error, zipfile.BadZipFile | KeyError | ValueError | TypeError | EOFError):
        return True
    if isinstance(error, OSError):
        return True
    module = type(error).__module__ or ""
    return module.startswith(("openpyxl", "xml", "lxml", "zlib", "et_xmlfile"))


def _parse_meta(rows: list[tuple], name: str, lang: str) -> Meta:
    values: dict[str, str] = {}
    task_ids: list[str] = []
    for row in rows:
        if len(row) < 2 or row[0] is None:
            continue
        key, value = str(row[0]), "" if row[1] is None else str(row[1])
        if key == "task":
            task_ids.append(value)
        else:
            values[key] = value
    if values.get("format") != FORMAT_NAME:
        raise InputError(text("collect.err.not_gwr", lang, file=name))
    version = values.get("version", "")
    if version != str(TEMPLATE_VERSION):
        raise InputError(
            text(
                "collect.err.version",
                lang,
                file=name,
                found=version or "?",
                expected=TEMPLATE_VERSION,
            )
        )
    try:
        period = Period(
            values["period_kind"],
            values["period_key"],
            dt.date.fromisoformat(values["period_start"]),
            dt.date.fromisoformat(values["period_end"]),
        )
        workbook_lang = values["lang"] if values["lang"] in LANGS else lang
        return Meta(
            values["registry"], values["unit"], period, workbook_lang, TEMPLATE_VERSION,
            tuple(task_ids),
        )  # fmt: skip
    except (KeyError, ValueError):
        raise InputError(text("collect.err.not_gwr", lang, file=name)) from None


def _find_header(
    grid: list[list[tuple[object, bool]]],
) -> tuple[int, dict[str, int], dict[str, str]] | None:
    """The header row's index, each column's position and its label, in either language."""
    for index, row in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        labels = [str(value).strip() if value is not None else "" for value, _ in row]
        for lang in LANGS:
            wanted = {text(f"collect.col.{c}", lang): c for c in COLUMNS}
            positions = {wanted[label]: i for i, label in enumerate(labels) if label in wanted}
            if len(positions) == len(COLUMNS):
                headers = {c: labels[i] for c, i in positions.items()}
                return index, positions, headers
    return None


def _rows_below(
    grid: list[list[tuple[object, bool]]],
    header_index: int,
    positions: dict[str, int],
    sheet: str,
) -> tuple[RawRow, ...]:
    from openpyxl.utils import get_column_letter

    letters = {c: get_column_letter(i + 1) for c, i in positions.items()}
    rows = []
    for index in range(header_index + 1, len(grid)):
        row = grid[index]
        cells = {}
        for column, position in positions.items():
            value, formula = row[position] if position < len(row) else (None, False)
            if isinstance(value, str) and not value.strip():
                value = None
            cells[column] = RawCell(value, letters[column], formula)
        if any(cell.value is not None for cell in cells.values()):
            rows.append(RawRow(sheet, index + 1, cells))
    return tuple(rows)


def _read_csv(path: Path, lang: str, csv_meta: Meta | None) -> Submission:
    import csv
    import io

    name = str(path)
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError(text("collect.err.encoding", lang, file=name))
    try:
        records = list(csv.reader(io.StringIO(decoded, newline="")))
    except csv.Error:
        raise InputError(text("collect.err.corrupt", lang, file=name)) from None
    grid = [[(value, False) for value in record] for record in records]
    found = _find_header(grid)
    if found is None:
        raise InputError(text("collect.err.no_header", lang, file=name))
    if csv_meta is None:
        raise InputError(text("collect.err.csv_meta", lang, file=name))
    header_index, positions, headers = found
    sheet = path.name  # Excel and WPS name a CSV's one sheet after the file
    rows = _rows_below(grid, header_index, positions, sheet)
    return Submission(name, csv_meta._replace(task_ids=None), sheet, rows, headers)
