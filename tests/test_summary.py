"""The weekly summary from a ledger of backdated events: section by section,
both languages, all three formats, and JSON keys as documented in the README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


@pytest.fixture
def weeks_of_progress(gwr):
    """Three weeks of a supervision office's records, entered afterwards."""
    for args in [
        ("start", "sewer-pipes-50km", "--on", "2021-04-01"),
        ("progress", "sewer-pipes-50km", "18", "--on", "2021-05-03"),  # week 18
        ("start", "gree-park-phase1", "--on", "2021-03-01"),
        ("progress", "admin-centre-demolition", "30%", "--on", "2021-04-10"),
        ("done", "nanping-concept-plan", "--on", "2021-04-20"),
        # week 19: 2021-05-10 .. 2021-05-16
        ("progress", "sewer-pipes-50km", "24", "--on", "2021-05-12", "--note", "第二批管网完工"),
        ("done", "school-no16", "--on", "2021-05-11", "--note", "通过竣工验收"),
        ("block", "mall-haiyin", "--note", "资金未到位", "--on", "2021-05-13"),
        ("progress", "preschool-5080", "60%", "--on", "2021-05-14"),
        ("note", "city-balcony", "完成主体结构", "--on", "2021-05-14"),
        ("indicator", "set", "gdp-growth", "6.8", "--on", "2021-05-12"),
        # week 20
        ("done", "city-balcony", "--on", "2021-05-18"),
    ]:
        gwr.ok(*args)
    return gwr


def summary(gwr, *args):
    return gwr.ok("summary", "--week", "2021-W19", "--as-of", "2021-11-30", *args).stdout


def test_text_summary_in_chinese_section_by_section(weeks_of_progress):
    out = summary(weeks_of_progress, "--lang", "zh")
    lines = out.splitlines()
    assert lines[0] == "2021年珠海市香洲区政府工作报告落实情况周报"
    assert lines[1] == "2021年第19周（2021年5月10日至2021年5月16日）"
    # Both partitions, each summing to 73; the blocked-only mall has not started.
    assert lines[3].startswith(
        "截至2021年5月16日，2021年珠海市香洲区政府工作报告部署的73项具体工作中，"
        "已完成2项（2.7%），正在推进4项，未启动67项（其中受阻1项）。"
        "序时进度：超序时进度2项，按序时推进0项，滞后序时2项，未启动67项，逾期未完成0项。"
    )
    assert "本周新完成1项，新启动2项，2项有新进展，新增受阻1项。" in lines[3]
    sections = [line for line in lines if re.match(r"^[一二三四五六七八九十]、", line)]
    assert sections == [
        "一、本周完成（1项）",
        "二、新启动（2项）",
        "三、本周进展（2项）",
        "四、新增受阻（1项）",
        "五、本周备注（2条）",
        "六、预警：滞后序时、逾期及未按时启动（69项）",
        "七、分领域情况",
        "八、本周录入指标（1项）",
    ]
    assert "  1. 完成十六中建设 [school-no16] · 2021年5月11日完成 · 通过竣工验收" in lines
    assert "  1. 新建、改建污水管网50公里 [sewer-pipes-50km]：18 → 24 公里（48%）" in lines
    assert "  1. 海印又一城投入运营 [mall-haiyin] · 2021年5月13日 · 资金未到位" in lines
    assert any("完成主体结构" in line for line in lines)
    warnings = lines[lines.index("六、预警：滞后序时、逾期及未按时启动（69项）") + 1 :][:3]
    assert "admin-centre-demolition" in warnings[0]  # furthest behind first
    assert "完成30%，序时进度64%" in warnings[0]
    assert "  1. 地区生产总值增长：6.8%（目标不低于6%，已达成） · 2021年5月12日" in lines
    assert "city-balcony] · 2021年5月18日" not in out  # next week's event stays out


def test_text_summary_in_english(weeks_of_progress):
    out = summary(weeks_of_progress, "--lang", "en")
    assert out.startswith("Xiangzhou District (Zhuhai) Government Work Report 2021: weekly")
    assert "Week 2021-W19 (2021-05-10 to 2021-05-16)" in out
    assert "2 done (2.7%), 4 in progress, 67 not started (1 of them blocked)." in out
    assert "Schedule: 2 ahead, 0 on track, 2 behind, 67 not started, 0 overdue." in out
    assert "1. Completed this week (1)" in out
    assert "Build or rebuild 50 km of sewer pipes [sewer-pipes-50km]: 18 → 24 km (48%)" in out
    assert "GDP growth: 6.8% (target >= 6%, met)" in out


def test_area_table_is_aligned_in_plain_text(weeks_of_progress):
    from rich.cells import cell_len

    out = summary(weeks_of_progress, "--lang", "zh")
    table = out.split("七、分领域情况\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(table) == 1 + 17 + 1  # header, areas, total
    assert {cell_len(line) for line in table[1:]} == {cell_len(table[1])}
    assert table[-1].split()[:2] == ["合计", "2/73"]


def test_markdown_summary(weeks_of_progress):
    out = summary(weeks_of_progress, "--format", "markdown", "--lang", "zh")
    assert out.startswith("# 2021年珠海市香洲区政府工作报告落实情况周报\n")
    assert "## 本周完成（1项）" in out
    assert "| 领域 | 完成 | 完成率 | 超序时 | 按序时 | 滞后 | 未启动 | 逾期 |" in out
    assert "|---|---:|---:|---:|---:|---:|---:|---:|" in out
    assert "| 合计 | 2/73 | 2% | 2 | 0 | 2 | 67 | 0 |" in out


def _documented_keys() -> dict[str, list[str]]:
    block = README.read_text(encoding="utf-8").split("<!-- summary-json-keys -->")[1]
    keys = {}
    for line in block.splitlines():
        match = re.match(r"^- `(\w+)`: .*?keys? ((?:`\w+`(?:, )?)+)", line)
        if match:
            keys[match[1]] = re.findall(r"`(\w+)`", match[2])
        elif m := re.match(r"^- `(\w+)`:", line):
            keys[m[1]] = []
    return keys


def test_json_summary_has_exactly_the_documented_keys(weeks_of_progress):
    data = json.loads(summary(weeks_of_progress, "--format", "json"))
    documented = _documented_keys()
    assert list(data) == list(documented)
    checked = set()
    for key, nested in documented.items():
        value = data[key]
        sample = value[0] if isinstance(value, list) and value else value
        if nested and sample:
            assert list(sample) == nested, key
            checked.add(key)
    assert set(documented) - checked <= {
        "schema",
        "report_id",
        "report_title",
        "report_title_en",
        "week",
        "week_start",
        "week_end",
        "as_of",
        "upcoming",
        "withdrawn",  # checked in test_summary_sections_mean_what_they_say
        "corrected",
        # without 分工 or a year: checked in test_accountability.py
        "has_assignments",
        "alerts",
        "units",
        "silent_units",
        "reports",
        "year_end",
    }
    assert list(data["completed"][0]["task"]) == ["id", "title", "title_en", "area"]
    assert data["week"] == "2021-W19" and data["as_of"] == "2021-05-16"
    assert data["counts"]["status"]["done"] == 2
    assert data["counts_at_week_start"]["status"]["done"] == 1
    assert [c["task"]["id"] for c in data["completed"]] == ["school-no16"]
    assert data["progressed"][0]["before_value"] == 18
    assert data["progressed"][0]["after_value"] == 24


def test_same_history_same_summary(weeks_of_progress):
    first = summary(weeks_of_progress, "--format", "json")
    later = weeks_of_progress.ok(
        "summary", "--week", "2021-W19", "--as-of", "2024-01-01", "--format", "json"
    ).stdout
    assert first == later == summary(weeks_of_progress, "--format", "json")


def test_week_defaults_to_the_as_of_week_and_this_last(weeks_of_progress):
    default = weeks_of_progress.ok("summary", "--as-of", "2021-05-16", "--format", "json")
    assert json.loads(default.stdout)["week"] == "2021-W19"
    last = weeks_of_progress.ok(
        "summary", "--week", "last", "--as-of", "2021-05-20", "--format", "json"
    )
    assert json.loads(last.stdout)["week"] == "2021-W19"
    midweek = json.loads(
        weeks_of_progress.ok("summary", "--as-of", "2021-05-12", "--format", "json").stdout
    )
    assert midweek["as_of"] == "2021-05-12"  # state at the as-of date, not the future Sunday
    assert [c["task"]["id"] for c in midweek["completed"]] == ["school-no16"]


def test_empty_sections_are_left_out(gwr):
    out = gwr.ok("summary", "--week", "2021-W19", "--lang", "zh").stdout
    assert "本周完成" not in out and "本周进展" not in out and "本周录入指标" not in out
    assert "本周无新进展记录。" in out
    assert "分领域情况" in out


def test_upcoming_deadlines(gwr):
    out = gwr.ok("summary", "--week", "2021-W24", "--lang", "en").stdout  # 2021-06-14..20
    assert "Due within four weeks (1)" in out
    assert "[admin-centre-demolition] · due 2021-06-30 (in 10 days), now 0%" in out
    data = json.loads(gwr.ok("summary", "--week", "2021-W24", "--format", "json").stdout)
    assert list(data["upcoming"][0]) == _documented_keys()["upcoming"]


def test_output_file(weeks_of_progress, tmp_path):
    target = tmp_path / "周报.md"
    result = weeks_of_progress.ok(
        "summary", "--week", "2021-W19", "--format", "markdown", "--output", str(target)
    )
    assert str(target) in result.stdout
    assert target.read_text(encoding="utf-8").startswith("# ")
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("week", "message"),
    [("2021-W60", "does not exist"), ("W19", "is not a week"), ("next", "is not a week")],
)
def test_bad_weeks(gwr, week, message):
    result = gwr("summary", "--week", week)
    assert result.exit_code == 1 and message in result.stderr


def test_output_to_a_missing_folder(gwr, tmp_path):
    result = gwr("summary", "--output", str(tmp_path / "nope" / "x.txt"))
    assert result.exit_code == 1 and "does not exist" in result.stderr


def test_the_chinese_summarys_own_words_use_full_width_punctuation():
    from gwr_cli.messages import _TEXT

    for key, words in _TEXT["zh"].items():
        if key.startswith("sum."):
            assert not set("(),:;") & set(words), (key, words)
