"""Numbers leaders can trust (issue 8): each case as first seen, with the right value.

Each test reproduces one reported fault and pins the value gwr must give; all
of them failed before the one tally, the event state machine and the report
time zone.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from conftest import SHIPPED_REGISTRY, copy_registry
from gwr_cli.ledger import Event
from gwr_cli.registry_load import load_registry
from gwr_cli.status import fold_task, task_states

REGISTRY = load_registry(SHIPPED_REGISTRY)
D = dt.date


def _json(gwr, *args):
    return json.loads(gwr.ok(*args).stdout)


def _sums(counts):
    status, schedule = counts["status"], counts["schedule"]
    return (
        status["done"] + status["in_progress"] + status["not_started"],
        sum(schedule.values()),
    )


# --- 1. counts that add up to more than the total ------------------------------------


@pytest.mark.parametrize("as_of", ["2022-01-02", "2021-07-05"])
def test_case_1_both_partitions_sum_to_the_total_and_status_agrees(gwr, as_of):
    summary = _json(gwr, "--as-of", as_of, "summary", "--format", "json")
    status = _json(gwr, "--as-of", as_of, "status", "--format", "json")
    assert _sums(summary["counts"]) == (73, 73)
    assert status["counts"] == summary["counts"]
    for area in summary["areas"]:
        assert _sums(area["counts"]) == (area["counts"]["total"],) * 2
    if as_of == "2022-01-02":
        assert summary["counts"]["status"]["not_started"] == 73
        assert summary["counts"]["schedule"]["overdue"] == 73
        assert summary["counts"]["schedule"]["not_started"] == 0
    zh = gwr.ok("--lang", "zh", "--as-of", "2022-01-02", "summary").stdout
    assert "已完成0项（0%），正在推进0项，未启动73项。" in zh
    assert "未启动0项，逾期未完成73项。" in zh
    education = next(line for line in zh.splitlines() if line.strip().startswith("教育"))
    assert education.split()[1:] == ["0/10", "0%", "0", "0", "0", "0", "10"]


# --- 2. a backfilled completion or block silently reversed ----------------------------


def test_case_2_backfilled_done_before_later_progress_is_refused(gwr, ledger_dir):
    gwr.ok("progress", "sewer", "20", "--on", "2021-05-01")
    gwr.ok("progress", "sewer", "30", "--on", "2021-06-01")
    before = {p.name: p.read_bytes() for p in ledger_dir.glob("*.toml")}
    refused = gwr("done", "sewer", "--on", "2021-05-15")
    assert refused.exit_code == 1
    assert "progress on 2021-06-01 by tester" in refused.stderr
    assert "gwr undo" in refused.stderr and "gwr reopen" in refused.stderr
    assert {p.name: p.read_bytes() for p in ledger_dir.glob("*.toml")} == before  # nothing written
    assert "in progress" in gwr.ok("show", "sewer").stdout


def test_case_2_backfilled_block_a_later_progress_would_lift_is_refused(gwr):
    gwr.ok("progress", "sewer", "20", "--on", "2021-05-01")
    gwr.ok("progress", "sewer", "30", "--on", "2021-06-01")
    refused = gwr("block", "sewer", "--on", "2021-05-15", "--note", "停工")
    assert refused.exit_code == 1 and "progress on 2021-06-01" in refused.stderr
    zh = gwr("--lang", "zh", "block", "sewer", "--on", "2021-05-15", "--note", "停工")
    assert "与之后的记录矛盾：进展（2021-06-01" in zh.stderr


def test_case_2_confirmation_is_what_show_shows(gwr):
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    backfill = gwr.ok("start", "school-no16", "--on", "2021-03-01").stdout
    assert "→" not in backfill  # still done: the confirmation says no change
    shown = gwr.ok("show", "school-no16").stdout
    assert "done" in shown


def test_merged_contradictions_are_folded_by_the_state_machine_and_listed_by_check(gwr, ledger_dir):
    ledger_dir.mkdir(parents=True)
    (ledger_dir / "a.toml").write_text(
        '[[events]]\nid = "a1"\ntask = "sewer-pipes-50km"\naction = "done"\n'
        'on = 2021-05-02\nat = 2021-05-02T01:00:00Z\nby = "a"\n',
        encoding="utf-8",
    )
    (ledger_dir / "b.toml").write_text(
        '[[events]]\nid = "b1"\ntask = "sewer-pipes-50km"\naction = "progress"\nvalue = 30\n'
        'on = 2021-05-20\nat = 2021-05-20T01:00:00Z\nby = "b"\n'
        '[[events]]\nid = "b2"\ntask = "sewer-pipes-50km"\naction = "done"\n'
        'on = 2021-05-03\nat = 2021-05-03T01:00:00Z\nby = "b"\n',
        encoding="utf-8",
    )
    record = _json(gwr, "list", "--search", "sewer-pipes", "--format", "json")[0]
    # 9. done_on is the first done of the current completion; the progress after
    # done without reopen does not count.
    assert (record["status"], record["done_on"], record["value"]) == ("done", "2021-05-02", None)
    shown = gwr.ok("show", "sewer").stdout
    assert "not counted: done on 2021-05-03 by b (event b2)" in shown
    assert "not counted: progress on 2021-05-20 by b (event b1)" in shown
    check = gwr("check")
    assert check.exit_code == 1
    assert "2 ledger events contradict earlier ones" in check.stdout
    assert "b2 done sewer-pipes-50km (2021-05-03) after done" in check.stdout
    assert "b1 progress sewer-pipes-50km (2021-05-20) after done" in check.stdout


# --- 3. same-second records ordered by author name -------------------------------------


def test_case_3_fold_order_follows_recording_never_the_author_name():
    task = REGISTRY.task("school-no16")
    base = dt.datetime(2021, 5, 1, 8, 0, 0, tzinfo=dt.UTC)
    done = Event("e1", task.id, "done", D(2021, 5, 1), base.replace(microsecond=100), "zhang")
    reopen = Event("e2", task.id, "reopen", D(2021, 5, 1), base.replace(microsecond=900), "li")
    states = task_states(REGISTRY.replace(tasks=(task,)), [reopen, done], D(2021, 5, 2))
    assert states[task.id].status == "in-progress"


# --- 4. the summary's sections ---------------------------------------------------------


@pytest.fixture
def week_records(gwr):
    for args in [
        ("block", "mall-haiyin", "--on", "2021-05-10", "--note", "资金未到位"),
        ("note", "mall-haiyin", "已召开协调会", "--on", "2021-05-12"),
        ("start", "school-no16", "--on", "2021-03-01", "--note", "暂缓招标"),
        ("done", "school-no16", "--on", "2021-05-11"),
        ("reopen", "school-no16", "--on", "2021-05-18", "--note", "消防验收未过"),
        ("block", "hotel-hilton", "--on", "2021-05-11", "--note", "装修延期"),
        ("block", "hotel-hilton", "--on", "2021-05-19", "--note", "业主资金链断裂"),
    ]:
        gwr.ok(*args)
    return gwr


def _week(gwr, week, *args):
    return gwr.ok("summary", "--week", week, "--as-of", "2021-12-01", *args).stdout


def test_case_4_week_19_sections(week_records):
    data = json.loads(_week(week_records, "2021-W19", "--format", "json"))
    # Blocked-only tasks are newly blocked, never started.
    assert data["started"] == []
    assert data["counts"]["status"]["in_progress"] == 0
    assert data["counts"]["status"]["blocked_not_started"] == 2
    blocked = {b["task"]["id"]: (b["on"], b["note"]) for b in data["blocked"]}
    assert blocked == {
        "mall-haiyin": ("2021-05-10", "资金未到位"),  # the block's own date, not the note's
        "hotel-hilton-wanzai": ("2021-05-11", "装修延期"),
    }
    # The completion carries its own (empty) note, not March's 暂缓招标.
    assert [(c["task"]["id"], c["on"], c["note"]) for c in data["completed"]] == [
        ("school-no16", "2021-05-11", "")
    ]
    assert [n["note"] for n in data["notes"]] == ["已召开协调会"]
    text = _week(week_records, "2021-W19", "--lang", "zh")
    assert "暂缓招标" not in text
    assert text.count("资金未到位") == 1


def test_case_4_week_20_withdrawn_completion_and_every_note(week_records):
    data = json.loads(_week(week_records, "2021-W20", "--format", "json"))
    assert [(w["task"]["id"], w["on"], w["note"]) for w in data["withdrawn"]] == [
        ("school-no16", "2021-05-18", "消防验收未过")
    ]
    assert data["progressed"] == [] and data["corrected"] == []
    assert data["counts_at_week_start"]["status"]["done"] == 1
    assert data["counts"]["status"]["done"] == 0  # the withdrawal lowers the count
    assert [n["note"] for n in data["notes"]] == ["业主资金链断裂"]  # the second block's note
    text = _week(week_records, "2021-W20", "--lang", "zh")
    assert "撤销完成（1项）" in text and "2021年5月18日撤销完成 · 消防验收未过" in text
    assert "撤销完成1项" in text


def test_case_4_reversed_within_the_week_still_appears_and_corrections(gwr):
    gwr.ok("start", "school-no16", "--on", "2021-05-03")
    gwr.ok("done", "school-no16", "--on", "2021-05-11", "--note", "通过验收")
    gwr.ok("reopen", "school-no16", "--on", "2021-05-13", "--note", "验收撤回")
    gwr.ok("block", "mall-haiyin", "--on", "2021-05-10", "--note", "资金未到位")
    gwr.ok("reopen", "mall-haiyin", "--on", "2021-05-12")
    gwr.ok("progress", "kindergartens-open-5", "2", "--on", "2021-05-03")
    gwr.ok("progress", "kindergartens-open-5", "1", "--on", "2021-05-12")
    data = json.loads(_week(gwr, "2021-W19", "--format", "json"))
    assert [(c["task"]["id"], c["note"]) for c in data["completed"]] == [
        ("school-no16", "通过验收")
    ]
    assert [(w["task"]["id"], w["note"]) for w in data["withdrawn"]] == [
        ("school-no16", "验收撤回")
    ]
    assert [(b["task"]["id"], b["lifted_on"]) for b in data["blocked"]] == [
        ("mall-haiyin", "2021-05-12")
    ]
    assert [c["task"]["id"] for c in data["corrected"]] == ["kindergartens-open-5"]
    assert data["progressed"] == []  # 2 → 1 is a correction, not progress


def test_case_4_note_of_the_completing_progress_is_printed_once(gwr):
    gwr.ok("progress", "sewer", "50", "--on", "2021-05-12", "--note", "全部完工")
    text = _week(gwr, "2021-W19", "--lang", "zh")
    assert text.count("全部完工") == 1


# --- 5. export's 最新进展 --------------------------------------------------------------


def test_case_5_latest_update_pairs_a_date_with_its_own_note(gwr):
    gwr.ok("block", "mall-haiyin", "--on", "2021-06-01", "--note", "资金未到位")
    gwr.ok("reopen", "mall-haiyin", "--on", "2021-06-20")
    rows = list(csv.reader(io.StringIO(gwr.ok("--lang", "zh", "export").stdout.lstrip("\ufeff"))))
    row = next(r for r in rows if r[10] == "mall-haiyin")
    assert row[8] == "2021-06-20"


# --- 6. done keeps the recorded value --------------------------------------------------


def test_case_6_done_numeric_task_keeps_the_recorded_value(gwr):
    gwr.ok("progress", "sewer", "32", "--on", "2021-05-01")
    confirmed = gwr.ok("--lang", "zh", "done", "sewer", "--on", "2021-05-02").stdout
    assert "已完成 32/50公里" in confirmed
    assert "32/50公里" in gwr.ok("--lang", "zh", "show", "sewer").stdout
    rows = list(csv.reader(io.StringIO(gwr.ok("--lang", "zh", "export").stdout.lstrip("\ufeff"))))
    row = next(r for r in rows if r[10] == "sewer-pipes-50km")
    assert row[5] == "32/50公里" and row[6] == "已完成"
    assert _json(gwr, "list", "--search", "sewer-pipes", "--format", "json")[0]["value"] == 32


# --- 7. rounding up to 100% ------------------------------------------------------------


def test_case_7_percent_rounds_down_and_reaches_100_only_when_done(gwr):
    gwr.ok("progress", "talent-housing-1000", "996", "--on", "2021-05-01")
    gwr.ok("progress", "sewer", "49.999", "--on", "2021-05-01")
    out = gwr.ok("list", "--search", "talent-housing").stdout
    assert "#########-  99%" in out and "100%" not in out
    sewer = gwr.ok("list", "--search", "sewer-pipes").stdout
    assert "49.99/50 km" in sewer and "50/50" not in sewer


def test_a_value_just_below_a_whole_number_is_never_shown_rounded_up(gwr):
    """49.999 km is shown as 49.99 wherever a value is printed (the history, the
    summary's before → after, an indicator), never as the 50 that reads done."""
    gwr.ok("progress", "sewer", "49.999", "--on", "2021-05-11")
    gwr.ok("indicator", "set", "gdp-growth", "5.999", "--on", "2021-05-11")
    history = gwr.ok("show", "sewer").stdout.splitlines()[-1]
    assert "49.99" in history and " 50 " not in history
    summary = gwr.ok("summary", "--week", "2021-W19").stdout
    assert "0 → 49.99 km" in summary and "→ 50 km" not in summary
    assert "GDP growth: 5.99% (target >= 6%, not met)" in summary
    assert "5.99%" in gwr.ok("indicator", "list").stdout
    record = _json(gwr, "summary", "--week", "2021-W19", "--format", "json")["progressed"][0]
    assert record["after_value"] == 49.999  # data keep the value exactly


# --- 8. warnings include untouched tasks -----------------------------------------------


def test_case_8_not_started_tasks_past_tolerance_are_warned(gwr):
    data = _json(gwr, "--as-of", "2021-06-10", "summary", "--format", "json")
    warned = {w["task"]["id"]: w for w in data["warnings"]}
    demolition = warned["admin-centre-demolition"]
    assert demolition["schedule"] == "not-started" and demolition["expected_percent"] > 80
    assert data["warnings"][0]["task"]["id"] == "admin-centre-demolition"  # furthest first
    early = _json(gwr, "--as-of", "2021-03-01", "summary", "--format", "json")
    assert early["warnings"] == []  # within tolerance nobody is warned yet


# --- 9. done_on of the current completion ----------------------------------------------


def test_case_9_done_on_is_the_first_done_of_the_current_completion():
    task = REGISTRY.task("school-no16")
    at = dt.datetime(2021, 6, 1, tzinfo=dt.UTC)
    events = [
        Event("a", task.id, "done", D(2021, 5, 2), at, "a", seq=1),
        Event("b", task.id, "done", D(2021, 5, 3), at, "b", seq=2),
    ]
    state = fold_task(task, events, D(2021, 6, 1))
    assert state.done_on == D(2021, 5, 2)
    assert [e.id for e in state.contradicted] == ["b"]
    reopened = fold_task(
        task,
        [
            *events,
            Event("c", task.id, "reopen", D(2021, 5, 4), at, "a", seq=3),
            Event("d", task.id, "done", D(2021, 5, 9), at, "a", seq=4),
        ],
        D(2021, 6, 1),
    )
    assert reopened.done_on == D(2021, 5, 9)


# --- 10. the report's time zone ----------------------------------------------------------


def _zoned_registry(tmp_path, zone):
    return copy_registry(
        tmp_path / zone.replace("/", "_"),
        lambda text: text.replace('timezone = "Asia/Shanghai"', f'timezone = "{zone}"'),
    )


def test_case_10_today_is_the_date_in_the_report_time_zone(gwr, tmp_path):
    from gwr_cli.workspace import Workspace

    east = Workspace(registry_option=str(_zoned_registry(tmp_path, "Pacific/Kiritimati")))
    west = Workspace(registry_option=str(_zoned_registry(tmp_path, "Etc/GMT+12")))
    # UTC+14 and UTC-12 are 26 hours apart: never the same date.
    assert east.today() > west.today()
    assert east.as_of == east.today()
    registry = str(_zoned_registry(tmp_path, "Pacific/Kiritimati"))
    gwr.ok("--registry", registry, "note", "sewer", "今日记录")
    record = _json(gwr, "--registry", registry, "list", "--search", "sewer-p", "--format", "json")
    assert record[0]["last_update"] == east.today().isoformat()


def test_shipped_registry_is_in_beijing_time():
    assert REGISTRY.report.timezone == "Asia/Shanghai"


def test_unknown_time_zone_is_refused(gwr, tmp_path):
    registry = _zoned_registry(tmp_path, "Mars/Olympus")
    result = gwr("--registry", str(registry), "status")
    assert result.exit_code == 1 and "timezone" in result.stderr


# --- 11. investment labelled for what it is -----------------------------------------------


def test_case_11_total_project_investment_and_the_districts_own(gwr):
    zh = gwr.ok("--lang", "zh", "status").stdout
    assert "项目总投资" in zh and "计划投资" not in zh
    assert "total project investment" in gwr.ok("status").stdout
    district = {t.id for t in REGISTRY.tasks if t.investment_kind == "district"}
    assert district == {"digital-100-firms", "micro-projects"}
    assert "区级投入" in gwr.ok("--lang", "zh", "show", "micro-projects").stdout
    assert "项目总投资" in gwr.ok("--lang", "zh", "show", "phoenix-valley").stdout
    records = {r["id"]: r for r in _json(gwr, "export", "--format", "json")}
    assert records["micro-projects"]["investment_kind"] == "district"
    assert records["phoenix-valley"]["investment_kind"] == "total"
    counts = _json(gwr, "status", "--format", "json")["counts"]
    assert counts["district_investment_yuan"] == 25_000_000 + 130_000_000
    # The district's own money is never added to the projects' total investment.
    assert counts["investment_yuan"] == 90_765_000_000 - 155_000_000
    total = next(line for line in zh.splitlines() if line.startswith("合计"))
    assert total.split()[-2:] == ["906.1亿元", "1.55亿元"]
    assert "区级投入" in zh.splitlines()[1]


# --- 12. registry corrections -------------------------------------------------------------


def test_case_12_registry_corrections():
    tasks = {t.id: t for t in REGISTRY.tasks}
    assert all(t.milestone and t.milestone_en for t in REGISTRY.tasks)
    assert tasks["admin-centre-demolition"].milestone == "拆除"
    assert "Polytec" in tasks["complexes-start-5"].title_en
    assert "political building" in tasks["political-building"].title_en
    assert "coastal belt and nine bays" in tasks["lovers-road"].title_en
    assert "published" not in tasks["key-projects-map"].title_en
    assert tasks["elderly-wanzai-centre"].title_en.startswith("Speed up")
    assert tasks["community-social-work"].title_en.startswith("Push ahead")
    assert tasks["waste-sorting"].area == "city-management"


# --- issue 9 item 9: extreme dates --------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--as-of", "9999-12-31", "summary"),
        ("--as-of", "0001-01-01", "summary"),
        ("summary", "--week", "9999-W52"),
        ("--as-of", "9999-12-31", "summary", "--week", "9999-W52", "--format", "markdown"),
        ("--as-of", "9999-12-31", "status"),
        ("--as-of", "0001-01-01", "status"),
    ],
)
def test_extreme_dates_give_a_valid_answer(gwr, args):
    result = gwr(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout


def test_extreme_last_week_gives_one_clear_line(gwr):
    result = gwr("--as-of", "0001-01-03", "summary", "--week", "last")
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "out of the range" in result.stderr


def test_undo_that_would_leave_a_later_record_contradicted_is_refused(gwr, ledger_dir):
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    gwr.ok("reopen", "school-no16", "--on", "2021-05-10")
    gwr.ok("progress", "school-no16", "50%", "--on", "2021-05-20", env={"GWR_USER": "li"})
    gwr.ok("note", "sewer", "其他任务的备注", "--on", "2021-05-21")
    gwr.ok("undo")  # the note: nothing rests on it
    refused = gwr("undo")  # the reopen: li's progress rests on it
    assert refused.exit_code == 1 and "progress on 2021-05-20 by li" in refused.stderr
    record = _json(gwr, "list", "--search", "school-no16", "--format", "json")[0]
    assert (record["status"], record["percent"]) == ("in-progress", 50)


def test_full_width_numbers_typed_are_the_numbers_an_import_reads(gwr):
    """A Chinese input method types ４０％ and １２．５; `gwr collect import` read
    them (NFKC) while `gwr progress` refused ４０％ and accepted ５ only."""
    gwr.ok("progress", "preschool", "４０％", "--on", "2021-05-01")
    gwr.ok("progress", "sewer", "１２．５", "--on", "2021-05-01")
    gwr.ok("indicator", "set", "gdp-growth", "－１．２％", "--on", "2021-05-01")
    records = {r["id"]: r for r in _json(gwr, "list", "--format", "json")}
    assert records["preschool-5080"]["percent"] == 40
    assert records["sewer-pipes-50km"]["value"] == 12.5
    assert "-1.2%" in gwr.ok("indicator", "list").stdout
    negative = gwr("--lang", "zh", "progress", "sewer", "－１")
    assert negative.exit_code == 1 and "为负数" in negative.stderr
