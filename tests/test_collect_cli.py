"""The collection round through the commands: `gwr collect template|import|status`
and `gwr export --format xlsx`, with the fictional 分工 of tests/data.

A unit fills its workbook with openpyxl as a person would (typing into the
input cells of the rows gwr wrote); import records it, or nothing.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import openpyxl
import pytest

from conftest import copy_registry, installed_gwr, run_installed
from gwr_cli.collect import COLUMNS, META_SHEET
from gwr_cli.journal import journal_path
from gwr_cli.ledger import author_file, read_ledger

ASSIGNMENTS = Path(__file__).parent / "data" / "assignments.toml"
FIXTURES = Path(__file__).parent / "fixtures"
COLUMN = {name: index + 1 for index, name in enumerate(COLUMNS)}
WATER = "区水务局"
SEWER = "sewer-pipes-50km"
DEMOLITION = "admin-centre-demolition"  # led by 区城市更新局, supported by 区水务局
STATUS = {
    "zh": {"in-progress": "推进中", "done": "已完成", "blocked": "受阻"},
    "en": {"in-progress": "in progress", "done": "done", "blocked": "blocked"},
}


@pytest.fixture(autouse=True)
def office(isolated_home: Path) -> Path:
    """A home with the fictional 分工."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    shutil.copy(ASSIGNMENTS, isolated_home / "assignments.toml")
    return isolated_home


def template_for(gwr, folder: Path, unit: str = WATER, lang: str = "zh") -> Path:
    path = folder / f"{unit}-{lang}.xlsx"
    gwr.ok("--lang", lang, "collect", "template", "--unit", unit, "--month", "2021-05",
           "--output", str(path), "--as-of", "2021-05-20")  # fmt: skip
    return path


def fill(path: Path, rows: dict[str, dict[str, object]], target: Path | None = None) -> Path:
    """Type values into the input cells of the rows with these 编号, as a person would."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    for number in range(3, sheet.max_row + 1):
        for column, value in rows.get(sheet.cell(number, 1).value, {}).items():
            sheet.cell(number, COLUMN[column]).value = value
    target = target or path.with_name(f"filled-{path.name}")
    workbook.save(target)
    return target


def sewer_report(lang: str = "zh") -> dict[str, dict[str, object]]:
    return {
        SEWER: {
            "value": 24,
            "status": STATUS[lang]["in-progress"],
            "note": "第二批管网完工",
            "problems": "征地滞后",
            "next": "协调街道加快推进",
            "date": dt.datetime(2021, 5, 20),
        },
        DEMOLITION: {"note": "已配合完成管线迁改"},
    }


def recorded(ledger_dir: Path) -> list[tuple]:
    return [
        (e.task, e.action, e.value, e.note, e.problems, e.next, e.unit, e.on.isoformat(), e.by)
        for e in read_ledger(ledger_dir).events
    ]


def ledger_bytes(ledger_dir: Path) -> dict[str, bytes]:
    if not ledger_dir.exists():
        return {}
    return {p.name: p.read_bytes() for p in sorted(ledger_dir.glob("*.toml"))}


# --- the round trip ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_trip_template_fill_import_show_and_summary(gwr, tmp_path, ledger_dir, lang):
    template = template_for(gwr, tmp_path, lang=lang)
    sheet = openpyxl.load_workbook(template).worksheets[0]
    assert [sheet.cell(n, 1).value for n in (3, 4)] == [SEWER, DEMOLITION]  # lead, then partner
    milestone = "2021年6月30日前达到40%：" if lang == "zh" else "40% by 2021-06-30: "
    milestone += "完成一期管网"
    assert milestone in sheet.cell(3, COLUMN["milestone"]).value
    filled = fill(template, sewer_report(lang))

    result = gwr.ok("--lang", lang, "collect", "import", str(filled))
    assert SEWER in result.stdout and "24" in result.stdout
    assert ("已记录2项变化" if lang == "zh" else "2 changes recorded") in result.stdout
    assert recorded(ledger_dir) == [
        (SEWER, "progress", 24.0, "第二批管网完工", "征地滞后", "协调街道加快推进", WATER,
         "2021-05-20", "tester"),
        (DEMOLITION, "note", None, "已配合完成管线迁改", "", "", WATER, "2021-05-31", "tester"),
    ]  # fmt: skip

    show = gwr.ok("--lang", lang, "show", "sewer", "--as-of", "2021-05-31").stdout
    assert "第二批管网完工" in show and "24" in show
    summary = json.loads(
        gwr.ok("summary", "--week", "2021-W20", "--format", "json", "--as-of", "2021-05-23").stdout
    )
    progressed = {p["task"]["id"]: p for p in summary["progressed"]}
    assert progressed[SEWER]["after_value"] == 24 and progressed[SEWER]["before_value"] is None
    status = gwr.ok("--lang", lang, "collect", "status", "--month", "2021-05",
                    "--as-of", "2021-05-31", "--format", "json").stdout  # fmt: skip
    units = {u["unit"]: u for u in json.loads(status)["units"]}
    assert units[WATER]["reported"] and units[WATER]["last_report"] == "2021-05-31"
    assert units["区城市更新局"]["reported"]  # the partner's note is on its lead task
    assert not units["区教育局"]["reported"]


def test_every_lead_unit_gets_its_workbook_in_one_command(gwr, tmp_path):
    folder = tmp_path / "out"
    result = gwr.ok("--lang", "zh", "collect", "template", "--all", "--output", str(folder),
                    "--month", "2021-05")  # fmt: skip
    names = sorted(p.name for p in folder.iterdir())
    # 区发展改革局 leads only an indicator: no task rows, no workbook.
    assert names == sorted(
        f"{unit}-2021-05.xlsx"
        for unit in ("区水务局", "区教育局", "区商务局", "拱北街道", "区城市更新局")
    )
    assert result.stdout.count("已写入") == 5
    meta = dict(openpyxl.load_workbook(folder / "区教育局-2021-05.xlsx")[META_SHEET].values)
    assert (meta["unit"], meta["period_key"], meta["registry"]) == (
        "区教育局", "2021-05", "xiangzhou-2021",
    )  # fmt: skip


def test_a_template_never_writes_over_a_filled_workbook_or_another_file(gwr, tmp_path):
    folder = tmp_path / "填报表"
    args = ("--lang", "zh", "collect", "template", "--all", "--output", str(folder),
            "--month", "2021-05")  # fmt: skip
    gwr.ok(*args)
    gwr.ok(*args)  # blank templates of its own are written again freely
    water = folder / "区水务局-2021-05.xlsx"
    fill(water, sewer_report(), target=water)  # the unit's filled sheet comes back here
    filled = water.read_bytes()
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    result = gwr(*args)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert f"{water}：文件已存在，且不是空白的填报表" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before  # nothing written
    other = tmp_path / "台账.xlsx"
    other.write_bytes(b"PK\x03\x04 the office's own workbook")
    single = gwr("--lang", "en", "collect", "template", "--unit", WATER, "--output", str(other))
    assert single.exit_code == 1 and "the file exists and is not a blank template" in single.stderr
    assert other.read_bytes() == b"PK\x03\x04 the office's own workbook"
    gwr.ok(*args, "--force")
    assert water.read_bytes() != filled


def test_the_template_shows_the_last_report_and_the_light(gwr, tmp_path):
    gwr.ok("progress", "sewer", "10", "--note", "一期开工", "--on", "2021-04-01")
    path = template_for(gwr, tmp_path)
    last = openpyxl.load_workbook(path).worksheets[0].cell(3, COLUMN["last"])
    assert last.value.splitlines()[1:] == ["10/50公里 · 推进中 · 2021-04-01", "一期开工"]
    assert last.value.startswith(("绿灯", "黄灯", "红灯")) and last.fill.fgColor.rgb.endswith(
        ("C6EFCE", "FFEB9C", "FFC7CE")
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--unit", WATER], "--output"),
        (["--output", "x.xlsx"], "--unit"),
        (["--unit", WATER, "--all", "--output", "x"], "--unit"),
        (["--unit", WATER, "--output", "x.csv"], ".xlsx"),
        (["--unit", "不存在的单位", "--output", "x.xlsx"], "不存在的单位"),
        (["--unit", WATER, "--month", "2021-13", "--output", "x.xlsx"], "2021-13"),
    ],
)
def test_template_usage_mistakes_are_one_line(gwr, tmp_path, args, message):
    result = gwr("collect", "template", *args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (["--all"], "--all writes a folder, not to the screen", "写出的是一个文件夹"),
        (
            ["--unit", WATER],
            "a template is an Excel workbook, not for the screen",
            "不能输出到屏幕",
        ),
    ],
)
def test_template_output_dash_is_refused_not_made_a_file_or_folder_named_dash(
    gwr, tmp_path, monkeypatch, args, en, zh
):
    # `collect template --all --output -` made a folder named "-".
    work = tmp_path / "work"  # not tmp_path: GWR_HOME is in it
    work.mkdir()
    monkeypatch.chdir(work)
    for lang, said in (("en", en), ("zh", zh)):
        result = gwr("--lang", lang, "collect", "template", *args, "--output", "-")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert "--output -" in result.stderr and said in result.stderr
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("name", ["x.xlsx", "x.XLS", "x.csv", "out.xlsx/"])
def test_template_all_refuses_a_folder_named_like_a_file(gwr, tmp_path, name):
    # `collect template --all --output x.xlsx` made a folder named x.xlsx.
    typed = str(tmp_path / "work" / name)
    (tmp_path / "work").mkdir()
    for lang, said in (("en", "--all needs a folder"), ("zh", "--all需要一个文件夹")):
        result = gwr("--lang", lang, "collect", "template", "--all", "--output", typed)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"--output {typed}" in result.stderr and said in result.stderr
    assert list((tmp_path / "work").iterdir()) == []


def test_template_all_into_an_existing_folder_named_like_a_file_is_written(gwr, tmp_path):
    (tmp_path / "x.xlsx").mkdir()  # the user's own folder: a name already chosen
    gwr.ok(
        "collect", "template", "--all", "--month", "2021-05", "--output", str(tmp_path / "x.xlsx")
    )
    assert list((tmp_path / "x.xlsx").glob("*.xlsx"))


def test_without_assignments_each_collect_command_says_how_to_write_them(gwr, office, tmp_path):
    (office / "assignments.toml").unlink()
    for args in (
        ["collect", "template", "--all", "--output", str(tmp_path / "out")],
        ["collect", "status"],
        ["collect", "import", str(FIXTURES / "old.xls")],
    ):
        result = gwr("--lang", "zh", *args)
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1
        assert "assignments.toml" in result.stderr and "lead（牵头单位）" in result.stderr
    assert not (tmp_path / "out").exists()


# --- bad workbooks: each one line (or one line per row), nothing recorded -------------


def _edit(path: Path, edit) -> Path:
    workbook = openpyxl.load_workbook(path)
    edit(workbook)
    target = path.with_name("edited.xlsx")
    workbook.save(target)
    return target


def _meta(key: str, value: str):
    def edit(workbook):
        sheet = workbook[META_SHEET]
        for row in sheet.iter_rows():
            if row[0].value == key:
                row[1].value = value

    return edit


def _cell(column: str, value: object, row: int = 3):
    def edit(workbook):
        workbook.worksheets[0].cell(row, COLUMN[column]).value = value

    return edit


BAD_WORKBOOKS = {
    "not a number": (
        _cell("value", "约30"),
        "第3行 本期完成值：“约30”不是数字；应填写公里数，例如 30",
    ),
    "negative": (_cell("value", -3), "“-3”是负数"),
    "future date": (_cell("date", dt.datetime(2999, 1, 1)), "2999-01-01是将来的日期"),
    "before the period": (_cell("date", "2021-04-30"), "早于本期开始日期2021-05-01"),
    "unknown status": (_cell("status", "差不多"), "“差不多”不是可选状态"),
    "edited id": (_cell("id", "sewer-x"), "编号“sewer-x”不是 gwr 为本单位生成的任务"),
    "added row": (_cell("value", 3, row=9), "第9行 编号：新增的行无法导入"),
    "blocked without reason": (_cell("status", "受阻"), "应在存在问题或进展情况中写明原因"),
    "value as formula": (_cell("value", "=20+4"), "单元格是公式"),
    "another registry": (_meta("registry", "other-2022"), "属于登记表“other-2022”"),
    "another version": (_meta("version", "9"), "填报表版本为9"),
    "unit not in 分工": (_meta("unit", "区某某局"), "单位“区某某局”不在分工中"),
    "task of another unit": (
        _cell("id", "school-no16"),
        "编号“school-no16”不是 gwr 为本单位生成的任务",
    ),
}


@pytest.mark.parametrize("case", BAD_WORKBOOKS)
def test_a_bad_workbook_is_refused_with_its_message_and_nothing_recorded(
    gwr, tmp_path, ledger_dir, case
):
    edit, message = BAD_WORKBOOKS[case]
    filled = fill(template_for(gwr, tmp_path), {SEWER: {"value": 20}})
    bad = _edit(filled, edit)
    for extra in ([], ["--dry-run"]):
        result = gwr("--lang", "zh", "collect", "import", str(bad), *extra)
        assert result.exit_code == 1, result.stdout
        assert message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
    assert ledger_bytes(ledger_dir) == {}


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: shutil.copy(FIXTURES / "old.xls", p.with_suffix(".xls")), "旧版 .xls"),
        (lambda p: shutil.copy(FIXTURES / "encrypted.xlsx", p), "打开密码"),
        (lambda p: p.write_bytes(b"PK\x03\x04 not really a zip"), "已损坏"),
        (lambda p: p.write_text("编号,任务\n", encoding="utf-8"), "只能导入 .xlsx 或 .csv"),
    ],
)
def test_a_file_that_cannot_be_read_stops_the_import_in_one_line(
    gwr, tmp_path, ledger_dir, make, message
):
    good = fill(template_for(gwr, tmp_path), sewer_report())
    bad = tmp_path / "bad.xlsx"
    made = make(bad)
    bad = Path(made) if isinstance(made, str | Path) else bad
    if message.startswith("只能"):
        bad = bad.rename(bad.with_suffix(".txt"))
    result = gwr("--lang", "zh", "collect", "import", str(good), str(bad))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert ledger_bytes(ledger_dir) == {}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_folder_given_as_a_file_is_named_a_folder_not_a_damaged_workbook(
    gwr, tmp_path, ledger_dir, lang
):
    good = fill(template_for(gwr, tmp_path), sewer_report())
    folder = tmp_path / "填报表"
    folder.mkdir()
    result = gwr("--lang", lang, "collect", "import", str(good), str(folder))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    expected = "这是文件夹，不是文件" if lang == "zh" else "this is a folder, not a file"
    assert expected in result.stderr and f"{folder}/*.xlsx" in result.stderr
    assert ledger_bytes(ledger_dir) == {}


def test_every_wrong_row_of_every_file_is_named_before_anything_is_recorded(
    gwr, tmp_path, ledger_dir
):
    water = fill(template_for(gwr, tmp_path), {
        SEWER: {"value": "约30"},
        DEMOLITION: {"note": "配合", "date": "下周"},
    })  # fmt: skip
    schools = fill(template_for(gwr, tmp_path, "区教育局"), {"school-no16": {"status": "完了"}})
    result = gwr("--lang", "zh", "collect", "import", str(water), str(schools))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 4, lines
    assert lines[0].startswith(f"{water} 工作表“填报”第3行 本期完成值：“约30”不是数字")
    assert lines[1].startswith(f"{water} 工作表“填报”第4行 填报日期：“下周”不是日期")
    assert lines[2].startswith(f"{schools} 工作表“填报”第3行 状态：“完了”")
    assert lines[3] == "gwr：错误：3处错误，未记录任何内容；请改正后重新导入"
    assert ledger_bytes(ledger_dir) == {}


def test_english_errors_name_file_sheet_row_and_column(gwr, tmp_path, ledger_dir):
    filled = fill(template_for(gwr, tmp_path, lang="en"), {SEWER: {"value": "about 30"}})
    result = gwr("--lang", "en", "collect", "import", str(filled))
    assert result.exit_code == 1
    first, last = result.stderr.splitlines()
    assert first == (
        f"{filled}, sheet 'Report', row 3, Value this period: 'about 30' is not a number; "
        "give a number of km, e.g. 30"
    )
    assert last == "gwr: error: 1 error, nothing recorded; correct them and import again"
    assert ledger_bytes(ledger_dir) == {}


# --- idempotence, re-submission, several files ---------------------------------------


def test_the_same_file_twice_records_nothing_the_second_time(gwr, tmp_path, ledger_dir):
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    gwr.ok("--lang", "zh", "collect", "import", str(filled))
    before = ledger_bytes(ledger_dir)
    again = gwr.ok("--lang", "zh", "collect", "import", str(filled))
    assert "没有新的变化，未记录任何内容（2行与已记录的相同，0行未填写）" in again.stdout
    assert "共记录" not in again.stdout
    assert ledger_bytes(ledger_dir) == before


def test_a_corrected_resubmission_records_only_what_changed(gwr, tmp_path, ledger_dir):
    template = template_for(gwr, tmp_path)
    gwr.ok("collect", "import", str(fill(template, sewer_report())))
    corrected = sewer_report()
    corrected[SEWER]["value"] = 26  # the unit corrects its figure; the rest is as before
    result = gwr.ok("--lang", "zh", "collect", "import",
                    str(fill(template, corrected, tmp_path / "v2.xlsx")))  # fmt: skip
    assert "已记录1项变化" in result.stdout and "24公里 推进中" in result.stdout
    events = recorded(ledger_dir)
    assert len(events) == 3 and events[-1][:3] == (SEWER, "progress", 26.0)
    before = ledger_bytes(ledger_dir)
    again = gwr.ok("--lang", "zh", "collect", "import", str(tmp_path / "v2.xlsx"))
    assert "没有新的变化" in again.stdout
    assert ledger_bytes(ledger_dir) == before


def test_several_units_in_one_import_all_or_nothing(gwr, tmp_path, ledger_dir):
    water = fill(template_for(gwr, tmp_path), sewer_report())
    schools_template = template_for(gwr, tmp_path, "区教育局")
    wrong = fill(schools_template, {"school-no16": {"status": "完了"}})
    assert gwr("collect", "import", str(water), str(wrong)).exit_code == 1
    assert ledger_bytes(ledger_dir) == {}
    right = fill(schools_template, {"school-no16": {"status": "推进中", "date": "2021-05-06"}},
                 tmp_path / "schools.xlsx")  # fmt: skip
    result = gwr.ok("--lang", "zh", "collect", "import", str(water), str(right))
    assert "共记录3条，来自2个文件" in result.stdout
    assert [e[:2] + e[6:7] for e in recorded(ledger_dir)] == [
        (SEWER, "progress", WATER),
        (DEMOLITION, "note", WATER),
        ("school-no16", "start", "区教育局"),
    ]
    # The payload went in one append: one file, events in the order of the files.
    assert len(ledger_bytes(ledger_dir)) == 1


def test_dry_run_prints_the_changes_and_records_nothing(gwr, tmp_path, ledger_dir):
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    result = gwr.ok("--lang", "zh", "collect", "import", str(filled), "--dry-run")
    assert (
        "将记录2项变化" in result.stdout and "试运行（--dry-run）：未记录任何内容" in result.stdout
    )
    assert "上期" in result.stdout and "本期" in result.stdout
    assert ledger_bytes(ledger_dir) == {}


# --- the state machine: what an import proposes is what a typed command may record ------


def test_block_with_only_problems_and_note_with_only_next_steps_are_recorded(
    gwr, tmp_path, ledger_dir
):
    filled = fill(template_for(gwr, tmp_path), {
        SEWER: {"status": "受阻", "problems": "资金未到位"},
        DEMOLITION: {"next": "下月完成迁改"},
    })  # fmt: skip
    gwr.ok("collect", "import", str(filled))
    assert [e[:6] for e in recorded(ledger_dir)] == [
        (SEWER, "block", None, "", "资金未到位", ""),
        (DEMOLITION, "note", None, "", "", "下月完成迁改"),
    ]
    check = gwr("check")
    assert check.exit_code == 0, check.stdout


@pytest.mark.parametrize(
    ("typed", "row", "message"),
    [
        # A done on 05-20 before the office's progress of 05-28: that progress would stop counting.
        ([["progress", "sewer", "30", "--on", "2021-05-28"]],
         {"status": "已完成", "date": "2021-05-20"},
         "完成（2021-05-20）与之后的记录矛盾：进展（2021-05-28，tester）；应把填报日期改为2021-05-28或之后"),
        # A block on 05-20 that the office's later progress would lift at once.
        ([["progress", "sewer", "30", "--on", "2021-05-28"]],
         {"status": "受阻", "problems": "资金", "date": "2021-05-20"},
         "受阻（2021-05-20）与之后的记录矛盾"),
        # Progress dated while the task was done (done 05-10, reopened 05-25).
        ([["done", "sewer", "--on", "2021-05-10"], ["reopen", "sewer", "--on", "2021-05-25"]],
         {"value": 40, "date": "2021-05-15"}, "不能在2021-05-15记录“进展”：任务当时为“已完成”"),
    ],
)  # fmt: skip
def test_a_row_the_state_machine_refuses_is_an_error_on_its_row(
    gwr, tmp_path, ledger_dir, typed, row, message
):
    for args in typed:
        gwr.ok(*args)
    before = ledger_bytes(ledger_dir)
    template = template_for(gwr, tmp_path)
    row = {**row, "date": row.get("date", dt.datetime(2021, 5, 31))}
    if row["date"] == dt.datetime(2021, 5, 31):
        row.pop("date")
    result = gwr("--lang", "zh", "collect", "import", str(fill(template, {SEWER: row})))
    assert result.exit_code == 1
    assert "第3行 填报日期：" in result.stderr and message in result.stderr, result.stderr
    assert ledger_bytes(ledger_dir) == before


# --- CSV, the same events ----------------------------------------------------------


def as_csv(path: Path, target: Path) -> Path:
    sheet = openpyxl.load_workbook(path).worksheets[0]
    with target.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in sheet.iter_rows(values_only=True):
            writer.writerow(
                ["" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else v
                 for v in row]
            )  # fmt: skip
    return target


def test_csv_and_xlsx_give_the_same_events(gwr, tmp_path, ledger_dir):
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    table = as_csv(filled, tmp_path / "water.csv")
    other_home = tmp_path / "other-home"
    other_home.mkdir()
    shutil.copy(ASSIGNMENTS, other_home / "assignments.toml")
    gwr.ok("collect", "import", str(filled))
    refused = gwr("--home", str(other_home), "collect", "import", str(table))
    assert refused.exit_code == 1 and "--unit" in refused.stderr
    gwr.ok("--home", str(other_home), "collect", "import", str(table),
           "--unit", "水务", "--month", "2021-05")  # fmt: skip
    assert recorded(other_home / "ledger") == recorded(ledger_dir)
    assert len(recorded(ledger_dir)) == 2


def test_unit_and_month_are_for_csv_only(gwr, tmp_path, ledger_dir):
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    result = gwr("--lang", "zh", "collect", "import", str(filled), "--unit", "水务")
    assert result.exit_code == 1 and "只用于 CSV 文件" in result.stderr
    assert ledger_bytes(ledger_dir) == {}


# --- processes: a racing note, a crash midway -------------------------------------


def _paused_import(tmp_path: Path, step: str, seconds: str, *args: str) -> subprocess.Popen:
    marker = tmp_path / f"paused-{step}"
    env = {**os.environ, "GWR_TEST_PAUSE_AT": step, "GWR_TEST_PAUSE_MARKER": str(marker),
           "GWR_TEST_PAUSE_SECONDS": seconds}  # fmt: skip
    process = subprocess.Popen(
        [*installed_gwr(), "collect", "import", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the import never paused"
        time.sleep(0.01)
    return process


@pytest.mark.slow
def test_an_import_racing_a_note_both_recorded_and_the_ledger_valid(gwr, tmp_path, ledger_dir):
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    importer = _paused_import(tmp_path, "journal", "2", str(filled))  # holds the lock
    note = subprocess.Popen(
        [*installed_gwr(), "note", "school-no16", "督查室电话督办", "--on", "2021-05-21"],
        env={**os.environ, "GWR_LOCK_TIMEOUT": "30", "GWR_USER": "office"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    _, err = importer.communicate(timeout=60)
    assert importer.returncode == 0, err
    _, note_err = note.communicate(timeout=60)
    assert note.returncode == 0, note_err
    events = recorded(ledger_dir)
    assert sorted(e[:2] for e in events) == sorted(
        [(SEWER, "progress"), (DEMOLITION, "note"), ("school-no16", "note")]
    )
    assert run_installed("check").returncode == 0


@pytest.mark.slow
def test_an_import_killed_midway_leaves_none_of_its_events(gwr, tmp_path, ledger_dir):
    gwr.ok("start", "school-no16", "--on", "2021-05-02")
    before = author_file(ledger_dir, "tester").read_bytes()
    filled = fill(template_for(gwr, tmp_path), sewer_report())
    importer = _paused_import(tmp_path, "partial", "120", str(filled))
    importer.send_signal(signal.SIGKILL)
    importer.wait()
    assert journal_path(author_file(ledger_dir, "tester")).exists()
    assert [e[:2] for e in recorded(ledger_dir)] == [("school-no16", "start")]
    # The next import settles the journal and records the file whole.
    assert run_installed("collect", "import", str(filled)).returncode == 0
    assert not journal_path(author_file(ledger_dir, "tester")).exists()
    assert author_file(ledger_dir, "tester").read_bytes().startswith(before)
    assert [e[:2] for e in recorded(ledger_dir)] == [
        ("school-no16", "start"), (SEWER, "progress"), (DEMOLITION, "note"),
    ]  # fmt: skip


def test_an_import_only_appends_to_the_ledger(gwr, tmp_path, ledger_dir):
    gwr.ok("start", "school-no16", "--on", "2021-05-02")
    before = author_file(ledger_dir, "tester").read_bytes()
    gwr.ok("collect", "import", str(fill(template_for(gwr, tmp_path), sewer_report())))
    after = author_file(ledger_dir, "tester").read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert after.count(b"\n[[events]]") == 3


# --- who reported ----------------------------------------------------------------


def test_collect_status_names_units_that_did_not_report(gwr):
    gwr.ok("progress", "school-no16", "30%", "--on", "2021-05-12")
    result = gwr.ok("--lang", "zh", "collect", "status", "--month", "2021-05",
                    "--as-of", "2021-05-31")  # fmt: skip
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "2021年5月填报情况（截止日2021-05-25）：应报送6个牵头单位，已报送1个，未报送5个"
    )
    assert any(line.split()[:4] == ["区教育局", "2", "2021-05-12", "已报送"] for line in lines)
    assert any(line.split()[:4] == ["区水务局", "1", "从未报送", "逾期未报送"] for line in lines)
    assert lines[-1] == "未报送单位：区水务局、区商务局、拱北街道、区城市更新局、区发展改革局"
    before_due = gwr.ok("--lang", "en", "collect", "status", "--month", "2021-05",
                        "--as-of", "2021-05-20").stdout  # fmt: skip
    assert "May 2021 reports (due 2021-05-25): 6 lead units, 1 reported, 5 not reported" in (
        before_due
    )
    assert "not reported" in before_due and " late" not in before_due


def test_the_registry_sets_how_often_and_by_which_day(gwr, tmp_path, office):
    registry = copy_registry(
        tmp_path / "reg", lambda t: t + '\n[collection]\nevery = "week"\ndue_day = 3\n'
    )
    data = json.loads(
        gwr.ok("--registry", str(registry), "collect", "status", "--as-of", "2021-05-20",
               "--format", "json").stdout
    )  # fmt: skip
    assert (data["period"], data["due"]) == ("2021-W20", "2021-05-19")  # that week's Wednesday
    # The second run loads the registry from the parse cache: the same [collection].
    again = gwr.ok("--registry", str(registry), "collect", "status", "--as-of", "2021-05-20",
                   "--format", "json").stdout  # fmt: skip
    assert json.loads(again) == data


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ('every = "year"', "[collection]: field 'every' must be \"month\" or \"week\", got 'year'"),
        ("due_day = 40", "[collection]: field 'due_day' must be from 1 to 31"),
        ('every = "week"\ndue_day = 8', 'must be from 1 to 7 for every = "week", got 8'),
        ('due_day = "25"', "[collection]: field 'due_day' must be a whole number"),
        ("due = 25", "[collection]: unknown field 'due'"),
    ],
)
def test_a_wrong_collection_table_is_refused(gwr, tmp_path, table, message):
    registry = copy_registry(tmp_path / "reg", lambda t: t + f"\n[collection]\n{table}\n")
    result = gwr("--registry", str(registry), "status")
    assert result.exit_code == 1 and message in result.stderr, result.stderr


# --- the 台账 workbook --------------------------------------------------------------


def test_export_xlsx_needs_an_output_file(gwr):
    for args in ([], ["--output", "-"]):
        result = gwr("--lang", "zh", "export", "--format", "xlsx", *args)
        assert result.exit_code == 1
        assert (
            result.stderr
            == "gwr：错误：--format xlsx 需要 --output 文件名.xlsx（工作簿不能输出到屏幕）\n"
        )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_ledger_workbook_from_the_workspace(gwr, tmp_path, lang):
    gwr.ok("collect", "import", str(fill(template_for(gwr, tmp_path), sewer_report())))
    gwr.ok("done", "school-no16", "--on", "2021-05-30", "--note", "竣工")
    path = tmp_path / "台账.xlsx"
    gwr.ok("--lang", lang, "export", "--format", "xlsx", "--output", str(path),
           "--as-of", "2021-05-31")  # fmt: skip
    workbook = openpyxl.load_workbook(path)
    names = ["台账", "进展记录", "分单位"] if lang == "zh" else ["Ledger", "History", "By unit"]
    assert workbook.sheetnames == names
    tasks = workbook[names[0]]
    rows = {row[0]: row for row in tasks.iter_rows(min_row=3, values_only=True)}
    assert len(rows) == 73
    sewer = rows[SEWER]
    assert sewer[2:5] == (
        WATER,
        "前山街道、南屏镇" if lang == "zh" else "前山街道, 南屏镇",
        "区领导甲",
    )
    assert (sewer[7], sewer[12], sewer[13], sewer[14]) == (
        24,
        "第二批管网完工",
        "征地滞后",
        "协调街道加快推进",
    )
    assert rows["mall-haiyin"][2] == (
        "区商务局、拱北街道" if lang == "zh" else "区商务局, 拱北街道"
    )
    history = list(workbook[names[1]].iter_rows(min_row=3, values_only=True))
    assert [(r[2], r[9], r[10]) for r in history] == [
        (SEWER, WATER, "tester"), ("school-no16", None, "tester"), (DEMOLITION, WATER, "tester"),
    ]  # fmt: skip
    units = {r[0]: r for r in workbook[names[2]].iter_rows(min_row=3, values_only=True)}
    assert units["区教育局"][1:4] == (2, 0, 1)  # leads 2, supports none, 1 done
    assert units[WATER][1:4] == (1, 1, 0)
    assert units[WATER][7] == dt.datetime(2021, 5, 31)
    assert units["区商务局"][7] == ("未报送" if lang == "zh" else "not reported")
    # The per-unit counts are the one tally's: lights of the unit's lead tasks sum to them.
    assert all(sum(r[4:7]) == r[1] for r in units.values())


# --- the store: several events as one journaled payload -------------------------------


def test_append_events_writes_all_in_order_or_nothing(ledger_dir, isolated_home):
    from gwr_cli.events import Event, now_utc
    from gwr_cli.ledger import append_events

    def event(number: int) -> Event:
        return Event(f"batch-{number}", SEWER, "note", dt.date(2021, 5, number), now_utc(),
                     "tester", note=f"第{number}条", unit=WATER)  # fmt: skip

    cache = isolated_home / "cache"
    assert read_ledger(ledger_dir, cache).events == ()  # the cache knows the empty ledger

    def refuse(ledger):
        raise RuntimeError("planned to write nothing")

    with pytest.raises(RuntimeError):
        append_events(ledger_dir, "tester", refuse, cache_dir=cache)
    assert append_events(ledger_dir, "tester", lambda ledger: [], cache_dir=cache) == []
    assert ledger_bytes(ledger_dir) == {}
    seen = []

    def build(ledger):
        seen.append(len(ledger.events))
        return [event(n) for n in (3, 1, 2)]

    append_events(ledger_dir, "tester", build, cache_dir=cache)
    append_events(ledger_dir, "tester", lambda ledger: [event(4)], cache_dir=cache)
    assert seen == [0]  # the builder saw the ledger as it was under the lock
    for events in (read_ledger(ledger_dir).events, read_ledger(ledger_dir, cache).events):
        assert [e.id for e in events] == ["batch-3", "batch-1", "batch-2", "batch-4"]
        assert {(e.unit, e.by) for e in events} == {(WATER, "tester")}
    assert not journal_path(author_file(ledger_dir, "tester")).exists()


def test_the_ledger_workbook_without_assignments_says_unassigned(gwr, office, tmp_path):
    (office / "assignments.toml").unlink()
    gwr.ok("progress", "sewer", "12", "--on", "2021-04-02")
    path = tmp_path / "ledger.xlsx"
    gwr.ok("--lang", "zh", "export", "--format", "xlsx", "--output", str(path))
    workbook = openpyxl.load_workbook(path)
    rows = {r[0]: r for r in workbook["台账"].iter_rows(min_row=3, values_only=True)}
    assert rows[SEWER][2] == "未分工" and rows[SEWER][7] == 12
    assert workbook["分单位"].max_row == 2  # the header only: no unit without 分工


def test_the_ledger_workbook_keeps_the_latest_problems_as_the_csv_does(gwr, tmp_path):
    # A later note says no 存在问题: every view keeps the last problems reported.
    gwr.ok("progress", SEWER, "20", "--on", "2021-05-10", "--problems", "征地滞后",
           "--next", "协调街道")  # fmt: skip
    gwr.ok("note", SEWER, "例会", "--on", "2021-05-20")
    path = tmp_path / "台账.xlsx"
    gwr.ok("--lang", "zh", "export", "--format", "xlsx", "--output", str(path),
           "--as-of", "2021-05-31")  # fmt: skip
    rows = {
        r[0]: r for r in openpyxl.load_workbook(path)["台账"].iter_rows(min_row=3, values_only=True)
    }
    assert (rows[SEWER][12], rows[SEWER][13], rows[SEWER][14]) == ("例会", "征地滞后", "协调街道")
    csv_text = gwr.ok("--lang", "zh", "export", "--as-of", "2021-05-31").stdout
    sewer_line = next(line for line in csv_text.splitlines() if f",{SEWER}," in line)
    assert "征地滞后" in sewer_line and "协调街道" in sewer_line


# --- a task's unit in English: the Chinese when unit_en is empty ----------------------


def test_an_empty_english_unit_shows_the_chinese_one_everywhere_in_english(gwr, tmp_path):
    # `unit_en = ""` gave English output no unit at all ("50  (give the cumulative
    # value)", a node of "35"): like titles (messages.localized), it falls back to
    # the Chinese unit.
    registry = copy_registry(
        tmp_path / "registry", lambda text: text.replace('unit_en = "km"', 'unit_en = ""')
    )
    where = ("--registry", str(registry), "--as-of", "2021-05-20", "--lang", "en")
    template = tmp_path / "water.xlsx"
    gwr.ok(*where, "collect", "template", "--unit", WATER, "--month", "2021-05",
           "--output", str(template))  # fmt: skip
    sheet = openpyxl.load_workbook(template).worksheets[0]
    [row] = [n for n in range(3, sheet.max_row + 1) if sheet.cell(n, 1).value == SEWER]
    assert sheet.cell(row, COLUMN["target"]).value.startswith("50 公里 ")
    assert "35 公里 by 2021-09-30" in sheet.cell(row, COLUMN["milestone"]).value
    # the same words in `gwr show` (lights.node_text): an English amount has its space
    assert "35 公里 by 2021-09-30" in gwr.ok(*where, "show", SEWER).stdout

    filled = fill(template, {SEWER: {"value": 24, "date": dt.datetime(2021, 5, 20)}})
    assert "24 公里" in gwr.ok(*where, "collect", "import", "--dry-run", str(filled)).stdout

    book = tmp_path / "ledger.xlsx"
    gwr.ok(*where, "export", "--format", "xlsx", "--output", str(book))
    rows = list(openpyxl.load_workbook(book).worksheets[0].iter_rows(values_only=True))
    [sewer] = [r for r in rows if r and r[0] == SEWER]
    assert any(isinstance(cell, str) and "公里" in cell for cell in sewer), sewer


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_backdated_row_shows_the_state_the_ledger_then_shows(gwr, tmp_path, ledger_dir, lang):
    """A May row (24 km on May 20) under a later typed record (30 km on June 10):
    the import showed 30 → 24 though the task stays at 30, what `gwr show`
    then says and what typing the same record confirms (no change)."""
    gwr.ok("progress", SEWER, "30", "--on", "2021-06-10")
    filled = fill(
        template_for(gwr, tmp_path), {SEWER: {"value": 24, "date": dt.datetime(2021, 5, 20)}}
    )
    result = gwr.ok("--lang", lang, "collect", "import", str(filled), "--as-of", "2021-06-20")
    [row] = [line for line in result.stdout.splitlines() if SEWER in line]
    km, status = ("公里", STATUS["zh"]["in-progress"]) if lang == "zh" else (" km", "in progress")
    assert row.count(f"30{km} {status}") == 2 and "24" not in row.split(SEWER, 1)[1][-40:]
    shown = gwr.ok("--as-of", "2021-06-20", "export", "--format", "json").stdout
    [sewer] = [t for t in json.loads(shown) if t["id"] == SEWER]
    assert sewer["value"] == 30


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_row_dated_before_a_done_is_a_backfill_as_a_typed_record_is(
    gwr, tmp_path, ledger_dir, lang
):
    """Done on June 1; a May sheet reports 10 km on May 28. `gwr progress sewer
    10 --on 2021-05-28` is recorded (progress before a done), and so is the row
    now: it was refused as 'already done' against today's status."""
    gwr.ok("done", SEWER, "--on", "2021-06-01")
    filled = fill(
        template_for(gwr, tmp_path), {SEWER: {"value": 10, "date": dt.datetime(2021, 5, 28)}}
    )
    gwr.ok("--lang", lang, "collect", "import", str(filled), "--as-of", "2021-06-20")
    progress = [e for e in read_ledger(ledger_dir).events if e.action == "progress"]
    assert [(e.task, e.value, e.on.isoformat()) for e in progress] == [(SEWER, 10.0, "2021-05-28")]
    shown = gwr.ok("--as-of", "2021-06-20", "export", "--format", "json").stdout
    [sewer] = [t for t in json.loads(shown) if t["id"] == SEWER]
    assert sewer["status"] == "done"
