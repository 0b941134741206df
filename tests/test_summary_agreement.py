"""One report says one thing: its two ranked lists agree on "worst first",
its headline is true of the sections after it (changes, notes, lights), and a
light's reason is worded alike in every output of one language."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

FICTIONAL = Path(__file__).parent / "data" / "assignments.toml"
PERIODS = [
    # (option, period key, a day inside it, the period's word in zh and en)
    ("--week", "2021-W25", "2021-06-22", "本周", "this week"),
    ("--month", "2021-06", "2021-06-22", "本月", "this month"),
    ("--quarter", "2021-Q2", "2021-06-22", "本季度", "this quarter"),
    ("--half", "2021-H1", "2021-06-22", "本半年", "this half-year"),
    ("--year", "2021", "2021-06-22", "本年度", "this year"),
]


def with_assignments(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(FICTIONAL, home / "assignments.toml")


def html_text(html: str) -> str:
    """What a browser shows, inline tags joined without a space (as it renders them)."""
    html = re.sub(r"<style.*?</style>|<script.*?</script>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


# --- 1. worst first: one order in every ranked list -----------------------------------


def test_alerts_and_warnings_rank_tasks_in_one_order(gwr, isolated_home):
    # 2021-W29 with no record: admin-centre-demolition is 25 days overdue, 66
    # others have not started 151 days after the delivery (all red). The
    # overdue task heads both lists; the tied ones follow in registry order
    # (gree-park-phase1 is the registry's first task), not by id.
    with_assignments(isolated_home)
    data = json.loads(gwr.ok("summary", "--week", "2021-W29", "--format", "json").stdout)
    alerts = [a["task"]["id"] for a in data["alerts"]]
    warnings = [w["task"]["id"] for w in data["warnings"]]
    assert alerts[:3] == ["admin-centre-demolition", "gree-park-phase1", "gree-chiller-factory"]
    assert warnings[:3] == alerts[:3]
    both = set(alerts) & set(warnings)
    assert [i for i in alerts if i in both] == [i for i in warnings if i in both]
    assert len(both) > 60
    zh = gwr.ok("--lang", "zh", "summary", "--week", "2021-W29").stdout
    assert "  1. 红灯 · 上半年拆除区第三行政中心大楼 [admin-centre-demolition] · 逾期25天" in zh
    assert "  2. 红灯 · 建成格力智能装备产业园一期工程 [gree-park-phase1] · 自2021年2月24日起" in zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_rendering_lists_the_alerts_in_the_jsons_order(gwr, isolated_home, lang):
    with_assignments(isolated_home)
    gwr.ok("progress", "sewer-pipes-50km", "5", "--on", "2021-05-10")  # red, behind
    options = ("--lang", lang, "summary", "--week", "2021-W29")
    data = json.loads(gwr.ok(*options, "--format", "json").stdout)
    order = [a["task"]["id"] for a in data["alerts"]]
    heading = "亮灯预警（" if lang == "zh" else "Red and yellow lights ("
    text = gwr.ok(*options).stdout
    markdown = gwr.ok(*options, "--format", "markdown").stdout
    html = gwr.ok(*options, "--format", "html").stdout
    table = re.search(r'<table class="lights">.*?</table>', html, re.S).group()
    sections = [
        next(part for part in text.split("\n\n") if heading in part),
        next(part for part in markdown.split("\n## ") if part.startswith(heading)),
        table,
    ]
    for shown in sections:
        assert re.findall(r"\\?\[([a-z0-9-]+)\\?\]", shown) == order
    assert order[0] == "admin-centre-demolition"


# --- 2. the headline is true of what follows ------------------------------------------


@pytest.mark.parametrize(("option", "key", "day", "zh_word", "en_word"), PERIODS)
def test_a_period_of_notes_alone_is_not_called_empty(gwr, option, key, day, zh_word, en_word):
    # A unit's 进展情况 imported from Excel is a note: a period of such reports
    # changed no progress, but something was recorded, and the sections say so.
    gwr.ok("note", "school-changsha", "进展情况：推进中", "--on", day, "--problems", "资金")
    gwr.ok("note", "village-cuiwei", "已完成设计", "--on", day)
    zh = gwr.ok("--lang", "zh", "summary", option, key).stdout
    assert f"{zh_word}进度无变化，记录备注2条、存在问题与下步措施1条。" in zh
    assert "无新进展记录" not in zh
    assert f"{zh_word}备注（2条）" in zh
    en = gwr.ok("--lang", "en", "summary", option, key).stdout
    said = (
        f"No change of progress {en_word}; recorded: 2 notes, 1 report of problems or next steps."
    )
    assert said in en and "No progress was recorded" not in en
    html = html_text(gwr.ok("--lang", "zh", "summary", option, key, "--format", "html").stdout)
    assert f"{zh_word}进度无变化，记录备注2条、存在问题与下步措施1条。" in html


def test_an_indicator_value_alone_is_named_and_nothing_at_all_says_so(gwr):
    gwr.ok("indicator", "set", "gdp-growth", "6.8", "--on", "2021-06-22")
    zh = gwr.ok("--lang", "zh", "summary", "--week", "2021-W25").stdout
    assert "本周进度无变化，记录指标1项。" in zh
    en = gwr.ok("--lang", "en", "summary", "--week", "2021-W25").stdout
    assert "No change of progress this week; recorded: 1 indicator value." in en
    empty = gwr.ok("--lang", "zh", "summary", "--week", "2021-W26").stdout
    assert "本周无新进展记录。" in empty and "备注" not in empty
    assert "No progress was recorded this month." in gwr.ok("summary", "--month", "2021-09").stdout


# --- 3. the lights sentence: always, as in `gwr status` --------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("assigned", [False, True])
def test_the_headline_counts_the_lights_with_or_without_a_fenpei(
    gwr, isolated_home, lang, assigned
):
    if assigned:
        with_assignments(isolated_home)
    status = gwr.ok("--lang", lang, "--as-of", "2021-07-25", "status").stdout
    line = next(x for x in status.splitlines() if x.startswith(("亮灯：", "Lights:")))
    assert line == ("亮灯：红灯73项，黄灯0项，绿灯0项。" if lang == "zh" else
                    "Lights: 73 red, 0 yellow, 0 green.")  # fmt: skip
    options = ("--lang", lang, "summary", "--week", "2021-W29")
    assert line in gwr.ok(*options).stdout.splitlines()[3]
    assert line in gwr.ok(*options, "--format", "markdown").stdout
    assert line in html_text(gwr.ok(*options, "--format", "html").stdout)


# --- 4. a light's reason, worded alike everywhere --------------------------------------


def test_a_light_reason_is_dated_alike_in_every_chinese_output(gwr, isolated_home, tmp_path):
    with_assignments(isolated_home)
    zh = ("--lang", "zh", "--as-of", "2021-06-27")
    reason = "自2021年2月24日起123天仍未启动"  # mall-haiyin, assigned, not started
    node = "节点2021年6月30日未完成"  # sewer-pipes-50km on 2021-07-25, short of its node
    outputs = {
        "text": gwr.ok(*zh, "summary").stdout,
        "markdown": gwr.ok(*zh, "summary", "--format", "markdown").stdout,
        "html": html_text(gwr.ok(*zh, "summary", "--format", "html").stdout),
        "show": gwr.ok(*zh, "show", "mall-haiyin").stdout,
        "list": gwr.ok(*zh, "list", "--format", "json").stdout,
    }
    exported = gwr.ok(*zh, "export").stdout.lstrip("\ufeff")
    rows = {r["编号"]: r for r in csv.DictReader(io.StringIO(exported))}
    outputs["csv"] = rows["mall-haiyin"]["亮灯原因"]
    site = tmp_path / "site"
    gwr.ok(*zh, "site", "--output", str(site))
    outputs["site"] = html_text((site / "tasks" / "mall-haiyin.html").read_text(encoding="utf-8"))
    outputs["site index"] = html_text((site / "index.html").read_text(encoding="utf-8"))
    workbook = tmp_path / "台账.xlsx"
    gwr.ok(*zh, "export", "--format", "xlsx", "--output", str(workbook))
    outputs["xlsx"] = _cells(workbook)
    for name, shown in outputs.items():
        assert reason in shown, name
        assert "2021-02-24起" not in shown, name
    later = ("--lang", "zh", "--as-of", "2021-07-25")
    gwr.ok("progress", "sewer-pipes-50km", "10", "--on", "2021-07-01")
    for shown in (
        gwr.ok(*later, "summary").stdout,
        html_text(gwr.ok(*later, "summary", "--format", "html").stdout),
        gwr.ok(*later, "show", "sewer-pipes-50km").stdout,
        gwr.ok(*later, "export").stdout,
    ):
        assert node in shown and "节点2021-06-30" not in shown


def test_english_reasons_keep_iso_dates(gwr, isolated_home):
    with_assignments(isolated_home)
    out = gwr.ok("--lang", "en", "--as-of", "2021-06-27", "summary").stdout
    assert "not started 123 days after 2021-02-24" in out


# --- 5. words put together from parts: one space in English, none in Chinese -------------


@pytest.mark.parametrize(
    ("lang", "by_nodes", "by_time"),
    [
        ("en", "40% (100% expected by the milestones)", "0% (41% of the time elapsed)"),
        ("zh", "40%（按节点目标应完成100%）", "0%（时间已过41%）"),
    ],
)
def test_site_task_pages_set_the_expected_percent_apart_as_each_language_does(
    gwr, isolated_home, tmp_path, lang, by_nodes, by_time
):
    with_assignments(isolated_home)
    gwr.ok("progress", "sewer-pipes-50km", "20", "--on", "2021-06-01")
    site = tmp_path / "site"
    gwr.ok("--lang", lang, "--as-of", "2022-01-01", "site", "--output", str(site))
    sewer = html_text((site / "tasks" / "sewer-pipes-50km.html").read_text(encoding="utf-8"))
    assert by_nodes in sewer
    gwr.ok("--lang", lang, "--as-of", "2021-06-01", "site", "--output", str(site))
    hightech = html_text((site / "tasks" / "hightech-upgrade.html").read_text(encoding="utf-8"))
    assert by_time.replace("41%", "31%") in hightech


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        (
            "en",
            [
                "behind schedule (48% expected by the milestones)",
                "yellow (",
                "3 kindergartens by 2021-08-31: 三所幼儿园开园",
            ],
        ),
        (
            "zh",
            [
                "滞后序时（按节点目标应完成48%）",
                "黄灯（滞后序时",
                "2021年8月31日前达到3所：三所幼儿园开园",
            ],
        ),
    ],
)
def test_show_joins_its_asides_without_stray_or_missing_spaces(gwr, isolated_home, lang, lines):
    with_assignments(isolated_home)
    gwr.ok("progress", "kindergartens-open-5", "1", "--on", "2021-06-01")
    shown = gwr.ok("--lang", lang, "--as-of", "2021-07-25", "show", "kindergartens-open-5").stdout
    for line in lines:
        assert line in shown
    assert "  (" not in shown and "  （" not in shown


def _cells(path: Path) -> str:
    from openpyxl import load_workbook

    return "\n".join(
        str(cell)
        for sheet in load_workbook(path, read_only=True).worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if cell
    )


def test_one_wording_of_a_node_and_a_reason_in_show_and_the_excel_sheets(
    gwr, isolated_home, tmp_path
):
    with_assignments(isolated_home)
    zh = ("--lang", "zh", "--as-of", "2021-07-25")
    shown = gwr.ok(*zh, "show", "sewer-pipes-50km").stdout
    ledger, template = tmp_path / "台账.xlsx", tmp_path / "填报.xlsx"
    gwr.ok(*zh, "export", "--format", "xlsx", "--output", str(ledger))
    gwr.ok(*zh, "collect", "template", "--unit", "区水务局", "--month", "2021-07",
           "--output", str(template))  # fmt: skip
    node = "2021年6月30日前达到40%：完成一期管网"
    reason = "自2021年2月24日起151天仍未启动"
    assert node in shown and node in _cells(template)
    assert f"红灯（{reason}）" in shown
    assert reason in _cells(ledger) and reason in _cells(template)
    assert "工作台账（截至2021年7月25日）" in _cells(ledger)


def test_html_sentences_date_as_the_summary_does(gwr, tmp_path):
    gwr.ok("indicator", "set", "gdp-growth", "6.8", "--on", "2021-05-12")
    zh = ("--lang", "zh", "--as-of", "2021-05-16")
    page = html_text(gwr.ok(*zh, "summary", "--format", "html").stdout)
    assert "数据截至2021年5月16日。" in page and "截至2021-05-16" not in page
    assert "序时进度线：73项于2021年12月31日前完成" in page
    site = tmp_path / "site"
    gwr.ok(*zh, "site", "--output", str(site))
    index = html_text((site / "index.html").read_text(encoding="utf-8"))
    assert "截至2021年5月16日" in index and "截至2021-05-16" not in index
