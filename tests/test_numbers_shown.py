"""Numbers a fresh user found shown or kept two ways; each test failed before its fix.

1. -0 was kept as -0.0 by the cache and as 0 by the ledger (JSON showed -0.0
   until the cache was deleted), and a 0% confirmation dropped its percent.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwr_cli.events import Event, as_written, parse_ledger_file, parse_number, render_event
from gwr_cli.toml_read import loads_toml

# --- 1. one zero: -0 is 0 wherever it comes from, the cache is no source of truth ---------


def _json_values(gwr, *args: str) -> dict[str, object]:
    return {t["id"]: t["value"] for t in json.loads(gwr.ok(*args, "--format", "json").stdout)}


@pytest.mark.parametrize("typed", ["-0", "-0.0", "-0e5", "－０", "-0%"])
def test_a_typed_minus_zero_is_zero_with_or_without_the_cache(gwr, isolated_home, typed):
    gwr.ok("progress", "nanping-roads-8", "2", "--on", "2021-07-01")
    gwr.ok("progress", "nanping-roads-8", typed, "--on", "2021-07-02")
    cached = gwr.ok("list", "--format", "json").stdout
    assert '"value": -0.0' not in cached
    assert _json_values(gwr, "list")["nanping-roads-8"] == 0.0
    shutil.rmtree(isolated_home / "cache")
    assert gwr.ok("list", "--format", "json").stdout == cached


def test_an_indicator_set_to_minus_zero_is_zero(gwr, isolated_home):
    out = gwr.ok("--lang", "zh", "indicator", "set", "gdp-growth", "-0", "--on", "2021-07-02")
    assert "= 0%" in out.stdout
    cached = gwr.ok("indicator", "list", "--format", "json").stdout
    assert '"value": 0.0' in cached and "-0.0" not in cached
    shutil.rmtree(isolated_home / "cache")
    assert gwr.ok("indicator", "list", "--format", "json").stdout == cached


def test_minus_zero_written_by_hand_in_any_toml_file_is_read_as_zero():
    document = loads_toml("a = -0.0\nb = [-0e5, { c = -0.000 }]\nd = -0.5\n[[t]]\nx = -0E1\n")
    assert document == {"a": 0.0, "b": [0.0, {"c": 0.0}], "d": -0.5, "t": [{"x": 0.0}]}
    for zero in (document["a"], document["b"][0], document["b"][1]["c"], document["t"][0]["x"]):
        assert str(zero) == "0.0"


@pytest.mark.parametrize("typed", ["-0", "-0.0", "+0", "-0e-5", "-000.000"])
def test_parse_number_gives_the_one_zero(typed):
    assert str(parse_number(typed)) == "0.0"


@given(
    value=st.one_of(
        st.none(),
        st.sampled_from([-0.0, 0.0, 5.0, -5.0, 2.5, 1e20, -1e20, 9.3e18, 123456789012345.0]),
        st.floats(min_value=-1e308, max_value=1e308, allow_nan=False),
    )
)
def test_an_event_as_appended_is_the_event_a_fresh_read_gives(tmp_path_factory, value):
    event = Event(
        id="0123456789abcdef",
        task="sewer-pipes-50km",
        action="note" if value is None else "progress",
        on=dt.date(2021, 7, 1),
        at=dt.datetime(2021, 7, 1, 8, 30, 1, 123456, tzinfo=dt.UTC),
        by="tester",
        value=value,
        note="a\nnote",
    )
    path = tmp_path_factory.mktemp("l") / "tester.toml"
    read = parse_ledger_file(path, render_event(as_written(event), new_file=True))[0]
    appended = as_written(event)
    fields = Event._fields[:-3]  # file, line, seq: where it was read
    assert [getattr(read, f) for f in fields] == [getattr(appended, f) for f in fields]
    assert repr(read.value) == repr(appended.value)  # -0.0 == 0.0: the repr tells them apart


def test_a_zero_percent_is_confirmed_as_zero_percent(gwr):
    gwr.ok("--lang", "zh", "progress", "preschool-5080", "5%", "--on", "2021-07-01")
    zh = gwr.ok("--lang", "zh", "progress", "preschool-5080", "-0%", "--on", "2021-07-02")
    assert "推进中 5% → 推进中 0%（2021-07-02）" in zh.stdout
    en = gwr.ok("--lang", "en", "progress", "preschool-5080", "7%", "--on", "2021-07-03")
    assert "in progress 0% → in progress 7%" in en.stdout
