"""Dates as users type them, and as the report's calendar needs them."""

from __future__ import annotations

import datetime as dt
import re

from gwr_cli.errors import InputError

_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def today() -> dt.date:
    return dt.date.today()


def parse_date(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD date, or a one-line error naming the option."""
    match = _ISO_DATE.fullmatch(text.strip())
    if not match:
        raise InputError(f"{option}: {text!r} is not a date; use YYYY-MM-DD, e.g. 2021-05-09")
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise InputError(
            f"{option}: {text!r} is not a real date; use YYYY-MM-DD, e.g. 2021-05-09"
        ) from None
