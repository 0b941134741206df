"""Dates as users type them, and as the report's calendar needs them."""

from __future__ import annotations

import datetime as dt
import re

from gwr_cli.errors import InputError
from gwr_cli.patterns import LazyPattern

_ISO_DATE = LazyPattern(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def today(timezone: str = "") -> dt.date:
    """Today's date in the report's time zone (IANA name; "" = the machine's zone).

    A supervision office in Beijing and a server on UTC must agree on which day
    a record made at 07:00 in Beijing belongs to.
    """
    if not timezone:
        return dt.date.today()
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo(timezone)).date()


def parse_date(text: str, option: str) -> dt.date:
    """A YYYY-MM-DD date, or a one-line error naming the option."""
    match = _ISO_DATE.fullmatch(text.strip())
    if not match:
        from gwr_cli.messages import Quoted  # worded at the exit point

        raise InputError("date.not_date", option=option, value=Quoted(text))
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        from gwr_cli.messages import Quoted  # worded at the exit point

        raise InputError("date.not_real", option=option, value=Quoted(text)) from None


_ISO_WEEK = LazyPattern(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


def week_bounds(text: str | None, as_of: dt.date, lang: str = "en") -> tuple[dt.date, dt.date]:
    """Monday and Sunday of an ISO week: '2021-W19', 'this' or 'last' (of as_of)."""
    choice = (text or "this").strip()
    if choice in ("this", "last"):
        monday = as_of - dt.timedelta(days=as_of.weekday())
        if choice == "last":
            if monday - dt.date.min < dt.timedelta(days=7):
                from gwr_cli.messages import text as message

                raise InputError(message("date.out_of_range", lang, option="--week", value=choice))
            monday -= dt.timedelta(days=7)
        return monday, _sunday_of(monday)
    match = _ISO_WEEK.fullmatch(choice)
    if not match:
        from gwr_cli.messages import Quoted  # worded at the exit point

        raise InputError("date.not_week", value=Quoted(text))
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        from gwr_cli.messages import Quoted  # worded at the exit point

        raise InputError("date.no_such_week", value=Quoted(text)) from None
    return monday, _sunday_of(monday)


def _sunday_of(monday: dt.date) -> dt.date:
    # The last ISO week of year 9999 ends after the last date Python knows.
    if dt.date.max - monday < dt.timedelta(days=6):
        return dt.date.max
    return monday + dt.timedelta(days=6)
