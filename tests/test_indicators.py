"""The year's indicators: recorded, judged against their targets, undone, refused."""

from __future__ import annotations

import json

import pytest


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
