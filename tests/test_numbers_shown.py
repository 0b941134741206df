"""Numbers a fresh user found shown or kept two ways; each test failed before its fix.

1. -0 was kept as -0.0 by the cache and as 0 by the ledger (JSON showed -0.0
   until the cache was deleted), and a 0% confirmation dropped its percent.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
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


@settings(deadline=None)
@given(
    value=st.one_of(
        st.none(),
        st.sampled_from([-0.0, 0.0, 5.0, -5.0, 2.5, 1e20, -1e20, 9.3e18, 123456789012345.0]),
        st.floats(min_value=-1e308, max_value=1e308, allow_nan=False),
    ),
    note=st.text(),
)
def test_an_event_as_appended_is_the_event_a_fresh_read_gives(value, note):
    event = Event(
        id="0123456789abcdef",
        task="sewer-pipes-50km",
        action="note" if value is None else "progress",
        on=dt.date(2021, 7, 1),
        at=dt.datetime(2021, 7, 1, 8, 30, 1, 123456, tzinfo=dt.UTC),
        by="tester",
        value=value,
        note=note,
    )
    path = Path("tester.toml")  # parsed from the bytes, never opened
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


# --- 4. a value is shown with the digits that decide its verdict ---------------------------


@pytest.mark.parametrize(
    ("value", "bound", "shown"),
    [(3.001, 3, "3.001"), (2.999, 3, "2.99"), (3.0, 3, "3"), (-1.001, -1, "-1.001"),
     (6.8, 6, "6.8"), (5.999, 6, "5.99"), (1e-05, 0, "0.00001"), (-1e-05, 0, "-0.00001"),
     (3.0000000000001, 3, "3.0000000000001"), (10.04, 10, "10.04"), (49.999, 50, "49.99")],
)  # fmt: skip
def test_fmt_decided_shows_the_digits_that_decide_a_comparison(value, bound, shown):
    from gwr_cli.messages import fmt_decided

    assert fmt_decided(value, bound) == shown


def test_an_indicator_just_over_its_ceiling_is_not_shown_as_the_ceiling(gwr, tmp_path):
    zh = gwr.ok("--lang", "zh", "indicator", "set", "unemployment", "3.001", "--on", "2021-08-01")
    assert "= 3.001%（目标不高于3%：未达成）" in zh.stdout
    listed = gwr.ok("--lang", "zh", "indicator", "list").stdout
    assert "3.001%" in listed and " 3% " not in listed.replace("不高于3%", "")
    en = gwr.ok("--lang", "en", "indicator", "list").stdout
    assert "3.001%" in en
    summary = gwr.ok("--lang", "zh", "summary", "--week", "2021-W30", "--as-of", "2021-08-01")
    assert "3.001%" in summary.stdout
    markdown = gwr.ok("summary", "--week", "2021-W30", "--format", "markdown").stdout
    assert "3.001%" in markdown
    gwr.ok("site", "--output", str(tmp_path / "site"))
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html"))
    assert "3.001%" in pages


# --- 5. every confirmation names what changed alike: action, id, title, value ------------


def test_undoing_an_indicator_value_names_it_and_its_value_then_and_now(gwr):
    gwr.ok("indicator", "set", "fixed-asset-investment", "10", "--on", "2021-08-01")
    gwr.ok("indicator", "set", "fixed-asset-investment", "12", "--on", "2021-08-02")
    zh = gwr.ok("--lang", "zh", "undo").stdout.strip()
    assert zh == "已撤销：指标 · fixed-asset-investment 固定资产投资增长 · 12% → 10%（2021-08-02）"
    en = gwr.ok("--lang", "en", "undo").stdout.strip()
    assert en == (
        "undone: indicator · fixed-asset-investment Growth of fixed-asset investment"
        " · 10% → no value (2021-08-01)"
    )


def test_recording_an_indicator_is_confirmed_as_a_task_record_is(gwr):
    zh = gwr.ok("--lang", "zh", "indicator", "set", "gdp-growth", "6.8", "--on", "2021-07-20")
    assert zh.stdout.strip() == (
        "已记录：指标 · gdp-growth 地区生产总值增长 = 6.8%（目标不低于6%：已达成）（2021-07-20）"
    )
    task = gwr.ok("--lang", "zh", "note", "sewer", "协调会", "--on", "2021-07-20").stdout
    assert task.startswith("已记录：备注 · sewer-pipes-50km ")


def test_undoing_a_record_of_a_task_no_longer_in_the_registry_has_no_stray_space(
    gwr, tmp_path, monkeypatch
):
    from conftest import copy_registry

    gwr.ok("note", "sewer", "x", "--on", "2021-07-20")
    edited = copy_registry(
        tmp_path / "reg", lambda t: t.replace('id = "sewer-pipes-50km"', 'id = "sewer-renamed"')
    )
    monkeypatch.setenv("GWR_REGISTRY", str(edited))
    out = gwr.ok("--lang", "zh", "undo").stdout.strip()
    assert out == "已撤销：备注 · sewer-pipes-50km（2021-07-20）"


# --- 2. what gwr refuses at input, gwr check reports in a ledger; reading goes on ----------

_HAND_WRITTEN = """
[[events]]
id = "hand0001"
task = "sewer-pipes-50km"
action = "progress"
value = -5
on = 2021-07-03
at = 2021-07-03 08:00:00Z
by = "hand"

[[events]]
id = "hand0002"
task = "preschool-5080"
action = "progress"
value = 150
on = 2021-07-03
at = 2021-07-03 08:00:00Z
by = "hand"

[[events]]
id = "hand0003"
task = "school-no16"
action = "note"
note = "  "
on = 2021-07-03
at = 2021-07-03 08:00:00Z
by = "hand"

[[events]]
id = "hand0004"
task = "school-no16"
action = "block"
next = "下周再议"
on = 2021-07-04
at = 2021-07-04 08:00:00Z
by = "hand"
[[events]]
id = "hand0005"
task = "school-no16"
action = "start"
value = 5
on = 2021-07-05
at = 2021-07-05 08:00:00Z
by = "hand"
"""


def test_check_lists_every_ledger_record_a_typed_command_would_refuse(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / "hand.toml").write_text("schema = 1\n" + _HAND_WRITTEN, encoding="utf-8")
    zh = gwr("--lang", "zh", "check")
    assert zh.exit_code == 0  # a warning: the records are read as written
    assert "台账中有5条记录在输入时会被拒绝；照原样读取，如有误请重新记录：" in zh.stdout
    where = ledger_dir / "hand.toml"
    for line in (
        f"{where}:3：hand0001 进展 sewer-pipes-50km：数值-5为负数（进展数值不能为负）",
        f"{where}:12：hand0002 进展 preschool-5080：数值150超过100"
        "（该任务按百分比记录，应在0到100之间）",
        f"{where}:21：hand0003 备注 school-no16：备注为空（进展情况、存在问题、下步措施都未填写）",
        f"{where}:30：hand0004 受阻 school-no16：未说明受阻原因（进展情况和存在问题都未填写）",
        f"{where}:38：hand0005 启动 school-no16："
        "数值5不属于该动作（只有进展和指标记录数值），未计入",
    ):
        assert line in zh.stdout
    en = gwr("--lang", "en", "check").stdout
    assert "5 ledger records would be refused if typed" in en
    assert f"{where}:3: hand0001 progress sewer-pipes-50km: value -5 is negative" in en
    # reading keeps working, the value as written
    assert "-5/50" in gwr.ok("--lang", "zh", "show", "sewer").stdout


def test_the_same_values_typed_are_refused(gwr, ledger_dir):
    assert gwr("progress", "sewer", "-5").exit_code == 1
    assert gwr("progress", "preschool-5080", "150").exit_code == 1
    assert not ledger_dir.exists() or not list(ledger_dir.glob("*.toml"))


def test_a_clean_ledger_has_no_refused_records(gwr):
    gwr.ok("progress", "sewer", "5", "--on", "2021-07-01")
    gwr.ok("note", "sewer", "", "--problems", "资金", "--on", "2021-07-02")
    assert "refused" not in gwr.ok("check").stdout


# --- 6. a problem or a next step alone is a report, typed or imported ----------------------


@pytest.mark.parametrize("option", ["--problems", "--next"])
def test_a_note_with_only_problems_or_next_steps_is_recorded(gwr, ledger_dir, option):
    out = gwr.ok("--lang", "zh", "note", "sewer", "", option, "资金未到位", "--on", "2021-07-02")
    assert out.stdout.startswith("已记录：备注 · sewer-pipes-50km")
    text = next(ledger_dir.glob("*.toml")).read_text(encoding="utf-8")
    assert '"资金未到位"' in text


def test_a_note_saying_nothing_is_refused_naming_the_options(gwr, ledger_dir):
    zh = gwr("--lang", "zh", "note", "sewer", " ")
    assert zh.exit_code == 1
    assert "或用--problems、--next写明存在问题、下步措施" in zh.stderr
    en = gwr("--lang", "en", "note", "sewer", "", "--next", " ")
    assert en.exit_code == 1 and "--problems, --next" in en.stderr
    assert not ledger_dir.exists() or not list(ledger_dir.glob("*.toml"))


def test_a_block_takes_its_reason_from_problems_as_an_imported_row_does(gwr, ledger_dir):
    ok = gwr.ok("--lang", "zh", "block", "sewer", "--problems", "资金未到位", "--on", "2021-07-02")
    assert "受阻" in ok.stdout
    refused = gwr("--lang", "en", "block", "school-no16", "--next", "wait")
    assert refused.exit_code == 1
    assert "--note or --problems" in refused.stderr


def test_an_imported_row_and_a_typed_command_follow_one_text_rule():
    from gwr_cli.refused import text_problem

    assert text_problem("note", "", "资金", "") is None
    assert text_problem("note", "", "", "下周开工") is None
    assert text_problem("note", " ", "", "").key == "refused.empty_note"
    assert text_problem("block", "", "资金", "") is None
    assert text_problem("block", "", "", "下周").key == "refused.no_reason"


# --- 3. one rule for a percent: cut toward zero, one decimal in data, whole on screen ------
# gree-park-phase1 started, 0% done, on 2021-07-01: 40.97% of its time gone.


@pytest.fixture
def behind(gwr):
    gwr.ok("start", "gree-park-phase1", "--on", "2021-03-01")
    return gwr


def test_show_says_the_same_expected_percent_and_gap(behind):
    zh = behind.ok("--lang", "zh", "show", "gree-park", "--as-of", "2021-07-01").stdout
    assert "（时间已过40%）" in zh and "红灯（滞后序时40个百分点）" in zh
    assert "41" not in zh
    en = behind.ok("--lang", "en", "show", "gree-park", "--as-of", "2021-07-01").stdout
    assert "(40% of the time elapsed)" in en and "red (40 percentage points behind" in en


def test_data_outputs_carry_the_same_percent_cut_to_one_decimal(behind, tmp_path):
    tasks = json.loads(behind.ok("list", "--format", "json", "--as-of", "2021-07-01").stdout)
    gree = next(t for t in tasks if t["id"] == "gree-park-phase1")
    assert (gree["expected_percent"], gree["light_reason"]) == (
        40.9,
        "40 percentage points behind schedule",
    )
    csv_rows = behind.ok("--lang", "zh", "export", "--as-of", "2021-07-01").stdout.splitlines()
    header = csv_rows[0].lstrip("\ufeff").split(",")
    row = next(r.split(",") for r in csv_rows if ",gree-park-phase1," in r)
    assert row[header.index("序时进度（%）")] == "40.9"
    assert row[header.index("亮灯原因")] == "滞后序时40个百分点"
    summary = json.loads(behind.ok("summary", "--as-of", "2021-07-01", "--format", "json").stdout)
    warning = next(w for w in summary["warnings"] if w["task"]["id"] == "gree-park-phase1")
    assert warning["expected_percent"] == 40.9

    import openpyxl

    out = tmp_path / "ledger.xlsx"
    behind.ok("--lang", "zh", "export", "--format", "xlsx", "--output", str(out),
              "--as-of", "2021-07-01")  # fmt: skip
    sheet = openpyxl.load_workbook(out).worksheets[0]
    titles = [c.value for c in sheet[2]]
    cells = next(r for r in sheet.iter_rows(min_row=3) if r[0].value == "gree-park-phase1")
    expected = cells[titles.index("序时进度")]
    assert (expected.value, expected.number_format) == (pytest.approx(0.409), "0.0%")


def test_text_outputs_show_the_whole_percent_cut(behind, tmp_path):
    markdown = behind.ok(
        "--lang", "zh", "summary", "--as-of", "2021-07-01", "--format", "markdown"
    ).stdout
    line = next(x for x in markdown.splitlines() if "gree-park-phase1" in x and "序时" in x)
    assert "完成0%，序时进度40%" in line
    behind.ok("--lang", "zh", "site", "--output", str(tmp_path / "s"), "--as-of", "2021-07-01")
    page = (tmp_path / "s" / "tasks" / "gree-park-phase1.html").read_text(encoding="utf-8")
    assert "时间已过40%" in page and "41%" not in page


@pytest.mark.parametrize(
    ("percent", "data", "shown"),
    [(40.97, 40.9, "40%"), (99.96, 99.9, "99%"), (0.29 * 100, 29.0, "29%"), (100.0, 100.0, "100%"),
     (0.04, 0.0, "0%")],
)  # fmt: skip
def test_cut_percent_is_the_rule_of_data_and_of_fmt_percent(percent, data, shown):
    from gwr_cli.messages import cut_percent, fmt_percent

    assert cut_percent(percent) == data
    assert fmt_percent(percent) == shown


def test_a_gap_just_over_a_threshold_keeps_the_decimal_that_makes_it_red():
    from gwr_cli.lights import Light, format_reason

    bounds = (10.0, 10.0, 30.0)
    red = Light("red", "behind", {"points": 30.4, "expected": 50.4, "actual": 20.0,
                                  "bounds": bounds})  # fmt: skip
    assert format_reason(red, "zh") == "滞后序时30.4个百分点"
    far = Light("red", "behind", {"points": 40.97, "expected": 40.97, "actual": 0.0,
                                  "bounds": bounds})  # fmt: skip
    assert format_reason(far, "en") == "40 percentage points behind schedule"


def test_a_missed_node_goal_is_shown_with_the_digits_that_tell_it_from_the_progress():
    from gwr_cli.lights import Light, format_reason

    params = {"date": "2021-06-30", "text": "", "percent": 12.345, "value": None, "unit": "",
              "unit_en": "", "actual": 12.34}  # fmt: skip
    assert format_reason(Light("yellow", "node-missed", params), "zh") == (
        "节点2021年6月30日未完成：应达12.345%"
    )


def test_an_imported_number_cell_of_minus_zero_is_zero(tmp_path):
    from gwr_cli.collect.template import template_filename, write_template
    from test_collect import MAY, UNIT, fill, plan_of, spec

    path = tmp_path / template_filename(UNIT, MAY.key)
    write_template(path, spec())
    filled = fill(path, {("sewer-pipes-50km", "value"): 12345.5})
    # openpyxl writes -0.0 as 0; Excel and WPS may store <v>-0.0</v>, read as the float -0.0
    edited = tmp_path / "edited.xlsx"
    with zipfile.ZipFile(filled) as source, zipfile.ZipFile(edited, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, data.replace(b"<v>12345.5</v>", b"<v>-0.0</v>"))
    plan = plan_of(edited)
    (event,) = [e for e in plan.events if e.task == "sewer-pipes-50km"]
    assert repr(event.value) == "0.0"


def test_check_lists_an_event_dated_after_today(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / "hand.toml").write_text(
        'schema = 1\n\n[[events]]\nid = "future01"\ntask = "sewer-pipes-50km"\n'
        'action = "note"\nnote = "x"\non = 2999-01-01\nat = 2021-07-03 08:00:00Z\nby = "hand"\n',
        encoding="utf-8",
    )
    out = gwr.ok("--lang", "en", "check").stdout
    where = ledger_dir / "hand.toml"
    assert f"{where}:3: future01 note sewer-pipes-50km: is dated 2999-01-01, in the" in out
    zh = gwr.ok("--lang", "zh", "check").stdout
    assert "future01 备注 sewer-pipes-50km：日期2999-01-01在将来（今天是" in zh


def test_a_correction_is_shown_with_the_digits_that_tell_before_from_after():
    from gwr_cli.summary import Progressed, TaskRef
    from gwr_cli.summary_lines import _value_change

    task = TaskRef("sewer-pipes-50km", "污水管网", "Sewer", "water")
    down = Progressed(task, "公里", "km", 50, "in-progress", "in-progress", 24.001, 24.0,
                      48.0, 48.0)  # fmt: skip
    assert _value_change(down, "zh").startswith("24.001 → 24 公里")
    percent = Progressed(task, "", "", None, "in-progress", "in-progress", 40.5, 40.0,
                         40.5, 40.0)  # fmt: skip
    assert _value_change(percent, "en") == "40.5% → 40%"


def test_an_import_plan_shows_the_digits_that_tell_before_from_after():
    from gwr_cli.collect.plan_text import _state_text

    assert _state_text("in-progress", 24.001, 24.0, "公里", "zh") == "24.001公里 推进中"
    assert _state_text("in-progress", 24.0, 24.001, "公里", "zh") == "24公里 推进中"


def test_a_confirmation_tells_before_from_after_with_the_digits_that_differ(gwr):
    gwr.ok("progress", "sewer", "24", "--on", "2021-07-01")
    zh = gwr.ok("--lang", "zh", "progress", "sewer", "24.001", "--on", "2021-07-02").stdout
    assert "推进中 24/50公里 → 推进中 24.001/50公里（2021-07-02）" in zh
    gwr.ok("progress", "preschool-5080", "40", "--on", "2021-07-01")
    en = gwr.ok("--lang", "en", "progress", "preschool-5080", "40.5", "--on", "2021-07-02").stdout
    assert "in progress 40% → in progress 40.5% (2021-07-02)" in en
    assert (
        "in progress 40.5% → in progress 40% (2021-07-02)" in gwr.ok("--lang", "en", "undo").stdout
    )


def test_a_node_goal_is_shown_as_typed_in_show(gwr, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "assignments.toml").write_text(
        'schema = 1\n[[assignments]]\ntask = "preschool-5080"\nlead = ["区教育局"]\n'
        'nodes = [{ by = 2021-06-30, percent = 12.5, text = "一期" }]\n',
        encoding="utf-8",
    )
    gwr.ok("progress", "preschool-5080", "12.3", "--on", "2021-06-01")
    shown = gwr.ok("--lang", "zh", "show", "preschool-5080", "--as-of", "2021-07-01").stdout
    assert "2021年6月30日前达到12.5%：一期" in shown
