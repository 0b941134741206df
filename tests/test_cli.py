"""Every command through Typer's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from conftest import SHIPPED_REGISTRY, copy_registry, run_installed
from gwr_cli.ledger import author_file


def ledger_bytes(ledger_dir):
    return (
        {p.name: p.read_bytes() for p in ledger_dir.glob("*.toml")} if ledger_dir.exists() else {}
    )


def test_no_arguments_shows_help(gwr):
    result = gwr()
    assert "Usage" in result.stdout and "list" in result.stdout


def test_version(gwr):
    assert gwr.ok("--version").stdout.startswith("gwr ")


def test_list_shows_every_task(gwr):
    out = gwr.ok("list", "--format", "json").stdout
    tasks = json.loads(out)
    assert len(tasks) >= 70
    required = {
        "id",
        "title",
        "title_en",
        "area",
        "chapter",
        "deadline",
        "target",
        "unit",
        "value",
        "percent",
        "status",
        "overdue",
        "source",
    }
    assert required <= set(tasks[0])


def test_list_table_in_both_languages(gwr):
    zh = gwr.ok("--lang", "zh", "list", "--area", "water", "--as-of", "2021-05-01").stdout
    assert "新建、改建污水管网50公里" in zh and "0/50公里" in zh and "未启动" in zh
    en = gwr.ok("list", "--area", "water", "--lang", "en").stdout
    assert "Build or rebuild 50 km of sewer pipes" in en and "0/50 km" in en


def test_global_options_work_after_the_command(gwr):
    a = gwr.ok("--as-of", "2021-07-01", "--lang", "zh", "status").stdout
    b = gwr.ok("status", "--as-of", "2021-07-01", "--lang", "zh").stdout
    assert a == b and "截至2021-07-01" in a


def test_progress_is_reflected_in_list_show_and_status(gwr):
    gwr.ok("progress", "sewer", "18", "--on", "2021-05-01")
    out = gwr.ok(
        "progress", "sewer-pipes-50km", "24", "--on", "2021-05-08", "--note", "第二批"
    ).stdout
    assert "18/50 km → in progress 24/50 km" in out
    [row] = json.loads(
        gwr.ok("list", "--search", "sewer", "--format", "json", "--as-of", "2021-05-31").stdout
    )
    assert (row["value"], row["percent"], row["status"]) == (24, 48.0, "in-progress")
    [early] = json.loads(
        gwr.ok("list", "--search", "sewer", "--format", "json", "--as-of", "2021-05-02").stdout
    )
    assert early["value"] == 18
    show = gwr.ok("show", "sewer", "--as-of", "2021-05-31").stdout
    assert "第二批" in show and "2021-05-08" in show and "新建、改建污水管网50公里" in show
    status = gwr.ok("--lang", "zh", "status", "--as-of", "2021-05-31").stdout
    assert "正在推进1项" in status


def test_done_start_block_note_reopen_undo_cycle(gwr, ledger_dir):
    gwr.ok("start", "school-no16", "--on", "2021-03-01")
    gwr.ok("block", "school-no16", "--note", "用地未交付", "--on", "2021-04-01")
    gwr.ok("note", "school-no16", "协调会已开", "--on", "2021-04-02")
    gwr.ok("reopen", "school-no16", "--on", "2021-04-10")
    gwr.ok("done", "school-no16", "--on", "2021-08-31")
    [row] = json.loads(
        gwr.ok(
            "list", "--search", "school-no16", "--format", "json", "--as-of", "2021-09-01"
        ).stdout
    )
    assert row["status"] == "done"
    out = gwr.ok("undo").stdout
    assert out.startswith("undone: done")
    [row] = json.loads(
        gwr.ok(
            "list", "--search", "school-no16", "--format", "json", "--as-of", "2021-09-01"
        ).stdout
    )
    assert row["status"] == "in-progress"
    # nothing is deleted: the undo is one more event
    text = (author_file(ledger_dir, "tester")).read_text(encoding="utf-8")
    assert text.count("\n[[events]]") == 6 and 'action = "undo"' in text


def test_filters(gwr):
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    gwr.ok("block", "mall-haiyin", "--note", "x", "--on", "2021-05-01")

    def ids(*args):
        out = gwr.ok("list", "--format", "json", "--as-of", "2021-07-15", *args).stdout
        return [row["id"] for row in json.loads(out)]

    assert ids("--status", "done") == ["school-no16"]
    assert ids("--status", "blocked") == ["mall-haiyin"]
    assert ids("--area", "education", "--status", "done") == ["school-no16"]
    assert all(
        row.startswith(("political", "npc", "enforcement", "admin-review", "open"))
        for row in ids("--chapter", "6")
    )
    assert ids("--search", "污水管网") == ["sewer-pipes-50km"]
    # --overdue: the 上半年 demolition's deadline (06-30) has passed on 07-15
    assert ids("--overdue") == ["admin-centre-demolition"]
    assert ids("--overdue", "--area", "education") == []
    # --schedule: each task in exactly one schedule state
    states = ("done", "ahead", "on-track", "behind", "not-started", "overdue")
    by_state = {state: ids("--schedule", state) for state in states}
    assert by_state["done"] == ["school-no16"]
    assert by_state["overdue"] == ["admin-centre-demolition"]
    assert "mall-haiyin" in by_state["not-started"]  # blocked before any start
    assert sorted(i for found in by_state.values() for i in found) == sorted(ids())
    assert ids("--schedule", "behind", "--area", "education") == []
    refused = gwr("list", "--schedule", "late")
    assert refused.exit_code == 1 and "schedule state" in refused.stderr


def test_areas_and_where_and_check(gwr, isolated_home):
    areas = gwr.ok("areas").stdout
    assert "education" in areas and "Education" in areas
    where = gwr.ok("where").stdout
    assert str(isolated_home) in where and "packaged" in where
    # The four paths start in one column, the 分工 file's too.
    assert {line.index("/") for line in where.splitlines()} == {len("assignments: ")}
    check = gwr.ok("check").stdout
    assert "registry is valid" in check and "CNY" in check


def test_check_states_the_projects_total_and_the_districts_own_apart(gwr):
    # The same two amounts as status's 合计 row: never added together.
    check = gwr.ok("--lang", "zh", "check").stdout
    total = gwr.ok("--lang", "zh", "status").stdout.splitlines()[-4]
    assert "906.1亿元" in total and "1.55亿元" in total
    assert "项目总投资906.1亿元。" in check
    assert "另有区级投入1.55亿元，不计入项目总投资。" in check


def test_check_reports_problems_and_orphans(gwr, tmp_path):
    broken = copy_registry(tmp_path / "r", lambda t: t.replace('area = "roads"', 'area = "road"'))
    result = gwr("--registry", str(broken), "check")
    assert result.exit_code == 1
    assert "unknown area 'road'" in result.stdout
    # an event whose task left the registry is kept and reported
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    smaller = copy_registry(
        tmp_path / "s", lambda t: t.replace('id = "school-no16"', 'id = "school-16"')
    )
    result = gwr("--registry", str(smaller), "check")
    assert result.exit_code == 1 and "school-no16" in result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_names_every_broken_ledger_file_and_checks_the_rest(
    gwr, isolated_home, monkeypatch, lang
):
    """`gwr check` stopped at the first broken file; a 督查室 merging every
    unit's file fixes them at once. The files that read are checked all the
    same (an orphan among them is still listed), the bytes left unchanged."""
    for author, task in (("a", "school-no16"), ("b", "sewer-pipes-50km"), ("c", "gree-park")):
        monkeypatch.setenv("GWR_USER", author)
        gwr.ok("start", task, "--on", "2021-05-01")
    ledger = isolated_home / "ledger"
    [a_file] = ledger.glob("a.*.toml")
    [b_file] = ledger.glob("b.*.toml")
    [c_file] = ledger.glob("c.*.toml")
    b_file.write_text(b_file.read_text(encoding="utf-8").replace('"start"', '"strat"'), "utf-8")
    c_file.write_bytes(c_file.read_bytes() + b"x = [\n")
    a_file.write_text(
        a_file.read_text(encoding="utf-8").replace('"school-no16"', '"school-gone"'), "utf-8"
    )
    before = {path: path.read_bytes() for path in (a_file, b_file, c_file)}
    result = gwr("--lang", lang, "check")
    assert result.exit_code == 1
    heading = (
        "台账有2处问题（其余文件照常检查）："
        if lang == "zh"
        else "the ledger has 2 problems (the other files are checked all the same):"
    )
    lines = result.stdout.splitlines()
    # What is counted is only the file without errors, and the line says so.
    counted = (
        "台账：无误的1个文件中有1条记录；另有2个文件有误，未计入（见下）"
        if lang == "zh"
        else "ledger: 1 event in the 1 file without errors; 2 files have errors "
        "and are not counted (below)"
    )
    assert lines[lines.index(heading) - 1] == counted
    at = lines.index(heading)
    assert f"{b_file}:5" in lines[at + 1] and "strat" in lines[at + 1]
    assert str(c_file) in lines[at + 2]
    orphan = "：" if lang == "zh" else ": "
    assert any(line.startswith(f"  {a_file}:5{orphan}") for line in lines), result.stdout
    assert {path: path.read_bytes() for path in before} == before


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_words_a_ledger_with_no_file_without_errors_and_lists_every_repeated_id(
    gwr, isolated_home, monkeypatch, lang
):
    """Every file with errors: no "other files" to check, nothing counted. Files
    that all read but repeat ids (a bad merge): every repeated id is listed."""
    monkeypatch.setenv("GWR_USER", "a")
    gwr.ok("start", "school-no16", "--on", "2021-05-01")
    gwr.ok("start", "sewer-pipes-50km", "--on", "2021-05-01")
    ledger = isolated_home / "ledger"
    [a_file] = ledger.glob("a.*.toml")
    for author in ("b", "c"):  # copies of a's file under other names: 4 repeated ids
        (ledger / f"{author}.toml").write_text(
            a_file.read_text(encoding="utf-8").replace('by = "a"', f'by = "{author}"'), "utf-8"
        )
    lines = gwr("--lang", lang, "check").stdout.splitlines()
    heading = "台账有4处问题：" if lang == "zh" else "the ledger has 4 problems:"
    at = lines.index(heading)
    assert len([line for line in lines[at + 1 :] if str(ledger) in line]) == 4
    for path in ledger.glob("*.toml"):
        path.write_text(path.read_text(encoding="utf-8") + "extra = 1\n", "utf-8")
    result = gwr("--lang", lang, "check")
    assert result.exit_code == 1
    none = (
        "台账：3个文件均有误，未计入（见下）"
        if lang == "zh"
        else "ledger: 3 files, each with errors, not counted (below)"
    )
    heading = "台账有3处问题：" if lang == "zh" else "the ledger has 3 problems:"
    lines = result.stdout.splitlines()
    assert lines[lines.index(heading) - 1] == none


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["done", "sewr"], "unknown task 'sewr' — did you mean 'sewer-pipes-50km'?", 1),
        (["done", "school"], "task 'school' is ambiguous", 1),
        (["list", "--area", "educaton"], "did you mean 'education'?", 1),
        (["list", "--status", "finished"], "unknown status 'finished'", 1),
        (["list", "--chapter", "9"], "no such chapter", 1),
        (["done", "sewer", "--on", "2021-13-01"], "not a real date", 1),
        (["done", "sewer", "--on", "yesterday"], "not a date; use YYYY-MM-DD", 1),
        (["done", "sewer", "--on", "2999-01-01"], "in the future", 1),
        (["progress", "sewer", "-5"], "negative", 1),
        (["progress", "sewer", "lots"], "not a number", 1),
        (["progress", "preschool", "140%"], "above 100%", 1),
        (["block", "sewer"], "needs --note", 1),
        (["reopen", "sewer"], "only a done or blocked task", 1),
        (["--as-of", "2021-02-30", "list"], "not a real date", 1),
        (["--lang", "fr", "list"], "unknown language 'fr'", 1),
        (["list", "--format", "xml"], "'xml' is not one of", 2),
        (["frobnicate"], "No such command", 2),
    ],
)
def test_bad_input_one_line_error_nothing_written(gwr, ledger_dir, args, message, code):
    gwr.ok("start", "gree-park", "--on", "2021-03-01")
    before = ledger_bytes(ledger_dir)
    result = gwr(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("gwr: error: ")
    assert "Traceback" not in result.stderr
    assert ledger_bytes(ledger_dir) == before


def test_undo_with_nothing_of_yours(gwr, ledger_dir):
    gwr.ok("start", "gree-park", "--on", "2021-03-01")
    before = ledger_bytes(ledger_dir)
    result = gwr("undo", env={"GWR_USER": "someone-else"})
    assert result.exit_code == 1 and "nothing to undo: someone-else" in result.stderr
    assert ledger_bytes(ledger_dir) == before


def test_progress_on_a_finished_task_needs_reopen(gwr):
    gwr.ok("done", "sewer", "--on", "2021-05-01")
    result = gwr("progress", "sewer", "30", "--on", "2021-05-02")
    assert result.exit_code == 1 and "gwr reopen sewer-pipes-50km" in result.stderr
    gwr.ok("reopen", "sewer", "--on", "2021-05-02")
    gwr.ok("progress", "sewer", "30", "--on", "2021-05-03")


def test_user_text_is_printed_literally(gwr):
    note = "[red]验收[/red] [link=http://x]y[/link] :smile: \x1b[31mred"
    gwr.ok("note", "school-no16", note, "--on", "2021-05-01")
    out = gwr.ok("show", "school-no16").stdout
    assert "[red]验收[/red] [link=http://x]y[/link] :smile: \\x1b[31mred" in out
    assert "\x1b" not in out


def test_registry_option_env_and_home_resolution(gwr, tmp_path, isolated_home, monkeypatch):
    other = copy_registry(tmp_path / "other")
    assert str(other) in gwr.ok("--registry", str(other), "where").stdout
    monkeypatch.setenv("GWR_REGISTRY", str(other))
    assert "GWR_REGISTRY" in gwr.ok("where").stdout
    monkeypatch.delenv("GWR_REGISTRY")
    copy_registry(isolated_home)
    assert str(isolated_home / "tasks.toml") in gwr.ok("where").stdout


def test_commands_never_rewrite_the_registry(gwr, tmp_path):
    registry = copy_registry(tmp_path / "r")
    before = registry.read_bytes()
    for args in (
        ["done", "school-no16", "--on", "2021-05-01"],
        ["undo"],
        ["list"],
        ["status"],
        ["check"],
    ):
        gwr.ok("--registry", str(registry), *args)
    assert registry.read_bytes() == before
    assert SHIPPED_REGISTRY.exists()


def test_author_comes_from_gwr_user(gwr, ledger_dir):
    gwr.ok("start", "gree-park", "--on", "2021-03-01", env={"GWR_USER": "李四"})
    assert author_file(ledger_dir, "李四").exists()
    result = gwr("start", "school-no16", env={"GWR_USER": "../evil"})
    assert result.exit_code == 1 and "cannot name a ledger file" in result.stderr


def test_shell_completion_of_task_ids(gwr):
    from gwr_cli.app import complete_area, complete_task

    class Ctx:
        params: dict = {}  # noqa: RUF012

        def find_root(self):
            return self

    assert "sewer-pipes-50km" in complete_task(Ctx(), "sew")
    assert complete_area(Ctx(), "edu") == ["education"]


@pytest.mark.parametrize(
    ("argv", "commands"),
    [
        (["done", "sewer"], ["done"]),
        (["--as-of", "2021-05-01", "--lang", "zh", "list", "--area", "water"], ["list"]),
        (["indicator", "set", "gdp-growth", "6"], []),
    ],
)
def test_the_entry_point_builds_only_the_invoked_command(argv, commands):
    from gwr_cli.cli import _command_name, app, app_for

    narrowed = app_for(argv)
    assert narrowed is not app
    assert [_command_name(c) for c in narrowed.registered_commands] == commands
    assert len(app.registered_commands) > 10  # the app itself is untouched
    result = CliRunner().invoke(narrowed, argv)
    assert result.exit_code == 0, result.stderr


def test_the_entry_point_knows_the_module_of_every_command():
    # A run imports only the invoked command's module (cli.COMMAND_MODULE): a
    # command missing from the table, or named with another module, would be
    # unknown or missing on its own run.
    from gwr_cli.cli import COMMAND_MODULE, _command_name, app

    registered = {
        _command_name(c): c.callback.__module__ for c in app.registered_commands
    } | {g.name: g.typer_instance.registered_commands[0].callback.__module__
         for g in app.registered_groups}  # fmt: skip
    assert {n: f"gwr_cli.commands.{m}" for n, m in COMMAND_MODULE.items()} == registered
    for name in COMMAND_MODULE:
        code = subprocess.run(
            [sys.executable, "-c", "import sys; from gwr_cli.cli import app_for, _command_name; "
             f"a = app_for([{name!r}]); assert [_command_name(c) for c in a.registered_commands]"
             f" + [g.name for g in a.registered_groups] == [{name!r}]"],
            capture_output=True, text=True,
        )  # fmt: skip
        assert code.returncode == 0, (name, code.stderr)


@pytest.mark.parametrize("argv", [[], ["--help"], ["--version"], ["frobnicate"]])
def test_help_version_and_unknown_commands_get_the_whole_app(argv):
    from gwr_cli.cli import app, app_for

    assert app_for(argv) is app


def test_entry_point_knows_every_root_option_that_takes_a_value():
    """app_for skips root options by a fixed list; it must match the app's own."""
    from typer.main import get_command

    from gwr_cli.app import _value_options
    from gwr_cli.cli import app
    from gwr_cli.fast_spec import ROOT_OPTIONS

    assert _value_options(get_command(app)) == set(ROOT_OPTIONS)


def test_status_grouped_by_chapter(gwr):
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    out = gwr.ok("--lang", "zh", "status", "--by", "chapter", "--as-of", "2021-06-01").stdout
    lines = out.splitlines()
    assert lines[1].split()[0] == "章节"
    chapter_5 = next(line for line in lines if line.startswith("5. "))
    assert "1/" in chapter_5
    assert lines[-4].split()[:2] == ["合计", "1/73"]
    assert lines[-1].startswith("亮灯：红灯")
    data = json.loads(gwr.ok("status", "--by", "chapter", "--format", "json").stdout)
    assert [g["key"] for g in data["groups"]] == ["1", "2", "3", "4", "5", "6"]
    assert sum(g["counts"]["total"] for g in data["groups"]) == data["counts"]["total"] == 73


HELP_PAGES = [
    [],
    *[[name] for name in ("list", "show", "status", "units", "start", "done", "progress")],
    *[[name] for name in ("block", "note", "reopen", "undo", "summary", "export", "site")],
    ["draft"],
    ["indicator"],
    ["indicator", "set"],
    ["indicator", "list"],
    ["collect"],
    ["collect", "template"],
    ["collect", "import"],
    ["collect", "status"],
]


@pytest.mark.parametrize("argv", HELP_PAGES)
def test_help_at_80_columns_lists_whole_lines_and_names_what_each_option_takes(gwr, argv):
    # A command's one line is never cut to "..."; an option names what it takes
    # (DATE, TEXT, UNIT…), never the type's <str>.
    page = gwr.ok(*argv, "--help", env={"COLUMNS": "80"}).stdout
    assert "..." not in page.replace("FILE...", "").replace("[ARGS]...", "")
    assert "<str>" not in page and "<int>" not in page and "<path>" not in page


@pytest.mark.parametrize(
    ("argv", "english"),
    [
        (["--lang", "zh", "status", "--lang", "en"], True),
        (["--lang", "en", "status", "--lang", "zh"], False),
        (["--lang", "zh", "--lang", "en", "status"], True),
        (["status", "--lang", "zh", "--lang", "en"], True),
    ],
)
def test_a_root_option_typed_twice_counts_as_last_typed(gwr, argv, english):
    """A root option typed before and after the command: the last one typed
    counts, as for any option given twice (the one before the command won,
    and a bad value after it was never even looked at)."""
    out = gwr.ok(*argv).stdout
    assert ("As of" in out or "as of" in out) is english
    assert ("截至" in out) is not english


@pytest.mark.parametrize(
    "argv", [["--lang", "zh", "status", "--lang", "fr"], ["--lang", "", "status"]]
)
def test_a_later_or_empty_unknown_language_is_refused(gwr, argv):
    result = gwr(*argv)
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and "zh or en" in result.stderr


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (
            ["list", "--key=3"],
            "选项--key不接受值（参见`gwr list --help`）",
            "(see `gwr list --help`)",
        ),
        (
            ["list", "--area"],
            "选项--area需要一个值（参见`gwr list --help`）",
            "(see `gwr list --help`)",
        ),
        (["progress"], "缺少参数ID（参见`gwr progress --help`）", "Missing argument 'ID'"),
        (
            ["collect", "status", "--month=x", "--unit"],
            "（参见`gwr collect status --help`）",
            "(see `gwr collect status --help`)",
        ),
    ],
)
def test_usage_errors_say_what_and_point_at_the_commands_help(argv, zh, en):
    """Click raises some parsing errors without a context: they were worded
    "命令行用法有误" alone in Chinese and pointed at no help in either language."""
    for lang, said in (("zh", zh), ("en", en)):
        result = run_installed("--lang", lang, *argv)
        assert result.returncode == 2, result.stderr
        assert result.stderr.count("\n") == 1 and said in result.stderr, result.stderr
