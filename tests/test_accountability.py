"""Issue 11 through the commands: 分工 views (list --unit/--leader/--key/--tag/--light,
status --by unit|leader, units), lights in list/show/status/export, problems and
next steps on records, summaries of any period with 亮灯预警, 分单位情况 and
未报送单位, check and where. The 分工 is the fictional tests/data/assignments.toml."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_REGISTRY, run_installed
from gwr_cli.assignments import load_assignments
from gwr_cli.lights import expected_percent_at, node_points
from gwr_cli.registry_load import load_registry

FICTIONAL = Path(__file__).parent / "data" / "assignments.toml"
REGISTRY = load_registry(SHIPPED_REGISTRY)  # delivered 2021-02-24


@pytest.fixture
def assigned(isolated_home: Path) -> Path:
    """The fictional 分工 in $GWR_HOME/assignments.toml."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    target = isolated_home / "assignments.toml"
    shutil.copy(FICTIONAL, target)
    return target


def _json(gwr, *args):
    return json.loads(gwr.ok(*args).stdout)


# --- list: views by unit, leader, key, tag, light --------------------------------------


def test_list_by_unit_shows_the_role_and_matches_a_unique_substring(gwr, assigned):
    records = _json(gwr, "--as-of", "2021-07-01", "list", "--unit", "水务", "--format", "json")
    roles = {r["id"]: r["role"] for r in records}
    # 区水务局 leads the sewers and supports the demolition.
    assert roles == {"sewer-pipes-50km": "lead", "admin-centre-demolition": "partner"}
    table = gwr.ok("--lang", "zh", "--as-of", "2021-07-01", "list", "--unit", "区水务局").stdout
    lines = {line.split()[0]: line for line in table.splitlines()[1:]}
    assert lines["sewer-pipes-50km"].rstrip().endswith("牵头")
    assert lines["admin-centre-demolition"].rstrip().endswith("配合")
    assert "角色" in table.splitlines()[0]


def test_list_by_leader_key_tag_and_their_intersection(gwr, assigned):
    def ids(*args):
        return sorted(r["id"] for r in _json(gwr, "list", *args, "--format", "json"))

    assert ids("--leader", "乙") == ["kindergartens-open-5", "school-no16"]
    assert ids("--leader", "区领导甲") == ["mall-haiyin", "sewer-pipes-50km"]
    assert ids("--key") == ["school-no16", "sewer-pipes-50km"]
    assert ids("--tag", "民生") == ["kindergartens-open-5", "school-no16", "sewer-pipes-50km"]
    assert ids("--tag", "民生实事", "--leader", "区领导甲") == ["sewer-pipes-50km"]
    assert ids("--unit", "教育", "--key") == ["school-no16"]


def test_ambiguous_or_unknown_names_are_one_line_in_the_users_language(gwr, assigned):
    ambiguous = gwr("--lang", "zh", "list", "--leader", "区领导")
    assert ambiguous.exit_code == 1 and ambiguous.stderr.count("\n") == 1
    assert "不唯一" in ambiguous.stderr and "区领导甲" in ambiguous.stderr
    unknown = gwr("list", "--unit", "区水务")
    assert unknown.exit_code == 0  # a unique substring
    missing = gwr("--lang", "en", "list", "--unit", "公安局")
    assert missing.exit_code == 1 and "no unit '公安局'" in missing.stderr


def test_views_by_unit_without_assignments_say_where_to_write_them(gwr, isolated_home):
    result = gwr("--lang", "zh", "list", "--unit", "水务")
    assert result.exit_code == 1 and "尚无分工" in result.stderr
    assert str(isolated_home / "assignments.toml") in result.stderr
    units = gwr("--lang", "en", "units")
    assert units.exit_code == 1 and "no assignments yet" in units.stderr


def test_unassigned_tasks_show_unassigned_where_units_are_shown(gwr, assigned):
    records = {r["id"]: r for r in _json(gwr, "list", "--format", "json")}
    assert records["sewer-pipes-50km"]["lead_units"] == ["区水务局"]
    assert records["sewer-pipes-50km"]["leaders"] == ["区领导甲"]
    assert records["mall-haiyin"]["lead_units"] == ["区商务局", "拱北街道"]
    assert records["city-balcony"]["lead_units"] == []
    zh = gwr.ok("--lang", "zh", "list", "--search", "city-balcony").stdout
    assert "未分工" in zh
    en = gwr.ok("--lang", "en", "list", "--search", "city-balcony").stdout
    assert "unassigned" in en


# --- lights through the commands ---------------------------------------------------------

# mall-haiyin has no target, no nodes, and the window 2021-02-24..2021-12-31
# (310 days): on 2021-07-29 (day 155) exactly 50% of it is expected.


@pytest.mark.parametrize(
    ("percent", "light"),
    [("40%", "green"), ("39%", "yellow"), ("20%", "yellow"), ("19%", "red")],
)
def test_light_boundaries_at_exactly_10_and_30_points_through_list(gwr, percent, light):
    gwr.ok("progress", "mall-haiyin", percent, "--on", "2021-07-01")
    record = _json(
        gwr, "--as-of", "2021-07-29", "list", "--search", "mall-haiyin", "--format", "json"
    )[0]
    assert record["expected_percent"] == 50.0
    assert record["light"] == light
    chosen = _json(gwr, "--as-of", "2021-07-29", "list", "--light", light, "--format", "json")
    assert "mall-haiyin" in [r["id"] for r in chosen]


def test_not_started_is_red_from_day_90(gwr):
    # Day 89 after delivery (2021-05-24) is behind but not yet red; day 90 is.
    day89 = _json(
        gwr, "--as-of", "2021-05-24", "list", "--search", "mall-haiyin", "--format", "json"
    )[0]
    day90 = _json(
        gwr, "--as-of", "2021-05-25", "list", "--search", "mall-haiyin", "--format", "json"
    )[0]
    assert day89["light"] == "yellow"
    assert (day90["light"], day90["light_reason_key"]) == ("red", "not-started-late")
    assert day90["light_reason"] == "not started 90 days after 2021-02-24"


def test_light_is_text_as_well_as_colour_in_list_show_and_status(gwr, assigned):
    gwr.ok("progress", "sewer", "10", "--on", "2021-06-01")
    listing = gwr.ok("--lang", "zh", "--as-of", "2021-07-01", "list", "--unit", "水务").stdout
    assert "亮灯" in listing.splitlines()[0] and "黄灯" in listing
    shown = gwr.ok("--lang", "zh", "--as-of", "2021-07-01", "show", "sewer").stdout
    assert "黄灯（节点2021年6月30日未完成：完成一期管网）" in shown
    assert "（按节点目标应完成40%）" in shown  # the nodes' expected progress, not time elapsed
    assert "区水务局" in shown and "区领导甲" in shown and "前山街道、南屏镇" in shown
    status = gwr.ok("--lang", "en", "--as-of", "2021-07-01", "status").stdout
    assert {"red", "yellow", "green"} <= set(status.splitlines()[1].split())


def test_schedule_and_light_use_the_same_node_expected_percent(gwr, assigned):
    # kindergartens-open-5: node 2021-08-31 at 3 of 5; the linear share differs.
    as_of = dt.date(2021, 4, 25)
    task = REGISTRY.task("kindergartens-open-5")
    nodes = load_assignments(FICTIONAL, REGISTRY, "en").get(task.id).nodes
    via_nodes = expected_percent_at(
        REGISTRY.report.delivered, task.deadline, as_of, node_points(task, nodes)
    )
    linear = (
        (as_of - REGISTRY.report.delivered).days
        / (task.deadline - REGISTRY.report.delivered).days
        * 100
    )
    assert round(via_nodes, 1) != round(linear, 1)
    gwr.ok("progress", "kindergartens-open-5", "1", "--on", "2021-04-01")
    record = _json(
        gwr, "--as-of", as_of.isoformat(), "list", "--search", task.id, "--format", "json"
    )[0]
    assert record["expected_percent"] == round(via_nodes, 1)
    # 20% done against 19.1% expected: on track, and green for the same reason.
    assert (record["schedule"], record["light"]) == ("on-track", "green")


# --- status by unit and by leader --------------------------------------------------------


def test_status_by_unit_counts_a_two_lead_task_in_each_row_and_covers_every_task(gwr, assigned):
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    data = _json(gwr, "--as-of", "2021-07-01", "status", "--by", "unit", "--format", "json")
    groups = {g["key"]: g["counts"] for g in data["groups"]}
    assert list(groups) == ["区水务局", "区教育局", "区商务局", "拱北街道", "区城市更新局", ""]
    assert groups["区商务局"]["total"] == groups["拱北街道"]["total"] == 1  # mall-haiyin, twice
    assert groups["区教育局"]["status"]["done"] == 1
    assert groups[""]["total"] == 73 - 5  # 未分工: tasks no unit leads
    overall = data["counts"]
    assert overall == _json(gwr, "--as-of", "2021-07-01", "status", "--format", "json")["counts"]
    assert sum(overall["lights"].values()) == overall["total"] == 73
    for counts in groups.values():
        assert sum(counts["lights"].values()) == counts["total"]
        assert sum(counts["schedule"].values()) == counts["total"]
    # Every task is in at least one row; the two-lead task once more.
    assert sum(c["total"] for c in groups.values()) == 73 + 1
    names = {g["key"]: (g["name"], g["name_en"]) for g in data["groups"]}
    assert names[""] == ("未分工", "unassigned")


def test_english_column_headers_of_the_accountability_views_are_lower_case(gwr, assigned):
    # The 分工 columns read like the others beside them (id, task, area, done).
    gwr.ok("progress", "sewer", "10", "--on", "2021-05-10", "--problems", "征地", "--unit", "水务")
    listed = gwr.ok("--lang", "en", "--as-of", "2021-07-01", "list", "--unit", "水务").stdout
    assert listed.splitlines()[0].split()[-4:] == ["light", "lead", "unit", "role"]
    units = gwr.ok("--lang", "en", "--as-of", "2021-07-01", "units").stdout.splitlines()[0]
    assert units.split() == ["unit", "leads", "supports", "done", "red", "yellow", "green",
                             "last", "report"]  # fmt: skip
    shown = gwr.ok("--lang", "en", "show", "sewer").stdout
    assert "problems" in shown.splitlines()[-2].split()
    assert "lead units           区水务局" in shown and "light" in shown
    assert not any(w in shown for w in ("Problems", "Reported by", "Next steps", "Lead units"))


def test_status_by_leader_table_in_both_languages(gwr, assigned):
    zh = gwr.ok("--lang", "zh", "--as-of", "2021-07-01", "status", "--by", "leader").stdout
    head = zh.splitlines()[1].split()
    assert head[0] == "责任领导" and head[-5:] == ["红灯", "黄灯", "绿灯", "项目总投资", "区级投入"]
    assert any(line.startswith("未分工") for line in zh.splitlines())
    en = gwr.ok("--lang", "en", "--as-of", "2021-07-01", "status", "--by", "leader").stdout
    assert en.splitlines()[1].startswith("leader") and "区领导丙" in en
    data = _json(gwr, "--as-of", "2021-07-01", "status", "--by", "leader", "--format", "json")
    groups = {g["key"]: g["counts"]["total"] for g in data["groups"]}
    assert groups["区领导甲"] == 2 and groups["区领导丙"] == 1  # gdp-growth is an indicator


# --- units ----------------------------------------------------------------------------------


def test_units_lists_every_unit_with_roles_done_lights_and_last_report(gwr, assigned):
    gwr.ok("note", "school-no16", "开工准备", "--on", "2021-05-12")
    gwr.ok("note", "admin-centre-demolition", "配合拆除", "--on", "2021-05-20", "--unit", "水务")
    data = {u["unit"]: u for u in _json(gwr, "--as-of", "2021-07-01", "units", "--format", "json")}
    assert data["区水务局"]["lead"] == ["sewer-pipes-50km"]
    assert data["区水务局"]["partner"] == ["admin-centre-demolition"]
    assert data["区水务局"]["last_report"] == "2021-05-20"  # reported under its own name
    assert data["区教育局"]["last_report"] == "2021-05-12"
    assert data["区商务局"]["last_report"] is None
    assert sum(data["区教育局"]["lights"].values()) == len(data["区教育局"]["lead"]) == 2
    zh = gwr.ok("--lang", "zh", "--as-of", "2021-07-01", "units").stdout
    assert zh.splitlines()[0].split()[:3] == ["单位", "牵头", "配合"]
    assert "未报送" in zh


# --- problems, next steps and the reporting unit ------------------------------------------


def test_problems_next_and_unit_are_recorded_and_shown(gwr, assigned, ledger_dir):
    gwr.ok(
        "progress",
        "sewer",
        "10",
        "--on",
        "2021-05-10",
        "--note",
        "第一批",
        "--problems",
        "征地未完成",
        "--next",
        "协调街道",
        "--unit",
        "水务",
    )
    written = "".join(p.read_text(encoding="utf-8") for p in ledger_dir.glob("*.toml"))
    assert 'problems = "征地未完成"' in written and 'unit = "区水务局"' in written
    shown = gwr.ok("--lang", "zh", "show", "sewer").stdout
    assert "存在问题  征地未完成" in shown and "下步措施  协调街道" in shown
    assert "报送单位" in shown
    record = _json(gwr, "export", "--format", "json")
    sewer = next(r for r in record if r["id"] == "sewer-pipes-50km")
    assert (sewer["problems"], sewer["next"], sewer["reported_by"]) == (
        "征地未完成",
        "协调街道",
        "区水务局",
    )


@pytest.mark.parametrize("action", ["start", "reopen"])
def test_start_and_reopen_take_the_reporting_unit_and_its_texts(gwr, assigned, ledger_dir, action):
    # Every command that records a unit's report takes --unit, --problems and --next,
    # as an imported 推进中 row (a start or a reopen) carries them.
    if action == "reopen":
        gwr.ok("block", "sewer", "--on", "2021-05-03", "--note", "停工")
    gwr.ok(action, "sewer", "--on", "2021-05-10", "--problems", "征地未完成",
           "--next", "协调街道", "--unit", "水务")  # fmt: skip
    written = "".join(p.read_text(encoding="utf-8") for p in ledger_dir.glob("*.toml"))
    assert f'action = "{action}"' in written
    assert 'problems = "征地未完成"' in written and 'unit = "区水务局"' in written
    units = gwr.ok("--lang", "zh", "--as-of", "2021-05-31", "units").stdout
    assert any(line.startswith("区水务局") and "2021-05-10" in line for line in units.splitlines())


def test_an_unknown_reporting_unit_is_refused_and_nothing_written(gwr, assigned, ledger_dir):
    result = gwr("--lang", "zh", "note", "sewer", "说明", "--unit", "公安局")
    assert result.exit_code == 1 and "公安局" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not list(ledger_dir.glob("*.toml"))


def test_export_csv_carries_the_light_and_the_assignment(gwr, assigned):
    gwr.ok(
        "block",
        "mall-haiyin",
        "--note",
        "资金未到位",
        "--problems",
        "资金缺口",
        "--on",
        "2021-06-01",
    )
    content = gwr.ok("--lang", "zh", "--as-of", "2021-07-01", "export").stdout
    rows = list(csv.reader(io.StringIO(content.lstrip("\ufeff"))))
    header = rows[0]
    assert header[-8:] == [
        "亮灯",
        "亮灯原因",
        "牵头单位（分工）",
        "配合单位",
        "责任领导",
        "存在问题",
        "下步措施",
        "报送单位",
    ]
    by_id = {row[header.index("编号")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    mall = by_id["mall-haiyin"]
    assert mall["亮灯"] == "红灯" and mall["牵头单位（分工）"] == "区商务局、拱北街道"
    assert mall["存在问题"] == "资金缺口"
    assert by_id["city-balcony"]["牵头单位（分工）"] == "未分工"


# --- check and where -----------------------------------------------------------------------


def test_where_prints_the_assignments_path(gwr, isolated_home):
    out = gwr.ok("where").stdout
    assert f"assignments: {isolated_home / 'assignments.toml'}" in out


def test_check_validates_the_assignments_with_file_and_line(gwr, assigned):
    ok = gwr.ok("--lang", "en", "check").stdout
    assert "assignments: 6 entries" in ok
    assigned.write_text(
        FICTIONAL.read_text(encoding="utf-8") + '\n[[assignments]]\ntask = "no-such-task"\n'
        'lead = ["区水务局"]\n',
        encoding="utf-8",
    )
    bad = gwr("--lang", "en", "check")
    assert bad.exit_code == 1
    line = next(x for x in bad.stdout.splitlines() if "no-such-task" in x)
    assert f"{assigned}:" in line and "no task or indicator" in line
    zh = gwr("--lang", "zh", "check")
    assert zh.exit_code == 1 and "分工文件有1处问题" in zh.stdout


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "value", "zh_title", "en_title", "start", "end"),
    [
        ("--week", "2021-W19", "落实情况周报", "weekly", "2021-05-10", "2021-05-16"),
        ("--month", "2021-05", "落实情况月报", "monthly report", "2021-05-01", "2021-05-31"),
        (
            "--quarter",
            "2021-Q2",
            "落实情况季度通报",
            "quarterly bulletin",
            "2021-04-01",
            "2021-06-30",
        ),
        ("--half", "2021-H1", "落实情况半年通报", "half-year bulletin", "2021-01-01", "2021-06-30"),
        ("--year", "2021", "年度完成情况", "year-end review", "2021-01-01", "2021-12-31"),
    ],
)
def test_each_period_has_its_window_and_title(gwr, option, value, zh_title, en_title, start, end):
    args = ("--as-of", "2022-01-10", "summary", option, value)
    zh = gwr.ok("--lang", "zh", *args).stdout.splitlines()
    assert zh[0].endswith(zh_title)
    en = gwr.ok("--lang", "en", *args).stdout.splitlines()
    assert en_title in en[0]
    data = _json(gwr, *args, "--format", "json")
    kind = option[2:]
    assert data["period"] == {"kind": kind, "key": value, "start": start, "end": end}
    assert (data["week_start"], data["week_end"]) == (start, end)
    assert data["week"] == (value if kind == "week" else None)
    assert data["schema"] == 3


def test_two_periods_at_once_are_refused(gwr):
    result = gwr("--lang", "zh", "summary", "--month", "2021-05", "--year", "2021")
    # Options that cannot go together: a usage error, exit 2 as Click's own.
    assert result.exit_code == 2
    assert result.stderr == "gwr：错误：只能选择一个期间（给出了--month、--year）\n"


def test_the_year_report_opens_with_the_year_end_statement(gwr):
    gwr.ok("done", "school-no16", "--on", "2021-08-31")
    gwr.ok("done", "sewer", "--on", "2021-11-30")
    gwr.ok("start", "mall-haiyin", "--on", "2021-03-01")
    # 70 tasks never started: the statement says so, as the headline after it does
    zh = gwr.ok("--lang", "zh", "--as-of", "2022-01-10", "summary", "--year", "2021").stdout
    assert zh.splitlines()[3].startswith(
        "部署的73项具体工作，2项已经完成，1项正在推进，70项尚未启动。截至"
    )
    en = gwr.ok("--lang", "en", "--as-of", "2022-01-10", "summary", "--year", "2021").stdout
    assert en.splitlines()[3].startswith(
        "Of the 73 tasks set, 2 done, 1 under way and 70 not started."
    )
    data = _json(gwr, "--as-of", "2022-01-10", "summary", "--year", "2021", "--format", "json")
    assert data["year_end"] == {"total": 73, "done": 2, "ongoing": 71}
    # every unfinished task started: the report's own words
    for task in load_registry(SHIPPED_REGISTRY).tasks:
        if task.id not in ("school-no16", "sewer-pipes-50km", "mall-haiyin"):
            gwr.ok("start", task.id, "--on", "2021-12-01")
    zh = gwr.ok("--lang", "zh", "--as-of", "2022-01-10", "summary", "--year", "2021").stdout
    assert zh.splitlines()[3].startswith("部署的73项具体工作，2项已经完成，71项正在推进。截至")
    en = gwr.ok("--lang", "en", "--as-of", "2022-01-10", "summary", "--year", "2021").stdout
    assert en.splitlines()[3].startswith("Of the 73 tasks set, 2 are done and 71 are under way.")
    month = _json(gwr, "--as-of", "2022-01-10", "summary", "--month", "2021-05", "--format", "json")
    assert month["year_end"] is None


def test_a_month_speaks_of_this_month_not_this_week(gwr):
    gwr.ok("progress", "sewer", "10", "--on", "2021-05-10")
    zh = gwr.ok("--lang", "zh", "--as-of", "2021-06-30", "summary", "--month", "2021-05").stdout
    assert "本月新完成0项" in zh and "本周" not in zh
    en = gwr.ok("--lang", "en", "--as-of", "2021-06-30", "summary", "--month", "2021-05").stdout
    assert "This month: 0 completed" in en and "this week" not in en.lower()


# --- the end-to-end of issue 11's "done when" ------------------------------------------------


def _a_month_of_reports(gwr):
    """May 2021 as an office records it: reports with problems and next steps."""
    gwr.ok(
        "progress",
        "sewer",
        "8",
        "--on",
        "2021-05-06",
        "--note",
        "第一批管网",
        "--problems",
        "征地拆迁未完成",
        "--next",
        "协调前山街道加快征地",
        "--unit",
        "水务局",
    )
    gwr.ok("note", "sewer", "第二批管网开工", "--on", "2021-05-25", "--next", "六月底完成一期")
    gwr.ok(
        "progress",
        "school-no16",
        "60%",
        "--on",
        "2021-05-20",
        "--note",
        "主体封顶",
        "--next",
        "装修招标",
        "--unit",
        "教育局",
    )
    gwr.ok(
        "block",
        "mall-haiyin",
        "--on",
        "2021-05-21",
        "--note",
        "招商进度慢",
        "--problems",
        "主力店未签约",
        "--next",
        "召开招商协调会",
        "--unit",
        "拱北街道",
    )


def test_a_monthly_report_names_red_tasks_their_units_and_leaders_and_silent_units(gwr, assigned):
    _a_month_of_reports(gwr)
    args = ("--as-of", "2021-06-05", "summary", "--month", "2021-05")
    data = _json(gwr, *args, "--format", "json")
    assert data["has_assignments"] is True
    alerts = {a["task"]["id"]: a for a in data["alerts"]}
    colors = [a["light"] for a in data["alerts"]]
    assert colors == sorted(colors, key=["red", "yellow"].index)  # red first
    mall = alerts["mall-haiyin"]
    assert mall["light"] == "red" and mall["reason_key"] == "not-started-late"
    assert mall["lead"] == ["区商务局", "拱北街道"] and mall["leader"] == ["区领导甲", "区领导丙"]
    assert (mall["problems"], mall["problems_on"]) == ("主力店未签约", "2021-05-21")
    assert alerts["kindergartens-open-5"]["lead"] == ["区教育局"]
    assert "school-no16" not in alerts  # 60% by 20 May: ahead, green
    sewer = alerts["sewer-pipes-50km"]  # 16% against 30.5% expected by its nodes: yellow
    assert sewer["light"] == "yellow" and sewer["problems"] == "征地拆迁未完成"
    # 未报送单位: lead units with no event in May; 拱北街道 reported the mall,
    # which 区商务局 leads too, so both count as having reported.
    silent = [s["unit"] for s in data["silent_units"]]
    assert silent == ["区城市更新局", "区发展改革局"]
    assert all(s["last_report"] is None for s in data["silent_units"])
    reports = [(r["task"]["id"], r["unit"], r["problems"], r["next"]) for r in data["reports"]]
    assert ("sewer-pipes-50km", "区水务局", "征地拆迁未完成", "协调前山街道加快征地") in reports
    # Every count equals `gwr status --by unit` at the month's end.
    status = _json(gwr, "--as-of", "2021-05-31", "status", "--by", "unit", "--format", "json")
    assert data["counts"] == status["counts"]
    assert [(u["unit"], u["counts"]) for u in data["units"]] == [
        (g["key"], g["counts"]) for g in status["groups"]
    ]
    # In both languages, the text names the red task, its units and leaders.
    zh = gwr.ok("--lang", "zh", *args).stdout
    assert zh.splitlines()[0] == "2021年珠海市香洲区政府工作报告落实情况月报"
    assert "亮灯预警" in zh and "分单位情况" in zh and "未报送单位（2个）" in zh
    lit = data["counts"]["lights"]
    assert f"亮灯：红灯{lit['red']}项，黄灯{lit['yellow']}项，绿灯{lit['green']}项。" in zh
    status_zh = gwr.ok("--lang", "zh", "--as-of", "2021-05-31", "status", "--by", "unit").stdout
    assert (
        status_zh.splitlines()[-1]
        == f"亮灯：红灯{lit['red']}项，黄灯{lit['yellow']}项，绿灯{lit['green']}项。"
    )
    mall_line = next(x for x in zh.splitlines() if "[mall-haiyin]" in x and "红灯" in x)
    assert (
        "牵头单位：区商务局、拱北街道" in mall_line and "责任领导：区领导甲、区领导丙" in mall_line
    )
    assert "存在问题：主力店未签约（2021年5月21日）" in mall_line
    # The Chinese summary writes every date one way, lights' reasons and reports too.
    assert "自2021年2月24日起" in zh
    assert "· 2021年5月21日 · 拱北街道：存在问题：主力店未签约" in zh
    assert not re.search(r"\d{4}-\d{2}-\d{2}", zh)
    assert "区城市更新局 · 尚无报送" in zh
    unit_rows = zh.split("分单位情况")[1].splitlines()
    education = next(x for x in unit_rows if x.strip().startswith("区教育局")).split()
    assert education[1] == "0/2"  # tasks and done, then the lights
    en = gwr.ok("--lang", "en", *args).stdout
    assert "monthly report" in en.splitlines()[0]
    mall_en = next(x for x in en.splitlines() if "[mall-haiyin]" in x and x.split()[1] == "red")
    assert "lead: 区商务局, 拱北街道" in mall_en and "leader: 区领导甲, 区领导丙" in mall_en
    assert "Units that did not report (2)" in en
    markdown = gwr.ok("--lang", "zh", *args, "--format", "markdown").stdout
    assert "## 亮灯预警" in markdown and "| 牵头单位 |" in markdown


def test_without_assignments_the_summary_has_no_unit_sections(gwr):
    data = _json(gwr, "--as-of", "2021-06-05", "summary", "--month", "2021-05", "--format", "json")
    assert data["has_assignments"] is False
    assert data["alerts"] == data["units"] == data["silent_units"] == []
    zh = gwr.ok("--lang", "zh", "--as-of", "2021-06-05", "summary", "--month", "2021-05").stdout
    assert "亮灯预警" not in zh and "未报送单位" not in zh


def test_the_installed_gwr_sends_the_monthly_report(tmp_path, isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(FICTIONAL, isolated_home / "assignments.toml")
    recorded = run_installed(
        "progress",
        "sewer",
        "8",
        "--on",
        "2021-05-06",
        "--problems",
        "征地拆迁未完成",
        "--unit",
        "水务",
    )
    assert recorded.returncode == 0, recorded.stderr
    result = run_installed("--lang", "zh", "--as-of", "2021-06-05", "summary", "--month", "2021-05")
    assert result.returncode == 0, result.stderr
    assert "落实情况月报" in result.stdout and "区城市更新局 · 尚无报送" in result.stdout


def test_new_summary_sections_have_exactly_the_documented_keys(gwr, assigned):
    from test_summary import _documented_keys

    _a_month_of_reports(gwr)
    documented = _documented_keys()
    data = _json(gwr, "--as-of", "2021-06-05", "summary", "--month", "2021-05", "--format", "json")
    for key in ("alerts", "units", "silent_units", "reports"):
        assert data[key], key
        assert list(data[key][0]) == documented[key], key
    assert list(data["period"]) == documented["period"]
    assert list(data["counts"]["lights"]) == ["red", "yellow", "green"]
    year = _json(gwr, "--as-of", "2022-01-10", "summary", "--year", "2021", "--format", "json")
    assert list(year["year_end"]) == documented["year_end"]


# --- the partitions by unit and by leader, for any history ---------------------------------


TASK_IDS = [t.id for t in REGISTRY.tasks]


@given(
    done=st.sets(st.sampled_from(TASK_IDS), max_size=20),
    progressed=st.dictionaries(st.sampled_from(TASK_IDS), st.integers(1, 99), max_size=20),
    as_of=st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2022, 3, 1)),
)
@settings(max_examples=60, deadline=None)
def test_groups_by_unit_and_leader_cover_every_task_and_each_partition_sums(
    done, progressed, as_of
):
    from conftest import make_event
    from gwr_cli.schedule_lights import lights, schedules
    from gwr_cli.status import task_states
    from gwr_cli.tally import by_leader, by_unit, count, grouped

    assignments = load_assignments(FICTIONAL, REGISTRY, "en")
    on = dt.date(2021, 4, 1)
    history = [make_event(t, "progress", on, 0.0 + p) for t, p in progressed.items()]
    history += [make_event(t, "done", on) for t in done]
    states = task_states(REGISTRY, history, as_of)
    nodes = assignments.nodes_by_task()
    scheduled = schedules(REGISTRY, states, as_of, nodes)
    lit = lights(REGISTRY, states, as_of, nodes)
    overall = count(states.values(), scheduled, lit)
    assert sum(overall.light_counts().values()) == overall.total == 73
    for grouping in (by_unit(assignments), by_leader(assignments)):
        groups = grouped(states.values(), scheduled, grouping, lit)
        members = {task_id for task_id in states for key in grouping.keys(states[task_id].task)}
        assert members == set(states)  # every task in some row (未分工 included)
        for tally in groups.values():
            assert sum(tally.light_counts().values()) == tally.total
            assert sum(tally.schedule_counts().values()) == tally.total
            assert tally.done + tally.in_progress + tally.not_started == tally.total
        shared = sum(len(grouping.keys(s.task)) - 1 for s in states.values())
        assert sum(t.total for t in groups.values()) == 73 + shared
        assert sum(t.red for t in groups.values()) >= overall.red


def test_english_headers_and_labels_are_lower_case_like_the_rest(gwr, assigned):
    """One table, one style: `gwr list` printed "schedule  Light", `gwr show`
    "status … Light … Lead units", the history "note  Problems  by"."""
    gwr.ok("progress", "sewer", "20", "--on", "2021-05-01", "--problems", "x", "--next", "y")
    listing = gwr.ok("--lang", "en", "list", "--unit", "水务").stdout.splitlines()[0].split()
    assert listing[:2] == ["id", "task"] and "light" in listing and "role" in listing
    shown = gwr.ok("--lang", "en", "show", "sewer").stdout
    labels = [line.split("  ")[0] for line in shown.splitlines() if line and "  " in line]
    assert "light" in labels and "lead units" in labels and "problems" in labels
    assert all(label == label.lower() for label in labels if label.isascii())
    units = gwr.ok("--lang", "en", "units").stdout.splitlines()[0]
    assert units.split()[:3] == ["unit", "leads", "supports"]
