"""The shipped registry is complete and faithful; broken registries are refused
with a message naming the file, the entry and the field."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path

import pytest

from conftest import SHIPPED_REGISTRY, SHIPPED_REPORT, copy_registry
from gwr_cli.errors import RegistryError
from gwr_cli.registry_check import inspect_registry
from gwr_cli.registry_load import load_registry


@pytest.fixture(scope="module")
def shipped():
    return load_registry(SHIPPED_REGISTRY)


def test_every_source_is_verbatim_in_the_report_text():
    report_text = SHIPPED_REPORT.read_text(encoding="utf-8")
    raw = tomllib.loads(SHIPPED_REGISTRY.read_text(encoding="utf-8"))
    quoted = [entry["source"] for entry in raw["tasks"] + raw["indicators"]]
    assert len(quoted) > 70
    missing = [source for source in quoted if source not in report_text]
    assert missing == []


def test_shipped_report_text_is_the_shared_report():
    shared = Path(__file__).resolve().parents[2] / "shared/report/xiangzhou-2021.txt"
    if not shared.exists():
        pytest.skip("shared/ is not beside this checkout")
    assert SHIPPED_REPORT.read_bytes() == shared.read_bytes()


def test_shipped_registry_loads(shipped):
    assert shipped.report.year == 2021
    assert shipped.report.delivered == dt.date(2021, 2, 24)
    assert [c.number for c in shipped.report.chapters] == [1, 2, 3, 4, 5, 6]
    assert len(shipped.tasks) >= 70
    assert len(shipped.indicators) == 8


@pytest.mark.parametrize(
    "area",
    [
        "education",
        "roads",
        "water",
        "commerce",
        "housing",
        "parks",
        "renewal",
        "industry",
        "innovation",
        "culture",
        "elderly-care",
        "social-services",
        "environment",
        "planning",
        "governance",
    ],
)
def test_every_theme_has_an_area_with_tasks(shipped, area):
    assert area in shipped.areas
    assert any(t.area == area for t in shipped.tasks)


@pytest.mark.parametrize(
    ("task_id", "target", "unit"),
    [
        ("sewer-pipes-50km", 50, "公里"),
        ("kindergartens-open-5", 5, "所"),
        ("kindergartens-start-7", 7, "所"),
        ("nanping-roads-8", 8, "条"),
        ("talent-housing-1000", 1000, "套"),
        ("digital-100-firms", 100, "家"),
        ("social-work-stations-10", 10, "个"),
    ],
)
def test_numeric_targets(shipped, task_id, target, unit):
    task = shipped.task(task_id)
    assert (task.target, task.unit) == (target, unit)


def test_one_task_per_deliverable(shipped):
    ids = {t.id for t in shipped.tasks}
    # "完成十六中建设和九洲中学改扩建" is two tasks; so are the four parks and trails.
    assert {"school-no16", "school-jiuzhou-expansion"} <= ids
    assert {
        "xiangshan-lake-phase4",
        "city-balcony",
        "trail-fenghuangshan",
        "trail-banzhangshan",
    } <= ids


def test_deadlines_follow_the_report_wording(shipped):
    assert shipped.task("admin-centre-demolition").deadline == dt.date(2021, 6, 30)  # 上半年
    assert shipped.task("mall-huanyu").deadline == dt.date(2021, 12, 31)  # 年内


def test_investment_is_in_yuan(shipped):
    assert shipped.task("phoenix-valley").investment_yuan == 12_500_000_000  # 125亿元
    assert shipped.task("digital-100-firms").investment_yuan == 25_000_000  # 2500万元


def _replace_once(old: str, new: str):
    def edit(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return edit


def _replace_line_of_task(task_id: str, key: str, new_line: str | None):
    """Change (or, with None, drop) one key of one task."""

    def edit(text: str) -> str:
        start = text.index(f'id = "{task_id}"')
        match = re.compile(rf"^{key} = .*$", re.MULTILINE).search(text, start)
        assert match
        replacement = "" if new_line is None else new_line
        return text[: match.start()] + replacement + text[match.end() :]

    return edit


BROKEN_REGISTRIES = [
    (
        "duplicate id",
        _replace_once('id = "school-changsha"', 'id = "school-no16"'),
        "task 'school-no16': duplicate id",
    ),
    (
        "unknown area",
        _replace_line_of_task("school-no16", "area", 'area = "edu"'),
        "task 'school-no16': field 'area': unknown area 'edu'",
    ),
    (
        "missing required field",
        _replace_line_of_task("school-no16", "deadline", None),
        "task 'school-no16': missing required field 'deadline'",
    ),
    (
        "wrong type",
        _replace_line_of_task("school-no16", "chapter", 'chapter = "five"'),
        "task 'school-no16': field 'chapter' must be a whole number, got 'five'",
    ),
    (
        "deadline not a date",
        _replace_line_of_task("school-no16", "deadline", 'deadline = "2021-12-31"'),
        "task 'school-no16': field 'deadline' must be a date like 2021-12-31",
    ),
    (
        "target without unit",
        _replace_line_of_task("sewer-pipes-50km", "unit", None),
        "task 'sewer-pipes-50km': field 'target' needs a 'unit'",
    ),
    (
        "negative investment",
        _replace_line_of_task(
            "digital-100-firms", "investment_yuan", "investment_yuan = -25_000_000"
        ),
        "task 'digital-100-firms': field 'investment_yuan' must be an amount in yuan of 0 or "
        "more, e.g. investment_yuan = 25_000_000, got -25000000",
    ),
    (
        "unknown investment kind",
        _replace_line_of_task("digital-100-firms", "investment_kind", 'investment_kind = "own"'),
        "task 'digital-100-firms': field 'investment_kind' must be 'total' or 'district'",
    ),
    (
        "source not verbatim",
        _replace_line_of_task("school-no16", "source", 'source = "完成十六中的建设"'),
        "task 'school-no16': field 'source' is not found verbatim in report.txt",
    ),
    (
        "unknown field (typo)",
        _replace_line_of_task("school-no16", "milestone", 'milstone = "建成"'),
        "task 'school-no16': unknown field 'milstone'",
    ),
    (
        "bad id",
        _replace_once('id = "school-no16"', 'id = "School No16"'),
        "id 'School No16' must be lowercase ASCII",
    ),
    (
        "chapter out of range",
        _replace_line_of_task("school-no16", "chapter", "chapter = 9"),
        "field 'chapter': no chapter 9",
    ),
    (
        "bad comparator",
        _replace_once('comparator = "<="', 'comparator = "=<"'),
        "indicator 'unemployment': field 'comparator' must be one of",
    ),
    (
        "wrong schema",
        _replace_once("\nschema = 1\n", "\nschema = 2\n"),
        "field 'schema' must be 1, got 2",
    ),
    (
        "tolerance out of range",
        _replace_once("tolerance = 0.10", "tolerance = 1.5"),
        "[schedule]: field 'tolerance' must be from 0 to below 1",
    ),
    (
        "missing report text",
        _replace_once('text = "report.txt"', 'text = "nowhere.txt"'),
        "report text not found",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [pytest.param(edit, expected, id=name) for name, edit, expected in BROKEN_REGISTRIES],
)
def test_broken_registry_is_refused_with_a_precise_message(tmp_path, edit, expected):
    path = copy_registry(tmp_path, edit)
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    message = str(caught.value)
    assert expected in message
    assert str(path) in message
    assert "\n" not in message


def test_entry_problems_carry_the_line_of_the_entry(tmp_path):
    path = copy_registry(tmp_path, _replace_line_of_task("school-no16", "area", 'area = "x"'))
    _, problems = inspect_registry(path)
    [problem] = problems
    line = int(problem.split(":")[1])
    header_line = path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert header_line == "[[tasks]]"
    assert 'id = "school-no16"' in path.read_text(encoding="utf-8").splitlines()[line]


def test_toml_syntax_error_names_line_and_column(tmp_path):
    path = copy_registry(
        tmp_path, _replace_once('title = "完成十六中建设"', 'title = "完成十六中建设')
    )
    with pytest.raises(RegistryError, match=r"invalid TOML: .*line \d+, column \d+"):
        load_registry(path)


def test_all_problems_are_collected_for_check(tmp_path):
    def edit(text: str) -> str:
        text = _replace_line_of_task("school-no16", "area", 'area = "x"')(text)
        return _replace_line_of_task("school-changsha", "area", 'area = "y"')(text)

    _, problems = inspect_registry(copy_registry(tmp_path, edit))
    assert len(problems) == 2
    with pytest.raises(RegistryError, match=r"and 1 more; run `gwr check`"):
        load_registry(tmp_path / "tasks.toml")


def test_missing_registry_file(tmp_path):
    with pytest.raises(RegistryError, match="registry not found"):
        load_registry(tmp_path / "absent.toml")


def test_registry_with_bom_is_refused(tmp_path):
    path = copy_registry(tmp_path, lambda text: "\ufeff" + text)
    with pytest.raises(RegistryError, match="byte-order mark"):
        load_registry(path)


def test_a_different_report_loads_the_same_way(tmp_path):
    """The registry is data: a minimal other report works with no code change."""
    (tmp_path / "r.txt").write_text("今年将建成3座桥梁。", encoding="utf-8")
    path = tmp_path / "other.toml"
    path.write_text(
        """schema = 1
[report]
id = "demo-2024"
title = "示例报告"
title_en = "Demo report"
region = "示例区"
year = 2024
delivered = 2024-01-15
text = "r.txt"
chapters = [{ number = 1, title = "建设", title_en = "Building" }]
[areas.bridges]
name = "桥梁"
name_en = "Bridges"
[[tasks]]
id = "bridges-3"
title = "建成3座桥梁"
title_en = "Build 3 bridges"
area = "bridges"
chapter = 1
deadline = 2024-12-31
target = 3
unit = "座"
source = "建成3座桥梁"
""",
        encoding="utf-8",
    )
    registry = load_registry(path)
    assert registry.task("bridges-3").unit_en == "座"  # unit_en defaults to unit
    assert registry.tolerance == 0.10


def test_the_fast_field_check_accepts_only_what_the_field_by_field_check_accepts():
    """registry_fields._check_fields first tries one set operation and a type
    test per field (the cold read checks 10,000 tasks, issue 15): every entry it
    passes there, the field-by-field check passes too, and a broken field of
    every kind is left to the field-by-field check, which words the problem."""
    import datetime as dt
    from pathlib import Path

    from gwr_cli.registry_fields import _TASK_FIELDS, _check_fields, _fields_pass, _Problems

    class Text(str):
        pass

    good = {"id": "t-1", "title": "标题", "title_en": "T", "area": "a", "chapter": 1,
            "deadline": dt.date(2021, 12, 31), "source": "原文", "target": 5.5, "unit": "公里",
            "investment_yuan": 10, "start": dt.date(2021, 1, 1), "tags": ["x", "y"]}  # fmt: skip
    broken = {
        "chapter": [True, 1.0, "1"],
        "deadline": [dt.datetime(2021, 12, 31), "2021-12-31"],
        "target": [float("nan"), float("inf"), 2**63, True, "5"],
        "tags": [["x", 1], "x", ("x",)],
        "title": [1, None, Text("子类")],
    }
    cases = [(good, True), ({**good, "extra": 1}, False)]
    cases += [({k: v for k, v in good.items() if k != key}, key not in ("id", "title",
               "title_en", "area", "chapter", "deadline", "source")) for key in good]  # fmt: skip
    cases += [({**good, key: value}, None) for key, values in broken.items() for value in values]
    for entry, fast_expected in cases:
        fast = _fields_pass(entry, _TASK_FIELDS)
        problems = _Problems(Path("tasks.toml"), "")
        usable = _check_fields(entry, _TASK_FIELDS, "t", problems)
        assert usable == (not problems.messages)
        if fast:
            assert usable, entry
        if fast_expected is not None:
            assert fast == fast_expected, entry
        else:  # a broken or unusual field: never passed by the fast check
            assert not fast, entry


def test_a_task_with_a_negative_investment_is_refused_like_any_invalid_value(tmp_path):
    # It was reported but its task still built, unlike every other invalid value.
    from gwr_cli.registry_entries import _build_tasks
    from gwr_cli.registry_fields import _Problems

    path = copy_registry(tmp_path)
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    [entry] = [t for t in raw["tasks"] if t["id"] == "digital-100-firms"]
    entry["investment_yuan"] = -1
    areas = load_registry(SHIPPED_REGISTRY).areas
    problems = _Problems(path, path.read_text(encoding="utf-8"))
    tasks = _build_tasks(raw, areas, None, None, problems)
    assert "digital-100-firms" not in {t.id for t in tasks}
    assert len(problems.messages) == 1


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "field 'investment_yuan' must be an amount in yuan of 0 or more"),
        ("zh", "字段investment_yuan应为以元计、不小于0的金额"),
    ],
)
def test_a_negative_investment_stops_every_command_in_one_line(gwr, tmp_path, lang, said):
    path = copy_registry(
        tmp_path,
        _replace_line_of_task("digital-100-firms", "investment_yuan", "investment_yuan = -5"),
    )
    for command in (["list"], ["start", "digital-100-firms"], ["check"]):
        result = gwr("--lang", lang, "--registry", str(path), *command)
        assert result.exit_code == 1, result.stdout
        assert said in result.stderr + result.stdout and str(path) in result.stderr + result.stdout
        if command != ["check"]:
            assert result.stderr.count("\n") == 1 and not result.stdout
    assert not (tmp_path / "gwr-home" / "ledger").exists()  # nothing recorded
