"""`gwr draft`: a report's text in, a registry that loads out.

The shipped Xiangzhou registry is the reference: drafting its report must find
its tasks (the same source fragment, or one inside the other) with the same
target, unit and deadline.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import stat
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_REGISTRY, SHIPPED_REPORT, copy_registry, run_installed
from gwr_cli.draft.build import draft_report
from gwr_cli.draft.fields import deadline, target
from gwr_cli.draft.writer import assignments_toml, registry_toml
from gwr_cli.registry_check import inspect_registry
from gwr_cli.registry_load import load_registry

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
# The two public texts of issue 14: one ships as an example, the other is test data.
EXAMPLE_TEXTS = {
    "xianan-2023": EXAMPLES / "xianan-2023" / "report.txt",
    "wuxue-2023": Path(__file__).resolve().parent / "data" / "wuxue-2023.txt",
}
# The drafter finds every one of the 73 tasks today (see the recall test); the
# floor leaves room for a rule change that trades one task for a cleaner split.
RECALL_FLOOR = 0.95


def _draft_text(text: str) -> dict:
    return tomllib.loads(registry_toml(draft_report(text, "report.txt")))


def _same_task(drafted: dict, reference: dict) -> bool:
    sources = drafted["source"] in reference["source"] or reference["source"] in drafted["source"]
    return (
        sources
        and drafted.get("target") == reference.get("target")
        and drafted.get("unit") == reference.get("unit")
        and drafted["deadline"] == reference["deadline"]
    )


def recall(drafted: list[dict], reference: list[dict]) -> tuple[list[str], list[str]]:
    """(found, missed) reference ids; each drafted task counts for one at most."""
    free = list(drafted)
    found, missed = [], []
    for task in reference:
        match = next((d for d in free if _same_task(d, task)), None)
        if match is None:
            missed.append(task["id"])
        else:
            free.remove(match)
            found.append(task["id"])
    return found, missed


# --- the reference ----------------------------------------------------------------


def test_drafting_the_shipped_report_finds_its_tasks():
    reference = tomllib.loads(SHIPPED_REGISTRY.read_text(encoding="utf-8"))["tasks"]
    drafted = _draft_text(SHIPPED_REPORT.read_text(encoding="utf-8"))["tasks"]
    found, missed = recall(drafted, reference)
    share = len(found) / len(reference)
    print(f"recall: {len(found)}/{len(reference)} ({share:.0%}); drafted {len(drafted)}")
    assert share >= RECALL_FLOOR, f"missed: {missed}"
    # No flood of false tasks either: the draft is for a person to review.
    assert len(drafted) <= len(reference) * 1.1


def test_drafted_areas_and_milestones_agree_with_the_shipped_registry():
    reference = tomllib.loads(SHIPPED_REGISTRY.read_text(encoding="utf-8"))["tasks"]
    drafted = _draft_text(SHIPPED_REPORT.read_text(encoding="utf-8"))["tasks"]
    free, pairs = list(drafted), []
    for task in reference:
        match = next(d for d in free if _same_task(d, task))
        free.remove(match)
        pairs.append((task, match))
    areas = [r["id"] for r, d in pairs if r["area"] != d["area"]]
    milestones = [r["id"] for r, d in pairs if r.get("milestone") != d.get("milestone")]
    print(f"areas {len(pairs) - len(areas)}/73, milestones {len(pairs) - len(milestones)}/73")
    assert len(areas) <= 4, areas  # today: phoenix-valley (旅游区 reads as culture)
    assert len(milestones) <= 1, milestones  # today: none


def test_the_shipped_reports_indicators_are_drafted_like_the_registry():
    reference = tomllib.loads(SHIPPED_REGISTRY.read_text(encoding="utf-8"))["indicators"]
    drafted = _draft_text(SHIPPED_REPORT.read_text(encoding="utf-8"))["indicators"]
    shape = [(i["id"], i["target"], i["comparator"], i["source"]) for i in drafted]
    assert shape == [(i["id"], i["target"], i["comparator"], i["source"]) for i in reference]


def test_the_draft_of_the_shipped_report_reads_its_header():
    draft = draft_report(SHIPPED_REPORT.read_text(encoding="utf-8"), "report.txt")
    assert (draft.year, draft.delivered, draft.region) == (2021, dt.date(2021, 2, 24), "香洲区")
    assert draft.chapters[0].title == "坚持以科技创新为核心,推动制造业高质量发展"
    assert len(draft.chapters) == 6
    # The investments of the shipped registry, each on its own task, no more.
    assert sum(t.investment_yuan or 0 for t in draft.tasks) == 90_765_000_000


# --- splitting, one rule a row ---------------------------------------------------------

YEAR_LINE = "2021年工作安排\n——第一章\n"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "完成十六中建设和九洲中学改扩建。",
            [("完成十六中建设", None), ("完成九洲中学改扩建", None)],
        ),
        (
            "确保5所公办幼儿园投入使用,动工建设7所。",
            [("5所公办幼儿园投入使用", (5, "所")), ("动工建设7所公办幼儿园", (7, "所"))],
        ),
        (
            "建成香山湖四期、城市阳台和海滨驿站。",
            [("建成香山湖四期", None), ("建成城市阳台", None), ("建成海滨驿站", None)],
        ),
        (
            "推动总投资达620亿元的九洲湾等11个商业综合体建设。",
            [("推动九洲湾等11个商业综合体建设", (11, "个"))],
        ),
        (
            "力促中海环宇城、海印又一城年内投入运营。",
            [("中海环宇城投入运营", None), ("海印又一城投入运营", None)],
        ),
        ("继续打好蓝天、净土保卫战。", [("继续打好蓝天、净土保卫战", None)]),
        (
            "完成1168套租赁住房收购装修和分配入住。",
            [("完成1168套租赁住房收购装修和分配入住", (1168, "套"))],
        ),
        ("持续深入开展专项整治行动,彻底遏制市容环境乱象。", [("持续深入开展专项整治行动", None)]),
        ("新建、改建污水管网50公里。", [("新建、改建污水管网50公里", (50, "公里"))]),
    ],
)
def test_one_task_per_deliverable(sentence, expected):
    tasks = draft_report(YEAR_LINE + sentence, "report.txt").tasks
    got = [(t.title, (int(t.target), t.unit) if t.target is not None else None) for t in tasks]
    assert got == expected


def test_two_deliverables_joined_by_he_share_the_sentences_deadline():
    tasks = draft_report(YEAR_LINE + "上半年完成十六中建设和九洲中学改扩建。", "report.txt").tasks
    assert [(t.title, t.deadline) for t in tasks] == [
        ("上半年完成十六中建设", dt.date(2021, 6, 30)),
        ("完成九洲中学改扩建", dt.date(2021, 6, 30)),
    ]


def test_a_groups_investment_is_never_copied_to_its_members():
    text = YEAR_LINE + "投资11.7亿元,启动育才高中、天有高中迁建。投入2500万元,帮助100家企业上云。"
    tasks = draft_report(text, "report.txt").tasks
    assert [t.investment_yuan for t in tasks] == [None, None, 25_000_000]
    assert any("投资11.7亿元" in check for check in tasks[0].checks)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("上半年拆除区第三行政中心大楼", dt.date(2021, 6, 30)),
        ("年内投入运营", dt.date(2021, 12, 31)),
        ("年底前完成", dt.date(2021, 12, 31)),
        ("6月底前完成", dt.date(2021, 6, 30)),
        ("9月底前完成", dt.date(2021, 9, 30)),
        ("前三季度完成", dt.date(2021, 9, 30)),
        ("每季度遴选一批", dt.date(2021, 12, 31)),
        ("建成格力智能装备产业园", dt.date(2021, 12, 31)),
    ],
)
def test_deadlines_follow_the_wording(words, expected):
    assert deadline(words, 2021)[0] == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("帮助区内100家以上企业实现数字赋能", (Decimal(100), "家")),
        ("力争新增高成长创新型企业(独角兽)5家,总量达到24家", (Decimal(5), "家")),
        ("每季度遴选并实施一批“民生微实事”", (Decimal(4), "批")),
        ("完成2.1万余户燃气改造", (Decimal("2.1"), "万户")),
        ("继续巩固学前教育“5080”攻坚成果", None),
        ("建成十个镇街社工站", (Decimal(10), "个")),
        ("新建两所小学", (Decimal(2), "所")),
        ("动工建设二十三个项目", (Decimal(23), "个")),
        ("完成十六中建设", None),
        ("开工建设三溪路", None),
        ("建成格力产业园一期工程", None),
        ("年内完成总投资3.8亿元的105国道及沿线环境提升工程", None),
    ],
)
def test_targets_and_units(words, expected):
    assert target(words) == expected


def test_indicators_from_the_targets_paragraph():
    text = (
        "报告提出了今年政府工作目标任务:地区生产总值增长6%以上;固定资产投资、外贸进出口保持正增长;"
        "城镇登记失业率控制在3%以内;粮食产量稳定在23万吨。\n2021年工作安排\n——一\n建成十六中。"
    )
    indicators = draft_report(text, "report.txt").indicators
    assert [(i.id, i.comparator, i.target, i.unit) for i in indicators] == [
        ("gdp-growth", ">=", 6, "%"),
        ("fixed-asset-investment", ">", 0, "%"),
        ("foreign-trade", ">", 0, "%"),
        ("unemployment", "<=", 3, "%"),
        ("grain-output", ">=", 23, "万吨"),
    ]


def test_ids_are_ascii_unique_and_stable():
    text = YEAR_LINE + "动工建设长沙中学。动工建设长沙中学。建成10个镇街社工站。"
    ids = [t.id for t in draft_report(text, "report.txt").tasks]
    assert ids == ["chang-sha-zhong-xue", "chang-sha-zhong-xue-2", "zhen-jie-she-gong-zhan-10"]


def test_titles_and_sources_with_quotes_and_backslashes_round_trip():
    text = YEAR_LINE + '建成"新"\\港湾驿站。'
    draft = draft_report(text, "report.txt")
    loaded = tomllib.loads(registry_toml(draft))
    assert loaded["tasks"][0]["source"] == '建成"新"\\港湾驿站'
    assert loaded["tasks"][0]["source"] in text


# --- the command -------------------------------------------------------------------


def _report(tmp_path: Path, name: str = "report.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(SHIPPED_REPORT.read_bytes())
    return path


def test_draft_writes_a_registry_that_gwr_check_accepts(gwr, tmp_path):
    report = _report(tmp_path)
    out = tmp_path / "tasks.toml"
    result = gwr.ok("--lang", "zh", "draft", str(report), "--output", str(out))
    assert "已起草73项任务、8项指标" in result.stdout
    checked = gwr.ok("--lang", "zh", "--registry", str(out), "check")
    assert "登记表有效:73项任务" in checked.stdout or "73" in checked.stdout
    assert "title_en 为空" in checked.stdout


def test_draft_is_deterministic(gwr, tmp_path):
    report = _report(tmp_path)
    gwr.ok("draft", str(report), "--output", str(tmp_path / "a.toml"))
    gwr.ok("draft", str(report), "--output", str(tmp_path / "b.toml"))
    assert (tmp_path / "a.toml").read_bytes() == (tmp_path / "b.toml").read_bytes()


def test_the_text_field_points_at_the_report_from_the_registrys_folder(gwr, tmp_path):
    report = _report(tmp_path)
    (tmp_path / "out").mkdir()
    gwr.ok("draft", str(report), "--output", str(tmp_path / "out" / "tasks.toml"))
    registry, problems = inspect_registry(tmp_path / "out" / "tasks.toml")
    assert problems == [] and registry is not None
    assert registry.report.text_path.resolve() == report.resolve()


def test_gb18030_input_is_detected_said_and_copied_as_utf8(gwr, tmp_path):
    report = tmp_path / "gbk.txt"
    report.write_bytes(SHIPPED_REPORT.read_text(encoding="utf-8").encode("gb18030"))
    result = gwr.ok("--lang", "zh", "draft", str(report), "--output", str(tmp_path / "t.toml"))
    assert "GB18030" in result.stdout and "gbk.utf8.txt" in result.stdout
    english = gwr.ok("--lang", "en", "draft", str(report), "--output", str(tmp_path / "u.toml"))
    assert "GB18030-encoded" in english.stdout
    registry, problems = inspect_registry(tmp_path / "t.toml")
    assert problems == [] and len(registry.tasks) == 73
    assert registry.report.text_path.name == "gbk.utf8.txt"


def _hard_wrapped(text: str, width: int = 38) -> str:
    """The text as a PDF copies it: every paragraph broken every `width` characters."""
    import textwrap

    return "\n".join(
        part for line in text.splitlines() for part in textwrap.wrap(line, width) or [""]
    )


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_hard_wrapped_text_is_joined_said_and_drafts_as_the_original(gwr, tmp_path, encoding):
    report = tmp_path / "pdf.txt"
    report.write_bytes(_hard_wrapped(SHIPPED_REPORT.read_text(encoding="utf-8")).encode(encoding))
    for lang, said in (("zh", "已把断行合并为段落"), ("en", "joined them into paragraphs")):
        output = tmp_path / f"{lang}.toml"
        result = gwr.ok("--lang", lang, "draft", str(report), "--output", str(output))
        assert said in result.stdout and "pdf.joined.txt" in result.stdout
    registry, problems = inspect_registry(tmp_path / "zh.toml")
    assert problems == [] and registry.report.text_path.name == "pdf.joined.txt"
    original = load_registry(SHIPPED_REGISTRY)
    drafted = {task.source for task in registry.tasks}
    assert len(registry.tasks) == 73 and len(registry.indicators) == 8
    assert sum(task.source in drafted for task in original.tasks) >= 0.9 * len(original.tasks)


def test_a_report_with_a_line_per_paragraph_is_never_joined():
    from gwr_cli.draft.reading import unwrap

    examples = Path(__file__).resolve().parents[1] / "examples"
    for path in [SHIPPED_REPORT, *sorted(examples.glob("*/*.txt"))]:
        text = path.read_text(encoding="utf-8")
        assert unwrap(text) == text, path
    wrapped = "This line is long enough to be full here\nand the next one continues it.\n" * 8
    assert "full here and the next" in unwrap(wrapped)
    # a number broken across two lines joins without a space
    assert "19家" in unwrap(("甲" * 37 + "1\n9家" + "乙" * 30 + "。\n") * 8)


def test_utf16_from_notepad_is_read_too(gwr, tmp_path):
    report = tmp_path / "notepad.txt"
    report.write_bytes(SHIPPED_REPORT.read_text(encoding="utf-8").encode("utf-16"))
    result = gwr.ok("--lang", "zh", "draft", str(report), "--output", str(tmp_path / "t.toml"))
    assert "报告为UTF-16编码" in result.stdout
    registry, problems = inspect_registry(tmp_path / "t.toml")
    assert problems == [] and len(registry.tasks) == 73


def test_assignments_are_read_from_the_fengong_annotations(gwr, tmp_path):
    report = tmp_path / "xianan-2023.txt"
    report.write_bytes((EXAMPLES / "xianan-2023" / "report.txt").read_bytes())
    gwr.ok(
        "draft",
        str(report),
        "--output",
        str(tmp_path / "tasks.toml"),
        "--assignments",
        str(tmp_path / "assignments.toml"),
    )
    assignments = tomllib.loads((tmp_path / "assignments.toml").read_text(encoding="utf-8"))
    registry = tomllib.loads((tmp_path / "tasks.toml").read_text(encoding="utf-8"))
    ids = {t["id"] for t in registry["tasks"]} | {i["id"] for i in registry["indicators"]}
    assert assignments["schema"] == 1
    assert all(a["task"] in ids for a in assignments["assignments"])
    by_task = {a["task"]: a for a in assignments["assignments"]}
    assert by_task["gdp-growth"] == {
        "task": "gdp-growth",
        "lead": ["区发改局"],
        "leader": ["区领导甲"],
    }
    road = next(a for a in assignments["assignments"] if a["lead"] == ["区交通运输局"])
    assert road["leader"] == ["区领导戊"]
    assert road["partners"][:2] == ["区发改局", "区自然资源和规划局"]


def test_the_assignments_file_of_a_draft_matches_its_registry():
    text = (EXAMPLES / "xianan-2023" / "report.txt").read_text(encoding="utf-8")
    draft = draft_report(text, "report.txt")
    loaded = tomllib.loads(assignments_toml(draft))
    assert len(loaded["assignments"]) == len(draft.assignments) > 10


@pytest.mark.parametrize(
    ("setup", "lang", "expected"),
    [
        ("missing", "zh", "找不到报告文件"),
        ("missing", "en", "report file not found"),
        ("binary", "zh", "不是文本文件"),
        ("binary", "en", "is not a text file"),
        ("no_tasks", "zh", "没有找到具体工作"),
        ("no_tasks", "en", "found no tasks"),
        ("exists", "zh", "已存在，未改动"),
        ("exists", "en", "exists and was left unchanged"),
        ("same_file", "en", "is the report itself"),
        ("no_folder", "zh", "所在的文件夹不存在"),
        ("no_year", "en", "names no year"),
        ("report_is_folder", "zh", "是文件夹，不是文件"),
        # Worded as export's --output folder, naming the option.
        ("output_is_folder", "en", "is a folder: give a file name"),
        ("output_is_folder", "zh", "是文件夹：请给出文件名"),
        ("output_is_dangling_link", "en", "does not exist ({tmp}/nowhere)"),
        ("output_is_dangling_link", "zh", "所在的文件夹不存在（{tmp}/nowhere）"),
        ("empty", "zh", "是空文件"),
        ("empty", "en", "is empty"),
        ("blank", "en", "is empty"),
    ],
)
def test_bad_input_is_one_line_exit_1_nothing_written(gwr, tmp_path, setup, lang, expected):
    report = tmp_path / "report.txt"
    output = tmp_path / "tasks.toml"
    if setup == "binary":
        report.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    elif setup == "no_tasks":
        report.write_text("2021年是开局之年。\n各位代表,让我们团结一心。\n", encoding="utf-8")
    elif setup == "no_year":
        report.write_text("建成十六中。\n", encoding="utf-8")
    elif setup == "report_is_folder":
        report.mkdir()
    elif setup in ("empty", "blank"):
        report.write_text("" if setup == "empty" else " \r\n\n\t\n", encoding="utf-8")
    elif setup != "missing":
        _report(tmp_path)
    if setup == "output_is_folder":
        output.mkdir()
    if setup == "output_is_dangling_link":  # the folder named is the link target's
        os.symlink(os.path.join("nowhere", "x.toml"), output)
    if setup == "exists":
        output.write_text("keep me", encoding="utf-8")
    if setup == "same_file":
        output = report
    if setup == "no_folder":
        output = tmp_path / "nowhere" / "tasks.toml"
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = gwr("--lang", lang, "draft", str(report), "--output", str(output))
    assert result.exit_code == 1
    assert expected.format(tmp=tmp_path) in result.stderr
    if setup == "output_is_folder":
        assert f"--output {output} " in result.stderr or f"--output {output}是" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize("option", ["--output", "--assignments"])
@pytest.mark.parametrize(
    ("lang", "said"), [("en", "not to the screen; give a file name"), ("zh", "不能输出到屏幕")]
)
def test_draft_refuses_the_screen_for_its_files_and_writes_no_file_named_dash(
    gwr, tmp_path, monkeypatch, option, lang, said
):
    """`--output -` was written as a file named "-" in the current folder."""
    report = _report(tmp_path)
    monkeypatch.chdir(tmp_path)
    args = ["--output", "-"] if option == "--output" else ["--assignments", "-"]
    result = gwr("--lang", lang, "draft", str(report), *args)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert f"{option} -" in result.stderr and said in result.stderr
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]


def test_draft_names_the_assignments_option_when_it_is_a_folder(gwr, tmp_path):
    report = _report(tmp_path)
    (tmp_path / "existing").mkdir()
    args = ["--output", str(tmp_path / "t.toml"), "--assignments", str(tmp_path / "existing")]
    result = gwr("draft", str(report), *args)
    assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
    assert f"--assignments {tmp_path / 'existing'} is a folder: give a file name" in result.stderr
    assert not (tmp_path / "t.toml").exists()


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes and symlinks")
def test_draft_files_follow_the_output_rules_mode_symlink_and_kept_mode(gwr, tmp_path):
    report = _report(tmp_path)
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.toml"
        gwr.ok(
            "draft", str(report), "--output", str(fresh), "--assignments", str(tmp_path / "a.toml")
        )
        # colleagues on a shared drive can read the draft: the umask's mode, not 0600
        assert fresh.stat().st_mode & 0o777 == 0o644
        assert (tmp_path / "a.toml").stat().st_mode & 0o777 == 0o644
        # a symlink is written through and stays a link
        (tmp_path / "real").mkdir()
        link = tmp_path / "linked.toml"
        link.symlink_to(tmp_path / "real" / "tasks.toml")
        gwr.ok("draft", str(report), "--output", str(link))
        assert link.is_symlink() and (tmp_path / "real" / "tasks.toml").read_bytes() == (
            fresh.read_bytes().replace(b'text = "report.txt"', b'text = "../report.txt"')
        )
        # an existing file replaced with --force keeps its mode
        fresh.chmod(0o664)
        gwr.ok("draft", str(report), "--output", str(fresh), "--force")
        assert fresh.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_draft_into_a_pipe_with_force_writes_to_it_and_never_replaces_it(gwr, tmp_path):
    import threading

    report, pipe = _report(tmp_path), tmp_path / "pipe"
    os.mkfifo(pipe)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(pipe.read_bytes()), daemon=True)
    reader.start()
    gwr.ok("draft", str(report), "--output", str(pipe), "--force")
    reader.join(10)
    assert read and read[0].count(b"[[tasks]]") == 73
    assert stat.S_ISFIFO(os.lstat(pipe).st_mode)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_file_named_twice_is_refused_and_nothing_written(gwr, tmp_path, lang):
    said = "被指定了两次" if lang == "zh" else "is named twice"
    report = _report(tmp_path)
    same = tmp_path / "same.toml"
    result = gwr(
        "--lang", lang, "draft", str(report), "--output", str(same), "--assignments", str(same)
    )
    assert result.exit_code == 1 and said in result.stderr and not same.exists()
    # the report's UTF-8 copy, kept from an earlier draft, is no assignments file either
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(SHIPPED_REPORT.read_text(encoding="utf-8").encode("gb18030"))
    gwr.ok("draft", str(gbk), "--output", str(tmp_path / "t.toml"))
    copy = (tmp_path / "gbk.utf8.txt").read_bytes()
    options = ("--output", str(tmp_path / "t.toml"), "--force")
    result = gwr(
        "--lang", lang, "draft", str(gbk), *options, "--assignments", str(tmp_path / "gbk.utf8.txt")
    )
    assert result.exit_code == 1 and said in result.stderr
    assert (tmp_path / "gbk.utf8.txt").read_bytes() == copy
    assert len(result.stderr.strip().splitlines()) == 1


def test_force_replaces_an_existing_output(gwr, tmp_path):
    report = _report(tmp_path)
    output = tmp_path / "tasks.toml"
    output.write_text("old", encoding="utf-8")
    gwr.ok("draft", str(report), "--output", str(output), "--force")
    assert output.read_text(encoding="utf-8").count("[[tasks]]") == 73
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# --- both example texts, through the installed command --------------------------------


@pytest.mark.parametrize("name", ["xianan-2023", "wuxue-2023"])
def test_both_example_texts_draft_into_registries_that_load(tmp_path, name):
    report = tmp_path / f"{name}.txt"
    report.write_bytes(EXAMPLE_TEXTS[name].read_bytes())
    output = tmp_path / "tasks.toml"
    drafted = run_installed("draft", str(report), "--output", str(output))
    assert drafted.returncode == 0, drafted.stderr
    checked = run_installed("--registry", str(output), "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "registry is valid" in checked.stdout


def test_the_shipped_example_is_reviewed_and_loads(gwr):
    registry, problems = inspect_registry(EXAMPLES / "xianan-2023" / "tasks.toml")
    assert problems == []
    assert registry.report.region == "咸宁市咸安区"
    warnings: list = []
    inspect_registry(EXAMPLES / "xianan-2023" / "tasks.toml", warnings)
    assert warnings == []  # the review filled in every English title
    assignments = tomllib.loads(
        (EXAMPLES / "xianan-2023" / "assignments.toml").read_text(encoding="utf-8")
    )["assignments"]
    ids = {t.id for t in registry.tasks} | {i.id for i in registry.indicators}
    assert {a["task"] for a in assignments} <= ids
    assert len(assignments) == 17


# --- English titles left empty ---------------------------------------------------


def test_empty_english_title_loads_warns_and_falls_back_to_chinese(gwr, tmp_path):
    registry = copy_registry(
        tmp_path,
        lambda text: text.replace(
            'title_en = "Build or rebuild 50 km of sewer pipes"', 'title_en = ""'
        ),
    )
    listed = gwr.ok("--lang", "en", "--registry", str(registry), "show", "sewer-pipes-50km")
    assert "新建、改建污水管网50公里" in listed.stdout
    checked = gwr.ok("--lang", "en", "--registry", str(registry), "check")
    assert "has 1 warning (it loads)" in checked.stdout
    assert "task 'sewer-pipes-50km': title_en is empty" in checked.stdout
    zh = gwr.ok("--lang", "zh", "--registry", str(registry), "check")
    assert "登记表有1处提醒（不影响使用）：" in zh.stdout
    # The place and the entry joined as every Chinese problem is (full-width colon).
    line = re.search(r"tasks\.toml:\d+：任务sewer-pipes-50km：title_en 为空", zh.stdout)
    assert line is not None, zh.stdout


# --- size (the time is measured by bench/draft_bench.py, never in a test) -------------


def _bench():
    path = Path(__file__).resolve().parents[1] / "bench" / "draft_bench.py"
    spec = importlib.util.spec_from_file_location("draft_bench", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmarks_thirty_page_report_drafts_every_copy_alike():
    bench = _bench()
    long_text = bench.thirty_pages()
    assert len(long_text) >= 30 * bench.PAGE
    copies = long_text.count("——坚持以科技创新为核心")
    draft = draft_report(long_text, "report.txt")
    assert len(draft.tasks) == 73 * copies  # ids made unique, no task lost or doubled
    assert len({t.id for t in draft.tasks}) == len(draft.tasks)


def test_the_examples_draft_is_what_gwr_draft_writes_today():
    # REVIEW.md compares the reviewed registry with this draft; a rule change
    # that alters it should update draft.toml and REVIEW.md together:
    #   cd examples/xianan-2023 && gwr draft report.txt --output draft.toml --force
    folder = EXAMPLES / "xianan-2023"
    draft = draft_report(
        (folder / "report.txt").read_text(encoding="utf-8"), "report.txt", "report"
    )
    assert registry_toml(draft) == (folder / "draft.toml").read_text(encoding="utf-8")


# --- any text: a registry that loads, or one clear refusal -------------------------

_FRAGMENTS = [
    "2021年工作安排",
    "——",
    "一、",
    "(一)",
    "1.",
    "12、",
    "建成",
    "动工建设",
    "完成",
    "力促",
    "年内投入运营",
    "上半年",
    "9月底前",
    "确保",
    "新增",
    "总投资3.8亿元的",
    "投入2500万元",
    "5所",
    "0个",
    "10个",
    "2.1万余户",
    "50公里",
    "等11个",
    "中学",
    "幼儿园",
    "香洲港",
    "、",
    "和",
    "及",
    "以及",
    ",",
    "，",
    "。",
    ";",
    "“",
    "”",
    "(",
    ")",
    "（责任领导:区领导甲;牵头单位:区发改局）",
    "增长6%以上",
    "控制在3%以内",
    "\n",
    " ",
    '"',
    "\\",
    "\t",
    "s356",
    "\r\n",
    "\r",
    "\u2028",
    "\x85",
    "\ufeff",
    "\x1f",
]
report_texts = st.lists(
    st.sampled_from(_FRAGMENTS) | st.text(max_size=3), min_size=1, max_size=60
).map("".join)


@given(body=report_texts)
@settings(max_examples=int(os.environ.get("GWR_DRAFT_EXAMPLES", "200")), deadline=None)
def test_any_text_drafts_into_a_registry_that_loads_or_is_refused(tmp_path_factory, body):
    from gwr_cli.draft.errors import DraftError

    text = "2021年2月24日\n" + body
    try:
        draft = draft_report(text, "report.txt")
    except DraftError as error:
        assert error.key in ("no_tasks", "no_year")
        return
    folder = tmp_path_factory.mktemp("any")
    (folder / "report.txt").write_text(text, encoding="utf-8", newline="")
    (folder / "tasks.toml").write_text(registry_toml(draft), encoding="utf-8")
    registry, problems = inspect_registry(folder / "tasks.toml")
    assert problems == [], problems
    assert len(registry.tasks) == len(draft.tasks)
    tomllib.loads(assignments_toml(draft))


def test_a_targets_paragraph_inside_the_work_gives_indicators_not_tasks():
    text = (
        "2021年政府工作目标任务:地区生产总值增长6%以上;城镇登记失业率控制在3%以内。\n建成十六中。\n"
    )
    draft = draft_report(text, "report.txt")
    assert [t.title for t in draft.tasks] == ["建成十六中"]
    assert [i.id for i in draft.indicators] == ["gdp-growth", "unemployment"]


def test_a_full_report_with_its_review_and_inline_chapter_headings():
    text = (
        "一、2020年工作回顾\n"
        "过去一年,我们建成了10所学校,完成了旧城改造。\n"
        "二、2021年工作安排\n"
        "（一）坚持创新驱动，加快产业升级。建成格力智能装备产业园一期工程，动工建设7所幼儿园。\n"
        "（二）提升城市品质。完成十六中建设和九洲中学改扩建。\n"
        "1.加强市政建设。建成城市阳台。\n"
        "各位代表，让我们团结奋进！\n"
    )
    draft = draft_report(text, "report.txt")
    assert [c.title for c in draft.chapters] == ["坚持创新驱动，加快产业升级", "提升城市品质"]
    assert [(t.chapter, t.title) for t in draft.tasks] == [
        (1, "建成格力智能装备产业园一期工程"),
        (1, "动工建设7所幼儿园"),
        (2, "完成十六中建设"),
        (2, "完成九洲中学改扩建"),
        (2, "建成城市阳台"),
    ]


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2021年1月8日。到2035年基本实现现代化,2025年经济总量突破2300亿元。\n建成十六中。", 2021),
        ("2022年12月31日,市长作报告。\n2023年启动育才高中迁建。", 2023),
        ("2020年建成了三所学校。\n二、2023年七个方面主要工作安排\n建成十六中。", 2023),
        ("2019年回顾。2021年建成十六中。2021年动工建设长沙中学。", 2021),
        ("2020年建成了三所学校。\n三、关于2022年政府工作的建议\n建成十六中。", 2022),
    ],
)
def test_the_work_year_among_the_years_a_report_names(text, year):
    draft = draft_report(text, "report.txt")
    assert draft.year == year
    assert {t.deadline.year for t in draft.tasks} == {year}


def test_control_characters_in_a_heading_never_break_the_toml():
    # Found by the property test: a chapter title goes into a comment line too.
    text = "2021年2月24日\n——\x1f标题\x7f\n建成5所学校。\n"
    loaded = tomllib.loads(registry_toml(draft_report(text, "report.txt")))
    assert loaded["report"]["chapters"][0]["title"] == "\x1f标题\x7f"


def test_items_of_running_text_numbered_yishi_ershi():
    text = (
        "2021年工作安排\n"
        "——推动高质量发展\n"
        "一是壮大制造业。建成格力产业园一期工程。二是提升城市品质。建成城市阳台,动工建设7所幼儿园。\n"
    )
    titles = [t.title for t in draft_report(text, "report.txt").tasks]
    assert titles == ["建成格力产业园一期工程", "建成城市阳台", "动工建设7所幼儿园"]


@pytest.mark.parametrize(
    ("option", "name", "said"),
    [
        ("--output", "d.csv", "this writes a TOML file"),
        ("--output", "d.json", "this writes a TOML file"),
        ("--output", "d.xlsx", "this writes a TOML file"),
        ("--assignments", "a.json", "this writes a TOML file"),
        ("--output", "newdir/", "ends in a path separator"),
        ("--assignments", "newdir/", "ends in a path separator"),
    ],
)
def test_draft_refuses_a_name_of_another_format_or_a_folder(gwr, tmp_path, option, name, said):
    # `gwr draft report.txt --output d.csv` wrote TOML under a CSV name;
    # `--output newdir/` a file named newdir.
    report = _report(tmp_path)
    typed = str(tmp_path / name) if not name.endswith("/") else str(tmp_path / name[:-1]) + "/"
    args = ["draft", str(report), option, typed]
    if option == "--assignments":
        args += ["--output", str(tmp_path / "tasks.toml")]
    zh = "以路径分隔符结尾" if name.endswith("/") else "写出的是TOML登记文件"
    for lang, words in (("en", said), ("zh", zh)):
        result = gwr("--lang", lang, *args)
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, result.stderr
        assert typed in result.stderr and words in result.stderr
    assert not (tmp_path / name.rstrip("/")).exists() and not (tmp_path / "tasks.toml").exists()
