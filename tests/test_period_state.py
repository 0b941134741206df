"""Every output for a period takes the state at the period's last day, or at
the as-of date (--as-of, else today) when that comes first
(`periods.state_date`): the summary, a unit's 填报表 and `collect status`.
May's template made years later shows the lights of May 31, as May's 月报 does."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from gwr_cli.collect import COLUMNS

ASSIGNMENTS = Path(__file__).parent / "data" / "assignments.toml"
LAST = COLUMNS.index("last") + 1
SEWER = "sewer-pipes-50km"  # led by 区水务局, deadline 2021-12-31


@pytest.fixture(autouse=True)
def office(isolated_home: Path) -> Path:
    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSIGNMENTS, isolated_home / "assignments.toml")
    return isolated_home


@pytest.fixture
def reported(gwr):
    """On schedule in May (green at May 31); overdue, red, ever since the deadline."""
    gwr.ok("progress", SEWER, "24", "--note", "第二批管网完工", "--on", "2021-05-20")
    gwr.ok("progress", SEWER, "30", "--note", "六月进展", "--on", "2021-06-10")


def last_cell(path: Path, taken_at: str) -> str:
    """The 上期进展 of the sewer task; the title row must name `taken_at`."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    assert sheet.cell(1, 1).value.endswith(f"上期进展截至：{taken_at}")
    row = next(r for r in range(3, sheet.max_row + 1) if sheet.cell(r, 1).value == SEWER)
    return sheet.cell(row, LAST).value


def template(gwr, path: Path, taken_at: str, *options: str) -> str:
    gwr.ok("--lang", "zh", *options, "collect", "template", "--unit", "区水务局",
           "--month", "2021-05", "--output", str(path))  # fmt: skip
    return last_cell(path, taken_at)


def test_a_past_months_template_shows_the_state_at_the_months_end_not_today(
    gwr, reported, tmp_path
):
    cell = template(gwr, tmp_path / "may.xlsx", "2021-05-31")  # today: years after the deadline
    assert cell.splitlines()[0].startswith("绿灯")  # today it is 红灯 (逾期)
    assert cell.splitlines()[1:] == ["24/50公里 · 推进中 · 2021-05-20", "第二批管网完工"]
    assert "六月进展" not in cell and "逾期" not in cell


@pytest.mark.parametrize(
    ("as_of", "taken_at", "expected"),
    [
        # inside the month: the as-of date comes first
        ("2021-05-15", "2021-05-15", "黄灯：滞后序时25个百分点\n尚无记录"),
        ("2021-05-31", "2021-05-31", "24/50公里"),
        ("2021-07-01", "2021-05-31", "24/50公里"),  # after it: the month's end, as the 月报
    ],
)
def test_an_explicit_as_of_counts_when_it_comes_before_the_months_end(
    gwr, reported, tmp_path, as_of, taken_at, expected
):
    cell = template(gwr, tmp_path / "may.xlsx", taken_at, "--as-of", as_of)
    assert expected in cell
    assert "六月进展" not in cell


def test_every_units_template_of_a_past_month_agrees_with_the_months_report(
    gwr, reported, tmp_path
):
    folder = tmp_path / "all"
    gwr.ok("--lang", "zh", "collect", "template", "--all", "--month", "2021-05",
           "--output", str(folder))  # fmt: skip
    cell = last_cell(folder / "区水务局-2021-05.xlsx", "2021-05-31")
    assert cell.startswith("绿灯") and "24/50公里" in cell
    monthly = gwr.ok("--lang", "zh", "summary", "--month", "2021-05", "--format", "json").stdout
    assert '"as_of": "2021-05-31"' in monthly


def test_collect_status_of_a_past_month_counts_reports_up_to_its_end(gwr, reported):
    result = gwr.ok("--lang", "zh", "collect", "status", "--month", "2021-05",
                    "--format", "json").stdout  # fmt: skip
    assert '"last_report": "2021-05-20"' in result and "2021-06-10" not in result


def test_the_one_rule():
    import datetime as dt

    from gwr_cli.periods import parse_period, state_date

    may = parse_period("month", "2021-05", dt.date(2026, 1, 1), "en")
    assert state_date(may, dt.date(2026, 1, 1)) == dt.date(2021, 5, 31)
    assert state_date(may, dt.date(2021, 5, 20)) == dt.date(2021, 5, 20)
