"""An option given twice is never silently dropped (Click keeps the last one).

`gwr list`'s filters take several values: the same filter twice means either
value, different filters narrow together (as Taskwarrior's `project:A
project:B`). Every other option of every command takes one value: given
twice it is refused with one line naming it, in the user's language, exit 2,
nothing written. Root options keep "the last one typed counts" (README)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import run_installed
from gwr_cli.cli import whole_app

FICTIONAL = Path(__file__).parent / "data" / "assignments.toml"
AS_OF = "2021-07-01"


@pytest.fixture
def assigned(isolated_home: Path) -> Path:
    """The fictional 分工 (tests/data/assignments.toml) in $GWR_HOME."""
    isolated_home.mkdir(parents=True, exist_ok=True)
    target = isolated_home / "assignments.toml"
    shutil.copy(FICTIONAL, target)
    return target


def _ids(gwr, *args: str) -> set[str]:
    result = gwr.ok("--as-of", AS_OF, "list", *args, "--format", "json")
    return {record["id"] for record in json.loads(result.stdout)}


@pytest.fixture
def some_history(gwr):
    """A few tasks done, started and blocked, so statuses and schedules differ."""
    gwr.ok("done", "school-no16", "--on", "2021-05-01")
    gwr.ok("progress", "sewer", "30", "--on", "2021-06-01")
    gwr.ok("block", "mall-haiyin", "--on", "2021-04-01", "--note", "资金")


# --- list: a filter given twice means either value ------------------------------------


@pytest.mark.parametrize(
    ("option", "first", "second"),
    [
        ("--unit", "区教育局", "区水务局"),
        ("--leader", "区领导乙", "区领导丙"),
        ("--tag", "民生实事", "民生实事"),  # the same value twice: the same tasks
        ("--area", "education", "water"),
        ("--status", "done", "blocked"),
        ("--chapter", "3", "4"),
        ("--schedule", "done", "ahead"),
        ("--light", "green", "red"),
        ("--search", "污水", "school-no16"),
    ],
)
def test_a_list_filter_given_twice_lists_the_tasks_of_either_value(
    gwr, assigned, some_history, option, first, second
):
    one, other = _ids(gwr, option, first), _ids(gwr, option, second)
    assert one and other  # each value alone lists something: the union is a real test
    both = _ids(gwr, option, first, option, second)
    assert both == one | other
    if first != second:
        assert both != one and both != other  # Click kept only the last value


def test_different_filters_narrow_together_and_repeated_ones_widen(gwr, assigned, some_history):
    units = _ids(gwr, "--unit", "区教育局", "--unit", "区水务局")
    done = _ids(gwr, "--status", "done")
    assert _ids(gwr, "--unit", "区教育局", "--status", "done", "--unit", "区水务局") == (
        units & done
    )
    assert units & done == {"school-no16"}
    assert _ids(gwr, "--area", "education", "--area", "water", "--chapter", "6") == (
        (_ids(gwr, "--area", "education") | _ids(gwr, "--area", "water"))
        & _ids(gwr, "--chapter", "6")
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_units_list_each_task_with_the_role_of_either(gwr, assigned, lang):
    # 区水务局 leads the sewers and supports the demolition; 区教育局 leads two schools.
    args = ("--lang", lang, "--as-of", AS_OF, "list", "--unit", "区教育局", "--unit", "水务")
    records = json.loads(gwr.ok(*args, "--format", "json").stdout)
    assert {r["id"]: r["role"] for r in records} == {
        "sewer-pipes-50km": "lead",
        "admin-centre-demolition": "partner",
        "school-no16": "lead",
        "kindergartens-open-5": "lead",
    }
    table = gwr.ok(*args).stdout
    rows = {line.split()[0]: line.rstrip() for line in table.splitlines()[1:]}
    lead, partner = ("牵头", "配合") if lang == "zh" else ("lead", "partner")
    assert set(rows) == {r["id"] for r in records}
    assert rows["school-no16"].endswith(lead) and rows["sewer-pipes-50km"].endswith(lead)
    assert rows["admin-centre-demolition"].endswith(partner)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_unknown_value_among_several_is_refused_in_the_users_language(gwr, assigned, lang):
    result = gwr("--lang", lang, "list", "--unit", "区教育局", "--unit", "公安局")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert "公安局" in result.stderr and result.stdout == ""
    bad_area = gwr("--lang", lang, "list", "--area", "education", "--area", "nosuch")
    assert bad_area.exit_code == 1 and "nosuch" in bad_area.stderr


# --- every other option: given twice, refused -----------------------------------------


def _commands() -> list[tuple[str, object]]:
    """(command words, Click command) for every command, groups' included."""
    from typer.main import get_command

    group = get_command(whole_app())
    commands = []
    for name, command in group.commands.items():
        subs = getattr(command, "commands", None)
        if subs:
            commands += [(f"{name} {sub}", subcommand) for sub, subcommand in subs.items()]
        else:
            commands.append((name, command))
    return commands


def _value_options() -> list[tuple[str, list[str], object]]:
    """(command words, the arguments it needs, option) for every option of one
    value of every command: what Click would keep only the last of."""
    found = []
    for words, command in _commands():
        arguments = {"indicator set": ["gdp-growth", "6.5"], "progress": ["sewer", "10"]}
        needed = arguments.get(words) or [
            "school-no16" if p.name == "task_id" else "x"
            for p in command.params
            if p.param_type_name == "argument" and p.required
        ]
        for param in command.params:
            if param.param_type_name != "option" or param.is_flag or param.multiple:
                continue
            required = [
                token
                for other in command.params
                if other.param_type_name == "option" and other.required and other is not param
                for token in (other.opts[0], "required-value")
            ]
            found.append((words, [*needed, *required], param))
    return found


VALUE_OPTIONS = _value_options()


def _two_values(param) -> tuple[str, str]:
    choices = getattr(param.type, "choices", None)
    if choices:
        return str(choices[0]), str(choices[1])
    if param.type.name in ("integer", "float"):
        return "1", "2"
    return "2021-W19", "2021-W20"  # text: a period for --week, a note for --note


def test_every_command_refuses_a_repeat():
    from gwr_cli.app import GwrCommand

    commands = _commands()
    assert len(commands) > 20
    assert all(isinstance(command, GwrCommand) for _, command in commands)


def test_the_options_of_one_value_are_every_command_s():
    # The list below is derived from the declarations: a new command's options are
    # held to the rule without being named here. These must be among them.
    held = {(words, param.opts[0]) for words, _, param in VALUE_OPTIONS}
    for expected in [
        ("summary", "--week"),
        ("summary", "--month"),
        ("summary", "--format"),
        ("summary", "--output"),
        ("export", "--format"),
        ("status", "--by"),
        ("list", "--format"),
        ("done", "--note"),
        ("progress", "--unit"),
        ("note", "--on"),
        ("undo", "--note"),
        ("collect template", "--unit"),
        ("collect import", "--unit"),
        ("collect status", "--week"),
        ("indicator set", "--note"),
        ("indicator list", "--format"),
        ("site", "--output"),
        ("site", "--base-url"),
        ("draft", "--assignments"),
    ]:
        assert expected in held
    # The list filters take several values: not in this list.
    assert not {o for w, _, p in VALUE_OPTIONS if w == "list" for o in p.opts} & {
        "--unit", "--area", "--status", "--chapter", "--schedule", "--leader", "--tag",
        "--light", "--search",
    }  # fmt: skip


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("words", "needed", "param"),
    VALUE_OPTIONS,
    ids=[f"{words} {param.opts[0]}" for words, _, param in VALUE_OPTIONS],
)
def test_an_option_of_one_value_given_twice_is_refused(
    words, needed, param, lang, isolated_home, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)  # where --output x would be written
    first, second = _two_values(param)
    option = param.opts[0]
    argv = ["--lang", lang, *words.split(), *needed, option, first, f"{option}={second}"]
    result = CliRunner().invoke(whole_app(), argv)
    assert result.exit_code == 2, (argv, result.stdout, result.stderr)
    assert result.stdout == "" and result.stderr.count("\n") == 1
    said = result.stderr
    if lang == "zh":
        assert said.startswith("gwr：错误：选项" + option + "给了2次")
        assert f"“{first}”、“{second}”" in said and "请只给一次" in said
    else:
        assert said.startswith(f"gwr: error: option {option} was given 2 times")
        assert f"'{first}', '{second}'" in said and "give it once" in said
    assert f" {words} --help" in said
    # Nothing written: no ledger, no output file or folder.
    assert not (isolated_home / "ledger").exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_two_units_for_one_template_point_at_all(gwr, assigned, lang, tmp_path):
    result = gwr("--lang", lang, "collect", "template", "--unit", "区教育局", "--unit",
                 "区水务局", "--output", str(tmp_path / "t.xlsx"))  # fmt: skip
    assert result.exit_code == 2 and "--all" in result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_help_answers_even_with_an_option_given_twice(gwr):
    helped = gwr("summary", "--week", "last", "--week", "this", "--help")
    assert helped.exit_code == 0
    assert helped.stdout.startswith("Usage: ") and " summary [OPTIONS]" in helped.stdout


def test_a_flag_given_twice_is_the_flag(gwr, assigned):
    assert _ids(gwr, "--key", "--key") == _ids(gwr, "--key")


def test_root_options_given_twice_still_take_the_last_one_typed(gwr):
    # By design (README, app.hoist_global_options): not a filter but a setting.
    shown = gwr.ok("--lang", "zh", "where", "--lang", "en").stdout
    assert shown.startswith("registry:")


# --- the installed gwr: the fast path and Typer agree ---------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_installed_gwr_lists_either_unit_and_refuses_a_period_given_twice(
    assigned, isolated_home, lang
):
    env = {"GWR_LANG": lang}
    listed = run_installed("--as-of", AS_OF, "list", "--unit", "区教育局", "--unit", "区水务局",
                           "--format", "json", env=env)  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert {r["id"] for r in json.loads(listed.stdout)} == {
        "school-no16", "kindergartens-open-5", "sewer-pipes-50km", "admin-centre-demolition"
    }  # fmt: skip
    refused = run_installed("summary", "--week", "2021-W19", "--week", "2021-W20",
                            "--output", "week.md", "--format", "markdown", env=env,
                            cwd=isolated_home)  # fmt: skip
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    assert "2021-W19" in refused.stderr and "2021-W20" in refused.stderr
    assert ("给了2次" if lang == "zh" else "was given 2 times") in refused.stderr
    assert not (isolated_home / "week.md").exists()
    recorded = run_installed("done", "school-no16", "--note", "一", "--note", "二", env=env)
    assert recorded.returncode == 2 and "--note" in recorded.stderr
    assert not (isolated_home / "ledger").exists()
