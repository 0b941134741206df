"""Pure: one filled cell of a 填报表 read as what its column asks for: the
status (its label in either language), the date (填报日期, in the ways people
type dates), or plain text. A wrong cell is passed to `fail` with the problem;
validate.py collects the problems of every row."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from gwr_cli.collect import Period
from gwr_cli.collect.read import RawCell
from gwr_cli.messages import STATUS_LABELS, fmt_number

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _as_text(cell: RawCell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, float | int) and not isinstance(value, bool):
        return fmt_number(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _status_words() -> dict[str, str]:
    words = {}
    for labels in STATUS_LABELS.values():
        for key, label in labels.items():
            words[label.casefold()] = key
            words[key] = key
    return words


def _parse_status(cell: RawCell, fail) -> str | None:
    if cell.value is None:
        return None
    shown = _as_text(cell)
    key = _status_words().get(unicodedata.normalize("NFKC", shown).strip().casefold())
    if key is None:
        fail("status", "collect.row.status", value=shown)
    return key


def _parse_date(cell: RawCell, period: Period, today: dt.date, fail) -> dt.date:
    default = min(period.end, today)
    raw = cell.value
    if raw is None:
        return default
    day: dt.date | None = None
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool) and not cell.formula:
        from openpyxl.utils.datetime import from_excel

        try:
            converted = from_excel(raw)
            day = converted.date() if isinstance(converted, dt.datetime) else None
        except (ValueError, OverflowError, TypeError):
            day = None
    else:
        match = _DATE.fullmatch(unicodedata.normalize("NFKC", _as_text(cell)))
        if match:
            try:
                day = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                day = None
    if day is None:
        fail("date", "collect.row.not_date", value=_as_text(cell), example=default.isoformat())
        return default
    if day > today:
        fail("date", "collect.row.future", value=day.isoformat(), today=today.isoformat())
    elif day < period.start:
        fail("date", "collect.row.before_period", value=day.isoformat(), start=period.start)
    return day
