"""The Excel round trip: template out, a unit fills it, read + validate back in,
and the 台账 workbook. Plain data in, openpyxl files in tmp_path."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import NamedTuple

import openpyxl
import pytest

from gwr_cli.collect import COLUMNS, INPUT_COLUMNS, META_SHEET, Period
from gwr_cli.collect.ledger_workbook import (
    LedgerBook,
    LedgerEventRow,
    LedgerTaskRow,
    LedgerUnitRow,
    write_ledger_workbook,
)
from gwr_cli.collect.plan_text import change_headers, change_rows
from gwr_cli.collect.read import csv_meta, read_submission
from gwr_cli.collect.template import (
    TemplateRow,
    TemplateSpec,
    header_labels,
    template_filename,
    template_filenames,
    write_template,
)
from gwr_cli.collect.validate import (
    Reported,
    TaskFacts,
    reported_in_period,
    validate_submission,
)
from gwr_cli.errors import InputError

REGISTRY = "xiangzhou-2021"
UNIT = "区水务局"
MAY = Period("month", "2021-05", dt.date(2021, 5, 1), dt.date(2021, 5, 31))
TODAY = dt.date(2021, 6, 3)
HOSTILE = "=cmd|' /C calc'!A0"

ZH_HEADERS = [
    "编号",
    "任务",
    "报告原文",
    "完成时限",
    "目标",
    "节点目标",
    "上期进展",
    "本期完成值",
    "状态",
    "进展情况",
    "存在问题",
    "下步措施",
    "填报日期",
]

# Four fictional tasks of the unit: two with a target in km, two in percent.
ROWS = [
    TemplateRow(
        "sewer-pipes-50km",
        "新建、改建污水管网50公里",
        "新建、改建污水管网50公里",
        dt.date(2021, 12, 31),
        50,
        "公里",
        "2021-06-30 完成一期管网",
        "lead",
        "24/50公里",
        "in-progress",
        dt.date(2021, 4, 28),
        HOSTILE,
        "yellow",
        "滞后序时12个百分点",
    ),
    TemplateRow(
        "river-a",
        "整治河涌3条",
        "整治河涌3条",
        dt.date(2021, 12, 31),
        3,
        "条",
        "",
        "lead",
    ),
    TemplateRow(
        "policy-b",
        "出台排水管理办法",
        "出台排水管理办法",
        dt.date(2021, 6, 30),
        None,
        "",
        "",
        "lead",
        light="red",
        light_reason="逾期未完成",
    ),
    TemplateRow(
        "park-c",
        "建设口袋公园",
        "建设口袋公园",
        dt.date(2021, 12, 31),
        None,
        "",
        "",
        "partner",
    ),
]


def facts(**overrides: TaskFacts) -> dict[str, TaskFacts]:
    base = {
        "sewer-pipes-50km": TaskFacts("sewer-pipes-50km", 50, "公里", "in-progress", 24),
        "river-a": TaskFacts("river-a", 3, "条", "not-started", None),
        "policy-b": TaskFacts("policy-b", None, "", "not-started", None),
        "park-c": TaskFacts("park-c", None, "", "blocked", 20, dt.date(2021, 3, 1)),
        "other-unit-task": TaskFacts("other-unit-task", None, "", "not-started", None),
    }
    base.update(overrides)
    return base


UNIT_TASKS = {"sewer-pipes-50km", "river-a", "policy-b", "park-c"}


def spec(lang: str = "zh", rows=ROWS, unit: str = UNIT) -> TemplateSpec:
    return TemplateSpec(REGISTRY, "2021年珠海市香洲区政府工作报告", unit, MAY, lang, rows)


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / template_filename(UNIT, MAY.key)
    write_template(path, spec())
    return path


def fill(path: Path, values: dict[tuple[str, str], object], target: Path | None = None) -> Path:
    """Type values into the sheet as a person would: only into unlocked cells."""
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    ids = {sheet.cell(r, 1).value: r for r in range(3, sheet.max_row + 1)}
    for (task_id, column), value in values.items():
        cell = sheet.cell(ids[task_id], COLUMNS.index(column) + 1)
        assert cell.protection.locked is False, f"{column} is locked"
        cell.value = value
    target = target or path.with_name("filled.xlsx")
    workbook.save(target)
    return target


def plan_of(path: Path, task_facts=None, *, unit_tasks=UNIT_TASKS, today=TODAY, **kwargs):
    submission = read_submission(path, "zh", registry_id=REGISTRY, **kwargs)
    return validate_submission(
        submission, task_facts or facts(), unit_tasks, today, kwargs.get("lang", "zh")
    )


def summary(plan) -> list[tuple]:
    return [
        (e.task, e.action, e.on, e.value, e.note, e.problems, e.next, e.unit) for e in plan.events
    ]


# --- the template ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_template_headers_locks_validation_and_print_setup(tmp_path, lang):
    path = tmp_path / "t.xlsx"
    write_template(path, spec(lang))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.worksheets[0]
    headers = [c.value for c in sheet[2]]
    if lang == "zh":
        assert headers == ZH_HEADERS
        assert sheet.title == "填报"
        assert "区水务局" in sheet["A1"].value and "2021-05" in sheet["A1"].value
    else:
        assert headers[:3] == ["ID", "Task", "Report text"]
        assert headers[7] == "Value this period"
    assert headers == header_labels(lang)
    # Locked gwr columns, unlocked input columns, protection without a password.
    assert sheet.protection.sheet is True
    assert not sheet.protection.password
    for row in range(3, 3 + len(ROWS)):
        for index, column in enumerate(COLUMNS, start=1):
            locked = sheet.cell(row, index).protection.locked
            assert locked is (column not in INPUT_COLUMNS), (row, column)
    # Data validation: km ≥ 0, percent 0..100, the status list, a date.
    rules = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert rules["H3"].type == "decimal" and rules["H3"].operator == "greaterThanOrEqual"
    assert "公里" in rules["H3"].prompt or lang == "en"
    percent = rules["H5 H6"]
    assert (percent.operator, percent.formula1, percent.formula2) == ("between", "0", "100")
    status = rules["I3:I6"]
    expected = '"未启动,推进中,已完成,受阻"' if lang == "zh" else None
    assert status.type == "list" and (expected is None or status.formula1 == expected)
    assert rules["M3:M6"].type == "date"
    assert all(v.showErrorMessage for v in rules.values())
    # Layout and print.
    assert sheet.freeze_panes == "C3"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.column_dimensions["J"].width >= 24
    assert sheet.row_dimensions[3].height >= 3 * 15  # light, facts, note: three lines
    assert sheet["J3"].number_format == "@"  # typed text stays text
    assert sheet["C3"].alignment.wrap_text
    # The light as fill and as text.
    assert sheet["G3"].fill.fgColor.rgb.endswith("FFEB9C")
    assert sheet["G3"].value.startswith("黄灯：滞后序时12个百分点" if lang == "zh" else "yellow: ")
    assert sheet["G5"].fill.fgColor.rgb.endswith("FFC7CE")
    # The hidden metadata.
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    pairs = [(r[0].value, r[1].value) for r in meta.iter_rows()]
    assert ("registry", REGISTRY) in pairs and ("unit", UNIT) in pairs
    assert ("period_key", "2021-05") in pairs and ("version", "1") in pairs
    assert [v for k, v in pairs if k == "task"] == [r.task_id for r in ROWS]


def test_template_filename_is_safe_on_windows():
    assert template_filename("区水务局", "2021-05") == "区水务局-2021-05.xlsx"
    assert template_filename('a/b:c*"d"', "2021-W19") == "a_b_c_d_-2021-W19.xlsx"


def test_template_filenames_of_every_unit_never_collide():
    # "/" and ":" both become "_", and Windows and macOS folders ignore case: without
    # a suffix one unit's workbook would be written over by the next one's.
    names = template_filenames(
        ["区住建局/城管", "区住建局:城管", "Abc局", "ABC局", "区水务局"], "2021-05"
    )
    assert list(names.values()) == [
        "区住建局_城管-2021-05.xlsx",
        "区住建局_城管-2021-05-2.xlsx",
        "Abc局-2021-05.xlsx",
        "ABC局-2021-05-2.xlsx",
        "区水务局-2021-05.xlsx",
    ]


def test_template_replaces_the_file_whole_and_refuses_a_missing_folder(tmp_path):
    with pytest.raises(InputError):
        write_template(tmp_path / "no" / "t.xlsx", spec())
    assert not (tmp_path / "no").exists()


# --- a unit fills it in -----------------------------------------------------------------


def test_a_filled_template_gives_the_events_the_unit_meant(template):
    filled = fill(
        template,
        {
            ("sewer-pipes-50km", "value"): 32,
            ("sewer-pipes-50km", "status"): "推进中",
            ("sewer-pipes-50km", "note"): "第三批管网完工",
            ("sewer-pipes-50km", "problems"): "征地滞后",
            ("sewer-pipes-50km", "next"): "协调街道",
            ("sewer-pipes-50km", "date"): dt.datetime(2021, 5, 25),
            ("river-a", "status"): "推进中",
            ("policy-b", "status"): "已完成",
            ("policy-b", "note"): "办法已印发",
            ("park-c", "value"): 60,
            ("park-c", "status"): "受阻",
            ("park-c", "problems"): "资金未到位",
        },
    )
    plan = plan_of(filled)
    assert plan.errors == ()
    may25, may31 = dt.date(2021, 5, 25), dt.date(2021, 5, 31)
    assert summary(plan) == [
        (
            "sewer-pipes-50km",
            "progress",
            may25,
            32.0,
            "第三批管网完工",
            "征地滞后",
            "协调街道",
            UNIT,
        ),
        ("river-a", "start", may31, None, "", "", "", UNIT),
        ("policy-b", "done", may31, None, "办法已印发", "", "", UNIT),
        ("park-c", "progress", may31, 60.0, "", "", "", UNIT),
        ("park-c", "block", may31, None, "", "资金未到位", "", UNIT),
    ]
    by_task = {c.task: c for c in plan.changes}
    assert (by_task["park-c"].before_status, by_task["park-c"].after_status) == (
        "blocked",
        "blocked",
    )
    assert by_task["sewer-pipes-50km"].row == 3
    table = change_rows(plan, {"sewer-pipes-50km": ("新建、改建污水管网50公里", "公里")}, "zh")
    assert table[0] == [
        "sewer-pipes-50km",
        "新建、改建污水管网50公里",
        "进展",
        "24公里 推进中",
        "32公里 推进中",
    ]
    assert change_headers("zh") == ["编号", "任务", "动作", "上期", "本期"]
    assert change_headers("en") == ["id", "task", "action", "before", "now"]


def test_rows_with_nothing_filled_are_skipped_and_the_date_is_never_in_the_future(template):
    filled = fill(
        template, {("river-a", "value"): 1, ("policy-b", "date"): dt.datetime(2021, 5, 9)}
    )
    plan = plan_of(filled, today=dt.date(2021, 5, 20))
    assert [(e.task, e.on) for e in plan.events] == [("river-a", dt.date(2021, 5, 20))]
    assert plan.skipped == 3  # policy-b had only a date: nothing to record


def test_a_value_reaching_the_target_completes_the_task_in_one_event(template):
    plan = plan_of(fill(template, {("river-a", "value"): 3, ("river-a", "status"): "已完成"}))
    assert [(e.action, e.value) for e in plan.events] == [("progress", 3.0)]
    assert plan.changes[0].after_status == "done"


def test_text_values_full_width_digits_and_percent_of_target_are_numbers(template):
    plan = plan_of(
        fill(
            template,
            {
                ("sewer-pipes-50km", "value"): "３０",
                ("river-a", "value"): "50%",
                ("policy-b", "value"): "40",
            },
        )
    )
    assert [e.value for e in plan.events] == [30.0, 1.5, 40.0]


# --- every mistake reported, by row ------------------------------------------------------

BAD_CELLS = [
    pytest.param(
        ("sewer-pipes-50km", "value"),
        "约30",
        "第3行 本期完成值：“约30”不是数字；应填写公里数，例如 30",
        id="not-a-number",
    ),
    pytest.param(
        ("policy-b", "value"),
        120,
        "第5行 本期完成值：“120”超过100；该任务按百分比填报",
        id="percent-120",
    ),
    pytest.param(
        ("sewer-pipes-50km", "value"),
        "120%",
        "第3行 本期完成值：“120%”超过100%；应填写公里数，例如 30，或0%到100%之间的百分比",
        id="percent-of-target-over-100",
    ),
    pytest.param(("river-a", "value"), -2, "第4行 本期完成值：“-2”是负数", id="negative"),
    # Typed as text, or held as a number by the cell: more digits than a float keeps is
    # refused (it was recorded as 12345678901234567741440), a number is never "not a number".
    pytest.param(
        ("sewer-pipes-50km", "value"),
        "12345678901234567890123",
        "第3行 本期完成值：“12345678901234567890123”有23位有效数字（gwr最多精确保存15位有效数字）；"
        "应填写公里数，例如 30",
        id="text-of-23-digits",
    ),
    pytest.param(
        ("sewer-pipes-50km", "value"),
        1.2345678901234568e22,  # openpyxl writes it to the cell as 1.234567890123457e+22
        "第3行 本期完成值：“1.234567890123457e+22”的有效数字多于gwr能精确保存的15位；"
        "应填写公里数，例如 30",
        id="number-cell-of-16-digits",
    ),
    pytest.param(
        ("sewer-pipes-50km", "value"),
        "1e400",
        "第3行 本期完成值：“1e400”超出范围（gwr能保存的数在负10的308次方到10的308次方之间）",
        id="text-out-of-range",
    ),
    pytest.param(
        ("policy-b", "value"),
        "1e-400%",
        "第5行 本期完成值：“1e-400%”太接近0（gwr能保存0和绝对值不小于10的负307次方的数）；"
        "应填写完成百分比（0到100），例如 40",
        id="percent-too-close-to-zero",
    ),
    pytest.param(
        ("river-a", "value"), "=1+2", "第4行 本期完成值：单元格是公式“=1+2”", id="formula"
    ),
    pytest.param(
        ("river-a", "status"),
        "快完成了",
        "第4行 状态：“快完成了”不是可选状态；应为未启动、推进中、已完成或受阻",
        id="unknown-status",
    ),
    pytest.param(
        ("river-a", "date"),
        dt.datetime(2021, 6, 10),
        "第4行 填报日期：2021-06-10是将来的日期；应填写今天（2021-06-03）或之前的日期",
        id="future-date",
    ),
    pytest.param(
        ("river-a", "date"),
        "五月底",
        "第4行 填报日期：“五月底”不是日期；应填写日期，例如 2021-05-31",
        id="not-a-date",
    ),
    pytest.param(
        ("river-a", "date"),
        dt.datetime(2021, 4, 2),
        "第4行 填报日期：2021-04-02早于本期开始日期2021-05-01",
        id="date-before-period",
    ),
    pytest.param(
        ("river-a", "status"),
        "受阻",
        "第4行 存在问题：状态为“受阻”时，应在存在问题或进展情况中写明原因",
        id="block-without-reason",
    ),
    pytest.param(
        ("sewer-pipes-50km", "status"),
        "未启动",
        "第3行 状态：任务已于2021-03-01启动，不能改为“未启动”",
        id="back-to-not-started",
    ),
]


@pytest.mark.parametrize(("where", "value", "message"), BAD_CELLS)
def test_a_bad_cell_is_named_by_file_sheet_row_and_column(template, where, value, message):
    values = {where: value}
    if where[1] == "date":
        values[(where[0], "note")] = "有进展"
    task_facts = facts(
        **{
            "sewer-pipes-50km": TaskFacts(
                "sewer-pipes-50km", 50, "公里", "in-progress", 24, dt.date(2021, 3, 1)
            )
        }
    )
    filled = fill(template, values)
    plan = plan_of(filled, task_facts)
    assert len(plan.errors) == 1
    assert plan.errors[0].message.startswith(f"{filled} 工作表“填报”{message}")
    assert plan.changes == ()


def test_every_row_is_checked_and_every_error_returned(template):
    filled = fill(
        template,
        {
            ("sewer-pipes-50km", "value"): "约30",
            ("river-a", "status"): "差不多",
            ("river-a", "value"): "x",
            ("policy-b", "note"): "正常的一行",
        },
    )
    plan = plan_of(filled)
    assert [(e.row, e.column) for e in plan.errors] == [
        (3, "本期完成值"),
        (4, "本期完成值"),
        (4, "状态"),
    ]
    assert all(e.sheet == "填报" and e.file == str(filled) for e in plan.errors)


def test_english_errors(tmp_path):
    path = tmp_path / "en.xlsx"
    write_template(path, spec("en"))
    filled = fill(path, {("sewer-pipes-50km", "value"): "about 30"})
    submission = read_submission(filled, "en", registry_id=REGISTRY)
    plan = validate_submission(submission, facts(), UNIT_TASKS, TODAY, "en")
    assert plan.errors[0].message == (
        f"{filled}, sheet 'Report', row 3, Value this period: 'about 30' is not a number; "
        "give a number of 公里, e.g. 30"
    )


def edit_locked(path: Path, edit) -> Path:
    workbook = openpyxl.load_workbook(path)
    edit(workbook)
    target = path.with_name("edited.xlsx")
    workbook.save(target)
    return target


def test_an_edited_id_an_added_row_and_a_copied_row_are_refused(template):
    def edit(workbook):
        sheet = workbook.worksheets[0]
        sheet["A4"] = "river-z"  # edited 编号
        sheet["H4"] = 1
        sheet["A7"], sheet["H7"] = None, 5  # an added row without 编号
        sheet["A8"], sheet["H8"] = "policy-b", 50  # a copied row
        sheet["H5"] = 10

    plan = plan_of(edit_locked(template, edit))
    problems = [(e.row, e.column, e.message.split("：", 1)[1]) for e in plan.errors]
    assert problems == [
        (4, "编号", "编号“river-z”不是 gwr 为本单位生成的任务；编号不可修改，也不可增加行"),
        (7, "编号", "新增的行无法导入（编号为空）；只填写 gwr 生成的行"),
        (8, "编号", "编号“policy-b”重复（另见第5行）；每项任务只填一行"),
    ]


def test_a_task_the_unit_no_longer_answers_for_and_an_unknown_unit(template):
    filled = fill(template, {("park-c", "value"): 30})
    plan = plan_of(filled, unit_tasks=UNIT_TASKS - {"park-c"})
    assert "任务“park-c”不由“区水务局”牵头或配合" in plan.errors[0].message
    with pytest.raises(InputError, match="单位“区水务局”不在分工中"):
        plan_of(filled, unit_tasks=None)


def ole_file(path: Path, *, encrypted: bool) -> Path:
    # The OLE compound-file header, and for an encrypted .xlsx the directory
    # entry naming its EncryptedPackage stream (UTF-16), as Office writes them.
    body = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    if encrypted:
        body += "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    path.write_bytes(body + b"\x00" * 1024)
    return path


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def not_gwr(path: Path) -> Path:
    workbook = openpyxl.Workbook()
    workbook.active.append(ZH_HEADERS)
    workbook.save(path)
    return path


def meta_edited(key: str, value: str):
    def make(template: Path) -> Path:
        def edit(workbook):
            for row in workbook[META_SHEET].iter_rows():
                if row[0].value == key:
                    row[1].value = value

        return edit_locked(template, edit)

    return make


FIXTURES = Path(__file__).resolve().parent / "fixtures"


def fixture_copy(name: str, as_name: str):
    """A real file: old.xls saved by LibreOffice, encrypted.xlsx encrypted with
    msoffcrypto-tool (password "gwr"), as Excel's "Encrypt with password" does."""

    def make(template: Path) -> Path:
        return written(template.with_name(as_name), (FIXTURES / name).read_bytes())

    return make


BAD_FILES = [
    pytest.param(fixture_copy("old.xls", "real.xls"), "这是旧版 .xls 文件", id="real-xls"),
    pytest.param(
        fixture_copy("old.xls", "real-renamed.xlsx"), "这是旧版 .xls 文件", id="real-xls-renamed"
    ),
    pytest.param(
        fixture_copy("encrypted.xlsx", "real-secret.xlsx"),
        "文件设有打开密码，无法读取；请取消密码后另存为 .xlsx 再导入",
        id="real-encrypted",
    ),
    pytest.param(
        lambda t: ole_file(t.with_name("old.xls"), encrypted=False),
        "这是旧版 .xls 文件，gwr 只读取 .xlsx；请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
        id="xls",
    ),
    pytest.param(
        lambda t: ole_file(t.with_name("renamed.xlsx"), encrypted=False),
        "这是旧版 .xls 文件",
        id="xls-renamed-to-xlsx",
    ),
    pytest.param(
        lambda t: ole_file(t.with_name("secret.xlsx"), encrypted=True),
        "文件设有打开密码，无法读取",
        id="encrypted",
    ),
    pytest.param(
        lambda t: written(t.with_name("cut.xlsx"), t.read_bytes()[:3000]),
        "文件已损坏或不是 Excel 工作簿",
        id="truncated-zip",
    ),
    pytest.param(
        lambda t: written(t.with_name("text.xlsx"), b"hello"),
        "文件已损坏或不是 Excel 工作簿",
        id="not-a-zip",
    ),
    pytest.param(
        lambda t: not_gwr(t.with_name("mine.xlsx")),
        "不是 gwr 生成的填报表（缺少元数据）",
        id="not-made-by-gwr",
    ),
    pytest.param(
        meta_edited("registry", "jinwan-2021"),
        "填报表属于登记表“jinwan-2021”，当前登记表为“xiangzhou-2021”",
        id="other-registry",
    ),
    pytest.param(
        meta_edited("version", "9"),
        "填报表版本为9，本版 gwr 读取版本1",
        id="other-version",
    ),
    pytest.param(
        lambda t: written(t.with_name("notes.txt"), b"x"),
        "只能导入 .xlsx 或 .csv 文件",
        id="other-extension",
    ),
    pytest.param(lambda t: t.with_name("gone.xlsx"), "文件不存在", id="missing"),
]


@pytest.mark.parametrize(("make", "message"), BAD_FILES)
def test_a_file_that_cannot_be_read_is_refused_with_one_line(template, make, message):
    path = make(template)
    with pytest.raises(InputError) as caught:
        read_submission(path, "zh", registry_id=REGISTRY)
    line = str(caught.value)
    assert line.startswith(f"{path}：") and message in line
    assert "\n" not in line


def test_a_damaged_part_inside_a_valid_zip_is_refused(template, tmp_path):
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/sheet1"):
                data = data[: len(data) // 2]
            target.writestr(item, data)
    with pytest.raises(InputError, match="文件已损坏"):
        read_submission(broken, "zh", registry_id=REGISTRY)


# --- CSV -------------------------------------------------------------------------------


def as_csv(path: Path, encoding: str, *, title: bool) -> Path:
    """The filled sheet saved as CSV, as Excel or WPS would."""
    sheet = openpyxl.load_workbook(path).worksheets[0]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number == 1 and not title:
            continue
        writer.writerow(
            [
                "" if v is None else v.date().isoformat() if isinstance(v, dt.datetime) else v
                for v in row
            ]
        )
    target = path.with_name(f"filled-{encoding}.csv")
    target.write_bytes(buffer.getvalue().encode(encoding))
    return target


@pytest.mark.parametrize(
    ("encoding", "title"), [("utf-8-sig", True), ("utf-8", False), ("gb18030", True)]
)
def test_csv_and_xlsx_give_the_same_events(template, encoding, title):
    filled = fill(
        template,
        {
            ("sewer-pipes-50km", "value"): 32,
            ("sewer-pipes-50km", "note"): "第三批管网完工",
            ("sewer-pipes-50km", "date"): dt.datetime(2021, 5, 25),
            ("policy-b", "status"): "已完成",
            ("park-c", "note"): HOSTILE,
        },
    )
    from_xlsx = plan_of(filled)
    with_meta = csv_meta(REGISTRY, UNIT, MAY, "zh")
    from_csv = plan_of(as_csv(filled, encoding, title=title), csv_meta=with_meta)
    assert from_xlsx.errors == from_csv.errors == ()
    assert summary(from_csv) == summary(from_xlsx)
    assert len(summary(from_xlsx)) == 3


def test_a_csv_without_unit_and_period_is_refused(template):
    path = as_csv(fill(template, {("river-a", "value"): 1}), "utf-8-sig", title=True)
    with pytest.raises(InputError, match="CSV 文件不含填报单位和填报期"):
        read_submission(path, "zh", registry_id=REGISTRY)


def test_a_csv_row_for_a_task_of_another_unit_is_refused(template):
    path = as_csv(fill(template, {("river-a", "value"): 1}), "utf-8-sig", title=True)
    text = path.read_text("utf-8-sig").replace("river-a", "other-unit-task")
    path.write_text(text, encoding="utf-8-sig")
    meta = read_submission(template, "zh", registry_id=REGISTRY).meta._replace(task_ids=None)
    plan = plan_of(path, csv_meta=meta)
    assert "不由“区水务局”牵头或配合" in plan.errors[0].message
    assert plan.errors[0].sheet == path.name


# --- idempotence and re-submission ------------------------------------------------------


class Recorded(NamedTuple):
    """An event as the ledger will hold it (the fields reported_in_period reads)."""

    task: str
    action: str
    on: dt.date
    value: float | None
    note: str
    problems: str
    next: str
    unit: str


def after_recording(task_facts: dict[str, TaskFacts], plan, history: list) -> dict:
    """The facts once the plan's events are in the ledger (what import computes)."""
    history.extend(Recorded(*e) for e in plan.events)
    updated = dict(task_facts)
    for change in plan.changes:
        old = updated[change.task]
        updated[change.task] = old._replace(status=change.after_status, value=change.after_value)
    for task_id, old in updated.items():
        reported = reported_in_period(history, task_id, old.target, UNIT, MAY.start)
        updated[task_id] = old._replace(reported=reported)
    return updated


def test_importing_the_same_file_twice_records_nothing_the_second_time(template):
    filled = fill(
        template,
        {
            ("sewer-pipes-50km", "value"): 32,
            ("sewer-pipes-50km", "note"): "第三批管网完工",
            ("river-a", "status"): "推进中",
            ("policy-b", "note"): "起草中",
            ("policy-b", "problems"): "待法制审核",
            ("park-c", "status"): "受阻",
            ("park-c", "problems"): "资金未到位",
        },
    )
    history: list = []
    first = plan_of(filled)
    assert len(first.events) == 4
    second = plan_of(filled, after_recording(facts(), first, history))
    assert second.events == [] and second.errors == ()
    assert second.unchanged == 4


def test_a_corrected_resubmission_records_only_what_changed(template):
    values = {
        ("sewer-pipes-50km", "value"): 32,
        ("sewer-pipes-50km", "note"): "第三批管网完工",
        ("river-a", "status"): "推进中",
        ("policy-b", "note"): "起草中",
    }
    history: list = []
    first = plan_of(fill(template, values))
    now = after_recording(facts(), first, history)
    corrected = fill(
        template,
        {**values, ("sewer-pipes-50km", "value"): 35, ("policy-b", "next"): "6月上会"},
        target=template.with_name("corrected.xlsx"),
    )
    second = plan_of(corrected, now)
    assert [(e.task, e.action, e.value, e.note, e.next) for e in second.events] == [
        ("sewer-pipes-50km", "progress", 35.0, "", ""),
        ("policy-b", "note", None, "起草中", "6月上会"),
    ]
    # The corrected file imported once more is not news: the value-only event of the
    # re-submission leaves the texts the unit reported standing.
    third = plan_of(corrected, after_recording(now, second, history))
    assert third.events == [] and third.unchanged == 3


def test_an_older_file_does_not_turn_back_newer_progress(template):
    filled = fill(template, {("sewer-pipes-50km", "value"): 32})
    history: list = []
    now = after_recording(facts(), plan_of(filled), history)
    # The office records 40 km afterwards; the unit's old file comes in again.
    now["sewer-pipes-50km"] = now["sewer-pipes-50km"]._replace(value=40)
    assert plan_of(filled, now).events == []


def test_reported_in_period_reads_only_this_units_events_since_the_start():
    events = [
        Recorded("t", "progress", dt.date(2021, 4, 30), 10, "四月", "", "", UNIT),
        Recorded("t", "progress", dt.date(2021, 5, 3), 20, "五月", "p", "n", UNIT),
        Recorded("t", "note", dt.date(2021, 5, 4), None, "别的单位", "", "", "前山街道"),
        Recorded("u", "block", dt.date(2021, 5, 4), None, "other task", "", "", UNIT),
    ]
    assert reported_in_period(events, "t", 50, UNIT, MAY.start) == Reported(
        20, "in-progress", "五月", "p", "n"
    )
    assert reported_in_period(events, "t", 50, "南屏镇", MAY.start) == Reported()


def test_a_done_task_takes_notes_but_not_a_lower_value(template):
    done = facts(
        **{"river-a": TaskFacts("river-a", 3, "条", "done", 3, done_on=dt.date(2021, 5, 2))}
    )
    plan = plan_of(fill(template, {("river-a", "note"): "已验收"}), done)
    assert [(e.action, e.note) for e in plan.events] == [("note", "已验收")]
    plan = plan_of(fill(template, {("river-a", "value"): 1}), done)
    assert "任务已于2021-05-02完成" in plan.errors[0].message


# --- user text stays text ----------------------------------------------------------------

HOSTILE_TEXTS = [HOSTILE, "+SUM(1,2)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x")']


def no_formulas(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def test_user_text_is_stored_literally_in_the_template(tmp_path):
    rows = [
        ROWS[0]._replace(task_id=f"t{i}", last_note=hostile, milestone=hostile, title=hostile)
        for i, hostile in enumerate(HOSTILE_TEXTS)
    ]
    path = tmp_path / "t.xlsx"
    write_template(path, spec(rows=rows, unit="=单位"))
    no_formulas(path)
    sheet = openpyxl.load_workbook(path).worksheets[0]
    for number, hostile in enumerate(HOSTILE_TEXTS, start=3):
        assert sheet.cell(number, 2).value.startswith(hostile)
        assert sheet.cell(number, 2).data_type == "s"
        assert sheet.cell(number, 6).value == hostile
        assert sheet.cell(number, 2).quotePrefix


def test_a_note_typed_as_a_formula_is_imported_as_its_text(template):
    plan = plan_of(fill(template, {("policy-b", "note"): HOSTILE}))
    assert plan.events[0].note == HOSTILE


def ledger_book(texts: list[str]) -> LedgerBook:
    tasks = [
        LedgerTaskRow(
            f"t{i}",
            text,
            ("区水务局",),
            (),
            ("区领导甲",),
            dt.date(2021, 12, 31),
            50,
            "公里",
            20,
            40.0,
            "in-progress",
            "yellow",
            "滞后序时12个百分点",
            55.0,
            text,
            text,
            text,
            text,
        )
        for i, text in enumerate(texts)
    ]
    tasks.append(
        LedgerTaskRow(
            "plain",
            "无分工的任务",
            (),
            (),
            (),
            dt.date(2021, 6, 30),
            None,
            "",
            None,
            0.0,
            "not-started",
            "",
            "",
            80.0,
            "",
            "",
            "",
            "原文",
        )
    )
    events = [
        LedgerEventRow(
            dt.date(2021, 5, 1 + i),
            dt.datetime(2021, 5, 2 + i, 1, 2, tzinfo=dt.UTC),
            f"t{i}",
            text,
            "progress",
            20,
            text,
            text,
            text,
            "区水务局",
            text,
        )
        for i, text in enumerate(texts)
    ]
    units = [
        LedgerUnitRow("区水务局", 5, 1, 0, 2, 2, 1, dt.date(2021, 5, 25)),
        LedgerUnitRow("前山街道", 0, 2, 0, 0, 0, 0, None),
    ]
    return LedgerBook(
        "2021年珠海市香洲区政府工作报告", dt.date(2021, 5, 31), "zh", tasks, events, units
    )


def test_the_ledger_workbook_has_three_sheets_and_stores_text_literally(tmp_path):
    path = tmp_path / "台账.xlsx"
    write_ledger_workbook(path, ledger_book(HOSTILE_TEXTS))
    no_formulas(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["台账", "进展记录", "分单位"]
    tasks, events, units = workbook.worksheets
    assert [c.value for c in tasks[2]][:5] == ["编号", "任务", "牵头单位", "配合单位", "责任领导"]
    assert tasks["B3"].value == HOSTILE and tasks["M3"].value == HOSTILE
    assert tasks["K3"].value == "黄灯：滞后序时12个百分点"
    assert tasks["K3"].fill.fgColor.rgb.endswith("FFEB9C")
    assert tasks["C8"].value == "未分工"
    assert (tasks["G3"].value, tasks["G8"].value) == ("50公里", "按百分比")
    assert tasks["I3"].value == 0.4 and tasks["I3"].number_format == "0%"
    assert tasks.print_title_rows == "$2:$2" and tasks.page_setup.orientation == "landscape"
    assert [c.value for c in events[2]] == [
        "日期", "记录时间（UTC）", "编号", "任务", "动作", "数值", "进展情况", "存在问题",
        "下步措施", "填报单位", "记录人",
    ]  # fmt: skip
    assert events["A3"].value == dt.datetime(2021, 5, 1) and events["J3"].value == "区水务局"
    assert events["K7"].value == HOSTILE_TEXTS[4]
    assert [c.value for c in units[3]] == ["区水务局", 5, 1, 0, 2, 2, 1, dt.datetime(2021, 5, 25)]
    assert [c.value for c in units[2]][4:7] == ["绿灯", "黄灯", "红灯"]
    assert units["H4"].value == "未报送"


def test_the_collect_benchmark_runs_and_reports_its_times():
    import json
    import subprocess
    import sys

    bench = Path(__file__).resolve().parents[1] / "bench" / "collect.py"
    done = subprocess.run(
        [sys.executable, str(bench), "--units", "3", "--rows", "12", "--runs", "1", "--json"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(done.stdout)
    assert result["units"] == 3 and result["rows"] == 12 and result["workbooks"] == 3
    assert result["template_all_ms"] > 0 and result["import_ms"] > 0
    # Through the real commands: 12 rows, then 12 corrections; nothing for the
    # repeated import; the ledger only appended to.
    assert result["events_recorded"] == 24 and result["reimport_recorded_nothing"]
    assert result["ledger_only_grew"]


@pytest.mark.parametrize("hostile", HOSTILE_TEXTS)
def test_the_csv_export_never_hands_excel_a_formula(gwr, tmp_path, hostile):
    from conftest import copy_registry

    # Another office's registry may hold anything in a title; notes follow a date.
    title = 'title = "新建、改建污水管网50公里"'
    escaped = hostile.replace("\\", "\\\\").replace('"', '\\"')
    registry = copy_registry(
        tmp_path / "reg", lambda t: t.replace(title, f'title = "{escaped}"', 1)
    )
    gwr.ok(
        "--registry", str(registry), "note", "--on", "2021-05-12", "sewer-pipes-50km", "--", hostile
    )
    target = tmp_path / "tasks.csv"
    gwr.ok("--registry", str(registry), "export", "--lang", "zh", "--as-of", "2021-05-31",
           "--output", str(target))  # fmt: skip
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig"))))
    sewer = next(r for r in rows if r[10] == "sewer-pipes-50km")
    assert sewer[1] == "'" + hostile  # shown as text, the apostrophe hidden by Excel
    assert sewer[8] == f"2021-05-12 {hostile}"
    fields = [field for row in rows for field in row]
    assert not [f for f in fields if f and (f[0] in "=+@" or (f[0] == "-" and len(f) > 1))]


def test_csv_cells_keep_numbers_and_guard_text():
    from gwr_cli.export import csv_cell

    assert [csv_cell(v) for v in ("-", "-1.5", "+3", "=1+2", "@x", "-x", "区")] == [
        "-",
        "-1.5",
        "+3",
        "'=1+2",
        "'@x",
        "'-x",
        "区",
    ]


def test_the_plan_headline_says_what_will_be_recorded_or_that_nothing_is_new(template):
    from gwr_cli.collect.plan_text import plan_headline

    filled = fill(template, {("river-a", "value"): 1, ("policy-b", "note"): "起草中"})
    plan = plan_of(filled)
    assert plan_headline(plan, "zh", recorded=False) == (
        f"{filled}（区水务局，2021-05）：将记录2项变化"
    )
    assert plan_headline(plan, "en", recorded=True) == (
        f"{filled} (区水务局, 2021-05): 2 changes recorded"
    )
    again = plan_of(filled, after_recording(facts(), plan, []))
    assert plan_headline(again, "zh", recorded=False) == (
        f"{filled}：没有新的变化，未记录任何内容（2行与已记录的相同，2行未填写）"
    )


def test_rows_from_the_registry_and_task_states(tmp_path):
    from gwr_cli.collect.rows import ledger_event_row, ledger_task_row, task_facts, template_row
    from gwr_cli.ledger import Event
    from gwr_cli.paths import packaged_registry
    from gwr_cli.registry_load import load_registry
    from gwr_cli.status import fold_task

    registry = load_registry(packaged_registry())
    sewer = registry.task("sewer-pipes-50km")
    event = Event("e1", sewer.id, "progress", dt.date(2021, 5, 12),
                  dt.datetime(2021, 5, 13, tzinfo=dt.UTC), "zhang", 24.0, "第二批管网")  # fmt: skip
    state = fold_task(sewer, [event], dt.date(2021, 5, 31))
    row = template_row(state, "zh", role="lead", light="yellow", light_reason="滞后序时12个百分点")
    assert (row.task_id, row.target, row.unit, row.last_progress, row.last_status) == (
        "sewer-pipes-50km", 50, "公里", "24/50公里", "in-progress",
    )  # fmt: skip
    assert row.quote == sewer.source and row.last_note == "第二批管网"
    assert template_row(state, "en", role="partner").unit == "km"
    fresh = template_row(fold_task(sewer, [], None), "zh", role="lead")
    assert (fresh.last_progress, fresh.last_status, fresh.last_on) == ("", "", None)
    facts_now = task_facts(state, "zh")
    assert (facts_now.status, facts_now.value, facts_now.unit) == ("in-progress", 24.0, "公里")
    task_row = ledger_task_row(state, "zh", expected_percent=35.0, lead=("区水务局",))
    assert (task_row.value, task_row.percent, task_row.lead) == (24.0, 48.0, ("区水务局",))
    event_row = ledger_event_row(event, sewer.title)
    assert (event_row.unit, event_row.problems, event_row.by) == ("", "", "zhang")
    # The rows write: the template and the 台账 from real tasks.
    write_template(tmp_path / "t.xlsx", spec(rows=[row, fresh._replace(task_id="other")]))
    write_ledger_workbook(
        tmp_path / "l.xlsx",
        LedgerBook("报告", dt.date(2021, 5, 31), "zh", [task_row], [event_row], []),
    )
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx")["进展记录"]
    assert [c.value for c in sheet[3]][2:7] == [
        "sewer-pipes-50km",
        sewer.title,
        "进展",
        24,
        "第二批管网",
    ]


def test_any_text_round_trips_through_a_workbook_as_text(tmp_path):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from gwr_cli.collect import put_text
    from gwr_cli.messages import printable

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=8))
    def check(values):
        workbook = openpyxl.Workbook()
        for number, value in enumerate(values, start=1):
            put_text(workbook.active.cell(number, 1), value)
        buffer = io.BytesIO()
        workbook.save(buffer)
        sheet = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
        for number, value in enumerate(values, start=1):
            cell = sheet.cell(number, 1)
            assert cell.data_type == "s"
            kept = value.replace("\r\n", "\n").replace("\r", "\n")
            assert cell.value == printable(kept, single_line=False)

    check()


def test_a_row_added_for_a_task_the_template_did_not_list_is_refused(tmp_path):
    path = tmp_path / "three.xlsx"
    write_template(path, spec(rows=ROWS[:3]))

    def edit(workbook):
        sheet = workbook.worksheets[0]
        sheet["A6"], sheet["H6"] = "park-c", 30  # the unit's task, but not in this workbook

    plan = plan_of(edit_locked(path, edit))
    assert [(e.row, e.column) for e in plan.errors] == [(6, "编号")]
    assert "编号不可修改，也不可增加行" in plan.errors[0].message
