"""Reporting periods: each kind's window, key, title and label; this/last at a
date; extreme and bad input give one clear error in the user's language."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from gwr_cli.errors import InputError
from gwr_cli.periods import (
    PERIOD_KINDS,
    Period,
    current_period,
    parse_period,
    period_from_options,
    period_heading,
    period_label,
    period_title,
)

D = dt.date
AS_OF = D(2021, 5, 12)  # a Wednesday in ISO week 19


@pytest.mark.parametrize(
    ("kind", "typed", "key", "start", "end", "zh_title", "zh_label", "en_title", "en_label"),
    [
        ("week", "2021-W19", "2021-W19", D(2021, 5, 10), D(2021, 5, 16), "周报",
         "2021年第19周（2021-05-10至2021-05-16）", "weekly summary",
         "Week 2021-W19 (2021-05-10 to 2021-05-16)"),
        ("month", "2021-05", "2021-05", D(2021, 5, 1), D(2021, 5, 31), "月报", "2021年5月",
         "monthly report", "May 2021"),
        ("month", "2024-2", "2024-02", D(2024, 2, 1), D(2024, 2, 29), "月报", "2024年2月",
         "monthly report", "February 2024"),
        ("quarter", "2021-Q2", "2021-Q2", D(2021, 4, 1), D(2021, 6, 30), "季度通报",
         "2021年第二季度", "quarterly bulletin", "Q2 2021"),
        ("quarter", "2021q4", "2021-Q4", D(2021, 10, 1), D(2021, 12, 31), "季度通报",
         "2021年第四季度", "quarterly bulletin", "Q4 2021"),
        ("half", "2021-H1", "2021-H1", D(2021, 1, 1), D(2021, 6, 30), "半年通报", "2021年上半年",
         "half-year bulletin", "First half of 2021"),
        ("half", "2021-h2", "2021-H2", D(2021, 7, 1), D(2021, 12, 31), "半年通报",
         "2021年下半年", "half-year bulletin", "Second half of 2021"),
        ("year", "2021", "2021", D(2021, 1, 1), D(2021, 12, 31), "年度完成情况", "2021年",
         "year-end review", "2021"),
    ],
)  # fmt: skip
def test_each_period_window_and_title(
    kind, typed, key, start, end, zh_title, zh_label, en_title, en_label
):
    period = parse_period(kind, typed, AS_OF, "en")
    assert period == Period(kind, key, start, end)
    assert (period_title(period, "zh"), period_label(period, "zh")) == (zh_title, zh_label)
    assert (period_title(period, "en"), period_label(period, "en")) == (en_title, en_label)


def test_headings_in_the_report_style():
    report = "2021年珠海市香洲区政府工作报告"
    month = parse_period("month", "2021-05", AS_OF, "zh")
    year = parse_period("year", "2021", AS_OF, "zh")
    assert period_heading(month, report, "zh") == f"{report}落实情况月报"
    assert period_heading(year, report, "zh") == f"{report}年度完成情况"
    assert period_heading(month, "Report", "en") == "Report: monthly report"


@pytest.mark.parametrize(
    ("kind", "this", "last"),
    [
        ("week", "2021-W19", "2021-W18"),
        ("month", "2021-05", "2021-04"),
        ("quarter", "2021-Q2", "2021-Q1"),
        ("half", "2021-H1", "2020-H2"),
        ("year", "2021", "2020"),
    ],
)
def test_this_and_last_at_the_as_of_date(kind, this, last):
    assert parse_period(kind, "this", AS_OF, "en").key == this
    assert parse_period(kind, " LAST ", AS_OF, "en").key == last
    assert current_period(kind, AS_OF, "en").key == this


def test_the_week_across_a_new_year_is_the_iso_week():
    period = current_period("week", D(2021, 1, 1), "en")
    assert period == Period("week", "2020-W53", D(2020, 12, 28), D(2021, 1, 3))
    assert period_label(period, "zh") == "2020年第53周（2020-12-28至2021-01-03）"


def test_every_period_contains_its_days_and_no_other():
    for kind in PERIOD_KINDS:
        period = current_period(kind, AS_OF, "en")
        assert period.contains(period.start) and period.contains(period.end)
        assert period.contains(AS_OF)
        assert not period.contains(period.start - dt.timedelta(days=1))
        assert not period.contains(period.end + dt.timedelta(days=1))
    assert current_period("year", D(2024, 3, 1), "en").days == 366


@pytest.mark.parametrize(
    ("kind", "typed", "as_of"),
    [
        ("year", "0001", AS_OF),
        ("year", "9999", AS_OF),
        ("month", "9999-12", AS_OF),
        ("quarter", "0001-Q1", AS_OF),
        ("week", "0001-W01", AS_OF),
        ("half", "this", D(9999, 12, 31)),
        ("year", "last", D(2, 1, 1)),
    ],
)
def test_extreme_years_that_exist_are_valid_periods(kind, typed, as_of):
    period = parse_period(kind, typed, as_of, "en")
    assert period.start <= period.end


@pytest.mark.parametrize(
    ("kind", "typed", "as_of", "lang", "message"),
    [
        ("week", "9999-W52", AS_OF, "en",
         "--week: '9999-W52' reaches outside the dates gwr can count (0001-01-01 to 9999-12-31)"),
        ("week", "this", D(9999, 12, 31), "zh",
         "--week：“this”超出可计算的日期范围（0001-01-01至9999-12-31）"),
        ("week", "last", D(1, 1, 3), "en",
         "--week: 'last' reaches outside the dates gwr can count (0001-01-01 to 9999-12-31)"),
        ("month", "last", D(1, 1, 31), "zh",
         "--month：“last”超出可计算的日期范围（0001-01-01至9999-12-31）"),
        ("year", "0000", AS_OF, "zh", "--year：“0000”不存在（年份为0001至9999）"),
        ("year", "10000", AS_OF, "en", "--year: '10000' is not a year; use 2021, this or last"),
        ("week", "2021-W53", AS_OF, "en",
         "--week: '2021-W53' does not exist (ISO weeks run 1 to 52 or 53)"),
        ("week", "2021-W00", AS_OF, "zh",
         "--week：“2021-W00”不存在（ISO周为每年第1至52周或第1至53周）"),
        ("month", "2021-13", AS_OF, "zh",
         "--month：“2021-13”不存在（月份为01至12，年份为0001至9999）"),
        ("month", "2021-00", AS_OF, "en",
         "--month: '2021-00' does not exist (months run 01 to 12, years 0001 to 9999)"),
        ("month", "May", AS_OF, "en", "--month: 'May' is not a month; use 2021-05, this or last"),
        ("quarter", "2021-Q5", AS_OF, "zh",
         "--quarter：“2021-Q5”不存在（季度为Q1至Q4，年份为0001至9999）"),
        ("quarter", "2021-05", AS_OF, "zh",
         "--quarter：“2021-05”不是季度；请写成2021-Q2、this或last"),
        ("half", "2021-H0", AS_OF, "en",
         "--half: '2021-H0' does not exist (halves are H1 and H2, years 0001 to 9999)"),
        ("half", "上半年", AS_OF, "zh", "--half：“上半年”不是半年；请写成2021-H1、this或last"),
        ("week", "", AS_OF, "en", "--week: '' is not a week; use 2021-W19, this or last"),
        ("week", "2021-W" + "9" * 400, AS_OF, "en", None),  # never a traceback
    ],
)  # fmt: skip
def test_bad_or_out_of_range_input_is_one_clear_error(kind, typed, as_of, lang, message):
    with pytest.raises(InputError) as caught:
        parse_period(kind, typed, as_of, lang)
    if message is not None:
        assert str(caught.value) == message
    assert "\n" not in str(caught.value)


def test_options_choose_one_period():
    assert period_from_options(AS_OF, "en").key == "2021-W19"  # none given: this week
    assert period_from_options(AS_OF, "en", month="2021-04").key == "2021-04"
    assert period_from_options(AS_OF, "en", year="last").key == "2020"
    with pytest.raises(InputError) as caught:
        period_from_options(AS_OF, "zh", week="this", quarter="2021-Q2")
    assert str(caught.value) == "只能选择一个期间（给出了--week、--quarter）"
    with pytest.raises(InputError) as caught:
        period_from_options(AS_OF, "en", month="2021-05", year="2021")
    assert str(caught.value) == "give one period only (got --month, --year)"
    assert caught.value.exit_code == 2  # options that cannot go together: a usage error


def test_the_english_week_heading_is_the_week_as_typed(gwr):
    """`--week 0001-W01` was headed "Week 1-W01": the heading is the ISO key
    that JSON gives and that can be typed back."""
    out = gwr.ok("--lang", "en", "summary", "--week", "0001-W01").stdout.splitlines()
    assert out[1] == "Week 0001-W01 (0001-01-01 to 0001-01-07)"
    data = json.loads(gwr.ok("summary", "--week", "0001-W01", "--format", "json").stdout)
    assert data["week"] == "0001-W01"
