"""The 分工 file: loading the fictional tests/data/assignments.toml against the
shipped registry, its lookups and name matching, and a validation table in
which every bad file gives its exact message and line, in both languages."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from conftest import SHIPPED_REGISTRY
from gwr_cli.assignments import Assignment, Node, inspect_assignments, load_assignments
from gwr_cli.errors import AssignmentsError, InputError
from gwr_cli.paths import resolve_locations
from gwr_cli.registry_load import load_registry

REGISTRY = load_registry(SHIPPED_REGISTRY)  # delivered 2021-02-24; sewer: 50 km by 2021-12-31
FICTIONAL = Path(__file__).parent / "data" / "assignments.toml"


@pytest.fixture(scope="module")
def assignments():
    return load_assignments(FICTIONAL, REGISTRY, "en")


def test_the_fictional_file_loads_in_the_issue_shape(assignments):
    assert len(assignments) == 6
    assert assignments.get("sewer-pipes-50km") == Assignment(
        task="sewer-pipes-50km",
        lead=("区水务局",),
        partners=("前山街道", "南屏镇"),
        leader=("区领导甲",),
        key=True,
        tags=("民生实事",),
        nodes=(
            Node(dt.date(2021, 6, 30), 40.0, None, "完成一期管网"),
            Node(dt.date(2021, 9, 30), None, 35.0, ""),
        ),
    )
    # Optional fields take their empty defaults; an indicator may be assigned.
    assert assignments.get("gdp-growth") == Assignment("gdp-growth", ("区发展改革局",), (),
                                                       ("区领导丙",))  # fmt: skip
    assert assignments.get("phoenix-valley") is None  # 未分工
    assert "school-no16" in assignments and "phoenix-valley" not in assignments


def test_units_with_their_roles_in_file_order(assignments):
    units = {unit.name: unit for unit in assignments.units()}
    first_four = [u.name for u in assignments.units()][:4]
    assert first_four == ["区水务局", "前山街道", "南屏镇", "区教育局"]
    assert units["区水务局"].lead == ("sewer-pipes-50km",)
    assert units["区水务局"].partner == ("admin-centre-demolition",)
    assert units["区水务局"].role == "lead"
    assert units["前山街道"].role == "partner"
    # A task with two lead units counts for each of them.
    assert units["区商务局"].lead == units["拱北街道"].lead == ("mall-haiyin",)
    assert assignments.tasks_of_unit("区教育局") == (("school-no16", "kindergartens-open-5"), ())
    assert assignments.tasks_of_unit("nobody") == ((), ())


def test_leaders_tags_and_key_tasks(assignments):
    assert [(leader.name, leader.tasks) for leader in assignments.leaders()] == [
        ("区领导甲", ("sewer-pipes-50km", "mall-haiyin")),
        ("区领导乙", ("school-no16", "kindergartens-open-5")),
        ("区领导丙", ("mall-haiyin", "gdp-growth")),
    ]
    assert assignments.tasks_of_leader("区领导丙") == ("mall-haiyin", "gdp-growth")
    assert assignments.tags() == ("民生实事",)
    assert assignments.tasks_tagged("民生实事") == (
        "sewer-pipes-50km",
        "school-no16",
        "kindergartens-open-5",
    )
    assert assignments.key_tasks() == ("sewer-pipes-50km", "school-no16")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("区水务局", "区水务局"),  # exact
        ("水务", "区水务局"),  # unique substring
        (" 教育 ", "区教育局"),  # surrounding spaces ignored
        ("拱北", "拱北街道"),
    ],
)
def test_match_unit_exact_or_unique_substring(assignments, typed, expected):
    assert assignments.match_unit(typed, "zh") == expected


@pytest.mark.parametrize(
    ("method", "typed", "lang", "message"),
    [
        (
            "match_unit",
            "街道",
            "zh",
            "单位“街道”不唯一，可能是：前山街道、拱北街道；请写得更完整",
        ),
        (
            "match_unit",
            "街道",
            "en",
            "unit '街道' is ambiguous: it could be 前山街道, 拱北街道; type more of the name",
        ),
        (
            "match_unit",
            "区水利局",
            "zh",
            "分工中没有单位“区水利局”——是否为“区水务局”、“区教育局”或“区商务局”？",
        ),
        (
            "match_leader",
            "区领导",
            "en",
            "leader '区领导' is ambiguous: it could be 区领导甲, 区领导乙, 区领导丙; "
            "type more of the name",
        ),
        ("match_leader", "甲", "en", None),  # unique: 区领导甲
        ("match_tag", "民生", "zh", None),  # unique: 民生实事
        # Nothing close: the line names what there is.
        (
            "match_tag",
            "重点",
            "en",
            f"no tag '重点' in the assignments (one of: 民生实事; {FICTIONAL})",
        ),
        (
            "match_tag",
            "重点",
            "zh",
            f"分工中没有标签“重点”（可选：民生实事；分工文件：{FICTIONAL}）",
        ),
    ],
)
def test_match_errors_name_the_candidates(assignments, method, typed, lang, message):
    if message is None:
        assert getattr(assignments, method)(typed, lang)
        return
    with pytest.raises(InputError) as caught:
        getattr(assignments, method)(typed, lang)
    assert str(caught.value) == message


def test_a_missing_file_means_no_assignments(tmp_path):
    missing = tmp_path / "assignments.toml"
    assignments = load_assignments(missing, REGISTRY, "zh")
    assert len(assignments) == 0 and not assignments
    assert assignments.get("sewer-pipes-50km") is None
    assert assignments.units() == () and assignments.leaders() == ()
    with pytest.raises(InputError) as caught:
        assignments.match_unit("水务", "zh")
    assert str(caught.value) == f"尚无分工，无法按单位筛选：请在{missing}中填写[[assignments]]"
    assert not missing.exists()  # reading never creates it


def test_no_such_name_when_the_file_names_none(tmp_path):
    path = tmp_path / "assignments.toml"
    path.write_text(_GOOD, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_assignments(path, REGISTRY, "zh").match_tag("民生", "zh")
    assert str(caught.value) == f"分工中没有标签“民生”（分工文件：{path}）"


def test_the_file_lives_in_the_home(tmp_path):
    locations = resolve_locations(str(tmp_path), None)
    assert locations.assignments_file == tmp_path / "assignments.toml"


# --- validation -----------------------------------------------------------------------

_GOOD = """schema = 1

[[assignments]]
task = "sewer-pipes-50km"
lead = ["区水务局"]
"""


def _entry(body: str) -> str:
    return "schema = 1\n\n[[assignments]]\n" + body


def _one_node(task: str, node: str) -> str:
    """An entry for `task` with one node on line 6."""
    return _entry(f'task = "{task}"\nlead = ["甲"]\nnodes = [{{ {node} }}]\n')


# (name, file text, lang, expected message after "<file>:", or after "<file>" when it
# starts with "：" because no line can be named)
# fmt: off
VALIDATION = [
    ("schema missing", "[[assignments]]\ntask = \"school-no16\"\nlead = [\"甲\"]\n", "en",
     " field 'schema' is missing; the file should begin with 'schema = 1'"),
    # An empty file said only that schema is missing.
    ("empty file", "", "zh",
     "：文件为空；分工文件至少应含一行 schema = 1，其后是各条[[assignments]]"),
    ("blank file", "\n\n", "en",
     " the file is empty; it needs at least the line 'schema = 1', then its [[assignments]] "
     "tables"),
    # Conflict markers said only "invalid TOML line 2".
    ("conflict markers",
     "schema = 1\n<<<<<<< HEAD\n[[assignments]]\n=======\n[[assignments]]\n>>>>>>> b\n", "en",
     "2: lines 2–6 hold git conflict markers: delete the marker lines (<<<<<<<, =======, "
     ">>>>>>>) and keep the entries that should stay, then run gwr again"),
    ("schema wrong", "schema = 2\n", "zh", "1：字段schema应为1，实为2"),
    ("unknown top-level key", "schema = 1\nunits = []\n", "en",
     "2: unknown top-level key 'units' (known: schema, assignments)"),
    ("unknown field", _entry('task = "school-no16"\nlead = ["甲"]\nowner = "乙"\n'), "en",
     "6: assignment #1 (school-no16): unknown field 'owner' "
     "(known fields: task, lead, partners, leader, key, tags, nodes)"),
    ("missing lead", _entry('task = "school-no16"\n'), "zh",
     "3：第1条分工（school-no16）：缺少必填字段lead"),
    ("missing task", _entry('lead = ["甲"]\n'), "en",
     "3: assignment #1: missing required field 'task'"),
    ("unknown task", _entry('task = "sewer-pipes"\nlead = ["甲"]\n'), "en",
     "4: assignment #1 (sewer-pipes): no task or indicator 'sewer-pipes' in the registry "
     "— did you mean 'sewer-pipes-50km'?"),
    # Inline tables have no [[assignments]] header: the file alone, never a crash.
    ("inline entry, unknown task",
     'schema = 1\nassignments = [{ task = "sewer-pipes", lead = ["甲"] }]\n', "en",
     " assignment #1 (sewer-pipes): no task or indicator 'sewer-pipes' in the registry "
     "— did you mean 'sewer-pipes-50km'?"),
    ("unknown task zh", _entry('task = "scool-no16"\nlead = ["甲"]\n'), "zh",
     "4：第1条分工（scool-no16）：登记表中没有任务或指标“scool-no16”——是否为“school-no16”？"),
    ("duplicate entry", _GOOD + '\n[[assignments]]\ntask = "sewer-pipes-50km"\nlead = ["乙"]\n',
     "en", "8: assignment #2 (sewer-pipes-50km): duplicate entry: the task is assigned already "
     "in assignment #1 (line 3)"),
    ("lead as a string", _entry('task = "school-no16"\nlead = "区教育局"\n'), "en",
     "5: assignment #1 (school-no16): field 'lead' must be a list of names, "
     "e.g. [\"区水务局\"], got '区教育局'"),
    ("lead empty", _entry('task = "school-no16"\nlead = []\n'), "zh",
     "5：第1条分工（school-no16）：字段lead至少需要一个牵头单位"),
    ("blank name", _entry('task = "school-no16"\nlead = ["甲"]\nleader = [" "]\n'), "en",
     "6: assignment #1 (school-no16): field 'leader' has an empty name"),
    ("name twice", _entry('task = "school-no16"\nlead = ["甲"]\npartners = ["乙", "乙"]\n'),
     "en", "6: assignment #1 (school-no16): field 'partners' names '乙' twice"),
    ("lead and partner", _entry('task = "school-no16"\nlead = ["甲"]\npartners = ["甲"]\n'),
     "zh", "6：第1条分工（school-no16）：“甲”不能既是牵头单位又是配合单位"),
    ("key not bool", _entry('task = "school-no16"\nlead = ["甲"]\nkey = "yes"\n'), "en",
     "6: assignment #1 (school-no16): field 'key' must be true or false, got 'yes'"),
    ("tags not list", _entry('task = "school-no16"\nlead = ["甲"]\ntags = "民生实事"\n'), "en",
     "6: assignment #1 (school-no16): field 'tags' must be a list of strings, "
     "e.g. [\"民生实事\"], got '民生实事'"),
    ("nodes on an indicator",
     _one_node("gdp-growth", "by = 2021-06-30, percent = 50"),
     "en", "6: assignment #1 (gdp-growth): an indicator has no time window, so no nodes"),
    ("node after the deadline",
     _entry('task = "sewer-pipes-50km"\nlead = ["甲"]\nnodes = [\n'
            '  { by = 2021-06-30, percent = 40 },\n  { by = 2022-01-31, percent = 90 },\n]\n'),
     "zh", "8：第1条分工（sewer-pipes-50km）的节点2：日期2022-01-31晚于任务完成时限2021-12-31"),
    ("node before the window",
     _entry('task = "sewer-pipes-50km"\nlead = ["甲"]\n'
            'nodes = [{ by = 2021-02-24, percent = 10 }]\n'),
     "en", "6: assignment #1 (sewer-pipes-50km) node 1: date 2021-02-24 must be after the "
     "task's window opens (2021-02-24)"),
    ("node values not increasing",
     _entry('task = "sewer-pipes-50km"\nlead = ["甲"]\nnodes = [\n'
            '  { by = 2021-06-30, value = 25 },\n  { by = 2021-09-30, percent = 50 },\n]\n'),
     "en", "8: assignment #1 (sewer-pipes-50km) node 2: progress must be above the previous "
     "node's (50%)"),
    ("node dates not increasing",
     _entry('task = "sewer-pipes-50km"\nlead = ["甲"]\nnodes = [\n'
            '  { by = 2021-09-30, percent = 40 },\n  { by = 2021-06-30, percent = 60 },\n]\n'),
     "zh", "8：第1条分工（sewer-pipes-50km）的节点2：日期应晚于上一节点（2021-09-30）"),
    ("percent over 100",
     _one_node("sewer-pipes-50km", "by = 2021-06-30, percent = 120"),
     "en", "6: assignment #1 (sewer-pipes-50km) node 1: 'percent' must be from 0 to 100, got 120"),
    ("percent negative",
     _one_node("school-no16", "by = 2021-06-30, percent = -5"),
     "zh", "6：第1条分工（school-no16）的节点1：percent应在0到100之间，实为-5"),
    ("value beyond target",
     _one_node("sewer-pipes-50km", "by = 2021-06-30, value = 60"),
     "zh", "6：第1条分工（sewer-pipes-50km）的节点1：value应在0到目标50公里之间，实为60"),
    # English showed the Chinese unit: "... the target 50 公里, got 55".
    ("value beyond target, en",
     _one_node("sewer-pipes-50km", "by = 2021-06-30, value = 55"),
     "en", "6: assignment #1 (sewer-pipes-50km) node 1: 'value' must be from 0 to the target "
     "50 km, got 55"),
    ("value without a target",
     _one_node("school-no16", "by = 2021-06-30, value = 1"),
     "en", "6: assignment #1 (school-no16) node 1: the task has no numeric target; use 'percent'"),
    ("not finite",
     _one_node("school-no16", "by = 2021-06-30, percent = nan"),
     "en", "6: assignment #1 (school-no16) node 1: field 'percent' is not a finite number (nan)"),
    ("infinite",
     _one_node("sewer-pipes-50km", "by = 2021-06-30, value = inf"),
     "zh", "6：第1条分工（sewer-pipes-50km）的节点1：字段value不是有限的数（inf：绝对值超过约"
     "1.8×10的308次方的数读作无穷大；gwr能保存的数在负10的308次方到10的308次方之间）"),
    # A float keeps 15 significant digits: 20 would be kept as another number.
    ("more digits than a float keeps",
     _one_node("sewer-pipes-50km", "by = 2021-06-30, value = 12.345678901234567890"),
     "en", "6: assignment #1 (sewer-pipes-50km) node 1: field 'value' has more significant "
     "digits than the 15 gwr keeps exactly"),
    ("both percent and value",
     _entry('task = "sewer-pipes-50km"\nlead = ["甲"]\n'
            'nodes = [{ by = 2021-06-30, percent = 40, value = 20 }]\n'),
     "en", "6: assignment #1 (sewer-pipes-50km) node 1: needs exactly one of 'percent' (of the "
     "task) or 'value' (in the task's unit)"),
    ("neither percent nor value", _one_node("school-no16", 'by = 2021-06-30, text = "开工"'),
     "zh", "6：第1条分工（school-no16）的节点1："
     "需要percent（百分比）或value（任务单位的数值）二者之一"),
    ("braces and comments before the bad node",
     _entry('task = "school-no16"\nlead = ["甲"]\nnodes = [  # 节点 { 注释\n'
            '  { by = 2021-06-30, percent = 40, text = "一期{含\\"引号\\"}" }, # }{\n'
            "  { by = 2021-07-30, percent = 50, text = '二期{' },\n"
            '  { by = 2022-06-30, percent = 80 },\n]\n'),
     "en", "9: assignment #1 (school-no16) node 3: date 2022-06-30 is after the task's "
     "deadline 2021-12-31"),
    ("node date quoted",
     _one_node("school-no16", 'by = "2021-06-30", percent = 40'),
     "en", "6: assignment #1 (school-no16) node 1: field 'by' must be a date like 2021-06-30 "
     "(unquoted), got '2021-06-30'"),
    ("node without date",
     _one_node("school-no16", "percent = 40"),
     "zh", "6：第1条分工（school-no16）的节点1：缺少日期by"),
    ("node unknown key",
     _entry('task = "school-no16"\nlead = ["甲"]\nnodes = [\n  { by = 2021-06-30, percent = 40 },\n'
            '  { by = 2021-09-30, percent = 80, note = "x" },\n]\n'),
     "en", "8: assignment #1 (school-no16) node 2: unknown field 'note' "
     "(known fields: by, percent, value, text)"),
    ("node not a table",
     _entry('task = "school-no16"\nlead = ["甲"]\nnodes = [2021-06-30]\n'),
     "en", "6: assignment #1 (school-no16) node 1 must be a table, "
     "e.g. { by = 2021-06-30, percent = 40 }"),
    ("nodes as sub-tables",
     _entry('task = "school-no16"\nlead = ["甲"]\n\n[[assignments.nodes]]\nby = 2021-06-30\n'
            'percent = 40\n\n[[assignments.nodes]]\nby = 2022-06-30\npercent = 80\n'),
     "en", "11: assignment #1 (school-no16) node 2: date 2022-06-30 is after the task's "
     "deadline 2021-12-31"),
    ("second entry's line",
     _GOOD + '\n[[assignments]]\ntask = "school-no16"\n# a comment\nlead = ["甲"]\n'
     'key = 1\n', "en",
     "11: assignment #2 (school-no16): field 'key' must be true or false, got 1"),
    ("invalid TOML", _GOOD + 'partners = ["前山街道"\nkey = true\n', "en",
     "7: invalid TOML: Unclosed array (at line 7, column 1)"),
    ("invalid TOML zh", _GOOD + 'lead = ["乙"]\n', "zh",
     "6：不是有效的TOML（第13列）；请检查引号、括号和逗号"),
    ("invalid TOML at the end", _GOOD + 'partners = ["前山街道"\n', "zh",
     "：不是有效的TOML（在文件末尾）；请检查引号、括号和逗号"),
]
# fmt: on


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [case[1:] for case in VALIDATION],
    ids=[case[0] for case in VALIDATION],
)
def test_validation_message_and_line(tmp_path, text, lang, expected):
    path = tmp_path / "assignments.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(AssignmentsError) as caught:
        load_assignments(path, REGISTRY, lang)
    message = str(caught.value)
    assert message.startswith(str(path))
    where_and_what = message[len(str(path)) :]
    assert where_and_what == (expected if expected.startswith("：") else f":{expected}")
    assert path.read_bytes() == before  # reported, never rewritten


def test_every_problem_is_listed_and_the_first_raised(tmp_path):
    path = tmp_path / "assignments.toml"
    path.write_text(_entry('task = "nowhere"\nlead = []\nkey = 3\n'), encoding="utf-8")
    assignments, problems = inspect_assignments(path, REGISTRY, "en")
    assert assignments is None
    assert [p[len(str(path)) :] for p in problems] == [
        ":4: assignment #1 (nowhere): no task or indicator 'nowhere' in the registry",
        ":5: assignment #1 (nowhere): field 'lead' needs at least one lead unit",
        ":6: assignment #1 (nowhere): field 'key' must be true or false, got 3",
    ]
    with pytest.raises(AssignmentsError) as caught:
        load_assignments(path, REGISTRY, "zh")
    assert str(caught.value).endswith("（另有2处问题）")


@pytest.mark.parametrize(
    ("raw", "lang", "expected"),
    [
        (b"schema = 1\n\xff\n", "en", ": not UTF-8 (byte 11); save the file as UTF-8"),
        (
            "\ufeffschema = 1\n".encode(),
            "zh",
            ":1：文件以字节顺序标记（BOM）开头；请另存为不带BOM的UTF-8",
        ),
    ],
)
def test_unreadable_bytes(tmp_path, raw, lang, expected):
    path = tmp_path / "assignments.toml"
    path.write_bytes(raw)
    with pytest.raises(AssignmentsError) as caught:
        load_assignments(path, REGISTRY, lang)
    assert str(caught.value) == f"{path}{expected}"
    assert path.read_bytes() == raw


def test_a_folder_in_its_place_is_reported(tmp_path):
    path = tmp_path / "assignments.toml"
    path.mkdir()
    with pytest.raises(AssignmentsError) as caught:
        load_assignments(path, REGISTRY, "zh")
    assert str(caught.value).startswith(f"无法读取分工文件{path}（")


def test_a_copy_of_the_fictional_file_loads_the_same(tmp_path, assignments):
    copy = tmp_path / "assignments.toml"
    shutil.copy(FICTIONAL, copy)
    assert list(load_assignments(copy, REGISTRY, "zh")) == list(assignments)


def test_task_start_moves_the_window_for_nodes(tmp_path):
    """A node must come after the task's own `start`, not only after delivery."""
    task = REGISTRY.task("school-no16")._replace(start=dt.date(2021, 7, 1))
    registry = REGISTRY.replace(tasks=tuple(task if t.id == task.id else t for t in REGISTRY.tasks))
    path = tmp_path / "assignments.toml"
    path.write_text(
        _one_node("school-no16", "by = 2021-06-30, percent = 40"),
        encoding="utf-8",
    )
    with pytest.raises(AssignmentsError) as caught:
        load_assignments(path, registry, "en")
    assert str(caught.value).endswith("must be after the task's window opens (2021-07-01)")
    assert load_assignments(path, REGISTRY, "en").get("school-no16").nodes[0].percent == 40


def test_grouping_keys_of_a_task(assignments):
    assert assignments.lead_units_of("mall-haiyin") == ("区商务局", "拱北街道")
    assert assignments.leaders_of("mall-haiyin") == ("区领导甲", "区领导丙")
    assert assignments.lead_units_of("phoenix-valley") == ()  # 未分工
    assert assignments.leaders_of("admin-centre-demolition") == ()


def test_a_valid_file_looks_up_no_line_and_a_late_problem_gets_its_line(tmp_path, monkeypatch):
    # Line numbers are for problems: a valid 分工 file of every shipped task
    # must not look any up (each lookup counted from the top of the file, which
    # made checking 10,000 entries take 10 s), and a problem in the last entry
    # still names its exact line.
    from gwr_cli import assignments_check

    # Tasks with a window of a few days get two nodes each, inline and as
    # [[assignments.nodes]]: their lines and labels are not needed either.
    def nodes(n, task):
        opens = task.start or REGISTRY.report.delivered
        if (task.deadline - opens).days < 3:
            return ""
        first, last = task.deadline - dt.timedelta(days=1), task.deadline
        if n % 2:
            return f"nodes = [{{ by = {first}, percent = 40 }}, {{ by = {last}, percent = 80 }}]\n"
        return "".join(f"[[assignments.nodes]]\nby = {by}\npercent = {p}\n"
                       for by, p in ((first, 40), (last, 80)))  # fmt: skip

    entries = "".join(
        f'[[assignments]]\ntask = "{t.id}"\nlead = ["单位{n % 7}"]\npartners = ["配合{n}"]\n'
        f'leader = ["区领导{n % 3}"]\n{nodes(n, t)}\n'
        for n, t in enumerate(REGISTRY.tasks)
    )
    path = tmp_path / "assignments.toml"
    path.write_text("schema = 1\n\n" + entries, encoding="utf-8")
    calls, worded = [], []
    real_line = assignments_check._Lines._line
    monkeypatch.setattr(
        assignments_check._Lines,
        "_line",
        lambda self, offset: calls.append(offset) or real_line(self, offset),
    )
    real_word = assignments_check.Problems.word
    monkeypatch.setattr(
        assignments_check.Problems,
        "word",
        lambda self, *a, **k: worded.append(a) or real_word(self, *a, **k),
    )
    loaded = load_assignments(path, REGISTRY, "en")
    assert len(loaded) == len(REGISTRY.tasks) and calls == [] and worded == []
    assert sum(len(a.nodes) == 2 for a in loaded) > 20
    last = REGISTRY.tasks[-1].id
    bad = entries.replace(f'partners = ["配合{len(REGISTRY.tasks) - 1}"]', 'partners = [" "]')
    path.write_text("schema = 1\n\n" + bad, encoding="utf-8")
    _, problems = inspect_assignments(path, REGISTRY, "en")
    line = ("schema = 1\n\n" + bad).splitlines().index('partners = [" "]') + 1
    assert len(problems) == 1 and problems[0].startswith(f"{path}:{line}: ")
    assert last in problems[0]


def test_the_cache_gives_the_same_assignments_and_follows_the_file_and_the_registry(tmp_path):
    # The checked 分工 is cached (cache_dir): equal to a fresh check, and
    # checked again when the file or the registry changes.
    import os

    registry_path = tmp_path / "reg" / "tasks.toml"
    shutil.copytree(SHIPPED_REGISTRY.parent, registry_path.parent)
    registry = load_registry(registry_path)
    path = tmp_path / "assignments.toml"
    shutil.copy(FICTIONAL, path)
    cache_dir = tmp_path / "cache"
    fresh = load_assignments(path, registry, "en")
    first = load_assignments(path, registry, "en", cache_dir)
    assert list(cache_dir.glob("assignments-*"))
    cached = load_assignments(path, registry, "en", cache_dir)
    assert cached.entries == first.entries == fresh.entries
    assert list(cached.entries) == list(fresh.entries)
    assert cached.units() == fresh.units() and cached.leaders() == fresh.leaders()
    # the file changes: the cache is not used
    path.write_text(path.read_text(encoding="utf-8").replace("区水务局", "区水利局"), "utf-8")
    changed = load_assignments(path, registry, "en", cache_dir)
    assert changed.get("sewer-pipes-50km").lead == ("区水利局",)
    # the registry changes (the task is gone): checked again, and refused
    text = registry_path.read_text(encoding="utf-8")
    stat = registry_path.stat()
    registry_path.write_text(text.replace('"sewer-pipes-50km"', '"sewer-pipes-x"'), "utf-8")
    os.utime(registry_path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    with pytest.raises(AssignmentsError, match="sewer-pipes-50km"):
        load_assignments(path, load_registry(registry_path), "en", cache_dir)


def test_the_cached_rows_give_equal_records_and_a_row_of_another_shape_is_refused():
    # The warm load makes records straight from the cached tuples: nodes and
    # their dates come back equal, and a row of another width is not trusted.
    from gwr_cli.assignments import _from_rows, _to_rows

    registry = load_registry(SHIPPED_REGISTRY)
    fresh = load_assignments(FICTIONAL, registry, "en")
    assert any(entry.nodes for entry in fresh)
    back = _from_rows(_to_rows(fresh.entries.values()))
    assert back == fresh.entries
    assert all(isinstance(n.by, dt.date) for entry in back.values() for n in entry.nodes)
    rows = _to_rows(fresh.entries.values())
    with pytest.raises(ValueError):
        _from_rows([*rows, rows[0][:-1]])


def test_unit_and_leader_indexes_are_built_only_when_asked():
    registry = load_registry(SHIPPED_REGISTRY)
    loaded = load_assignments(FICTIONAL, registry, "en")
    assert loaded._units is None and loaded._leaders is None
    name = loaded.units()[0].name
    assert loaded.tasks_of_unit(name)[0] and loaded.leaders()


def test_the_cached_entries_are_decoded_only_when_asked_and_a_bad_blob_rechecks(
    tmp_path, monkeypatch
):
    """A warm read takes the nodes and the count from the cache and decodes the
    entries only when a unit or leader view asks (issue 15: 5 ms of each
    `status` at 10,000 entries): the same nodes, length and entries as a fresh
    check. Rows that no longer decode send it back to the file."""
    import marshal

    from gwr_cli import assignments as module
    from gwr_cli import cache

    monkeypatch.setattr(cache, "RACY_NS", 0)  # the files were just written: trust them

    registry = load_registry(SHIPPED_REGISTRY)
    path = tmp_path / "assignments.toml"
    shutil.copy(FICTIONAL, path)
    cache_dir = tmp_path / "cache"
    fresh = load_assignments(path, registry, "en")
    load_assignments(path, registry, "en", cache_dir)  # stores the entry
    cached = load_assignments(path, registry, "en", cache_dir)
    assert cached._entries is None  # nothing decoded yet
    assert cached.nodes_by_task() == fresh.nodes_by_task()
    assert list(cached.nodes_by_task()) == list(fresh.nodes_by_task())
    assert len(cached) == len(fresh) and bool(cached)
    assert cached._entries is None
    assert cached.entries == fresh.entries and list(cached.entries) == list(fresh.entries)
    # rows of another shape under a valid header: the file is checked again
    where = next(cache_dir.glob("assignments-*"))
    key, count, nodes, _blob = cache.load(where, module._ROWS_FINGERPRINT)
    broken = marshal.dumps([("only", "three", "values")])
    cache.store(where, (key, count, nodes, broken), module._ROWS_FINGERPRINT)
    again = load_assignments(path, registry, "en", cache_dir)
    assert again.entries == fresh.entries


def test_a_dangling_assignments_link_is_reported_not_taken_as_no_assignments(gwr, isolated_home):
    """A link to nothing was silently read as "no 分工"."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    link = isolated_home / "assignments.toml"
    link.symlink_to("/nowhere/assignments.toml")
    for lang, said in (("en", "is a link to a missing file"), ("zh", "是指向不存在文件")):
        result = gwr("--lang", lang, "units")
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert str(link) in result.stderr and said in result.stderr
        checked = gwr("--lang", lang, "check")
        assert checked.exit_code == 1 and said in checked.stdout, checked.output
    assert link.is_symlink() and not link.exists()
