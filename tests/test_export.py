"""Export for Excel/WPS and for other tools."""

from __future__ import annotations

import csv
import io
import json
import os

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


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_csv_keeps_the_districts_own_investment_in_a_column_of_its_own(gwr, lang):
    # Summing the 项目总投资 column in Excel gives status's total, never the district's
    # own investment added to it (digital-100-firms: 投入2500万元, investment_kind "district").
    rows = list(
        csv.DictReader(io.StringIO(gwr.ok("--lang", lang, "export").stdout.lstrip("\ufeff")))
    )
    total, district = list(rows[0])[12:14]
    assert (total, district) == (
        ("项目总投资（元）", "区级投入（元）")
        if lang == "zh"
        else ("Total project investment (CNY)", "District's own investment (CNY)")
    )
    counts = json.loads(gwr.ok("status", "--format", "json").stdout)["counts"]
    assert sum(float(r[total] or 0) for r in rows) == counts["investment_yuan"]
    assert sum(float(r[district] or 0) for r in rows) == counts["district_investment_yuan"]
    digital = next(r for r in rows if "digital-100-firms" in r.values())
    assert (digital[total], digital[district]) == ("", "25000000")


# --- --output's name against --format ------------------------------------------------

SUFFIX_REFUSED = [
    # (command, --output, what the one line names)
    (["export", "--format", "xlsx"], "x.csv", ("--format csv, not xlsx", "ending in .xlsx")),
    (["export"], "x.xlsx", ("--format xlsx, not csv", "ending in .csv")),
    (["export", "--format", "json"], "x.XLSX", ("--format xlsx, not json", "ending in .json")),
    (["export", "--format", "csv"], "x.json", ("--format json, not csv", "ending in .csv")),
    (["export", "--format", "xlsx"], "x.json", ("--format json, not xlsx", "ending in .xlsx")),
    (["summary", "--format", "html"], "s.md", ("--format markdown, not html", "ending in .html")),
    (["summary"], "s.html", ("--format html, not text", "ending in .txt")),
    (["summary", "--format", "json"], "s.csv", ("does not fit --format json", "ending in .json")),
    # An .xls name got CSV; a workbook under it is refused, .xlsx suggested.
    (["export"], "x.xls", ("--format xlsx, not csv", "ending in .csv")),
    (["export", "--format", "json"], "x.XLS", ("--format xlsx, not json", "ending in .json")),
    (["export", "--format", "xlsx"], "x.xls", ("does not fit --format xlsx", "ending in .xlsx")),
    # Markdown is text: the .txt it accepts is named too.
    (
        ["summary", "--format", "markdown"],
        "x.html",
        ("--format html, not markdown", "ending in .md, .markdown or .txt"),
    ),
]
SUFFIX_ALLOWED = [
    (["export", "--format", "xlsx"], "x.xlsx"),
    (["export"], "tasks"),  # no ending: the user's choice
    (["export", "--format", "json"], "x.dat"),  # an ending of no format of gwr's
    (["summary", "--format", "markdown"], "s.txt"),  # Markdown is text
    (["summary", "--format", "html"], "s.HTM"),
]


@pytest.mark.parametrize(("command", "name", "said"), SUFFIX_REFUSED)
def test_an_output_name_of_another_format_is_refused_and_nothing_written(
    gwr, tmp_path, command, name, said
):
    # `export --format xlsx --output x.csv` wrote a workbook under a CSV name.
    target = tmp_path / name
    result = gwr("--lang", "en", *command, "--output", str(target))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert str(target) in result.stderr and all(part in result.stderr for part in said)
    assert not target.exists() and not result.stdout
    zh = gwr("--lang", "zh", *command, "--output", str(target))
    assert zh.exit_code == 1 and "不符" in zh.stderr and not target.exists()


@pytest.mark.parametrize(("command", "name"), SUFFIX_ALLOWED)
def test_an_output_name_that_fits_or_names_no_format_is_written(gwr, tmp_path, command, name):
    target = tmp_path / name
    gwr.ok(*command, "--output", str(target))
    assert target.stat().st_size > 0


def test_the_installed_gwr_refuses_an_output_name_of_another_format(tmp_path):
    from conftest import run_installed

    ended = run_installed("export", "--format", "xlsx", "--output", "x.csv", cwd=tmp_path)
    assert ended.returncode == 1 and ended.stderr.count("\n") == 1, ended.stderr
    assert "--output x.csv" in ended.stderr and not (tmp_path / "x.csv").exists()


TRAILING_SEPARATOR = [
    ["export"],
    ["export", "--format", "xlsx"],
    ["summary"],
    ["summary", "--format", "html"],
]


@pytest.mark.parametrize("command", TRAILING_SEPARATOR)
def test_an_output_name_ending_in_a_separator_is_refused_and_nothing_written(
    gwr, tmp_path, command
):
    # `export --output newdir/` wrote a regular file named newdir.
    typed = str(tmp_path / "newdir") + "/"
    for lang, said in (("en", "ends in a path separator"), ("zh", "以路径分隔符结尾")):
        result = gwr("--lang", lang, *command, "--output", typed)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert typed in result.stderr and said in result.stderr
    assert not (tmp_path / "newdir").exists()


def test_collect_template_refuses_a_name_ending_in_a_separator(gwr, tmp_path):
    typed = str(tmp_path / "rep") + "/"
    result = gwr("collect", "template", "--unit", "区教育局", "--output", typed)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert not (tmp_path / "rep").exists()


def test_the_installed_gwr_refuses_an_output_name_ending_in_a_separator(tmp_path):
    from conftest import run_installed

    ended = run_installed("export", "--output", "newdir/", cwd=tmp_path)
    assert ended.returncode == 1 and ended.stderr.count("\n") == 1, ended.stderr
    assert "newdir/" in ended.stderr and not (tmp_path / "newdir").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX symlinks")
@pytest.mark.parametrize(
    ("lang", "said"), [("en", "folder nowhere does not exist"), ("zh", "文件夹nowhere不存在")]
)
def test_an_output_link_to_a_missing_folder_names_the_link_targets_folder(
    gwr, tmp_path, monkeypatch, lang, said
):
    # `ln -s nowhere/x.csv dang.csv; gwr export --output dang.csv` said "folder . does not exist".
    work = tmp_path / "work"  # not tmp_path: GWR_HOME is in it
    work.mkdir()
    monkeypatch.chdir(work)
    os.symlink(os.path.join("nowhere", "x.csv"), "dang.csv")
    result = gwr("--lang", lang, "export", "--output", "dang.csv")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert said in result.stderr and "--output dang.csv" in result.stderr
    assert sorted(p.name for p in work.iterdir()) == ["dang.csv"]


def test_collect_template_names_a_folder_as_export_does(gwr, tmp_path):
    # `--unit X --output new/` (or an existing folder) said "should end in .xlsx".
    (tmp_path / "existing").mkdir()
    for typed, said in (
        (str(tmp_path / "new") + "/", "ends in a path separator, so it names a folder"),
        (str(tmp_path / "existing"), "is a folder: give a file name"),
    ):
        result = gwr("collect", "template", "--unit", "区教育局", "--output", typed)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert f"--output {typed}" in result.stderr and said in result.stderr
        assert ".xlsx" not in result.stderr
    assert not (tmp_path / "new").exists() and list((tmp_path / "existing").iterdir()) == []
