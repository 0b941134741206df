"""Pure: the reporting periods of a supervision office, from what a user typed.

A period is a closed range of dates, Monday to Sunday for an ISO week, first
to last day for a month, quarter, half-year or year:

    --week 2021-W19 | this | last      周报
    --month 2021-05 | this | last      月报
    --quarter 2021-Q2 | this | last    季度通报
    --half 2021-H1 | this | last       半年通报
    --year 2021 | this | last          年度完成情况

`this` and `last` are taken at the as-of date. Input that names no period,
or one outside the calendar's range (0001-01-01 to 9999-12-31), raises
InputError with one line in the user's language; nothing here raises anything
else for any text.
"""

from __future__ import annotations

import datetime as dt
import re

from gwr_cli.errors import InputError, UsageError
from gwr_cli.messages import text
from gwr_cli.records import Record

PERIOD_KINDS = ("week", "month", "quarter", "half", "year")

# What each kind accepts besides `this` and `last` (case-insensitive).
_PATTERNS = {
    "week": re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE),
    "month": re.compile(r"(\d{4})-(\d{1,2})"),
    "quarter": re.compile(r"(\d{4})-?Q(\d)", re.IGNORECASE),
    "half": re.compile(r"(\d{4})-?H(\d)", re.IGNORECASE),
    "year": re.compile(r"(\d{4})"),
}


class Period(Record):
    kind: str  # one of PERIOD_KINDS
    key: str  # canonical: "2021-W19", "2021-05", "2021-Q2", "2021-H1", "2021"
    start: dt.date  # first day, inclusive
    end: dt.date  # last day, inclusive

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _last_day_of_month(year: int, month: int) -> dt.date:
    import calendar

    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _build(kind: str, year: int, number: int) -> Period:
    """The period `number` (week, month, quarter or half; ignored for a year) of `year`.

    Raises ValueError when there is no such period and OverflowError when it
    reaches outside the dates Python can represent.
    """
    if kind == "week":
        monday = dt.date.fromisocalendar(year, number, 1)
        return Period(kind, f"{year:04d}-W{number:02d}", monday, monday + dt.timedelta(days=6))
    if kind == "month":
        start = dt.date(year, number, 1)
        return Period(kind, f"{year:04d}-{number:02d}", start, _last_day_of_month(year, number))
    if kind in ("quarter", "half"):
        months = 3 if kind == "quarter" else 6
        if not 1 <= number <= 12 // months:
            raise ValueError(number)
        first = months * (number - 1) + 1
        key = f"{year:04d}-{'Q' if kind == 'quarter' else 'H'}{number}"
        return Period(
            kind, key, dt.date(year, first, 1), _last_day_of_month(year, first + months - 1)
        )
    return Period(kind, f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))


def _containing(kind: str, day: dt.date) -> Period:
    if kind == "week":
        year, week, _ = day.isocalendar()
        return _build(kind, year, week)
    number = {
        "month": day.month,
        "quarter": (day.month + 2) // 3,
        "half": 1 if day.month <= 6 else 2,
        "year": 1,
    }[kind]
    return _build(kind, day.year, number)


def current_period(kind: str, as_of: dt.date, lang: str) -> Period:
    """The period of this kind that contains as_of (a week: Monday to Sunday).

    InputError when the period reaches past 9999-12-31 (the week of 9999-12-31).
    """
    return parse_period(kind, "this", as_of, lang)


def parse_period(kind: str, typed: str, as_of: dt.date, lang: str) -> Period:
    """`typed` for option --<kind>: a period key, `this` or `last` (at as_of).

    Raises InputError (in `lang`) when the text names no period of this kind
    or the period lies outside 0001-01-01..9999-12-31.
    """
    if kind not in PERIOD_KINDS:
        raise ValueError(f"unknown period kind {kind!r}")
    choice = typed.strip().lower()
    try:
        if choice == "this":
            return _containing(kind, as_of)
        if choice == "last":
            return _containing(kind, _containing(kind, as_of).start - dt.timedelta(days=1))
    except (OverflowError, ValueError):
        raise _refusal("period.out_of_range", kind, typed, lang) from None
    match = _PATTERNS[kind].fullmatch(choice)
    if not match:
        raise _refusal("period.bad", kind, typed, lang)
    year = int(match[1])
    number = int(match[2]) if kind != "year" else 1
    try:
        if year < dt.MINYEAR:
            raise ValueError(year)
        return _build(kind, year, number)
    except ValueError:
        raise _refusal("period.missing", kind, typed, lang) from None
    except OverflowError:
        raise _refusal("period.out_of_range", kind, typed, lang) from None


def _refusal(key: str, kind: str, typed: str, lang: str) -> InputError:
    """One line naming the option, what was typed, and what a right value looks like."""
    return InputError(
        text(
            key,
            lang,
            option=f"--{kind}",
            text=typed,
            name=text(f"period.name.{kind}", lang),
            example=text(f"period.example.{kind}", lang),
            rule=text(f"period.rule.{kind}", lang),
        )
    )


def period_from_options(
    as_of: dt.date,
    lang: str,
    *,
    week: str | None = None,
    month: str | None = None,
    quarter: str | None = None,
    half: str | None = None,
    year: str | None = None,
) -> Period:
    """The one period the options name; this week when none is given.

    UsageError (exit 2) when more than one is given.
    """
    given = {
        kind: value
        for kind, value in zip(PERIOD_KINDS, (week, month, quarter, half, year), strict=True)
        if value is not None
    }
    if len(given) > 1:
        options = text("list.sep", lang).join(f"--{kind}" for kind in given)
        raise UsageError(text("period.conflict", lang, options=options))
    kind, typed = next(iter(given.items()), ("week", "this"))
    return parse_period(kind, typed, as_of, lang)


def state_date(period: Period, as_of: dt.date) -> dt.date:
    """The date a period's outputs take the state at: its last day, or `as_of`
    (--as-of, else today) when that comes first. The one rule of the summary
    (周报 to 年度完成情况), the unit's template (填报表) and `collect status`:
    May's template made in July shows the lights of May 31, as May's 月报 does;
    one made on May 20 shows May 20's, the last known."""
    return min(period.end, as_of)


def period_title(period: Period, lang: str) -> str:
    """What the report for this period is called: 周报, 月报, 季度通报, 半年通报, 年度完成情况."""
    return text(f"period.title.{period.kind}", lang)


def period_heading(period: Period, report_title: str, lang: str) -> str:
    """A report's heading: 2021年…政府工作报告落实情况月报 / …: monthly report."""
    key = "period.heading.year" if period.kind == "year" else "period.heading"
    return text(key, lang, report=report_title, title=period_title(period, lang))


def period_label(period: Period, lang: str) -> str:
    """The period in words: 2021年第19周（2021-05-10至2021-05-16）, 2021年5月, 2021年第二季度…"""
    year = int(period.key[:4])
    if period.kind == "week":
        return text(
            "period.label.week",
            lang,
            year=year,
            week=int(period.key[6:]),
            week_key=period.key,
            start=period.start.isoformat(),
            end=period.end.isoformat(),
        )
    if period.kind == "month":
        month = int(period.key[5:])
        name = text("period.month_names", lang).split("|")[month - 1]
        return text("period.label.month", lang, year=year, month=month, month_name=name)
    if period.kind in ("quarter", "half"):
        number = int(period.key[-1])
        name = text(f"period.{period.kind}_names", lang).split("|")[number - 1]
        return text(f"period.label.{period.kind}", lang, year=year, name=name)
    return text("period.label.year", lang, year=year)
