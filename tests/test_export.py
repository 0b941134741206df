"""Export for Excel/WPS and for other tools; indicators recorded and judged."""

from __future__ import annotations

import csv
import io
import json

import pytest


@pytest.fixture
def some_progress(gwr):
    gwr.ok("progress", "sewer-pipes-50km", "24", "--on", "2021-05-12", "--note", "第二批管网")
    gwr.ok("done", "school-no16", "--on", "2021-05-11")
    return gwr


def test_csv_for_excel_in_chinese(some_progress, tmp_path):
    target = tmp_path / "tasks.csv"
    some_progress.ok("export", "--lang", "zh", "--as-of", "2021-05-31", "--output", str(target))
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][:10] == [
        "序号",
        "任务",
        "领域",
        "完成时限",
        "目标",
        "当前进度",
        "状态",
        "序时状态",
        "最新进展",
        "来源",
    ]
    assert len(rows) == 1 + 73
    sewer = next(r for r in rows if r[10] == "sewer-pipes-50km")
    assert sewer[1:10] == [
        "新建、改建污水管网50公里",
        "水务与污水治理",
        "2021-12-31",
        "50公里",
        "24/50公里",
        "推进中",
        "超序时进度",
        "2021-05-12 第二批管网",
        "新建、改建污水管网50公里",
    ]
    assert [r[0] for r in rows[1:4]] == ["1", "2", "3"]


def test_csv_in_english_to_stdout(some_progress):
    out = some_progress.ok("export", "--lang", "en", "--as-of", "2021-05-31").stdout
    rows = list(csv.reader(io.StringIO(out.removeprefix("\ufeff"))))
    assert rows[0][:4] == ["No.", "Task", "Area", "Deadline"]
    assert len(rows) == 74


def test_json_export(some_progress):
    records = json.loads(
        some_progress.ok("export", "--format", "json", "--as-of", "2021-05-31").stdout
    )
    assert len(records) == 73
    school = next(r for r in records if r["id"] == "school-no16")
    assert (school["status"], school["schedule"], school["done_on"]) == (
        "done",
        "done",
        "2021-05-11",
    )


def test_indicators_recorded_and_judged(gwr):
    gwr.ok("indicator", "set", "gdp-growth", "5.2", "--on", "2021-04-20")
    gwr.ok("indicator", "set", "gdp-growth", "6.4%", "--on", "2021-07-20", "--note", "上半年")
    gwr.ok("indicator", "set", "unemployment", "3.4", "--on", "2021-07-20")
    gwr.ok("indicator", "set", "foreign-trade", "-2.5", "--on", "2021-07-20")

    def judged(as_of):
        out = gwr.ok("indicator", "list", "--format", "json", "--as-of", as_of).stdout
        return {r["id"]: (r["value"], r["met"]) for r in json.loads(out)}

    assert judged("2021-05-01")["gdp-growth"] == (5.2, False)
    later = judged("2021-08-01")
    assert later["gdp-growth"] == (6.4, True)
    assert later["unemployment"] == (3.4, False)  # <= 3
    assert later["foreign-trade"] == (-2.5, False)  # > 0
    assert later["retail-sales"] == (None, None)
    table = gwr.ok("--lang", "zh", "indicator", "list", "--as-of", "2021-08-01").stdout
    assert "地区生产总值增长" in table and "已达成" in table and "未达成" in table


def test_indicator_undo(gwr):
    gwr.ok("indicator", "set", "gdp-growth", "9", "--on", "2021-04-20")
    gwr.ok("undo")
    out = gwr.ok("indicator", "list", "--format", "json").stdout
    assert json.loads(out)[0]["value"] is None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gdp-grwth", "6"], "did you mean 'gdp-growth'?"),
        (["gdp-growth", "six"], "not a number"),
        (["gdp-growth", "nan"], "not a number"),
        (["gdp-growth", "6", "--on", "2021-02-29"], "not a real date"),
    ],
)
def test_bad_indicator_input(gwr, isolated_home, args, message):
    result = gwr("indicator", "set", *args)
    assert result.exit_code == 1 and message in result.stderr
    assert not (isolated_home / "ledger").exists()
